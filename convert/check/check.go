package check

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// T3Columns are the value columns of table 三, in order.
var T3Columns = []string{"natural", "commercial", "research", "social", "legal", "other_org", "total"}

// t3ColumnNames are the Chinese names of T3Columns.
var t3ColumnNames = map[string]string{
	"natural": "自然人", "commercial": "商业企业", "research": "科研机构", "social": "社会公益组织",
	"legal": "法律服务机构", "other_org": "其他组织", "total": "总计",
}

// T4Blocks are the blocks of table 四 and their Chinese names.
var T4Blocks = []string{"review", "suit_direct", "suit_after_review"}

var t4BlockNames = map[string]string{"review": "行政复议", "suit_direct": "行政诉讼（未经复议直接起诉）", "suit_after_review": "行政诉讼（复议后起诉）"}

// Run appends the findings of every single-report check to r.Findings.
// Findings of an earlier Run with the same ids are replaced, so Run can be
// called again after a model changed.
func Run(r *model.Report) {
	out := make([]model.Finding, 0, 64)
	if r.Meta.Edition.HasTables() {
		for _, ru := range rules(r.Meta.Edition) {
			out = append(out, equation(r, ru.id, ru.what, ru.left, ru.right, ru.keys))
		}
		out = append(out, nonNegative(r)...)
	}
	if f, ok := textNew(r); ok {
		out = append(out, f)
	}
	out = append(out, year(r))
	if f, ok := edition(r); ok {
		out = append(out, f)
	}
	kept := r.Findings[:0:0]
	ids := map[string]bool{}
	for _, f := range out {
		ids[f.ID] = true
	}
	for _, f := range r.Findings {
		if !ids[f.ID] && !isCheckID(f.ID) {
			kept = append(kept, f)
		}
	}
	r.Findings = append(kept, out...)
}

func isCheckID(id string) bool {
	for _, p := range []string{"T3-BALANCE.", "T3-RESULTS.", "T3-ROWSUM.", "T4-TOTAL.", "NONNEG", "YEAR", "TEXT-NEW"} {
		if strings.HasPrefix(id, p) {
			return true
		}
	}
	return false
}

// equation evaluates sum(left) = sum(right) over the report's cells.
// keys is left followed by right; it is shared, not copied, by the finding.
func equation(r *model.Report, id, what string, left, right, keys []string) model.Finding {
	f := model.Finding{ID: id, Keys: keys}
	// The message names the first two cells without a number (describing
	// them is most of the cost of a check, so only those are described).
	var unsure []string
	n := 0
	for _, k := range keys {
		c := r.Cells[k]
		if !c.HasNumber() {
			if n < 2 {
				unsure = append(unsure, describe(r, k, c))
			}
			n++
		}
	}
	if n > 0 {
		if n > 2 {
			unsure = append(unsure, fmt.Sprintf("等共%d处", n))
		}
		f.Status = model.Uncertain
		f.Message = fmt.Sprintf("%s：无法判断，%s", what, strings.Join(unsure, "，"))
		return f
	}
	ls, rs := sum(r, left), sum(r, right)
	if math.Abs(ls-rs) <= 1e-6 {
		// A pass says the sums; a failure shows both sides term by term.
		f.Status = model.Pass
		f.Message = what + "：" + model.FormatNumber(ls) + " = " + model.FormatNumber(rs)
		return f
	}
	f.Status = model.Fail
	f.Message = fmt.Sprintf("%s：%s ≠ %s（%s ≠ %s）", what, side(r, left), side(r, right),
		model.FormatNumber(ls), model.FormatNumber(rs))
	if len(left) == 1 || len(right) == 1 {
		f.Message = fmt.Sprintf("%s：%s ≠ %s", what, side(r, left), side(r, right))
		if len(left) > 1 || len(right) > 1 {
			f.Message += fmt.Sprintf("（%s ≠ %s）", model.FormatNumber(ls), model.FormatNumber(rs))
		}
	}
	return f
}

func limit(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(s[:n:n], fmt.Sprintf("等共%d处", len(s)))
}

func sum(r *model.Report, keys []string) float64 {
	t := 0.0
	for _, k := range keys {
		t += r.Cells[k].Value
	}
	return t
}

func side(r *model.Report, keys []string) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = model.FormatNumber(r.Cells[k].Value)
	}
	return strings.Join(parts, " + ")
}

// describe says in Chinese why a cell cannot be used.
func describe(r *model.Report, key string, c *model.Cell) string {
	label := templates.Default().Label(r.Meta.Edition, key)
	switch {
	case c == nil || c.Kind == model.KindMissing:
		return label + "缺失"
	case c.Kind == model.KindBlank:
		return label + "为空"
	case c.Kind == model.KindNone:
		return fmt.Sprintf("%s为“%s”", label, c.Raw)
	case c.Kind == model.KindText:
		return fmt.Sprintf("%s无法读作数字（“%s”）", label, c.Raw)
	default:
		return fmt.Sprintf("%s存疑（%s）", label, c.Doubt)
	}
}

func t3(row, col string) string { return "t3." + row + "." + col }

var t3RowsCache sync.Map // model.Edition → []string

// t3Rows returns the row ids of table 三 of an edition, in order.
func t3Rows(ed model.Edition) []string {
	if v, ok := t3RowsCache.Load(ed); ok {
		return v.([]string)
	}
	var rows []string
	seen := map[string]bool{}
	for _, k := range templates.Default().Table(ed, "t3").Keys {
		row := strings.Split(k, ".")[1]
		if !seen[row] {
			seen[row] = true
			rows = append(rows, row)
		}
	}
	t3RowsCache.Store(ed, rows)
	return rows
}

// resultRows are the leaf rows of 三、本年度办理结果 that add up to （七）总计.
func resultRows(ed model.Edition) []string {
	var out []string
	for _, row := range t3Rows(ed) {
		switch row {
		case "new", "carried_over", "total", "carried_forward":
		default:
			out = append(out, row)
		}
	}
	return out
}

// rule is one equation check: sum(left) = sum(right).
type rule struct {
	id          string
	what        string // what the equation says, for the message
	left, right []string
	keys        []string // left then right, shared by the findings
}

var rulesCache sync.Map // model.Edition → []rule

// rules returns the equation checks of an edition, built once: T3-BALANCE,
// T3-RESULTS, T3-ROWSUM and T4-TOTAL with the keys each one reads.
func rules(ed model.Edition) []rule {
	if v, ok := rulesCache.Load(ed); ok {
		return v.([]rule)
	}
	var out []rule
	set := templates.Default()
	for _, col := range T3Columns {
		name := t3ColumnNames[col]
		// new + carried_over = total + carried_forward, for each column.
		out = append(out, rule{id: "T3-BALANCE." + col,
			what:  fmt.Sprintf("表三%s列 本年新收+上年结转=办理结果总计+结转下年度", name),
			left:  []string{t3("new", col), t3("carried_over", col)},
			right: []string{t3("total", col), t3("carried_forward", col)}})
	}
	rows := resultRows(ed)
	for _, col := range T3Columns {
		name := t3ColumnNames[col]
		// （七）总计 = the sum of the result rows, for each column.
		right := make([]string, len(rows))
		for i, row := range rows {
			right[i] = t3(row, col)
		}
		out = append(out, rule{id: "T3-RESULTS." + col,
			what: fmt.Sprintf("表三%s列 （七）总计=各项办理结果之和", name),
			left: []string{t3("total", col)}, right: right})
	}
	for _, row := range t3Rows(ed) {
		// The six applicant columns add up to 总计, for each row.
		left := make([]string, 0, 6)
		for _, col := range T3Columns[:6] {
			left = append(left, t3(row, col))
		}
		total := t3(row, "total")
		out = append(out, rule{id: "T3-ROWSUM." + row,
			what: fmt.Sprintf("表三“%s”行 六类申请人之和=总计", strings.TrimSuffix(set.Label(ed, total), " / 总计")),
			left: left, right: []string{total}})
	}
	for _, b := range T4Blocks {
		// upheld + corrected + other + pending = total, per block.
		p, name := "t4."+b+".", t4BlockNames[b]
		out = append(out, rule{id: "T4-TOTAL." + b,
			what:  fmt.Sprintf("表四%s 结果维持+结果纠正+其他结果+尚未审结=总计", name),
			left:  []string{p + "upheld", p + "corrected", p + "other", p + "pending"},
			right: []string{p + "total"}})
	}
	for i := range out {
		out[i].keys = append(append([]string{}, out[i].left...), out[i].right...)
	}
	rulesCache.Store(ed, out)
	return out
}

// nonNegative: the counts of tables 三 and 四 are whole numbers ≥ 0.
func nonNegative(r *model.Report) []model.Finding {
	set := templates.Default()
	var bad []model.Finding
	for _, id := range []string{"t3", "t4"} {
		for _, k := range set.Table(r.Meta.Edition, id).Keys {
			c := r.Cells[k]
			if c == nil || c.Kind != model.KindNumber {
				continue
			}
			if c.Value < 0 || !c.IsInteger() || c.Unit == "元" || c.Unit == "万元" {
				bad = append(bad, model.Finding{ID: "NONNEG", Status: model.Fail, Keys: []string{k}, Line: c.Line,
					Message: fmt.Sprintf("%s应为非负整数（件数），原文为“%s”", set.Label(r.Meta.Edition, k), c.Raw)})
			}
		}
	}
	if len(bad) > 0 {
		return bad
	}
	return []model.Finding{{ID: "NONNEG", Status: model.Pass, Keys: nil, Message: "表三、表四的数值均为非负整数"}}
}

// year: the report year is found and its sources agree.
func year(r *model.Report) model.Finding {
	m := r.Meta
	if len(m.YearSources) == 0 || m.Year == 0 {
		return model.Finding{ID: "YEAR", Status: model.Uncertain, Message: "未能确定报告年度（标题、统计期限、总体情况和落款日期中都没有找到年份）"}
	}
	byYear := map[int][]string{}
	for _, s := range m.YearSources {
		desc := s.Source
		if s.Line > 0 {
			desc = fmt.Sprintf("%s（第%d行“%s”）", s.Source, s.Line, s.Text)
		} else if s.Text != "" {
			desc = fmt.Sprintf("%s（“%s”）", s.Source, s.Text)
		}
		byYear[s.Year] = append(byYear[s.Year], desc)
	}
	if len(byYear) == 1 {
		var srcs []string
		for _, s := range m.YearSources {
			srcs = append(srcs, s.Source)
		}
		return model.Finding{ID: "YEAR", Status: model.Pass,
			Message: fmt.Sprintf("报告年度为%d年（依据：%s）", m.Year, strings.Join(srcs, "、"))}
	}
	years := make([]int, 0, len(byYear))
	for y := range byYear {
		years = append(years, y)
	}
	sort.Ints(years)
	var parts []string
	for _, y := range years {
		parts = append(parts, fmt.Sprintf("%d年：%s", y, strings.Join(byYear[y], "、")))
	}
	return model.Finding{ID: "YEAR", Status: model.Fail,
		Message: fmt.Sprintf("报告年度来源不一致，暂按优先级最高的“%s”取%d年，请核对。%s",
			m.YearSources[0].Source, m.Year, strings.Join(parts, "；"))}
}

// edition: labels of one edition only; a 2019 table in a 2021+ report is a warning.
func edition(r *model.Report) (model.Finding, bool) {
	m := r.Meta
	s19, s21 := m.EditionSignals[model.Edition2019], m.EditionSignals[model.Edition2021]
	switch {
	case !m.Edition.HasTables():
		return model.Finding{}, false
	case len(s19) > 0 && len(s21) > 0:
		return model.Finding{ID: "EDITION", Status: model.Fail,
			Message: fmt.Sprintf("表格混用了两版格式的标签：2019版（%s）与2021版（%s），按%s版读取",
				strings.Join(s19, "、"), strings.Join(s21, "、"), m.Edition)}, true
	case m.Edition == model.Edition2019 && m.Year >= 2021:
		return model.Finding{ID: "EDITION", Status: model.Warning,
			Message: fmt.Sprintf("%d年度的报告仍使用2019版表格（2021年起应使用国办公开办函〔2021〕30号格式）", m.Year)}, true
	case m.Edition == model.Edition2021 && m.Year > 0 && m.Year < 2021:
		return model.Finding{ID: "EDITION", Status: model.Warning,
			Message: fmt.Sprintf("%d年度的报告使用了2021版表格", m.Year)}, true
	case m.Edition == model.Edition2019 && m.Year > 0 && m.Year < 2019:
		return model.Finding{ID: "EDITION", Status: model.Warning,
			Message: fmt.Sprintf("报告年度为%d年，但表格为2019版格式（适用于2019年及以后的报告）", m.Year)}, true
	case len(s19)+len(s21) == 0:
		return model.Finding{}, false // the reader already said how it decided
	}
	sig := s19
	if m.Edition == model.Edition2021 {
		sig = s21
	}
	return model.Finding{ID: "EDITION", Status: model.Pass,
		Message: fmt.Sprintf("表格为%s版格式（依据标签：%s）", m.Edition, strings.Join(limit(sig, 4), "、"))}, true
}

// reTextNew finds the sentence of 总体情况 that states the number of
// requests received: 共受理政府信息公开申请15件, 收到依申请公开事项3件.
var reTextNew = regexp.MustCompile(`(?:受理|收到|接收|新收)[^。；;，,]{0,10}?(?:政府信息公开申请|依申请公开(?:申请|事项)?)(?:共计|共)?\s*(\d+)\s*(?:件|个|条)`)

// findTextNew runs reTextNew only around the places that mention 申请:
// part 一 can be long, and the expression is not cheap.
func findTextNew(text string) []string {
	for i := 0; ; {
		j := strings.Index(text[i:], "申请")
		if j < 0 {
			return nil
		}
		j += i
		from, to := max(0, j-36), min(len(text), j+60)
		// Cut the window at rune boundaries.
		for from > 0 && !utf8.RuneStart(text[from]) {
			from--
		}
		for to < len(text) && !utf8.RuneStart(text[to]) {
			to++
		}
		if m := reTextNew.FindStringSubmatch(text[from:to]); m != nil {
			return m
		}
		i = j + len("申请")
	}
}

// textNew is the optional, low-severity check of docs/checks.md: a number of
// requests stated in part 一 should agree with t3.new.total. It only warns.
func textNew(r *model.Report) (model.Finding, bool) {
	if !r.Meta.Edition.HasTables() {
		return model.Finding{}, false
	}
	m := findTextNew(r.Parts[0].Text)
	if m == nil {
		return model.Finding{}, false
	}
	stated, err := strconv.Atoi(m[1])
	c := r.Cells["t3.new.total"]
	if err != nil || !c.HasNumber() {
		return model.Finding{}, false
	}
	f := model.Finding{ID: "TEXT-NEW", Keys: []string{"t3.new.total"}}
	if float64(stated) == c.Value {
		f.Status = model.Pass
		f.Message = fmt.Sprintf("总体情况所述“%s”与表三本年新收申请总计 %s 一致", m[0], model.FormatNumber(c.Value))
	} else {
		f.Status = model.Warning
		f.Message = fmt.Sprintf("总体情况所述“%s”与表三本年新收申请总计 %s 不一致（正文可能另有口径，请核对）", m[0], model.FormatNumber(c.Value))
	}
	return f, true
}

package check

import (
	"fmt"
	"math"
	"math/big"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// Options configure RunWith.
type Options struct {
	// Specs are the table specs the report was read against; nil means the
	// embedded editions. The equations come from the report's edition in
	// it (templates.Set.Equations).
	Specs *templates.Set
}

// Run appends the findings of every single-report check to r.Findings,
// with the embedded specs. Findings of an earlier Run with the same ids are
// replaced, so Run can be called again after a model changed.
func Run(r *model.Report) { RunWith(r, Options{}) }

// RunWith is Run with the spec set the report was read against.
func RunWith(r *model.Report, o Options) {
	set := o.Specs
	if set == nil {
		set = templates.Default()
	}
	// The findings the reader made are kept, those of an earlier Run
	// dropped; the checks' findings follow them in the same slice.
	prev := r.Findings
	nk := 0
	for _, f := range prev {
		if !isCheckID(set, f.ID) {
			nk++
		}
	}
	out := make([]model.Finding, nk, nk+len(set.Equations(r.Meta.Edition))+8)
	nk = 0
	for _, f := range prev {
		if !isCheckID(set, f.ID) {
			out[nk] = f
			nk++
		}
	}
	if set.Has(r.Meta.Edition) {
		ix := indexOf(set, r.Meta.Edition)
		cells := ix.cells(r)
		eqs := set.Equations(r.Meta.Edition)
		whats := equationWhats(set, r.Meta.Edition)
		eqPos := ix.eqPos
		if len(r.StandIns) > 0 {
			eqs, whats, eqPos = standInEquations(set, r, eqs), nil, nil
		}
		// The messages of passing equations are written into one
		// buffer and cut from one string (msgBuf).
		var at [64]msgAt
		mb := msgBuf{b: getMsgBytes(ix.msgCap), at: at[:0]}
		for i, q := range eqs {
			var what string
			if whats != nil {
				what = whats[i]
			} else {
				what = q.What()
			}
			var pos []int
			var split bool
			if eqPos != nil {
				pos, split = eqPos[i], ix.eqSplit[i]
			} else {
				split = isSplit(q.Left, q.Right, q.Keys)
			}
			f, from := evalEquation(set, r, cells, pos, q.ID, what, q.Left, q.Right, q.Keys, split, &mb)
			if from >= 0 {
				mb.at = append(mb.at, msgAt{len(out), from, len(mb.b)})
			}
			out = append(out, f)
		}
		mb.flush(out)
		out = append(out, nonNegative(set, r, ix, cells)...)
		out = append(out, valueRange(set, r, ix, cells)...)
	}
	if f, ok := textNew(set, r); ok {
		out = append(out, f)
	}
	out = append(out, year(r))
	if f, ok := edition(set, r); ok {
		out = append(out, f)
	}
	// A kept finding with the id of a new one (the reader's EDITION) is
	// replaced by it.
	checks := out[nk:]
	kept := out[:0]
	for _, f := range out[:nk] {
		if !hasID(checks, f.ID) {
			kept = append(kept, f)
		}
	}
	if len(kept) < nk {
		kept = append(kept, checks...)
		clear(out[len(kept):])
		out = kept
	}
	r.Findings = out
}

// hasID reports whether one of fs has the id.
func hasID(fs []model.Finding, id string) bool {
	for i := range fs {
		if fs[i].ID == id {
			return true
		}
	}
	return false
}

type whatsKey model.Edition

type indexKey model.Edition

// keyIndex numbers the keys of an edition (templates.Set.Keys), so that a
// run looks each cell up once: the equations and the tables name their
// keys by those numbers.
type keyIndex struct {
	keys []string
	// eqPos gives, for each equation of set.Equations, the number of each
	// of its keys (-1 for a key the edition does not have).
	eqPos [][]int
	// tablePos gives the numbers of each table's keys, in set.Tables order.
	tablePos [][]int
	// eqSplit says for each equation whether its keys are its left side
	// followed by its right side (isSplit).
	eqSplit []bool
	// msgCap is room for the messages of every equation passing (msgBuf).
	msgCap int
}

// msgBuf collects the messages of the passing equations of a run in one
// buffer; flush makes it one string and cuts each message from it, instead
// of allocating every message on its own.
type msgBuf struct {
	b  []byte
	at []msgAt
}

// msgAt is where the message of the finding numbered finding lies in
// msgBuf.b.
type msgAt struct{ finding, from, to int }

// flush sets the messages of the findings of out that msgBuf holds, and
// gives the buffer back for reuse.
func (m *msgBuf) flush(out []model.Finding) {
	s := string(m.b)
	for _, a := range m.at {
		out[a.finding].Message = s[a.from:a.to]
	}
	if cap(m.b) <= maxPooledMsgBytes {
		b := m.b[:0]
		msgBytes.Put(&b)
	}
	m.b = nil
}

// msgBytes recycles msgBuf's buffers (they become garbage at the end of
// every run); maxPooledMsgBytes bounds the ones kept.
var msgBytes sync.Pool

const maxPooledMsgBytes = 1 << 16

// getMsgBytes returns an empty buffer with room for n bytes.
func getMsgBytes(n int) []byte {
	if p, ok := msgBytes.Get().(*[]byte); ok && cap(*p) >= n {
		return (*p)[:0]
	}
	return make([]byte, 0, n)
}

// isSplit reports whether keys is left followed by right, so that an
// equation's sums can be made in the pass over its keys.
func isSplit(left, right, keys []string) bool {
	return len(keys) == len(left)+len(right) && slices.Equal(keys[:len(left)], left) && slices.Equal(keys[len(left):], right)
}

// indexOf returns the key numbers of an edition, built once per set.
func indexOf(set *templates.Set, ed model.Edition) *keyIndex {
	return set.Memo(indexKey(ed), func() any {
		ix := &keyIndex{keys: set.Keys(ed)}
		pos := make(map[string]int, len(ix.keys))
		for i, k := range ix.keys {
			if _, ok := pos[k]; !ok {
				pos[k] = i
			}
		}
		number := func(keys []string) []int {
			out := make([]int, len(keys))
			for i, k := range keys {
				if p, ok := pos[k]; ok {
					out[i] = p
				} else {
					out[i] = -1
				}
			}
			return out
		}
		for _, q := range set.Equations(ed) {
			ix.eqPos = append(ix.eqPos, number(q.Keys))
			ix.eqSplit = append(ix.eqSplit, isSplit(q.Left, q.Right, q.Keys))
			// "what：total = total" with totals of up to 20 digits.
			ix.msgCap += len(q.What()) + len("：") + 2*20 + len(" = ")
		}
		for _, t := range set.Tables(ed) {
			ix.tablePos = append(ix.tablePos, number(t.Keys))
		}
		return ix
	}).(*keyIndex)
}

// cells returns the report's cell of every key, by number (nil where the
// report has none).
func (ix *keyIndex) cells(r *model.Report) []*model.Cell {
	out := make([]*model.Cell, len(ix.keys))
	for i, k := range ix.keys {
		out[i] = r.Cells[k]
	}
	return out
}

// cell returns the cell of key k, numbered p (-1: not numbered).
func cell(r *model.Report, cells []*model.Cell, p int, k string) *model.Cell {
	if p >= 0 {
		return cells[p]
	}
	return r.Cells[k]
}

// equationWhats returns the descriptions (Equation.What) of the edition's
// equations, in the order of set.Equations, built once per set.
func equationWhats(set *templates.Set, ed model.Edition) []string {
	return set.Memo(whatsKey(ed), func() any {
		eqs := set.Equations(ed)
		out := make([]string, len(eqs))
		for i, q := range eqs {
			out[i] = q.What()
		}
		return out
	}).([]string)
}

func isCheckID(set *templates.Set, id string) bool {
	for _, p := range []string{"NONNEG", "VALUE-RANGE", "YEAR", "TEXT-NEW"} {
		if strings.HasPrefix(id, p) {
			return true
		}
	}
	for _, p := range ruleIDs(set) {
		if len(id) > len(p) && id[len(p)] == '.' && strings.HasPrefix(id, p) {
			return true
		}
	}
	return false
}

type ruleIDsKey struct{}

// ruleIDs is set.RuleIDs, built once per set.
func ruleIDs(set *templates.Set) []string {
	return set.Memo(ruleIDsKey{}, func() any { return set.RuleIDs() }).([]string)
}

// equation evaluates sum(left) = sum(right) over the report's cells.
// keys is left followed by right; it is shared, not copied, by the finding.
// pos numbers keys (keyIndex), or is nil: the cells are then looked up by key.
func equation(set *templates.Set, r *model.Report, cells []*model.Cell, pos []int, id, what string, left, right, keys []string) model.Finding {
	f, _ := evalEquation(set, r, cells, pos, id, what, left, right, keys, isSplit(left, right, keys), nil)
	return f
}

// evalEquation is equation, told whether keys is left then right
// (isSplit). With mb, the message of a pass on whole numbers is appended to
// mb.b from the offset returned, and the finding's Message left empty; the
// offset is -1 when the finding has its message.
func evalEquation(set *templates.Set, r *model.Report, cells []*model.Cell, pos []int, id, what string, left, right, keys []string, split bool, mb *msgBuf) (model.Finding, int) {
	f := model.Finding{ID: id, Keys: keys}
	// The message names the first two cells without a number; describing
	// a cell is most of the cost of a check, so only those are described.
	var unsure []string
	n := 0
	// When keys is left then right (as in every equation of a set), the
	// sums of whole numbers are made in the same pass.
	var sums [2]int64
	whole := split
	for i, k := range keys {
		var c *model.Cell
		if pos != nil {
			c = cell(r, cells, pos[i], k)
		} else {
			c = r.Cells[k]
		}
		if !c.HasNumber() {
			if n < 2 {
				unsure = append(unsure, describe(set, r, k, c))
			}
			n++
			continue
		}
		if whole {
			side := 0
			if i >= len(left) {
				side = 1
			}
			sums[side], whole = addInt(sums[side], c.Value)
		}
	}
	if n > 0 {
		if n > 2 {
			unsure = append(unsure, fmt.Sprintf("等共%d处", n))
		}
		f.Status = model.Uncertain
		f.Message = fmt.Sprintf("%s：无法判断，%s", what, strings.Join(unsure, "，"))
		return f, -1
	}
	if !split {
		var lok, rok bool
		sums[0], lok = sumInt(r, left)
		sums[1], rok = sumInt(r, right)
		whole = lok && rok
	}
	if whole && sums[0] == sums[1] {
		// The common case, whole numbers that add up, without rationals.
		f.Status = model.Pass
		if mb != nil {
			from := len(mb.b)
			mb.b = appendPass(mb.b, what, sums)
			return f, from
		}
		f.Message = string(appendPass(nil, what, sums))
		return f, -1
	}
	ls, rs := sum(r, left), sum(r, right)
	if ls.Cmp(rs) == 0 {
		// A pass says the sums; a failure shows both sides term by term.
		f.Status = model.Pass
		f.Message = what + "：" + formatRat(ls) + " = " + formatRat(rs)
		return f, -1
	}
	f.Status = model.Fail
	f.Message = fmt.Sprintf("%s：%s ≠ %s（%s ≠ %s）", what, side(r, left), side(r, right),
		formatRat(ls), formatRat(rs))
	if len(left) == 1 || len(right) == 1 {
		f.Message = fmt.Sprintf("%s：%s ≠ %s", what, side(r, left), side(r, right))
		if len(left) > 1 || len(right) > 1 {
			f.Message += fmt.Sprintf("（%s ≠ %s）", formatRat(ls), formatRat(rs))
		}
	}
	return f, -1
}

// appendPass appends the message of a passing equation on whole numbers:
// "what：left = right".
func appendPass(b []byte, what string, sums [2]int64) []byte {
	b = append(append(b, what...), "："...)
	b = strconv.AppendInt(b, sums[0], 10)
	return strconv.AppendInt(append(b, " = "...), sums[1], 10)
}

func limit(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(s[:n:n], fmt.Sprintf("等共%d处", len(s)))
}

// sum adds the cells' values exactly. Every value used has at most
// model.MaxDigits significant digits (HasNumber), so its shortest decimal
// form is the number written; the sum is kept as a rational number, so no
// rounding can make unequal sides equal (or equal amounts with decimals,
// such as 75394432.52, unequal).
func sum(r *model.Report, keys []string) *big.Rat {
	t := new(big.Rat)
	var x big.Rat
	for _, k := range keys {
		t.Add(t, exact(&x, r.Cells[k].Value))
	}
	return t
}

// sumInt is sum for whole values (exact below 2⁵³, as in exact) whose
// total fits an int64; ok is false for anything else, which sum then adds
// as rationals.
func sumInt(r *model.Report, keys []string) (total int64, ok bool) {
	for _, k := range keys {
		if total, ok = addInt(total, r.Cells[k].Value); !ok {
			return 0, false
		}
	}
	return total, true
}

// addInt adds v to total when v is a whole number below 2⁵³ and the sum
// fits an int64.
func addInt(total int64, v float64) (int64, bool) {
	if v != math.Trunc(v) || math.Abs(v) >= 1<<53 {
		return 0, false
	}
	x := int64(v)
	t := total + x
	if (x > 0 && t < total) || (x < 0 && t > total) {
		return 0, false
	}
	return t, true
}

// exact sets x to the decimal v stands for.
func exact(x *big.Rat, v float64) *big.Rat {
	if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
		return x.SetInt64(int64(v))
	}
	if _, ok := x.SetString(model.FormatNumber(v)); !ok {
		x.SetFloat64(v)
	}
	return x
}

// formatRat prints a sum of decimals without exponent or trailing zeros.
func formatRat(x *big.Rat) string {
	if x.IsInt() {
		return x.Num().String()
	}
	s := strings.TrimRight(x.FloatString(20), "0")
	return strings.TrimSuffix(s, ".")
}

func side(r *model.Report, keys []string) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = model.FormatNumber(r.Cells[k].Value)
	}
	return strings.Join(parts, " + ")
}

// standInEquations adapts the edition's equations to a report with
// stand-ins (model.StandIn: a row written in another edition's form, kept
// under that edition's keys): a side that adds up every key a stand-in
// replaces adds the stand-in instead; equations over nothing but replaced
// keys (the row checks of rows the report does not have) are dropped; and
// the stand-in row gets the row equations its own edition gives it. The
// edition's equations are shared and left as they are.
func standInEquations(set *templates.Set, r *model.Report, eqs []*templates.Equation) []*templates.Equation {
	covered := map[string]bool{}
	var keys []string
	for _, si := range r.StandIns {
		for _, k := range si.For {
			covered[k] = true
		}
		keys = append(keys, si.Key)
	}
	swap := func(side []string) ([]string, bool) {
		changed := false
		for _, si := range r.StandIns {
			pos := make([]int, 0, len(si.For))
			for _, f := range si.For {
				for i, k := range side {
					if k == f {
						pos = append(pos, i)
						break
					}
				}
			}
			if len(pos) == 0 || len(pos) != len(si.For) {
				continue
			}
			drop := map[int]bool{}
			for _, p := range pos[1:] {
				drop[p] = true
			}
			out := make([]string, 0, len(side))
			for i, k := range side {
				switch {
				case i == pos[0]:
					out = append(out, si.Key)
				case !drop[i]:
					out = append(out, k)
				}
			}
			side, changed = out, true
		}
		return side, changed
	}
	out := make([]*templates.Equation, 0, len(eqs)+1)
	for _, q := range eqs {
		all := true
		for _, k := range q.Keys {
			all = all && covered[k]
		}
		if all {
			continue
		}
		left, lc := swap(q.Left)
		right, rc := swap(q.Right)
		if !lc && !rc {
			out = append(out, q)
			continue
		}
		c := *q
		c.Left, c.Right = left, right
		c.Keys = append(append([]string{}, left...), right...)
		out = append(out, &c)
	}
	seen := map[string]bool{}
	for _, q := range eqs {
		seen[q.ID] = true
	}
	if ed, ok := editionOf(set, keys[0]); ok {
		for _, q := range set.RowEquations(ed, keys) {
			if !seen[q.ID] {
				out = append(out, q)
			}
		}
	}
	return out
}

// editionOf returns the first edition of the set that has key.
func editionOf(set *templates.Set, key string) (model.Edition, bool) {
	for _, ed := range set.Editions() {
		if set.Key(ed, key) != nil {
			return ed, true
		}
	}
	return "", false
}

// describe says in Chinese why a cell cannot be used.
func describe(set *templates.Set, r *model.Report, key string, c *model.Cell) string {
	label := set.Label(r.Meta.Edition, key)
	if label == key {
		// A stand-in written in another edition's form (model.StandIn).
		if ed, ok := editionOf(set, key); ok {
			label = set.Label(ed, key)
		}
	}
	switch {
	case c == nil || c.Kind == model.KindMissing:
		return label + "缺失"
	case c.Kind == model.KindBlank:
		return label + "为空"
	case c.Kind == model.KindNone:
		return fmt.Sprintf("%s为“%s”", label, c.Raw)
	case c.Kind == model.KindText:
		return fmt.Sprintf("%s无法读作数字（“%s”）", label, c.Raw)
	case !c.Exact():
		return fmt.Sprintf("%s（“%s”）超过 %d 位有效数字，无法精确计算", label, c.Raw, model.MaxDigits)
	default:
		return fmt.Sprintf("%s存疑（%s）", label, c.Doubt)
	}
}

// valueRange: a table value with more digits than can be computed exactly
// (model.MaxDigits) is named, so that the checks it makes uncertain are
// explained; it is never rounded into a pass or a failure.
func valueRange(set *templates.Set, r *model.Report, ix *keyIndex, cells []*model.Cell) []model.Finding {
	var out []model.Finding
	for ti, t := range set.Tables(r.Meta.Edition) {
		for i, k := range t.Keys {
			c := cell(r, cells, ix.tablePos[ti][i], k)
			if c == nil || c.Kind != model.KindNumber || c.Exact() {
				continue
			}
			out = append(out, model.Finding{ID: "VALUE-RANGE", Status: model.Uncertain, Keys: []string{k}, Line: c.Line,
				Message: fmt.Sprintf("%s的数值“%s”超过 %d 位有效数字，无法精确计算；按原文保留，涉及它的检查记为存疑", set.Label(r.Meta.Edition, k), c.Raw, model.MaxDigits)})
		}
	}
	return out
}

// nonNegative: the counts of the tables listed in the edition's nonneg
// (三 and 四) are whole numbers ≥ 0.
func nonNegative(set *templates.Set, r *model.Report, ix *keyIndex, cells []*model.Cell) []model.Finding {
	var bad []model.Finding
	ids := set.Edition(r.Meta.Edition).NonNeg
	var names []string
	tables := set.Tables(r.Meta.Edition)
	for _, id := range ids {
		ti := slices.IndexFunc(tables, func(t *templates.Table) bool { return t.ID == id })
		t := tables[ti]
		names = append(names, t.Ref.Name)
		for i, k := range t.Keys {
			c := cell(r, cells, ix.tablePos[ti][i], k)
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
	return []model.Finding{{ID: "NONNEG", Status: model.Pass, Keys: nil, Message: strings.Join(names, "、") + "的数值均为非负整数"}}
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

// edition: labels of one edition only; a table of one edition in a report
// of a year another edition is meant for is a warning. The years and
// documents come from the editions' edition.json.
func edition(set *templates.Set, r *model.Report) (model.Finding, bool) {
	m := r.Meta
	e := set.Edition(m.Edition)
	if e == nil {
		return model.Finding{}, false
	}
	root := e.Root()
	// Signals per official edition: a variant's count for its root.
	var families []*templates.Edition
	sigs := map[*templates.Edition][]string{}
	for _, ed := range set.Editions() {
		if s := m.EditionSignals[ed]; len(s) > 0 {
			f := set.Edition(ed).Root()
			if len(sigs[f]) == 0 {
				families = append(families, f)
			}
			sigs[f] = append(sigs[f], s...)
		}
	}
	total := 0
	for _, f := range families {
		total += len(sigs[f])
	}
	switch {
	case len(families) > 1:
		sort.SliceStable(families, func(i, j int) bool { return families[i].From < families[j].From })
		var parts []string
		for _, f := range families {
			parts = append(parts, fmt.Sprintf("%s版（%s）", f.Edition, strings.Join(sigs[f], "、")))
		}
		return model.Finding{ID: "EDITION", Status: model.Fail,
			Message: fmt.Sprintf("表格混用了两版格式的标签：%s，按%s版读取", strings.Join(parts, "与"), m.Edition)}, true
	case m.Year > 0 && root.To > 0 && m.Year > root.To:
		if now := set.InForce(m.Year); now != nil && now != root {
			return model.Finding{ID: "EDITION", Status: model.Warning,
				Message: fmt.Sprintf("%d年度的报告仍使用%s版表格（%d年起应使用%s格式）", m.Year, m.Edition, now.From, now.Document)}, true
		}
	case m.Year > 0 && m.Year < root.From:
		older := false
		for _, o := range set.Official() {
			older = older || o.From < root.From
		}
		if older {
			return model.Finding{ID: "EDITION", Status: model.Warning,
				Message: fmt.Sprintf("%d年度的报告使用了%s版表格", m.Year, m.Edition)}, true
		}
		return model.Finding{ID: "EDITION", Status: model.Warning,
			Message: fmt.Sprintf("报告年度为%d年，但表格为%s版格式（适用于%d年及以后的报告）", m.Year, m.Edition, root.From)}, true
	}
	if total == 0 {
		return model.Finding{}, false // the reader already said how it decided
	}
	var sig []string
	for x := e; x != nil; x = x.Base {
		sig = append(m.EditionSignals[x.Edition], sig...)
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
		// The expression needs a digit and one of its verbs in the window.
		if w := text[from:to]; hasDigit(w) && hasVerb(w) {
			if m := reTextNew.FindStringSubmatch(w); m != nil {
				return m
			}
		}
		i = j + len("申请")
	}
}

// hasVerb reports whether s has one of the verbs reTextNew starts with.
func hasVerb(s string) bool {
	return strings.Contains(s, "受理") || strings.Contains(s, "收到") || strings.Contains(s, "接收") || strings.Contains(s, "新收")
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// textNew is the optional, low-severity check of docs/checks.md: a number of
// requests stated in part 一 should agree with t3.new.total. It only warns.
func textNew(set *templates.Set, r *model.Report) (model.Finding, bool) {
	if !set.Has(r.Meta.Edition) {
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

package text

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/check"
	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
)

// The tests in this file read small reports in the shapes pdftotext
// -layout gives real PDFs (testdata/samples/451 is one whole).

const pdfHead = `某某市人民政府2024年政府信息公开工作年度报告
一、总体情况
2024年，某某市人民政府坚持以公开为常态。
二、主动公开政府信息情况
第二十条 第（一）项
信息内容          本年制发件数     本年废止件数   现行有效件数
规章            1          0        11
行政规范性文件       8          26       66
第二十条 第（五）项
信息内容          本年处理决定数量
行政许可          447228
第二十条 第（六）项
信息内容                          本年处理决定数量
行政处罚                          3985758
行政强制                          88283
第二十条 第（八）项
信息内容                          本年收费金额（单位：万元）
行政事业性收费                       96171.6
三、收到和处理政府信息公开申请情况
                                                         申请人情况
                               自然人                  法人或其他组织                     总计
                                        商业企      科研机     社会公益     法律服务
                                                                           其他
                                        业        构       组织       机构
`

// pdfRows are table 三's rows in the 2021 form, one whitespace row each;
// the seven columns add up and 一+二 = 七+四 in every column.
var pdfRows = []string{
	"一、本年新收政府信息公开申请数量                10        2       0        0    1       0   13",
	"二、上年结转政府信息公开申请数量                1          0        0        0        0    0    1",
	"      （一）予以公开                   3        1       0        0    1       0   5",
	"      （二）部分公开（区分处理的，只计这一情形，不计其他情形）   1         0        0        0        0    0   1",
	"             1.属于国家秘密            0          0        0        0        0    0    0",
	"             2.其他法律行政法规禁止公开     1          0        0        0        0    0    1",
	"             3.危及“三安全一稳定”        0          0        0        0        0    0    0",
	"             4.保护第三方合法权益         0          0        0        0        0    0    0",
	"             5.属于三类内部事务信息        0          0        0        0        0    0    0",
	"             6.属于四类过程性信息        1          0        0        0        0    0    1",
	"             7.属于行政执法案卷          0          0        0        0        0    0    0",
	"             8.属于行政查询事项         0         0        0        0        0    0   0",
	"             1.本机关不掌握相关政府信息     2         0       0        0    0       0   2",
	"             2.没有现成信息需要另行制作           0        0        0         0        0         0    0",
	"               3.补正后申请内容仍不明确            0         0        0         0        0         0    0",
	"               1.信访举报投诉类申请              1        0        0         0        0         0    1",
	"               2.重复申请                   0        0        0         0        0         0    0",
	"               3.要求提供公开出版物              0         0        0         0        0         0    0",
	"               4.无正当理由大量反复申请            0         0        0         0        0         0    0",
	"               5.要求行政机关确认或重新出具已获取信息    0         0        0         0        0         0    0",
	"               1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请   1   1   0   0   0   0   2",
	"               2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请   0   0   0   0   0   0   0",
	"               3.其他                  0          0        0         0        0         0    0",
	"     （七）总计                           10        2        0         0        1        0    13",
	"四、结转下年度继续办理                          1          0        0         0        0         0    1",
}

const pdfTail = `四、政府信息公开行政复议、行政诉讼情况
行政复议                          行政诉讼
结果   结果    其他结    尚未
维持   纠正    果      审结     总计
1   0    0    0    1   0   0   0   0   0   0   0   0   0   0
五、存在的主要问题及改进情况
一是公开质量仍需提升。
六、其他需要报告的事项
本年度未收取信息处理费。
某某市人民政府办公室
2025年1月20日
`

func pdfReport(rows []string) string {
	return pdfHead + strings.Join(rows, "\n") + "\n" + pdfTail
}

// replaceRows returns pdfRows with rows from..to-1 replaced by repl.
func replaceRows(from, to int, repl ...string) []string {
	out := append([]string{}, pdfRows[:from]...)
	out = append(out, repl...)
	return append(out, pdfRows[to:]...)
}

// wantClean reads in and expects every cell of the edition, no doubt, and
// every arithmetic check to pass.
func wantClean(t *testing.T, in string) *model.Report {
	t.Helper()
	r, err := read(t, in)
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Edition != model.Edition2021 {
		t.Fatalf("edition %s", r.Meta.Edition)
	}
	for k, c := range r.Cells {
		if c.Kind != model.KindNumber || c.Doubt != "" {
			t.Errorf("%s = %+v", k, c)
		}
	}
	check.Run(r)
	for _, f := range r.Findings {
		if f.Status == model.Fail || f.Status == model.Uncertain {
			t.Errorf("finding %s %s: %s", f.ID, f.Status, f.Message)
		}
	}
	return r
}

func TestPDFBase(t *testing.T) {
	r := wantClean(t, pdfReport(pdfRows))
	if c := r.Cells["t3.other_no_correction.total"]; c.Value != 2 {
		t.Errorf("other_no_correction.total = %+v", c)
	}
}

// TestPDFGroupLabelInFront: the group label written in front of the row
// label on the same line, with a single blank or none.
func TestPDFGroupLabelInFront(t *testing.T) {
	rows := append([]string{}, pdfRows...)
	rows[2] = "三、本年度办理结果 （一）予以公开 3 1 0 0 1 0 5"
	rows[4] = "（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0"
	rows[5] = "（三）不予公开2.其他法律行政法规禁止公开 1 0 0 0 0 0 1"
	r := wantClean(t, pdfReport(rows))
	if c := r.Cells["t3.granted.natural"]; c.Raw != "3" || c.Line != 27 {
		t.Errorf("granted.natural = %+v", c)
	}
}

// TestPDFStackedGroupLabel: the group label printed one character per line
// beside the rows (三、/本/年/度/办/理/结/果, （三）不/予公开), pieces landing
// in front of row labels after a wide gap.
func TestPDFStackedGroupLabel(t *testing.T) {
	rows := replaceRows(4, 12,
		"             1.属于国家秘密            0          0        0        0        0    0    0",
		"三、",
		"",
		"本            2.其他法律行政法规禁止公开     1          0        0        0        0    0    1",
		"",
		"年",
		"             3.危及“三安全一稳定”        0          0        0        0        0    0    0",
		"度",
		"",
		"办            4.保护第三方合法权益         0          0        0        0        0    0    0",
		"      （三）不",
		"理",
		"      予公开",
		"             5.属于三类内部事务信息        0          0        0        0        0    0    0",
		"结",
		"",
		"果            6.属于四类过程性信息        1          0        0        0        0    0    1",
		"             7.属于行政执法案卷          0          0        0        0        0    0    0",
		"             8.属于行政查询事项         0         0        0        0        0    0   0",
	)
	r := wantClean(t, pdfReport(rows))
	if c := r.Cells["t3.denied_process.total"]; c.Raw != "1" {
		t.Errorf("denied_process.total = %+v", c)
	}
}

// TestPDFWrappedLabels: row labels wrapped over two or three lines, the
// numbers on the middle or on a line of their own, the group label's
// pieces interleaved at another column, a page footer and a form feed
// inside the table.
func TestPDFWrappedLabels(t *testing.T) {
	rows := replaceRows(19, 22,
		"               5.要求行政机关确认或重新出",
		"                                        0         0        0         0        0         0    0",
		"               具已获取信息",
		"",
		"                                       — 4 —",
		"\f               1、申请人无正当理由逾期不补",
		"",
		"               正、行政机关不再处理其政府信           1        1        0         0        0         0    2",
		"               息公开申请",
		"     （六）其",
		"               2、申请人逾期未按收费通知要",
		"     他处理",
		"               求缴纳费用、行政机关不再处理           0         0        0         0        0         0    0",
		"               其政府信息公开申请",
		"-5-",
	)
	r := wantClean(t, pdfReport(rows))
	if c := r.Cells["t3.other_no_correction.natural"]; c.Raw != "1" {
		t.Errorf("other_no_correction.natural = %+v", c)
	}
	if strings.Contains(r.Parts[2].Text, "— 4 —") || strings.Contains(r.Parts[2].Text, "-5-") {
		t.Errorf("page footers left in part 三: %q", r.Parts[2].Text)
	}
}

// TestPDFBannerAcrossPage: a table-二 banner at the foot of a page, its
// rows on the next page after the footer.
func TestPDFBannerAcrossPage(t *testing.T) {
	in := strings.Replace(pdfReport(pdfRows), "第二十条 第（六）项\n", "第二十条 第（六）项\n\n\n                                           — 3 —\n\f", 1)
	r := wantClean(t, in)
	if c := r.Cells["t2.penalty.decisions"]; c.Raw != "3985758" {
		t.Errorf("penalty = %+v", c)
	}
}

// TestPDFLabellessRows: wrapped labels printed apart from their numbers
// leave lines of numbers without a label.
func TestPDFLabellessRows(t *testing.T) {
	// 2. and 3. of （四）无法提供 lost their labels: the labels on both
	// sides (1.本机关不掌握… and 1.信访举报…) say exactly two rows are
	// missing, and there are two label-less lines.
	rows := replaceRows(12, 15,
		"             1.本机关不掌握相关政府信息     2         0       0        0    0       0   2",
		"                                        0        0        0         0        0         0    0",
		"                                        0        0        0         0        0         0    0",
	)
	r := wantClean(t, pdfReport(rows))
	if !hasFinding(r, "READ-LABELLESS-ROWS", model.Info) {
		t.Error("no READ-LABELLESS-ROWS finding")
	}
	if c := r.Cells["t3.unavailable_unclear.total"]; c == nil || c.Raw != "0" || c.Line != 39 {
		t.Errorf("unavailable_unclear.total = %+v", c)
	}

	// Three rows missing, two label-less lines: nothing is assigned.
	rows = replaceRows(12, 16,
		"             1.本机关不掌握相关政府信息     2         0       0        0    0       0   2",
		"                                        0        0        0         0        0         0    0",
		"                                        1        0        0         0        0         0    1",
	)
	r, err := read(t, pdfReport(rows))
	if err != nil {
		t.Fatal(err)
	}
	if !hasFinding(r, "READ-UNASSIGNED", model.Warning) || hasFinding(r, "READ-LABELLESS-ROWS", model.Info) {
		t.Errorf("findings %+v", r.Findings)
	}
	for _, row := range []string{"unavailable_needs_creation", "unavailable_unclear", "rejected_petition"} {
		if c := r.Cells["t3."+row+".total"]; c.Kind != model.KindMissing {
			t.Errorf("%s.total = %+v, want missing", row, c)
		}
	}
}

// TestPDFMixedEditions: table 二 in the 2021 form, table 三 with the 2019
// single （六）其他处理 row.
func TestPDFMixedEditions(t *testing.T) {
	rows := replaceRows(20, 23, "     （六）其他处理                   1        1        0         0        0         0    2")
	r, err := read(t, pdfReport(rows))
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Edition != model.Edition2021 {
		t.Fatalf("edition %s", r.Meta.Edition)
	}
	if !hasFinding(r, "READ-MIXED-EDITION", model.Warning) {
		t.Errorf("no READ-MIXED-EDITION finding: %+v", r.Findings)
	}
	for _, row := range []string{"other_no_correction", "other_unpaid_fee", "other_misc"} {
		if c := r.Cells["t3."+row+".natural"]; c == nil || c.Kind != model.KindMissing {
			t.Errorf("%s = %+v, want missing (not 0)", row, c)
		}
	}
	if c := r.Cells["t3.other.total"]; c == nil || c.Raw != "2" {
		t.Errorf("t3.other.total = %+v", c)
	}
	if hasFinding(r, "READ-MISSING", model.Warning) {
		t.Errorf("the stand-in row's cells are not missing cells: %+v", r.Findings)
	}
	check.Run(r)
	st := map[string]model.Status{}
	for _, f := range r.Findings {
		st[f.ID] = f.Status
	}
	for _, id := range []string{"T3-RESULTS.natural", "T3-RESULTS.total", "T3-BALANCE.total"} {
		if st[id] != model.Pass {
			t.Errorf("%s = %s, want pass using the 2019 row", id, st[id])
		}
	}
}

// TestPDFNumberOddities: numbers written in Chinese and a blank inside a
// number are read, with a doubt; the row is not lost.
func TestPDFNumberOddities(t *testing.T) {
	rows := append([]string{}, pdfRows...)
	rows[0] = "一、本年新收政府信息公开申请数量                十        2       0        0    1       0   十三"
	rows[23] = "     （七）总计                           1 0        2        0         0        1        0    13"
	// A single blank between two columns of a full row is a narrow gap,
	// not a number with a blank in it.
	rows[1] = "二、上年结转政府信息公开申请数量                1          0        0        0        0 0    1"
	r, err := read(t, pdfReport(rows))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]float64{"t3.new.natural": 10, "t3.new.total": 13, "t3.total.natural": 10} {
		c := r.Cells[k]
		if c.Kind != model.KindNumber || c.Value != v || c.Doubt == "" {
			t.Errorf("%s = %+v, want %v with a doubt", k, c, v)
		}
	}
	if c := r.Cells["t3.new.commercial"]; c.Raw != "2" || c.Doubt != "" {
		t.Errorf("new.commercial = %+v", c)
	}
	if c := r.Cells["t3.total.total"]; c.Raw != "13" || c.Doubt != "" {
		t.Errorf("total.total = %+v", c)
	}
	for _, col := range []string{"natural", "commercial", "research", "social", "legal", "other_org", "total"} {
		if c := r.Cells["t3.carried_over."+col]; c.Kind != model.KindNumber || c.Doubt != "" {
			t.Errorf("carried_over.%s = %+v", col, c)
		}
	}
	if !hasFinding(r, "READ-DOUBTFUL-VALUE", model.Uncertain) {
		t.Error("no READ-DOUBTFUL-VALUE finding")
	}
	check.Run(r)
	for _, f := range r.Findings {
		if f.ID == "T3-BALANCE.natural" && f.Status != model.Uncertain {
			t.Errorf("a doubtful value must leave the check uncertain: %+v", f)
		}
	}
}

func TestChineseNumber(t *testing.T) {
	for s, want := range map[string]int{"三": 3, "十": 10, "十二": 12, "二十": 20, "一百二十": 120, "一百零五": 105, "两千零五": 2005, "三万五千": 35000, "〇": 0} {
		if got, ok := chineseNumber(s); !ok || got != want {
			t.Errorf("%s = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "一二", "万", "百", "三、", "本年", "十十"} {
		if got, ok := chineseNumber(s); ok {
			t.Errorf("%q read as %d", s, got)
		}
	}
}

func TestPageFooter(t *testing.T) {
	for _, s := range []string{"-4-", "- 4 -", "— 4 —", "—4—", "第 4 页", "第4页 共6页", "－12－"} {
		if !isPageFooter(s) {
			t.Errorf("%q not a footer", s)
		}
	}
	for _, s := range []string{"4", "0 0 0", "-", "— —", "第二十条第（五）项", "-4"} {
		if isPageFooter(s) {
			t.Errorf("%q taken for a footer", s)
		}
	}
}

// TestCellLineSpaceInNumber: a cell line "1 5 |" is not silently 15.
func TestCellLineSpaceInNumber(t *testing.T) {
	b, err := os.ReadFile("../../testdata/seeds/001_1d4dd3ae0346d0fe.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	// Line 72 holds t3.new.natural (15).
	if !strings.Contains(lines[71], "15") {
		t.Fatalf("line 72 = %q", lines[71])
	}
	lines[71] = strings.Replace(lines[71], "15", "1 5", 1)
	r, err := read(t, strings.Join(lines, "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c := r.Cells["t3.new.natural"]; c.Value != 15 || c.Doubt == "" {
		t.Errorf("t3.new.natural = %+v, want 15 with a doubt", c)
	}
	if !hasFinding(r, "READ-DOUBTFUL-VALUE", model.Uncertain) {
		t.Error("no READ-DOUBTFUL-VALUE finding")
	}
}

// TestStrayByteFinding: a stray byte in a UTF-8 report is reported with
// its line and byte offset; the report reads.
func TestStrayByteFinding(t *testing.T) {
	in := pdfReport(pdfRows)
	at := strings.Index(in, "一是")
	b := append(append([]byte(in[:at]), 0x80), in[at:]...)
	r, err := ReadBytes(b, input.Options{Name: "in.txt"})
	if err != nil {
		t.Fatal(err)
	}
	var f *model.Finding
	for i := range r.Findings {
		if r.Findings[i].ID == "READ-ENCODING" {
			f = &r.Findings[i]
		}
	}
	line := strings.Count(in[:at], "\n") + 1
	if f == nil || f.Line != line || !strings.Contains(f.Message, "第"+strconv.Itoa(at+1)+"字节") {
		t.Fatalf("finding = %+v (line %d, offset %d)", f, line, at+1)
	}
	if r.Meta.Encoding != "UTF-8" || r.Cells["t3.new.total"].Raw != "13" {
		t.Errorf("encoding %s, new.total %+v", r.Meta.Encoding, r.Cells["t3.new.total"])
	}
}

func TestStripMarkup(t *testing.T) {
	for in, want := range map[string]string{
		"## 一、总体情况":           "一、总体情况",
		"### (一) 系统化推进主动公开。":  "(一) 系统化推进主动公开。",
		"**一是**拓宽主动公开渠道。":     "一是拓宽主动公开渠道。",
		"---":                 "",
		"| --- | :-: |":       "",
		"| 公开渠道 | 网站 | 微信 |":  "公开渠道 网站 微信",
		"详见[政府网站](http://x)。": "详见政府网站。",
		"> 引用的说明":             "引用的说明",
		"2024年-2025年":         "2024年-2025年",
		"1.属于国家秘密":            "1.属于国家秘密",
	} {
		if got := stripMarkup(in); got != want {
			t.Errorf("stripMarkup(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAbsentParts: a part with nothing in it is marked absent; a table
// part whose table was read is not, even without prose.
func TestAbsentParts(t *testing.T) {
	in := strings.Replace(pdfReport(pdfRows), "六、其他需要报告的事项\n本年度未收取信息处理费。\n", "六、其他需要报告的事项\n", 1)
	r, err := read(t, in)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range [6]bool{false, false, false, false, false, true} {
		if r.Parts[k].Absent != want {
			t.Errorf("part %d: absent %v, text %q", k+1, r.Parts[k].Absent, r.Parts[k].Text)
		}
	}
	if r.Parts[5].Heading != "六、其他需要报告的事项" {
		t.Errorf("heading %q", r.Parts[5].Heading)
	}
}

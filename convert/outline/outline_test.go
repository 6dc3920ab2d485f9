package outline_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/outline"
)

func report() *model.Report {
	r := &model.Report{Cells: map[string]*model.Cell{}}
	r.Meta.Agency = "北京市朝阳区人民政府"
	r.Meta.Year = 2021
	r.Meta.Edition = model.Edition2021
	r.Parts[0] = model.Part{Heading: "一、总体情况", Text: "（一）主动公开情况。本年度公开信息100条。\n第二段。", Line: 3}
	r.Parts[1] = model.Part{Heading: "二、主动公开政府信息情况"}
	return r
}

func TestTitleBroken(t *testing.T) {
	d := outline.Build(report(), outline.Options{})
	if got := strings.Join(d.Title.Lines, "|"); got != "2021年北京市朝阳区人民政府|政府信息公开工作年度报告" {
		t.Errorf("title lines %q", got)
	}
	r := report()
	r.Meta.Agency = "某局"
	if d := outline.Build(r, outline.Options{}); len(d.Title.Lines) != 1 {
		t.Errorf("short title broken: %q", d.Title.Lines)
	}
}

func TestBlocks(t *testing.T) {
	d := outline.Build(report(), outline.Options{})
	var kinds []string
	for _, b := range d.Blocks {
		switch x := b.(type) {
		case *outline.Heading:
			kinds = append(kinds, "H"+fmt.Sprint(x.Part))
		case *outline.Paragraph:
			kinds = append(kinds, "P:"+x.SubHead+"|"+x.Text)
		case *outline.Table:
			kinds = append(kinds, "T:"+x.Name)
		case *outline.Signature:
			kinds = append(kinds, "S:"+x.Agency)
		}
	}
	got := strings.Join(kinds, " ")
	want := "H0 P:（一）主动公开情况。|本年度公开信息100条。 P:|第二段。 H1 T:表二 H2 T:表三 H3 T:表四 H4 P:|无。 H5 P:|无。 S:北京市朝阳区人民政府"
	if got != want {
		t.Errorf("blocks\n got %s\nwant %s", got, want)
	}
	// A part with a heading and nothing under it is printed as it is.
	r := report()
	r.Parts[4].Heading = "五、存在的主要问题及改进情况"
	d = outline.Build(r, outline.Options{})
	n := 0
	for _, b := range d.Blocks {
		if p, ok := b.(*outline.Paragraph); ok && p.Text == outline.AbsentText {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d 无。 paragraphs, want 1 (part 六 only)", n)
	}
}

func TestScript(t *testing.T) {
	r := report()
	r.Meta.Agency = "北城區街道辦事處"
	r.Parts[0].Text = "我區在市委、市政府的領導下，認真學習貫徹國務院《條例》。"
	d := outline.Build(r, outline.Options{})
	if !d.Converted || d.Info.Author != "北城区街道办事处" {
		t.Errorf("not converted: %v %q", d.Converted, d.Info.Author)
	}
	p := d.Blocks[1].(*outline.Paragraph)
	if p.Text != "我区在市委、市政府的领导下，认真学习贯彻国务院《条例》。" {
		t.Errorf("paragraph %q", p.Text)
	}
	d = outline.Build(r, outline.Options{KeepScript: true})
	if d.Converted || d.Blocks[1].(*outline.Paragraph).Text != r.Parts[0].Text {
		t.Error("KeepScript converted the text")
	}
	// A simplified report with a few traditional-only characters in names
	// stays as written.
	r = report()
	r.Parts[0].Text = strings.Repeat("本年度主动公开政府信息，", 20) + "乾县於家村。"
	if d := outline.Build(r, outline.Options{}); d.Converted {
		t.Error("simplified report converted")
	}
}

func TestMarks(t *testing.T) {
	r := report()
	r.Cells["t3.new.natural"] = &model.Cell{Key: "t3.new.natural", Raw: "1213", Kind: model.KindNumber, Value: 1213, Doubt: "数字粘连，可拆为 12|13 或 1|213"}
	r.Cells["t3.new.total"] = &model.Cell{Key: "t3.new.total", Raw: "5", Kind: model.KindNumber, Value: 5}
	r.Findings = []model.Finding{{ID: "T3-ROWSUM.new", Status: model.Fail, Keys: []string{"t3.new.natural", "t3.new.total"}, Message: "表三“一、本年新收”行 六类申请人之和=总计：1213 ≠ 5"}}
	d := outline.Build(r, outline.Options{})
	var t3 *outline.Table
	for _, b := range d.Blocks {
		if x, ok := b.(*outline.Table); ok && x.Name == "表三" {
			t3 = x
		}
	}
	marks := map[string]outline.Mark{}
	for _, c := range t3.Cells {
		if len(c.Keys) == 1 {
			marks[c.Keys[0]] = c.Mark
		}
	}
	if marks["t3.new.natural"] != outline.MarkBoth || marks["t3.new.total"] != outline.MarkFail || marks["t3.new.research"] != outline.NoMark {
		t.Errorf("marks %v", marks)
	}
	notes := strings.Join(t3.Notes, "\n")
	for _, want := range []string{"标“※”的数字读取时存疑", "数字粘连", "标“△”的数字所在的数据检查未通过", "1213 ≠ 5"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
	if outline.MarkBoth.Symbol() != "※△" || outline.MarkDoubt.Shade() != outline.ShadeDoubt {
		t.Error("symbols or shades")
	}
}

func TestAppendixFolds(t *testing.T) {
	r := report()
	for i := 0; i < 7; i++ {
		r.Findings = append(r.Findings, model.Finding{ID: fmt.Sprintf("T3-ROWSUM.row%d", i), Status: model.Uncertain, Message: "无法判断"})
	}
	r.Findings = append(r.Findings,
		model.Finding{ID: "T4-TOTAL.review", Status: model.Uncertain, Message: "表四行政复议：无法判断，总计为空"},
		model.Finding{ID: "T3-BALANCE.total", Status: model.Fail, Message: "表三总计列：3 ≠ 4。"},
		model.Finding{ID: "YEAR", Status: model.Pass, Message: "年度一致"})
	a := outline.Build(r, outline.Options{WithFindings: true}).Appendix
	var got []string
	for _, it := range a.Items {
		got = append(got, it.Label+"|"+it.ID+"|"+it.Text)
	}
	want := []string{
		"未通过|T3-BALANCE.total|表三总计列：3 ≠ 4",
		"无法确定|T3-ROWSUM.*|表三各行“六类申请人之和=总计”：7 项无法判断，相关单元格为空、“无”或存疑",
		"无法确定|T4-TOTAL.review|表四行政复议：无法判断，总计为空",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("appendix\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if outline.Build(r, outline.Options{}).Appendix != nil {
		t.Error("appendix without WithFindings")
	}
	extra := a.With([]model.Finding{{ID: "PDF-GLYPH-MISSING", Status: model.Warning, Message: "方框"}})
	if len(extra.Items) != 4 || extra.Items[3].Label != "注意" || len(a.Items) != 3 {
		t.Error("With")
	}
}

func TestLabelLines(t *testing.T) {
	for _, tt := range []struct {
		in   string
		w    float64
		want string
	}{
		{"商业企业", 3, "商业|企业"},
		{"商业企业", 4, "商业企业"},
		{"社会公益组织", 3, "社会公|益组织"},
		{"社会公益组织", 2.5, "社会|公益|组织"},
		{"（三）不予公开", 3.5, "（三）|不予|公开"},
		{"三、本年度办理结果", 4, "三、|本年度办|理结果"},
		{"1.属于国家秘密", 5, "1.属于国|家秘密"},
		{"（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 9, "（二）部分公开|（区分处理的，|只计这一情形，|不计其他情形）"},
		{"（七）总计（一）", 4, "（七）|总计|（一）"},
	} {
		if got := strings.Join(outline.LabelLines(tt.in, tt.w), "|"); got != tt.want {
			t.Errorf("LabelLines(%q, %v) = %q, want %q", tt.in, tt.w, got, tt.want)
		}
	}
}

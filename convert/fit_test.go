package convert

import (
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/model"
)

func TestFitText(t *testing.T) {
	r := &model.Report{Preamble: "开头\n|\n|\n\n\n| --- |\n正文"}
	r.Parts[0].Text = "甲\n\n乙"
	var got []model.Finding
	f := fitText(r, "xlsx", func(x model.Finding) { got = append(got, x) })
	if f.Preamble != "开头\n\n正文" || f.Parts[0].Text != "甲\n\n乙" || len(got) != 0 {
		t.Errorf("decorative lines: %q %q %v", f.Preamble, f.Parts[0].Text, got)
	}
	if r.Preamble != "开头\n|\n|\n\n\n| --- |\n正文" {
		t.Error("fitText changed the report")
	}
	same := &model.Report{Preamble: "甲\n\n乙"}
	if fitText(same, "xlsx", nil) != same {
		t.Error("a clean report is copied")
	}
	// Over the line limit: cut, with a note in the text and a finding.
	long := &model.Report{}
	long.Parts[5].Text = strings.Repeat("一行文字\n", MaxDocLines+500)
	f = fitText(long, "PDF", func(x model.Finding) { got = append(got, x) })
	n := strings.Count(f.Parts[5].Text, "\n") + 1
	if n != MaxDocLines+1 || !strings.Contains(f.Parts[5].Text, "以下 500 段") {
		t.Errorf("cut to %d lines; tail %q", n, f.Parts[5].Text[len(f.Parts[5].Text)-200:])
	}
	if len(got) != 1 || got[0].ID != "WRITE-TEXT-LIMIT" || !strings.Contains(got[0].Message, "PDF") {
		t.Errorf("findings %v", got)
	}
}

func TestFitFindings(t *testing.T) {
	r := &model.Report{}
	for i := 0; i < MaxDocFindings+50; i++ {
		r.Findings = append(r.Findings, model.Finding{ID: "READ-SHORT-ROW", Status: model.Warning, Message: "x"})
	}
	r.Findings = append(r.Findings, model.Finding{ID: "T3-BALANCE.total", Status: model.Fail})
	f := fitText(r, "xlsx", nil)
	if len(f.Findings) != MaxDocFindings+2 || f.Findings[MaxDocFindings].Message != "另有 50 条 READ-SHORT-ROW 说明未在本文件中列出（完整列表见 JSON 输出）" || f.Findings[MaxDocFindings+1].ID != "T3-BALANCE.total" {
		t.Errorf("%d findings: %v", len(f.Findings), f.Findings[MaxDocFindings:])
	}
	if len(r.Findings) != MaxDocFindings+51 {
		t.Error("report changed")
	}
}

func TestFitCells(t *testing.T) {
	long := strings.Repeat("长", MaxCellRunes+5)
	r := &model.Report{Cells: map[string]*model.Cell{"t2.a.b": {Key: "t2.a.b", Raw: long, Kind: model.KindText}, "t2.c.d": {Raw: "1"}}}
	r.Meta.Title = long
	var got []model.Finding
	f := fitText(r, "xlsx", func(x model.Finding) { got = append(got, x) })
	if n := len([]rune(f.Cells["t2.a.b"].Raw)); n != MaxCellRunes+2 || len([]rune(f.Meta.Title)) != MaxCellRunes+2 {
		t.Errorf("cut to %d runes", n)
	}
	if r.Cells["t2.a.b"].Raw != long || r.Meta.Title != long || f.Cells["t2.c.d"] != r.Cells["t2.c.d"] {
		t.Error("report changed, or a short cell copied")
	}
	if len(got) != 2 || got[0].ID != "WRITE-CELL-LIMIT" || got[1].Keys[0] != "t2.a.b" {
		t.Errorf("findings %v", got)
	}
}

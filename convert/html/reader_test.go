package html

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
)

func TestRender(t *testing.T) {
	src := "<html><head><title>标题</title><style>p{}</style></head><body>\n<p>一、总体情况</p>\n<p>第一段\n  续行</p>\n<table>\n<tr><td colspan=\"2\"><p>本年新<br/>制作数量</p></td><td>&nbsp;</td><td>a|b</td></tr>\n<tr><td>规章</td><td>1</td></tr></table><div>结尾</div></body></html>"
	out, lines := Render(src)
	want := "标题\n一、总体情况\n第一段续行\n| 本年新制作数量 |  | a｜b |\n| 规章 | 1 |\n结尾\n"
	if out != want {
		t.Errorf("Render =\n%q\nwant\n%q", out, want)
	}
	if wantLines := []int{1, 2, 3, 6, 7, 7}; len(lines) != len(wantLines) {
		t.Errorf("lines = %v, want %v", lines, wantLines)
	} else {
		for i := range lines {
			if lines[i] != wantLines[i] {
				t.Errorf("lines = %v, want %v", lines, wantLines)
				break
			}
		}
	}
}

func TestSniff(t *testing.T) {
	for s, want := range map[string]bool{
		"<p style='x'>报告</p>": true, "\ufeff<!DOCTYPE html><html>": true, "  <table>": true,
		"一、总体情况\n<p>": false, "| a | b |": false, "": false, "<报告>": false,
	} {
		if got := Sniff([]byte(s)); got != want {
			t.Errorf("Sniff(%q) = %v", s, got)
		}
	}
}

// TestSample001 reads the HTML sample and compares every cell with its expected.json.
func TestSample001(t *testing.T) {
	f, err := os.ReadFile("../../testdata/samples/001/source.html")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Read(f, input.Options{Name: "source.html"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile("../../testdata/samples/001/expected.json")
	var exp struct {
		Edition, Agency string
		Year            int
		Cells           map[string]any
	}
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	if string(r.Meta.Edition) != exp.Edition || r.Meta.Year != exp.Year || r.Meta.Agency != exp.Agency || r.Meta.Layout != Layout {
		t.Errorf("meta = %+v", r.Meta)
	}
	if r.Meta.Published != "2020-01-31" || !strings.Contains(r.Meta.Title, "上海市人民政府办公厅") {
		t.Errorf("published %q title %q", r.Meta.Published, r.Meta.Title)
	}
	for key, v := range exp.Cells {
		c := r.Cells[key]
		switch v := v.(type) {
		case nil:
			if c.Kind == model.KindNumber || c.Kind == model.KindMissing {
				t.Errorf("%s = %+v, want blank", key, c)
			}
		case float64:
			if c.Kind != model.KindNumber || c.Value != v {
				t.Errorf("%s = %+v, want %v", key, c, v)
			}
		case string:
			if c.Raw != v {
				t.Errorf("%s = %q, want %q", key, c.Raw, v)
			}
		}
	}
	// Cell lines point into the HTML source.
	if c := r.Cells["t3.new.natural"]; c.Line < 1 {
		t.Errorf("line of t3.new.natural = %d", c.Line)
	}
}

func TestBadHTML(t *testing.T) {
	for _, in := range []string{"<p>", "<table><tr><td>", "<html>" + strings.Repeat("<div>", 10000)} {
		_, err := Read([]byte(in), input.Options{Name: "x.html"})
		if err == nil || !strings.Contains(err.Error(), "x.html") {
			t.Errorf("Read(%.20q) err = %v", in, err)
		}
	}
}

func FuzzRender(f *testing.F) {
	b, _ := os.ReadFile("../../testdata/samples/001/source.html")
	f.Add(string(b[:min(len(b), 6000)]))
	f.Add("<table><tr><td rowspan=2>a<br>b</td></tr></table>")
	f.Fuzz(func(t *testing.T, s string) {
		out, lines := Render(s)
		if n := strings.Count(out, "\n"); n != len(lines) {
			t.Fatalf("%d lines rendered, %d mapped", n, len(lines))
		}
		_, _ = Read([]byte(s), input.Options{Name: "fuzz"})
	})
}

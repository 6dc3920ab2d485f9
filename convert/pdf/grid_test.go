package pdf_test

import (
	"bytes"
	"encoding/hex"
	"math"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/pdf"
	"github.com/govreport/govreport/fonts"
)

// gridReport is a report whose part 一 is one long paragraph of Chinese
// characters without punctuation, so every line but the last is full.
func gridReport() *model.Report {
	r := &model.Report{}
	r.Meta.Agency = "某某局"
	r.Meta.Year = 2021
	r.Parts[0].Heading = "一、总体情况"
	r.Parts[0].Text = strings.Repeat("政府信息公开工作年度报告正文", 200)
	return r
}

// TestGrid28x22 measures the GB/T 9704 grid in the layout dump: a full body
// line holds 28 characters, a full body page 22 lines on a 22-line pitch.
func TestGrid28x22(t *testing.T) {
	d := layout(t, gridReport(), pdf.Options{})
	const mm = 72 / 25.4
	left, top := 28*mm, 37*mm
	pitch := 225 * mm / 22
	// The paragraph fills the pages before the one where part 二 starts.
	last := len(d.Pages)
	for _, p := range d.Pages {
		for _, b := range p.Boxes {
			if x, ok := b.(*pdf.Text); ok && x.Font == fonts.Heading && strings.HasPrefix(x.Text, "二、") && last == len(d.Pages) {
				last = p.Number
			}
		}
	}
	full := 0
	for _, p := range d.Pages {
		lines := map[float64]int{} // baseline → characters
		for _, b := range p.Boxes {
			x, ok := b.(*pdf.Text)
			if !ok || x.Font != fonts.Body || x.Size != 16 {
				continue
			}
			lines[x.Y] += utf8.RuneCountInString(x.Text)
			// Every line sits on the 22-line grid.
			k := (x.Y - top - pitch/2 - 0.38*16) / pitch
			if math.Abs(k-math.Round(k)) > 0.001 || k < -0.001 || k > 21.001 {
				t.Errorf("p%d: baseline %.2f is not on the 22-line grid", p.Number, x.Y)
			}
			if x.X < left-0.01 {
				t.Errorf("p%d: text left of the margin", p.Number)
			}
		}
		if p.Number == 1 || len(lines) == 0 {
			continue // the title page and the signature's page are not full
		}
		if p.Number < last {
			if len(lines) != 22 {
				t.Errorf("p%d: %d body lines, want 22", p.Number, len(lines))
			}
			for y, n := range lines {
				if n != 28 {
					t.Errorf("p%d: line at %.2f has %d characters, want 28", p.Number, y, n)
				}
			}
			full++
		}
	}
	if full < 3 {
		t.Fatalf("only %d full body pages measured", full)
	}
	// The first line of the paragraph is indented two characters: 26.
	first := 0
	for _, b := range d.Pages[0].Boxes {
		if x, ok := b.(*pdf.Text); ok && x.Font == fonts.Body && x.Size == 16 && first == 0 {
			first = utf8.RuneCountInString(x.Text)
		}
	}
	if first != 26 {
		t.Errorf("first line %d characters, want 26 (two-character indent)", first)
	}
}

// TestPageNumberSides: odd page numbers sit at the right, even ones at the
// left, one character in from the text block (GB/T 9704 §7.5).
func TestPageNumberSides(t *testing.T) {
	d := layout(t, gridReport(), pdf.Options{})
	const mm = 72 / 25.4
	left, right, bottom := 28*mm, 28*mm+156*mm, 37*mm+225*mm
	if len(d.Pages) < 4 {
		t.Fatalf("%d pages", len(d.Pages))
	}
	for _, p := range d.Pages {
		var num *pdf.Text
		for _, b := range p.Boxes {
			if x, ok := b.(*pdf.Text); ok && x.Y > bottom {
				num = x
			}
		}
		if num == nil {
			t.Fatalf("p%d: no page number", p.Number)
		}
		end := num.X + num.Width
		switch {
		case p.Number%2 == 1 && math.Abs(end-(right-14)) > 0.5:
			t.Errorf("p%d: odd page number ends at %.2f, want %.2f (right, one character in)", p.Number, end, right-14)
		case p.Number%2 == 0 && math.Abs(num.X-(left+14)) > 0.5:
			t.Errorf("p%d: even page number starts at %.2f, want %.2f (left, one character in)", p.Number, num.X, left+14)
		}
	}
}

// TestBreaks: a long web address may break after its punctuation instead
// of leaving an over-stretched line; a check id never breaks.
func TestBreaks(t *testing.T) {
	r := gridReport()
	r.Parts[0].Text = "本年度报告电子版可从门户网站 http://www.dxzc.gov.cn/zwgk/xxgkml/ndbg/2021/index.html 下载。"
	d := layout(t, r, pdf.Options{})
	var lines []*pdf.Text
	for _, b := range d.Pages[0].Boxes {
		if x, ok := b.(*pdf.Text); ok && x.Font == fonts.Body && x.Size == 16 {
			lines = append(lines, x)
		}
	}
	if len(lines) < 2 {
		t.Fatalf("%d lines", len(lines))
	}
	// The first line is justified with a normal character spacing (the
	// tracking plus at most a quarter of a character), not stretched.
	if sp := lines[0].Spacing; sp > 0.25*16 {
		t.Errorf("first line stretched: spacing %.2f pt (%q)", sp, lines[0].Text)
	}
	if !strings.Contains(lines[0].Text, "http://www.") || lines[0].Width < 400 {
		t.Errorf("the address does not fill the first line: %q (%.1f pt)", lines[0].Text, lines[0].Width)
	}
	rep := readSeed(t, "003_8178ad8169fa307d")
	d = layout(t, rep, pdf.Options{WithFindings: true})
	for _, b := range d.Pages[len(d.Pages)-1].Boxes {
		if x, ok := b.(*pdf.Text); ok && x.Size < 10 && strings.Contains(x.Text, "T") && !strings.HasSuffix(x.Text, "）") && !strings.HasPrefix(x.Text, "（") {
			t.Errorf("check id broken: %q", x.Text)
		}
	}
}

// TestMetadata: the PDF says its language, carries title and author, and
// has bookmarks for the six parts, the three tables and the appendix.
func TestMetadata(t *testing.T) {
	r := readSeed(t, goldenSeeds[0])
	b := withStreams(t, writePDF(t, r, pdf.Options{WithFindings: true}))
	for _, want := range []string{"/Lang (zh-CN)", "/PageMode /UseOutlines"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("PDF lacks %s", want)
		}
	}
	var titles []string
	for _, m := range regexp.MustCompile(`/Title <FEFF([0-9A-Fa-f]+)>`).FindAllSubmatch(b, -1) {
		raw, err := hex.DecodeString(string(m[1]))
		if err != nil || len(raw)%2 != 0 {
			t.Fatalf("bad outline title %s", m[1])
		}
		u := make([]uint16, len(raw)/2)
		for i := range u {
			u[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
		}
		titles = append(titles, string(utf16.Decode(u)))
	}
	got := strings.Join(titles, "|")
	for _, want := range []string{"一、总体情况|二、主动公开政府信息情况|表二 主动公开政府信息情况|三、", "|表四 ", "|六、其他需要报告的事项|附：数据检查未通过或无法确定的项目|2020年市城管执法局政府信息公开工作年度报告"} {
		if !strings.Contains(got, want) {
			t.Errorf("bookmarks and title %q lack %q", got, want)
		}
	}
	if !bytes.Contains(b, []byte("/Author")) {
		t.Error("no author")
	}
}

package pdf_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/pdf"
	"github.com/govreport/govreport/convert/zhconv"
	"github.com/govreport/govreport/fonts"
	"github.com/govreport/govreport/templates"
)

// poppler returns the path of a poppler-utils tool, or skips the test.
func poppler(t *testing.T, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s not found: install poppler-utils (apt-get install -y poppler-utils) to run this test", tool)
	}
	return p
}

func writeTemp(t *testing.T, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// squeeze removes all white space, so that text broken across lines inside
// a table cell compares equal to the label.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

// TestPDFTextComplete: for every seed, the text layer (pdftotext -raw, which
// keeps the drawing order, so a cell's lines stay together) holds every
// label of the edition's tables and every cell as written; pdffonts lists
// only embedded subset fonts; the file is under 320 KB (true subsets: only the glyphs drawn).
func TestPDFTextComplete(t *testing.T) {
	pdftotext := poppler(t, "pdftotext")
	pdffonts := poppler(t, "pdffonts")
	for _, path := range seedPaths(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			r := readPath(t, path)
			b := writePDF(t, r, pdf.Options{Time: testTime})
			if len(b) >= 320<<10 {
				t.Errorf("PDF is %d bytes, want under 320 KB", len(b))
			}
			file := writeTemp(t, b)
			out, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", file, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			text := squeeze(string(out))
			ed := r.Meta.Edition
			if !ed.HasTables() {
				t.Fatalf("seed has no tables (edition %q)", ed)
			}
			for _, tab := range templates.Default().Tables(ed) {
				for _, p := range tab.Cells {
					want := p.Text
					if p.Role == templates.RoleValue {
						want = ""
						if c := r.Cells[p.Key]; c != nil && c.Kind != model.KindMissing {
							want = c.Raw
						}
					}
					if w := squeeze(want); w != "" && !strings.Contains(text, w) {
						t.Errorf("%s %s (%s %q): not in the PDF text", tab.ID, p.Role, p.Key, want)
					}
				}
			}
			heading := r.Parts[4].Heading
			if heading == "" {
				heading = model.PartTitles[4]
			}
			for _, s := range []string{r.Meta.Agency, "政府信息公开工作年度报告", heading} {
				// Traditional-script reports are printed in simplified
				// characters (package outline).
				if s != "" && !strings.Contains(text, squeeze(zhconv.ToSimplified(s))) {
					t.Errorf("%q not in the PDF text", s)
				}
			}
			out, err = exec.Command(pdffonts, file).Output()
			if err != nil {
				t.Fatalf("pdffonts: %v", err)
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(lines) < 3 {
				t.Fatalf("pdffonts lists no fonts:\n%s", out)
			}
			for _, ln := range lines[2:] {
				f := strings.Fields(ln)
				// name type… encoding emb sub uni object ID
				if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
					t.Errorf("font not embedded as a subset: %s", ln)
				}
				if name := f[0]; len(name) < 8 || name[6] != '+' {
					t.Errorf("font name lacks a subset tag: %s", name)
				}
			}
		})
	}
	if n := pdf.GlyphMisses(); n != 0 {
		t.Errorf("the painter was asked %d times for a glyph its font lacks", n)
	}
}

// TestPDFRendered renders one page with pdftoppm, which fails on a broken
// file.
func TestPDFRendered(t *testing.T) {
	pdftoppm := poppler(t, "pdftoppm")
	file := writeTemp(t, writePDF(t, readSeed(t, goldenSeeds[1]), pdf.Options{Time: testTime}))
	out, err := exec.Command(pdftoppm, "-png", "-r", "20", "-f", "1", "-l", "1", file, filepath.Join(t.TempDir(), "p")).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
}

// TestReproducible: two writes give the same bytes; the creation date comes
// from Options.Time, and so do title, author and subject from the report.
func TestReproducible(t *testing.T) {
	r := readSeed(t, goldenSeeds[1])
	a := writePDF(t, r, pdf.Options{Time: testTime})
	b := writePDF(t, r, pdf.Options{Time: testTime})
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same report differ")
	}
	if !bytes.Contains(a, []byte("/CreationDate(D:20210111090000+00'00')")) {
		t.Error("creation date is not Options.Time")
	}
	later := writePDF(t, r, pdf.Options{Time: testTime.Add(time.Hour)})
	if bytes.Equal(a, later) {
		t.Error("Options.Time does not reach the file")
	}
	if !bytes.Contains(writePDF(t, r, pdf.Options{}), []byte("/CreationDate(D:20000101000000+00'00')")) {
		t.Error("zero Time should give 2000-01-01")
	}
	d := layout(t, r, pdf.Options{Time: testTime})
	if d.Info.Title != "2021年大祥区行政审批服务局政府信息公开工作年度报告" || d.Info.Author != "大祥区行政审批服务局" || d.Info.Subject != "政府信息公开工作年度报告" {
		t.Errorf("info = %+v", d.Info)
	}
	if !bytes.Contains(a, utf16Hex(d.Info.Title)) || !bytes.Contains(a, utf16Hex(d.Info.Author)) {
		t.Error("title or author missing from the Info dictionary")
	}
}

func utf16Hex(s string) []byte {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, r := range s {
		fmt.Fprintf(&b, "%04X", r)
	}
	return []byte(b.String())
}

// TestEveryKeyPlaced: writers never drop a field; every key of the edition
// is a cell of the layout.
func TestEveryKeyPlaced(t *testing.T) {
	for _, seed := range goldenSeeds[:2] {
		r := readSeed(t, seed)
		d := layout(t, r, pdf.Options{})
		seen := map[string]bool{}
		for _, p := range d.Pages {
			for _, b := range p.Boxes {
				if c, ok := b.(*pdf.Cell); ok && c.Key != "" {
					seen[c.Key] = true
				}
			}
		}
		for _, k := range templates.Default().Keys(r.Meta.Edition) {
			if !seen[k] {
				t.Errorf("%s: key %s not drawn", seed, k)
			}
		}
	}
}

// TestGeometry checks the GB/T 9704 frame on every page: text inside the
// 156 × 225 mm block at 28/37 mm, at most 22 body lines a page, page
// numbers "— N —" below the block, odd pages right and even pages left.
func TestGeometry(t *testing.T) {
	const mm = 72 / 25.4
	left, top, right, bottom := 28*mm, 37*mm, 28*mm+156*mm, 37*mm+225*mm
	for _, seed := range goldenSeeds {
		d := layout(t, readSeed(t, seed), pdf.Options{WithFindings: true})
		if d.Width < 595 || d.Width > 595.5 || d.Height < 841.5 || d.Height > 842.2 {
			t.Fatalf("page %vx%v is not A4", d.Width, d.Height)
		}
		for _, p := range d.Pages {
			body := map[float64]bool{}
			var footer *pdf.Text
			for _, b := range p.Boxes {
				switch b := b.(type) {
				case *pdf.Text:
					if b.Y > bottom {
						footer = b
						continue
					}
					// Body text is tracked by −0.21 pt onto the 28-character
					// grid, so a full line's last em box ends that much past
					// the measure.
					if b.X < left-0.01 || b.X+b.Width-b.Spacing > right+0.25 || b.Y < top || b.Y > bottom {
						t.Errorf("%s p%d: text %q at %.2f,%.2f w=%.2f outside the text block", seed, p.Number, b.Text, b.X, b.Y, b.Width)
					}
					if b.Font == fonts.Body && b.Size == 16 {
						body[b.Y] = true
					}
				case *pdf.Cell:
					if b.X < left-0.01 || b.X+b.W > right+0.01 || b.Y < top-0.01 || b.Y+b.H > bottom+0.01 {
						t.Errorf("%s p%d: cell %s[%d,%d] outside the text block", seed, p.Number, b.Table, b.Row, b.Col)
					}
				}
			}
			if len(body) > 22 {
				t.Errorf("%s p%d: %d body lines, GB/T 9704 allows 22", seed, p.Number, len(body))
			}
			want := fmt.Sprintf("— %d —", p.Number)
			switch {
			case footer == nil || footer.Text != want:
				t.Errorf("%s p%d: footer %v, want %q", seed, p.Number, footer, want)
			case p.Number%2 == 1 && footer.X+footer.Width < right-20:
				t.Errorf("%s p%d: odd page number not at the right", seed, p.Number)
			case p.Number%2 == 0 && footer.X > left+20:
				t.Errorf("%s p%d: even page number not at the left", seed, p.Number)
			}
		}
	}
}

// TestTableHeaderRepeats: a table running over a page repeats its header
// rows, and no row is split.
func TestTableHeaderRepeats(t *testing.T) {
	r := readSeed(t, goldenSeeds[1])
	// Long values make table 三 taller than a page.
	for _, k := range templates.Default().Table(r.Meta.Edition, "t3").Keys {
		r.Cells[k] = &model.Cell{Key: k, Raw: strings.Repeat("十", 12), Kind: model.KindText}
	}
	d := layout(t, r, pdf.Options{})
	pages := 0
	for _, p := range d.Pages {
		rows := map[int]bool{}
		for _, b := range p.Boxes {
			if c, ok := b.(*pdf.Cell); ok && c.Table == "t3" {
				rows[c.Row] = true
			}
		}
		if len(rows) == 0 {
			continue
		}
		pages++
		for h := 0; h < 3; h++ {
			if !rows[h] {
				t.Errorf("page %d: table 三 without header row %d", p.Number, h)
			}
		}
	}
	if pages < 2 {
		t.Fatalf("table 三 on %d page(s), want it to run over", pages)
	}
}

// TestTable2Groups: table 二 breaks across pages only between its
// sub-tables (banner, header and data rows stay together), wherever on the
// page it starts.
func TestTable2Groups(t *testing.T) {
	base := readSeed(t, goldenSeeds[0])
	t2 := templates.Default().Table(base.Meta.Edition, "t2")
	var starts []int
	for _, p := range t2.Cells {
		if p.Role == templates.RoleBanner {
			starts = append(starts, p.Row)
		}
	}
	starts = append(starts, t2.NRows)
	split := 0
	for n := 0; n < 22; n++ {
		r := *base
		r.Parts[0].Text = strings.Repeat("政府信息公开工作年度报告。\n", n)
		r.Preamble = ""
		d := layout(t, &r, pdf.Options{})
		pagesWithT2 := 0
		for _, p := range d.Pages {
			rows := map[int]bool{}
			for _, b := range p.Boxes {
				if c, ok := b.(*pdf.Cell); ok && c.Table == "t2" {
					rows[c.Row] = true
				}
			}
			if len(rows) > 0 {
				pagesWithT2++
			}
			for g := 0; g+1 < len(starts); g++ {
				in := 0
				for row := starts[g]; row < starts[g+1]; row++ {
					if rows[row] {
						in++
					}
				}
				if in != 0 && in != starts[g+1]-starts[g] {
					t.Errorf("%d filler lines: page %d has %d of the %d rows of sub-table %d", n, p.Number, in, starts[g+1]-starts[g], g+1)
				}
			}
		}
		if pagesWithT2 > 1 {
			split++
		}
	}
	if split == 0 {
		t.Error("table 二 never ran over a page; the test proves nothing")
	}
}

// TestMissingCharacter: a character no font has becomes a visible box and a
// finding naming it and where it is; 堃 and 喆 are drawn with the fallback
// font without a finding.
func TestMissingCharacter(t *testing.T) {
	r := readSeed(t, goldenSeeds[1])
	r.Meta.Agency = "大祥区\U0002A6D6行政审批服务局"
	r.Parts[0].Text = "王堃、李喆同志负责\uE000信息公开工作。\n" + r.Parts[0].Text
	r.Cells["t3.new.natural"] = &model.Cell{Key: "t3.new.natural", Raw: "1\uE001", Kind: model.KindText, Line: 42}
	var got []model.Finding
	d, err := pdf.Layout(r, pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, r, pdf.Options{OnFinding: func(f model.Finding) { got = append(got, f) }}); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(d.Findings) || len(got) < 4 {
		t.Fatalf("findings %v", got)
	}
	msgs := ""
	for _, f := range got {
		if f.ID != pdf.FindingGlyph || f.Status != model.Warning {
			t.Errorf("finding %s %s", f.ID, f.Status)
		}
		msgs += f.Message + "\n"
	}
	for _, want := range []string{"标题中的字符 “\U0002A6D6”（U+2A6D6）", "落款中的字符 “\U0002A6D6”（U+2A6D6）", "一、总体情况第 1 段中的字符 “\uE000”（U+E000）",
		"表三「一、本年新收政府信息公开申请数量 / 自然人」中的字符 “\uE001”（U+E001）"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("no finding %q in:\n%s", want, msgs)
		}
	}
	if strings.Contains(msgs, "堃") || strings.Contains(msgs, "喆") {
		t.Errorf("堃/喆 reported although the fallback font has them:\n%s", msgs)
	}
	boxes, fallback := map[rune]int{}, ""
	for _, p := range d.Pages {
		for _, b := range p.Boxes {
			switch b := b.(type) {
			case *pdf.Missing:
				boxes[b.Char]++
			case *pdf.Text:
				if b.Font == fonts.Fallback {
					fallback += b.Text
				}
			}
		}
	}
	for _, f := range got {
		if strings.Contains(f.Message, "表三") && (len(f.Keys) != 1 || f.Keys[0] != "t3.new.natural" || f.Line != 42) {
			t.Errorf("cell finding without its key and line: %+v", f)
		}
	}
	if boxes[0x2A6D6] < 2 || boxes[0xE000] != 1 || boxes[0xE001] != 1 {
		t.Errorf("missing-character boxes %v", boxes)
	}
	if !strings.Contains(fallback, "堃") || !strings.Contains(fallback, "喆") {
		t.Errorf("堃/喆 not drawn with the fallback font (fallback runs %q)", fallback)
	}
	// The report itself is not modified.
	if len(r.Findings) != len(readSeed(t, goldenSeeds[1]).Findings) {
		t.Error("Write added findings to the report")
	}
}

// TestAppendix: --with-findings adds a page listing failed and uncertain
// checks (seed 002 fails T3-BALANCE).
func TestAppendix(t *testing.T) {
	r := readSeed(t, goldenSeeds[0])
	without := layout(t, r, pdf.Options{})
	with := layout(t, r, pdf.Options{WithFindings: true})
	if len(with.Pages) != len(without.Pages)+1 {
		t.Fatalf("%d pages with findings, %d without", len(with.Pages), len(without.Pages))
	}
	last := ""
	for _, b := range with.Pages[len(with.Pages)-1].Boxes {
		if x, ok := b.(*pdf.Text); ok {
			last += x.Text
		}
	}
	for _, want := range []string{"附：数据检查未通过或无法确定的项目", "1.【未通过】表三自然人列 本年新收+上年结转=办理结果总计+结转下年度", "（T3-BALANCE.natural）"} {
		if !strings.Contains(last, want) {
			t.Errorf("appendix lacks %q: %s", want, last)
		}
	}
	// The check id is printed small, after the plain-Chinese text.
	small := false
	for _, b := range with.Pages[len(with.Pages)-1].Boxes {
		if x, ok := b.(*pdf.Text); ok && strings.Contains(x.Text, "T3-BALANCE.natural") {
			small = x.Size < 10
		}
	}
	if !small {
		t.Error("check id not in small print")
	}
	clean := &model.Report{}
	d := layout(t, clean, pdf.Options{WithFindings: true})
	if txt := d.DumpString(); !strings.Contains(txt, "本报告没有可以检查的表格数据") {
		t.Error("appendix of a report without checks should say there was nothing to check")
	}
	clean.Findings = []model.Finding{{ID: "YEAR", Status: model.Pass, Message: "年度一致"}}
	d = layout(t, clean, pdf.Options{WithFindings: true})
	if txt := d.DumpString(); !strings.Contains(txt, "所有检查均已通过") {
		t.Error("appendix of a report whose checks all passed should say so")
	}
}

// TestNoPanic lays out and writes reports that are empty, partial or huge.
func TestNoPanic(t *testing.T) {
	long := strings.Repeat("政府信息公开工作，", 4000)
	seed := readSeed(t, goldenSeeds[1])
	cases := map[string]*model.Report{
		"nil":     nil,
		"empty":   {},
		"unknown": {Meta: model.Meta{Edition: model.EditionUnknown, Year: 2021}},
		"legacy":  {Meta: model.Meta{Edition: model.EditionLegacy, Agency: "某局"}, Parts: [6]model.Part{{Text: "（一）概述\n无"}}},
		"nocells": {Meta: model.Meta{Edition: model.Edition2021}},
		"huge": {Meta: model.Meta{Edition: model.Edition2019, Agency: strings.Repeat("很长的机关名称", 60), Title: strings.Repeat("标题", 200), Published: "2021-13-45"},
			Preamble: long, Parts: [6]model.Part{{Text: long + "\n" + strings.Repeat("x", 5000)}, {Heading: strings.Repeat("二、", 100)}}},
		"oddchars": {Meta: model.Meta{Edition: model.Edition2021, Agency: "\x00\t\u200b\ufeff\xff"}, Parts: [6]model.Part{{Text: "\r\n\r\n（一）\n(二)。\n（三）短。长" + string(rune(0x10FFFF))}}},
	}
	nilCell := *seed
	nilCell.Cells = map[string]*model.Cell{}
	for k, v := range seed.Cells {
		nilCell.Cells[k] = v
	}
	for k := range nilCell.Cells {
		nilCell.Cells[k] = nil
		break
	}
	nilCell.Cells["t3.new.natural"] = &model.Cell{Raw: strings.Repeat("说明文字", 800), Kind: model.KindText}
	nilCell.Cells["t4.review.total"] = &model.Cell{Raw: "12345678901234567890", Kind: model.KindNumber}
	cases["cells"] = &nilCell
	for name, r := range cases {
		t.Run(name, func(t *testing.T) {
			d := layout(t, r, pdf.Options{WithFindings: true})
			if len(d.Pages) == 0 {
				t.Fatal("no pages")
			}
			var buf bytes.Buffer
			if err := d.WritePDF(&buf); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || !bytes.HasSuffix(buf.Bytes(), []byte("%%EOF\n")) {
				t.Error("not a complete PDF")
			}
			if name == "cells" && !strings.Contains(d.DumpString(), pdf.FindingTruncated) {
				t.Error("an overlong cell should be reported as cut")
			}
		})
	}
}

// TestFontCache: fonts are parsed once per process, shared by every
// fonts.Default() set; the writer's parse agrees with fonts.Set.Covers.
func TestFontCache(t *testing.T) {
	a, b := fonts.Default(), fonts.Default()
	for _, role := range fonts.Roles() {
		if !pdf.SameFace(a, b, role) {
			t.Errorf("%s parsed twice", role)
		}
		cov, err := pdf.Coverage(a, role)
		if err != nil {
			t.Fatal(err)
		}
		for c := range cov {
			if !a.Covers(role, c) {
				t.Errorf("%s: writer has U+%04X, fonts.Covers does not", role, c)
				break
			}
		}
		for c := rune(0x20); c <= 0xFFFF; c++ {
			if a.Covers(role, c) {
				if _, ok := cov[c]; !ok && c != 0xFFFF {
					t.Errorf("%s: fonts.Covers has U+%04X, the writer's parse does not", role, c)
					break
				}
			}
		}
	}
	// A user font replaces a role and is used for it.
	c := fonts.Default()
	if err := c.WithFile(fonts.Body, filepath.Join("..", "..", "fonts", "kai.ttf")); err != nil {
		t.Fatal(err)
	}
	d := layout(t, readSeed(t, goldenSeeds[1]), pdf.Options{Fonts: c})
	if err := pdf.LoadFonts(c); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := d.WritePDF(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(withStreams(t, buf.Bytes()), []byte("+kai")) {
		t.Error("the user font is not embedded under its file name")
	}
}

// TestBadFont: a font the PDF writer cannot read is an error naming the file.
func TestBadFont(t *testing.T) {
	dir := t.TempDir()
	// A TrueType header that passes the fonts package's checks is hard to
	// fake; instead give a role the bytes of a truncated real font.
	data, err := os.ReadFile(filepath.Join("..", "..", "fonts", "song.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "broken.ttf")
	if err := os.WriteFile(path, data[:2000], 0o644); err != nil {
		t.Fatal(err)
	}
	set := fonts.Default()
	if err := set.WithFile(fonts.Table, path); err != nil {
		if !strings.Contains(err.Error(), path) {
			t.Errorf("error %q does not name the file", err)
		}
		return // rejected by the fonts package already
	}
	err = pdf.LoadFonts(set)
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("LoadFonts = %v, want an error naming %s", err, path)
	}
}

// TestConcurrent: documents may be written from several goroutines at once
// (batch conversion); they share the parsed fonts and give the same bytes.
func TestConcurrent(t *testing.T) {
	r := readSeed(t, goldenSeeds[0])
	want := writePDF(t, r, pdf.Options{Time: testTime})
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			var buf bytes.Buffer
			err := pdf.Write(&buf, r, pdf.Options{Time: testTime})
			if err == nil && !bytes.Equal(buf.Bytes(), want) {
				err = fmt.Errorf("concurrent write differs")
			}
			errs <- err
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// FuzzLayout: any text in the metadata, the parts and the cells lays out
// without panicking and paints.
func FuzzLayout(f *testing.F) {
	f.Add("大祥区行政审批服务局", "（一）概述。正文\n二行", "增81", "2021-01-11")
	f.Add("", "", "", "")
	f.Add("\U0002A6D6\uE000堃", "(一)\t\x00\xff", "38.47万元\n减14.94万元", "x-y-z")
	f.Fuzz(func(t *testing.T, agency, text, raw, date string) {
		r := &model.Report{Meta: model.Meta{Agency: agency, Edition: model.Edition2019, Published: date, Year: len(text)},
			Preamble: text, Cells: map[string]*model.Cell{}}
		for i := range r.Parts {
			r.Parts[i] = model.Part{Heading: raw, Text: text}
		}
		for _, k := range templates.Default().Keys(model.Edition2019) {
			r.Cells[k] = &model.Cell{Key: k, Raw: raw, Kind: model.KindText}
		}
		d, err := pdf.Layout(r, pdf.Options{WithFindings: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := d.WritePDF(io.Discard); err != nil {
			t.Fatal(err)
		}
	})
}

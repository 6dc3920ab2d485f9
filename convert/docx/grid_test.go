package docx_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/docx"
	"github.com/govreport/govreport/convert/model"
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

// TestGridValues: the section's document grid holds 22 lines in the 225 mm
// text block, and body text is condensed so that exactly 28 三号
// characters fit the 156 mm measure.
func TestGridValues(t *testing.T) {
	_, data := unzip(t, writeDocx(t, gridReport(), docx.Options{}))
	doc, st := string(data["word/document.xml"]), string(data["word/styles.xml"])
	m := regexp.MustCompile(`<w:docGrid w:type="lines" w:linePitch="(\d+)"/>`).FindStringSubmatch(doc)
	if m == nil {
		t.Fatal("no lines document grid")
	}
	pitch, _ := strconv.Atoi(m[1])
	height := 16838 - 2098 - 1984 // page height less top and bottom margins, twips
	if lines := height / pitch; lines != 22 {
		t.Errorf("grid pitch %d twips gives %d lines, want 22", pitch, lines)
	}
	m = regexp.MustCompile(`w:styleId="Normal">.*?<w:spacing w:val="(-?\d+)"/><w:sz w:val="32"/>`).FindStringSubmatch(st)
	if m == nil {
		t.Fatal("Normal style has no character spacing for 三号")
	}
	sp, _ := strconv.Atoi(m[1])
	width := 11906 - 1587 - 1474 // twips
	char := 16*20 + sp           // twips per character
	if n := width / char; n != 28 {
		t.Errorf("character spacing %d gives %d characters a line, want 28", sp, n)
	}
}

// TestGridLibreOffice renders the grid report with LibreOffice and measures
// the result: 28 characters on every full line, 22 lines on a full page,
// odd page numbers at the right and even ones at the left.
func TestGridLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not found: install libreoffice-writer-nogui to measure the Word grid")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found: install poppler-utils to measure the Word grid")
	}
	if testing.Short() {
		t.Skip("LibreOffice rendering is slow; skipped with -short")
	}
	tmp := t.TempDir()
	in := filepath.Join(tmp, "grid.docx")
	if err := os.WriteFile(in, writeDocx(t, gridReport(), docx.Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	env := os.Environ()
	if fontDir, err := filepath.Abs(filepath.Join("..", "..", "fonts")); err == nil {
		conf := filepath.Join(tmp, "fonts.conf")
		if err := os.WriteFile(conf, []byte(fmt.Sprintf(fontsConf, fontDir, filepath.Join(tmp, "fc-cache"))), 0o644); err != nil {
			t.Fatal(err)
		}
		env = append(env, "FONTCONFIG_FILE="+conf)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(tmp, "profile")),
		"--convert-to", "pdf", "--outdir", tmp, in)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	out, err := exec.Command(pdftotext, "-bbox", "-enc", "UTF-8", filepath.Join(tmp, "grid.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	type line struct {
		y     float64
		runes int
	}
	var pages [][]line // body lines per page, top to bottom
	type num struct{ x, xmax float64 }
	var numbers []num
	pageRe := regexp.MustCompile(`<page width="([\d.]+)"`)
	wordRe := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>`)
	pageW := 0.0
	for _, ln := range strings.Split(string(out), "\n") {
		if m := pageRe.FindStringSubmatch(ln); m != nil {
			pageW, _ = strconv.ParseFloat(m[1], 64)
			pages = append(pages, nil)
			numbers = append(numbers, num{-1, -1})
			continue
		}
		m := wordRe.FindStringSubmatch(ln)
		if m == nil || len(pages) == 0 {
			continue
		}
		x, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[2], 64)
		xmax, _ := strconv.ParseFloat(m[3], 64)
		text := m[4]
		p := len(pages) - 1
		if strings.Contains(text, "—") || y > 760 {
			if numbers[p].x < 0 || x < numbers[p].x {
				numbers[p].x = x
			}
			numbers[p].xmax = max(numbers[p].xmax, xmax)
			continue
		}
		if !strings.ContainsAny(text, "政府信息公开工作年度报告正文") {
			continue
		}
		ls := pages[p]
		if len(ls) > 0 && ls[len(ls)-1].y > y-3 && ls[len(ls)-1].y < y+3 {
			ls[len(ls)-1].runes += utf8.RuneCountInString(text)
		} else {
			ls = append(ls, line{y, utf8.RuneCountInString(text)})
		}
		pages[p] = ls
	}
	if len(pages) < 4 {
		t.Fatalf("%d pages rendered", len(pages))
	}
	full := 0
	for i, ls := range pages[1 : len(pages)-1] {
		sort.Slice(ls, func(a, b int) bool { return ls[a].y < ls[b].y })
		if len(ls) != 22 {
			if i == len(pages)-3 {
				continue // the paragraph may end on this page
			}
			t.Errorf("page %d: %d body lines, want 22", i+2, len(ls))
		}
		for _, l := range ls {
			if l.runes != 28 {
				t.Errorf("page %d: line at %.1f has %d characters, want 28", i+2, l.y, l.runes)
			}
		}
		full++
	}
	if full < 2 {
		t.Errorf("only %d full pages measured", full)
	}
	t.Logf("%d pages; %d full pages measured; page numbers %v", len(pages), full, numbers)
	for i, n := range numbers {
		if n.x < 0 {
			t.Errorf("page %d: no page number", i+1)
			continue
		}
		mid := (n.x + n.xmax) / 2
		if odd := (i+1)%2 == 1; odd && mid < pageW/2 || !odd && mid > pageW/2 {
			t.Errorf("page %d: page number at x %.0f–%.0f, on the wrong side (odd right, even left)", i+1, n.x, n.xmax)
		}
	}
}

// TestAppendixOwnFindings: as in the PDF, the appendix ends with the
// writer's own findings.
func TestAppendixOwnFindings(t *testing.T) {
	r := readSeed(t, "002_b0e573aacea97adf")
	r.Parts[0].Text = "第一段\x01有坏字符"
	_, data := unzip(t, writeDocx(t, r, docx.Options{WithFindings: true}))
	texts := parseDoc(t, data["word/document.xml"]).texts()
	if !contains(texts, "3.【注意】一、总体情况含有 Word 文档不能保存的字符（U+0001），已删除 1 个") {
		t.Errorf("appendix lacks the writer's finding: %q", texts[len(texts)-3:])
	}
}

package docx_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/docx"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// fontsConf maps the fonts the document asks for to the free stand-ins in
// fonts/, so that LibreOffice lays pages out with real CJK metrics (and the
// same ones on every machine) instead of whatever fallback is installed.
const fontsConf = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>%s</dir>
  <cachedir>%s</cachedir>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>FandolFang</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>FandolHei</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>FandolKai</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>FandolSong</family></prefer></alias>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
</fontconfig>
`

// TestLibreOffice renders each seed's .docx with headless LibreOffice, as an
// office would open it: it must convert without error to PDF and to text, the
// text must hold every table cell (labels and values) in reading order, and
// the page count must be plausible. Skipped when soffice is not installed
// (CI installs libreoffice-writer-nogui and poppler-utils).
func TestLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not found: install libreoffice-writer-nogui to run the LibreOffice rendering test")
	}
	if testing.Short() {
		t.Skip("LibreOffice rendering takes tens of seconds; skipped with -short")
	}
	tmp := t.TempDir()
	in := filepath.Join(tmp, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	reports := map[string]*model.Report{}
	var files []string
	for _, seed := range seeds {
		r := readSeed(t, seed)
		reports[seed] = r
		f := filepath.Join(in, seed+".docx")
		if err := os.WriteFile(f, writeDocx(t, r, docx.Options{Time: testTime}), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	env := os.Environ()
	if fontDir, err := filepath.Abs(filepath.Join("..", "..", "fonts")); err == nil {
		if m, _ := filepath.Glob(filepath.Join(fontDir, "*.ttf")); len(m) > 0 {
			conf := filepath.Join(tmp, "fonts.conf")
			text := fmt.Sprintf(fontsConf, fontDir, filepath.Join(tmp, "fc-cache"))
			if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			env = append(env, "FONTCONFIG_FILE="+conf)
		}
	}
	profile := "file://" + filepath.ToSlash(filepath.Join(tmp, "profile"))
	convert := func(to, outDir string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		args := append([]string{"--headless", "--norestore", "-env:UserInstallation=" + profile,
			"--convert-to", to, "--outdir", outDir}, files...)
		cmd := exec.CommandContext(ctx, soffice, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil || bytes.Contains(out, []byte("Error")) {
			t.Fatalf("soffice --convert-to %s: %v\n%s", to, err, out)
		}
	}
	pdfDir, txtDir := filepath.Join(tmp, "pdf"), filepath.Join(tmp, "txt")
	convert("pdf", pdfDir)
	convert("txt:Text (encoded):UTF8", txtDir)

	for _, seed := range seeds {
		t.Run(seed, func(t *testing.T) {
			r := reports[seed]
			txt, err := os.ReadFile(filepath.Join(txtDir, seed+".txt"))
			if err != nil {
				t.Fatalf("LibreOffice did not convert the document to text: %v", err)
			}
			text := strings.ReplaceAll(string(txt), "\r\n", "\n")
			// LibreOffice writes each cell's paragraph on a line of its own,
			// merged-away cells as empty lines: the table must read back as
			// exactly the spec's grid in reading order.
			for _, tb := range templates.Default().Tables(r.Meta.Edition) {
				var lines []string
				for row := 0; row < tb.NRows; row++ {
					for col := 0; col < tb.Cols; {
						ci := tb.Grid[row][col]
						p := tb.Cells[ci]
						s := ""
						if p.Row == row {
							s = docx.LabelText(tb, ci)
							if p.Role == templates.RoleValue {
								s = shown(r, p.Key)
							}
						}
						lines = append(lines, s)
						col = p.Col + p.ColSpan
					}
				}
				if want := strings.Join(lines, "\n"); !strings.Contains(text, "\n"+want+"\n") {
					t.Errorf("%s: the text LibreOffice reads does not hold the table cell by cell; want\n%s", tb.ID, want)
				}
			}
			for _, want := range append([]string{r.Meta.Agency}, model.PartTitles[:]...) {
				if !strings.Contains(text, want) {
					t.Errorf("text lacks %q", want)
				}
			}

			pdf, err := os.ReadFile(filepath.Join(pdfDir, seed+".pdf"))
			if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
				t.Fatalf("LibreOffice did not convert the document to PDF: %v", err)
			}
			pages := pageCount(t, filepath.Join(pdfDir, seed+".pdf"), pdf)
			// Three tables take at least two pages; 22 lines × 28 characters
			// hold about 600 characters of body text a page.
			runes := utf8.RuneCountInString(r.Preamble)
			for _, p := range r.Parts {
				runes += utf8.RuneCountInString(p.Text)
			}
			lo, hi := 3, 4+runes/300
			if pages < lo || pages > hi {
				t.Errorf("%d pages, expected %d–%d for %d characters of text and three tables", pages, lo, hi, runes)
			}
			t.Logf("%d pages", pages)
			// The footer's PAGE field prints "— N —" on every page.
			if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
				out, err := exec.Command(pdftotext, "-enc", "UTF-8", filepath.Join(pdfDir, seed+".pdf"), "-").Output()
				if err != nil {
					t.Fatal(err)
				}
				// pdftotext may drop the narrow spaces around the number.
				flat := strings.Join(strings.Fields(string(out)), "")
				for n := 1; n <= pages; n++ {
					if !strings.Contains(flat, "—"+strconv.Itoa(n)+"—") {
						t.Errorf("page %d has no page number", n)
					}
				}
			}
		})
	}
}

// pageCount asks pdfinfo (poppler-utils) for the page count, or counts page
// objects in the file when pdfinfo is not installed.
func pageCount(t *testing.T, path string, pdf []byte) int {
	if pdfinfo, err := exec.LookPath("pdfinfo"); err == nil {
		out, err := exec.Command(pdfinfo, path).Output()
		if err != nil {
			t.Fatalf("pdfinfo: %v", err)
		}
		if m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out); m != nil {
			n, _ := strconv.Atoi(string(m[1]))
			return n
		}
		t.Fatalf("pdfinfo printed no page count:\n%s", out)
	}
	return len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(pdf, -1))
}

//go:build linux

package main

// The reliability battery: the built binary against many kinds of bad
// input, as a user or an attacker would give them. Each case asserts the
// invariants that hold whatever reader handles the input — an exit status
// from the documented set, a Simplified-Chinese message naming the file,
// no panic, nothing left behind (temporary files, spool files in $TMPDIR,
// output folders of failed inputs), and peak memory (the child's max RSS)
// under batteryMaxRSS — plus, where the behaviour is settled, the status
// and the message. PDF and Word cases accept a clear refusal or a read,
// since those readers are being written.

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// batteryMaxRSS is the peak memory any battery case may take (the inputs
// are at most a few MB, bombs included; see README "数值与资源上限").
const batteryMaxRSS = 600 << 20

// documented are the exit statuses of the README.
var documented = map[int]bool{0: true, 1: true, 2: true, 3: true, 130: true, 143: true}

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

// binary builds govreport once for the battery.
func binary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "govreport-battery-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "govreport")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// result is one run of the binary.
type result struct {
	code           int
	stdout, stderr string
	maxRSS         int64 // bytes
}

// runBin runs the binary in dir with TMPDIR=dir/tmp.
func runBin(t *testing.T, dir string, stdin []byte, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TMPDIR=" + filepath.Join(dir, "tmp")}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%v: did not finish in time (hang?)\nstderr: %s", args, errb.String())
	}
	r := result{stdout: out.String(), stderr: errb.String()}
	if cmd.ProcessState == nil {
		t.Fatalf("%v: %v", args, err)
	}
	r.code = cmd.ProcessState.ExitCode()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss << 10 // KiB on Linux
	}
	return r
}

// batteryCase is one kind of bad input.
type batteryCase struct {
	name string
	// make creates the inputs in dir and returns the arguments (and the
	// standard input, nil for none).
	make func(t *testing.T, dir string) ([]string, []byte)
	env  []string
	// codes are the statuses accepted (nil: any documented one).
	codes []int
	want  string // in stderr+stdout when non-empty
	names string // a file the message must name ("" = none)
	// outputs: an output folder "out" may remain (a successful part).
	outputs bool
}

func write(t *testing.T, path string, b []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readSeed(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(seed(name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func repoFile(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../..", rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// zipWith builds a zip whose entries are given as name → content; a
// content of "\x00BIG:n" is n spaces, streamed (a bomb).
func zipWith(t *testing.T, entries ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e[0])
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if _, err := fmt.Sscanf(e[1], "\x00BIG:%d", &n); err == nil {
			chunk := bytes.Repeat([]byte(" "), 1<<20)
			for i := 0; i < n>>20; i++ {
				w.Write(chunk)
			}
			continue
		}
		w.Write([]byte(e[1]))
	}
	zw.Close()
	return buf.Bytes()
}

const contentTypesXLSX = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`
const workbookXML = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表三" sheetId="1" r:id="rId1"/></sheets></workbook>`
const workbookRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`

func xlsxWithSheet(t *testing.T, sheet string) []byte {
	return zipWith(t, [2]string{"[Content_Types].xml", contentTypesXLSX}, [2]string{"xl/workbook.xml", workbookXML},
		[2]string{"xl/_rels/workbook.xml.rels", workbookRels}, [2]string{"xl/worksheets/sheet1.xml", sheet})
}

const contentTypesDOCX = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

func docxWith(t *testing.T, document string) []byte {
	return zipWith(t, [2]string{"[Content_Types].xml", contentTypesDOCX}, [2]string{"word/document.xml", document})
}

func randomBytes(n int, seed int64) []byte {
	b := make([]byte, n)
	rand.New(rand.NewSource(seed)).Read(b)
	return b
}

// template writes a blank template with the binary itself.
func templateFile(t *testing.T, dir string) []byte {
	t.Helper()
	r := runBin(t, dir, nil, nil, "template", "-o", "tmpl.xlsx")
	if r.code != 0 {
		t.Fatalf("template: %d %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "tmpl.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "tmpl.xlsx"))
	return b
}

func one(path string) []string {
	return []string{"convert", "-q", "-t", "json,xlsx", "-o", "out", path}
}

func batteryCases() []batteryCase {
	seedText := func(t *testing.T) []byte { return readSeed(t, "001") }
	return []batteryCase{
		// ---- text ----
		{name: "text/empty", make: func(t *testing.T, d string) ([]string, []byte) {
			return one(write(t, filepath.Join(d, "in", "empty.txt"), nil)), nil
		}, codes: []int{1}, want: "文件为空", names: "empty.txt"},
		{name: "text/binary", make: func(t *testing.T, d string) ([]string, []byte) {
			return one(write(t, filepath.Join(d, "in", "random.txt"), randomBytes(1<<20, 1))), nil
		}, codes: []int{1}, names: "random.txt"},
		{name: "text/not-a-report", make: func(t *testing.T, d string) ([]string, []byte) {
			return one(write(t, filepath.Join(d, "in", "poem.txt"), []byte(strings.Repeat("床前明月光，疑是地上霜。\n", 100)))), nil
		}, codes: []int{1}, want: "未识别为政府信息公开工作年度报告", names: "poem.txt"},
		{name: "text/truncated", make: func(t *testing.T, d string) ([]string, []byte) {
			b := seedText(t)
			return one(write(t, filepath.Join(d, "in", "half.txt"), b[:len(b)/3])), nil
		}, outputs: true},
		{name: "text/bad-encoding", make: func(t *testing.T, d string) ([]string, []byte) {
			b := append(seedText(t), 0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0x81)
			b = append([]byte{0xb0, 0xa1, 0xd6, 0xd0}, b...) // GBK bytes before UTF-8
			return one(write(t, filepath.Join(d, "in", "mixed.txt"), b)), nil
		}, outputs: true, names: ""},
		{name: "text/utf16-no-bom", make: func(t *testing.T, d string) ([]string, []byte) {
			var u []byte
			for _, r := range string(seedText(t)) {
				if r > 0xffff {
					r = '?'
				}
				u = append(u, byte(r), byte(r>>8))
			}
			return one(write(t, filepath.Join(d, "in", "u16.txt"), u)), nil
		}, outputs: true},
		{name: "text/nul-bytes", make: func(t *testing.T, d string) ([]string, []byte) {
			b := bytes.ReplaceAll(seedText(t), []byte("，"), []byte("\x00\x00"))
			return one(write(t, filepath.Join(d, "in", "nul.txt"), b)), nil
		}, outputs: true},
		{name: "text/pipes-2M-lines", make: func(t *testing.T, d string) ([]string, []byte) {
			b := append(seedText(t), bytes.Repeat([]byte("|\n"), 1_990_000)...)
			return []string{"convert", "-q", "-t", "xlsx,pdf", "-o", "out", write(t, filepath.Join(d, "in", "pipes.txt"), b)}, nil
		}, codes: []int{0, 3}, outputs: true},
		{name: "text/too-many-lines", make: func(t *testing.T, d string) ([]string, []byte) {
			b := append(seedText(t), bytes.Repeat([]byte("\n"), 2_100_000)...)
			return one(write(t, filepath.Join(d, "in", "lines.txt"), b)), nil
		}, codes: []int{1}, want: "行的上限", names: "lines.txt"},
		{name: "text/one-huge-line", make: func(t *testing.T, d string) ([]string, []byte) {
			b := append(seedText(t), bytes.Repeat([]byte("公开"), 1<<20)...)
			return []string{"convert", "-q", "-t", "xlsx,docx", "-o", "out", write(t, filepath.Join(d, "in", "longline.txt"), b)}, nil
		}, outputs: true},
		{name: "text/30-digit-number", make: func(t *testing.T, d string) ([]string, []byte) {
			b := bytes.ReplaceAll(readSeed(t, "002"), []byte("\n0 |\n"), []byte("\n150000000000000000000000000001 |\n"))
			return []string{"check", write(t, filepath.Join(d, "in", "huge.txt"), b)}, nil
		}, codes: []int{0, 3}, want: "超过 15 位有效数字"},
		{name: "text/too-large-sparse", make: func(t *testing.T, d string) ([]string, []byte) {
			p := write(t, filepath.Join(d, "in", "big.txt"), nil)
			if err := os.Truncate(p, 65<<20); err != nil {
				t.Fatal(err)
			}
			return one(p), nil
		}, codes: []int{1}, want: "文件过大", names: "big.txt"},
		{name: "fs/fifo-argument", make: func(t *testing.T, d string) ([]string, []byte) {
			p := filepath.Join(d, "in", "b.txt")
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skip(err)
			}
			return one(p), nil
		}, codes: []int{1}, want: "命名管道", names: "b.txt"},
		{name: "fs/fifo-in-folder", make: func(t *testing.T, d string) ([]string, []byte) {
			write(t, filepath.Join(d, "in", "a.txt"), seedText(t))
			if err := syscall.Mkfifo(filepath.Join(d, "in", "b.txt"), 0o644); err != nil {
				t.Skip(err)
			}
			return []string{"summary", "-q", "-o", "out/s.xlsx", "in"}, nil
		}, codes: []int{0}, want: "命名管道", names: "b.txt", outputs: true},
		{name: "fs/symlink-loop", make: func(t *testing.T, d string) ([]string, []byte) {
			p := filepath.Join(d, "in", "loop.txt")
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.Symlink("loop.txt", p)
			return one(p), nil
		}, codes: []int{1}, want: "符号链接", names: "loop.txt"},
		{name: "fs/missing", make: func(t *testing.T, d string) ([]string, []byte) {
			return one(filepath.Join(d, "in", "nothere.txt")), nil
		}, codes: []int{1}, want: "不存在", names: "nothere.txt"},
		{name: "fs/bad-glob", make: func(t *testing.T, d string) ([]string, []byte) {
			return one(filepath.Join(d, "in", "[abc")), nil
		}, codes: []int{1}, want: "通配符", names: "[abc"},
		{name: "fs/output-is-folder", make: func(t *testing.T, d string) ([]string, []byte) {
			os.MkdirAll(filepath.Join(d, "out", "r.json"), 0o755)
			return []string{"convert", "-o", "out", write(t, filepath.Join(d, "in", "r.txt"), seedText(t))}, nil
		}, codes: []int{1}, want: "输出路径是一个已有的文件夹", names: "r.json", outputs: true},
		{name: "fs/long-name", make: func(t *testing.T, d string) ([]string, []byte) {
			return one(write(t, filepath.Join(d, "in", strings.Repeat("报", 80)+".txt"), seedText(t))), nil
		}, codes: []int{0, 3}, outputs: true},
		{name: "fs/stdin-empty", make: func(t *testing.T, d string) ([]string, []byte) {
			return []string{"check", "-"}, []byte{}
		}, codes: []int{1}, want: "标准输入"},
		{name: "fs/own-outputs", make: func(t *testing.T, d string) ([]string, []byte) {
			write(t, filepath.Join(d, "in", "a.txt"), seedText(t))
			r := runBin(t, d, nil, nil, "convert", "-q", "-t", "xlsx,pdf,docx", "-o", "in", "in")
			if r.code != 0 && r.code != 3 {
				t.Fatalf("first run: %d %s", r.code, r.stderr)
			}
			return []string{"convert", "-t", "xlsx,pdf,docx", "-o", "in", "in"}, nil
		}, codes: []int{0, 3}, want: "govreport 写出的文件"},
		// ---- usage ----
		{name: "usage/unknown-flag", make: func(t *testing.T, d string) ([]string, []byte) {
			return []string{"convert", "--frobnicate", "x.txt"}, nil
		}, codes: []int{2}, want: "未知选项"},
		{name: "usage/jobs-not-integer", make: func(t *testing.T, d string) ([]string, []byte) {
			return []string{"check", "-j", "many", "x.txt"}, nil
		}, codes: []int{2}, want: "不是整数"},
		{name: "usage/source-date-epoch", make: func(t *testing.T, d string) ([]string, []byte) {
			return []string{"convert", "-o", "out", write(t, filepath.Join(d, "in", "r.txt"), seedText(t))}, nil
		}, env: []string{"SOURCE_DATE_EPOCH=99999999999999"}, codes: []int{2}, want: "SOURCE_DATE_EPOCH"},
		// ---- HTML ----
		{name: "html/deep-nesting", make: func(t *testing.T, d string) ([]string, []byte) {
			b := "<html><body>" + strings.Repeat("<div>", 200000) + "一、总体情况" + strings.Repeat("</div>", 200000) + "</body></html>"
			return one(write(t, filepath.Join(d, "in", "deep.html"), []byte(b))), nil
		}, names: ""},
		{name: "html/nested-tables", make: func(t *testing.T, d string) ([]string, []byte) {
			b := "<html><body>" + strings.Repeat("<table><tr><td>", 20000) + "1" + strings.Repeat("</td></tr></table>", 20000) + "</body></html>"
			return one(write(t, filepath.Join(d, "in", "tables.html"), []byte(b))), nil
		}},
		{name: "html/huge-table", make: func(t *testing.T, d string) ([]string, []byte) {
			var b strings.Builder
			b.WriteString("<html><body><table>")
			for i := 0; i < 50000; i++ {
				b.WriteString("<tr><td>（一）予以公开</td><td>1</td><td>2</td><td>3</td></tr>")
			}
			b.WriteString("</table></body></html>")
			return []string{"convert", "-q", "-t", "xlsx", "-o", "out", write(t, filepath.Join(d, "in", "rows.html"), []byte(b.String()))}, nil
		}},
		{name: "html/colspan-huge", make: func(t *testing.T, d string) ([]string, []byte) {
			b := `<html><body><table><tr><td colspan="1000000000" rowspan="1000000000">一、总体情况</td></tr></table></body></html>`
			return one(write(t, filepath.Join(d, "in", "span.html"), []byte(b))), nil
		}},
		{name: "html/truncated", make: func(t *testing.T, d string) ([]string, []byte) {
			b := repoFile(t, "testdata/samples/001/source.html")
			return one(write(t, filepath.Join(d, "in", "cut.html"), b[:len(b)/2])), nil
		}, outputs: true},
		// ---- xlsx ----
		{name: "xlsx/zip-bomb", make: func(t *testing.T, d string) ([]string, []byte) {
			return one(write(t, filepath.Join(d, "in", "bomb.xlsx"), xlsxWithSheet(t, "\x00BIG:1073741824"))), nil
		}, codes: []int{1}, names: "bomb.xlsx"},
		{name: "xlsx/huge-dimension", make: func(t *testing.T, d string) ([]string, []byte) {
			sheet := `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>`
			return one(write(t, filepath.Join(d, "in", "dim.xlsx"), xlsxWithSheet(t, sheet))), nil
		}, codes: []int{1}, names: "dim.xlsx"},
		{name: "xlsx/deep-xml", make: func(t *testing.T, d string) ([]string, []byte) {
			sheet := `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + strings.Repeat("<row>", 100000) + strings.Repeat("</row>", 100000) + `</sheetData></worksheet>`
			return one(write(t, filepath.Join(d, "in", "deep.xlsx"), xlsxWithSheet(t, sheet))), nil
		}, codes: []int{1}, names: "deep.xlsx"},
		{name: "xlsx/truncated", make: func(t *testing.T, d string) ([]string, []byte) {
			b := templateFile(t, d)
			return one(write(t, filepath.Join(d, "in", "cut.xlsx"), b[:len(b)/2])), nil
		}, codes: []int{1}, names: "cut.xlsx"},
		{name: "xlsx/empty-template", make: func(t *testing.T, d string) ([]string, []byte) {
			return one(write(t, filepath.Join(d, "in", "blank.xlsx"), templateFile(t, d))), nil
		}, outputs: true},
		{name: "xlsx/legacy-xls", make: func(t *testing.T, d string) ([]string, []byte) {
			b := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, randomBytes(4096, 2)...)
			return one(write(t, filepath.Join(d, "in", "old.xls"), b)), nil
		}, codes: []int{1}, names: "old.xls"},
		{name: "xlsx/many-entries", make: func(t *testing.T, d string) ([]string, []byte) {
			entries := [][2]string{{"[Content_Types].xml", contentTypesXLSX}}
			for i := 0; i < 20000; i++ {
				entries = append(entries, [2]string{fmt.Sprintf("xl/x%d.xml", i), "<a/>"})
			}
			return one(write(t, filepath.Join(d, "in", "many.xlsx"), zipWith(t, entries...))), nil
		}, codes: []int{1}, names: "many.xlsx"},
		// ---- PDF ----
		{name: "pdf/garbage", make: func(t *testing.T, d string) ([]string, []byte) {
			return one(write(t, filepath.Join(d, "in", "junk.pdf"), append([]byte("%PDF-1.7\n"), randomBytes(1<<20, 3)...))), nil
		}, codes: []int{1}, names: "junk.pdf"},
		{name: "pdf/truncated", make: func(t *testing.T, d string) ([]string, []byte) {
			b := repoFile(t, "testdata/inputs/seed001.govreport.pdf")
			return one(write(t, filepath.Join(d, "in", "cut.pdf"), b[:len(b)/2])), nil
		}, outputs: true},
		{name: "pdf/deep-arrays", make: func(t *testing.T, d string) ([]string, []byte) {
			b := "%PDF-1.4\n1 0 obj\n" + strings.Repeat("[", 500000) + strings.Repeat("]", 500000) + "\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
			return one(write(t, filepath.Join(d, "in", "deep.pdf"), []byte(b))), nil
		}, codes: []int{1}, names: "deep.pdf"},
		{name: "pdf/real", make: func(t *testing.T, d string) ([]string, []byte) {
			return one(write(t, filepath.Join(d, "in", "real.pdf"), repoFile(t, "testdata/inputs/sample001.html.lo.pdf"))), nil
		}, outputs: true},
		// ---- docx ----
		{name: "docx/zip-bomb", make: func(t *testing.T, d string) ([]string, []byte) {
			return one(write(t, filepath.Join(d, "in", "bomb.docx"), docxWith(t, "\x00BIG:1073741824"))), nil
		}, codes: []int{1}, names: "bomb.docx"},
		{name: "docx/deep-nesting", make: func(t *testing.T, d string) ([]string, []byte) {
			doc := `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
				strings.Repeat("<w:tbl><w:tr><w:tc>", 50000) + strings.Repeat("</w:tc></w:tr></w:tbl>", 50000) + `</w:body></w:document>`
			return one(write(t, filepath.Join(d, "in", "deep.docx"), docxWith(t, doc))), nil
		}, codes: []int{1}, names: "deep.docx"},
		{name: "docx/truncated", make: func(t *testing.T, d string) ([]string, []byte) {
			b := repoFile(t, "testdata/inputs/seed001.govreport.docx")
			return one(write(t, filepath.Join(d, "in", "cut.docx"), b[:len(b)/2])), nil
		}, outputs: true},
		{name: "docx/real", make: func(t *testing.T, d string) ([]string, []byte) {
			return one(write(t, filepath.Join(d, "in", "real.docx"), repoFile(t, "testdata/inputs/sample404.docx.lo.docx"))), nil
		}, outputs: true},
	}
}

// allowedLatin are words a Chinese message may contain.
var allowedLatin = map[string]bool{
	"govreport": true, "help": true, "xlsx": true, "docx": true, "html": true, "json": true, "text": true, "layout": true,
	"pdftotext": true, "soffice": true, "headless": true, "convert": true, "true": true, "false": true, "summary": true,
	"check": true, "template": true, "version": true, "excel": true, "libreoffice": true, "word": true,
	// The PDF reader's refusal of a file without a text layer names the
	// missing font table by its PDF name, as issue 10 words it.
	"tounicode": true,
}

var (
	latinWord = regexp.MustCompile(`[A-Za-z]{4,}`)
	optName   = regexp.MustCompile(`-[-\w]+`)
	upperWord = regexp.MustCompile(`^[A-Z0-9_-]+$`)
)

// englishIn returns the first English word of msg once paths and option
// names are taken out ("" if none).
func englishIn(msg, dir string) string {
	msg = regexp.MustCompile(regexp.QuoteMeta(dir)+`[^\s：:（）()]*`).ReplaceAllString(msg, "")
	msg = regexp.MustCompile(`(?:in|out)/[^\s：:（）()]*`).ReplaceAllString(msg, "")
	msg = optName.ReplaceAllString(msg, "")
	msg = regexp.MustCompile(`"[^"]*"|“[^”]*”|[\w./]+\.xml`).ReplaceAllString(msg, "") // quoted user text, part names
	for _, w := range latinWord.FindAllString(msg, -1) {
		if !allowedLatin[strings.ToLower(w)] && !upperWord.MatchString(w) {
			return w
		}
	}
	return ""
}

// leftovers lists what must not remain in dir after a run: temporary
// files of AtomicWrite, anything in $TMPDIR.
func batteryLeftovers(dir string) []string {
	var bad []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		n := d.Name()
		if strings.HasPrefix(n, ".gr-") || strings.Contains(n, ".tmp-") || strings.HasPrefix(filepath.Dir(p), filepath.Join(dir, "tmp")) {
			bad = append(bad, p)
		}
		return nil
	})
	return bad
}

// TestBattery runs every case and checks the invariants.
func TestBattery(t *testing.T) {
	if testing.Short() {
		t.Skip("the battery builds the binary and runs it on large inputs; skipped with -short")
	}
	binary(t)
	cases := batteryCases()
	if len(cases) < 30 {
		t.Fatalf("only %d kinds of bad input", len(cases))
	}
	var worst int64
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			os.Mkdir(filepath.Join(dir, "tmp"), 0o755)
			args, stdin := c.make(t, dir)
			r := runBin(t, dir, stdin, c.env, args...)
			msg := r.stderr + r.stdout
			if !documented[r.code] {
				t.Errorf("exit status %d is not documented\n%s", r.code, r.stderr)
			}
			if c.codes != nil && !contains(c.codes, r.code) {
				t.Errorf("exit status %d, want one of %v\nstderr: %s", r.code, c.codes, r.stderr)
			}
			if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
				t.Errorf("panic:\n%s", r.stderr)
			}
			if c.want != "" && !strings.Contains(msg, c.want) {
				t.Errorf("message lacks %q:\n%s", c.want, msg)
			}
			if c.names != "" && !strings.Contains(r.stderr, c.names) {
				t.Errorf("message does not name %s:\n%s", c.names, r.stderr)
			}
			if r.code == 1 || r.code == 2 {
				// A refusal says something, in Chinese, naming the file.
				if strings.TrimSpace(r.stderr) == "" {
					t.Error("exit status", r.code, "without a message")
				}
				if w := englishIn(r.stderr, dir); w != "" {
					t.Errorf("English %q in the message:\n%s", w, r.stderr)
				}
			}
			if bad := batteryLeftovers(dir); len(bad) > 0 {
				t.Errorf("left behind: %v", bad)
			}
			if !c.outputs && r.code != 0 && r.code != 3 {
				if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
					t.Errorf("output folder created for a failed input")
				}
			}
			if r.maxRSS > batteryMaxRSS {
				t.Errorf("peak memory %d MB > %d MB", r.maxRSS>>20, batteryMaxRSS>>20)
			}
			worst = max(worst, r.maxRSS)
			t.Logf("exit %d, peak %d MB", r.code, r.maxRSS>>20)
		})
	}
	t.Logf("%d kinds of bad input; worst peak memory %d MB (bound %d MB)", len(cases), worst>>20, batteryMaxRSS>>20)
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// TestBatteryInterrupt sends SIGINT and SIGTERM in the middle of batches:
// no new file is started, no temporary file remains (output tree and
// $TMPDIR), the run says how far it got, and the exit status is 130/143.
func TestBatteryInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := binary(t)
	seedB := readSeed(t, "001")
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
		args []string
	}{
		{syscall.SIGINT, 130, []string{"convert", "-q", "-j", "2", "-t", "xlsx,pdf,docx", "-o", "out", "in"}},
		{syscall.SIGTERM, 143, []string{"summary", "-q", "-j", "1", "-o", "out/s.xlsx", "in"}},
		{syscall.SIGTERM, 143, []string{"check", "-j", "1", "in"}},
	} {
		t.Run(tc.args[0]+"-"+tc.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			os.Mkdir(filepath.Join(dir, "tmp"), 0o755)
			n := 300
			if tc.args[0] != "convert" {
				n = 5000 // reading alone is fast
			}
			for i := 0; i < n; i++ {
				write(t, filepath.Join(dir, "in", fmt.Sprintf("r%04d.txt", i)), seedB)
			}
			cmd := exec.Command(bin, tc.args...)
			cmd.Dir = dir
			cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "TMPDIR=" + filepath.Join(dir, "tmp")}
			var errb, outb bytes.Buffer
			cmd.Stderr, cmd.Stdout = &errb, &outb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Wait until the batch is under way.
			deadline := time.Now().Add(60 * time.Second)
			for time.Now().Before(deadline) {
				if tc.args[0] == "convert" {
					if m, _ := filepath.Glob(filepath.Join(dir, "out", "*.pdf")); len(m) >= 2 {
						break
					}
				} else if readInputs(cmd.Process.Pid) >= int64(5*len(seedB)) {
					// Several inputs read: past start-up (the signal
					// handler is set before anything is read).
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			cmd.Process.Signal(tc.sig)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(15 * time.Second):
				cmd.Process.Kill()
				t.Fatal("did not stop within 15 s of the signal")
			}
			if c := cmd.ProcessState.ExitCode(); c != tc.code {
				t.Errorf("exit status %d, want %d\n%s", c, tc.code, errb.String())
			}
			name := map[syscall.Signal]string{syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM"}[tc.sig]
			if !strings.Contains(errb.String(), "已中断") || !strings.Contains(errb.String(), name) {
				t.Errorf("no interruption message:\n%s", errb.String())
			}
			if bad := batteryLeftovers(dir); len(bad) > 0 {
				t.Errorf("left behind: %v", bad)
			}
			if tc.args[0] == "convert" {
				m, _ := filepath.Glob(filepath.Join(dir, "out", "*.pdf"))
				t.Logf("%d of %d converted before the signal took effect", len(m), n)
				if len(m) == 0 || len(m) >= n {
					t.Errorf("%d of %d converted: not interrupted mid-batch", len(m), n)
				}
				// Every output present is complete (renamed only when done).
				for _, p := range m {
					b, _ := os.ReadFile(p)
					if !bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF")) {
						t.Errorf("%s is incomplete", p)
					}
				}
			}
			if tc.args[0] == "summary" {
				if _, err := os.Stat(filepath.Join(dir, "out", "s.xlsx")); err == nil {
					t.Error("summary written although interrupted")
				}
			}
		})
	}
}

// readInputs is how many bytes process pid has read so far (rchar of
// /proc/PID/io), or, where there is no /proc, a large number after 300 ms.
func readInputs(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/io", pid))
	if err != nil {
		time.Sleep(300 * time.Millisecond)
		return math.MaxInt64
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "rchar: "); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	return 0
}

// TestBatteryVersion: "govreport version" reports the build information of
// the binary (module version, and the VCS revision when go build recorded
// one), never a fixed "dev".
func TestBatteryVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := binary(t)
	r := runBin(t, t.TempDir(), nil, nil, "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "govreport ") || strings.Contains(r.stdout, " dev") {
		t.Fatalf("version: %d %q", r.code, r.stdout)
	}
	out, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Skip("go version -m:", err)
	}
	if m := regexp.MustCompile(`vcs\.revision=([0-9a-f]{12})`).FindSubmatch(out); m != nil {
		if !strings.Contains(r.stdout, "修订 "+string(m[1])) {
			t.Errorf("version %q lacks the revision %s", r.stdout, m[1])
		}
	} else {
		t.Logf("binary built without VCS information (GOFLAGS=-buildvcs=false or a git worktree): %q", r.stdout)
	}
}

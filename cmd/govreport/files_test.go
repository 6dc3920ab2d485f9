package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// copySeed copies a seed report to path (making folders).
func copySeed(t *testing.T, name, path string) {
	t.Helper()
	b, err := os.ReadFile(seed(name))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// leftovers lists the temporary files (".gr-*", ".*.tmp-*") under dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasPrefix(d.Name(), ".gr-") || strings.Contains(d.Name(), ".tmp-")) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// TestOwnOutputsNotInputs reruns a conversion whose output folder is the
// input folder (the default -o .) or inside it: the second run must not
// read the first run's workbooks (a.xlsx.xlsx) nor walk into out/out.
func TestOwnOutputsNotInputs(t *testing.T) {
	dir := t.TempDir()
	copySeed(t, "001", filepath.Join(dir, "a.txt"))
	for run := 0; run < 2; run++ {
		_, stderr, code := cli(t, nil, "convert", "-q", "-t", "json,xlsx", "-o", dir, dir)
		if code != 0 {
			t.Fatalf("run %d: exit %d: %s", run, code, stderr)
		}
		if run == 1 && !strings.Contains(stderr, "a.xlsx：是 govreport 写出的文件") {
			t.Errorf("second run does not say it skipped its own output: %q", stderr)
		}
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	if got := strings.Join(names, " "); got != "a.json a.txt a.xlsx" {
		t.Errorf("after two runs with -o = input folder: %s", got)
	}
	out := filepath.Join(dir, "out")
	for run := 0; run < 2; run++ {
		_, stderr, code := cli(t, nil, "convert", "-q", "-t", "xlsx", "-o", out, dir)
		if code != 0 {
			t.Fatalf("run %d: exit %d: %s", run, code, stderr)
		}
		if run == 1 && !strings.Contains(stderr, "是本次运行的输出文件夹") {
			t.Errorf("second run does not say it skipped the output folder: %q", stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "out")); err == nil {
		t.Error("out/out written: the output folder was read as input")
	}
	// A workbook given by name is still read (read-back of outputs).
	if _, stderr, code := cli(t, nil, "check", filepath.Join(dir, "a.xlsx")); code != 0 && code != 3 {
		t.Errorf("explicit govreport workbook not read: %d %s", code, stderr)
	}
	// summary never reads the workbook it writes.
	sum := filepath.Join(dir, "汇总.xlsx")
	for run := 0; run < 2; run++ {
		if _, stderr, code := cli(t, nil, "summary", "-q", "-o", sum, filepath.Join(dir, "*.txt"), sum); code != 0 {
			t.Fatalf("summary run %d: %d %s", run, code, stderr)
		}
	}
}

// TestLongFileName: a 240-byte name (the Linux limit is 255) converts; the
// temporary name must not grow with the output name.
func TestLongFileName(t *testing.T) {
	dir := t.TempDir()
	name := strings.Repeat("报", 80) + ".txt" // 244 bytes
	copySeed(t, "001", filepath.Join(dir, name))
	out := filepath.Join(dir, "out")
	_, stderr, code := cli(t, nil, "convert", "-q", "-t", "json,xlsx", "-o", out, filepath.Join(dir, name))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, strings.Repeat("报", 80)+".xlsx")); err != nil {
		t.Error(err)
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// TestStdinStdout: "-" reads standard input, "-o -" writes one format to
// standard output.
func TestStdinStdout(t *testing.T) {
	b, err := os.ReadFile(seed("001"))
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run([]string{"convert", "-t", "json", "-o", "-", "-"}, bytes.NewReader(b), &out, &errb, func(string) string { return "" })
	if code != 0 || !strings.HasPrefix(out.String(), "{") || !strings.Contains(out.String(), `"file": "标准输入"`) {
		t.Errorf("stdin → stdout: exit %d, stderr %q, stdout %.200q", code, errb.String(), out.String())
	}
	_, stderr, code := cli(t, nil, "convert", "-t", "json,xlsx", "-o", "-", seed("001"))
	if code != 2 || !strings.Contains(stderr, "一种输出格式") {
		t.Errorf("-o - with two formats: %d %q", code, stderr)
	}
	errb.Reset()
	out.Reset()
	code = run([]string{"check", "-"}, strings.NewReader(""), &out, &errb, func(string) string { return "" })
	if code != 1 || !strings.Contains(errb.String(), "标准输入") || !strings.Contains(errb.String(), "文件为空") {
		t.Errorf("empty stdin: %d %q", code, errb.String())
	}
}

// TestOutputCheckedFirst: an output that is an existing folder, or an
// output folder that is a file or cannot be written, is found out before
// anything is rendered, and leaves nothing behind.
func TestOutputCheckedFirst(t *testing.T) {
	dir := t.TempDir()
	copySeed(t, "001", filepath.Join(dir, "in", "a.txt"))
	out := filepath.Join(dir, "out")
	os.MkdirAll(filepath.Join(out, "a.xlsx"), 0o755)
	_, stderr, code := cli(t, nil, "convert", "-q", "-t", "json,xlsx", "-o", out, filepath.Join(dir, "in", "a.txt"))
	if code != 1 || !strings.Contains(stderr, filepath.Join(out, "a.xlsx")+"：输出路径是一个已有的文件夹") {
		t.Errorf("output is a folder: %d %q", code, stderr)
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o644)
	if _, stderr, code := cli(t, nil, "convert", "-o", file, filepath.Join(dir, "in", "a.txt")); code != 2 || !strings.Contains(stderr, "是一个已有的文件，不是文件夹") {
		t.Errorf("output folder is a file: %d %q", code, stderr)
	}
	if _, stderr, code := cli(t, nil, "summary", "-o", out, filepath.Join(dir, "in")); code != 1 || !strings.Contains(stderr, out+"：输出路径是一个已有的文件夹") {
		t.Errorf("summary output is a folder: %d %q", code, stderr)
	}
	if runtime.GOOS != "windows" && os.Geteuid() != 0 {
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o555)
		_, stderr, code := cli(t, nil, "convert", "-o", filepath.Join(ro, "x"), filepath.Join(dir, "in", "a.txt"))
		if code != 1 || !strings.Contains(stderr, "输出文件夹无法写入（没有访问权限）") {
			t.Errorf("read-only output folder: %d %q", code, stderr)
		}
	}
}

// english matches English words in a message once paths are taken out.
var english = regexp.MustCompile(`[A-Za-z]{4,}`)

// TestMessagesChinese provokes the errors that leaked English and checks
// the message is Chinese and names the file.
func TestMessagesChinese(t *testing.T) {
	dir := t.TempDir()
	loop := filepath.Join(dir, "loop.txt")
	if err := os.Symlink(loop, loop); err != nil {
		t.Skip(err)
	}
	noperm := filepath.Join(dir, "noperm.txt")
	copySeed(t, "001", noperm)
	os.Chmod(noperm, 0)
	sub := filepath.Join(dir, "sub")
	copySeed(t, "001", filepath.Join(sub, "x", "r.txt"))
	outFile := filepath.Join(dir, "o")
	os.MkdirAll(outFile, 0o755)
	os.WriteFile(filepath.Join(outFile, "x"), nil, 0o644) // a file where a folder must go
	cases := []struct {
		args []string
		want string
		name string
	}{
		{[]string{"convert", "--bogus", "a"}, "未知选项 --bogus", ""},
		{[]string{"convert", "-Z", "a"}, "未知选项 -Z", ""},
		{[]string{"convert", "-j", "abc", "a"}, "不是整数", ""},
		{[]string{"convert", "-j", "99999999999999999999", "a"}, "超出范围", ""},
		{[]string{"convert", "--strict=abc", "a"}, "是开关", ""},
		{[]string{"convert", "-o"}, "需要一个值", ""},
		{[]string{"check", loop}, "符号链接层数过多", loop},
		{[]string{"check", filepath.Join(dir, "[")}, "通配符格式错误", "["},
		{[]string{"summary", "-o", dir, sub}, "已有的文件夹", dir},
		{[]string{"convert", "-q", "-o", outFile, sub}, "不是文件夹", filepath.Join(outFile, "x")},
		{[]string{"convert", "-q", "-o", dir + "/out", dir + "/sub/x/r.txt/"}, "", dir + "/sub/x/r.txt"},
	}
	if os.Geteuid() != 0 {
		cases = append(cases, struct {
			args []string
			want string
			name string
		}{[]string{"check", noperm}, "没有访问权限", noperm})
	}
	for _, c := range cases {
		_, stderr, code := cli(t, nil, c.args...)
		if code == 0 {
			t.Errorf("%v: exit 0", c.args)
		}
		if !strings.Contains(stderr, c.want) || !strings.Contains(stderr, c.name) {
			t.Errorf("%v: %q, want %q naming %q", c.args, stderr, c.want, c.name)
		}
		// Paths and option names are not English prose.
		rest := regexp.MustCompile(regexp.QuoteMeta(dir)+`[^\s：:（]*`).ReplaceAllString(stderr, "")
		rest = regexp.MustCompile(`-[-\w]+`).ReplaceAllString(rest, "")
		rest = strings.NewReplacer("govreport", "", "help", "", "true", "", "false", "").Replace(rest)
		if m := english.FindString(rest); m != "" {
			t.Errorf("%v: English %q in %q", c.args, m, stderr)
		}
	}
}

// TestVersion: the version comes from the build information, not "dev".
func TestVersion(t *testing.T) {
	out, _, code := cli(t, nil, "version")
	if code != 0 || !strings.HasPrefix(out, "govreport ") || strings.Contains(out, "dev\n") || !strings.Contains(out, runtime.Version()) {
		t.Errorf("version: %d %q", code, out)
	}
}

// TestFormatVersion: what "go install …@v1.2.3" and "go build" in a
// checkout record is what version prints.
func TestFormatVersion(t *testing.T) {
	bi := &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-01-02T03:04:05Z"}, {Key: "vcs.modified", Value: "true"}}}
	want := "govreport v1.2.3，修订 0123456789ab（2026-01-02T03:04:05Z），含未提交的修改，" + runtime.Version()
	if got := formatVersion(bi, ""); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := formatVersion(&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, ""); !strings.HasPrefix(got, "govreport 开发版，") {
		t.Errorf("devel: %q", got)
	}
	if got := formatVersion(bi, "v9"); !strings.HasPrefix(got, "govreport v9，修订") {
		t.Errorf("override: %q", got)
	}
}

// TestSourceDateEpochRange: timestamps the output formats cannot store are
// refused with a message instead of giving year 3,170,843.
func TestSourceDateEpochRange(t *testing.T) {
	dir := t.TempDir()
	for _, v := range []string{"99999999999999", "-1", "100", "1e9", "253402300800"} {
		_, stderr, code := cli(t, map[string]string{"SOURCE_DATE_EPOCH": v}, "convert", "-o", dir, seed("001"))
		if code != 2 || !strings.Contains(stderr, "SOURCE_DATE_EPOCH") {
			t.Errorf("SOURCE_DATE_EPOCH=%s: %d %q", v, code, stderr)
		}
	}
	if _, stderr, code := cli(t, map[string]string{"SOURCE_DATE_EPOCH": "315532800"}, "convert", "-q", "-t", "xlsx", "-o", dir, seed("001")); code != 0 {
		t.Errorf("1980-01-01: %d %q", code, stderr)
	}
}

// TestPathIndependentBytes: the same input typed as a relative or an
// absolute path gives the same JSON and xlsx bytes.
func TestPathIndependentBytes(t *testing.T) {
	abs, err := filepath.Abs(seed("001"))
	if err != nil {
		t.Fatal(err)
	}
	var outs [2]map[string][]byte
	for i, p := range []string{seed("001"), abs} {
		dir := t.TempDir()
		if _, stderr, code := cli(t, nil, "convert", "-q", "-t", "json,xlsx", "-o", dir, p); code != 0 {
			t.Fatalf("%s: %d %s", p, code, stderr)
		}
		outs[i] = map[string][]byte{}
		for _, ext := range []string{".json", ".xlsx"} {
			b, err := os.ReadFile(filepath.Join(dir, strings.TrimSuffix(filepath.Base(p), ".txt")+ext))
			if err != nil {
				t.Fatal(err)
			}
			outs[i][ext] = b
		}
	}
	for ext, b := range outs[0] {
		if !bytes.Equal(b, outs[1][ext]) {
			t.Errorf("%s differs between relative and absolute input path", ext)
		}
	}
	if !bytes.Contains(outs[0][".json"], []byte(`"source": {"file": "001_1d4dd3ae0346d0fe.txt"`)) {
		t.Errorf("JSON source is not the base name")
	}
}

// within bounds a test that would hang on a FIFO.
func within(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("did not finish within %v (blocked on a FIFO?)", d)
	}
}

// TestDerivedOutputsNotCounted: outputs written beside their sources
// (convert -o .) are not read again by summary or check over the folder,
// so one report is not counted several times; named explicitly they are.
func TestDerivedOutputsNotCounted(t *testing.T) {
	dir := t.TempDir()
	copySeed(t, "001", filepath.Join(dir, "in", "a.txt"))
	in := filepath.Join(dir, "in")
	if _, stderr, code := cli(t, nil, "convert", "-q", "-t", "xlsx", "-o", in, in); code != 0 {
		t.Fatalf("%d %s", code, stderr)
	}
	out, stderr, code := cli(t, nil, "check", in)
	if code != 0 || strings.Count(out, "==") != 2 || !strings.Contains(stderr, "a.xlsx：是 govreport 由 a.txt 写出的文件") {
		t.Errorf("check over the folder: %d\n%s\n%s", code, out, stderr)
	}
	out, _, code = cli(t, nil, "check", filepath.Join(in, "a.txt"), filepath.Join(in, "a.xlsx"))
	if code != 0 || strings.Count(out, "==") != 4 {
		t.Errorf("named explicitly, both are read: %d\n%s", code, out)
	}
}

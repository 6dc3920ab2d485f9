package textenc

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

const seedDir = "../../testdata/seeds"

// seeds returns the seed reports (UTF-8) by file name.
func seeds(t testing.TB) map[string]string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seed files in %s: %v", seedDir, err)
	}
	out := make(map[string]string, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = string(b)
	}
	return out
}

// isTraditionalSeed reports whether the seed is the traditional-script one.
func isTraditionalSeed(name string) bool { return strings.HasPrefix(name, "000_") }

func encodeUTF16(s string, bigEndian, bom bool) []byte {
	units := utf16.Encode([]rune(s))
	var out []byte
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// encodeLines encodes s with e line by line and keeps only the lines that
// e can represent exactly. It returns the kept text and its encoding.
func encodeLines(t *testing.T, e encoding.Encoding, s string) (string, []byte) {
	t.Helper()
	var kept strings.Builder
	var out []byte
	for _, line := range strings.SplitAfter(s, "\n") {
		b, err := e.NewEncoder().Bytes([]byte(line))
		if err != nil {
			continue
		}
		back, err := e.NewDecoder().Bytes(b)
		if err != nil || string(back) != line {
			continue
		}
		kept.WriteString(line)
		out = append(out, b...)
	}
	return kept.String(), out
}

func checkDecode(t *testing.T, name string, in []byte, wantEnc Encoding, want string) {
	t.Helper()
	if got := Detect(in); got != wantEnc {
		t.Errorf("%s: Detect = %s, want %s", name, got, wantEnc)
	}
	got, enc, err := Decode(in)
	if err != nil {
		t.Errorf("%s: Decode error %v", name, err)
		return
	}
	if enc != wantEnc {
		t.Errorf("%s: Decode encoding = %s, want %s", name, enc, wantEnc)
	}
	if got != want {
		t.Errorf("%s: Decode text differs from original (%d vs %d bytes)", name, len(got), len(want))
	}
}

func TestRoundTripSeeds(t *testing.T) {
	for name, text := range seeds(t) {
		if strings.Contains(text, "\r") {
			t.Fatalf("%s: seed contains CR; the exact round trip assumes LF only", name)
		}
		checkDecode(t, name+"/UTF-8", []byte(text), UTF8, text)
		checkDecode(t, name+"/UTF-8-BOM", append([]byte("\uFEFF"), text...), UTF8BOM, text)
		for _, bom := range []bool{true, false} {
			suffix := "/no-BOM"
			if bom {
				suffix = "/BOM"
			}
			checkDecode(t, name+"/UTF-16LE"+suffix, encodeUTF16(text, false, bom), UTF16LE, text)
			checkDecode(t, name+"/UTF-16BE"+suffix, encodeUTF16(text, true, bom), UTF16BE, text)
		}
		gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatalf("%s: GB18030 encode: %v", name, err)
		}
		checkDecode(t, name+"/GB18030", gb, GB18030, text)

		if isTraditionalSeed(name) {
			kept, big5 := encodeLines(t, traditionalchinese.Big5, text)
			if len(kept) < len(text)/3 {
				t.Fatalf("%s: only %d of %d bytes representable in Big5", name, len(kept), len(text))
			}
			checkDecode(t, name+"/Big5", big5, Big5, kept)
		} else {
			kept, gbk := encodeLines(t, simplifiedchinese.GBK, text)
			if len(kept) < len(text)/2 {
				t.Fatalf("%s: only %d of %d bytes representable in GBK", name, len(kept), len(text))
			}
			checkDecode(t, name+"/GBK", gbk, GB18030, kept)
		}
	}
}

func TestShortInputs(t *testing.T) {
	gbkText := "一、总体情况\n二、主动公开政府信息情况"
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(gbkText))
	if err != nil {
		t.Fatal(err)
	}
	checkDecode(t, "short GBK", gbk, GB18030, gbkText)

	big5Text := "政府資訊公開工作年度報告"
	big5, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte(big5Text))
	if err != nil {
		t.Fatal(err)
	}
	checkDecode(t, "short Big5", big5, Big5, big5Text)

	checkDecode(t, "short UTF-16LE no BOM", encodeUTF16(big5Text, false, false), UTF16LE, big5Text)
	checkDecode(t, "short UTF-16BE no BOM", encodeUTF16(gbkText, true, false), UTF16BE, gbkText)
	checkDecode(t, "ASCII", []byte("Annual report 2020\n"), UTF8, "Annual report 2020\n")
	checkDecode(t, "one GBK hanzi", []byte{0xD6, 0xD0}, GB18030, "中")

	// Mostly ASCII markup with a little Chinese: pairs of ASCII letters
	// must not be mistaken for UTF-16 ideographs.
	html := "<html><head><meta charset=\"gbk\"><title>report</title></head>\n" +
		"<body><table class=\"data-table\" style=\"width:100%\"><tr><td colspan=\"2\">规章</td>" +
		"<td style=\"text-align:center\">0</td></tr></table></body></html>\n"
	gbkHTML, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(html))
	if err != nil {
		t.Fatal(err)
	}
	checkDecode(t, "GBK HTML", gbkHTML, GB18030, html)
	english := strings.Repeat("the quick brown fox jumps over the lazy dog ", 20)
	checkDecode(t, "English", []byte(english), UTF8, english)
	checkDecode(t, "English UTF-16LE", encodeUTF16(english, false, false), UTF16LE, english)
	checkDecode(t, "English UTF-16BE", encodeUTF16(english, true, false), UTF16BE, english)
}

func TestEmpty(t *testing.T) {
	if got := Detect(nil); got != UTF8 {
		t.Errorf("Detect(nil) = %s, want UTF-8", got)
	}
	s, enc, err := Decode(nil)
	if s != "" || enc != UTF8 || err != nil {
		t.Errorf("Decode(nil) = %q, %s, %v; want \"\", UTF-8, nil", s, enc, err)
	}
	s, enc, err = Decode([]byte{0xEF, 0xBB, 0xBF})
	if s != "" || enc != UTF8BOM || err != nil {
		t.Errorf("Decode(BOM only) = %q, %s, %v", s, enc, err)
	}
}

func TestLineEndings(t *testing.T) {
	in := "一、总体情况\r\n二、主动公开\r三、收费\n"
	want := "一、总体情况\n二、主动公开\n三、收费\n"
	got, _, err := Decode([]byte(in))
	if err != nil || got != want {
		t.Errorf("UTF-8: got %q, %v; want %q", got, err, want)
	}
	got, _, err = Decode(encodeUTF16(in, false, false))
	if err != nil || got != want {
		t.Errorf("UTF-16LE: got %q, %v; want %q", got, err, want)
	}
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(in))
	got, _, err = Decode(gb)
	if err != nil || got != want {
		t.Errorf("GB18030: got %q, %v; want %q", got, err, want)
	}
}

func TestBinary(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		return b
	}
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"), random(4096)...)
	elf := append([]byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00\x01\x00\x00\x00"), random(4096)...)
	// Random bytes without any NUL: the control-character share decides.
	noNUL := bytes.ReplaceAll(random(4096), []byte{0}, []byte{1})
	strayNUL := []byte(strings.Repeat("the quick brown fox jumps over the lazy dog\n", 10) + "\x00")
	cjkNUL := []byte("一、总体情况\x00二、主动公开政府信息情况")
	cases := map[string][]byte{
		"PNG": png, "ELF": elf, "random without NUL": noNUL,
		"English with NUL": strayNUL, "UTF-8 with NUL": cjkNUL,
	}
	for name, in := range cases {
		s, enc, err := Decode(in)
		if !errors.Is(err, ErrBinary) {
			t.Errorf("%s: Decode = %d bytes, %s, %v; want ErrBinary", name, len(s), enc, err)
		}
	}
	if ErrBinary.Error() != "不是文本文件（疑似二进制内容）" {
		t.Errorf("ErrBinary message = %q", ErrBinary.Error())
	}
}

func TestTruncated(t *testing.T) {
	text := "政府信息公开工作年度报告"
	// UTF-8 cut in the middle of the last character stays UTF-8.
	b := []byte(text)
	b = b[:len(b)-1]
	got, enc, err := Decode(b)
	if err != nil || enc != UTF8 || got != "政府信息公开工作年度报\uFFFD" {
		t.Errorf("truncated UTF-8: %q, %s, %v", got, enc, err)
	}
	// UTF-16 with an odd trailing byte.
	u := encodeUTF16(text, false, true)
	u = u[:len(u)-1]
	got, enc, err = Decode(u)
	if err != nil || enc != UTF16LE || !strings.HasPrefix(got, "政府信息公开工作年度") {
		t.Errorf("truncated UTF-16LE: %q, %s, %v", got, enc, err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte("一、总体情况\n二、主动公开政府信息情况"))
	f.Add([]byte{0xFF, 0xFE, 0x00})
	f.Add([]byte{0xFE, 0xFF, 0xD8, 0x00})
	f.Add([]byte{0xEF, 0xBB, 0xBF, 0xE4, 0xB8})
	f.Add([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"))
	f.Add(encodeUTF16("政府資訊公開\r\n", false, false))
	if gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("规范性文件\r\n¥€")); err == nil {
		f.Add(gb)
	}
	if big5, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte("政府資訊公開工作年度報告")); err == nil {
		f.Add(big5)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, enc, err := Decode(b)
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 output for %q (%s)", b, enc)
		}
		if err != nil {
			if !errors.Is(err, ErrBinary) || s != "" {
				t.Fatalf("unexpected result %q, %v", s, err)
			}
			return
		}
		if strings.Contains(s, "\r") {
			t.Fatalf("carriage return left in output %q", s)
		}
		if strings.HasPrefix(s, "\uFEFF") {
			t.Fatalf("byte order mark left in output %q", s)
		}
		if Detect(b) != enc {
			t.Fatalf("Decode encoding %s differs from Detect", enc)
		}
	})
}

func BenchmarkDecodeGB18030(b *testing.B) {
	var all strings.Builder
	for _, text := range seeds(b) {
		all.WriteString(text)
	}
	in, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(all.String()))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Decode(in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestScanUTF8: the one-pass check agrees with utf8.Valid, and with a
// byte-by-byte search for control bytes on valid input, on every boundary
// of the three-byte ranges and on random bytes.
func TestScanUTF8(t *testing.T) {
	var cases [][]byte
	for _, s := range []string{"", "a", "\x01", "\t\n\r\f", "\x7f", "中文", "\xe0\xa0\x80", "\xe0\x9f\xbf", "\xed\x9f\xbf", "\xed\xa0\x80",
		"\xef\xbf\xbd", "\xe1\x80", "\xe1\x80\x7f", "\xee\x80\x80", "\xf0\x90\x80\x80", "\xf4\x90\x80\x80", "\xc2\xa0", "\xc0\x80", "\xff"} {
		cases = append(cases, []byte(s), []byte("报告"+s), []byte(s+"报告"))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte{0x00, 0x01, '\t', '\n', 'a', 0x7f, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf4, 0xf5, 0xff}
	for i := 0; i < 100000; i++ {
		b := make([]byte, rng.IntN(10+i%2*14)) // up to 23: the eight-byte steps too
		for k := range b {
			b[k] = alphabet[rng.IntN(len(alphabet))]
		}
		cases = append(cases, b)
	}
	// Runs of whole sequences, valid and not, for the two-at-a-time steps.
	pieces := []string{"中", "文", "\ue000", "\uffff", "\u0800", "\ud7ff", "\u1000", "\xed\xa0\x80", "\xe0\x80\x80", "\xe0\x9f\xbf",
		"\xe1\x80", "\xe1\x80\xc0", "a", "\x01", "\n", "\x7f", "\u00a0", "\U00010000", "\xf4\x90\x80\x80", "\xff"}
	for i := 0; i < 100000; i++ {
		var b []byte
		for k := rng.IntN(12); k > 0; k-- {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		cases = append(cases, b)
	}
	for _, b := range cases {
		valid, control := scanUTF8(b)
		if valid != utf8.Valid(b) {
			t.Fatalf("scanUTF8(% x) valid = %v", b, valid)
		}
		want := false
		for _, c := range b {
			want = want || c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f
		}
		if valid && control != want {
			t.Fatalf("scanUTF8(% x) control = %v", b, control)
		}
	}
}

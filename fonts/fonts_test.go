package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// mainRoles are the roles that must draw a whole report on their own.
var mainRoles = []Role{Body, Heading, Subheading, Table, Title}

func TestRolesLoadAndParse(t *testing.T) {
	if got := Roles(); !slices.Equal(got, []Role{Body, Heading, Subheading, Table, Title, Fallback}) {
		t.Fatalf("Roles() = %v", got)
	}
	s := Default()
	for _, r := range Roles() {
		b, err := Data(r)
		if err != nil {
			t.Fatalf("Data(%s): %v", r, err)
		}
		if magic := binary.BigEndian.Uint32(b); magic != magicTrueType {
			t.Errorf("%s: sfnt magic %08x, want TrueType 00010000", r, magic)
		}
		if !bytes.Equal(s.Bytes(r), b) {
			t.Errorf("%s: Default().Bytes differs from Data", r)
		}
		cv, err := parseCmap(b)
		if err != nil {
			t.Fatalf("%s: parseCmap: %v", r, err)
		}
		if n := cv.count(); n < 7000 {
			t.Errorf("%s: only %d code points", r, n)
		}
		if got, want := s.Source(r), "embedded:"+r.FileName(); got != want {
			t.Errorf("Source(%s) = %q, want %q", r, got, want)
		}
		if FamilyName(r) == "" {
			t.Errorf("FamilyName(%s) is empty", r)
		}
	}
	if _, err := Data("songti"); !errors.Is(err, ErrUnknownRole) {
		t.Errorf("Data(unknown) error = %v, want ErrUnknownRole", err)
	}
	if s.Bytes("songti") != nil || s.Covers("songti", '中') {
		t.Error("unknown role has bytes or coverage")
	}
}

func TestMainRolesCover(t *testing.T) {
	text := "中华人民共和国政府信息公开工作年度报告" +
		"0123456789" +
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" +
		"（）、，。“”《》" +
		"·—…℃%‰：；！？【】〔〕‘’￥×÷±≤≥" +
		"①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳⑴⑽⒈㈠ⅠⅫ" +
		"０１２３４５６７８９ＡＢＺａｂｚ％．～" +
		"―"
	s := Default()
	for _, r := range mainRoles {
		var miss []rune
		for _, c := range text {
			if !s.Covers(r, c) {
				miss = append(miss, c)
			}
		}
		if len(miss) > 0 {
			t.Errorf("%s lacks %q", r, string(miss))
		}
	}
}

func TestFallbackCovers(t *testing.T) {
	s := Default()
	for _, c := range "堃喆" {
		if !s.Covers(Fallback, c) {
			t.Errorf("fallback lacks %c", c)
		}
		if got := s.Missing(Body, string(c)); len(got) != 0 {
			t.Errorf("Missing(Body, %c) = %q", c, string(got))
		}
	}
}

func TestMissing(t *testing.T) {
	s := Default()
	text := "报告\t堃 \U0002A6D6 第①项\r\n\uE000\U0002A6D6 A\u0000"
	got := s.Missing(Body, text)
	want := []rune{0x2A6D6, 0xE000}
	if !slices.Equal(got, want) {
		t.Errorf("Missing = %U, want %U", got, want)
	}
	if got := s.Missing(Title, "中华人民共和国政府信息公开工作年度报告"); len(got) != 0 {
		t.Errorf("Missing(Title, title) = %q", string(got))
	}
}

func TestEmbeddedSize(t *testing.T) {
	// Every shipped file is embedded, under its role.
	files, err := filepath.Glob("*.ttf")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(roles) {
		t.Errorf("%d font files, want %d", len(files), len(roles))
	}
	total := 0
	for _, r := range roles {
		b, err := os.ReadFile(r.FileName())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(embedded(r), b) {
			t.Errorf("%s: embedded bytes differ from the file", r)
		}
		total += len(b)
	}
	if total >= 25_000_000 {
		t.Errorf("embedded fonts total %d bytes, want < 25 MB", total)
	}
	t.Logf("embedded fonts: %d bytes", total)
}

func TestOfficeName(t *testing.T) {
	want := map[Role][2]string{Body: {"仿宋_GB2312", "仿宋"}, Heading: {"黑体", "SimHei"}, Subheading: {"楷体_GB2312", "楷体"},
		Table: {"宋体", "SimSun"}, Title: {"方正小标宋简体", "宋体"}, Fallback: {}, "x": {}}
	for r, w := range want {
		if got := [2]string{OfficeName(r), OfficeAltName(r)}; got != w {
			t.Errorf("OfficeName, OfficeAltName(%q) = %q, want %q", r, got, w)
		}
	}
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFromDirReplaces(t *testing.T) {
	dir := t.TempDir()
	hei, _ := Data(Heading)
	kai, _ := Data(Subheading)
	// A shipped font under the Windows name of another role (upper case, as
	// copied from some systems), plus files FromDir must ignore.
	p := writeFile(t, dir, "SIMFANG.TTF", hei)
	writeFile(t, dir, "楷体_GB2312.ttf", kai)
	writeFile(t, dir, "readme.txt", []byte("not a font"))
	writeFile(t, dir, "other.ttf", []byte("not a font either"))
	if err := os.Mkdir(filepath.Join(dir, "simhei.ttf"), 0o755); err != nil {
		t.Fatal(err)
	}

	s, err := FromDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(s.Bytes(Body), hei) || s.Source(Body) != p {
		t.Errorf("fang not replaced: source %q", s.Source(Body))
	}
	if !bytes.Equal(s.Bytes(Subheading), kai) || !strings.HasSuffix(s.Source(Subheading), "楷体_GB2312.ttf") {
		t.Errorf("kai not replaced: source %q", s.Source(Subheading))
	}
	for _, r := range []Role{Heading, Table, Title, Fallback} {
		if got := s.Source(r); got != "embedded:"+r.FileName() {
			t.Errorf("%s replaced by %q", r, got)
		}
	}
	if !s.Covers(Body, '报') {
		t.Error("replaced fang does not cover 报")
	}
	// Default is not affected.
	if d := Default(); d.Source(Body) != "embedded:fang.ttf" {
		t.Errorf("Default changed: %q", d.Source(Body))
	}
	if _, err := FromDir(filepath.Join(dir, "nope")); err == nil {
		t.Error("FromDir on a missing directory: no error")
	}
}

func TestFromDirRejects(t *testing.T) {
	fang, _ := Data(Body)
	ttc := append([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01"), make([]byte, 64)...)
	otf := append([]byte("OTTO"), fang[4:4096]...)
	garbage := []byte("garbage, not a font at all")
	badCmap := slices.Clone(fang[:4096]) // directory points past the end
	cases := []struct {
		name string
		data []byte
		role Role
		want string
	}{
		{"simsun.ttc", ttc, Table, "字体集合"},
		{"simsun.ttf", ttc, Table, "字体集合"}, // content decides, not extension
		{"FZXBSJW.otf", otf, Title, "CFF"},
		{"simhei.ttf", garbage, Heading, "不是字体文件"},
		{"simkai.ttf", []byte{0, 1}, Subheading, "不是字体文件"},
		{"fallback.ttf", badCmap, Fallback, "文件已损坏"},
		{"fang.ttf", testFont(), Body, "缺少"}, // no glyf outlines
		{"hei.ttf", sfnt(map[string][]byte{"head": nil, "hhea": nil, "hmtx": nil,
			"loca": nil, "glyf": nil, "cmap": {0, 0, 0, 0}}), Heading, "字符映射表"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := writeFile(t, dir, c.name, c.data)
			s, err := FromDir(dir)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			var fe *FileError
			if !errors.As(err, &fe) || fe.Path != p {
				t.Fatalf("error %v is not a *FileError for %s", err, p)
			}
			damaged := c.want == "文件已损坏" || c.want == "字符映射表"
			if fe.NotTrueType == damaged {
				t.Errorf("NotTrueType = %v for %s", fe.NotTrueType, c.want)
			}
			prefix := "无法使用字体文件 " + p
			if fe.NotTrueType {
				prefix = "仅支持 TrueType (.ttf) 字体：" + p
			}
			if !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, c.want) {
				t.Errorf("error %q: want prefix %q and %q", msg, prefix, c.want)
			}
			if s == nil || s.Source(c.role) != "embedded:"+c.role.FileName() {
				t.Errorf("rejected file replaced the role or no Set returned")
			}
			// WithFile rejects it the same way and leaves the Set alone.
			d := Default()
			if err := d.WithFile(c.role, p); err == nil || !strings.Contains(err.Error(), c.name) {
				t.Errorf("WithFile error = %v", err)
			}
			if d.Source(c.role) != "embedded:"+c.role.FileName() {
				t.Error("WithFile changed the Set on error")
			}
		})
	}
}

func TestFromDirPreference(t *testing.T) {
	dir := t.TempDir()
	song, _ := Data(Table)
	hei, _ := Data(Heading)
	// simsun.ttc is rejected (reported), 宋体.ttf is used.
	writeFile(t, dir, "simsun.ttc", []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x00"))
	writeFile(t, dir, "宋体.ttf", hei)
	// song.ttf beats 宋体.ttf... only when present: check with a second dir.
	s, err := FromDir(dir)
	if err == nil || !strings.Contains(err.Error(), "simsun.ttc") {
		t.Errorf("error = %v, want one naming simsun.ttc", err)
	}
	if !bytes.Equal(s.Bytes(Table), hei) {
		t.Errorf("song not taken from 宋体.ttf: %q", s.Source(Table))
	}
	dir2 := t.TempDir()
	writeFile(t, dir2, "Song.ttf", song)
	writeFile(t, dir2, "simsun.ttf", hei)
	s2, err := FromDir(dir2)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(s2.Source(Table), "Song.ttf") {
		t.Errorf("song.ttf should win over simsun.ttf, got %q", s2.Source(Table))
	}
}

func TestWithFile(t *testing.T) {
	dir := t.TempDir()
	title, _ := Data(Title)
	p := writeFile(t, dir, "my-title.ttf", title)
	s := Default()
	if err := s.WithFile(Body, p); err != nil {
		t.Fatal(err)
	}
	if s.Source(Body) != p || !s.Covers(Body, '⑳') {
		t.Errorf("WithFile did not replace fang: %q", s.Source(Body))
	}
	if err := s.WithFile("songti", p); !errors.Is(err, ErrUnknownRole) {
		t.Errorf("unknown role: %v", err)
	}
	if err := s.WithFile(Body, filepath.Join(dir, "missing.ttf")); err == nil ||
		!strings.Contains(err.Error(), "missing.ttf") {
		t.Errorf("missing file: %v", err)
	}
}

func TestCoversConcurrent(t *testing.T) {
	dir := t.TempDir()
	kai, _ := Data(Subheading)
	p := writeFile(t, dir, "kai.ttf", kai)
	s := Default()
	if err := s.WithFile(Subheading, p); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, r := range Roles() {
				_ = s.Covers(r, '年')
				_ = s.Missing(r, "年度报告堃")
			}
		}()
	}
	wg.Wait()
}

// sfnt builds a minimal font: a table directory with the given tables.
func sfnt(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	slices.Sort(tags)
	var b bytes.Buffer
	w := func(v any) { _ = binary.Write(&b, binary.BigEndian, v) }
	w(uint32(magicTrueType))
	w(uint16(len(tags)))
	w([3]uint16{})
	off := 12 + 16*len(tags)
	for _, tag := range tags {
		b.WriteString(tag)
		w(uint32(0))
		w(uint32(off))
		w(uint32(len(tables[tag])))
		off += len(tables[tag])
	}
	for _, tag := range tags {
		b.Write(tables[tag])
	}
	return b.Bytes()
}

// testCmap returns a cmap with a format 4 subtable (A–Z via delta, 0–9 via
// glyphIdArray with a hole at '5') and a format 12 subtable (U+20000–20002
// and U+1F600 mapped to glyph 0, i.e. absent).
func testCmap() []byte {
	var f4 bytes.Buffer
	w4 := func(v ...uint16) {
		for _, x := range v {
			_ = binary.Write(&f4, binary.BigEndian, x)
		}
	}
	// segments: '0'-'9' (idRangeOffset), 'A'-'Z' (delta), 0xFFFF end.
	w4(4, 0, 0, 6, 4, 1, 2)
	w4('9', 'Z', 0xFFFF) // endCode
	w4(0)                // reservedPad
	w4('0', 'A', 0xFFFF) // startCode
	w4(0, 100-'A', 1)    // idDelta
	w4(6, 0, 0)          // idRangeOffset: seg 0 -> glyphIdArray[0]
	w4(1, 2, 3, 4, 5, 0, 7, 8, 9, 10)
	b4 := f4.Bytes()
	binary.BigEndian.PutUint16(b4[2:], uint16(len(b4)))

	var f12 bytes.Buffer
	w := func(v ...uint32) {
		for _, x := range v {
			_ = binary.Write(&f12, binary.BigEndian, x)
		}
	}
	_ = binary.Write(&f12, binary.BigEndian, [2]uint16{12, 0})
	w(16+2*12, 0, 2)
	w(0x20000, 0x20002, 200)
	w(0x1F600, 0x1F600, 0)

	var c bytes.Buffer
	_ = binary.Write(&c, binary.BigEndian, [2]uint16{0, 2})
	_ = binary.Write(&c, binary.BigEndian, [2]uint16{3, 1})
	_ = binary.Write(&c, binary.BigEndian, uint32(4+2*8))
	_ = binary.Write(&c, binary.BigEndian, [2]uint16{3, 10})
	_ = binary.Write(&c, binary.BigEndian, uint32(4+2*8+len(b4)))
	c.Write(b4)
	c.Write(f12.Bytes())
	return c.Bytes()
}

func testFont() []byte {
	maxp := []byte{0, 0, 0x50, 0, 0x01, 0x00} // version 0.5, numGlyphs 256
	return sfnt(map[string][]byte{"cmap": testCmap(), "maxp": maxp})
}

func TestParseCmapSynthetic(t *testing.T) {
	cv, err := parseCmap(testFont())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ\U00020000\U00020001\U00020002" {
		if want := c != '5'; cv.has(c) != want {
			t.Errorf("has(%q) = %v, want %v", c, !want, want)
		}
	}
	for _, c := range []rune{'a', '/', ':', '@', '[', 0xFFFF, 0x1F600, 0x20003, -1, 0x110000} {
		if cv.has(c) {
			t.Errorf("has(%U) = true", c)
		}
	}
	if n := cv.count(); n != 9+26+3 {
		t.Errorf("count = %d", n)
	}
	// numGlyphs cuts off glyph ids: with 101 glyphs only 'A' (glyph 100) stays.
	small := sfnt(map[string][]byte{"cmap": testCmap(), "maxp": {0, 0, 0x50, 0, 0, 101}})
	cv, err = parseCmap(small)
	if err != nil {
		t.Fatal(err)
	}
	if !cv.has('A') || cv.has('B') || cv.has(0x20000) {
		t.Errorf("numGlyphs not applied: A=%v B=%v", cv.has('A'), cv.has('B'))
	}
}

func TestParseCmapMalformed(t *testing.T) {
	good := testFont()
	// Every truncation is an error or a smaller set, never a panic.
	for n := 0; n < len(good); n++ {
		_, _ = parseCmap(good[:n])
	}
	for _, data := range [][]byte{nil, {0, 1, 0, 0}, []byte("ttcf"), sfnt(nil),
		sfnt(map[string][]byte{"cmap": {0, 0, 0, 0}})} {
		if _, err := parseCmap(data); err == nil {
			t.Errorf("parseCmap(%q): no error", data)
		}
	}
	fang, _ := Data(Body)
	if _, err := parseCmap(fang[:4096]); err == nil {
		t.Error("parseCmap(truncated fang.ttf): no error")
	}
}

func FuzzCmap(f *testing.F) {
	// The first 4 KB of a shipped font: header, table directory and the
	// start of the tables (the cmap itself lies beyond, so mutations explore
	// the directory checks). One such seed is enough: large interesting
	// inputs make the fuzzer spend its time minimizing (add
	// -fuzzminimizetime 1s to the go test command for more executions).
	fang, err := Data(Body)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(fang[:4096])
	f.Add(testFont())
	f.Add(testCmap())
	f.Fuzz(func(t *testing.T, data []byte) {
		cv, err := parseCmap(data)
		if err != nil {
			return
		}
		for _, c := range []rune{0, 'A', '中', 0xFFFF, 0x10000, 0x20000, maxRune, maxRune + 1, -5} {
			_ = cv.has(c)
		}
		_ = cv.count()
		// The same bytes through the public loading path.
		_, _ = loadBytes("fuzz.ttf", data)
	})
}

package zhconv

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const seedDir = "../../testdata/seeds"

func readSeed(t testing.TB, prefix string) string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(seedDir, prefix+"*.txt"))
	if err != nil || len(paths) != 1 {
		t.Fatalf("seed %s*: %v %v", prefix, paths, err)
	}
	b, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pinyinRE matches the pinyin that seed 000 has injected after some
// characters, as in 我區(qū).
var pinyinRE = regexp.MustCompile(`\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)`)

func TestToSimplifiedSeedLines(t *testing.T) {
	// The phrases below occur in seed 000 once the injected pinyin is
	// removed (信息內(nèi)容 → 信息內容), some with a character already
	// simplified there (規范性文件, 另行制作).
	seed := pinyinRE.ReplaceAllString(readSeed(t, "000_"), "")
	cases := []struct{ in, want string }{
		{"信息內容", "信息内容"},
		{"規範性文件", "规范性文件"},
		{"對外公開總數量", "对外公开总数量"},
		{"行政事業性收費", "行政事业性收费"},
		{"結果糾正", "结果纠正"},
		{"本年增/減", "本年增/减"},
		{"(三)不予公開", "(三)不予公开"},
		{"3.危及“三安全一穩定”", "3.危及“三安全一稳定”"},
		{"沒有現成信息需要另行製作", "没有现成信息需要另行制作"},
		{"申請人情況", "申请人情况"},
	}
	for _, c := range cases {
		if got := ToSimplified(c.in); got != c.want {
			t.Errorf("ToSimplified(%q) = %q, want %q", c.in, got, c.want)
		}
		if !IsLikelyTraditional(c.in) {
			t.Errorf("IsLikelyTraditional(%q) = false", c.in)
		}
		if IsLikelyTraditional(c.want) {
			t.Errorf("IsLikelyTraditional(%q) = true", c.want)
		}
	}
	out := ToSimplified(seed)
	for _, c := range cases {
		if !strings.Contains(out, c.want) {
			t.Errorf("converted seed 000 lacks %q", c.want)
		}
	}
	if IsLikelyTraditional(out) {
		t.Errorf("converted seed 000 still looks traditional")
	}
}

func TestToSimplifiedPhrases(t *testing.T) {
	cases := []struct{ in, want string }{
		{"乾隆年間", "乾隆年间"},     // phrase keeps 乾
		{"乾淨", "干净"},         // character table turns 乾 into 干
		{"一目瞭然", "一目了然"},     // longest phrase
		{"乾坤大挪移", "乾坤大挪移"},   // five-rune phrase, unchanged
		{"我區(qū)", "我区(qū)"}, // pinyin is left alone
		{"", ""},
		{"abc 123", "abc 123"},
		{"發\xff展", "发\xff展"}, // invalid UTF-8 is copied through
	}
	for _, c := range cases {
		if got := ToSimplified(c.in); got != c.want {
			t.Errorf("ToSimplified(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSimplifiedUnchanged(t *testing.T) {
	for _, prefix := range []string{"001_", "002_", "003_", "004_"} {
		s := readSeed(t, prefix)
		if got := ToSimplified(s); got != s {
			t.Errorf("seed %s changed by ToSimplified", prefix)
		}
		if IsLikelyTraditional(s) {
			t.Errorf("seed %s reported as traditional", prefix)
		}
		allocs := testing.AllocsPerRun(10, func() { _ = ToSimplified(s) })
		if allocs != 0 {
			t.Errorf("seed %s: %v allocations for unchanged text", prefix, allocs)
		}
	}
}

func TestDictionaryChecksums(t *testing.T) {
	want := map[string]string{
		"TSPhrases.txt":    "362fa1b9a7d6edd04b462a32e12c9fef3adae822ab1dee9c83561cc37c06cb1f",
		"TSCharacters.txt": "737c21c66f55a419dd6956cb3089476cdefc5a36877452631617696df1e5d925",
		"LICENSE":          "b534e465949558eec2597b04f5092b5e161236a68dfbfd04d547592ac3964308",
	}
	embedded := map[string]string{"TSPhrases.txt": tsPhrases, "TSCharacters.txt": tsCharacters}
	prov, err := os.ReadFile(filepath.Join("dict", "PROVENANCE.md"))
	if err != nil {
		t.Fatal(err)
	}
	for name, sum := range want {
		data, ok := embedded[name]
		if !ok {
			b, err := os.ReadFile(filepath.Join("dict", name))
			if err != nil {
				t.Fatal(err)
			}
			data = string(b)
		}
		h := sha256.Sum256([]byte(data))
		if got := hex.EncodeToString(h[:]); got != sum {
			t.Errorf("%s: sha256 %s, want %s", name, got, sum)
		}
		if !strings.Contains(string(prov), sum) {
			t.Errorf("PROVENANCE.md does not list the sha256 of %s", name)
		}
	}
}

func TestTablesComplete(t *testing.T) {
	tb := buildTables()
	count := func(data string) int {
		n := 0
		eachLine(data, func(string, string) { n++ })
		return n
	}
	if got, want := len(tb.phrases), count(tsPhrases); got != want || got < 400 {
		t.Errorf("%d phrases loaded, %d in the dictionary", got, want)
	}
	if got, want := len(simplifiedOf()), count(tsCharacters); got != want || got < 4000 {
		t.Errorf("%d characters loaded, %d in the dictionary", got, want)
	}
}

// TestSameAsReference: the split tables convert as the single map did, on
// the seeds, on every phrase and character of the dictionaries (alone, in
// a row, and each followed by the next entry's key), and on the simplified
// forms.
func TestSameAsReference(t *testing.T) {
	ref := buildTablesRef()
	var ins []string
	paths, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, string(b))
	}
	var keys, values []string
	for _, d := range []string{tsPhrases, tsCharacters} {
		eachLine(d, func(k, v string) { keys, values = append(keys, k), append(values, v) })
	}
	var all strings.Builder
	for i, k := range keys {
		ins = append(ins, k, values[i], k+keys[(i+1)%len(keys)], "回"+k+"覆")
		all.WriteString(k)
	}
	ins = append(ins, all.String(), "", "abc", "\xff\xfe回覆")
	for _, in := range ins {
		if got, want := ToSimplified(in), toSimplifiedRef(ref, in); got != want {
			t.Fatalf("ToSimplified(%q) = %q, the reference %q", in, got, want)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = buildTables()
	}
}

func BenchmarkToSimplified(b *testing.B) {
	s := readSeed(b, "000_")
	loaded()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		_ = ToSimplified(s)
	}
}

func BenchmarkToSimplifiedUnchanged(b *testing.B) {
	s := readSeed(b, "001_")
	loaded()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		_ = ToSimplified(s)
	}
}

var updateChangeSet = flag.Bool("update-changeset", false, "rewrite changing.go from TSCharacters")

// TestChangeSet checks changing.go against TSCharacters (with
// -update-changeset it rewrites it), and the set against the full tables:
// every character of the dictionary and of its neighbourhood, both planes.
func TestChangeSet(t *testing.T) {
	want := buildChangeSet()
	if *updateChangeSet {
		var b strings.Builder
		b.WriteString("// Code generated by \"go test ./convert/zhconv -run TestChangeSet -update-changeset\"; DO NOT EDIT.\n\npackage zhconv\n\n")
		b.WriteString("// changingSet is changing's set: the characters TSCharacters maps to\n// another.\nvar changingSet = changeSet{\n\tbmp: [0x10000 / 64]uint64{")
		for i, w := range want.bmp {
			if w != 0 {
				fmt.Fprintf(&b, "%d: %#x, ", i, w)
			}
		}
		b.WriteString("},\n\tastral: []rune{")
		for _, r := range want.astral {
			fmt.Fprintf(&b, "%#x, ", r)
		}
		b.WriteString("},\n}\n")
		src, err := format.Source([]byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("changing.go", src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	c := changing()
	if c.bmp != want.bmp || !slices.Equal(c.astral, want.astral) {
		t.Fatal("changing.go is not current (go test ./convert/zhconv -run TestChangeSet -update-changeset)")
	}
	tb := buildTablesRef()
	check := func(r rune) {
		e, ok := tb.runes[r]
		if want := ok && e.changes; c.has(r) != want {
			t.Errorf("%U: in the change set %v, tables say %v", r, c.has(r), want)
		}
	}
	for r := rune(0x80); r < 0x30000; r++ {
		check(r)
	}
	n := 0
	for r, e := range tb.runes {
		check(r)
		if e.changes {
			n++
		}
	}
	if n < 2000 || len(c.astral) == 0 {
		t.Errorf("%d changing characters, %d outside the BMP: the dictionary did not load", n, len(c.astral))
	}
}

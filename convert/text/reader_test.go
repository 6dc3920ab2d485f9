package text

import (
	"bytes"
	"encoding/json"
	"flag"
	"github.com/govreport/govreport/convert/input"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/check"
	"github.com/govreport/govreport/convert/jsonfmt"
	"github.com/govreport/govreport/convert/match"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func seedPaths(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob("../../testdata/seeds/*.txt")
	if err != nil || len(paths) != 5 {
		t.Fatalf("want 5 seeds, got %d (%v)", len(paths), err)
	}
	return paths
}

func readFile(t testing.TB, path string) *model.Report {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := Read(f, input.Options{Name: filepath.Base(path)})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

// TestSeedsGolden compares the model dump (JSON, checks included) of every
// seed with testdata/golden/<seed>.json. Run with -update to regenerate, then
// review the diff.
func TestSeedsGolden(t *testing.T) {
	for _, path := range seedPaths(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			r := readFile(t, path)
			check.Run(r)
			var got bytes.Buffer
			if err := jsonfmt.Write(&got, r); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("../../testdata/golden", strings.TrimSuffix(name, ".txt")+".json")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./convert/text -update)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("model dump differs from %s; run with -update and review the diff", golden)
			}
		})
	}
}

// TestSeedsComplete: every key of the edition is present and nothing is
// missing or doubtful in the five seeds.
func TestSeedsComplete(t *testing.T) {
	want := map[string]model.Edition{
		"000_2a7c9f704202fa4c.txt": model.Edition2019, "001_1d4dd3ae0346d0fe.txt": model.Edition2021,
		"002_b0e573aacea97adf.txt": model.Edition2019, "003_8178ad8169fa307d.txt": model.Edition2019,
		"004_22aab187490cdc1c.txt": model.Edition2019,
	}
	for _, path := range seedPaths(t) {
		r := readFile(t, path)
		name := filepath.Base(path)
		if r.Meta.Edition != want[name] {
			t.Errorf("%s: edition %s, want %s", name, r.Meta.Edition, want[name])
		}
		keys := templates.Default().Keys(r.Meta.Edition)
		if len(r.Cells) != len(keys) {
			t.Errorf("%s: %d cells, want %d", name, len(r.Cells), len(keys))
		}
		for _, k := range keys {
			c := r.Cells[k]
			if c == nil || c.Kind == model.KindMissing || c.Doubt != "" || c.Kind == model.KindText {
				t.Errorf("%s: %s = %+v", name, k, c)
			}
		}
	}
}

// TestSeedValues pins values checked by hand against the seed texts.
func TestSeedValues(t *testing.T) {
	type cell struct {
		raw  string
		kind model.Kind
		val  float64
		line int
	}
	n := func(raw string, v float64, line int) cell { return cell{raw, model.KindNumber, v, line} }
	blank := func(line int) cell { return cell{"", model.KindBlank, 0, line} }
	none := func(line int) cell { return cell{"无", model.KindNone, 0, line} }
	cases := map[string]map[string]cell{
		"000_2a7c9f704202fa4c.txt": {
			"t2.regulations.made": n("0", 0, 16), "t2.procurement.amount": n("0", 0, 77),
			"t3.new.natural": n("0", 0, 93), "t3.carried_forward.total": n("0", 0, 301),
			"t4.review.upheld": n("0", 0, 325), "t4.suit_after_review.total": n("0", 0, 339),
		},
		"001_1d4dd3ae0346d0fe.txt": {
			"t2.normative.issued": n("5", 5, 28), "t2.normative.in_force": n("6", 6, 30),
			"t2.licensing.decisions": n("12172", 12172, 37), "t2.penalty.decisions": n("217", 217, 45),
			"t2.coercion.decisions": n("0", 0, 48), "t2.fees.amount": n("539.16", 539.16, 56),
			"t3.new.natural": n("15", 15, 72), "t3.new.total": n("15", 15, 78),
			"t3.granted.total": n("15", 15, 97), "t3.total.natural": n("15", 15, 284),
			"t3.other_misc.total": n("0", 0, 281), "t3.carried_forward.natural": n("0", 0, 293),
			"t4.suit_direct.upheld": n("3", 3, 328), "t4.suit_direct.corrected": n("2", 2, 329),
			"t4.suit_direct.total": n("5", 5, 332), "t4.suit_after_review.total": n("0", 0, 337),
		},
		"002_b0e573aacea97adf.txt": {
			"t2.normative.made": n("2", 2, 27), "t2.normative.total": n("4", 4, 29),
			"t2.licensing.change": n("增81", 81, 38), "t2.penalty.change": n("减少58", -58, 52),
			"t2.fees.prev": n("38.47万元", 38.47, 65), "t2.fees.change": n("减14.94万元", -14.94, 67),
			"t2.procurement.projects": n("6", 6, 75), "t2.procurement.amount": n("562.648万元", 562.648, 76),
			"t3.new.natural": n("2", 2, 92), "t3.new.total": n("2", 2, 98),
			"t3.partly_granted.natural": n("0", 0, 120), "t3.total.total": n("0", 0, 291),
			"t4.review.corrected": n("2", 2, 325), "t4.review.total": n("2", 2, 328),
			"t4.suit_direct.upheld": n("1", 1, 329), "t4.suit_direct.pending": n("1", 1, 332),
			"t4.suit_direct.total": n("2", 2, 333), "t4.suit_after_review.upheld": n("1", 1, 334),
			"t4.suit_after_review.total": n("1", 1, 338),
		},
		"003_8178ad8169fa307d.txt": {
			"t2.regulations.made": n("0", 0, 26), "t3.new.natural": blank(162), "t3.new.total": n("0", 0, 174),
			"t3.carried_forward.natural": blank(544), "t3.carried_forward.total": n("0", 0, 556),
			"t4.review.upheld": blank(601), "t4.review.total": n("0", 0, 609), "t4.suit_after_review.total": n("0", 0, 629),
		},
		"004_22aab187490cdc1c.txt": {
			"t2.regulations.made": n("0", 0, 21), "t2.licensing.prev": none(25), "t2.fees.change": none(33),
			"t2.procurement.amount": none(36), "t3.new.natural": n("0", 0, 41), "t4.suit_after_review.total": n("0", 0, 68),
		},
	}
	for _, path := range seedPaths(t) {
		name := filepath.Base(path)
		r := readFile(t, path)
		for key, want := range cases[name] {
			c := r.Cells[key]
			if c == nil || c.Raw != want.raw || c.Kind != want.kind || c.Value != want.val || c.Line != want.line {
				t.Errorf("%s %s = %+v, want raw %q kind %s value %v line %d", name, key, c, want.raw, want.kind, want.val, want.line)
			}
		}
	}
}

func TestSeedMeta(t *testing.T) {
	cases := map[string]struct {
		agency    string
		year      int
		published string
		parts     [6]bool
	}{
		"000_2a7c9f704202fa4c.txt": {"北城区街道办事处", 2020, "2021-01-11", [6]bool{false, true, true, true, true, true}},
		"001_1d4dd3ae0346d0fe.txt": {"大祥区行政审批服务局", 2021, "", [6]bool{true, true, true, true, true, true}},
		"002_b0e573aacea97adf.txt": {"市城管执法局", 2020, "", [6]bool{true, true, true, true, true, false}},
		"003_8178ad8169fa307d.txt": {"经济开发区管委会", 2020, "2021-01-08", [6]bool{true, true, true, true, true, true}},
		"004_22aab187490cdc1c.txt": {"铜陵市郊区安庆矿区办事处", 2018, "", [6]bool{false, true, true, true, true, true}},
	}
	for _, path := range seedPaths(t) {
		name := filepath.Base(path)
		r := readFile(t, path)
		want := cases[name]
		if r.Meta.Agency != want.agency || r.Meta.Year != want.year || r.Meta.Published != want.published {
			t.Errorf("%s: agency %q year %d published %q; want %q %d %q", name, r.Meta.Agency, r.Meta.Year, r.Meta.Published, want.agency, want.year, want.published)
		}
		for i, has := range want.parts {
			if (r.Parts[i].Heading != "") != has {
				t.Errorf("%s: part %d heading %q", name, i+1, r.Parts[i].Heading)
			}
		}
		if strings.Contains(r.Parts[0].Text+r.Parts[4].Text, "(qū)") {
			t.Errorf("%s: pinyin left in the text", name)
		}
		// Table 三's own rows (一、本年新收… 三、本年度办理结果) are not part headings.
		for _, p := range r.Parts {
			if strings.Contains(p.Heading, "本年新收") || strings.Contains(p.Heading, "办理结果") || strings.Contains(p.Heading, "结转下年度") {
				t.Errorf("%s: table row taken as heading: %q", name, p.Heading)
			}
		}
	}
}

func TestSeed004YearDisagreement(t *testing.T) {
	r := readFile(t, "../../testdata/seeds/004_22aab187490cdc1c.txt")
	check.Run(r)
	for _, f := range r.Findings {
		if f.ID == "YEAR" {
			if f.Status != model.Fail || !strings.Contains(f.Message, "2018") || !strings.Contains(f.Message, "2020") {
				t.Errorf("YEAR finding = %+v", f)
			}
			return
		}
	}
	t.Error("no YEAR finding")
}

func TestSeed002Checks(t *testing.T) {
	r := readFile(t, "../../testdata/seeds/002_b0e573aacea97adf.txt")
	check.Run(r)
	status := map[string]model.Status{}
	for _, f := range r.Findings {
		status[f.ID] = f.Status
	}
	for id, want := range map[string]model.Status{
		"T3-BALANCE.natural": model.Fail, "T3-BALANCE.total": model.Fail, "T3-BALANCE.commercial": model.Pass,
		"T3-RESULTS.natural": model.Pass, "T3-RESULTS.total": model.Pass, "T3-ROWSUM.new": model.Pass,
		"T4-TOTAL.review": model.Pass, "T4-TOTAL.suit_direct": model.Pass, "NONNEG": model.Pass, "YEAR": model.Pass,
	} {
		if status[id] != want {
			t.Errorf("%s = %q, want %q", id, status[id], want)
		}
	}
}

// TestSamples reads the further real reports in testdata/samples whose
// layout this reader handles and compares every cell with expected.json.
func TestSamples(t *testing.T) {
	for _, dir := range []string{"003", "006", "451"} {
		t.Run(dir, func(t *testing.T) {
			r := readFile(t, filepath.Join("../../testdata/samples", dir, "source.txt"))
			compareExpected(t, r, filepath.Join("../../testdata/samples", dir, "expected.json"))
		})
	}
}

func compareExpected(t *testing.T, r *model.Report, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		Edition string         `json:"edition"`
		Year    int            `json:"year"`
		Agency  string         `json:"agency"`
		Cells   map[string]any `json:"cells"`
	}
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	doubtful := 0
	defer func() {
		if doubtful > 22 {
			t.Errorf("%d of %d cells doubtful", doubtful, len(exp.Cells))
		}
	}()
	if string(r.Meta.Edition) != exp.Edition || r.Meta.Year != exp.Year || r.Meta.Agency != exp.Agency {
		t.Errorf("meta = %s %d %q, want %s %d %q", r.Meta.Edition, r.Meta.Year, r.Meta.Agency, exp.Edition, exp.Year, exp.Agency)
	}
	for key, v := range exp.Cells {
		c := r.Cells[key]
		if c == nil {
			t.Errorf("%s missing", key)
			continue
		}
		if c.Doubt != "" && strings.HasPrefix(key, "t2.") {
			// Glued digits in table 二, which obeys no arithmetic, can often
			// be split several ways: the reader keeps a value but flags it,
			// and the value is not claimed. Tables 三 and 四 must be exact.
			doubtful++
			continue
		}
		switch v := v.(type) {
		case nil:
			if c.Kind == model.KindNumber {
				t.Errorf("%s = %v, want blank/none", key, c.Value)
			}
		case float64:
			if c.Kind != model.KindNumber || c.Value != v {
				t.Errorf("%s = %+v, want %v", key, c, v)
			}
		case string:
			if c.Raw != v {
				t.Errorf("%s raw = %q, want %q", key, c.Raw, v)
			}
		}
	}
}

func TestSplitGlued(t *testing.T) {
	set := templates.Default()
	rule := rowRule(set, model.Edition2021, set.Key(model.Edition2021, "t3.new.total").Table.Data[0].Keys)
	cases := []struct {
		chunks []string
		n      int
		rule   func([]float64) bool
		want   []string // the only candidate, or nil for several
		count  int
	}{
		{[]string{"801000081"}, 7, rule, []string{"80", "1", "0", "0", "0", "0", "81"}, 1},
		{[]string{"230", "000023"}, 7, rule, []string{"23", "0", "0", "0", "0", "0", "23"}, 1},
		{[]string{"000000000000000"}, 15, rowRule(set, model.Edition2021, set.Table(model.Edition2021, "t4").Keys), []string{"0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"}, 1},
		{[]string{"898989"}, 3, nil, nil, 10},
		{[]string{"13575394432.52元"}, 2, nil, nil, 10},
		{[]string{"12"}, 7, rule, nil, 0},
	}
	for _, tc := range cases {
		got, complete := splitGlued(tc.chunks, tc.n, tc.rule)
		if !complete || len(got) != tc.count {
			t.Errorf("%v: %d candidates %v", tc.chunks, len(got), got)
			continue
		}
		if tc.want != nil && strings.Join(got[0], "|") != strings.Join(tc.want, "|") {
			t.Errorf("%v = %v", tc.chunks, got[0])
		}
	}
}

// TestHasDateKey: hasDateKey finds a date key wherever it is, and nothing
// else (a 日期 or 时间 after other words, a key cut short).
func TestHasDateKey(t *testing.T) {
	for s, want := range map[string]bool{
		"发布日期：2021-01-11": true, "  发布时间:2021年": true, "成文日期 2021": true, "发布发布日期": true,
		"日期：2021": false, "成文时间": false, "发布于2021年，日期": false, "发布日": false, "布日期": false, "": false,
		"发布日期"[:11]: false, "x发布时间": true, "时间发布": false,
	} {
		if got := hasDateKey(s); got != want {
			t.Errorf("hasDateKey(%q) = %v, want %v", s, got, want)
		}
	}
	for _, c := range [][2]string{{"abc", "c"}, {"abc", "abc"}, {"ab", "abc"}, {"日期日期", "期日"}, {"a", ""}, {"日期", "期期"}, {"2020年度2021年", "年"}, {"年", "年"}, {"x年", "年"}} {
		if got := indexFast(c[0], c[1]); got != strings.Index(c[0], c[1]) {
			t.Errorf("indexFast(%q, %q) = %v", c[0], c[1], got)
		}
	}
}

// TestIsLabelLike: the byte-level scan counts Han characters and digits
// as decoding every rune does, invalid UTF-8 included.
func TestIsLabelLike(t *testing.T) {
	ref := func(s string) bool {
		han, digits := 0, 0
		for _, r := range s {
			switch {
			case r >= '0' && r <= '9' || r >= '０' && r <= '９':
				digits++
			case match.IsHan(r):
				han++
			}
		}
		return han > 0 && han >= 2*digits
	}
	for _, s := range []string{"", "1.属于国家秘密", "约10件", "１２件", "一", "丁1", "㐀1", "䶵", "\xe5\xb8", "\xe5\xb8件", "件\xe9", "\xe9\x80\x80\x80", "鿿12", "ab", "三四12", "申请人12"} {
		if got := isLabelLike(s); got != ref(s) {
			t.Errorf("isLabelLike(%q) = %v", s, got)
		}
	}
}

// inlineHeadingsByByte is inlineHeadings as a scan of every byte, the
// reference for its delimiter search.
func inlineHeadingsByByte(s string) [][2]int {
	var out [][2]int
	last := 0
	for j := 3; j < len(s); j++ {
		if c := s[j]; c != '.' && c != 0xE3 && c != 0xEF || j-3 < last {
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j-3:])
		if size != 3 {
			continue
		}
		if end := inlineHeadingAt(s, j, r); end > 0 {
			out = append(out, [2]int{j - 3, end})
			last = end
			j = end - 1
		}
	}
	return out
}

// TestInlineHeadings: the delimiter search finds the headings a scan of
// every byte finds, in texts made of headings, numerals, delimiters and
// filler run together.
func TestInlineHeadings(t *testing.T) {
	pieces := []string{"一、总体情况", "二．主动公开政府信息情况", "三.收到和处理政府信息公开申请情况", "四、 政府信息公开行政复议、行政诉讼情况",
		"五、", "六．", "一", "、", ".", "．", "。", "，", "其他需要报告的事项", "1.", "a", "\xe3", "\xef\xbc", "数据", " ", "\n", "五、存在的主要问题及改进情况"}
	found := 0
	for seed := 0; seed < 3000; seed++ {
		var b strings.Builder
		x := uint32(seed*2654435761 + 1)
		for k := 0; k < 4+seed%20; k++ {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			b.WriteString(pieces[x%uint32(len(pieces))])
		}
		s := b.String()
		if got, want := inlineHeadings(s), inlineHeadingsByByte(s); !slices.Equal(got, want) {
			t.Fatalf("inlineHeadings(%q) = %v, want %v", s, got, want)
		}
		if len(inlineHeadingsByByte(s)) > 1 {
			found++
		}
	}
	if found < 300 {
		t.Errorf("only %d texts with two headings or more", found)
	}
}

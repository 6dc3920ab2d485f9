package match

import (
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/govreport/govreport/templates"
)

func TestScore(t *testing.T) {
	tests := []struct {
		written, official string
		want              int
	}{
		{"规章", "规章", Exact},
		{"規章", "规章", Exact},
		{"本年新", "本年新制作数量", Prefix},
		{"本年新", "本年新公开数量", Prefix},
		{"對外公開總數量", "对外公开总数量", Exact},
		{"商业 企业", "商业企业", Exact},
		{"结 果 维 持", "结果维持", Exact},
		{"二)部分公开(区分处理的,只计这一情形,不计其他情形)", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", Exact},
		{"部分公开 (区分处理的, 只计这一情形, 不计其他情形)", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", Body},
		{"(二)部分公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", Prefix},
		{"1. 属于国家秘密", "1.属于国家秘密", Exact},
		{"属于国家秘密", "1.属于国家秘密", Body},
		{"2.属于国家秘密", "1.属于国家秘密", None},
		{"3.其他", "3.其他", Exact},
		{"其他", "3.其他", Body},
		{"（七）总计", "（七）总计", Exact},
		{"总计", "（七）总计", Body},
		{"3.危及“三安全一穩定”", "3.危及“三安全一稳定”", Exact},
		{"规范性文件", "行政规范性文件", None},
		{"信息內(nèi)容", "信息内容", None}, // pinyin is removed before matching, not here
		{"本年收费金额(单位:万元)", "本年收费金额（单位：万元）", Exact},
		{"本年收费金额", "本年收费金额（单位：万元）", Prefix},
		{"第二十条第(一)项", "第二十条第（一）项", Exact},
		{"一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", Exact},
		{"本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", Body},
		{"", "规章", None},
	}
	for _, tt := range tests {
		if got := Score(New(tt.written), New(tt.official)); got != tt.want {
			w := New(tt.written)
			t.Errorf("Score(%q, %q) = %d, want %d (core %q body %q ord %q)", tt.written, tt.official, got, tt.want, w.Core, w.Body, w.Ord)
		}
	}
}

func TestOrdinal(t *testing.T) {
	for s, want := range map[string][2]string{
		"一、总体情况":   {"一", "总体情况"},
		"（三）不予公开":  {"三", "不予公开"},
		"二)部分公开":   {"二", "部分公开"},
		"1.属于国家秘密": {"1", "属于国家秘密"},
		"12.其他":    {"12", "其他"},
		"一是提高认识":   {"", "一是提高认识"},
		"三安全一稳定":   {"", "三安全一稳定"},
		"2020年":    {"", "2020年"},
	} {
		l := New(s)
		if l.Ord != want[0] || l.Body != want[1] {
			t.Errorf("New(%q) = ord %q body %q, want %q %q", s, l.Ord, l.Body, want[0], want[1])
		}
	}
}

// bruteFind is Index.Find by scoring every label.
func bruteFind(w Label, labels []Label, owners []int) ([]int, int) {
	best := None
	var hits []int
	for i, l := range labels {
		switch s := Score(w, l); {
		case s > best:
			best, hits = s, []int{i}
		case s == best && s > None:
			hits = append(hits, i)
		}
	}
	var out []int
	for _, i := range hits {
		o := i
		if owners != nil {
			o = owners[i]
		}
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out, best
}

// TestIndexAgreesOnSpecLabels: for every text of the embedded specs, cut
// short, lengthened, renumbered and in traditional script, Find gives what
// scoring every label gives, with and without owners (aliases).
func TestIndexAgreesOnSpecLabels(t *testing.T) {
	set := templates.Default()
	var texts []string
	for _, ed := range set.Editions() {
		for _, tb := range set.Tables(ed) {
			for _, c := range tb.Cells {
				if c.Text != "" {
					texts = append(texts, c.Text)
					texts = append(texts, c.Aliases...)
				}
			}
		}
	}
	var labels []Label
	var owners []int
	for i, s := range texts {
		labels = append(labels, New(s))
		owners = append(owners, i/3)
	}
	var written []string
	for _, s := range texts {
		rs := []rune(s)
		written = append(written, s, "（二）"+s, "3."+s, s+"情况", "規範"+s)
		for _, n := range []int{2, 3, 4, 6} {
			if n < len(rs) {
				written = append(written, string(rs[:n]), string(rs[len(rs)-n:]))
			}
		}
	}
	for _, ow := range [][]int{nil, owners} {
		ix := NewIndex(labels, ow)
		for _, w := range written {
			wl := New(w)
			want, best := bruteFind(wl, labels, ow)
			got, score := ix.Find(wl)
			if score != best || !slices.Equal(got, want) {
				t.Fatalf("Find(%q) = %v %d, want %v %d", w, got, score, want, best)
			}
			// FindLabel remembers the result per index (the two
			// indexes here share the labels but not the owners), and
			// a label outside the cache has nothing to remember.
			fresh := newLabel(w)
			for _, l := range []*Label{Intern(w), Intern(w), &fresh} {
				if got, score := ix.FindLabel(l); score != best || !slices.Equal(got, want) {
					t.Fatalf("FindLabel(%q) = %v %d, want %v %d", w, got, score, want, best)
				}
			}
		}
	}
}

// TestInternCopies: the cache keeps its own copy of a label's text, not
// the text it was cut from.
func TestInternCopies(t *testing.T) {
	src := strings.Repeat("报告", 100) + "（一）属于国家秘密的政府信息文本"
	s := src[len(src)-len("（一）属于国家秘密的政府信息文本"):]
	l := Intern(s)
	if l.Text != s || unsafe.StringData(l.Text) == unsafe.StringData(s) {
		t.Errorf("Intern kept the caller's bytes")
	}
	if Intern(s) != l {
		t.Errorf("Intern made a second label for the same text")
	}
}

// TestIndexAgreesWithScore: Find gives what scoring every label gives.
func TestIndexAgreesWithScore(t *testing.T) {
	official := []string{"规章", "规范性文件", "行政规范性文件", "本年新制作数量", "本年新公开数量", "（七）总计", "3.其他", "1.属于国家秘密", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"}
	var labels []Label
	for _, s := range official {
		labels = append(labels, New(s))
	}
	ix := NewIndex(labels, nil)
	for _, w := range []string{"规章", "本年新", "总计", "其他", "二)部分公开", "(二)部分公开", "属于国家秘密", "2.属于国家秘密", "无关", "規範性文件"} {
		wl := New(w)
		best := None
		var want []int
		for i, l := range labels {
			switch s := Score(wl, l); {
			case s > best:
				best, want = s, []int{i}
			case s == best && s > None:
				want = append(want, i)
			}
		}
		got, score := ix.Find(wl)
		if score != best || len(got) != len(want) {
			t.Errorf("Find(%q) = %v %d, want %v %d", w, got, score, want, best)
			continue
		}
		for k := range got {
			if got[k] != want[k] {
				t.Errorf("Find(%q) = %v, want %v", w, got, want)
			}
		}
	}
}

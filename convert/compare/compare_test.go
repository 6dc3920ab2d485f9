package compare_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/compare"
	"github.com/govreport/govreport/convert/model"
)

const seed001 = "../../testdata/seeds/001_1d4dd3ae0346d0fe.txt"

// nextYear makes "the following year's report" of seed 001: the first
// table-三 value (本年新收·自然人, line 72) 15 → 20 and its 总计 (line 78)
// 15 → 20, every year in part 五 moved on by one (a copied sentence with
// new numbers is still reused), and one sentence of part 五 rewritten.
func nextYear(t *testing.T) []byte {
	b, err := os.ReadFile(seed001)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	if lines[71] != "15 |" || lines[77] != "15 |" {
		t.Fatalf("seed 001 changed: lines 72/78 = %q %q", lines[71], lines[77])
	}
	lines[71], lines[77] = "20 |", "20 |"
	for i := range lines {
		if i >= 337 {
			lines[i] = strings.NewReplacer("2021年", "2022年", "2022年", "2023年").Replace(lines[i])
		}
	}
	s := strings.Join(lines, "\n")
	old := "五是强化政府信息公开绩效考评,增强各部门信息公开积极性"
	if !strings.Contains(s, old) {
		t.Fatal("seed 001: sentence to rewrite not found")
	}
	s = strings.Replace(s, old, "五是建立政府信息公开工作月度通报制度,对落实不到位的单位及时督促整改", 1)
	return []byte(s)
}

func TestTwoYears(t *testing.T) {
	a, err := convert.ReadFile(seed001, convert.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := convert.ReadBytes(nextYear(t), convert.ReadOptions{Name: "next.txt"})
	if err != nil {
		t.Fatal(err)
	}
	res := compare.Compare(a, b, "a.txt", "next.txt", nil)
	var changed []string
	for _, c := range res.Cells {
		if c.Changed() {
			changed = append(changed, c.Key+"="+compare.FormatRat(c.Change)+" "+compare.FormatPct(c.Pct))
		}
	}
	// 20 − 15 = +5, 5/15 = +33.3 %.
	if want := "t3.new.natural=5 +33.3%|t3.new.total=5 +33.3%"; strings.Join(changed, "|") != want {
		t.Errorf("changed cells = %q, want %q", changed, want)
	}
	// Part 五: the sentences of the later report, cut at 。；;
	// the 2022/2023 sentences are the 2021/2022 ones with new numbers:
	// reused; one sentence (五是…) is new. The law's sentence
	// "按照《中华人民共和国政府信息公开条例》要求…" is not boilerplate
	// (it does not start the sentence with the law's title).
	p := res.Parts[4]
	if p.Sentences != 7 || p.Reused != 6 {
		t.Errorf("part 五: %d of %d reused, want all but one: %q", p.Reused, p.Sentences, p.List)
	}
	for _, s := range p.List {
		if strings.Contains(s, "月度通报") {
			t.Errorf("the rewritten sentence is listed as reused: %q", s)
		}
	}
	if len(p.List) == 0 || !strings.Contains(p.List[0], "2022年我区政府信息公开工作整体水平") {
		t.Errorf("first reused sentence = %q, want the one with the moved-on year", p.List)
	}
	// Part 一 is unchanged: everything that counts is reused.
	if p := res.Parts[0]; p.Sentences == 0 || p.Reused != p.Sentences {
		t.Errorf("part 一: %d of %d", p.Reused, p.Sentences)
	}
	// Same agency and the same year (the text's year was not moved): warn.
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "不是相邻年度") {
		t.Errorf("warnings = %q", res.Warnings)
	}
	// X-CARRY: B's 上年结转 0 = A's 结转下年度 0.
	if len(res.Cross) == 0 || res.Cross[0].ID != "X-CARRY" || res.Cross[0].Status != "通过" {
		t.Errorf("cross = %+v", res.Cross)
	}
	// natural_share: 15/15 → 20/20.
	for _, m := range res.Metrics {
		if m.Def.ID == "natural_share" && (m.A.Percent() != "100%" || m.B.Percent() != "100%") {
			t.Errorf("natural_share %s → %s", m.A.Percent(), m.B.Percent())
		}
	}

	var text, js, x1, x2 bytes.Buffer
	if err := compare.WriteText(&text, res, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "一、本年新收政府信息公开申请数量 / 自然人 *") || !strings.Contains(text.String(), "+33.3%") {
		t.Errorf("terminal output:\n%s", text.String())
	}
	if err := compare.WriteJSON(&js, res); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Cells []struct {
			Key    string
			Change *string
		}
		TextReuse []struct {
			Reused, Sentences int
		} `json:"text_reuse"`
	}
	if err := json.Unmarshal(js.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Cells) != 200 || len(out.TextReuse) != 6 || out.TextReuse[4].Reused != p.Reused {
		t.Errorf("json: %d cells, reuse %+v", len(out.Cells), out.TextReuse)
	}
	ts := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := compare.WriteXLSX(&x1, res, ts); err != nil {
		t.Fatal(err)
	}
	if err := compare.WriteXLSX(&x2, res, ts); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x1.Bytes(), x2.Bytes()) {
		t.Error("xlsx output differs between two runs")
	}
}

// 2019 against 2021: fields of one edition only are blank on the other
// side (nil), never 0, and have no change.
func TestEditions(t *testing.T) {
	a, err := convert.ReadFile("../../testdata/seeds/002_b0e573aacea97adf.txt", convert.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := convert.ReadFile(seed001, convert.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Meta.Edition != model.Edition2019 || b.Meta.Edition != model.Edition2021 {
		t.Fatalf("editions %s %s", a.Meta.Edition, b.Meta.Edition)
	}
	res := compare.Compare(a, b, "a", "b", nil)
	byKey := map[string]compare.Cell{}
	for _, c := range res.Cells {
		byKey[c.Key] = c
	}
	if c := byKey["t2.regulations.made"]; c.A == nil || c.B != nil || c.Change != nil || !c.Changed() {
		t.Errorf("2019-only field: %+v", c)
	}
	if c := byKey["t2.regulations.issued"]; c.A != nil || c.B == nil || c.Change != nil {
		t.Errorf("2021-only field: %+v", c)
	}
	if c := byKey["t3.other_misc.natural"]; c.A != nil || c.B == nil {
		t.Errorf("2021-only table-三 row: %+v", c)
	}
	// 2 → 15 new requests: +13, +650 %.
	if c := byKey["t3.new.total"]; compare.FormatRat(c.Change) != "13" || compare.FormatPct(c.Pct) != "+650%" {
		t.Errorf("t3.new.total: %s %s", compare.FormatRat(c.Change), compare.FormatPct(c.Pct))
	}
	if len(res.Cells) != 198+200-len(commonKeys(res)) {
		t.Errorf("%d cells", len(res.Cells))
	}
	found := false
	for _, w := range res.Warnings {
		found = found || strings.Contains(w, "版本不同")
	}
	if !found {
		t.Errorf("no edition warning: %q", res.Warnings)
	}
	var text bytes.Buffer
	if err := compare.WriteText(&text, res, false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "（无此栏）") {
		t.Error("terminal output does not show the absent side")
	}
}

func commonKeys(res *compare.Result) []string {
	var out []string
	for _, c := range res.Cells {
		if c.A != nil && c.B != nil {
			out = append(out, c.Key)
		}
	}
	return out
}

// Official boilerplate is left out of the ratio; numbers do not break a
// match; short pieces do not count.
func TestBoilerplate(t *testing.T) {
	a := &model.Report{Meta: model.Meta{Edition: model.EditionLegacy}}
	b := &model.Report{Meta: model.Meta{Edition: model.EditionLegacy}}
	a.Parts[0].Text = "本报告根据《中华人民共和国政府信息公开条例》要求编制。2023年全年共受理申请12件，全部按时答复。无。"
	b.Parts[0].Text = "本报告根据《中华人民共和国政府信息公开条例》要求编制。2024年全年共受理申请十五件，全部按时答复。今年新建了政务公开专区并开展了培训。无。"
	p := compare.Compare(a, b, "a", "b", nil).Parts[0]
	if p.Boilerplate != 1 || p.Sentences != 2 || p.Reused != 1 || len(p.List) != 1 || !strings.HasPrefix(p.List[0], "2024年全年") {
		t.Errorf("reuse = %+v", p)
	}
}

package check

import (
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// report returns a 2019 report with every cell 0.
func report(ed model.Edition) *model.Report {
	r := &model.Report{Cells: map[string]*model.Cell{}}
	r.Meta.Edition = ed
	r.Meta.Year = 2020
	if ed == model.Edition2021 {
		r.Meta.Year = 2022
	}
	r.Meta.YearSources = []model.YearSource{{Source: "标题", Year: r.Meta.Year}}
	for _, k := range templates.Default().Keys(ed) {
		r.Cells[k] = &model.Cell{Key: k, Raw: "0", Kind: model.KindNumber}
	}
	return r
}

func set(r *model.Report, key, raw string) {
	c := model.ParseValue(raw)
	c.Key = key
	r.Cells[key] = &c
}

func findings(r *model.Report) map[string]model.Finding {
	Run(r)
	m := map[string]model.Finding{}
	for _, f := range r.Findings {
		m[f.ID] = f
	}
	return m
}

func TestAllZeroPasses(t *testing.T) {
	for _, ed := range templates.Default().Editions() {
		r := report(ed)
		Run(r)
		n := map[model.Status]int{}
		for _, f := range r.Findings {
			n[f.Status]++
		}
		rows := 23
		if ed == model.Edition2021 {
			rows = 25
		}
		// 7 balance + 7 results + rows + 3 t4 + NONNEG + YEAR
		if want := 7 + 7 + rows + 3 + 1 + 1; n[model.Pass] != want || len(r.Findings) != want {
			t.Errorf("%s: %v, want %d passes", ed, n, want)
		}
	}
}

func TestBalanceFails(t *testing.T) {
	r := report(model.Edition2019)
	set(r, "t3.new.natural", "2")
	set(r, "t3.new.total", "2")
	f := findings(r)
	for _, id := range []string{"T3-BALANCE.natural", "T3-BALANCE.total"} {
		if f[id].Status != model.Fail || !strings.Contains(f[id].Message, "2 + 0 ≠ 0 + 0") {
			t.Errorf("%s = %+v", id, f[id])
		}
	}
	if f["T3-ROWSUM.new"].Status != model.Pass || f["T3-RESULTS.natural"].Status != model.Pass {
		t.Errorf("rowsum/results should pass: %+v %+v", f["T3-ROWSUM.new"], f["T3-RESULTS.natural"])
	}
	if k := f["T3-BALANCE.natural"].Keys; strings.Join(k, ",") != "t3.new.natural,t3.carried_over.natural,t3.total.natural,t3.carried_forward.natural" {
		t.Errorf("keys = %v", k)
	}
}

func TestResults2021UsesOtherRows(t *testing.T) {
	r := report(model.Edition2021)
	set(r, "t3.other_misc.natural", "3")
	set(r, "t3.total.natural", "3")
	f := findings(r)
	if f["T3-RESULTS.natural"].Status != model.Pass {
		t.Errorf("T3-RESULTS.natural = %+v", f["T3-RESULTS.natural"])
	}
	if f["T3-ROWSUM.other_misc"].Status != model.Fail {
		t.Errorf("T3-ROWSUM.other_misc = %+v", f["T3-ROWSUM.other_misc"])
	}
}

func TestUncertainNotFail(t *testing.T) {
	r := report(model.Edition2019)
	// Only the 总计 column filled: the other columns blank.
	for _, k := range templates.Default().Table(model.Edition2019, "t3").Keys {
		if !strings.HasSuffix(k, ".total") {
			set(r, k, "")
		}
	}
	set(r, "t3.new.total", "5")
	set(r, "t3.total.total", "5")
	set(r, "t3.granted.total", "5")
	set(r, "t4.review.upheld", "无")
	Run(r)
	for _, f := range r.Findings {
		if f.Status == model.Fail {
			t.Errorf("failure with blank inputs: %+v", f)
		}
	}
	f := findings(r)
	if f["T3-BALANCE.total"].Status != model.Pass || f["T3-BALANCE.natural"].Status != model.Uncertain {
		t.Errorf("balance: %+v / %+v", f["T3-BALANCE.total"], f["T3-BALANCE.natural"])
	}
	if m := f["T4-TOTAL.review"]; m.Status != model.Uncertain || !strings.Contains(m.Message, "“无”") {
		t.Errorf("T4-TOTAL.review = %+v", m)
	}
	// A doubtful cell makes its checks uncertain too.
	r = report(model.Edition2019)
	r.Cells["t4.review.total"].Doubt = "该行只有4个值"
	if f := findings(r)["T4-TOTAL.review"]; f.Status != model.Uncertain || !strings.Contains(f.Message, "存疑") {
		t.Errorf("doubtful: %+v", f)
	}
}

func TestT4Total(t *testing.T) {
	r := report(model.Edition2019)
	set(r, "t4.review.corrected", "2")
	set(r, "t4.review.total", "2")
	set(r, "t4.suit_direct.upheld", "1")
	f := findings(r)
	if f["T4-TOTAL.review"].Status != model.Pass || f["T4-TOTAL.suit_direct"].Status != model.Fail {
		t.Errorf("%+v / %+v", f["T4-TOTAL.review"], f["T4-TOTAL.suit_direct"])
	}
}

func TestNonNegative(t *testing.T) {
	r := report(model.Edition2019)
	set(r, "t3.new.natural", "-1")
	set(r, "t3.new.research", "1.5")
	set(r, "t2.licensing.change", "减少58") // table 二 may be negative
	Run(r)
	var bad []string
	for _, f := range r.Findings {
		if f.ID == "NONNEG" {
			if f.Status != model.Fail {
				t.Errorf("NONNEG %+v", f)
			}
			bad = append(bad, f.Keys...)
		}
	}
	if strings.Join(bad, ",") != "t3.new.natural,t3.new.research" {
		t.Errorf("NONNEG keys = %v", bad)
	}
}

func TestYearAndEdition(t *testing.T) {
	r := report(model.Edition2019)
	r.Meta.Year = 2018
	r.Meta.YearSources = []model.YearSource{{Source: "总体情况首句", Year: 2018, Line: 1, Text: "2018年,"}, {Source: "总体情况叙述", Year: 2020, Line: 3, Text: "2020年全年"}}
	r.Meta.EditionSignals = map[model.Edition][]string{model.Edition2019: {"对外公开总数量"}}
	f := findings(r)
	if y := f["YEAR"]; y.Status != model.Fail || !strings.Contains(y.Message, "2018年：总体情况首句") || !strings.Contains(y.Message, "2020年：总体情况叙述") {
		t.Errorf("YEAR = %+v", y)
	}
	if e := f["EDITION"]; e.Status != model.Warning {
		t.Errorf("EDITION = %+v", e)
	}
	r = report(model.Edition2021)
	r.Meta.EditionSignals = map[model.Edition][]string{model.Edition2019: {"对外公开总数量"}, model.Edition2021: {"本年制发件数"}}
	if e := findings(r)["EDITION"]; e.Status != model.Fail {
		t.Errorf("mixed EDITION = %+v", e)
	}
	r = report(model.Edition2021)
	r.Meta.Year, r.Meta.YearSources = 0, nil
	if y := findings(r)["YEAR"]; y.Status != model.Uncertain {
		t.Errorf("no year: %+v", y)
	}
}

func TestRunIsIdempotent(t *testing.T) {
	r := report(model.Edition2019)
	r.Findings = []model.Finding{{ID: "READ-PINYIN", Status: model.Info}}
	Run(r)
	n := len(r.Findings)
	Run(r)
	if len(r.Findings) != n || r.Findings[0].ID != "READ-PINYIN" {
		t.Errorf("second Run changed findings: %d → %d", n, len(r.Findings))
	}
}

func TestTextNew(t *testing.T) {
	r := report(model.Edition2021)
	set(r, "t3.new.total", "15")
	set(r, "t3.new.natural", "15")
	r.Parts[0].Text = "2021年共受理政府信息公开申请15件，已全部办结。"
	if f := findings(r)["TEXT-NEW"]; f.Status != model.Pass {
		t.Errorf("TEXT-NEW = %+v", f)
	}
	r.Parts[0].Text = "2020年共计收到依申请公开事项3件。"
	if f := findings(r)["TEXT-NEW"]; f.Status != model.Warning || !strings.Contains(f.Message, "3件") {
		t.Errorf("TEXT-NEW = %+v", f)
	}
	r.Parts[0].Text = "没有相关叙述。"
	if _, ok := findings(r)["TEXT-NEW"]; ok {
		t.Error("TEXT-NEW without a sentence")
	}
}

// t3Cols are the value columns of table 三 in both official editions.
var t3Cols = []string{"natural", "commercial", "research", "social", "legal", "other_org", "total"}

// TestStandIn: a 2021 report whose table 三 has the 2019 single （六） row
// (model.StandIn) is checked with that row in place of the three.
func TestStandIn(t *testing.T) {
	r := &model.Report{Meta: model.Meta{Edition: model.Edition2021, Year: 2021}, Cells: map[string]*model.Cell{}}
	for _, k := range templates.Default().Keys(model.Edition2021) {
		r.Cells[k] = &model.Cell{Key: k, Raw: "0", Kind: model.KindNumber}
	}
	for _, col := range t3Cols {
		si := model.StandIn{Key: "t3.other." + col}
		for _, row := range []string{"other_no_correction", "other_unpaid_fee", "other_misc"} {
			k := "t3." + row + "." + col
			r.Cells[k] = &model.Cell{Key: k, Kind: model.KindMissing}
			si.For = append(si.For, k)
		}
		r.StandIns = append(r.StandIns, si)
	}
	// 2 requests in the stand-in row, in the natural and total columns.
	for k, v := range map[string]float64{"t3.other.natural": 2, "t3.other.total": 2, "t3.new.natural": 2, "t3.new.total": 2, "t3.total.natural": 2, "t3.total.total": 2} {
		r.Cells[k] = &model.Cell{Key: k, Raw: model.FormatNumber(v), Kind: model.KindNumber, Value: v}
	}
	for _, col := range t3Cols[1:6] {
		r.Cells["t3.other."+col] = &model.Cell{Key: "t3.other." + col, Raw: "0", Kind: model.KindNumber}
	}
	Run(r)
	got := map[string]model.Finding{}
	for _, f := range r.Findings {
		got[f.ID] = f
	}
	for _, id := range []string{"T3-RESULTS.natural", "T3-RESULTS.total", "T3-BALANCE.natural"} {
		if got[id].Status != model.Pass {
			t.Errorf("%s = %+v", id, got[id])
		}
	}
	if f := got["T3-RESULTS.natural"]; !strings.Contains(strings.Join(f.Keys, ","), "t3.other.natural") {
		t.Errorf("T3-RESULTS.natural keys %v", f.Keys)
	}
	if got["T3-ROWSUM.other"].Status != model.Pass || !strings.Contains(got["T3-ROWSUM.other"].Message, "（六）其他处理") {
		t.Errorf("T3-ROWSUM.other = %+v", got["T3-ROWSUM.other"])
	}
	for _, id := range []string{"T3-ROWSUM.other_no_correction", "T3-ROWSUM.other_misc"} {
		if f, ok := got[id]; ok {
			t.Errorf("%s checked although the report has no such row: %+v", id, f)
		}
	}
	// The stand-in row off by one: the check fails instead of passing.
	r.Cells["t3.other.natural"].Value = 1
	Run(r)
	for _, f := range r.Findings {
		if f.ID == "T3-RESULTS.natural" && f.Status != model.Fail {
			t.Errorf("T3-RESULTS.natural = %+v", f)
		}
	}
}

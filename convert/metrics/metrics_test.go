package metrics_test

import (
	"fmt"
	"testing"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/metrics"
	"github.com/govreport/govreport/convert/model"
)

// want is "num/den percent" for an OK metric, "不适用" for a zero
// denominator, "缺数据" when an input has no number.
type want map[string]string

// The arithmetic below was done by hand from each report's cells (the
// comments give them) and then compared with the program.
var cases = []struct {
	file string
	want want
}{
	// Seed 000: every table-三/四 cell is 0 → every denominator is 0.
	{"../../testdata/seeds/000_2a7c9f704202fa4c.txt", want{
		"disclosed_rate": "不适用", "carry_rate": "不适用", "natural_share": "不适用",
		"review_correction_rate": "不适用", "correction_rate": "不适用", "dispute_rate": "不适用"}},
	// Seed 001 (2021): granted 15 + partly 0 = 15 of total 15 → 100 %;
	// carried_forward 0 / (new 15 + carried_over 0) = 0 %; natural 15/15;
	// review: corrected 0 of (0 − 0) → 不适用; suits: corrected 2 + 0 of
	// (5 − 0) + (0 − 0) = 5 → 40 %; all: 2 of 5 → 40 %;
	// dispute: review 0 + direct 5 + after-review 0 = 5 of new 15 → 33.3 %.
	{"../../testdata/seeds/001_1d4dd3ae0346d0fe.txt", want{
		"disclosed_rate": "15/15 100%", "denied_rate": "0/15 0%", "carry_rate": "0/15 0%",
		"natural_share": "15/15 100%", "review_correction_rate": "不适用",
		"suit_correction_rate": "2/5 40%", "correction_rate": "2/5 40%", "dispute_rate": "5/15 33.3%"}},
	// Seed 002 (2019): results total 0 → 不适用 (never 0 % or 100 %);
	// carry 0 / (2 + 0) = 0 %; natural 2/2; review corrected 2 of (2 − 0);
	// suits corrected 0 + 0 of (2 − 1) + (1 − 0) = 2 → 0 %; all 2 of 4 →
	// 50 %; dispute (2 + 2 + 1) / 2 = 250 %.
	{"../../testdata/seeds/002_b0e573aacea97adf.txt", want{
		"disclosed_rate": "不适用", "carry_rate": "0/2 0%", "natural_share": "2/2 100%",
		"review_correction_rate": "2/2 100%", "suit_correction_rate": "0/2 0%",
		"correction_rate": "2/4 50%", "dispute_rate": "5/2 250%"}},
	// Seed 003: t3.new.natural and the table-四 corrected/pending cells are
	// blank → 缺数据, not 0; the results total is 0 → 不适用.
	{"../../testdata/seeds/003_8178ad8169fa307d.txt", want{
		"disclosed_rate": "不适用", "natural_share": "缺数据", "review_correction_rate": "缺数据",
		"correction_rate": "缺数据", "dispute_rate": "不适用"}},
	// Sample 001: granted/partly blank → 缺数据; carry 72 / (859 + 18) =
	// 72/877 = 8.2 %; natural 821/859 = 95.6 %; suit_after_review blank → 缺数据.
	{"../../testdata/samples/001/source.html", want{
		"disclosed_rate": "缺数据", "carry_rate": "72/877 8.2%", "natural_share": "821/859 95.6%",
		"dispute_rate": "缺数据"}},
	// Sample 003 (2021): (294 + 101) / 718 = 395/718 = 55.0 %; denied 32/718
	// = 4.5 %; unavailable 111 + 2 + 0 = 113/718 = 15.7 %; rejected 19/718 =
	// 2.6 %; carry 31 / (713 + 36) = 31/749 = 4.1 %; natural 705/713 =
	// 98.9 %; review 10 / (61 − 15) = 10/46 = 21.7 %; suits 0 / ((3 − 0) +
	// (10 − 1)) = 0/12; all 10 / (46 + 12) = 10/58 = 17.2 %; dispute
	// (61 + 3 + 10) / 713 = 74/713 = 10.4 %.
	{"../../testdata/samples/003/source.txt", want{
		"disclosed_rate": "395/718 55%", "denied_rate": "32/718 4.5%", "unavailable_rate": "113/718 15.7%",
		"unavailable_not_held_rate": "111/718 15.5%", "rejected_rate": "19/718 2.6%",
		"carry_rate": "31/749 4.1%", "natural_share": "705/713 98.9%",
		"review_correction_rate": "10/46 21.7%", "suit_correction_rate": "0/12 0%",
		"correction_rate": "10/58 17.2%", "dispute_rate": "74/713 10.4%"}},
	// Sample 006: (7 + 1) / 23 = 34.8 %; unavailable 7 + 0 + 5 = 12/23 =
	// 52.2 %; rejected 3/23 = 13 %; table 四 all 0 → 不适用.
	{"../../testdata/samples/006/source.txt", want{
		"disclosed_rate": "8/23 34.8%", "unavailable_rate": "12/23 52.2%", "rejected_rate": "3/23 13%",
		"carry_rate": "0/23 0%", "review_correction_rate": "不适用", "dispute_rate": "0/23 0%"}},
}

func show(v metrics.Value) string {
	if v.Status != metrics.OK {
		return v.Percent()
	}
	return fmt.Sprintf("%s/%s %s", v.Num.RatString(), v.Den.RatString(), v.Percent())
}

func TestHandComputed(t *testing.T) {
	for _, c := range cases {
		rep, err := convert.ReadFile(c.file, convert.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]metrics.Value{}
		for _, v := range metrics.Compute(rep) {
			got[v.Def.ID] = v
		}
		for id, w := range c.want {
			if s := show(got[id]); s != w {
				t.Errorf("%s: %s = %s, want %s", c.file, id, s, w)
			}
		}
	}
}

// A metric resting on a failed check is marked; one whose denominator is
// zero has no fraction.
func TestMarkedAndNotApplicable(t *testing.T) {
	rep, err := convert.ReadFile("../../testdata/seeds/002_b0e573aacea97adf.txt", convert.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range metrics.Compute(rep) {
		switch v.Def.ID {
		case "natural_share":
			if len(v.Failed) == 0 || v.Failed[0] != "T3-BALANCE.natural" {
				t.Errorf("natural_share failed checks = %v", v.Failed)
			}
		case "review_correction_rate":
			if len(v.Failed) != 0 {
				t.Errorf("review_correction_rate marked by %v", v.Failed)
			}
		case "disclosed_rate":
			if _, ok := v.Fraction(); ok || v.Status != metrics.NotApplicable {
				t.Errorf("disclosed_rate with zero denominator: %+v", v)
			}
		}
	}
	legacy := &model.Report{Meta: model.Meta{Edition: model.EditionLegacy}}
	if v := metrics.Compute(legacy)[0]; v.Status != metrics.NoTable || v.Percent() != "无表格" {
		t.Errorf("legacy report: %+v", v)
	}
}

// Doubtful cells are never used: a glued-digit cell kept with a doubt gives
// 缺数据.
func TestDoubtfulInput(t *testing.T) {
	rep, err := convert.ReadFile("../../testdata/seeds/001_1d4dd3ae0346d0fe.txt", convert.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rep.Cells["t3.granted.total"].Doubt = "测试"
	v := metrics.Compute(rep)[0]
	if v.Status != metrics.NoData || len(v.Missing) != 1 || v.Missing[0] != "t3.granted.total" {
		t.Errorf("disclosed_rate with a doubtful input: %+v", v)
	}
}

package check

import (
	"strconv"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// TestHugeIntegersNeverPass: a 30-digit cell rounds to the same float64 as
// another 30-digit number; the sum check must not "pass" on the rounded
// values but be uncertain, with a VALUE-RANGE finding naming the cell.
func TestHugeIntegersNeverPass(t *testing.T) {
	r := report(model.Edition2021)
	set(r, "t4.review.upheld", "150000000000000000000000000001")
	set(r, "t4.review.total", "150000000000000000000000000000")
	m := findings(r)
	if f := m["T4-TOTAL.review"]; f.Status != model.Uncertain || !strings.Contains(f.Message, "超过 15 位有效数字") {
		t.Errorf("T4-TOTAL.review = %s %q, want uncertain", f.Status, f.Message)
	}
	n := 0
	for _, f := range r.Findings {
		if f.ID == "VALUE-RANGE" && f.Status == model.Uncertain && (strings.Contains(f.Message, "“150000000000000000000000000001”") || strings.Contains(f.Message, "“150000000000000000000000000000”")) {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d VALUE-RANGE findings for the two 30-digit cells, want 2", n)
	}
	c := r.Cells["t4.review.upheld"]
	if c.HasNumber() || c.Doubt == "" {
		t.Errorf("30-digit cell usable by checks: %+v", c)
	}
	// 15 digits are still exact and checked.
	r = report(model.Edition2021)
	set(r, "t4.review.upheld", "999999999999999")
	set(r, "t4.review.total", "999999999999998")
	if f := findings(r)["T4-TOTAL.review"]; f.Status != model.Fail {
		t.Errorf("15-digit values: %s %q, want fail", f.Status, f.Message)
	}
}

// TestDecimalSumsExact: amounts with decimals add up exactly (float64
// addition of 0.1 + 0.2 is not 0.3; the check must still pass, and a
// difference of one cent must fail).
func TestDecimalSumsExact(t *testing.T) {
	r := &model.Report{Cells: map[string]*model.Cell{}}
	for k, raw := range map[string]string{"a": "75394432.52", "b": "0.1", "c": "0.2", "d": "75394432.82", "e": "75394432.81"} {
		set(r, k, raw)
	}
	if f := equation(templates.Default(), r, nil, nil, "X", "x", []string{"a", "b", "c"}, []string{"d"}, nil); f.Status != model.Pass || !strings.Contains(f.Message, "75394432.82 = 75394432.82") {
		t.Errorf("exact decimal sum: %s %q", f.Status, f.Message)
	}
	if f := equation(templates.Default(), r, nil, nil, "X", "x", []string{"a", "b", "c"}, []string{"e"}, nil); f.Status != model.Fail {
		t.Errorf("one cent off: %s %q", f.Status, f.Message)
	}
	// 0.1+0.2 in float64 is 0.30000000000000004: exact arithmetic says 0.3.
	set(r, "f", "0.3")
	if f := equation(templates.Default(), r, nil, nil, "X", "x", []string{"b", "c"}, []string{"f"}, nil); f.Status != model.Pass {
		t.Errorf("0.1+0.2 = 0.3: %s %q", f.Status, f.Message)
	}
	// A difference below any float tolerance is still a difference.
	set(r, "i", "1.0000001")
	set(r, "j", "1")
	if f := equation(templates.Default(), r, nil, nil, "X", "x", []string{"i"}, []string{"j"}, nil); f.Status != model.Fail {
		t.Errorf("1.0000001 = 1: %s %q, want fail", f.Status, f.Message)
	}
	// Big integers within 15 digits differing by one fail.
	set(r, "g", "900000000000001")
	set(r, "h", "900000000000000")
	if f := equation(templates.Default(), r, nil, nil, "X", "x", []string{"g"}, []string{"h"}, nil); f.Status != model.Fail {
		t.Errorf("15-digit difference of 1: %s", f.Status)
	}
}

// TestIntegerSumOverflow: whole-number sums beyond int64 leave the integer
// fast path and are still added exactly; a sum just past it differing by
// one still fails.
func TestIntegerSumOverflow(t *testing.T) {
	r := &model.Report{Cells: map[string]*model.Cell{}}
	var left []string
	for i := 0; i < 10300; i++ {
		k := "k" + strconv.Itoa(i)
		set(r, k, "900000000000000")
		left = append(left, k)
	}
	if _, ok := sumInt(r, left); ok {
		t.Fatal("sumInt: 10300 × 9e14 overflows int64 but reported ok")
	}
	if n, ok := sumInt(r, left[:10000]); !ok || n != 9000000000000000000 {
		t.Fatalf("sumInt of 10000 × 9e14 = %d, %v", n, ok)
	}
	both := append(left[:len(left):len(left)], left...)
	for _, keys := range [][]string{nil, both} {
		f := equation(templates.Default(), r, nil, nil, "X", "x", left, left, keys)
		if f.Status != model.Pass || f.Message != "x：9270000000000000000 = 9270000000000000000" {
			t.Errorf("overflowing sums (keys %d): %s %q", len(keys), f.Status, f.Message)
		}
	}
	set(r, "one", "1")
	plus := append(left[:len(left):len(left)], "one")
	for _, keys := range [][]string{nil, append(plus[:len(plus):len(plus)], left...)} {
		if f := equation(templates.Default(), r, nil, nil, "X", "x", plus, left, keys); f.Status != model.Fail {
			t.Errorf("overflowing sums differing by one (keys %d): %s %q", len(keys), f.Status, f.Message)
		}
	}
	// Negative values (sign words) stay on the fast path and add up.
	set(r, "neg", "减少58")
	set(r, "pos", "58")
	set(r, "zero", "0")
	for _, keys := range [][]string{nil, {"neg", "pos", "zero"}} {
		if f := equation(templates.Default(), r, nil, nil, "X", "x", []string{"neg", "pos"}, []string{"zero"}, keys); f.Status != model.Pass || f.Message != "x：0 = 0" {
			t.Errorf("-58 + 58 = 0: %s %q", f.Status, f.Message)
		}
	}
	for _, keys := range [][]string{nil, {"neg", "zero"}} {
		if f := equation(templates.Default(), r, nil, nil, "X", "x", []string{"neg"}, []string{"zero"}, keys); f.Status != model.Fail || f.Message != "x：-58 ≠ 0" {
			t.Errorf("-58 = 0: %s %q", f.Status, f.Message)
		}
	}
	// Decimals leave the whole-number path in the same pass, and still add up exactly.
	set(r, "b", "0.1")
	set(r, "c", "0.2")
	set(r, "f", "0.3")
	if f := equation(templates.Default(), r, nil, nil, "X", "x", []string{"b", "c"}, []string{"f"}, []string{"b", "c", "f"}); f.Status != model.Pass || f.Message != "x：0.3 = 0.3" {
		t.Errorf("0.1+0.2 = 0.3 with keys: %s %q", f.Status, f.Message)
	}
}

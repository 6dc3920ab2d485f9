package xlsx

import (
	"math/rand"
	"testing"
)

// TestMayBeVolatile: the cheap test before volatileRe never says no where
// the expression matches (random formulas of names in mixed case, with
// the characters (?i) folds into ASCII letters), and does say no.
func TestMayBeVolatile(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	pieces := []string{"NOW", "now", "NoW", "today", "RAND", "rand", "RANDBETWEEN", "randarray", "OFFSET", "offſet", "OFFſET",
		"INDIRECT", "indirect", "CELL", "cell", "INFO", "info", "SUM", "IF", "ABS", "A1", "D7", "(", ")", " ", "\t", ",", "+",
		"_", ".", "x", "\u212a", "\u0131nfo", "表三!D7", `"NOW()"`, "1"}
	matched, refused := 0, 0
	for i := 0; i < 200000; i++ {
		var body string
		for k := rng.Intn(7); k > 0; k-- {
			body += pieces[rng.Intn(len(pieces))]
		}
		re := volatileRe().MatchString(body)
		if re && !mayBeVolatile(body) {
			t.Fatalf("%q: volatileRe matches, mayBeVolatile says no", body)
		}
		if re {
			matched++
		} else if !mayBeVolatile(body) {
			refused++
		}
	}
	if matched == 0 || refused == 0 {
		t.Fatalf("%d matched, %d refused early: the inputs do not exercise both", matched, refused)
	}
}

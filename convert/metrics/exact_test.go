package metrics

import (
	"math"
	"math/big"
	"strings"
	"testing"
)

// TestExactRat: the whole-number shortcut gives the same rational as the
// shortest decimal it replaces.
func TestExactRat(t *testing.T) {
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1, 15, 718, 1e6, -58, 1<<53 - 1, 1 << 53, 1e20, 0.5, 12.25, 1e-7, 3.3} {
		got, ok := exactRat(f)
		want, wok := new(big.Rat).SetString(strings.TrimSpace(formatValue(f)))
		if ok != wok || got.Cmp(want) != 0 {
			t.Errorf("%v: %v %v, want %v %v", f, got, ok, want, wok)
		}
	}
}

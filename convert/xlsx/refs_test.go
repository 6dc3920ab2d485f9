package xlsx

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestCellName: the names built by hand are excelize's.
func TestCellName(t *testing.T) {
	check := func(row, col int) {
		want, err := excelize.CoordinatesToCellName(col+1, row+1)
		if err != nil {
			want = "A1"
		}
		if got := cellName(row, col); got != want {
			t.Fatalf("cellName(%d, %d) = %q, want %q", row, col, got, want)
		}
	}
	for row := -2; row < 120; row++ {
		for col := -2; col < 800; col++ {
			check(row, col)
		}
	}
	for _, row := range []int{999, 1000, 99999, 1048574, 1048575, 1048576, 1 << 40} {
		for _, col := range []int{0, 25, 26, 701, 702, 16383, 16384} {
			check(row, col)
		}
	}
}

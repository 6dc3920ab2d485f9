package xlsx

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"unicode"

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

// TestAbsRef: references built from split names are those fmt.Sprintf
// built from excelize.SplitCellName.
func TestAbsRef(t *testing.T) {
	old := func(sheet, cell string) string {
		col, row, err := excelize.SplitCellName(cell)
		if err != nil {
			return "'" + sheet + "'!" + cell
		}
		return fmt.Sprintf("'%s'!$%s$%d", strings.ReplaceAll(sheet, "'", "''"), col, row)
	}
	oldRange := func(sheet, from, to string) string {
		if from == to {
			return old(sheet, from)
		}
		c1, r1, _ := excelize.SplitCellName(from)
		c2, r2, _ := excelize.SplitCellName(to)
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", strings.ReplaceAll(sheet, "'", "''"), c1, r1, c2, r2)
	}
	cells := []string{"A1", "D7", "AB12", "XFD1048576", "A0", "A01", "a1", "$A$1", "A", "1", "", "A1B", "A-1",
		"ZZZZ999999999", "A1234567890", "中1", "A１"}
	for _, sheet := range []string{"表三", "it's", "''", ""} {
		for _, from := range cells {
			if got, want := absRef(sheet, from), old(sheet, from); got != want {
				t.Errorf("absRef(%q, %q) = %q, want %q", sheet, from, got, want)
			}
			for _, to := range cells {
				if got, want := absRange(sheet, from, to), oldRange(sheet, from, to); got != want {
					t.Errorf("absRange(%q, %q, %q) = %q, want %q", sheet, from, to, got, want)
				}
			}
		}
	}
}

// TestTextUnits: rawUnits gives what the loop with unicode.Is gave, and
// lines what it gave with its own split.
func TestTextUnits(t *testing.T) {
	for r := rune(0); r < 0x2E80; r++ {
		if unicode.Is(unicode.Han, r) {
			t.Fatalf("Han character %U below U+2E80", r)
		}
	}
	old := func(s string, size float64) float64 {
		u := 0.0
		for _, r := range s {
			switch {
			case r == '\n':
			case r >= 0x2E80 || unicode.Is(unicode.Han, r) || (r >= 0xFF00 && r <= 0xFFEF):
				u += 2
			default:
				u += 1.1
			}
		}
		return u * size / 11
	}
	oldLines := func(s string, size, width float64) int {
		if s == "" {
			return 1
		}
		avail := max(width-1.2, 1)
		n := 0
		for _, para := range strings.Split(s, "\n") {
			u := old(para, size)
			k := int(u/avail) + 1
			if u > 0 && float64(int(u/avail)) == u/avail {
				k--
			}
			n += max(k, 1)
		}
		return n
	}
	rng := rand.New(rand.NewSource(1))
	pieces := []string{"a", " ", "\n", "国", "。", "１", "é", "\xff", "\xe4\xb8", "⺀", "\U00020000", "ｱ", "—",
		"\xed\xa0\x80", "\ued00", "\ue000", "\uffff", "\u1000", "\u1fff", "\u3000", "\ucfff", "\xe3\x80", "\xe1\x80", "\xf0\xbf", "\xe0\x80\x80", "\xe2\x80\x94"}
	for n := 0; n < 20000; n++ {
		var s string
		for i := rng.Intn(30); i > 0; i-- {
			s += pieces[rng.Intn(len(pieces))]
		}
		for _, size := range []float64{9, 10.5, 12} {
			if got, want := textUnits(s, size), old(s, size); got != want {
				t.Fatalf("textUnits(%q) = %v, want %v", s, got, want)
			}
			if got, want := lines(s, size, 20), oldLines(s, size, 20); got != want {
				t.Fatalf("lines(%q) = %v, want %v", s, got, want)
			}
		}
	}
}

// oldCompressRefs is compressRefs as it was, with a map of the cells.
func oldCompressRefs(refs []string) []string {
	type pos struct{ r, c int }
	var sheets []string
	cells := map[string][]pos{}
	for _, ref := range refs {
		sh, cell, ok := strings.Cut(ref, "!")
		if !ok {
			continue
		}
		r, c, err := coords(cell)
		if err != nil {
			continue
		}
		if _, seen := cells[sh]; !seen {
			sheets = append(sheets, sh)
		}
		cells[sh] = append(cells[sh], pos{r, c})
	}
	var out []string
	for _, sh := range sheets {
		ps := cells[sh]
		used := make([]bool, len(ps))
		set := map[pos]bool{}
		for _, p := range ps {
			set[p] = true
		}
		for i, p := range ps {
			if used[i] || !set[p] {
				continue
			}
			end := p
			for set[pos{end.r + 1, end.c}] {
				end.r++
			}
			if end == p {
				for set[pos{end.r, end.c + 1}] {
					end.c++
				}
			}
			for r := p.r; r <= end.r; r++ {
				for c := p.c; c <= end.c; c++ {
					delete(set, pos{r, c})
				}
			}
			used[i] = true
			if end == p {
				out = append(out, sh+"!"+cellName(p.r, p.c))
			} else {
				out = append(out, sh+"!"+cellName(p.r, p.c)+":"+cellName(end.r, end.c))
			}
		}
	}
	return out
}

// TestCompressRefsLists: the ranges found with a list of cells (up to 32)
// or a map are those the map alone found.
func TestCompressRefsLists(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for n := 0; n < 5000; n++ {
		var refs []string
		for i := rng.Intn(50); i > 0; i-- {
			sh := []string{"表三", "表四"}[rng.Intn(2)]
			cell := cellName(rng.Intn(6), rng.Intn(5))
			if rng.Intn(20) == 0 {
				cell = "bad"
			}
			refs = append(refs, sh+"!"+cell)
		}
		got, want := compressRefs(refs), oldCompressRefs(refs)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("%v:\n got %v\nwant %v", refs, got, want)
		}
	}
}

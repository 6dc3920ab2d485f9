package excelize

import (
	"fmt"
	"math/rand"
	"testing"
)

// TestWorkSheetReaderRemembersLast: after random additions, deletions,
// renamings, writes and cell accesses, workSheetReader gives for every name
// the worksheet and error it gives without the worksheet it remembers
// (govreport patch 39, see PATCHES.md).
func TestWorkSheetReaderRemembersLast(t *testing.T) {
	rng := rand.New(rand.NewSource(39))
	names := []string{"Sheet1", "表一", "表二", "甲", "", "a:b"}
	pick := func() string { return names[rng.Intn(len(names))] }
	for round := 0; round < 40; round++ {
		f := NewFile()
		if round%2 == 1 { // sheets read from a workbook: dropped after each write
			_, _ = f.NewSheet("表一")
			buf, err := f.WriteToBuffer()
			if err != nil {
				t.Fatal(err)
			}
			if f, err = OpenReader(buf); err != nil {
				t.Fatal(err)
			}
		}
		var remembered int
		for step := 0; step < 60; step++ {
			switch rng.Intn(7) {
			case 0:
				_, _ = f.NewSheet(pick())
			case 1:
				_ = f.DeleteSheet(pick())
			case 2:
				// Not onto an existing name: DeleteSheet panics on two
				// sheets of the same name (upstream).
				if to := pick(); inStrSlice(f.GetSheetList(), to, false) == -1 {
					_ = f.SetSheetName(pick(), to)
				}
			case 3:
				if _, err := f.WriteToBuffer(); err != nil {
					t.Fatal(err)
				}
			case 4:
				_ = f.SetCellStrStyle(pick(), fmt.Sprintf("A%d", rng.Intn(3)+1), "x", 0)
			case 5:
				_, _ = f.GetCellValue(pick(), "A1")
			case 6:
				_ = f.MergeCell(pick(), "A1", "B2")
			}
			if f.lastSheet.Load() != nil {
				remembered++
			}
			// The name remembered first: looking up another forgets it.
			// The rest in random order: the last remembered varies.
			order := append([]string(nil), names...)
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			if h := f.lastSheet.Load(); h != nil {
				order = append([]string{h.name}, order...)
			}
			for _, name := range order {
				got, gotErr := f.workSheetReader(name)
				f.lastSheet.Store(nil)
				want, wantErr := f.workSheetReader(name)
				if got != want || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
					t.Fatalf("round %d step %d, %q: remembered %p, %v; looked up %p, %v", round, step, name, got, gotErr, want, wantErr)
				}
			}
		}
		if remembered == 0 {
			t.Fatal("no worksheet remembered")
		}
	}
}

// TestMergeOverlapCellsUnchanged: after random merges, unmerges, row and
// column insertions and direct changes of the merged cells, mergeOverlapCells
// leaves the references and count it leaves without its copy of the cells it
// left last (govreport patch 41, see PATCHES.md).
func TestMergeOverlapCellsUnchanged(t *testing.T) {
	rng := rand.New(rand.NewSource(41))
	cell := func() string { return fmt.Sprintf("%c%d", 'A'+rng.Intn(5), rng.Intn(5)+1) }
	refs := func(ws *xlsxWorksheet) string {
		if ws.MergeCells == nil {
			return "nil"
		}
		s := fmt.Sprint(ws.MergeCells.Count)
		for _, c := range ws.MergeCells.Cells {
			s += " " + c.Ref + fmt.Sprint(c.rect)
		}
		return s
	}
	skipped := 0
	for round := 0; round < 200; round++ {
		f := NewFile()
		for step := 0; step < 20; step++ {
			ws, err := f.workSheetReader("Sheet1")
			if err != nil {
				t.Fatal(err)
			}
			switch rng.Intn(6) {
			case 0, 1:
				_ = f.MergeCell("Sheet1", cell(), cell())
			case 2:
				_ = f.UnmergeCell("Sheet1", cell(), cell())
			case 3:
				_ = f.InsertRows("Sheet1", rng.Intn(4)+1, 1)
			case 4:
				_ = f.InsertCols("Sheet1", string(rune('A'+rng.Intn(4))), 1)
			case 5:
				if ws.MergeCells != nil && len(ws.MergeCells.Cells) > 0 {
					c := ws.MergeCells.Cells[rng.Intn(len(ws.MergeCells.Cells))]
					c.Ref, c.rect = cell()+":"+cell(), nil
				}
			}
			if ws.MergeCells == nil {
				continue
			}
			if ws.mergedChecked.unchanged(ws.MergeCells.Cells) {
				skipped++
			}
			before := refs(ws)
			if err := ws.mergeOverlapCells(); err != nil {
				continue
			}
			got := refs(ws)
			ws.mergedChecked = nil
			_ = ws.mergeOverlapCells()
			if want := refs(ws); got != want {
				t.Fatalf("round %d step %d, from %s: %s, without the copy %s", round, step, before, got, want)
			}
		}
	}
	if skipped < 100 {
		t.Fatalf("%d runs skipped: the draw does not test the copy", skipped)
	}
}

package pdfread

import (
	"fmt"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/grid"
)

// textAt draws s at (x, y) in Helvetica 12.
func textAt(x, y float64, s string) string {
	return fmt.Sprintf("BT /F1 12 Tf %g %g Td (%s) Tj ET\n", x, y, s)
}

func tableRows(t *testing.T, doc *grid.Document) [][]string {
	t.Helper()
	var rows [][]string
	for _, b := range doc.Blocks {
		if b.Kind == grid.TableBlock {
			for _, r := range b.Table.Rows {
				var cells []string
				for _, c := range r {
					cells = append(cells, c.Text)
				}
				rows = append(rows, cells)
			}
		}
	}
	return rows
}

// TestStreamTable: a table without rules is read from its header's
// columns; an empty cell stays empty and nothing shifts left.
func TestStreamTable(t *testing.T) {
	var c strings.Builder
	c.WriteString(textAt(72, 700, "Item"))
	c.WriteString(textAt(200, 700, "Made"))
	c.WriteString(textAt(300, 700, "Done"))
	c.WriteString(textAt(400, 700, "Total"))
	c.WriteString(textAt(72, 680, "Rules"))
	c.WriteString(textAt(200, 680, "13"))
	c.WriteString(textAt(400, 680, "524"))
	c.WriteString(textAt(72, 660, "Files"))
	c.WriteString(textAt(200, 660, "60"))
	c.WriteString(textAt(400, 660, "368"))
	doc, err := Document(onePage(c.String(), ""), bad)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(tableRows(t, doc))
	want := "[[Item Made Done Total] [Rules 13  524] [Files 60  368]]"
	if got != want {
		t.Errorf("rows = %s, want %s", got, want)
	}
	// Without a header naming every column, rows of different lengths are
	// not a certain grid: they stay lines for the text reader.
	c.Reset()
	c.WriteString(textAt(72, 680, "Rules"))
	c.WriteString(textAt(200, 680, "13"))
	c.WriteString(textAt(400, 680, "524"))
	c.WriteString(textAt(72, 660, "Files"))
	c.WriteString(textAt(200, 660, "60"))
	c.WriteString(textAt(300, 660, "7"))
	c.WriteString(textAt(400, 660, "368"))
	doc, err = Document(onePage(c.String(), ""), bad)
	if err != nil {
		t.Fatal(err)
	}
	if rows := tableRows(t, doc); len(rows) != 0 {
		t.Errorf("uncertain grid made a table: %v", rows)
	}
	if len(doc.Blocks) != 2 || doc.Blocks[0].Text != "Rules 13 524" {
		t.Errorf("blocks = %+v", doc.Blocks)
	}
}

// TestTableOverPages: a ruled table continued on the next page is one
// table; the repeated header row is dropped and the row cut by the page
// break is one row again.
func TestTableOverPages(t *testing.T) {
	xs := []float64{72, 250, 350, 450}
	p1 := ruledGrid(xs, []float64{120, 100, 80}) +
		textAt(80, 106, "Item") + textAt(260, 106, "Made") + textAt(360, 106, "Done") +
		textAt(80, 86, "Long label part") + textAt(260, 86, "5") + textAt(360, 86, "6")
	p2 := ruledGrid(xs, []float64{800, 780, 760, 740}) +
		textAt(80, 786, "Item") + textAt(260, 786, "Made") + textAt(360, 786, "Done") +
		textAt(80, 766, "two") +
		textAt(80, 746, "Next") + textAt(260, 746, "7") + textAt(360, 746, "8")
	doc, err := Document(pages(p1, p2), bad)
	if err != nil {
		t.Fatal(err)
	}
	var tables int
	for _, b := range doc.Blocks {
		if b.Kind == grid.TableBlock {
			tables++
		}
	}
	got := fmt.Sprint(tableRows(t, doc))
	want := "[[Item Made Done] [Long label part\ntwo 5 6] [Next 7 8]]"
	if tables != 1 || got != want {
		t.Errorf("%d tables, rows = %q, want one table %q", tables, got, want)
	}
	// Cells keep their own page.
	for _, b := range doc.Blocks {
		if b.Kind == grid.TableBlock {
			last := b.Table.Rows[len(b.Table.Rows)-1][0]
			if last.Pos.Page != 2 || last.Pos.Row != 3 || b.Table.Rows[0][0].Pos.Page != 1 {
				t.Errorf("positions: first %+v last %+v", b.Table.Rows[0][0].Pos, last.Pos)
			}
		}
	}
}

// TestHeadersFooters: page numbers in their usual forms and a running
// header are dropped; a paragraph running over the page break is one.
func TestHeadersFooters(t *testing.T) {
	long := strings.Repeat("word ", 15)
	var ps []string
	for i, num := range []string{"- 1 -", "-2-", "3 / 4", "Page 4"} {
		c := textAt(72, 810, "Annual Report Header") +
			textAt(72, 700, long+"end") +
			textAt(72, 686, long+"more") +
			textAt(280, 40, num)
		if i == 1 {
			c = textAt(72, 810, "Annual Report Header") + textAt(72, 760, long+"tail") + textAt(280, 40, num)
		}
		ps = append(ps, c)
	}
	doc, err := Document(pages(ps...), bad)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, b := range doc.Blocks {
		texts = append(texts, b.Text)
	}
	all := strings.Join(texts, "|")
	for _, bad := range []string{"Header", "- 1 -", "-2-", "3 / 4", "Page 4"} {
		if strings.Contains(all, bad) {
			t.Errorf("%q kept: %q", bad, all)
		}
	}
	// Page 1's last line is full and page 2's first line is not indented:
	// one paragraph over the break.
	if !strings.Contains(all, "more "+strings.TrimSpace(long)+" tail") || len(texts) != 1 {
		t.Errorf("paragraph not joined over the page break: %q", all)
	}
}

// TestDoubleBorders: a grid drawn with double rules (2.5 pt apart) is the
// same grid, without thin empty rows or columns between the pairs.
func TestDoubleBorders(t *testing.T) {
	xs := []float64{72, 250, 350}
	ys := []float64{700, 680, 660}
	var xs2, ys2 []float64
	for _, x := range xs {
		xs2 = append(xs2, x, x+2.5)
	}
	for _, y := range ys {
		ys2 = append(ys2, y, y-2.5)
	}
	var c strings.Builder
	c.WriteString("0 0 0 RG 0.3 w\n")
	for _, y := range ys2 {
		fmt.Fprintf(&c, "%g %g m %g %g l S\n", xs2[0], y, xs2[len(xs2)-1], y)
	}
	for _, x := range xs2 {
		fmt.Fprintf(&c, "%g %g m %g %g l S\n", x, ys2[0], x, ys2[len(ys2)-1])
	}
	c.WriteString(textAt(80, 684, "Item") + textAt(260, 684, "Made"))
	c.WriteString(textAt(80, 664, "Rules") + textAt(260, 664, "13"))
	doc, err := Document(onePage(c.String(), ""), bad)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(tableRows(t, doc)); got != "[[Item Made] [Rules 13]]" {
		t.Errorf("rows = %q", got)
	}
}

// TestTableOverPagesFooter: a footer no rule knows (not a page number, on
// one page only) between the two parts of a table does not keep them apart.
func TestTableOverPagesFooter(t *testing.T) {
	xs := []float64{72, 250, 350}
	p1 := ruledGrid(xs, []float64{120, 100}) + textAt(80, 106, "Rules") + textAt(260, 106, "13") +
		textAt(72, 30, "Printed by the office")
	p2 := textAt(72, 820, "Draft") + ruledGrid(xs, []float64{780, 760}) + textAt(80, 766, "Files") + textAt(260, 766, "60")
	doc, err := Document(pages(p1, p2), bad)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(tableRows(t, doc)); got != "[[Rules 13] [Files 60]]" || len(doc.Blocks) != 1 {
		t.Errorf("rows = %q, %d blocks", got, len(doc.Blocks))
	}
}

// TestOffPageFinding: a table cut by the page edge with text beside the
// page gets a finding (the text there is in no cell).
func TestOffPageFinding(t *testing.T) {
	xs := []float64{0, 300, 595}
	c := ruledGrid(xs, []float64{700, 680, 660}) + textAt(10, 686, "Item") + textAt(320, 686, "Made") + textAt(620, 686, "Total") +
		textAt(10, 666, "Rules") + textAt(320, 666, "13") + textAt(620, 666, "524")
	b := onePage(c, "")
	f, _ := open(b)
	ps, _ := f.pages()
	pc, err := f.runPage(ps[0], 1)
	if err != nil {
		t.Fatal(err)
	}
	tables, rest := findTables(pc, 1)
	if len(tables) != 1 || !offPage(tables, rest, 595) {
		t.Errorf("tables %d, off page %v", len(tables), offPage(tables, rest, 595))
	}
	if offPage(tables, nil, 595) {
		t.Error("off page without text beside the page")
	}
}

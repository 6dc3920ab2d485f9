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

package pdfread

import (
	"fmt"
	"os"
	"sort"
	"testing"

	"github.com/govreport/govreport/convert/grid"
	"github.com/govreport/govreport/convert/input"
)

func TestDebugDump(t *testing.T) {
	path := os.Getenv("PDFDUMP")
	if path == "" {
		t.Skip("set PDFDUMP")
	}
	b, _ := os.ReadFile(path)
	f, err := open(b)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := f.pages()
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range ps {
		c, err := f.runPage(p, i+1)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("=== page %d box %v glyphs %d segs %d unmapped %d\n", i+1, p.box, len(c.glyphs), len(c.segs), c.unmapped)
		gs := c.glyphs
		sort.SliceStable(gs, func(a, b int) bool {
			if int(gs[a].y) != int(gs[b].y) {
				return gs[a].y < gs[b].y
			}
			return gs[a].x0 < gs[b].x0
		})
		y := -1.0
		for _, g := range gs {
			if g.y != y {
				fmt.Printf("\n%6.1f %4.1f %6.1f: ", g.y, g.size, g.x0)
				y = g.y
			}
			fmt.Print(g.r)
		}
		fmt.Println()
		if os.Getenv("SEGS") != "" {
			for _, s := range c.segs {
				fmt.Printf("%.1f,%.1f-%.1f,%.1f ", s.x0, s.y0, s.x1, s.y1)
			}
			fmt.Println()
		}
	}
}

func TestDebugRender(t *testing.T) {
	path := os.Getenv("PDFRENDER")
	if path == "" {
		t.Skip("set PDFRENDER")
	}
	doc, err := Document(readFile(t, path), input.Options{Name: path})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := grid.Render(doc)
	fmt.Println(s)
}

package pdf_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"regexp"
	"strconv"
	"testing"

	"github.com/govreport/govreport/convert/pdf"
	"github.com/govreport/govreport/fonts"
)

var fontFileRE = regexp.MustCompile(`<</Filter /FlateDecode /Length1 (\d+) /Length (\d+) *>>\nstream\n`)

// TestTrueSubsets: every embedded font program is a true subset: no more
// glyphs than the distinct characters drawn in it (plus .notdef) — the
// fallback font too brings only the glyphs it supplies.
func TestTrueSubsets(t *testing.T) {
	for _, seed := range goldenSeeds {
		t.Run(seed, func(t *testing.T) {
			r := readSeed(t, seed)
			d := layout(t, r, pdf.Options{Time: testTime})
			// Distinct characters per role; the programs are embedded
			// in the order of fonts.Roles, the unused ones left out.
			chars := map[fonts.Role]map[rune]bool{}
			for _, p := range d.Pages {
				for _, bx := range p.Boxes {
					if tx, ok := bx.(*pdf.Text); ok {
						if chars[tx.Font] == nil {
							chars[tx.Font] = map[rune]bool{}
						}
						for _, c := range tx.Text {
							chars[tx.Font][c] = true
						}
					}
				}
			}
			var want []int
			for _, role := range fonts.Roles() {
				if n := len(chars[role]); n > 0 {
					want = append(want, n)
				}
			}
			var buf bytes.Buffer
			if err := d.WritePDF(&buf); err != nil {
				t.Fatal(err)
			}
			b := buf.Bytes()
			ms := fontFileRE.FindAllSubmatchIndex(b, -1)
			if len(ms) != len(want) {
				t.Fatalf("%d embedded font programs, want one per role used (%d)", len(ms), len(want))
			}
			for i, m := range ms {
				raw, _ := strconv.Atoi(string(b[m[2]:m[3]]))
				n, _ := strconv.Atoi(string(b[m[4]:m[5]]))
				zr, err := zlib.NewReader(bytes.NewReader(b[m[1] : m[1]+n]))
				if err != nil {
					t.Fatal(err)
				}
				prog, err := io.ReadAll(zr)
				if err != nil || len(prog) != raw {
					t.Fatalf("font program: %v, %d bytes, /Length1 %d", err, len(prog), raw)
				}
				// Composite glyphs bring their components along.
				glyphs, parts := glyphCounts(t, prog)
				if glyphs-parts > want[i]+1 || glyphs < 2 {
					t.Errorf("font program %d has %d glyphs (%d of them components) for %d distinct characters", i+1, glyphs, parts, want[i])
				}
			}
		})
	}
}

// glyphCounts returns the number of glyphs of a TrueType font program and
// how many distinct glyphs its composite glyphs use as components.
func glyphCounts(t *testing.T, f []byte) (glyphs, parts int) {
	t.Helper()
	table := map[string][]byte{}
	for i := 0; i < int(binary.BigEndian.Uint16(f[4:])); i++ {
		rec := f[12+16*i:]
		off, n := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		table[string(rec[:4])] = f[off : off+n]
	}
	glyphs = int(binary.BigEndian.Uint16(table["maxp"][4:]))
	long := binary.BigEndian.Uint16(table["head"][50:]) != 0
	loca, glyf := table["loca"], table["glyf"]
	at := func(g int) int {
		if long {
			return int(binary.BigEndian.Uint32(loca[4*g:]))
		}
		return 2 * int(binary.BigEndian.Uint16(loca[2*g:]))
	}
	used := map[uint16]bool{}
	for g := 0; g < glyphs; g++ {
		d := glyf[at(g):at(g+1)]
		if len(d) < 10 || int16(binary.BigEndian.Uint16(d)) >= 0 {
			continue
		}
		for p := 10; p+4 <= len(d); {
			flags := binary.BigEndian.Uint16(d[p:])
			used[binary.BigEndian.Uint16(d[p+2:])] = true
			p += 4 + 2 + 2*int(flags&1) // args: two bytes or two words
			switch {
			case flags&0x08 != 0:
				p += 2
			case flags&0x40 != 0:
				p += 4
			case flags&0x80 != 0:
				p += 8
			}
			if flags&0x20 == 0 {
				break
			}
		}
	}
	return glyphs, len(used)
}

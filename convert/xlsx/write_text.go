package xlsx

// Writer: the text sheet.

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/model"
)

// chunkRunes is the longest piece of a paragraph put in one cell: longer
// paragraphs continue in the next row, because Excel cannot show a row
// taller than 409 points.
const chunkRunes = 450

// chunks splits a paragraph into pieces of at most chunkRunes runes,
// preferring to cut after a full stop.
func chunks(p string) []string {
	var out []string
	for utf8.RuneCountInString(p) > chunkRunes {
		cut, n := 0, 0
		for i, r := range p {
			if n == chunkRunes {
				if cut == 0 {
					cut = i
				}
				break
			}
			n++
			if (r == '。' || r == '；' || r == '！' || r == '？') && n > chunkRunes/2 {
				cut = i + utf8.RuneLen(r)
			}
		}
		out = append(out, p[:cut])
		p = p[cut:]
	}
	return append(out, p)
}

const textWidth = 88 // width of the text column, in units

func (b *book) writeText() {
	const sh = SheetText
	b.check(b.f.SetColWidth(sh, "A", "A", 3))
	b.check(b.f.SetColVisible(sh, "A", false))
	b.check(b.f.SetColWidth(sh, "B", "B", textWidth))
	titleStyle := b.st.get(sk{font: fontHeading, size: sizeHeading, h: "center", v: "center", wrap: true})
	headStyle := b.st.get(sk{font: fontHeading, size: sizeBody + 1, h: "left", v: "center", wrap: true})
	bodyStyle := b.st.get(sk{font: fontBody, size: sizeBody, h: "left", v: "top", wrap: true})
	inputStyle := b.st.get(sk{font: fontBody, size: sizeBody, h: "left", v: "top", wrap: true, border: true, fill: fillInput, unlocked: true})
	title := "报告正文"
	if b.rep.Meta.Title != "" {
		title = b.rep.Meta.Title
	}
	b.str(sh, "B1", title, titleStyle)
	b.check(b.f.SetRowHeight(sh, 1, float64(lines(title, sizeHeading, textWidth))*lineHeight(sizeHeading)+12))
	r := 2
	for i := 0; i <= 6; i++ {
		var heading, text string
		if i == 0 {
			if b.tmpl || b.rep.Preamble == "" {
				continue
			}
			heading, text = "（报告开头）", b.rep.Preamble
		} else {
			p := b.rep.Parts[i-1]
			heading, text = p.Heading, p.Text
			if heading == "" {
				heading = model.PartTitles[i-1]
			}
			if !b.tmpl {
				b.meta = append(b.meta, [2]string{fmt.Sprintf("heading:%d", i), p.Heading})
			}
		}
		r++ // blank row before each heading
		b.str(sh, cellName(r, 0), fmt.Sprintf("h%d", i), 0)
		b.str(sh, cellName(r, 1), heading, headStyle)
		b.check(b.f.SetRowHeight(sh, r+1, float64(lines(heading, sizeBody+1, textWidth))*lineHeight(sizeBody+1)+8))
		r++
		first := r
		if b.tmpl {
			b.str(sh, cellName(r, 0), "p", 0)
			b.str(sh, cellName(r, 1), "", inputStyle)
			h := 150.0
			if i >= 2 && i <= 4 {
				h = 60 // parts 二 to 四 are mostly their tables
			}
			b.check(b.f.SetRowHeight(sh, r+1, h))
			r++
		} else {
			for _, para := range strings.Split(text, "\n") {
				for j, piece := range chunks(para) {
					tag := "p"
					if j > 0 {
						tag = "c"
					}
					b.str(sh, cellName(r, 0), tag, 0)
					b.str(sh, cellName(r, 1), piece, bodyStyle)
					h := float64(lines(piece, sizeBody, textWidth))*lineHeight(sizeBody) + 6
					b.check(b.f.SetRowHeight(sh, r+1, math.Min(h, 409)))
					r++
				}
			}
		}
		b.name(PartName(i), absRange(sh, cellName(first, 1), cellName(r-1, 1)))
	}
	b.pageSetup(sh, false, 0, fmt.Sprintf("'%s'!$B$1:$B$%d", sh, r))
	if b.tmpl {
		b.protect(sh)
	}
}

// ---- tables ----

package xlsx

// Writer: cell styles and text measurement.

import (
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert/outline"
)

// Fonts, from the house style (package outline), named the way Chinese
// office software expects them: Excel and WPS on government computers know
// these names, and LibreOffice substitutes its own CJK fonts for them.
// GB/T 9704 sets body text in 仿宋_GB2312 and headings in 黑体; tables are
// customarily set in 宋体.
var (
	fontTable   = outline.TableFace.Office
	fontHeading = outline.HeadingFace.Office
	fontBody    = outline.BodyFace.Office
)

// Sizes in points: 五号 (10.5) for tables, 四号 (14) for headings, 小四 (12)
// for body text on screen (a workbook is read on screen, not set on the
// document grid).
const (
	sizeTable   = outline.TableSize
	sizeSmall   = 9
	sizeBody    = 12
	sizeHeading = 14
	sizeTitle   = 16
)

// Fill colours.
const (
	fillInput    = "FFF2CC"           // input cell of a template: pale yellow
	fillFail     = outline.ShadeFail  // cell of a failed check: pale red
	fillDoubt    = outline.ShadeDoubt // doubtful cell: amber
	fillHeader   = "F2F2F2"           // header cells of the findings sheet
	fillCheck    = "EDEDED"           // live check cells of a template
	fontColorRed = outline.FailText
)

// gb2312Charset is the font charset Excel records for Chinese fonts; with it
// Excel picks the font for CJK text instead of falling back.
var gb2312Charset = 134

// sk describes one cell style; styles are created once per workbook.
type sk struct {
	font      string
	size      float64
	bold      bool
	color     string
	h, v      string // alignment
	wrap      bool
	border    bool
	fill      string
	numFmt    string
	unlocked  bool
	indent    int
	underline bool
}

type styles struct {
	f   *excelize.File
	ids map[sk]int
	err error
}

func (s *styles) get(k sk) int {
	if id, ok := s.ids[k]; ok {
		return id
	}
	st := &excelize.Style{
		Font:       &excelize.Font{Family: k.font, Size: k.size, Bold: k.bold, Color: k.color, Charset: &gb2312Charset},
		Alignment:  &excelize.Alignment{Horizontal: k.h, Vertical: k.v, WrapText: k.wrap, Indent: k.indent},
		Protection: &excelize.Protection{Locked: !k.unlocked},
	}
	if k.underline {
		st.Font.Underline = "single"
	}
	if k.border {
		for _, side := range []string{"left", "right", "top", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Color: "000000", Style: 1})
		}
	}
	if k.fill != "" {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{k.fill}}
	}
	if k.numFmt != "" {
		nf := k.numFmt
		st.CustomNumFmt = &nf
	}
	id, err := s.f.NewStyle(st)
	if err != nil && s.err == nil {
		s.err = err
	}
	s.ids[k] = id
	return id
}

// textUnits estimates how many column-width units (the width of "0" in the
// default 11 pt font) text set in size points takes: CJK characters are
// about twice as wide as digits.
func textUnits(s string, size float64) float64 {
	return rawUnits(s) * size / 11
}

// rawUnits is textUnits before the scaling to size: 2 for a CJK character
// (every Han character is at or above U+2E80, and so are the full-width
// forms), 1.1 for any other but a line break, added up in order.
func rawUnits(s string) float64 {
	u := 0.0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n':
		case c < utf8.RuneSelf:
			u += 1.1
		default:
			// Three-byte sequences led by 0xE1 (U+1000–U+1FFF) and by
			// 0xE3–0xEC, 0xEE–0xEF (U+3000–U+CFFF, U+E000–U+FFFF: most
			// CJK text) are valid with any continuation bytes: no decoding.
			if i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
				if c >= 0xE3 && c <= 0xEC || c >= 0xEE {
					if c <= 0xEF {
						u += 2
						i += 2
						continue
					}
				} else if c == 0xE1 {
					u += 1.1
					i += 2
					continue
				}
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if r >= 0x2E80 {
				u += 2
			} else {
				u += 1.1
			}
			i += n - 1
		}
	}
	return u
}

// lines estimates how many lines text wraps to in a cell width units wide.
func lines(s string, size, width float64) int {
	if s == "" {
		return 1
	}
	avail := width - 1.2 // cell padding
	if avail < 1 {
		avail = 1
	}
	n := 0
	for para := range strings.SplitSeq(s, "\n") {
		u := textUnits(para, size)
		k := int(u/avail) + 1
		if u > 0 && float64(int(u/avail)) == u/avail {
			k--
		}
		n += max(k, 1)
	}
	return n
}

// lineHeight is the height in points of one line of text in size points.
func lineHeight(size float64) float64 { return size * 1.3 }

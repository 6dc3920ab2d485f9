package docxread

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/grid"
)

// block is a paragraph or a finished table, in reading order, before the
// tables are numbered.
type block struct {
	kind  grid.Kind
	text  string
	level int
	// joinNext is set when the paragraph mark was deleted as a tracked
	// change: accepting it joins the paragraph with the next one.
	joinNext bool
	// more holds the text of the paragraphs joined to this one, appended
	// once at the end (joining by concatenation would be quadratic).
	more  []string
	table *grid.Table
}

// fullText is the paragraph's text with the paragraphs joined to it.
func (b *block) fullText() string {
	if len(b.more) == 0 {
		return b.text
	}
	return b.text + strings.Join(b.more, "")
}

// parser walks document.xml token by token. Each method is called right
// after the start tag of its element and returns after its end tag, so the
// recursion mirrors the element nesting, which next bounds.
type parser struct {
	s   *scanner
	ss  *styleSheet
	num *numbering
	// fields is the stack of open complex fields (fldChar begin … separate
	// … end); an entry is true once its result part has begun. Text is kept
	// only when every open field is in its result part: the instruction
	// (" PAGE ", " MERGEFIELD 机关 ") is not what the reader sees.
	fields     []bool
	tableDepth int
	// dropRuns is set inside an unfilled content control.
	dropRuns bool
	// paragraphs and cells count what the body holds, against maxItems.
	paragraphs, cells int
	// notes counts what the reader leaves out or decides, for findings.
	notes notes
}

// notes are counts of things the text cannot show: revisions accepted,
// hidden text left out, embedded objects not read.
type notes struct {
	revisions, hidden, objects, sheets int
}

var (
	errTooManyTables = errors.New("表格嵌套过深")
	errTooManyItems  = errors.New("段落或表格单元格过多")
)

// maxItems bounds the paragraphs and the table cells of a document: a
// report has a few hundred of each. The bound keeps the memory a hostile
// file costs proportional to a real report, not to its size (a 30-byte
// table is a few hundred bytes of grid).
const maxItems = 200000

// next returns the next token; the scanner bounds the depth.
func (p *parser) next() (tokenKind, error) {
	k, err := p.s.next()
	if err != nil {
		return 0, err
	}
	if k == tokEOF {
		return 0, io.ErrUnexpectedEOF
	}
	return k, nil
}

// skip consumes the rest of the element whose start tag was just read.
func (p *parser) skip() error {
	for n := 1; n > 0; {
		k, err := p.next()
		if err != nil {
			return err
		}
		switch k {
		case tokStart:
			n++
		case tokEnd:
			n--
		}
	}
	return nil
}

// elements calls visit for each child element of the current element, as
// written. visit must consume the child (parse it or skip it).
func (p *parser) elements(visit func(elem) error) error {
	for {
		k, err := p.next()
		if err != nil {
			return err
		}
		switch k {
		case tokEnd:
			return nil
		case tokStart:
			if err := visit(p.s.elem); err != nil {
				return err
			}
		}
	}
}

// children is elements for content: the wrappers that are transparent in
// every content context are unwrapped (content controls, custom XML, smart
// tags, hyperlinks, simple fields, insertions and moves-to: their content
// is the accepted text), deletions and moves-from are dropped, and of an
// mc:AlternateContent only the first branch is read, so a text box saved
// both as DrawingML and as VML is read once.
func (p *parser) children(visit func(elem) error) error {
	return p.elements(func(t elem) error { return p.child(t, visit) })
}

func (p *parser) child(t elem, visit func(elem) error) error {
	switch {
	case t.isW():
		switch t.local {
		case "ins", "moveTo":
			p.notes.revisions++
			return p.children(visit)
		case "customXml", "smartTag", "hyperlink", "fldSimple", "dir", "bdo":
			return p.children(visit)
		case "sdt":
			// A content control still showing its placeholder ("单击或点击此处
			// 输入文字") has not been filled in: its content is not text.
			placeholder := false
			return p.elements(func(c elem) error {
				switch {
				case c.is("sdtPr"):
					return p.elements(func(pr elem) error {
						if pr.is("showingPlcHdr") {
							placeholder = pr.onOff()
						}
						return p.skip()
					})
				case c.is("sdtContent") && !placeholder:
					return p.children(visit)
				case c.is("sdtContent"):
					return p.children(func(e elem) error {
						// Keep the structure (paragraphs, rows, cells), drop the text.
						return p.placeholder(e, visit)
					})
				}
				return p.skip()
			})
		case "del", "moveFrom":
			p.notes.revisions++
			return p.skip()
		case "customXmlPr", "smartTagPr":
			return p.skip()
		}
	case t.isMC("AlternateContent"):
		taken := false
		return p.elements(func(c elem) error {
			if !taken && (c.isMC("Choice") || c.isMC("Fallback")) {
				taken = true
				return p.children(visit)
			}
			return p.skip()
		})
	}
	return visit(t)
}

// placeholder visits the content of an unfilled content control: runs are
// dropped, the structure around them (paragraphs, table rows and cells)
// is kept so that an empty cell stays a cell.
func (p *parser) placeholder(e elem, visit func(elem) error) error {
	if e.is("r") {
		return p.skip()
	}
	saved := p.dropRuns
	p.dropRuns = true
	defer func() { p.dropRuns = saved }()
	return visit(e)
}

// blocks returns the visitor of a block container (body, table cell, text
// box, content control): paragraphs and tables append to out.
func (p *parser) blocks(out *[]block) func(elem) error {
	return func(t elem) error {
		if t.isW() {
			switch t.local {
			case "p":
				return p.paragraph(out)
			case "tbl":
				return p.table(out)
			case "altChunk":
				*out = append(*out, block{kind: chunkBlock, text: t.rid()})
			}
		}
		return p.skip()
	}
}

// paraProps are the paragraph properties the reader uses.
type paraProps struct {
	style       string
	outline     int // w:outlineLvl, -1 when not set
	markDeleted bool
	// numID and ilvl are the paragraph's own w:numPr ("" and -1 when not
	// set); a numId of "0" removes the style's numbering.
	numID string
	ilvl  int
}

// paragraph reads a w:p and appends it to out, followed by the content of
// any text boxes anchored in it.
func (p *parser) paragraph(out *[]block) error {
	if p.paragraphs++; p.paragraphs > maxItems {
		return errTooManyItems
	}
	var b strings.Builder
	var extra []block
	pr := paraProps{outline: -1, ilvl: -1}
	err := p.children(func(t elem) error {
		if t.isW() {
			switch t.local {
			case "pPr":
				return p.paraProps(&pr)
			case "r":
				if p.dropRuns {
					return p.skip()
				}
				return p.run(&b, &extra)
			}
		}
		return p.skip()
	})
	if err != nil {
		return err
	}
	level := 0
	switch {
	case pr.outline >= 0 && pr.outline < 9:
		level = pr.outline + 1
	case pr.outline >= 9:
	default:
		level = p.ss.level(pr.style)
	}
	blk := block{kind: grid.Paragraph, text: p.listLabel(pr) + b.String(), level: level, joinNext: pr.markDeleted}
	if n := len(*out); n > 0 && (*out)[n-1].kind == grid.Paragraph && (*out)[n-1].joinNext {
		prev := &(*out)[n-1]
		prev.more = append(prev.more, blk.text)
		prev.joinNext = blk.joinNext
		// The joined paragraph keeps the properties of the mark that
		// remains, which is this paragraph's.
		prev.level = blk.level
	} else {
		*out = append(*out, blk)
	}
	*out = append(*out, extra...)
	return nil
}

// paraProps reads w:pPr: style, outline level, and whether the paragraph
// mark is a tracked deletion (w:pPr/w:rPr/w:del).
func (p *parser) paraProps(pr *paraProps) error {
	return p.elements(func(t elem) error {
		if t.isW() {
			switch t.local {
			case "pStyle":
				pr.style = t.attr("val")
			case "outlineLvl":
				if n, err := strconv.Atoi(t.attr("val")); err == nil && n >= 0 {
					pr.outline = n
				}
			case "rPr":
				return p.elements(func(c elem) error {
					if c.is("del") || c.is("moveFrom") {
						pr.markDeleted = true
						p.notes.revisions++
					}
					return p.skip()
				})
			case "numPr":
				return p.elements(func(c elem) error {
					switch {
					case c.is("numId"):
						pr.numID = c.attr("val")
					case c.is("ilvl"):
						pr.ilvl = levelIndex(c.attr("val"))
					}
					return p.skip()
				})
			}
		}
		return p.skip()
	})
}

// listLabel is the automatic number of a paragraph in a list, from its own
// w:numPr or its style's, as Word shows it; "" when it is not numbered.
func (p *parser) listLabel(pr paraProps) string {
	if p.num == nil {
		return ""
	}
	numID, ilvl := pr.numID, pr.ilvl
	if numID == "" {
		sn, sl := p.ss.list(pr.style)
		numID = sn
		if ilvl < 0 {
			ilvl = sl
		}
	}
	if numID == "" || numID == "0" {
		return ""
	}
	if ilvl < 0 {
		// A style linked to a list level (w:lvl/w:pStyle) takes that level.
		ilvl = max(p.num.styleLevel(numID, pr.style), 0)
	}
	return p.num.label(numID, ilvl)
}

// visible reports whether run content is shown: not inside the
// instruction part of a complex field.
func (p *parser) visible() bool {
	for _, inResult := range p.fields {
		if !inResult {
			return false
		}
	}
	return true
}

// maxFields bounds the complex-field stack (real documents nest two or
// three: an IF around a MERGEFIELD).
const maxFields = 64

// run reads a w:r into b; text boxes in drawings go to extra.
func (p *parser) run(b *strings.Builder, extra *[]block) error {
	hidden := false
	return p.children(func(t elem) error {
		if !t.isW() {
			return p.skip()
		}
		show := !hidden && p.visible()
		switch t.local {
		case "rPr":
			return p.elements(func(c elem) error {
				if c.is("vanish") {
					hidden = c.onOff()
				}
				return p.skip()
			})
		case "t":
			if hidden && p.visible() {
				p.notes.hidden++
			}
			if !show {
				return p.skip()
			}
			return p.text(b)
		case "tab", "ptab":
			if show {
				b.WriteByte('\t')
			}
		case "br", "cr":
			if show {
				b.WriteByte('\n')
			}
		case "noBreakHyphen":
			if show {
				b.WriteByte('-')
			}
		case "sym":
			if show {
				if r, ok := symbol(t.attr("char")); ok {
					b.WriteRune(r)
				}
			}
		case "fldChar":
			switch t.attr("fldCharType") {
			case "begin":
				if len(p.fields) < maxFields {
					p.fields = append(p.fields, false)
				}
			case "separate":
				if n := len(p.fields); n > 0 {
					p.fields[n-1] = true
				}
			case "end":
				if n := len(p.fields); n > 0 {
					p.fields = p.fields[:n-1]
				}
			}
		case "object":
			p.notes.objects++
			return p.textBoxes(extra)
		case "drawing", "pict":
			return p.textBoxes(extra)
		case "ruby":
			// Phonetic guide: the base text is the text; the guide (w:rt,
			// usually pinyin) is not.
			return p.elements(func(c elem) error {
				if c.is("rubyBase") {
					return p.children(func(r elem) error {
						if r.is("r") {
							return p.run(b, extra)
						}
						return p.skip()
					})
				}
				return p.skip()
			})
		}
		return p.skip()
	})
}

// symbol decodes w:sym's w:char (hex). Symbol fonts put their glyphs at
// U+F000+code; those stay private-use characters (as Word's own plain-text
// export does), which still mark the cell as written.
func symbol(hex string) (rune, bool) {
	n, err := strconv.ParseUint(hex, 16, 32)
	if err != nil || n == 0 || !utf8.ValidRune(rune(n)) {
		return 0, false
	}
	return rune(n), true
}

// text appends the character data of a w:t.
func (p *parser) text(b *strings.Builder) error {
	for {
		k, err := p.next()
		if err != nil {
			return err
		}
		switch k {
		case tokText:
			b.Write(p.s.text)
		case tokStart:
			if err := p.skip(); err != nil {
				return err
			}
		case tokEnd:
			return nil
		}
	}
}

// textBoxes looks through a drawing, VML picture or embedded object for
// text boxes (w:txbxContent) and reads their content as blocks.
func (p *parser) textBoxes(extra *[]block) error {
	return p.children(func(t elem) error {
		if t.local == "OLEObject" && strings.HasPrefix(t.attr("ProgID"), "Excel.") {
			p.notes.sheets++
		}
		if t.is("txbxContent") {
			saved := p.fields
			p.fields = nil
			err := p.children(p.blocks(extra))
			p.fields = saved
			return err
		}
		return p.textBoxes(extra)
	})
}

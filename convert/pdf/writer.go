package pdf

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/fonts"
	"github.com/govreport/govreport/templates"
)

// Options configure the PDF writer. The zero value is usable: shipped
// fonts, creation date 2000-01-01 UTC, no appendix.
type Options struct {
	// Time is the creation date written to the metadata. Zero means
	// 2000-01-01 UTC; the CLI passes SOURCE_DATE_EPOCH or that default,
	// so the same input always gives the same bytes.
	Time time.Time
	// WithFindings adds a last page listing the checks that failed or
	// could not be decided, and the writer's own findings.
	WithFindings bool
	// KeepScript keeps traditional-script text as written; by default it
	// is printed in simplified characters (see package outline).
	KeepScript bool
	// Specs are the editions and variants the report was read against
	// (--spec-dir); nil means the embedded ones. The tables are drawn
	// from them, a variant's extra rows included.
	Specs *templates.Set
	// Fonts are the fonts to draw with; nil means fonts.Default(). Each
	// font is parsed once per process, however many documents use it.
	Fonts *fonts.Set
	// OnFinding, when set, receives the writer's findings (characters no
	// font can draw, table text cut short). The report is not modified.
	OnFinding func(model.Finding)
}

// Write lays the report out and writes it to w as a PDF.
func Write(w io.Writer, r *model.Report, o Options) error {
	d, err := Layout(r, o)
	if err != nil {
		return err
	}
	if o.OnFinding != nil {
		for _, f := range d.Findings {
			o.OnFinding(f)
		}
	}
	return d.WritePDF(w)
}

// WritePDF paints the laid-out document and writes the PDF to w. Only the
// fonts the boxes use are embedded, each as a subset of the glyphs drawn.
// The output has no time- or random-based content: the same document gives
// the same bytes.
func (d *Document) WritePDF(w io.Writer) (err error) {
	defer func() {
		// A malformed font must not crash a batch; keep it an error.
		if p := recover(); p != nil {
			err = fmt.Errorf("生成 PDF 失败：%v", p)
		}
	}()
	p := newPDFFile()
	defer p.recycle()
	p.out = append(p.out, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"...)
	catalog, pages, resources, info := p.alloc(), p.alloc(), p.alloc(), p.alloc()

	// Fonts, in the fixed order of fonts.Roles, only those used; a file
	// serving two roles is embedded once.
	used := map[fonts.Role]bool{}
	for _, pg := range d.Pages {
		for _, bx := range pg.Boxes {
			if t, ok := bx.(*Text); ok {
				used[t.Font] = true
			}
		}
	}
	uses := map[*face]*fontUse{}
	byRole := map[fonts.Role]*fontUse{}
	for _, role := range fonts.Roles() {
		f := d.faces[role]
		if !used[role] || f == nil {
			continue
		}
		u := uses[f]
		if u == nil {
			u = &fontUse{f: f, res: "F" + strconv.Itoa(len(uses)+1), id: p.alloc(), cid: map[int]int{}}
			uses[f] = u
		}
		byRole[role] = u
	}

	var c []byte // the current page's content stream
	kids := make([]int, 0, len(d.Pages))
	for _, pg := range d.Pages {
		c = append(c[:0], "0 0 0 RG "...)
		c = appendNum(c, ruleWidth)
		c = append(c, " w\n"...)
		var font *fontUse
		var size, spacing float64 = -1, 0
		for _, bx := range pg.Boxes {
			switch b := bx.(type) {
			case *Text:
				u := byRole[b.Font]
				if u == nil {
					return fmt.Errorf("没有%s字体", roleName(b.Font))
				}
				if u != font || b.Size != size {
					c = append(c, '/')
					c = append(c, u.res...)
					c = append(c, ' ')
					c = appendNum(c, b.Size)
					c = append(c, " Tf\n"...)
					font, size = u, b.Size
					u.maxSize = max(u.maxSize, size)
				}
				if b.Spacing != spacing {
					c = appendNum(c, b.Spacing)
					c = append(c, " Tc\n"...)
					spacing = b.Spacing
				}
				c = append(c, "BT "...)
				c = appendNum(c, b.X)
				c = append(c, ' ')
				c = appendNum(c, d.Height-b.Y)
				c = append(c, " Td <"...)
				for _, r := range b.Text {
					if id := u.code(r); id != 0 {
						c = appendHex4(c, uint16(id))
					}
				}
				c = append(c, "> Tj ET\n"...)
			case *Cell:
				if r, g, bl, ok := rgb(b.Fill); ok {
					// A shaded cell: fill, then stroke the border.
					for _, v := range []uint8{r, g, bl} {
						c = appendNum(c, float64(v)/255)
						c = append(c, ' ')
					}
					c = append(c, "rg "...)
					c = appendRect(c, b.X, d.Height-b.Y-b.H, b.W, b.H)
					c[len(c)-2] = 'B' // "re B", not "re S"
					c = append(c, "0 g\n"...)
					break
				}
				c = appendRect(c, b.X, d.Height-b.Y-b.H, b.W, b.H)
			case *Missing:
				y := d.Height - b.Y - b.H
				c = appendRect(c, b.X, y, b.W, b.H)
				c = appendLine(c, b.X, y+b.H, b.X+b.W, y)
				c = appendLine(c, b.X, y, b.X+b.W, y+b.H)
			}
		}
		content, page := p.alloc(), p.alloc()
		if err := p.stream(content, "", c, contentLevel); err != nil {
			return err
		}
		p.obj(page, fmt.Appendf(nil, "<</Type /Page /Parent %d 0 R /Resources %d 0 R /Contents %d 0 R>>", pages, resources, content))
		kids = append(kids, page)
	}

	for _, u := range sortedUses(uses) {
		if err := u.embed(p); err != nil {
			return fmt.Errorf("嵌入字体 %s 失败：%w", displaySource(u.f.source), err)
		}
	}
	b := append([]byte(nil), "<</Font <<"...)
	for _, u := range sortedUses(uses) {
		b = fmt.Appendf(b, " /%s %d 0 R", u.res, u.id)
	}
	p.obj(resources, append(b, " >> /ProcSet [/PDF /Text]>>"...))
	b = fmt.Appendf(b[:0], "<</Type /Pages /Count %d /MediaBox [0 0 ", len(kids))
	b = appendNum(b, d.Width)
	b = append(b, ' ')
	b = appendNum(b, d.Height)
	b = append(b, "] /Kids ["...)
	for i, k := range kids {
		if i > 0 {
			b = append(b, ' ')
		}
		b = fmt.Appendf(b, "%d 0 R", k)
	}
	p.obj(pages, append(b, "]>>"...))
	b = fmt.Appendf(b[:0], "<</Type /Catalog /Pages %d 0 R", pages)
	if lang := asciiTag(d.Info.Lang); lang != "" {
		// The document language screen readers and PDF/UA checkers ask
		// for: a BCP 47 tag, ASCII, as a literal string.
		b = fmt.Appendf(b, " /Lang (%s)", lang)
	}
	if len(d.Bookmarks) > 0 && len(kids) > 0 {
		b = fmt.Appendf(b, " /PageMode /UseOutlines /Outlines %d 0 R", d.writeOutlines(p, kids))
	}
	p.plainObj(catalog, append(b, ">>"...))
	b = append(b[:0], "<<"...)
	for _, kv := range []struct{ k, v string }{
		{"Title", d.Info.Title}, {"Author", d.Info.Author}, {"Subject", d.Info.Subject},
		{"Creator", d.Info.Creator}, {"Producer", "govreport"},
	} {
		if kv.v != "" {
			b = append(b, '/')
			b = append(b, kv.k...)
			b = append(b, ' ')
			b = pdfText(b, kv.v)
		}
	}
	b = append(b, "/CreationDate"...)
	b = pdfDate(b, d.Info.Created)
	p.plainObj(info, append(b, ">>"...))
	return p.finish(w, catalog, info)
}

// writeOutlines writes the document outline (bookmarks, all at the top
// level, in order) and returns the object number of its root. Each entry
// points a little above its heading, as viewers put the destination at the
// top edge of the window.
func (d *Document) writeOutlines(p *pdfFile, kids []int) int {
	root := p.alloc()
	ids := make([]int, len(d.Bookmarks))
	for i := range ids {
		ids[i] = p.alloc()
	}
	for i, m := range d.Bookmarks {
		b := append([]byte(nil), "<</Title "...)
		b = pdfText(b, m.Title)
		b = fmt.Appendf(b, " /Parent %d 0 R", root)
		if i > 0 {
			b = fmt.Appendf(b, " /Prev %d 0 R", ids[i-1])
		}
		if i+1 < len(ids) {
			b = fmt.Appendf(b, " /Next %d 0 R", ids[i+1])
		}
		page := kids[max(0, min(m.Page, len(kids))-1)]
		b = fmt.Appendf(b, " /Dest [%d 0 R /XYZ 0 ", page)
		b = appendNum(b, min(d.Height, d.Height-m.Y+20))
		p.obj(ids[i], append(b, " 0]>>"...))
	}
	p.obj(root, fmt.Appendf(nil, "<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %d>>", ids[0], ids[len(ids)-1], len(ids)))
	return root
}

// asciiTag keeps the ASCII letters, digits and '-' of a language tag.
func asciiTag(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			b = append(b, c)
		}
	}
	return string(b)
}

// appendRect appends a stroked rectangle (PDF coordinates: lower-left
// corner and size).
func appendRect(c []byte, x, y, w, h float64) []byte {
	c = appendNum(c, x)
	c = append(c, ' ')
	c = appendNum(c, y)
	c = append(c, ' ')
	c = appendNum(c, w)
	c = append(c, ' ')
	c = appendNum(c, h)
	return append(c, " re S\n"...)
}

// appendLine appends a stroked line.
func appendLine(c []byte, x1, y1, x2, y2 float64) []byte {
	c = appendNum(c, x1)
	c = append(c, ' ')
	c = appendNum(c, y1)
	c = append(c, " m "...)
	c = appendNum(c, x2)
	c = append(c, ' ')
	c = appendNum(c, y2)
	return append(c, " l S\n"...)
}

// LoadFonts opens every font of set for PDF use now (the result is cached
// for the process), so that a font file the writer cannot use is reported once,
// before any conversion, with an error naming the file. nil means the
// shipped fonts.
func LoadFonts(set *fonts.Set) error {
	if set == nil {
		set = fonts.Default()
	}
	for _, role := range fonts.Roles() {
		if _, err := loadFace(set, role); err != nil {
			return err
		}
	}
	return nil
}

// rgb parses an RRGGBB hex colour.
func rgb(s string) (r, g, b uint8, ok bool) {
	if len(s) != 6 {
		return 0, 0, 0, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return 0, 0, 0, false
	}
	return uint8(v >> 16), uint8(v >> 8), uint8(v), true
}

package pdf

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/signintech/gopdf"

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

// WritePDF paints the laid-out document with gopdf and writes the PDF to w.
// Only the fonts the boxes use are embedded, each as a subset of the glyphs
// drawn. The output has no time- or random-based content: the same document
// gives the same bytes.
func (d *Document) WritePDF(w io.Writer) (err error) {
	defer func() {
		// gopdf reports some failures by panicking; keep them errors.
		if p := recover(); p != nil {
			err = fmt.Errorf("生成 PDF 失败：%v", p)
		}
	}()
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: d.Width, H: d.Height}})
	gp.SetInfo(gopdf.PdfInfo{
		Title:        d.Info.Title,
		Author:       d.Info.Author,
		Subject:      d.Info.Subject,
		Creator:      d.Info.Creator,
		Producer:     "govreport (gopdf)",
		CreationDate: d.Info.Created.UTC(),
	})
	if d.Info.Lang != "" {
		gp.SetLang(d.Info.Lang)
	}
	// Fonts, in the fixed order of fonts.Roles, only those used.
	used := map[fonts.Role]bool{}
	for _, p := range d.Pages {
		for _, bx := range p.Boxes {
			if t, ok := bx.(*Text); ok {
				used[t.Font] = true
			}
		}
	}
	family := map[fonts.Role]string{}
	added := map[*face]bool{}
	for _, role := range fonts.Roles() {
		f := d.faces[role]
		if !used[role] || f == nil {
			continue
		}
		family[role] = f.family
		if added[f] {
			continue // the same file serves two roles
		}
		added[f] = true
		if err := gp.AddTTFFontFromFontContainer(f.family, f.container); err != nil {
			return fmt.Errorf("嵌入字体 %s 失败：%w", displaySource(f.source), err)
		}
	}
	gp.SetLineWidth(ruleWidth)
	gp.SetStrokeColor(0, 0, 0)
	marks := d.Bookmarks
	for _, p := range d.Pages {
		gp.AddPage()
		for len(marks) > 0 && marks[0].Page == p.Number {
			// gopdf points the entry a little above the current y.
			gp.SetY(marks[0].Y)
			gp.AddOutlineWithPosition(marks[0].Title)
			marks = marks[1:]
		}
		var font fonts.Role
		var size, spacing float64 = -1, 0
		for _, bx := range p.Boxes {
			switch b := bx.(type) {
			case *Text:
				if b.Font != font || b.Size != size {
					if err := gp.SetFont(family[b.Font], "", b.Size); err != nil {
						return fmt.Errorf("字体 %s：%w", b.Font, err)
					}
					font, size = b.Font, b.Size
				}
				if b.Spacing != spacing {
					_ = gp.SetCharSpacing(b.Spacing)
					spacing = b.Spacing
				}
				gp.SetXY(b.X, b.Y)
				if err := gp.Text(b.Text); err != nil {
					return err
				}
			case *Cell:
				if r, g, bl, ok := rgb(b.Fill); ok {
					gp.SetFillColor(r, g, bl)
					gp.RectFromUpperLeftWithStyle(b.X, b.Y, b.W, b.H, "FD")
					gp.SetFillColor(0, 0, 0)
					break
				}
				gp.RectFromUpperLeftWithStyle(b.X, b.Y, b.W, b.H, "D")
			case *Missing:
				gp.RectFromUpperLeftWithStyle(b.X, b.Y, b.W, b.H, "D")
				gp.Line(b.X, b.Y, b.X+b.W, b.Y+b.H)
				gp.Line(b.X, b.Y+b.H, b.X+b.W, b.Y)
			}
		}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := gp.WriteTo(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// LoadFonts parses every font of set for PDF use now (the result is cached
// for the process), so that a font file gopdf cannot use is reported once,
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

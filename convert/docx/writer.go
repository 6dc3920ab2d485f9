package docx

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/docx/ooxml"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/outline"
	"github.com/govreport/govreport/templates"
)

// Options configure the docx writer. The zero value is usable.
type Options struct {
	// Time stamps the zip entries and the created/modified core properties.
	// Zero means 2000-01-01 00:00 UTC (the same default as convert.DefaultTime
	// without SOURCE_DATE_EPOCH), so output never depends on the clock.
	Time time.Time
	// WithFindings appends the checks that failed or could not be decided
	// to the document, on a page of their own after the signature (the
	// same list as the PDF's, from package outline).
	WithFindings bool
	// KeepScript keeps traditional-script text as written; by default it
	// is printed in simplified characters (see package outline).
	KeepScript bool
	// Specs are the editions and variants the report was read against
	// (--spec-dir); nil means the embedded ones. The tables are drawn
	// from them, a variant's extra rows included.
	Specs *templates.Set
	// OnFinding, when set, receives the writer's own findings, such as
	// DOCX-INVALID-CHAR for characters XML cannot hold that were dropped.
	// The report passed to Write is never modified.
	OnFinding func(model.Finding)
}

// FindingInvalidChar is the id of the finding reported when text holds a
// character that XML 1.0 forbids (a control character, U+FFFE, U+FFFF or an
// invalid UTF-8 byte) and the character was left out of the document.
const FindingInvalidChar = "DOCX-INVALID-CHAR"

// Subject is the document's subject core property.
const Subject = outline.Subject

// Write writes r to w as a .docx file.
func Write(w io.Writer, r *model.Report, o Options) error {
	pkg, err := Package(r, o)
	if err != nil {
		return err
	}
	return pkg.Write(w)
}

// Package lays r out as a WordprocessingML package without writing it, for
// callers and tests that want the parts. The package shares the writer's
// style, font and section definitions: treat it as read-only.
func Package(r *model.Report, o Options) (*ooxml.Package, error) {
	if r == nil {
		return nil, fmt.Errorf("docx: no report")
	}
	t := o.Time
	if t.IsZero() {
		t = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	b := &builder{r: r, o: o}
	b.layout(outline.Build(r, outline.Options{WithFindings: o.WithFindings, KeepScript: o.KeepScript, Specs: o.Specs}))
	odd, even := footers()
	return &ooxml.Package{
		Body:       b.body,
		Section:    section,
		Footer:     odd,
		EvenFooter: even,
		Defaults:   docDefaults,
		Styles:     styles,
		Fonts:      fonts,
		Core: ooxml.CoreProps{
			Title:    b.title,
			Subject:  Subject,
			Creator:  b.agency,
			Language: "zh-CN",
			Created:  t, Modified: t,
		},
		Application:  "govreport",
		EastAsiaLang: "zh-CN",
		Time:         t,
	}, nil
}

// footers are the page numbers as official documents print them (GB/T
// 9704 §7.5): "— 1 —" in 宋体 四号, the number a PAGE field, on odd pages
// flush right and on even pages flush left, one character in from the edge
// of the text block.
func footers() (odd, even []ooxml.Paragraph) {
	number := func(al string, in *ooxml.Indent) []ooxml.Paragraph {
		return []ooxml.Paragraph{{Style: styleFooter, Props: ooxml.ParaProps{Align: al, Indent: in}, Runs: []ooxml.Run{
			{Text: "— "},
			{Field: "PAGE", Text: "1"},
			{Text: " —"},
		}}}
	}
	one := sizeFooter * 10 // one 四号 character in twips
	return number("right", &ooxml.Indent{Right: one}), number("left", &ooxml.Indent{Left: one})
}

// builder accumulates the body and the writer's findings.
type builder struct {
	r     *model.Report
	o     Options
	body  []ooxml.Block
	title string
	// agency is the report's agency, cleaned.
	agency string
	// titleWhere names the title's place in findings.
	titleWhere string
	// reported avoids reporting the same place twice (the agency appears in
	// the title, the signature and the core properties).
	reported map[string]bool
	// own are the writer's findings, for OnFinding and the appendix.
	own []model.Finding
}

// clean drops characters XML cannot hold from s and reports them once per
// place; where names the place for people (Chinese).
func (b *builder) clean(where string, keys []string, line int, s string) string {
	out, dropped := ooxml.Clean(s)
	if len(dropped) == 0 {
		return out
	}
	if b.reported == nil {
		b.reported = map[string]bool{}
	}
	if b.reported[where] {
		return out
	}
	b.reported[where] = true
	seen := map[rune]bool{}
	var names []string
	for _, r := range dropped {
		if seen[r] {
			continue
		}
		seen[r] = true
		if r == utf8.RuneError {
			names = append(names, "无效的 UTF-8 字节")
		} else {
			names = append(names, fmt.Sprintf("U+%04X", r))
		}
	}
	f := model.Finding{
		ID:      FindingInvalidChar,
		Status:  model.Warning,
		Keys:    keys,
		Line:    line,
		Message: fmt.Sprintf("%s含有 Word 文档不能保存的字符（%s），已删除 %d 个", where, strings.Join(names, "、"), len(dropped)),
	}
	b.own = append(b.own, f)
	if b.o.OnFinding != nil {
		b.o.OnFinding(f)
	}
	return out
}

package ooxml

import (
	"archive/zip"
	"fmt"
	"io"
	"time"

	"github.com/govreport/govreport/convert/internal/deflate"
)

// Namespaces and relationship types of the parts written.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRels = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsCT      = "http://schemas.openxmlformats.org/package/2006/content-types"
	relOffice = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	ctWML     = "application/vnd.openxmlformats-officedocument.wordprocessingml."
)

// CoreProps are the document's core properties (docProps/core.xml), shown by
// Word under 文件 → 信息 and by file managers.
type CoreProps struct {
	Title, Subject, Creator, Keywords, Description string
	Language                                       string // e.g. "zh-CN"
	// Created and Modified are written as UTC W3CDTF timestamps.
	Created, Modified time.Time
}

// Package is a whole WordprocessingML document: its body, page setup,
// footer, styles, fonts and properties.
type Package struct {
	Body    []Block
	Section Section
	// Footer is the default footer's content; no footer part is written when
	// it is empty.
	Footer []Paragraph
	// EvenFooter, when not empty, is the footer of even pages; Footer is
	// then that of odd pages (w:evenAndOddHeaders), as official documents
	// put page numbers on the outer edges.
	EvenFooter []Paragraph
	Defaults   DocDefaults
	Styles     []Style
	Fonts      []Font
	Core       CoreProps
	// Application names the producer in docProps/app.xml.
	Application string
	// EastAsiaLang is the East Asian language of the document's theme fonts
	// and of its proofing, e.g. "zh-CN".
	EastAsiaLang string
	// Time stamps the zip entries. Dates before 1980, which the zip format
	// cannot hold, are written as 1980-01-01.
	Time time.Time
}

// Part is one file of the package.
type Part struct {
	Name string // path inside the zip, e.g. "word/document.xml"
	Data []byte
}

// Parts returns the package's parts in the order they are zipped.
func (p *Package) Parts() ([]Part, error) {
	hasFooter := len(p.Footer) > 0
	hasEven := hasFooter && len(p.EvenFooter) > 0
	parts := make([]Part, 0, 11)
	add := func(name string, fill func(x *xw) error) error {
		size := 4096
		if name == "word/document.xml" {
			size = 128 << 10 // a report's body is 60–120 KB of XML
		}
		x := &xw{b: make([]byte, 0, size)}
		if err := fill(x); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		parts = append(parts, Part{Name: name, Data: x.b})
		return nil
	}
	must := func(name string, fill func(x *xw)) {
		_ = add(name, func(x *xw) error { fill(x); return nil })
	}
	must("[Content_Types].xml", func(x *xw) { writeContentTypes(x, hasFooter, hasEven) })
	must("_rels/.rels", writePackageRels)
	must("docProps/app.xml", func(x *xw) { writeApp(x, p.Application) })
	must("docProps/core.xml", func(x *xw) { writeCore(x, &p.Core) })
	if err := add("word/document.xml", func(x *xw) error {
		x.b = append(x.b, xmlHeader...)
		x.start("w:document", "xmlns:w", nsW, "xmlns:r", nsR)
		x.start("w:body")
		var refs footerRefs
		if hasFooter {
			refs.odd = "rId4"
		}
		if hasEven {
			refs.even = "rId5"
		}
		if err := writeBody(x, p.Body, &p.Section, refs); err != nil {
			return err
		}
		x.end("w:body")
		x.end("w:document")
		return nil
	}); err != nil {
		return nil, err
	}
	must("word/_rels/document.xml.rels", func(x *xw) { writeDocumentRels(x, hasFooter, hasEven) })
	must("word/styles.xml", func(x *xw) { writeStyles(x, &p.Defaults, p.Styles) })
	must("word/settings.xml", func(x *xw) { writeSettings(x, p.EastAsiaLang, hasEven) })
	must("word/fontTable.xml", func(x *xw) { writeFonts(x, p.Fonts) })
	footer := func(name string, paras []Paragraph) {
		must(name, func(x *xw) {
			x.b = append(x.b, xmlHeader...)
			x.start("w:ftr", "xmlns:w", nsW, "xmlns:r", nsR)
			for i := range paras {
				writeParagraph(x, &paras[i])
			}
			x.end("w:ftr")
		})
	}
	if hasFooter {
		footer("word/footer1.xml", p.Footer)
	}
	if hasEven {
		footer("word/footer2.xml", p.EvenFooter)
	}
	return parts, nil
}

// Write writes the package as a .docx (zip) file to w. The entry order is
// fixed and every entry carries p.Time, so equal packages give equal bytes.
func (p *Package) Write(w io.Writer) error {
	parts, err := p.Parts()
	if err != nil {
		return err
	}
	return WriteZip(w, parts, p.Time)
}

// WriteZip zips parts in order, each stamped with t (UTC; clamped to
// 1980-01-01, the earliest time the zip format can hold) and compressed with
// Deflate at its fastest level, which keeps writing well under a millisecond
// per part while still shrinking the XML about tenfold.
func WriteZip(w io.Writer, parts []Part, t time.Time) error {
	t = t.UTC().Truncate(time.Second)
	if min := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC); t.Before(min) {
		t = min
	}
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, deflate.NewWriter)
	for _, part := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: part.Name, Method: zip.Deflate, Modified: t})
		if err != nil {
			return err
		}
		if _, err := f.Write(part.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}

func writeContentTypes(x *xw, footer, even bool) {
	x.b = append(x.b, xmlHeader...)
	x.start("Types", "xmlns", nsCT)
	x.empty("Default", "Extension", "rels", "ContentType", "application/vnd.openxmlformats-package.relationships+xml")
	x.empty("Default", "Extension", "xml", "ContentType", "application/xml")
	over := func(part, ct string) { x.empty("Override", "PartName", part, "ContentType", ct) }
	over("/word/document.xml", ctWML+"document.main+xml")
	over("/word/styles.xml", ctWML+"styles+xml")
	over("/word/settings.xml", ctWML+"settings+xml")
	over("/word/fontTable.xml", ctWML+"fontTable+xml")
	if footer {
		over("/word/footer1.xml", ctWML+"footer+xml")
	}
	if even {
		over("/word/footer2.xml", ctWML+"footer+xml")
	}
	over("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
	over("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
	x.end("Types")
}

func writePackageRels(x *xw) {
	x.b = append(x.b, xmlHeader...)
	x.start("Relationships", "xmlns", nsPkgRels)
	x.empty("Relationship", "Id", "rId1", "Type", relOffice+"officeDocument", "Target", "word/document.xml")
	x.empty("Relationship", "Id", "rId2", "Type", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "Target", "docProps/core.xml")
	x.empty("Relationship", "Id", "rId3", "Type", relOffice+"extended-properties", "Target", "docProps/app.xml")
	x.end("Relationships")
}

func writeDocumentRels(x *xw, footer, even bool) {
	x.b = append(x.b, xmlHeader...)
	x.start("Relationships", "xmlns", nsPkgRels)
	x.empty("Relationship", "Id", "rId1", "Type", relOffice+"styles", "Target", "styles.xml")
	x.empty("Relationship", "Id", "rId2", "Type", relOffice+"settings", "Target", "settings.xml")
	x.empty("Relationship", "Id", "rId3", "Type", relOffice+"fontTable", "Target", "fontTable.xml")
	if footer {
		x.empty("Relationship", "Id", "rId4", "Type", relOffice+"footer", "Target", "footer1.xml")
	}
	if even {
		x.empty("Relationship", "Id", "rId5", "Type", relOffice+"footer", "Target", "footer2.xml")
	}
	x.end("Relationships")
}

func writeSettings(x *xw, eastAsia string, evenAndOdd bool) {
	x.b = append(x.b, xmlHeader...)
	x.start("w:settings", "xmlns:w", nsW)
	x.empty("w:zoom", "w:percent", "100")
	// 420 twips = two characters of 10.5 pt, the Chinese Word default.
	x.val("w:defaultTabStop", "420")
	if evenAndOdd {
		// CT_Settings order: after defaultTabStop, before
		// characterSpacingControl.
		x.empty("w:evenAndOddHeaders")
	}
	// Squeeze full-width punctuation, as Chinese Word does by default.
	x.val("w:characterSpacingControl", "compressPunctuation")
	x.start("w:compat")
	x.empty("w:compatSetting", "w:name", "compatibilityMode", "w:uri", "http://schemas.microsoft.com/office/word", "w:val", "15")
	x.end("w:compat")
	if eastAsia != "" {
		x.empty("w:themeFontLang", "w:val", "en-US", "w:eastAsia", eastAsia)
	}
	x.val("w:decimalSymbol", ".")
	x.val("w:listSeparator", ",")
	x.end("w:settings")
}

func writeApp(x *xw, app string) {
	x.b = append(x.b, xmlHeader...)
	x.start("Properties", "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties")
	x.elem("Application", app)
	x.elem("DocSecurity", "0")
	x.end("Properties")
}

func writeCore(x *xw, c *CoreProps) {
	x.b = append(x.b, xmlHeader...)
	x.start("cp:coreProperties",
		"xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
		"xmlns:dc", "http://purl.org/dc/elements/1.1/",
		"xmlns:dcterms", "http://purl.org/dc/terms/",
		"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
	opt := func(name, v string) {
		if v != "" {
			x.elem(name, v)
		}
	}
	opt("dc:title", c.Title)
	opt("dc:subject", c.Subject)
	opt("dc:creator", c.Creator)
	opt("cp:keywords", c.Keywords)
	opt("dc:description", c.Description)
	opt("dc:language", c.Language)
	const w3cdtf = "2006-01-02T15:04:05Z"
	x.elem("dcterms:created", c.Created.UTC().Format(w3cdtf), "xsi:type", "dcterms:W3CDTF")
	x.elem("dcterms:modified", c.Modified.UTC().Format(w3cdtf), "xsi:type", "dcterms:W3CDTF")
	x.end("cp:coreProperties")
}

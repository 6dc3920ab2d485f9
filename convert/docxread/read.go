package docxread

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/govreport/govreport/convert/grid"
	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/internal/zipsafe"
	"github.com/govreport/govreport/convert/model"
)

// Layout is the Meta.Layout of reports read from Word documents.
const Layout = "docx"

// Limits on the zip container. A report's document.xml is a few hundred
// KB; images, which are never inflated, make up the rest of a large file.
const (
	// MaxEntries is the largest number of zip entries.
	MaxEntries = 2000
	// MaxUnzipped is the largest declared uncompressed size of all entries.
	MaxUnzipped = 256 << 20
	// MaxPart is the largest uncompressed size of a part the reader parses
	// (document, styles, core properties, relationships).
	MaxPart = 32 << 20
	// MaxInflated bounds the bytes inflated for one document, all parts
	// together (a document may import the same chunk many times).
	MaxInflated = 64 << 20
)

var zipLimits = zipsafe.Limits{Entries: MaxEntries, Total: MaxUnzipped, Ratio: 500, RatioFloor: 1 << 20}

// noun names a Word document in messages.
const noun = "Word 文档"

// oleMagic starts every OLE compound file (.doc, .wps, .xls, encrypted
// Office files).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// OLEMessage tells people how to read an old binary Word or WPS file; the
// convert package shows it when LibreOffice is not installed.
const OLEMessage = "这是旧版 Word/WPS 文件（.doc 或 .wps），无法直接读取；请在 Word 或 WPS 中另存为 .docx，" +
	"或安装 LibreOffice 后转换：soffice --headless --convert-to docx 文件.doc"

// Sniff reports whether b is a Word document: a zip archive whose central
// directory lists word/document.xml (or word/document2.xml, which some
// Office versions write). The file name is not consulted.
func Sniff(b []byte) bool {
	if !bytes.HasPrefix(b, []byte("PK")) {
		return false
	}
	if n, ok := zipsafe.Entries(b); ok && n > MaxEntries {
		// Too many entries to list cheaply: the name in the directory
		// says enough, and Document refuses the file with a Word message.
		return bytes.Contains(b, []byte("word/document.xml"))
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if isMainPart(partName(f.Name)) {
			return true
		}
	}
	return false
}

// isMainPart reports whether a part name looks like a main document part:
// word/document.xml, or word/document2.xml as some Office versions name it
// (the package relationships say which one is main).
func isMainPart(name string) bool {
	name = strings.ToLower(name)
	rest, ok := strings.CutPrefix(name, "word/document")
	return ok && strings.HasSuffix(rest, ".xml") && !strings.Contains(rest, "/")
}

// Document reads a .docx file into paragraphs and table grids, in reading
// order. Headers, footers, footnotes and comments are not part of it.
func Document(b []byte, o input.Options) (*grid.Document, error) {
	if err := input.CheckSize(b, o); err != nil {
		return nil, err
	}
	switch {
	case len(b) == 0:
		return nil, o.Errorf("文件是空的，不是 Word 文档")
	case bytes.HasPrefix(b, oleMagic):
		return nil, o.Errorf("%s", OLEMessage)
	case !bytes.HasPrefix(b, []byte("PK")):
		return nil, o.Errorf("不是 Word 文档（.docx 文件应是 zip 压缩包，而这个文件不是）")
	}
	zr, err := zipsafe.Screen(b, zipLimits, noun)
	if err != nil {
		return nil, zipError(o, err)
	}
	pkg := &pkg{o: o, files: map[string]*zip.File{}}
	for _, f := range zr.File {
		pkg.files[strings.ToLower(partName(f.Name))] = f
	}
	rels, err := pkg.rels("")
	if err != nil {
		return nil, err
	}
	main := rels.target("/officeDocument", "word/document.xml")
	if pkg.files[strings.ToLower(main)] == nil {
		return nil, o.Errorf("这是一个 zip 压缩包，但不是 Word 文档（缺少 word/document.xml）")
	}
	docRels, err := pkg.rels(main)
	if err != nil {
		return nil, err
	}
	var ss *styleSheet
	if name := docRels.target("/styles", path.Join(path.Dir(main), "styles.xml")); pkg.files[strings.ToLower(name)] != nil {
		data, err := pkg.read(name)
		if err != nil {
			return nil, err
		}
		if ss, err = parseStyles(data); err != nil {
			return nil, pkg.xmlError(name, err)
		}
	}
	var num *numbering
	if name := docRels.target("/numbering", path.Join(path.Dir(main), "numbering.xml")); pkg.files[strings.ToLower(name)] != nil {
		data, err := pkg.read(name)
		if err != nil {
			return nil, err
		}
		if num, err = parseNumbering(data); err != nil {
			return nil, pkg.xmlError(name, err)
		}
	}
	doc := &grid.Document{Layout: Layout}
	if name := rels.target("/core-properties", "docProps/core.xml"); pkg.files[strings.ToLower(name)] != nil {
		data, err := pkg.read(name)
		if err != nil {
			return nil, err
		}
		if doc.TitleHint, err = coreTitle(data); err != nil {
			return nil, pkg.xmlError(name, err)
		}
	}
	data, err := pkg.read(main)
	if err != nil {
		return nil, err
	}
	blocks, notes, err := parseBody(data, ss, num)
	if err != nil {
		return nil, pkg.xmlError(main, err)
	}
	doc.Findings = notes.findings()
	if blocks, err = pkg.expandChunks(blocks, main, docRels); err != nil {
		return nil, err
	}
	doc.Blocks = number(blocks)
	return doc, nil
}

// parseBody reads the w:body of document.xml.
func parseBody(data []byte, ss *styleSheet, num *numbering) ([]block, notes, error) {
	p := &parser{s: newScanner(data), ss: ss, num: num}
	var out []block
	k, err := p.next()
	for err == nil && k == tokText {
		k, err = p.next() // whitespace before the root is skipped by the scanner
	}
	if err != nil {
		return nil, p.notes, err
	}
	if !p.s.elem.is("document") {
		return nil, p.notes, errors.New("根元素不是 WordprocessingML 的 w:document")
	}
	err = p.elements(func(c elem) error {
		if c.is("body") {
			return p.children(p.blocks(&out))
		}
		return p.skip()
	})
	if err != nil {
		return nil, p.notes, err
	}
	// After the root: whitespace, comments and processing instructions
	// only, which the scanner checks.
	if k, err := p.s.next(); err != nil {
		return nil, p.notes, err
	} else if k != tokEOF {
		return nil, p.notes, errors.New("根元素之后还有内容")
	}
	return out, p.notes, nil
}

// Finding ids of the Word reader.
const (
	// FindingRevisions: the document has tracked changes; the accepted
	// text was read.
	FindingRevisions = "READ-DOCX-REVISIONS"
	// FindingHidden: hidden text was left out.
	FindingHidden = "READ-DOCX-HIDDEN"
	// FindingObject: embedded objects (an Excel worksheet pasted as an
	// object, say) whose content cannot be read.
	FindingObject = "READ-DOCX-OBJECT"
)

// findings turns the notes into the report's findings.
func (n notes) findings() []model.Finding {
	var out []model.Finding
	if n.revisions > 0 {
		out = append(out, model.Finding{ID: FindingRevisions, Status: model.Info,
			Message: fmt.Sprintf("文档中有 %d 处修订（插入、删除或移动）尚未接受或拒绝，已按接受全部修订后的文字读取", n.revisions)})
	}
	if n.hidden > 0 {
		out = append(out, model.Finding{ID: FindingHidden, Status: model.Info,
			Message: fmt.Sprintf("文档中有 %d 段隐藏文字，未读取", n.hidden)})
	}
	switch {
	case n.sheets > 0:
		out = append(out, model.Finding{ID: FindingObject, Status: model.Warning,
			Message: fmt.Sprintf("文档中嵌入了 %d 个 Excel 表格对象，其中的数字无法读取；如果年度报告的表格是以对象插入的，请在 Word 或 WPS 中把它复制粘贴为普通表格后再读取", n.sheets)})
	case n.objects > 0:
		out = append(out, model.Finding{ID: FindingObject, Status: model.Warning,
			Message: fmt.Sprintf("文档中有 %d 个嵌入对象，其中的内容无法读取", n.objects)})
	}
	return out
}

// number turns the blocks into grid blocks: tables get their number in
// reading order (nested tables after the table holding them), and every
// cell its table number. Empty paragraphs are dropped.
func number(blocks []block) []grid.Block {
	var out []grid.Block
	n := 0
	for _, b := range blocks {
		if b.kind == chunkBlock {
			continue // an imported chunk left inside a table cell: not read
		}
		if b.kind == grid.TableBlock {
			n++
			b.table.Pos = grid.Pos{Table: n}
			for _, r := range b.table.Rows {
				for i := range r {
					r[i].Pos.Table = n
				}
			}
			out = append(out, grid.Block{Kind: grid.TableBlock, Table: b.table, Pos: b.table.Pos})
			continue
		}
		text := b.fullText()
		if strings.TrimSpace(text) == "" {
			continue
		}
		out = append(out, grid.Block{Kind: grid.Paragraph, Text: text, Level: b.level})
	}
	return out
}

// coreTitle returns dc:title of the core properties part.
func coreTitle(data []byte) (string, error) {
	d := newDecoder(data)
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return "", nil
			}
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxDepth {
				return "", errTooDeep
			}
			if depth == 2 && t.Name.Space == nsDC && t.Name.Local == "title" {
				var s string
				if err := d.DecodeElement(&s, &t); err != nil {
					return "", err
				}
				return strings.TrimSpace(s), nil
			}
		case xml.EndElement:
			depth--
		}
	}
}

// pkg is an opened container.
type pkg struct {
	o     input.Options
	files map[string]*zip.File // lower-case part name → entry
	// read parts by lower-case name, and the bytes inflated so far.
	cache    map[string][]byte
	inflated int64
}

// partName normalises a zip entry name to an OPC part name without the
// leading slash ("word/document.xml"); some writers use backslashes.
func partName(s string) string {
	return strings.TrimPrefix(strings.ReplaceAll(s, "\\", "/"), "/")
}

// read inflates a part with the part limit.
func (p *pkg) read(name string) ([]byte, error) {
	f := p.files[strings.ToLower(name)]
	if f == nil {
		return nil, &model.ParseError{File: p.o.Name, Ref: name, Msg: "缺少部件 " + name}
	}
	key := strings.ToLower(name)
	if data, ok := p.cache[key]; ok {
		return data, nil
	}
	if f.UncompressedSize64 > MaxPart {
		return nil, &model.ParseError{File: p.o.Name, Ref: name, Msg: fmt.Sprintf("%s部件 %s 解压后有 %d 字节，超过上限 %d MB，拒绝读取（可能是压缩炸弹）", noun, name, f.UncompressedSize64, MaxPart>>20)}
	}
	limit := min(int64(MaxPart), MaxInflated-p.inflated)
	if limit <= 0 || f.UncompressedSize64 > uint64(limit) {
		return nil, &model.ParseError{File: p.o.Name, Ref: name, Msg: fmt.Sprintf("%s的部件解压后合计超过 %d MB，拒绝读取（可能是压缩炸弹）", noun, MaxInflated>>20)}
	}
	data, err := zipsafe.ReadAll(f, limit, noun)
	if err != nil {
		return nil, zipError(p.o, err)
	}
	p.inflated += int64(len(data))
	if p.cache == nil {
		p.cache = map[string][]byte{}
	}
	p.cache[key] = data
	return data, nil
}

// relationship is one relationship of a part, its target resolved to a
// part name.
type relationship struct{ id, typ, target string }

// relationships are the relationships of a part.
type relationships []relationship

// byID returns the part relationship id points at, or "".
func (r relationships) byID(id string) string {
	for _, rel := range r {
		if rel.id == id {
			return rel.target
		}
	}
	return ""
}

// target returns the part the first relationship whose type ends in suffix
// points at, or def.
func (r relationships) target(suffix, def string) string {
	for _, rel := range r {
		if strings.HasSuffix(rel.typ, suffix) {
			return rel.target
		}
	}
	return def
}

// rels reads the relationships of part source ("" for the package) and
// resolves their targets to part names. A missing relationships part is
// an empty list: the reader then falls back to the usual part names.
func (p *pkg) rels(source string) (relationships, error) {
	dir, file := path.Split(source)
	name := path.Join(dir, "_rels", file+".rels")
	if p.files[strings.ToLower(name)] == nil {
		return nil, nil
	}
	data, err := p.read(name)
	if err != nil {
		return nil, err
	}
	var x struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	d := newDecoder(data)
	if err := d.Decode(&x); err != nil {
		return nil, p.xmlError(name, err)
	}
	var out relationships
	for _, r := range x.Rel {
		if strings.EqualFold(r.Mode, "External") || r.Target == "" {
			continue
		}
		t := strings.ReplaceAll(r.Target, "\\", "/")
		if strings.HasPrefix(t, "/") {
			t = path.Clean(t)
		} else {
			t = path.Join("/", dir, t)
		}
		out = append(out, relationship{r.ID, r.Type, strings.TrimPrefix(t, "/")})
	}
	return out, nil
}

// xmlError is the ParseError for a part that does not parse.
func (p *pkg) xmlError(part string, err error) error {
	var pe *model.ParseError
	if errors.As(err, &pe) {
		return err
	}
	msg := err.Error()
	var se *xml.SyntaxError
	switch {
	case errors.Is(err, errTooDeep):
		msg = fmt.Sprintf("元素嵌套超过 %d 层，拒绝读取（可能是恶意构造的文件）", maxDepth)
	case errors.Is(err, errTooManyTables):
		msg = fmt.Sprintf("表格嵌套超过 %d 层，拒绝读取", maxTableDepth)
	case errors.Is(err, errTooManyItems):
		msg = fmt.Sprintf("段落或表格单元格超过 %d 个，不像是一份年度报告，拒绝读取", maxItems)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &se) && se.Msg == "unexpected EOF":
		msg = "内容不完整（XML 在元素结束前中断）"
	case errors.As(err, &se) && hasHan(se.Msg):
		msg = fmt.Sprintf("XML 格式错误，第 %d 行：%s", se.Line, se.Msg)
	case errors.As(err, &se):
		// encoding/xml's own wording (relationships, core properties) is
		// English; the line says where.
		msg = fmt.Sprintf("XML 格式错误，第 %d 行", se.Line)
	default:
		if !hasHan(msg) {
			msg = "XML 格式错误"
		}
	}
	return &model.ParseError{File: p.o.Name, Ref: part, Msg: fmt.Sprintf("%s已损坏：部件 %s %s", noun, part, msg)}
}

// hasHan reports whether s holds a Chinese character (the messages of
// this package and of the scanner do; encoding/xml's do not).
func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

// zipError is the ParseError for a container zipsafe refused.
func zipError(o input.Options, err error) error {
	var ze *zipsafe.Error
	if errors.As(err, &ze) {
		return &model.ParseError{File: o.Name, Ref: ze.Part, Msg: ze.Msg}
	}
	return o.Errorf("%s无法解压（%s）", noun, zipsafe.Message(err))
}

// Read reads a .docx report into the model: Document, then the shared grid
// → model step. It does not run the checks.
func Read(b []byte, o input.Options) (*model.Report, error) {
	doc, err := Document(b, o)
	if err != nil {
		return nil, err
	}
	return grid.Read(doc, o)
}

package docxread

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/textproto"
	"path"
	"strings"

	"github.com/govreport/govreport/convert/grid"
	"github.com/govreport/govreport/convert/html"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/textenc"
)

// Imported chunks (w:altChunk). Tools that turn a web page into a Word file
// (the "下载 Word" of many sites, html-docx-js and its kin) often do not
// convert it at all: document.xml holds one w:altChunk pointing at the page
// itself, an HTML or MHT part, which Word converts when it opens the file.
// The reader does the same with the HTML reader's parser, so such a file
// reads like the page.

// Namespaces of the relationship id attribute (r:id).
const (
	nsR       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsRStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships"
)

// chunkBlock is the kind of the placeholder block an w:altChunk leaves in
// the body until its part is read.
const chunkBlock grid.Kind = -1

// rid returns the current start tag's r:id.
func (e elem) rid() string {
	s := e.s
	for _, a := range s.attrs {
		if string(a.local) != "id" || len(a.prefix) == 0 {
			continue
		}
		if sp := s.ns[string(a.prefix)]; sp == nsR || sp == nsRStrict {
			return s.attrValue(a)
		}
	}
	return ""
}

// expandChunks replaces the placeholders of imported chunks by the blocks
// of their parts; main is the main document part, whose relationships say
// where each chunk is.
func (p *pkg) expandChunks(blocks []block, main string, rels relationships) ([]block, error) {
	has := false
	for _, b := range blocks {
		has = has || b.kind == chunkBlock
	}
	if !has {
		return blocks, nil
	}
	var out []block
	total := 0
	for _, b := range blocks {
		if b.kind != chunkBlock {
			out = append(out, b)
			continue
		}
		name := rels.byID(b.text)
		if name == "" || p.files[strings.ToLower(name)] == nil {
			return nil, &model.ParseError{File: p.o.Name, Ref: main,
				Msg: fmt.Sprintf("%s引用的导入内容（w:altChunk %s）不存在", noun, b.text)}
		}
		data, err := p.read(name)
		if err != nil {
			return nil, err
		}
		// The same part may be imported many times: what is parsed, not
		// only what is inflated, is bounded.
		if total += len(data); total > MaxInflated {
			return nil, &model.ParseError{File: p.o.Name, Ref: name,
				Msg: fmt.Sprintf("%s导入的内容合计超过 %d MB，拒绝读取", noun, MaxInflated>>20)}
		}
		page, err := chunkHTML(data, name)
		if err != nil {
			return nil, &model.ParseError{File: p.o.Name, Ref: name, Msg: fmt.Sprintf("%s的导入内容 %s 无法读取：%v", noun, name, err)}
		}
		out = append(out, fromGrid(html.Parse(page))...)
	}
	return out, nil
}

// chunkHTML returns the HTML of an imported part: an HTML page as is, or
// the HTML part of an MHT (MIME) archive.
func chunkHTML(data []byte, name string) (string, error) {
	ext := strings.ToLower(path.Ext(name))
	if ext == ".mht" || ext == ".mhtml" || bytes.HasPrefix(bytes.TrimSpace(data), []byte("MIME-Version")) {
		b, err := mhtHTML(data)
		if err != nil {
			return "", err
		}
		data = b
	} else if ext != ".htm" && ext != ".html" && ext != ".xhtml" && !html.Sniff(data[:min(len(data), 4096)]) {
		return "", fmt.Errorf("不支持的导入格式（%s），请在 Word 中打开后另存为 .docx 再读取", ext)
	}
	s, _, err := textenc.Decode(data)
	if err != nil {
		return "", fmt.Errorf("无法识别文字编码")
	}
	return s, nil
}

// mhtHTML returns the first text/html part of an MHT archive, decoded
// from its transfer encoding (multipart decodes quoted-printable itself).
func mhtHTML(data []byte) ([]byte, error) {
	tr := textproto.NewReader(bufio.NewReader(bytes.NewReader(data)))
	h, err := tr.ReadMIMEHeader()
	if err != nil && len(h) == 0 {
		return nil, fmt.Errorf("MHT 头部无效")
	}
	mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		return nil, fmt.Errorf("MHT 的 Content-Type 无效")
	}
	body := io.Reader(tr.R)
	if !strings.HasPrefix(mt, "multipart/") {
		return decodePart(body, h.Get("Content-Transfer-Encoding"))
	}
	mr := multipart.NewReader(body, params["boundary"])
	for n := 0; n < 1000; n++ {
		part, err := mr.NextPart()
		if err != nil {
			return nil, fmt.Errorf("MHT 中没有 HTML 部分")
		}
		if pt, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type")); pt == "text/html" || pt == "" && n == 0 {
			return decodePart(part, part.Header.Get("Content-Transfer-Encoding"))
		}
	}
	return nil, fmt.Errorf("MHT 中没有 HTML 部分")
}

func decodePart(r io.Reader, encoding string) ([]byte, error) {
	if strings.EqualFold(strings.TrimSpace(encoding), "base64") {
		r = base64.NewDecoder(base64.StdEncoding, r)
	}
	b, err := io.ReadAll(io.LimitReader(r, MaxPart+1))
	if err != nil {
		return nil, fmt.Errorf("MHT 内容已损坏")
	}
	return b, nil
}

// fromGrid turns the HTML reader's grid blocks into body blocks: source
// lines of the chunk mean nothing in the Word file, so cells are placed by
// row and column instead, like the document's own tables.
func fromGrid(doc *grid.Document) []block {
	var out []block
	for _, b := range doc.Blocks {
		switch {
		case b.Kind == grid.Paragraph:
			out = append(out, block{kind: grid.Paragraph, text: b.Text, level: b.Level})
		case b.Kind == grid.TableBlock && b.Table != nil:
			out = append(out, block{kind: grid.TableBlock, table: placeCells(b.Table)})
		}
	}
	return out
}

// placeCells gives each cell of an HTML table its 1-based row and column,
// the columns counted past the cells that rows above span into.
func placeCells(t *grid.Table) *grid.Table {
	out := &grid.Table{}
	var below []int // per column: rows still covered by a rowspan above
	for r, row := range t.Rows {
		col := 0
		var cells []grid.Cell
		for _, c := range row {
			for col < len(below) && below[col] > 0 {
				col++
			}
			rs, cs := max(c.RowSpan, 1), max(c.ColSpan, 1)
			rs, cs = min(rs, maxSpan), min(cs, maxSpan)
			c.Pos = grid.Pos{Row: r + 1, Col: col + 1}
			cells = append(cells, c)
			for len(below) < col+cs {
				below = append(below, 0)
			}
			for i := col; i < col+cs; i++ {
				below[i] = rs
			}
			col += cs
		}
		for i := range below {
			if below[i] > 0 {
				below[i]--
			}
		}
		out.Rows = append(out.Rows, cells)
	}
	return out
}

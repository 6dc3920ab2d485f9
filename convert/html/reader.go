package html

import (
	"bytes"
	"errors"

	"io"
	"strings"

	xhtml "golang.org/x/net/html"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/text"
	"github.com/govreport/govreport/convert/textenc"
)

// Layout is the model's Meta.Layout for HTML input.
const Layout = "html"

// Sniff reports whether decoded-or-raw bytes look like HTML: a tag such as
// <html>, <!doctype>, <body>, <p>, <div> or <table> before any other text.
func Sniff(head []byte) bool {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	if len(h) == 0 || h[0] != '<' {
		return false
	}
	l := bytes.ToLower(h[:min(len(h), 512)])
	for _, t := range []string{"<!doctype html", "<html", "<head", "<body", "<p", "<div", "<table", "<meta", "<span", "<h1", "<h2", "<!--"} {
		if bytes.HasPrefix(l, []byte(t)) {
			return true
		}
	}
	return false
}

// Read decodes r, renders the HTML to text and reads the report in it.
func Read(r io.Reader, opts text.Options) (*model.Report, error) {
	b, err := io.ReadAll(io.LimitReader(r, text.MaxSize+1))
	if err != nil {
		return nil, &model.ParseError{File: opts.Name, Msg: "读取失败：" + err.Error()}
	}
	if len(b) > text.MaxSize {
		return nil, &model.ParseError{File: opts.Name, Msg: "文件过大，不像是一份年度报告"}
	}
	s, enc, err := textenc.Decode(b)
	if err != nil {
		if errors.Is(err, textenc.ErrBinary) {
			return nil, &model.ParseError{File: opts.Name, Msg: "不是文本文件（疑似二进制内容），无法读取"}
		}
		return nil, &model.ParseError{File: opts.Name, Msg: "无法识别文字编码：" + err.Error()}
	}
	rendered, lines := Render(s)
	opts.LineMap = lines
	rep, err := text.ReadString(rendered, opts)
	if err != nil {
		return nil, err
	}
	rep.Meta.Layout = Layout
	rep.Meta.Encoding = string(enc)
	return rep, nil
}

// blockTags end the current line of text.
var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "section": true, "article": true, "blockquote": true, "center": true,
	"table": true, "title": true, "header": true, "footer": true, "pre": true, "dd": true, "dt": true, "hr": true,
}

// skipTags hold no report text.
var skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "svg": true}

// renderer turns HTML tokens into text lines and pipe rows.
type renderer struct {
	out     strings.Builder
	lines   []int // source line of each rendered line
	cur     strings.Builder
	curLine int
	srcLine int
	skip    int
	inCell  bool
	cell    strings.Builder
	row     []string
	inRow   bool
	rowLine int
}

// Render renders an HTML document to text: one line per paragraph or other
// block, one "| a | b |" line per table row. It also returns, for each
// rendered line, the 1-based source line it started on.
func Render(s string) (string, []int) {
	rd := &renderer{srcLine: 1}
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		raw := z.Raw()
		startLine := rd.srcLine
		rd.srcLine += bytes.Count(raw, []byte{'\n'})
		switch tt {
		case xhtml.ErrorToken:
			rd.flush()
			rd.endRow()
			return rd.out.String(), rd.lines
		case xhtml.TextToken:
			if rd.skip > 0 {
				continue
			}
			t := collapse(string(z.Text()))
			if t == "" {
				continue
			}
			if rd.inCell {
				rd.cell.WriteString(t)
				continue
			}
			if rd.cur.Len() == 0 {
				rd.curLine = startLine + leadingNewlines(string(raw))
			}
			rd.cur.WriteString(t)
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case skipTags[tag]:
				if tt == xhtml.StartTagToken {
					rd.skip++
				}
			case tag == "tr":
				rd.flush()
				rd.endRow()
				rd.inRow, rd.rowLine = true, startLine
			case tag == "td" || tag == "th":
				if !rd.inRow {
					rd.flush()
					rd.inRow, rd.rowLine = true, startLine
				}
				rd.endCell()
				rd.inCell = true
			case tag == "br":
				if !rd.inCell {
					rd.flush()
				}
			case blockTags[tag]:
				if !rd.inCell {
					rd.flush()
				}
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case skipTags[tag]:
				if rd.skip > 0 {
					rd.skip--
				}
			case tag == "td" || tag == "th":
				rd.endCell()
			case tag == "tr" || tag == "table":
				rd.endRow()
			case blockTags[tag]:
				if !rd.inCell {
					rd.flush()
				}
			}
		}
	}
}

func (rd *renderer) emit(line string, src int) {
	rd.out.WriteString(line)
	rd.out.WriteByte('\n')
	rd.lines = append(rd.lines, src)
}

// flush ends the current text line.
func (rd *renderer) flush() {
	if t := strings.TrimSpace(rd.cur.String()); t != "" {
		rd.emit(t, rd.curLine)
	}
	rd.cur.Reset()
}

func (rd *renderer) endCell() {
	if !rd.inCell {
		return
	}
	c := strings.TrimSpace(rd.cell.String())
	rd.row = append(rd.row, strings.ReplaceAll(c, "|", "｜"))
	rd.cell.Reset()
	rd.inCell = false
}

// endRow writes the current table row as a pipe row. A cell holding only
// U+00A0 stays a blank cell.
func (rd *renderer) endRow() {
	rd.endCell()
	if rd.inRow && len(rd.row) > 0 {
		rd.emit("| "+strings.Join(rd.row, " | ")+" |", rd.rowLine)
	}
	rd.row = rd.row[:0]
	rd.inRow = false
}

// collapse removes the layout white space of HTML source: runs containing a
// line break vanish (Chinese text has no spaces between words), other runs
// become one space. U+00A0 (&nbsp;) is kept: it marks a blank cell.
func collapse(s string) string {
	if !strings.ContainsAny(s, " \t\r\n") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			j, nl := i, false
			for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n') {
				nl = nl || s[j] == '\n'
				j++
			}
			if !nl && i > 0 && j < len(s) {
				b.WriteByte(' ')
			}
			i = j
			continue
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

func leadingNewlines(s string) int {
	n := 0
	for _, c := range s {
		switch c {
		case '\n':
			n++
		case ' ', '\t', '\r':
		default:
			return n
		}
	}
	return n
}

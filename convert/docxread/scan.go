package docxread

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// scanner is a pull tokenizer for WordprocessingML parts. encoding/xml
// spent two thirds of the time of reading a report in Token (names and
// attributes copied, namespaces translated, for every element of a body
// that is mostly run properties); this one allocates almost nothing: names
// are interned, attributes are decoded only when asked for, text is a slice
// of the input unless it holds entities.
//
// It checks what matters for reading safely and correctly: start and end
// tags match, attribute values are quoted, entities are the five
// predefined ones or character references, nesting is bounded (maxDepth),
// the part is UTF-8, and namespaces are resolved by their declarations (so
// the prefix does not matter and the strict namespace reads like the
// transitional one). A DTD is refused: Word never writes one, and not
// reading it means no entity can expand. It is not a validating parser:
// what encoding/xml would also reject for a name's characters, it
// tolerates. FuzzScanner compares it with encoding/xml.
type scanner struct {
	data []byte
	pos  int
	// stack holds the open elements' qualified names (for end-tag
	// matching) and how many namespace bindings each pushed.
	stack []open
	// ns maps prefixes ("" for the default namespace) to namespace names;
	// undo restores the bindings an element shadowed when it ends.
	ns   map[string]string
	undo []binding
	// intern holds the names seen, so that a name costs one allocation
	// per part, not one per element.
	intern map[string]string
	// qnames caches resolved element names; gen changes with every
	// namespace binding pushed or popped.
	qnames map[string]qentry
	gen    int
	// The current token.
	kind    tokenKind
	elem    elem
	text    []byte
	attrs   []rawAttr
	buf     []byte // decoded text when it held entities
	selfEnd bool   // the start tag just returned was <x/>: an end follows
	done    bool   // the root element has ended
	started bool   // the encoding was checked
}

type tokenKind int

const (
	tokStart tokenKind = iota + 1
	tokEnd
	tokText
	tokEOF
)

type open struct {
	qname    string
	elem     elem
	bindings int
}

// qentry caches how a qualified name resolves while the namespace
// bindings stay the same (gen).
type qentry struct {
	qname string
	elem  elem
	gen   int
}

type binding struct {
	prefix, old string
	had         bool
}

// rawAttr is an attribute as written, slices of the input: the value is
// decoded on demand.
type rawAttr struct {
	prefix, local []byte
	value         []byte
	entities      bool
}

// elem is the element of a start or end token. Its attributes are those
// of the scanner's current token: read them before the next call to next.
type elem struct {
	space, local string
	s            *scanner
}

const nsXML = "http://www.w3.org/XML/1998/namespace"

func newScanner(data []byte) *scanner {
	return &scanner{data: data, ns: map[string]string{"xml": nsXML}, intern: map[string]string{}, qnames: map[string]qentry{}}
}

// errorf returns a syntax error at the scanner's position, with its line.
func (s *scanner) errorf(format string, args ...any) error {
	return &xml.SyntaxError{Msg: fmt.Sprintf(format, args...), Line: 1 + bytes.Count(s.data[:min(s.pos, len(s.data))], []byte{'\n'})}
}

// name interns b.
func (s *scanner) name(b []byte) string {
	if n, ok := s.intern[string(b)]; ok {
		return n
	}
	n := string(b)
	s.intern[n] = n
	return n
}

// next reads the next token: tokStart (s.elem, s.attrs), tokEnd (s.elem),
// tokText (s.text, valid until the next call) or tokEOF.
func (s *scanner) next() (tokenKind, error) {
	if s.selfEnd {
		s.selfEnd = false
		return s.end()
	}
	if !s.started {
		s.started = true
		if !utf8.Valid(s.data) {
			return 0, &xml.SyntaxError{Msg: "不是有效的 UTF-8 编码", Line: 1}
		}
		s.pos = len(bomUTF8(s.data))
	}
	for {
		if s.pos >= len(s.data) {
			if len(s.stack) > 0 {
				return 0, s.errorf("unexpected EOF")
			}
			if !s.done {
				return 0, s.errorf("没有根元素")
			}
			return tokEOF, nil
		}
		if s.data[s.pos] != '<' {
			k, err := s.charData()
			if err != nil || k != 0 {
				return k, err
			}
			continue
		}
		rest := s.data[s.pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			e := bytes.Index(rest[4:], []byte("-->"))
			if e < 0 {
				return 0, s.errorf("unexpected EOF")
			}
			s.pos += 4 + e + 3
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			e := bytes.Index(rest[9:], []byte("]]>"))
			if e < 0 {
				return 0, s.errorf("unexpected EOF")
			}
			if len(s.stack) == 0 {
				return 0, s.errorf("根元素之外有文字")
			}
			s.text = lineEnds(rest[9 : 9+e])
			s.pos += 9 + e + 3
			s.kind = tokText
			return tokText, nil
		case bytes.HasPrefix(rest, []byte("<?")):
			e := bytes.Index(rest[2:], []byte("?>"))
			if e < 0 {
				return 0, s.errorf("unexpected EOF")
			}
			if err := s.declaration(rest[2 : 2+e]); err != nil {
				return 0, err
			}
			s.pos += 2 + e + 2
		case bytes.HasPrefix(rest, []byte("<!")):
			return 0, s.errorf("包含 DTD 或其他声明（<!…>），Word 文档不使用 DTD")
		case len(rest) > 1 && rest[1] == '/':
			return s.endTag()
		default:
			return s.startTag()
		}
	}
}

func bomUTF8(b []byte) []byte {
	if bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		return b[:3]
	}
	return nil
}

// declaration checks an <?xml …?> declaration's encoding; other processing
// instructions are skipped.
func (s *scanner) declaration(body []byte) error {
	if !bytes.HasPrefix(body, []byte("xml")) || len(body) > 3 && !isSpace(body[3]) {
		return nil
	}
	i := bytes.Index(body, []byte("encoding"))
	if i < 0 {
		return nil
	}
	v := body[i+len("encoding"):]
	v = bytes.TrimLeft(v, " \t\r\n=")
	if len(v) == 0 || (v[0] != '"' && v[0] != '\'') {
		return s.errorf("XML 声明的 encoding 缺少引号")
	}
	e := bytes.IndexByte(v[1:], v[0])
	if e < 0 {
		return s.errorf("XML 声明的 encoding 缺少引号")
	}
	switch strings.ToLower(string(v[1 : 1+e])) {
	case "utf-8", "utf8":
		return nil
	}
	return s.errorf("不支持的字符编码 %s（Word 文档应为 UTF-8）", v[1:1+e])
}

// charData reads text up to the next '<'. Text outside the root element
// must be whitespace; it returns kind 0 when there is nothing to report.
func (s *scanner) charData() (tokenKind, error) {
	e := bytes.IndexByte(s.data[s.pos:], '<')
	if e < 0 {
		e = len(s.data) - s.pos
	}
	raw := s.data[s.pos : s.pos+e]
	if len(s.stack) == 0 {
		if len(bytes.TrimLeft(raw, " \t\r\n")) > 0 {
			return 0, s.errorf("根元素之外有文字")
		}
		s.pos += e
		return 0, nil
	}
	// XML reads a written "\r\n" and a lone "\r" as "\n" — before
	// references are decoded, so "&#13;" stays a carriage return.
	raw = lineEnds(raw)
	if bytes.IndexByte(raw, '&') >= 0 {
		var err error
		if s.buf, err = s.unescape(s.buf[:0], raw); err != nil {
			return 0, err
		}
		s.text = s.buf
	} else {
		s.text = raw
	}
	s.pos += e
	s.kind = tokText
	return tokText, nil
}

// unescape appends raw with its entity and character references decoded.
func (s *scanner) unescape(dst, raw []byte) ([]byte, error) {
	for {
		i := bytes.IndexByte(raw, '&')
		if i < 0 {
			return append(dst, raw...), nil
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i+1:]
		e := bytes.IndexByte(raw, ';')
		if e < 0 || e > 12 {
			return nil, s.errorf("“&”后不是有效的实体引用")
		}
		ref := raw[:e]
		raw = raw[e+1:]
		switch string(ref) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "apos":
			dst = append(dst, '\'')
		case "quot":
			dst = append(dst, '"')
		default:
			if len(ref) < 2 || ref[0] != '#' {
				return nil, s.errorf("无法识别的实体 &%s;（Word 文档只使用 XML 预定义实体）", ref)
			}
			var n uint64
			var err error
			if ref[1] == 'x' {
				n, err = strconv.ParseUint(string(ref[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ref[1:]), 10, 32)
			}
			if err != nil || !isXMLChar(rune(n)) {
				return nil, s.errorf("无效的字符引用 &%s;", ref)
			}
			dst = utf8.AppendRune(dst, rune(n))
		}
	}
}

// isXMLChar reports whether r may appear in XML 1.0.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// isNameByte reports whether c may be part of a name: anything but the
// characters that end one (multi-byte UTF-8 is allowed, as in XML).
func isNameByte(c byte) bool {
	return !isSpace(c) && c != '>' && c != '/' && c != '=' && c != '<' && c != '"' && c != '\'' && c != '&'
}

// readName reads a name at s.pos.
func (s *scanner) readName() []byte {
	i := s.pos
	for i < len(s.data) && isNameByte(s.data[i]) {
		i++
	}
	n := s.data[s.pos:i]
	s.pos = i
	return n
}

// splitName splits a qualified name at its colon. A name with the colon
// first or last is all local name, as encoding/xml reads it; startTag
// refuses names with more than one colon.
func splitName(q []byte) (prefix, local []byte) {
	if i := bytes.IndexByte(q, ':'); i > 0 && i < len(q)-1 {
		return q[:i], q[i+1:]
	}
	return nil, q
}

// validName reports whether a qualified name has at most one colon.
func validName(q []byte) bool { return bytes.Count(q, []byte{':'}) <= 1 }

func (s *scanner) skipSpace() {
	for s.pos < len(s.data) && isSpace(s.data[s.pos]) {
		s.pos++
	}
}

// startTag reads <name attr="v" …> or <name …/>.
func (s *scanner) startTag() (tokenKind, error) {
	if s.done {
		return 0, s.errorf("根元素之后还有元素")
	}
	s.pos++ // '<'
	q := s.readName()
	if len(q) == 0 || !validName(q) {
		return 0, s.errorf("“<”后不是有效的元素名")
	}
	if len(s.stack) >= maxDepth {
		return 0, errTooDeep
	}
	s.attrs = s.attrs[:0]
	bindings := 0
	for {
		s.skipSpace()
		if s.pos >= len(s.data) {
			return 0, s.errorf("unexpected EOF")
		}
		c := s.data[s.pos]
		if c == '>' || c == '/' {
			if c == '/' {
				if s.pos+1 >= len(s.data) || s.data[s.pos+1] != '>' {
					return 0, s.errorf("元素 <%s> 的“/”后应为“>”", q)
				}
				s.pos++
				s.selfEnd = true
			}
			s.pos++
			break
		}
		start := s.pos
		an := s.readName()
		if len(an) == 0 || !validName(an) {
			return 0, s.errorf("元素 <%s> 的属性名无效", q)
		}
		s.skipSpace()
		if s.pos >= len(s.data) || s.data[s.pos] != '=' {
			s.pos = start
			return 0, s.errorf("元素 <%s> 的属性 %s 缺少“=”", q, an)
		}
		s.pos++
		s.skipSpace()
		if s.pos >= len(s.data) || (s.data[s.pos] != '"' && s.data[s.pos] != '\'') {
			return 0, s.errorf("元素 <%s> 的属性 %s 的值缺少引号", q, an)
		}
		quote := s.data[s.pos]
		e := bytes.IndexByte(s.data[s.pos+1:], quote)
		if e < 0 {
			return 0, s.errorf("unexpected EOF")
		}
		v := s.data[s.pos+1 : s.pos+1+e]
		if bytes.IndexByte(v, '<') >= 0 {
			return 0, s.errorf("元素 <%s> 的属性 %s 的值含有“<”", q, an)
		}
		s.pos += e + 2
		if s.pos < len(s.data) && !isSpace(s.data[s.pos]) && s.data[s.pos] != '>' && s.data[s.pos] != '/' {
			return 0, s.errorf("元素 <%s> 的属性之间缺少空白", q)
		}
		ap, al := splitName(an)
		ents := bytes.IndexByte(v, '&') >= 0
		if ents {
			// Decode once to validate now; attr decodes again on demand.
			if _, err := s.unescape(nil, v); err != nil {
				return 0, err
			}
		}
		switch {
		case len(ap) == 0 && string(al) == "xmlns", string(ap) == "xmlns":
			prefix := ""
			if len(ap) > 0 {
				prefix = s.name(al)
			}
			uri := s.attrValue(rawAttr{value: v, entities: ents})
			old, had := s.ns[prefix]
			s.undo = append(s.undo, binding{prefix: prefix, old: old, had: had})
			s.ns[prefix] = s.name([]byte(uri))
			s.gen++
			bindings++
			continue
		}
		s.attrs = append(s.attrs, rawAttr{prefix: ap, local: al, value: v, entities: ents})
	}
	qe := s.resolve(q)
	s.stack = append(s.stack, open{qname: qe.qname, elem: qe.elem, bindings: bindings})
	s.elem = qe.elem
	s.kind = tokStart
	return tokStart, nil
}

// resolve names an element by namespace and local name.
func (s *scanner) resolve(q []byte) qentry {
	if e, ok := s.qnames[string(q)]; ok && e.gen == s.gen {
		return e
	}
	p, l := splitName(q)
	space, ok := s.ns[string(p)]
	if !ok && len(p) > 0 {
		// An undeclared prefix: kept as the space, as encoding/xml does,
		// so the element matches no known namespace.
		space = s.name(p)
	}
	e := qentry{qname: s.name(q), elem: elem{space: space, local: s.name(l), s: s}, gen: s.gen}
	s.qnames[e.qname] = e
	return e
}

// endTag reads </name>.
func (s *scanner) endTag() (tokenKind, error) {
	s.pos += 2
	q := s.readName()
	s.skipSpace()
	if s.pos >= len(s.data) {
		return 0, s.errorf("unexpected EOF")
	}
	if s.data[s.pos] != '>' {
		return 0, s.errorf("结束标签 </%s> 格式错误", q)
	}
	s.pos++
	if len(s.stack) == 0 {
		return 0, s.errorf("多余的结束标签 </%s>", q)
	}
	if top := s.stack[len(s.stack)-1].qname; top != string(q) {
		return 0, s.errorf("结束标签 </%s> 与开始标签 <%s> 不匹配", q, top)
	}
	return s.end()
}

// end closes the innermost element.
func (s *scanner) end() (tokenKind, error) {
	top := s.stack[len(s.stack)-1]
	s.elem = top.elem
	s.stack = s.stack[:len(s.stack)-1]
	if top.bindings > 0 {
		s.gen++
	}
	for i := 0; i < top.bindings; i++ {
		b := s.undo[len(s.undo)-1]
		s.undo = s.undo[:len(s.undo)-1]
		if b.had {
			s.ns[b.prefix] = b.old
		} else {
			delete(s.ns, b.prefix)
		}
	}
	if len(s.stack) == 0 {
		s.done = true
	}
	s.attrs = s.attrs[:0]
	s.kind = tokEnd
	return tokEnd, nil
}

// attrValue decodes an attribute value.
func (s *scanner) attrValue(a rawAttr) string {
	v := lineEnds(a.value)
	if a.entities {
		b, err := s.unescape(nil, v)
		if err != nil {
			return ""
		}
		v = b
	}
	return string(v)
}

// lineEnds returns b with "\r\n" and a lone "\r" read as "\n" (a copy
// when it changes anything, b itself otherwise).
func lineEnds(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
}

// attr returns the value of the current start tag's attribute with the
// given local name in the WordprocessingML namespace (or unprefixed, which
// some writers use), "" when absent.
func (e elem) attr(local string) string {
	s := e.s
	for _, a := range s.attrs {
		if string(a.local) != local {
			continue
		}
		if len(a.prefix) == 0 {
			return s.attrValue(a)
		}
		if sp := s.ns[string(a.prefix)]; sp == nsW || sp == nsWStrict {
			return s.attrValue(a)
		}
	}
	return ""
}

// is reports whether e is the WordprocessingML element local.
func (e elem) is(local string) bool {
	return e.local == local && (e.space == nsW || e.space == nsWStrict)
}

// isW reports whether e is in the WordprocessingML namespace.
func (e elem) isW() bool { return e.space == nsW || e.space == nsWStrict }

// isMC reports whether e is the markup-compatibility element local.
func (e elem) isMC(local string) bool { return e.local == local && e.space == nsMC }

// onOff reads a ST_OnOff property element: present without w:val, or with
// a true value, means on.
func (e elem) onOff() bool {
	switch strings.ToLower(e.attr("val")) {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

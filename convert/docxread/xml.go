package docxread

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// Namespaces of WordprocessingML: the transitional one every application
// writes by default, and ISO 29500 strict (Word's "Strict Open XML" save
// option). Elements are matched by namespace and local name, never by
// prefix.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsDC      = "http://purl.org/dc/elements/1.1/"
)

// maxDepth bounds element nesting in every part. Word documents nest a few
// dozen levels (text boxes in tables in content controls); a part nested
// deeper is malicious or broken, and refusing it bounds the recursion.
const maxDepth = 256

// maxTableDepth bounds tables nested in table cells.
const maxTableDepth = 16

var errTooDeep = errors.New("元素嵌套过深")

// newDecoder returns a strict decoder over data. encoding/xml does not read
// DTDs: a DOCTYPE is passed through as a directive and never expands
// entities, and an entity other than the five predefined ones and
// character references is a syntax error — so an entity bomb is just bad
// XML here.
func newDecoder(data []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = func(label string, _ io.Reader) (io.Reader, error) {
		return nil, errors.New("不支持的字符编码 " + label + "（Word 文档应为 UTF-8）")
	}
	return d
}

// isW reports whether n is in the WordprocessingML namespace.
func isW(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }

// isMC reports whether n is in the markup-compatibility namespace.
func isMC(n xml.Name) bool { return n.Space == nsMC }

// attr returns the value of t's attribute with the given local name in the
// WordprocessingML namespace (or no namespace, which some writers use).
func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && (a.Name.Space == "" || isW(a.Name)) {
			return a.Value
		}
	}
	return ""
}

// onOff reads a ST_OnOff property element: present without w:val, or with
// a true value, means on.
func onOff(t xml.StartElement) bool {
	switch strings.ToLower(attr(t, "val")) {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

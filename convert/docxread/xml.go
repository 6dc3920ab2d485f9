package docxread

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
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

// newDecoder returns a strict decoder for the small package parts
// (relationships, core properties); document.xml and styles.xml go through
// the scanner. encoding/xml does not read
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

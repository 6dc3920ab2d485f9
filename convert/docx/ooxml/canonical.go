package ooxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"sort"
	"strings"
)

// Canonical returns the XML document b in a canonical, indented form for
// reading and for golden-file diffs: one element per line, two spaces per
// level, attributes sorted by name, "<a></a>" written as "<a/>", an element
// holding only text on one line, white space between elements dropped and
// white space inside text kept. Prefixes are kept as written (namespaces are
// not resolved), so the output reads like the WordprocessingML it came from.
// It returns an error when b is not well-formed.
func Canonical(b []byte) ([]byte, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var out bytes.Buffer
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.ProcInst:
			if len(stack) == 1 {
				out.WriteString("<?" + t.Target + " " + string(t.Inst) + "?>\n")
			}
		case xml.StartElement:
			n := &node{name: qname(t.Name)}
			for _, a := range t.Attr {
				n.attrs = append(n.attrs, [2]string{qname(a.Name), a.Value})
			}
			sort.SliceStable(n.attrs, func(i, j int) bool { return n.attrs[i][0] < n.attrs[j][0] })
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) < 2 || qname(t.Name) != top.name {
				return nil, errors.New("ooxml.Canonical: unbalanced end element " + qname(t.Name))
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.kids = append(top.kids, &node{text: string(t), isText: true})
		}
	}
	if len(stack) != 1 {
		return nil, errors.New("ooxml.Canonical: unclosed element " + stack[len(stack)-1].name)
	}
	for _, k := range root.kids {
		if !k.isText {
			k.print(&out, 0)
		}
	}
	return out.Bytes(), nil
}

type node struct {
	name   string
	attrs  [][2]string
	kids   []*node
	text   string
	isText bool
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

func (n *node) print(out *bytes.Buffer, depth int) {
	pad := strings.Repeat("  ", depth)
	out.WriteString(pad + "<" + n.name)
	for _, a := range n.attrs {
		out.WriteString(" " + a[0] + `="`)
		out.Write(appendEscaped(nil, a[1], true))
		out.WriteByte('"')
	}
	// Drop white space between elements; keep text of text-only elements.
	var kids []*node
	onlyText := true
	for _, k := range n.kids {
		if !k.isText {
			onlyText = false
		}
	}
	for _, k := range n.kids {
		if k.isText && !onlyText && strings.TrimSpace(k.text) == "" {
			continue
		}
		kids = append(kids, k)
	}
	switch {
	case len(kids) == 0:
		out.WriteString("/>\n")
	case onlyText:
		out.WriteByte('>')
		for _, k := range kids {
			out.Write(appendEscaped(nil, k.text, false))
		}
		out.WriteString("</" + n.name + ">\n")
	default:
		out.WriteString(">\n")
		for _, k := range kids {
			if k.isText {
				out.WriteString(pad + "  ")
				out.Write(appendEscaped(nil, k.text, false))
				out.WriteByte('\n')
				continue
			}
			k.print(out, depth+1)
		}
		out.WriteString(pad + "</" + n.name + ">\n")
	}
}

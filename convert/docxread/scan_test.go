package docxread

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"sort"
	"strings"
	"testing"
)

// scanTokens renders the scanner's tokens as lines: "S space local
// a=v …" (attributes sorted, namespace declarations left out), "E space
// local", "T text" with adjacent text joined.
func scanTokens(data []byte) (string, error) {
	s := newScanner(data)
	var out []string
	text := ""
	flush := func() {
		if text != "" {
			out = append(out, "T "+text)
			text = ""
		}
	}
	for {
		k, err := s.next()
		if err != nil {
			return "", err
		}
		switch k {
		case tokEOF:
			flush()
			return strings.Join(out, "\n"), nil
		case tokText:
			text += string(s.text)
		case tokStart:
			flush()
			var attrs []string
			for _, a := range s.attrs {
				space := ""
				if len(a.prefix) > 0 {
					var ok bool
					if space, ok = s.ns[string(a.prefix)]; !ok {
						space = string(a.prefix)
					}
				}
				attrs = append(attrs, space+" "+string(a.local)+"="+s.attrValue(a))
			}
			sort.Strings(attrs)
			out = append(out, "S "+s.elem.space+" "+s.elem.local+" "+strings.Join(attrs, " "))
		case tokEnd:
			flush()
			out = append(out, "E "+s.elem.space+" "+s.elem.local)
		}
	}
}

// stdTokens renders encoding/xml's reading the same way, inside the root.
func stdTokens(data []byte) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var out []string
	text := ""
	depth := 0
	flush := func() {
		if text != "" {
			out = append(out, "T "+text)
			text = ""
		}
	}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			flush()
			return strings.Join(out, "\n"), nil
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if depth > 0 {
				text += string(t)
			}
		case xml.StartElement:
			flush()
			depth++
			var attrs []string
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
					continue
				}
				attrs = append(attrs, a.Name.Space+" "+a.Name.Local+"="+a.Value)
			}
			sort.Strings(attrs)
			out = append(out, "S "+t.Name.Space+" "+t.Name.Local+" "+strings.Join(attrs, " "))
		case xml.EndElement:
			flush()
			depth--
			out = append(out, "E "+t.Name.Space+" "+t.Name.Local)
		}
	}
}

func TestScanner(t *testing.T) {
	in := "\xEF\xBB\xBF<?xml version=\"1.0\" encoding='UTF-8'?>\r\n<!-- c --><a:r xmlns:a=\"urn:a\" xmlns=\"urn:d\" a:k='1 &amp; 2' v=\"x&#x4E00;\">" +
		"t&lt;1&gt;&quot;&apos;&#20013;\r\nz<![CDATA[<raw>&amp;]]><b xmlns:a=\"urn:b\"><a:c/></b><a:c></a:c><?pi x?><u:x/></a:r>\n<!-- after -->"
	got, err := scanTokens([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := "S urn:a r  v=x一 urn:a k=1 & 2\nT t<1>\"'中\nz<raw>&amp;\nS urn:d b \nS urn:b c \nE urn:b c\nE urn:d b\nS urn:a c \nE urn:a c\nS u x \nE u x\nE urn:a r"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	std, err := stdTokens([]byte(in))
	if err != nil || std != got {
		t.Errorf("encoding/xml reads\n%s\n(%v)", std, err)
	}
	for _, bad := range []string{
		"", "<a>", "<a></b>", "</a>", "<a b=c/>", "<a b='1\"/>", "<a>&nope;</a>", "<a>&#0;</a>", "<a>&#xD800;</a>",
		"<a/><b/>", "x<a/>", "<a/>x", "<!DOCTYPE a><a/>", "<?xml version='1.0' encoding='GBK'?><a/>", "<a>\xff</a>",
		"<a b='1'c='2'/>", "<a b='<'/>", "<a/ >", "<>", "<a><!-- x</a>", "<a><![CDATA[x</a>", "<a b='1' b2></a>",
	} {
		if _, err := scanTokens([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		} else if _, ok := err.(*xml.SyntaxError); !ok {
			t.Errorf("%q: %T %v", bad, err, err)
		}
	}
	// A written carriage return is read as a line feed, a referenced one
	// (&#13;) is kept — as encoding/xml does (a fuzzer's find).
	for _, in := range []string{"<a b='1&#13;\r\n2\r3'>x&#13;\r\nyz\r</a>", "<a>x&#xD;\n</a>", "<a>\r&#10;</a>", "<a>x<![CDATA[y\r\r\n]]>z</a>"} {
		got, err := scanTokens([]byte(in))
		std, err2 := stdTokens([]byte(in))
		if err != nil || err2 != nil || got != std {
			t.Errorf("%q: scanner %q (%v), encoding/xml %q (%v)", in, got, err, std, err2)
		}
	}
	deep := strings.Repeat("<a>", maxDepth+1) + strings.Repeat("</a>", maxDepth+1)
	if _, err := scanTokens([]byte(deep)); !errors.Is(err, errTooDeep) {
		t.Errorf("deep: %v", err)
	}
}

// FuzzScanner compares the scanner with encoding/xml: whenever both read
// an input, they must read the same elements, attributes and text. (The
// scanner refuses some inputs encoding/xml reads — a DTD, text outside the
// root — and reads some it refuses — odd name characters, control
// characters; neither matters for Word parts.)
func FuzzScanner(f *testing.F) {
	f.Add([]byte(`<w:document xmlns:w="` + nsW + `"><w:body><w:p w:rsidR="00A1"><w:r><w:t xml:space="preserve"> a &amp; b </w:t></w:r></w:p></w:body></w:document>`))
	f.Add([]byte(`<a xmlns="urn:x" xmlns:p="urn:p"><p:b p:c="1" d='2'>x<![CDATA[y]]>z</p:b><c xmlns="urn:y"/></a>`))
	if b, err := os.ReadFile("../../testdata/samples/404/source.docx"); err == nil {
		if d := documentPart(b); d != nil {
			f.Add(d[:min(len(d), 4000)])
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := scanTokens(b)
		if err != nil {
			var se *xml.SyntaxError
			if !errors.As(err, &se) && !errors.Is(err, errTooDeep) {
				t.Fatalf("error %T %v", err, err)
			}
			return
		}
		want, err := stdTokens(b)
		if err != nil {
			return
		}
		if got != want {
			t.Fatalf("scanner:\n%s\nencoding/xml:\n%s", got, want)
		}
	})
}

package docxread_test

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/docxread"
	"github.com/govreport/govreport/convert/input"
)

// autoNumbered rewrites govreport's .docx the way a report typed in Word
// with automatic numbering looks: the part headings lose their typed "一、"
// and take it from a Chinese-counting list, and the sub-rows of table 三
// ("1.属于国家秘密") lose their "1." and take it from a decimal list that
// restarts in every group.
func autoNumbered(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	heading := regexp.MustCompile(`<w:pStyle w:val="Heading1"/>(\s*</w:pPr>\s*<w:r>\s*<w:t[^>]*>)[一二三四五六]、`)
	sub := regexp.MustCompile(`<w:pStyle w:val="TableLabel"/>(\s*</w:pPr>\s*<w:r>\s*<w:t[^>]*>)([1-9])\.`)
	numbered, subs := 0, 0
	group := 0
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		switch f.Name {
		case "word/document.xml":
			s := heading.ReplaceAllStringFunc(string(data), func(m string) string {
				numbered++
				g := heading.FindStringSubmatch(m)
				return `<w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>` + g[1]
			})
			s = sub.ReplaceAllStringFunc(s, func(m string) string {
				g := sub.FindStringSubmatch(m)
				if g[2] == "1" {
					group++ // a new group restarts the list: its own instance
				}
				subs++
				return `<w:pStyle w:val="TableLabel"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="` + string(rune('1'+group)) + `"/></w:numPr>` + g[1]
			})
			data = []byte(s)
		case "word/_rels/document.xml.rels":
			data = bytes.Replace(data, []byte("</Relationships>"), []byte(`<Relationship Id="rIdNum" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`), 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	if numbered != 6 || subs < 15 {
		t.Fatalf("rewrote %d headings and %d sub-rows", numbered, subs)
	}
	var num strings.Builder
	num.WriteString(`<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`)
	for g := 1; g <= group; g++ {
		id := string(rune('1' + g))
		num.WriteString(`<w:num w:numId="` + id + `"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`)
	}
	num.WriteString(`</w:numbering>`)
	w, _ := zw.Create("word/numbering.xml")
	w.Write([]byte(num.String()))
	zw.Close()
	return out.Bytes()
}

// TestAutoNumberedReport: a report whose headings and row numbers come
// from automatic numbering reads into the same cells as the typed one.
func TestAutoNumberedReport(t *testing.T) {
	for _, seed := range seeds {
		t.Run(seed, func(t *testing.T) {
			want := readSeedText(t, seed)
			typed, err := docxread.Read(writeDocx(t, want), input.Options{Name: seed + ".docx"})
			if err != nil {
				t.Fatal(err)
			}
			got, err := docxread.Read(autoNumbered(t, writeDocx(t, want)), input.Options{Name: seed + ".docx"})
			if err != nil {
				t.Fatal(err)
			}
			for k := range got.Parts {
				if got.Parts[k].Heading != typed.Parts[k].Heading || got.Parts[k].Text != typed.Parts[k].Text {
					t.Errorf("part %d: %q, want %q", k+1, got.Parts[k].Heading, typed.Parts[k].Heading)
				}
			}
			if got.Meta.Agency != want.Meta.Agency {
				t.Errorf("agency %q", got.Meta.Agency)
			}
			compareCells(t, got, want)
		})
	}
}

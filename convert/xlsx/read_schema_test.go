package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/input"
	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html/charset"
)

// decodes reports whether encoding/xml decodes data into excelize's type
// for the part's root, as excelize does when it reads the part.
func decodes(root string, data []byte) error {
	v := reflect.New(excelize.PartTypes()[root])
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel // as excelize's decoder
	err := d.Decode(v.Interface())
	if err == io.EOF {
		err = nil
	}
	return err
}

// schemaOK is what the fast path concludes about a part: validPart, or
// for a worksheet, the workbook and relationships also their readers,
// which check while they read.
func schemaOK(root string, data []byte) (valid, sheet bool) {
	valid = validPart(data, root)
	switch root {
	case "worksheet":
		_, sheet = readSheet(data)
	case "workbook":
		_, sheet = readWorkbook(data)
	case "Relationships":
		_, sheet = readRels(data)
	}
	return valid, sheet
}

var schemaValues = []string{"", "1", " 2 ", "=1", "x", "true", "0", "1.5", "-3", "1e3", "TRUE", "t", "99999999999999999999",
	"&#49;", "1&#13;", "300", "-1", "255", "256", "4294967296", "1\n", "NaN", "0x1", "+4", "false", "F"}

// genPart writes a random document of the shape n describes (elements
// and attributes it names, and some it does not), with values from
// schemaValues.
func genPart(rng *rand.Rand, root string, n *xnode) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	row := 0
	var elem func(name string, n *xnode, depth int, first bool)
	elem = func(name string, n *xnode, depth int, first bool) {
		b.WriteString("<" + name)
		if first {
			ns := n.ns
			if rng.Intn(10) == 0 {
				ns = "urn:other" // encoding/xml refuses the root
			}
			fmt.Fprintf(&b, ` xmlns="%s" xmlns:r="%s"`, ns, nsRel)
		}
		var names []string
		for a := range n.attrs {
			names = append(names, a)
		}
		sort.Strings(names)
		names = append(names, "zz", "val")
		written := map[string]bool{}
		for _, a := range names {
			if rng.Intn(3) == 0 && !written[a] {
				written[a] = true
				fmt.Fprintf(&b, ` %s="%s"`, a, schemaValues[rng.Intn(len(schemaValues))])
			}
		}
		switch name {
		case "row":
			row++
			fmt.Fprintf(&b, ` r="%d"`, row)
		case "c":
			fmt.Fprintf(&b, ` r="%s%d"`, string(rune('A'+rng.Intn(3))), row)
		}
		if depth > 4 || rng.Intn(4) == 0 {
			b.WriteString("/>")
			return
		}
		b.WriteString(">")
		var kids []string
		for k := range n.kids {
			kids = append(kids, k)
		}
		sort.Strings(kids)
		for i := rng.Intn(4); i > 0; i-- {
			switch {
			case rng.Intn(6) == 0:
				b.WriteString(schemaValues[rng.Intn(len(schemaValues))])
			case rng.Intn(8) == 0:
				elem("zz", &xnode{}, depth+1, false)
			case len(kids) > 0:
				k := kids[rng.Intn(len(kids))]
				elem(k, n.kids[k], depth+1, false)
			}
		}
		b.WriteString("</" + name + ">")
	}
	elem(root, n, 0, true)
	return []byte(b.String())
}

// TestSchemaAgainstDecoding: whenever the fast path accepts a random part
// built from the schema, encoding/xml decodes it into excelize's type;
// and the generated parts include both outcomes, so the check can fail.
func TestSchemaAgainstDecoding(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	var roots []string
	for r := range schemas() {
		roots = append(roots, r)
	}
	sort.Strings(roots)
	for _, root := range roots {
		accepted, sheets, refusedByXML := 0, 0, 0
		for i := 0; i < 400; i++ {
			data := genPart(rng, root, schemas()[root])
			err := decodes(root, data)
			valid, sheet := schemaOK(root, data)
			if err != nil {
				refusedByXML++
				if valid || sheet {
					t.Fatalf("%s: fast path accepts what encoding/xml refuses (%v):\n%s", root, err, data)
				}
			}
			if valid {
				accepted++
			}
			if sheet {
				sheets++
			}
		}
		if root == "worksheet" && sheets == 0 {
			t.Errorf("worksheet: readSheet accepted none of the generated sheets")
		}
		if accepted == 0 || refusedByXML == 0 {
			t.Errorf("%s: %d accepted, %d refused by encoding/xml — the generator does not exercise both", root, accepted, refusedByXML)
		}
	}
}

// TestSchemaGivesUp: workbooks whose parts excelize refuses to decode take
// the excelize path (the cross-check of crosscheck_test.go would panic if
// the paths disagreed), one part and attribute at a time.
func TestSchemaGivesUp(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, TemplateOptions{Agency: "某局", Year: 2025}); err != nil {
		t.Fatal(err)
	}
	tmpl := buf.Bytes()
	for _, c := range []struct{ part, old, new string }{
		{"xl/worksheets/sheet4.xml", `<c r="B4" s="`, `<c r="B4" s="=1" x="`},                         // the fuzzer's find
		{"xl/worksheets/sheet4.xml", `<row r="4"`, `<row r="4" ht="x"`},                               // a row attribute
		{"xl/worksheets/sheet4.xml", `<sheetData>`, `<sheetFormatPr baseColWidth="300"/><sheetData>`}, // uint8
		{"xl/worksheets/sheet4.xml", `<mergeCells count="`, `<mergeCells count="a`},
		{"xl/worksheets/sheet4.xml", `</sheetData>`, `</sheetData><zz/><dataValidations count="1.5"></dataValidations>`},
		{"xl/sharedStrings.xml", `<sst `, `<sst count="x" `},
		{"xl/workbook.xml", `sheetId="1"`, `sheetId="一"`},
		{"xl/styles.xml", `<fonts count="`, `<fonts count="x`},
		{"xl/styles.xml", `<font>`, `<font><b val="yes"/>`},
	} {
		b := replacePart(t, tmpl, c.part, c.old, c.new)
		crossMu.Lock()
		before := crossFast
		crossMu.Unlock()
		_, err := ReadBytes(b, input.Options{Name: "t.xlsx"})
		crossMu.Lock()
		after := crossFast
		crossMu.Unlock()
		if after != before {
			t.Errorf("%s %q: read by the fast path (err %v)", c.part, c.new, err)
		}
	}
}

func replacePart(t *testing.T, b []byte, part, old, new string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if zf.Name == part {
			if !strings.Contains(string(data), old) {
				t.Fatalf("%s has no %q", part, old)
			}
			data = []byte(strings.Replace(string(data), old, new, 1))
			found = true
		}
		w, _ := zw.Create(zf.Name)
		w.Write(data)
	}
	zw.Close()
	if !found {
		t.Fatalf("no part %s", part)
	}
	return out.Bytes()
}

// TestTokenizerRefuses: inputs encoding/xml refuses that an earlier
// tokenizer read (fuzzer finds among them); the fast path must refuse
// each, and encoding/xml must too, or the case says nothing.
func TestTokenizerRefuses(t *testing.T) {
	const ws = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`
	for _, in := range []string{
		`<?>` + ws + `</worksheet>`,
		`<?1x?>` + ws + `</worksheet>`,
		`<?xm8si˧on?>` + ws + `</worksheet>`,
		`<?xml version="1.1"?>` + ws + `</worksheet>`,
		`x<?xml encoding="UTF8- "?>` + ws + `</worksheet>`,
		ws + `<!--a--->` + `</worksheet>`,
		ws + `<a:b:c/></worksheet>`,
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" a:b:c="1"/>`,
		ws + `<1a/></worksheet>`,
	} {
		if decodes("worksheet", []byte(in)) == nil {
			t.Errorf("%q: encoding/xml reads it", in)
		}
		if valid, sheet := schemaOK("worksheet", []byte(in)); valid || sheet {
			t.Errorf("%q: the fast path reads it", in)
		}
	}
}

// FuzzSchema: no part the fast path accepts is one encoding/xml refuses
// to decode into excelize's type.
func FuzzSchema(f *testing.F) {
	var roots []string
	for r := range schemas() {
		roots = append(roots, r)
	}
	sort.Strings(roots)
	rng := rand.New(rand.NewSource(2))
	for i, r := range roots {
		f.Add(uint8(i), genPart(rng, r, schemas()[r]))
	}
	f.Fuzz(func(t *testing.T, r uint8, data []byte) {
		root := roots[int(r)%len(roots)]
		valid, sheet := schemaOK(root, data)
		if !valid && !sheet {
			return
		}
		if err := decodes(root, data); err != nil {
			t.Fatalf("%s: fast path accepts (part %v, sheet %v) what encoding/xml refuses: %v", root, valid, sheet, err)
		}
	})
}

// TestPlainOK: the allocation-free shortcut accepts only values the full
// check accepts, and does accept the usual ones.
func TestPlainOK(t *testing.T) {
	kinds := []xtype{{xInt, 64}, {xInt, 32}, {xInt, 8}, {xUint, 64}, {xUint, 8}, {xFloat, 64}, {xFloat, 32}, {xBool, 0}, {xValBool, 0}, {xAny, 0}, {xNever, 0}}
	rng := rand.New(rand.NewSource(3))
	alphabet := "0123456789.-+eEtrufalsTRUE x"
	for i := 0; i < 200000; i++ {
		v := make([]byte, rng.Intn(12))
		for j := range v {
			v[j] = alphabet[rng.Intn(len(alphabet))]
		}
		ks := []xtype{kinds[rng.Intn(len(kinds))]}
		if rng.Intn(3) == 0 {
			ks = append(ks, kinds[rng.Intn(len(kinds))])
		}
		if plainOK(ks, v) {
			for _, k := range ks {
				if !k.ok(string(v)) {
					t.Fatalf("plainOK(%v, %q) but %v refuses it", ks, v, k)
				}
			}
		}
	}
	for _, c := range []struct {
		k xtype
		v string
	}{{xtype{xInt, 64}, "123"}, {xtype{xFloat, 64}, "20.5"}, {xtype{xBool, 0}, "true"}, {xtype{xValBool, 0}, "0"}} {
		if !plainOK([]xtype{c.k}, []byte(c.v)) {
			t.Errorf("plainOK(%v, %q) = false", c.k, c.v)
		}
	}
}

// TestSchemaIndex: the lists of short attribute and child maps give what
// the maps give, for every node of every part and for absent names.
func TestSchemaIndex(t *testing.T) {
	seen := map[*xnode]bool{}
	listed := 0
	var check func(n *xnode)
	check = func(n *xnode) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		if n.attrsListed || n.kidsListed {
			listed++
		}
		for name, ks := range n.attrs {
			if got, ok := n.attrTypes([]byte(name)); !ok || !reflect.DeepEqual(got, ks) {
				t.Fatalf("attribute %s: %v %v, want %v", name, got, ok, ks)
			}
		}
		for name, k := range n.kids {
			if got, ok := n.kidNamed([]byte(name)); !ok || got != k {
				t.Fatalf("child %s: %p %v, want %p", name, got, ok, k)
			}
			check(k)
		}
		if _, ok := n.attrTypes([]byte("zz")); ok {
			t.Fatal("attribute zz found")
		}
		if _, ok := n.kidNamed([]byte("zz")); ok {
			t.Fatal("child zz found")
		}
		check(n.anyKid)
	}
	for _, n := range schemas() {
		check(n)
	}
	if listed == 0 {
		t.Fatal("no node is listed")
	}
}

// TestPartMemo: the memo of accepted parts gives validPart's verdict for
// random parts, each asked twice among others, valid and not.
func TestPartMemo(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	var m partMemo
	var parts [][]byte
	var roots []string
	for _, root := range []string{"styleSheet", "theme", "Types", "calcChain"} {
		for i := 0; i < 60; i++ {
			parts = append(parts, genPart(rng, root, schemas()[root]))
			roots = append(roots, root)
		}
	}
	verdicts := map[bool]int{}
	for i := 0; i < 2000; i++ {
		j := rng.Intn(len(parts))
		want := validPart(parts[j], roots[j])
		if got := m.valid(parts[j], roots[j]); got != want {
			t.Fatalf("%s part %d: memo %v, validPart %v", roots[j], j, got, want)
		}
		verdicts[want]++
	}
	if verdicts[true] == 0 || verdicts[false] == 0 {
		t.Fatalf("verdicts %v: both are needed", verdicts)
	}
}

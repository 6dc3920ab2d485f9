package convert_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/docx"
	"github.com/govreport/govreport/convert/pdf"
	"github.com/govreport/govreport/templates"
)

// TestSpecDirVariantDocuments: the PDF and Word documents of a report read
// against a variant draw the variant's table 三, extra row and value
// included (package outline takes its tables from the spec set).
func TestSpecDirVariantDocuments(t *testing.T) {
	dir := t.TempDir()
	writeVariant(t, dir)
	set, err := templates.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := convert.ReadBytes(variantReport(t), convert.ReadOptions{Name: "variant.txt", Specs: set})
	if err != nil {
		t.Fatal(err)
	}
	d, err := pdf.Layout(rep, pdf.Options{Specs: set})
	if err != nil {
		t.Fatal(err)
	}
	dump := d.DumpString()
	if !strings.Contains(dump, " value t3.other_withdrawn.natural") || !strings.Contains(dump, "申请人撤回申请") {
		t.Error("PDF: the variant's extra row is not drawn")
	}
	var buf bytes.Buffer
	if err := docx.Write(&buf, rep, docx.Options{Specs: set}); err != nil {
		t.Fatal(err)
	}
	pkg, err := docx.Package(rep, docx.Options{Specs: set})
	if err != nil {
		t.Fatal(err)
	}
	parts, err := pkg.Parts()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range parts {
		if p.Name == "word/document.xml" {
			found = bytes.Contains(p.Data, []byte("申请人撤回申请"))
		}
	}
	if !found {
		t.Error("Word: the variant's extra row is not in the document")
	}
}

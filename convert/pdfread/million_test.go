package pdfread

import (
	"strings"
	"testing"
	"time"
)

// TestMillionKids: a page tree listing a million pages (the same page
// object a million times) is read in bounded time and refused or read as
// the one page it really has.
func TestMillionKids(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an 8 MB file")
	}
	kids := strings.Repeat("3 0 R ", 1_000_000)
	objs := []pdfObj{
		{body: "<< /Type /Catalog /Pages 2 0 R >>"},
		{body: "<< /Type /Pages /Kids [" + kids + "] /Count 1000000 >>"},
		{body: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"},
		{body: "<< >>", stream: []byte("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"), deflate: true},
		{body: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"},
	}
	start := time.Now()
	doc, err := Document(buildPDF(objs), bad)
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("took %v", d)
	}
	if err != nil {
		wantParseError(t, "million kids", err)
		return
	}
	if len(doc.Blocks) != 1 || doc.Blocks[0].Text != "Hello" {
		t.Errorf("blocks %+v", doc.Blocks)
	}
}

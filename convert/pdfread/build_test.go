package pdfread

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// pdfObj is one object of a hand-built test PDF: its dictionary (or other
// object) text and, for a stream, its data (zlib-compressed when deflate).
type pdfObj struct {
	body    string
	stream  []byte
	deflate bool
}

// buildPDF writes a PDF with a correct xref table; object i+1 is objs[i],
// the catalog is object 1.
func buildPDF(objs []pdfObj) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		if o.stream != nil {
			data := o.stream
			body := strings.TrimSuffix(strings.TrimSpace(o.body), ">>")
			if o.deflate {
				var z bytes.Buffer
				w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
				w.Write(data)
				w.Close()
				data = z.Bytes()
				body += " /Filter /FlateDecode"
			}
			fmt.Fprintf(&b, "%s /Length %d >>\nstream\n", body, len(data))
			b.Write(data)
			b.WriteString("\nendstream\nendobj\n")
			continue
		}
		fmt.Fprintf(&b, "%s\nendobj\n", o.body)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

// onePage is a one-page PDF drawing content with Helvetica as /F1 and
// the given extra resources.
func onePage(content string, extraRes string, extra ...pdfObj) []byte {
	objs := []pdfObj{
		{body: "<< /Type /Catalog /Pages 2 0 R >>"},
		{body: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
		{body: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> " + extraRes + " >> >>"},
		{body: "<< >>", stream: []byte(content), deflate: true},
		{body: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"},
	}
	return buildPDF(append(objs, extra...))
}

// pages builds a PDF with one page per content stream, Helvetica as /F1.
func pages(contents ...string) []byte {
	n := len(contents)
	objs := []pdfObj{{body: "<< /Type /Catalog /Pages 2 0 R >>"}, {}, {body: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}}
	var kids strings.Builder
	for _, c := range contents {
		page := len(objs) + 1
		fmt.Fprintf(&kids, "%d 0 R ", page)
		objs = append(objs,
			pdfObj{body: fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 3 0 R >> >> >>", page+1)},
			pdfObj{body: "<< >>", stream: []byte(c), deflate: true})
	}
	objs[1] = pdfObj{body: fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), n)}
	return buildPDF(objs)
}

// grid draws a ruled table: rows' top edges ys (descending PDF y, plus
// the bottom edge last), column edges xs.
func ruledGrid(xs, ys []float64) string {
	var b strings.Builder
	b.WriteString("0 0 0 RG 0.5 w\n")
	for _, y := range ys {
		fmt.Fprintf(&b, "%g %g m %g %g l S\n", xs[0], y, xs[len(xs)-1], y)
	}
	for _, x := range xs {
		fmt.Fprintf(&b, "%g %g m %g %g l S\n", x, ys[0], x, ys[len(ys)-1])
	}
	return b.String()
}

package batch

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
)

// IsOwnOutput reports whether the file at path is a report output govreport
// wrote: an .xlsx report workbook (not a template, which people fill and
// hand back), a Word document or a PDF carrying govreport's producer mark.
// It reads at most a few kilobytes of the workbook's parts, and the tail
// of a PDF where the document information lives.
func IsOwnOutput(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	head := make([]byte, 8)
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	switch {
	case bytes.HasPrefix(head, []byte("%PDF")):
		const tail = 1 << 16
		off := max(fi.Size()-tail, 0)
		b := make([]byte, fi.Size()-off)
		if _, err := f.ReadAt(b, off); err != nil && err != io.EOF {
			return false
		}
		// The PDF writer writes the producer as UTF-16BE hex: "govreport".
		return bytes.Contains(b, []byte("FEFF0067006F0076007200650070006F00720074")) ||
			bytes.Contains(b, []byte("/Producer (govreport"))
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		z, err := zip.NewReader(f, fi.Size())
		if err != nil {
			return false
		}
		app := part(z, "docProps/app.xml")
		if !bytes.Contains(app, []byte("<Application>govreport</Application>")) {
			return false
		}
		if wb := part(z, "xl/workbook.xml"); wb != nil {
			return bytes.Contains(wb, []byte(`name="校验结果"`)) // report (the template has no findings sheet; see xlsx.SheetFindings)
		}
		return hasPart(z, "word/document.xml")
	}
	return false
}

func hasPart(z *zip.Reader, name string) bool {
	for _, f := range z.File {
		if f.Name == name {
			return true
		}
	}
	return false
}

// part returns the first 64 KiB of a zip entry (nil when absent).
func part(z *zip.Reader, name string) []byte {
	for _, f := range z.File {
		if f.Name != name {
			continue
		}
		r, err := f.Open()
		if err != nil {
			return nil
		}
		defer r.Close()
		b, _ := io.ReadAll(io.LimitReader(r, 1<<16))
		return b
	}
	return nil
}

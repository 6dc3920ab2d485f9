// Package zipnorm rewrites a zip-based document (xlsx) so that the same
// content always gives the same bytes: entries in a fixed order
// ([Content_Types].xml first, then by name) and one fixed modification time.
// excelize writes its parts in map order, which varies from run to run.
// Normalize rewrites a finished archive; Writer produces the same bytes
// while the archive is being written, holding it once (spooled to a
// temporary file when large).
package zipnorm

import (
	"archive/zip"
	"bytes"
	"io"
	"sort"
	"time"
)

// less is the normalised entry order: [Content_Types].xml, _rels/.rels,
// then by name.
func less(a, b string) bool {
	rank := func(n string) int {
		switch n {
		case "[Content_Types].xml":
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	if rank(a) != rank(b) {
		return rank(a) < rank(b)
	}
	return a < b
}

// Normalize returns b with its entries sorted and stamped with t. The
// compressed data is copied as it is.
func Normalize(b []byte, t time.Time) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.SliceStable(files, func(i, j int) bool { return less(files[i].Name, files[j].Name) })
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range files {
		h := f.FileHeader
		h.Modified = t.UTC()
		// The MS-DOS fields are copied as they are by CreateRaw: clear them
		// so only Modified (written as an extended timestamp) counts.
		h.ModifiedTime, h.ModifiedDate = 0, 0 //lint:ignore SA1019 cleared on purpose, see above
		h.Extra = nil
		h.Comment = ""
		w, err := zw.CreateRaw(&h)
		if err != nil {
			return nil, err
		}
		r, err := f.OpenRaw()
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(w, r); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

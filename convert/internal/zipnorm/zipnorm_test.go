package zipnorm

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
	"time"
)

func mk(t *testing.T, names []string, mod time.Time) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: mod})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "content of "+n)
	}
	zw.Close()
	return b.Bytes()
}

func TestNormalize(t *testing.T) {
	ts := time.Date(2024, 1, 2, 3, 4, 6, 0, time.UTC)
	a, err := Normalize(mk(t, []string{"xl/b.xml", "[Content_Types].xml", "xl/a.xml", "_rels/.rels"}, time.Now()), ts)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Normalize(mk(t, []string{"_rels/.rels", "xl/a.xml", "xl/b.xml", "[Content_Types].xml"}, time.Unix(0, 0)), ts)
	if !bytes.Equal(a, b) {
		t.Fatal("same content, different bytes")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		r, _ := f.Open()
		c, _ := io.ReadAll(r)
		if string(c) != "content of "+f.Name {
			t.Errorf("%s: %q", f.Name, c)
		}
	}
	if names[0] != "[Content_Types].xml" || names[1] != "_rels/.rels" || names[2] != "xl/a.xml" {
		t.Errorf("order %v", names)
	}
	if _, err := Normalize([]byte("not a zip"), ts); err == nil {
		t.Error("garbage accepted")
	}
}

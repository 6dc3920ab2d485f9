package zipnorm

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
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

// TestDiscard: a discarded archive writes nothing, leaves no spool file in
// the temporary folder, and cannot be closed into an output afterwards.
func TestDiscard(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	var out bytes.Buffer
	w := NewWriter(&out, time.Unix(0, 0))
	ew, err := w.Create("big.bin")
	if err != nil {
		t.Fatal(err)
	}
	// Incompressible bytes past SpoolMemory, so the spool moves to a file.
	b := make([]byte, SpoolMemory+1<<20)
	var x uint32 = 1
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	if _, err := ew.Write(b); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Create("next"); err != nil { // finishes big.bin into the spool
		t.Fatal(err)
	}
	if w.file == nil {
		t.Fatal("the spool did not move to a file: the test no longer covers it")
	}
	w.Discard()
	if ents, _ := os.ReadDir(os.Getenv("TMPDIR")); len(ents) != 0 {
		t.Errorf("left in the temporary folder: %v", ents)
	}
	if err := w.Close(); err == nil || out.Len() != 0 {
		t.Errorf("Close after Discard: %v, %d bytes written", err, out.Len())
	}
}

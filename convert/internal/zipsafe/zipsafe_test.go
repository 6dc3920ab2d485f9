package zipsafe

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
)

func build(t *testing.T, sizes ...int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, n := range sizes {
		w, err := zw.Create(strings.Repeat("f", i+1) + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		w.Write(make([]byte, n))
	}
	zw.Close()
	return buf.Bytes()
}

func TestOpen(t *testing.T) {
	if _, err := Open(build(t, 10, 10, 10), 2, 100, 1000); !errors.Is(err, ErrTooManyEntries) || !strings.Contains(err.Error(), "3 个条目，超过上限 2") {
		t.Errorf("entries: %v", err)
	}
	if _, err := Open(build(t, 10, 2<<20), 5, 1<<20, 8<<20); err == nil || !strings.Contains(err.Error(), "ff.txt 解压后有 2097152 字节，超过上限 1 MiB") {
		t.Errorf("one entry: %v", err)
	}
	if _, err := Open(build(t, 1<<20, 1<<20, 1<<20), 5, 1<<20, 2<<20); err == nil || !strings.Contains(err.Error(), "解压后超过 2 MiB") {
		t.Errorf("total: %v", err)
	}
	if _, err := Open([]byte("PK\x03\x04junk"), 5, 1, 1); err == nil || !strings.Contains(err.Error(), "压缩包已损坏") {
		t.Errorf("damaged: %v", err)
	}
	zr, err := Open(build(t, 100), 5, 1000, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := ReadEntry(zr.File[0], 100); err != nil || len(b) != 100 {
		t.Errorf("ReadEntry at the limit: %d %v", len(b), err)
	}
	if _, err := ReadEntry(zr.File[0], 99); !errors.Is(err, ErrTooLarge) || Message(err) != "解压后超过上限（可能是压缩炸弹）" {
		t.Errorf("ReadEntry over the limit: %v", err)
	}
}

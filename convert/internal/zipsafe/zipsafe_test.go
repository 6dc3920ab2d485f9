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

func buildNamed(t *testing.T, entries map[string]int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, n := range entries {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(bytes.Repeat([]byte("a"), n))
	}
	zw.Close()
	return buf.Bytes()
}

func TestScreen(t *testing.T) {
	ok := buildNamed(t, map[string]int{"a.xml": 100, "b.xml": 200})
	tests := []struct {
		name string
		b    []byte
		l    Limits
		want string // "" = accepted
		bomb bool
	}{
		{"fine", ok, Limits{Entries: 2, Part: 200, Total: 300}, "", false},
		{"entries", ok, Limits{Entries: 1}, "包含 2 个部件", true},
		{"part", ok, Limits{Part: 150}, "b.xml 解压后有 200 字节", true},
		{"total", ok, Limits{Total: 250}, "解压后超过", true},
		{"ratio", buildNamed(t, map[string]int{"z.xml": 4 << 20}), Limits{Ratio: 100, RatioFloor: 1 << 20}, "压缩比异常", true},
		{"ratio floor", buildNamed(t, map[string]int{"z.xml": 1 << 19}), Limits{Ratio: 100, RatioFloor: 1 << 20}, "", false},
		{"not zip", []byte("PK\x03\x04 nothing"), Limits{}, "测试包已损坏", false},
	}
	for _, tt := range tests {
		_, err := Screen(tt.b, tt.l, "测试包")
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		var ze *Error
		if !errors.As(err, &ze) || !strings.Contains(ze.Msg, tt.want) || ze.Bomb != tt.bomb {
			t.Errorf("%s: %v (bomb %v), want %q", tt.name, err, ze != nil && ze.Bomb, tt.want)
		}
	}
}

func TestInflateLimit(t *testing.T) {
	b := buildNamed(t, map[string]int{"a.xml": 1000})
	zr, err := Screen(b, Limits{}, "测试包")
	if err != nil {
		t.Fatal(err)
	}
	if data, err := ReadAll(zr.File[0], 1000, "测试包"); err != nil || len(data) != 1000 {
		t.Errorf("ReadAll at the limit: %d, %v", len(data), err)
	}
	var ze *Error
	if _, err := ReadAll(zr.File[0], 999, "测试包"); !errors.As(err, &ze) || !ze.Bomb || ze.Part != "a.xml" {
		t.Errorf("ReadAll over the limit: %v", err)
	}
}

func TestEntries(t *testing.T) {
	b := buildNamed(t, map[string]int{"a": 1, "b": 2, "c": 3})
	if n, ok := Entries(b); !ok || n != 3 {
		t.Errorf("Entries = %d, %v", n, ok)
	}
	if _, ok := Entries([]byte("PK\x03\x04 no directory")); ok {
		t.Error("Entries found a record in a truncated zip")
	}
	// A declared count over the limit is refused before the directory is
	// read, even when the directory itself is garbage.
	fake := append([]byte("PK\x03\x04"), make([]byte, 100)...)
	fake = append(fake, 'P', 'K', 5, 6, 0, 0, 0, 0, 0xFF, 0xFE, 0xFF, 0xFE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	var ze *Error
	if _, err := Screen(fake, Limits{Entries: 2000}, "测试包"); !errors.As(err, &ze) || !ze.Bomb || !strings.Contains(ze.Msg, "65279") {
		t.Errorf("Screen = %v", err)
	}
	if _, err := Open(fake, 2000, 1, 1); !errors.Is(err, ErrTooManyEntries) {
		t.Errorf("Open = %v", err)
	}
}

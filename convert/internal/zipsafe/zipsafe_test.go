package zipsafe

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
)

func build(t *testing.T, entries map[string]int) []byte {
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

func TestOpen(t *testing.T) {
	ok := build(t, map[string]int{"a.xml": 100, "b.xml": 200})
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
		{"ratio", build(t, map[string]int{"z.xml": 4 << 20}), Limits{Ratio: 100, RatioFloor: 1 << 20}, "压缩比异常", true},
		{"ratio floor", build(t, map[string]int{"z.xml": 1 << 19}), Limits{Ratio: 100, RatioFloor: 1 << 20}, "", false},
		{"not zip", []byte("PK\x03\x04 nothing"), Limits{}, "测试包已损坏", false},
	}
	for _, tt := range tests {
		_, err := Open(tt.b, tt.l, "测试包")
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
	b := build(t, map[string]int{"a.xml": 1000})
	zr, err := Open(b, Limits{}, "测试包")
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
	b := build(t, map[string]int{"a": 1, "b": 2, "c": 3})
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
	if _, err := Open(fake, Limits{Entries: 2000}, "测试包"); !errors.As(err, &ze) || !ze.Bomb || !strings.Contains(ze.Msg, "65279") {
		t.Errorf("Open = %v", err)
	}
}

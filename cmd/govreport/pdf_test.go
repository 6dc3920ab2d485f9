package main

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var objStmRE = regexp.MustCompile(`/Type /ObjStm [^>]*/Length (\d+) *>>\nstream\n`)

// objects returns the dictionaries of the PDF b's object stream (where the
// fonts' are), decompressed.
func objects(t *testing.T, b []byte) []byte {
	t.Helper()
	m := objStmRE.FindSubmatchIndex(b)
	if m == nil {
		t.Fatal("the PDF has no object stream")
	}
	n, _ := strconv.Atoi(string(b[m[2]:m[3]]))
	zr, err := zlib.NewReader(bytes.NewReader(b[m[1] : m[1]+n]))
	if err != nil {
		t.Fatal(err)
	}
	d, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestConvertPdf: convert -t pdf -o DIR seed writes DIR/<base>.pdf, the
// same bytes on every run (SOURCE_DATE_EPOCH stamps the creation date).
func TestConvertPdf(t *testing.T) {
	env := map[string]string{"SOURCE_DATE_EPOCH": "1609459200"} // 2021-01-01T00:00:00Z
	var first []byte
	for run := 0; run < 2; run++ {
		dir := t.TempDir()
		_, stderr, code := cli(t, env, "convert", "-q", "-t", "pdf", "-o", dir, seed("001"))
		if code != 0 {
			t.Fatalf("exit %d, stderr %s", code, stderr)
		}
		base := strings.TrimSuffix(filepath.Base(seed("001")), ".txt")
		b, err := os.ReadFile(filepath.Join(dir, base+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("%d files in the output folder, want only the .pdf", len(entries))
		}
		if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("/CreationDate(D:20210101000000+00'00')")) {
			t.Error("not a PDF stamped with SOURCE_DATE_EPOCH")
		}
		if run == 0 {
			first = b
		} else if !bytes.Equal(first, b) {
			t.Error("two runs wrote different bytes")
		}
	}
}

// TestConvertPdfWithFindings: --with-findings adds the appendix (seed 002
// fails a check), so the file grows.
func TestConvertPdfWithFindings(t *testing.T) {
	size := func(args ...string) int64 {
		dir := t.TempDir()
		_, stderr, code := cli(t, nil, append(append([]string{"convert", "-q", "-t", "pdf", "-o", dir}, args...), seed("002"))...)
		if code != 0 {
			t.Fatalf("exit %d, stderr %s", code, stderr)
		}
		fi, err := os.Stat(filepath.Join(dir, strings.TrimSuffix(filepath.Base(seed("002")), ".txt")+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	if with, without := size("--with-findings"), size(); with <= without {
		t.Errorf("--with-findings: %d bytes, without: %d", with, without)
	}
}

// TestConvertPdfFonts: --font-dir and --font-<role> take TrueType files; a
// file that is not one stops the run with exit 2 and a Chinese message
// naming the file, before anything is written.
func TestConvertPdfFonts(t *testing.T) {
	good := filepath.Join("..", "..", "fonts", "kai.ttf")
	t.Run("good", func(t *testing.T) {
		dir := t.TempDir()
		fontDir := t.TempDir()
		b, err := os.ReadFile(good)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(fontDir, "simfang.ttf"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := cli(t, nil, "convert", "-q", "-t", "pdf", "--font-dir", fontDir, "--font-title", good, "-o", dir, seed("001"))
		if code != 0 {
			t.Fatalf("exit %d, stderr %s", code, stderr)
		}
		out, _ := os.ReadFile(filepath.Join(dir, strings.TrimSuffix(filepath.Base(seed("001")), ".txt")+".pdf"))
		if objs := objects(t, out); !bytes.Contains(objs, []byte("+simfang")) || !bytes.Contains(objs, []byte("+kai")) {
			t.Error("the user's fonts are not embedded")
		}
	})
	t.Run("bad dir file", func(t *testing.T) {
		dir, fontDir := t.TempDir(), t.TempDir()
		bad := filepath.Join(fontDir, "simhei.ttf")
		if err := os.WriteFile(bad, []byte("this is not a font at all"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := cli(t, nil, "convert", "-t", "pdf", "--font-dir", fontDir, "-o", dir, seed("001"))
		if code != 1 && code != 2 {
			t.Errorf("exit %d, want 1 or 2", code)
		}
		if !strings.Contains(stderr, bad) || !strings.Contains(stderr, "字体") {
			t.Errorf("message does not name the file in Chinese: %q", stderr)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("wrote %d files despite the bad font", len(entries))
		}
	})
	t.Run("bad role flag", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "仿宋_GB2312.ttc")
		if err := os.WriteFile(bad, []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x00"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := cli(t, nil, "convert", "-t", "pdf", "--font-fang", bad, "-o", t.TempDir(), seed("001"))
		if code != 2 || !strings.Contains(stderr, bad) || !strings.Contains(stderr, "TrueType") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
		_, stderr, code = cli(t, nil, "convert", "-t", "pdf", "--font-song", filepath.Join(t.TempDir(), "none.ttf"), "-o", t.TempDir(), seed("001"))
		if code != 2 || !strings.Contains(stderr, "none.ttf") {
			t.Errorf("missing file: exit %d, stderr %q", code, stderr)
		}
	})
	t.Run("help", func(t *testing.T) {
		out, _, code := cli(t, nil, "help", "convert")
		for _, f := range []string{"--font-dir", "--font-fang", "--font-hei", "--font-kai", "--font-song", "--font-title", "--with-findings", "pdf"} {
			if code != 0 || !strings.Contains(out, f) {
				t.Errorf("help convert lacks %s", f)
			}
		}
	})
}

// TestConvertPdfMissingGlyph: a character no font has is reported on
// stderr (unless -q) with the character and where it is.
func TestConvertPdfMissingGlyph(t *testing.T) {
	src, err := os.ReadFile(seed("001"))
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "r.txt")
	// The agency appears in the contact sentence the reader takes it from.
	if err := os.WriteFile(in, bytes.ReplaceAll(src, []byte("大祥区行政审批服务局"), []byte("大祥区\U0002A6D6行政审批服务局")), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := cli(t, nil, "convert", "-t", "pdf", "-o", t.TempDir(), in)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	if !strings.Contains(stderr, "PDF-GLYPH-MISSING") || !strings.Contains(stderr, "U+2A6D6") {
		t.Errorf("stderr lacks the missing character: %q", stderr)
	}
}

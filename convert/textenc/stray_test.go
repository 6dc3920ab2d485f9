package textenc

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const page = "2024年某某区政府信息公开工作年度报告\n一、总体情况\n2024年，某某区人民政府坚持以公开为常态、不公开为例外。\n二、主动公开政府信息情况\n"

// TestStrayByte: one invalid byte inside a UTF-8 page neither makes the
// page binary nor garbles it as GB18030; its offset is reported.
func TestStrayByte(t *testing.T) {
	b := []byte(page)
	at := strings.Index(page, "一、")
	b = append(append(append([]byte{}, b[:at]...), 0xFF), b[at:]...)
	s, enc, err := Decode(b)
	if err != nil || enc != UTF8 {
		t.Fatalf("Decode = %s, %v", enc, err)
	}
	if s != page[:at]+"\uFFFD"+page[at:] {
		t.Errorf("text = %q", s)
	}
	st := Strays(b)
	if len(st) != 1 || st[0].Offset != at || !bytes.Equal(st[0].Bytes, []byte{0xFF}) || st[0].As != "" {
		t.Errorf("Strays = %+v", st)
	}
}

// TestGBKWordInUTF8: a word saved in GBK inside a UTF-8 page is read as
// GBK, and reported.
func TestGBKWordInUTF8(t *testing.T) {
	gb, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("规范性文件"))
	if err != nil {
		t.Fatal(err)
	}
	head := page + "本年制发"
	b := append(append([]byte(head), gb...), []byte("8件。\n")...)
	s, enc, err := Decode(b)
	if err != nil || enc != UTF8 || s != head+"规范性文件8件。\n" {
		t.Fatalf("Decode = %q, %s, %v", s, enc, err)
	}
	st := Strays(b)
	if len(st) != 1 || st[0].Offset != len(head) || st[0].As != "规范性文件" {
		t.Errorf("Strays = %+v", st)
	}
}

// TestGBKFileStaysGBK: a whole GBK file is not "mostly UTF-8".
func TestGBKFileStaysGBK(t *testing.T) {
	gb, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	s, enc, err := Decode(gb)
	if err != nil || enc != GB18030 || s != page {
		t.Fatalf("Decode = %q, %s, %v", s, enc, err)
	}
	if Strays(gb) != nil || Strays([]byte(page)) != nil {
		t.Error("Strays on a clean file")
	}
}

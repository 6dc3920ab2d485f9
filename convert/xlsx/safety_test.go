package xlsx_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"github.com/govreport/govreport/convert/input"
	"hash/crc32"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/xlsx"
)

// ole returns the start of an OLE compound file whose directory names the
// given streams (UTF-16LE), which is what the reader looks at.
func ole(streams ...string) []byte {
	b := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	b = append(b, make([]byte, 504)...)
	for _, s := range streams {
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		b = append(b, make([]byte, 16)...)
	}
	return b
}

// zipOf builds a zip from name/content pairs.
func zipOf(t testing.TB, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[i+1]))
	}
	zw.Close()
	return buf.Bytes()
}

// bomb builds a zip with a workbook part and an entry of n zero bytes; when
// lie is set, the headers claim the entry is 10 bytes long.
func bomb(t testing.TB, n int, lie bool) []byte {
	t.Helper()
	var data bytes.Buffer
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("xl/workbook.xml")
	w.Write([]byte(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>`))
	if !lie {
		w, _ = zw.Create("xl/worksheets/sheet1.xml")
		zeros := make([]byte, 1<<20)
		for i := 0; i < n>>20; i++ {
			w.Write(zeros)
		}
	} else {
		// Compress by hand, then store with a false size.
		var comp bytes.Buffer
		fw := zip.NewWriter(&comp)
		ww, _ := fw.CreateHeader(&zip.FileHeader{Name: "x", Method: zip.Deflate})
		zeros := make([]byte, 1<<20)
		crc := crc32.NewIEEE()
		for i := 0; i < n>>20; i++ {
			ww.Write(zeros)
			crc.Write(zeros)
		}
		fw.Close()
		zr, _ := zip.NewReader(bytes.NewReader(comp.Bytes()), int64(comp.Len()))
		raw, _ := zr.File[0].OpenRaw()
		data.ReadFrom(raw)
		hw, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
			CRC32: crc.Sum32(), CompressedSize64: uint64(data.Len()), UncompressedSize64: 10})
		if err != nil {
			t.Fatal(err)
		}
		hw.Write(data.Bytes())
	}
	zw.Close()
	return buf.Bytes()
}

// hugeSheet replaces the first worksheet of a template with one that uses
// cell XFD1048576.
func hugeSheet(t testing.TB, cell string) []byte {
	t.Helper()
	return rezip(t, template(t, model.Edition2021), func(name string, data []byte) []byte {
		if name == "xl/worksheets/sheet1.xml" {
			s := string(data)
			i := strings.Index(s, "</sheetData>")
			return []byte(s[:i] + `<row r="1048576"><c r="` + cell + `"><v>1</v></c></row>` + s[i:])
		}
		return data
	})
}

func TestRefusedInputs(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty.xlsx", nil, "空"},
		{"text.xlsx", []byte("这不是工作簿"), "不是 Excel 工作簿"},
		{"truncated.xlsx", template(t, model.Edition2021)[:3000], "损坏"},
		{"old.xls", ole("Workbook", "SummaryInformation"), ".xls"},
		{"locked.xlsx", ole("EncryptionInfo", "EncryptedPackage"), "密码"},
		{"locked.docx", ole("EncryptionInfo", "EncryptedPackage"), "Word 文档设置了打开密码"},
		{"word.doc", ole("WordDocument"), "复合文档"},
		{"other.zip", zipOf(t, "a.txt", "hello"), "不是 Excel 工作簿"},
		{"bomb.xlsx", bomb(t, 64<<20, false), "压缩炸弹"},
		{"liar.xlsx", bomb(t, 64<<20, true), "损坏"},
		{"huge.xlsx", hugeSheet(t, "A1048576"), "上限"},
		{"wide.xlsx", hugeSheet(t, "XFD1"), "上限"},
		{"notables.xlsx", zipOf(t, "[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`, "xl/workbook.xml", "<workbook/>"), ""},
	}
	for _, tt := range tests {
		rep, err := xlsx.ReadBytes(tt.data, input.Options{Name: tt.name})
		var pe *model.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: got %v, %v; want a ParseError", tt.name, rep, err)
			continue
		}
		if pe.File != tt.name || !strings.Contains(err.Error(), tt.name) || !strings.Contains(pe.Msg, tt.want) {
			t.Errorf("%s: %v (want a message naming the file and saying %q)", tt.name, err, tt.want)
		}
	}
}

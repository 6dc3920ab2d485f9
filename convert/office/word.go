package office

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"unicode/utf16"

	"github.com/govreport/govreport/convert/docxread"
	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
)

// LayoutDoc is the Meta.Layout of reports read from .doc/.wps files.
const LayoutDoc = "doc"

// FindingConverted is the id of the info finding that says a report was
// converted by LibreOffice before it was read.
const FindingConverted = "READ-DOC-CONVERTED"

// oleMagic starts every OLE compound file.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// wordStream is the name of the main stream of a Word 97–2003 (and WPS)
// document as the OLE directory stores it, in UTF-16LE.
var wordStream = func() []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune("WordDocument")) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}()

// SniffWord reports whether b is an old Word or WPS document: an OLE
// compound file whose directory names a WordDocument stream, or an RTF
// file (what many sites serve as "Word" downloads, often named .doc).
func SniffWord(b []byte) bool {
	return bytes.HasPrefix(b, oleMagic) && bytes.Contains(b, wordStream) || isRTF(b)
}

// isRTF reports whether b starts like an RTF document.
func isRTF(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	return bytes.HasPrefix(bytes.TrimLeft(b, " \t\r\n"), []byte(`{\rtf`))
}

// noOffice tells people how to read a .doc without LibreOffice.
const noOffice = "这是旧版 Word/WPS 文件（.doc、.wps 或 RTF），本机没有安装 LibreOffice，无法直接读取；" +
	"请在 Word 或 WPS 中另存为 .docx 后再读取，或安装 LibreOffice 后转换：soffice --headless --convert-to docx 文件.doc"

// ReadWord reads an old Word or WPS document: converted to .docx by
// LibreOffice (ToDocx), then read by docxread. Without LibreOffice it
// refuses with a message saying how to convert the file.
func ReadWord(b []byte, o input.Options) (*model.Report, error) {
	if err := input.CheckSize(b, o); err != nil {
		return nil, err
	}
	ext := strings.ToLower(filepath.Ext(o.Name))
	if isRTF(b) {
		ext = ".rtf"
	}
	data, err := ToDocx(context.Background(), b, ext, Options{})
	switch {
	case errors.Is(err, ErrNoOffice):
		return nil, o.Errorf("%s", noOffice)
	case err != nil:
		return nil, o.Errorf("%s", err.Error())
	}
	rep, err := docxread.Read(data, o)
	if err != nil {
		var pe *model.ParseError
		if errors.As(err, &pe) {
			pe.Msg = "LibreOffice 转换后的文档无法读取：" + pe.Msg
		}
		return nil, err
	}
	rep.Meta.Layout = LayoutDoc
	rep.AddFinding(model.Finding{ID: FindingConverted, Status: model.Info,
		Message: "旧版 Word/WPS 文件（或 RTF）已由 LibreOffice 转换为 .docx 后读取；单元格位置按转换后的表格给出"})
	return rep, nil
}

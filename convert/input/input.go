// Package input holds what every reader shares: the one options type
// (Options), the size limit, and the decode prologue that turns the bytes
// of a text-like input (text, HTML) into a string, with errors that name
// the file. Readers import it; the convert package's registry calls them.
package input

import (
	"errors"
	"fmt"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/textenc"
	"github.com/govreport/govreport/templates"
)

// MaxSize is the largest input any reader accepts (64 MiB); real reports are
// well under 1 MiB as text and a few MiB as PDF or Word.
const MaxSize = 64 << 20

// Options configure a read. Every reader takes this one type.
type Options struct {
	// Name is the input's file name, used in the model (Meta.Source) and in
	// messages.
	Name string
	// Specs are the table specs to read against; nil means the embedded
	// editions (templates.Default()). --spec-dir adds editions or variants.
	Specs *templates.Set
	// Agency and Year, when set, override what the reader finds (the CLI's
	// --agency/--year and --meta); the reader records the override as the
	// source.
	Agency string
	Year   int
}

// SpecSet returns o.Specs, or the embedded set when nil.
func (o Options) SpecSet() *templates.Set {
	if o.Specs != nil {
		return o.Specs
	}
	return templates.Default()
}

// Errorf returns a hard read failure naming the input.
func (o Options) Errorf(format string, args ...any) *model.ParseError {
	return &model.ParseError{File: o.Name, Msg: fmt.Sprintf(format, args...)}
}

// CheckSize refuses inputs over MaxSize.
func CheckSize(b []byte, o Options) error {
	if len(b) > MaxSize {
		return o.Errorf("文件过大（超过 %d MiB），不像是一份年度报告", MaxSize>>20)
	}
	return nil
}

// Decode is the one decode prologue of the text-like readers: size limit,
// encoding detection (BOM, UTF-16, UTF-8, GB18030, Big5) and the Chinese
// messages for binary or undecodable input.
func Decode(b []byte, o Options) (string, textenc.Encoding, error) {
	if err := CheckSize(b, o); err != nil {
		return "", "", err
	}
	s, enc, err := textenc.Decode(b)
	if err != nil {
		if errors.Is(err, textenc.ErrBinary) {
			return "", "", o.Errorf("不是文本文件（疑似二进制内容），无法读取")
		}
		return "", "", o.Errorf("无法识别文字编码：%v", err)
	}
	return s, enc, nil
}

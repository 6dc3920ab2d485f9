// Package zipsafe opens the zip containers of Office files (xlsx, docx)
// without trusting them: it checks the central directory (entry count,
// declared sizes, compression ratio) before anything is inflated, and
// inflates a part only up to a limit, so a zip bomb or a header that lies
// about its size costs neither memory nor time. The readers of zip-based
// formats (convert/xlsx, convert/docxread) call it first; its messages are
// Simplified Chinese and name the part, with the container's noun
// ("工作簿", "Word 文档") supplied by the caller.
package zipsafe

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Limits bound what Open accepts. A zero field means no limit of that kind.
type Limits struct {
	// Entries is the largest number of zip entries.
	Entries int
	// Part is the largest declared uncompressed size of one entry.
	Part uint64
	// Total is the largest declared uncompressed size of all entries.
	Total uint64
	// Ratio is the largest uncompressed/compressed ratio of an entry
	// declared larger than RatioFloor; DEFLATE reaches about 1030:1 on
	// repeated bytes, real XML parts stay far below 100:1.
	Ratio      uint64
	RatioFloor uint64
}

// Error is a refusal or a damaged container. Part is the entry it is about
// ("" for the whole container); Msg is the Chinese message for people.
type Error struct {
	Part string
	Msg  string
	// Bomb is set when the refusal is a size or ratio limit rather than
	// damage.
	Bomb bool
}

func (e *Error) Error() string { return e.Msg }

// Open opens b as a zip archive and checks its central directory against
// l. noun names the container in messages ("工作簿").
func Open(b []byte, l Limits, noun string) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, &Error{Msg: noun + "已损坏，无法解压（" + Message(err) + "）"}
	}
	if l.Entries > 0 && len(zr.File) > l.Entries {
		return nil, &Error{Bomb: true, Msg: fmt.Sprintf("%s包含 %d 个部件，超过上限 %d，拒绝读取（可能是恶意构造的文件）", noun, len(zr.File), l.Entries)}
	}
	var total uint64
	for _, f := range zr.File {
		size := f.UncompressedSize64
		if l.Part > 0 && size > l.Part {
			return nil, &Error{Part: f.Name, Bomb: true, Msg: fmt.Sprintf("%s部件 %s 解压后有 %d 字节，超过上限，拒绝读取（可能是压缩炸弹）", noun, f.Name, size)}
		}
		if l.Ratio > 0 && size > l.RatioFloor && size/max(f.CompressedSize64, 1) > l.Ratio {
			return nil, &Error{Part: f.Name, Bomb: true, Msg: fmt.Sprintf("%s部件 %s 的压缩比异常（%d 字节压缩为 %d 字节），拒绝读取（可能是压缩炸弹）", noun, f.Name, size, f.CompressedSize64)}
		}
		total += size
		if l.Total > 0 && total > l.Total {
			return nil, &Error{Bomb: true, Msg: fmt.Sprintf("%s解压后超过 %d MB，拒绝读取（可能是压缩炸弹）", noun, l.Total>>20)}
		}
	}
	return zr, nil
}

// Inflate copies the uncompressed content of f to w, refusing to write more
// than limit bytes. archive/zip also refuses to read past the size a header
// declares, so a lying header is reported as damage.
func Inflate(w io.Writer, f *zip.File, limit int64, noun string) (int64, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, &Error{Part: f.Name, Msg: fmt.Sprintf("%s部件 %s 无法解压（%s）", noun, f.Name, Message(err))}
	}
	defer rc.Close()
	n, err := io.Copy(w, &io.LimitedReader{R: rc, N: limit + 1})
	if err != nil {
		return n, &Error{Part: f.Name, Msg: fmt.Sprintf("%s部件 %s 已损坏（%s）", noun, f.Name, Message(err))}
	}
	if n > limit {
		return n, &Error{Part: f.Name, Bomb: true, Msg: fmt.Sprintf("%s部件 %s 解压后超过上限，拒绝读取（可能是压缩炸弹）", noun, f.Name)}
	}
	return n, nil
}

// ReadAll inflates f into memory with Inflate's limit.
func ReadAll(f *zip.File, limit int64, noun string) ([]byte, error) {
	var buf bytes.Buffer
	if f.UncompressedSize64 < uint64(limit) {
		buf.Grow(int(f.UncompressedSize64))
	}
	if _, err := Inflate(&buf, f, limit, noun); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Message is a short Chinese explanation of an archive/zip error.
func Message(err error) string {
	switch {
	case errors.Is(err, zip.ErrFormat):
		return "不是有效的 zip 格式"
	case errors.Is(err, zip.ErrChecksum):
		return "校验和错误"
	case errors.Is(err, zip.ErrAlgorithm):
		return "不支持的压缩算法"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "文件不完整"
	}
	return err.Error()
}

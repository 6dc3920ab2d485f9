// Package zipsafe holds the zip limits every zip-based input shares (xlsx
// workbooks, docx documents, zips of reports uploaded to govreport serve)
// and the helpers that apply them: a zip is opened only after its central
// directory has been screened, and every entry is decompressed through a
// limit, so neither a lying header nor a zip bomb can exhaust memory.
//
// It sits below the readers: convert/xlsx screens workbooks with it, and
// convert/serve expands uploaded zips with it.
package zipsafe

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Limits on a zip container. A filled template is about 30 KB zipped and
// 300 KB unzipped; these limits are two orders of magnitude above any real
// report document and far below what would exhaust memory.
const (
	// MaxEntries is the largest number of zip entries.
	MaxEntries = 2000
	// MaxUnzipped is the largest total uncompressed size of all entries of
	// one document.
	MaxUnzipped = 64 << 20
	// MaxPart is the largest uncompressed size of one document part.
	MaxPart = 16 << 20
)

// ErrTooLarge is returned by ReadEntry when an entry decompresses to more
// than the limit it was given.
var ErrTooLarge = errors.New("zipsafe: entry larger than the limit")

// ErrTooManyEntries matches (errors.Is) the error Open returns for a zip
// with more entries than allowed; its message is the Chinese one.
var ErrTooManyEntries = errors.New("zipsafe: too many entries")

type entriesError struct{ msg string }

func (e *entriesError) Error() string        { return e.msg }
func (e *entriesError) Is(target error) bool { return target == ErrTooManyEntries }

// Message turns an archive/zip error into Chinese for people.
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
	case errors.Is(err, ErrTooLarge):
		return "解压后超过上限（可能是压缩炸弹）"
	}
	return "内容无法解析" // the library's own (English) wording is not shown
}

// Open reads the central directory of the zip in b and refuses it (with a
// Chinese message naming what) when it has more than maxEntries entries or
// declares more than maxTotal bytes uncompressed in all, or more than
// maxEntry in one entry.
func Open(b []byte, maxEntries int, maxEntry, maxTotal uint64) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("压缩包已损坏，无法解压（%s）", Message(err))
	}
	if len(zr.File) > maxEntries {
		return nil, &entriesError{fmt.Sprintf("压缩包包含 %d 个条目，超过上限 %d，拒绝读取", len(zr.File), maxEntries)}
	}
	var total uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > maxEntry {
			return nil, fmt.Errorf("压缩包中的 %s 解压后有 %d 字节，超过上限 %d MiB，拒绝读取（可能是压缩炸弹）", f.Name, f.UncompressedSize64, maxEntry>>20)
		}
		total += f.UncompressedSize64
		if total > maxTotal {
			return nil, fmt.Errorf("压缩包解压后超过 %d MiB，拒绝读取（可能是压缩炸弹）", maxTotal>>20)
		}
	}
	return zr, nil
}

// ReadEntry decompresses one entry, reading at most limit bytes; a longer
// entry gives ErrTooLarge. archive/zip also refuses to read past the size
// the header declares, so a header that lies is caught as damage.
func ReadEntry(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var buf bytes.Buffer
	if f.UncompressedSize64 < uint64(limit) {
		buf.Grow(int(f.UncompressedSize64))
	}
	n, err := buf.ReadFrom(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, err
	}
	if n > limit {
		return nil, ErrTooLarge
	}
	return buf.Bytes(), nil
}

// Package zipsafe holds the zip limits every zip-based input shares (xlsx
// workbooks, docx documents, zips of reports uploaded to govreport serve)
// and the helpers that apply them: a zip is opened only after its central
// directory has been screened, and every entry is decompressed through a
// limit, so neither a lying header nor a zip bomb can exhaust memory.
//
// It sits below the readers: convert/xlsx and convert/docxread screen
// workbooks and Word documents with Screen (messages that name the
// container, "工作簿" or "Word 文档", and the part), and convert/serve
// expands uploaded zips with Open and ReadEntry.
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
	// archive/zip makes a File for every central-directory record before
	// anything can be checked, so the count the directory declares is read
	// first (see Entries).
	if n, ok := Entries(b); ok && n > uint64(maxEntries) {
		return nil, &entriesError{fmt.Sprintf("压缩包包含 %d 个条目，超过上限 %d，拒绝读取", n, maxEntries)}
	}
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

// Limits bound what Screen accepts. A zero field means no limit of that kind.
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

// Screen opens b as a zip archive and checks its central directory against
// l. noun names the container in messages ("工作簿"); errors are *Error.
func Screen(b []byte, l Limits, noun string) (*zip.Reader, error) {
	// archive/zip makes a File for every central-directory record before
	// anything can be checked; a 64 MB zip of empty entries would cost
	// hundreds of MB, so the count the directory declares is read first.
	if n, ok := Entries(b); ok && l.Entries > 0 && n > uint64(l.Entries) {
		return nil, &Error{Bomb: true, Msg: fmt.Sprintf("%s包含 %d 个部件，超过上限 %d，拒绝读取（可能是恶意构造的文件）", noun, n, l.Entries)}
	}
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

// Entries returns the number of entries the end-of-central-directory
// record of zip b declares (the ZIP64 record when the classic one says
// 0xFFFF), without reading the directory; ok is false when no record is
// found.
func Entries(b []byte) (n uint64, ok bool) {
	// The record is 22 bytes plus a comment of at most 65535 bytes.
	from := max(0, len(b)-(22+65535))
	i := bytes.LastIndex(b[from:], []byte("PK\x05\x06"))
	if i < 0 {
		return 0, false
	}
	i += from
	if i+22 > len(b) {
		return 0, false
	}
	n = uint64(le16(b[i+10:]))
	if n != 0xFFFF || i < 20 {
		return n, true
	}
	// ZIP64 end of central directory locator, just before the record.
	loc := b[i-20:]
	if !bytes.HasPrefix(loc, []byte("PK\x06\x07")) {
		return n, true
	}
	off := le64(loc[8:])
	if off > uint64(len(b)) || off+56 > uint64(len(b)) || !bytes.HasPrefix(b[off:], []byte("PK\x06\x06")) {
		return n, true
	}
	return le64(b[off+32:]), true
}

func le16(b []byte) uint16 { return uint16(b[0]) | uint16(b[1])<<8 }

func le64(b []byte) uint64 {
	var v uint64
	for i := 7; i >= 0; i-- {
		v = v<<8 | uint64(b[i])
	}
	return v
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

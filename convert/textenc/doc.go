// Package textenc detects the character encoding of a report file and decodes
// it to UTF-8 text.
//
// It is the first stage of every govreport reader: the text, HTML and pipe-table
// readers all receive raw bytes, pass them through [Decode], and only then look
// at structure. Government annual reports (政府信息公开工作年度报告) are published
// in UTF-8 (with or without a byte order mark), GBK/GB18030, Big5, and UTF-16
// little or big endian (with or without a byte order mark); [Detect] tells
// these apart without any hint from the caller, and [Decode] returns the text
// with the byte order mark removed and line endings normalised to "\n".
//
// Detection works in this order:
//
//  1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
//  2. BOM-less UTF-16, from the position of NUL bytes (ASCII characters in
//     UTF-16 have a NUL high byte) and from how plausible the decoded code
//     points are (CJK, ASCII, CJK punctuation, few unpaired surrogates) in
//     one byte order compared with the other;
//  3. valid UTF-8, or UTF-8 with a few runs of bytes that are not (one stray
//     byte, a word saved in GBK): the rest is decoded as UTF-8, each run is
//     read as GB18030 when that gives Chinese characters and replaced with
//     U+FFFD otherwise, and [Strays] lists the runs with their offsets so
//     readers can report them;
//  4. GB18030 (a superset of GBK and GB2312) against Big5, by decoding with
//     both and comparing how many frequent hanzi each decoding yields and how
//     many bytes could not be decoded.
//
// Bytes that are not text at all (NUL bytes outside UTF-16, or a high share
// of control or replacement characters after decoding) are rejected with
// [ErrBinary].
//
// The package uses only the standard library and golang.org/x/text.
package textenc

// Package convert is govreport's library entry point: it chooses the reader
// for an input by its content, runs the checks, and writes the requested
// output formats. Readers and writers each sit in one table:
//
//   - readers.go: the input readers (PDF, Word, Excel, HTML, text), tried in
//     order by their Sniff functions; the text reader takes the rest.
//   - formats.go: the output writers (JSON, xlsx, PDF, docx).
//
// The batch's list of extensions, the CLI's help texts and the README's list
// of inputs come from these tables.
//
// # Adding a reader
//
// A new input format touches three places:
//
//  1. Its package under convert/ with
//     Read(b []byte, o input.Options) (*model.Report, error) and a content
//     Sniff(b []byte) bool. Every reader takes the one options type
//     input.Options; text-like inputs decode through input.Decode. A reader
//     whose source has real table cells (HTML, PDF, Word) does not match
//     labels itself: it builds a grid.Document — paragraphs and tables in
//     reading order, every cell with its grid.Pos — and returns
//     grid.Read(doc, o), the shared step that places the cells in the
//     official tables, reads metadata and the six parts, and keeps each
//     cell's position as its Ref.
//  2. One entry in the readers table in readers.go (name, extensions, one
//     Chinese help line, Sniff, Read), placed before any reader that would
//     also accept its bytes.
//  3. Its testdata: inputs under testdata/, and a test that reads them with
//     every cell compared with the text reading of the same report.
//
// # The document writers
//
// The PDF and Word writers share one description of the printed document,
// package outline (title, headings, paragraphs with sub-heads, the tables
// with their marked cells and notes, signature, findings appendix) and one
// house style (outline/style.go: GB/T 9704 page geometry, type sizes, font
// roles), which the Excel writer reads too. What is printed is decided
// there once; each writer only renders the outline in its medium.
//
// Readers and writers never touch the file system or the clock themselves;
// this package does (ReadFile, WriteFile), and passes timestamps in through
// WriteOptions.
//
// # Guards
//
// The hostile-input guards that hold for every reader and writer sit here,
// at the entry points, so that the format packages need not repeat them
// (see README "数值与资源上限"):
//
//   - files.go: only regular files are read, never blocking on a named pipe
//     (OpenRegular); outputs go through AtomicWrite — short temporary
//     names, nothing left on failure, and Interrupt (SIGINT/SIGTERM) removes
//     the writes in progress; SOURCE_DATE_EPOCH is range-checked.
//   - convert.go: text and HTML inputs over MaxLines lines are refused
//     before a reader keeps a record per line.
//   - fit.go: document outputs (xlsx, PDF, Word) get a copy of the report
//     without decorative lines, with the prose, cell texts and findings
//     capped (WRITE-TEXT-LIMIT, WRITE-CELL-LIMIT), so their size and cost
//     stay bounded and within the formats' limits.
package convert

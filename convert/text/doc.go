// Package text reads legacy annual reports published as text: web pages
// whose tables were flattened into lines. It is the first reader of the
// pipeline (text → model) and also the engine behind the HTML reader, which
// renders its tables as pipe rows and hands the text here.
//
// Reading happens in stages that keep line numbers: decode the bytes (any
// common Chinese encoding), clean each line (injected pinyin removed), find
// the six part headings, cut the table parts into cell tokens (cell lines,
// pipe rows, indented cells with U+00A0 blanks, whitespace-separated rows),
// detect the edition from the labels, assign tokens to field keys by matching
// row labels against the official specs in package templates, and finally
// read the metadata (agency, year, publish date, title).
//
// Every doubt becomes a finding; nothing is guessed silently.
package text

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
// Text extracted from PDFs (pdftotext -layout, copy-paste) keeps the
// printed columns, and the reader uses them: a row label wrapped over
// several lines is joined from the pieces at its column; a group label
// printed beside the rows, one character per line, or written in front of
// a row label is set apart; page numbers and form feeds inside a table are
// skipped; lines of numbers whose labels were printed elsewhere are placed
// only when the labels around them leave exactly that many official rows
// (READ-LABELLESS-ROWS), else reported (READ-UNASSIGNED). Numbers written
// in Chinese (一百二十) and numbers with a blank inside (1 5) are read with
// a doubt. A 2021 report whose table 三 keeps the 2019 single （六）其他处理
// row keeps that row as a model.StandIn, which the checks use in place of
// the three 2021 rows (READ-MIXED-EDITION).
//
// The agency comes from the most trusted of its sources (agency.go: title,
// 发布机构 header, signature, 由…编制, the opening sentence of 总体情况, the
// contact sentence, the file name), simplified and cleaned of scraping
// noise; input.Options.Agency and Year override it. The parts' text leaves
// out what the table reader consumed and what surrounds a table (banners,
// header fragments, the 勾稽关系 note) and Markdown markup (residue.go);
// a part with nothing in it is marked model.Part.Absent.
//
// Every doubt becomes a finding; nothing is guessed silently.
package text

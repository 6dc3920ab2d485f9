// Package outline is the one description of a report as a printed document,
// shared by the PDF and Word writers: what is printed, in which order and in
// which role (title, headings, paragraphs with run-in sub-heads, the official
// tables with their marked cells, the signature and the findings appendix),
// and the house style both set it in (GB/T 9704 page geometry, type sizes,
// font roles; style.go), which the Excel writer reads too.
//
// Place in the pipeline: readers → model → checks → outline → the document
// writers (convert/pdf, convert/docx), which only render the blocks: each
// decides line and page breaks in its own medium, none decides content.
//
//	model.Report + templates → outline.Build → *Document (Title, Blocks, Appendix)
//	  → pdf: positioned boxes → PDF bytes
//	  → docx: WordprocessingML paragraphs and tables → .docx
//
// Decisions made here, once for both formats:
//   - the title is broken before 政府信息公开工作年度报告 when it is too long
//     for one line (agency and year on the first line);
//   - a part the report does not have prints 无。 under its heading;
//   - body text in traditional script is converted to simplified (unless
//     Options.KeepScript), so that the 仿宋 body font draws every character;
//   - a value the reader doubted, or that a failed check reads, is marked
//     with a symbol (and a shade) and explained in a note under its table, so
//     that a guessed number is never printed as a plain fact;
//   - the appendix lists failed checks one by one and folds the undecidable
//     results of one check family into one line, in plain Chinese with the
//     check id in small print.
//
// Build does not modify the report and depends only on it and Options.
package outline

package model

import "strings"

// Marks govreport prints after a value in its PDF and Word documents (and
// explains in the note under the table). They are govreport's annotations,
// not the report's text: a reader that meets one after a value — a
// document govreport wrote, read back or passed through another program —
// strips it from the value. A doubt mark keeps the value doubtful.
const (
	// DoubtMark follows a value the reader was not sure of.
	DoubtMark = "※"
	// FailMark follows a value that a failed check reads; the checks run
	// again on reading, so it carries nothing.
	FailMark = "△"
)

// stripMarks removes trailing marks from s and reports whether a doubt
// mark was among them.
func stripMarks(s string) (string, bool) {
	doubt := false
	for {
		switch {
		case strings.HasSuffix(s, DoubtMark):
			s, doubt = strings.TrimSuffix(s, DoubtMark), true
		case strings.HasSuffix(s, FailMark):
			s = strings.TrimSuffix(s, FailMark)
		default:
			return CleanText(s), doubt
		}
	}
}

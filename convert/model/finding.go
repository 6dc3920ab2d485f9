package model

// Status is the outcome of a check or the weight of a reader observation.
type Status string

const (
	// Pass: every input present and the rule holds.
	Pass Status = "pass"
	// Fail: every input present and the rule does not hold.
	Fail Status = "fail"
	// Uncertain: an input is blank, 无, doubtful or unreadable, so the rule cannot be decided.
	Uncertain Status = "uncertain"
	// Warning: something the reader or a check wants a person to look at.
	Warning Status = "warning"
	// Info: informational only.
	Info Status = "info"
)

// Finding is one observation about a report: a check result or a reader note.
// Findings are not errors: a report with failed checks is still a report.
type Finding struct {
	ID      string   // stable id, e.g. "T3-BALANCE.natural", "READ-SHORT-ROW"
	Status  Status   // pass, fail, uncertain, warning, info
	Keys    []string // field keys the finding refers to
	Message string   // Chinese, for people; for checks it shows both sides
	Line    int      // 1-based source line when the finding points at one
}

// Package check runs the arithmetic and consistency checks of
// docs/checks.md on a report model and appends their findings. It sits
// after the readers and before the writers; checks never change a value.
//
// Each check has a stable id (T3-BALANCE.natural, T4-TOTAL.review, YEAR …),
// a status — pass (inputs present, rule holds), fail (inputs present, rule
// broken, both sides shown), uncertain (an input is blank, 无, doubtful or
// unreadable) — the field keys it read and a Chinese message.
//
// The equations are not written here: they are the report edition's
// templates.Set.Equations, expanded from the rules of its edition.json,
// the same definition the xlsx template's live formulas and the text
// reader's splitting of glued digits use. RunWith takes the spec set the
// report was read against (--spec-dir), so a variant's rows are checked
// where its rules say.
package check

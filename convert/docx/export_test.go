package docx

import "github.com/govreport/govreport/templates"

// LabelText is the text, line breaks included, that the writer puts in the
// label or header cell ci of t.
func LabelText(t *templates.Table, ci int) string {
	return labelText(gridTwips(t.Widths, textWidth), t.Cells[ci])
}

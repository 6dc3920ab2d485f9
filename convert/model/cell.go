package model

// Kind says what a cell means.
type Kind string

const (
	// KindNumber is a cell holding a number (possibly with a unit or a sign word).
	KindNumber Kind = "number"
	// KindBlank is a cell present in the source with nothing written in it.
	// It is not zero.
	KindBlank Kind = "blank"
	// KindNone is a cell where the source wrote a "nothing" marker such as 无,
	// "/", "-", "—" or 不适用. It is not zero either.
	KindNone Kind = "none"
	// KindText is a cell whose text could not be read as a number.
	KindText Kind = "text"
	// KindMissing is a cell of the edition that the reader did not find in the source.
	KindMissing Kind = "missing"
)

// Cell is one table cell: what was written next to what it means and where it came from.
type Cell struct {
	Key  string
	Raw  string // the text as written (decoded, trimmed)
	Kind Kind
	// Value is the number the cell means; meaningful only when Kind is KindNumber.
	// A sign word is applied (减少58 → -58); a unit is kept in Unit, not converted.
	Value float64
	Unit  string // unit written in the cell: "元", "万元", "件", "个", "项", "条"
	Sign  string // sign written in the cell: "增", "减", "增加", "减少", "+", "-"
	Line  int    // 1-based line in the source, 0 when not applicable
	Ref   string // position in a non-text source, e.g. "表三!D7"
	// Doubt is non-empty when the reader is not sure the value belongs to this
	// cell; it explains why. Checks treat a doubtful cell as uncertain.
	Doubt string
}

// HasNumber reports whether the cell holds a number the checks may use.
func (c *Cell) HasNumber() bool {
	return c != nil && c.Kind == KindNumber && c.Doubt == "" && c.Exact()
}

// IsInteger reports whether the cell's value is a whole number.
func (c *Cell) IsInteger() bool {
	return c.Kind == KindNumber && c.Value == float64(int64(c.Value))
}

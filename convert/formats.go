package convert

// This file wires the output writers into the registry: one entry per
// format. A new output format touches its package, one entry here, its
// goldens and one CLI case.

func init() {
	// Writers register here, one line each, e.g.
	//   Register(Format{Name: "xlsx", Ext: ".xlsx", Help: "…", Write: writeXLSX})
}

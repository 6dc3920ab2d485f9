// Package convert is govreport's library entry point: it detects what an
// input is, runs the matching reader (text, and later HTML and xlsx), runs
// the checks, and writes the requested output formats through one registry.
//
//	rep, err := convert.ReadFile("report.txt", convert.ReadOptions{})
//	err = convert.WriteFile("out/report.json", convert.MustLookup("json"), rep, convert.WriteOptions{})
//
// Readers and writers never touch the file system or the clock themselves;
// this package does, and passes timestamps in through WriteOptions.
package convert

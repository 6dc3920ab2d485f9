// Command govreport reads, checks and converts the yearly 政府信息公开工作年度报告.
// See "govreport --help" and the README.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	tuneGC(os.Args[1:], os.Getenv)
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// gcPercent and memoryLimit replace the runtime's defaults (GOGC=100, no
// limit) for convert and check, unless the user sets GOGC or GOMEMLIMIT.
// Their live heap is a few megabytes per report in flight, so with the
// default target the collector ran twice while converting one report to
// PDF, about a third of the process's CPU; with a target of five times the
// live heap it rarely runs, and the soft limit keeps a large batch within
// memoryLimit (the collector runs more often as the heap nears it). summary
// keeps the defaults: its workbook writer holds tens of megabytes live at
// the end, where a larger target would only raise the peak.
const (
	gcPercent   = 400
	memoryLimit = 256 << 20
)

func tuneGC(args []string, getenv func(string) string) {
	if len(args) == 0 || (args[0] != "convert" && args[0] != "check") {
		return
	}
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(memoryLimit)
}

// Command govreport reads, checks and converts the yearly 政府信息公开工作年度报告.
// See "govreport --help" and the README.
package main

import (
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

func main() {
	tuneGC(os.Args[1:], os.Getenv)
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, signals: sig, exit: os.Exit}
	os.Exit(runEnv(e, os.Args[1:]))
}

// gcPercent replaces the runtime's default collection target (GOGC=100)
// for convert and check, unless the user sets GOGC. Their live heap is a
// few megabytes per report in flight, so with the default target the
// collector ran twice while converting one report to PDF, about a third of
// the process's CPU; with a target of five times the live heap it rarely
// runs. Memory stays bounded by the soft limit the batch sets (its memory
// budget; GOMEMLIMIT overrides it), which makes the collector run more
// often as the heap nears it. summary too: it spools every report's
// records, so its live heap is a few megabytes however many reports it
// reads, and with the default target the collector ran about a hundred
// times per thousand reports; its soft limit (summaryMemoryLimit) caps the
// heap instead.
const gcPercent = 400

func tuneGC(args []string, getenv func(string) string) {
	if len(args) == 0 || (args[0] != "convert" && args[0] != "check" && args[0] != "summary") || getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(gcPercent)
}

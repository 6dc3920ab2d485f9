// Command govreport reads, checks and converts the yearly 政府信息公开工作年度报告.
// See "govreport --help" and the README.
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, signals: sig, exit: os.Exit}
	os.Exit(runEnv(e, os.Args[1:]))
}

// Command govreport reads, checks and converts the yearly 政府信息公开工作年度报告.
// See "govreport --help" and the README.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

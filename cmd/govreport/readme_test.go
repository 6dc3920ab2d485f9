package main

import (
	"flag"
	"os"
	"regexp"
	"testing"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite the README's list of inputs from the reader registry")

// TestREADMEInputs keeps the README's list of inputs equal to the reader
// registry (the same text `govreport help` prints).
func TestREADMEInputs(t *testing.T) {
	const path = "../../README.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)(<!-- inputs:[^\n]*-->\n```\n)(.*?)(```\n<!-- /inputs -->)")
	m := re.FindSubmatch(b)
	if m == nil {
		t.Fatal("README.md has no <!-- inputs --> block")
	}
	want := expandHelp("{inputs}") + "\n"
	if *updateReadme {
		b = re.ReplaceAll(b, []byte("${1}"+want+"${3}"))
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if string(m[2]) != want {
		t.Errorf("README.md's list of inputs is out of date:\n%s\nwant\n%s\n(run go test ./cmd/govreport -run README -update-readme)", m[2], want)
	}
}

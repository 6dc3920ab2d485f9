package xlsx

import "os"

// GOVREPORT_FUZZ_PANIC=1 lets panics inside the reader crash the test or
// fuzz run instead of becoming a ParseError, to find where they come from:
//
//	GOVREPORT_FUZZ_PANIC=1 go test -fuzz FuzzSheet ./convert/xlsx
func init() {
	if os.Getenv("GOVREPORT_FUZZ_PANIC") != "" {
		recoverPanics = false
	}
}

package pdfread

import (
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/govreport/govreport/convert/input"
)

// TestQPDFVariants: object streams, xref streams and every encryption
// with an empty user password read the same cells as the original.
func TestQPDFVariants(t *testing.T) {
	qpdf := needTool(t, "qpdf")
	src := "../../testdata/samples/401/source.pdf"
	variants := map[string][]string{
		"objstreams": {"--object-streams=generate"},
		"rc4-40":     {"--allow-weak-crypto", "--encrypt", "", "owner", "40", "--"},
		"rc4-128":    {"--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--"},
		"aes-128":    {"--encrypt", "", "owner", "128", "--use-aes=y", "--"},
		"aes-256":    {"--encrypt", "", "owner", "256", "--"},
		"qdf":        {"--qdf"},
	}
	dir := t.TempDir()
	for name, args := range variants {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(dir, name+".pdf")
			cmd := exec.Command(qpdf, append(args, src, out)...)
			if b, err := cmd.CombinedOutput(); err != nil {
				// qpdf exits 3 for warnings; the file is written.
				if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
					t.Fatalf("qpdf %v: %v %s", args, err, b)
				}
			}
			r, err := Read(readFile(t, out), input.Options{Name: name + ".pdf"})
			if err != nil {
				t.Fatal(err)
			}
			compareExpected(t, r, "../../testdata/samples/401/expected.json")
		})
	}
}

package deflate

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/klauspost/compress/flate"
)

func TestRoundTripAndReuse(t *testing.T) {
	for i := 0; i < 3; i++ {
		var b bytes.Buffer
		w, err := NewWriter(&b)
		if err != nil {
			t.Fatal(err)
		}
		in := strings.Repeat("政府信息公开工作年度报告 ", 100+i)
		io.WriteString(w, in)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		out, err := io.ReadAll(flate.NewReader(&b))
		if err != nil || string(out) != in {
			t.Fatalf("round trip %d failed: %v", i, err)
		}
	}
}

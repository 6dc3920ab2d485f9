package deflate

import (
	"bytes"
	"os"
	"testing"
)

func compressAll(data []byte, n int) int {
	var out bytes.Buffer
	for i := 0; i < n; i++ {
		out.Reset()
		w, _ := NewWriter(&out)
		w.Write(data)
		w.Close()
	}
	return out.Len()
}

func TestTmpPart(t *testing.T) {
	f := os.Getenv("PART")
	if f == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(f)
	data = bytes.ReplaceAll(data, []byte(">\n<"), []byte("><"))
	compressAll(data, 20)
}

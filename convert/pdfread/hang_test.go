package pdfread

import (
	"fmt"
	"math/rand"
	"os"
	"testing"
	"time"

	"github.com/govreport/govreport/convert/input"
)

func TestHangHunt(t *testing.T) {
	if os.Getenv("HANG") == "" {
		t.Skip()
	}
	seeds := [][]byte{readFile(t, "../../testdata/samples/401/source.pdf"),
		onePage("BT /F1 12 Tf 72 700 Td (Hello) Tj ET 0 0 0 RG 10 10 m 100 10 l S 10 10 90 50 re S", ""),
		onePage("BT /F2 12 Tf 100 700 Td <4e2d> Tj ET", "/Font << /F2 6 0 R >>",
			pdfObj{body: "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /UniGB-UCS2-H /DescendantFonts [7 0 R] >>"},
			pdfObj{body: "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /W [1 [500 600] 10 20 1000] /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 5 >> >>"})}
	rng := rand.New(rand.NewSource(int64(len(os.Getenv("HANG")))))
	for i := 0; i < 3000; i++ {
		seed := seeds[rng.Intn(len(seeds))]
		b := append([]byte(nil), seed...)
		for k := 0; k < 1+rng.Intn(8); k++ {
			p := rng.Intn(len(b))
			switch rng.Intn(4) {
			case 3:
				big := []string{"99999999", "2147483647", "-1", "1e308", "4294967295", "0"}[rng.Intn(6)]
				b = append(b[:p], append([]byte(big), b[p:]...)...)
			case 0:
				b[p] = byte(rng.Intn(256))
			case 1:
				b = append(b[:p], b[min(len(b), p+rng.Intn(50)):]...)
			case 2:
				b[p] = "0123456789 <>[]()/"[rng.Intn(18)]
			}
		}
		done := make(chan struct{})
		start := time.Now()
		go func() { Read(b, input.Options{Name: "x"}); close(done) }()
		select {
		case <-done:
			if d := time.Since(start); d > 300*time.Millisecond {
				fmt.Println("slow", i, d)
			}
		case <-time.After(5 * time.Second):
			os.WriteFile("/tmp/hang.pdf", b, 0o644)
			t.Fatalf("hang at %d", i)
		}
	}
}

package deflate

import (
	"bytes"
	"io"
	"math/rand"
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

// TestMemoSameBytes: a Memo writes NewWriter's bytes for the whole input,
// however it is cut into writes, the first time and when it replays them,
// and follows a changed input.
func TestMemoSameBytes(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	compress := func(in []byte) []byte {
		var b bytes.Buffer
		w, _ := NewWriter(&b)
		w.Write(in)
		w.Close()
		return b.Bytes()
	}
	var m Memo
	inputs := [][]byte{nil, []byte("a"), []byte(strings.Repeat("<theme>政府信息公开</theme>", 300)),
		[]byte(strings.Repeat("x", memoLimit)), []byte(strings.Repeat("yz", memoLimit))}
	for n := 0; n < 200; n++ {
		in := inputs[rng.Intn(len(inputs))]
		key := []string{"a", "b"}[rng.Intn(2)]
		var b bytes.Buffer
		w := m.NewWriter(key, &b)
		for rest := in; len(rest) > 0; {
			k := min(len(rest), 1+rng.Intn(3*memoLimit/2))
			if _, err := w.Write(rest[:k]); err != nil {
				t.Fatal(err)
			}
			rest = rest[k:]
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if want := compress(in); !bytes.Equal(b.Bytes(), want) {
			t.Fatalf("case %d (%d bytes under %s): %d bytes, want %d", n, len(in), key, b.Len(), len(want))
		}
	}
}

// TestMemoConcurrent: writers of one Memo in several goroutines (go test
// -race) all give NewWriter's bytes.
func TestMemoConcurrent(t *testing.T) {
	var m Memo
	in := []byte(strings.Repeat("<a:theme>主题</a:theme>", 200))
	var want bytes.Buffer
	w, _ := NewWriter(&want)
	w.Write(in)
	w.Close()
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		go func() {
			for i := 0; i < 20; i++ {
				var b bytes.Buffer
				w := m.NewWriter("theme", &b)
				w.Write(in)
				w.Close()
				if !bytes.Equal(b.Bytes(), want.Bytes()) {
					errs <- io.ErrShortWrite
					return
				}
			}
			errs <- nil
		}()
	}
	for g := 0; g < 8; g++ {
		if err := <-errs; err != nil {
			t.Fatal("a concurrent write gave other bytes")
		}
	}
}

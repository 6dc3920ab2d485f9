package deflate

import (
	"bytes"
	"compress/zlib"
	"hash/adler32"
	"io"
	"math/rand/v2"
	"sync"
	"testing"
)

// outlineLike returns data resembling a font program: a header, then
// pieces with repeats inside and across them, then a tail; and the cuts.
func outlineLike(seed uint64, pieces int) ([]byte, []int) {
	r := rand.New(rand.NewPCG(seed, 1))
	data := make([]byte, 0, 64*pieces)
	for range 100 {
		data = append(data, byte(r.IntN(256)))
	}
	cuts := []int{}
	for range pieces {
		cuts = append(cuts, len(data))
		n := r.IntN(400)
		start := len(data)
		for len(data)-start < n {
			if d := len(data) - start; d > 8 && r.IntN(4) == 0 {
				from := start + r.IntN(d-4)
				data = append(data, data[from:from+4+r.IntN(min(20, len(data)-from-4))]...)
				continue
			}
			data = append(data, byte(r.IntN(16)))
		}
	}
	cuts = append(cuts, len(data))
	for range 300 {
		data = append(data, byte(r.IntN(3)))
	}
	return data, cuts
}

func inflate(t testing.TB, z []byte) []byte {
	t.Helper()
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPiecesRoundTrip: streams decompress to their data, with and without
// cuts, for a code made from their counts and for the code of no counts;
// and coding the same data again (the pieces remembered) or with the
// pieces remembered from other streams gives the same bytes.
func TestPiecesRoundTrip(t *testing.T) {
	lit, dist := make([]uint32, 286), make([]uint32, 30)
	d0, c0 := outlineLike(0, 200)
	NewPieces(nil, nil).Count(lit, dist, d0, c0)
	for _, p := range []*Pieces{NewPieces(nil, nil), NewPieces(lit, dist)} {
		for seed := uint64(1); seed < 6; seed++ {
			data, cuts := outlineLike(seed, 50)
			first := p.AppendZlib(nil, data, cuts)
			if got := inflate(t, first); !bytes.Equal(got, data) {
				t.Fatalf("seed %d: decompresses to %d bytes, not the %d written", seed, len(got), len(data))
			}
			if again := p.AppendZlib([]byte("prefix"), data, cuts); !bytes.Equal(again[6:], first) {
				t.Fatalf("seed %d: remembered pieces give other bytes", seed)
			}
			fresh := &Pieces{fc: p.fc}
			if cold := fresh.AppendZlib(nil, data, cuts); !bytes.Equal(cold, first) {
				t.Fatalf("seed %d: the bytes depend on what was coded before", seed)
			}
			whole := p.AppendZlib(nil, data, nil)
			if got := inflate(t, whole); !bytes.Equal(got, data) {
				t.Fatalf("seed %d: uncut stream does not decompress to its data", seed)
			}
		}
	}
	for _, data := range [][]byte{nil, {0}, bytes.Repeat([]byte{7}, 100000), bytes.Repeat([]byte("abcdefgh"), 9000)} {
		p := NewPieces(lit, dist)
		if got := inflate(t, p.AppendZlib(nil, data, nil)); !bytes.Equal(got, data) {
			t.Fatalf("%d bytes: round trip differs", len(data))
		}
		if len(data) > 70000 {
			cuts := []int{0, 70000, len(data)} // a piece past maxPiece
			if got := inflate(t, p.AppendZlib(nil, data, cuts)); !bytes.Equal(got, data) {
				t.Fatalf("%d bytes cut: round trip differs", len(data))
			}
		}
	}
}

// TestPiecesCompress: data with repeats within its pieces comes out
// smaller than it went in.
func TestPiecesCompress(t *testing.T) {
	data, cuts := outlineLike(9, 300)
	lit, dist := make([]uint32, 286), make([]uint32, 30)
	NewPieces(nil, nil).Count(lit, dist, data, cuts)
	z := NewPieces(lit, dist).AppendZlib(nil, data, cuts)
	if len(z) > len(data)*3/4 {
		t.Fatalf("%d bytes compressed to %d", len(data), len(z))
	}
}

func TestAdlerCombine(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		b := make([]byte, r.IntN(200000))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		k := r.IntN(len(b) + 1)
		got := adlerCombine(adler32.Checksum(b[:k]), adler32.Checksum(b[k:]), len(b)-k)
		if want := adler32.Checksum(b); got != want {
			t.Fatalf("len %d cut %d: %08x, want %08x", len(b), k, got, want)
		}
	}
}

// TestPiecesConcurrent: streams coded at once by several goroutines with
// one Pieces are each what it codes alone.
func TestPiecesConcurrent(t *testing.T) {
	p := NewPieces(nil, nil)
	var want [][]byte
	var datas [][]byte
	var cutss [][]int
	for seed := uint64(0); seed < 8; seed++ {
		d, c := outlineLike(seed%3, 80)
		datas, cutss = append(datas, d), append(cutss, c)
		want = append(want, (&Pieces{fc: p.fc}).AppendZlib(nil, d, c))
	}
	var wg sync.WaitGroup
	for i := range datas {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				if got := p.AppendZlib(nil, datas[i], cutss[i]); !bytes.Equal(got, want[i]) {
					t.Errorf("stream %d differs when coded concurrently", i)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// FuzzPieces: any data, cut anywhere, decompresses to itself.
func FuzzPieces(f *testing.F) {
	d, c := outlineLike(1, 5)
	f.Add(d, []byte{10, 50, 3, 200})
	f.Add([]byte("aaaaaaaaaaaaaaaaaaaabcabcabcabc"), []byte{2, 4})
	f.Add([]byte{}, []byte{0, 0})
	_ = c
	p := NewPieces(nil, nil)
	f.Fuzz(func(t *testing.T, data, steps []byte) {
		var cuts []int
		at := 0
		for _, s := range steps {
			if at += int(s); at > len(data) {
				break
			}
			cuts = append(cuts, at)
		}
		if got := inflate(t, p.AppendZlib(nil, data, cuts)); !bytes.Equal(got, data) {
			t.Fatalf("round trip differs (%d bytes, cuts %v)", len(data), cuts)
		}
	})
}

package batch

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func touch(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestExpand(t *testing.T) {
	d := t.TempDir()
	for _, p := range []string{"a/2020/r.txt", "a/2021/r.txt", "a/2021/r.html", "a/.hidden/x.txt", "a/notes.doc", "b/r.txt", "c.xlsx"} {
		touch(t, filepath.Join(d, p))
	}
	in, errs := Expand([]string{filepath.Join(d, "a"), filepath.Join(d, "b", "*.txt"), filepath.Join(d, "c.xlsx"), filepath.Join(d, "a", "2020", "r.txt"), filepath.Join(d, "empty*")}, testExts)
	var rels []string
	for _, i := range in {
		rels = append(rels, i.Rel)
	}
	want := "2020/r.txt 2021/r.html 2021/r.txt r.txt c.xlsx" // argument order
	if got := strings.Join(rels, " "); got != want {
		t.Errorf("rels = %s, want %s", got, want)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "没有匹配的文件") {
		t.Errorf("errs = %v", errs)
	}
	// Output names stay unique when base names collide.
	seen := map[string]bool{}
	outs := OutputPaths("out", in, ".json")
	for _, o := range outs {
		if seen[o] {
			t.Errorf("duplicate output %s", o)
		}
		seen[o] = true
	}
	if outs[1] != filepath.Join("out", "2021", "r.html.json") || outs[2] != filepath.Join("out", "2021", "r.txt.json") {
		t.Errorf("colliding outputs = %v", outs)
	}
	// Two file arguments with the same base name: their folders tell them apart.
	x, _ := Expand([]string{filepath.Join(d, "a", "2020", "r.txt"), filepath.Join(d, "b", "r.txt")}, testExts)
	xo := OutputPaths("out", x, ".json")
	if xo[0] != filepath.Join("out", "2020", "r.json") || xo[1] != filepath.Join("out", "b", "r.json") {
		t.Errorf("same-name files = %v", xo)
	}
	if OutputPath("out", in[0], ".json") != filepath.Join("out", "2020", "r.json") {
		t.Errorf("OutputPath = %s", OutputPath("out", in[0], ".json"))
	}
	// A single file: its base name.
	one, _ := Expand([]string{filepath.Join(d, "b", "r.txt")}, testExts)
	if len(one) != 1 || one[0].Rel != "r.txt" {
		t.Errorf("single = %+v", one)
	}
	_, errs = Expand([]string{filepath.Join(d, "a", ".hidden")}, testExts)
	if len(errs) != 0 {
		// the folder itself was named: its files count
		t.Logf("hidden folder named explicitly: %v", errs)
	}
}

func TestRunOrdered(t *testing.T) {
	var in []Input
	for i := 0; i < 50; i++ {
		in = append(in, Input{Path: string(rune('a' + i%26))})
	}
	for _, n := range []int{1, 2, 8} {
		var got []int
		var busy atomic.Int32
		Run(in, n, func(_ int, x Input) int {
			busy.Add(1)
			defer busy.Add(-1)
			time.Sleep(time.Duration(len(x.Path)) * time.Microsecond)
			return int(x.Path[0])
		}, func(i int, x Input, r int) {
			if r != int(x.Path[0]) {
				t.Errorf("result for %d mismatched", i)
			}
			got = append(got, i)
		})
		for i, g := range got {
			if g != i {
				t.Fatalf("n=%d: order %v", n, got)
			}
		}
		if len(got) != len(in) {
			t.Fatalf("n=%d: %d results", n, len(got))
		}
	}
}

func TestProgress(t *testing.T) {
	var b bytes.Buffer
	clock := time.Unix(0, 0)
	p := NewProgress(&b, 3, true, func() time.Time { clock = clock.Add(time.Second); return clock })
	p.Step(false)
	p.Step(true)
	p.Step(false)
	p.Finish()
	if !strings.Contains(b.String(), "已处理 3/3，失败 1") || !strings.HasSuffix(b.String(), "\n") {
		t.Errorf("progress = %q", b.String())
	}
	b.Reset()
	p = NewProgress(&b, 3, false, nil)
	p.Step(false)
	p.Finish()
	if b.Len() != 0 {
		t.Errorf("disabled progress printed %q", b.String())
	}
}

// testExts are the extensions of the reader registry at the time of writing
// (batch cannot import convert, which imports batch's users).
var testExts = map[string]bool{".txt": true, ".md": true, ".html": true, ".htm": true, ".shtml": true, ".xlsx": true, ".pdf": true, ".docx": true}

// TestMemoryBudget: workers never hold more than the budget together, and
// an input over the budget still runs (alone).
func TestMemoryBudget(t *testing.T) {
	m := NewMemory(100)
	var used, peak atomic.Int64
	ins := make([]Input, 40)
	Run(ins, 8, func(i int, _ Input) int {
		w := m.Acquire(int64(10 + 30*(i%3) + 100*(i/39))) // the last one is over the budget
		u := used.Add(w)
		for {
			p := peak.Load()
			if u <= p || peak.CompareAndSwap(p, u) {
				break
			}
		}
		time.Sleep(time.Millisecond)
		used.Add(-w)
		m.Release(w)
		return i
	}, func(int, Input, int) {})
	if p := peak.Load(); p > 100 || p < 40 {
		t.Errorf("peak %d with budget 100", p)
	}
}

package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Input is one file to process.
type Input struct {
	Path string // as found (argument, or argument joined with the walked path)
	// Rel is the path relative to the common folder of all inputs, used to
	// mirror the input folder structure under the output folder, so two
	// inputs with the same base name never overwrite each other.
	Rel string
}

// Exts are the file extensions a folder walk picks up.
var Exts = map[string]bool{".txt": true, ".html": true, ".htm": true, ".xlsx": true, ".md": true, ".shtml": true}

// Expand turns arguments into inputs: a file is taken as it is (whatever
// its extension), a folder is searched recursively for files with one of
// Exts (hidden files and folders skipped), and an argument with * ? or [
// is a glob pattern. Inputs are sorted and deduplicated. Arguments that
// match nothing are returned as errors; the rest still count.
func Expand(args []string) ([]Input, []error) {
	var paths []string
	var errs []error
	seen := map[string]bool{}
	add := func(p string) {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		if !seen[abs] {
			seen[abs] = true
			paths = append(paths, p)
		}
	}
	for _, a := range args {
		if strings.ContainsAny(a, "*?[") {
			if _, err := os.Stat(a); err != nil { // not a literal name
				m, err := filepath.Glob(a)
				if err != nil {
					errs = append(errs, fmt.Errorf("%s：通配符格式错误：%w", a, err))
					continue
				}
				if len(m) == 0 {
					errs = append(errs, fmt.Errorf("%s：没有匹配的文件", a))
				}
				for _, p := range m {
					if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
						add(p)
					}
				}
				continue
			}
		}
		fi, err := os.Stat(a)
		if err != nil {
			// Let the reader report missing files with its own message.
			add(a)
			continue
		}
		if !fi.IsDir() {
			add(a)
			continue
		}
		n := 0
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, fmt.Errorf("%s：%w", p, err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if p != a && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() && Exts[strings.ToLower(filepath.Ext(name))] {
				add(p)
				n++
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
		if n == 0 {
			errs = append(errs, fmt.Errorf("%s：文件夹中没有可读取的报告文件（%s）", a, extList()))
		}
	}
	sort.Strings(paths)
	return withRel(paths), errs
}

func extList() string {
	var e []string
	for k := range Exts {
		e = append(e, k)
	}
	sort.Strings(e)
	return strings.Join(e, " ")
}

// withRel computes each input's path relative to the deepest folder that
// contains all of them.
func withRel(paths []string) []Input {
	abs := make([]string, len(paths))
	for i, p := range paths {
		a, err := filepath.Abs(p)
		if err != nil {
			a = p
		}
		abs[i] = filepath.Clean(a)
	}
	common := ""
	for i, a := range abs {
		d := filepath.Dir(a)
		if i == 0 {
			common = d
			continue
		}
		for common != "" && !within(d, common) {
			parent := filepath.Dir(common)
			if parent == common {
				common = ""
				break
			}
			common = parent
		}
	}
	out := make([]Input, len(paths))
	for i, p := range paths {
		rel, err := filepath.Rel(common, abs[i])
		if err != nil || common == "" {
			rel = filepath.Base(p)
		}
		out[i] = Input{Path: p, Rel: rel}
	}
	return out
}

func within(dir, parent string) bool {
	if dir == parent {
		return true
	}
	return strings.HasPrefix(dir, strings.TrimSuffix(parent, string(filepath.Separator))+string(filepath.Separator))
}

// OutputPath returns the output file for in with extension ext under dir,
// mirroring the input folder structure: a/2020/r.txt → dir/a/2020/r.json.
func OutputPath(dir string, in Input, ext string) string {
	rel := strings.TrimSuffix(in.Rel, filepath.Ext(in.Rel)) + ext
	return filepath.Join(dir, rel)
}

// OutputPaths returns OutputPath for every input, keeping the input's own
// extension in the name (r.html.json) where two inputs of one folder differ
// only by extension, so no output overwrites another.
func OutputPaths(dir string, inputs []Input, ext string) []string {
	out := make([]string, len(inputs))
	count := map[string]int{}
	for i, in := range inputs {
		out[i] = OutputPath(dir, in, ext)
		count[strings.ToLower(out[i])]++
	}
	for i, in := range inputs {
		if count[strings.ToLower(out[i])] > 1 {
			out[i] = filepath.Join(dir, in.Rel+ext)
		}
	}
	return out
}

// Run calls work for every input with n workers (n < 1 means 1) and calls
// done with each result in input order, from the calling goroutine, as soon
// as all earlier inputs are done. work must be safe for concurrent use.
func Run[R any](inputs []Input, n int, work func(Input) R, done func(int, Input, R)) {
	if n < 1 {
		n = 1
	}
	n = min(n, max(len(inputs), 1))
	type item struct {
		i int
		r R
	}
	jobs := make(chan int)
	results := make(chan item, n)
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results <- item{i, work(inputs[i])}
			}
		}()
	}
	go func() {
		for i := range inputs {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	pending := map[int]R{}
	next := 0
	for it := range results {
		pending[it.i] = it.r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			done(next, inputs[next], r)
			next++
		}
	}
}

// ErrNoInputs is returned when the arguments named no input at all.
var ErrNoInputs = errors.New("没有找到任何输入文件")

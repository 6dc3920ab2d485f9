package batch

import (
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
	// Rel names the input's output: its path inside the folder argument it
	// was found in (mirroring that folder's structure under the output
	// folder), or its base name for a file argument.
	Rel string
}

// Expand turns arguments into inputs: a file is taken as it is (whatever
// its extension), a folder is searched recursively for files with one of
// exts, lower case with dot (the reader registry's: convert.InputExts; hidden files and folders skipped), and an argument with * ? or [
// is a glob pattern. Inputs keep the order of the arguments (a folder's
// files and a pattern's matches in name order) without duplicates. Arguments that
// match nothing are returned as errors; the rest still count.
func Expand(args []string, exts map[string]bool) ([]Input, []error) {
	var ins []Input
	var errs []error
	seen := map[string]bool{}
	root := "" // the folder argument being walked, "" for files
	add := func(p string) {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		if seen[abs] {
			return
		}
		seen[abs] = true
		rel := filepath.Base(p)
		if root != "" {
			if r, err := filepath.Rel(root, p); err == nil {
				rel = r
			}
		}
		ins = append(ins, Input{Path: p, Rel: rel})
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
		root = a
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
			if !d.IsDir() && exts[strings.ToLower(filepath.Ext(name))] {
				add(p)
				n++
			}
			return nil
		})
		root = ""
		if err != nil {
			errs = append(errs, err)
		}
		if n == 0 {
			errs = append(errs, fmt.Errorf("%s：文件夹中没有可读取的报告文件（%s）", a, extList(exts)))
		}
	}
	return ins, errs
}

func extList(exts map[string]bool) string {
	var e []string
	for k := range exts {
		e = append(e, k)
	}
	sort.Strings(e)
	return strings.Join(e, " ")
}

// OutputPath returns the output file for in with extension ext under dir,
// mirroring the input folder structure: a/2020/r.txt → dir/a/2020/r.json.
func OutputPath(dir string, in Input, ext string) string {
	rel := strings.TrimSuffix(in.Rel, filepath.Ext(in.Rel)) + ext
	return filepath.Join(dir, rel)
}

// OutputPaths returns OutputPath for every input and makes the names
// unique, so no output overwrites another: where two inputs of one folder
// differ only by extension the input's extension stays in the name
// (r.html.json); where inputs from different places share a name, their
// parent folders' names are put in front (2020/r.json, 2021/r.json); a
// number is the last resort (r-2.json).
func OutputPaths(dir string, inputs []Input, ext string) []string {
	out := make([]string, len(inputs))
	for i, in := range inputs {
		out[i] = OutputPath(dir, in, ext)
	}
	dups := func() map[string][]int {
		m := map[string][]int{}
		for i, o := range out {
			k := strings.ToLower(o)
			m[k] = append(m[k], i)
		}
		return m
	}
	for _, idx := range dups() {
		rels := map[string]bool{}
		for _, i := range idx {
			rels[strings.ToLower(inputs[i].Rel)] = true
		}
		if len(idx) > 1 && len(rels) == len(idx) { // same stem, other extensions
			for _, i := range idx {
				out[i] = filepath.Join(dir, inputs[i].Rel+ext)
			}
		}
	}
	for depth := 1; depth <= 3; depth++ {
		for _, idx := range dups() {
			if len(idx) < 2 {
				continue
			}
			for _, i := range idx {
				out[i] = filepath.Join(dir, parents(inputs[i].Path, depth), filepath.Base(out[i]))
			}
		}
	}
	for _, idx := range dups() {
		for n, i := range idx[1:] {
			e := filepath.Ext(out[i])
			out[i] = strings.TrimSuffix(out[i], e) + fmt.Sprintf("-%d", n+2) + e
		}
	}
	return out
}

// parents returns the last depth folder names above path, joined.
func parents(path string, depth int) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	var names []string
	d := filepath.Dir(abs)
	for i := 0; i < depth; i++ {
		b := filepath.Base(d)
		if b == "/" || b == "." || b == d {
			break
		}
		names = append([]string{b}, names...)
		d = filepath.Dir(d)
	}
	return filepath.Join(names...)
}

// Run calls work for every input (with its index) with n workers (n < 1
// means 1) and calls done with each result in input order, from the calling
// goroutine, as soon as all earlier inputs are done. work must be safe for
// concurrent use.
func Run[R any](inputs []Input, n int, work func(int, Input) R, done func(int, Input, R)) {
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
				results <- item{i, work(i, inputs[i])}
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

package batch

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/govreport/govreport/convert/oserr"
)

// Input is one file to process.
type Input struct {
	Path string // as found (argument, or argument joined with the walked path)
	// Rel names the input's output: its path inside the folder argument it
	// was found in (mirroring that folder's structure under the output
	// folder), or its base name for a file argument.
	Rel string
}

// Stdin is the argument that stands for standard input.
const Stdin = "-"

// ExpandOptions refine Expand.
type ExpandOptions struct {
	// OutDir is this run's output folder ("" = none). A folder walk never
	// enters it when it lies inside the folder being walked, and skips the
	// files govreport wrote itself (see IsOwnOutput) that lie under it, so
	// a run never reads its own or an earlier run's outputs as inputs.
	OutDir string
	// Outputs are files this run writes; they are never inputs, even when
	// given as arguments.
	Outputs []string
}

// Skipped is a file or folder Expand passed over on purpose, with the
// reason (Chinese).
type Skipped struct {
	Path, Why string
}

func (s Skipped) String() string { return s.Path + "：" + s.Why }

// Expand is ExpandWith without options, dropping the skipped list.
func Expand(args []string, exts map[string]bool) ([]Input, []error) {
	in, _, errs := ExpandWith(args, exts, ExpandOptions{})
	return in, errs
}

// ExpandWith turns arguments into inputs: a file is taken as it is (whatever
// its extension), a folder is searched recursively for files with one of
// exts, lower case with dot (the reader registry's: convert.InputExts;
// hidden files and folders skipped), an argument with * ? or [ is a
// glob pattern, and "-" is standard input. Only regular files and symbolic
// links to them are inputs: named pipes, devices and sockets are never
// opened (reading one can block forever) and are reported as skipped.
// Inputs keep the order of the arguments (a folder's files and a pattern's
// matches in name order) without duplicates. Arguments that match nothing,
// or name something that is not a regular file, are returned as errors;
// the rest still count.
func ExpandWith(args []string, exts map[string]bool, o ExpandOptions) ([]Input, []Skipped, []error) {
	var ins []Input
	var skipped []Skipped
	var errs []error
	seen := map[string]bool{}
	outputs := map[string]bool{}
	for _, p := range o.Outputs {
		outputs[absPath(p)] = true
	}
	outDir := ""
	if o.OutDir != "" {
		outDir = absPath(o.OutDir)
	}
	root := ""              // the folder argument being walked, "" for files
	found := map[int]bool{} // inputs found by a walk or a pattern, not named
	add := func(p string) {
		abs := absPath(p)
		if seen[abs] {
			return
		}
		seen[abs] = true
		if outputs[abs] {
			skipped = append(skipped, Skipped{p, "是本次运行要写出的文件，不作为输入"})
			return
		}
		rel := filepath.Base(p)
		if root != "" {
			if r, err := filepath.Rel(root, p); err == nil {
				rel = r
			}
		}
		ins = append(ins, Input{Path: p, Rel: rel})
	}
	addFound := func(p string) {
		n := len(ins)
		add(p)
		if len(ins) > n {
			found[n] = true
		}
	}
	for _, a := range args {
		if a == Stdin {
			if !seen[Stdin] {
				seen[Stdin] = true
				ins = append(ins, Input{Path: Stdin, Rel: "stdin"})
			}
			continue
		}
		if strings.ContainsAny(a, "*?[") {
			if _, err := os.Stat(a); err != nil { // not a literal name
				m, err := filepath.Glob(a)
				if err != nil {
					errs = append(errs, fmt.Errorf("%s：通配符格式错误（方括号不配对或用法不对），没有匹配任何文件", a))
					continue
				}
				if len(m) == 0 {
					errs = append(errs, fmt.Errorf("%s：没有匹配的文件", a))
				}
				for _, p := range m {
					fi, err := os.Stat(p)
					switch {
					case err != nil:
						errs = append(errs, oserr.Wrap(p, "无法读取", err))
					case fi.IsDir():
					case !fi.Mode().IsRegular():
						skipped = append(skipped, Skipped{p, notRegular(fi)})
					default:
						addFound(p)
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
			if !fi.Mode().IsRegular() {
				errs = append(errs, fmt.Errorf("%s：%s", a, notRegular(fi)))
				continue
			}
			add(a)
			continue
		}
		n := 0
		root = a
		rootAbs := absPath(a)
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, oserr.Wrap(p, "无法读取", err))
				if d != nil && d.IsDir() && p != a {
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
			if d.IsDir() {
				if p != a && outDir != "" && outDir != rootAbs && absPath(p) == outDir {
					skipped = append(skipped, Skipped{p, "是本次运行的输出文件夹，不作为输入"})
					return fs.SkipDir
				}
				return nil
			}
			if !exts[strings.ToLower(filepath.Ext(name))] {
				return nil
			}
			fi, err := os.Stat(p) // follows a symbolic link
			switch {
			case err != nil:
				errs = append(errs, oserr.Wrap(p, "无法读取", err))
				return nil
			case fi.IsDir():
				return nil // a link to a folder: not followed
			case !fi.Mode().IsRegular():
				skipped = append(skipped, Skipped{p, notRegular(fi)})
				return nil
			}
			if outDir != "" && within(absPath(p), outDir) && IsOwnOutput(p) {
				skipped = append(skipped, Skipped{p, "是 govreport 写出的文件（在输出文件夹中），不作为输入；要读取它请直接指定该文件"})
				return nil
			}
			addFound(p)
			n++
			return nil
		})
		root = ""
		if err != nil {
			errs = append(errs, oserr.Wrap(a, "无法读取文件夹", err))
		}
		if n == 0 {
			errs = append(errs, fmt.Errorf("%s：文件夹中没有可读取的报告文件（%s）", a, extList(exts)))
		}
	}
	ins, skipped = dropDerived(ins, found, skipped)
	return ins, skipped, errs
}

// dropDerived drops, among the inputs found by walks and patterns, the
// documents govreport wrote from another input found beside them (r.xlsx,
// r.pdf, r.docx next to r.txt): reading them too would count one report
// several times. Inputs named on the command line are always kept.
func dropDerived(ins []Input, found map[int]bool, skipped []Skipped) ([]Input, []Skipped) {
	groups := map[string][]int{}
	for i, in := range ins {
		if found[i] {
			k := strings.ToLower(strings.TrimSuffix(in.Path, filepath.Ext(in.Path)))
			groups[k] = append(groups[k], i)
		}
	}
	drop := map[int]string{}
	for _, idx := range groups {
		if len(idx) < 2 {
			continue
		}
		var own, source []int
		for _, i := range idx {
			if IsOwnOutput(ins[i].Path) {
				own = append(own, i)
			} else {
				source = append(source, i)
			}
		}
		if len(source) == 0 {
			continue
		}
		for _, i := range own {
			drop[i] = filepath.Base(ins[source[0]].Path)
		}
	}
	if len(drop) == 0 {
		return ins, skipped
	}
	out := ins[:0:0]
	for i, in := range ins {
		if src, ok := drop[i]; ok {
			skipped = append(skipped, Skipped{in.Path, "是 govreport 由 " + src + " 写出的文件，不作为输入（否则同一份报告会读两次）；要读取它请直接指定该文件"})
			continue
		}
		out = append(out, in)
	}
	return out, skipped
}

func absPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	return abs
}

// within reports whether path lies inside (or is) dir; both absolute.
func within(path, dir string) bool {
	r, err := filepath.Rel(dir, path)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// notRegular says what kind of non-regular file fi is.
func notRegular(fi fs.FileInfo) string {
	m := fi.Mode()
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "是命名管道（FIFO），不是普通文件，已跳过"
	case m&fs.ModeSocket != 0:
		return "是套接字，不是普通文件，已跳过"
	case m&fs.ModeDevice != 0:
		return "是设备文件，不是普通文件，已跳过"
	}
	return "不是普通文件，已跳过"
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
	RunUntil(nil, inputs, n, work, done)
}

// RunUntil is Run that stops when stop is closed: no further input is
// started, and it returns at once without waiting for the inputs in
// progress (their workers finish in the background and their results are
// dropped). It returns how many inputs were delivered to done.
//
// At most Window(n) inputs are started and not yet delivered at any time:
// results that wait for an earlier, slower input are held in memory, so
// that number is bounded, not the number of inputs.
func RunUntil[R any](stop <-chan struct{}, inputs []Input, n int, work func(int, Input) R, done func(int, Input, R)) int {
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
	// One token per input started and not yet delivered.
	tokens := make(chan struct{}, Window(n))
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				it := item{i, work(i, inputs[i])}
				select {
				case results <- it:
				case <-stop: // abandoned: never block
					return
				}
			}
		}()
	}
	go func() {
		defer func() {
			close(jobs)
			wg.Wait()
			close(results)
		}()
		for i := range inputs {
			select {
			case <-stop:
				return
			default:
			}
			select {
			case tokens <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case jobs <- i:
			case <-stop:
				return
			}
		}
	}()
	pending := map[int]R{}
	next := 0
	for {
		select {
		case <-stop:
			return next
		case it, ok := <-results:
			if !ok {
				return next
			}
			pending[it.i] = it.r
			for {
				r, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				done(next, inputs[next], r)
				next++
				<-tokens
				select {
				case <-stop:
					return next
				default:
				}
			}
		}
	}
}

// Window is how many inputs RunUntil with n workers keeps started and not
// yet delivered: enough that a slow input does not idle the other workers
// for long, few enough that the results waiting behind it stay small.
func Window(n int) int { return max(8*n, 64) }

package main

import (
	"fmt"
	"github.com/govreport/govreport/convert/xlsx"
	"github.com/govreport/govreport/templates"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/batch"
	"github.com/govreport/govreport/convert/model"
)

// fileResult is what one worker hands back for one input.
type fileResult struct {
	rep       *model.Report
	readErr   error
	writeErrs []error
}

// tally counts the outcome of a batch for the closing summary and the exit status.
type tally struct {
	total, ok, failed, unreadable, unwritable int
}

// line is the short Chinese summary printed after a batch of several files.
func (t tally) line(verb string) string {
	return fmt.Sprintf("共 %d 个文件：%s %d 个（其中 %d 个有检查未通过），无法读取 %d 个，无法写出 %d 个",
		t.total, verb, t.ok, t.failed, t.unreadable, t.unwritable)
}

// specDirHelp is the help of --spec-dir, shared by the commands. It is a
// function so that the embedded specs are loaded when a command builds its
// flags, not during package initialisation of every process (before main
// could tune the collector; see tuneGC).
func specDirHelp() string {
	return "额外的表格规格文件夹：其中每个子文件夹（含 edition.json、表格规格和 fields.tsv）描述一个版本或地方变体，与内置的 " +
		xlsx.EditionChoices(templates.Default()) + " 版一同使用"
}

// loadSpecs loads --spec-dir: nil (the embedded editions) when dir is
// empty; a bad folder is a usage error (exit status 2) naming the file.
func loadSpecs(dir string) (*templates.Set, error) {
	if dir == "" {
		return nil, nil
	}
	set, err := templates.LoadDir(dir)
	if err != nil {
		return nil, &usageError{"--spec-dir：" + err.Error()}
	}
	return set, nil
}

// expandInputs expands the arguments, reporting those that match nothing
// and the files passed over (this run's outputs, pipes, devices).
func expandInputs(e *env, args []string, o batch.ExpandOptions) ([]batch.Input, int) {
	inputs, skipped, errs := batch.ExpandWith(args, convert.InputExts(), o)
	for _, s := range skipped {
		fmt.Fprintf(e.stderr, "govreport：%s\n", s)
	}
	for _, err := range errs {
		fmt.Fprintf(e.stderr, "govreport：%s\n", err)
	}
	return inputs, len(errs)
}

// memory is the process's memory budget, shared by all workers of a batch.
var memory = batch.NewMemory(batch.DefaultBudget)

// stdinName names standard input in messages and in the model.
const stdinName = "标准输入"

// readInput reads one input. The model records the input's path relative
// to its batch root (Input.Rel, with forward slashes: the path inside the
// folder argument it was found in, or the base name of a file argument),
// so that the same files give the same bytes however the path was typed;
// messages name the file as given.
func readInput(e *env, in batch.Input, ro convert.ReadOptions) (*model.Report, error) {
	if in.Path == batch.Stdin {
		ro.Name = stdinName
		return convert.Read(e.stdin, ro)
	}
	ro.Name = filepath.ToSlash(in.Rel)
	return convert.ReadFile(in.Path, ro)
}

// recordedPath is how an output records a file named on the command line
// outside a batch: relative to the working folder when inside it (so that
// "a/r.txt" and "/home/x/a/r.txt" give the same bytes), else absolute,
// with forward slashes.
func recordedPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	if wd, err := os.Getwd(); err == nil {
		if r, err := filepath.Rel(wd, abs); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(r)
		}
	}
	return filepath.ToSlash(abs)
}

// displayName is how messages name an input.
func displayName(in batch.Input) string {
	if in.Path == batch.Stdin {
		return stdinName
	}
	return in.Path
}

// reportInterrupt says, after a batch stopped by a signal, how far it got.
func reportInterrupt(e *env, done, total int, verb string) {
	fmt.Fprintf(e.stderr, "govreport：收到 %s，已中断：%s %d 个文件，未处理 %d 个；已写出的文件保留，未写完的临时文件已删除\n",
		signalName(e.interrupted()), verb, done, total-done)
}

// eachReport reads every input with jobs workers, calls work (in the worker)
// after a successful read, and calls done for every input in input order.
// Progress is shown on a terminal unless quiet.
// opts gives each input's read options (metadata overrides, spec set).
// It returns how many inputs were done before a signal stopped the batch.
func eachReport(e *env, inputs []batch.Input, jobs int, quiet bool, opts func(batch.Input) convert.ReadOptions, work func(i int, in batch.Input, rep *model.Report) []error, done func(in batch.Input, r fileResult)) int {
	if e.getenv("GOMEMLIMIT") == "" {
		// The budget is what the workers plan for together; a soft limit
		// at the same size makes the collector keep the heap near it
		// instead of letting garbage double it.
		debug.SetMemoryLimit(batch.DefaultBudget)
	}
	prog := batch.NewProgress(e.stderr, len(inputs), !quiet && batch.IsTerminal(e.stderr), nil)
	n := batch.RunUntil(e.stop, inputs, jobs, func(i int, in batch.Input) fileResult {
		w := memory.Acquire(batch.Weight(in))
		defer memory.Release(w)
		rep, err := readInput(e, in, opts(in))
		if err != nil {
			return fileResult{readErr: err}
		}
		var werrs []error
		if work != nil {
			werrs = work(i, in, rep)
		}
		return fileResult{rep: rep, writeErrs: werrs}
	}, func(_ int, in batch.Input, r fileResult) {
		prog.Clear() // messages of done start on a clean line
		done(in, r)
		prog.Step(r.readErr != nil || len(r.writeErrs) > 0)
	})
	prog.Finish()
	return n
}

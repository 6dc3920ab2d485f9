package main

import (
	"fmt"
	"github.com/govreport/govreport/convert/xlsx"
	"github.com/govreport/govreport/templates"

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

// specDirHelp is the help of --spec-dir, shared by the commands.
var specDirHelp = "额外的表格规格文件夹：其中每个子文件夹（含 edition.json、表格规格和 fields.tsv）描述一个版本或地方变体，与内置的 " +
	xlsx.EditionChoices(templates.Default()) + " 版一同使用"

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

// expandInputs expands the arguments, reporting those that match nothing.
func expandInputs(e *env, args []string) ([]batch.Input, int) {
	inputs, errs := batch.Expand(args, convert.InputExts())
	for _, err := range errs {
		fmt.Fprintf(e.stderr, "govreport：%s\n", err)
	}
	return inputs, len(errs)
}

// eachReport reads every input with jobs workers, calls work (in the worker)
// after a successful read, and calls done for every input in input order.
// Progress is shown on a terminal unless quiet.
// opts gives each input's read options (metadata overrides, spec set).
func eachReport(e *env, inputs []batch.Input, jobs int, quiet bool, opts func(batch.Input) convert.ReadOptions, work func(i int, in batch.Input, rep *model.Report) []error, done func(in batch.Input, r fileResult)) {
	prog := batch.NewProgress(e.stderr, len(inputs), !quiet && batch.IsTerminal(e.stderr), nil)
	batch.Run(inputs, jobs, func(i int, in batch.Input) fileResult {
		rep, err := convert.ReadFile(in.Path, opts(in))
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
}

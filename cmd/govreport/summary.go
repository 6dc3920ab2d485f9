package main

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"runtime/debug"

	"github.com/spf13/pflag"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/batch"
	"github.com/govreport/govreport/convert/summary"
)

const summaryUsage = `用法：govreport summary [选项] 输入...

读取所有报告（文本、网页、填好的 Excel 模板；输入可以是文件、文件夹（递归查找 {exts}）或通配符），
写出一个汇总工作簿：
  汇总  每份报告一行：来源文件、机关、年度、版本，以及每个字段一列（两个版本并列，某版本没有的字段留空）
  校验  每个未通过或无法判断的检查一行，以及无法读取的文件
  跨年  同一机关相邻年度的报告：上年结转 = 上一年度结转下年度（X-CARRY），
        2021版现行有效件数的衔接（X-INFORCE）；并列出无法配对的报告及原因
行的顺序固定（机关、年度、文件），与并行数无关。
`

// summaryMemoryLimit is the soft memory limit of the summary command: with
// the collection target of tuneGC the heap grows to it and no further, so
// the peak does not grow with the number of reports (about 80 MiB of
// resident memory with the program itself, from 10,000 to 100,000).
const summaryMemoryLimit = 64 << 20

type summaryOptions struct {
	out, csv, json string
	jobs           int
	quiet          bool
	meta           *metaOptions
	specDir        string
}

func summaryFlags(e *env) (*pflag.FlagSet, *summaryOptions) {
	o := &summaryOptions{}
	fs := newFlagSet(e, "summary", summaryUsage)
	fs.StringVarP(&o.out, "out", "o", "", "汇总工作簿文件名（默认：汇总.xlsx；只给 --csv 或 --json 时不写工作簿）")
	fs.StringVar(&o.csv, "csv", "", "另写一份 CSV（UTF-8 带 BOM，Excel 可直接打开）")
	fs.StringVar(&o.json, "json", "", "另写一份 JSON Lines（每份报告一行）")
	fs.IntVarP(&o.jobs, "jobs", "j", runtime.NumCPU(), "同时处理的文件数")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "不显示进度")
	fs.StringVar(&o.specDir, "spec-dir", "", specDirHelp())
	o.meta = addMetaFlags(fs)
	return fs, o
}

func runSummary(e *env, args []string) error {
	fs, o := summaryFlags(e)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return &usageError{"summary 需要至少一个输入（文件、文件夹或通配符）"}
	}
	if o.jobs < 1 {
		return &usageError{"--jobs 应为正整数"}
	}
	if o.out == "" && o.csv == "" && o.json == "" {
		o.out = "汇总.xlsx"
	}
	if e.getenv("GOMEMLIMIT") == "" {
		// Reading and writing allocate a lot of short-lived memory; a soft
		// limit makes the collector return it early, so peak memory stays
		// flat (the live data are a few MB) whatever the collection target.
		debug.SetMemoryLimit(summaryMemoryLimit)
	}
	t, err := convert.DefaultTime(e.getenv)
	if err != nil {
		return &usageError{err.Error()}
	}
	specs, err := loadSpecs(o.specDir)
	if err != nil {
		return err
	}
	// Outputs that cannot be written are found out before anything is read.
	for _, p := range []string{o.out, o.csv, o.json} {
		if p == "" {
			continue
		}
		if err := convert.CheckOutput(p); err != nil {
			return err
		}
	}
	inputs, skipped, errs := batch.ExpandWith(fs.Args(), convert.InputExts(), batch.ExpandOptions{Outputs: []string{o.out, o.csv, o.json}})
	for _, s := range skipped {
		fmt.Fprintf(e.stderr, "govreport：%s\n", s)
	}
	for _, err := range errs {
		fmt.Fprintf(e.stderr, "govreport：%s\n", err)
	}
	if len(inputs) == 0 {
		return errInputFailed
	}
	opts, err := o.meta.readOptions(e, inputs, specs)
	if err != nil {
		return err
	}
	s, err := summary.NewWithSpecs("", specs)
	if err != nil {
		return err
	}
	defer s.Close()
	prog := batch.NewProgress(e.stderr, len(inputs), !o.quiet && batch.IsTerminal(e.stderr), nil)
	var addErr error
	type result struct {
		p   *summary.Prepared
		err error
	}
	nDone := batch.RunUntil(e.stop, inputs, o.jobs, func(_ int, in batch.Input) result {
		name := filepath.ToSlash(in.Rel)
		w := memory.Acquire(batch.Weight(in))
		defer memory.Release(w)
		rep, err := readInput(e, in, opts(in))
		if err != nil {
			return result{s.PrepareError(name, err), err}
		}
		// Reduced to the summary's records here, in the worker: the
		// report is dropped at once and adding is a copy of bytes.
		return result{p: s.Prepare(name, rep)}
	}, func(_ int, in batch.Input, r result) {
		if r.err != nil {
			prog.Clear()
			fmt.Fprintf(e.stderr, "govreport：%s\n", r.err)
		}
		if err := s.AddPrepared(r.p); err != nil && addErr == nil {
			addErr = err
		}
		prog.Step(r.err != nil)
	})
	prog.Finish()
	if e.interrupted() != nil {
		reportInterrupt(e, nDone, len(inputs), "已读取")
		return errInterrupted
	}
	if addErr != nil {
		return addErr
	}
	write := func(path string, fn func(io.Writer) error) error {
		if path == "" {
			return nil
		}
		if err := convert.AtomicWrite(path, fn); err != nil {
			return err
		}
		if !o.quiet {
			fmt.Fprintf(e.stderr, "已写出 %s\n", path)
		}
		return nil
	}
	if err := write(o.out, func(w io.Writer) error { return s.WriteXLSX(w, t) }); err != nil {
		return err
	}
	if err := write(o.csv, s.WriteCSV); err != nil {
		return err
	}
	if err := write(o.json, s.WriteJSON); err != nil {
		return err
	}
	read, failed, unread := s.Counts()
	unread += len(errs)
	if !o.quiet {
		fmt.Fprintf(e.stderr, "汇总完成：读取 %d 份报告（其中 %d 份有检查未通过），无法读取 %d 个\n", read, failed, unread)
	}
	if unread > 0 {
		return errInputFailed
	}
	return nil
}

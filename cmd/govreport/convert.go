package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/pflag"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/batch"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/oserr"
	"github.com/govreport/govreport/convert/pdf"
	"github.com/govreport/govreport/fonts"
)

const convertUsage = `用法：govreport convert [选项] 输入...

读取每个报告，检查表格，按 --to 指定的格式写出到 --out 文件夹。输入可以是文件、
文件夹（递归查找 {exts}）或通配符。
输出文件名 = 输入文件名（去掉扩展名）+ 格式扩展名，例如 report.txt → report.json；
多个输入时在 --out 下保留输入的文件夹结构，同名文件不会互相覆盖。
一个文件读不了不影响其他文件；在终端上显示进度，最后给出汇总。
输出先写入临时文件，完成后再改名，不会留下写了一半的文件。
未通过的检查打印到标准错误；加 --strict 时有检查未通过则退出状态为 3。
输入 - 表示标准输入；-o - 且只有一种格式、一个输入时写到标准输出。
在输入文件夹中查找时跳过本次的输出文件夹，以及输出文件夹中 govreport 写出的文件。
只读取普通文件（及指向普通文件的符号链接）；命名管道、设备等会提示并跳过。
`

type convertOptions struct {
	to           []string
	out          string
	strict       bool
	quiet        bool
	jobs         int
	withFindings bool
	fontDir      string
	fontFiles    map[fonts.Role]*string // per-role font files (--font-fang …)
	meta         *metaOptions
	specDir      string
}

// fontFlags are the per-role font options, in help order.
var fontFlags = []struct {
	role fonts.Role
	help string
}{
	{fonts.Body, "正文（仿宋，如 仿宋_GB2312.ttf）字体文件"},
	{fonts.Heading, "一级标题（黑体）字体文件"},
	{fonts.Subheading, "二级标题（楷体，如 楷体_GB2312.ttf）字体文件"},
	{fonts.Table, "表格（宋体）字体文件"},
	{fonts.Title, "文件标题（小标宋，如 方正小标宋简体.ttf）字体文件"},
}

func convertFlags(e *env) (*pflag.FlagSet, *convertOptions) {
	o := &convertOptions{}
	fs := newFlagSet(e, "convert", convertUsage)
	fs.StringSliceVarP(&o.to, "to", "t", []string{"json"}, "输出格式，逗号分隔（可选："+convert.FormatNames()+"）")
	fs.StringVarP(&o.out, "out", "o", ".", "输出文件夹（- 表示标准输出）")
	fs.BoolVar(&o.strict, "strict", false, "有检查未通过时退出状态为 3")
	fs.IntVarP(&o.jobs, "jobs", "j", runtime.NumCPU(), "同时处理的文件数")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "不打印未通过的检查和进度")
	fs.BoolVar(&o.withFindings, "with-findings", false, "在 PDF/Word 文档末尾附上未通过或无法确定的检查项目")
	fs.StringVar(&o.fontDir, "font-dir", "", "PDF 字体文件夹：按文件名（simfang.ttf、仿宋_GB2312.ttf、simhei.ttf、楷体_GB2312.ttf、simsun.ttf、方正小标宋简体.ttf 等）替换内置字体，仅支持 TrueType (.ttf)")
	fs.StringVar(&o.specDir, "spec-dir", "", specDirHelp())
	o.meta = addMetaFlags(fs)
	o.fontFiles = map[fonts.Role]*string{}
	for _, f := range fontFlags {
		o.fontFiles[f.role] = fs.String("font-"+string(f.role), "", "PDF "+f.help+"，优先于 --font-dir")
	}
	return fs, o
}

func runConvert(e *env, args []string) error {
	fs, o := convertFlags(e)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		return &usageError{"convert 需要至少一个输入文件"}
	}
	if o.jobs < 1 {
		return &usageError{"--jobs 应为正整数"}
	}
	var formats []convert.Format
	for _, name := range o.to {
		f, ok := convert.Lookup(name)
		if !ok {
			return &usageError{fmt.Sprintf("不支持的输出格式 %q（可选：%s）", name, convert.FormatNames())}
		}
		formats = append(formats, f)
	}
	t, err := convert.DefaultTime(e.getenv)
	if err != nil {
		return &usageError{err.Error()}
	}
	set, err := o.fonts(e)
	if err != nil {
		return err
	}
	specs, err := loadSpecs(o.specDir)
	if err != nil {
		return err
	}
	wo := convert.WriteOptions{Time: t, WithFindings: o.withFindings, Fonts: set, Specs: specs}
	for _, f := range formats {
		if f.Name == "pdf" && set != nil {
			// Open the fonts once now, so that a file the PDF writer cannot use
			// is reported once, before any conversion.
			if err := pdf.LoadFonts(set); err != nil {
				return &usageError{err.Error()}
			}
		}
	}
	toStdout := o.out == "-"
	if toStdout && len(formats) != 1 {
		return &usageError{"-o - （写到标准输出）只能用于一种输出格式"}
	}
	if !toStdout {
		// Found out before anything is read or rendered.
		if fi, err := os.Stat(o.out); err == nil && !fi.IsDir() {
			return &usageError{fmt.Sprintf("输出文件夹 %s 是一个已有的文件，不是文件夹", o.out)}
		}
		if err := convert.CheckOutput(filepath.Join(o.out, "govreport")); err != nil {
			return err
		}
	}
	eo := batch.ExpandOptions{}
	if !toStdout {
		eo.OutDir = o.out
	}
	inputs, missing := expandInputs(e, files, eo)
	if toStdout && len(inputs)+missing != 1 {
		return &usageError{"-o - （写到标准输出）只能用于一个输入文件"}
	}
	opts, err := o.meta.readOptions(e, inputs, specs)
	if err != nil {
		return err
	}
	outs := make([][]string, len(formats))
	for k, f := range formats {
		outs[k] = batch.OutputPaths(o.out, inputs, f.Ext)
	}
	type notes struct {
		writer []model.Finding
	}
	extra := make([]notes, len(inputs))
	tl := tally{total: len(inputs) + missing, unreadable: missing}
	nDone := eachReport(e, inputs, o.jobs, o.quiet, opts, func(i int, in batch.Input, rep *model.Report) []error {
		w := wo
		w.OnFinding = func(f model.Finding) { extra[i].writer = append(extra[i].writer, f) }
		var errs []error
		if toStdout {
			if err := formats[0].Write(e.stdout, rep, w); err != nil {
				errs = append(errs, fmt.Errorf("%s：写到标准输出失败（%s）", displayName(in), oserr.Message(err)))
			}
			return errs
		}
		for k, f := range formats {
			if sameFile(outs[k][i], in.Path) {
				errs = append(errs, fmt.Errorf("%s：输出文件与输入文件相同，未写出（请用 -o 指定另一个文件夹）", outs[k][i]))
				continue
			}
			if err := convert.WriteFile(outs[k][i], f, rep, w); err != nil {
				errs = append(errs, err)
			}
		}
		return errs
	}, func(in batch.Input, r fileResult) {
		if r.readErr != nil {
			fmt.Fprintf(e.stderr, "govreport：%s\n", r.readErr)
			tl.unreadable++
			return
		}
		for _, err := range r.writeErrs {
			fmt.Fprintf(e.stderr, "govreport：%s\n", err)
		}
		if len(r.writeErrs) > 0 {
			tl.unwritable++
		} else {
			tl.ok++
		}
		bad := convert.Failed(r.rep)
		if len(bad) > 0 {
			tl.failed++
		}
		if !o.quiet {
			printFailed(e, displayName(in), bad)
		}
	})
	if e.interrupted() != nil {
		reportInterrupt(e, nDone, len(inputs), "已转换")
		return errInterrupted
	}
	for i, n := range extra {
		if !o.quiet {
			for _, f := range n.writer {
				fmt.Fprintf(e.stderr, "%s：注意 %s：%s\n", displayName(inputs[i]), f.ID, f.Message)
			}
		}
	}
	if tl.total > 1 && !o.quiet {
		fmt.Fprintln(e.stderr, tl.line("转换"))
	}
	switch {
	case tl.unreadable > 0 || tl.unwritable > 0:
		return errInputFailed
	case tl.failed > 0 && o.strict:
		return errCheckFailed
	}
	return nil
}

// sameFile reports whether two paths name the same file.
func sameFile(a, b string) bool {
	x, err1 := filepath.Abs(a)
	y, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && x == y
}

// fonts builds the font set from --font-dir and the per-role flags; nil
// when none is given (the writers then use the shipped fonts). A font file
// that cannot be used is a command-line error naming the file.
func (o *convertOptions) fonts(e *env) (*fonts.Set, error) {
	var set *fonts.Set
	if o.fontDir != "" {
		s, err := fonts.FromDir(o.fontDir)
		if s == nil {
			why := "无法读取"
			if errors.Is(err, fs.ErrNotExist) {
				why = "不存在"
			} else if errors.Is(err, fs.ErrPermission) {
				why = "没有读取权限"
			}
			return nil, &usageError{fmt.Sprintf("字体文件夹 %s %s", o.fontDir, why)}
		}
		if err != nil {
			return nil, &usageError{"--font-dir：" + strings.ReplaceAll(err.Error(), "\n", "\n  ")}
		}
		replaced := false
		for _, r := range fonts.Roles() {
			if !strings.HasPrefix(s.Source(r), "embedded:") {
				replaced = true
			}
		}
		if !replaced {
			fmt.Fprintf(e.stderr, "govreport：字体文件夹 %s 中没有可识别的字体文件名（如 simfang.ttf、仿宋_GB2312.ttf），仍使用内置字体\n", o.fontDir)
		}
		set = s
	}
	for _, f := range fontFlags {
		path := *o.fontFiles[f.role]
		if path == "" {
			continue
		}
		if set == nil {
			set = fonts.Default()
		}
		if err := set.WithFile(f.role, path); err != nil {
			return nil, &usageError{fmt.Sprintf("--font-%s：%v", f.role, err)}
		}
	}
	return set, nil
}

func printFailed(e *env, path string, bad []model.Finding) {
	for _, f := range bad {
		fmt.Fprintf(e.stderr, "%s：未通过 %s：%s\n", path, f.ID, f.Message)
	}
}

package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/model"
)

const convertUsage = `用法：govreport convert [选项] 文件...

读取每个报告文件，检查表格，按 --to 指定的格式写出到 --out 文件夹。
输出文件名 = 输入文件名（去掉扩展名）+ 格式扩展名，例如 report.txt → report.json。
输出先写入临时文件，完成后再改名，不会留下写了一半的文件。
未通过的检查打印到标准错误；加 --strict 时有检查未通过则退出状态为 3。
`

type convertOptions struct {
	to     []string
	out    string
	strict bool
	quiet  bool
}

func convertFlags(e *env) (*pflag.FlagSet, *convertOptions) {
	o := &convertOptions{}
	fs := newFlagSet(e, "convert", convertUsage)
	fs.StringSliceVarP(&o.to, "to", "t", []string{"json"}, "输出格式，逗号分隔（可选："+convert.FormatNames()+"）")
	fs.StringVarP(&o.out, "out", "o", ".", "输出文件夹")
	fs.BoolVar(&o.strict, "strict", false, "有检查未通过时退出状态为 3")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "不打印未通过的检查")
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
	wo := convert.WriteOptions{Time: t}
	unreadable, failed := 0, 0
	for _, path := range files {
		rep, err := convert.ReadFile(path, convert.ReadOptions{})
		if err != nil {
			fmt.Fprintf(e.stderr, "govreport：%s\n", err)
			unreadable++
			continue
		}
		base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		for _, f := range formats {
			dst := filepath.Join(o.out, base+f.Ext)
			if err := convert.WriteFile(dst, f, rep, wo); err != nil {
				fmt.Fprintf(e.stderr, "govreport：%s\n", err)
				unreadable++
			}
		}
		bad := convert.Failed(rep)
		if len(bad) > 0 {
			failed++
			if !o.quiet {
				printFailed(e, path, bad)
			}
		}
	}
	switch {
	case unreadable > 0:
		return errInputFailed
	case failed > 0 && o.strict:
		return errCheckFailed
	}
	return nil
}

func printFailed(e *env, path string, bad []model.Finding) {
	for _, f := range bad {
		fmt.Fprintf(e.stderr, "%s：未通过 %s：%s\n", path, f.ID, f.Message)
	}
}

package main

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/compare"
)

const compareUsage = `用法：govreport compare [选项] 报告A 报告B

把两份报告并排比较，通常是同一机关相邻两个年度的报告（A 为前一年，B 为后一年）：
表二至表四的每个栏目及其变化和变化率（只属于一个版本的栏目另一边为空，不当作 0）、
跨年核对（上年结转 = 上一年结转下年度，现行有效件数的衔接）、派生指标，
以及六个部分中 B 的句子已出现在 A 中的比例（数字不同也算重复，官方格式套话不计）。
机关或年度对不上时照样比较，但会给出提示。
默认在终端上打印；--xlsx 另存为工作簿，--json 输出 JSON。
`

type compareOptions struct {
	xlsx    string
	json    bool
	changed bool
}

func compareFlags(e *env) (*pflag.FlagSet, *compareOptions) {
	o := &compareOptions{}
	fs := newFlagSet(e, "compare", compareUsage)
	fs.StringVar(&o.xlsx, "xlsx", "", "另存为 Excel 工作簿（每张表一页，有变化的格标色，另有指标、跨年核对、文字重复页）")
	fs.BoolVar(&o.json, "json", false, "以 JSON 输出比较结果")
	fs.BoolVar(&o.changed, "changed", false, "终端输出中只列出有变化的栏目")
	return fs, o
}

func runCompare(e *env, args []string) error {
	fs, o := compareFlags(e)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return &usageError{fmt.Sprintf("compare 需要正好两个输入文件（给了 %d 个）", fs.NArg())}
	}
	fa, fb := fs.Arg(0), fs.Arg(1)
	a, err := convert.ReadFile(fa, convert.ReadOptions{})
	if err != nil {
		return err
	}
	b, err := convert.ReadFile(fb, convert.ReadOptions{})
	if err != nil {
		return err
	}
	res := compare.Compare(a, b, recordedPath(fa), recordedPath(fb), nil)
	if o.xlsx != "" {
		t, err := convert.DefaultTime(e.getenv)
		if err != nil {
			return &usageError{err.Error()}
		}
		if err := convert.AtomicWrite(o.xlsx, func(w io.Writer) error { return compare.WriteXLSX(w, res, t) }); err != nil {
			return err
		}
	}
	switch {
	case o.json:
		return compare.WriteJSON(e.stdout, res)
	case o.xlsx != "":
		fmt.Fprintf(e.stdout, "已写出比较结果：%s\n", o.xlsx)
		for _, w := range res.Warnings {
			fmt.Fprintf(e.stdout, "注意：%s\n", w)
		}
		return nil
	}
	return compare.WriteText(e.stdout, res, o.changed)
}

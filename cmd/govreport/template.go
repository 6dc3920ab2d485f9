package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/xlsx"
	"github.com/govreport/govreport/templates"
)

// editionHelp lists the official editions for --help, newest first:
// "2021（国办公开办函〔2021〕30号）或 2019（国办公开办函〔2019〕60号）".
func editionHelp(set *templates.Set) string {
	off := set.Official()
	var parts []string
	for i := len(off) - 1; i >= 0; i-- {
		parts = append(parts, string(off[i].Edition)+"（"+off[i].Document+"）")
	}
	return strings.Join(parts, "或 ")
}

const templateUsage = `用法：govreport template [选项] -o 模板.xlsx

生成一份空白的年度报告表格填报模板（Excel 工作簿），版式与官方格式一致：
黄色单元格为填报区，其余单元格锁定（工作表保护未设密码）；填写时有数据验证提示；
表三、表四旁的校验公式随填随算（✓ 通过 / ✗ 不平衡 / 待填 / 存疑）。
每个填报单元格都按字段命名（如 t3.new.natural → t3_new_natural），
填好后可直接用 govreport check 或 govreport convert 读取。
`

const defaultTemplateName = "政府信息公开工作年度报告模板.xlsx"

type templateOptions struct {
	edition string
	agency  string
	year    int
	out     string
	specDir string
}

func templateFlags(e *env) (*pflag.FlagSet, *templateOptions) {
	o := &templateOptions{}
	fs := newFlagSet(e, "template", templateUsage)
	fs.StringVar(&o.edition, "edition", "", "表格格式版本："+editionHelp(templates.Default())+"；默认为现行的版本；--spec-dir 中的版本或变体也可选")
	fs.StringVar(&o.specDir, "spec-dir", "", specDirHelp())
	fs.StringVar(&o.agency, "agency", "", "预先填入的机关名称")
	fs.IntVar(&o.year, "year", 0, "预先填入的报告年度，例如 2025")
	fs.StringVarP(&o.out, "out", "o", defaultTemplateName, "输出文件（.xlsx）")
	return fs, o
}

func runTemplate(e *env, args []string) error {
	fs, o := templateFlags(e)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("template 不接受输入文件（多余的参数：%s）；输出文件用 -o 指定", strings.Join(fs.Args(), " "))}
	}
	specs, err := loadSpecs(o.specDir)
	if err != nil {
		return err
	}
	set := specs
	if set == nil {
		set = templates.Default()
	}
	ed := model.Edition(strings.TrimSpace(o.edition))
	if ed == "" {
		ed = set.Newest().Edition
	}
	if !set.Has(ed) {
		return &usageError{fmt.Sprintf("不支持的表格格式版本 %q（可选：%s）", o.edition, xlsx.EditionChoices(set))}
	}
	if o.year != 0 && (o.year < 2000 || o.year > 2100) {
		return &usageError{fmt.Sprintf("报告年度 %d 不合理（应为四位数的年份，例如 2025）", o.year)}
	}
	if len([]rune(o.agency)) > 100 {
		return &usageError{"机关名称过长（不超过 100 个字）"}
	}
	if strings.TrimSpace(o.out) == "" {
		return &usageError{"请用 -o 指定输出文件"}
	}
	t, err := convert.DefaultTime(e.getenv)
	if err != nil {
		return &usageError{err.Error()}
	}
	err = convert.AtomicWrite(o.out, func(w io.Writer) error {
		return xlsx.WriteTemplate(w, xlsx.TemplateOptions{Edition: ed, Specs: specs, Agency: strings.TrimSpace(o.agency), Year: o.year, Time: t})
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已生成 %s 版填报模板：%s\n", ed, o.out)
	return nil
}

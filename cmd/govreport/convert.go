package main

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/pdf"
	"github.com/govreport/govreport/fonts"
)

const convertUsage = `用法：govreport convert [选项] 文件...

读取每个报告文件，检查表格，按 --to 指定的格式写出到 --out 文件夹。
输出文件名 = 输入文件名（去掉扩展名）+ 格式扩展名，例如 report.txt → report.json。
输出先写入临时文件，完成后再改名，不会留下写了一半的文件。
未通过的检查打印到标准错误；加 --strict 时有检查未通过则退出状态为 3。
`

type convertOptions struct {
	to           []string
	out          string
	strict       bool
	quiet        bool
	withFindings bool
	fontDir      string
	fontFiles    map[fonts.Role]*string // per-role font files (--font-fang …)
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
	fs.StringVarP(&o.out, "out", "o", ".", "输出文件夹")
	fs.BoolVar(&o.strict, "strict", false, "有检查未通过时退出状态为 3")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "不打印未通过的检查")
	fs.BoolVar(&o.withFindings, "with-findings", false, "在 PDF/Word 文档末尾附上未通过或无法确定的检查项目")
	fs.StringVar(&o.fontDir, "font-dir", "", "PDF 字体文件夹：按文件名（simfang.ttf、仿宋_GB2312.ttf、simhei.ttf、楷体_GB2312.ttf、simsun.ttf、方正小标宋简体.ttf 等）替换内置字体，仅支持 TrueType (.ttf)")
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
	wo := convert.WriteOptions{Time: t, WithFindings: o.withFindings, Fonts: set}
	for _, f := range formats {
		if f.Name == "pdf" && set != nil {
			// Parse the fonts once now, so that a file gopdf cannot use
			// is reported once, before any conversion.
			if err := pdf.LoadFonts(set); err != nil {
				return &usageError{err.Error()}
			}
		}
	}
	unreadable, failed := 0, 0
	for _, path := range files {
		rep, err := convert.ReadFile(path, convert.ReadOptions{})
		if err != nil {
			fmt.Fprintf(e.stderr, "govreport：%s\n", err)
			unreadable++
			continue
		}
		base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		wo.OnFinding = func(f model.Finding) {
			if !o.quiet {
				fmt.Fprintf(e.stderr, "%s：注意 %s：%s\n", path, f.ID, f.Message)
			}
		}
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

package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/spf13/pflag"

	"github.com/govreport/govreport/convert/batch"
	"github.com/govreport/govreport/convert/jsonfmt"
	"github.com/govreport/govreport/convert/model"
)

const checkUsage = `用法：govreport check [选项] 输入...

读取每个报告，检查表三、表四的勾稽关系、数值和报告年度、格式版本，
以中文表格列出未通过（失败）、无法判断（存疑）和需要注意的项目。
输入可以是文件、文件夹（递归查找 {exts}）或通配符；结果按输入顺序输出。
退出状态：0 全部通过；1 有文件无法读取；3 有检查未通过。
`

type checkOptions struct {
	json    bool
	all     bool
	jobs    int
	specDir string
	meta    *metaOptions
}

func checkFlags(e *env) (*pflag.FlagSet, *checkOptions) {
	o := &checkOptions{}
	fs := newFlagSet(e, "check", checkUsage)
	fs.BoolVar(&o.json, "json", false, "以 JSON 输出完整结果（每个文件一个对象，每行一个）")
	fs.BoolVar(&o.all, "all", false, "同时列出通过的检查")
	fs.IntVarP(&o.jobs, "jobs", "j", runtime.NumCPU(), "同时处理的文件数")
	fs.StringVar(&o.specDir, "spec-dir", "", specDirHelp())
	o.meta = addMetaFlags(fs)
	return fs, o
}

var statusNames = map[model.Status]string{
	model.Pass: "通过", model.Fail: "失败", model.Uncertain: "存疑", model.Warning: "注意", model.Info: "说明",
}

func runCheck(e *env, args []string) error {
	fs, o := checkFlags(e)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		return &usageError{"check 需要至少一个输入文件"}
	}
	if o.jobs < 1 {
		return &usageError{"--jobs 应为正整数"}
	}
	specs, err := loadSpecs(o.specDir)
	if err != nil {
		return err
	}
	inputs, missing := expandInputs(e, files, batch.ExpandOptions{})
	opts, err := o.meta.readOptions(e, inputs, specs)
	if err != nil {
		return err
	}
	tl := tally{total: len(inputs) + missing, unreadable: missing}
	first := true
	var werr error
	nDone := eachReport(e, inputs, o.jobs, o.json, opts, nil, func(in batch.Input, r fileResult) {
		if r.readErr != nil {
			fmt.Fprintf(e.stderr, "govreport：%s\n", r.readErr)
			tl.unreadable++
			return
		}
		tl.ok++
		if r.rep.Failed() {
			tl.failed++
		}
		if o.json {
			if err := writeCompactJSON(e.stdout, r.rep); err != nil && werr == nil {
				werr = err
			}
			return
		}
		if !first {
			fmt.Fprintln(e.stdout)
		}
		first = false
		printTable(e.stdout, displayName(in), r.rep, o.all)
	})
	if e.interrupted() != nil {
		reportInterrupt(e, nDone, len(inputs), "已检查")
		return errInterrupted
	}
	if werr != nil {
		return werr
	}
	if tl.total > 1 && !o.json {
		fmt.Fprintln(e.stdout)
		fmt.Fprintln(e.stdout, tl.line("读取"))
	}
	switch {
	case tl.unreadable > 0:
		return errInputFailed
	case tl.failed > 0:
		return errCheckFailed
	}
	return nil
}

// writeCompactJSON writes the report JSON on one line.
func writeCompactJSON(w io.Writer, rep *model.Report) error {
	var b strings.Builder
	if err := jsonfmt.Write(&b, rep); err != nil {
		return err
	}
	var out strings.Builder
	inStr, esc := false, false
	for _, r := range b.String() {
		switch {
		case inStr:
			out.WriteRune(r)
			if esc {
				esc = false
			} else if r == '\\' {
				esc = true
			} else if r == '"' {
				inStr = false
			}
		case r == '"':
			inStr = true
			out.WriteRune(r)
		case r == '\n' || r == ' ':
		default:
			out.WriteRune(r)
		}
	}
	_, err := fmt.Fprintln(w, out.String())
	return err
}

// printTable prints the findings of one report as an aligned Chinese table.
func printTable(w io.Writer, path string, rep *model.Report, all bool) {
	m := rep.Meta
	year := "年度不详"
	if m.Year > 0 {
		year = fmt.Sprintf("%d年度", m.Year)
	}
	agency := m.Agency
	if agency == "" {
		agency = "机关名称不详"
	}
	fmt.Fprintf(w, "== %s（%s，%s，%s版格式）==\n", path, agency, year, m.Edition)
	counts := map[model.Status]int{}
	// Without --all, many uncertain results of one check family (a report
	// that fills only the 总计 column) fold into one line.
	family := map[string]int{}
	for _, f := range rep.Findings {
		counts[f.Status]++
		if f.Status == model.Uncertain {
			family[familyOf(f.ID)]++
		}
	}
	var rows [][3]string
	folded := map[string]bool{}
	for _, f := range rep.Findings {
		if !all && (f.Status == model.Pass || f.Status == model.Info) {
			continue
		}
		if fam := familyOf(f.ID); !all && f.Status == model.Uncertain && family[fam] > 3 {
			if !folded[fam] {
				folded[fam] = true
				rows = append(rows, [3]string{statusNames[f.Status], fam + ".*",
					fmt.Sprintf("%d 项无法判断：相关单元格为空、“无”或存疑（加 --all 逐项列出）", family[fam])})
			}
			continue
		}
		rows = append(rows, [3]string{statusNames[f.Status], f.ID, f.Message})
	}
	idw := 4
	for _, r := range rows {
		idw = max(idw, utf8.RuneCountInString(r[1]))
	}
	if len(rows) > 0 {
		fmt.Fprintf(w, "%s  %s  %s\n", "状态", pad("编号", idw), "说明")
	}
	for _, r := range rows {
		fmt.Fprintf(w, "%s  %s  %s\n", r[0], pad(r[1], idw), r[2])
	}
	fmt.Fprintf(w, "合计：通过 %d，失败 %d，存疑 %d，注意 %d\n",
		counts[model.Pass], counts[model.Fail], counts[model.Uncertain], counts[model.Warning])
}

// familyOf returns the check id without its scope: T3-ROWSUM.new → T3-ROWSUM.
func familyOf(id string) string {
	fam, _, _ := strings.Cut(id, ".")
	return fam
}

// pad pads s to width display columns (CJK characters count as two).
func pad(s string, width int) string {
	w := 0
	for _, r := range s {
		if r >= 0x1100 {
			w += 2
		} else {
			w++
		}
	}
	if w >= width {
		return s
	}
	return s + strings.Repeat(" ", width-w)
}

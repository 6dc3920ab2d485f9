package main

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/spf13/pflag"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/model"
)

// Exit statuses, documented in the help text and the README.
const (
	exitOK     = 0 // everything read and written; no failed check (or not --strict)
	exitInput  = 1 // an input could not be read, or an output could not be written
	exitUsage  = 2 // wrong command line
	exitFailed = 3 // a check failed (check; convert with --strict)
)

// env gives the commands what they need from the process, injected for tests.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// usageError is a command-line mistake: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// checkFailed means the run completed but a check failed: exit status 3.
var errCheckFailed = errors.New("检查未通过")

// inputFailed means at least one input could not be read: exit status 1.
var errInputFailed = errors.New("有文件无法读取")

const mainHelp = `govreport — 政府信息公开工作年度报告的读取、检查与转换工具

用法：
  govreport convert [选项] 输入...    读取报告并转换为 JSON、Excel、PDF、Word
  govreport check [选项] 输入...      检查报告表格的勾稽关系，列出问题
  govreport summary [选项] 输入...    汇总多份报告：每份一行的工作簿、校验结果、跨年核对
  govreport compare [选项] A B         比较两份报告（通常是同一机关相邻两年）：栏目变化、跨年核对、指标、文字重复
  govreport template [选项] -o 模板.xlsx
                                      生成空白的 Excel 填报模板（填好后可直接读取）
  govreport serve [--addr 地址] [--open]
                                      启动本机网页：在浏览器中上传、检查、查看和下载报告
  govreport help [命令]               显示帮助
  govreport version                   显示版本

输入（按内容识别，不只看扩展名；文本的 UTF-8/GBK/GB18030/Big5/UTF-16 编码、繁体均可）：
{inputs}

退出状态：
  0  成功
  1  有输入文件无法读取，或输出文件无法写入
  2  命令行用法错误
  3  有检查未通过（check 命令；convert 加 --strict 时）

用 "govreport help 命令" 查看各命令的选项。
`

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// run is the whole program: it parses args, runs a command and maps the
// outcome to an exit status. Only this function decides exit statuses.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	if len(args) == 0 {
		fmt.Fprint(stderr, expandHelp(mainHelp))
		return exitUsage
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "convert":
		err = runConvert(e, rest)
	case "check":
		err = runCheck(e, rest)
	case "template":
		err = runTemplate(e, rest)
	case "summary":
		err = runSummary(e, rest)
	case "serve":
		err = runServe(e, rest)
	case "compare":
		err = runCompare(e, rest)
	case "help", "-h", "--help":
		err = runHelp(e, rest)
	case "version", "--version":
		fmt.Fprintln(stdout, "govreport", version)
	default:
		err = &usageError{fmt.Sprintf("未知命令 %q", cmd)}
	}
	return exitCode(err, stderr)
}

// exitCode prints err (when it has something to say) and maps it to a status.
func exitCode(err error, stderr io.Writer) int {
	var ue *usageError
	var pe *model.ParseError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, pflag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "govreport：%s\n用 \"govreport help\" 查看用法。\n", ue.msg)
		return exitUsage
	case errors.Is(err, errCheckFailed):
		return exitFailed
	case errors.Is(err, errInputFailed):
		return exitInput
	case errors.As(err, &pe):
		fmt.Fprintf(stderr, "govreport：%s\n", pe)
		return exitInput
	default:
		fmt.Fprintf(stderr, "govreport：%s\n", err)
		return exitInput
	}
}

func runHelp(e *env, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(e.stdout, expandHelp(mainHelp))
		return nil
	}
	switch args[0] {
	case "convert":
		fs, _ := convertFlags(e)
		printUsage(e.stdout, fs, convertUsage)
	case "check":
		fs, _ := checkFlags(e)
		printUsage(e.stdout, fs, checkUsage)
	case "template":
		fs, _ := templateFlags(e)
		printUsage(e.stdout, fs, templateUsage)
	case "summary":
		fs, _ := summaryFlags(e)
		printUsage(e.stdout, fs, summaryUsage)
	case "serve":
		fs, _ := serveFlags(e)
		printUsage(e.stdout, fs, serveUsage)
	case "compare":
		fs, _ := compareFlags(e)
		printUsage(e.stdout, fs, compareUsage)
	default:
		return &usageError{fmt.Sprintf("没有命令 %q 的帮助", args[0])}
	}
	return nil
}

func printUsage(w io.Writer, fs *pflag.FlagSet, head string) {
	fmt.Fprint(w, expandHelp(head))
	fmt.Fprintln(w, "\n选项：")
	fmt.Fprint(w, chineseUsages(fs.FlagUsages()))
}

var (
	reFlagType    = regexp.MustCompile(`(?m)^(\s+(?:-\w, )?--[\w-]+) (strings|string|int)\b`)
	reFlagDefault = regexp.MustCompile(`(?m) \(default (.*)\)$`)
	// Replacements keep pflag's column alignment: same display width
	// (a Chinese character takes two columns).
	flagTypeNames = map[string]string{"string": "值    ", "strings": "列表   ", "int": "数 "}
)

// chineseUsages turns pflag's English bits (value types, "(default …)")
// into Chinese.
func chineseUsages(u string) string {
	u = reFlagType.ReplaceAllStringFunc(u, func(m string) string {
		sub := reFlagType.FindStringSubmatch(m)
		return sub[1] + " " + flagTypeNames[sub[2]]
	})
	return reFlagDefault.ReplaceAllString(u, "（默认：$1）")
}

// newFlagSet returns a FlagSet that reports errors instead of exiting.
func newFlagSet(e *env, name, usage string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	fs.Usage = func() { printUsage(e.stdout, fs, usage) }
	return fs
}

// parse parses flags and turns pflag errors into usage errors (help → ErrHelp).
func parse(e *env, fs *pflag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fs.Usage()
			return err
		}
		return &usageError{translateFlagError(err)}
	}
	return nil
}

func translateFlagError(err error) string {
	return "选项错误：" + err.Error()
}

// expandHelp fills the help texts' placeholders from the reader registry:
// {exts} the extensions a folder walk picks up, {inputs} one line per reader.
func expandHelp(s string) string {
	if strings.Contains(s, "{inputs}") {
		var b strings.Builder
		for i, r := range convert.Readers() {
			if i > 0 {
				b.WriteByte('\n')
			}
			fmt.Fprintf(&b, "  %-6s %s（%s）", r.Name, r.Help, strings.Join(r.Exts, " "))
		}
		s = strings.ReplaceAll(s, "{inputs}", b.String())
	}
	return strings.ReplaceAll(s, "{exts}", convert.InputExtList())
}

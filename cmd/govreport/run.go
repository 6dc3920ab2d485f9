package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

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
	// Interrupted by a signal: 128 + the signal number, the shell's
	// convention (130 for SIGINT / Ctrl-C, 143 for SIGTERM).
	exitSIGINT  = 130
	exitSIGTERM = 143
)

// env gives the commands what they need from the process, injected for tests.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string

	// signals delivers SIGINT/SIGTERM (nil in tests that do not interrupt).
	signals <-chan os.Signal
	// exit ends the process when an interrupted command does not return
	// in time (os.Exit in main).
	exit func(int)
	// stop is closed when a signal arrives: batches start no new input.
	stop chan struct{}
	// caught is the signal received, if any.
	caught atomic.Value
}

// interrupted reports the signal that interrupted the run (nil if none).
func (e *env) interrupted() os.Signal {
	s, _ := e.caught.Load().(os.Signal)
	return s
}

// errInterrupted ends a command stopped by a signal.
var errInterrupted = errors.New("已中断")

// ownSignals are the commands that handle SIGINT/SIGTERM themselves:
// serve stops its web server gracefully and deletes its uploads, which
// may take longer than interruptGrace.
var ownSignals = map[string]bool{"serve": true}

// interruptGrace is how long an interrupted command may take to stop
// (workers in the middle of a file are abandoned, not awaited).
const interruptGrace = 3 * time.Second

// signalCode maps a signal to its exit status.
func signalCode(s os.Signal) int {
	if s == syscall.SIGTERM {
		return exitSIGTERM
	}
	return exitSIGINT
}

func signalName(s os.Signal) string {
	if s == syscall.SIGTERM {
		return "SIGTERM"
	}
	return "SIGINT"
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
  130  被 Ctrl-C（SIGINT）中断；143  被 SIGTERM 中断：不再开始新的文件，未写完的临时文件已删除

用 "govreport help 命令" 查看各命令的选项。
`

// version, when set at build time with -ldflags "-X main.version=…",
// overrides the version read from the build information.
var version = ""

// versionLine is what "govreport version" prints: the module version that
// "go install …@version" records, and the VCS revision (with a mark for
// uncommitted changes) that "go build" in a checkout records.
func versionLine() string {
	bi, _ := debug.ReadBuildInfo()
	return formatVersion(bi, version)
}

// formatVersion builds the version line from build information (nil when
// the binary has none) and an override set at link time ("" for none).
func formatVersion(bi *debug.BuildInfo, override string) string {
	v := override
	var rev, when string
	modified := false
	if bi != nil {
		if v == "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if v == "" || v == "(devel)" {
		v = "开发版"
	}
	line := "govreport " + v
	if rev != "" {
		line += "，修订 " + rev[:min(len(rev), 12)]
		if when != "" {
			line += "（" + when + "）"
		}
		if modified {
			line += "，含未提交的修改"
		}
	}
	return line + "，" + runtime.Version()
}

// run is the whole program: it parses args, runs a command and maps the
// outcome to an exit status. Only this function (with runEnv) decides exit
// statuses.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	return runEnv(&env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}, args)
}

// runEnv is run with a prepared env; with e.signals set, SIGINT/SIGTERM stop
// the command: no new input is started, temporary files are removed
// (convert.Interrupt), the command says what it did, and the exit status is
// 130 or 143. A command that does not return within interruptGrace is ended
// by e.exit.
func runEnv(e *env, args []string) int {
	e.stop = make(chan struct{})
	finished := make(chan struct{})
	defer close(finished)
	if e.signals != nil && !(len(args) > 0 && ownSignals[args[0]]) {
		go func() {
			var s os.Signal
			select {
			case s = <-e.signals:
			case <-finished:
				return
			}
			e.caught.Store(s)
			convert.Interrupt()
			close(e.stop)
			select {
			case <-finished:
			case <-time.After(interruptGrace):
				fmt.Fprintf(e.stderr, "govreport：收到 %s，已中断；未写完的临时文件已删除\n", signalName(s))
				e.exit(signalCode(s))
			case s2 := <-e.signals: // a second signal: stop now
				fmt.Fprintf(e.stderr, "govreport：收到 %s，已中断；未写完的临时文件已删除\n", signalName(s2))
				e.exit(signalCode(s2))
			}
		}()
	}
	code := runCommand(e, args)
	if s := e.interrupted(); s != nil {
		convert.Interrupt() // a write may have been started after the signal goroutine's call
		return signalCode(s)
	}
	return code
}

func runCommand(e *env, args []string) int {
	stdout, stderr := e.stdout, e.stderr
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
		fmt.Fprintln(stdout, versionLine())
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
	case errors.Is(err, errInterrupted):
		return exitSIGINT // runEnv replaces it with the signal's own status
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

// The expressions of help and error texts are compiled when first needed
// (sync.OnceValue), not at start-up: a convert that shows neither would
// compile a dozen for nothing.
var (
	reFlagType = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?m)^(\s+(?:-\w, )?--[\w-]+) (strings|string|int)\b`)
	})
	reFlagDefault = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m) \(default (.*)\)$`) })
	// Replacements keep pflag's column alignment: same display width
	// (a Chinese character takes two columns).
	flagTypeNames = map[string]string{"string": "值    ", "strings": "列表   ", "int": "数 "}
)

// chineseUsages turns pflag's English bits (value types, "(default …)")
// into Chinese.
func chineseUsages(u string) string {
	re := reFlagType()
	u = re.ReplaceAllStringFunc(u, func(m string) string {
		sub := re.FindStringSubmatch(m)
		return sub[1] + " " + flagTypeNames[sub[2]]
	})
	return reFlagDefault().ReplaceAllString(u, "（默认：$1）")
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

var flagErrors = sync.OnceValue(func() []struct {
	re  *regexp.Regexp
	msg string
} {
	return []struct {
		re  *regexp.Regexp
		msg string
	}{
		{regexp.MustCompile(`^unknown flag: (.*)$`), "未知选项 $1"},
		{regexp.MustCompile(`^unknown shorthand flag: '(.)' in (.*)$`), "未知选项 -$1（在 $2 中）"},
		{regexp.MustCompile(`^flag needs an argument: '?(.*?)'? in (.*)$`), "选项 $2 需要一个值"},
		{regexp.MustCompile(`^flag needs an argument: (.*)$`), "选项 $1 需要一个值"},
		{regexp.MustCompile(`^invalid argument "(.*)" for "(.*)" flag: strconv\.Parse(Int|Uint)\b.*value out of range.*$`), "选项 $2 的值 \"$1\" 超出范围"},
		{regexp.MustCompile(`^invalid argument "(.*)" for "(.*)" flag: strconv\.Parse(Int|Uint)\b.*$`), "选项 $2 的值 \"$1\" 不是整数"},
		{regexp.MustCompile(`^invalid argument "(.*)" for "(.*)" flag: strconv\.ParseBool\b.*$`), "选项 $2 是开关，不接受值 \"$1\"（可用 true 或 false）"},
		{regexp.MustCompile(`^invalid argument "(.*)" for "(.*)" flag: .*$`), "选项 $2 的值 \"$1\" 无效"},
		{regexp.MustCompile(`^bad flag syntax: (.*)$`), "选项格式错误：$1"},
		{regexp.MustCompile(`^no such flag (.*)$`), "未知选项 $1"},
	}
})

// translateFlagError turns pflag's English errors into Chinese; pflag has
// no error types, so its message formats are matched.
func translateFlagError(err error) string {
	msg := err.Error()
	for _, f := range flagErrors() {
		if f.re.MatchString(msg) {
			return f.re.ReplaceAllString(msg, f.msg)
		}
	}
	return "选项错误"
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

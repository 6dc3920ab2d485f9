package office

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/govreport/govreport/convert/oserr"
)

// Program is the LibreOffice executable looked up on PATH.
const Program = "soffice"

// DefaultTimeout bounds one conversion. LibreOffice converts a report in
// 2.5–3.5 s when the machine is idle; the first start with a fresh profile
// and a busy machine take several times that.
const DefaultTimeout = 2 * time.Minute

// MaxOutput is the largest .docx accepted from LibreOffice.
const MaxOutput = 64 << 20

// ErrNoOffice is returned when soffice is not on PATH.
var ErrNoOffice = errors.New("LibreOffice (soffice) not found")

// Options configure a conversion. The zero value is usable.
type Options struct {
	// Timeout bounds the conversion; 0 means DefaultTimeout.
	Timeout time.Duration
	// Program overrides the soffice executable (tests); "" looks up Program.
	Program string
}

// slots bounds concurrent conversions: each LibreOffice instance takes a
// few hundred MB and a core, and a batch of .doc files must not start one
// per worker.
var slots = make(chan struct{}, 2)

// Available reports whether soffice can be found on PATH.
func Available() bool {
	_, err := exec.LookPath(Program)
	return err == nil
}

// ToDocx converts an old Word or WPS document (or RTF) to .docx. ext is the
// input's extension (".doc", ".wps", ".rtf"), which helps LibreOffice pick its import
// filter; the output is the .docx bytes. Errors are ErrNoOffice or a
// *Error with a Chinese message.
func ToDocx(ctx context.Context, b []byte, ext string, o Options) ([]byte, error) {
	prog := o.Program
	if prog == "" {
		p, err := exec.LookPath(Program)
		if err != nil {
			return nil, ErrNoOffice
		}
		prog = p
	}
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	select {
	case slots <- struct{}{}:
		defer func() { <-slots }()
	case <-ctx.Done():
		return nil, &Error{Msg: "等待 LibreOffice 转换超时"}
	}
	ext = strings.ToLower(ext)
	if ext != ".wps" && ext != ".rtf" {
		ext = ".doc"
	}
	dir, err := os.MkdirTemp("", "govreport-office-")
	if err != nil {
		return nil, &Error{Msg: "无法创建临时文件夹：" + oserr.Message(err)}
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "input"+ext)
	if err := os.WriteFile(in, b, 0o600); err != nil {
		return nil, &Error{Msg: "无法写入临时文件：" + oserr.Message(err)}
	}
	outDir := filepath.Join(dir, "out")
	tmp := filepath.Join(dir, "tmp")
	home := filepath.Join(dir, "home")
	for _, d := range []string{outDir, tmp, home} {
		if err := os.Mkdir(d, 0o700); err != nil {
			return nil, &Error{Msg: "无法创建临时文件夹：" + oserr.Message(err)}
		}
	}
	cmd := exec.Command(prog,
		"-env:UserInstallation="+fileURL(filepath.Join(dir, "profile")),
		"--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
		"--convert-to", "docx:MS Word 2007 XML", "--outdir", outDir, in)
	cmd.Dir = dir
	cmd.Env = append(filteredEnv(), "TMPDIR="+tmp, "TMP="+tmp, "TEMP="+tmp, "HOME="+home)
	var out bytes.Buffer
	cmd.Stdout = &limitedBuffer{b: &out, n: 1 << 16}
	cmd.Stderr = cmd.Stdout
	// A helper that outlives soffice may hold the output pipe open; Wait
	// must not wait for it.
	cmd.WaitDelay = 5 * time.Second
	setGroup(cmd)
	if err := cmd.Start(); err != nil {
		return nil, &Error{Msg: "无法启动 LibreOffice：" + oserr.Message(err)}
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var runErr error
	select {
	case runErr = <-done:
	case <-ctx.Done():
		killGroup(cmd)
		<-done
		return nil, &Error{Msg: fmt.Sprintf("LibreOffice 转换超过 %d 秒仍未完成，已终止", int(timeout.Seconds()))}
	}
	// soffice may leave helpers of its group running after it exits.
	killGroup(cmd)
	result := filepath.Join(outDir, "input.docx")
	f, err := os.Open(result)
	if err != nil {
		why := "没有生成输出文件"
		var ee *exec.ExitError
		if errors.As(runErr, &ee) {
			why = fmt.Sprintf("退出状态 %d", ee.ExitCode())
		}
		// LibreOffice's own words (English) are kept as its output, for
		// whoever has to look into it.
		if o := strings.TrimSpace(out.String()); o != "" {
			why += "；LibreOffice 输出：" + truncate(o, 300)
		}
		return nil, &Error{Msg: "LibreOffice 未能转换此文件（" + why + "），文件可能已损坏或不是 Word/WPS 文档"}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxOutput+1))
	if err != nil {
		return nil, &Error{Msg: "无法读取 LibreOffice 的输出：" + oserr.Message(err)}
	}
	if len(data) > MaxOutput {
		return nil, &Error{Msg: "LibreOffice 转换结果过大，拒绝读取"}
	}
	return data, nil
}

// Error is a failed conversion; Msg is Chinese, for people.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// fileURL turns an absolute path into the file:// URL LibreOffice expects.
func fileURL(p string) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return "file://" + p
}

// filteredEnv is the environment without the variables ToDocx sets or
// that would point LibreOffice's writes outside its folder.
func filteredEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch strings.ToUpper(k) {
		case "TMPDIR", "TMP", "TEMP", "HOME",
			// Caches and settings (fontconfig's cache, dconf) then go under
			// the private HOME, which is removed.
			"XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME":
			continue
		}
		env = append(env, kv)
	}
	return env
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// limitedBuffer keeps the first n bytes written to it and discards the rest,
// so a chatty child cannot use up memory.
type limitedBuffer struct {
	b *bytes.Buffer
	n int
}

func (w *limitedBuffer) Write(p []byte) (int, error) {
	if room := w.n - w.b.Len(); room > 0 {
		w.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

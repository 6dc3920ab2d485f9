package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/serve"
)

const serveUsage = `用法：govreport serve [--addr 127.0.0.1:8080] [--open]

启动本机网页服务：在浏览器中上传报告文件（可多选，或打包成 zip），逐份读取和检查，
列表显示机关、年度、版本和未通过/存疑的检查数；点开一份报告，表二至表四按官方格式画出，
未通过检查的单元格标红、读取存疑的标黄，鼠标移到或用 Tab 键选中单元格可看到原文和位置。
可下载每份报告的 Excel、PDF、Word、JSON，整批的汇总工作簿和 CSV，以及空白填报模板。
同样的功能也有 JSON 接口（/api/…，见 README）。

文件只保存在内存中，会话结束或服务停止后即删除；页面不访问任何外部网站。
默认只接受本机访问（127.0.0.1）；用 --addr 监听其他地址时会给出警告。按 Ctrl+C 停止。
`

type serveOptions struct {
	addr string
	open bool
}

func serveFlags(e *env) (*pflag.FlagSet, *serveOptions) {
	o := &serveOptions{}
	fs := newFlagSet(e, "serve", serveUsage)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "监听地址（主机:端口）；端口写 0 时自动选择空闲端口")
	fs.BoolVar(&o.open, "open", false, "启动后用默认浏览器打开页面")
	return fs, o
}

func runServe(e *env, args []string) error {
	fs, o := serveFlags(e)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("serve 不接受输入文件（多余的参数：%s）；请在网页中上传", strings.Join(fs.Args(), " "))}
	}
	host, _, err := net.SplitHostPort(o.addr)
	if err != nil {
		return &usageError{fmt.Sprintf("监听地址 %q 应写成 主机:端口，例如 127.0.0.1:8080", o.addr)}
	}
	loopback := isLoopback(host)
	t, err := convert.DefaultTime(e.getenv)
	if err != nil {
		return &usageError{err.Error()}
	}
	// Catch Ctrl+C before anything exists to clean up.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := serve.New(serve.Options{Time: t, Loopback: loopback})
	if err != nil {
		return err
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("无法监听 %s：%w", o.addr, err)
	}
	if !loopback {
		fmt.Fprintf(e.stderr, "警告：正在监听 %s，不只是本机——同一网络中的其他电脑也能打开这个页面并上传文件。"+
			"页面没有登录和加密（HTTP），只在可信的内部网络中这样使用；只在本机使用时请去掉 --addr。\n", ln.Addr())
	}
	url := "http://" + displayAddr(ln.Addr().(*net.TCPAddr), host) + "/"
	fmt.Fprintf(e.stdout, "govreport 网页服务已启动：%s\n按 Ctrl+C 停止。\n", url)
	if o.open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(e.stderr, "govreport：无法自动打开浏览器（%s），请手动打开 %s\n", err, url)
		}
	}
	hs := srv.HTTPServer(o.addr)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("网页服务出错：%w", err)
		}
	case <-ctx.Done():
		fmt.Fprintln(e.stdout, "正在停止……")
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}
	if err := srv.Close(); err != nil {
		return fmt.Errorf("无法删除临时文件夹 %s：%w", srv.TempDir(), err)
	}
	fmt.Fprintln(e.stdout, "已停止，上传的文件已全部删除。")
	return nil
}

// isLoopback: "localhost", 127.0.0.0/8 and ::1. An empty host ("":8080)
// means every interface.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// displayAddr is the address to put in the printed URL: the port the
// listener got, and a host a browser can open.
func displayAddr(a *net.TCPAddr, host string) string {
	switch {
	case host == "" || host == "0.0.0.0" || host == "::":
		host = "127.0.0.1"
	case strings.Contains(host, ":"):
		host = "[" + host + "]"
	}
	return fmt.Sprintf("%s:%d", host, a.Port)
}

// openBrowser asks the desktop to open url.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}

package serve

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/internal/zipsafe"
)

//go:embed assets/index.html assets/app.css assets/app.js assets/favicon.svg
var assets embed.FS

// Limits bound what one client can make the server hold or do.
type Limits struct {
	// MaxBody is the largest upload request body; a larger one gets 413.
	MaxBody int64
	// MaxFile is the largest single file, also for each entry of a zip
	// (the readers' own limit, input.MaxSize).
	MaxFile int64
	// MaxFiles is the largest number of files in one upload request, zip
	// entries counted one by one.
	MaxFiles int
	// MaxZipUnzipped is the largest total uncompressed size of one
	// uploaded zip of reports.
	MaxZipUnzipped int64
	// MaxReports is the largest number of files one session holds.
	MaxReports int
	// MaxSessions is the largest number of live sessions; the least
	// recently used one is ended when a new one would exceed it.
	MaxSessions int
	// Idle is how long a session lives without a request.
	Idle time.Duration
}

// DefaultLimits are the limits of govreport serve: far above a real batch
// (a few hundred reports of well under 1 MiB each as text, a few MiB as
// PDF) and far below what would exhaust a desktop computer.
func DefaultLimits() Limits {
	return Limits{
		MaxBody:        256 << 20,
		MaxFile:        input.MaxSize,
		MaxFiles:       zipsafe.MaxEntries / 4,
		MaxZipUnzipped: 4 * input.MaxSize,
		MaxReports:     1000,
		MaxSessions:    200,
		Idle:           2 * time.Hour,
	}
}

// Options configure a Server.
type Options struct {
	// Limits; the zero value means DefaultLimits().
	Limits Limits
	// Time stamps the outputs' metadata (see convert.WriteOptions.Time);
	// zero means convert.DefaultTime (SOURCE_DATE_EPOCH or 2000-01-01).
	Time time.Time
	// Loopback refuses requests whose Host is not a loopback name, so a
	// web page elsewhere cannot reach the server through DNS rebinding.
	// Set it whenever the server listens on a loopback address.
	Loopback bool
	// TempDir is where the private temporary folder is made ("" = the
	// system default).
	TempDir string
}

// Server is the web application. It is an http.Handler; Close ends every
// session and removes the temporary folder.
type Server struct {
	lim      Limits
	t        time.Time
	loopback bool
	tmp      string
	mux      *http.ServeMux
	// work bounds the reads running at once over all requests, so 50
	// clients uploading together queue instead of holding 50 inputs in
	// flight each.
	work chan struct{}

	mu       sync.Mutex
	sessions map[string]*session
	closed   bool
	stop     chan struct{}
	done     chan struct{}
}

// New makes a Server with its private temporary folder.
func New(o Options) (*Server, error) {
	if o.Limits == (Limits{}) {
		o.Limits = DefaultLimits()
	}
	if o.Time.IsZero() {
		t, err := convert.DefaultTime(os.Getenv)
		if err != nil {
			return nil, err
		}
		o.Time = t
	}
	tmp, err := os.MkdirTemp(o.TempDir, "govreport-serve-*")
	if err != nil {
		return nil, fmt.Errorf("无法创建临时文件夹：%w", err)
	}
	if err := os.Chmod(tmp, 0o700); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("无法设置临时文件夹权限：%w", err)
	}
	s := &Server{lim: o.Limits, t: o.Time, loopback: o.Loopback, tmp: tmp,
		work:     make(chan struct{}, max(2, runtime.GOMAXPROCS(0))),
		sessions: map[string]*session{}, stop: make(chan struct{}), done: make(chan struct{})}
	s.routes()
	go s.janitor()
	return s, nil
}

// TempDir returns the server's private temporary folder (removed by Close).
func (s *Server) TempDir() string { return s.tmp }

// Close ends every session and removes the temporary folder.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.sessions = map[string]*session{}
	s.mu.Unlock()
	close(s.stop)
	<-s.done
	return os.RemoveAll(s.tmp)
}

// HTTPServer returns an http.Server for s with timeouts that keep a slow or
// stalled client from holding a connection for ever.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{Addr: addr, Handler: s, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 10 * time.Minute, WriteTimeout: 10 * time.Minute, IdleTimeout: 2 * time.Minute,
		MaxHeaderBytes: 64 << 10}
}

// janitor ends idle sessions.
func (s *Server) janitor() {
	defer close(s.done)
	tick := time.NewTicker(time.Minute)
	defer tick.Stop()
	for {
		select {
		case <-s.stop:
			return
		case now := <-tick.C:
			s.expire(now)
		}
	}
}

func (s *Server) expire(now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, ss := range s.sessions {
		if now.Sub(ss.lastUsed()) > s.lim.Idle {
			delete(s.sessions, id)
		}
	}
}

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.static("index.html", "text/html; charset=utf-8", fillInputs))
	m.HandleFunc("GET /app.js", s.static("app.js", "text/javascript; charset=utf-8"))
	m.HandleFunc("GET /app.css", s.static("app.css", "text/css; charset=utf-8"))
	m.HandleFunc("GET /favicon.svg", s.static("favicon.svg", "image/svg+xml"))
	m.HandleFunc("POST /api/upload", s.handleUpload)
	m.HandleFunc("GET /api/reports", s.handleList)
	m.HandleFunc("GET /api/reports/{id}", s.handleReport)
	m.HandleFunc("GET /api/reports/{id}/{format}", s.handleDownload)
	m.HandleFunc("DELETE /api/reports/{id}", s.handleDelete)
	m.HandleFunc("GET /api/summary.xlsx", s.handleSummary)
	m.HandleFunc("GET /api/summary.csv", s.handleSummary)
	m.HandleFunc("GET /api/template", s.handleTemplate)
	m.HandleFunc("POST /api/session", s.handleSession)
	m.HandleFunc("DELETE /api/session", s.handleEndSession)
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			apiError(w, http.StatusNotFound, "没有这个接口："+r.Method+" "+r.URL.Path)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintln(w, "找不到该页面")
	})
	s.mux = m
}

// csp allows only the server's own script, style and images: no inline
// script or style, no framing, no form posts elsewhere.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// ServeHTTP adds the security headers, refuses foreign hosts and
// cross-origin writes, and dispatches.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
	if s.loopback && !loopbackHost(r.Host) {
		apiError(w, http.StatusForbidden, fmt.Sprintf("拒绝访问：主机名 %q 不是本机地址（服务只接受 127.0.0.1、localhost 或 [::1]）", r.Host))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		// SameSite=Strict keeps the cookie off cross-site requests; this
		// also refuses them outright when the browser names the origin.
		if o := r.Header.Get("Origin"); o != "" && o != "null" && !sameOrigin(o, r.Host) {
			apiError(w, http.StatusForbidden, "拒绝跨站请求（来源 "+o+"）")
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func sameOrigin(origin, host string) bool {
	o := strings.TrimPrefix(strings.TrimPrefix(origin, "http://"), "https://")
	return strings.EqualFold(o, host)
}

func (s *Server) static(name, ctype string, fill ...func([]byte) []byte) http.HandlerFunc {
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		panic("serve: missing embedded asset " + name)
	}
	for _, f := range fill {
		b = f(b)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(b)
	}
}

// apiError writes {"error": msg} with status code.
func apiError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		code, b = http.StatusInternalServerError, []byte(`{"error":"内部错误：无法生成 JSON"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	w.Write(b)
	w.Write([]byte("\n"))
}

// fillInputs writes the reader registry's list of inputs into the page, so
// that it is right before (and without) any script.
func fillInputs(page []byte) []byte {
	var b strings.Builder
	for _, r := range inputs() {
		b.WriteString("<li>")
		b.WriteString(html.EscapeString(r.Help))
		if len(r.Exts) > 0 {
			b.WriteString("（" + html.EscapeString(strings.Join(r.Exts, " ")) + "）")
		}
		b.WriteString("</li>")
	}
	return bytes.Replace(page, []byte("<!--inputs-->"), []byte(b.String()), 1)
}

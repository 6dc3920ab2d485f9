package serve

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/model"
)

// fixture is a running server with a client that keeps its cookie.
type fixture struct {
	t   *testing.T
	srv *Server
	ts  *httptest.Server
	c   *http.Client
	tmp string
}

func newFixture(t *testing.T, lim Limits) *fixture {
	t.Helper()
	tmp := t.TempDir()
	srv, err := New(Options{Limits: lim, Loopback: true, TempDir: tmp, Time: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	f := &fixture{t: t, srv: srv, ts: ts, c: newClient(), tmp: tmp}
	t.Cleanup(func() {
		ts.Close()
		// Nothing may stay on disk: not while running (checked by the
		// tests), and not the private folder after Close.
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
		left, _ := os.ReadDir(tmp)
		if len(left) != 0 {
			t.Errorf("files left in the temporary folder after Close: %v", left)
		}
	})
	return f
}

func newClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar}
}

// noFiles checks that the server's private folder is empty between requests.
func (f *fixture) noFiles() {
	f.t.Helper()
	left, err := os.ReadDir(f.srv.TempDir())
	if err != nil {
		f.t.Fatal(err)
	}
	if len(left) != 0 {
		f.t.Errorf("files left in %s: %v", f.srv.TempDir(), left)
	}
}

type upFile struct {
	name string
	data []byte
}

func multipartBody(t *testing.T, files ...upFile) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range files {
		h := textproto.MIMEHeader{}
		// Written by hand: CreateFormFile would escape what the path
		// tricks need to send as they are.
		h.Set("Content-Disposition", `form-data; name="file"; filename="`+strings.ReplaceAll(f.name, `"`, `\"`)+`"`)
		h.Set("Content-Type", "application/octet-stream")
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// upload posts files and decodes the JSON answer.
func (f *fixture) upload(c *http.Client, files ...upFile) (int, map[string]any) {
	f.t.Helper()
	body, ct := multipartBody(f.t, files...)
	resp, err := c.Post(f.ts.URL+"/api/upload", ct, body)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	return resp.StatusCode, decode(f.t, resp)
}

func decode(t *testing.T, resp *http.Response) map[string]any {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%s answered %s, not JSON", resp.Request.URL.Path, ct)
	}
	var v map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func (f *fixture) get(c *http.Client, path string) (*http.Response, []byte) {
	f.t.Helper()
	resp, err := c.Get(f.ts.URL + path)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func errMsg(t *testing.T, b []byte) string {
	t.Helper()
	var v struct{ Error string }
	if err := json.Unmarshal(b, &v); err != nil || v.Error == "" {
		t.Fatalf("want a JSON error, got %q", b)
	}
	return v.Error
}

func seeds(t *testing.T) []upFile {
	t.Helper()
	paths, _ := filepath.Glob("../../testdata/seeds/*.txt")
	if len(paths) != 5 {
		t.Fatalf("want 5 seeds, got %d", len(paths))
	}
	var out []upFile
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, upFile{filepath.Base(p), b})
	}
	return out
}

func items(t *testing.T, v map[string]any) []map[string]any {
	t.Helper()
	raw, ok := v["items"].([]any)
	if !ok {
		t.Fatalf("no items in %v", v)
	}
	out := make([]map[string]any, len(raw))
	for i, r := range raw {
		out[i] = r.(map[string]any)
	}
	return out
}

func TestUploadListReportDownload(t *testing.T) {
	f := newFixture(t, Limits{})
	code, v := f.upload(f.c, seeds(t)...)
	if code != 200 {
		t.Fatalf("upload: %d %v", code, v)
	}
	if got := items(t, v); len(got) != 5 || got[2]["agency"] != "市城管执法局" || got[2]["failed"].(float64) != 2 {
		t.Fatalf("upload answer %v", got)
	}
	f.noFiles()
	resp, b := f.get(f.c, "/api/reports")
	var list struct {
		Items  []itemSummary
		Limits limitsView
	}
	json.Unmarshal(b, &list)
	if resp.StatusCode != 200 || len(list.Items) != 5 || list.Limits.MaxFile != 64<<20 {
		t.Fatalf("list %d %s", resp.StatusCode, b)
	}

	// The report view carries the tables of the edition, with red cells
	// for the failed checks and the source line of every cell.
	resp, b = f.get(f.c, "/api/reports/3")
	var rv reportView
	if err := json.Unmarshal(b, &rv); err != nil || resp.StatusCode != 200 {
		t.Fatalf("report: %d %s", resp.StatusCode, b)
	}
	if len(rv.Tables) != 3 || rv.Tables[1].ID != "t3" || len(rv.Parts) != 6 {
		t.Fatalf("report view: %d tables, %d parts", len(rv.Tables), len(rv.Parts))
	}
	red := map[string]cellView{}
	for _, row := range rv.Tables[1].Rows {
		for _, c := range row {
			if c.State == "fail" {
				red[c.Key] = c
			}
		}
	}
	if c, ok := red["t3.new.natural"]; !ok || c.Raw != "2" || !strings.HasPrefix(c.Source, "第 ") || len(c.Findings) == 0 {
		t.Errorf("t3.new.natural not red with its source: %+v (red: %v)", c, red)
	}
	if rv.Findings[0].Status != "fail" || rv.Failed != 2 {
		t.Errorf("findings do not list the failures first: %+v", rv.Findings)
	}

	// Every format of the registry downloads, named after the report.
	for _, fm := range convert.Formats() {
		resp, b := f.get(f.c, "/api/reports/3/"+fm.Name)
		if resp.StatusCode != 200 || len(b) == 0 {
			t.Errorf("download %s: %d", fm.Name, resp.StatusCode)
			continue
		}
		cd := resp.Header.Get("Content-Disposition")
		if !strings.Contains(cd, `filename="report-3`+fm.Ext+`"`) || !strings.Contains(cd, "filename*=UTF-8''2020%E5%B9%B4") {
			t.Errorf("download %s: Content-Disposition %q", fm.Name, cd)
		}
		if fm.Name == "xlsx" {
			back, err := convert.ReadBytes(b, convert.ReadOptions{Name: "x.xlsx"})
			if err != nil || back.Meta.Agency != "市城管执法局" {
				t.Errorf("xlsx does not read back: %v", err)
			}
		}
	}
	f.noFiles()
	for _, p := range []string{"/api/summary.xlsx", "/api/summary.csv"} {
		resp, b := f.get(f.c, p)
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "%E6%B1%87%E6%80%BB") {
			t.Errorf("%s: %d %q", p, resp.StatusCode, resp.Header.Get("Content-Disposition"))
		}
		if strings.HasSuffix(p, ".csv") && !strings.Contains(string(b), "市城管执法局") {
			t.Errorf("汇总 CSV lacks the agency")
		}
	}
	f.noFiles() // the summary spool is gone once the download is written

	resp, b = f.get(f.c, "/api/reports/3/rtf")
	if resp.StatusCode != 404 || !strings.Contains(errMsg(t, b), "不支持的下载格式") {
		t.Errorf("unknown format: %d %s", resp.StatusCode, b)
	}
	req, _ := http.NewRequest("DELETE", f.ts.URL+"/api/reports/3", nil)
	if resp, err := f.c.Do(req); err != nil || resp.StatusCode != 200 {
		t.Fatalf("delete: %v %v", resp, err)
	}
	if resp, _ := f.get(f.c, "/api/reports/3"); resp.StatusCode != 404 {
		t.Errorf("deleted report still served: %d", resp.StatusCode)
	}
}

func TestTemplate(t *testing.T) {
	f := newFixture(t, Limits{})
	for _, ed := range []string{"2021", "2019"} {
		resp, b := f.get(f.c, "/api/template?edition="+ed+"&agency=%E6%9F%90%E5%B8%82/%E6%9F%90%E5%B1%80&year=2025")
		if resp.StatusCode != 200 {
			t.Fatalf("template %s: %d %s", ed, resp.StatusCode, b)
		}
		rep, err := convert.ReadBytes(b, convert.ReadOptions{Name: "t.xlsx"})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Meta.Agency != "某市/某局" || rep.Meta.Year != 2025 || string(rep.Meta.Edition) != ed {
			t.Errorf("template read back as %q %d %s", rep.Meta.Agency, rep.Meta.Year, rep.Meta.Edition)
		}
		// The slash of the agency never reaches the file name.
		if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "2025%E5%B9%B4%E6%9F%90%E5%B8%82_%E6%9F%90%E5%B1%80") {
			t.Errorf("template name %q", cd)
		}
	}
	for q, want := range map[string]string{"edition=2018": "不支持的表格格式版本", "year=25": "不合理", "agency=" + strings.Repeat("%E5%B1%80", 101): "过长"} {
		resp, b := f.get(f.c, "/api/template?"+q)
		if resp.StatusCode != 400 || !strings.Contains(errMsg(t, b), want) {
			t.Errorf("template?%s: %d %s", q, resp.StatusCode, b)
		}
	}
}

// TestOversizedBody: a body over MaxBody gets 413 with a Chinese message,
// whether it declares its length or not, and nothing of it is kept.
func TestOversizedBody(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxBody = 64 << 10
	f := newFixture(t, lim)
	big := upFile{"big.txt", bytes.Repeat([]byte("一"), 40<<10)}
	code, v := f.upload(f.c, seeds(t)[0], big)
	if code != 413 || !strings.Contains(v["error"].(string), "上传内容过大") {
		t.Fatalf("declared length: %d %v", code, v)
	}
	// Chunked: no Content-Length, the limit is found while reading.
	body, ct := multipartBody(t, seeds(t)[0], big)
	req, _ := http.NewRequest("POST", f.ts.URL+"/api/upload", io.MultiReader(body))
	req.Header.Set("Content-Type", ct)
	req.ContentLength = -1
	resp, err := f.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	v = decode(t, resp)
	resp.Body.Close()
	if resp.StatusCode != 413 || v["error"] != "上传内容过大：一次最多 64 KiB；请分批上传" {
		t.Fatalf("chunked: %d %v", resp.StatusCode, v)
	}
	// The seed before the big file was not kept.
	_, b := f.get(f.c, "/api/reports")
	if !strings.Contains(string(b), `"items":[]`) {
		t.Errorf("a refused upload left reports behind: %s", b)
	}
	f.noFiles()
}

func TestFileLimits(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxFile, lim.MaxFiles, lim.MaxReports = 32<<10, 3, 4
	f := newFixture(t, lim)
	s := seeds(t)
	// One file over MaxFile: that file fails, the others are read.
	code, v := f.upload(f.c, s[0], upFile{"huge.txt", bytes.Repeat([]byte("x"), 40<<10)})
	got := items(t, v)
	if code != 200 || len(got) != 2 || got[0]["error"] != nil || !strings.Contains(got[1]["error"].(string), "huge.txt：文件过大（超过 32 KiB）") {
		t.Fatalf("file too large: %d %v", code, v)
	}
	// More files than MaxFiles in one request: 413, none kept.
	code, v = f.upload(f.c, s[1], s[2], s[3], s[4])
	if code != 413 || !strings.Contains(v["error"].(string), "一次最多上传 3 个文件") {
		t.Fatalf("too many files: %d %v", code, v)
	}
	// A zip counts its files one by one.
	code, v = f.upload(f.c, upFile{"五个.zip", zipOf(t, s...)})
	if code != 413 || !strings.Contains(v["error"].(string), "五个.zip：压缩包包含 5 个条目，超过上限 3") {
		t.Fatalf("zip with too many files: %d %v", code, v)
	}
	// The session holds at most MaxReports: 2 + 3 > 4.
	code, v = f.upload(f.c, s[1], s[2], s[3])
	if code != 413 || !strings.Contains(v["error"].(string), "超过上限 4") {
		t.Fatalf("session full: %d %v", code, v)
	}
	_, b := f.get(f.c, "/api/reports")
	var list struct{ Items []itemSummary }
	json.Unmarshal(b, &list)
	if len(list.Items) != 2 {
		t.Errorf("after refused uploads the session holds %d files, want 2", len(list.Items))
	}
	f.noFiles()
}

func zipOf(t *testing.T, entries ...upFile) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	zw.Close()
	return buf.Bytes()
}

func TestZip(t *testing.T) {
	f := newFixture(t, Limits{})
	s := seeds(t)
	// A zip as Chinese Windows makes it: a GBK name without the UTF-8 flag.
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("报告/城管局.txt")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range []upFile{{gbk, s[2].data}, {"a/" + s[0].name, s[0].data}, {"__MACOSX/a/._x.txt", []byte("junk")}, {"a/.DS_Store", []byte("junk")},
		{"inner.zip", zipOf(t, s[1])}} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate, NonUTF8: e.name == gbk})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	zw.Create("empty-dir/")
	zw.Close()
	code, v := f.upload(f.c, upFile{"批量.zip", buf.Bytes()})
	got := items(t, v)
	if code != 200 || len(got) != 3 {
		t.Fatalf("zip: %d %v", code, v)
	}
	if got[0]["file"] != "批量.zip/报告/城管局.txt" || got[0]["agency"] != "市城管执法局" {
		t.Errorf("GBK-named entry: %v", got[0])
	}
	if got[1]["file"] != "批量.zip/a/"+s[0].name || got[1]["error"] != nil {
		t.Errorf("second entry: %v", got[1])
	}
	if !strings.Contains(fmt.Sprint(got[2]["error"]), "压缩包中的压缩包不会展开") {
		t.Errorf("nested zip: %v", got[2])
	}
	// An xlsx is a zip too, but goes to the reader whole.
	_, tb := f.get(f.c, "/api/template?agency=%E6%9F%90%E5%B1%80")
	code, v = f.upload(f.c, upFile{"模板.xlsx", tb})
	if got := items(t, v); code != 200 || len(got) != 1 || got[0]["agency"] != "某局" {
		t.Errorf("xlsx upload: %d %v", code, v)
	}
	// So is an OpenDocument file: the readers explain they do not take it.
	code, v = f.upload(f.c, upFile{"表格.ods", zipOf(t, upFile{"mimetype", []byte("application/vnd.oasis.opendocument.spreadsheet")}, upFile{"content.xml", []byte("<x/>")})})
	if got := items(t, v); code != 200 || len(got) != 1 || got[0]["file"] != "表格.ods" || got[0]["error"] == nil {
		t.Errorf("ods upload: %d %v", code, v)
	}
	code, v = f.upload(f.c, upFile{"空.zip", zipOf(t)})
	if got := items(t, v); code != 200 || !strings.Contains(fmt.Sprint(got[0]["error"]), "压缩包中没有文件") {
		t.Errorf("empty zip: %d %v", code, v)
	}
	f.noFiles()
}

// TestZipBomb: entries that decompress past the limits are refused with a
// message naming the zip, without decompressing them.
func TestZipBomb(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxFile, lim.MaxZipUnzipped = 1<<20, 3<<20
	f := newFixture(t, lim)
	zeros := make([]byte, 2<<20)
	code, v := f.upload(f.c, upFile{"bomb.zip", zipOf(t, upFile{"a.txt", zeros})})
	got := items(t, v)
	if code != 200 || !strings.Contains(fmt.Sprint(got[0]["error"]), "bomb.zip：压缩包中的 a.txt 解压后有 2097152 字节，超过上限 1 MiB") {
		t.Errorf("one big entry: %d %v", code, v)
	}
	// Many entries under the per-file limit, together over the total.
	part := make([]byte, 900<<10)
	code, v = f.upload(f.c, upFile{"many.zip", zipOf(t, upFile{"1.txt", part}, upFile{"2.txt", part}, upFile{"3.txt", part}, upFile{"4.txt", part})})
	got = items(t, v)
	if code != 200 || len(got) != 1 || !strings.Contains(fmt.Sprint(got[0]["error"]), "压缩包解压后超过 3 MiB") {
		t.Errorf("total over the limit: %d %v", code, v)
	}
	// A header that lies about the size: caught while decompressing.
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	fw.Write(zeros)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: "liar.txt", Method: zip.Deflate, CompressedSize64: uint64(raw.Len()), UncompressedSize64: 100})
	w.Write(raw.Bytes())
	zw.Close()
	code, v = f.upload(f.c, upFile{"liar.zip", buf.Bytes()})
	got = items(t, v)
	if code != 200 || !strings.Contains(fmt.Sprint(got[0]["error"]), "liar.zip/liar.txt：无法解压") {
		t.Errorf("lying header: %d %v", code, v)
	}
	f.noFiles()
}

// TestUnreadable: bad inputs fail one by one with a Chinese message naming
// the file; the server keeps going.
func TestUnreadable(t *testing.T) {
	f := newFixture(t, Limits{})
	bad := []upFile{
		{"空.txt", nil},
		{"二进制.bin", bytes.Repeat([]byte{0, 1, 2, 0xff, 0xfe}, 200)},
		{"旧版.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)},
		{"坏的.xlsx", []byte("PK\x03\x04 broken")},
	}
	code, v := f.upload(f.c, bad...)
	got := items(t, v)
	if code != 200 || len(got) != len(bad) {
		t.Fatalf("%d %v", code, v)
	}
	for i, it := range got {
		msg, _ := it["error"].(string)
		if !strings.Contains(msg, bad[i].name) || !containsHan(msg) {
			t.Errorf("%s: message %q does not name the file in Chinese", bad[i].name, msg)
		}
	}
	resp, b := f.get(f.c, "/api/reports/1/pdf")
	if resp.StatusCode != 409 || !strings.Contains(errMsg(t, b), "没有读取成功") {
		t.Errorf("download of an unreadable file: %d %s", resp.StatusCode, b)
	}
	// Not multipart, no file field.
	resp, err := f.c.Post(f.ts.URL+"/api/upload", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	if v := decode(t, resp); resp.StatusCode != 400 || !strings.Contains(v["error"].(string), "multipart/form-data") {
		t.Errorf("not multipart: %d %v", resp.StatusCode, v)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("other", "x")
	mw.Close()
	resp, _ = f.c.Post(f.ts.URL+"/api/upload", mw.FormDataContentType(), &buf)
	if v := decode(t, resp); resp.StatusCode != 400 || !strings.Contains(v["error"].(string), "没有收到文件") {
		t.Errorf("no file: %d %v", resp.StatusCode, v)
	}
	// A body cut short.
	body, ct := multipartBody(t, seeds(t)[0])
	resp, _ = f.c.Post(f.ts.URL+"/api/upload", ct, bytes.NewReader(body.Bytes()[:body.Len()/2]))
	if v := decode(t, resp); resp.StatusCode != 400 || !strings.Contains(v["error"].(string), "不完整") {
		t.Errorf("truncated body: %d %v", resp.StatusCode, v)
	}
	f.noFiles()
}

func containsHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// TestSessions: one session never sees another's reports; a made-up or
// expired cookie gets 401 with a message; ending a session forgets it.
func TestSessions(t *testing.T) {
	f := newFixture(t, Limits{})
	f.upload(f.c, seeds(t)[2])
	other := newClient()
	f.upload(other, seeds(t)[0])

	_, b := f.get(other, "/api/reports")
	if strings.Contains(string(b), "002_") {
		t.Errorf("session B sees session A's report: %s", b)
	}
	resp, b := f.get(other, "/api/reports/2")
	if resp.StatusCode != 404 {
		t.Errorf("session B got report 2: %d %s", resp.StatusCode, b)
	}
	// Ids are per session: "1" is B's own report, never A's.
	resp, b = f.get(other, "/api/reports/1")
	if resp.StatusCode != 200 || strings.Contains(string(b), "002_") {
		t.Errorf("session B's report 1: %d", resp.StatusCode)
	}

	// Cookie ids are 256 random bits and differ per session.
	u := mustURL(t, f.ts.URL)
	a, bb := f.c.Jar.Cookies(u), other.Jar.Cookies(u)
	if len(a) != 1 || len(bb) != 1 || a[0].Value == bb[0].Value || len(a[0].Value) != 43 {
		t.Fatalf("cookies %v %v", a, bb)
	}
	forged := &http.Client{}
	for _, p := range []string{"/api/reports", "/api/reports/1", "/api/reports/1/json", "/api/summary.xlsx"} {
		req, _ := http.NewRequest("GET", f.ts.URL+p, nil)
		req.AddCookie(&http.Cookie{Name: cookieName, Value: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
		resp, err := forged.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		v := decode(t, resp)
		resp.Body.Close()
		if resp.StatusCode != 401 || v["error"] != msgNoSession {
			t.Errorf("%s with a forged cookie: %d %v", p, resp.StatusCode, v)
		}
	}
	// A forged cookie on upload gets a fresh id, never the proposed one.
	body, ct := multipartBody(t, seeds(t)[1])
	req, _ := http.NewRequest("POST", f.ts.URL+"/api/upload", body)
	req.Header.Set("Content-Type", ct)
	req.AddCookie(&http.Cookie{Name: cookieName, Value: "chosen-by-attacker"})
	resp, err := forged.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if c := resp.Cookies(); len(c) != 1 || c[0].Value == "chosen-by-attacker" || !c[0].HttpOnly || c[0].SameSite != http.SameSiteStrictMode {
		t.Errorf("upload with a forged cookie set %v", c)
	}
	// No cookie at all: an empty list, but no report.
	resp, b = f.get(&http.Client{}, "/api/reports")
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"items":[]`) {
		t.Errorf("list without a session: %d %s", resp.StatusCode, b)
	}
	resp, b = f.get(&http.Client{}, "/api/reports/1")
	if resp.StatusCode != 401 || !strings.Contains(errMsg(t, b), "请先上传") {
		t.Errorf("report without a session: %d %s", resp.StatusCode, b)
	}

	// Idle sessions end.
	f.srv.expire(time.Now().Add(DefaultLimits().Idle + time.Minute))
	resp, _ = f.get(other, "/api/reports")
	if resp.StatusCode != 401 {
		t.Errorf("expired session still answers: %d", resp.StatusCode)
	}
	// Ending a session.
	f.upload(f.c, seeds(t)[2])
	req, _ = http.NewRequest("DELETE", f.ts.URL+"/api/session", nil)
	resp, err = f.c.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, b = f.get(f.c, "/api/reports")
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"items":[]`) {
		t.Errorf("after ending the session: %d %s", resp.StatusCode, b)
	}
}

// TestSessionCap: past MaxSessions the least recently used session ends.
func TestSessionCap(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxSessions = 2
	f := newFixture(t, lim)
	cs := []*http.Client{newClient(), newClient(), newClient()}
	for _, c := range cs {
		f.upload(c, seeds(t)[0])
		time.Sleep(2 * time.Millisecond)
	}
	if resp, _ := f.get(cs[0], "/api/reports/1"); resp.StatusCode != 401 {
		t.Errorf("oldest session kept past the cap: %d", resp.StatusCode)
	}
	if resp, _ := f.get(cs[2], "/api/reports/1"); resp.StatusCode != 200 {
		t.Errorf("newest session lost: %d", resp.StatusCode)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestNames: path tricks in uploaded names never survive into the names
// shown, stored or offered for download.
func TestNames(t *testing.T) {
	f := newFixture(t, Limits{})
	s := seeds(t)[2].data
	names := map[string]string{
		"../../etc/passwd":                "etc/passwd",
		`C:\Users\张三\..\报告.txt`:           "Users/张三/报告.txt",
		"/abs/./evil.txt":                 "abs/evil.txt",
		"a\x00b\u202e\x1btxt.exe":         "abtxt.exe",
		"..":                              "未命名文件",
		strings.Repeat("长", 300) + ".txt": "…" + strings.Repeat("长", 195) + ".txt",
	}
	for in, want := range names {
		if got := cleanName(in); got != want {
			t.Errorf("cleanName(%q) = %q, want %q", in, got, want)
		}
	}
	code, v := f.upload(f.c, upFile{"../../etc/passwd", s}, upFile{`..\..\windows\win.ini`, s})
	got := items(t, v)
	// mime/multipart already keeps only the base name (of a "/" path).
	if code != 200 || got[0]["file"] != "passwd" || got[1]["file"] != "windows/win.ini" {
		t.Errorf("upload names: %v", got)
	}
	// Zip entries with "../" (zip slip) are only names.
	code, v = f.upload(f.c, upFile{"slip.zip", zipOf(t, upFile{"../../../tmp/x.txt", s})})
	if got := items(t, v); code != 200 || got[0]["file"] != "slip.zip/tmp/x.txt" {
		t.Errorf("zip slip: %v", got)
	}
	if _, err := os.Stat("/tmp/x.txt"); err == nil {
		b, _ := os.ReadFile("/tmp/x.txt")
		if bytes.Equal(b, s) {
			t.Error("a zip entry was written outside")
		}
	}
	for in, want := range map[string]string{`a/b\c:d*e?f"g<h>i|j`: "a_b_c_d_e_f_g_h_i_j", "..\u202e隐藏": "隐藏", "  .hidden ": "hidden"} {
		if got := safeName(in); got != want {
			t.Errorf("safeName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := contentDisposition("2020年（某局）a b;c.pdf", "report-1.pdf"); got != `attachment; filename="report-1.pdf"; filename*=UTF-8''2020%E5%B9%B4%EF%BC%88%E6%9F%90%E5%B1%80%EF%BC%89a%20b%3Bc.pdf` {
		t.Errorf("Content-Disposition %s", got)
	}
	// Reports without an agency are named after the uploaded file.
	it := &item{ID: "7", File: "dir/某局 2020.txt", Rep: &model.Report{}}
	if got := reportFileName(it); got != "某局 2020" {
		t.Errorf("reportFileName = %q", got)
	}
	f.noFiles()
}

// TestSafetyHeaders: every answer carries the strict headers; there are no
// directory listings; foreign hosts and cross-site writes are refused.
func TestSafetyHeaders(t *testing.T) {
	f := newFixture(t, Limits{})
	for _, p := range []string{"/", "/app.js", "/app.css", "/favicon.svg", "/api/reports", "/assets/", "/assets/app.js", "/api/", "/../../etc/passwd", "/index.html/"} {
		resp, b := f.get(f.c, p)
		h := resp.Header
		if !strings.Contains(h.Get("Content-Security-Policy"), "script-src 'self'") || strings.Contains(h.Get("Content-Security-Policy"), "unsafe") || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", p, h)
		}
		switch p {
		case "/", "/app.js", "/app.css", "/favicon.svg", "/api/reports":
			if resp.StatusCode != 200 {
				t.Errorf("%s: %d", p, resp.StatusCode)
			}
		default:
			if resp.StatusCode != 404 || bytes.Contains(b, []byte("<a href")) {
				t.Errorf("%s: %d %s (want 404, no listing)", p, resp.StatusCode, b)
			}
		}
	}
	// The page has no inline script or style for the CSP to block.
	_, page := f.get(f.c, "/")
	if bytes.Contains(page, []byte("<script>")) || bytes.Contains(page, []byte("style=")) || bytes.Contains(page, []byte("<style")) || bytes.Contains(page, []byte(" on")) && bytes.Contains(page, []byte("onclick")) {
		t.Error("index.html has inline script or style")
	}
	req, _ := http.NewRequest("GET", f.ts.URL+"/", nil)
	req.Host = "attacker.example:8080"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if v := decode(t, resp); resp.StatusCode != 403 || !strings.Contains(v["error"].(string), "不是本机地址") {
		t.Errorf("foreign Host: %d %v", resp.StatusCode, v)
	}
	for _, h := range []string{"localhost:1", "127.0.0.1", "[::1]:8080", "127.1.2.3:9"} {
		if !loopbackHost(h) {
			t.Errorf("%s not taken as loopback", h)
		}
	}
	body, ct := multipartBody(t, seeds(t)[0])
	req, _ = http.NewRequest("POST", f.ts.URL+"/api/upload", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Origin", "http://attacker.example")
	resp, err = f.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if v := decode(t, resp); resp.StatusCode != 403 || !strings.Contains(v["error"].(string), "拒绝跨站请求") {
		t.Errorf("cross-origin upload: %d %v", resp.StatusCode, v)
	}
	// Same origin is fine.
	body, ct = multipartBody(t, seeds(t)[0])
	req, _ = http.NewRequest("POST", f.ts.URL+"/api/upload", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Origin", f.ts.URL)
	if resp, err = f.c.Do(req); err != nil || resp.StatusCode != 200 {
		t.Errorf("same-origin upload: %v %v", resp.StatusCode, err)
	}
}

// TestClose: Close ends the sessions and removes the private folder.
func TestClose(t *testing.T) {
	srv, err := New(Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(srv.TempDir()); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("private folder: %v %v", fi.Mode(), err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	c := newClient()
	body, ct := multipartBody(t, seeds(t)[0])
	c.Post(ts.URL+"/api/upload", ct, body)
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(srv.TempDir()); !os.IsNotExist(err) {
		t.Errorf("temporary folder still there: %v", err)
	}
	resp, err := c.Get(ts.URL + "/api/reports/1")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 401 {
		t.Errorf("report served after Close: %d", resp.StatusCode)
	}
	if err := srv.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// TestViewStates: doubtful cells are yellow, failed ones red, cells of
// undecidable checks grey; the source position reads line, sheet!cell or
// both; a report without the unified tables has none.
func TestViewStates(t *testing.T) {
	b, err := os.ReadFile("../../testdata/seeds/002_b0e573aacea97adf.txt")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := convert.ReadBytes(b, convert.ReadOptions{Name: "002.txt"})
	if err != nil {
		t.Fatal(err)
	}
	rep.Cells["t3.new.commercial"].Doubt = "粘连数字有多种拆法"
	rep.Cells["t3.new.research"].Ref = "表三!E7"
	rep.Cells["t3.new.social"].Line = 0
	rep.Cells["t3.new.social"].Ref = "第 3 页"
	rep.Cells["t3.new.legal"] = &model.Cell{Key: "t3.new.legal", Kind: model.KindMissing}
	rep.Findings = append(rep.Findings, model.Finding{ID: "X", Status: model.Uncertain, Keys: []string{"t3.new.other_org"}, Message: "无法判断"})
	v := buildView(&item{ID: "1", File: "002.txt", Rep: rep})
	cells := map[string]cellView{}
	for _, tb := range v.Tables {
		for _, row := range tb.Rows {
			for _, c := range row {
				if c.Key != "" {
					cells[c.Key] = c
				}
			}
		}
	}
	for key, want := range map[string]string{"t3.new.natural": "fail", "t3.new.commercial": "doubt", "t3.new.other_org": "uncertain", "t3.new.total": "fail", "t2.regulations.made": ""} {
		if got := cells[key].State; got != want {
			t.Errorf("%s: state %q, want %q", key, got, want)
		}
	}
	if c := cells["t3.new.commercial"]; c.Doubt != "粘连数字有多种拆法" {
		t.Errorf("doubt reason lost: %+v", c)
	}
	line := rep.Cells["t3.new.research"].Line
	for key, want := range map[string]string{"t3.new.research": fmt.Sprintf("表三!E7（第 %d 行）", line), "t3.new.social": "第 3 页", "t3.new.legal": "原文中没有找到这个单元格"} {
		if got := cells[key].Source; got != want {
			t.Errorf("%s: source %q, want %q", key, got, want)
		}
	}
	if n := len(cells); n != len(rep.Cells) {
		t.Errorf("%d value cells drawn, the edition has %d", n, len(rep.Cells))
	}
	if v.Findings[0].Status != "fail" || v.Findings[len(v.Findings)-1].Status == "fail" {
		t.Errorf("findings not ordered failed first: %+v", v.Findings)
	}
	rep.Meta.Edition = model.EditionLegacy
	if v := buildView(&item{ID: "1", Rep: rep}); len(v.Tables) != 0 || len(v.Parts) != 6 {
		t.Errorf("legacy report: %d tables, %d parts", len(v.Tables), len(v.Parts))
	}
}

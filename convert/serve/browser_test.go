package serve_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/serve"
)

// chromium finds Debian's headless-capable browser, or skips.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("没有找到 chromium（Debian 软件包 chromium），跳过浏览器端到端测试")
	return ""
}

// screenshotDir is where the screenshots go: docs/ when
// GOVREPORT_SCREENSHOTS=1 (to refresh the README's pictures), else a
// temporary folder.
func screenshotDir(t *testing.T) string {
	if os.Getenv("GOVREPORT_SCREENSHOTS") == "1" {
		return filepath.Join("..", "..", "docs")
	}
	return t.TempDir()
}

// TestBrowser drives the page in headless Chromium: upload the five seeds
// and sample 001, find seed 002's failed table-三 cells marked, open a
// cell's popup, download a report's PDF and xlsx and the 汇总 workbook and
// read them back.
func TestBrowser(t *testing.T) {
	chrome := chromium(t)
	srv, err := serve.New(serve.Options{Loopback: true, Time: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer func() {
		ts.Close()
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
		if _, err := os.Stat(srv.TempDir()); !os.IsNotExist(err) {
			t.Errorf("temporary folder %s left behind", srv.TempDir())
		}
	}()

	// The inputs: seeds as they are, sample 001 under a telling name.
	var paths []string
	seeds, _ := filepath.Glob("../../testdata/seeds/*.txt")
	if len(seeds) != 5 {
		t.Fatalf("want 5 seeds, found %d", len(seeds))
	}
	for _, p := range seeds {
		abs, _ := filepath.Abs(p)
		paths = append(paths, abs)
	}
	in := t.TempDir()
	sample := filepath.Join(in, "sample-001.html")
	b, err := os.ReadFile("../../testdata/samples/001/source.html")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(sample, b, 0o644); err != nil {
		t.Fatal(err)
	}
	paths = append(paths, sample)

	seed002 := seeds[slices.IndexFunc(seeds, func(s string) bool { return strings.Contains(s, "002_") })]
	want, err := convert.ReadFile(seed002, convert.ReadOptions{Name: filepath.Base(seed002)})
	if err != nil {
		t.Fatal(err)
	}
	var wantRed []string
	for _, f := range want.Findings {
		if f.Status == model.Fail {
			for _, k := range f.Keys {
				if strings.HasPrefix(k, "t3.") && !slices.Contains(wantRed, k) {
					wantRed = append(wantRed, k)
				}
			}
		}
	}
	sort.Strings(wantRed)
	if len(wantRed) == 0 {
		t.Fatal("seed 002 has no failed table-三 check: the test would prove nothing")
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome), chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 1000))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancelC := chromedp.NewContext(actx)
	defer cancelC()
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelT()
	downloads := t.TempDir()

	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("evaluate %s: %v", js, err)
		}
		return s
	}
	wait := func(what, js string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(60*time.Second))); err != nil {
			t.Fatalf("waiting for %s: %v (page: %s)", what, err, eval(`document.body.innerText.slice(0, 2000)`))
		}
	}
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(png, []byte("\x89PNG")) {
			t.Fatalf("%s is not a PNG", name)
		}
		if err := os.WriteFile(filepath.Join(screenshotDir(t), name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// download clicks sel and returns the downloaded bytes.
	download := func(sel string) []byte {
		t.Helper()
		progress := chromedp.Events(ctx, browser.DownloadProgress)
		step("click "+sel, chromedp.Click(chromedp.CSS(sel)))
		for ev, err := range progress {
			if err != nil {
				t.Fatalf("download %s: %v", sel, err)
			}
			if ev.State == browser.DownloadProgressStateCanceled {
				t.Fatalf("download %s canceled", sel)
			}
			if ev.State != browser.DownloadProgressStateCompleted {
				continue
			}
			b, err := os.ReadFile(filepath.Join(downloads, ev.GUID))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		t.Fatalf("download %s: no completion", sel)
		return nil
	}

	step("open the page", chromedp.Navigate(ts.URL),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: ptr(true)})
			return err
		}),
		chromedp.WaitVisible(chromedp.ID("drop")),
		// The list of inputs arrives with the first /api/reports answer.
		chromedp.WaitReady(chromedp.CSS(`#inputs li`)))
	if got := eval(`document.getElementById('inputs').textContent`); !strings.Contains(got, ".xlsx") || !strings.Contains(got, ".html") {
		t.Errorf("the page does not list the readers' inputs: %q", got)
	}
	if got := eval(`document.title`); !strings.Contains(got, "年度报告") {
		t.Errorf("title %q is not the Chinese page title", got)
	}

	// Upload: the input's change event starts the batch.
	step("upload", chromedp.SetUploadFiles(chromedp.CSS("#file"), paths))
	wait("the batch to finish", `document.querySelectorAll('#rows tr').length === 6 && document.getElementById('progress-text').textContent.startsWith('完成')`)
	if got := eval(`document.getElementById('bar').value + '/' + document.getElementById('bar').max`); got != "6/6" {
		t.Errorf("progress bar at %s after the batch, want 6/6", got)
	}
	rows := eval(`[...document.querySelectorAll('#rows tr')].map(tr => [...tr.cells].map(td => td.textContent).join('|')).join('\n')`)
	for _, w := range []string{"002_b0e573aacea97adf.txt|市城管执法局|2020|2019版|2|0", "sample-001.html|上海市人民政府办公厅|2019|2019版|0|"} {
		if !strings.Contains(rows, w) {
			t.Errorf("list lacks row %q:\n%s", w, rows)
		}
	}
	// Filter and sort.
	step("filter", chromedp.Click(chromedp.ID("only-failed")))
	if got := eval(`[...document.querySelectorAll('#rows tr td:first-child')].map(td => td.textContent).sort().join(',')`); got != "002_b0e573aacea97adf.txt,004_22aab187490cdc1c.txt" {
		// sorted: without a sort key the list is in the order the
		// reports finished, which depends on the machine's load.
		t.Errorf("filter 只看有未通过检查的 shows %s, want seeds 002 and 004", got)
	}
	step("unfilter", chromedp.Click(chromedp.ID("only-failed")))
	step("sort by 未通过", chromedp.Click(chromedp.CSS(`button[data-sort="failed"]`)), chromedp.Click(chromedp.CSS(`button[data-sort="failed"]`)))
	if first := eval(`document.querySelector('#rows tr td').textContent`); !strings.Contains(first, "002_") {
		t.Errorf("sorted by 未通过 descending, first row is %q, want seed 002", first)
	}
	if s := eval(`document.querySelector('th:has(button[data-sort="failed"])').getAttribute('aria-sort')`); s != "descending" {
		t.Errorf("aria-sort = %q after two clicks, want descending", s)
	}
	shot("serve-list.png")
	zoomed := func(view string) {
		t.Helper()
		// 200 % zoom of a 1280-pixel window: a 640-pixel-wide layout at
		// twice the pixel density. Nothing may stick out sideways.
		step("zoom", chromedp.EmulateViewport(640, 900, chromedp.EmulateScale(2)))
		wait("the zoomed layout", `document.documentElement.clientWidth === 640`)
		// The popup moves on the resize event, a frame later: give the
		// page a moment to settle before measuring.
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.documentElement.scrollWidth <= document.documentElement.clientWidth`,
			chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			t.Errorf("%s at 200 %%: page %s pixels wide (scroll, client); it should reflow", view,
				eval(`document.documentElement.scrollWidth + ' ' + document.documentElement.clientWidth`))
		}
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(t.TempDir(), view+"-200.png"), png, 0o644)
		if dir := os.Getenv("GOVREPORT_ZOOM_SHOTS"); dir != "" {
			os.WriteFile(filepath.Join(dir, view+"-200.png"), png, 0o644)
		}
		step("unzoom", chromedp.EmulateViewport(1280, 1000))
		wait("the normal layout", `document.documentElement.clientWidth === 1280`)
	}
	zoomed("list")

	// Report view of seed 002 (opened from the keyboard: focus + Enter).
	step("open seed 002", chromedp.Focus(chromedp.CSS(`#rows tr:first-child a`)), chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.CSS(`table[data-table="t3"]`)))
	red := eval(`[...document.querySelectorAll('table[data-table="t3"] td.v.fail')].map(td => td.dataset.key).sort().join(',')`)
	if red != strings.Join(wantRed, ",") {
		t.Errorf("red cells of table 三: %s, want %s", red, strings.Join(wantRed, ","))
	}
	for _, tb := range []string{"t2", "t3", "t4"} {
		if n := eval(`String(document.querySelectorAll('table[data-table="` + tb + `"] td.v').length)`); n == "0" {
			t.Errorf("table %s drawn without value cells", tb)
		}
	}
	if got := eval(`[...document.querySelectorAll('#r-tables h3')].map(h => h.textContent).join('|')`); got != "二、主动公开政府信息情况|三、收到和处理政府信息公开申请情况|四、政府信息公开行政复议、行政诉讼情况" {
		t.Errorf("table titles %q", got)
	}
	if n := eval(`String(document.querySelectorAll('#r-parts h3').length)`); n != "6" {
		t.Errorf("%s part headings below the tables, want 6", n)
	}

	// The popup of a red cell: what the source wrote, where, which findings.
	key := wantRed[0]
	c := want.Cells[key]
	step("focus "+key, chromedp.Focus(chromedp.CSS(`td[data-key="`+key+`"]`)), chromedp.WaitVisible(chromedp.ID("pop")))
	pop := eval(`document.getElementById('pop').innerText`)
	for _, w := range []string{c.Raw, fmt.Sprintf("第 %d 行", c.Line), "T3-BALANCE", "未通过"} {
		if !strings.Contains(pop, w) {
			t.Errorf("popup of %s lacks %q:\n%s", key, w, pop)
		}
	}
	if d := eval(`document.querySelector('td[data-key="` + key + `"]').getAttribute('aria-describedby') || ''`); d != "pop" {
		t.Errorf("focused cell not described by the popup (aria-describedby=%q)", d)
	}
	// The findings panel highlights its cells.
	step("highlight", chromedp.Click(chromedp.CSS(`#f-list button.fail`)))
	if n := eval(`String(document.querySelectorAll('td.v.hl').length)`); n == "0" {
		t.Error("a failed finding highlights no cell")
	}
	// The picture for the README: table 三 at the top, the popup of its
	// first red cell open.
	shotKey := key
	if slices.Contains(wantRed, "t3.new.natural") {
		shotKey = "t3.new.natural"
	}
	step("popup for the picture",
		chromedp.Evaluate[chromedp.Void](`document.activeElement.blur(); window.scrollTo(0, document.querySelector('table[data-table="t3"]').getBoundingClientRect().top + window.scrollY - 70)`),
		chromedp.Focus(chromedp.CSS(`td[data-key="`+shotKey+`"]`)), chromedp.WaitVisible(chromedp.ID("pop")))
	if h := eval(`String(document.getElementById('pop').hidden)`); h != "false" {
		t.Error("popup hidden before the screenshot")
	}
	shot("serve-report.png")
	zoomed("report")
	step("popup back", chromedp.Focus(chromedp.CSS(`td[data-key="`+shotKey+`"]`)))

	// Downloads of this report, read back with the project's readers.
	pdf := download(`#r-downloads a[data-format="pdf"]`)
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("PDF download starts %q", pdf[:min(len(pdf), 8)])
	}
	if p, err := exec.LookPath("pdftotext"); err == nil {
		f := filepath.Join(t.TempDir(), "r.pdf")
		os.WriteFile(f, pdf, 0o644)
		out, err := exec.Command(p, "-layout", f, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(out)), "")
		for _, w := range []string{"市城管执法局", "三、收到和处理政府信息公开申请情况", "自然人"} {
			if !strings.Contains(text, w) {
				t.Errorf("PDF text lacks %q", w)
			}
		}
	} else {
		t.Log("没有 pdftotext，只检查了 PDF 文件头")
	}
	xl := download(`#r-downloads a[data-format="xlsx"]`)
	back, err := convert.ReadBytes(xl, convert.ReadOptions{Name: "download.xlsx"})
	if err != nil {
		t.Fatalf("downloaded xlsx does not read back: %v", err)
	}
	if back.Meta.Agency != want.Meta.Agency || back.Meta.Year != want.Meta.Year || back.Meta.Edition != want.Meta.Edition {
		t.Errorf("xlsx read back as %s %d %s, want %s %d %s", back.Meta.Agency, back.Meta.Year, back.Meta.Edition, want.Meta.Agency, want.Meta.Year, want.Meta.Edition)
	}
	for k, wc := range want.Cells {
		bc := back.Cells[k]
		if bc == nil || bc.Kind != wc.Kind || bc.Value != wc.Value {
			t.Errorf("xlsx cell %s read back as %+v, want %+v", k, bc, wc)
		}
	}
	if len(convert.Failed(back)) != len(convert.Failed(want)) {
		t.Errorf("xlsx read back with %d failed checks, want %d", len(convert.Failed(back)), len(convert.Failed(want)))
	}

	// The 汇总 workbook of the batch.
	step("back to the list", chromedp.Click(chromedp.ID("back")), chromedp.WaitVisible(chromedp.ID("dl-summary")))
	wait("the list", `document.querySelectorAll('#rows tr').length === 6`)
	sum := download("#dl-summary")
	f, err := excelize.OpenReader(bytes.NewReader(sum))
	if err != nil {
		t.Fatalf("汇总 workbook does not open: %v", err)
	}
	srows, err := f.GetRows("汇总")
	if err != nil {
		t.Fatal(err)
	}
	all := fmt.Sprint(srows)
	if len(srows) < 7 {
		t.Errorf("汇总 sheet has %d rows, want a header and 6 reports", len(srows))
	}
	for _, w := range []string{"市城管执法局", "上海市人民政府办公厅", "sample-001.html", "002_b0e573aacea97adf.txt"} {
		if !strings.Contains(all, w) {
			t.Errorf("汇总 sheet lacks %q", w)
		}
	}

	// A blank template with agency and year typed in, for the older edition.
	step("fill the template form", chromedp.SetValue(chromedp.ID("t-edition"), "2019"),
		chromedp.SendKeys(chromedp.ID("t-agency"), "某某县某某局"), chromedp.SendKeys(chromedp.ID("t-year"), "2020"))
	tmpl := download(`#template button[type="submit"]`)
	rep, err := convert.ReadBytes(tmpl, convert.ReadOptions{Name: "template.xlsx"})
	if err != nil {
		t.Fatalf("template does not read back: %v", err)
	}
	if rep.Meta.Agency != "某某县某某局" || rep.Meta.Year != 2020 || rep.Meta.Edition != model.Edition2019 {
		t.Errorf("template read back as %q %d %s", rep.Meta.Agency, rep.Meta.Year, rep.Meta.Edition)
	}
}

func ptr[T any](v T) *T { return &v }

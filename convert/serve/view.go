package serve

import (
	"math/big"
	"net/http"
	"strconv"
	"strings"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/metrics"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// itemSummary is one row of the list.
type itemSummary struct {
	ID        string `json:"id"`
	File      string `json:"file"`
	Agency    string `json:"agency"`
	Year      int    `json:"year"`
	Edition   string `json:"edition"`
	Failed    int    `json:"failed"`
	Uncertain int    `json:"uncertain"`
	Error     string `json:"error,omitempty"`
}

func summarize(it *item) itemSummary {
	v := itemSummary{ID: it.ID, File: it.File, Failed: it.Failed, Uncertain: it.Uncertain, Error: it.Err}
	if it.Rep != nil {
		v.Agency, v.Year, v.Edition = it.Rep.Meta.Agency, it.Rep.Meta.Year, string(it.Rep.Meta.Edition)
	}
	return v
}

// limitsView tells the page (and scripts) the limits, so it can refuse
// early with the same message.
type limitsView struct {
	MaxBody    int64 `json:"max_body"`
	MaxFile    int64 `json:"max_file"`
	MaxFiles   int   `json:"max_files"`
	MaxReports int   `json:"max_reports"`
}

func (s *Server) handleList(w http.ResponseWriter, r *http.Request) {
	ss, sent := s.lookup(r)
	if ss == nil && sent {
		apiError(w, http.StatusUnauthorized, msgNoSession)
		return
	}
	out := []itemSummary{}
	if ss != nil {
		for _, it := range ss.snapshot() {
			out = append(out, summarize(it))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out, "inputs": inputs(), "editions": editions(), "limits": limitsView{
		MaxBody: s.lim.MaxBody, MaxFile: s.lim.MaxFile, MaxFiles: s.lim.MaxFiles, MaxReports: s.lim.MaxReports}})
}

// inputView is one reader of the registry, for the page's list of what
// it accepts.
type inputView struct {
	Name string   `json:"name"`
	Help string   `json:"help"`
	Exts []string `json:"exts"`
}

// editionView is one edition the template form offers.
type editionView struct {
	ID     string `json:"id"`
	Notice string `json:"notice"`
}

// editions lists the editions of the embedded specs, newest first (the
// template form's default).
func editions() []editionView {
	set := templates.Default()
	var out []editionView
	ids := set.Editions()
	for i := len(ids) - 1; i >= 0; i-- {
		e := set.Edition(ids[i])
		n := e.Notice
		if n == "" {
			n = string(e.Edition) + "版"
		}
		out = append(out, editionView{ID: string(e.Edition), Notice: n})
	}
	return out
}

func inputs() []inputView {
	var out []inputView
	for _, r := range convert.Readers() {
		out = append(out, inputView{Name: r.Name, Help: r.Help, Exts: r.Exts})
	}
	return out
}

// reportView is one report as the page draws it.
type reportView struct {
	itemSummary
	AgencySource string        `json:"agency_source,omitempty"`
	Title        string        `json:"title"`
	Published    string        `json:"published,omitempty"`
	Layout       string        `json:"layout,omitempty"`
	Encoding     string        `json:"encoding,omitempty"`
	Passed       int           `json:"passed"`
	Tables       []tableView   `json:"tables"`
	Findings     []findingView `json:"findings"`
	Preamble     string        `json:"preamble,omitempty"`
	Parts        []partView    `json:"parts"`
	Metrics      []metricView  `json:"metrics"`
	Downloads    []linkView    `json:"downloads"`
}

// tableView is one official table: the spec's grid with the report's cells.
type tableView struct {
	ID     string       `json:"id"`
	Title  string       `json:"title"`
	Widths []float64    `json:"widths"`
	Head   int          `json:"header_rows"`
	Rows   [][]cellView `json:"rows"`
}

// cellView is one cell of a drawn table. Text cells carry Text and Role;
// value cells carry the report's cell: what was written, where, and the
// findings that name it.
type cellView struct {
	Text     string `json:"text,omitempty"`
	Role     string `json:"role"`
	RS       int    `json:"rs,omitempty"`
	CS       int    `json:"cs,omitempty"`
	Key      string `json:"key,omitempty"`
	Label    string `json:"label,omitempty"`
	Raw      string `json:"raw,omitempty"`
	Kind     string `json:"kind,omitempty"`
	Value    string `json:"value,omitempty"`
	Source   string `json:"source,omitempty"` // where the source wrote it, in Chinese
	Doubt    string `json:"doubt,omitempty"`
	State    string `json:"state,omitempty"` // "fail", "doubt", "uncertain" or ""
	Findings []int  `json:"findings,omitempty"`
}

type findingView struct {
	ID      string   `json:"id"`
	Status  string   `json:"status"`
	Name    string   `json:"status_name"`
	Message string   `json:"message"`
	Keys    []string `json:"keys,omitempty"`
	Line    int      `json:"line,omitempty"`
}

type partView struct {
	Heading string `json:"heading"`
	Text    string `json:"text"`
	Line    int    `json:"line,omitempty"`
	Missing bool   `json:"missing,omitempty"`
}

type linkView struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	Help string `json:"help"`
}

var statusNames = map[model.Status]string{
	model.Pass: "通过", model.Fail: "未通过", model.Uncertain: "存疑", model.Warning: "注意", model.Info: "说明",
}

// listed are the statuses the findings panel shows, in its order.
var listed = []model.Status{model.Fail, model.Uncertain, model.Warning, model.Info}

func (s *Server) handleReport(w http.ResponseWriter, r *http.Request) {
	it := s.item(w, r)
	if it == nil {
		return
	}
	writeJSON(w, http.StatusOK, buildView(it))
}

// item returns the session's item named in the path, or writes the error.
func (s *Server) item(w http.ResponseWriter, r *http.Request) *item {
	ss := s.need(w, r)
	if ss == nil {
		return nil
	}
	it := ss.get(r.PathValue("id"))
	if it == nil {
		apiError(w, http.StatusNotFound, "本次会话中没有编号为 "+strconv.Quote(r.PathValue("id"))+" 的报告")
		return nil
	}
	return it
}

func (s *Server) handleDelete(w http.ResponseWriter, r *http.Request) {
	ss := s.need(w, r)
	if ss == nil {
		return
	}
	if !ss.remove(r.PathValue("id")) {
		apiError(w, http.StatusNotFound, "本次会话中没有编号为 "+strconv.Quote(r.PathValue("id"))+" 的报告")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"message": "已删除", "total": ss.count()})
}

// buildView lays the report out on its edition's tables. Findings are
// listed failed first, then uncertain, warnings and notes (passed checks
// are only counted); each cell lists the findings that name its key.
func buildView(it *item) reportView {
	v := reportView{itemSummary: summarize(it), Tables: []tableView{}, Findings: []findingView{}, Parts: []partView{}, Downloads: []linkView{}}
	rep := it.Rep
	if rep == nil {
		return v
	}
	m := rep.Meta
	v.AgencySource, v.Title, v.Published, v.Layout, v.Encoding = m.AgencySource, m.Title, m.Published, m.Layout, m.Encoding
	if v.Title == "" {
		v.Title = model.DefaultTitle(m.Year, m.Agency)
	}
	byKey := map[string][]int{}
	failKey, uncertainKey := map[string]bool{}, map[string]bool{}
	for _, status := range listed {
		for _, f := range rep.Findings {
			if f.Status != status {
				continue
			}
			idx := len(v.Findings)
			v.Findings = append(v.Findings, findingView{ID: f.ID, Status: string(f.Status), Name: statusNames[f.Status], Message: f.Message, Keys: f.Keys, Line: f.Line})
			for _, k := range f.Keys {
				byKey[k] = append(byKey[k], idx)
				switch f.Status {
				case model.Fail:
					failKey[k] = true
				case model.Uncertain:
					uncertainKey[k] = true
				}
			}
		}
	}
	for _, f := range rep.Findings {
		if f.Status == model.Pass {
			v.Passed++
		}
	}
	set := templates.Default()
	for _, t := range set.Tables(m.Edition) {
		tv := tableView{ID: t.ID, Title: t.Title, Widths: t.Widths, Head: t.HeaderRows, Rows: make([][]cellView, t.NRows)}
		for _, p := range t.Cells {
			cv := cellView{Text: p.Text, Role: string(p.Role), Key: p.Key}
			if p.RowSpan > 1 {
				cv.RS = p.RowSpan
			}
			if p.ColSpan > 1 {
				cv.CS = p.ColSpan
			}
			if p.Key != "" {
				cv.Label = set.Label(m.Edition, p.Key)
				cv.Findings = byKey[p.Key]
				fillCell(&cv, rep.Cells[p.Key])
				switch {
				case failKey[p.Key]:
					cv.State = "fail"
				case cv.Doubt != "":
					cv.State = "doubt"
				case uncertainKey[p.Key]:
					cv.State = "uncertain"
				}
			}
			tv.Rows[p.Row] = append(tv.Rows[p.Row], cv)
		}
		v.Tables = append(v.Tables, tv)
	}
	v.Preamble = rep.Preamble
	for i, p := range rep.Parts {
		pv := partView{Heading: p.Heading, Text: p.Text, Line: p.Line}
		if p.Heading == "" {
			pv.Heading, pv.Missing = model.PartTitles[i], true
		}
		v.Parts = append(v.Parts, pv)
	}
	v.Metrics = []metricView{}
	if rep.Meta.Edition.HasTables() {
		for _, m := range metrics.Compute(rep) {
			mv := metricView{ID: m.Def.ID, Name: m.Def.Name, Formula: m.Def.Formula, Text: m.Percent(), Failed: m.Failed}
			if m.Num != nil {
				mv.Num, mv.Den = ratString(m.Num), ratString(m.Den)
			}
			v.Metrics = append(v.Metrics, mv)
		}
	}
	for _, f := range convert.Formats() {
		v.Downloads = append(v.Downloads, linkView{Name: f.Name, URL: "/api/reports/" + it.ID + "/" + f.Name, Help: f.Help})
	}
	return v
}

// fillCell copies what the source wrote and where.
func fillCell(cv *cellView, c *model.Cell) {
	if c == nil {
		cv.Kind = string(model.KindMissing)
		cv.Source = "原文中没有找到这个单元格"
		return
	}
	cv.Raw, cv.Kind, cv.Doubt = c.Raw, string(c.Kind), c.Doubt
	if c.Kind == model.KindNumber {
		cv.Value = model.FormatNumber(c.Value)
		if c.Unit != "" {
			cv.Value += " " + c.Unit
		}
	}
	switch {
	case c.Kind == model.KindMissing:
		cv.Source = "原文中没有找到这个单元格"
	case c.Ref != "" && c.Line > 0:
		cv.Source = c.Ref + "（第 " + strconv.Itoa(c.Line) + " 行）"
	case c.Ref != "":
		cv.Source = c.Ref
	case c.Line > 0:
		cv.Source = "第 " + strconv.Itoa(c.Line) + " 行"
	}
}

// metricView is one derived metric (convert/metrics) as the page shows it.
type metricView struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Formula string   `json:"formula"`
	Text    string   `json:"text"` // "55%", "不适用", "缺数据"
	Num     string   `json:"numerator,omitempty"`
	Den     string   `json:"denominator,omitempty"`
	Failed  []string `json:"failed_checks,omitempty"`
}

func ratString(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	return strings.TrimRight(strings.TrimRight(r.FloatString(4), "0"), ".")
}

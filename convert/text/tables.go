package text

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/govreport/govreport/convert/match"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// rowMatcher holds the normalised labels of one data row of a spec.
type rowMatcher struct {
	row    templates.DataRow
	inner  []match.Label // innermost label and its aliases
	outer  []match.Label // enclosing labels (group labels of table 三)
	banner match.Label
}

// tableMatcher holds the normalised labels of one spec table.
type tableMatcher struct {
	table   *templates.Table
	rows    []rowMatcher
	headers []match.Label // column header texts
	banners []match.Label
	outer   []match.Label // distinct group labels (三、本年度办理结果, （三）不予公开 …)
	// outerRows lists, for each of outer, the data rows under it.
	outerRows [][]int

	rowIndex, headerIndex, bannerIndex, outerIndex *match.Index

	// topHeaders are the header texts of the table's first row (行政复议,
	// 行政诉讼): where a table without row labels starts.
	topHeaders []match.Label
	// blocks are the value groups of a table without row labels (table
	// 四: one per key row), with a word that names each in a report.
	blocks []valueBlock
}

// valueBlock is one group of a value-row table's keys.
type valueBlock struct {
	word string // core of the group's column label, shortened (行政复, 未经复, 复议后)
	row  string // the keys' row id (review …)
	name string // for findings
	keys []string
}

type matchersKey struct{}

// tableMatchers returns the label matchers of a spec table, built once per
// spec set.
func tableMatchers(set *templates.Set, ed model.Edition, id string) *tableMatcher {
	all := set.Memo(matchersKey{}, func() any {
		matchers := map[model.Edition]map[string]*tableMatcher{}
		for _, e := range set.Editions() {
			matchers[e] = map[string]*tableMatcher{}
			for _, t := range set.Tables(e) {
				tm := &tableMatcher{table: t}
				for _, c := range t.Cells {
					switch c.Role {
					case templates.RoleHeader:
						tm.headers = append(tm.headers, match.New(c.Text))
						if c.Row == 0 {
							tm.topHeaders = append(tm.topHeaders, match.New(c.Text))
						}
					case templates.RoleBanner:
						tm.banners = append(tm.banners, match.New(c.Text))
					}
				}
				for _, d := range t.Data {
					rm := rowMatcher{row: d, banner: match.New(d.Banner)}
					if n := len(d.Labels); n > 0 {
						rm.inner = append(rm.inner, match.New(d.Labels[n-1]))
						if len(d.Aliases) == n {
							for _, a := range d.Aliases[n-1] {
								rm.inner = append(rm.inner, match.New(a))
							}
						}
						for _, o := range d.Labels[:n-1] {
							rm.outer = append(rm.outer, match.New(o))
						}
					}
					tm.rows = append(tm.rows, rm)
				}
				var inner []match.Label
				var owners []int
				seenOuter := map[string]bool{}
				for k, rm := range tm.rows {
					for _, l := range rm.inner {
						inner = append(inner, l)
						owners = append(owners, k)
					}
					for _, o := range rm.outer {
						if !seenOuter[o.Core] {
							seenOuter[o.Core] = true
							tm.outer = append(tm.outer, o)
						}
					}
				}
				for _, g := range tm.outer {
					var rows []int
					for k, rm := range tm.rows {
						for _, o := range rm.outer {
							if o.Core == g.Core {
								rows = append(rows, k)
								break
							}
						}
					}
					tm.outerRows = append(tm.outerRows, rows)
				}
				tm.rowIndex = match.NewIndex(inner, owners)
				tm.headerIndex = match.NewIndex(tm.headers, nil)
				tm.bannerIndex = match.NewIndex(tm.banners, nil)
				tm.outerIndex = match.NewIndex(tm.outer, nil)
				if t.ValueRow() {
					tm.blocks = valueBlocks(set, e, t)
				}
				matchers[e][t.ID] = tm
			}
		}
		return matchers
	}).(map[model.Edition]map[string]*tableMatcher)
	return all[ed][id]
}

// valueBlocks groups a value-row table's keys by row id; each group is
// named by the column label above its innermost one (行政复议, 未经复议直接
// 起诉, 复议后起诉), and recognised in a report by the first three
// characters of it. Longer names are tried first: 行政诉讼（未经复议直接起诉）
// also says 复议.
func valueBlocks(set *templates.Set, ed model.Edition, t *templates.Table) []valueBlock {
	var out []valueBlock
	for _, row := range t.RowIDs() {
		var b valueBlock
		b.row = row
		for _, k := range t.Keys {
			if ki := t.KeyInfo(k); ki.Row == row {
				b.keys = append(b.keys, k)
				if b.word == "" && len(ki.ColLabels) > 1 {
					b.name = ki.ColLabels[len(ki.ColLabels)-2]
					b.word = string([]rune(match.Core(b.name))[:min(3, len([]rune(match.Core(b.name))))])
				}
			}
		}
		if n := set.RowName(ed, t.ID, row); n != "" {
			b.name = n
		}
		if b.word != "" {
			out = append(out, b)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].name) > len(out[j].name) })
	return out
}

// tableReader assigns the tokens of one table to field keys.
type tableReader struct {
	set      *templates.Set
	ed       model.Edition
	tm       *tableMatcher
	cells    map[string]*model.Cell
	report   *model.Report
	rowDone  []bool          // data row → values assigned
	slab     []model.Cell    // room for the table's cells (newCells)
	assigned map[string]bool // value-row id → values assigned
	found    int             // rows with values
	orphans  []orphanRow     // label-less value rows, placed at the end
}

func newTableReader(set *templates.Set, ed model.Edition, id string, r *model.Report) *tableReader {
	tm := tableMatchers(set, ed, id)
	return &tableReader{set: set, ed: ed, tm: tm, cells: r.Cells, report: r, rowDone: make([]bool, len(tm.rows))}
}

// newCells returns n zero cells: the cells of a table are allocated
// together, room for all of its keys at the first row.
func (tr *tableReader) newCells(n int) []model.Cell {
	if cap(tr.slab)-len(tr.slab) < n {
		if tr.slab != nil || n > len(tr.tm.table.Keys) {
			return make([]model.Cell, n)
		}
		tr.slab = make([]model.Cell, 0, len(tr.tm.table.Keys))
	}
	m := len(tr.slab)
	tr.slab = tr.slab[:m+n]
	return tr.slab[m : m+n : m+n]
}

// done reports whether data row k has its values (false for a k that is
// no data row).
func (tr *tableReader) done(k int) bool { return k >= 0 && k < len(tr.rowDone) && tr.rowDone[k] }

// readRows handles tables 二 and 三: every data row starts with a label.
func (tr *tableReader) readRows(toks []token) {
	ctx := ""  // core of the current group label (三 (三)不予公开 …) or banner
	last := -1 // last data row assigned, to prefer rows in order
	headerZone := true
	// pending are the labels without values since the last row: pieces of
	// a wrapped label.
	var pendingBuf [16]*token
	pending := pendingBuf[:0]
	for i := 0; i < len(toks); i++ {
		tk := &toks[i]
		if !tk.isLabel {
			continue
		}
		if strings.Contains(tk.label.Core, "第二十条") {
			if b, s := tr.tm.bannerIndex.FindLabel(tk.label); s >= match.Body {
				ctx = tr.tm.banners[b[0]].Core
				pending = pending[:0]
				continue
			}
		}
		vals := collectValues(toks, i)
		if headerZone && allBlank(vals) {
			// A column header (总计, 其他 …) followed by the padding of its
			// header row, not a data row.
			if _, s := tr.tm.headerIndex.FindLabel(tk.label); s >= match.Prefix {
				i += len(vals)
				continue
			}
		}
		if len(vals) == 0 {
			// A label without values: a group label sets the context.
			if o, s := tr.tm.outerIndex.FindLabel(tk.label); s >= match.Body {
				ctx = tr.tm.outer[o[0]].Core
			} else if c, rest := tr.stripOuter(tk.label.Text); c != "" && rest == "" {
				ctx = c
			}
			pending = append(pending, tk)
			continue
		}
		lab, c := tr.bestLabel(tk, pending)
		if c != "" {
			ctx = c
		}
		// Rows whose label matches best; among equals prefer the current
		// group, then order.
		cands, score := tr.tm.rowIndex.FindLabel(lab)
		best := -1
		for _, k := range cands {
			if tr.better(k, best, ctx, last) {
				best = k
			}
		}
		ambiguous := len(cands) > 1 && !tr.inContext(best, ctx)
		if best < 0 || (score == match.Prefix && ambiguous) {
			continue
		}
		headerZone = false
		pending = pending[:0]
		tr.closeOrphans(best)
		row, orphans := splitOrphans(vals, len(tr.tm.rows[best].row.Keys))
		tr.assign(best, tk, row)
		for _, o := range orphans {
			tr.orphans = append(tr.orphans, orphanRow{vals: o, after: best, before: -1})
		}
		last = best
		i += len(vals)
	}
	tr.closeOrphans(len(tr.tm.rows))
	tr.assignOrphans()
}

// orphanRow is a line of values with no label of its own (PDF text whose
// wrapped row labels were split off from their numbers), between the
// official rows after and before that were found around it.
type orphanRow struct {
	vals          []token
	after, before int
}

// splitOrphans cuts the values that follow a row label, when they come
// from whitespace rows, into the row's own values (the first lines, up to
// n values) and whole further lines of n values each (runs of n values
// when every value is on a line of its own): rows whose labels were
// printed elsewhere. Anything else is returned unchanged.
func splitOrphans(vals []token, n int) ([]token, [][]token) {
	if len(vals) <= n {
		return vals, nil
	}
	var lines [][]token
	for k, v := range vals {
		if !v.ws {
			return vals, nil
		}
		if k == 0 || v.line != vals[k-1].line {
			lines = append(lines, nil)
		}
		lines[len(lines)-1] = append(lines[len(lines)-1], v)
	}
	if len(lines) == len(vals) {
		// One value per line (pdftotext without -layout): the rows are
		// runs of n values.
		if len(vals)%n != 0 {
			return vals, nil
		}
		var rows [][]token
		for k := n; k < len(vals); k += n {
			rows = append(rows, vals[k:k+n])
		}
		return vals[:n], rows
	}
	got, k := 0, 0
	for k < len(lines) && got < n {
		got += len(lines[k])
		k++
	}
	if got != n || k == len(lines) {
		return vals, nil
	}
	for _, l := range lines[k:] {
		if len(l) != n {
			return vals, nil
		}
	}
	return vals[:n], lines[k:]
}

// closeOrphans sets the next official row found after the open orphans.
func (tr *tableReader) closeOrphans(row int) {
	for k := range tr.orphans {
		if tr.orphans[k].before < 0 {
			tr.orphans[k].before = row
		}
	}
}

// assignOrphans places label-less value rows: when the rows found on both
// sides pin down which official rows are missing between them and their
// number equals the number of label-less rows there, the rows are assigned
// in official order with an info finding; otherwise they stay unassigned,
// with a finding showing their values.
func (tr *tableReader) assignOrphans() {
	for start := 0; start < len(tr.orphans); {
		end := start
		for end < len(tr.orphans) && tr.orphans[end].after == tr.orphans[start].after && tr.orphans[end].before == tr.orphans[start].before {
			end++
		}
		group := tr.orphans[start:end]
		start = end
		var missing []int
		for k := group[0].after + 1; k < group[0].before; k++ {
			if !tr.done(k) {
				missing = append(missing, k)
			}
		}
		if len(missing) == len(group) {
			var names []string
			for j, o := range group {
				k := missing[j]
				if len(tr.tm.rows[k].row.Keys) != len(o.vals) {
					missing = nil
					break
				}
				names = append(names, tr.rowName(k))
			}
			if missing != nil {
				var keys []string
				for j, o := range group {
					tr.assign(missing[j], &token{line: o.vals[0].line}, o.vals)
					keys = append(keys, tr.tm.rows[missing[j]].row.Keys...)
				}
				tr.report.AddFinding(model.Finding{ID: "READ-LABELLESS-ROWS", Status: model.Info, Keys: keys, Line: group[0].vals[0].line,
					Message: fmt.Sprintf("第%d行起有%d行数字没有行标签（标签与数字分开排版）；前后的行标签表明其间缺少的正是%s，已按表格顺序对应，请核对",
						group[0].vals[0].line, len(group), strings.Join(names, "、"))})
				continue
			}
		}
		for _, o := range group {
			tr.report.AddFinding(model.Finding{ID: "READ-UNASSIGNED", Status: model.Warning, Line: o.vals[0].line,
				Message: fmt.Sprintf("第%d行的一行数字（%s）没有行标签，无法确定属于表格的哪一行，未读取", o.vals[0].line, joinRaw(o.vals))})
		}
	}
}

// rowName names data row k in findings.
func (tr *tableReader) rowName(k int) string {
	d := tr.tm.rows[k].row
	if len(d.Labels) > 0 {
		return "“" + d.Labels[len(d.Labels)-1] + "”"
	}
	return "“" + tr.tm.table.Title + "”"
}

// bestLabel returns the reading of a row label that matches an official
// row best: the label as written; its part after a wide gap (a stacked
// group character printed beside it); without a group label written in
// front ("（三）不予公开 1.属于国家秘密"); or joined with the pieces of a
// wrapped label printed above it at the same column. It also returns the
// group label found in front, if any.
func (tr *tableReader) bestLabel(tk *token, pending []*token) (*match.Label, string) {
	type cand struct {
		text string
		col  int
	}
	best, bestScore, bestCtx := tk.label, tr.score(tk.label), ""
	if bestScore >= match.Body {
		return best, ""
	}
	cands := []cand{{tk.label.Text, tk.col}}
	for _, a := range tk.alts {
		cands = append(cands, cand(a))
	}
	// A piece of a stacked group label run into the row label without a
	// gap ("法提供 2.没有现成信息需要另行制作"): the row label starts at its
	// ordinal.
	for _, loc := range reInnerOrdinal().FindAllStringIndex(tk.label.Text, 4) {
		if loc[0] > 0 {
			cands = append(cands, cand{tk.label.Text[loc[0]:], tk.col})
		}
	}
	try := func(text, ctx string) {
		l := match.Intern(text)
		if s := tr.score(l); s > bestScore {
			best, bestScore, bestCtx = l, s, ctx
		}
	}
	for _, c := range cands {
		if ctx, rest := tr.stripOuter(c.text); ctx != "" && rest != "" {
			try(rest, ctx)
		}
		if c.text != tk.label.Text {
			try(c.text, "")
		}
	}
	if bestScore >= match.Body {
		return best, bestCtx
	}
	// A wrapped label: the pieces above at the same column, nearest first
	// (PDF text only: other layouts keep a label in one cell).
	if !tk.ws {
		return best, bestCtx
	}
	for _, c := range cands {
		prefix := ""
		for k, used := len(pending)-1, 0; k >= 0 && used < maxWrapPieces; k-- {
			p := pending[k]
			if !p.ws || len(p.label.Text) > maxLabelBytes {
				continue
			}
			if d := p.col - c.col; d < -2 || d > 2 {
				continue
			}
			prefix = p.label.Text + prefix
			used++
			try(prefix+c.text, "")
		}
	}
	return best, bestCtx
}

// maxWrapPieces bounds how many lines a wrapped row label is joined from
// (real labels wrap over three at most), and maxLabelBytes the length of a
// label worth taking apart; both keep hostile input linear.
const (
	maxWrapPieces = 4
	maxLabelBytes = 600
)

// reInnerOrdinal finds where a numbered row label starts inside a longer
// label: "2." "2、" "（二）".
var reInnerOrdinal = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\d{1,2}\s*[.、．]|[（(][一二三四五六七八九十]{1,2}[)）]`)
})

// score is how well a written label matches the best official row label.
func (tr *tableReader) score(l *match.Label) int {
	_, s := tr.tm.rowIndex.FindLabel(l)
	return s
}

// stripOuter removes group labels written in front of a row label
// ("三、本年度办理结果 （一）予以公开", "（三）不予公开1.属于国家秘密"). It
// returns the core of the innermost group label removed ("" when none) and
// the rest of the text.
func (tr *tableReader) stripOuter(text string) (string, string) {
	ctx := ""
	if len(text) > maxLabelBytes {
		return "", text
	}
	// The text is most often a label's (interned already); the texts
	// left after a group label are few.
	core := match.Intern(text).Core
	for {
		found := false
		for _, o := range tr.tm.outer {
			if len(core) <= len(o.Core) || !strings.HasPrefix(core, o.Core) {
				if core == o.Core {
					return o.Core, ""
				}
				continue
			}
			// Cut text after the runes that make up o.Core.
			if rest, ok := cutCore(text, o.Core); ok {
				ctx, text, found = o.Core, rest, true
				break
			}
		}
		if !found {
			return ctx, text
		}
		core = match.Core(text)
	}
}

// cutCore returns what follows the shortest prefix of text whose core is core.
func cutCore(text, core string) (string, bool) {
	// The prefix holds the core's characters plus the punctuation and
	// blanks Core drops: a few times the core's length at most.
	limit := 3*len(core) + 32
	for i := range text {
		if i > limit {
			break
		}
		if i > 0 && match.Core(text[:i]) == core {
			// Keep the closing bracket of the group label out of the rest.
			rest := strings.TrimLeft(text[i:], " 　)）、.．")
			return rest, rest != ""
		}
	}
	return "", false
}

// inContext reports whether data row k belongs to the group or banner ctx.
func (tr *tableReader) inContext(k int, ctx string) bool {
	if k < 0 || ctx == "" {
		return false
	}
	rm := tr.tm.rows[k]
	if rm.banner.Core == ctx {
		return true
	}
	for _, o := range rm.outer {
		if o.Core == ctx {
			return true
		}
	}
	return false
}

// better reports whether row k should be preferred over row cur for an equal score.
func (tr *tableReader) better(k, cur int, ctx string, last int) bool {
	if cur < 0 {
		return true
	}
	kc, cc := tr.inContext(k, ctx), tr.inContext(cur, ctx)
	if kc != cc {
		return kc
	}
	ka, ca := tr.done(k), tr.done(cur)
	if ka != ca {
		return !ka
	}
	// Both equally placed: prefer the first one after the last assigned row.
	kAfter, cAfter := k > last, cur > last
	if kAfter != cAfter {
		return kAfter
	}
	return k < cur
}

// collectValues returns the value tokens that follow the label at i: up to
// the next label or the start of the next explicit row.
func collectValues(toks []token, i int) []token {
	j := i + 1
	for j < len(toks) && !toks[j].isLabel && !toks[j].rowStart {
		j++
	}
	return toks[i+1 : j]
}

// assign puts values into the keys of data row k.
func (tr *tableReader) assign(k int, labelTok *token, vals []token) {
	d := tr.tm.rows[k].row
	label := tr.tm.table.Title
	if len(d.Labels) > 0 {
		label = d.Labels[len(d.Labels)-1]
	}
	if d.Banner != "" {
		label = d.Banner + " " + label
	}
	tr.assignKeys(k, "", d.Keys, label, labelTok, vals)
}

// assignKeys puts values into keys, left to right. The data row k (or, for
// k < 0, the id of a value row) identifies the row for duplicate
// detection; label names it in findings.
func (tr *tableReader) assignKeys(k int, id string, keys []string, label string, labelTok *token, vals []token) {
	n := len(keys)
	doubt := ""
	if hasGlued(vals) {
		expanded, d, msg := expandGlued(vals, n, rowRule(tr.set, tr.ed, keys), plausibility)
		st := model.Info
		if d != "" {
			st = model.Uncertain
		}
		tr.report.AddFinding(model.Finding{ID: "READ-GLUED", Status: st, Keys: keys, Line: labelTok.line,
			Message: fmt.Sprintf("%s“%s”：%s", where(labelTok), label, msg)})
		if expanded == nil {
			return
		}
		vals, doubt = expanded, d
	}
	if len(vals) > n {
		vals = mergeTight(vals, n)
	}
	// Trailing empty cells beyond the grid are padding.
	for len(vals) > n && vals[len(vals)-1].value.Kind == model.KindBlank {
		vals = vals[:len(vals)-1]
	}
	switch {
	case len(vals) > n:
		var nonBlank []token
		for _, v := range vals {
			if v.value.Kind != model.KindBlank {
				nonBlank = append(nonBlank, v)
			}
		}
		if len(nonBlank) == n {
			tr.report.AddFinding(model.Finding{ID: "READ-SHIFTED", Status: model.Warning, Keys: keys, Line: labelTok.line,
				Message: fmt.Sprintf("%s“%s”：%d个格中有空格错位，已按%d个非空值依次对应各列，请核对", where(labelTok), label, len(vals), n)})
			vals = nonBlank
		} else {
			doubt = fmt.Sprintf("该行有%d个值，多于%d列，无法确定对应关系", len(vals), n)
			tr.report.AddFinding(model.Finding{ID: "READ-EXTRA-VALUES", Status: model.Uncertain, Keys: keys, Line: labelTok.line,
				Message: fmt.Sprintf("%s“%s”：有%d个值（%s），多于表格的%d列；已按顺序读取前%d个并标记为存疑", where(labelTok), label, len(vals), joinRaw(vals), n, n)})
			vals = vals[:n]
		}
	case len(vals) < n:
		doubt = fmt.Sprintf("该行只有%d个值，少于%d列，无法确定对应的列", len(vals), n)
		tr.report.AddFinding(model.Finding{ID: "READ-SHORT-ROW", Status: model.Uncertain, Keys: keys, Line: labelTok.line,
			Message: fmt.Sprintf("%s“%s”：只有%d个值（%s），少于表格的%d列；已按顺序读取并标记为存疑", where(labelTok), label, len(vals), joinRaw(vals), n)})
	}
	if k >= 0 && tr.rowDone[k] || k < 0 && tr.assigned[id] {
		same := true
		for j, v := range vals {
			if c := tr.cells[keys[j]]; c == nil || c.Raw != v.value.Raw {
				same = false
			}
		}
		if !same {
			tr.report.AddFinding(model.Finding{ID: "READ-DUPLICATE-ROW", Status: model.Warning, Keys: keys, Line: labelTok.line,
				Message: fmt.Sprintf("%s“%s”再次出现且数值不同（%s），保留第一次读到的数值", where(labelTok), label, joinRaw(vals))})
		}
		return
	}
	if k >= 0 {
		tr.rowDone[k] = true
	} else {
		if tr.assigned == nil {
			tr.assigned = map[string]bool{}
		}
		tr.assigned[id] = true
	}
	tr.found++
	var doubtful []string
	cs := tr.newCells(min(len(keys), len(vals)))
	for j, key := range keys {
		if j >= len(vals) {
			break
		}
		c := &cs[j]
		*c = vals[j].value
		c.Key = key
		c.Line = vals[j].line
		c.Ref = vals[j].ref
		if doubt != "" || c.Doubt == "" {
			c.Doubt = doubt
		} else {
			doubtful = append(doubtful, key)
		}
		tr.cells[key] = c
	}
	if len(doubtful) > 0 {
		var what []string
		for _, k := range doubtful {
			what = append(what, tr.cells[k].Doubt)
		}
		tr.report.AddFinding(model.Finding{ID: "READ-DOUBTFUL-VALUE", Status: model.Uncertain, Keys: doubtful, Line: labelTok.line,
			Message: fmt.Sprintf("%s“%s”：%s", where(labelTok), label, strings.Join(what, "；"))})
	}
}

// readValueRow handles a table without row labels (table 四): one row of
// values under the headers (15 in table 四), or (some Markdown
// conversions) one row per block (three of 5) under their block names.
func (tr *tableReader) readValueRow(toks []token) {
	type run struct {
		vals  []token
		block int // index in tm.blocks of the last block label before the run, or -1
		at    token
	}
	var runs []run
	block := -1
	var lastLabel token
	keys := tr.tm.table.Keys
	n, bs := len(keys), len(keys)
	if len(tr.tm.blocks) > 0 {
		bs = len(tr.tm.blocks[0].keys)
	}
	for i := 0; i < len(toks); {
		tk := toks[i]
		if tk.isLabel {
			for b, tb := range tr.tm.blocks {
				if strings.Contains(tk.label.Core, tb.word) {
					block = b
					break
				}
			}
			lastLabel = tk
			i++
			// Padding cells of a pipe header row are not values.
			for i < len(toks) && !toks[i].isLabel && !toks[i].rowStart && toks[i].line == tk.line && toks[i].value.Kind == model.KindBlank {
				i++
			}
			continue
		}
		j := i
		for j < len(toks) && !toks[j].isLabel {
			j++
		}
		vals := toks[i:j]
		for len(vals) > 0 && vals[len(vals)-1].value.Kind == model.KindBlank && len(vals) > bs && len(vals) != n {
			vals = vals[:len(vals)-1]
		}
		runs = append(runs, run{vals: vals, block: block, at: lastLabel})
		i = j
	}
	id := tr.tm.table.ID
	for _, r := range runs {
		if len(r.vals) >= n {
			line := r.vals[0].line
			if r.at.line > 0 {
				line = r.at.line
			}
			tr.assignKeys(-1, id, keys, tr.tm.table.Title, &token{line: line}, r.vals)
			return
		}
	}
	// One run per block (three of five), each under its block label.
	placed := 0
	for _, r := range runs {
		if r.block < 0 {
			continue
		}
		b := tr.tm.blocks[r.block]
		if len(r.vals) < len(b.keys)-1 || len(r.vals) > len(b.keys)+1 {
			continue
		}
		tr.assignKeys(-1, id+"."+b.row, b.keys, b.name, &r.at, r.vals)
		placed++
	}
	if placed == 0 && len(runs) > 0 {
		// Whatever there is, read it in order, with doubt.
		r := runs[len(runs)-1]
		tr.assignKeys(-1, id, keys, tr.tm.table.Title, &r.at, r.vals)
	}
}

func hasGlued(vals []token) bool {
	for _, v := range vals {
		if v.glued {
			return true
		}
	}
	return false
}

func allBlank(vals []token) bool {
	for _, v := range vals {
		if v.value.Kind != model.KindBlank {
			return false
		}
	}
	return true
}

func joinRaw(vals []token) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		if v.value.Raw == "" {
			parts[i] = "空"
		} else {
			parts[i] = v.value.Raw
		}
	}
	return strings.Join(parts, "、")
}

// where names a token's place for messages: its grid cell position when the
// input came from a grid reader (PDF, Word), else its line ("第12行").
func where(tk *token) string {
	if tk.ref != "" {
		return tk.ref
	}
	return fmt.Sprintf("第%d行", tk.line)
}

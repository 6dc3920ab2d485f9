package xlsx

// Reader: the edition and the metadata cells.

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/govreport/govreport/convert/model"
)

// edition decides the edition: the hidden metadata, the cover, the defined
// names, and last the labels of the tables that have row labels (二 and
// 三; 四 is the same in every official edition).
func (rd *reader) edition() model.Edition {
	set := rd.set
	if ed := model.Edition(rd.meta["edition"]); ed != "" && (set.Has(ed) || ed == model.EditionLegacy || ed == model.EditionUnknown) {
		rd.note("READ-XLSX-EDITION", "表格格式取自工作簿中 govreport 记录的版本（%s）", ed)
		return ed
	}
	if v, ref, ok := rd.namedText(NameEdition); ok {
		if ed := parseEdition(set, v); ed != "" {
			rd.note("READ-XLSX-EDITION", "表格格式取自 %s（“%s”）", ref, v)
			return ed
		}
	}
	// Count the defined names of each official edition's keys; ties go to
	// the newer edition.
	best, bestN := model.Edition(""), 0
	for _, e := range set.Official() {
		n := 0
		for _, k := range set.Keys(e.Edition) {
			if _, ok := rd.names[Name(k)]; ok {
				n++
			}
		}
		if n > 0 && n >= bestN {
			best, bestN = e.Edition, n
		}
	}
	if bestN > 0 {
		// Editions share most of table 三 and all of table 四: only a
		// complete set decides. Variants first: they have every key of
		// their base and more.
		eds := set.Editions()
		for i := len(eds) - 1; i >= 0; i-- {
			ed := eds[i]
			n := 0
			keys := set.Keys(ed)
			for _, k := range keys {
				if _, ok := rd.names[Name(k)]; ok {
					n++
				}
			}
			if n == len(keys) {
				rd.note("READ-XLSX-EDITION", "表格格式按定义名称判断为%s版", ed)
				return ed
			}
		}
	}
	// Labels: the official edition whose labelled tables match more; ties
	// go to the newer one.
	top, topScore := model.Edition(""), 0
	for _, e := range set.Official() {
		score := 0
		for _, t := range set.Tables(e.Edition) {
			if t.ValueRow() {
				continue
			}
			if loc := rd.locate(t); loc != nil {
				score += loc.score
			}
		}
		if score > 0 && score >= topScore {
			top, topScore = e.Edition, score
		}
	}
	if top == "" {
		if best != "" {
			return best
		}
		return model.EditionUnknown
	}
	if v := rd.variantByLabels(top); v != "" {
		rd.note("READ-XLSX-EDITION", "表格格式按表格标签判断为%s版（%s的变体）", v, top)
		return v
	}
	rd.note("READ-XLSX-EDITION", "表格格式按表格标签判断为%s版", top)
	return top
}

// variantByLabels returns the variant of ed whose own tables match the
// sheets better than ed's do, table by table (more rows and anchors
// found), or "". The variant with the largest margin wins; ties go to the
// first by id.
func (rd *reader) variantByLabels(ed model.Edition) model.Edition {
	set := rd.set
	best, bestGain := model.Edition(""), 0
	for _, v := range set.Variants(ed) {
		gain, better := 0, false
		for _, t := range set.Tables(v.Edition) {
			bt := set.Table(ed, t.ID)
			if bt != nil && len(bt.Keys) == len(t.Keys) && sameKeys(bt.Keys, t.Keys) {
				continue // not replaced by the variant
			}
			vs, bs := 0, 0
			if loc := rd.locate(t); loc != nil {
				vs = loc.score
			}
			if bt != nil {
				if loc := rd.locate(bt); loc != nil {
					bs = loc.score
				}
			}
			if vs < bs {
				better = false
				gain = 0
				break
			}
			if vs > bs {
				better = true
			}
			gain += vs - bs
		}
		if better && gain > bestGain {
			best, bestGain = v.Edition, gain
		}
	}
	return best
}

func sameKeys(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// namedCell resolves a defined name to one sheet and cell.
func (rd *reader) namedCell(name string) (sheet, cell string, ok bool) {
	target, ok := rd.names[strings.ToLower(name)]
	if !ok {
		return "", "", false
	}
	sheet, from, _, ok := parseRef(target)
	if !ok || !rd.sheet[sheet] {
		return "", "", false
	}
	return sheet, from, true
}

// namedText reads the text of a named cell.
func (rd *reader) namedText(name string) (text, ref string, ok bool) {
	sheet, cell, ok := rd.namedCell(name)
	if !ok {
		return "", "", false
	}
	v, err := rd.text(sheet, cell)
	if err != nil {
		return "", "", false
	}
	return v, sheet + "!" + cell, true
}

var yearRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^((?:19|20)\d\d)(?:年|年度)?$`) })

func (rd *reader) readMeta() {
	m := &rd.rep.Meta
	agency, aref, ok := rd.namedText(NameAgency)
	if !ok {
		agency, aref, ok = rd.labelled("机关名称", "填报单位", "单位名称", "报告机关", "发布机关")
	}
	if ok {
		m.Agency = model.CleanText(agency)
		if m.Agency != "" {
			m.AgencySource = "工作簿 " + aref
			if s := rd.meta["agency_source"]; s != "" {
				m.AgencySource = s
			}
		}
	}
	year, yref, ok := rd.namedText(NameYear)
	if !ok {
		year, yref, ok = rd.labelled("报告年度", "年度")
	}
	if y := model.CleanText(model.FoldWidth(year)); ok && y != "" {
		if mm := yearRe().FindStringSubmatch(y); mm != nil {
			m.Year, _ = strconv.Atoi(mm[1])
			m.YearSources = []model.YearSource{{Source: "工作簿 " + yref, Year: m.Year, Text: year}}
		} else {
			rd.finding("READ-XLSX-YEAR", model.Warning, nil, "%s 的报告年度“%s”不是四位数的年份，未能读取", yref, year)
		}
	}
	// A title the writer derived for the cover (the report had none) is
	// not the report's: it reads back as none.
	if v, _, ok := rd.namedText(NameTitle); ok && rd.meta["title_derived"] == "" {
		m.Title = model.CleanText(v)
	}
	if v, _, ok := rd.namedText(NamePublished); ok {
		m.Published = model.CleanText(v)
	}
}

// labelled finds a cell whose text is one of labels on the cover (or any
// sheet) and returns the first non-empty cell to its right.
func (rd *reader) labelled(labels ...string) (string, string, bool) {
	order := append([]string{}, rd.list...)
	for i, s := range order {
		if s == SheetCover {
			order[0], order[i] = order[i], order[0]
		}
	}
	for _, s := range order {
		if s == sheetMeta {
			continue
		}
		g := rd.grid(s)
		for r, row := range g.cells {
			for c, v := range row {
				if v == "" {
					continue
				}
				core := coreOf(v)
				hit := false
				for _, l := range labels {
					if core == coreOf(l) {
						hit = true
					}
				}
				if !hit {
					continue
				}
				c2 := c + 1
				if mr, ok := g.mergeAt(r, c); ok {
					c2 = mr.c1 + 1
				}
				for ; c2 < len(row) && c2 < c+8; c2++ {
					if row[c2] != "" {
						cell := cellName(r, c2)
						if v, err := rd.text(s, cell); err == nil {
							return v, s + "!" + cell, true
						}
					}
				}
				return "", s + "!" + cellName(r, c), true
			}
		}
	}
	return "", "", false
}

// ---- tables ----

package model

import (
	"sort"
	"strconv"
	"strings"
)

// Edition identifies which official format a report's tables follow.
// It is decided from the table labels, never from the report year
// (2019 reports were allowed to keep older layouts).
type Edition string

const (
	// Edition2019 is the 国办公开办函〔2019〕60号 format, used for 2019 and 2020 reports.
	// The named editions are a convenience for tests and examples: what an
	// edition is lives in templates/specs/<edition>/edition.json, and no
	// production code branches on a particular edition.
	Edition2019 Edition = "2019"
	// Edition2021 is the 国办公开办函〔2021〕30号 format, used from 2021 on.
	Edition2021 Edition = "2021"
	// EditionLegacy marks a report in the pre-2019 structure, without the unified tables.
	EditionLegacy Edition = "legacy"
	// EditionUnknown marks a report whose tables could not be attributed to an edition.
	EditionUnknown Edition = "unknown"
)

// HasTables reports whether the edition is one with the unified tables:
// anything but empty, legacy and unknown. Which editions exist is data
// (package templates); whether a spec set has this one is
// templates.Set.Has.
func (e Edition) HasTables() bool { return e != "" && e != EditionLegacy && e != EditionUnknown }

// Report is one annual report: what the reader found, before any writer.
type Report struct {
	Meta Meta
	// Preamble is the text before part 一 (often the legal basis and the
	// statistics-period sentence).
	Preamble string
	// Parts are the six parts in their fixed order; a part that was not found
	// has an empty Heading, and Absent set when there is nothing for it.
	Parts [6]Part
	// Cells maps every field key of the edition to its cell. Readers fill every
	// key of the edition, using KindMissing for cells absent from the source.
	Cells map[string]*Cell
	// Findings are the reader's observations and the results of the checks.
	Findings []Finding
	// StandIns record rows written in another edition's form (a 2021 report
	// whose table 三 keeps the 2019 single （六）其他处理 row). The row's cells
	// are kept in Cells under the other edition's keys; the edition's own
	// keys it replaces stay KindMissing. Checks that add up those keys use
	// the stand-in instead.
	StandIns []StandIn
}

// StandIn says that the cell Key (a key of another edition, present in
// Report.Cells) holds the sum of the cells For, which the report does not
// have.
type StandIn struct {
	Key string
	For []string
}

// Meta is the report's metadata.
type Meta struct {
	Agency       string // issuing agency, as written
	AgencySource string // where Agency was found (Chinese, for people): 标题, 发布机构, 落款, 总体情况首句, 联系方式, 文件名, 命令行 …
	Year         int    // report year; 0 when not found
	YearSources  []YearSource
	Edition      Edition
	// EditionSignals lists the edition-specific labels the reader saw, per
	// edition, for the EDITION check.
	EditionSignals map[Edition][]string
	Title          string
	Published      string // publish date as YYYY-MM-DD, "" when not found
	Source         string // input file name
	Layout         string // detected input layout, e.g. "cell-lines", "pipe-rows", "xlsx"
	Encoding       string // detected input encoding
}

// YearSource is one place the report year was read from.
type YearSource struct {
	Source string // kind of source in Chinese, e.g. "统计期限", "标题"
	Year   int
	Line   int    // 1-based source line, 0 when not applicable
	Text   string // the matched text
}

// Part is one of the six parts of a report.
type Part struct {
	Heading string // heading as written, e.g. "一、总体情况"
	Text    string // the part's prose (table cells excluded)
	Line    int    // 1-based line of the heading, 0 when absent
	// Absent is true when the report has nothing for this part: no text,
	// and for parts 二–四 no cell of the part's table. The heading may have
	// been written all the same (an empty "六、其他需要报告的事项"). Writers
	// print the official heading with 无。 under it rather than a heading
	// with nothing after it.
	Absent bool
}

// AbsentText is what document writers print under the heading of a prose
// part (一、五、六) the report has nothing for (Part.Absent).
const AbsentText = "无。"

// PartTitles are the official headings of the six parts.
var PartTitles = [6]string{
	"一、总体情况",
	"二、主动公开政府信息情况",
	"三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况",
	"五、存在的主要问题及改进情况",
	"六、其他需要报告的事项",
}

// Keys returns the report's cell keys in sorted order (writers should use
// the table specs' order instead; this is for tests and diagnostics).
func (r *Report) Keys() []string {
	keys := make([]string, 0, len(r.Cells))
	for k := range r.Cells {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Cell returns the cell for key, or nil when the edition has no such key.
func (r *Report) Cell(key string) *Cell { return r.Cells[key] }

// AddFinding appends a finding.
func (r *Report) AddFinding(f Finding) { r.Findings = append(r.Findings, f) }

// Failed reports whether any finding has status Fail.
func (r *Report) Failed() bool {
	for _, f := range r.Findings {
		if f.Status == Fail {
			return true
		}
	}
	return false
}

// DefaultTitle is the official title pattern, {year}年{agency}政府信息公开工作年度报告,
// leaving out what is unknown. Writers use it when the report has no title.
func DefaultTitle(year int, agency string) string {
	t := agency + "政府信息公开工作年度报告"
	if year > 0 {
		t = strconv.Itoa(year) + "年" + t
	}
	return t
}

// ChineseDate turns a YYYY-MM-DD date into the form used in signatures,
// 2021年1月11日; anything else is returned as written.
func ChineseDate(s string) string {
	parts := strings.Split(s, "-")
	if len(parts) != 3 {
		return s
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v <= 0 {
			return s
		}
		n[i] = v
	}
	if n[1] > 12 || n[2] > 31 {
		return s
	}
	return strconv.Itoa(n[0]) + "年" + strconv.Itoa(n[1]) + "月" + strconv.Itoa(n[2]) + "日"
}

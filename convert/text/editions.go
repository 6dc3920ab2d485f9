package text

import (
	"fmt"
	"strings"

	"github.com/govreport/govreport/convert/match"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// This file decides a report's edition and reads its tables, from what
// the spec set says about each edition (templates/specs/*/edition.json):
// its signature labels, which part holds which table, which table's rows
// decide when no signature is seen. No edition is named here.

// tableRegions returns [from, to) line ranges for the tables of the parts
// in tp (sorted part numbers, 1-based: 2, 3, 4 for tables 二, 三, 四). When
// a table part's heading is missing, every table is looked for in one
// span, returned as region 0 (the others are empty).
func tableRegions(lines []line, parts [6]int, tp []int) [][2]int {
	reg := make([][2]int, len(tp))
	if len(tp) == 0 {
		return reg
	}
	next := func(k int) int {
		for j := k + 1; j < 6; j++ {
			if parts[j] >= 0 {
				return parts[j]
			}
		}
		return len(lines)
	}
	all := true
	for _, p := range tp {
		all = all && parts[p-1] >= 0
	}
	if all {
		for k, p := range tp {
			reg[k] = [2]int{parts[p-1] + 1, next(p - 1)}
		}
		return reg
	}
	// Some headings are missing: every table is looked for from the first
	// table heading found (or the end of the part before the tables, or
	// the top) to the first part after them.
	first, last := tp[0]-1, tp[len(tp)-1]-1
	from := 0
	for k := first; k <= last; k++ {
		if parts[k] >= 0 {
			from = parts[k] + 1
			break
		}
	}
	if from == 0 && first > 0 && parts[first-1] >= 0 {
		from = parts[first-1] + 1
	}
	to := len(lines)
	for k := last + 1; k < 6; k++ {
		if parts[k] >= 0 {
			to = parts[k]
			break
		}
	}
	if to < from {
		to = from
	}
	// The regions would overlap: tokenize only once.
	reg[0] = [2]int{from, to}
	for k := 1; k < len(reg); k++ {
		reg[k] = [2]int{to, to}
	}
	return reg
}

// partIndex is the index in tp of a table's part.
func partIndex(tp []int, part int) int {
	for k, p := range tp {
		if p == part {
			return k
		}
	}
	return 0
}

type signatureKey struct{}

// signatureIndex holds, per edition, the matcher of its signature labels.
func signatureIndex(set *templates.Set) map[model.Edition]*match.Index {
	return set.Memo(signatureKey{}, func() any {
		out := map[model.Edition]*match.Index{}
		for _, ed := range set.Editions() {
			var labels []match.Label
			for _, s := range set.Edition(ed).Signatures {
				labels = append(labels, match.New(s))
			}
			out[ed] = match.NewIndex(labels, nil)
		}
		return out
	}).(map[model.Edition]*match.Index)
}

// detectEdition counts edition-specific labels among the table tokens and
// picks the official edition with the most; then a variant of it whose
// own signature labels (the rows it adds) appear as data rows, with
// values, wins over it (the variant with the most such labels; ties go to
// the first by id).
func detectEdition(set *templates.Set, toks [][]token) (model.Edition, map[model.Edition][]string) {
	signals := map[model.Edition][]string{}
	seen := map[string]bool{}
	idx := signatureIndex(set)
	type edIndex struct {
		e  model.Edition
		ed *templates.Edition
		ix *match.Index
	}
	var eds []edIndex
	for _, e := range set.Editions() {
		eds = append(eds, edIndex{e, set.Edition(e), idx[e]})
	}
	for _, list := range toks {
		for i := range list {
			tk := &list[i]
			if !tk.isLabel {
				continue
			}
			for _, x := range eds {
				e, ed := x.e, x.ed
				ids, s := x.ix.FindLabel(tk.label)
				if s < match.Prefix {
					continue
				}
				if !ed.Official() {
					// A variant's row label counts where it heads values:
					// its base may have the same text as a group label.
					if vals := collectValues(list, i); len(vals) == 0 || allBlank(vals) {
						continue
					}
				}
				name := ed.Signatures[ids[0]]
				if !seen[string(e)+"\x00"+name] {
					seen[string(e)+"\x00"+name] = true
					signals[e] = append(signals[e], name)
				}
			}
		}
	}
	best, bestN, tie := model.EditionUnknown, 0, false
	for _, ed := range set.Official() {
		switch n := len(signals[ed.Edition]); {
		case n > bestN:
			best, bestN, tie = ed.Edition, n, false
		case n == bestN && n > 0:
			tie = true
		}
	}
	if bestN == 0 || tie {
		return model.EditionUnknown, signals
	}
	return pickVariant(set, best, signals), signals
}

// pickVariant returns the variant of ed with the most signals, or ed.
func pickVariant(set *templates.Set, ed model.Edition, signals map[model.Edition][]string) model.Edition {
	best, bestN := ed, 0
	for _, v := range set.Variants(ed) {
		if n := len(signals[v.Edition]); n > bestN {
			best, bestN = v.Edition, n
		}
	}
	return best
}

// guessEdition tries every official edition's deciding table (Guess in
// edition.json: table 三) when no edition-specific label was seen, and
// keeps the one that places more rows.
func guessEdition(set *templates.Set, tp []int, toks [][]token, r *model.Report) model.Edition {
	best, bestN := model.EditionUnknown, 0
	var by *templates.Table
	for _, ed := range set.Official() {
		for _, t := range set.Tables(ed.Edition) {
			if !t.Ref.Guess {
				continue
			}
			k := partIndex(tp, t.Ref.Part)
			in := append([]token{}, toks[k]...)
			if k != 0 {
				in = append(in, toks[0]...)
			}
			scratch := &model.Report{Cells: map[string]*model.Cell{}}
			tr := newTableReader(set, ed.Edition, t.ID, scratch)
			tr.readRows(in)
			if tr.found > bestN {
				best, bestN, by = ed.Edition, tr.found, t
			}
		}
	}
	if by != nil {
		best = pickVariant(set, best, r.Meta.EditionSignals)
		r.AddFinding(model.Finding{ID: "EDITION", Status: model.Uncertain,
			Message: fmt.Sprintf("表格中没有只属于某一版格式的标签，按%s的行结构判断为%s版", by.Ref.Name, best)})
	}
	return best
}

// readTables assigns the tokens of the table regions to field keys and
// marks every key of the edition that was not found.
func readTables(set *templates.Set, tp []int, r *model.Report, ed model.Edition, toks [][]token) {
	// When part headings were missing, tableRegions put every table token
	// in toks[0]; each table then looks through all of them.
	shared := true
	for k := 1; k < len(toks); k++ {
		shared = shared && len(toks[k]) == 0
	}
	if len(r.Cells) == 0 {
		// Every key of the edition ends up in the map.
		r.Cells = make(map[string]*model.Cell, len(set.Keys(ed)))
	}
	standIn := map[string]bool{}
	// Keys not of the edition get into Cells only before this read or
	// as stand-ins: with those counted, the size of Cells can tell that
	// every key of the edition is there.
	other := len(r.Cells)
	for _, t := range set.Tables(ed) {
		tr := newTableReader(set, ed, t.ID, r)
		in := toks[partIndex(tp, t.Ref.Part)]
		if shared {
			in = toks[0]
		}
		if t.ValueRow() {
			if shared {
				in = valueRowTokens(tr.tm, toks[0])
			}
			tr.readValueRow(in)
		} else {
			tr.readRows(in)
			if tr.found > 0 {
				n := len(r.Cells)
				for k := range readStandIns(set, r, ed, t, in) {
					standIn[k] = true
				}
				other += len(r.Cells) - n
			}
		}
		if tr.found == 0 {
			r.AddFinding(model.Finding{ID: "TABLE-MISSING", Status: model.Warning, Keys: t.Keys,
				Message: fmt.Sprintf("未找到表格“%s”的数据", t.Title)})
		}
	}
	tableEmpty(set, r, ed)
	if len(r.Cells)-other >= distinctKeys(set, ed) {
		// The tables filled every key (their keys are the edition's,
		// distinctKeys): none is missing.
		return
	}
	var missing []string
	for _, key := range set.Keys(ed) {
		if _, ok := r.Cells[key]; ok {
			continue
		}
		r.Cells[key] = &model.Cell{Key: key, Kind: model.KindMissing}
		if !standIn[key] {
			// A key replaced by a row in another edition's form
			// (standin.go) is missing too, but said by
			// READ-MIXED-EDITION, not READ-MISSING.
			missing = append(missing, key)
		}
	}
	if len(missing) > 0 && len(missing) < len(set.Keys(ed)) {
		r.AddFinding(model.Finding{ID: "READ-MISSING", Status: model.Warning, Keys: missing,
			Message: fmt.Sprintf("有 %d 个单元格在原文中没有找到：%s", len(missing), labelList(set, ed, missing, 6))})
	}
}

type distinctKeysKey model.Edition

// distinctKeys is the number of distinct keys of an edition, counted once
// per spec set.
func distinctKeys(set *templates.Set, ed model.Edition) int {
	return set.Memo(distinctKeysKey(ed), func() any {
		seen := map[string]bool{}
		for _, k := range set.Keys(ed) {
			seen[k] = true
		}
		return len(seen)
	}).(int)
}

// tableEmpty reports the tables that were found with every cell blank
// (an unfilled form, such as the official blank template): blank is not 0,
// so the checks have nothing to add up, and people should know why.
func tableEmpty(set *templates.Set, r *model.Report, ed model.Edition) {
	var titles, keys []string
	for _, t := range set.Tables(ed) {
		blank := len(t.Keys) > 0
		for _, k := range t.Keys {
			if c := r.Cells[k]; c == nil || c.Kind != model.KindBlank {
				blank = false
				break
			}
		}
		if blank {
			titles = append(titles, "“"+t.Title+"”")
			keys = append(keys, t.Keys...)
		}
	}
	if len(titles) == 0 {
		return
	}
	r.AddFinding(model.Finding{ID: "TABLE-EMPTY", Status: model.Warning, Keys: keys,
		Message: fmt.Sprintf("表格%s的单元格全部为空白（没有填写任何数字，空白不按 0 计），可能是未填写的空白表样", strings.Join(titles, "、"))})
}

// valueRowTokens returns the tokens from the first top-row header of a
// table without row labels (行政复议, 行政诉讼 of table 四) on.
func valueRowTokens(tm *tableMatcher, all []token) []token {
	for i, tk := range all {
		if tk.isLabel {
			if _, s := match.Best(*tk.label, tm.topHeaders); s >= match.Body {
				return all[i:]
			}
		}
	}
	return nil
}

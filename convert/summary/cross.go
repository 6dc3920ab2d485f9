package summary

import (
	"fmt"
	"math"
	"sort"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// CrossRow is one row of the 跨年 sheet.
type CrossRow struct {
	Agency   string
	PrevYear int
	Year     int
	PrevFile string
	File     string
	ID       string // X-CARRY, X-INFORCE.regulations, X-INFORCE.normative, or PAIR for unpaired reports
	Status   string // 通过 失败 存疑 未配对
	Message  string
}

// Cross runs X-CARRY and X-INFORCE for each agency's reports of consecutive
// years, and lists the reports that could not be paired and why.
func (s *Summary) Cross() ([]CrossRow, error) {
	var out []CrossRow
	err := s.eachCross(func(r CrossRow) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// eachCross calls fn with the rows of Cross one by one, agency by agency,
// so that they are never all held at once.
func (s *Summary) eachCross(fn func(CrossRow) error) error {
	read, _ := s.sorted()
	// Group by agency key (read is sorted by agency, year, file).
	for i := 0; i < len(read); {
		j := i
		for j < len(read) && s.entries[read[j]].agency == s.entries[read[i]].agency {
			j++
		}
		if err := s.crossAgency(read[i:j], fn); err != nil {
			return err
		}
		i = j
	}
	return nil
}

func (s *Summary) crossAgency(idx []int, fn func(CrossRow) error) error {
	agency := s.agencyKey(idx[0])
	byYear := map[int][]int{}
	var years []int
	for _, i := range idx {
		e := &s.entries[i]
		y := int(e.year)
		if y == 0 || agency == "" {
			why := "报告年度不详"
			if agency == "" {
				why = "机关名称不详"
			}
			if err := fn(CrossRow{Agency: agency, Year: y, File: s.fileName(i), ID: "PAIR", Status: "未配对", Message: why + "，无法与其他年度配对"}); err != nil {
				return err
			}
			continue
		}
		if len(byYear[y]) == 0 {
			years = append(years, y)
		}
		byYear[y] = append(byYear[y], i)
	}
	sort.Ints(years)
	paired := map[int]bool{}
	for _, y := range years {
		if len(byYear[y]) > 1 {
			for _, i := range byYear[y] {
				paired[i] = true // reported below, not as "no neighbour"
				if err := fn(CrossRow{Agency: agency, Year: y, File: s.fileName(i), ID: "PAIR", Status: "未配对",
					Message: fmt.Sprintf("同一机关%d年度有%d份报告，无法确定用哪一份配对", y, len(byYear[y]))}); err != nil {
					return err
				}
			}
		}
	}
	var ca, cb side
	for k := 1; k < len(years); k++ {
		y0, y1 := years[k-1], years[k]
		if y1 != y0+1 || len(byYear[y0]) != 1 || len(byYear[y1]) != 1 {
			continue
		}
		a, b := byYear[y0][0], byYear[y1][0]
		paired[a], paired[b] = true, true
		if err := s.sideOf(a, &ca); err != nil {
			return err
		}
		if err := s.sideOf(b, &cb); err != nil {
			return err
		}
		row := CrossRow{Agency: agency, PrevYear: y0, Year: y1, PrevFile: s.fileName(a), File: s.fileName(b)}
		for _, r := range pairChecks(s.set, row, carryOfSide(&ca), carryOfSide(&cb)) {
			if err := fn(r); err != nil {
				return err
			}
		}
	}
	for _, y := range years {
		for _, i := range byYear[y] {
			if !paired[i] {
				if err := fn(CrossRow{Agency: agency, Year: y, File: s.fileName(i), ID: "PAIR", Status: "未配对",
					Message: "没有同一机关相邻年度的报告"}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// carry holds the numbers the cross-year checks need: the values of the
// side keys (sideKeys) of a report of the edition.
type carry struct {
	edition string
	vals    []val
}

func (c carry) get(set *templates.Set, k string) Value {
	if i, ok := sideKeys(set).pos[k]; ok && i < len(c.vals) && c.vals[i].kind != valNone {
		return c.vals[i].value()
	}
	return Value{}
}

func carryOfSide(c *side) carry { return carry{edition: c.Edition, vals: c.vals} }

// carryOf takes from a record the numbers the cross-year checks need.
func carryOf(set *templates.Set, rec Record) carry {
	return carry{edition: rec.Edition, vals: carryVals(set, rec)}
}

// applies reports whether a cross rule can be checked on a report of the
// edition: unless the set knows the edition and it lacks one of the rule's
// keys (X-INFORCE on a 2019 report). A report without tables is compared
// all the same and gives 存疑: its numbers are missing, not equal.
func applies(set *templates.Set, cr templates.CrossRule, ed string) bool {
	e := model.Edition(ed)
	if !set.Has(e) {
		return true
	}
	for _, k := range []string{cr.Now, cr.Prev, cr.Plus, cr.Minus} {
		if k != "" && set.Key(e, k) == nil {
			return false
		}
	}
	return true
}

// pairChecks runs the set's cross-year rules (X-CARRY, X-INFORCE …, from
// the editions' edition.json) that apply to both reports of the pair (ca
// the earlier year, cb the later).
func pairChecks(set *templates.Set, row CrossRow, ca, cb carry) []CrossRow {
	var out []CrossRow
	y0, y1 := row.PrevYear, row.Year
	for _, cr := range set.CrossRules() {
		if !applies(set, cr, ca.edition) || !applies(set, cr, cb.edition) {
			continue
		}
		r := row
		r.ID = cr.ID
		if cr.Plus == "" && cr.Minus == "" {
			r.Status, r.Message = equal(cb.get(set, cr.Now), ca.get(set, cr.Prev),
				fmt.Sprintf("%d年%s", y1, cr.NowName), fmt.Sprintf("%d年%s", y0, cr.PrevName))
		} else {
			r.Status, r.Message = inForce(cb.get(set, cr.Now), ca.get(set, cr.Prev), cb.get(set, cr.Plus), cb.get(set, cr.Minus), cr.NowName, y0, y1)
		}
		out = append(out, r)
	}
	return out
}

// CrossPair runs the cross-year checks between two records as if prev were
// the year before cur, whatever their agencies and years say (compare),
// with the embedded specs.
func CrossPair(prev, cur Record) []CrossRow { return CrossPairWith(nil, prev, cur) }

// CrossPairWith is CrossPair with a spec set (nil: the embedded editions).
func CrossPairWith(set *templates.Set, prev, cur Record) []CrossRow {
	if set == nil {
		set = templates.Default()
	}
	row := CrossRow{Agency: cur.Agency, PrevYear: prev.Year, Year: cur.Year, PrevFile: prev.File, File: cur.File}
	return pairChecks(set, row, carryOf(set, prev), carryOf(set, cur))
}

func num(v Value) (float64, bool) {
	if v.N == nil {
		return 0, false
	}
	return *v.N, true
}

func show(v Value) string {
	if v.N != nil {
		return model.FormatNumber(*v.N)
	}
	if v.Text != "" {
		return "“" + v.Text + "”"
	}
	return "空"
}

// equal compares a = b for X-CARRY.
func equal(a, b Value, an, bn string) (string, string) {
	x, okA := num(a)
	y, okB := num(b)
	if !okA || !okB {
		return "存疑", fmt.Sprintf("%s（%s）与%s（%s）无法比较", an, show(a), bn, show(b))
	}
	if math.Abs(x-y) > 1e-9 {
		return "失败", fmt.Sprintf("%s %s ≠ %s %s", an, show(a), bn, show(b))
	}
	return "通过", fmt.Sprintf("%s %s = %s %s", an, show(a), bn, show(b))
}

// inForce checks in_force(N) = in_force(N−1) + issued(N) − repealed(N).
func inForce(now, prev, issued, repealed Value, label string, y0, y1 int) (string, string) {
	a, ok1 := num(now)
	b, ok2 := num(prev)
	c, ok3 := num(issued)
	d, ok4 := num(repealed)
	desc := fmt.Sprintf("%s现行有效件数：%d年 %s，%d年 %s + 制发 %s − 废止 %s", label, y1, show(now), y0, show(prev), show(issued), show(repealed))
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return "存疑", desc + "，无法判断"
	}
	if math.Abs(a-(b+c-d)) > 1e-9 {
		return "失败", fmt.Sprintf("%s（%s ≠ %s）", desc, model.FormatNumber(a), model.FormatNumber(b+c-d))
	}
	return "通过", desc
}

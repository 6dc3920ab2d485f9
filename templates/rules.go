package templates

import (
	"slices"
	"strings"

	"github.com/govreport/govreport/convert/model"
)

// Equation is one check of the form sum(Left) = sum(Right) over field keys,
// expanded from a Rule of an edition: the single definition that the
// check package evaluates, the xlsx template writes as live formulas, and
// the text reader uses to split glued digits.
type Equation struct {
	// ID is the check id, e.g. "T3-BALANCE.natural".
	ID string
	// Rule is the family the equation belongs to.
	Rule *Rule
	// Term is the column (Each "column") or row (Each "row") id.
	Term string
	// Name is the Chinese name of Term used in What.
	Name string
	// Left and Right are the keys on each side; Keys is Left then Right,
	// shared by every finding of the equation (do not modify).
	Left, Right, Keys []string
}

// What is the equation's Chinese description, e.g.
// "表三自然人列 本年新收+上年结转=办理结果总计+结转下年度".
func (q *Equation) What() string { return strings.ReplaceAll(q.Rule.What, "{name}", q.Name) }

type equationsKey model.Edition

// Equations returns the equation checks of an edition in rule order, each
// rule's equations in column or row order. It is built once per set and
// edition; the slice is shared.
func (s *Set) Equations(ed model.Edition) []*Equation {
	return s.Memo(equationsKey(ed), func() any { return s.buildEquations(ed) }).([]*Equation)
}

func (s *Set) buildEquations(ed model.Edition) []*Equation {
	e := s.editions[ed]
	if e == nil {
		return nil
	}
	var out []*Equation
	for i := range e.Rules {
		r := &e.Rules[i]
		t := s.Table(ed, r.Table)
		if t == nil {
			continue
		}
		// Terms are the columns (or rows) the rule is repeated for; the
		// items of Left and Right are rows (or columns).
		terms, items := t.ColumnIDs(), t.RowIDs()
		key := func(term, item string) string { return t.ID + "." + item + "." + term }
		if r.Each == "row" {
			terms, items = t.RowIDs(), t.ColumnIDs()
			key = func(term, item string) string { return t.ID + "." + term + "." + item }
		}
		expand := func(list []string) []string {
			var out []string
			for _, x := range list {
				if x != "*" {
					out = append(out, x)
					continue
				}
				for _, it := range items {
					if !contains(r.Except, it) {
						out = append(out, it)
					}
				}
			}
			return out
		}
		left, right := expand(r.Left), expand(r.Right)
	terms:
		for _, term := range terms {
			q := &Equation{ID: r.ID + "." + term, Rule: r, Term: term}
			for _, side := range []struct {
				items []string
				dst   *[]string
			}{{left, &q.Left}, {right, &q.Right}} {
				for _, it := range side.items {
					k := key(term, it)
					if t.byKey[k] == nil {
						// A variant row without this column: the rule does
						// not apply to it.
						continue terms
					}
					*side.dst = append(*side.dst, k)
				}
			}
			if len(q.Left) == 0 || len(q.Right) == 0 {
				continue // "*" left nothing to sum
			}
			q.Keys = append(append([]string{}, q.Left...), q.Right...)
			q.Name = r.Names[term]
			if q.Name == "" {
				if r.Each == "row" {
					q.Name = s.RowLabel(ed, q.Right[0])
				} else if cl := t.byKey[q.Left[0]].ColLabels; len(cl) > 0 {
					q.Name = cl[len(cl)-1]
				} else {
					q.Name = term
				}
			}
			out = append(out, q)
		}
	}
	return out
}

// RuleIDs lists the rule ids of every edition of the set (T3-BALANCE …),
// each once.
func (s *Set) RuleIDs() []string {
	var out []string
	for _, e := range s.order {
		for _, r := range e.Rules {
			if !contains(out, r.ID) {
				out = append(out, r.ID)
			}
		}
	}
	return out
}

// RowEquations returns the equations of an edition that hold within one
// data row of a table, given the row's keys left to right: what the
// values of a row must satisfy, for splitting digits glued together.
func (s *Set) RowEquations(ed model.Edition, keys []string) []*Equation {
	// A row has a few keys: looking through them is cheaper than a map.
	in := func(k string) bool { return slices.Contains(keys, k) }
	if len(keys) > 16 {
		set := make(map[string]bool, len(keys))
		for _, k := range keys {
			set[k] = true
		}
		in = func(k string) bool { return set[k] }
	}
	var out []*Equation
	for _, q := range s.Equations(ed) {
		all := true
		for _, k := range q.Keys {
			if !in(k) {
				all = false
				break
			}
		}
		if all {
			out = append(out, q)
		}
	}
	return out
}

// RowName returns the Chinese name a row rule of the table gives row (the
// blocks of table 四: 行政复议 …), or "".
func (s *Set) RowName(ed model.Edition, table, row string) string {
	e := s.editions[ed]
	if e == nil {
		return ""
	}
	for _, r := range e.Rules {
		if r.Table == table && r.Each == "row" && r.Names[row] != "" {
			return r.Names[row]
		}
	}
	return ""
}

// CrossRules lists the cross-year checks of every edition of the set, each
// id once, in the order the editions give them.
func (s *Set) CrossRules() []CrossRule {
	var out []CrossRule
	seen := map[string]bool{}
	for _, e := range s.order {
		for _, c := range e.Cross {
			if !seen[c.ID] {
				seen[c.ID] = true
				out = append(out, c)
			}
		}
	}
	return out
}

package outline

import (
	"fmt"
	"strings"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// Appendix lists, on a page of its own after the signature, what a reader
// of the document should verify: the checks that failed, one by one; the
// checks that could not be decided, folded per check family when there are
// many; and the writer's own observations.
type Appendix struct {
	Heading string
	Items   []Item
	// Empty is printed instead of the items when there are none.
	Empty string
}

// Item is one entry of the appendix: a status, the plain-Chinese text, and
// the check id printed small after it.
type Item struct {
	Status model.Status
	Label  string // 未通过, 无法确定, 注意
	Text   string
	ID     string // e.g. T3-BALANCE.natural, or T3-ROWSUM.* for a folded family
}

// AppendixHeading is the appendix's heading.
const AppendixHeading = "附：数据检查未通过或无法确定的项目"

// foldOver is the number of undecidable results of one check family above
// which they fold into one entry (as the check command prints them).
const foldOver = 3

var statusLabels = map[model.Status]string{model.Fail: "未通过", model.Uncertain: "无法确定", model.Warning: "注意"}

// familyNames say in plain Chinese what each equation family of the
// edition checks, from its rules' wording (edition.json "what"):
// 表三{name}列 本年新收+上年结转=… becomes 表三各列“本年新收+上年结转=…”.
func familyNames(set *templates.Set, ed model.Edition) map[string]string {
	e := set.Edition(ed)
	if e == nil {
		return nil
	}
	out := map[string]string{}
	for _, ru := range e.Rules {
		head, eq, ok := strings.Cut(ru.What, " ")
		if !ok {
			continue
		}
		each := "各栏"
		switch {
		case strings.Contains(head, "{name}列"):
			each = "各列"
		case strings.Contains(head, "“{name}”行"), strings.Contains(head, "{name}行"):
			each = "各行"
		}
		table, _, _ := strings.Cut(head, "{name}")
		table = strings.TrimSuffix(table, "“")
		out[ru.ID] = table + each + "“" + eq + "”"
	}
	return out
}

// Family returns the check family of a finding id: T3-ROWSUM.new → T3-ROWSUM.
func Family(id string) string {
	fam, _, _ := strings.Cut(id, ".")
	return fam
}

func appendix(findings []model.Finding, familyNames map[string]string) *Appendix {
	a := &Appendix{Heading: AppendixHeading}
	family := map[string]int{}
	passed := 0
	for _, f := range findings {
		switch f.Status {
		case model.Uncertain:
			family[Family(f.ID)]++
		case model.Pass:
			passed++
		}
	}
	for _, f := range findings {
		if f.Status == model.Fail {
			a.Items = append(a.Items, item(f))
		}
	}
	folded := map[string]bool{}
	for _, f := range findings {
		if f.Status != model.Uncertain {
			continue
		}
		fam := Family(f.ID)
		if family[fam] <= foldOver {
			a.Items = append(a.Items, item(f))
			continue
		}
		if folded[fam] {
			continue
		}
		folded[fam] = true
		what := familyNames[fam]
		if what == "" {
			what = "“" + fam + "”类检查"
		}
		a.Items = append(a.Items, Item{Status: model.Uncertain, Label: statusLabels[model.Uncertain], ID: fam + ".*",
			Text: fmt.Sprintf("%s：%d 项无法判断，相关单元格为空、“无”或存疑", what, family[fam])})
	}
	switch {
	case len(a.Items) > 0:
	case passed > 0:
		a.Empty = "所有检查均已通过。"
	default:
		a.Empty = "本报告没有可以检查的表格数据。"
	}
	return a
}

func item(f model.Finding) Item {
	label := statusLabels[f.Status]
	if label == "" {
		label = string(f.Status)
	}
	return Item{Status: f.Status, Label: label, Text: strings.TrimRight(OneLine(f.Message), "。"), ID: f.ID}
}

// With returns a copy of the appendix with a writer's own findings (a
// character no font has, text cut short) added at the end.
func (a *Appendix) With(extra []model.Finding) *Appendix {
	if a == nil {
		return nil
	}
	c := *a
	c.Items = append(append([]Item(nil), a.Items...), make([]Item, 0, len(extra))...)
	for _, f := range extra {
		c.Items = append(c.Items, item(f))
	}
	if len(c.Items) > 0 {
		c.Empty = ""
	}
	return &c
}

package outline

import (
	"fmt"
	"strings"

	"github.com/govreport/govreport/convert/model"
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

// familyNames say in plain Chinese what each equation family checks.
var familyNames = map[string]string{
	"T3-BALANCE": "表三各列“本年新收+上年结转=办理结果总计+结转下年度”",
	"T3-RESULTS": "表三各列“（七）总计=各项办理结果之和”",
	"T3-ROWSUM":  "表三各行“六类申请人之和=总计”",
	"T4-TOTAL":   "表四各栏“结果维持+结果纠正+其他结果+尚未审结=总计”",
}

// Family returns the check family of a finding id: T3-ROWSUM.new → T3-ROWSUM.
func Family(id string) string {
	fam, _, _ := strings.Cut(id, ".")
	return fam
}

func appendix(findings []model.Finding) *Appendix {
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

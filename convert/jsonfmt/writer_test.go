package jsonfmt

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

func TestContract(t *testing.T) {
	r := &model.Report{Cells: map[string]*model.Cell{}}
	r.Meta = model.Meta{Edition: model.Edition2019, Year: 2020, Agency: "某局<&>", Source: "a.txt"}
	for _, k := range templates.Default().Keys(model.Edition2019) {
		c := model.ParseValue("0")
		c.Key = k
		r.Cells[k] = &c
	}
	for k, raw := range map[string]string{"t2.licensing.prev": "无", "t2.licensing.change": "增81", "t3.new.natural": "", "t2.fees.prev": "38.47万元", "t2.procurement.amount": "=SUM(A1)"} {
		c := model.ParseValue(raw)
		c.Key = k
		r.Cells[k] = &c
	}
	r.Findings = []model.Finding{{ID: "T3-BALANCE.natural", Status: model.Fail, Keys: []string{"t3.new.natural"}, Message: "2 + 0 ≠ 0 + 0"}, {ID: "X", Status: model.Info}}
	var b bytes.Buffer
	if err := Write(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// Top-level key order is part of the contract.
	last := -1
	for _, k := range []string{`"edition"`, `"year"`, `"agency"`, `"title"`, `"published"`, `"parts"`, `"cells"`, `"findings"`} {
		i := strings.Index(out, k)
		if i <= last {
			t.Fatalf("key %s out of order", k)
		}
		last = i
	}
	// Cells follow fields.tsv order.
	last = -1
	for _, f := range templates.Default().Fields(model.Edition2019) {
		i := strings.Index(out, `"`+f.Key+`": {`)
		if i <= last {
			t.Fatalf("cell %s out of order", f.Key)
		}
		last = i
	}
	var doc struct {
		Edition string `json:"edition"`
		Year    *int   `json:"year"`
		Agency  string `json:"agency"`
		Parts   []any  `json:"parts"`
		Cells   map[string]struct {
			Value *float64 `json:"value"`
			Raw   string   `json:"raw"`
			Kind  string   `json:"kind"`
			Unit  string   `json:"unit"`
			Sign  string   `json:"sign"`
		} `json:"cells"`
		Findings []struct {
			ID, Status, Message string
			Keys                []string
		} `json:"findings"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Edition != "2019" || *doc.Year != 2020 || doc.Agency != "某局<&>" || len(doc.Parts) != 6 || len(doc.Cells) != 198 {
		t.Errorf("doc = %+v", doc)
	}
	if c := doc.Cells["t2.licensing.prev"]; c.Value != nil || c.Raw != "无" || c.Kind != "none" {
		t.Errorf("无 = %+v", c)
	}
	if c := doc.Cells["t3.new.natural"]; c.Value != nil || c.Raw != "" || c.Kind != "blank" {
		t.Errorf("blank = %+v", c)
	}
	if c := doc.Cells["t2.licensing.change"]; c.Value == nil || *c.Value != 81 || c.Sign != "增" {
		t.Errorf("增81 = %+v", c)
	}
	if c := doc.Cells["t2.fees.prev"]; *c.Value != 38.47 || c.Unit != "万元" {
		t.Errorf("38.47万元 = %+v", c)
	}
	if c := doc.Cells["t2.procurement.amount"]; c.Value != nil || c.Raw != "=SUM(A1)" || c.Kind != "text" {
		t.Errorf("formula-like text = %+v", c)
	}
	if len(doc.Findings) != 2 || doc.Findings[1].Keys == nil {
		t.Errorf("findings = %+v", doc.Findings)
	}
	// No year → null.
	r.Meta.Year = 0
	b.Reset()
	_ = Write(&b, r)
	if !strings.Contains(b.String(), `"year": null`) {
		t.Error("unknown year is not null")
	}
}

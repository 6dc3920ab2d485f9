package convert_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/check"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/xlsx"
	"github.com/govreport/govreport/templates"
)

// withdrawnCols are the seven value columns of table 三.
var withdrawnCols = []string{"natural", "commercial", "research", "social", "legal", "other_org", "total"}

// writeVariant writes into dir/2021-withdrawn a provincial variant of the
// 2021 edition whose table 三 has one more row under （六）其他处理:
// "4.申请人撤回申请" (keys t3.other_withdrawn.*), with its fields.tsv.
// The other tables are inherited from 2021.
func writeVariant(t *testing.T, dir string) string {
	t.Helper()
	base, err := os.ReadFile(filepath.Join("..", "templates", "specs", "2021", "t3.json"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(base)
	for _, r := range [][2]string{
		{`"edition": "2021"`, `"edition": "2021-withdrawn"`},
		{`{"text": "三、本年度办理结果", "role": "label", "rs": 22}`, `{"text": "三、本年度办理结果", "role": "label", "rs": 23}`},
		{`{"text": "（六）其他处理", "role": "label", "rs": 3}`, `{"text": "（六）其他处理", "role": "label", "rs": 4}`},
	} {
		if !strings.Contains(s, r[0]) {
			t.Fatalf("2021 t3.json has no %s", r[0])
		}
		s = strings.Replace(s, r[0], r[1], 1)
	}
	var row []string
	for _, c := range withdrawnCols {
		row = append(row, `{"key": "t3.other_withdrawn.`+c+`"}`)
	}
	anchor := `{"key": "t3.other_misc.total"}]`
	s = strings.Replace(s, anchor, anchor+",\n    [{\"text\": \"4.申请人撤回申请\", \"role\": \"label\"}, "+strings.Join(row, ", ")+"]", 1)
	fields := "key\tedition\ttable\tgroup\trow_label\tcolumn_label\n"
	colLabels := []string{"自然人", "法人或其他组织/商业企业", "法人或其他组织/科研机构", "法人或其他组织/社会公益组织", "法人或其他组织/法律服务机构", "法人或其他组织/其他", "总计"}
	for i, c := range withdrawnCols {
		fields += "t3.other_withdrawn." + c + "\t2021-withdrawn\t3\t（六）其他处理\t4.申请人撤回申请\t" + colLabels[i] + "\n"
	}
	edition := `{
  "edition": "2021-withdrawn",
  "extends": "2021",
  "notice": "2021版某省变体（表三增加“4.申请人撤回申请”）",
  "tables": [{"table": "t3", "file": "t3.json"}]
}
`
	vd := filepath.Join(dir, "2021-withdrawn")
	if err := os.MkdirAll(vd, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"edition.json": edition, "t3.json": s, "fields.tsv": fields} {
		if err := os.WriteFile(filepath.Join(vd, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return vd
}

// variantReport is seed 001 (a 2021 report) with the variant's extra row
// filled: 2 requests by natural persons withdrawn, and the totals it
// enters (一、本年新收 and （七）总计) raised by 2.
func variantReport(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "seeds", "001_1d4dd3ae0346d0fe.txt"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, r := range [][2]string{
		{"一、本年新收政府信息公开申请数量 |\n15 |\n0 |\n0 |\n0 |\n0 |\n0 |\n15 |\n", "一、本年新收政府信息公开申请数量 |\n17 |\n0 |\n0 |\n0 |\n0 |\n0 |\n17 |\n"},
		{"3.其他 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n||\n", "3.其他 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n||\n4.申请人撤回申请 |\n2 |\n0 |\n0 |\n0 |\n0 |\n0 |\n2 |\n||\n"},
		{"(七)总计 |\n15 |\n0 |\n0 |\n0 |\n0 |\n0 |\n15 |\n", "(七)总计 |\n17 |\n0 |\n0 |\n0 |\n0 |\n0 |\n17 |\n"},
	} {
		if !strings.Contains(s, r[0]) {
			t.Fatalf("seed 001 has no %q", r[0])
		}
		s = strings.Replace(s, r[0], r[1], 1)
	}
	return []byte(s)
}

func finding(r *model.Report, id string) model.Finding {
	for _, f := range r.Findings {
		if f.ID == id {
			return f
		}
	}
	return model.Finding{}
}

// TestSpecDirVariant loads a variant with one extra table-三 row from a
// folder, reads a report that has the row, and finds the extra cell in the
// model, the JSON and the xlsx; the checks sum it into （七）总计 because the
// T3-RESULTS rule of its base sums every result row ("*").
func TestSpecDirVariant(t *testing.T) {
	dir := t.TempDir()
	writeVariant(t, dir)
	set, err := templates.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	const ed = model.Edition("2021-withdrawn")
	if e := set.Edition(ed); e == nil || e.Base == nil || e.Base.Edition != model.Edition2021 || len(e.Own) != 7 {
		t.Fatalf("variant not loaded: %+v", e)
	}
	if got := set.Keys(ed); len(got) != len(set.Keys(model.Edition2021))+7 {
		t.Errorf("variant has %d keys", len(got))
	}
	src := variantReport(t)

	// Without the variant the row is unknown and （七）总计 does not add up.
	plain, err := convert.ReadBytes(src, convert.ReadOptions{Name: "variant.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if plain.Meta.Edition != model.Edition2021 || plain.Cells["t3.other_withdrawn.natural"] != nil {
		t.Fatalf("embedded specs: edition %s, extra cell %+v", plain.Meta.Edition, plain.Cells["t3.other_withdrawn.natural"])
	}
	if f := finding(plain, "T3-RESULTS.natural"); f.Status != model.Fail {
		t.Errorf("embedded specs: T3-RESULTS.natural %s %s, want a failure (the extra 2 is not summed)", f.Status, f.Message)
	}

	// With the variant: the model.
	rep, err := convert.ReadBytes(src, convert.ReadOptions{Name: "variant.txt", Specs: set})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Meta.Edition != ed {
		t.Fatalf("edition %s, want %s (signals %v)", rep.Meta.Edition, ed, rep.Meta.EditionSignals)
	}
	c := rep.Cells["t3.other_withdrawn.natural"]
	if c == nil || c.Kind != model.KindNumber || c.Value != 2 {
		t.Fatalf("extra cell = %+v", c)
	}
	if c := rep.Cells["t3.other_withdrawn.commercial"]; c == nil || c.Kind != model.KindNumber || c.Value != 0 {
		t.Errorf("extra cell commercial = %+v", c)
	}
	// The checks: （七）总计 = the result rows including the extra one.
	f := finding(rep, "T3-RESULTS.natural")
	if f.Status != model.Pass || !strings.Contains(f.Message, "17 = 17") {
		t.Errorf("T3-RESULTS.natural: %s %s", f.Status, f.Message)
	}
	hasKey := false
	for _, k := range f.Keys {
		hasKey = hasKey || k == "t3.other_withdrawn.natural"
	}
	if !hasKey {
		t.Errorf("T3-RESULTS.natural keys %v lack the extra row", f.Keys)
	}
	if f := finding(rep, "T3-ROWSUM.other_withdrawn"); f.Status != model.Pass || !strings.Contains(f.Message, "4.申请人撤回申请") {
		t.Errorf("T3-ROWSUM.other_withdrawn: %s %s", f.Status, f.Message)
	}
	if f := finding(rep, "T3-BALANCE.natural"); f.Status != model.Pass {
		t.Errorf("T3-BALANCE.natural: %s %s", f.Status, f.Message)
	}
	if rep.Failed() {
		t.Errorf("variant report has failed checks: %v", convert.Failed(rep))
	}

	// JSON.
	jf, _ := convert.Lookup("json")
	var buf bytes.Buffer
	if err := jf.Write(&buf, rep, convert.WriteOptions{Specs: set}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Edition string `json:"edition"`
		Cells   map[string]struct {
			Kind  string   `json:"kind"`
			Value *float64 `json:"value"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if jc := doc.Cells["t3.other_withdrawn.natural"]; doc.Edition != string(ed) || jc.Value == nil || *jc.Value != 2 {
		t.Errorf("JSON: edition %s, cell %+v", doc.Edition, jc)
	}
	// In the JSON the extra row follows 3.其他, as in the table.
	js := buf.String()
	if i, j := strings.Index(js, `"t3.other_misc.total"`), strings.Index(js, `"t3.other_withdrawn.natural"`); i < 0 || j < i || j > strings.Index(js, `"t3.total.natural"`) {
		t.Errorf("JSON cell order: other_misc.total at %d, other_withdrawn at %d", i, j)
	}

	// xlsx: the cell is written under its defined name and reads back.
	xf, _ := convert.Lookup("xlsx")
	buf.Reset()
	if err := xf.Write(&buf, rep, convert.WriteOptions{Specs: set}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("xl/workbook.xml")) {
		t.Fatal("not a workbook")
	}
	back, err := convert.ReadBytes(buf.Bytes(), convert.ReadOptions{Name: "variant.xlsx", Specs: set})
	if err != nil {
		t.Fatal(err)
	}
	if back.Meta.Edition != ed || back.Meta.Layout != "xlsx-names" {
		t.Errorf("xlsx reads back as edition %s, layout %s", back.Meta.Edition, back.Meta.Layout)
	}
	if c := back.Cells["t3.other_withdrawn.natural"]; c == nil || c.Value != 2 || !strings.HasPrefix(c.Ref, "表三!") {
		t.Errorf("xlsx extra cell = %+v", c)
	}
	if f := finding(back, "T3-RESULTS.natural"); f.Status != model.Pass {
		t.Errorf("xlsx T3-RESULTS.natural: %s %s", f.Status, f.Message)
	}
}

// TestSpecDirBrokenVariant: a variant whose fields.tsv lacks a key of its
// table, one that reuses an official key, and a damaged edition.json are
// refused with a message naming the file.
func TestSpecDirBrokenVariant(t *testing.T) {
	cases := []struct {
		name  string
		patch func(vd string)
		file  string
		want  string
	}{
		{"key without field row", func(vd string) {
			b, _ := os.ReadFile(filepath.Join(vd, "fields.tsv"))
			lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
			os.WriteFile(filepath.Join(vd, "fields.tsv"), []byte(strings.Join(lines[:len(lines)-1], "\n")+"\n"), 0o644)
		}, "fields.tsv", "t3.other_withdrawn.total"},
		{"official key", func(vd string) {
			b, _ := os.ReadFile(filepath.Join(vd, "fields.tsv"))
			os.WriteFile(filepath.Join(vd, "fields.tsv"), append(b, []byte("t3.granted.natural\t2021-withdrawn\t3\t\t（一）予以公开\t自然人\n")...), 0o644)
		}, "fields.tsv", "正式字段"},
		{"broken json", func(vd string) {
			os.WriteFile(filepath.Join(vd, "edition.json"), []byte(`{"edition": "2021-withdrawn", "extends": "2021",`), 0o644)
		}, "edition.json", "JSON"},
		{"unknown base", func(vd string) {
			os.WriteFile(filepath.Join(vd, "edition.json"), []byte(`{"edition": "2021-withdrawn", "extends": "2022", "tables": [{"table": "t3", "file": "t3.json"}]}`), 0o644)
		}, "edition.json", "2022"},
		{"missing table file", func(vd string) {
			os.Remove(filepath.Join(vd, "t3.json"))
		}, "t3.json", "无法读取"},
		{"bad sheet name", func(vd string) {
			os.WriteFile(filepath.Join(vd, "edition.json"), []byte(`{"edition": "2021-withdrawn", "extends": "2021", "tables": [{"table": "t3", "file": "t3.json", "name": "封面"}]}`), 0o644)
		}, "edition.json", "工作表名"},
		{"overlapping cells", func(vd string) {
			b, _ := os.ReadFile(filepath.Join(vd, "t3.json"))
			os.WriteFile(filepath.Join(vd, "t3.json"), []byte(strings.Replace(string(b), `"rs": 23`, `"rs": 24`, 1)), 0o644)
		}, "t3.json", "第"},
		{"bad rule", func(vd string) {
			os.WriteFile(filepath.Join(vd, "edition.json"), []byte(`{"edition": "2021-withdrawn", "extends": "2021", "tables": [{"table": "t3", "file": "t3.json"}],
				"rules": [{"id": "T3-EXTRA", "table": "t3", "each": "column", "left": ["other_withdrawn"], "right": ["nosuchrow"], "what": "x", "bad": "✗"}]}`), 0o644)
		}, "edition.json", "nosuchrow"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			vd := writeVariant(t, dir)
			tc.patch(vd)
			_, err := templates.LoadDir(dir)
			if err == nil {
				t.Fatal("broken variant loaded")
			}
			want := filepath.ToSlash(filepath.Join(vd, tc.file))
			if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to name %s and say %q", err, want, tc.want)
			}
		})
	}
}

// TestSpecDirMixedForm: the form real reports mix (2021 table 二 with the
// 2019 table 三 and its single （六）其他处理 row) is a variant that only
// names where its table 三 comes from; a report in that form reads as it,
// and a plain 2021 report still reads as 2021.
func TestSpecDirMixedForm(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "edition.json"), []byte(`{"edition": "2021-mixed", "extends": "2021",
  "notice": "2021版表二与2019版表三混用", "tables": [{"table": "t3", "from": "2019"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := templates.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("..", "testdata", "seeds", "001_1d4dd3ae0346d0fe.txt"))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := convert.ReadBytes(b, convert.ReadOptions{Name: "plain.txt", Specs: set})
	if err != nil || plain.Meta.Edition != model.Edition2021 {
		t.Fatalf("plain 2021 report with the variant loaded: %v, edition %v", err, plain.Meta.Edition)
	}
	s := string(b)
	i := strings.Index(s, "(六)其他处理 |\n1.")
	j := strings.Index(s, "(七)总计")
	if i < 0 || j < i {
		t.Fatal("seed 001 has no （六）其他处理 block")
	}
	s = s[:i] + "(六)其他处理 |\n1 |\n0 |\n0 |\n0 |\n0 |\n0 |\n1 |\n||\n" + s[j:]
	rep, err := convert.ReadBytes([]byte(s), convert.ReadOptions{Name: "mixed.txt", Specs: set})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Meta.Edition != "2021-mixed" {
		t.Fatalf("edition %s (signals %v)", rep.Meta.Edition, rep.Meta.EditionSignals)
	}
	if c := rep.Cells["t3.other.natural"]; c == nil || c.Value != 1 {
		t.Errorf("t3.other.natural = %+v", c)
	}
	if c := rep.Cells["t2.regulations.issued"]; c == nil || c.Kind == model.KindMissing {
		t.Errorf("2021 table 二 not read: %+v", c)
	}
	if rep.Cells["t3.other_misc.natural"] != nil {
		t.Error("2021 其他处理 rows in the mixed form")
	}
	// （七）总计 15 now lacks the 1 of （六）: the check says so.
	if f := finding(rep, "T3-RESULTS.natural"); f.Status != model.Fail {
		t.Errorf("T3-RESULTS.natural: %s %s", f.Status, f.Message)
	}
}

// TestSpecDirVariantXLSXLabels: a variant workbook whose defined names and
// hidden sheet are gone (rebuilt by other software) is still read as the
// variant, by its table labels.
func TestSpecDirVariantXLSXLabels(t *testing.T) {
	dir := t.TempDir()
	writeVariant(t, dir)
	set, err := templates.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := convert.ReadBytes(variantReport(t), convert.ReadOptions{Name: "variant.txt", Specs: set})
	if err != nil {
		t.Fatal(err)
	}
	xf, _ := convert.Lookup("xlsx")
	var buf bytes.Buffer
	if err := xf.Write(&buf, rep, convert.WriteOptions{Specs: set}); err != nil {
		t.Fatal(err)
	}
	stripped := stripNames(t, buf.Bytes())
	for _, tc := range []struct {
		set  *templates.Set
		want model.Edition
	}{{set, "2021-withdrawn"}, {nil, model.Edition2021}} {
		back, err := convert.ReadBytes(stripped, convert.ReadOptions{Name: "stripped.xlsx", Specs: tc.set})
		if err != nil {
			t.Fatal(err)
		}
		if back.Meta.Edition != tc.want || back.Meta.Layout != "xlsx-labels" {
			t.Errorf("stripped workbook reads as %s (%s), want %s", back.Meta.Edition, back.Meta.Layout, tc.want)
		}
		if tc.want == "2021-withdrawn" {
			if c := back.Cells["t3.other_withdrawn.natural"]; c == nil || c.Value != 2 {
				t.Errorf("extra cell by labels = %+v", c)
			}
		}
	}
	// A plain 2021 workbook stays 2021 with the variant loaded.
	plain, err := convert.ReadBytes(variantReport(t), convert.ReadOptions{Name: "plain.txt"})
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := xf.Write(&buf, plain, convert.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	back, err := convert.ReadBytes(stripNames(t, buf.Bytes()), convert.ReadOptions{Name: "plain.xlsx", Specs: set})
	if err != nil {
		t.Fatal(err)
	}
	if back.Meta.Edition != model.Edition2021 {
		t.Errorf("plain stripped workbook with the variant loaded reads as %s", back.Meta.Edition)
	}
}

// stripNames removes every defined name and the hidden metadata sheet from
// a workbook, as software that rebuilds workbooks does.
func stripNames(t *testing.T, b []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, dn := range f.GetDefinedName() {
		if err := f.DeleteDefinedName(&excelize.DefinedName{Name: dn.Name, Scope: dn.Scope}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.DeleteSheet("_govreport"); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// writeSubtotalVariant writes a variant of 2021 whose table 三 has a
// 法人或其他组织小计 column (t3.<row>.org_subtotal) and a rule of its own,
// T3-ORGSUM: the five kinds of organisation add up to the subtotal.
func writeSubtotalVariant(t *testing.T, dir string) {
	t.Helper()
	base, err := os.ReadFile(filepath.Join("..", "templates", "specs", "2021", "t3.json"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(base)
	for _, r := range [][2]string{
		{`"edition": "2021"`, `"edition": "2021-subtotal"`},
		{`"widths": [6, 8, 22, 7, 7, 7, 7, 7, 7, 7]`, `"widths": [6, 8, 22, 7, 7, 7, 7, 7, 7, 7, 7]`},
		{`{"text": "申请人情况", "role": "header", "cs": 7}`, `{"text": "申请人情况", "role": "header", "cs": 8}`},
		{`{"text": "法人或其他组织", "role": "header", "cs": 5}`, `{"text": "法人或其他组织", "role": "header", "cs": 6}`},
		{`{"text": "其他", "role": "header"}`, `{"text": "其他", "role": "header"}, {"text": "小计", "role": "header"}`},
	} {
		if !strings.Contains(s, r[0]) {
			t.Fatalf("2021 t3.json has no %s", r[0])
		}
		s = strings.Replace(s, r[0], r[1], 1)
	}
	fields0, err := os.ReadFile(filepath.Join("..", "templates", "specs", "2021", "fields.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	fields := "key\tedition\ttable\tgroup\trow_label\tcolumn_label\n"
	for _, line := range strings.Split(string(fields0), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 6 || !strings.HasPrefix(f[0], "t3.") || !strings.HasSuffix(f[0], ".natural") {
			continue
		}
		row := strings.TrimSuffix(f[0], ".natural")
		s = strings.Replace(s, `{"key": "`+row+`.other_org"}`, `{"key": "`+row+`.other_org"}, {"key": "`+row+`.org_subtotal"}`, 1)
		fields += row + ".org_subtotal\t2021-subtotal\t3\t" + f[3] + "\t" + f[4] + "\t法人或其他组织/小计\n"
	}
	edition := `{
  "edition": "2021-subtotal",
  "extends": "2021",
  "notice": "2021版某市变体（表三增加“法人或其他组织小计”列）",
  "signatures": ["小计"],
  "tables": [{"table": "t3", "file": "t3.json"}],
  "rules": [{"id": "T3-ORGSUM", "table": "t3", "each": "row",
    "left": ["commercial", "research", "social", "legal", "other_org"], "right": ["org_subtotal"],
    "what": "表三“{name}”行 法人或其他组织各项之和=小计", "bad": "✗ 不相等", "label": "小计校验"}]
}
`
	vd := filepath.Join(dir, "2021-subtotal")
	if err := os.MkdirAll(vd, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"edition.json": edition, "t3.json": s, "fields.tsv": fields} {
		if err := os.WriteFile(filepath.Join(vd, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSpecDirSubtotalColumn: a variant column enters the column rules of
// its base (T3-BALANCE, T3-RESULTS) by itself and its own rule
// (T3-ORGSUM) is checked by check and written as live formulas in its
// template.
func TestSpecDirSubtotalColumn(t *testing.T) {
	dir := t.TempDir()
	writeSubtotalVariant(t, dir)
	set, err := templates.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	const ed = model.Edition("2021-subtotal")
	ids := map[string]*templates.Equation{}
	for _, q := range set.Equations(ed) {
		ids[q.ID] = q
	}
	if q := ids["T3-ORGSUM.new"]; q == nil || len(q.Left) != 5 || q.Right[0] != "t3.new.org_subtotal" {
		t.Fatalf("T3-ORGSUM.new = %+v", q)
	}
	if q := ids["T3-BALANCE.org_subtotal"]; q == nil || q.Left[0] != "t3.new.org_subtotal" {
		t.Errorf("T3-BALANCE.org_subtotal = %+v", q)
	}
	if q := ids["T3-ROWSUM.new"]; q == nil || len(q.Left) != 6 {
		t.Errorf("T3-ROWSUM.new = %+v (the subtotal must not be summed with the six applicant columns)", q)
	}
	// A report of the variant: the subtotal of 一、本年新收 is wrong.
	r := &model.Report{Meta: model.Meta{Edition: ed}, Cells: map[string]*model.Cell{}}
	for _, k := range set.Keys(ed) {
		c := model.ParseValue("0")
		c.Key = k
		r.Cells[k] = &c
	}
	r.Cells["t3.new.commercial"].Value = 3
	r.Cells["t3.new.total"].Value = 3
	r.Cells["t3.total.commercial"].Value = 3
	r.Cells["t3.total.total"].Value = 3
	r.Cells["t3.granted.commercial"].Value = 3
	r.Cells["t3.granted.total"].Value = 3
	check.RunWith(r, check.Options{Specs: set})
	if f := finding(r, "T3-ORGSUM.new"); f.Status != model.Fail || !strings.Contains(f.Message, "法人或其他组织各项之和=小计") {
		t.Errorf("T3-ORGSUM.new: %s %s", f.Status, f.Message)
	}
	if f := finding(r, "T3-ROWSUM.new"); f.Status != model.Pass {
		t.Errorf("T3-ROWSUM.new: %s %s", f.Status, f.Message)
	}
	// The template carries the variant's live check next to the table.
	var buf bytes.Buffer
	if err := xlsx.WriteTemplate(&buf, xlsx.TemplateOptions{Edition: ed, Specs: set}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Name] = dn.RefersTo
	}
	for _, n := range []string{"check_t3_orgsum_new", "check_t3_balance_org_subtotal", "check_t3_rowsum_new", "t3_new_org_subtotal"} {
		if names[n] == "" {
			t.Errorf("template lacks the defined name %s", n)
		}
	}
	// T3-ROWSUM and T3-ORGSUM get a column each, right of the table.
	if a, b := names["check_t3_rowsum_new"], names["check_t3_orgsum_new"]; a == b || !strings.Contains(a, "$L$") || !strings.Contains(b, "$M$") {
		t.Errorf("row checks at %s and %s", a, b)
	}
}

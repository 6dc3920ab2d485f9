package templates

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/govreport/govreport/convert/model"
)

func TestDefaultLoads(t *testing.T) {
	s := Default()
	for ed, n := range map[model.Edition]int{model.Edition2019: 198, model.Edition2021: 200} {
		keys := s.Keys(ed)
		if len(keys) != n {
			t.Errorf("edition %s: %d keys, want %d", ed, len(keys), n)
		}
		if len(s.Fields(ed)) != n {
			t.Errorf("edition %s: %d fields, want %d", ed, len(s.Fields(ed)), n)
		}
	}
	t3 := s.Table(model.Edition2019, "t3")
	if len(t3.Data) != 23 || t3.Cols != 10 {
		t.Errorf("2019 t3: %d data rows, %d cols", len(t3.Data), t3.Cols)
	}
	if got := len(s.Table(model.Edition2021, "t3").Data); got != 25 {
		t.Errorf("2021 t3: %d data rows, want 25", got)
	}
	ki := s.Key(model.Edition2019, "t3.denied_state_secret.commercial")
	if want := []string{"三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"}; strings.Join(ki.RowLabels, "|") != strings.Join(want, "|") {
		t.Errorf("row labels = %q", ki.RowLabels)
	}
	if want := "申请人情况|法人或其他组织|商业企业"; strings.Join(ki.ColLabels, "|") != want {
		t.Errorf("col labels = %q", ki.ColLabels)
	}
	if ki := s.Key(model.Edition2021, "t4.suit_direct.pending"); strings.Join(ki.ColLabels, "|") != "行政诉讼|未经复议直接起诉|尚未审结" {
		t.Errorf("t4 col labels = %q", ki.ColLabels)
	}
	if ki := s.Key(model.Edition2021, "t2.fees.amount"); ki.Format != FormatAmount || ki.Banner != "第二十条第（八）项" || ki.Cell.ColSpan != 3 {
		t.Errorf("t2.fees.amount: %+v", ki)
	}
}

func specFS(t *testing.T, patch func(name, s string) string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, ed := range []string{"2019", "2021"} {
		for _, f := range []string{"edition.json", "fields.tsv", "t2.json", "t3.json", "t4.json"} {
			name := "specs/" + ed + "/" + f
			b, err := embedded.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			m[ed+"/"+f] = &fstest.MapFile{Data: []byte(patch(name, string(b)))}
		}
	}
	return m
}

func TestLoadRejectsBadSpecs(t *testing.T) {
	cases := []struct {
		name, file, old, new, want string
	}{
		{"duplicate key", "specs/2019/t4.json", `"t4.review.corrected"`, `"t4.review.upheld"`, "placed twice"},
		{"missing key", "specs/2021/t2.json", `{"key": "t2.fees.amount", "cs": 3, "format": "amount"}`, `{"role": "empty", "cs": 3}`, "t2.fees.amount"},
		{"unknown key", "specs/2021/t4.json", `"t4.review.total"`, `"t4.review.sum"`, "not in fields.tsv"},
		{"overlap", "specs/2019/t3.json", `"role": "header", "rs": 2}, {"text": "法人或其他组织"`, `"role": "header", "rs": 2, "cs": 2}, {"text": "法人或其他组织"`, "overflows"},
		{"wrong label", "specs/2019/t3.json", `"2.重复申请"`, `"2.重复"`, "not around the key"},
		{"uncovered", "specs/2019/t2.json", `[{"text": "第二十条第（一）项", "role": "banner", "cs": 4}]`, `[{"text": "第二十条第（一）项", "role": "banner", "cs": 3}]`, "not covered"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			hit := false
			fsys := specFS(t, func(name, s string) string {
				if name == tc.file {
					if !strings.Contains(s, tc.old) {
						t.Fatalf("patch %q not found in %s", tc.old, name)
					}
					hit = true
					return strings.Replace(s, tc.old, tc.new, 1)
				}
				return s
			})
			_, err := Load(Source{FS: fsys})
			if !hit || err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Load error = %v, want containing %q", err, tc.want)
			}
		})
	}
}

// TestMemoConcurrent: a set is shared by the workers of a batch; what is
// derived from it is built once and the same for every caller.
func TestMemoConcurrent(t *testing.T) {
	s, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	const n = 8
	got := make([][]*Equation, n)
	done := make(chan int)
	for i := 0; i < n; i++ {
		go func(i int) {
			got[i] = s.Equations(model.Edition2021)
			done <- i
		}(i)
	}
	for i := 0; i < n; i++ {
		<-done
	}
	for i := 1; i < n; i++ {
		if len(got[i]) == 0 || &got[i][0] != &got[0][0] {
			t.Fatalf("caller %d got a different slice of equations", i)
		}
	}
	// 7 T3-BALANCE + 7 T3-RESULTS + 25 T3-ROWSUM + 3 T4-TOTAL.
	if len(got[0]) != 42 {
		t.Errorf("%d equations for 2021, want 42", len(got[0]))
	}
}

// TestEditionData checks what edition.json says about the embedded
// editions: documents, years in force, tables by part, rules.
func TestEditionData(t *testing.T) {
	s := Default()
	e19, e21 := s.Edition(model.Edition2019), s.Edition(model.Edition2021)
	if e19.Document != "国办公开办函〔2019〕60号" || e19.From != 2019 || e19.To != 2020 || e21.Document != "国办公开办函〔2021〕30号" || e21.From != 2021 || e21.To != 0 {
		t.Errorf("editions: %+v %+v", e19.EditionSpec, e21.EditionSpec)
	}
	if got := s.Editions(); len(got) != 2 || got[0] != model.Edition2019 || got[1] != model.Edition2021 {
		t.Errorf("Editions() = %v", got)
	}
	if s.InForce(2020) != e19 || s.InForce(2024) != e21 || s.InForce(2018) != nil || s.Newest() != e21 {
		t.Error("InForce/Newest")
	}
	if tp := s.TableParts(); len(tp) != 3 || tp[0] != 2 || tp[2] != 4 {
		t.Errorf("TableParts = %v", tp)
	}
	for _, ed := range []*Edition{e19, e21} {
		for _, tb := range s.Tables(ed.Edition) {
			if tb.Ref.Name != map[string]string{"t2": "表二", "t3": "表三", "t4": "表四"}[tb.ID] {
				t.Errorf("%s %s named %q", ed.Edition, tb.ID, tb.Ref.Name)
			}
		}
		if !s.Table(ed.Edition, "t4").ValueRow() || s.Table(ed.Edition, "t3").ValueRow() {
			t.Errorf("%s: ValueRow", ed.Edition)
		}
	}
	// The result sum leaves out the four rows that are not results.
	for _, q := range s.Equations(model.Edition2019) {
		if q.ID == "T3-RESULTS.total" {
			if len(q.Right) != 19 || q.Right[len(q.Right)-1] != "t3.other.total" {
				t.Errorf("2019 T3-RESULTS.total sums %v", q.Right)
			}
		}
	}
	if ids := s.RuleIDs(); strings.Join(ids, ",") != "T3-BALANCE,T3-RESULTS,T3-ROWSUM,T4-TOTAL" {
		t.Errorf("RuleIDs = %v", ids)
	}
}

// TestValidEditionID compares the identifier check with the expression it
// replaced, on hand-picked and generated identifiers.
func TestValidEditionID(t *testing.T) {
	re := regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)
	ids := []string{"", "a", "0", "-", "_", "a-", "a_b", "-a", "_a", "A", "aB", "a b", "a\n", "gd-2021", "éa", "a\xff",
		strings.Repeat("a", 40), strings.Repeat("a", 41), strings.Repeat("z", 39) + "-", "a." + "b", "a/b"}
	alphabet := []byte("az09-_A.\n\xe4\xb8\x80 ")
	for n := 1; n <= 3; n++ {
		var gen func(prefix []byte)
		gen = func(prefix []byte) {
			if len(prefix) == n {
				ids = append(ids, string(prefix))
				return
			}
			for _, c := range alphabet {
				gen(append(prefix, c))
			}
		}
		gen(nil)
	}
	for _, id := range ids {
		if got, want := validEditionID(id), re.MatchString(id); got != want {
			t.Errorf("validEditionID(%q) = %v, the expression says %v", id, got, want)
		}
	}
}

// TestEmbeddedChecks runs on the embedded editions the checks Load leaves
// out for them (fields.tsv against the tables, the rules against the
// tables): they must pass, and they must be able to fail.
func TestEmbeddedChecks(t *testing.T) {
	s := Default()
	for _, e := range s.Official() {
		if err := s.checkFields(e.Edition, "fields.tsv"); err != nil {
			t.Errorf("%s: %v", e.Edition, err)
		}
		if err := s.checkSpec(e, "edition.json"); err != nil {
			t.Errorf("%s: %v", e.Edition, err)
		}
	}
	if len(s.Official()) < 2 {
		t.Fatalf("%d official editions", len(s.Official()))
	}
	// A copy with a rule naming a missing row, and a field moved to
	// another table, fails.
	e := *s.Official()[0]
	e.Rules = append([]Rule{{ID: "X", Table: "t3", Each: "column", Left: []string{"no_such_row"}, Right: []string{"*"}, What: "x", Bad: "x"}}, e.Rules...)
	if err := s.checkSpec(&e, "edition.json"); err == nil {
		t.Error("checkSpec passed a rule naming a missing row")
	}
	bad := &Set{keys: s.keys, fields: map[model.Edition][]Field{}}
	fs := append([]Field(nil), s.fields[e.Edition]...)
	fs[0].Table++
	bad.fields[e.Edition] = fs
	if err := bad.checkFields(e.Edition, "fields.tsv"); err == nil {
		t.Error("checkFields passed a field in the wrong table")
	}
}

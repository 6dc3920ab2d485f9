package templates

import (
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

package batch

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestReadMeta(t *testing.T) {
	csvText := "文件,机关,年度\nin/a.txt,某某市交通运输局,2023\nb.html, 某某县人民政府 ,2024年\nc.txt,,2022\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(csvText)
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]string{"utf8": csvText, "bom": "\ufeff" + csvText, "gbk": gbk, "crlf": strings.ReplaceAll(csvText, "\n", "\r\n")} {
		tb, err := ReadMeta(strings.NewReader(in), "meta.csv")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, tc := range []struct {
			in     Input
			agency string
			year   int
			ok     bool
		}{
			{Input{Path: "in/a.txt", Rel: "a.txt"}, "某某市交通运输局", 2023, true},
			{Input{Path: "./in/a.txt", Rel: "a.txt"}, "某某市交通运输局", 2023, true},
			{Input{Path: "reports/2024/b.html", Rel: "2024/b.html"}, "某某县人民政府", 2024, true},
			{Input{Path: "c.txt", Rel: "c.txt"}, "", 2022, true},
			{Input{Path: "d.txt", Rel: "d.txt"}, "", 0, false},
		} {
			row, ok := tb.Lookup(tc.in)
			if ok != tc.ok || row.Agency != tc.agency || row.Year != tc.year {
				t.Errorf("%s: Lookup(%s) = %+v, %v", name, tc.in.Path, row, ok)
			}
		}
		if un := tb.Unmatched([]Input{{Path: "in/a.txt"}, {Path: "c.txt"}}); len(un) != 1 || un[0].File != "b.html" || un[0].Line != 3 {
			t.Errorf("%s: Unmatched = %+v", name, un)
		}
	}
}

func TestReadMetaErrors(t *testing.T) {
	for in, want := range map[string]string{
		"":                               "没有任何数据行",
		"a.txt,某局,20x3\n":                "第1行：年度“20x3”不是四位年份",
		"a.txt,某局,2023\na.txt,某局,2024\n": "第2行：文件“a.txt”在第1行已经出现过",
		"a.txt,,\n":                      "既没有机关名称也没有年度",
		"a.txt,某局,2023,多余\n":             "有4列",
		"a.txt,\"某局,2023\n":              "CSV 格式错误",
		",某局,2023\n":                     "缺少文件名",
	} {
		_, err := ReadMeta(strings.NewReader(in), "meta.csv")
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "meta.csv") {
			t.Errorf("ReadMeta(%q) = %v, want %q", in, err, want)
		}
	}
}

// TestMetaSameBaseName: two rows with the same base name match only by path.
func TestMetaSameBaseName(t *testing.T) {
	tb, err := ReadMeta(strings.NewReader("x/a.txt,甲局,2023\ny/a.txt,乙局,2023\n"), "m.csv")
	if err != nil {
		t.Fatal(err)
	}
	if row, ok := tb.Lookup(Input{Path: "y/a.txt"}); !ok || row.Agency != "乙局" {
		t.Errorf("y/a.txt = %+v %v", row, ok)
	}
	if row, ok := tb.Lookup(Input{Path: "z/a.txt", Rel: "a.txt"}); ok {
		t.Errorf("z/a.txt matched %+v", row)
	}
}

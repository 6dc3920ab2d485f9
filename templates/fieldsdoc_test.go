package templates

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/fields.md from the embedded specs")

// fieldsDoc renders the field-key reference of every embedded edition.
func fieldsDoc() string {
	var b strings.Builder
	b.WriteString("# 字段键（field keys）\n\n")
	b.WriteString("每个表格单元格有一个稳定的键，JSON、Excel 模板的定义名称（`.` 换成 `_`）、汇总工作簿的列都用它。\n")
	b.WriteString("键的形式是 `t<表>.<行>.<列>`（表四为 `t4.<块>.<结果>`）。同一个键在两个版本中含义相同；只属于一个版本的键只出现在该版本。\n")
	b.WriteString("本文件由 `go test ./templates -update-docs` 从 `templates/` 中的表格描述生成，测试保证它与代码一致。\n")
	for _, ed := range Default().Editions() {
		fields := Default().Fields(ed)
		fmt.Fprintf(&b, "\n## %s 版（%d 个字段）\n\n| 键 | 表 | 分组 | 行 | 列 |\n|---|---|---|---|---|\n", ed, len(fields))
		for _, f := range fields {
			fmt.Fprintf(&b, "| `%s` | %d | %s | %s | %s |\n", f.Key, f.Table, f.Group, f.RowLabel, f.ColumnLabel)
		}
	}
	return b.String()
}

// TestFieldsDoc keeps docs/fields.md equal to what the specs say.
func TestFieldsDoc(t *testing.T) {
	const path = "../docs/fields.md"
	want := fieldsDoc()
	if *updateDocs {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s is out of date: run go test ./templates -update-docs", path)
	}
}

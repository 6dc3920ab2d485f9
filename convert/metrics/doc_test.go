package metrics_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/metrics"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/metrics.md from metrics.Defs")

// TestMetricsDoc keeps docs/metrics.md equal to the definitions in code.
func TestMetricsDoc(t *testing.T) {
	var b strings.Builder
	b.WriteString("# 派生指标\n\n")
	b.WriteString("govreport 从表三、表四算出下列指标，JSON（`metrics`）、报告工作簿和汇总工作簿的“指标”表、`compare` 都用这一份定义。\n")
	b.WriteString("本文件由 `go test ./convert/metrics -update-docs` 从代码生成。\n\n")
	b.WriteString("- 分母为 0 时为**不适用**（JSON 中 `value` 为 `null`，`status` 为 `not_applicable`），绝不写成 0% 或 100%。\n")
	b.WriteString("- 有输入格是空白、`无`、缺失或存疑时为**缺数据**（`no_data`，`missing` 列出这些格），不拿 0 代替。\n")
	b.WriteString("- 输入格参与了未通过的检查时，指标照算，但标出这些检查（`failed_checks`）：它建立在对不上的数上。\n")
	b.WriteString("- 分子分母是精确的整数和；`value` 是分数（0.55 即 55%）。\n\n")
	b.WriteString("| 编号 | 名称 | 公式 | 分子（字段键之和） | 分母 |\n|---|---|---|---|---|\n")
	for _, d := range metrics.Defs {
		den := strings.Join(d.Den, " + ")
		if len(d.Minus) > 0 {
			den = "(" + den + ") − (" + strings.Join(d.Minus, " + ") + ")"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", d.ID, d.Name, d.Formula, strings.Join(d.Num, " + "), den)
	}
	const path = "../../docs/metrics.md"
	if *updateDocs {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != b.String() {
		t.Errorf("%s is out of date: run go test ./convert/metrics -update-docs", path)
	}
}

package docx

import (
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/model"
)

func TestSubHead(t *testing.T) {
	tests := []struct {
		in, head, rest string
		ok             bool
	}{
		{"(一)积极主动作为,提升公开透明度", "(一)积极主动作为,提升公开透明度", "", true},
		{"（二）依申请公开方面", "（二）依申请公开方面", "", true},
		{"（十）其他。", "（十）其他。", "", true},
		{"（三）主动公开情况。本年度共公开信息100条。", "（三）主动公开情况。", "本年度共公开信息100条。", true},
		{"(四)平台建设：完成网站集约化。", "(四)平台建设：", "完成网站集约化。", true},
		{"（1）不是中文序号", "", "", false},
		{"一、总体情况", "", "", false},
		{"（一）" + strings.Repeat("没有句号也没有冒号的长段落", 5), "", "", false},
		{"（", "", "", false},
		{"（一", "", "", false},
	}
	for _, tt := range tests {
		head, rest, ok := model.SplitSubHead(tt.in)
		if head != tt.head || rest != tt.rest || ok != tt.ok {
			t.Errorf("subHead(%q) = %q, %q, %v; want %q, %q, %v", tt.in, head, rest, ok, tt.head, tt.rest, tt.ok)
		}
	}
}

func TestPublishDate(t *testing.T) {
	for in, want := range map[string]string{
		"2021-01-11": "2021年1月11日",
		"2022-12-31": "2022年12月31日",
		"":           "",
		"2021-13-01": "2021-13-01",
		"2021年1月":    "2021年1月",
		"2021-00-05": "2021-00-05",
	} {
		if got := model.ChineseDate(in); got != want {
			t.Errorf("ChineseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGridTwips(t *testing.T) {
	got := gridTwips([]float64{6, 8, 22, 7, 7, 7, 7, 7, 7, 7}, 8845)
	sum := 0
	for _, w := range got {
		sum += w
	}
	if sum != 8845 || got[2] != 2289 || got[0] != 624 {
		t.Errorf("gridTwips = %v (sum %d)", got, sum)
	}
	if textWidth != 8845 || indent2 != 632 || condense != -5 || linePitch != 579 {
		t.Errorf("text width %d twips, indent %d", textWidth, indent2)
	}
}

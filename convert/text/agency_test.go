package text

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
)

// agencyBody is a report body without any agency name in it, so that each
// case below decides the agency by what it puts around it.
const agencyBody = "一、总体情况\n%OPEN%\n二、主动公开政府信息情况\n略。\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n"

func TestAgencySources(t *testing.T) {
	cases := []struct {
		name, head, open, tail, file string
		agency, source               string
	}{
		{"title year first", "2023年某某市交通运输局政府信息公开工作年度报告\n", "", "", "", "某某市交通运输局", SourceTitle},
		{"title agency first", "某某县人民政府2023年度政府信息公开工作年度报告\n", "", "", "", "某某县人民政府", SourceTitle},
		{"title spaced", "2 0 2 4 年 上 海 市 科 委 政 府 信 息 公 开 工 作 年 度 报 告\n", "", "", "", "上海市科委", SourceTitle},
		{"title split over lines", "2024 年上海市科委政府信息公开工作\n年度报告\n", "", "", "", "上海市科委", SourceTitle},
		{"agency above a bare title", "            淮安市人民政府\n     2024 年政府信息公开工作年度报告\n", "", "", "", "淮安市人民政府", SourceTitle},
		{"traditional title", "2020年北城區街道辦事處政府信息公開工作年度報告\n", "", "", "", "北城区街道办事处", SourceTitle},
		{"crawler header", "标题: 2022年政府信息公开工作年度报告\n发布机构: 某某市生态环境局\n栏目: 年度报告\n", "", "", "", "某某市生态环境局", SourcePublisher},
		{"empty publisher header", "标题: 2022年政府信息公开工作年度报告\n发布机构:\n栏目: 政府信息公开年报\n", "", "", "", "", ""},
		{"signature on one line", "", "", "某某区审计局　　2024年1月18日\n", "", "某某区审计局", SourceSignature},
		{"signature doubled", "", "", "北城區街道辦事處街道辦事處\n2021年1月11日\n", "", "北城区街道办事处", SourceSignature},
		{"opening sentence", "", "2024年，平潭综合实验区坚持以习近平新时代中国特色社会主义思想为指导。", "", "", "平潭综合实验区", SourceOpening},
		{"opening sentence, 我区", "", "2024年，我区坚持以公开为常态。", "", "", "", ""},
		{"opening sentence, no subject", "", "2023年，在县委、县政府的坚强领导下，我局坚持公开为常态。", "", "", "", ""},
		{"title 人民政府信息公开", "2023年某某镇人民政府信息公开工作年度报告\n", "", "", "", "某某镇人民政府", SourceTitle},
		{"title in book brackets", "《某某市统计局2022年度政府信息公开工作年度报告》\n", "", "", "", "某某市统计局", SourceTitle},
		{"contact sentence", "", "如对本报告有疑问，请与某某市人民政府办公室联系。", "", "", "某某市人民政府", SourceContact},
		{"file name", "", "", "", "某某区水利局2023年政府信息公开工作年度报告.pdf", "某某区水利局", SourceFileName},
		{"pinyin noise", "", "", "北城區(qū)街道辦事處\n2021年1月11日\n", "", "北城区街道办事处", SourceSignature},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.head + strings.Replace(agencyBody, "%OPEN%", tc.open, 1) + tc.tail
			r, err := Read(strings.NewReader(in), input.Options{Name: tc.file})
			if err != nil {
				t.Fatal(err)
			}
			if r.Meta.Agency != tc.agency || r.Meta.AgencySource != tc.source {
				t.Errorf("agency %q from %q, want %q from %q (title %q)", r.Meta.Agency, r.Meta.AgencySource, tc.agency, tc.source, r.Meta.Title)
			}
			if tc.agency == "" && !hasFinding(r, "META-AGENCY", model.Warning) {
				t.Error("no META-AGENCY warning for a report without an agency")
			}
		})
	}
}

// TestAgencyDisagreement: sources naming different agencies give a
// finding listing them; an office of the same agency does not.
func TestAgencyDisagreement(t *testing.T) {
	in := "2023年某某市交通运输局政府信息公开工作年度报告\n" + strings.Replace(agencyBody, "%OPEN%", "2023年，某某市交通运输局坚持公开为常态。如有疑问，请与某某市交通运输局办公室联系。", 1) + "某某市公路事业发展中心\n2024年1月20日\n"
	r, err := read(t, in)
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Agency != "某某市交通运输局" || r.Meta.AgencySource != SourceTitle {
		t.Fatalf("agency %q from %q", r.Meta.Agency, r.Meta.AgencySource)
	}
	var msg string
	for _, f := range r.Findings {
		if f.ID == "META-AGENCY" {
			msg += f.Message
		}
	}
	if !strings.Contains(msg, "落款“某某市公路事业发展中心”") || strings.Contains(msg, "办公室") {
		t.Errorf("META-AGENCY = %q", msg)
	}
}

// TestOverrides: --agency and --year (input.Options) win over the text.
func TestOverrides(t *testing.T) {
	in := "2023年某某市交通运输局政府信息公开工作年度报告\n" + strings.Replace(agencyBody, "%OPEN%", "", 1)
	r, err := Read(strings.NewReader(in), input.Options{Name: "a.txt", Agency: " 某某市交通運輸局 ", Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Agency != "某某市交通运输局" || r.Meta.AgencySource != SourceOverride || r.Meta.Year != 2024 || r.Meta.YearSources[0].Source != SourceOverride {
		t.Errorf("meta = %q %q %d %+v", r.Meta.Agency, r.Meta.AgencySource, r.Meta.Year, r.Meta.YearSources)
	}
}

func TestNormAgency(t *testing.T) {
	for in, want := range map[string]string{
		"北城区北城区":        "北城区",
		"北城區街道辦事處街道辦事處": "北城区街道办事处",
		" 某某 市 人民政府 ":   "某某市人民政府",
		"“某某局”":         "某某局",
		"Beijing某某局":    "某某局",
		"我局":            "",
		"A":             "",
		"呼和浩特市赛罕区人民政府":  "呼和浩特市赛罕区人民政府",
		"某某市市场监督管理局":    "某某市市场监督管理局",
	} {
		if got := normAgency(in); got != want {
			t.Errorf("normAgency(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAgencyWindows: the compiled-by and contact sentences are found in
// the lines they can lie on as in all the lines joined, however they wrap.
func TestAgencyWindows(t *testing.T) {
	mk := func(texts ...string) []line {
		var ls []line
		for i, s := range texts {
			ls = append(ls, line{n: i + 1, text: s})
		}
		return ls
	}
	join := func(ls []line) string {
		var b []string
		for _, l := range ls {
			b = append(b, l.text)
		}
		return strings.Join(b, "\n")
	}
	blank := make([]string, 33)
	cases := [][]line{
		mk("本报告由淮安市人民政府办公室编制。"),
		mk("本报告由淮安市", "人民政府办公室负责编制。"),
		mk(append(append([]string{"由"}, blank[:29]...), "编制")...),
		mk(append(append([]string{"由甲", "乙", "丙", "丁", "戊", "由"}, blank[:29]...), "编制")...),
		mk(append(append([]string{"由a"}, blank[:32]...), "编制")...),
		mk(append(append([]string{"由"}, blank...), "编制")...),
		mk("由甲编制", "由乙丙编制"),
		mk("编制说明", "由甲乙丙编制"),
		mk("如有疑问，请与淮安市", "政府办公室联系。"),
		mk("联系电话", "请与某某局联系"),
		mk("请与某", "", "某局联系", "请与乙乙局联系"),
		mk("请与", "联系"),
		mk("x"),
	}
	for i, ls := range cases {
		j := join(ls)
		if got, want := compiledBy(ls), reCompiledBy().FindStringSubmatch(j); !slices.Equal(got, want) {
			t.Errorf("case %d: compiledBy = %q, want %q", i, got, want)
		}
		if got, want := contactSentence(ls), reContact().FindStringSubmatch(j); !slices.Equal(got, want) {
			t.Errorf("case %d: contactSentence = %q, want %q", i, got, want)
		}
	}
}

// TestSqueezedIs: squeezedIs(s, t) is squeeze(s) == t, on texts of blanks,
// letters, Han characters and invalid bytes against their own squeezed
// forms, shorter and longer ones.
func TestSqueezedIs(t *testing.T) {
	pieces := []string{" ", "\t", "\u3000", "\u00a0", "a", "1", "报", "告", "\xff", "\xe3\x80", "\xc2"}
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 50000; i++ {
		var b strings.Builder
		for k := rng.IntN(8); k > 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		sq := squeeze(s)
		for _, u := range []string{sq, "", sq + "报", strings.TrimSuffix(sq, "a"), s} {
			if got, want := squeezedIs(s, u), sq == u; got != want {
				t.Fatalf("squeezedIs(%q, %q) = %v, want %v", s, u, got, want)
			}
		}
	}
}

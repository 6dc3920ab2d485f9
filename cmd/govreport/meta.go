package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/batch"
	"github.com/govreport/govreport/templates"
)

// metaOptions are the metadata overrides shared by convert, check and
// summary: --agency and --year for a single input, --meta FILE for batches.
type metaOptions struct {
	agency string
	year   int
	file   string
}

func addMetaFlags(fs *pflag.FlagSet) *metaOptions {
	m := &metaOptions{}
	fs.StringVar(&m.agency, "agency", "", "机关名称，代替从报告中读到的（仅用于单个输入）")
	fs.IntVar(&m.year, "year", 0, "报告年度，代替从报告中读到的（仅用于单个输入）")
	fs.StringVar(&m.file, "meta", "", "元数据表（CSV：文件,机关名称,年度；UTF-8 或 GBK），为多个输入分别指定机关名称和年度")
	return m
}

// readOptions checks the overrides against the inputs and returns the read
// options of each input. Unmatched rows of the metadata file are reported
// on standard error; they are not an error.
func (m *metaOptions) readOptions(e *env, inputs []batch.Input, specs *templates.Set) (func(batch.Input) convert.ReadOptions, error) {
	agency := strings.TrimSpace(m.agency)
	if m.year != 0 && (m.year < 1990 || m.year > 2100) {
		return nil, &usageError{fmt.Sprintf("--year 应为四位年份，而不是 %d", m.year)}
	}
	if len([]rune(agency)) > 100 {
		return nil, &usageError{"--agency 过长（超过 100 个字）"}
	}
	if (agency != "" || m.year != 0) && m.file != "" {
		return nil, &usageError{"--agency/--year 与 --meta 不能同时使用"}
	}
	if agency != "" || m.year != 0 {
		if len(inputs) != 1 {
			return nil, &usageError{fmt.Sprintf("--agency 和 --year 只能用于单个输入（现有 %d 个）；多个输入请用 --meta 元数据表", len(inputs))}
		}
		return func(in batch.Input) convert.ReadOptions {
			return convert.ReadOptions{Agency: agency, Year: m.year, Specs: specs}
		}, nil
	}
	if m.file == "" {
		return func(batch.Input) convert.ReadOptions { return convert.ReadOptions{Specs: specs} }, nil
	}
	f, err := convert.OpenRegular(m.file)
	if err != nil {
		return nil, &usageError{"--meta " + err.Error()}
	}
	defer f.Close()
	tb, err := batch.ReadMeta(f, m.file)
	if err != nil {
		return nil, &usageError{"--meta " + err.Error()}
	}
	for _, row := range tb.Unmatched(inputs) {
		fmt.Fprintf(e.stderr, "govreport：%s 第%d行：文件“%s”不在输入中，未使用\n", m.file, row.Line, row.File)
	}
	return func(in batch.Input) convert.ReadOptions {
		row, _ := tb.Lookup(in)
		return convert.ReadOptions{Agency: row.Agency, Year: row.Year, Specs: specs}
	}, nil
}

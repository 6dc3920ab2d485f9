package convert

// This file wires the output writers into the registry: one entry per
// format. A new output format touches its package, one entry here, its
// goldens and one CLI case.

import (
	"io"

	"github.com/govreport/govreport/convert/docx"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/pdf"
	"github.com/govreport/govreport/convert/xlsx"
)

func init() {
	// Writers register here, one line each, e.g.
	//   Register(Format{Name: "xlsx", Ext: ".xlsx", Help: "…", Write: writeXLSX})
	Register(Format{Name: "docx", Ext: ".docx", Help: "Word 文档：按公文格式排版的标题、正文和表二至表四（合并单元格与官方表格一致），可在 Word、WPS 中修改后发布", Write: func(w io.Writer, r *model.Report, o WriteOptions) error {
		r = fitText(r, "Word", o.OnFinding)
		return docx.Write(w, r, docx.Options{Time: o.Time, WithFindings: o.WithFindings, KeepScript: o.KeepScript, Specs: o.Specs, OnFinding: o.OnFinding})
	}})
	Register(Format{Name: "xlsx", Ext: ".xlsx", Help: "Excel 工作簿：封面、正文、与官方格式一致的表二至表四（可直接打印归档）和带单元格链接的校验结果；可由 govreport 读回", Write: func(w io.Writer, r *model.Report, o WriteOptions) error {
		r = fitText(r, "xlsx", o.OnFinding)
		return xlsx.Write(w, r, xlsx.Options{Time: o.Time, Specs: o.Specs})
	}})
	Register(Format{Name: "pdf", Ext: ".pdf", Help: "PDF：A4 公文格式（仿宋正文、黑体/楷体标题、小标宋标题、页码），表二至表四按官方格式画出，字体嵌入，可直接发布或打印", Write: func(w io.Writer, r *model.Report, o WriteOptions) error {
		r = fitText(r, "PDF", o.OnFinding)
		return pdf.Write(w, r, pdf.Options{Time: o.Time, WithFindings: o.WithFindings, KeepScript: o.KeepScript, Specs: o.Specs, Fonts: o.Fonts, OnFinding: o.OnFinding})
	}})
}

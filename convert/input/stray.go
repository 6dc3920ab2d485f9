package input

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/textenc"
)

// maxStrayFindings bounds the findings about stray bytes; the last one
// counts the rest.
const maxStrayFindings = 5

// StrayFindings reports the runs of bytes of a UTF-8 input that were not
// UTF-8 (textenc.Strays): each with its byte offset and line, and what it
// was read as. It returns nil for inputs without such runs.
func StrayFindings(b []byte, enc textenc.Encoding) []model.Finding {
	if enc != textenc.UTF8 && enc != textenc.UTF8BOM {
		return nil
	}
	strays := textenc.Strays(b)
	var out []model.Finding
	for k, st := range strays {
		if k == maxStrayFindings {
			out = append(out, model.Finding{ID: "READ-ENCODING", Status: model.Warning,
				Message: fmt.Sprintf("另有 %d 处字节不是UTF-8编码，已同样处理", len(strays)-k)})
			break
		}
		line := bytes.Count(b[:st.Offset], []byte("\n")) + 1
		hex := make([]string, 0, len(st.Bytes))
		for i, c := range st.Bytes {
			if i == 8 {
				hex = append(hex, "…")
				break
			}
			hex = append(hex, fmt.Sprintf("%02X", c))
		}
		f := model.Finding{ID: "READ-ENCODING", Status: model.Warning, Line: line}
		if st.As != "" {
			f.Message = fmt.Sprintf("第%d行（第%d字节起）有%d个字节（%s）不是UTF-8编码，按GBK读作“%s”，请核对",
				line, st.Offset+1, len(st.Bytes), strings.Join(hex, " "), st.As)
		} else {
			f.Message = fmt.Sprintf("第%d行（第%d字节起）有%d个字节（%s）不是UTF-8编码，无法识别，已替换为“\uFFFD”",
				line, st.Offset+1, len(st.Bytes), strings.Join(hex, " "))
		}
		out = append(out, f)
	}
	return out
}

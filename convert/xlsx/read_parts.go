package xlsx

// Reader: the six parts' text.

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/govreport/govreport/convert/model"
)

func (rd *reader) readParts() {
	byName := false
	for i := 0; i <= 6; i++ {
		target, ok := rd.names[PartName(i)]
		if !ok {
			continue
		}
		sheet, from, to, ok := parseRef(target)
		if !ok || !rd.sheet[sheet] {
			continue
		}
		byName = true
		r0, c0, _ := coords(from)
		r1, _, _ := coords(to)
		if r1-r0 > 5000 {
			r1 = r0 + 5000
		}
		var b strings.Builder
		for r := r0; r <= r1; r++ {
			v, _ := rd.text(sheet, cellName(r, c0))
			tag := ""
			if c0 > 0 {
				tag, _ = rd.text(sheet, cellName(r, c0-1))
			}
			if r > r0 && tag != "c" {
				b.WriteByte('\n')
			}
			b.WriteString(v)
		}
		text := b.String()
		heading := ""
		if r0 > 0 {
			heading, _ = rd.text(sheet, cellName(r0-1, c0))
		}
		rd.setPart(i, heading, text)
	}
	if !byName {
		rd.partsByLabels()
	}
}

// setPart stores part i (0: the text before part 一). The heading as
// written comes from the hidden metadata when the workbook has it;
// otherwise a part with no text counts as absent.
func (rd *reader) setPart(i int, heading, text string) {
	// Line breaks typed in a cell on Windows may come back as CR LF.
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if i == 0 {
		rd.rep.Preamble = text
		return
	}
	h, ok := rd.meta[fmt.Sprintf("heading:%d", i)]
	switch {
	case ok:
		heading = h
	case strings.TrimSpace(text) == "":
		heading = ""
	case heading == "":
		heading = model.PartTitles[i-1]
	}
	rd.rep.Parts[i-1] = model.Part{Heading: heading, Text: text}
}

// partsByLabels reads the text sheet without names: rows tagged h0…h6, p
// and c by the writer, or else headings recognised by their text.
func (rd *reader) partsByLabels() {
	sheet := ""
	if rd.sheet[SheetText] {
		sheet = SheetText
	}
	if sheet == "" {
		return
	}
	g := rd.grid(sheet)
	cur := -1
	var heading string
	var paras []string
	var tags []string
	flush := func() {
		if cur < 0 {
			return
		}
		var b strings.Builder
		for j, p := range paras {
			if j > 0 && tags[j] != "c" {
				b.WriteByte('\n')
			}
			b.WriteString(p)
		}
		rd.setPart(cur, heading, b.String())
	}
	for r, row := range g.cells {
		tag, text := "", ""
		for c, v := range row {
			if v == "" {
				continue
			}
			if c == 0 && isTag(v) {
				tag = v
				continue
			}
			text = v
			break
		}
		i := -1
		if strings.HasPrefix(tag, "h") {
			i, _ = strconv.Atoi(tag[1:])
		} else if tag == "" {
			i = partHeading(text)
		}
		if i >= 0 && i <= 6 {
			flush()
			cur, heading, paras, tags = i, text, nil, nil
			continue
		}
		if cur < 0 || (tag == "" && text == "" && r > 0 && len(paras) == 0) {
			continue
		}
		paras = append(paras, text)
		tags = append(tags, tag)
	}
	flush()
}

func isTag(s string) bool {
	if s == "p" || s == "c" {
		return true
	}
	if len(s) == 2 && s[0] == 'h' && s[1] >= '0' && s[1] <= '6' {
		return true
	}
	return false
}

var cnOrdinals = []string{"一", "二", "三", "四", "五", "六"}

// partHeading recognises a part heading by its ordinal and a known title.
func partHeading(s string) int {
	s = model.CleanText(s)
	if s == "" || len([]rune(s)) > 40 {
		return -1
	}
	for i, title := range model.PartTitles {
		if coreOf(s) == coreOf(title) {
			return i + 1
		}
		if strings.HasPrefix(s, cnOrdinals[i]+"、") || strings.HasPrefix(s, cnOrdinals[i]+"．") || strings.HasPrefix(s, cnOrdinals[i]+".") {
			return i + 1
		}
	}
	return -1
}

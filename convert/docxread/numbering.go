package docxread

import (
	"strconv"
	"strings"
)

// Automatic numbering (numbering.xml). Reports written in Word often number
// their headings and row labels automatically: the "一、" of 一、总体情况 or
// the "（三）" of （三）不予公开 is then not in the paragraph's text but in
// the list level it uses. The reader puts the number in front of the text,
// as Word shows it, so that labels match as in any other input.

// maxLevels is the number of list levels WordprocessingML defines.
const maxLevels = 9

// maxLevelText bounds a level's text in bytes.
const maxLevelText = 64

// level is one list level of an abstract numbering definition.
type level struct {
	start  int
	format string // w:numFmt
	text   string // w:lvlText, with %1…%9 for the levels' numbers
	suffix string // after the number: "tab" (default), "space", "nothing"
	legal  bool   // w:isLgl: every level's number in decimal
	style  string // w:pStyle: the paragraph style linked to this level
}

// numInstance is a w:num: an abstract definition and level overrides.
type numInstance struct {
	abstract string
	starts   map[int]int    // w:lvlOverride/w:startOverride
	levels   map[int]*level // w:lvlOverride/w:lvl
}

// numbering holds the definitions and the running counters.
type numbering struct {
	abstract map[string]*[maxLevels]*level
	nums     map[string]*numInstance
	// counters per abstract definition: Word continues a list across the
	// w:num instances that share it, unless an instance restarts a level.
	counters map[string]*[maxLevels]int
	used     map[string]bool // instances whose start overrides were applied
}

// parseNumbering reads numbering.xml.
func parseNumbering(data []byte) (*numbering, error) {
	n := &numbering{abstract: map[string]*[maxLevels]*level{}, nums: map[string]*numInstance{},
		counters: map[string]*[maxLevels]int{}, used: map[string]bool{}}
	sc := newScanner(data)
	var (
		abs      *[maxLevels]*level
		inst     *numInstance
		lvl      *level
		override = -1 // ilvl of the w:lvlOverride being read
		depth    int
	)
	for {
		k, err := sc.next()
		if err != nil {
			return n, err
		}
		switch k {
		case tokEOF:
			return n, nil
		case tokEnd:
			t := sc.elem
			switch {
			case t.is("abstractNum") && depth == 2:
				abs = nil
			case t.is("num") && depth == 2:
				inst = nil
			case t.is("lvl"):
				lvl = nil
			case t.is("lvlOverride"):
				override = -1
			}
			depth--
		case tokStart:
			depth++
			t := sc.elem
			if !t.isW() {
				continue
			}
			switch t.local {
			case "abstractNum":
				if depth == 2 {
					abs = &[maxLevels]*level{}
					n.abstract[t.attr("abstractNumId")] = abs
				}
			case "num":
				if depth == 2 {
					inst = &numInstance{starts: map[int]int{}, levels: map[int]*level{}}
					n.nums[t.attr("numId")] = inst
				}
			case "abstractNumId":
				if inst != nil {
					inst.abstract = t.attr("val")
				}
			case "lvlOverride":
				if inst != nil {
					override = levelIndex(t.attr("ilvl"))
				}
			case "startOverride":
				if inst != nil && override >= 0 {
					inst.starts[override] = atoi(t.attr("val"))
				}
			case "lvl":
				i := levelIndex(t.attr("ilvl"))
				if i < 0 {
					continue
				}
				lvl = &level{start: 0, format: "decimal", suffix: "tab"}
				switch {
				case abs != nil:
					abs[i] = lvl
				case inst != nil && override >= 0:
					inst.levels[override] = lvl
				default:
					lvl = nil
				}
			case "start":
				if lvl != nil {
					lvl.start = atoi(t.attr("val"))
				}
			case "numFmt":
				if lvl != nil {
					lvl.format = t.attr("val")
				}
			case "lvlText":
				if lvl != nil {
					// Every numbered paragraph repeats the level text, so a
					// long one would multiply the document; real ones are a
					// few characters ("%1、", "第%1条").
					if v := t.attr("val"); len(v) <= maxLevelText {
						lvl.text = v
					}
				}
			case "suff":
				if lvl != nil {
					lvl.suffix = t.attr("val")
				}
			case "isLgl":
				if lvl != nil {
					lvl.legal = t.onOff()
				}
			case "pStyle":
				if lvl != nil {
					lvl.style = t.attr("val")
				}
			}
		}
	}
}

func levelIndex(s string) int {
	i, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || i < 0 || i >= maxLevels {
		if s == "" {
			return 0
		}
		return -1
	}
	return i
}

func atoi(s string) int {
	i, _ := strconv.Atoi(strings.TrimSpace(s))
	return max(min(i, 1<<20), -1<<20)
}

// levelOf returns the level definition of instance num at ilvl.
func (n *numbering) levelOf(num *numInstance, ilvl int) *level {
	if l := num.levels[ilvl]; l != nil {
		return l
	}
	if abs := n.abstract[num.abstract]; abs != nil {
		return abs[ilvl]
	}
	return nil
}

// styleLevel returns the level of instance numID that links paragraph
// style id (w:lvl/w:pStyle), or -1.
func (n *numbering) styleLevel(numID, id string) int {
	if n == nil || id == "" {
		return -1
	}
	num := n.nums[numID]
	if num == nil {
		return -1
	}
	for i := 0; i < maxLevels; i++ {
		if l := n.levelOf(num, i); l != nil && l.style == id {
			return i
		}
	}
	return -1
}

// label advances the counter of list numID at level ilvl and returns the
// number as Word shows it ("一、", "（三）", "1.2 "), "" for bullets, for
// a removed number (numId 0) and for unknown lists.
func (n *numbering) label(numID string, ilvl int) string {
	if n == nil || numID == "" || numID == "0" || ilvl < 0 || ilvl >= maxLevels {
		return ""
	}
	num := n.nums[numID]
	if num == nil {
		return ""
	}
	lv := n.levelOf(num, ilvl)
	if lv == nil {
		return ""
	}
	c := n.counters[num.abstract]
	if c == nil {
		c = &[maxLevels]int{}
		for i := range c {
			c[i] = -1 // not started
		}
		n.counters[num.abstract] = c
	}
	if !n.used[numID] {
		n.used[numID] = true
		for i, s := range num.starts {
			if i >= 0 && i < maxLevels {
				c[i] = s - 1
			}
		}
	}
	if c[ilvl] < 0 {
		c[ilvl] = lv.start
	} else {
		c[ilvl]++
	}
	for i := ilvl + 1; i < maxLevels; i++ {
		c[i] = -1
	}
	if lv.format == "bullet" || lv.format == "none" {
		return ""
	}
	var b strings.Builder
	text := lv.text
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			j := int(text[i+1] - '1')
			v := c[j]
			if v < 0 {
				// A higher level not used yet counts from its start.
				if l := n.levelOf(num, j); l != nil {
					v = l.start
				}
			}
			format := "decimal"
			if l := n.levelOf(num, j); l != nil && !lv.legal {
				format = l.format
			}
			b.WriteString(formatNumber(v, format))
			i++
			continue
		}
		b.WriteByte(text[i])
	}
	if b.Len() == 0 {
		return ""
	}
	switch lv.suffix {
	case "nothing":
	default:
		// A tab or a space after the number; one space is what label
		// matching needs.
		b.WriteByte(' ')
	}
	return b.String()
}

var (
	cnDigits   = []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	heavenly   = []rune("甲乙丙丁戊己庚辛壬癸")
	earthly    = []rune("子丑寅卯辰巳午未申酉戌亥")
	circled    = []rune("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
	parenthes  = []rune("⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇")
	fullstops  = []rune("⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛")
	romanPairs = []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}}
)

// maxLetters bounds the letters of a letter-format number (Word writes 27
// as AA, 53 as AAA, …); larger numbers are written in digits.
const maxLetters = 10

// formatNumber writes v in a w:numFmt.
func formatNumber(v int, format string) string {
	if v < 0 {
		v = 0
	}
	switch format {
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "chineseLegalSimplified":
		return chineseNumber(v)
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		var b strings.Builder
		for _, d := range strconv.Itoa(v) {
			b.WriteString(cnDigits[d-'0'])
		}
		return b.String()
	case "ideographTraditional":
		return cycle(heavenly, v)
	case "ideographZodiac":
		return cycle(earthly, v)
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		return enclosed(circled, v)
	case "decimalEnclosedParen":
		return enclosed(parenthes, v)
	case "decimalEnclosedFullstop":
		return enclosed(fullstops, v)
	case "decimalFullWidth", "decimalFullWidth2":
		var b strings.Builder
		for _, d := range strconv.Itoa(v) {
			b.WriteRune('０' + d - '0')
		}
		return b.String()
	case "decimalZero":
		if v < 10 {
			return "0" + strconv.Itoa(v)
		}
	case "upperLetter", "lowerLetter":
		if v < 1 || v > 26*maxLetters {
			return strconv.Itoa(v)
		}
		// A, B, …, Z, AA, BB, … as Word counts.
		s := strings.Repeat(string(rune('A'+(v-1)%26)), (v-1)/26+1)
		if format == "lowerLetter" {
			s = strings.ToLower(s)
		}
		return s
	case "upperRoman", "lowerRoman":
		if v < 1 || v > 3999 {
			return strconv.Itoa(v)
		}
		var b strings.Builder
		for r := v; r > 0; {
			for _, p := range romanPairs {
				if r >= p.v {
					b.WriteString(p.s)
					r -= p.v
					break
				}
			}
		}
		if format == "lowerRoman" {
			return strings.ToLower(b.String())
		}
		return b.String()
	}
	return strconv.Itoa(v)
}

func cycle(rs []rune, v int) string {
	if v < 1 {
		return strconv.Itoa(v)
	}
	return string(rs[(v-1)%len(rs)])
}

func enclosed(rs []rune, v int) string {
	if v < 1 || v > len(rs) {
		return strconv.Itoa(v)
	}
	return string(rs[v-1])
}

// chineseNumber writes v in Chinese counting: 一, 十, 十一, 二十, 一百零五.
func chineseNumber(v int) string {
	if v == 0 {
		return cnDigits[0]
	}
	if v >= 100000 {
		return strconv.Itoa(v)
	}
	units := []string{"", "十", "百", "千", "万"}
	digits := strconv.Itoa(v)
	var b strings.Builder
	zero := false
	for i, d := range digits {
		pos := len(digits) - 1 - i
		if d == '0' {
			zero = b.Len() > 0
			continue
		}
		if zero {
			b.WriteString("零")
			zero = false
		}
		// 十一, not 一十一, for 10–19.
		if !(d == '1' && pos == 1 && i == 0) {
			b.WriteString(cnDigits[d-'0'])
		}
		b.WriteString(units[pos])
	}
	return b.String()
}

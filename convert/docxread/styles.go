package docxread

import (
	"strconv"
	"strings"
)

// style is what the reader needs of a paragraph style: the style it is
// based on, its own outline level (-1 when it sets none) and its name.
type style struct {
	basedOn string
	outline int
	name    string
	// numID and ilvl are the style's list (w:pPr/w:numPr); ilvl is -1 when
	// the style names none.
	numID string
	ilvl  int
}

// styleSheet resolves paragraph styles to heading levels.
type styleSheet struct {
	styles map[string]style
	// def is the default paragraph style, used by paragraphs without pStyle.
	def string
	// levels caches resolved levels.
	levels map[string]int
}

// maxBasedOn bounds a basedOn chain; real chains are two or three long,
// and a cycle must not loop forever.
const maxBasedOn = 32

// parseStyles reads the paragraph styles of styles.xml. It is lenient:
// styles only refine heading levels (headings are also found by their
// text), so a damaged styles part is reported by the caller but reading
// goes on without it.
func parseStyles(data []byte) (*styleSheet, error) {
	ss := &styleSheet{styles: map[string]style{}, levels: map[string]int{}}
	sc := newScanner(data)
	var (
		cur   *style
		id    string
		depth int
		inPPr bool
	)
	for {
		k, err := sc.next()
		if err != nil {
			return ss, err
		}
		switch k {
		case tokEOF:
			return ss, nil
		case tokStart:
			depth++
			t := sc.elem
			if !t.isW() {
				continue
			}
			switch t.local {
			case "style":
				if depth != 2 {
					continue
				}
				if typ := t.attr("type"); typ != "" && typ != "paragraph" {
					continue
				}
				id = t.attr("styleId")
				cur = &style{outline: -1, ilvl: -1}
				if b := t.attr("default"); b == "1" || b == "true" || b == "on" {
					ss.def = id
				}
			case "name":
				if cur != nil && depth == 3 {
					cur.name = t.attr("val")
				}
			case "basedOn":
				if cur != nil && depth == 3 {
					cur.basedOn = t.attr("val")
				}
			case "pPr":
				inPPr = cur != nil && depth == 3
			case "outlineLvl":
				if inPPr && depth == 4 {
					if n, err := strconv.Atoi(t.attr("val")); err == nil && n >= 0 {
						cur.outline = n
					}
				}
			case "numId":
				if inPPr && depth == 5 {
					cur.numID = t.attr("val")
				}
			case "ilvl":
				if inPPr && depth == 5 {
					cur.ilvl = levelIndex(t.attr("val"))
				}
			}
		case tokEnd:
			t := sc.elem
			if depth == 3 && t.is("pPr") {
				inPPr = false
			}
			if depth == 2 && cur != nil && t.is("style") {
				if id != "" {
					ss.styles[id] = *cur
				}
				cur = nil
			}
			depth--
		}
	}
}

// level is the heading level (1 = top) of paragraph style id, 0 for body
// text: the first outline level along the basedOn chain (9 means body
// text), else a built-in heading name ("heading 2", "标题 2").
func (ss *styleSheet) level(id string) int {
	if ss == nil {
		return 0
	}
	if id == "" {
		id = ss.def
	}
	if lv, ok := ss.levels[id]; ok {
		return lv
	}
	lv := 0
	seen := map[string]bool{}
	for cur := id; cur != "" && !seen[cur] && len(seen) < maxBasedOn; {
		seen[cur] = true
		s, ok := ss.styles[cur]
		if !ok {
			break
		}
		if s.outline >= 0 {
			if s.outline < 9 {
				lv = s.outline + 1
			}
			break
		}
		if n := headingName(s.name); n > 0 {
			lv = n
			break
		}
		cur = s.basedOn
	}
	ss.levels[id] = lv
	return lv
}

// list returns the list of paragraph style id (w:numPr along the basedOn
// chain): the list's id and the level, -1 when the style names none.
func (ss *styleSheet) list(id string) (numID string, ilvl int) {
	if ss == nil {
		return "", -1
	}
	if id == "" {
		id = ss.def
	}
	seen := map[string]bool{}
	ilvl = -1
	for cur := id; cur != "" && !seen[cur] && len(seen) < maxBasedOn; {
		seen[cur] = true
		s, ok := ss.styles[cur]
		if !ok {
			break
		}
		if ilvl < 0 {
			ilvl = s.ilvl
		}
		if s.numID != "" {
			return s.numID, ilvl
		}
		cur = s.basedOn
	}
	return "", -1
}

// headingName returns N for the built-in heading style names "heading N"
// (what Word and WPS store, whatever the UI language) and "标题 N".
func headingName(name string) int {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, p := range []string{"heading", "标题"} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			if n, err := strconv.Atoi(strings.TrimSpace(rest)); err == nil && n >= 1 && n <= 9 {
				return n
			}
		}
	}
	return 0
}

package pdfread

import (
	"fmt"
	"math"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// glyph is one shown character in page coordinates (points from the page
// box's top-left corner, y down).
type glyph struct {
	r      string
	x0, x1 float64 // left and right of the advance box
	y      float64 // baseline
	size   float64 // font size in page units
	mapped bool
}

func (g *glyph) cx() float64 { return (g.x0 + g.x1) / 2 }

// cy is the middle of the glyph's ink: CJK glyphs sit from about −0.12 to
// 0.88 em around the baseline.
func (g *glyph) cy() float64 { return g.y - 0.38*g.size }

// seg is a horizontal (y0 == y1) or vertical (x0 == x1) rule, page
// coordinates, x0 ≤ x1 and y0 ≤ y1.
type seg struct {
	x0, y0, x1, y1 float64
}

func (s seg) horizontal() bool { return s.y0 == s.y1 }

type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m first, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

type gstate struct {
	ctm                   matrix
	fillVis, strokeVis    bool
	fillAlpha, strokeAlph float64
	font                  *font
	fs, tc, tw, th, tl    float64
	rise                  float64
	lineWidth             float64
}

type point struct{ x, y float64 }

type subpath struct {
	pts    []point
	closed bool
}

// pageContent is what the interpreter collects from one page.
type pageContent struct {
	width    float64 // of the page box; 0 when unknown
	glyphs   []glyph
	segs     []seg
	unmapped int
}

type interp struct {
	f      *file
	pg     page
	out    *pageContent
	gs     gstate
	stack  []gstate
	tm     matrix
	tlm    matrix
	path   []subpath
	forms  map[int]bool // Form XObjects being drawn (self-drawing guard)
	codes  []glyphCode
	pageNo int
	marks  []mark // open marked-content sequences
}

// mark is an open BMC/BDC sequence; an ActualText one replaces the glyphs
// drawn inside it by its text.
type mark struct {
	actual   bool
	text     string
	start    int // index of the first glyph inside
	unmapped int // unmapped count at the start
}

func (f *file) runPage(p page, pageNo int) (*pageContent, error) {
	data, err := f.contents(p)
	if err != nil {
		return nil, err
	}
	in := &interp{f: f, pg: p, out: &pageContent{width: p.box[2] - p.box[0]}, forms: map[int]bool{}, pageNo: pageNo}
	in.gs = gstate{ctm: identity, fillVis: true, strokeVis: true, fillAlpha: 1, strokeAlph: 1, th: 1, lineWidth: 1}
	if err := in.run(data, p.resources, 0); err != nil {
		return nil, err
	}
	// Drop ActualText placeholders whose span never closed.
	kept := in.out.glyphs[:0]
	for _, g := range in.out.glyphs {
		if g.r != "" {
			kept = append(kept, g)
		}
	}
	in.out.glyphs = kept
	return in.out, nil
}

func (in *interp) num(ops []operand, i int) float64 {
	if i < len(ops) && ops[i].kind == kNum {
		return ops[i].num
	}
	return 0
}

// isVisible tells whether colour components paint something on white
// paper: white (gray 1, RGB 1 1 1, CMYK 0 0 0 0) does not.
func isVisible(c []float64) bool {
	switch len(c) {
	case 1:
		return c[0] < 0.95
	case 3:
		return c[0] < 0.95 || c[1] < 0.95 || c[2] < 0.95
	case 4:
		return c[0] > 0.05 || c[1] > 0.05 || c[2] > 0.05 || c[3] > 0.05
	}
	return true
}

func nums(ops []operand) []float64 {
	var c []float64
	for _, o := range ops {
		if o.kind == kNum {
			c = append(c, o.num)
		} else if o.kind == kName {
			return nil // pattern: visible
		}
	}
	return c
}

func (in *interp) run(data []byte, res types.Dict, depth int) error {
	l := &lexer{b: data}
	var ops []operand
	for {
		t, ok := l.next(0)
		if !ok {
			return nil
		}
		if t.kind != kOp {
			if len(ops) < 64 {
				ops = append(ops, t)
			}
			continue
		}
		in.f.ops++
		if in.f.ops > MaxOps {
			return &errLimit{fmt.Sprintf("第 %d 页的绘图指令超过 %d 条上限", in.pageNo, MaxOps)}
		}
		if err := in.op(string(t.b), ops, res, depth, l); err != nil {
			return err
		}
		ops = ops[:0]
	}
}

func (in *interp) op(name string, ops []operand, res types.Dict, depth int, l *lexer) error {
	gs := &in.gs
	switch name {
	case "q":
		if len(in.stack) < 256 {
			in.stack = append(in.stack, *gs)
		}
	case "Q":
		if n := len(in.stack); n > 0 {
			*gs = in.stack[n-1]
			in.stack = in.stack[:n-1]
		}
	case "cm":
		if len(ops) >= 6 {
			m := matrix{in.num(ops, 0), in.num(ops, 1), in.num(ops, 2), in.num(ops, 3), in.num(ops, 4), in.num(ops, 5)}
			gs.ctm = m.mul(gs.ctm)
		}
	case "w":
		gs.lineWidth = in.num(ops, 0)
	case "g", "rg", "k", "sc", "scn":
		gs.fillVis = isVisible(nums(ops))
	case "G", "RG", "K", "SC", "SCN":
		gs.strokeVis = isVisible(nums(ops))
	case "cs":
		gs.fillVis = true
	case "CS":
		gs.strokeVis = true
	case "gs":
		if len(ops) > 0 && ops[0].kind == kName {
			if eg := in.f.dict(in.f.dict(res["ExtGState"])[string(ops[0].b)]); eg != nil {
				if v, ok := in.f.num(eg["ca"]); ok {
					gs.fillAlpha = v
				}
				if v, ok := in.f.num(eg["CA"]); ok {
					gs.strokeAlph = v
				}
				if fnt := in.f.array(eg["Font"]); len(fnt) == 2 {
					gs.font = in.f.loadFont(fnt[0])
					gs.fs, _ = in.f.num(fnt[1])
				}
			}
		}
	// Paths.
	case "m":
		x, y := gs.ctm.apply(in.num(ops, 0), in.num(ops, 1))
		in.path = append(in.path, subpath{pts: []point{{x, y}}})
	case "l":
		x, y := gs.ctm.apply(in.num(ops, 0), in.num(ops, 1))
		if len(in.path) == 0 {
			in.path = append(in.path, subpath{})
		}
		sp := &in.path[len(in.path)-1]
		sp.pts = append(sp.pts, point{x, y})
		in.f.segments++
	case "c", "v", "y":
		// Curves are never table rules: keep only the end point.
		var x, y float64
		if name == "c" {
			x, y = gs.ctm.apply(in.num(ops, 4), in.num(ops, 5))
		} else {
			x, y = gs.ctm.apply(in.num(ops, 2), in.num(ops, 3))
		}
		// Break the polyline so the curve is not taken as a straight edge.
		in.path = append(in.path, subpath{pts: []point{{x, y}}})
	case "h":
		if len(in.path) > 0 {
			in.path[len(in.path)-1].closed = true
		}
	case "re":
		x, y, w, h := in.num(ops, 0), in.num(ops, 1), in.num(ops, 2), in.num(ops, 3)
		a, b := gs.ctm.apply(x, y)
		c, d := gs.ctm.apply(x+w, y)
		e, f := gs.ctm.apply(x+w, y+h)
		g, hh := gs.ctm.apply(x, y+h)
		in.path = append(in.path, subpath{pts: []point{{a, b}, {c, d}, {e, f}, {g, hh}}, closed: true})
		in.f.segments += 4
	case "S", "s":
		if name == "s" && len(in.path) > 0 {
			in.path[len(in.path)-1].closed = true
		}
		in.paint(false, true)
	case "f", "F", "f*":
		in.paint(true, false)
	case "B", "B*", "b", "b*":
		if (name == "b" || name == "b*") && len(in.path) > 0 {
			in.path[len(in.path)-1].closed = true
		}
		in.paint(true, true)
	case "n":
		in.path = in.path[:0]
	// Text.
	case "BT":
		in.tm, in.tlm = identity, identity
	case "ET":
	case "Tf":
		if len(ops) >= 2 && ops[0].kind == kName {
			fd := in.f.dict(res["Font"])
			if fd != nil {
				gs.font = in.f.loadFont(fd[string(ops[0].b)])
			} else {
				gs.font = &font{widths: map[int]float64{}, dw: 500, scale: 0.001}
			}
			gs.fs = in.num(ops, 1)
		}
	case "Tc":
		gs.tc = in.num(ops, 0)
	case "Tw":
		gs.tw = in.num(ops, 0)
	case "Tz":
		gs.th = in.num(ops, 0) / 100
	case "TL":
		gs.tl = in.num(ops, 0)
	case "Ts":
		gs.rise = in.num(ops, 0)
	case "Tr":
	case "Td":
		in.tlm = matrix{1, 0, 0, 1, in.num(ops, 0), in.num(ops, 1)}.mul(in.tlm)
		in.tm = in.tlm
	case "TD":
		gs.tl = -in.num(ops, 1)
		in.tlm = matrix{1, 0, 0, 1, in.num(ops, 0), in.num(ops, 1)}.mul(in.tlm)
		in.tm = in.tlm
	case "Tm":
		if len(ops) >= 6 {
			in.tlm = matrix{in.num(ops, 0), in.num(ops, 1), in.num(ops, 2), in.num(ops, 3), in.num(ops, 4), in.num(ops, 5)}
			in.tm = in.tlm
		}
	case "T*":
		in.nextLine()
	case "Tj":
		if len(ops) > 0 && ops[len(ops)-1].kind == kStr {
			return in.show(ops[len(ops)-1].b)
		}
	case "'":
		in.nextLine()
		if len(ops) > 0 && ops[len(ops)-1].kind == kStr {
			return in.show(ops[len(ops)-1].b)
		}
	case "\"":
		if len(ops) >= 3 {
			gs.tw = in.num(ops, 0)
			gs.tc = in.num(ops, 1)
			in.nextLine()
			return in.show(ops[2].b)
		}
	case "TJ":
		if len(ops) > 0 && ops[len(ops)-1].kind == kArr {
			for _, e := range ops[len(ops)-1].arr {
				switch e.kind {
				case kStr:
					if err := in.show(e.b); err != nil {
						return err
					}
				case kNum:
					tx := -e.num / 1000 * gs.fs * gs.th
					in.tm = matrix{1, 0, 0, 1, tx, 0}.mul(in.tm)
				}
			}
		}
	// XObjects and inline images.
	case "Do":
		if len(ops) > 0 && ops[0].kind == kName {
			return in.doXObject(string(ops[0].b), res, depth)
		}
	case "BMC":
		if len(in.marks) < 64 {
			in.marks = append(in.marks, mark{})
		}
	case "BDC":
		if len(in.marks) < 64 {
			m := mark{}
			if len(ops) >= 2 && ops[1].kind == kDict {
				if at, ok := ops[1].dict["ActualText"]; ok && at.kind == kStr {
					m = mark{actual: true, text: normalize(textString(at.b)), start: len(in.out.glyphs), unmapped: in.out.unmapped}
				}
			}
			in.marks = append(in.marks, m)
		}
	case "EMC":
		if n := len(in.marks); n > 0 {
			m := in.marks[n-1]
			in.marks = in.marks[:n-1]
			if m.actual {
				in.actualText(m)
			}
		}
	case "BI":
		for {
			t, ok := l.next(0)
			if !ok {
				return nil
			}
			if t.kind == kOp && string(t.b) == "ID" {
				break
			}
		}
		l.skipInlineImage()
	}
	return nil
}

func (in *interp) inActualText() bool {
	for _, m := range in.marks {
		if m.actual {
			return true
		}
	}
	return false
}

// actualText replaces the glyphs drawn inside an ActualText span by its
// characters, spread evenly over the same advance box.
func (in *interp) actualText(m mark) {
	gs := in.out.glyphs
	if m.start > len(gs) {
		return
	}
	drawn := gs[m.start:]
	rs := []rune(strings.TrimSpace(m.text))
	if len(drawn) == 0 || len(rs) == 0 {
		return
	}
	x0, x1 := drawn[0].x0, drawn[0].x1
	for _, g := range drawn {
		x0, x1 = math.Min(x0, g.x0), math.Max(x1, g.x1)
	}
	base := drawn[0]
	w := (x1 - x0) / float64(len(rs))
	in.out.glyphs = gs[:m.start]
	for i, r := range rs {
		g := base
		g.r, g.mapped = string(r), true
		g.x0, g.x1 = x0+float64(i)*w, x0+float64(i+1)*w
		in.out.glyphs = append(in.out.glyphs, g)
	}
	in.out.unmapped = m.unmapped
}

func (in *interp) nextLine() {
	in.tlm = matrix{1, 0, 0, 1, 0, -in.gs.tl}.mul(in.tlm)
	in.tm = in.tlm
}

// toPage turns user-space device coordinates into page coordinates.
func (in *interp) toPage(x, y float64) (float64, float64) {
	b := in.pg.box
	return x - b[0], b[3] - y
}

// inBox: is a point on the page or near it? LibreOffice places a web
// page's wide table partly outside the page box, and its text belongs to
// the report, so the area kept reaches one page width to either side and
// half a page height above and below; anything farther out is junk.
func (in *interp) inBox(x, y float64) bool {
	w, h := in.pg.box[2]-in.pg.box[0], in.pg.box[3]-in.pg.box[1]
	return x >= -w && y >= -h/2 && x <= 2*w && y <= 1.5*h
}

func (in *interp) show(s []byte) error {
	gs := &in.gs
	ft := gs.font
	if ft == nil {
		ft = &font{widths: map[int]float64{}, dw: 500, scale: 0.001}
		gs.font = ft
	}
	in.codes = ft.decode(s, in.codes[:0])
	for _, c := range in.codes {
		trm := matrix{gs.fs * gs.th, 0, 0, gs.fs, 0, gs.rise}.mul(in.tm).mul(gs.ctm)
		adv := c.w
		x0, y0 := trm.apply(0, 0)
		x1, _ := trm.apply(adv, 0)
		tx, ty := trm.apply(0, 1)
		size := math.Hypot(tx-x0, ty-y0)
		if c.uni != "" && c.uni != " " && c.uni != "\u00a0" && c.uni != "\u3000" {
			px0, py := in.toPage(x0, y0)
			px1, _ := in.toPage(x1, y0)
			if px1 < px0 {
				px0, px1 = px1, px0
			}
			if px1-px0 < 0.01 {
				px1 = px0 + size*0.5
			}
			g := glyph{r: normalize(c.uni), x0: px0, x1: px1, y: py, size: size, mapped: c.mapped}
			if ft.vertical {
				// Vertical writing: the origin is the glyph's top centre
				// and the glyph fills one em below it.
				g.x0, g.x1, g.y = px0-size/2, px0+size/2, py+0.88*size
			}
			if in.inBox(g.cx(), g.cy()) {
				in.f.glyphs++
				if in.f.glyphs > MaxGlyphs {
					return &errLimit{fmt.Sprintf("文字超过 %d 个字符上限", MaxGlyphs)}
				}
				if len(in.out.glyphs) >= MaxPageGlyphs {
					return &errLimit{fmt.Sprintf("第 %d 页的文字超过 %d 个字符上限", in.pageNo, MaxPageGlyphs)}
				}
				in.out.glyphs = append(in.out.glyphs, g)
			}
		} else if c.uni == "" && !c.mapped {
			if in.inActualText() {
				// A placeholder the ActualText replaces at EMC.
				px0, py := in.toPage(x0, y0)
				px1, _ := in.toPage(x1, y0)
				in.out.glyphs = append(in.out.glyphs, glyph{x0: math.Min(px0, px1), x1: math.Max(px0, px1), y: py, size: size})
			}
			in.out.unmapped++
		}
		if ft.vertical {
			// Vertical advance: one em down (the default DW2), plus spacing.
			w := -gs.fs + gs.tc
			if c.space {
				w += gs.tw
			}
			in.tm = matrix{1, 0, 0, 1, 0, w}.mul(in.tm)
			continue
		}
		w := c.w*gs.fs + gs.tc
		if c.space {
			w += gs.tw
		}
		in.tm = matrix{1, 0, 0, 1, w * gs.th, 0}.mul(in.tm)
	}
	return nil
}

// normalize maps Kangxi radicals and CJK Radicals Supplement characters
// (Chromium/Skia ToUnicode maps) to the unified ideographs, and drops
// control characters.
func normalize(s string) string {
	for _, r := range s {
		if (r >= 0x2E80 && r <= 0x2FDF) || r < 0x20 || r == 0xFFFD || r == 0xFEFF {
			out := make([]rune, 0, len(s))
			for _, r := range s {
				if u, ok := radicalIdeograph[r]; ok {
					r = u
				}
				if r < 0x20 || r == 0xFFFD || r == 0xFEFF {
					continue
				}
				out = append(out, r)
			}
			return string(out)
		}
	}
	return s
}

func (in *interp) paint(fill, stroke bool) {
	gs := &in.gs
	visFill := fill && gs.fillVis && gs.fillAlpha > 0.05
	visStroke := stroke && gs.strokeVis && gs.strokeAlph > 0.05
	if in.f.segments > MaxPathSegments {
		in.path = in.path[:0]
		return
	}
	for _, sp := range in.path {
		pts := sp.pts
		if len(pts) < 2 {
			continue
		}
		if visFill {
			in.fillRule(pts)
		}
		if visStroke {
			n := len(pts)
			for i := 0; i+1 < n; i++ {
				in.addEdge(pts[i], pts[i+1])
			}
			if sp.closed && n > 2 {
				in.addEdge(pts[n-1], pts[0])
			}
		}
	}
	in.path = in.path[:0]
}

// fillRule records a filled shape as a rule when it is a thin axis-aligned
// box (how Word, WPS and Chromium draw cell borders). Large filled areas
// are backgrounds, not rules.
func (in *interp) fillRule(pts []point) {
	minX, minY, maxX, maxY := pts[0].x, pts[0].y, pts[0].x, pts[0].y
	for _, p := range pts[1:] {
		minX, maxX = math.Min(minX, p.x), math.Max(maxX, p.x)
		minY, maxY = math.Min(minY, p.y), math.Max(maxY, p.y)
	}
	// Any thin filled shape is a rule: Chromium bevels the ends of its
	// border pieces, so they are trapezoids, not boxes.
	w, h := maxX-minX, maxY-minY
	const thin = 3.0
	switch {
	case h <= thin && w > h:
		y := (minY + maxY) / 2
		in.addEdge(point{minX, y}, point{maxX, y})
	case w <= thin && h > w:
		x := (minX + maxX) / 2
		in.addEdge(point{x, minY}, point{x, maxY})
	}
}

func (in *interp) addEdge(a, b point) {
	ax, ay := in.toPage(a.x, a.y)
	bx, by := in.toPage(b.x, b.y)
	var s seg
	switch {
	case math.Abs(ay-by) < 0.5 && math.Abs(ax-bx) >= 0.5:
		y := (ay + by) / 2
		s = seg{math.Min(ax, bx), y, math.Max(ax, bx), y}
	case math.Abs(ax-bx) < 0.5 && math.Abs(ay-by) >= 0.5:
		x := (ax + bx) / 2
		s = seg{x, math.Min(ay, by), x, math.Max(ay, by)}
	default:
		return
	}
	// Clip to the area around the page that inBox keeps.
	w, h := in.pg.box[2]-in.pg.box[0], in.pg.box[3]-in.pg.box[1]
	if s.x1 < -w || s.y1 < -h/2 || s.x0 > 2*w || s.y0 > 1.5*h {
		return
	}
	s.x0, s.y0 = math.Max(s.x0, -w), math.Max(s.y0, -h/2)
	s.x1, s.y1 = math.Min(s.x1, 2*w), math.Min(s.y1, 1.5*h)
	in.out.segs = append(in.out.segs, s)
}

func (in *interp) doXObject(name string, res types.Dict, depth int) error {
	xd := in.f.dict(res["XObject"])
	if xd == nil {
		return nil
	}
	o := xd[name]
	ref, isRef := o.(types.IndirectRef)
	d := in.f.dict(o)
	if d == nil || in.f.name(d["Subtype"]) != "Form" {
		return nil
	}
	if depth >= MaxFormDepth {
		return nil
	}
	if isRef {
		n := ref.ObjectNumber.Value()
		if in.forms[n] {
			return nil // a form that draws itself
		}
		in.forms[n] = true
		defer delete(in.forms, n)
	}
	data, err := in.f.stream(o)
	if err != nil {
		if _, ok := err.(*errLimit); ok {
			return err
		}
		return nil
	}
	saved := in.gs
	savedStack := len(in.stack)
	savedTm, savedTlm := in.tm, in.tlm
	if m := in.f.array(d["Matrix"]); len(m) == 6 {
		var mm matrix
		for i := range mm {
			mm[i], _ = in.f.num(m[i])
		}
		in.gs.ctm = mm.mul(in.gs.ctm)
	}
	fres := in.f.dict(d["Resources"])
	if fres == nil {
		fres = res
	}
	in.path = in.path[:0]
	err = in.run(data, fres, depth+1)
	in.gs = saved
	if len(in.stack) > savedStack {
		in.stack = in.stack[:savedStack]
	}
	in.tm, in.tlm = savedTm, savedTlm
	return err
}

package xlsx

// Reader: computing the plainest formulas without excelize. A formula
// without a cached result that is only arithmetic (+ - * / and
// parentheses) and SUM on number literals and on cells of the same sheet
// that hold a number (not a formula, not blank, not text) is computed here,
// in float64 left to right as excelize does; anything else — another
// function, an operator such as ^ & % or a comparison, a space, an
// exponent (1E3), a sheet name, a blank or text cell, a division by zero
// — is left to excelize
// (ok = false). The result is the number as the reader then rounds it
// (parseNumeric), so it equals excelize's.

import (
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// calcSimple computes the formula at sheet!cell; ok is false when it is
// not for this evaluator.
func (fb *fastBook) calcSimple(sheet, cell string) (string, bool) {
	c, err := fb.find(sheet, cell)
	if err != nil || c == nil || !c.hasF {
		return "", false
	}
	p := &arith{fb: fb, sheet: sheet, s: c.f}
	x := p.expr()
	if !p.ok() || p.i != len(p.s) {
		return "", false
	}
	return strconv.FormatFloat(x, 'g', -1, 64), true
}

type arith struct {
	fb    *fastBook
	sheet string
	s     string
	i     int
	bad   bool
	depth int
}

func (p *arith) ok() bool { return !p.bad }

func (p *arith) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *arith) check(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		p.bad = true
	}
	return x
}

func (p *arith) expr() float64 {
	p.depth++
	if p.depth > 50 {
		p.bad = true
	}
	defer func() { p.depth-- }()
	x := p.term()
	for !p.bad {
		switch p.peek() {
		case '+':
			p.i++
			x = p.check(x + p.term())
		case '-':
			p.i++
			x = p.check(x - p.term())
		default:
			return x
		}
	}
	return x
}

func (p *arith) term() float64 {
	x := p.unary()
	for !p.bad {
		switch p.peek() {
		case '*':
			p.i++
			x = p.check(x * p.unary())
		case '/':
			p.i++
			y := p.unary()
			if y == 0 {
				p.bad = true
				return 0
			}
			x = p.check(x / y)
		default:
			return x
		}
	}
	return x
}

func (p *arith) unary() float64 {
	switch p.peek() {
	case '-':
		p.i++
		return -p.unary()
	case '+':
		p.i++
		return p.unary()
	}
	return p.primary()
}

func (p *arith) primary() float64 {
	if p.bad {
		return 0
	}
	c := p.peek()
	switch {
	case c >= '0' && c <= '9':
		return p.number()
	case c == '(':
		p.i++
		x := p.expr()
		if p.peek() != ')' {
			p.bad = true
			return 0
		}
		p.i++
		return x
	case strings.HasPrefix(p.s[p.i:], "SUM("):
		p.i += len("SUM(")
		sum := 0.0
		for n := 0; !p.bad; n++ {
			if from, to, ok := p.rangeRef(); ok {
				sum = p.check(sum + p.sumRange(from, to))
			} else {
				sum = p.check(sum + p.expr())
			}
			switch p.peek() {
			case ',':
				p.i++
				continue
			case ')':
				p.i++
				return sum
			}
			p.bad = true
		}
		return 0
	case c >= 'A' && c <= 'Z' || c == '$':
		ref, ok := p.ref()
		if !ok {
			p.bad = true
			return 0
		}
		return p.cellNumber(ref)
	}
	p.bad = true
	return 0
}

func (p *arith) number() float64 {
	j := p.i
	digits := func() {
		for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
			j++
		}
	}
	digits()
	if j < len(p.s) && p.s[j] == '.' {
		j++
		digits()
	}
	if j < len(p.s) && (p.s[j] == 'E' || p.s[j] == 'e' || p.s[j] == '.') {
		p.bad = true // exponents: excelize reads some as names
		return 0
	}
	x, err := strconv.ParseFloat(p.s[p.i:j], 64)
	if err != nil {
		p.bad = true
		return 0
	}
	p.i = j
	return p.check(x)
}

// ref reads a cell reference (A1, $A$1) and returns it without "$".
func (p *arith) ref() (string, bool) {
	j := p.i
	var b strings.Builder
	if j < len(p.s) && p.s[j] == '$' {
		j++
	}
	k := j
	for j < len(p.s) && p.s[j] >= 'A' && p.s[j] <= 'Z' {
		j++
	}
	if j == k || j-k > 3 {
		return "", false
	}
	b.WriteString(p.s[k:j])
	if j < len(p.s) && p.s[j] == '$' {
		j++
	}
	k = j
	for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
		j++
	}
	if j == k || j < len(p.s) && (p.s[j] == '(' || p.s[j] == '!' || p.s[j] == '_' || p.s[j] == '.' ||
		p.s[j] >= 'A' && p.s[j] <= 'Z' || p.s[j] >= 'a' && p.s[j] <= 'z') {
		return "", false
	}
	b.WriteString(p.s[k:j])
	if _, _, err := excelize.CellNameToCoordinates(b.String()); err != nil {
		return "", false
	}
	p.i = j
	return b.String(), true
}

// rangeRef reads "A1:B2" when that is what comes; it consumes nothing
// otherwise.
func (p *arith) rangeRef() (string, string, bool) {
	save := p.i
	from, ok := p.ref()
	if ok && p.peek() == ':' {
		p.i++
		if to, ok := p.ref(); ok {
			return from, to, true
		}
	}
	p.i = save
	return "", "", false
}

// cellNumber is the number a cell holds; anything else gives up.
func (p *arith) cellNumber(ref string) float64 {
	c, err := p.fb.find(p.sheet, ref)
	if err != nil || c == nil || c.hasF || c.t != "" && c.t != "n" {
		p.bad = true
		return 0
	}
	x, err := strconv.ParseFloat(c.v, 64)
	if err != nil {
		p.bad = true
		return 0
	}
	return p.check(x)
}

func (p *arith) sumRange(from, to string) float64 {
	c0, r0, _ := excelize.CellNameToCoordinates(from)
	c1, r1, _ := excelize.CellNameToCoordinates(to)
	if c0 > c1 {
		c0, c1 = c1, c0
	}
	if r0 > r1 {
		r0, r1 = r1, r0
	}
	if (c1-c0+1)*(r1-r0+1) > maxRangeSize {
		p.bad = true
		return 0
	}
	sum := 0.0
	for r := r0; r <= r1 && !p.bad; r++ {
		for c := c0; c <= c1 && !p.bad; c++ {
			sum = p.check(sum + p.cellNumber(cellName(r-1, c-1)))
		}
	}
	return sum
}

package model

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

func TestParseValue(t *testing.T) {
	tests := []struct {
		raw   string
		kind  Kind
		value float64
		unit  string
		sign  string
	}{
		{"", KindBlank, 0, "", ""},
		{"\u00a0", KindBlank, 0, "", ""},
		{"  \u00a0 ", KindBlank, 0, "", ""},
		{"0", KindNumber, 0, "", ""},
		{" 0 ", KindNumber, 0, "", ""},
		{"\u00a0 0", KindNumber, 0, "", ""},
		{"无", KindNone, 0, "", ""},
		{"無", KindNone, 0, "", ""},
		{"/", KindNone, 0, "", ""},
		{"-", KindNone, 0, "", ""},
		{"--", KindNone, 0, "", ""},
		{"—", KindNone, 0, "", ""},
		{"不适用", KindNone, 0, "", ""},
		{"12", KindNumber, 12, "", ""},
		{"１２", KindNumber, 12, "", ""},
		{"1,234", KindNumber, 1234, "", ""},
		{"1,234,567.5", KindNumber, 1234567.5, "", ""},
		{"1,23", KindText, 0, "", ""},
		{"539.16", KindNumber, 539.16, "", ""},
		{"96171.6", KindNumber, 96171.6, "", ""},
		{"增81", KindNumber, 81, "", "增"},
		{"减少58", KindNumber, -58, "", "减少"},
		{"+14", KindNumber, 14, "", "+"},
		{"-8", KindNumber, -8, "", "-"},
		{"－８", KindNumber, -8, "", "-"},
		{"38.47万元", KindNumber, 38.47, "万元", ""},
		{"减14.94万元", KindNumber, -14.94, "万元", "减"},
		{"251000元", KindNumber, 251000, "元", ""},
		{"562.648万元", KindNumber, 562.648, "万元", ""},
		{"75394432.52元", KindNumber, 75394432.52, "元", ""},
		{"3件", KindNumber, 3, "件", ""},
		{"元", KindText, 0, "", ""},
		{"增", KindText, 0, "", ""},
		{"1.", KindText, 0, "", ""},
		{".5", KindText, 0, "", ""},
		{"约10", KindText, 0, "", ""},
		{"十二", KindText, 0, "", ""},
		{"1e5", KindText, 0, "", ""},
		{"NaN", KindText, 0, "", ""},
	}
	for _, tt := range tests {
		c := ParseValue(tt.raw)
		if c.Kind != tt.kind || c.Value != tt.value || c.Unit != tt.unit || c.Sign != tt.sign {
			t.Errorf("ParseValue(%q) = kind %s value %v unit %q sign %q; want %s %v %q %q",
				tt.raw, c.Kind, c.Value, c.Unit, c.Sign, tt.kind, tt.value, tt.unit, tt.sign)
		}
		if c.Raw != CleanText(tt.raw) {
			t.Errorf("ParseValue(%q).Raw = %q", tt.raw, c.Raw)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 12: "12", 539.16: "539.16", -14.94: "-14.94", 75394432.52: "75394432.52"} {
		if got := FormatNumber(v); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}

// TestParseValueSpaceInNumber: "1 5" may be 15 with a stray blank or two
// cells run together; it reads as 15 but never as a certain value.
func TestParseValueSpaceInNumber(t *testing.T) {
	for raw, want := range map[string]float64{"1 5": 15, "１ ５": 15, "3 001": 3001, "1  2.5": 12.5} {
		c := ParseValue(raw)
		if c.Kind != KindNumber || c.Value != want || c.Doubt == "" {
			t.Errorf("%q = %+v, want %v with a doubt", raw, c, want)
		}
	}
	for _, raw := range []string{"15", " 15 ", "增 81", "38.47 万元"} {
		if c := ParseValue(raw); c.Kind != KindNumber || c.Doubt != "" {
			t.Errorf("%q = %+v, want a plain number", raw, c)
		}
	}
}

// Values govreport printed with its marks read back as the values; a doubt
// mark keeps the doubt.
func TestMarkedValues(t *testing.T) {
	for in, want := range map[string]struct {
		raw   string
		v     float64
		doubt bool
	}{
		"2△": {"2", 2, false}, "0 △": {"0", 0, false}, "89※": {"89", 89, true},
		"1357539※△": {"1357539", 1357539, true}, "4432.52元※": {"4432.52元", 4432.52, true},
	} {
		c := ParseValue(in)
		if c.Kind != KindNumber || c.Raw != want.raw || c.Value != want.v || (c.Doubt != "") != want.doubt {
			t.Errorf("ParseValue(%q) = %+v, want %+v", in, c, want)
		}
	}
	if c := ParseValue("△"); c.Kind == KindNumber {
		t.Errorf("a lone mark is not a number: %+v", c)
	}
}

// TestIsBlank: IsBlank is the predicate CleanText always had, on every
// code point, and CleanText trims exactly it from both ends.
func TestIsBlank(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\u200b' || r == '\ufeff'
		if IsBlank(r) != want {
			t.Fatalf("IsBlank(%U) = %v", r, !want)
		}
	}
	for _, s := range []string{"", " ", "\u3000报告\u00a0", "\ufeff\u200b 12\t\n", "\xff 1 \xff", "\u2028a\u205f", "报告", " \x85x\x85 ", "\u0085中\u0085"} {
		want := strings.TrimFunc(s, func(r rune) bool {
			return unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\u200b' || r == '\ufeff'
		})
		if got := CleanText(s); got != want {
			t.Errorf("CleanText(%q) = %q, want %q", s, got, want)
		}
	}
	// Random strings of pieces around the three-byte shortcut (lead bytes
	// E3–EF, U+3000, U+FEFF, cut and invalid sequences).
	pieces := []string{" ", "\u3000", "\ufeff", "\u00a0", "\u200b", "报", "）", "、", "。", "a", "1", "\xe3\x80", "\xef\xbb",
		"\x80", "\xbf", "\xe3", "\xed\xa0\x80", "\xe0\x80\x80", "\xef\xbb\xbe", "\xe3\x80\x81", "\u1680", "\u2028", "\U0002a6a5"}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for k := rng.IntN(7); k > 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		want := strings.TrimFunc(s, func(r rune) bool {
			return unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\u200b' || r == '\ufeff'
		})
		if got := CleanText(s); got != want {
			t.Fatalf("CleanText(%q) = %q, want %q", s, got, want)
		}
	}
}

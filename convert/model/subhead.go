package model

import (
	"strings"
	"unicode/utf8"
)

// SubHeadMaxRunes bounds a sub-head standing as a paragraph of its own; a
// longer line that starts with （一） and has no early full stop is prose.
const SubHeadMaxRunes = 60

// SplitSubHead splits a line that starts with a level-2 number （一）…（十）, also
// with ASCII brackets, into the sub-head and the text run in after it.
// It reports false when the line does not start with such a number.
func SplitSubHead(ln string) (head, rest string, ok bool) {
	var open, close string
	switch {
	case strings.HasPrefix(ln, "（"):
		open = "（"
	case strings.HasPrefix(ln, "("):
		open = "("
	default:
		return "", "", false
	}
	body := ln[len(open):]
	i := 0
	for i < len(body) {
		r, size := utf8.DecodeRuneInString(body[i:])
		if !strings.ContainsRune("一二三四五六七八九十", r) {
			break
		}
		i += size
	}
	if i == 0 {
		return "", "", false
	}
	switch {
	case strings.HasPrefix(body[i:], "）"):
		close = "）"
	case strings.HasPrefix(body[i:], ")"):
		close = ")"
	default:
		return "", "", false
	}
	after := body[i+len(close):]
	// A run-in sub-head ends at the first full stop or colon.
	if j := strings.IndexAny(after, "。：:"); j >= 0 {
		_, size := utf8.DecodeRuneInString(after[j:])
		if k := j + size; k < len(after) && utf8.RuneCountInString(after[:j]) <= SubHeadMaxRunes/2 {
			return ln[:len(ln)-len(after)+k], after[k:], true
		}
	}
	if utf8.RuneCountInString(ln) > SubHeadMaxRunes {
		return "", "", false
	}
	return ln, "", true
}

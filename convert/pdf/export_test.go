package pdf

import "github.com/govreport/govreport/fonts"

// GlyphMisses exposes the count of characters the painter was asked to draw with a
// font lacking them (the layout keeps it at zero).
func GlyphMisses() int64 { return glyphMisses.Load() }

// Coverage returns the characters the PDF writer's parse of role's font in
// set can draw.
func Coverage(set *fonts.Set, role fonts.Role) (map[rune]uint16, error) {
	f, err := loadFace(set, role)
	if err != nil {
		return nil, err
	}
	m := map[rune]uint16{}
	for c := rune(1); c <= 0x10FFFF; c++ {
		if f.has(c) {
			m[c] = uint16(f.width(f.glyph(c)))
		}
	}
	return m, nil
}

// SameFace reports whether two sets share the parsed font of role.
func SameFace(a, b *fonts.Set, role fonts.Role) bool {
	fa, _ := loadFace(a, role)
	fb, _ := loadFace(b, role)
	return fa != nil && fa == fb
}

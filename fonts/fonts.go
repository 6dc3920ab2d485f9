package fonts

import (
	_ "embed" // the shipped font files
	"errors"
	"fmt"
	"github.com/govreport/govreport/convert/oserr"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// The shipped font files, embedded as byte slices: the linker places them
// in the binary's data and the slices point there, so using a font copies
// nothing and only the pages actually read are loaded (an embed.FS would
// copy every file, 25 MB, on first use).
var (
	//go:embed fang.ttf
	fangTTF []byte
	//go:embed hei.ttf
	heiTTF []byte
	//go:embed kai.ttf
	kaiTTF []byte
	//go:embed song.ttf
	songTTF []byte
	//go:embed title.ttf
	titleTTF []byte
	//go:embed fallback.ttf
	fallbackTTF []byte
)

// embedded returns the shipped bytes of r, in the order of roles.
func embedded(r Role) []byte {
	switch r {
	case Body:
		return fangTTF
	case Heading:
		return heiTTF
	case Subheading:
		return kaiTTF
	case Table:
		return songTTF
	case Title:
		return titleTTF
	case Fallback:
		return fallbackTTF
	}
	return nil
}

// Role is what a font is used for in an official document.
type Role string

// The roles, named after the shipped files (fang.ttf …).
const (
	Body       Role = "fang"     // 仿宋: body text
	Heading    Role = "hei"      // 黑体: level-1 headings
	Subheading Role = "kai"      // 楷体: level-2 headings
	Table      Role = "song"     // 宋体: tables
	Title      Role = "title"    // 小标宋: the document title
	Fallback   Role = "fallback" // characters the role fonts lack
)

// roles is the fixed order of Roles; index is a role's slot in a Set.
var roles = [...]Role{Body, Heading, Subheading, Table, Title, Fallback}

// Roles lists all roles in a fixed order.
func Roles() []Role {
	return append([]Role(nil), roles[:]...)
}

// index returns r's slot, or -1 for an unknown role.
func (r Role) index() int {
	for i, x := range roles {
		if x == r {
			return i
		}
	}
	return -1
}

// FileName returns the name of the shipped font file for r, such as "fang.ttf".
func (r Role) FileName() string { return string(r) + ".ttf" }

// ErrUnknownRole is returned for a Role that is not one of the constants.
var ErrUnknownRole = errors.New("fonts: unknown role")

func unknown(r Role) error { return fmt.Errorf("%w %q", ErrUnknownRole, string(r)) }

// officeNames are the family names Chinese office software (Word, WPS on
// Windows) knows for each role: the faces official-document templates ask
// for (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312), and as alternatives the
// faces newer Windows ships instead. The fallback has no office name.
var officeNames = map[Role][2]string{
	Body:       {"仿宋_GB2312", "仿宋"},
	Heading:    {"黑体", "SimHei"},
	Subheading: {"楷体_GB2312", "楷体"},
	Table:      {"宋体", "SimSun"},
	Title:      {"方正小标宋简体", "宋体"},
}

// OfficeName returns the font family name that Chinese office software knows
// for the role (仿宋_GB2312, 黑体, 楷体_GB2312, 宋体, 方正小标宋简体), which
// the docx and xlsx writers name (through the house style of package
// convert/outline) but do not embed. It returns "" for Fallback and for an
// unknown role.
func OfficeName(r Role) string { return officeNames[r][0] }

// OfficeAltName returns the face office software substitutes when the
// role's OfficeName is not installed (仿宋 for 仿宋_GB2312, SimSun for 宋体);
// "" for Fallback and for an unknown role.
func OfficeAltName(r Role) string { return officeNames[r][1] }

// familyNames are the family names inside the shipped files.
var familyNames = map[Role]string{
	Body:       "FandolFang",
	Heading:    "FandolHei",
	Subheading: "FandolKai",
	Table:      "FandolSong",
	Title:      "Noto Serif CJK SC",
	Fallback:   "Droid Sans Fallback",
}

// FamilyName returns the family name of the font shipped for the role (for
// example "FandolFang"), or "" for an unknown role.
func FamilyName(r Role) string { return familyNames[r] }

// face is one font: its bytes and, parsed on first use, its coverage.
type face struct {
	data   []byte
	source string // file path, or "embedded:fang.ttf"

	once sync.Once
	cov  *coverage
	err  error

	ttOnce sync.Once
	tt     *TrueType
	ttErr  error
}

func (f *face) coverage() (*coverage, error) {
	f.once.Do(func() { f.cov, f.err = parseCmap(f.data) })
	return f.cov, f.err
}

func (f *face) trueType() (*TrueType, error) {
	f.ttOnce.Do(func() { f.tt, f.ttErr = OpenTrueType(f.data) })
	return f.tt, f.ttErr
}

var (
	embeddedOnce  sync.Once
	embeddedFaces [len(roles)]*face
	embeddedErr   error
)

// shipped returns the embedded faces, shared by every Set (their coverage
// is parsed once, on first use).
func shipped() ([len(roles)]*face, error) {
	embeddedOnce.Do(func() {
		for i, r := range roles {
			b := embedded(r)
			if len(b) == 0 {
				embeddedErr = fmt.Errorf("fonts: embedded %s is empty", r.FileName())
				return
			}
			embeddedFaces[i] = &face{data: b, source: "embedded:" + r.FileName()}
		}
	})
	return embeddedFaces, embeddedErr
}

// Data returns the embedded TrueType bytes of the font shipped for role r.
// The slice is shared: callers must not modify it.
func Data(r Role) ([]byte, error) {
	i := r.index()
	if i < 0 {
		return nil, unknown(r)
	}
	faces, err := shipped()
	if err != nil {
		return nil, err
	}
	return faces[i].data, nil
}

// Set is the fonts used for one process: the shipped fonts, some of them
// possibly replaced by files the user supplies. Its methods are safe for
// concurrent use.
type Set struct {
	mu    sync.RWMutex
	faces [len(roles)]*face
}

// Default returns the shipped set. Each call returns a new Set, so replacing a
// role in it does not affect other callers; the font bytes are shared.
func Default() *Set {
	faces, err := shipped()
	if err != nil {
		// The files are embedded at build time and checked by the tests.
		panic(err)
	}
	return &Set{faces: faces}
}

// FileError reports a font file that cannot be used.
type FileError struct {
	Path   string // the file
	Reason string // why, in Chinese, for the user
	// NotTrueType is set when the file is not a TrueType-outline font at
	// all (a .ttc collection, a CFF .otf, WOFF, or not a font).
	NotTrueType bool
}

func (e *FileError) Error() string {
	if e.NotTrueType {
		return "仅支持 TrueType (.ttf) 字体：" + e.Path + "（" + e.Reason + "）"
	}
	return "无法使用字体文件 " + e.Path + "：" + e.Reason
}

// loadFile reads path and checks that it is a TrueType-outline font whose
// cmap can be read.
func loadFile(path string) (*face, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, oserr.Wrap(path, "无法读取字体文件", err)
	}
	return loadBytes(path, b)
}

// loadBytes checks the sfnt magic number (not the file name), the tables a
// PDF writer needs and the cmap.
func loadBytes(path string, b []byte) (*face, error) {
	notTTF := func(reason string) error {
		return &FileError{Path: path, Reason: reason, NotTrueType: true}
	}
	magic, err := sfntMagic(b)
	if err != nil {
		return nil, notTTF("文件太短，不是字体文件")
	}
	switch magic {
	case magicTrueType, magicTrue:
	case magicTTC:
		return nil, notTTF("这是字体集合 .ttc，请改用单个 .ttf 字体文件")
	case magicOTTO:
		return nil, notTTF("这是 CFF (PostScript) 轮廓的 OpenType 字体 .otf，请先转换为 TrueType 轮廓的 .ttf")
	case magicWOFF, magicWOFF2:
		return nil, notTTF("这是网页字体 WOFF，请改用 .ttf 字体文件")
	default:
		return nil, notTTF("不是字体文件")
	}
	for _, tag := range []string{"head", "hhea", "hmtx", "loca", "glyf"} {
		if _, ok, err := findTable(b, tag); err != nil {
			return nil, &FileError{Path: path, Reason: "文件已损坏：" + err.Error()}
		} else if !ok {
			return nil, notTTF("缺少 TrueType 轮廓所需的 " + tag + " 表")
		}
	}
	f := &face{data: b, source: path}
	if _, err := f.coverage(); err != nil {
		return nil, &FileError{Path: path, Reason: "无法读取字符映射表：" + err.Error()}
	}
	if _, err := f.trueType(); err != nil {
		return nil, &FileError{Path: path, Reason: "文件已损坏：" + err.Error()}
	}
	return f, nil
}

// dirNames are the file names (without extension, lower case) FromDir
// recognises for each role, in order of preference: the shipped file name
// first, then the usual Windows and Founder (方正) file names.
var dirNames = map[Role][]string{
	Body:       {"fang", "simfang", "仿宋_gb2312", "fangsong_gb2312", "仿宋", "fangsong"},
	Heading:    {"hei", "simhei", "黑体"},
	Subheading: {"kai", "simkai", "楷体_gb2312", "kaiti_gb2312", "楷体", "kaiti"},
	Table:      {"song", "simsun", "宋体"},
	Title:      {"title", "fzxbsjw", "方正小标宋简体", "方正小标宋_gbk"},
	Fallback:   {"fallback"},
}

// fontExts are the extensions FromDir looks at. .ttc and .otf files with a
// recognised name are read only to be rejected with a clear message.
var fontExts = map[string]bool{".ttf": true, ".ttc": true, ".otf": true}

// dirRole returns the role a file name stands for and its preference rank
// (lower is better), or ok=false.
func dirRole(name string) (r Role, rank int, ok bool) {
	ext := strings.ToLower(filepath.Ext(name))
	if !fontExts[ext] {
		return "", 0, false
	}
	stem := strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))
	for _, role := range roles {
		for i, n := range dirNames[role] {
			if stem == n {
				return role, i, true
			}
		}
	}
	return "", 0, false
}

// FromDir returns the shipped Set with each role whose font file exists in dir
// replaced by that file. Recognised names (case-insensitive, extension .ttf):
//
//	fang:  fang.ttf simfang.ttf 仿宋_GB2312.ttf FangSong_GB2312.ttf 仿宋.ttf FangSong.ttf
//	hei:   hei.ttf simhei.ttf 黑体.ttf
//	kai:   kai.ttf simkai.ttf 楷体_GB2312.ttf KaiTi_GB2312.ttf 楷体.ttf KaiTi.ttf
//	song:  song.ttf simsun.ttf 宋体.ttf
//	title: title.ttf FZXBSJW.TTF 方正小标宋简体.ttf 方正小标宋_GBK.ttf
//	fallback: fallback.ttf
//
// When several names of one role are present, the earliest in this list that
// is a usable font wins. The file's content decides, not its extension: a
// TrueType collection (.ttc, such as Windows' simsun.ttc) or a CFF-outline
// OpenType font (.otf) under one of these names is rejected with a
// *FileError naming the file ("仅支持 TrueType (.ttf) 字体：…"); so is a
// damaged font ("无法使用字体文件 …").
//
// Errors: if dir cannot be read, FromDir returns nil and the error. If some
// recognised files are rejected, it returns the Set built from the usable
// files (the other roles keep the shipped fonts) together with an error
// joining one *FileError per rejected file, so a caller may stop or only warn.
func FromDir(dir string) (*Set, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, oserr.Wrap(dir, "无法读取字体文件夹", err)
	}
	type cand struct {
		rank int
		path string
	}
	cands := map[Role][]cand{}
	for _, e := range entries {
		r, rank, ok := dirRole(e.Name())
		if !ok {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		cands[r] = append(cands[r], cand{rank, path})
	}
	s := Default()
	var errs []error
	for i, r := range roles {
		cs := cands[r]
		// By preference, then by path for names differing only in case.
		slices.SortFunc(cs, func(a, b cand) int {
			if a.rank != b.rank {
				return a.rank - b.rank
			}
			return strings.Compare(a.path, b.path)
		})
		for _, c := range cs {
			f, err := loadFile(c.path)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			s.faces[i] = f
			break
		}
	}
	return s, errors.Join(errs...)
}

// WithFile replaces the font of role r with the TrueType file at path (for
// per-role flags such as --font-fang). The file must be a TrueType-outline
// font; otherwise the Set is unchanged and the error is a *FileError.
func (s *Set) WithFile(r Role, path string) error {
	i := r.index()
	if i < 0 {
		return unknown(r)
	}
	f, err := loadFile(path)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.faces[i] = f
	s.mu.Unlock()
	return nil
}

func (s *Set) face(r Role) *face {
	i := r.index()
	if i < 0 {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.faces[i]
}

// Bytes returns the font bytes for role r in this set, or nil for an unknown
// role. The slice is shared: callers must not modify it.
func (s *Set) Bytes(r Role) []byte {
	if f := s.face(r); f != nil {
		return f.data
	}
	return nil
}

// TrueType returns the font of role r opened for reading in place (see
// OpenTrueType), opened once per font and shared. The error is that of
// OpenTrueType, or an unknown role.
func (s *Set) TrueType(r Role) (*TrueType, error) {
	f := s.face(r)
	if f == nil {
		return nil, unknown(r)
	}
	return f.trueType()
}

// Source returns where the font for role r comes from: the file path given to
// FromDir or WithFile, or "embedded:fang.ttf" and so on for a shipped font.
func (s *Set) Source(r Role) string {
	if f := s.face(r); f != nil {
		return f.source
	}
	return ""
}

// Covers reports whether the font for role r has a glyph for c. The font's
// cmap is parsed once and cached.
func (s *Set) Covers(r Role, c rune) bool {
	f := s.face(r)
	if f == nil {
		return false
	}
	cv, err := f.coverage()
	if err != nil {
		return false
	}
	return cv.has(c)
}

// Missing returns, in order of first appearance and without repeats, the
// characters of text that neither the font for role r nor the fallback font
// can draw. Whitespace and control characters are ignored.
func (s *Set) Missing(r Role, text string) []rune {
	var out []rune
	seen := map[rune]bool{}
	for _, c := range text {
		if unicode.IsSpace(c) || unicode.IsControl(c) || seen[c] {
			continue
		}
		seen[c] = true
		if s.Covers(r, c) || s.Covers(Fallback, c) {
			continue
		}
		out = append(out, c)
	}
	return out
}

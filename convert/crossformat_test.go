package convert_test

// The cross-format equality test: every PDF and Word file in
// testdata/inputs (see its README.md) is the same report as a text, HTML or
// expected.json original in the repository, pushed through govreport's
// writers, LibreOffice, Chromium or qpdf. Reading it must give back every
// cell (kind, text as written, value) and the agency, year and edition of
// the original. A kind whose reader is not registered yet skips, naming the
// missing reader; the skip disappears by itself once the reader exists.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

const inputsDir = "../testdata/inputs"

// crossOrigins maps the report id that starts every input file name to the
// original the file was made from. Originals ending in expected.json have no
// text form (401 is a PDF, 404 a docx): their reference is the hand-checked
// expected.json. The others' reference is today's reading of the original,
// because govreport's writers print exactly what that reading holds.
var crossOrigins = map[string]string{
	"seed000":   "../testdata/seeds/000_2a7c9f704202fa4c.txt",
	"seed001":   "../testdata/seeds/001_1d4dd3ae0346d0fe.txt",
	"seed002":   "../testdata/seeds/002_b0e573aacea97adf.txt",
	"seed003":   "../testdata/seeds/003_8178ad8169fa307d.txt",
	"seed004":   "../testdata/seeds/004_22aab187490cdc1c.txt",
	"sample001": "../testdata/samples/001/source.html",
	"sample003": "../testdata/samples/003/source.txt",
	"sample006": "../testdata/samples/006/source.txt",
	"sample451": "../testdata/samples/451/source.txt",
	"sample401": "../testdata/samples/401/expected.json",
	"sample404": "../testdata/samples/404/expected.json",
}

// outcome is what reading an input must give.
type outcome int

const (
	// sameCells: the cells and metadata of the reference.
	sameCells outcome = iota
	// refused: a *model.ParseError naming the file whose message contains
	// the case's want text.
	refused
	// refusedOrFlagged: either refused as above, or a report in which no
	// number disagrees with the reference without a doubt and, if anything
	// differs from the reference, the reader added a finding of its own.
	refusedOrFlagged
)

// variantOutcomes classifies the qpdf variants in testdata/inputs/variants
// (named <report>.<variant>.pdf); the README there says how each was made.
var variantOutcomes = map[string]struct {
	outcome outcome
	want    string
}{
	"objstm":  {sameCells, ""},
	"rc4-40":  {sameCells, ""},
	"rc4-128": {sameCells, ""},
	"aes-128": {sameCells, ""},
	"aes-256": {sameCells, ""},
	// Every object is intact, only the offsets lie: a reader must rebuild
	// the cross-reference table by scanning, so a refusal is a failure.
	"broken-xref": {sameCells, ""},
	"password":    {refused, "密码"},
	// CID fonts with Identity-H and no ToUnicode: the codes mean nothing as
	// text. Refusing is right ("…需要 OCR"); a reader that recovers text in
	// another way (the embedded fonts' cmap) must not guess silently.
	"no-tounicode": {refusedOrFlagged, "OCR"},
	// The page tree, catalog and trailer are cut off: refusing with any
	// message naming the file is right; a partial reading must say so.
	"truncated": {refusedOrFlagged, ""},
}

// knownGaps are inputs a reader cannot read back in full, with the reason.
// Such a case still runs: a difference skips with the reason (shown by
// go test -v), and reading it right fails, so the entry gets removed.
var knownGaps = map[string]string{
	// LibreOffice drops the page's centred title (page 1 is empty), and it
	// lays table 三 wider than the page: the row labels cut by the left
	// edge are read whole, but the cells of the three outer columns on the
	// right (法律服务机构's values, 其他, 总计) are not in the file at all
	// (no text is drawn there), so they read blank with a doubt or missing.
	// The PDF reader says so in a READ-PDF-OFFPAGE finding.
	"sample001.html.lo.pdf": "LibreOffice 导出时丢了标题，表三超出页面，右侧三列的数字根本没有写入 PDF",
}

type crossCase struct {
	file    string // path relative to this package
	report  string // key of crossOrigins
	outcome outcome
	want    string
}

// crossCases lists every input: the files of testdata/inputs, its variants,
// and the two originals that are themselves PDF and Word.
func crossCases(t *testing.T, exts ...string) []crossCase {
	t.Helper()
	var cases []crossCase
	add := func(dir string, variants bool) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !slices.Contains(exts, filepath.Ext(name)) {
				continue
			}
			parts := strings.Split(name, ".")
			c := crossCase{file: filepath.Join(dir, name), report: parts[0]}
			if _, ok := crossOrigins[c.report]; !ok {
				t.Errorf("%s: report %q has no original in crossOrigins", c.file, c.report)
				continue
			}
			if variants {
				v, ok := variantOutcomes[parts[1]]
				if len(parts) != 3 || !ok {
					t.Errorf("%s: unknown variant; add it to variantOutcomes with its expected outcome", c.file)
					continue
				}
				c.outcome, c.want = v.outcome, v.want
			}
			cases = append(cases, c)
		}
	}
	add(inputsDir, false)
	add(filepath.Join(inputsDir, "variants"), true)
	for _, c := range []crossCase{
		{file: "../testdata/samples/401/source.pdf", report: "sample401"},
		{file: "../testdata/samples/404/source.docx", report: "sample404"},
	} {
		if slices.Contains(exts, filepath.Ext(c.file)) {
			cases = append(cases, c)
		}
	}
	return cases
}

// TestCrossFormat reads every PDF and docx input and compares it with the
// reading of its original.
func TestCrossFormat(t *testing.T) {
	cases := crossCases(t, ".pdf", ".docx")
	if len(cases) < 40 {
		t.Fatalf("only %d inputs found in %s; regenerate them with make.sh", len(cases), inputsDir)
	}
	refs := map[string]*reference{}
	for _, c := range cases {
		// Subtest names without slashes, so that -run can pick one file.
		name := strings.ReplaceAll(strings.TrimPrefix(strings.TrimPrefix(c.file, inputsDir+"/"), "../testdata/"), "/", ":")
		t.Run(name, func(t *testing.T) {
			ref := refs[c.report]
			if ref == nil {
				ref = loadReference(t, crossOrigins[c.report])
				refs[c.report] = ref
			}
			runCrossCase(t, c, ref)
		})
	}
}

// TestCrossFormatLegacyDoc reads the legacy .doc inputs, which the Word
// reader converts through LibreOffice.
func TestCrossFormatLegacyDoc(t *testing.T) {
	cases := crossCases(t, ".doc")
	if len(cases) == 0 {
		t.Fatalf("no .doc input in %s; regenerate them with make.sh", inputsDir)
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice (LibreOffice) is not installed: .doc is read through it")
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			runCrossCase(t, c, loadReference(t, crossOrigins[c.report]))
		})
	}
}

// TestCrossFormatCorpusComplete guards the corpus itself: every report with
// a text or HTML original has its govreport and LibreOffice files.
func TestCrossFormatCorpusComplete(t *testing.T) {
	for id, orig := range crossOrigins {
		if strings.HasSuffix(orig, "expected.json") {
			continue
		}
		for _, chain := range []string{"govreport.pdf", "govreport.docx", "govreport-docx.lo.pdf", "govreport-docx.lo.docx"} {
			p := filepath.Join(inputsDir, id+"."+chain)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Errorf("%v (run testdata/inputs/make.sh)", err)
				continue
			}
			// Sniffed by content as the reader that owns the extension.
			var owner string
			for _, r := range convert.Readers() {
				if slices.Contains(r.Exts, filepath.Ext(p)) {
					owner = r.Name
				}
			}
			if got := convert.ReaderFor(b).Name; got != owner {
				t.Errorf("%s is sniffed as %s, want %s", p, got, owner)
			}
		}
	}
}

func runCrossCase(t *testing.T, c crossCase, ref *reference) {
	rep, err := convert.ReadFile(c.file, convert.ReadOptions{})
	if err != nil {
		if r := missingReader(err); r != "" {
			t.Skipf("no %s reader registered yet (convert.ReadFile: %v)", r, err)
		}
	}
	switch c.outcome {
	case sameCells:
		if err != nil {
			t.Fatalf("want the cells of %s, got error: %v", ref.source, err)
		}
		gap, known := knownGaps[filepath.Base(c.file)]
		if d := ref.diff(rep); d != "" {
			if known {
				t.Skipf("known gap (%s); %s differs from %s:\n%s", gap, c.file, ref.source, d)
			}
			t.Errorf("%s differs from %s:\n%s", c.file, ref.source, d)
		} else if known {
			t.Errorf("%s now reads right: remove it from knownGaps", c.file)
		}
	case refused:
		if err == nil {
			t.Fatalf("want a refusal mentioning %q, got a report (%s %d %q)", c.want, rep.Meta.Edition, rep.Meta.Year, rep.Meta.Agency)
		}
		checkRefusal(t, c, err)
	case refusedOrFlagged:
		if err != nil {
			checkRefusal(t, c, err)
			return
		}
		if wrong := ref.silentlyWrong(rep); len(wrong) > 0 {
			t.Errorf("%s: numbers that differ from %s without a doubt:\n%s", c.file, ref.source, strings.Join(wrong, "\n"))
		}
		if d := ref.diff(rep); d != "" {
			if own := readerFindings(t, c.file, ref); len(own) == 0 {
				t.Errorf("%s differs from %s and the reader says nothing about it:\n%s", c.file, ref.source, d)
			} else {
				t.Logf("read partly, with findings %v", own)
			}
		}
	}
}

// missingReader tells which reader a refusal says is missing: the messages
// of the registry's placeholder entries for PDF and docx, and of the xlsx
// reader for OLE files (legacy .doc), that stand until a reader lands.
func missingReader(err error) string {
	var pe *model.ParseError
	if !errors.As(err, &pe) {
		return ""
	}
	switch {
	case strings.Contains(pe.Msg, "暂不支持直接读取 PDF"):
		return "PDF"
	case strings.Contains(pe.Msg, "暂不支持读取此类压缩文档"):
		return "docx (Word)"
	case strings.Contains(pe.Msg, "旧版 Office 复合文档"):
		return "legacy .doc (Word 97–2003)"
	}
	return ""
}

func checkRefusal(t *testing.T, c crossCase, err error) {
	t.Helper()
	var pe *model.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("want a *model.ParseError, got %T: %v", err, err)
	}
	if !strings.Contains(pe.File, filepath.Base(c.file)) {
		t.Errorf("refusal does not name the file: %v", err)
	}
	if !strings.Contains(pe.Msg, c.want) {
		t.Errorf("refusal %q does not mention %q", pe.Msg, c.want)
	}
	if !hasHan(pe.Msg) {
		t.Errorf("refusal is not in Chinese: %q", pe.Msg)
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

// readerFindings returns the IDs of the findings the reader (not the checks)
// makes on file that it does not make on the original.
func readerFindings(t *testing.T, file string, ref *reference) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := convert.ReaderFor(b).Read(b, convert.ReadOptions{Name: file})
	if err != nil {
		t.Fatalf("second read: %v", err)
	}
	var own []string
	for _, f := range rep.Findings {
		if f.Status != model.Pass && !ref.readerIDs[f.ID] {
			own = append(own, f.ID)
		}
	}
	return own
}

// refCell is one reference cell.
type refCell struct {
	kind  model.Kind
	raw   string
	value float64
	where string // line in the original, for the diff
	// From expected.json, which records a number, the text of a cell that
	// is not a plain number, or null for blank/无:
	numberOnly bool // compare kind and value, not the text
	rawOnly    bool // compare the text only
	anyEmpty   bool // blank or none, either is right
}

// reference is what a file must read as.
type reference struct {
	source    string
	edition   model.Edition
	year      int
	agency    string
	keys      []string // in the specs' order
	cells     map[string]refCell
	readerIDs map[string]bool // finding IDs the reader makes on the original
}

func loadReference(t *testing.T, path string) *reference {
	t.Helper()
	if strings.HasSuffix(path, "expected.json") {
		return loadExpected(t, path)
	}
	rep, err := convert.ReadFile(path, convert.ReadOptions{})
	if err != nil {
		t.Fatalf("reference %s: %v", path, err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := convert.ReaderFor(b).Read(b, convert.ReadOptions{Name: path})
	if err != nil {
		t.Fatalf("reference %s: %v", path, err)
	}
	ref := &reference{source: strings.TrimPrefix(path, "../"), edition: rep.Meta.Edition, year: rep.Meta.Year,
		agency: rep.Meta.Agency, cells: map[string]refCell{}, readerIDs: map[string]bool{}}
	for _, f := range plain.Findings {
		ref.readerIDs[f.ID] = true
	}
	ref.keys = orderedKeys(rep.Meta.Edition, rep.Keys())
	for k, c := range rep.Cells {
		rc := refCell{kind: c.Kind, raw: c.Raw, value: c.Value, where: c.Ref}
		if rc.where == "" && c.Line > 0 {
			rc.where = "line " + strconv.Itoa(c.Line)
		}
		ref.cells[k] = rc
	}
	return ref
}

func loadExpected(t *testing.T, path string) *reference {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		Edition string         `json:"edition"`
		Year    *int           `json:"year"`
		Agency  *string        `json:"agency"`
		Cells   map[string]any `json:"cells"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&exp); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	ref := &reference{source: strings.TrimPrefix(path, "../"), edition: model.Edition(exp.Edition),
		cells: map[string]refCell{}, readerIDs: map[string]bool{}}
	if exp.Year != nil {
		ref.year = *exp.Year
	}
	if exp.Agency != nil {
		ref.agency = *exp.Agency
	}
	keys := templates.Default().Keys(ref.edition)
	if len(keys) == 0 || len(exp.Cells) != len(keys) {
		t.Fatalf("%s: %d cells for edition %q, want %d", path, len(exp.Cells), exp.Edition, len(keys))
	}
	for k, v := range exp.Cells {
		var rc refCell
		switch v := v.(type) {
		case nil:
			rc = refCell{kind: model.KindBlank, anyEmpty: true}
		case float64:
			rc = refCell{kind: model.KindNumber, value: v, numberOnly: true}
		case string:
			rc = refCell{raw: v, rawOnly: true}
		default:
			t.Fatalf("%s: %s = %v (%T)", path, k, v, v)
		}
		rc.where = "expected.json"
		ref.cells[k] = rc
	}
	ref.keys = orderedKeys(ref.edition, slices.Collect(func(yield func(string) bool) {
		for k := range ref.cells {
			if !yield(k) {
				return
			}
		}
	}))
	return ref
}

// orderedKeys puts keys in the edition's table order, unknown ones last.
func orderedKeys(ed model.Edition, keys []string) []string {
	pos := map[string]int{}
	for i, k := range templates.Default().Keys(ed) {
		pos[k] = i
	}
	out := slices.Clone(keys)
	slices.SortStableFunc(out, func(a, b string) int {
		pa, oka := pos[a]
		pb, okb := pos[b]
		switch {
		case oka && okb:
			return pa - pb
		case oka:
			return -1
		case okb:
			return 1
		}
		return strings.Compare(a, b)
	})
	return out
}

// normRaw folds the line breaks a writer may put into a long cell text.
func normRaw(s string) string { return strings.Join(strings.Fields(s), " ") }

// matches says whether a read cell is the reference cell.
func (rc refCell) matches(c *model.Cell) bool {
	if c == nil {
		return false
	}
	switch {
	case rc.anyEmpty:
		return c.Kind == model.KindBlank || c.Kind == model.KindNone
	case rc.numberOnly:
		return c.Kind == model.KindNumber && c.Value == rc.value && c.Doubt == ""
	case rc.rawOnly:
		return normRaw(c.Raw) == normRaw(rc.raw)
	case rc.kind == model.KindMissing:
		// The writers print a cell the reader did not find as an empty
		// cell, which reads back as blank.
		return (c.Kind == model.KindMissing || c.Kind == model.KindBlank) && c.Raw == ""
	}
	return c.Kind == rc.kind && normRaw(c.Raw) == normRaw(rc.raw) && (c.Kind != model.KindNumber || c.Value == rc.value)
}

func (rc refCell) String() string {
	switch {
	case rc.anyEmpty:
		return "blank/none"
	case rc.numberOnly:
		return "number " + strconv.FormatFloat(rc.value, 'f', -1, 64)
	case rc.rawOnly:
		return strconv.Quote(rc.raw)
	}
	return showCell(rc.kind, rc.raw, rc.value, "")
}

func showCell(kind model.Kind, raw string, value float64, doubt string) string {
	s := string(kind) + " " + strconv.Quote(raw)
	if kind == model.KindNumber {
		s += " = " + strconv.FormatFloat(value, 'f', -1, 64)
	}
	if doubt != "" {
		s += " (doubt)"
	}
	return s
}

// diff lists every difference between rep and the reference, one row per
// cell: key, label, want, got, and where each side comes from.
func (ref *reference) diff(rep *model.Report) string {
	var meta []string
	if rep.Meta.Edition != ref.edition {
		meta = append(meta, fmt.Sprintf("edition: want %s, got %s", ref.edition, rep.Meta.Edition))
	}
	if rep.Meta.Year != ref.year {
		meta = append(meta, fmt.Sprintf("year: want %d, got %d", ref.year, rep.Meta.Year))
	}
	if rep.Meta.Agency != ref.agency {
		meta = append(meta, fmt.Sprintf("agency: want %q, got %q (%s)", ref.agency, rep.Meta.Agency, rep.Meta.AgencySource))
	}
	keys := slices.Clone(ref.keys)
	for _, k := range orderedKeys(rep.Meta.Edition, rep.Keys()) {
		if _, ok := ref.cells[k]; !ok {
			keys = append(keys, k)
		}
	}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	// The label goes last: tabwriter counts runes, so CJK text would
	// misalign the columns after it.
	fmt.Fprintln(tw, "  key\twant\tgot\tsource (want / got)\tlabel")
	const maxRows = 40
	n := 0
	for _, k := range keys {
		rc, inRef := ref.cells[k]
		c := rep.Cells[k]
		if inRef && rc.matches(c) {
			continue
		}
		n++
		if n > maxRows {
			continue
		}
		want, got, gotWhere := "(no such key)", "(absent)", ""
		if inRef {
			want = rc.String()
		}
		if c != nil {
			got = showCell(c.Kind, c.Raw, c.Value, c.Doubt)
			gotWhere = c.Ref
			if gotWhere == "" && c.Line > 0 {
				gotWhere = "line " + strconv.Itoa(c.Line)
			}
		}
		ed := ref.edition
		if !inRef {
			ed = rep.Meta.Edition
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s / %s\t%s\n", k, want, got, orDash(rc.where), orDash(gotWhere), templates.Default().Label(ed, k))
	}
	tw.Flush()
	if len(meta) == 0 && n == 0 {
		return ""
	}
	var out strings.Builder
	for _, m := range meta {
		out.WriteString("  " + m + "\n")
	}
	if n > 0 {
		fmt.Fprintf(&out, "  %d of %d cells differ", n, len(ref.cells))
		if n > maxRows {
			fmt.Fprintf(&out, " (first %d shown)", maxRows)
		}
		out.WriteString(":\n" + buf.String())
	}
	return out.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// silentlyWrong lists the cells that hold a number, without a doubt, that
// the reference does not have: a guess presented as a reading.
func (ref *reference) silentlyWrong(rep *model.Report) []string {
	var out []string
	for _, k := range orderedKeys(rep.Meta.Edition, rep.Keys()) {
		c := rep.Cells[k]
		if !c.HasNumber() {
			continue
		}
		rc, ok := ref.cells[k]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("  %s: got %s, the reference has no such cell", k, showCell(c.Kind, c.Raw, c.Value, "")))
		case rc.rawOnly:
			if normRaw(c.Raw) != normRaw(rc.raw) {
				out = append(out, fmt.Sprintf("  %s: want %s, got %s", k, rc, showCell(c.Kind, c.Raw, c.Value, "")))
			}
		case rc.kind != model.KindNumber || rc.value != c.Value:
			out = append(out, fmt.Sprintf("  %s: want %s, got %s", k, rc, showCell(c.Kind, c.Raw, c.Value, "")))
		}
	}
	return out
}

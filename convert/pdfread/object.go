package pdfread

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	pmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Limits of the reader. A file that needs more is refused with a message
// saying which limit it hit; real reports stay far below each of them.
const (
	// MaxPages is the most pages read (reports have 5–30).
	MaxPages = 500
	// MaxStreamBytes caps one decoded stream (content, form, CMap).
	MaxStreamBytes = 32 << 20
	// MaxTotalBytes caps all decoded streams of one file together.
	MaxTotalBytes = 256 << 20
	// MaxOps caps content-stream operators over the whole file.
	MaxOps = 20_000_000
	// MaxGlyphs caps glyphs over the whole file.
	MaxGlyphs = 1_000_000
	// MaxPageGlyphs caps glyphs on one page (a dense A4 page has 3,000).
	MaxPageGlyphs = 100_000
	// maxRules is the most horizontal or vertical rules of one page that
	// are looked at for tables; a page with more is a drawing, not a table.
	maxRules = 3000
	// MaxFormDepth is how deeply Form XObjects may nest.
	MaxFormDepth = 12
	// MaxPathSegments caps path segments over the whole file.
	MaxPathSegments = 2_000_000
	maxRefChain     = 32
	maxTreeDepth    = 64
)

// errLimit marks a hostile or absurd file; its message is user-facing.
type errLimit struct{ msg string }

func (e *errLimit) Error() string { return e.msg }

// file is an opened PDF: pdfcpu's object table plus our caches.
type file struct {
	xr       *pmodel.XRefTable
	streams  map[int][]byte // decoded streams by object number
	fonts    map[int]*font  // fonts by object number
	decoded  int64          // bytes decoded so far
	ops      int            // operators run so far
	glyphs   int
	segments int
}

// open parses b with pdfcpu: xref tables and streams, object streams,
// incremental updates, xref rebuild for broken files, and decryption with
// the empty user password.
func open(b []byte) (f *file, err error) {
	conf := &pmodel.Configuration{
		Reader15:       true,
		ValidationMode: pmodel.ValidationRelaxed,
		Offline:        true,
		Limits:         pmodel.DefaultResourceLimits(),
	}
	conf.Limits.MaxStreamBytes = 64 << 20
	conf.Limits.MaxDecodeBytes = MaxStreamBytes
	conf.Limits.MaxObjectCount = 2_000_000
	conf.Limits.MaxXRefEntries = 2_000_000
	conf.Limits.MaxObjectStreamCount = 200_000
	conf.Limits.MaxRecursionDepth = 64
	guard := &depthGuard{Context: context.Background(), start: time.Now()}
	ctx, err := pdfcpu.ReadWithContext(guard, bytes.NewReader(defuseCycles(b)), conf)
	if guard.tripped.Load() {
		return nil, guard.err
	}
	if err != nil {
		return nil, err
	}
	return &file{xr: ctx.XRefTable, streams: map[int][]byte{}, fonts: map[int]*font{}}, nil
}

// resolve follows indirect references (a chain of them too).
func (f *file) resolve(o types.Object) types.Object {
	for i := 0; i < maxRefChain; i++ {
		ref, ok := o.(types.IndirectRef)
		if !ok {
			return o
		}
		r, err := f.xr.Dereference(ref)
		if err != nil {
			return nil
		}
		o = r
	}
	return nil
}

func (f *file) dict(o types.Object) types.Dict {
	switch v := f.resolve(o).(type) {
	case types.Dict:
		return v
	case types.StreamDict:
		return v.Dict
	}
	return nil
}

func (f *file) array(o types.Object) types.Array {
	a, _ := f.resolve(o).(types.Array)
	return a
}

func (f *file) name(o types.Object) string {
	n, _ := f.resolve(o).(types.Name)
	return string(n)
}

func (f *file) num(o types.Object) (float64, bool) {
	switch v := f.resolve(o).(type) {
	case types.Integer:
		return float64(v), true
	case types.Float:
		return float64(v), true
	}
	return 0, false
}

func (f *file) int(o types.Object, def int) int {
	if v, ok := f.num(o); ok {
		return int(v)
	}
	return def
}

// str returns a string object's bytes.
func (f *file) str(o types.Object) []byte {
	switch v := f.resolve(o).(type) {
	case types.StringLiteral:
		b, err := types.Unescape(string(v))
		if err != nil {
			return nil
		}
		return b
	case types.HexLiteral:
		b, err := v.Bytes()
		if err != nil {
			return nil
		}
		return b
	case types.Name:
		return []byte(v)
	}
	return nil
}

// textString decodes a PDF text string: UTF-16BE with its BOM, UTF-16LE
// with its BOM (WPS), UTF-8 with its BOM (PDF 2.0), else PDFDocEncoding,
// taken as Latin-1 (CJK titles are UTF-16 in practice).
func textString(b []byte) string {
	if len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF {
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	}
	if len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE {
		// UTF-16LE with its BOM: not in the spec, but WPS writes it.
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
		return string(utf16.Decode(u))
	}
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return string(b[3:])
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// stream returns the decoded data of a stream object (by reference, so it
// is cached and counted once).
func (f *file) stream(o types.Object) ([]byte, error) {
	objNr := -1
	if ref, ok := o.(types.IndirectRef); ok {
		objNr = ref.ObjectNumber.Value()
		if b, ok := f.streams[objNr]; ok {
			return b, nil
		}
	}
	sd, ok := f.resolve(o).(types.StreamDict)
	if !ok {
		return nil, errors.New("not a stream")
	}
	for _, fl := range sd.FilterPipeline {
		switch fl.Name {
		case "DCTDecode", "JPXDecode", "CCITTFaxDecode", "JBIG2Decode":
			return nil, errors.New("image stream")
		}
	}
	remain := int64(MaxTotalBytes) - f.decoded
	limit := int64(MaxStreamBytes)
	if remain < limit {
		limit = remain
	}
	if limit <= 0 {
		return nil, &errLimit{fmt.Sprintf("解压后的数据超过 %d MiB 上限（疑似压缩炸弹）", MaxTotalBytes>>20)}
	}
	var data []byte
	if len(sd.FilterPipeline) == 0 {
		data = sd.Raw
	} else if d, ok := inflate(sd, limit); ok {
		data = d
	} else {
		var err error
		data, err = sd.DecodeLengthWithLimit(-1, limit)
		if err != nil {
			if errors.Is(err, filter.ErrDecodeLimitExceeded) {
				return nil, &errLimit{fmt.Sprintf("数据流解压后超过 %d MiB 上限（疑似压缩炸弹）", limit>>20)}
			}
			return nil, err
		}
	}
	if int64(len(data)) > limit {
		return nil, &errLimit{fmt.Sprintf("数据流解压后超过 %d MiB 上限（疑似压缩炸弹）", limit>>20)}
	}
	f.decoded += int64(len(data))
	if objNr >= 0 {
		f.streams[objNr] = data
	}
	return data, nil
}

// page is one page of the page tree with its inherited attributes.
type page struct {
	dict      types.Dict
	resources types.Dict
	box       [4]float64 // crop box (falls back to media box): x0 y0 x1 y1
	rotate    int
}

// pages walks the page tree (depth-first, cycles and absurd counts refused).
func (f *file) pages() ([]page, error) {
	root := f.xr.RootDict
	if root == nil && f.xr.Root != nil {
		root = f.dict(*f.xr.Root)
	}
	if root == nil {
		return nil, errors.New("PDF 中找不到文档目录，无法读取")
	}
	var out []page
	seen := map[int]bool{}
	var walk func(o types.Object, res types.Dict, media, crop []float64, rot int, depth int) error
	walk = func(o types.Object, res types.Dict, media, crop []float64, rot int, depth int) error {
		if depth > maxTreeDepth {
			return &errLimit{"页面树层级过深（可能有循环引用）"}
		}
		if ref, ok := o.(types.IndirectRef); ok {
			n := ref.ObjectNumber.Value()
			if seen[n] {
				return nil // cycle or a page listed twice: skip it
			}
			seen[n] = true
		}
		d := f.dict(o)
		if d == nil {
			return nil
		}
		if r := f.dict(d["Resources"]); r != nil {
			res = r
		}
		if b := f.rect(d["MediaBox"]); b != nil {
			media = b
		}
		if b := f.rect(d["CropBox"]); b != nil {
			crop = b
		}
		if v, ok := f.num(d["Rotate"]); ok {
			rot = int(v)
		}
		kids, hasKids := d["Kids"]
		if t := f.name(d["Type"]); t == "Pages" || (t == "" && hasKids) {
			for _, k := range f.array(kids) {
				if err := walk(k, res, media, crop, rot, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		if len(out) >= MaxPages {
			return &errLimit{fmt.Sprintf("页数超过 %d 页上限，不像是一份年度报告", MaxPages)}
		}
		box := crop
		if box == nil {
			box = media
		}
		if box == nil {
			box = []float64{0, 0, 595.276, 841.89}
		}
		var bx [4]float64
		copy(bx[:], box)
		if bx[0] > bx[2] {
			bx[0], bx[2] = bx[2], bx[0]
		}
		if bx[1] > bx[3] {
			bx[1], bx[3] = bx[3], bx[1]
		}
		out = append(out, page{dict: d, resources: res, box: bx, rotate: ((rot % 360) + 360) % 360})
		return nil
	}
	if err := walk(root["Pages"], nil, nil, nil, 0, 0); err != nil {
		return nil, err
	}
	return out, nil
}

func (f *file) rect(o types.Object) []float64 {
	a := f.array(o)
	if len(a) != 4 {
		return nil
	}
	r := make([]float64, 4)
	for i, v := range a {
		x, ok := f.num(v)
		if !ok {
			return nil
		}
		r[i] = x
	}
	if r[0] == r[2] || r[1] == r[3] {
		return nil
	}
	return r
}

// contents returns the page's content streams concatenated (separated by
// a newline so a token never spans two streams).
func (f *file) contents(p page) ([]byte, error) {
	c := p.dict["Contents"]
	var parts []types.Object
	if a := f.array(c); a != nil {
		parts = a
	} else if c != nil {
		parts = []types.Object{c}
	}
	var buf []byte
	for _, o := range parts {
		b, err := f.stream(o)
		if err != nil {
			var le *errLimit
			if errors.As(err, &le) {
				return nil, err
			}
			continue // a broken content stream: read the rest of the page
		}
		if len(parts) == 1 {
			return b, nil
		}
		buf = append(buf, b...)
		buf = append(buf, '\n')
	}
	return buf, nil
}

// title returns /Info /Title.
func (f *file) title() string {
	if f.xr.Info == nil {
		return ""
	}
	d := f.dict(*f.xr.Info)
	if d == nil {
		return ""
	}
	return strings.TrimSpace(strings.ToValidUTF8(textString(f.str(d["Title"])), ""))
}

// zlibReaders reuses inflaters (each holds a 32 KiB window) across the
// streams of a file and across files.
var zlibReaders sync.Pool

// inflate decodes the common case, a lone FlateDecode without predictor,
// with a pooled inflater and a buffer sized from the compressed length.
// Anything unusual (parameters, a damaged stream, over the limit) answers
// ok=false and goes through pdfcpu's filters, which are more lenient and
// report the limit.
func inflate(sd types.StreamDict, limit int64) ([]byte, bool) {
	if len(sd.FilterPipeline) != 1 || sd.FilterPipeline[0].Name != "FlateDecode" || sd.FilterPipeline[0].DecodeParms != nil {
		return nil, false
	}
	src := bytes.NewReader(sd.Raw)
	var zr io.ReadCloser
	if r, ok := zlibReaders.Get().(io.ReadCloser); ok {
		if r.(zlib.Resetter).Reset(src, nil) != nil {
			return nil, false
		}
		zr = r
	} else {
		r, err := zlib.NewReader(src)
		if err != nil {
			return nil, false
		}
		zr = r
	}
	defer zlibReaders.Put(zr)
	buf := bytes.NewBuffer(make([]byte, 0, min(int64(len(sd.Raw))*4+512, limit+1)))
	n, err := buf.ReadFrom(io.LimitReader(zr, limit+1))
	if err != nil || n > limit {
		return nil, false
	}
	return buf.Bytes(), true
}

// depthGuard is the context pdfcpu reads with. pdfcpu asks a context's Err
// while it parses each dictionary key, so Err is where unbounded recursion
// (reference cycles defuseCycles did not see) and runaway time are
// stopped: every 64th call it checks that the goroutine's stack is less
// than maxFrames deep and that the parse is within its time budget. A
// stack overflow cannot be recovered from; this turns it into an error.
type depthGuard struct {
	context.Context
	start   time.Time
	calls   atomic.Int64
	tripped atomic.Bool
	err     error
}

const (
	maxFrames   = 4000             // real files need a few hundred
	parseBudget = 20 * time.Second // the parse of a real file takes milliseconds
)

func (g *depthGuard) Err() error {
	if g.tripped.Load() {
		return g.err
	}
	if g.calls.Add(1)&63 != 0 {
		return nil
	}
	var pc [1]uintptr
	switch {
	case runtime.Callers(maxFrames, pc[:]) > 0:
		g.err = &errLimit{"PDF 的对象互相引用成环（或嵌套过深），无法解析"}
	case time.Since(g.start) > parseBudget:
		g.err = &errLimit{fmt.Sprintf("解析 PDF 超过 %d 秒上限，疑似恶意或损坏的文件", int(parseBudget/time.Second))}
	default:
		return nil
	}
	g.tripped.Store(true)
	return g.err
}

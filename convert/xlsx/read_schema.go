package xlsx

// Reader: what excelize's decoding of a part would refuse. excelize
// decodes every XML part it reads into its structures with encoding/xml,
// which fails when an attribute or a text does not parse as the number or
// boolean of its field (a cell's style index written "=1", a row height
// "x"). The fast path reads only what it needs from a part; the schema
// below says, for every element excelize decodes, which attributes and
// which text encoding/xml would parse as what, so that the fast path gives
// up wherever excelize would fail and the two paths never disagree.
//
// The schema is derived from excelize's own types (excelize.PartTypes) by
// encoding/xml's rules, so it follows excelize when excelize changes. It
// errs on the strict side, which only costs the fast path: elements and
// attributes are matched by local name whatever their namespace, and a
// decoding it does not model (a custom decoder other than excelize's
// boolean "val" element, a value encoding/xml cannot decode into) gives up
// whenever its element is present.

import (
	"encoding"
	"encoding/xml"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// xkind is how encoding/xml parses an attribute or a text.
type xkind uint8

const (
	xAny     xkind = iota // any text (strings, bytes)
	xInt                  // strconv.ParseInt of the trimmed text, "" = 0
	xUint                 // strconv.ParseUint of the trimmed text, "" = 0
	xFloat                // strconv.ParseFloat of the trimmed text, "" = 0
	xBool                 // strconv.ParseBool of the trimmed text, "" = false
	xValBool              // excelize's attrValBool "val": "" or strconv.ParseBool, untrimmed
	xNever                // encoding/xml cannot decode it (or we do not model how)
)

type xtype struct {
	kind xkind
	bits int
}

// ok reports whether s (decoded) parses as t does in encoding/xml.
func (t xtype) ok(s string) bool {
	if t.kind == xAny {
		return true
	}
	if t.kind == xNever {
		return false
	}
	if s == "" {
		return true
	}
	var err error
	switch t.kind {
	case xInt:
		_, err = strconv.ParseInt(strings.TrimSpace(s), 10, t.bits)
	case xUint:
		_, err = strconv.ParseUint(strings.TrimSpace(s), 10, t.bits)
	case xFloat:
		_, err = strconv.ParseFloat(strings.TrimSpace(s), t.bits)
	case xBool:
		_, err = strconv.ParseBool(strings.TrimSpace(s))
	case xValBool:
		_, err = strconv.ParseBool(s)
	}
	return err == nil
}

// xnode is what encoding/xml checks in one element decoded into one type.
type xnode struct {
	attrs   map[string][]xtype // typed attributes by local name
	anyAttr xtype              // attributes no field names (",any,attr")
	kids    map[string]*xnode  // child elements decoded, by local name
	anyKid  *xnode             // child elements no field names (",any")
	text    xtype              // the element's own text (",chardata", or a basic type)
	name    string             // XMLName: the element must have this local name
	ns      string             // XMLName: … and this namespace
	leaf    bool               // a child element fails (excelize's attrValBool)
	never   bool               // give up whenever this element is present

	// attrList and kidList hold attrs and kids as lists when they are
	// short (attrsListed, kidsListed): a look-up walks them without
	// hashing the name. index makes them.
	attrList    []namedTypes
	kidList     []namedKid
	attrsListed bool
	kidsListed  bool
}

type namedTypes struct {
	name string
	ks   []xtype
}

type namedKid struct {
	name string
	k    *xnode
}

// maxListed is the longest map index lists.
const maxListed = 8

// index makes the lists of n and of every node below it.
func (n *xnode) index(seen map[*xnode]bool) {
	if n == nil || seen[n] {
		return
	}
	seen[n] = true
	if len(n.attrs) <= maxListed {
		n.attrsListed = true
		for name, ks := range n.attrs {
			n.attrList = append(n.attrList, namedTypes{name, ks})
		}
	}
	if len(n.kids) <= maxListed {
		n.kidsListed = true
		for name, k := range n.kids {
			n.kidList = append(n.kidList, namedKid{name, k})
		}
	}
	for _, k := range n.kids {
		k.index(seen)
	}
	n.anyKid.index(seen)
}

// attrTypes is n.attrs[string(name)].
func (n *xnode) attrTypes(name []byte) ([]xtype, bool) {
	if n.attrsListed {
		for i := range n.attrList {
			if n.attrList[i].name == string(name) {
				return n.attrList[i].ks, true
			}
		}
		return nil, false
	}
	ks, ok := n.attrs[string(name)]
	return ks, ok
}

// kidNamed is n.kids[string(name)].
func (n *xnode) kidNamed(name []byte) (*xnode, bool) {
	if n.kidsListed {
		for i := range n.kidList {
			if n.kidList[i].name == string(name) {
				return n.kidList[i].k, true
			}
		}
		return nil, false
	}
	k, ok := n.kids[string(name)]
	return k, ok
}

// schemas gives the node of each part's root element, by its local name.
var schemas = sync.OnceValue(func() map[string]*xnode {
	b := schemaBuilder{done: map[reflect.Type]*xnode{}}
	out := map[string]*xnode{}
	for root, t := range excelize.PartTypes() {
		out[root] = b.node(t)
	}
	seen := map[*xnode]bool{}
	for _, n := range out {
		n.index(seen)
	}
	return out
})

type schemaBuilder struct {
	done map[reflect.Type]*xnode
}

var (
	xmlUnmarshaler  = reflect.TypeFor[xml.Unmarshaler]()
	attrUnmarshaler = reflect.TypeFor[xml.UnmarshalerAttr]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	xmlNameType     = reflect.TypeFor[xml.Name]()
	xmlAttrType     = reflect.TypeFor[xml.Attr]()
	excelizePkg     = reflect.TypeFor[excelize.File]().PkgPath()
)

func implements(t, iface reflect.Type) bool {
	return t.Implements(iface) || reflect.PointerTo(t).Implements(iface)
}

// node gives the checks of an element decoded into a value of type t, as
// encoding/xml's Decoder.unmarshal does them.
func (b *schemaBuilder) node(t reflect.Type) *xnode {
	// A pointer or a slice of elements decodes each element as its
	// element type (no excelize slice type has a decoder of its own).
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8 && !implements(t, xmlUnmarshaler) {
		t = t.Elem()
	}
	if n, ok := b.done[t]; ok {
		return n
	}
	n := &xnode{}
	b.done[t] = n // before the fields: types may contain themselves
	switch {
	case implements(t, xmlUnmarshaler):
		switch {
		case t.PkgPath() == excelizePkg && t.Name() == "attrValBool":
			// No child elements; its "val" attribute, first of that name.
			n.leaf = true
			n.attrs = map[string][]xtype{"val": {{kind: xValBool}}}
		case t.PkgPath() == excelizePkg && t.Name() == "xlsxExt":
			// Decodes into a string attribute and the inner XML.
		default:
			n.never = true
		}
		return n
	case implements(t, textUnmarshaler):
		n.never = true
		return n
	}
	switch t.Kind() {
	case reflect.Interface:
		// encoding/xml skips the element.
	case reflect.Slice:
		n.text = basicKind(t) // bytes
	case reflect.Struct:
		if t == xmlNameType {
			break
		}
		b.fields(n, t)
	default:
		n.text = basicKind(t)
	}
	return n
}

// basicKind is how copyValue parses text into a value of type t.
func basicKind(t reflect.Type) xtype {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return xtype{xInt, t.Bits()}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return xtype{xUint, t.Bits()}
	case reflect.Float32, reflect.Float64:
		return xtype{xFloat, t.Bits()}
	case reflect.Bool:
		return xtype{kind: xBool}
	case reflect.String:
		return xtype{}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return xtype{}
		}
	}
	return xtype{kind: xNever}
}

// attrKind is how unmarshalAttr parses an attribute into a value of type t.
func attrKind(t reflect.Type) xtype {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case implements(t, attrUnmarshaler), implements(t, textUnmarshaler):
		return xtype{kind: xNever}
	case t == xmlAttrType:
		return xtype{}
	case t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8:
		return attrKind(t.Elem())
	}
	return basicKind(t)
}

// fields adds the fields of struct type t to n, as getTypeInfo reads them.
func (b *schemaBuilder) fields(n *xnode, t reflect.Type) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("xml")
		if (!f.IsExported() && !f.Anonymous) || tag == "-" {
			continue
		}
		if f.Anonymous && tag == "" {
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				b.fields(n, et)
				continue
			}
		}
		ns := ""
		if sp, rest, ok := strings.Cut(tag, " "); ok {
			ns, tag = sp, rest
		}
		name, flags, _ := strings.Cut(tag, ",")
		has := func(flag string) bool {
			for _, fl := range strings.Split(flags, ",") {
				if fl == flag {
					return true
				}
			}
			return false
		}
		if f.Name == "XMLName" {
			n.name, n.ns = name, ns
			continue
		}
		switch {
		case has("attr") && has("any"):
			n.anyAttr = attrKind(f.Type)
		case has("attr"):
			if name == "" {
				name = f.Name
			}
			if k := attrKind(f.Type); k.kind != xAny {
				if n.attrs == nil {
					n.attrs = map[string][]xtype{}
				}
				n.attrs[name] = append(n.attrs[name], k)
			}
		case has("chardata"), has("cdata"):
			n.text = basicKind(f.Type)
		case has("innerxml"), has("comment"):
		case has("any"):
			n.anyKid = b.node(f.Type)
		default:
			if name == "" {
				name = f.Name
				if x := xmlNameOf(f.Type); x != "" {
					name = x
				}
			}
			parents := strings.Split(name, ">")
			at := n
			for _, p := range parents[:len(parents)-1] {
				at = at.kid(p, &xnode{})
			}
			at.kid(parents[len(parents)-1], b.node(f.Type))
		}
	}
}

// kid adds k as the child element named name; two fields of one name
// (in different namespaces) give up on that element.
func (n *xnode) kid(name string, k *xnode) *xnode {
	if n.kids == nil {
		n.kids = map[string]*xnode{}
	}
	if old, ok := n.kids[name]; ok && old != k {
		k = &xnode{never: true}
	}
	n.kids[name] = k
	return k
}

// xmlNameOf is the local name of t's XMLName tag, if any.
func xmlNameOf(t reflect.Type) string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return ""
	}
	if f, ok := t.FieldByName("XMLName"); ok && f.Type == xmlNameType {
		tag := f.Tag.Get("xml")
		if _, rest, ok := strings.Cut(tag, " "); ok {
			tag = rest
		}
		name, _, _ := strings.Cut(tag, ",")
		return name
	}
	return ""
}

// attrsOK checks the name and the attributes of the element t just
// started against n (nil: an element encoding/xml skips).
func (n *xnode) attrsOK(t *xtok) bool {
	if n == nil {
		return true
	}
	if n.never || n.name != "" && n.name != string(t.name) {
		return false
	}
	if n.attrs == nil && n.anyAttr.kind == xAny {
		return true
	}
	for _, a := range t.attrs {
		ks, named := n.attrTypes(a.name)
		if !named && n.anyAttr.kind == xAny {
			continue
		}
		if named && plainOK(ks, a.val) {
			continue
		}
		v, ok := xmlUnescape(a.val)
		if !ok {
			return false
		}
		v = crlf(v)
		if !named {
			if !n.anyAttr.ok(v) {
				return false
			}
			continue
		}
		for _, k := range ks {
			if !k.ok(v) {
				return false
			}
		}
	}
	return true
}

// plainOK reports, without allocating, whether the usual values pass
// every check of ks: up to nine digits for integers, digits with one
// point for floats, 0, 1, true and false for booleans. Anything else is
// decided by xtype.ok.
func plainOK(ks []xtype, v []byte) bool {
	digits, points := 0, 0
	for _, c := range v {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			points++
		}
	}
	word := string(v) == "true" || string(v) == "false"
	short := len(v) <= 9 && digits == len(v) && digits > 0
	for _, k := range ks {
		switch k.kind {
		case xInt, xUint:
			if !short || k.bits < 32 {
				return false
			}
		case xFloat:
			if digits == 0 || digits+points != len(v) || points > 1 || len(v) > 15 {
				return false
			}
		case xBool, xValBool:
			if !word && !(len(v) == 1 && (v[0] == '0' || v[0] == '1')) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// crlf reads "\r\n" and a lone "\r" as "\n", as XML does for written text.
func crlf(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// child gives the node of a child element of n named local, nil when
// encoding/xml would skip it.
func (n *xnode) child(local []byte) *xnode {
	if n == nil {
		return nil
	}
	if k, ok := n.kidNamed(local); ok {
		return k
	}
	return n.anyKid
}

// walkChild checks and consumes the child element of n that t just
// started.
func (n *xnode) walkChild(t *xtok) bool {
	k := n.child(t.name)
	if k == nil {
		t.skip()
		return true
	}
	return k.walk(t)
}

// walk checks the element t just started, and everything in it, against
// n, and consumes it. A child element whose type names a namespace gives
// up: the tokenizer does not resolve namespaces below the root.
func (n *xnode) walk(t *xtok) bool { return n.walkKids(t, nil) }

// walkKids is walk with visit, when not nil, called first at the start of
// each child element, with the child's node (nil: encoding/xml skips it): visit
// either consumes the child itself (handled, and whether it passed) or
// leaves it to the schema. A reader uses it to take what it needs from a
// part in the same pass that checks it.
func (n *xnode) walkKids(t *xtok, visit func(k *xnode) (handled, ok bool)) bool {
	if n.ns != "" || !n.attrsOK(t) {
		return false
	}
	if t.empty {
		return true
	}
	depth := len(t.stack)
	var text []byte
	for t.next() {
		switch t.kind {
		case tokEnd:
			if len(t.stack) < depth {
				if n.text.kind == xAny {
					return true
				}
				s, ok := xmlUnescape(text)
				return ok && n.text.ok(crlf(s))
			}
		case tokStart:
			if n.leaf {
				return false
			}
			k := n.child(t.name)
			if visit != nil {
				if handled, ok := visit(k); handled {
					if !ok {
						return false
					}
					continue
				}
			}
			if k == nil {
				t.skip()
			} else if !k.walk(t) {
				return false
			}
		case tokText:
			if n.text.kind != xAny {
				text = append(text, t.text...)
			}
		}
	}
	return false
}

// walkRoot checks the root element of a part as validPart does (named
// root, in the namespace of excelize's type) and walks it with walkKids;
// the tokenizer t has just read the root's start tag.
func walkRoot(t *xtok, root string, visit func(k *xnode) (handled, ok bool)) bool {
	n := schemas()[root]
	if n == nil || t.kind != tokStart || string(t.name) != root {
		return false
	}
	if n.ns != "" && rootNS(t) != n.ns {
		return false
	}
	rn := *n
	rn.ns = ""
	if !rn.walkKids(t, visit) {
		return false
	}
	for t.next() {
	}
	return !t.bad && t.root
}

// validPart reports whether excelize would decode data, a part whose root
// element is root: well-formed for the tokenizer, the root named and in
// the namespace excelize's type says, every checked value parsing.
func validPart(data []byte, root string) bool {
	n := schemas()[root]
	t := newXtok(data)
	if n == nil || !t.first() || string(t.name) != root {
		return false
	}
	if n.ns != "" && rootNS(t) != n.ns {
		return false
	}
	rn := *n
	rn.ns = ""
	if !rn.walk(t) {
		return false
	}
	for t.next() {
	}
	return !t.bad && t.root
}

// rootNS is the namespace of the root element t just started.
func rootNS(t *xtok) string {
	attr := "xmlns"
	if i := strings.IndexByte(string(t.full), ':'); i >= 0 {
		attr = "xmlns:" + string(t.full[:i])
	}
	ns, _ := t.attrFull(attr)
	return ns
}

package pdf

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	lpdf "github.com/ledongthuc/pdf"
)

// glyph is one shown character code with its position in user space.
type glyph struct {
	x, y  float64 // origin of the glyph (baseline, after text rise)
	w     float64 // advance width in user space
	size  float64 // effective font size in user space
	text  string  // decoded text (may be "" or several runes)
	font  *fontInfo
	space bool // the glyph is a space character
}

// seg is a painted straight path segment in user space.
type seg struct{ x0, y0, x1, y1 float64 }

// pageContent is what the walker collects from one page.
type pageContent struct {
	number  int
	box     [4]float64
	glyphs  []glyph
	segs    []seg
	images  int // image XObjects drawn (a scanned page has one and no text)
	badText int // glyphs that decoded to U+FFFD or nothing
}

// fontInfo is what the walker needs from a font dictionary, parsed once.
type fontInfo struct {
	enc      lpdf.TextEncoding
	twoByte  bool
	first    int
	widths   []float64
	cidW     map[int]float64
	dw       float64
	scale    float64 // glyph-space units to text space (1/1000, or Type3 FontMatrix)
	bold     bool
	baseFont string
	decoded  map[int]string
	wide     []wideRange // ToUnicode ranges the library decodes wrongly
}

// walker interprets content streams. It caches fonts by dictionary identity
// across pages (resource names like /F1 mean different fonts on different
// pages of merged files).
type walker struct {
	fonts map[string]*fontInfo
}

func newWalker() *walker { return &walker{fonts: map[string]*fontInfo{}} }

type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

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

// gstate is the part of the graphics and text state the walker tracks.
type gstate struct {
	ctm                       matrix
	tc, tw, th, tl, tfs, rise float64
	font                      *fontInfo
}

// maxFormDepth bounds nested Form XObjects (and with the visited set,
// self-referencing ones).
const maxFormDepth = 8

// Per-page caps keep hostile content streams from making layout quadratic
// in time or unbounded in memory; real report pages are far below them.
const (
	maxGlyphs = 200_000
	maxSegs   = 20_000
)

// page walks one page; a library panic becomes an error for that page only.
func (w *walker) page(p pageRef) (pc *pageContent, err error) {
	defer func() {
		if x := recover(); x != nil {
			pc, err = nil, fmt.Errorf("library panic: %v", x)
		}
	}()
	pc = &pageContent{box: p.box}
	st := &gstate{ctm: identity, th: 1}
	w.run(pc, p.v.Key("Contents"), p.resources, st, map[string]bool{}, 0)
	return pc, nil
}

// run interprets one content stream (or array of streams) with resources.
func (w *walker) run(pc *pageContent, strm, res lpdf.Value, st *gstate, forms map[string]bool, depth int) {
	if strm.Kind() != lpdf.Stream && strm.Kind() != lpdf.Array {
		return
	}
	var stack []gstate
	var tm, tlm matrix
	var path []seg
	var cx, cy, sx, sy float64 // current point and subpath start, user space
	var args []lpdf.Value
	num := func(i int) float64 {
		if i < len(args) {
			return args[i].Float64()
		}
		return 0
	}
	fontCache := map[string]*fontInfo{} // by resource name, this stream only
	show := func(s string) {
		f := st.font
		if f == nil {
			return
		}
		n := 1
		if f.twoByte {
			n = 2
		}
		for i := 0; i+n <= len(s); i += n {
			code := int(s[i])
			if n == 2 {
				code = code<<8 | int(s[i+1])
			}
			w0 := f.width(code)
			trm := (matrix{st.tfs * st.th, 0, 0, st.tfs, 0, st.rise}).mul(tm).mul(st.ctm)
			x, y := trm[4], trm[5]
			text := f.decode(s[i : i+n])
			space := strings.TrimSpace(text) == "" && text != ""
			tx := w0*st.tfs + st.tc
			if n == 1 && code == 32 {
				tx += st.tw
			}
			tx *= st.th
			adv := tm.mul(st.ctm)
			scaleX := math.Hypot(adv[0], adv[1])
			size := st.tfs * math.Hypot(adv[2], adv[3])
			if text == "" || strings.ContainsRune(text, utf8.RuneError) {
				pc.badText++
			}
			if len(pc.glyphs) >= maxGlyphs {
				return
			}
			pc.glyphs = append(pc.glyphs, glyph{x: x, y: y, w: w0 * st.tfs * st.th * scaleX, size: size, text: text, font: f, space: space})
			tm = (matrix{1, 0, 0, 1, tx, 0}).mul(tm)
		}
	}
	lineTo := func(x, y float64) {
		ux, uy := st.ctm.apply(x, y)
		if len(path) < maxSegs {
			path = append(path, seg{cx, cy, ux, uy})
		}
		cx, cy = ux, uy
	}
	lpdf.Interpret(strm, func(stk *lpdf.Stack, op string) {
		args = args[:0]
		for stk.Len() > 0 {
			args = append(args, stk.Pop())
		}
		for i, j := 0, len(args)-1; i < j; i, j = i+1, j-1 {
			args[i], args[j] = args[j], args[i]
		}
		switch op {
		case "q":
			if len(stack) < 1024 {
				stack = append(stack, *st)
			}
		case "Q":
			// Unbalanced Q is common in broken files; keep the state.
			if len(stack) > 0 {
				*st = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "cm":
			if len(args) == 6 {
				st.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(st.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "ET":
		case "Tc":
			st.tc = num(0)
		case "Tw":
			st.tw = num(0)
		case "Tz":
			st.th = num(0) / 100
		case "TL":
			st.tl = num(0)
		case "Ts":
			st.rise = num(0)
		case "Tf":
			if len(args) == 2 {
				name := args[0].Name()
				f, ok := fontCache[name]
				if !ok {
					f = w.font(res.Key("Font"), name)
					fontCache[name] = f
				}
				st.font = f
				st.tfs = num(1)
			}
		case "Td":
			tlm = (matrix{1, 0, 0, 1, num(0), num(1)}).mul(tlm)
			tm = tlm
		case "TD":
			st.tl = -num(1)
			tlm = (matrix{1, 0, 0, 1, num(0), num(1)}).mul(tlm)
			tm = tlm
		case "Tm":
			if len(args) == 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			tlm = (matrix{1, 0, 0, 1, 0, -st.tl}).mul(tlm)
			tm = tlm
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "'":
			tlm = (matrix{1, 0, 0, 1, 0, -st.tl}).mul(tlm)
			tm = tlm
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "\"":
			if len(args) == 3 {
				st.tw, st.tc = num(0), num(1)
				tlm = (matrix{1, 0, 0, 1, 0, -st.tl}).mul(tlm)
				tm = tlm
				show(args[2].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				break
			}
			a := args[0]
			for i := 0; i < a.Len(); i++ {
				v := a.Index(i)
				if v.Kind() == lpdf.String {
					show(v.RawString())
					continue
				}
				tx := -v.Float64() / 1000 * st.tfs * st.th
				tm = (matrix{1, 0, 0, 1, tx, 0}).mul(tm)
			}
		case "m":
			cx, cy = st.ctm.apply(num(0), num(1))
			sx, sy = cx, cy
		case "l":
			lineTo(num(0), num(1))
		case "h":
			if (cx != sx || cy != sy) && len(path) < maxSegs {
				path = append(path, seg{cx, cy, sx, sy})
				cx, cy = sx, sy
			}
		case "re":
			x, y, rw, rh := num(0), num(1), num(2), num(3)
			cx, cy = st.ctm.apply(x, y)
			sx, sy = cx, cy
			lineTo(x+rw, y)
			lineTo(x+rw, y+rh)
			lineTo(x, y+rh)
			lineTo(x, y)
		case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*":
			if len(pc.segs)+len(path) <= maxSegs {
				pc.segs = append(pc.segs, path...)
			}
			path = path[:0]
		case "n":
			path = path[:0] // clipping path only
		case "Do":
			if len(args) == 1 {
				w.do(pc, res, args[0].Name(), st, forms, depth)
			}
		}
	})
}

// do draws an XObject: Form XObjects are walked with their own resources
// and matrix; images are only counted.
func (w *walker) do(pc *pageContent, res lpdf.Value, name string, st *gstate, forms map[string]bool, depth int) {
	xobjs := res.Key("XObject")
	x := xobjs.Key(name)
	switch x.Key("Subtype").Name() {
	case "Image":
		pc.images++
	case "Form":
		id := topRef(xobjs, name)
		if id == "" {
			id = x.String()
		}
		if depth >= maxFormDepth || forms[id] {
			return
		}
		forms[id] = true
		defer delete(forms, id)
		inner := *st
		if m := x.Key("Matrix"); m.Len() == 6 {
			var fm matrix
			for i := range fm {
				fm[i] = m.Index(i).Float64()
			}
			inner.ctm = fm.mul(st.ctm)
		}
		fres := x.Key("Resources")
		if fres.IsNull() {
			fres = res
		}
		w.run(pc, x, fres, &inner, forms, depth+1)
	}
}

// font returns the parsed font for resource name, cached by the identity of
// the font dictionary.
func (w *walker) font(fonts lpdf.Value, name string) *fontInfo {
	id := topRef(fonts, name)
	fd := fonts.Key(name)
	if id == "" {
		id = fd.String()
	}
	if f, ok := w.fonts[id]; ok {
		return f
	}
	f := parseFont(fd)
	w.fonts[id] = f
	return f
}

func parseFont(fd lpdf.Value) *fontInfo {
	lf := lpdf.Font{V: fd}
	f := &fontInfo{enc: lf.Encoder(), scale: 0.001, decoded: map[int]string{}, wide: wideRanges(fd)}
	f.baseFont = fd.Key("BaseFont").Name()
	if i := strings.IndexByte(f.baseFont, '+'); i == 6 {
		f.baseFont = f.baseFont[7:]
	}
	lb := strings.ToLower(f.baseFont)
	f.bold = strings.Contains(lb, "bold") || strings.Contains(lb, "black") || strings.Contains(lb, "heavy") ||
		strings.Contains(lb, "semibold") || strings.HasSuffix(lb, ",b")
	switch fd.Key("Subtype").Name() {
	case "Type0":
		f.twoByte = true
		desc := fd.Key("DescendantFonts").Index(0)
		f.dw = 1000
		if dw := desc.Key("DW"); !dw.IsNull() {
			f.dw = dw.Float64()
		}
		f.cidW = map[int]float64{}
		wa := desc.Key("W")
		for i := 0; i < wa.Len() && len(f.cidW) < 70000; {
			c := int(wa.Index(i).Int64())
			next := wa.Index(i + 1)
			if next.Kind() == lpdf.Array {
				for j := 0; j < next.Len(); j++ {
					f.cidW[c+j] = next.Index(j).Float64()
				}
				i += 2
				continue
			}
			last := int(next.Int64())
			wv := wa.Index(i + 2).Float64()
			for c2 := c; c2 <= last && c2-c < 70000; c2++ {
				f.cidW[c2] = wv
			}
			i += 3
		}
		if fdesc := desc.Key("FontDescriptor"); fdesc.Key("Flags").Int64()&(1<<18) != 0 {
			f.bold = true
		}
	default:
		f.first = int(fd.Key("FirstChar").Int64())
		ws := fd.Key("Widths")
		for i := 0; i < ws.Len() && i < 65536; i++ {
			f.widths = append(f.widths, ws.Index(i).Float64())
		}
		f.dw = fd.Key("FontDescriptor").Key("MissingWidth").Float64()
		if fm := fd.Key("FontMatrix"); fm.Len() == 6 {
			f.scale = fm.Index(0).Float64()
		}
		if fd.Key("FontDescriptor").Key("Flags").Int64()&(1<<18) != 0 {
			f.bold = true
		}
	}
	return f
}

// width is the advance of code in text space units per unit font size.
func (f *fontInfo) width(code int) float64 {
	if f.twoByte {
		// Identity-H: the code is the CID.
		if w, ok := f.cidW[code]; ok {
			return w * f.scale
		}
		return f.dw * f.scale
	}
	if i := code - f.first; i >= 0 && i < len(f.widths) {
		return f.widths[i] * f.scale
	}
	return f.dw * f.scale
}

// decode decodes one code, caching the result: the library's CMap lookup
// scans every range per call.
func (f *fontInfo) decode(raw string) string {
	code := int(raw[0])
	if len(raw) == 2 {
		code = code<<8 | int(raw[1])
	}
	if s, ok := f.decoded[code]; ok {
		return s
	}
	s, ok := decodeWide(f.wide, code)
	if !ok || len(raw) == 1 {
		s = f.enc.Decode(raw)
	}
	if len(f.decoded) < 70000 {
		f.decoded[code] = s
	}
	return s
}

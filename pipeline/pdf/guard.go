package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/baocao/baocao/pipeline"
)

// Structural walks the library would do without cycle checks (libraries.md
// §1.6): the xref /Prev chain, the page tree (Kids, /Parent) and the outline
// (/First, /Next). Object identity comes from the "N G R" references that
// Value.String prints for unresolved children.

var (
	reStartXref = regexp.MustCompile(`startxref\s+(\d+)`)
	rePrev      = regexp.MustCompile(`/Prev\s+(\d+)`)
	reEncRef    = regexp.MustCompile(`/Encrypt\s*(\d+)\s+(\d+)\s+R`)
	reRef       = regexp.MustCompile(`^(\d+) (\d+) R`)
)

// checkPrevChain follows the xref /Prev chain with a visited set; the
// library follows it forever when it loops.
func checkPrevChain(data []byte) error {
	ms := reStartXref.FindAllSubmatch(data[max(0, len(data)-4096):], -1)
	if len(ms) == 0 {
		return nil // the library reports the missing startxref
	}
	off, err := strconv.Atoi(string(ms[len(ms)-1][1]))
	if err != nil {
		return nil
	}
	seen := map[int]bool{}
	for steps := 0; steps < 1000; steps++ {
		if off <= 0 || off >= len(data) {
			return nil
		}
		if seen[off] {
			return fmt.Errorf("xref /Prev chain loops back to offset %d: %w", off, pipeline.ErrMalformed)
		}
		seen[off] = true
		region := data[off:min(len(data), off+1<<16)]
		// The trailer (table) or the stream dictionary (xref stream) ends
		// where its data begins.
		if bytes.HasPrefix(bytes.TrimLeft(region, " \r\n\t"), []byte("xref")) {
			t := bytes.Index(region, []byte("trailer"))
			if t < 0 {
				return nil
			}
			region = region[t:]
			if e := bytes.Index(region, []byte("startxref")); e > 0 {
				region = region[:e]
			}
		} else if e := bytes.Index(region, []byte("stream")); e > 0 {
			region = region[:e]
		}
		m := rePrev.FindSubmatch(region)
		if m == nil {
			return nil
		}
		off, _ = strconv.Atoi(string(m[1]))
	}
	return fmt.Errorf("xref /Prev chain longer than 1000 sections: %w", pipeline.ErrMalformed)
}

var (
	reSize    = regexp.MustCompile(`/Size\s+(\d+)`)
	reXrefSub = regexp.MustCompile(`xref\s+(\d+)\s+(\d+)`)
)

// checkSizes rejects xref sizes no file of this length can have: the library
// allocates a table of /Size (or first+count) entries up front, so a
// corrupted digit means gigabytes.
func checkSizes(data []byte) error {
	limit := int64(len(data))/8 + 1024 // an object takes well over 8 bytes
	for _, m := range reSize.FindAllSubmatch(data, 64) {
		if n, err := strconv.ParseInt(string(m[1]), 10, 64); err != nil || n > limit {
			return fmt.Errorf("xref /Size %s is impossible for a %d-byte file: %w", m[1], len(data), pipeline.ErrMalformed)
		}
	}
	for _, m := range reXrefSub.FindAllSubmatch(data, 64) {
		a, err1 := strconv.ParseInt(string(m[1]), 10, 64)
		b, err2 := strconv.ParseInt(string(m[2]), 10, 64)
		if err1 != nil || err2 != nil || a+b > limit {
			return fmt.Errorf("xref section %s %s is impossible for a %d-byte file: %w", m[1], m[2], len(data), pipeline.ErrMalformed)
		}
	}
	return nil
}

// encInfo is what the /Encrypt dictionary says about the scheme.
type encInfo struct {
	present     bool
	filter      string
	v, r, bits  int
	aes, aes256 bool
}

var (
	reEncV      = regexp.MustCompile(`/V\s+(\d+)`)
	reEncR      = regexp.MustCompile(`/R\s+(\d+)`)
	reEncLength = regexp.MustCompile(`/Length\s+(\d+)`)
	reEncFilter = regexp.MustCompile(`/Filter\s*/(\w+)`)
)

// encryption reads the /Encrypt dictionary textually, before the library
// gives its misleading errors (AES-256 opens as "malformed", RC4-40 opens
// and decrypts to garbage).
func encryption(data []byte) encInfo {
	var dict []byte
	if ms := reEncRef.FindAllSubmatch(data, -1); len(ms) > 0 {
		m := ms[len(ms)-1]
		re, err := regexp.Compile(`(?:^|\s)` + string(m[1]) + `\s+` + string(m[2]) + `\s+obj\b`)
		if err != nil {
			return encInfo{present: true}
		}
		loc := re.FindIndex(data)
		if loc == nil {
			return encInfo{present: true}
		}
		dict = data[loc[1]:min(len(data), loc[1]+4096)]
		if e := bytes.Index(dict, []byte("endobj")); e > 0 {
			dict = dict[:e]
		}
	} else if i := bytes.LastIndex(data, []byte("/Encrypt")); i >= 0 && bytes.HasPrefix(bytes.TrimLeft(data[i+8:], " \r\n"), []byte("<<")) {
		dict = data[i:min(len(data), i+4096)]
	} else {
		return encInfo{}
	}
	atoi := func(re *regexp.Regexp) int {
		if m := re.FindSubmatch(dict); m != nil {
			n, _ := strconv.Atoi(string(m[1]))
			return n
		}
		return 0
	}
	e := encInfo{present: true, v: atoi(reEncV), r: atoi(reEncR), bits: atoi(reEncLength)}
	if m := reEncFilter.FindSubmatch(dict); m != nil {
		e.filter = string(m[1])
	}
	if e.v >= 4 {
		// Crypt filters give /Length in bytes inside /CF; the key size
		// follows from the method instead.
		e.bits = 0
	}
	e.aes256 = bytes.Contains(dict, []byte("AESV3")) || e.v >= 5 || e.r >= 5
	e.aes = e.aes256 || bytes.Contains(dict, []byte("AESV2"))
	return e
}

func (e encInfo) describe() string {
	switch {
	case e.aes256:
		return fmt.Sprintf("AES-256 encryption (V%d R%d)", e.v, e.r)
	case e.aes:
		return fmt.Sprintf("AES-128 encryption (V%d R%d)", e.v, e.r)
	case e.v == 1 || e.r == 2 || e.bits > 0 && e.bits < 128:
		return fmt.Sprintf("RC4 40-bit encryption (V%d R%d)", e.v, e.r)
	default:
		return fmt.Sprintf("RC4-128 encryption (V%d R%d)", e.v, e.r)
	}
}

// unsupported names the schemes the library cannot read, "" otherwise.
func (e encInfo) unsupported() string {
	switch {
	case e.filter != "" && e.filter != "Standard":
		return fmt.Sprintf("security handler /%s (certificate encryption) is not supported", e.filter)
	case e.aes256:
		return e.describe() + " is not supported by the PDF library"
	case e.v == 1 || e.r == 2 || e.bits > 0 && e.bits < 128:
		return e.describe() + " is not supported: the PDF library decrypts it to garbage"
	}
	return ""
}

// refAt returns the "N G" identity of element i of array v, or "" when the
// element is a direct object.
func refAt(refs []string, i int) string {
	if i < len(refs) {
		return refs[i]
	}
	return ""
}

// arrayRefs lists the references of an array as "N G" strings, or nil when
// not every element is a reference (then positions would not line up).
func arrayRefs(v lpdf.Value) []string {
	s := v.String()
	if len(s) < 2 || s[0] != '[' {
		return nil
	}
	var out []string
	rest := s[1 : len(s)-1]
	for len(rest) > 0 {
		m := reRef.FindStringSubmatch(rest)
		if m == nil {
			return nil
		}
		out = append(out, m[1]+" "+m[2])
		rest = rest[len(m[0]):]
		if len(rest) > 0 && rest[0] == ' ' {
			rest = rest[1:]
		}
	}
	if len(out) != v.Len() {
		return nil
	}
	return out
}

// topRef returns the "N G" reference stored under key at the top level of a
// dictionary value (nested dictionaries and strings are skipped), or "".
func topRef(v lpdf.Value, key string) string {
	s := v.String()
	depth := 0
	want := "/" + key + " "
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case '<', '[':
			depth++
		case '>', ']':
			depth--
		case '/':
			if depth == 2 && len(s)-i > len(want) && s[i:i+len(want)] == want {
				if m := reRef.FindStringSubmatch(s[i+len(want):]); m != nil {
					return m[1] + " " + m[2]
				}
			}
		}
	}
	return ""
}

// pageRef is one leaf of the page tree with what it inherits.
type pageRef struct {
	v         lpdf.Value
	resources lpdf.Value
	box       [4]float64
}

// pageTree walks the page tree from the root with a visited set, passing
// /Resources and /MediaBox down, so the library's unguarded Page(n) and
// /Parent walks are never used.
func pageTree(r *lpdf.Reader, maxPages int) (pages []pageRef, err error) {
	defer func() {
		if x := recover(); x != nil {
			pages, err = nil, fmt.Errorf("library panic in the page tree: %v: %w", x, pipeline.ErrMalformed)
		}
	}()
	root := r.Trailer().Key("Root")
	if root.Kind() != lpdf.Dict {
		return nil, fmt.Errorf("no document catalog (/Root): %w", pipeline.ErrMalformed)
	}
	top := root.Key("Pages")
	if maxPages > 0 && top.Key("Count").Int64() > int64(maxPages) {
		return nil, fmt.Errorf("%d pages exceeds the limit of %d: %w", top.Key("Count").Int64(), maxPages, pipeline.ErrTooLarge)
	}
	type item struct {
		v   lpdf.Value
		id  string
		res lpdf.Value
		box [4]float64
	}
	stack := []item{{v: top, id: topRef(root, "Pages"), box: [4]float64{0, 0, 595, 842}}}
	seen := map[string]bool{}
	nodes := 0
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.id != "" {
			if seen[it.id] {
				return nil, fmt.Errorf("page tree cycle: object %s R is reached twice: %w", it.id, pipeline.ErrMalformed)
			}
			seen[it.id] = true
		}
		if nodes++; nodes > 1_000_000 {
			return nil, fmt.Errorf("page tree too large: %w", pipeline.ErrTooLarge)
		}
		res := it.v.Key("Resources")
		if res.IsNull() {
			res = it.res
		}
		box := it.box
		if mb := it.v.Key("MediaBox"); mb.Len() == 4 {
			for i := range box {
				box[i] = mb.Index(i).Float64()
			}
		}
		kids := it.v.Key("Kids")
		if it.v.Key("Type").Name() == "Pages" || kids.Kind() == lpdf.Array && it.v.Key("Type").Name() != "Page" {
			refs := arrayRefs(kids)
			for i := kids.Len() - 1; i >= 0; i-- {
				stack = append(stack, item{v: kids.Index(i), id: refAt(refs, i), res: res, box: box})
			}
			continue
		}
		if it.v.Kind() != lpdf.Dict {
			continue
		}
		pages = append(pages, pageRef{v: it.v, resources: res, box: box})
		if maxPages > 0 && len(pages) > maxPages {
			return nil, fmt.Errorf("more than %d pages: %w", maxPages, pipeline.ErrTooLarge)
		}
	}
	return pages, nil
}

// outlineEntry is one bookmark: its title and depth (1 = top level).
type outlineEntry struct {
	title string
	level int
}

// readOutline flattens the bookmark tree in document order. A broken or
// looping outline yields what was read before the problem: bookmarks are
// only hints.
func readOutline(r *lpdf.Reader) (out []outlineEntry) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	root := r.Trailer().Key("Root")
	seen := map[string]bool{}
	var walk func(parent lpdf.Value, level int)
	walk = func(parent lpdf.Value, level int) {
		if level > 16 {
			return
		}
		id := topRef(parent, "First")
		for child := parent.Key("First"); child.Kind() == lpdf.Dict; child = child.Key("Next") {
			if id == "" || seen[id] || len(out) >= 10000 {
				return
			}
			seen[id] = true
			out = append(out, outlineEntry{title: child.Key("Title").Text(), level: level})
			walk(child, level+1)
			id = topRef(child, "Next")
		}
	}
	walk(root.Key("Outlines"), 1)
	return out
}

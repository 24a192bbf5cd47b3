package extract

import (
	_ "embed"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"
)

//go:embed data/count_units.tsv
var countUnitsTSV string

// countRules are the compiled tables; built once, read-only after.
var countRules = sync.OnceValue(func() *countTables {
	t, err := parseCountUnits(countUnitsTSV)
	if err != nil {
		panic(err) // the embedded table is broken: a build bug
	}
	return t
})

// wkey holds the comparison keys of a word as ids into the vocabulary of
// the count tables: tone is the word in lower case with its tone mark moved
// to the end, so both placements compare equal ("hoá" and "hóa" are both
// "hoa" + acute); fold drops every diacritic. A word outside the
// vocabulary has id -1: it matches nothing.
type wkey struct {
	tone, fold int32
	ascii      bool
}

const (
	unknownWord int32 = -1
	numberWord  int32 = -2 // a number in digits among the words
)

func (w wkey) matches(p wkey) bool {
	if w.ascii {
		return w.fold == p.fold && p.fold >= 0
	}
	return w.tone == p.tone && p.tone >= 0
}

// keyTable is an open-addressing hash table from short strings to V,
// made for look-ups on every word (the vocabulary near a number, the
// number words): the keys (all but a rare long one) are held inline in a
// dense array of entries, found through a small index of slots, so a
// look-up touches a few cache lines, hashes two machine words and
// compares two more.
type keyTable[V any] struct {
	index   []uint32 // entry number + 1 by slot, 0 for an empty slot
	entries []keyEntry[V]
	mask    uint64
	long    map[string]V // keys longer than vocabKeyLen
}

// vocabTable is the vocabulary's table: a key string's ids.
type vocabTable = keyTable[wordIDs]

// vocabKeyLen is the longest key held inline: a syllable's tone key is at
// most about ten bytes.
const vocabKeyLen = 16

// A key held inline is two little-endian words, zero past its length.
type keyEntry[V any] struct {
	lo, hi uint64
	val    V
	n      uint8 // key length
}

// vocabHash mixes a key's two words and its length.
func vocabHash(lo, hi uint64, n int) uint64 {
	h := lo*0x9E3779B97F4A7C15 ^ hi*0xC2B2AE3D27D4EB4F ^ uint64(n)
	h ^= h >> 29
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 32
	return h
}

// vocabWords returns the two words of a key of at most vocabKeyLen bytes.
// A key built in a buffer of 16 bytes or more (every caller's tone key)
// is read in place, the bytes past its length masked off: no copy.
func vocabWords(b []byte) (lo, hi uint64) {
	n := len(b)
	if cap(b) < vocabKeyLen {
		var k [vocabKeyLen]byte
		copy(k[:], b)
		return binary.LittleEndian.Uint64(k[:8]), binary.LittleEndian.Uint64(k[8:])
	}
	w := b[:vocabKeyLen]
	return maskKeyWords(binary.LittleEndian.Uint64(w[:8]), binary.LittleEndian.Uint64(w[8:]), n)
}

// maskKeyWords clears the bytes past a key's n bytes in its two words,
// read in place from a longer buffer.
func maskKeyWords(lo, hi uint64, n int) (uint64, uint64) {
	switch {
	case n < 8:
		lo &= 1<<(8*uint(n)) - 1
		hi = 0
	case n < vocabKeyLen:
		hi &= 1<<(8*uint(n-8)) - 1
	}
	return lo, hi
}

func newKeyTable[V any](m map[string]V) keyTable[V] {
	size := 16
	for size < 2*len(m) {
		size *= 2
	}
	v := keyTable[V]{index: make([]uint32, size), mask: uint64(size - 1)}
	for k, e := range m {
		if len(k) > vocabKeyLen {
			if v.long == nil {
				v.long = map[string]V{}
			}
			v.long[k] = e
			continue
		}
		lo, hi := rawWords(k, 0, len(k))
		v.entries = append(v.entries, keyEntry[V]{lo: lo, hi: hi, val: e, n: uint8(len(k))})
		i := vocabHash(lo, hi, len(k)) & v.mask
		for v.index[i] != 0 {
			i = (i + 1) & v.mask
		}
		v.index[i] = uint32(len(v.entries))
	}
	return v
}

func newVocabTable(ids map[string]wordIDs) vocabTable { return newKeyTable(ids) }

// get returns the value of the key b.
func (v *keyTable[V]) get(b []byte) (V, bool) {
	if len(b) > vocabKeyLen {
		e, ok := v.long[string(b)]
		return e, ok
	}
	lo, hi := vocabWords(b)
	return v.find(lo, hi, len(b))
}

// getAt returns the value of the key text[i:j], read in place.
func (v *keyTable[V]) getAt(text string, i, j int) (V, bool) {
	if j-i > vocabKeyLen || j <= i {
		e, ok := v.long[text[i:j]]
		return e, ok
	}
	lo, hi := rawWords(text, i, j)
	return v.find(lo, hi, j-i)
}

// find looks up the inline key of n bytes whose two words are lo and hi.
func (v *keyTable[V]) find(lo, hi uint64, n int) (V, bool) {
	var none V
	if len(v.index) == 0 {
		return none, false
	}
	for i := vocabHash(lo, hi, n) & v.mask; ; i = (i + 1) & v.mask {
		x := v.index[i]
		if x == 0 {
			return none, false
		}
		if e := &v.entries[x-1]; e.lo == lo && e.hi == hi && int(e.n) == n {
			return e.val, true
		}
	}
}

// wordIDs are the ids a key string has as a tone key and as a fold key
// (an ASCII string can be both), unknownWord when it is not one.
type wordIDs struct{ tone, fold int32 }

// keyOf looks the keys of w up in the vocabulary with one map lookup and
// no allocation: an ASCII word's tone key is its fold key; a word with
// diacritics matches by tone only, and its fold id follows from it.
func (r *countTables) keyOf(w string) wkey {
	var tb [64]byte
	tone, _, ascii := appendToneWord(r.infos, tb[:0], w, 0, false)
	return r.keyOfTone(tone, ascii)
}

// keyOfTone is keyOf of a word's tone key (appendToneWord).
func (r *countTables) keyOfTone(tone []byte, ascii bool) wkey {
	k := wkey{tone: unknownWord, fold: unknownWord, ascii: ascii}
	if e, ok := r.vocab.get(tone); ok {
		k.tone = e.tone
		if ascii {
			k.fold = e.fold
		} else if e.tone >= 0 {
			k.fold = r.foldOf[e.tone]
		}
	}
	return k
}

// intern adds w to the vocabulary and returns its keys.
func (r *countTables) intern(w string) wkey {
	tone, fold, ascii := keyStrings(w)
	get := func(s string) wordIDs {
		if e, ok := r.ids[s]; ok {
			return e
		}
		return wordIDs{tone: unknownWord, fold: unknownWord}
	}
	te := get(tone)
	if te.tone < 0 {
		te.tone = int32(len(r.foldOf))
		r.foldOf = append(r.foldOf, unknownWord)
		r.ids[tone] = te
	}
	fe := get(fold)
	if fe.fold < 0 {
		fe.fold = r.nFold
		r.nFold++
		r.ids[fold] = fe
	}
	r.foldOf[te.tone] = fe.fold
	return wkey{tone: te.tone, fold: fe.fold, ascii: ascii}
}

// lead is the first byte of a word, lower-cased when ASCII; upper- and
// lower-case Vietnamese letters share their UTF-8 lead byte.
func lead(w string) byte {
	c := w[0]
	if 'A' <= c && c <= 'Z' {
		c |= 0x20
	}
	return c
}

// unitNode is a node of the unit phrase trie, keyed by folded word.
type unitNode struct {
	terminal bool
	kind     CountKind // "" for a listed non-count
	issued   bool
	next     map[int32][]unitEdge // the edges by fold id, as built (childPlain)
	// The same edges for child, on the path of every word after a number:
	// a node with many (the root: every unit's first word) indexes them
	// by fold id, the others list them (a few words each), no map access.
	dense [][]unitEdge
	small []foldEdge
}

type unitEdge struct {
	tone int32
	node *unitNode
}

type foldEdge struct {
	fold int32
	unitEdge
}

// denseEdges: a node with more children than this indexes them by fold.
const denseEdges = 8

// compile fills dense or small from next, in this node and below.
func (n *unitNode) compile() {
	n.dense, n.small = nil, nil
	if len(n.next) > denseEdges {
		top := int32(0)
		for f := range n.next {
			top = max(top, f)
		}
		n.dense = make([][]unitEdge, top+1)
		for f, es := range n.next {
			n.dense[f] = es
		}
	} else {
		for f, es := range n.next {
			for _, e := range es {
				n.small = append(n.small, foldEdge{fold: f, unitEdge: e})
			}
		}
	}
	for _, es := range n.next {
		for _, e := range es {
			e.node.compile()
		}
	}
}

// child returns the node after word k, nil when none: childPlain's
// answer (TestUnitChild, FuzzUnitChild).
func (n *unitNode) child(k wkey) *unitNode {
	if n.dense != nil {
		if uint32(k.fold) < uint32(len(n.dense)) {
			for _, e := range n.dense[k.fold] {
				if k.ascii || e.tone == k.tone {
					return e.node
				}
			}
		}
		return nil
	}
	for _, e := range n.small {
		if e.fold == k.fold && (k.ascii || e.tone == k.tone) {
			return e.node
		}
	}
	return nil
}

// wordSet is a set of words compared by wkey.matches: bit sets over the
// tone and fold ids.
type wordSet struct{ tone, fold []uint64 }

func (r *countTables) newWordSet(words ...string) wordSet {
	var s wordSet
	for _, w := range words {
		s.add(r.intern(w))
	}
	return s
}

// add puts the word of keys k (ids not negative) in the set.
func (s *wordSet) add(k wkey) {
	set := func(b []uint64, id int32) []uint64 {
		for int(id/64) >= len(b) {
			b = append(b, 0)
		}
		b[id/64] |= 1 << (id % 64)
		return b
	}
	s.tone = set(s.tone, k.tone)
	s.fold = set(s.fold, k.fold)
}

func (s wordSet) has(k wkey) bool {
	b, id := s.tone, k.tone
	if k.ascii {
		b, id = s.fold, k.fold
	}
	return id >= 0 && int(id/64) < len(b) && b[id/64]&(1<<(id%64)) != 0
}

type phrase []wkey

func (r *countTables) phrases(list ...string) []phrase {
	out := make([]phrase, len(list))
	for i, p := range list {
		for _, w := range strings.Fields(p) {
			out[i] = append(out[i], r.intern(w))
		}
	}
	return out
}

// phraseSet is a list of phrases with the set of their first words: a
// word no phrase starts with is passed over with one bit test.
type phraseSet struct {
	list  []phrase
	first wordSet
}

func newPhraseSet(ps []phrase) phraseSet {
	s := phraseSet{list: ps}
	for _, p := range ps {
		s.first.add(p[0])
	}
	return s
}

// in reports whether a phrase of the set starts at a word of ws
// (TestHasPhraseSkip compares it with the search over every start).
func (s *phraseSet) in(ws []wkey) bool {
	for i, w := range ws {
		if !s.first.has(w) {
			continue
		}
		for _, p := range s.list {
			if i+len(p) <= len(ws) && phraseMatches(ws[i:], p) {
				return true
			}
		}
	}
	return false
}

// phraseMatches reports whether ws starts with p; len(ws) >= len(p).
func phraseMatches(ws []wkey, p phrase) bool {
	for j, pw := range p {
		if !ws[j].matches(pw) {
			return false
		}
	}
	return true
}

func phraseAt(ws []word, i int, p phrase) bool {
	for j, pw := range p {
		if !ws[i+j].key.matches(pw) {
			return false
		}
	}
	return true
}

// countTables holds the unit trie and the cue words of the count grammar.
type countTables struct {
	root        *unitNode
	maxWords    int
	classifiers wordSet
	// noCountBefore: a number right after these words is not a count: a
	// document number (số), an ordinal or ranking (thứ, hạng), a date or
	// period (năm, quý, tháng, ngày, giai đoạn), a part of a text (điều,
	// khoản, mục, phụ lục…).
	noCountBefore wordSet
	// numberWords are the number words: a number right after one is the
	// tail of a longer number that did not parse.
	numberWords wordSet
	// yearWords: before a lone "năm" they make it the year ("trong năm").
	yearWords wordSet
	// Words some rules single out.
	so, tong, trinh, muc, danh, tren, luat, tu wkey
	// docTypeHeads and docTypes are the first and last words of document
	// type names: "Đề án 06" is a citation, not six of anything.
	docTypeHeads, docTypes wordSet
	// The vocabulary: every word the tables name, by key; infos is
	// runeInfos().
	ids    map[string]wordIDs // while building; vocab after
	vocab  vocabTable
	foldOf []int32 // fold id by tone id
	nFold  int32
	infos  []runeInfo
	// markerFirst holds the first words of markers, a cheap pre-filter;
	// clauseMarkers the first words of markers that must open a clause.
	markerFirst, clauseMarkers, hoa wordSet
	// scanStops marks the bytes where blockScan.scan looks closer: digits
	// and the first bytes of number words (numWordShapes).
	scanStops [256]bool
	// scanPairs has bit a|b<<8 set when a number word starts with the
	// bytes a, b, and every bit whose a is a digit: blockScan.scan steps
	// over every pair of bytes without one, so that most words starting
	// with a scanStops letter ("nhân", "thủ", "cấp") and most stop letters
	// inside a word ("nh", "ch", "ng" of "những") are passed by in one
	// test, without finding where a word starts or ends.
	scanPairs [1 << 16 / 64]uint64
	// markerShapes[lead byte] has bit n set when a marker's first word has
	// n bytes and starts with that byte (lower or title case).
	markerShapes [256]uint32
	// increase/decrease directly before the number make it a change;
	// changeSkip words may stand between ("tăng thêm", "giảm đi"); cut
	// before giảm makes it a count of cuts ("cắt giảm 05 TTHC").
	increase, decrease, changeSkip, cut wordSet
	comparison, baseline, changeWords   phraseSet
	issuing                             []phrase
	trinhCompounds                      wordSet
	markers                             []phrase
}

func parseCountUnits(tsv string) (*countTables, error) {
	t := &countTables{root: &unitNode{}, ids: map[string]wordIDs{}, infos: runeInfos()}
	var classifiers []string
	for n, line := range strings.Split(tsv, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f) > 3 {
			return nil, fmt.Errorf("count_units.tsv:%d: want phrase<TAB>kind[<TAB>flags], got %q", n+1, line)
		}
		phraseText, kindText := Normalize(strings.TrimSpace(f[0])), strings.TrimSpace(f[1])
		words := strings.Fields(phraseText)
		if len(words) == 0 {
			return nil, fmt.Errorf("count_units.tsv:%d: empty phrase", n+1)
		}
		if kindText == "classifier" {
			if len(words) != 1 {
				return nil, fmt.Errorf("count_units.tsv:%d: a classifier is one word", n+1)
			}
			classifiers = append(classifiers, words[0])
			continue
		}
		var kind CountKind
		if kindText != "-" {
			kind = CountKind(kindText)
			known := false
			for _, k := range CountKinds {
				known = known || k == kind
			}
			if !known {
				return nil, fmt.Errorf("count_units.tsv:%d: unknown kind %q", n+1, kindText)
			}
		}
		issued := false
		if len(f) == 3 {
			switch strings.TrimSpace(f[2]) {
			case "issued":
				issued = true
			case "":
			default:
				return nil, fmt.Errorf("count_units.tsv:%d: unknown flag %q", n+1, f[2])
			}
		}
		node := t.root
		for _, w := range words {
			k := t.intern(w)
			var next *unitNode
			for _, e := range node.next[k.fold] {
				if e.tone == k.tone {
					next = e.node
				}
			}
			if next == nil {
				next = &unitNode{}
				if node.next == nil {
					node.next = map[int32][]unitEdge{}
				}
				node.next[k.fold] = append(node.next[k.fold], unitEdge{tone: k.tone, node: next})
			}
			node = next
		}
		if node.terminal {
			return nil, fmt.Errorf("count_units.tsv:%d: %q listed twice", n+1, phraseText)
		}
		node.terminal, node.kind, node.issued = true, kind, issued
		t.maxWords = max(t.maxWords, len(words))
	}
	t.classifiers = t.newWordSet(classifiers...)
	t.noCountBefore = t.newWordSet("số", "thứ", "hạng", "năm", "quý", "tháng", "ngày", "tuần", "đoạn",
		"khoản", "điều", "điểm", "mục", "chương", "phần", "lục", "biểu", "bảng", "trang", "khóa", "lần",
		"kỳ", "hiệu", "đợt", "phiên", "lúc", "giờ", "mẫu")
	var nws []string
	for w := range numWords {
		nws = append(nws, w)
	}
	t.numberWords = t.newWordSet(nws...)
	t.yearWords = t.newWordSet("trong", "cả", "mỗi", "hằng", "hàng", "các", "của", "đầu", "cuối", "nửa", "giữa",
		"những", "nhiều", "qua", "này", "cùng", "vào", "từ", "đến", "tới", "sang", "trước", "sau", "hết", "là")
	t.so, t.tong, t.trinh = t.intern("số"), t.intern("tổng"), t.intern("trình")
	t.muc, t.danh, t.tren, t.luat, t.tu = t.intern("mục"), t.intern("danh"), t.intern("trên"), t.intern("luật"), t.intern("từ")
	t.docTypeHeads = t.newWordSet("nghị", "quyết", "chỉ", "kế", "công", "thông", "đề", "kết", "chương", "hướng", "tờ", "báo", "dự")
	t.docTypes = t.newWordSet("định", "quyết", "thị", "hoạch", "văn", "tư", "án", "luận", "trình", "dẫn", "báo", "cáo")
	t.increase = t.newWordSet("tăng")
	t.decrease = t.newWordSet("giảm")
	t.changeSkip = t.newWordSet("lên", "thêm", "đi", "xuống", "được", "ra", "bớt", "khoảng", "gần", "hơn", "trên")
	t.cut = t.newWordSet("cắt", "tinh")
	t.comparison = newPhraseSet(t.phrases("so với", "so cùng kỳ"))
	t.baseline = newPhraseSet(t.phrases("cùng kỳ", "kỳ trước", "quý trước", "năm trước"))
	t.changeWords = newPhraseSet(t.phrases("tăng", "giảm", "hơn", "chênh lệch", "vượt"))
	t.issuing = t.phrases("ban hành", "phát hành", "ký", "trình", "phê duyệt", "xây dựng", "tham mưu", "gửi")
	t.trinhCompounds = t.newWordSet("chương", "quy", "lộ", "công", "tiến", "toàn", "hành", "tờ")
	t.markers = t.phrases("trong số đó", "trong số này", "trong đó", "bao gồm", "gồm", "chia ra", "cụ thể", "riêng")
	firsts := []string{"trong", "bao", "gồm", "chia", "cụ", "riêng"}
	t.markerFirst = t.newWordSet(firsts...)
	for _, w := range firsts {
		for _, v := range []string{w, strings.ToUpper(w[:1]) + w[1:]} {
			t.markerShapes[lead(v)] |= 1 << len(v)
		}
	}
	t.clauseMarkers = t.newWordSet("cụ", "riêng")
	t.hoa = t.newWordSet("hóa")
	t.vocab = newVocabTable(t.ids)
	t.root.compile()
	for c := range t.scanStops {
		t.scanStops[c] = isDigit(byte(c)) || numWordShapes[c] != 0
	}
	for w := range numWords {
		t.setScanPair(w[0], w[1])
	}
	for c := byte('0'); c <= '9'; c++ {
		for n := range 256 {
			t.setScanPair(c, byte(n))
		}
	}
	return t, nil
}

// setScanPair sets the bit of the bytes a, b in scanPairs.
func (t *countTables) setScanPair(a, b byte) {
	p := uint(a) | uint(b)<<8
	t.scanPairs[p/64] |= 1 << (p % 64)
}

package extract

import "encoding/binary"

// wordCache remembers the vocabulary keys of words by their bytes as
// written. A report's words are few and repeat ("hồ sơ", "thủ tục", "tỉnh"
// come back in every paragraph), so most words are found here at once,
// without building their tone key (appendToneWord) and looking it up in
// the vocabulary. A key depends only on the word's bytes and the
// vocabulary, so a cache serves one vocabulary for as long as it lives,
// report after report; it is held by a scan's pooled buffers, never shared.
//
// The cache is direct-mapped: a word whose slot another word took is keyed
// again and takes the slot back. Only words of at most vocabKeyLen bytes
// are held (all but a rare long one), by their two little-endian words.
type wordCache struct {
	slots [wordCacheSlots]cachedKey
}

// wordCacheSlots: over the bundled samples, read again and again as an
// ingest reads report after report, 512 slots missed 21 % of the look-ups,
// 2,048 (64 KiB) 4.7 %, 4,096 3.4 %.
const wordCacheSlots = 2048

type cachedKey struct {
	lo, hi uint64
	n      uint8 // word length, 0 for an empty slot
	key    wkey  // as keyOfTone returns it (before a block's fold)
}

// rawWords returns the two little-endian words of t[i:j], j-i at most
// vocabKeyLen, zero past the word.
func rawWords(t string, i, j int) (lo, hi uint64) {
	if i+vocabKeyLen > len(t) {
		var b [vocabKeyLen]byte
		copy(b[:], t[i:j])
		return binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:])
	}
	return maskKeyWords(le64(t, i), le64(t, i+8), j-i)
}

// le64 reads eight bytes of t from i, little-endian (one load).
func le64(t string, i int) uint64 {
	b := t[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// key returns the keys of the word t[i:j] (as keyOfTone of its tone key
// returns them), keyed by voc when not cached.
func (c *wordCache) key(voc *countTables, t string, i, j int) wkey {
	n := j - i
	if n > vocabKeyLen || n <= 0 {
		return voc.keyOf(t[i:j])
	}
	lo, hi := rawWords(t, i, j)
	s := &c.slots[vocabHash(lo, hi, n)&(wordCacheSlots-1)]
	if s.lo == lo && s.hi == hi && int(s.n) == n {
		return s.key
	}
	k := voc.keyOf(t[i:j])
	*s = cachedKey{lo: lo, hi: hi, n: uint8(n), key: k}
	return k
}

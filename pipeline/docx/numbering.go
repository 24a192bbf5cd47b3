package docx

import (
	"context"
	"encoding/xml"
	"strconv"
	"strings"
)

// level is one w:lvl of a list definition.
type level struct {
	start int
	fmt   string // numFmt: decimal, upperRoman, lowerLetter, bullet, none…
	text  string // lvlText: "%1.", "%1.%2.", "a)", a bullet glyph
	suff  string // tab (default), space, nothing
	isLgl bool   // legal numbering: every %n in decimal
	set   bool
}

func defaultLevel() level { return level{start: 1, fmt: "decimal", suff: "tab"} }

// abstractNum is a list definition; styleLink names a numbering style
// whose own numPr points at the definition really used.
type abstractNum struct {
	levels    [9]level
	styleLink string
}

// override is a w:lvlOverride of a num.
type override struct {
	start int // startOverride, -1 when absent
	lvl   *level
}

// num is a w:num: a list instance pointing at an abstract definition.
type num struct {
	abs       string
	overrides map[int]*override
}

// numbering is numbering.xml.
type numbering struct {
	abstract map[string]*abstractNum
	nums     map[string]*num
}

// parseNumbering reads numbering.xml.
func parseNumbering(ctx context.Context, data []byte) (*numbering, error) {
	nb := &numbering{abstract: map[string]*abstractNum{}, nums: map[string]*num{}}
	var (
		abs *abstractNum
		nm  *num
		ov  *override
		lv  *level
	)
	// Word 2010 puts a "custom" numFmt in mc:Choice and a standard one in
	// mc:Fallback: read the fallback.
	skip := map[string]bool{"Choice": true, "rPr": true, "pPr": true}
	err := tokens(ctx, data, skip, func(se xml.StartElement, parent string) {
		switch se.Name.Local {
		case "abstractNum":
			abs = &abstractNum{}
			for i := range abs.levels {
				abs.levels[i] = defaultLevel()
			}
			nb.abstract[attr(se, "abstractNumId")] = abs
		case "num":
			nm = &num{overrides: map[int]*override{}}
			nb.nums[attr(se, "numId")] = nm
		case "abstractNumId":
			if nm != nil && parent == "num" {
				nm.abs = attr(se, "val")
			}
		case "numStyleLink":
			if abs != nil {
				abs.styleLink = attr(se, "val")
			}
		case "lvlOverride":
			if nm != nil {
				ov = &override{start: -1}
				nm.overrides[atoi(attr(se, "ilvl"), 0, 8)] = ov
			}
		case "startOverride":
			if ov != nil {
				ov.start = atoi(attr(se, "val"), 0, 1<<20)
			}
		case "lvl":
			i := atoi(attr(se, "ilvl"), 0, 8)
			switch {
			case ov != nil:
				l := defaultLevel()
				ov.lvl = &l
				lv = ov.lvl
			case abs != nil:
				lv = &abs.levels[i]
			}
			if lv != nil {
				lv.set = true
			}
		case "start":
			if lv != nil {
				lv.start = atoi(attr(se, "val"), 1, 1<<20)
			}
		case "numFmt":
			if lv != nil {
				lv.fmt = attr(se, "val")
			}
		case "lvlText":
			if lv != nil {
				lv.text = attr(se, "val")
			}
		case "suff":
			if lv != nil {
				lv.suff = attr(se, "val")
			}
		case "isLgl":
			if lv != nil {
				lv.isLgl = onOff(se)
			}
		}
	}, func(local string) {
		switch local {
		case "abstractNum":
			abs = nil
		case "num":
			nm = nil
		case "lvlOverride":
			ov = nil
		case "lvl":
			lv = nil
		}
	})
	return nb, err
}

// link follows numStyleLink: a num whose definition only points at a
// numbering style continues the definition that style's own num uses, so
// both count together. One step only: hostile files may loop.
func (nb *numbering) link(ss *styleSheet) {
	for _, n := range nb.nums {
		a := nb.abstract[n.abs]
		if a == nil || a.styleLink == "" {
			continue
		}
		s := ss.byID[a.styleLink]
		if s == nil || !s.hasNum {
			continue
		}
		if t := nb.nums[s.numID]; t != nil && t != n && nb.abstract[t.abs] != nil {
			n.abs = t.abs
		}
	}
}

// counters holds the running numbers of one story (body or notes).
// Word counts per abstract definition: every num pointing at it continues
// the same list unless it overrides the start.
type counters struct {
	nb      *numbering
	vals    map[*abstractNum]*[9]int
	started map[*abstractNum]*[9]bool
	used    map[string]bool // numID/ilvl already seen: startOverride applies once
}

func newCounters(nb *numbering) *counters {
	return &counters{nb: nb, vals: map[*abstractNum]*[9]int{}, started: map[*abstractNum]*[9]bool{}, used: map[string]bool{}}
}

// levelOf returns the effective definition of level i of n.
func (c *counters) levelOf(n *num, a *abstractNum, i int) level {
	if o := n.overrides[i]; o != nil && o.lvl != nil {
		return *o.lvl
	}
	return a.levels[i]
}

// next advances the list numID at ilvl and returns the label Word would
// show, the separator after it, and whether it is a bullet. ok is false
// when the paragraph carries no visible number.
func (c *counters) next(numID string, ilvl int) (label, suff string, bullet, ok bool) {
	n := c.nb.nums[numID]
	if n == nil {
		return "", "", false, false
	}
	a := c.nb.abstract[n.abs]
	if a == nil {
		return "", "", false, false
	}
	if ilvl < 0 || ilvl > 8 {
		ilvl = 0
	}
	vals, started := c.vals[a], c.started[a]
	if vals == nil {
		vals, started = &[9]int{}, &[9]bool{}
		c.vals[a], c.started[a] = vals, started
	}
	lv := c.levelOf(n, a, ilvl)
	key := numID + "/" + strconv.Itoa(ilvl)
	if o := n.overrides[ilvl]; o != nil && !c.used[key] {
		switch {
		case o.start >= 0:
			vals[ilvl], started[ilvl] = o.start, true
		case o.lvl != nil:
			vals[ilvl], started[ilvl] = lv.start, true
		default:
			vals[ilvl]++
		}
	} else if !started[ilvl] {
		vals[ilvl], started[ilvl] = lv.start, true
	} else {
		vals[ilvl]++
	}
	c.used[key] = true
	// A number at one level restarts every deeper level.
	for j := ilvl + 1; j < 9; j++ {
		started[j] = false
	}
	switch lv.fmt {
	case "bullet":
		return "", "", true, true
	case "none":
		return "", "", false, false
	}
	var b strings.Builder
	t := lv.text
	for i := 0; i < len(t); i++ {
		if t[i] == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
			k := int(t[i+1] - '1')
			v := vals[k]
			kl := c.levelOf(n, a, k)
			if !started[k] && k != ilvl {
				v = kl.start
			}
			f := kl.fmt
			if lv.isLgl {
				f = "decimal"
			}
			b.WriteString(formatNumber(v, f))
			i++
			continue
		}
		b.WriteByte(t[i])
	}
	label = strings.TrimSpace(b.String())
	if label == "" {
		return "", "", false, false
	}
	switch lv.suff {
	case "nothing":
		suff = ""
	default:
		suff = " "
	}
	return label, suff, false, true
}

// formatNumber renders n in an OOXML number format; formats we do not
// know fall back to decimal, as Word does for unsupported ones.
func formatNumber(n int, f string) string {
	switch f {
	case "upperRoman", "lowerRoman":
		if n > 0 && n < 4000 {
			r := roman(n)
			if f == "lowerRoman" {
				r = strings.ToLower(r)
			}
			return r
		}
	case "upperLetter", "lowerLetter":
		// Word repeats the letter after z: aa, bb…
		if n > 0 && n <= 26*8 {
			c := byte('a' + (n-1)%26)
			if f == "upperLetter" {
				c -= 'a' - 'A'
			}
			return strings.Repeat(string(c), (n-1)/26+1)
		}
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

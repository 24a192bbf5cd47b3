package docx

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// maxChain bounds basedOn walks: style chains in real files are a few
// levels deep, hostile ones may loop.
const maxChain = 16

// style is what the ingester needs of one styles.xml entry.
type style struct {
	typ     string // paragraph, character, table, numbering
	name    string
	basedOn string
	outline int  // w:outlineLvl, -1 when unset
	bold    int8 // -1 unset, 0 off, 1 on
	super   int8 // vertAlign superscript: -1 unset, 0 no, 1 yes
	font    string
	numID   string
	ilvl    int
	hasNum  bool
	hasIlvl bool
}

// styleSheet is styles.xml, keyed by style id.
type styleSheet struct {
	byID        map[string]*style
	defaultPara string
	docBold     bool
	docFont     string
}

// chain calls f on id and its basedOn ancestors until f returns true.
func (ss *styleSheet) chain(id string, f func(*style) bool) {
	for i := 0; i < maxChain && id != ""; i++ {
		s := ss.byID[id]
		if s == nil || f(s) {
			return
		}
		id = s.basedOn
	}
}

// headingLevel is the outline level (1 = top) a paragraph style gives, 0
// for body text. Word localises style ids but keeps built-in names
// ("heading 1") in English; custom styles inherit through basedOn.
func (ss *styleSheet) headingLevel(id string) int {
	level := 0
	ss.chain(id, func(s *style) bool {
		if s.outline >= 0 {
			if s.outline < 9 {
				level = s.outline + 1
			}
			return true
		}
		if n := headingName(s.name); n > 0 {
			level = n
			return true
		}
		return false
	})
	return level
}

// headingName recognises heading style names: "heading 1", "Heading1",
// Vietnamese custom names ("Tiêu đề 2", "Đề mục 1"), and Title/Subtitle.
func headingName(name string) int {
	n := strings.ToLower(strings.TrimSpace(name))
	switch n {
	case "title":
		return 1
	case "subtitle":
		return 2
	}
	for _, p := range []string{"heading", "tiêu đề", "đề mục"} {
		if rest, ok := strings.CutPrefix(n, p); ok {
			rest = strings.TrimSpace(rest)
			if len(rest) == 1 && rest[0] >= '1' && rest[0] <= '9' {
				return int(rest[0] - '0')
			}
		}
	}
	return 0
}

// numPr is the list a paragraph style attaches (Word's outline-numbered
// headings, LibreOffice's "Numbering 1" styles).
func (ss *styleSheet) numPr(id string) (numID string, ilvl int, ok bool) {
	ss.chain(id, func(s *style) bool {
		if s.hasNum {
			numID, ilvl, ok = s.numID, s.ilvl, true
			return true
		}
		return false
	})
	return
}

// bold resolves bold through a style chain; ok is false when no style in
// the chain says.
func (ss *styleSheet) bold(id string) (on, ok bool) {
	ss.chain(id, func(s *style) bool {
		if s.bold >= 0 {
			on, ok = s.bold == 1, true
			return true
		}
		return false
	})
	return
}

// font resolves the Latin font name through a style chain.
func (ss *styleSheet) font(id string) string {
	f := ""
	ss.chain(id, func(s *style) bool {
		f = s.font
		return f != ""
	})
	return f
}

// rFontsName is the font a w:rFonts gives Latin text.
func rFontsName(se xml.StartElement) string {
	if f := attr(se, "ascii"); f != "" {
		return f
	}
	return attr(se, "hAnsi")
}

func (ss *styleSheet) superscript(id string) bool {
	on := false
	ss.chain(id, func(s *style) bool {
		if s.super >= 0 {
			on = s.super == 1
			return true
		}
		return false
	})
	return on
}

// attr returns the value of the attribute with the given local name.
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// onOff reads an OOXML boolean property: present without w:val means on.
func onOff(se xml.StartElement) bool {
	switch strings.ToLower(attr(se, "val")) {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

// atoi parses a small non-negative integer attribute, def when absent or
// out of range.
func atoi(s string, def, max int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > max {
		return def
	}
	return n
}

// tokens iterates over the start and end elements of a small XML part,
// checking ctx now and then; skip lists elements whose subtree is ignored.
// It uses RawToken: these parts are matched on local names only, and
// namespace translation was a fifth of the ingest time on styles.xml.
func tokens(ctx context.Context, data []byte, skip map[string]bool, start func(se xml.StartElement, parent string), end func(local string)) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []string
	skipping := 0 // depth inside a skipped subtree
	for n := 0; ; n++ {
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		tok, err := dec.RawToken()
		if err == io.EOF {
			if len(stack) > 0 || skipping > 0 {
				return io.ErrUnexpectedEOF
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skipping > 0 || skip[t.Name.Local] {
				skipping++
				continue
			}
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			stack = append(stack, t.Name.Local)
			start(t, parent)
		case xml.EndElement:
			if skipping > 0 {
				skipping--
				continue
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			end(t.Name.Local)
		}
	}
}

// parseStyles reads styles.xml.
func parseStyles(ctx context.Context, data []byte) (*styleSheet, error) {
	ss := &styleSheet{byID: map[string]*style{}}
	var cur *style
	inDefaults := false
	// Revision marks keep the old formatting; conditional table formats
	// are not paragraph properties.
	skip := map[string]bool{"rPrChange": true, "pPrChange": true, "tblStylePr": true, "latentStyles": true}
	err := tokens(ctx, data, skip, func(se xml.StartElement, parent string) {
		switch se.Name.Local {
		case "docDefaults":
			inDefaults = true
		case "style":
			cur = &style{typ: attr(se, "type"), outline: -1, bold: -1, super: -1}
			id := attr(se, "styleId")
			ss.byID[id] = cur
			if cur.typ == "paragraph" && onOffVal(attr(se, "default")) {
				ss.defaultPara = id
			}
		case "name":
			if cur != nil && parent == "style" {
				cur.name = attr(se, "val")
			}
		case "basedOn":
			if cur != nil && parent == "style" {
				cur.basedOn = attr(se, "val")
			}
		case "outlineLvl":
			if cur != nil && parent == "pPr" {
				cur.outline = atoi(attr(se, "val"), -1, 9)
			}
		case "numId":
			if cur != nil && parent == "numPr" {
				cur.numID, cur.hasNum = attr(se, "val"), true
			}
		case "ilvl":
			if cur != nil && parent == "numPr" {
				cur.ilvl, cur.hasIlvl = atoi(attr(se, "val"), 0, 8), true
			}
		case "b":
			if parent != "rPr" {
				return
			}
			if cur != nil {
				cur.bold = boolInt(onOff(se))
			} else if inDefaults {
				ss.docBold = onOff(se)
			}
		case "rFonts":
			if parent != "rPr" {
				return
			}
			if cur != nil {
				cur.font = rFontsName(se)
			} else if inDefaults {
				ss.docFont = rFontsName(se)
			}
		case "vertAlign":
			if cur != nil && parent == "rPr" {
				cur.super = boolInt(attr(se, "val") == "superscript")
			}
		}
	}, func(local string) {
		switch local {
		case "style":
			cur = nil
		case "docDefaults":
			inDefaults = false
		}
	})
	return ss, err
}

func onOffVal(v string) bool {
	switch strings.ToLower(v) {
	case "1", "true", "on":
		return true
	}
	return false
}

func boolInt(b bool) int8 {
	if b {
		return 1
	}
	return 0
}

// rel is one relationship of document.xml.rels.
type rel struct {
	typ, target string
}

// parseRels reads a relationships part; errors leave the defaults.
func parseRels(data []byte) []rel {
	var out []rel
	_ = tokens(context.Background(), data, nil, func(se xml.StartElement, _ string) {
		if se.Name.Local == "Relationship" && !strings.EqualFold(attr(se, "TargetMode"), "External") {
			out = append(out, rel{typ: attr(se, "Type"), target: attr(se, "Target")})
		}
	}, func(string) {})
	return out
}

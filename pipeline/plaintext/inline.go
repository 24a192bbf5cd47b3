package plaintext

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/baocao/baocao/extract"
)

var (
	reHTMLBreak = regexp.MustCompile(`(?i)<br\s*/?>`)
	reHTMLTag   = regexp.MustCompile(`</?[a-zA-Z][^<>]*>`)
	reLink      = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	reEscape    = regexp.MustCompile(`\\([\\\x60*_{}\[\]()#+\-.!|])`)
)

// htmlEntities are the entities converters leave in Markdown; built once
// (a strings.Replacer is safe for concurrent use).
var htmlEntities = strings.NewReplacer("&nbsp;", " ", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'")

// cleanInline removes Markdown/HTML inline syntax, keeping the text and
// turning footnote references into extract.Marker placeholders. Each step
// runs only when the text has the character it needs, so plain prose (most
// of a report) passes through in one scan per step.
func cleanInline(s string, labels map[string]int) string {
	if strings.IndexByte(s, '<') >= 0 && strings.Contains(s, "<sup>") {
		s = replaceSupMarkers(s, labels)
	}
	// A reference and a link both open with "[": most paragraphs have none.
	if strings.IndexByte(s, '[') >= 0 {
		if strings.Contains(s, "[^") {
			s = replaceMDRefs(s, labels)
		}
		if strings.Contains(s, "](") {
			s = reLink.ReplaceAllString(s, "$1")
		}
	}
	if strings.IndexByte(s, '<') >= 0 {
		s = reHTMLBreak.ReplaceAllString(s, " ")
		s = reHTMLTag.ReplaceAllString(s, "")
	}
	s = stripEmphasis(s)
	if strings.IndexByte(s, '`') >= 0 {
		s = strings.ReplaceAll(s, "`", "")
	}
	if strings.IndexByte(s, '\\') >= 0 {
		s = reEscape.ReplaceAllString(s, "$1")
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = htmlEntities.Replace(s)
	}
	return s
}

// stripEmphasis removes emphasis marks: "**" and "__" anywhere, and a
// single "*" or "_" that opens a word (at the start or after a space or
// "(", before a character that is neither space nor mark) or closes one
// (after such a character, before a space, ")", ".", ",", ";", ":" or the
// end). It scans once, left to right, each match consuming the characters
// around its mark, exactly as the regular expression
// `\*\*|__|(^|[\s(])[*_]([^\s*_])|([^\s*_])[*_]([\s).,;:]|$)` replaced by
// its groups would, without that expression's backtracking at every
// position.
func stripEmphasis(s string) string {
	if strings.IndexByte(s, '*') < 0 && strings.IndexByte(s, '_') < 0 {
		return s
	}
	isMark := func(c byte) bool { return c == '*' || c == '_' }
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	// word reports whether a character that is neither space nor mark
	// starts at i, and its length.
	word := func(i int) (int, bool) {
		if i >= len(s) || isSpace(s[i]) || isMark(s[i]) {
			return 0, false
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		return n, true
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		// Every rule below has a mark at the character it is at or the
		// next one: the text up to the character before the next mark is
		// copied as it is.
		m := strings.IndexAny(s[i:], "*_")
		if m < 0 {
			b.WriteString(s[i:])
			break
		}
		m += i
		if m > i {
			_, n := utf8.DecodeLastRuneInString(s[i:m])
			b.WriteString(s[i : m-n])
			i = m - n
		}
		for i <= m && i < len(s) {
			c := s[i]
			// "***bold italics***" (a run-in heading "***a) …:***") first,
			// or a stray third mark would stay.
			if i+2 < len(s) && (c == '*' && s[i+1] == '*' && s[i+2] == '*' || c == '_' && s[i+1] == '_' && s[i+2] == '_') {
				i += 3
				continue
			}
			if i+1 < len(s) && (c == '*' && s[i+1] == '*' || c == '_' && s[i+1] == '_') {
				i += 2
				continue
			}
			// An opening mark at the very start.
			if i == 0 && isMark(c) {
				if n, ok := word(1); ok {
					b.WriteString(s[1 : 1+n])
					i = 1 + n
					continue
				}
			}
			// An opening mark after a space or "(".
			if (isSpace(c) || c == '(') && i+1 < len(s) && isMark(s[i+1]) {
				if n, ok := word(i + 2); ok {
					b.WriteByte(c)
					b.WriteString(s[i+2 : i+2+n])
					i += 2 + n
					continue
				}
			}
			// A closing mark after a word character.
			if n, ok := word(i); ok {
				j := i + n
				if j < len(s) && isMark(s[j]) {
					if j+1 == len(s) {
						b.WriteString(s[i:j])
						i = j + 1
						continue
					}
					if d := s[j+1]; isSpace(d) || strings.IndexByte(").,;:", d) >= 0 {
						b.WriteString(s[i:j])
						b.WriteByte(d)
						i = j + 2
						continue
					}
				}
				b.WriteString(s[i:j])
				i = j
				continue
			}
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// footnoteNumber maps a Markdown footnote label to its number: numeric
// labels keep their number, others are numbered in order of appearance.
func footnoteNumber(lbl string, labels map[string]int) int {
	if n, ok := labels[lbl]; ok {
		return n
	}
	n, err := strconv.Atoi(lbl)
	if err != nil || n <= 0 {
		n = len(labels) + 1
		for taken(labels, n) {
			n++
		}
	}
	labels[lbl] = n
	return n
}

func taken(labels map[string]int, n int) bool {
	for _, v := range labels {
		if v == n {
			return true
		}
	}
	return false
}

// replaceSupMarkers turns each "<sup>n</sup>" in s (spaces allowed inside
// the tags, one to three digits: `<sup>\s*(\d{1,3})\s*</sup>`) into a
// Marker of n.
func replaceSupMarkers(s string, labels map[string]int) string {
	return replaceFrom(s, "<sup>", func(t string) (string, int) {
		n, size := supNumber(t)
		if size == 0 {
			return "", 0
		}
		labels[strconv.Itoa(n)] = n // so a named [^label] does not take this number
		return extract.Marker(n), size
	})
}

// replaceMDRefs turns each Markdown footnote reference "[^label]" in s
// (`\[\^([^\]\s]+)\]`) into a Marker of the label's number.
func replaceMDRefs(s string, labels map[string]int) string {
	return replaceFrom(s, "[^", func(t string) (string, int) {
		label, size := mdLabel(t)
		if size == 0 {
			return "", 0
		}
		return extract.Marker(footnoteNumber(label, labels)), size
	})
}

// replaceFrom replaces, left to right, the matches in s that start with
// open, as a regexp's ReplaceAllStringFunc does: match reads one at the
// start of its argument and returns its replacement and its length (0:
// none starts there).
func replaceFrom(s, open string, match func(string) (string, int)) string {
	var b strings.Builder
	done := 0
	for i := 0; ; {
		j := strings.Index(s[i:], open)
		if j < 0 {
			break
		}
		at := i + j
		repl, size := match(s[at:])
		if size == 0 {
			i = at + 1
			continue
		}
		if done == 0 {
			b.Grow(len(s) + 8) // a Marker is a few bytes longer than what it replaces
		}
		b.WriteString(s[done:at])
		b.WriteString(repl)
		done = at + size
		i = done
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

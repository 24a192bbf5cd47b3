package plaintext

import (
	"regexp"
	"strings"
)

// The Markdown line patterns that are rare enough to stay regular
// expressions; the frequent ones are parsed by hand below.
var (
	reTableSep    = regexp.MustCompile(`^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$`)
	reGridBorder  = regexp.MustCompile(`^\s*\+[-=:+]+\+\s*$`) // pandoc grid tables: +----+----+
	reIndentedDef = regexp.MustCompile(`^(\s{2,}|\t)(\S.*)$`)
)

// reSpace is what \s means in a regexp: the ASCII spaces.
const reSpace = " \t\n\f\r"

func isReSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// trimReSpace is strings.TrimLeft(s, reSpace), and trimReSpaceRight
// strings.TrimRight(s, reSpace), without building the cut set's table on
// each call: they run on every line.
func trimReSpace(s string) string {
	i := 0
	for i < len(s) && isReSpace(s[i]) {
		i++
	}
	return s[i:]
}

func trimReSpaceRight(s string) string {
	i := len(s)
	for i > 0 && isReSpace(s[i-1]) {
		i--
	}
	return s[:i]
}

// The parsers below each do what a regular expression did, without its
// backtracking; FuzzLinePatterns compares them with the expressions.

// isHRule reports a thematic break or a separator drawn with characters
// ("---", "* * *", "==="): only spaces and -*_=~, three of these at least
// (`^\s*([-*_=~])(\s*([-*_=~])){2,}\s*$`).
func isHRule(s string) bool {
	marks := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '-' || c == '*' || c == '_' || c == '=' || c == '~':
			marks++
		case !isReSpace(c):
			return false
		}
	}
	return marks >= 3
}

// supNumber reads "<sup>n</sup>" at the start of s (spaces allowed inside
// the tags, one to three digits: `<sup>\s*(\d{1,3})\s*</sup>`): n and the
// length read, 0 when s does not start so.
func supNumber(s string) (n, size int) {
	t, ok := strings.CutPrefix(s, "<sup>")
	if !ok {
		return 0, 0
	}
	t = trimReSpace(t)
	d := 0
	for d < len(t) && d < 4 && '0' <= t[d] && t[d] <= '9' {
		n = n*10 + int(t[d]-'0')
		d++
	}
	if d == 0 || d > 3 {
		return 0, 0
	}
	t, ok = strings.CutPrefix(trimReSpace(t[d:]), "</sup>")
	if !ok {
		return 0, 0
	}
	return n, len(s) - len(t)
}

// supLine parses a footnote line opening with its number in <sup>
// (`^\s*<sup>\s*(\d{1,3})\s*</sup>\s*(.*)$`): the number and the text.
func supLine(line string) (n int, text string, ok bool) {
	t := trimReSpace(line)
	n, size := supNumber(t)
	if size == 0 {
		return 0, "", false
	}
	return restOfLine(n, t[size:])
}

// restOfLine ends the line patterns `\s*(.*)$`: the text after the spaces,
// which "." does not let run over a line break.
func restOfLine(n int, t string) (int, string, bool) {
	t = trimReSpace(t)
	if strings.IndexByte(t, '\n') >= 0 {
		return 0, "", false
	}
	return n, t, true
}

// mdLabel reads a Markdown footnote reference "[^label]" at the start of s
// (`\[\^([^\]\s]+)\]`): the label and the length read, 0 when s does not
// start so. The label's characters are any but "]" and the spaces, which
// are ASCII: it is read byte by byte.
func mdLabel(s string) (label string, size int) {
	if !strings.HasPrefix(s, "[^") {
		return "", 0
	}
	i := 2
	for i < len(s) && s[i] != ']' && !isReSpace(s[i]) {
		i++
	}
	if i == 2 || i == len(s) || s[i] != ']' {
		return "", 0
	}
	return s[2:i], i + 1
}

// mdDef parses a Markdown footnote definition "[^label]: text", indented
// three spaces at most (`^\s{0,3}\[\^([^\]\s]+)\]:\s*(.*)$`).
func mdDef(line string) (label, text string, ok bool) {
	t := trimReSpace(line)
	if len(line)-len(t) > 3 {
		return "", "", false
	}
	label, size := mdLabel(t)
	if size == 0 || size == len(t) || t[size] != ':' {
		return "", "", false
	}
	_, text, ok = restOfLine(0, t[size+1:])
	return label, text, ok
}

// digitNote parses a line opening with a number of one to three digits: a
// note "12 Quyết định …" (`^\s*(\d{1,3})\s+(\S.*)$`) or a bare number, as
// pdftotext leaves a raised one (`^\s*(\d{1,3})\s*$`, text "").
func digitNote(line string) (n int, text string, ok bool) {
	t := trimReSpace(line)
	d := 0
	for d < len(t) && d < 4 && '0' <= t[d] && t[d] <= '9' {
		n = n*10 + int(t[d]-'0')
		d++
	}
	if d == 0 || d > 3 {
		return 0, "", false
	}
	rest := trimReSpace(t[d:])
	switch {
	case rest == "":
		return n, "", true
	case len(rest) == len(t)-d:
		return 0, "", false // the text must be apart from the number
	}
	return restOfLine(n, rest)
}

// heading parses an ATX heading line (one line, no newline): up to three
// spaces, one to six "#", at least one space, the text, and optionally
// closing "#"s — what `^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$` matches, without
// its backtracking over the line.
func heading(line string) (level int, text string, ok bool) {
	i := 0
	for i < len(line) && i < 3 && isReSpace(line[i]) {
		i++
	}
	h := i
	for i < len(line) && line[i] == '#' {
		i++
	}
	level = i - h
	if level < 1 || level > 6 || i == len(line) || !isReSpace(line[i]) {
		return 0, "", false
	}
	text = trimReSpace(line[i:])
	text = trimReSpaceRight(text)
	text = strings.TrimRight(text, "#")
	text = trimReSpaceRight(text)
	return level, text, true
}

func isHeading(line string) bool {
	_, _, ok := heading(line)
	return ok
}

// bullet returns the text of a list item line ("- x", "* x", "+ x",
// "• x"; `^\s*[-+*•]\s+(.*)$`), or "" with isBullet false.
func bullet(line string) string {
	t := trimReSpace(line)
	var rest string
	switch {
	case t == "":
		return ""
	case t[0] == '-' || t[0] == '+' || t[0] == '*':
		rest = t[1:]
	case strings.HasPrefix(t, "•"):
		rest = t[len("•"):]
	default:
		return ""
	}
	if rest == "" || !isReSpace(rest[0]) {
		return ""
	}
	return trimReSpace(rest)
}

func isBullet(line string) bool {
	t := trimReSpace(line)
	if t == "" || strings.IndexByte("-+*", t[0]) < 0 && !strings.HasPrefix(t, "•") {
		return false
	}
	rest := t[1:]
	if t[0] != '-' && t[0] != '+' && t[0] != '*' {
		rest = t[len("•"):]
	}
	return rest != "" && isReSpace(rest[0])
}

// isGridBorder reports whether line (trim without its spaces) is the
// border of a pandoc grid table.
func isGridBorder(trim, line string) bool {
	return strings.HasPrefix(trim, "+") && reGridBorder.MatchString(line)
}

// isTableSep reports whether line (trim without its spaces) is the rule
// under a pipe table's header ("|---|:--:|"): reTableSep, run only on a
// line with a '|' and a '-' and nothing but the bytes that pattern reads
// (| - : and the ASCII spaces of \s), which a table's rows of text never
// are (FuzzLineGuards compares it with the pattern behind the first two
// tests, as buildMarkdown ran it).
func isTableSep(trim, line string) bool {
	if strings.IndexByte(trim, '|') < 0 || strings.IndexByte(trim, '-') < 0 {
		return false
	}
	for i := 0; i < len(trim); i++ {
		switch trim[i] {
		case '|', '-', ':', ' ', '\t', '\n', '\f', '\r':
		default:
			return false
		}
	}
	return reTableSep.MatchString(line)
}

// gridRow joins the lines of one grid-table row cell by cell.
func gridRow(lines []string, labels map[string]int) string {
	var cells []string
	for _, l := range lines {
		parts := strings.Split(strings.Trim(l, "|"), "|")
		for i, p := range parts {
			if i >= len(cells) {
				cells = append(cells, "")
			}
			if p = strings.TrimSpace(p); p != "" {
				cells[i] = strings.TrimSpace(cells[i] + " " + p)
			}
		}
	}
	return tableRow("| "+strings.Join(cells, " | ")+" |", labels)
}

// tableRow turns "| a | b |" into "a | b", cell by cell.
func tableRow(line string, labels map[string]int) string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	line = strings.TrimSuffix(line, "|")
	cells := strings.Split(line, "|")
	out := cells[:0]
	for _, c := range cells {
		if c = strings.TrimSpace(cleanInline(c, labels)); c != "" {
			out = append(out, c)
		}
	}
	return strings.Join(out, " | ")
}

func isSupLine(line string) bool {
	_, _, ok := supLine(line)
	return ok
}

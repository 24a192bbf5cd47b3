package extract

import (
	"regexp"
	"strconv"
	"strings"
)

// Footnotes typed as text. A report copied from a web page, or written by a
// clerk who did not use the word processor's footnotes, marks its notes
// "[1]", "[2]" … in the text and lists them after the body: "[1] Kế hoạch
// số …". Every ingester meets them (text, DOCX paragraphs, PDF lines), so
// the rule that reads them is here, once, working on the ingester's
// paragraphs before they go to the Builder.

// TypedNotesPossible reports whether a document's text can hold typed notes
// at all: it has their first mark, "[1" (Markdown escapes it "\[1\]"). Most
// documents do not, and an ingester need not hold its blocks back for them.
func TypedNotesPossible(text string) bool {
	return strings.Contains(text, "[1")
}

// TypedNote is one footnote typed as text.
type TypedNote struct {
	Number int
	Text   string
}

// A paragraph opening like a note: "[3] …".
var reNoteLike = regexp.MustCompile(`^\[\d{1,3}\]`)

// A separator rule drawn with characters above the notes.
var reTypedNoteRule = regexp.MustCompile(`^\s*[-_=~*]{3,}\s*$`)

// maxNoteParas bounds how many paragraphs one note may spread over (a
// line break kept inside a note makes two); more means the "[1]" paragraph
// was not a note list at the end.
const maxNoteParas = 4

// SplitTypedNotes finds the typed notes closing a document: from a
// paragraph starting "[1]", the text reads "[1] … [2] … [n] …" with the
// numbers in order, each note non-empty. Paragraphs may hold one note each,
// several run together (a PDF joins lines of the same size and indent), or
// one note over two paragraphs (a line break kept inside a note that stops
// mid-sentence). A web page may close with a few lines of its own after the
// notes (comments, share, back to top). It returns the notes and where they
// are: paras[:body] is the body (a separator rule above the notes is not
// body), paras[body:end] the notes (with the rule), paras[end:] the page's
// closing lines; body and end are len(paras), notes nil, when there are
// none. Only for a document without real footnotes: there "[1]" is text.
func SplitTypedNotes(paras []string) (body, end int, notes []TypedNote) {
	for i := len(paras) - 1; i >= 0; i-- {
		if !strings.HasPrefix(strings.TrimSpace(paras[i]), "[1]") {
			continue
		}
		ns, used, ok := readTypedNotes(paras[i:])
		if !ok || len(paras)-(i+used) > maxClosingParas {
			continue
		}
		body = i
		for body > 0 && (strings.TrimSpace(paras[body-1]) == "" || reTypedNoteRule.MatchString(paras[body-1])) {
			body--
		}
		return body, i + used, ns
	}
	return len(paras), len(paras), nil
}

// maxClosingParas bounds the lines a web page closes with after the notes.
const maxClosingParas = 3

// readTypedNotes reads "[1] … [2] … [n] …" from the start of paras and
// reports how many paragraphs the notes take.
func readTypedNotes(paras []string) ([]TypedNote, int, bool) {
	var notes []TypedNote
	var cur strings.Builder
	spread := 0
	flush := func() bool {
		t := strings.TrimSpace(cur.String())
		cur.Reset()
		if len(notes) == 0 || t == "" {
			return false
		}
		notes[len(notes)-1].Text = t
		return true
	}
	used := 0
	for _, p := range paras {
		p = strings.TrimSpace(p)
		if p == "" {
			used++
			continue
		}
		if len(notes) > 0 && !strings.HasPrefix(p, "["+strconv.Itoa(len(notes)+1)+"]") {
			// Only a note cut mid-sentence goes on in the next paragraph;
			// a note out of order is no closing line of a page.
			if spread++; spread >= maxNoteParas || endsSentence(cur.String()) {
				if reNoteLike.MatchString(p) {
					return nil, 0, false
				}
				break
			}
			// "421/QĐ-" / "UBND": a symbol broken after its hyphen is
			// mended, as the ingesters join a wrapped line.
			if so := cur.String(); !strings.HasSuffix(so, "-") || strings.HasSuffix(so, " -") {
				cur.WriteByte(' ')
			}
		} else {
			spread = 0
		}
		used++
		for {
			open := "[" + strconv.Itoa(len(notes)+1) + "]"
			at := noteOpening(p, open)
			if at < 0 {
				cur.WriteString(p)
				break
			}
			if len(notes) == 0 && at > 0 {
				return nil, 0, false
			}
			cur.WriteString(p[:at])
			if len(notes) > 0 && !flush() {
				return nil, 0, false
			}
			cur.Reset()
			notes = append(notes, TypedNote{Number: len(notes) + 1})
			p = p[at+len(open):]
		}
	}
	if !flush() {
		return nil, 0, false
	}
	return notes, used, true
}

// endsSentence reports whether a note's text so far is complete: it ends
// with ".", ";", "!" or "?" (a closing bracket or quote may follow).
func endsSentence(t string) bool {
	t = strings.TrimRight(strings.TrimSpace(t), ")]\"”'")
	return t != "" && strings.ContainsAny(t[len(t)-1:], ".;!?")
}

// noteOpening is where open ("[k]") starts a note in p: at its start or
// after a space (a note's own text may cite "[k]" glued to a word).
func noteOpening(p, open string) int {
	for from := 0; ; {
		k := strings.Index(p[from:], open)
		if k < 0 {
			return -1
		}
		at := from + k
		if at == 0 || p[at-1] == ' ' {
			return at
		}
		from = at + len(open)
	}
}

// reTypedMark is a note mark in the text: "kế hoạch[1]" or "kế hoạch [1]".
var reTypedMark = regexp.MustCompile(` ?\[(\d{1,3})\]`)

// MarkTypedNotes turns the marks "[k]" of notes 1..notes in a body
// paragraph into Marker placeholders (a space before the mark goes with
// it), and reports whether it found one.
func MarkTypedNotes(p string, notes int) (string, bool) {
	if notes == 0 || !strings.Contains(p, "[") {
		return p, false
	}
	found := false
	out := reTypedMark.ReplaceAllStringFunc(p, func(m string) string {
		n, _ := strconv.Atoi(reTypedMark.FindStringSubmatch(m)[1])
		if n < 1 || n > notes {
			return m
		}
		found = true
		return Marker(n)
	})
	return out, found
}

// AddBody adds an ingester's body blocks (texts[i] is the text of
// blocks[i]) in order. With typedNotes (the file has no real footnotes)
// the notes typed after the body become footnote blocks, added last, and
// their marks in the body become references.
func (bd *Builder) AddBody(blocks []Block, texts []string, typedNotes bool) {
	body, end, notes := len(texts), len(texts), []TypedNote(nil)
	if typedNotes {
		body, end, notes = SplitTypedNotes(texts)
	}
	for i := range texts {
		if i >= body && i < end {
			continue
		}
		t, _ := MarkTypedNotes(texts[i], len(notes))
		bd.Add(blocks[i], t)
	}
	for _, n := range notes {
		bd.Add(Block{Kind: BlockFootnote, Footnote: n.Number, Page: blocks[len(blocks)-1].Page}, n.Text)
	}
}

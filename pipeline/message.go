package pipeline

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxMessage is the longest message CleanMessage lets through, in bytes.
// Parser errors quote file bytes (a PDF library prints the object it could
// not parse); a few hundred bytes say what went wrong, more only floods a
// terminal, the ledger or a web page.
const MaxMessage = 400

// CleanMessage makes a message that may quote file content safe to show
// anywhere: control characters (ESC sequences that set a terminal's title
// or colours, C1 controls, bidirectional overrides that reorder what a
// reader sees) become spaces, invalid UTF-8 becomes U+FFFD, runs of space
// collapse, and the result is cut to MaxMessage bytes on a rune boundary
// with "…" added.
func CleanMessage(s string) string {
	var b strings.Builder
	b.Grow(min(len(s), MaxMessage+4))
	space := false
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				r = '\uFFFD'
			}
		}
		if unsafeRune(r) || unicode.IsSpace(r) {
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		if b.Len()+utf8.RuneLen(r) > MaxMessage {
			return strings.TrimRight(b.String(), " ") + "…"
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}

// CleanText makes a document's text safe to print on a terminal: the
// unsafe characters of CleanMessage (escape sequences, C1 controls,
// bidirectional overrides…) become spaces and invalid UTF-8 becomes
// U+FFFD, but lines, tabs and the length are kept. For text output only:
// JSON carries the text as it is (its span offsets point into it).
func CleanText(s string) string {
	// strings.Map returns s itself when nothing changes, and writes
	// invalid bytes as U+FFFD.
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unsafeRune(r) {
			return ' '
		}
		return r
	}, s)
}

// unsafeRune tells the characters that change how text is displayed rather
// than being displayed: C0/C1 controls and DEL, bidirectional embeddings,
// overrides and isolates, and the other format characters (zero-width
// joiners and the like cannot change a terminal, but hide text).
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// cleanError is an error whose message is cleaned (CleanMessage) and whose
// cause still answers errors.Is, so the reason survives.
type cleanError struct {
	msg string
	err error
}

func (e *cleanError) Error() string { return e.msg }
func (e *cleanError) Unwrap() error { return e.err }

// cleanErr wraps err so its message is safe to show; nil stays nil.
func cleanErr(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*cleanError); ok {
		return err
	}
	return &cleanError{msg: CleanMessage(err.Error()), err: err}
}

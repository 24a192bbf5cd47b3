// Package i18n is baocao's one message catalogue: every sentence a person
// reads (CLI messages, summaries, table headers, web pages, spreadsheet
// labels, failure reasons) in Vietnamese and English, and the formatting
// of numbers, dates and period labels in each language.
//
// Messages are keyed by their English text (as gettext does), so code
// reads naturally and English needs no entry: Printer.T looks the key up
// for the printer's language and formats it with golang.org/x/text/message,
// which also groups digits by locale (1.286.032 in vi, 1,286,032 in en).
//
// Because of that grouping, pass ids, years and other numbers that are
// labels rather than quantities as strings (%s), never as %d or %v.
package i18n

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Languages baocao speaks; the config key lang takes one of them.
const (
	VI = "vi"
	EN = "en"
)

// Langs lists the supported languages, the default first.
var Langs = []string{VI, EN}

// Supported reports whether lang is one of Langs.
func Supported(lang string) bool { return lang == VI || lang == EN }

// catalogue is every message: the CLI's and the web's, the help's, and
// the templates of findings and diagnostics.
var catalogue = slices.Concat(messages, helpMessages, findingMessages)

// viText maps each message to its Vietnamese text.
var viText = func() map[string]string {
	m := make(map[string]string, len(catalogue))
	for _, e := range catalogue {
		m[e.en] = e.vi
	}
	return m
}()

// Has reports whether the catalogue translates key.
func Has(key string) bool { _, ok := viText[key]; return ok }

// cat holds the Vietnamese translations of the messages table.
var cat = func() catalog.Catalog {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for _, m := range catalogue {
		if err := b.SetString(language.Vietnamese, m.en, m.vi); err != nil {
			panic("i18n: bad catalogue entry " + strconv.Quote(m.en) + ": " + err.Error())
		}
	}
	return b
}()

// Printer formats messages, numbers and dates in one language.
type Printer struct {
	lang string
	p    *message.Printer
}

// New returns the printer of lang; anything but "en" is Vietnamese, the
// default language.
func New(lang string) *Printer {
	tag := language.Vietnamese
	if lang == EN {
		tag = language.English
	} else {
		lang = VI
	}
	return &Printer{lang: lang, p: message.NewPrinter(tag, message.Catalog(cat))}
}

// Lang is "vi" or "en".
func (p *Printer) Lang() string { return p.lang }

// T translates the message key (its English text) and formats args into
// it as fmt.Sprintf does, with numbers grouped by locale.
// Without args the text is not formatted, so a '%' in it stays as it is.
func (p *Printer) T(key string, args ...any) string {
	if len(args) == 0 {
		if vi, ok := viText[key]; ok && p.lang == VI {
			return vi
		}
		return key
	}
	return p.p.Sprintf(key, args...)
}

// Error is an error whose message is translated when it is printed: the
// key and arguments are kept, so the CLI or the web can show it in their
// language. Error() gives the English text.
type Error struct {
	Key  string
	Args []any
	// Err is the cause, when there is one (errors.Is sees it).
	Err error
}

// Errorf makes an Error. A last argument that is an error becomes the
// cause too (as with fmt.Errorf's %w, but the key uses %v).
func Errorf(key string, args ...any) *Error {
	e := &Error{Key: key, Args: args}
	if n := len(args); n > 0 {
		if err, ok := args[n-1].(error); ok {
			e.Err = err
		}
	}
	return e
}

func (e *Error) Error() string { return e.in(New(EN)) }

// in is the text of e in p's language.
func (e *Error) in(p *Printer) string {
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		if ae, ok := a.(error); ok {
			args[i] = p.Message(ae)
		} else {
			args[i] = a
		}
	}
	return p.T(e.Key, args...)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Message is the text of err in p's language: each *Error in it is
// translated (its arguments too, when they are *Errors).
func (p *Printer) Message(err error) string {
	if err == nil {
		return ""
	}
	// An error that carries its message as a catalogue template and
	// arguments (index.QueryError), when nothing wraps it in more words.
	var t interface {
		error
		MessageTemplate() (string, []string)
	}
	if errors.As(err, &t) && t.Error() == err.Error() {
		tpl, args := t.MessageTemplate()
		// A search filter's error names the filter first, by its
		// parameter: the reader sees the filter's name in their language.
		var f interface{ FilterName() string }
		if errors.As(err, &f) && len(args) > 0 && args[0] == f.FilterName() {
			args = append([]string{p.Filter(args[0])}, args[1:]...)
		}
		return p.Fill(tpl, args, err.Error())
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok { // errors.Join
		var lines []string
		for _, e := range j.Unwrap() {
			lines = append(lines, p.Message(e))
		}
		return strings.Join(lines, "\n")
	}
	if u, ok := err.(interface{ Unwrap() error }); ok && u.Unwrap() != nil && err.Error() == u.Unwrap().Error() {
		return p.Message(u.Unwrap()) // a wrapper that adds no words
	}
	var e *Error
	if !errors.As(err, &e) || err.Error() != e.Error() {
		return err.Error() // not ours, or wrapped in more (English) words
	}
	return e.in(p)
}

// Num formats a whole number: 1.286.032 (vi), 1,286,032 (en).
func (p *Printer) Num(n int64) string { return p.p.Sprintf("%d", n) }

// Dec formats a decimal with prec digits: 86,38 (vi), 86.38 (en).
func (p *Printer) Dec(f float64, prec int) string {
	return p.p.Sprintf("%.*f", prec, f)
}

// Date formats an ISO date (2025-03-07) for a table or a list: 07/3/2025
// in Vietnamese — the day with two digits, the month with two only for
// January and February, as in official documents — and unchanged ISO in
// English. Anything that is not an ISO date is returned as it is.
func (p *Printer) Date(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	if p.lang == EN {
		return iso
	}
	return fmt.Sprintf("%02d/%s/%d", t.Day(), viMonth(t.Month()), t.Year())
}

// LongDate formats an ISO date for prose: "ngày 07 tháng 3 năm 2025",
// "7 March 2025".
func (p *Printer) LongDate(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	if p.lang == EN {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), viMonth(t.Month()), t.Year())
}

// Time formats a moment with minutes: 06/12/2026 14:05 (vi),
// 2026-12-06 14:05 (en).
func (p *Printer) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if p.lang == EN {
		return t.Format("2006-01-02 15:04")
	}
	return p.Date(t.Format(time.DateOnly)) + " " + t.Format("15:04")
}

func viMonth(m time.Month) string {
	if m <= 2 {
		return fmt.Sprintf("%02d", int(m))
	}
	return strconv.Itoa(int(m))
}

// Period reads a period label: 2023-Q1 → "Quý I/2023" (vi), "Q1 2023"
// (en); 2023-H1 → "6 tháng/2023", 2023-9M → "9 tháng/2023", 2023 → "Năm
// 2023". An empty label is "—"; an unknown one is returned as it is.
func (p *Printer) Period(label string) string {
	if label == "" {
		return "—"
	}
	y, k, ok := strings.Cut(label, "-")
	if !ok {
		return p.T("Year %s", label)
	}
	roman := map[string]string{"Q1": "I", "Q2": "II", "Q3": "III", "Q4": "IV"}
	switch {
	case roman[k] != "":
		if p.lang == EN {
			return k + " " + y
		}
		return "Quý " + roman[k] + "/" + y
	case k == "H1":
		return p.T("6 months/%s", y)
	case k == "9M":
		return p.T("9 months/%s", y)
	}
	return label
}

// Kind names a count kind (extract.CountKind) as a column heading.
func (p *Printer) Kind(kind string) string {
	if en, ok := kindNames[kind]; ok {
		return p.T(en)
	}
	return kind
}

var kindNames = map[string]string{
	"meeting": "Meetings", "document": "Documents", "task": "Tasks", "target": "Targets",
	"inspection": "Inspections", "procedure": "Procedures", "online_service": "Online services",
	"dossier": "Dossiers", "training": "Trainings", "field": "Fields",
}

// Outcome names an ingest outcome or ledger status (indexed, replaced,
// unchanged, duplicate, failed, skipped).
func (p *Printer) Outcome(o string) string {
	if en, ok := outcomeNames[o]; ok {
		return p.T(en)
	}
	return o
}

var outcomeNames = map[string]string{
	"indexed": "indexed", "replaced": "replaced", "unchanged": "unchanged",
	"duplicate": "duplicate", "failed": "failed", "skipped": "skipped",
	"not-a-report": "not a report",
}

// Status names a submission status of the tracker (extract/check).
func (p *Printer) Status(st string) string {
	if en, ok := statusNames[st]; ok {
		return p.T(en)
	}
	return st
}

var statusNames = map[string]string{
	"on_time": "On time", "late": "Late", "undated": "Undated", "missing": "Missing",
}

// Trigger names what started a server ingest (schedule, button, upload,
// startup).
func (p *Printer) Trigger(t string) string {
	if en, ok := triggerNames[t]; ok {
		return p.T(en)
	}
	return t
}

var triggerNames = map[string]string{
	"schedule": "scheduled", "button": "ingest now", "upload": "upload", "startup": "at startup",
}

// Plural picks the singular or plural message by n and formats n into it
// (n is the first argument): Plural(n, "%d file", "%d files").
func (p *Printer) Plural(n int, one, many string, args ...any) string {
	key := many
	if n == 1 {
		key = one
	}
	return p.T(key, append([]any{n}, args...)...)
}

// Filter names a search filter by its parameter (province, period, ref,
// type, from, to, has-finding, group, sort): in Vietnamese its name with
// the parameter after it as typed ("kỳ báo cáo (period)"), in English the
// parameter, or the name and the parameter when they differ ("document
// number (ref)"). Anything else is returned as it is.
func (p *Printer) Filter(param string) string {
	en, ok := filterNames[param]
	if !ok {
		return param
	}
	if name := p.T(en); name != param {
		return name + " (" + param + ")"
	}
	return param
}

var filterNames = map[string]string{
	"province": "province", "period": "period", "ref": "document number", "type": "document type",
	"from": "from date", "to": "to date", "has-finding": "finding rule", "group": "grouping", "sort": "sort order",
}

// Location reads a finding's location ("header", "section II.1",
// "footnote 3", "line 12"; stable words in JSON) in p's language.
func (p *Printer) Location(loc string) string {
	word, rest, _ := strings.Cut(loc, " ")
	if en, ok := locationWords[word]; ok {
		return strings.TrimSpace(p.T(en) + " " + rest)
	}
	return loc
}

var locationWords = map[string]string{"header": "header", "section": "section", "footnote": "footnote", "line": "line"}

// Pairs lists the catalogue as (English, Vietnamese) pairs, for tests
// that look for untranslated words in what baocao prints.
func Pairs() [][2]string {
	out := make([][2]string, len(catalogue))
	for i, m := range catalogue {
		out[i] = [2]string{m.en, m.vi}
	}
	return out
}

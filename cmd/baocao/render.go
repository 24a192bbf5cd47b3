package main

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/pipeline"
)

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// sliceText returns text[start:end] trimmed, "" when out of range.
func sliceText(text string, start, end int) string {
	if start < 0 || end > len(text) || start >= end {
		return ""
	}
	return strings.TrimSpace(text[start:end])
}

func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

func newTable(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
}

// isTerminal reports whether f is a character device (a person watching).
func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// fileError says a file could not be read, in words a person knows (a
// failed file: exit status 1).
func fileError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return i18n.Errorf("%s: no such file or folder", path)
	case errors.Is(err, fs.ErrPermission):
		return i18n.Errorf("%s: no permission to read it", path)
	}
	return i18n.Errorf("%s: cannot read: %v", path, err)
}

// checkPeriod validates a --period flag: a usage error when it is
// missing (and required) or not a period label.
func checkPeriod(period string, required bool) error {
	if period == "" && required {
		return usageError{i18n.Errorf("--period is required: 2023-Q1, 2023-H1, 2023-9M or 2023")}
	}
	if _, err := extract.ParsePeriod(period); period != "" && err != nil {
		return usageError{i18n.Errorf("--period %q: want 2023-Q1, 2023-H1, 2023-9M or 2023", period)}
	}
	return nil
}

// reasonText is a failure for a person: the reason in p's language and,
// in English, the detail of the error when it adds something (in
// Vietnamese the detail, English parser text, is in -o json and the
// ledger).
func reasonText(p *i18n.Printer, reason, msg string) string {
	if reason == "" {
		return ""
	}
	d := pipeline.CleanMessage(pipeline.Detail(msg))
	if d == "" || p.Lang() != i18n.EN {
		return p.T(pipeline.ReasonText(reason))
	}
	return p.T(pipeline.ReasonText(reason)) + ": " + d
}

// translated is an error whose text is already in the user's language.
type translated struct {
	msg string
	err error
}

func (t translated) Error() string { return t.msg }
func (t translated) Unwrap() error { return t.err }

// docFailed says why a file could not be read as a report, in p's
// language: "FILE: encrypted (password-protected)".
func docFailed(p *i18n.Printer, path string, err error) error {
	msg := strings.TrimPrefix(err.Error(), path+": ")
	return translated{path + ": " + reasonText(p, pipeline.Reason(err), msg), err}
}

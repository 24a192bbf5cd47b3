package web

import (
	"path/filepath"
	"regexp"
	"strings"

	"github.com/baocao/baocao/pipeline"
)

// absPath is an absolute path inside a message: a "/" at the start or after
// a space, quote, bracket or "=", up to the next such character.
var absPath = regexp.MustCompile(`(^|[\s"'(=,])/[^\s"',:;)]+`)

// public rewrites a path or message for clients, who need not learn the
// server's folders: paths in the inbox and quarantine become "inbox/…"
// and "quarantine/…", any other absolute path its base name; the result is
// cleaned (pipeline.CleanMessage), since it may quote a file's bytes.
func (s *Server) public(msg string) string {
	for _, d := range []struct{ dir, name string }{{s.opts.Quarantine, "quarantine"}, {s.opts.Inbox, "inbox"}} {
		if d.dir == "" {
			continue
		}
		forms := []string{filepath.Clean(d.dir)}
		if abs, err := filepath.Abs(d.dir); err == nil && abs != forms[0] {
			forms = append(forms, abs)
		}
		for _, f := range forms {
			msg = strings.ReplaceAll(msg, f+string(filepath.Separator), d.name+"/")
		}
	}
	msg = absPath.ReplaceAllStringFunc(msg, func(m string) string {
		lead := ""
		if m[0] != '/' {
			lead, m = m[:1], m[1:]
		}
		return lead + filepath.Base(m)
	})
	return pipeline.CleanMessage(msg)
}

// publicEvents rewrites the paths and messages of a batch's events.
func (s *Server) publicEvents(evs []pipeline.Event) []pipeline.Event {
	out := make([]pipeline.Event, len(evs))
	for i, ev := range evs {
		ev.Path, ev.Reason, ev.Error = s.public(ev.Path), s.public(ev.Reason), s.public(ev.Error)
		out[i] = ev
	}
	return out
}

// publicResult is an ingest result as clients see it (public paths).
func (s *Server) publicResult(r *IngestResult) *IngestResult {
	if r == nil {
		return nil
	}
	c := *r
	c.Events = s.publicEvents(r.Events)
	c.Uploads = make([]Upload, len(r.Uploads))
	for i, u := range r.Uploads {
		u.Name = pipeline.CleanMessage(u.Name)
		c.Uploads[i] = u
	}
	if r.Uploads == nil {
		c.Uploads = nil
	}
	return &c
}

// publicLedger is the ledger view as clients see it (public paths).
func (s *Server) publicLedger(v LedgerView) LedgerView {
	entries := make([]pipeline.Entry, len(v.Entries))
	for i, e := range v.Entries {
		e.Path, e.Reason, e.Error = s.public(e.Path), s.public(e.Reason), s.public(e.Error)
		entries[i] = e
	}
	return LedgerView{Entries: entries, LastRun: s.publicResult(v.LastRun)}
}

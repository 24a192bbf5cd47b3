package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/baocao/baocao/pipeline"
)

// IngestResult is the answer of POST /api/ingest: the batch summary of
// the inbox scan, the uploads saved before it, and the files moved to
// quarantine.
type IngestResult struct {
	pipeline.Summary
	Started     time.Time     `json:"started"`
	Duration    float64       `json:"duration_seconds"`
	Trigger     string        `json:"trigger"` // schedule | button | upload | startup
	Uploads     []Upload      `json:"uploads,omitempty"`
	Quarantined []Quarantined `json:"quarantined"`
	// Pruned counts the inbox files gone since the last run whose
	// renditions left the index (recorded in the ledger as pruned).
	Pruned int `json:"pruned"`
}

// Upload is one uploaded file and the name the server gave it.
type Upload struct {
	Name   string `json:"name"`   // as sent by the client
	Stored string `json:"stored"` // the inbox file name chosen by the server
	Size   int64  `json:"size"`
	// Existing: the inbox already held a file with this content (Stored
	// names it), so the upload was not saved a second time.
	Existing bool `json:"existing,omitempty"`
}

// Quarantined is a failed inbox file moved aside, with its note.
type Quarantined struct {
	File   string `json:"file"` // name in the quarantine folder
	Reason string `json:"reason"`
	Error  string `json:"error,omitempty"`
}

// acquire waits for the ingest slot or ctx.
func (s *Server) acquire(ctx context.Context) error {
	select {
	case s.ingestSem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Server) release() { <-s.ingestSem }

// Ingest scans the inbox now: new and changed files are ingested with the
// same batch as `baocao ingest`, and each file that fails moves to the
// quarantine folder with a note of its reason. It waits for a run in
// progress. Once started, the batch finishes even if ctx is cancelled
// (graceful shutdown finishes the batch in flight).
func (s *Server) Ingest(ctx context.Context, trigger string) (*IngestResult, error) {
	if err := s.acquire(ctx); err != nil {
		return nil, err
	}
	defer s.release()
	return s.ingestLocked(context.WithoutCancel(ctx), trigger, nil)
}

func (s *Server) ingestLocked(ctx context.Context, trigger string, uploads []Upload) (*IngestResult, error) {
	start := s.opts.Now()
	res := &IngestResult{Started: start, Trigger: trigger, Uploads: uploads, Quarantined: []Quarantined{}}
	if err := os.MkdirAll(s.opts.Inbox, 0o755); err != nil {
		return nil, fmt.Errorf("inbox: %w", err)
	}
	files, err := pipeline.Collect([]string{s.opts.Inbox})
	if err != nil {
		return nil, fmt.Errorf("scan inbox: %w", err)
	}
	b := &pipeline.Batch{Pipeline: s.opts.Pipeline, Ledger: s.opts.Ledger, Meter: &s.metrics.ingest,
		Workers: s.opts.Workers, MaxFileSize: s.opts.MaxFileSize, FlushEvery: s.opts.CommitReports, Now: s.opts.Now}
	sum, runErr := b.Run(ctx, files)
	res.Summary = sum
	if runErr == nil {
		// Files taken out of the inbox leave the index: a report goes when
		// every one of its files is gone.
		pruned, err := s.opts.Ledger.Prune(ctx, []string{s.opts.Inbox}, s.opts.Now())
		if err != nil {
			runErr = fmt.Errorf("prune: %w", err)
		}
		res.Pruned = len(pruned)
	}
	for _, ev := range sum.Events {
		failed := ev.Outcome == pipeline.OutcomeFailed
		if ev.Outcome == pipeline.OutcomeUnchanged {
			// The same broken file dropped again: the ledger remembers it failed.
			e, ok := s.opts.Ledger.Get(ev.Path)
			failed = ok && e.Status == pipeline.StatusFailed
			if failed {
				ev.Reason, ev.Error = e.Reason, e.Error
			}
		}
		if !failed {
			continue
		}
		q, err := s.quarantine(ev)
		if err != nil {
			s.log.Error("quarantine", "file", ev.Path, "err", err)
			continue
		}
		res.Quarantined = append(res.Quarantined, q)
	}
	d := s.opts.Now().Sub(start)
	res.Duration = d.Seconds()
	s.metrics.observeIngest(d, sum.Indexed+sum.Replaced, sum.Failed)
	s.log.Info("ingest", "trigger", trigger, "files", sum.Files, "indexed", sum.Indexed,
		"replaced", sum.Replaced, "unchanged", sum.Unchanged, "duplicate", sum.Duplicate,
		"failed", sum.Failed, "quarantined", len(res.Quarantined), "pruned", res.Pruned, "duration", d, "err", runErr)
	<-s.lastRun
	s.lastRun <- res
	if runErr != nil {
		return res, fmt.Errorf("ingest: %w", runErr)
	}
	return res, nil
}

// quarantine moves a failed inbox file to the quarantine folder and
// writes <name>.reason.txt next to it.
func (s *Server) quarantine(ev pipeline.Event) (Quarantined, error) {
	if err := os.MkdirAll(s.opts.Quarantine, 0o755); err != nil {
		return Quarantined{}, err
	}
	base := filepath.Base(ev.Path)
	dest := filepath.Join(s.opts.Quarantine, base)
	ext := filepath.Ext(base)
	for i := 2; exists(dest) || exists(dest+".reason.txt"); i++ {
		dest = filepath.Join(s.opts.Quarantine, fmt.Sprintf("%s-%d%s", strings.TrimSuffix(base, ext), i, ext))
	}
	if err := moveFile(ev.Path, dest); err != nil {
		return Quarantined{}, err
	}
	msg := s.public(ev.Error)
	// For the operator, in the server's language; the reason word and
	// the ISO time stay as they are, for scripts.
	p := s.p
	note := fmt.Sprintf("%s: %s\n%s: %s (reason: %s)\n%s: %s\n%s: %s (%s)\n",
		p.T("File"), pipeline.CleanMessage(base), p.T("Reason"), p.T(pipeline.ReasonText(ev.Reason)), ev.Reason,
		p.T("Details"), msg, p.T("Time"), p.Time(s.opts.Now()), s.opts.Now().Format(time.RFC3339))
	if err := os.WriteFile(dest+".reason.txt", []byte(note), 0o644); err != nil {
		return Quarantined{}, err
	}
	return Quarantined{File: filepath.Base(dest), Reason: ev.Reason, Error: msg}, nil
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// moveFile renames, or copies and removes across file systems.
func moveFile(src, dst string) error {
	if err := os.Rename(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Remove(src)
}

// RunSchedule scans the inbox at every time sched matches, until ctx is
// done. A run in flight when ctx ends finishes first.
func (s *Server) RunSchedule(ctx context.Context, sched *Schedule) {
	for {
		next := sched.Next(s.opts.Now())
		if next.IsZero() {
			s.log.Warn("schedule never fires", "schedule", sched.String())
			return
		}
		s.log.Info("next scheduled ingest", "at", next)
		t := time.NewTimer(time.Until(next))
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		if _, err := s.Ingest(ctx, "schedule"); err != nil && !errors.Is(err, context.Canceled) {
			s.log.Error("scheduled ingest", "err", err)
		}
	}
}

// handleAPIIngest takes a multipart upload of one or more files (saved
// in the inbox under server-chosen names) or an empty body, then scans
// the inbox.
func (s *Server) handleAPIIngest(w http.ResponseWriter, r *http.Request) {
	if err := s.authorized(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxUploadBytes)
	if err := s.acquire(r.Context()); err != nil {
		s.writeError(w, r, &Error{Code: CodeUnavailable, Message: "request cancelled while waiting for the ingest in progress"})
		return
	}
	defer s.release()
	var uploads []Upload
	trigger := "button"
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		var err error
		uploads, err = s.saveUploads(r, nil)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		trigger = "upload"
	} else if n, _ := io.Copy(io.Discard, io.LimitReader(r.Body, 1)); n > 0 {
		s.writeError(w, r, invalid("send a multipart/form-data upload or an empty body"))
		return
	}
	res, err := s.ingestLocked(context.WithoutCancel(r.Context()), trigger, uploads)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.publicResult(res))
}

// uploadForm holds the text fields of the ingest page's form, which
// carries the token as a field (a plain form cannot set headers).
type uploadForm struct {
	Token, Action string
	ok            bool // the token was checked
}

// saveUploads streams every file part into the inbox. Names come from
// the server; the client's name only contributes a sanitised base name
// and its extension (the format sniffer also looks at content). With a
// form, its fields are read too, and the token field (before the files
// in the form) must be right before any file is saved; a form may hold
// no file (the "ingest now" button).
func (s *Server) saveUploads(r *http.Request, form *uploadForm) ([]Upload, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, invalid("bad multipart body: %v", err)
	}
	if err := os.MkdirAll(s.opts.Inbox, 0o755); err != nil {
		return nil, fmt.Errorf("inbox: %w", err)
	}
	var out []Upload
	var saved []string
	fail := func(err error) ([]Upload, error) {
		for _, p := range saved {
			os.Remove(p)
		}
		return nil, err
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return fail(err)
			}
			return fail(invalid("bad multipart body: %v", err))
		}
		if part.FileName() == "" {
			if form != nil {
				v, _ := io.ReadAll(io.LimitReader(part, 1024))
				switch part.FormName() {
				case "token":
					form.Token = string(v)
				case "action":
					form.Action = string(v)
				}
			}
			part.Close()
			continue
		}
		if form != nil && !form.ok {
			if err := s.checkToken(form.Token); err != nil {
				part.Close()
				return fail(err)
			}
			form.ok = true
		}
		if err := uploadName(part.FileName()); err != nil {
			part.Close()
			return fail(err)
		}
		u, path, err := s.saveUpload(part)
		part.Close()
		if path != "" {
			saved = append(saved, path)
		}
		if err != nil {
			return fail(err)
		}
		out = append(out, u)
	}
	if len(out) == 0 && form == nil {
		return nil, invalid("the multipart body holds no file")
	}
	return out, nil
}

func (s *Server) saveUpload(part *multipart.Part) (Upload, string, error) {
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	stored := fmt.Sprintf("upload-%s-%s-%s", s.opts.Now().UTC().Format("20060102T150405"), hex.EncodeToString(rnd[:]), SafeName(part.FileName()))
	path := filepath.Join(s.opts.Inbox, stored)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return Upload{}, "", fmt.Errorf("save upload: %w", err)
	}
	n, err := io.Copy(f, part)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if !errors.As(err, &tooBig) {
			err = invalid("upload of %q interrupted: %v", part.FileName(), err)
		}
		return Upload{}, path, err
	}
	// A type the pipeline cannot read is refused now (415), with the
	// reason an ingest would record, rather than quarantined later; a
	// damaged file of a known type goes on to the ingest and quarantine.
	data, err := os.ReadFile(path)
	if err != nil {
		return Upload{}, path, fmt.Errorf("read upload back: %w", err)
	}
	if err := s.opts.Pipeline.Accepts(part.FileName(), data); errors.Is(err, pipeline.ErrUnsupportedFormat) {
		return Upload{}, path, &Error{Code: CodeUnsupportedType, Message: "%s: not a kind of file baocao reads (%s)", Args: []any{SafeName(part.FileName()), pipeline.CleanMessage(err.Error())}}
	}
	// The same file uploaded again is not a second copy in the inbox.
	if same := sameFileIn(s.opts.Inbox, stored, data); same != "" {
		os.Remove(path)
		return Upload{Name: part.FileName(), Stored: same, Size: n, Existing: true}, "", nil
	}
	return Upload{Name: part.FileName(), Stored: stored, Size: n}, path, nil
}

// sameFileIn is the name of a file of dir (not skip) with exactly data as
// content, "" when there is none.
func sameFileIn(dir, skip string, data []byte) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || e.Name() == skip || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
			continue
		}
		if other, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil && bytes.Equal(other, data) {
			return e.Name()
		}
	}
	return ""
}

// handleIngestForm is the ingest page's form, which works without
// JavaScript: a multipart POST of the token field and files (saved into
// the inbox, then the inbox is scanned), or of the token alone with
// action=scan ("ingest now"). It answers with the ingest page saying what
// happened to each file, with links to the reports.
func (s *Server) handleIngestForm(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxUploadBytes)
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		s.ingestPage(w, r, nil, invalid("send the form of the ingest page"))
		return
	}
	if err := s.acquire(r.Context()); err != nil {
		s.ingestPage(w, r, nil, &Error{Code: CodeUnavailable, Message: "request cancelled while waiting for the ingest in progress"})
		return
	}
	defer s.release()
	var form uploadForm
	uploads, err := s.saveUploads(r, &form)
	if err == nil && len(uploads) == 0 {
		if form.Action != "scan" {
			err = invalid("choose at least one file")
		} else {
			err = s.checkToken(form.Token)
		}
	}
	if err != nil {
		s.ingestPage(w, r, nil, err)
		return
	}
	trigger := "button"
	if len(uploads) > 0 {
		trigger = "upload"
	}
	res, err := s.ingestLocked(context.WithoutCancel(r.Context()), trigger, uploads)
	if err != nil {
		s.ingestPage(w, r, nil, err)
		return
	}
	s.ingestPage(w, r, res, nil)
}

// uploadName refuses a client's file name that names no file ("." and
// "..", alone or at the end of a path), so such an upload is refused
// rather than kept under a made-up name.
func uploadName(name string) error {
	if base := filepath.Base(strings.ReplaceAll(name, "\\", "/")); base == "." || base == ".." || base == "/" {
		return invalid("upload name %q is not a file name", pipeline.CleanMessage(name))
	}
	return nil
}

// SafeName reduces a client-supplied file name to a harmless base name:
// no directories, only letters, digits, '.', '-' and '_', no leading dot,
// at most 80 bytes, keeping the extension.
func SafeName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = name[strings.LastIndex(name, "/")+1:]
	var b strings.Builder
	for _, r := range name {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)), r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	out := strings.TrimLeft(b.String(), ".")
	if len(out) > 80 {
		ext := filepath.Ext(out)
		if len(ext) > 10 {
			ext = ""
		}
		out = out[:80-len(ext)] + ext
	}
	if out == "" {
		out = "file"
	}
	return out
}

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
)

// reader is what the read commands (search, show, compare, check
// --period, submissions) need from the index. *index.Index has it; so
// does remoteIndex, a client of the JSON API of a running `baocao serve`,
// which holds the index while it runs. The commands print the same thing
// from either.
type reader interface {
	Search(ctx context.Context, q index.Query) (*index.Result, error)
	Get(ctx context.Context, id string) (*extract.Report, error)
	Compare(ctx context.Context, period string, inds []extract.IndicatorDef) (*index.Comparison, error)
	Reports(ctx context.Context, f index.Filter) ([]index.Summary, error)
	TopDocuments(ctx context.Context, f index.DocFilter) (national, local []index.CitedDocument, err error)
	Document(ctx context.Context, key string) (*index.CitedDocument, error)
	Reuse(ctx context.Context, id string) (*index.Reuse, error)
	Similar(ctx context.Context, id string, limit int) ([]index.SectionMatch, error)
	Close() error
}

// serverFile is the file `baocao serve` writes into data_dir while it
// runs, so the CLI can find it.
const serverFile = "serve.json"

// serverInfo is the content of serverFile.
type serverInfo struct {
	PID     int       `json:"pid"`
	URL     string    `json:"url"`
	Started time.Time `json:"started"`
}

func writeServerInfo(cfg config.Config, info serverInfo) error {
	data, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(cfg.DataDir, serverFile+".tmp")
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(cfg.DataDir, serverFile))
}

// runningServer is the URL of the server holding cfg's index: server.url
// when set, else the one in data_dir/serve.json if it answers.
func runningServer(ctx context.Context, cfg config.Config) string {
	if cfg.Server.URL != "" {
		return cfg.Server.URL
	}
	data, err := os.ReadFile(filepath.Join(cfg.DataDir, serverFile))
	if err != nil {
		return ""
	}
	var info serverInfo
	if json.Unmarshal(data, &info) != nil || info.URL == "" {
		return ""
	}
	// A file left by a server that crashed names nobody.
	hctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(hctx, http.MethodGet, strings.TrimRight(info.URL, "/")+"/healthz", nil)
	if err != nil {
		return ""
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return ""
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return ""
	}
	return info.URL
}

// openReader reads through the API of the server that holds the index
// (server.url, or the live one named in data_dir/serve.json: no wait for
// the lock), or else opens the index read-only.
func (a *app) openReader(ctx context.Context) (reader, error) {
	if u := runningServer(ctx, a.cfg); u != "" {
		return &remoteIndex{base: strings.TrimRight(u, "/")}, nil
	}
	ix, err := index.OpenReadOnly(a.cfg.IndexDir(), indexOptions(a.cfg))
	switch {
	case err == nil:
		return ix, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, i18n.Errorf("no index in %s yet: run 'baocao ingest PATH' (or 'baocao quickstart') first", a.cfg.DataDir)
	case errors.Is(err, index.ErrInUse):
		return nil, i18n.Errorf("the index in %s is in use by another process (an ingest?) and no running 'baocao serve' was found; wait for it, or give --server URL", a.cfg.DataDir)
	}
	return nil, err
}

// openIndexRead opens the index for a command that needs the index itself.
func openIndexRead(cfg config.Config) (*index.Index, error) {
	ix, err := index.OpenReadOnly(cfg.IndexDir(), indexOptions(cfg))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, i18n.Errorf("no index in %s yet: run 'baocao ingest PATH' (or 'baocao quickstart') first", cfg.DataDir)
	}
	return ix, err
}

// badRequest is a request the server refused as invalid (HTTP 400); its
// message is the server's, the same the index gives locally.
type badRequest struct{ msg string }

func (e *badRequest) Error() string { return e.msg }

// Unwrap makes a refused search a usage error, as it is locally.
func (e *badRequest) Unwrap() error { return index.ErrBadQuery }

// remoteIndex reads through the JSON API of a running server.
type remoteIndex struct {
	base string
}

func (r *remoteIndex) Close() error { return nil }

func (r *remoteIndex) get(ctx context.Context, path string, q url.Values, v any) error {
	u := r.base + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return i18n.Errorf("cannot reach the server at %s: %v", r.base, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return i18n.Errorf("cannot reach the server at %s: %v", r.base, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		_ = json.Unmarshal(body, &e)
		switch e.Error.Code {
		case "not_found":
			return fmt.Errorf("%s: %w", e.Error.Message, index.ErrNotFound)
		case "ambiguous":
			return fmt.Errorf("%s: %w", e.Error.Message, index.ErrAmbiguous)
		case "invalid":
			// A bad search filter: the server's message, a usage error here too.
			return &badRequest{msg: e.Error.Message}
		case "":
			return i18n.Errorf("the server at %s answered %s", r.base, resp.Status)
		}
		return i18n.Errorf("the server at %s refused: %s (%s)", r.base, e.Error.Message, e.Error.Code)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return i18n.Errorf("the server at %s gave an answer baocao cannot read: %v", r.base, err)
	}
	return nil
}

func (r *remoteIndex) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	v := url.Values{"q": {q.Text}}
	for k, s := range map[string]string{"province": q.Province, "period": q.Period, "has_finding": q.HasFinding,
		"from": q.From, "to": q.To, "group": q.Group, "sort": q.Sort, "type": q.DocType, "ref": q.Ref} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if q.Offset > 0 {
		v.Set("offset", strconv.Itoa(q.Offset))
	}
	var res index.Result
	if err := r.get(ctx, "/api/search", v, &res); err != nil {
		return nil, err
	}
	return &res, nil
}

func (r *remoteIndex) Get(ctx context.Context, id string) (*extract.Report, error) {
	var rep extract.Report
	if err := r.get(ctx, "/api/reports/"+url.PathEscape(id), nil, &rep); err != nil {
		return nil, err
	}
	return &rep, nil
}

func (r *remoteIndex) Compare(ctx context.Context, period string, inds []extract.IndicatorDef) (*index.Comparison, error) {
	var c index.Comparison
	ids := make([]string, len(inds))
	for i, d := range inds {
		ids[i] = d.ID
	}
	q := url.Values{"period": {period}, "indicators": {strings.Join(ids, ",")}}
	if err := r.get(ctx, "/api/compare", q, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

func (r *remoteIndex) Reports(ctx context.Context, f index.Filter) ([]index.Summary, error) {
	v := url.Values{}
	if f.Province != "" {
		v.Set("province", f.Province)
	}
	if f.Period != "" {
		v.Set("period", f.Period)
	}
	var out struct {
		Reports []index.Summary `json:"reports"`
	}
	if err := r.get(ctx, "/api/reports", v, &out); err != nil {
		return nil, err
	}
	return out.Reports, nil
}

func (r *remoteIndex) TopDocuments(ctx context.Context, f index.DocFilter) (national, local []index.CitedDocument, err error) {
	v := url.Values{}
	if f.Period != "" {
		v.Set("period", f.Period)
	}
	if f.Province != "" {
		v.Set("province", f.Province)
	}
	if f.Top > 0 {
		v.Set("top", strconv.Itoa(f.Top))
	}
	var out struct{ National, Local []index.CitedDocument }
	if err := r.get(ctx, "/api/documents", v, &out); err != nil {
		return nil, nil, err
	}
	return out.National, out.Local, nil
}

func (r *remoteIndex) Document(ctx context.Context, key string) (*index.CitedDocument, error) {
	var d index.CitedDocument
	if err := r.get(ctx, "/api/documents/"+url.PathEscape(key), nil, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

func (r *remoteIndex) Reuse(ctx context.Context, id string) (*index.Reuse, error) {
	var ru index.Reuse
	if err := r.get(ctx, "/api/reports/"+url.PathEscape(id)+"/reuse", nil, &ru); err != nil {
		return nil, err
	}
	return &ru, nil
}

func (r *remoteIndex) Similar(ctx context.Context, id string, limit int) ([]index.SectionMatch, error) {
	var out struct{ Matches []index.SectionMatch }
	if err := r.get(ctx, "/api/reports/"+url.PathEscape(id)+"/similar", url.Values{"limit": {strconv.Itoa(limit)}}, &out); err != nil {
		return nil, err
	}
	return out.Matches, nil
}

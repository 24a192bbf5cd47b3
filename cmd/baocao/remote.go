package main

import (
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/baocao/baocao/cmd/baocao/web"
	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/pipeline"
)

// runRemoteIngest hands files to a running `baocao serve` (which owns the
// index): one multipart POST /api/ingest with the token from serve.token.
// The summary lists the uploaded files only, under their local paths.
func runRemoteIngest(ctx context.Context, a *app, server string, files []string) (pipeline.Summary, error) {
	if a.cfg.Serve.Token == "" {
		return pipeline.Summary{}, usageError{i18n.Errorf("handing files to the server at %s needs its token: set serve.token or BAOCAO_SERVE_TOKEN", server)}
	}
	if len(files) == 0 {
		return pipeline.Summary{Events: []pipeline.Event{}}, nil
	}
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		for _, f := range files {
			if err := copyPart(mw, f); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		pw.CloseWithError(mw.Close())
	}()
	url := strings.TrimRight(server, "/") + "/api/ingest"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, pr)
	if err != nil {
		return pipeline.Summary{}, usageError{i18n.Errorf("--server %s: %v", server, err)}
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("X-Baocao-Token", a.cfg.Serve.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return pipeline.Summary{}, i18n.Errorf("cannot reach the server at %s: %v", server, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return pipeline.Summary{}, i18n.Errorf("cannot reach the server at %s: %v", server, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if json.Unmarshal(body, &e) == nil && e.Error.Code != "" {
			return pipeline.Summary{}, i18n.Errorf("the server at %s refused: %s (%s)", server, e.Error.Message, e.Error.Code)
		}
		return pipeline.Summary{}, i18n.Errorf("the server at %s answered %s", server, resp.Status)
	}
	var res web.IngestResult
	if err := json.Unmarshal(body, &res); err != nil {
		return pipeline.Summary{}, i18n.Errorf("the server at %s gave an answer baocao cannot read: %v", server, err)
	}
	return uploadedOnly(res, files), nil
}

func copyPart(mw *multipart.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := mw.CreateFormFile("file", filepath.Base(path))
	if err != nil {
		return err
	}
	_, err = io.Copy(w, f)
	return err
}

// uploadedOnly keeps the events of the uploaded files (the scan also
// reports the rest of the inbox) and names them by their local paths.
// Uploads are sent and stored in order.
func uploadedOnly(res web.IngestResult, files []string) pipeline.Summary {
	local := map[string]string{}
	for i, u := range res.Uploads {
		if i < len(files) {
			local[u.Stored] = files[i]
		}
	}
	sum := pipeline.Summary{Events: []pipeline.Event{}}
	for _, ev := range res.Events {
		p, ok := local[filepath.Base(ev.Path)]
		if !ok {
			continue
		}
		ev.Path = p
		sum.Files++
		switch ev.Outcome {
		case pipeline.OutcomeIndexed:
			sum.Indexed++
		case pipeline.OutcomeReplaced:
			sum.Replaced++
		case pipeline.OutcomeUnchanged:
			sum.Unchanged++
		case pipeline.OutcomeDuplicate:
			sum.Duplicate++
		case pipeline.OutcomeFailed:
			sum.Failed++
		}
		sum.Events = append(sum.Events, ev)
	}
	return sum
}

package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/baocao/baocao/pipeline"
)

// zipBomb is a DOCX whose document.xml inflates a thousandfold.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "word/document.xml" {
			w.Write([]byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`))
			w.Write(bytes.Repeat([]byte(" "), 30<<20))
			w.Write([]byte(`</w:t></w:r></w:p></w:body></w:document>`))
		} else {
			w.Write([]byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`))
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBatchSurvivesHostileFiles: good files of every format are ingested
// next to files that loop, crash, are encrypted, are zip bombs or are cut
// short; each bad one is reported with its reason, in worker processes,
// within the deadline.
func TestBatchSurvivesHostileFiles(t *testing.T) {
	inbox := copySamples(t, "khanh-hoa-2023-q1.md", "dak-lak-2023-q1.txt", "binh-dinh-2023-q2.docx", "report-ha-tinh-q1.pdf")
	bad := map[string]string{
		"pdf-kids-cycle.pdf":     "malformed", // the page tree loops
		"pdf-bad-object.pdf":     "malformed", // the library panics on it
		"pdf-aes256.pdf":         "encrypted",
		"pdf-truncated.pdf":      "truncated",
		"legacy-undecodable.txt": "legacy-encoding",
	}
	for name := range bad {
		data := mustRead(t, filepath.Join(abs(t, "../../testdata/bad"), name))
		if err := os.WriteFile(filepath.Join(inbox, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bad["bomb.docx"] = "too-large"
	os.WriteFile(filepath.Join(inbox, "bomb.docx"), zipBomb(t), 0o644)
	bad["cut.docx"] = "truncated"
	good := mustRead(t, filepath.Join(inbox, "binh-dinh-2023-q2.docx"))
	os.WriteFile(filepath.Join(inbox, "cut.docx"), good[:len(good)/2], 0o644)

	work := t.TempDir()
	t.Setenv("BAOCAO_INGEST_ISOLATE", "true")
	t.Setenv("BAOCAO_INGEST_TIMEOUT", "20s")
	start := time.Now()
	s, code, stderr := ingestJSON(t, work, inbox)
	if d := time.Since(start); d > 60*time.Second {
		t.Errorf("batch took %s", d)
	}
	if code != exitFailure {
		t.Errorf("exit %d, want %d (%s)", code, exitFailure, stderr)
	}
	if s.Indexed != 4 {
		t.Errorf("indexed %d good files, want 4", s.Indexed)
	}
	for _, ev := range s.Events {
		name := filepath.Base(ev.Path)
		want, isBad := bad[name]
		switch {
		case isBad && ev.Outcome != pipeline.OutcomeFailed:
			t.Errorf("%s: %s, want failed (%s)", name, ev.Outcome, want)
		case isBad && ev.Reason != want:
			t.Errorf("%s: reason %q (%s), want %q", name, ev.Reason, ev.Error, want)
		case !isBad && ev.Outcome != pipeline.OutcomeIndexed:
			t.Errorf("%s: %s %s %s", name, ev.Outcome, ev.Reason, ev.Error)
		case isBad && !strings.Contains(ev.Error, ":"):
			t.Errorf("%s: the error says too little: %q", name, ev.Error)
		}
	}
	if s.Failed != len(bad) {
		t.Errorf("failed %d, want %d", s.Failed, len(bad))
	}
}

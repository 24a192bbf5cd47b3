package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/convert"
)

// TestIngestWordAndRTFInWorkers: .doc and .rtf files are converted by
// LibreOffice inside the parser worker processes and indexed; without
// LibreOffice they are failed as unsupported, saying what to install.
func TestIngestWordAndRTFInWorkers(t *testing.T) {
	inbox := t.TempDir()
	for _, name := range []string{"lang-son-2025-q1.doc", "nghe-an-2024-h1.rtf"} {
		data := mustRead(t, filepath.Join(abs(t, "../../testdata/formats"), name))
		if err := os.WriteFile(filepath.Join(inbox, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("BAOCAO_INGEST_ISOLATE", "true")
	_, missing := convert.Find()
	s, _, stderr := ingestJSON(t, t.TempDir(), inbox)
	for _, ev := range s.Events {
		switch {
		case missing == nil && ev.Outcome != pipeline.OutcomeIndexed:
			t.Errorf("%s: %s %s %s (%s)", ev.Path, ev.Outcome, ev.Reason, ev.Error, stderr)
		case missing != nil && ev.Reason != "unsupported":
			t.Errorf("%s without LibreOffice: %s %s", ev.Path, ev.Reason, ev.Error)
		}
	}
	if len(s.Events) != 2 {
		t.Errorf("%d events, want 2", len(s.Events))
	}
	if missing != nil {
		t.Skip("LibreOffice not installed: conversion not tested (CI installs libreoffice-writer-nogui)")
	}
}

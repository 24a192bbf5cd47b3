package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/convert"
)

const formatsDir = "../testdata/formats"

// withConverters adds the LibreOffice ingesters for .doc, .rtf and .odt
// to p; soffice is "" when LibreOffice is not installed.
func withConverters(t testing.TB, p *pipeline.Pipeline, soffice string) {
	t.Helper()
	for _, f := range []extract.Format{extract.FormatDOC, extract.FormatRTF, extract.FormatODT} {
		c := convert.New(convert.Options{Soffice: soffice}, f, p.Ingesters[extract.FormatDOCX])
		p.Ingesters[f] = c
		t.Cleanup(func() { c.Close() })
	}
}

func processFile(t testing.TB, p *pipeline.Pipeline, path string) *extract.Report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := p.Process(context.Background(), filepath.Base(path), data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

func hasDiagnostic(r *extract.Report, code string) *extract.Diagnostic {
	for i, d := range r.Diagnostics {
		if d.Code == code {
			return &r.Diagnostics[i]
		}
	}
	return nil
}

// TestLegacyEncodedTwins: reports typed in TCVN3 or VNI (text, Markdown,
// a DOCX with .VnTime/.VnTimeH runs next to Unicode tables, and one with
// TCVN3 codes in Times New Roman runs next to the same tables), made from the
// Unicode samples by testdata/formats/make.sh, give the same facts as their
// Unicode twins, and say they were converted.
func TestLegacyEncodedTwins(t *testing.T) {
	p := newTestPipeline(t)
	for file, twin := range map[string]string{
		"dak-lak-2023-q1-tcvn3.txt":    "dak-lak-2023-q1.txt",
		"son-la-2023-h1-vni.txt":       "son-la-2023-h1.txt",
		"khanh-hoa-2023-q1-vni.md":     "khanh-hoa-2023-q1.md",
		"lang-son-2025-q1-vntime.docx": "lang-son-2025-q1.docx",
		// TCVN3 codes in runs that name Times New Roman: read by content.
		"lang-son-2025-q1-tcvn3-unicode-font.docx": "lang-son-2025-q1.docx",
	} {
		t.Run(file, func(t *testing.T) {
			got := processFile(t, p, filepath.Join(formatsDir, file))
			want := processFile(t, p, filepath.Join(docsDir, twin))
			if d := cmp.Diff(factsOf(want), factsOf(got)); d != "" {
				t.Errorf("%s and %s differ (-%s +%s):\n%s", twin, file, twin, file, d)
			}
			if hasDiagnostic(got, "text.legacy_converted") == nil {
				t.Errorf("no text.legacy_converted diagnostic: %+v", got.Diagnostics)
			}
		})
	}
}

// TestConvertedTwins: Word 97 .doc, RTF and .odt files saved by
// LibreOffice from DOCX samples give the same facts as those DOCX files.
// LibreOffice is optional (README): without it the test checks that such
// files are refused as unsupported, naming what to install.
func TestConvertedTwins(t *testing.T) {
	p := newTestPipeline(t)
	soffice, err := convert.Find()
	withConverters(t, p, soffice)
	files := map[string]string{
		"lang-son-2025-q1.doc":  "lang-son-2025-q1.docx",
		"lang-son-2025-q1.rtf":  "lang-son-2025-q1.docx",
		"thanh-hoa-2023-q1.doc": "thanh-hoa-2023-q1.docx",
		"nghe-an-2024-h1.rtf":   "nghe-an-2024-h1.docx",
		"nghe-an-2024-h1.odt":   "nghe-an-2024-h1.docx",
	}
	if err != nil {
		t.Logf("LibreOffice is not installed (%v): checking the refusal only", err)
		for file := range files {
			data, _ := os.ReadFile(filepath.Join(formatsDir, file))
			_, err := p.Process(context.Background(), file, data)
			if !errors.Is(err, pipeline.ErrUnsupportedFormat) || !strings.Contains(err.Error(), "libreoffice-writer-nogui") {
				t.Errorf("%s without LibreOffice: %v", file, err)
			}
		}
		t.Skip("LibreOffice (soffice) not installed: conversion not tested; CI installs libreoffice-writer-nogui")
	}
	for file, twin := range files {
		t.Run(file, func(t *testing.T) {
			got := processFile(t, p, filepath.Join(formatsDir, file))
			want := processFile(t, p, filepath.Join(docsDir, twin))
			if d := cmp.Diff(factsOf(want), factsOf(got)); d != "" {
				t.Errorf("%s and %s differ (-%s +%s):\n%s", twin, file, twin, file, d)
			}
			if ext := strings.TrimPrefix(filepath.Ext(file), "."); string(got.Source.Format) != ext {
				t.Errorf("source format %q, want %q", got.Source.Format, ext)
			}
			if hasDiagnostic(got, "convert.libreoffice") == nil {
				t.Errorf("no convert.libreoffice diagnostic: %+v", got.Diagnostics)
			}
		})
	}
}

// TestConvertWithoutLibreOffice: the refusal names what to install, for
// ingest and for an upload's check alike.
func TestConvertWithoutLibreOffice(t *testing.T) {
	p := newTestPipeline(t)
	withConverters(t, p, "")
	t.Setenv("PATH", t.TempDir()) // no soffice on it
	data, err := os.ReadFile(filepath.Join(formatsDir, "lang-son-2025-q1.doc"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Process(context.Background(), "x.doc", data)
	if pipeline.Reason(err) != "unsupported" || !strings.Contains(err.Error(), "libreoffice-writer-nogui") {
		t.Errorf("process: %v", err)
	}
	if err := p.Accepts("x.doc", data); !errors.Is(err, pipeline.ErrUnsupportedFormat) {
		t.Errorf("accepts: %v", err)
	}
}

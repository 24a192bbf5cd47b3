package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
)

// zipWith is a zip archive holding the named (empty) parts: the shape of
// the Office and OpenDocument formats that are not Word documents.
func zipWith(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// oleWith is an OLE compound file whose directory names one stream, as
// Excel 97 (Workbook) and PowerPoint 97 ("PowerPoint Document") write.
func oleWith(stream string) []byte {
	data := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	for _, r := range stream {
		data = append(data, byte(r), 0)
	}
	return append(data, make([]byte, 512)...)
}

// TestNoFileSkippedSilently: a folder with one file of every kind the
// pipeline cannot read yields a failed event and a ledger line with the
// reason "unsupported" for each, next to a report that is indexed.
func TestNoFileSkippedSilently(t *testing.T) {
	inbox := copySamples(t, "khanh-hoa-2023-q1.md")
	kinds := map[string][]byte{
		"bang-tong-hop.xlsx": zipWith(t, "[Content_Types].xml", "xl/workbook.xml"),
		"trinh-chieu.pptx":   zipWith(t, "[Content_Types].xml", "ppt/presentation.xml"),
		"bang-tinh.ods":      zipWith(t, "mimetype", "content.xml"),
		"ho-so.zip":          zipWith(t, "a/b.txt"),
		"bang-tinh-cu.xls":   oleWith("Workbook"),
		"trinh-chieu-cu.ppt": oleWith("PowerPoint Document"),
		// JPEG and PNG pages are read by OCR (TestExtractScanInWorker);
		// other image formats are not.
		"anh-chup.gif":        append([]byte("GIF89a"), bytes.Repeat([]byte{0x80, 0x00}, 200)...),
		"anh-quet.tif":        append([]byte("II*\x00"), bytes.Repeat([]byte{0x00, 0xAA}, 200)...),
		"chuong-trinh.exe":    append([]byte("MZ\x90\x00"), bytes.Repeat([]byte{0x00, 0xFF}, 200)...),
		"ghi-am.mp3":          append([]byte("ID3\x04\x00\x00"), bytes.Repeat([]byte{0x00, 0x11}, 200)...),
		"khong-ro-duoi":       bytes.Repeat([]byte{0x00, 0x01, 0x02, 0xFE}, 100),
		"van-ban.wpd":         append([]byte("\xffWPC"), bytes.Repeat([]byte{0x00, 0x10}, 200)...),
		"thu-dien-tu.eml.bin": bytes.Repeat([]byte{0x00, 0x9F}, 100),
	}
	for name, data := range kinds {
		if err := os.WriteFile(filepath.Join(inbox, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	work := t.TempDir()
	s, code, stderr := ingestJSON(t, work, inbox)
	if code != exitFailure {
		t.Errorf("exit %d, want %d: %s", code, exitFailure, stderr)
	}
	if s.Files != len(kinds)+1 || s.Indexed != 1 || s.Failed != len(kinds) {
		t.Errorf("files %d indexed %d failed %d, want %d, 1, %d", s.Files, s.Indexed, s.Failed, len(kinds)+1, len(kinds))
	}
	ix, err := index.OpenReadOnly(filepath.Join(work, "data", "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ledger, err := pipeline.OpenLedger(filepath.Join(work, "data", "ledger.json"), ix)
	if err != nil {
		t.Fatal(err)
	}
	for name := range kinds {
		e, ok := ledger.Get(filepath.Join(inbox, name))
		switch {
		case !ok:
			t.Errorf("%s: no ledger line", name)
		case e.Status != pipeline.StatusFailed || e.Reason != "unsupported" || !strings.Contains(e.Error, ":"):
			t.Errorf("%s: ledger %s %q %q, want failed, unsupported, with what it is", name, e.Status, e.Reason, e.Error)
		}
	}
}

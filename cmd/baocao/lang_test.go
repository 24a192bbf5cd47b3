package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/i18n"
)

// allowedTokens may stay untranslated in Vietnamese output: ids, formats,
// config keys and values, rule ids, command names.
var allowedTokens = []string{
	"baocao json csv xlsx sha id",
	"late-submission missing-section section-order numbering-gap footnote-missing-text footnote-unreferenced",
	"header-missing-number header-missing-date header-missing-recipient period-mismatch period-unknown citation-bad-date figure-mismatch indicator.conflict",
	"data_dir workers lang index.batch_size index.lock_timeout ingest.timeout ingest.isolate ingest.memory_limit_mb",
	"ingest.max_file_size ingest.max_pages ingest.max_uncompressed ingest.max_compression_ratio ingest.passwords",
	"serve.addr serve.token serve.inbox serve.quarantine serve.schedule serve.max_upload_bytes check.rules server.url",
	"search show compare check submissions ingest extract quickstart ledger config serve help period server limit set true false off",
	"Long",                 // Long An, Vĩnh Long: province names
	"GET POST DELETE HEAD", // HTTP methods in the server's log
	// The column ids of search -o csv (a row for scripts, as in compare).
	"period province date report_id report section section_title title more snippet_text snippet source",
	strings.Join(config.Keys(), " "),
	indicatorIDs(), // compare's column ids
}

// indicatorIDs lists the catalogue's indicator ids.
func indicatorIDs() string {
	c, err := extract.DefaultCatalogue()
	if err != nil {
		panic(err)
	}
	var ids []string
	for _, d := range c.Defs() {
		ids = append(ids, d.ID)
	}
	return strings.Join(ids, " ")
}

// TestEveryCommandSpeaksVietnamese runs every command (text output, the
// default language vi), its summaries and its errors, and finds no word
// only the English side of the catalogue uses. The help of every command
// is walked by TestEveryHelpSpeaksTheConfiguredLanguage.
func TestEveryCommandSpeaksVietnamese(t *testing.T) {
	docs := copySamples(t, "khanh-hoa-2023-q1.md", "thanh-hoa-2023-q1.md", "dak-lak-2023-q1.txt", "lao-cai-2023-q3.docx")
	os.WriteFile(filepath.Join(docs, "broken.pdf"), []byte("%PDF-1.7\n1 0 obj << /Type /Catalog"), 0o644)
	os.WriteFile(filepath.Join(docs, "note.txt"), []byte("hello world\n"), 0o644)
	os.WriteFile(filepath.Join(docs, "table.bin"), []byte{0, 1, 2, 3, 0xff}, 0o644)
	sample := filepath.Join(docs, "khanh-hoa-2023-q1.md")
	work := t.TempDir()
	if words := i18n.EnglishWords("3 files: 2 indexed, 1 failed", allowedTokens...); len(words) == 0 {
		t.Fatal("the check finds no English in an English summary")
	}
	run(t, work, "ingest", docs)
	out, _, _ := run(t, work, "search", "cải cách", "-o", "json")
	id := between(out, `"report_id": "`, `"`)
	for _, args := range [][]string{
		{"ingest", docs},
		{"search", "cải cách"},
		{"search", "zzqxv"},
		{"search", "TTHC", "--province", "Khánh Hòa", "--period", "2023-Q1"},
		{"show", id[:8]},
		{"show", "ffffffff"},
		{"extract", sample},
		{"extract", filepath.Join(docs, "broken.pdf")},
		{"extract", filepath.Join(docs, "note.txt")},
		{"extract", filepath.Join(work, "none.md")},
		{"compare", "--period", "2023-Q1"},
		{"compare", "--period", "2031"},
		{"compare"},
		{"compare", "--period", "2023-Q7"},
		{"check", sample},
		{"check", filepath.Join(docs, "broken.pdf")},
		{"check", "--period", "2023-Q1"},
		{"submissions", "--period", "2023-Q1"},
		{"ledger"},
		{"config"},
		{"config", "--workers", "0"},
		{"nosuch"},
		{"search", "-o", "csv", "x"},
		{"search", "x", "--province", "Atlantis"},
		{"search", "x", "--period", "2023-Q7"},
	} {
		stdout, stderr, _ := run(t, work, args...)
		if words := i18n.EnglishWords(stdout+"\n"+stderr, allowedTokens...); len(words) > 0 {
			t.Errorf("baocao %s: English words %v in\n%s%s", strings.Join(args, " "), words, stdout, stderr)
		}
	}
	// A refused filter is named in Vietnamese, its parameter kept after
	// it; the parameters are allowed tokens, so the walk above cannot tell.
	for flag, want := range map[string]string{"--province": "tỉnh, thành phố (province) “Atlantis”", "--period": "kỳ báo cáo (period) “Atlantis”"} {
		if _, stderr, _ := run(t, work, "search", "x", flag, "Atlantis"); !strings.Contains(stderr, want) {
			t.Errorf("search %s Atlantis: want %q in\n%s", flag, want, stderr)
		}
	}
}

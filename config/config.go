// Package config holds baocao's configuration as plain data: defaults,
// validation, and path resolution. Reading files, environment and flags is
// cmd's job (viper); this package does not import it.
package config

import (
	"errors"
	"path/filepath"
	"strings"
	"time"

	"github.com/baocao/baocao/i18n"
)

// Config is the whole configuration. Keys in baocao.yaml and BAOCAO_* env
// names follow the mapstructure tags: index.batch_size ↔ BAOCAO_INDEX_BATCH_SIZE.
type Config struct {
	// DataDir holds the index (DataDir/index) and the ingest ledger.
	DataDir string `mapstructure:"data_dir"`
	// Workers is how many documents are parsed at once.
	Workers int `mapstructure:"workers"`
	// Lang is the language of messages: vi or en.
	Lang   string `mapstructure:"lang"`
	Index  Index  `mapstructure:"index"`
	Ingest Ingest `mapstructure:"ingest"`
	Serve  Serve  `mapstructure:"serve"`
	Check  Check  `mapstructure:"check"`
	Server Server `mapstructure:"server"`
	// Extract configures extraction: the indicator catalogue.
	Extract Extract `mapstructure:"extract"`
	// Abbreviations is a YAML file of abbreviations (short: long phrase)
	// merged over the built-in table that search and the compliance checks
	// share; "" means the built-in table. Relative to the config file when
	// set there.
	Abbreviations string `mapstructure:"abbreviations"`
}

// Extract configures what extraction reads.
type Extract struct {
	// Indicators is a YAML indicator file merged over the built-in
	// catalogue (extract/data/indicators.yaml); "" means the built-in one.
	// Relative to the config file when set there.
	Indicators string `mapstructure:"indicators"`
}

// Server is how the CLI reaches a running `baocao serve` when the index
// is held by it. Read commands find the server by itself (the address
// file serve writes into data_dir); URL overrides that.
type Server struct {
	// URL of the running server, such as http://127.0.0.1:8080.
	URL string `mapstructure:"url"`
}

// Check configures the compliance checks (package extract/check).
type Check struct {
	// Rules is a YAML rule file merged over the built-in rules; "" means
	// the built-in rules alone. Relative to the config file when set there.
	Rules string `mapstructure:"rules"`
}

// Serve configures `baocao serve`: the web app, its API and the nightly
// ingest of the inbox.
type Serve struct {
	// Addr is the listen address; loopback by default, so exposing the
	// server is a decision.
	Addr string `mapstructure:"addr"`
	// Token guards uploads and "ingest now"; empty disables both. Never
	// printed (json:"-"), so `baocao config -o json` does not leak it.
	Token string `mapstructure:"token" json:"-"`
	// Inbox is the folder scanned for new reports ("" = data_dir/inbox).
	Inbox string `mapstructure:"inbox"`
	// Quarantine receives inbox files that failed, each with a note of
	// the reason ("" = data_dir/quarantine).
	Quarantine string `mapstructure:"quarantine"`
	// Schedule is a 5-field cron expression (minute hour day month
	// weekday) for scanning the inbox, or "off".
	Schedule string `mapstructure:"schedule"`
	// MaxUploadBytes caps the body of one upload request.
	MaxUploadBytes int64 `mapstructure:"max_upload_bytes"`
}

// Index configures the Bleve index.
type Index struct {
	// BatchSize is the number of Bleve documents per write batch.
	BatchSize int `mapstructure:"batch_size"`
	// LockTimeout is how long to wait for another process's lock on the
	// index before saying it is in use.
	LockTimeout time.Duration `mapstructure:"lock_timeout"`
	// CommitReports is how many reports an ingest writes to the index in
	// one commit, with their ledger entries: every commit waits for the
	// disk, and a larger one holds more parsed reports in memory.
	CommitReports int `mapstructure:"commit_reports"`
	// MergeSegmentsPerTier and MergeFloorSegmentSize are Bleve's (scorch)
	// merge plan: how many segments of a size tier wait before they are
	// merged, and the size in documents below which small segments count
	// as equal. PersisterNap is how long
	// Bleve's persister waits between rounds so that more in-memory
	// segments are merged before they are written. Chosen by measurement:
	// BENCHMARKS.md, "Merge settings".
	MergeSegmentsPerTier  int           `mapstructure:"merge_segments_per_tier"`
	MergeFloorSegmentSize int64         `mapstructure:"merge_floor_segment_size"`
	PersisterNap          time.Duration `mapstructure:"persister_nap"`
}

// Ingest configures the parsers and their limits.
type Ingest struct {
	// Timeout bounds one document.
	Timeout time.Duration `mapstructure:"timeout"`
	// Isolate runs the PDF and DOCX parsers in a worker process.
	Isolate bool `mapstructure:"isolate"`
	// MemoryLimitMB caps a worker process's resident memory, in MB (0: no
	// cap). At least MinMemoryLimitMB.
	MemoryLimitMB int `mapstructure:"memory_limit_mb"`
	// MaxFileSize is the largest file accepted, in bytes.
	MaxFileSize int64 `mapstructure:"max_file_size"`
	// MaxPages is the largest PDF accepted.
	MaxPages int `mapstructure:"max_pages"`
	// MaxTextBytes refuses a document whose text is larger (too-large),
	// before extraction; a report of 2,000 pages has about 4 MB of text.
	MaxTextBytes int `mapstructure:"max_text_bytes"`
	// MaxFacts refuses a document whose report holds more sections,
	// footnotes, citations, counts and diagnostics together (too-large);
	// real reports have hundreds.
	MaxFacts int `mapstructure:"max_facts"`
	// MaxUncompressed caps the inflated size of a DOCX, in bytes.
	MaxUncompressed int64 `mapstructure:"max_uncompressed"`
	// MaxCompressionRatio refuses DOCX parts that inflate more (zip bombs).
	MaxCompressionRatio float64 `mapstructure:"max_compression_ratio"`
	// Passwords are tried on encrypted PDFs after the empty one.
	Passwords []string `mapstructure:"passwords"`
	// OCR is "auto" (scanned PDF pages are read with Tesseract when it
	// is installed) or "off".
	OCR string `mapstructure:"ocr"`
	// OCRLanguages are Tesseract models joined by "+" ("vie", "vie+eng").
	OCRLanguages string `mapstructure:"ocr_languages"`
	// OCRMaxPages caps the scanned pages of one document read by OCR.
	OCRMaxPages int `mapstructure:"ocr_max_pages"`
}

// MinMemoryLimitMB is the smallest worker memory cap accepted: a worker
// parsing the sample reports peaks at about 25 MB resident, and the cap
// leaves room for reports several times their size
// (fault.TestWorkerAtMinimumCap runs every sample at this cap).
const MinMemoryLimitMB = 96

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{
		DataDir: "data",
		Workers: 2,
		Lang:    "vi",
		Index: Index{BatchSize: 500, LockTimeout: 2 * time.Second, CommitReports: 64,
			MergeSegmentsPerTier: 10, MergeFloorSegmentSize: 2000},
		Ingest: Ingest{
			Timeout:             60 * time.Second,
			Isolate:             true,
			MemoryLimitMB:       1024,
			MaxFileSize:         50 << 20,
			MaxPages:            500,
			MaxTextBytes:        4 << 20,
			MaxFacts:            20000,
			MaxUncompressed:     200 << 20,
			MaxCompressionRatio: 200,
			Passwords:           []string{},
			OCR:                 "auto",
			OCRLanguages:        "vie",
			OCRMaxPages:         30,
		},
		Serve: Serve{
			Addr:           "127.0.0.1:8080",
			Schedule:       "0 2 * * *",
			MaxUploadBytes: 100 << 20,
		},
	}
}

// DefaultLimits applies the one rule of the ingest limits (max_file_size,
// max_pages, max_text_bytes, max_facts, max_uncompressed,
// max_compression_ratio, ocr_max_pages): 0 means the default, Default()'s
// value; a negative value is an error (Validate). There is no "no limit":
// the limits are what keep a hostile file from taking the process down.
// (ingest.memory_limit_mb is the worker process's cap, not an ingester
// limit: 0 turns it off.)
func (c *Config) DefaultLimits() {
	d, in := Default().Ingest, &c.Ingest
	in.MaxFileSize = Limit(in.MaxFileSize, d.MaxFileSize)
	in.MaxUncompressed = Limit(in.MaxUncompressed, d.MaxUncompressed)
	in.MaxPages = Limit(in.MaxPages, d.MaxPages)
	in.MaxTextBytes = Limit(in.MaxTextBytes, d.MaxTextBytes)
	in.MaxFacts = Limit(in.MaxFacts, d.MaxFacts)
	in.OCRMaxPages = Limit(in.OCRMaxPages, d.OCRMaxPages)
	in.MaxCompressionRatio = Limit(in.MaxCompressionRatio, d.MaxCompressionRatio)
}

// Limit is the one rule of the ingest limits, used by the configuration
// and by every ingester (pdf, docx, plaintext, convert, the batch's file
// size, the processor's facts): 0 means def, Default()'s value. A
// negative value is refused by Validate, never by meaning "no limit".
func Limit[T int | int64 | float64](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

// ErrInvalid is wrapped by every validation problem.
var ErrInvalid = errors.New("invalid configuration")

// Validate checks every key and reports all problems at once, each naming
// its key.
func (c Config) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		// The message is a catalogue key, so the CLI prints it in the
		// configured language; errors.Is(err, ErrInvalid) still holds.
		errs = append(errs, &i18n.Error{Key: "%s: %v", Args: []any{key, i18n.Errorf(format, args...)}, Err: ErrInvalid})
	}
	if c.DataDir == "" {
		bad("data_dir", "must not be empty")
	}
	if c.Workers < 1 || c.Workers > 256 {
		bad("workers", "%d is not between 1 and 256", c.Workers)
	}
	if c.Lang != "vi" && c.Lang != "en" {
		bad("lang", "%q is not vi or en", c.Lang)
	}
	if c.Index.BatchSize < 1 {
		bad("index.batch_size", "%d must be at least 1", c.Index.BatchSize)
	}
	if c.Index.LockTimeout <= 0 {
		bad("index.lock_timeout", "%s must be positive", c.Index.LockTimeout)
	}
	if c.Index.CommitReports < 1 {
		bad("index.commit_reports", "%d must be at least 1", c.Index.CommitReports)
	}
	if c.Index.MergeSegmentsPerTier < 1 {
		bad("index.merge_segments_per_tier", "%d must be at least 1", c.Index.MergeSegmentsPerTier)
	}
	if c.Index.MergeFloorSegmentSize < 1 {
		bad("index.merge_floor_segment_size", "%d must be at least 1", int(c.Index.MergeFloorSegmentSize))
	}
	if c.Index.PersisterNap < 0 {
		bad("index.persister_nap", "%s must not be negative", c.Index.PersisterNap)
	}
	if c.Ingest.Timeout <= 0 {
		bad("ingest.timeout", "%s must be positive", c.Ingest.Timeout)
	}
	if c.Ingest.MemoryLimitMB < 0 || c.Ingest.MemoryLimitMB > 0 && c.Ingest.MemoryLimitMB < MinMemoryLimitMB {
		bad("ingest.memory_limit_mb", "%d is too small to parse ordinary reports: use at least %d (or 0 for no cap)", c.Ingest.MemoryLimitMB, MinMemoryLimitMB)
	}
	// Limits where 0 means the default (Limit): only a negative value is wrong.
	for _, l := range []struct {
		key   string
		value int64
	}{
		{"ingest.max_file_size", c.Ingest.MaxFileSize},
		{"ingest.max_pages", int64(c.Ingest.MaxPages)},
		{"ingest.max_text_bytes", int64(c.Ingest.MaxTextBytes)},
		{"ingest.max_facts", int64(c.Ingest.MaxFacts)},
		{"ingest.max_uncompressed", c.Ingest.MaxUncompressed},
	} {
		if l.value < 0 {
			bad(l.key, "%d must not be negative (0 means the default)", l.value)
		}
	}
	if c.Ingest.MaxCompressionRatio < 0 {
		bad("ingest.max_compression_ratio", "%g must not be negative (0 means the default)", c.Ingest.MaxCompressionRatio)
	}
	if c.Ingest.OCR != "auto" && c.Ingest.OCR != "off" {
		bad("ingest.ocr", "%q is not auto or off", c.Ingest.OCR)
	}
	if c.Ingest.OCRLanguages == "" || strings.ContainsAny(c.Ingest.OCRLanguages, " /\\") {
		bad("ingest.ocr_languages", "%q is not Tesseract model names joined by + (such as vie or vie+eng)", c.Ingest.OCRLanguages)
	}
	if c.Ingest.OCRMaxPages < 0 {
		bad("ingest.ocr_max_pages", "%d must not be negative (0 means the default)", c.Ingest.OCRMaxPages)
	}
	if c.Serve.Addr == "" {
		bad("serve.addr", "must not be empty")
	}
	if c.Serve.Schedule == "" {
		bad("serve.schedule", `must be a cron expression such as "0 2 * * *", or "off"`)
	} else if f := strings.Fields(c.Serve.Schedule); c.Serve.Schedule != "off" && !strings.HasPrefix(c.Serve.Schedule, "@") && len(f) != 5 {
		bad("serve.schedule", "%q has %d fields, want 5 (minute hour day month weekday)", c.Serve.Schedule, len(f))
	}
	if c.Serve.MaxUploadBytes < 1 {
		bad("serve.max_upload_bytes", "%d must be at least 1", c.Serve.MaxUploadBytes)
	}
	if c.Check.Rules != "" && strings.TrimSpace(c.Check.Rules) == "" {
		bad("check.rules", "%q is blank", c.Check.Rules)
	}
	if c.Extract.Indicators != "" && strings.TrimSpace(c.Extract.Indicators) == "" {
		bad("extract.indicators", "%q is blank", c.Extract.Indicators)
	}
	return errors.Join(errs...)
}

// Resolve makes relative paths relative to base (the config file's folder),
// so a config file means the same wherever baocao is run from.
func (c *Config) Resolve(base string) {
	if base != "" && !filepath.IsAbs(c.DataDir) {
		c.DataDir = filepath.Join(base, c.DataDir)
	}
}

// ResolveIndicators makes a relative extract.indicators path relative to
// base (the config file's folder), like ResolveRules.
func (c *Config) ResolveIndicators(base string) {
	if base != "" && c.Extract.Indicators != "" && !filepath.IsAbs(c.Extract.Indicators) {
		c.Extract.Indicators = filepath.Join(base, c.Extract.Indicators)
	}
}

// ResolveRules makes a relative check.rules path relative to base (the
// config file's folder), like Resolve does for data_dir.
func (c *Config) ResolveRules(base string) {
	if base != "" && c.Check.Rules != "" && !filepath.IsAbs(c.Check.Rules) {
		c.Check.Rules = filepath.Join(base, c.Check.Rules)
	}
}

// ResolveAbbreviations makes a relative abbreviations path relative to
// base (the config file's folder), like ResolveRules.
func (c *Config) ResolveAbbreviations(base string) {
	if base != "" && c.Abbreviations != "" && !filepath.IsAbs(c.Abbreviations) {
		c.Abbreviations = filepath.Join(base, c.Abbreviations)
	}
}

// IndexDir is where the Bleve index lives.
func (c Config) IndexDir() string { return filepath.Join(c.DataDir, "index") }

// InboxDir is the folder the server scans for new reports.
func (c Config) InboxDir() string {
	if c.Serve.Inbox != "" {
		return c.Serve.Inbox
	}
	return filepath.Join(c.DataDir, "inbox")
}

// QuarantineDir is where the server moves inbox files that failed.
func (c Config) QuarantineDir() string {
	if c.Serve.Quarantine != "" {
		return c.Serve.Quarantine
	}
	return filepath.Join(c.DataDir, "quarantine")
}

// LedgerPath is where the ingest ledger lives.
func (c Config) LedgerPath() string { return filepath.Join(c.DataDir, "ledger.json") }

package main

import (
	"fmt"
	"os"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/extract/check"
	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/convert"
	"github.com/baocao/baocao/pipeline/docx"
	"github.com/baocao/baocao/pipeline/ocr"
	"github.com/baocao/baocao/pipeline/pdf"
	"github.com/baocao/baocao/pipeline/plaintext"
)

// inProcessIngesters builds the ingester of every format, running in this
// process (or in a worker process), each refusing a text over
// ingest.max_text_bytes.
func inProcessIngesters(cfg config.Config) map[extract.Format]pipeline.Ingester {
	text := plaintext.Options{MaxFileSize: cfg.Ingest.MaxFileSize}
	dopts := docx.DefaultOptions()
	dopts.MaxFileSize = cfg.Ingest.MaxFileSize
	dopts.MaxUncompressed = cfg.Ingest.MaxUncompressed
	dopts.MaxCompressionRatio = cfg.Ingest.MaxCompressionRatio
	popts := pdf.DefaultOptions()
	popts.MaxFileSize = cfg.Ingest.MaxFileSize
	popts.MaxPages = cfg.Ingest.MaxPages
	popts.Passwords = cfg.Ingest.Passwords
	popts.OCRMaxPages = cfg.Ingest.OCRMaxPages
	// OCR stops starting pages at nine tenths of the document's deadline,
	// so a long scan ends with the pages read so far and a diagnostic.
	popts.OCRBudget = cfg.Ingest.Timeout * 9 / 10
	if cfg.Ingest.OCR == "off" {
		popts.OCRUnavailable = "OCR is off (ingest.ocr)"
	} else if tess, ppm, err := ocr.Find(cfg.Ingest.OCRLanguages); err != nil {
		popts.OCRUnavailable = "no OCR: " + err.Error()
	} else {
		popts.OCR = ocr.New(ocr.Options{Tesseract: tess, Pdftoppm: ppm, Languages: cfg.Ingest.OCRLanguages, PageTimeout: cfg.Ingest.Timeout})
	}
	pdfs := pdf.New(popts)
	ins := map[extract.Format]pipeline.Ingester{
		extract.FormatMarkdown: plaintext.New(text, true),
		extract.FormatText:     plaintext.New(text, false),
		extract.FormatDOCX:     docx.New(dopts),
		extract.FormatPDF:      pdfs,
		// A JPEG or PNG page is read like a one-page scan, by the same
		// OCR with the same limits; without OCR it is unsupported.
		extract.FormatImage: pdf.NewImage(pdfs),
	}
	// .doc, .rtf and .odt go through LibreOffice when it is installed;
	// without it (Soffice "") they fail as unsupported, saying what to
	// install.
	soffice, _ := convert.Find()
	for _, f := range convertedFormats {
		ins[f] = convert.New(convert.Options{Soffice: soffice, Timeout: cfg.Ingest.Timeout, MaxFileSize: cfg.Ingest.MaxFileSize}, f, ins[extract.FormatDOCX])
	}
	for f, in := range ins {
		ins[f] = pipeline.LimitText(in, cfg.Ingest.MaxTextBytes)
	}
	return ins
}

// convertedFormats are read by converting them to DOCX with LibreOffice.
var convertedFormats = []extract.Format{extract.FormatDOC, extract.FormatRTF, extract.FormatODT}

// newPipeline builds the pipeline; with ingest.isolate the PDF and DOCX
// parsers run in worker processes (this binary's extract-one command).
func newPipeline(cfg config.Config, cfgFile string) (*pipeline.Pipeline, error) {
	ex, err := newExtractor(cfg)
	if err != nil {
		return nil, err
	}
	ingesters := inProcessIngesters(cfg)
	if cfg.Ingest.Isolate {
		self, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("find own executable for parser workers: %w", err)
		}
		isolated := []extract.Format{extract.FormatPDF, extract.FormatDOCX}
		if _, err := convert.Find(); err == nil {
			isolated = append(isolated, convertedFormats...)
		}
		// Images are isolated only when they can be read: otherwise the
		// in-process ingester refuses an upload at once, saying why.
		if a, ok := ingesters[extract.FormatImage].(interface{ Available() error }); !ok || a.Available() == nil {
			isolated = append(isolated, extract.FormatImage)
		}
		for _, f := range isolated {
			ingesters[f] = &pipeline.Worker{
				Command:       workerCommand(self, cfgFile),
				Format:        f,
				Timeout:       cfg.Ingest.Timeout,
				MemoryLimitMB: cfg.Ingest.MemoryLimitMB,
			}
		}
	}
	chk, err := newChecker(cfg)
	if err != nil {
		return nil, err
	}
	return &pipeline.Pipeline{Ingesters: ingesters, Extractor: ex, Timeout: cfg.Ingest.Timeout, Checker: chk, MaxFacts: cfg.Ingest.MaxFacts}, nil
}

// loadCatalogue returns the indicator catalogue in effect: the built-in
// one, or extract.indicators merged over it.
func loadCatalogue(cfg config.Config) (*extract.Catalogue, error) {
	if cfg.Extract.Indicators == "" {
		return extract.DefaultCatalogue()
	}
	cat, err := extract.LoadCatalogue(cfg.Extract.Indicators)
	if err != nil {
		return nil, usageError{i18n.Errorf("extract.indicators: %v", err)}
	}
	return cat, nil
}

// newExtractor builds the extractor with the indicator catalogue in effect.
func newExtractor(cfg config.Config) (*extract.Extractor, error) {
	cat, err := loadCatalogue(cfg)
	if err != nil {
		return nil, err
	}
	return extract.NewWithCatalogue(cat)
}

// workerCommand is the child command line. The child reads the same
// configuration (file and BAOCAO_* environment) as its parent.
func workerCommand(self, cfgFile string) []string {
	cmd := []string{self, "extract-one"}
	if cfgFile != "" {
		cmd = append(cmd, "--config", cfgFile)
	}
	return cmd
}

func indexOptions(cfg config.Config) index.Options {
	// The table was checked when the configuration was loaded.
	abbr, _ := extract.LoadAbbreviations(cfg.Abbreviations)
	opts := index.Options{BoltTimeout: cfg.Index.LockTimeout, BatchSize: cfg.Index.BatchSize, Abbreviations: abbr,
		FindingRules: check.RuleIDs(), Merge: index.MergeOptions{SegmentsPerTier: cfg.Index.MergeSegmentsPerTier,
			FloorSegmentSize: cfg.Index.MergeFloorSegmentSize, PersisterNap: cfg.Index.PersisterNap}}
	// reused-section needs the previous report: the index checks it, as
	// the rule file says (checked when the configuration was loaded).
	if rs, err := check.LoadRules(cfg.Check.Rules); err == nil {
		if sev, on := rs.Rule(check.RuleReusedSection); on {
			opts.ReusedSection = &sev
		}
	}
	return opts
}

// loadAbbreviations is the abbreviation table the configuration names.
func loadAbbreviations(cfg config.Config) (*extract.Abbreviations, error) {
	t, err := extract.LoadAbbreviations(cfg.Abbreviations)
	if err != nil {
		return nil, usageError{fmt.Errorf("abbreviations: %w", err)}
	}
	return t, nil
}

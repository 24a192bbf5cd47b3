package config

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestDefaultIsValid(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestValidateNamesEveryBadKey(t *testing.T) {
	c := Default()
	c.Workers = 0
	c.Lang = "fr"
	c.Index.BatchSize = 0
	c.Index.CommitReports = 0
	c.Index.MergeSegmentsPerTier = 0
	c.Index.MergeFloorSegmentSize = 0
	c.Index.PersisterNap = -1
	c.Ingest.MaxCompressionRatio = -1 // 0 is the default
	err := c.Validate()
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("Validate() = %v, want ErrInvalid", err)
	}
	for _, key := range []string{"workers", "lang", "index.batch_size", "index.commit_reports", "index.merge_segments_per_tier",
		"index.merge_floor_segment_size", "index.persister_nap", "ingest.max_compression_ratio"} {
		if !strings.Contains(err.Error(), key+":") {
			t.Errorf("error does not name %s: %v", key, err)
		}
	}
}

func TestResolve(t *testing.T) {
	c := Default()
	c.Resolve("/etc/baocao")
	if c.DataDir != "/etc/baocao/data" {
		t.Errorf("DataDir = %q", c.DataDir)
	}
	c.DataDir = "/abs"
	c.Resolve("/etc/baocao")
	if c.DataDir != "/abs" {
		t.Errorf("absolute DataDir changed to %q", c.DataDir)
	}
}

// A worker cap too small to parse ordinary reports is a configuration
// error, not a run of mysterious failures; 0 means no cap.
func TestMemoryLimitTooSmallIsRefused(t *testing.T) {
	for mb, ok := range map[int]bool{0: true, -1: false, 32: false, MinMemoryLimitMB - 1: false, MinMemoryLimitMB: true, 1024: true} {
		c := Default()
		c.Ingest.MemoryLimitMB = mb
		if err := c.Validate(); (err == nil) != ok {
			t.Errorf("memory_limit_mb %d: %v, want ok=%v", mb, err, ok)
		} else if err != nil && !strings.Contains(err.Error(), "ingest.memory_limit_mb:") {
			t.Errorf("memory_limit_mb %d: error does not name the key: %v", mb, err)
		}
	}
}

// TestIngestLimitsZeroMeansDefault: the one rule of the ingest limits.
func TestIngestLimitsZeroMeansDefault(t *testing.T) {
	c := Default()
	c.Ingest.MaxFileSize, c.Ingest.MaxPages, c.Ingest.MaxTextBytes, c.Ingest.MaxFacts = 0, 0, 0, 0
	c.Ingest.MaxUncompressed, c.Ingest.MaxCompressionRatio, c.Ingest.OCRMaxPages = 0, 0, 0
	c.DefaultLimits()
	if !reflect.DeepEqual(c.Ingest, Default().Ingest) {
		t.Errorf("0 limits became %+v, want the defaults %+v", c.Ingest, Default().Ingest)
	}
	c.Ingest.MaxPages = -1
	c.DefaultLimits()
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "ingest.max_pages") {
		t.Errorf("a negative limit: %v", err)
	}
}

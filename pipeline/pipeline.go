// Package pipeline turns submitted files into Reports: it detects the format,
// hands the bytes to a format ingester (pipeline/pdf, pipeline/docx,
// pipeline/plaintext), runs extraction, and orchestrates batches — bounded
// workers, dedupe by content hash, a ledger of what was ingested or failed.
package pipeline

import (
	"context"
	"errors"

	"github.com/baocao/baocao/extract"
)

// Ingester turns the bytes of one file into a Document. Implementations
// must not panic on hostile input (recover around third-party parsers) and
// must honour ctx. name is used for Source.Path and messages only.
type Ingester interface {
	Ingest(ctx context.Context, name string, data []byte) (*extract.Document, error)
}

// SumIngester is an Ingester that can be handed the SHA-256 of data (hex,
// as extract.HashBytes writes it) by a caller that has computed it
// already — a batch hashes every file to find it in the ledger before it
// processes it — instead of hashing the file again for Source.SHA256.
// Ingest is IngestSum with the hash computed.
type SumIngester interface {
	Ingester
	IngestSum(ctx context.Context, name string, data []byte, sum string) (*extract.Document, error)
}

// Reasons a file cannot be ingested. Ingesters wrap them
// (fmt.Errorf("…: %w", ErrEncrypted)) so the batch can report why.
var (
	ErrUnsupportedFormat = errors.New("unsupported format")
	ErrEncrypted         = errors.New("encrypted")
	ErrNoText            = errors.New("no text layer")
	ErrTooLarge          = errors.New("too large")
	ErrMalformed         = errors.New("malformed file")
	ErrTruncated         = errors.New("truncated file")
	ErrLegacyEncoding    = errors.New("legacy font encoding")
	ErrTimeout           = errors.New("timed out")
	ErrCrashed           = errors.New("parser crashed")
	// ErrNotAReport: the document has no recognisable header and no
	// report structure (a note, a letter without a header); see
	// Pipeline.AcceptNonReports.
	ErrNotAReport = errors.New("not a report")
)

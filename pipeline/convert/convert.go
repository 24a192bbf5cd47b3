// Package convert reads the word-processor formats baocao has no parser
// for — Word 97–2003 (.doc), RTF and OpenDocument text (.odt) — by having
// LibreOffice convert them to DOCX (`soffice --headless --convert-to docx`)
// and handing the result to the DOCX ingester. LibreOffice is optional
// (Debian: libreoffice-writer-nogui): without it these files are
// pipeline.ErrUnsupportedFormat with what to install.
package convert

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
)

// Install says what to install when LibreOffice is missing.
const Install = "install LibreOffice Writer (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) or save the file as .docx or PDF"

// Find returns the LibreOffice command on PATH, or an error wrapping
// pipeline.ErrUnsupportedFormat that says what to install.
func Find() (string, error) {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("LibreOffice (soffice) is not installed: %s: %w", Install, pipeline.ErrUnsupportedFormat)
}

// Options configure the Ingester.
type Options struct {
	// Soffice is the LibreOffice command (see Find).
	Soffice string
	// Timeout bounds one conversion (default 60s); the caller's context
	// may end it sooner.
	Timeout time.Duration
	// MaxFileSize refuses larger files before starting LibreOffice (0: the
	// default, config.Limit).
	MaxFileSize int64
}

// Ingester converts with LibreOffice, then reads the DOCX with Next.
// Conversions run one at a time per Ingester: LibreOffice allows one
// process per profile, and a private profile (created on first use,
// removed by Close) keeps it from touching the user's own.
type Ingester struct {
	opts   Options
	format extract.Format
	next   pipeline.Ingester

	mu      sync.Mutex
	profile string
}

// New returns an Ingester of format (doc, rtf or odt) that passes the
// converted DOCX to next.
func New(opts Options, format extract.Format, next pipeline.Ingester) *Ingester {
	if opts.Timeout <= 0 {
		opts.Timeout = 60 * time.Second
	}
	opts.MaxFileSize = config.Limit(opts.MaxFileSize, config.Default().Ingest.MaxFileSize)
	return &Ingester{opts: opts, format: format, next: next}
}

// Available says why the Ingester cannot convert (LibreOffice missing), or
// nil; pipeline.Accepts asks it before keeping an upload.
func (in *Ingester) Available() error {
	if in.opts.Soffice == "" {
		_, err := Find()
		return err
	}
	return nil
}

// Close removes the private LibreOffice profile.
func (in *Ingester) Close() error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.profile == "" {
		return nil
	}
	err := os.RemoveAll(in.profile)
	in.profile = ""
	return err
}

// Ingest converts data to DOCX and reads it. The Document keeps the
// original file's format and hash, and a diagnostic says it was converted.
func (in *Ingester) Ingest(ctx context.Context, name string, data []byte) (*extract.Document, error) {
	if int64(len(data)) > in.opts.MaxFileSize {
		return nil, fmt.Errorf("%s: %d bytes exceeds the limit of %d: %w", in.format, len(data), in.opts.MaxFileSize, pipeline.ErrTooLarge)
	}
	start := time.Now()
	docx, err := in.convert(ctx, data)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", in.format, filepath.Base(name), err)
	}
	took := time.Since(start)
	doc, err := in.next.Ingest(ctx, name, docx)
	if err != nil {
		return nil, err
	}
	doc.Source.Format = in.format
	doc.Source.SHA256 = extract.HashBytes(data)
	doc.Diagnostics = append(doc.Diagnostics, extract.NewDiagnostic("convert.libreoffice", extract.SeverityInfo,
		"converted from %s to DOCX by LibreOffice in %vs", describe(in.format), strconv.FormatFloat(took.Seconds(), 'f', 1, 64)))
	return doc, nil
}

func describe(f extract.Format) string {
	switch f {
	case extract.FormatDOC:
		return "Word 97–2003 (.doc)"
	case extract.FormatRTF:
		return "RTF"
	case extract.FormatODT:
		return "OpenDocument text (.odt)"
	}
	return string(f)
}

// convert runs LibreOffice on data in a temporary folder and returns the
// DOCX it wrote.
func (in *Ingester) convert(ctx context.Context, data []byte) ([]byte, error) {
	if err := in.Available(); err != nil {
		return nil, err
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in.profile == "" {
		dir, err := os.MkdirTemp("", "baocao-soffice-profile-")
		if err != nil {
			return nil, err
		}
		in.profile = dir
	}
	work, err := os.MkdirTemp("", "baocao-convert-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	// The input's name is ours: the client's name never reaches a command line.
	src := filepath.Join(work, "input."+string(in.format))
	if err := os.WriteFile(src, data, 0o600); err != nil {
		return nil, err
	}
	out := filepath.Join(work, "out")
	ctx, cancel := context.WithTimeout(ctx, in.opts.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, in.opts.Soffice,
		"-env:UserInstallation=file://"+filepath.ToSlash(in.profile),
		"--headless", "--norestore", "--nolockcheck", "--nodefault", "--nofirststartwizard",
		"--convert-to", "docx:MS Word 2007 XML", "--outdir", out, src)
	// Its own process group: soffice starts soffice.bin, and a deadline
	// must stop both.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	cmd.Env = append(os.Environ(), "HOME="+work) // nothing written to the real home
	runErr := cmd.Run()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, fmt.Errorf("LibreOffice did not finish within %s: %w", in.opts.Timeout, pipeline.ErrTimeout)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	docx, err := os.ReadFile(filepath.Join(out, "input.docx"))
	if err != nil {
		// LibreOffice exits 0 even when it could not load the file.
		msg := strings.TrimSpace(stderr.String())
		if runErr != nil {
			msg = runErr.Error() + ": " + msg
		}
		return nil, fmt.Errorf("LibreOffice could not convert it (%s): %w", lastLine(msg), pipeline.ErrMalformed)
	}
	return docx, nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	l := strings.TrimSpace(lines[len(lines)-1])
	if len(l) > 200 {
		l = l[:200]
	}
	if l == "" {
		return "no output"
	}
	return l
}

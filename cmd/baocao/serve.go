package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/cmd/baocao/web"
	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/extract/check"
	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
)

type serveOptions struct {
	addr    string
	demo    bool
	docs    string
	logJSON bool
	// dirGiven: --data-dir or BAOCAO_DATA_DIR was set, so --demo uses it
	// instead of a temporary folder.
	dirGiven bool
}

func newServeCmd(a *app) *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the web app and HTTP API, and ingest the inbox on a schedule",
		Long: `Serve runs the analysts' web app (search, reports, comparison, ingest ledger)
and the JSON API (documented at /api/openapi.yaml) on serve.addr
(default 127.0.0.1:8080).

The server owns the index: while it runs, 'baocao ingest' cannot write it, and
hands files to the server instead with --server URL. The server scans its
inbox (serve.inbox, default data_dir/inbox) at startup and on serve.schedule
(a 5-field cron expression, default "0 2 * * *": every night at 02:00; "off"
disables it), and when the "ingest now" button or POST /api/ingest asks.
Files that fail move to serve.quarantine (default data_dir/quarantine) with
a <name>.reason.txt note. Uploads and "ingest now" need serve.token
(BAOCAO_SERVE_TOKEN).

--demo ingests the sample reports carried in the binary (or --docs FOLDER)
into a temporary data_dir (or the one given with --data-dir) and serves
them; without a configured token it makes one up and logs it.

While it runs, the server writes its address into data_dir/serve.json: the
read commands (search, show, compare, check --period, submissions) and
ingest find it there and go through it, since it holds the index.

SIGINT or SIGTERM stops the server gracefully: requests in progress and the
ingest batch in flight finish first.`,
		Example: `  baocao serve --demo
  BAOCAO_SERVE_TOKEN=secret baocao serve --addr 127.0.0.1:9000
  baocao ingest --server http://127.0.0.1:8080 new-reports/`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("addr") {
				o.addr = a.cfg.Serve.Addr
			}
			o.dirGiven = a.loaded.sources["data_dir"] != sourceDefault
			return runServe(cmd.Context(), a, o)
		},
	}
	cmd.Flags().StringVar(&o.addr, "addr", "", "listen address (key serve.addr, default 127.0.0.1:8080)")
	cmd.Flags().BoolVar(&o.demo, "demo", false, "ingest the bundled sample reports first (into a temporary data_dir unless --data-dir is given)")
	cmd.Flags().StringVar(&o.docs, "docs", "", "with --demo: a folder of reports instead of the bundled samples")
	cmd.Flags().BoolVar(&o.logJSON, "log-json", false, "write logs as JSON lines instead of text")
	return cmd
}

func runServe(ctx context.Context, a *app, o serveOptions) error {
	var h slog.Handler = slog.NewTextHandler(a.errOut, logOptions(a.p, false))
	if o.logJSON {
		h = slog.NewJSONHandler(a.errOut, logOptions(a.p, true))
	}
	log := slog.New(h)
	cfg := a.cfg
	var sched *web.Schedule
	if cfg.Serve.Schedule != "off" {
		s, err := web.ParseSchedule(cfg.Serve.Schedule)
		if err != nil {
			return usageError{fmt.Errorf("serve.schedule: %w", err)}
		}
		sched = s
	}
	if o.demo {
		if !o.dirGiven {
			dir, err := os.MkdirTemp("", "baocao-demo-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			cfg.DataDir = dir
		}
		if cfg.Serve.Token == "" {
			var b [12]byte
			_, _ = rand.Read(b[:])
			cfg.Serve.Token = hex.EncodeToString(b[:])
			log.Info("demo token for uploads and 'ingest now'", "token", cfg.Serve.Token)
		}
	}
	p, err := newPipeline(cfg, a.cfgFile)
	if err != nil {
		return err
	}
	defer p.Close()
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return err
	}
	ix, err := index.Open(cfg.IndexDir(), indexOptions(cfg))
	if err != nil {
		if errors.Is(err, index.ErrInUse) {
			return fmt.Errorf("%w (another 'baocao serve' or 'baocao ingest' holds it; the server must be the index's only writer)", err)
		}
		return err
	}
	defer ix.Close()
	ledger, err := pipeline.OpenLedger(cfg.LedgerPath(), ix)
	if err != nil {
		return err
	}
	defer ledger.Close()
	if o.demo {
		if o.docs == "" {
			if o.docs, err = unpackSamples(cfg.DataDir); err != nil {
				return err
			}
		}
		files, err := pipeline.Collect([]string{o.docs})
		if err != nil {
			return usageError{i18n.Errorf("--docs: %v", err)}
		}
		b := &pipeline.Batch{Pipeline: p, Ledger: ledger, Workers: cfg.Workers, MaxFileSize: cfg.Ingest.MaxFileSize,
			FlushEvery: cfg.Index.CommitReports}
		sum, err := b.Run(ctx, files)
		if err != nil {
			return fmt.Errorf("demo ingest: %w", err)
		}
		log.Info("demo samples ingested", "docs", o.docs, "data_dir", cfg.DataDir, "indexed", sum.Indexed,
			"unchanged", sum.Unchanged, "duplicate", sum.Duplicate, "failed", sum.Failed)
	}
	rules, err := check.LoadRules(cfg.Check.Rules)
	if err != nil {
		return usageError{i18n.Errorf("check.rules: %v", err)}
	}
	gaz, err := extract.LoadGazetteer()
	if err != nil {
		return err
	}
	// The tracker is the one of 'baocao submissions', over the server's index.
	submissions := func(ctx context.Context, period string) (check.Submissions, error) {
		sums, err := ix.Reports(ctx, index.Filter{Period: period})
		if err != nil {
			return check.Submissions{}, err
		}
		return check.Track(rules, gaz, period, submitted(sums)), nil
	}
	srv, err := web.New(web.Options{
		Index: ix, Pipeline: p, Ledger: ledger,
		Workers: cfg.Workers, MaxFileSize: cfg.Ingest.MaxFileSize, CommitReports: cfg.Index.CommitReports,
		Inbox: cfg.InboxDir(), Quarantine: cfg.QuarantineDir(),
		Token: cfg.Serve.Token, MaxUploadBytes: cfg.Serve.MaxUploadBytes,
		Logger: log, Submissions: submissions, Lang: cfg.Lang,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return usageError{i18n.Errorf("--addr %s: %v", o.addr, err)}
	}
	url := "http://" + ln.Addr().String()
	if err := writeServerInfo(cfg, serverInfo{PID: os.Getpid(), URL: url, Started: time.Now()}); err != nil {
		return err
	}
	defer os.Remove(filepath.Join(cfg.DataDir, serverFile))
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       10 * time.Minute, // large uploads on slow links
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          httpErrorLog(log),
	}
	log.Info("serving", "url", url+"/", "data_dir", cfg.DataDir,
		"inbox", cfg.InboxDir(), "quarantine", cfg.QuarantineDir(), "schedule", cfg.Serve.Schedule,
		"uploads", cfg.Serve.Token != "")

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		// Files dropped while the server was down are picked up now.
		if _, err := srv.Ingest(ctx, "startup"); err != nil && !errors.Is(err, context.Canceled) {
			log.Error("startup ingest", "err", err)
		}
		if sched != nil {
			srv.RunSchedule(ctx, sched)
		}
	}()
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()

	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests and the ingest in flight")
	// The batch in flight finishes (it is not cancelled); the deadline only
	// guards against a stuck client connection.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.Ingest.Timeout*4+time.Minute)
	defer cancel()
	err = hs.Shutdown(sctx)
	wg.Wait()
	log.Info("stopped")
	return err
}

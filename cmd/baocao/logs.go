package main

import (
	"context"
	"log"
	"log/slog"
	"strings"

	"github.com/baocao/baocao/i18n"
)

// logOptions makes the server's log speak the configured language like
// everything else: each line's message and the errors in it go through
// the message catalogue, and so do, in text logs, the attribute names and
// the level. JSON logs keep their keys and levels as ids for machines
// (their messages are translated too). Config keys (data_dir, inbox…)
// stay as they are.
func logOptions(p *i18n.Printer, json bool) *slog.HandlerOptions {
	return &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		switch {
		case a.Key == slog.MessageKey:
			a.Value = slog.StringValue(p.T(a.Value.String()))
		case a.Key == slog.LevelKey && !json:
			a.Value = slog.StringValue(p.T(a.Value.String()))
		case a.Key == "trigger":
			a.Value = slog.StringValue(p.Trigger(a.Value.String()))
		}
		if err, ok := a.Value.Any().(error); ok {
			a.Value = slog.StringValue(p.Message(err))
		}
		if !json && i18n.Has(a.Key) {
			a.Key = strings.ReplaceAll(p.T(a.Key), " ", "_")
		}
		return a
	}}
}

// httpErrorLog is the http.Server's ErrorLog: net/http writes its own
// lines in English ("http: TLS handshake error from …", "http: panic
// serving …"), so each becomes one warning of the translated log, under a
// catalogue message, with net/http's line kept as it is in an attribute.
func httpErrorLog(l *slog.Logger) *log.Logger {
	return log.New(httpLogWriter{l}, "", 0)
}

type httpLogWriter struct{ l *slog.Logger }

func (w httpLogWriter) Write(b []byte) (int, error) {
	w.l.Log(context.Background(), slog.LevelWarn, "HTTP server error", "detail", strings.TrimSpace(string(b)))
	return len(b), nil
}

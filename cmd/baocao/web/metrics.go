package web

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/baocao/baocao/pipeline"
)

// metrics are the server's Prometheus metrics, written in the text
// exposition format (version 0.0.4) without a client library.
type metrics struct {
	mu             sync.Mutex
	ingested       uint64 // reports indexed or replaced
	failed         uint64 // files that failed
	ingestDuration *histogram
	searchLatency  *histogram
	// ingest follows the running ingest batch (it has its own lock).
	ingest pipeline.Meter
}

func newMetrics() *metrics {
	return &metrics{
		ingestDuration: newHistogram([]float64{0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600}),
		searchLatency:  newHistogram([]float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5}),
	}
}

// histogram is a cumulative Prometheus histogram.
type histogram struct {
	bounds []float64
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	count  uint64
}

func newHistogram(bounds []float64) *histogram {
	return &histogram{bounds: bounds, counts: make([]uint64, len(bounds)+1)}
}

func (h *histogram) observe(v float64) {
	i := sort.SearchFloat64s(h.bounds, v) // first bound >= v: le is inclusive
	h.counts[i]++
	h.sum += v
	h.count++
}

func (m *metrics) observeSearch(d time.Duration) {
	m.mu.Lock()
	m.searchLatency.observe(d.Seconds())
	m.mu.Unlock()
}

func (m *metrics) observeIngest(d time.Duration, ingested, failed int) {
	m.mu.Lock()
	m.ingestDuration.observe(d.Seconds())
	m.ingested += uint64(ingested)
	m.failed += uint64(failed)
	m.mu.Unlock()
}

func (m *metrics) write(w io.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	counter := func(name, help string, v uint64) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n%s %d\n", name, help, name, name, v)
	}
	counter("reports_ingested_total", "Reports indexed or replaced by the server's ingest.", m.ingested)
	counter("reports_failed_total", "Files the server's ingest could not ingest.", m.failed)
	m.ingestDuration.write(w, "ingest_duration_seconds", "Duration of one ingest run (inbox scan).")
	m.searchLatency.write(w, "search_latency_seconds", "Latency of one search in the index.")
	in := m.ingest.Read(time.Now())
	gauge := func(name, help string, v float64) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n%s %s\n", name, help, name, name, strconv.FormatFloat(v, 'g', -1, 64))
	}
	counter("ingest_files_total", "Files the server's ingest settled (any outcome).", uint64(in.Files))
	gauge("ingest_files_per_second", "Files settled per second by the running (or last) ingest run.", in.FilesPerS)
	gauge("ingest_queue_length", "Files of the running ingest run not settled yet.", float64(in.Queue))
	counter("ingest_commits_total", "Index commits (batches of reports with their ledger records).", uint64(in.Commits))
	gauge("ingest_last_batch_seconds", "Duration of the last index commit.", in.LastCommit.Seconds())
}

func (h *histogram) write(w io.Writer, name, help string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name)
	var cum uint64
	for i, b := range h.bounds {
		cum += h.counts[i]
		fmt.Fprintf(w, "%s_bucket{le=\"%s\"} %d\n", name, strconv.FormatFloat(b, 'g', -1, 64), cum)
	}
	cum += h.counts[len(h.bounds)]
	fmt.Fprintf(w, "%s_bucket{le=\"+Inf\"} %d\n%s_sum %s\n%s_count %d\n", name, cum,
		name, strconv.FormatFloat(h.sum, 'g', -1, 64), name, h.count)
}

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	s.metrics.write(w)
}

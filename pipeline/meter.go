package pipeline

import (
	"sync"
	"time"
)

// Meter holds live figures of the batches run with it (for a server's
// /metrics); safe for concurrent use. A nil *Meter ignores everything.
type Meter struct {
	mu         sync.Mutex
	files      int64 // files settled, every run
	commits    int64
	lastCommit time.Duration
	runStart   time.Time
	runEnd     time.Time // zero while a run is going on
	runFiles   int64     // files settled in the current (or last) run
	runTotal   int64
}

// MeterReading is what a Meter shows at one moment.
type MeterReading struct {
	Files      int64         // files settled in every run
	Queue      int64         // files of the running batch not settled yet
	FilesPerS  float64       // files settled per second in the current (or last) run
	Commits    int64         // index commits
	LastCommit time.Duration // duration of the last commit
}

func (m *Meter) start(now time.Time, total int) {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.runStart, m.runEnd, m.runFiles, m.runTotal = now, time.Time{}, 0, int64(total)
	m.mu.Unlock()
}

func (m *Meter) stop(now time.Time) {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.runEnd, m.runTotal = now, m.runFiles
	m.mu.Unlock()
}

func (m *Meter) settled() {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.files++
	m.runFiles++
	m.mu.Unlock()
}

func (m *Meter) committed(d time.Duration) {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.commits++
	m.lastCommit = d
	m.mu.Unlock()
}

// Read returns the figures as of now.
func (m *Meter) Read(now time.Time) MeterReading {
	if m == nil {
		return MeterReading{}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	r := MeterReading{Files: m.files, Queue: m.runTotal - m.runFiles, Commits: m.commits, LastCommit: m.lastCommit}
	end := m.runEnd
	if end.IsZero() {
		end = now
	}
	if d := end.Sub(m.runStart).Seconds(); d > 0 && !m.runStart.IsZero() {
		r.FilesPerS = float64(m.runFiles) / d
	}
	return r
}

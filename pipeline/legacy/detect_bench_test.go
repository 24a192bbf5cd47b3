package legacy

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// BenchmarkDetect runs the detector over the Markdown and text samples,
// which are Unicode: the whole text is scanned, as for most files.
func BenchmarkDetect(b *testing.B) {
	var texts []string
	var size int64
	for _, pat := range []string{"*.md", "*.txt"} {
		names, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "docs", pat))
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				b.Fatal(err)
			}
			texts = append(texts, string(data))
			size += int64(len(data))
		}
	}
	b.SetBytes(size)
	var ru0, ru1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	for b.Loop() {
		for _, t := range texts {
			Detect(t)
		}
	}
	// On a shared machine the CPU time says more than the wall clock.
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	cpu := time.Duration(ru1.Utime.Nano() - ru0.Utime.Nano() + ru1.Stime.Nano() - ru0.Stime.Nano())
	b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu.Seconds(), "MB/cpu-s")
}

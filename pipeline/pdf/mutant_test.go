package pdf

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestMutantsFinish ingests random byte mutations of the samples, each
// within 3 s; go test -fuzz cannot report hangs. Opt-in (PDF_MUTANTS=1):
// it takes ~10 s.
func TestMutantsFinish(t *testing.T) {
	if os.Getenv("PDF_MUTANTS") == "" {
		t.Skip("set PDF_MUTANTS=1 to run 3000 mutants")
	}
	files, _ := filepath.Glob("testdata/edge/*.pdf")
	files2, _ := filepath.Glob("../../testdata/docs/*.pdf")
	files = append(files, files2...)
	rng := rand.New(rand.NewSource(int64(len(os.Getenv("PDF_MUTANTS")))))
	in := New(Options{MaxFileSize: 1 << 20, MaxPages: 20})
	for i := 0; i < 3000; i++ {
		seed, _ := os.ReadFile(files[rng.Intn(len(files))])
		d := append([]byte(nil), seed...)
		for k := 0; k < 1+rng.Intn(4); k++ {
			p := rng.Intn(len(d))
			switch rng.Intn(4) {
			case 3:
				copy(d[p:], []byte("99999999"))
			case 0:
				d[p] = byte(rng.Intn(256))
			case 1:
				d[p] = byte('0' + rng.Intn(10))
			case 2:
				q := min(len(d), p+rng.Intn(64))
				d = append(d[:p:p], append(d[q:q:q], d[p:]...)...)
			}
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			in.Ingest(context.Background(), "x.pdf", d)
		}()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			name := fmt.Sprintf("/tmp/hang-%d.pdf", i)
			_ = os.WriteFile(name, d, 0o644)
			t.Fatalf("Ingest still running after 3 s: input saved to %s", name)
		}
	}
}

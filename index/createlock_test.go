package index

import (
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Two first opens racing on a new data dir: one creates the index, the
// other is told the index is in use — never "path already exists" or a
// half-made index.
func TestFirstOpensRacing(t *testing.T) {
	for round := range 5 {
		dir := filepath.Join(t.TempDir(), "index")
		var wg sync.WaitGroup
		errs := make([]error, 2)
		ixs := make([]*Index, 2)
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ixs[i], errs[i] = Open(dir, Options{BoltTimeout: 200 * time.Millisecond})
			}()
		}
		wg.Wait()
		ok := 0
		for i, err := range errs {
			switch {
			case err == nil:
				ok++
				ixs[i].Close()
			case !errors.Is(err, ErrInUse):
				t.Fatalf("round %d: %v, want ErrInUse", round, err)
			}
		}
		if ok != 1 {
			t.Fatalf("round %d: %d opens succeeded, want 1 (%v)", round, ok, errs)
		}
		// The index made is whole: it opens again.
		ix, err := Open(dir, Options{})
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		ix.Close()
	}
}

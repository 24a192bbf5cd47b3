package index

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"syscall"
	"time"
)

// lockCreation takes an exclusive lock on dir (created if missing) while a
// writer opens or creates the index in it, waiting up to timeout. Two
// processes opening the same new data dir at once would otherwise both
// pass the "no index yet" check, and the second fail half-way ("path
// already exists") or read the first's half-written metadata; with the
// lock the second waits, finds the first's whole index, and gets ErrInUse
// from its store lock like any second writer. The lock is held only while
// opening; the store lock guards the index after that.
func lockCreation(dir string, timeout time.Duration) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			var once sync.Once
			return func() {
				once.Do(func() {
					syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
					f.Close()
				})
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) || time.Now().After(deadline) {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, fmt.Errorf("%w: %s", ErrInUse, dir)
			}
			return nil, fmt.Errorf("create index %s: %w", dir, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

package pipeline

import (
	"errors"
	"testing"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/extract"
)

// A processor without MaxFacts refuses a report over the default, as the
// configuration's 0 means.
func TestMaxFactsZeroIsTheDefault(t *testing.T) {
	max := config.Default().Ingest.MaxFacts
	p := &Pipeline{}
	if err := p.checkFacts(&extract.Report{Diagnostics: make([]extract.Diagnostic, max)}); err != nil {
		t.Errorf("%d facts: %v, want accepted", max, err)
	}
	if err := p.checkFacts(&extract.Report{Diagnostics: make([]extract.Diagnostic, max+1)}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("%d facts: %v, want ErrTooLarge", max+1, err)
	}
}

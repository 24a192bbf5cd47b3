package pipeline_test

import (
	"testing"

	"github.com/baocao/baocao/extract"
)

// BenchmarkExtractIndicators measures the whole extraction of the text
// samples with the indicator catalogue and without it (NewWithCatalogue
// of nil turns the indicator stage off), side by side in one run, in MB/s
// of document text.
func BenchmarkExtractIndicators(b *testing.B) {
	docs := textSamples(b)
	var size int64
	for _, d := range docs {
		size += int64(len(d.Text))
	}
	cat, err := extract.DefaultCatalogue()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		cat  *extract.Catalogue
	}{{"indicators-off", nil}, {"indicators-on", cat}} {
		b.Run(c.name, func(b *testing.B) {
			ex, err := extract.NewWithCatalogue(c.cat)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size)
			cpu := cpuTime()
			for b.Loop() {
				for _, d := range docs {
					ex.Extract(d)
				}
			}
			// CPU time, not wall time: the machine is shared.
			b.ReportMetric(float64(size)*float64(b.N)/1e6/(cpuTime()-cpu).Seconds(), "MB/cpu-s")
		})
	}
}

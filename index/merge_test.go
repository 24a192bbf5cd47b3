package index

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestMergeOptionsReachBleve: the merge settings are in the config Bleve
// keeps with a new index (index_meta.json), and an index opens again with
// them.
func TestMergeOptionsReachBleve(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	opts := Options{Merge: MergeOptions{SegmentsPerTier: 4, FloorSegmentSize: 9000, PersisterNap: 20 * time.Millisecond}}
	ix, err := Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "index_meta.json"))
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Config struct {
			Plan      map[string]float64 `json:"scorchMergePlanOptions"`
			Persister map[string]float64 `json:"scorchPersisterOptions"`
		} `json:"config"`
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		t.Fatal(err)
	}
	if p := meta.Config.Plan; p["MaxSegmentsPerTier"] != 4 || p["FloorSegmentSize"] != 9000 || meta.Config.Persister["PersisterNapTimeMSec"] != 20 {
		t.Errorf("index_meta.json config = %s", raw)
	}
	ix, err = Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
}

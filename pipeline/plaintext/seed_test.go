package plaintext

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/baocao/baocao/extract"
)

func TestSeedDebug(t *testing.T) {
	data, err := os.ReadFile("../../../shared/seeds/khanh-hoa-q1-2023-page1.md")
	if err != nil {
		t.Skip("seed not present:", err)
	}
	doc, err := New(DefaultOptions(), true).Ingest(context.Background(), "seed.md", data)
	if err != nil {
		t.Fatal(err)
	}
	e, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	r := e.Extract(doc)
	r.Text = ""
	out, _ := json.MarshalIndent(r, "", "  ")
	t.Log(string(out))
}

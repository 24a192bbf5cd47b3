package web

import (
	"strings"
	"testing"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/index"
)

// Three renditions of one report are one report in the API and on the web.
func TestRenditionsInAPIAndPages(t *testing.T) {
	env := newTestEnv(t, testToken, "khanh-hoa-2023-q1.md", "khanh-hoa-2023-q1.docx", "khanh-hoa-2023-q1.pdf", "thanh-hoa-2023-q1.md")
	_, body := get(t, env.ts.URL+"/api/search?q=3604/QĐ-UBND")
	if res := decodeResult(t, body); res.Reports != 1 || res.Total != 1 {
		t.Errorf("search: %d reports, %d hits", res.Reports, res.Total)
	}
	_, body = get(t, env.ts.URL+"/api/reports?period=2023-Q1")
	list := decode[struct{ Reports []index.Summary }](t, body)
	if len(list.Reports) != 2 {
		t.Fatalf("reports: %d, want 2", len(list.Reports))
	}
	var id string
	for _, s := range list.Reports {
		if s.Province == "Khánh Hòa" {
			id = s.ID
			if len(s.Sources) != 3 {
				t.Errorf("listing shows %d sources", len(s.Sources))
			}
		}
	}
	_, body = get(t, env.ts.URL+"/api/reports/"+id)
	if r := decode[extract.Report](t, body); len(r.Sources) != 3 {
		t.Errorf("api report has %d sources", len(r.Sources))
	}
	_, body = get(t, env.ts.URL+"/reports/"+id)
	page := string(body)
	for _, f := range []string{"khanh-hoa-2023-q1.md", "khanh-hoa-2023-q1.docx", "khanh-hoa-2023-q1.pdf", "bản được dùng để trích xuất"} {
		if !strings.Contains(page, f) {
			t.Errorf("report page does not show %q", f)
		}
	}
}

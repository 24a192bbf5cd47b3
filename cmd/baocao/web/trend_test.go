package web

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baocao/baocao/index"
)

// trendDoc is a short quarterly report of one province stating the
// on-time rate and the resolved, on-time and late dossiers.
func trendDoc(t *testing.T, dir, name, period string, month int, rate string, resolved, onTime, late string) string {
	t.Helper()
	body := fmt.Sprintf(`ỦY BAN NHÂN DÂN
TỈNH BẮC KẠN

Số: %d/BC-UBND

*Bắc Kạn, ngày 20 tháng %d năm 2024*

## BÁO CÁO

### Kết quả công tác cải cách hành chính %s

Kính gửi: Bộ Nội vụ

# I. KẾT QUẢ

## 1. Cải cách thủ tục hành chính

Trong kỳ, các cơ quan đã giải quyết %s hồ sơ, trong đó %s hồ sơ đúng hạn và %s hồ sơ trễ hạn. Tỷ lệ giải quyết hồ sơ đúng hạn đạt %s.
`, month*3, month, period, resolved, onTime, late, rate)
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTrendPageAndAPI(t *testing.T) {
	dir := t.TempDir()
	docs := []string{
		trendDoc(t, dir, "bk-q1.md", "quý I năm 2024", 3, "95,5%", "1.000", "955", "45"),
		trendDoc(t, dir, "bk-q2.md", "quý II năm 2024", 6, "97,25%", "1.200", "1.100", "20"), // 1.120 ≠ 1.200
		trendDoc(t, dir, "bk-h1.md", "6 tháng đầu năm 2024", 7, "96,4%", "2.200", "2.055", "145"),
	}
	env := newTestEnvLang(t, "vi", testToken, append(docs, sampleDocs[:2]...)...)
	base := env.ts.URL

	resp, body := get(t, base+"/api/trend?indicator=dossier.resolved&province=B%E1%BA%AFc+K%E1%BA%A1n")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/api/trend: %d %s", resp.StatusCode, body)
	}
	tr := decode[index.Trend](t, body)
	if len(tr.Series) != 2 || tr.Series[0].Kind != "quarter" || len(tr.Series[0].Points) != 2 || tr.Series[1].Kind != "cumulative" {
		t.Fatalf("series = %+v", tr.Series)
	}
	if len(tr.Warnings) != 1 || !strings.Contains(tr.Warnings[0], "1120") {
		t.Errorf("warnings = %q, want on time + late ≠ resolved for Q2", tr.Warnings)
	}

	// One province: a line chart per series, its values, the warning in
	// Vietnamese, the nav link marked.
	resp, page := get(t, base+"/trend?indicator=dossier.on_time_pct&province=B%E1%BA%AFc+K%E1%BA%A1n")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/trend: %d", resp.StatusCode)
	}
	if n := strings.Count(string(page), "<polyline"); n != 2 {
		t.Errorf("%d line charts, want 2: quarters and the 6-month figure never on one line", n)
	}
	for _, want := range []string{`<polyline points="`, "95,5%", "97,25%", "96,4%", "lũy kế từ đầu năm", `href="/trend" aria-current="page"`, "theo từng quý", `id="trend-json"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("province page lacks %q", want)
		}
	}
	_, page = get(t, base+"/trend?indicator=dossier.late&province=B%E1%BA%AFc+K%E1%BA%A1n")
	if !strings.Contains(string(page), "đúng hạn") || !strings.Contains(string(page), `id="trend-warnings"`) {
		t.Errorf("the page does not show the dossier warning in Vietnamese")
	}
	// All provinces: a ranked table, best first, each province linking to
	// its own trend.
	_, page = get(t, base+"/trend?indicator=dossier.on_time_pct")
	if !strings.Contains(string(page), `class="trend ranked"`) || !strings.Contains(string(page), "province=B%E1%BA%AFc") {
		t.Errorf("ranked page: no ranked table linking to the province")
	}
	if a, b := strings.Index(string(page), "Bắc Kạn</a></th>"), strings.Index(string(page), "Khánh Hòa</a></th>"); a < 0 || b < 0 || a > b {
		t.Errorf("ranked table: Bắc Kạn (97,25%%) should come before Khánh Hòa (96,55%%)")
	}
	// Nothing stated in the range: the empty state, not an empty chart.
	_, page = get(t, base+"/trend?indicator=dossier.on_time_pct&from=2030")
	if !strings.Contains(string(page), `id="no-trend"`) {
		t.Errorf("no empty state for a range without values")
	}
	// What the client types is escaped, and bad input is a 400.
	_, page = get(t, base+"/trend?indicator=dossier.on_time_pct&province=%3Cscript%3Ealert(1)%3C/script%3E")
	if strings.Contains(string(page), "<script>alert") || !strings.Contains(string(page), "&lt;script&gt;") {
		t.Errorf("province not escaped")
	}
	for _, q := range []string{"/trend?from=2023-Q9", "/trend?indicator=no.such", "/api/trend", "/api/trend?indicator=no.such", "/api/trend?indicator=dossier.late&to=x"} {
		if resp, _ := get(t, base+q); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", q, resp.StatusCode)
		}
	}
}

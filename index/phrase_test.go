package index

import (
	"context"
	"slices"
	"testing"

	"github.com/baocao/baocao/extract"
)

// TestPhraseOverlappingAbbreviations: a quoted phrase whose words hold two
// table phrases, one inside the other ("dịch vụ công" in "dịch vụ công
// trực tuyến"), finds the reports writing it out, abbreviating the longer
// one (DVCTT) or the shorter one (DVC trực tuyến), and not the reports
// where the words are apart or only the shorter phrase is there.
func TestPhraseOverlappingAbbreviations(t *testing.T) {
	ix := openTest(t)
	ctx := context.Background()
	texts := map[string]string{
		"e1b2c3d4e5f60001": "Tỷ lệ hồ sơ xử lý qua DVCTT đạt 90%.",
		"e1b2c3d4e5f60002": "Mở rộng DVC trực tuyến toàn trình cho người dân.",
		"e1b2c3d4e5f60003": "Cung cấp dịch vụ công trực tuyến mức độ toàn trình.",
		"e1b2c3d4e5f60004": "Chất lượng dịch vụ công được cải thiện. Trực tuyến hóa các cuộc họp.",
		"e1b2c3d4e5f60005": "Kết nối Cổng dịch vụ công quốc gia với hệ thống của tỉnh.",
	}
	var reports []*extract.Report
	for id, text := range texts {
		r := newReport(id, "Nghệ An", "2024-Q1", "2024-03-20")
		r.section(1, "I", "KẾT QUẢ")
		r.line(text)
		reports = append(reports, r.done())
	}
	if err := ix.Put(ctx, reports...); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`"dịch vụ công trực tuyến"`, `"dich vu cong truc tuyen"`, `"DVCTT"`} {
		res, err := ix.Search(ctx, Query{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ReportID)
		}
		slices.Sort(got)
		want := []string{"e1b2c3d4e5f60001", "e1b2c3d4e5f60002", "e1b2c3d4e5f60003"}
		if q == `"DVCTT"` {
			// The abbreviation stands for the whole phrase only.
			want = []string{"e1b2c3d4e5f60001", "e1b2c3d4e5f60003"}
		}
		if !slices.Equal(got, want) || res.Reports != len(want) || res.Total != uint64(len(want)) {
			t.Errorf("%s: reports %v (reports %d, total %d), want %v", q, got, res.Reports, res.Total, want)
		}
	}
}

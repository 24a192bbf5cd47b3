package index_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/plaintext"
)

// relevanceIndex indexes the Markdown and text sample reports
// (testdata/docs, one rendition of each) and the search samples
// (testdata/search) once per test binary, and maps report ids to their
// file names without extension.
var relevanceOnce struct {
	sync.Once
	ix    *index.Index
	names map[string]string
	err   error
}

func relevanceIndex(t *testing.T) (*index.Index, map[string]string) {
	t.Helper()
	relevanceOnce.Do(func() {
		ex, err := extract.New()
		if err != nil {
			relevanceOnce.err = err
			return
		}
		p := &pipeline.Pipeline{Extractor: ex, Ingesters: map[extract.Format]pipeline.Ingester{
			extract.FormatMarkdown: plaintext.New(plaintext.DefaultOptions(), true),
			extract.FormatText:     plaintext.New(plaintext.DefaultOptions(), false),
		}}
		dir, err := os.MkdirTemp("", "relevance")
		if d := os.Getenv("RELEVANCE_DIR"); d != "" {
			dir = d // keep the index for inspection
		}
		if err != nil {
			relevanceOnce.err = err
			return
		}
		ix, err := index.Open(dir, index.Options{})
		if err != nil {
			relevanceOnce.err = err
			return
		}
		names := map[string]string{}
		seen := map[string]bool{}
		var files []string
		for _, glob := range []string{"../testdata/docs/*.md", "../testdata/docs/*.txt", "../testdata/search/*.md"} {
			m, _ := filepath.Glob(glob)
			files = append(files, m...)
		}
		for _, f := range files {
			stem := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
			if seen[stem] {
				continue // the same report in another format
			}
			seen[stem] = true
			data, err := os.ReadFile(f)
			if err != nil {
				relevanceOnce.err = err
				return
			}
			r, err := p.Process(context.Background(), f, data)
			if err != nil {
				relevanceOnce.err = err
				return
			}
			if err := ix.Put(context.Background(), r); err != nil {
				relevanceOnce.err = err
				return
			}
			names[r.ID] = stem
		}
		relevanceOnce.ix, relevanceOnce.names = ix, names
	})
	if relevanceOnce.err != nil {
		t.Fatal(relevanceOnce.err)
	}
	return relevanceOnce.ix, relevanceOnce.names
}

// TestRelevance is the relevance suite: each query names the reports that
// must be among its first hits (one hit per report), and those that must
// not be found at all.
func TestRelevance(t *testing.T) {
	ix, names := relevanceIndex(t)
	tests := []struct {
		q     index.Query
		top   int      // the reports of want must be within the first top hits
		want  []string // file names, in any order
		first string   // this report must be the first hit
		not   []string // must not be among the hits
	}{
		// The examples of the issue.
		{q: index.Query{Text: "Thanh Hoá"}, first: "thanh-hoa-2023-q1"},
		{q: index.Query{Text: "Thanh Hóa"}, first: "thanh-hoa-2023-q1"},
		{q: index.Query{Text: "thanh hoa"}, first: "thanh-hoa-2023-q1"},
		{q: index.Query{Text: "tỷ lệ hồ sơ được số hoá"}, top: 3, want: []string{"tay-ninh-2024-q2", "phu-tho-2024-q2", "binh-dinh-2023"}},
		{q: index.Query{Text: "tỷ lệ hồ sơ được số hóa"}, top: 3, want: []string{"tay-ninh-2024-q2", "phu-tho-2024-q2", "binh-dinh-2023"}},
		{q: index.Query{Text: "ty le ho so duoc so hoa"}, top: 3, want: []string{"tay-ninh-2024-q2", "phu-tho-2024-q2", "binh-dinh-2023"}},
		{q: index.Query{Text: `"tỷ lệ hồ sơ được số hoá"`}, top: 3, want: []string{"tay-ninh-2024-q2", "phu-tho-2024-q2", "binh-dinh-2023"}, not: []string{"an-giang-2024-q2"}},
		{q: index.Query{Text: "Chính phủ số"}, first: "tay-ninh-2024-q2"},
		{q: index.Query{Text: "chinh phu so"}, first: "tay-ninh-2024-q2"},
		{q: index.Query{Text: `"chính phủ số"`}, first: "tay-ninh-2024-q2", not: []string{"an-giang-2024-q2"}},
		{q: index.Query{Text: `"kiosk tra cứu thông tin TTHC"`}, top: 2, want: []string{"tay-ninh-2024-q2", "an-giang-2024-q2"}},
		{q: index.Query{Text: `"kiosk tra cứu thông tin thủ tục hành chính"`}, top: 2, want: []string{"tay-ninh-2024-q2", "an-giang-2024-q2"}},
		{q: index.Query{Text: `"kiosk tra cuu thong tin tthc"`}, top: 2, want: []string{"tay-ninh-2024-q2", "an-giang-2024-q2"}},
		// Place names of several syllables, in every spelling.
		{q: index.Query{Text: "Khánh Hoà"}, top: 2, want: []string{"khanh-hoa-2023-q1", "khanh-hoa-2025"}},
		{q: index.Query{Text: "khanh hoa"}, top: 2, want: []string{"khanh-hoa-2023-q1", "khanh-hoa-2025"}},
		{q: index.Query{Text: "Hà Tĩnh"}, first: "ha-tinh-2024-9m"},
		{q: index.Query{Text: "Cà Mau"}, first: "ca-mau-2024-h1"},
		{q: index.Query{Text: "ca mau"}, first: "ca-mau-2024-h1"},
		{q: index.Query{Text: "Đắk Lắk"}, first: "dak-lak-2023-q1"},
		{q: index.Query{Text: "dak lak"}, first: "dak-lak-2023-q1"},
		{q: index.Query{Text: "Nghệ An"}, first: "nghe-an-2024-h1"},
		{q: index.Query{Text: "Quảng Ninh"}, first: "quang-ninh-2024-h1"},
		{q: index.Query{Text: "Lào Cai"}, first: "lao-cai-2025-q3"},
		{q: index.Query{Text: "Hồ Chí Minh"}, first: "ho-chi-minh-2023-q1"},
		// Tone style: the spelling typed first.
		{q: index.Query{Text: "đơn giản hoá"}, first: "thanh-hoa-2023-q1"},
		// Terms and phrases of the reports, with and without abbreviations.
		{q: index.Query{Text: "SIPAS"}, top: 10, want: []string{"binh-dinh-2023", "khanh-hoa-2023-q1", "nghe-an-2024-h1", "quang-ninh-2024-h1", "dak-lak-2023-q1", "ha-tinh-2024-9m"}},
		{q: index.Query{Text: "Par Index"}, first: "nghe-an-2024-h1"},
		{q: index.Query{Text: "tinh giản biên chế"}, first: "ha-tinh-2024-9m"},
		{q: index.Query{Text: "chữ ký số"}, top: 2, want: []string{"thanh-hoa-2023-q1", "gia-lai-2025-q3"}},
		{q: index.Query{Text: "chu ky so"}, top: 2, want: []string{"thanh-hoa-2023-q1", "gia-lai-2025-q3"}},
		{q: index.Query{Text: "thanh toán trực tuyến"}, top: 5, want: []string{"khanh-hoa-2023-q1", "nghe-an-2024-h1", "ha-tinh-2024-9m", "tay-ninh-2024-h1", "long-an-2023-q1"}},
		{q: index.Query{Text: "CBCCVC"}, top: 3, want: []string{"binh-dinh-2023", "ha-noi-2024", "ben-tre-2023"}},
		{q: index.Query{Text: `"cán bộ, công chức, viên chức"`}, top: 3, want: []string{"binh-dinh-2023", "ha-noi-2024", "ben-tre-2023"}},
		{q: index.Query{Text: "PAKN"}, top: 10, want: []string{"khanh-hoa-2023-q1", "thanh-hoa-2023-q1", "dak-lak-2023-q1", "ha-tinh-2024-9m"}},
		{q: index.Query{Text: "TTPVHCC"}, top: 10, want: []string{"dong-thap-2025-q3", "khanh-hoa-2023-q1", "lao-cai-2025-q3", "nghe-an-2024-h1", "gia-lai-2025-q3", "ha-tinh-2024-9m", "an-giang-2024-q2"}},
		{q: index.Query{Text: "CĐS"}, top: 10, want: []string{"khanh-hoa-2025", "lao-cai-2025-q3", "nghe-an-2024-h1", "ha-tinh-2024-9m", "son-la-2023-h1", "tay-ninh-2024-q2"}},
		{q: index.Query{Text: "Đề án 06"}, first: "ca-mau-2024-h1"},
		// A report's own definition: "Trung tâm" stands for the long name.
		{q: index.Query{Text: `"Trung tâm Phục vụ hành chính công" "12.400 hồ sơ"`}, first: "an-giang-2024-q2"},
		// Headings alone count less: the best section of a report whose
		// heading is bare is the one that talks about the subject.
		{q: index.Query{Text: "cải cách thể chế"}, top: 10, want: []string{"phu-tho-2024-q2", "tay-ninh-2024-q2"}},
		// Refs.
		{q: index.Query{Text: "3027/QĐ-UBND"}, first: "ca-mau-2024-h1"},
		{q: index.Query{Text: "76/NQ-CP"}, top: 2, want: []string{"ha-noi-2024", "binh-dinh-2023"}},
		{q: index.Query{Text: "91-KL/TU"}, first: "khanh-hoa-2023-q1"},
		// Filters, in the text and as fields.
		{q: index.Query{Text: `tinh:"Thanh Hóa" cải cách`}, first: "thanh-hoa-2023-q1", top: 1, want: []string{"thanh-hoa-2023-q1"}},
		{q: index.Query{Text: "cải cách tinh:khanh-hoa"}, top: 2, want: []string{"khanh-hoa-2023-q1", "khanh-hoa-2025"}, not: []string{"thanh-hoa-2023-q1"}},
		{q: index.Query{Text: "ky:2024-H1 tỷ lệ hồ sơ"}, top: 10, want: []string{"nghe-an-2024-h1", "ca-mau-2024-h1"}, not: []string{"ha-noi-2024"}},
		{q: index.Query{Text: "kiosk", From: "2024-06-13", To: "2024-06"}, first: "an-giang-2024-q2", not: []string{"tay-ninh-2024-q2"}},
		{q: index.Query{Text: "so:34/2016/NĐ-CP"}, first: "an-giang-2024-q2"},
		// Exclusion and OR.
		{q: index.Query{Text: `"chữ ký số" -"Gia Lai"`}, first: "thanh-hoa-2023-q1", not: []string{"gia-lai-2025-q3"}},
		{q: index.Query{Text: `"Par Index" OR "tinh giản biên chế"`}, top: 2, want: []string{"nghe-an-2024-h1", "ha-tinh-2024-9m"}},
	}
	if len(tests) < 40 {
		t.Fatalf("the suite has %d queries, want at least 40", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.q.Text, func(t *testing.T) {
			q := tt.q
			q.Limit = 20
			res, err := ix.Search(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			seen := map[string]bool{}
			for _, h := range res.Hits {
				if seen[h.ReportID] {
					t.Errorf("report %s twice in the hits", names[h.ReportID])
				}
				seen[h.ReportID] = true
				got = append(got, names[h.ReportID])
			}
			if tt.first != "" && (len(got) == 0 || got[0] != tt.first) {
				t.Errorf("first hit: got %v, want %s first", got, tt.first)
			}
			for _, w := range tt.want {
				if i := slices.Index(got, w); i < 0 || i >= tt.top {
					t.Errorf("%s not in the first %d: %v", w, tt.top, got)
				}
			}
			for _, n := range tt.not {
				if slices.Contains(got, n) {
					t.Errorf("%s found: %v", n, got)
				}
			}
		})
	}
}

// TestBestSection: the hit of a report is its section about the words,
// not a bare heading, and says how many more sections match.
func TestBestSection(t *testing.T) {
	ix, names := relevanceIndex(t)
	res, err := ix.Search(context.Background(), index.Query{Text: "cải cách thể chế", Province: "Phú Thọ"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || names[res.Hits[0].ReportID] != "phu-tho-2024-q2" {
		t.Fatalf("hits: %+v", res.Hits)
	}
	h := res.Hits[0]
	if h.Section != "II.6" || h.More < 1 {
		t.Errorf("best section %s (%s), %d more; want II.6 and the bare heading II.1 as one more", h.Section, h.SectionTitle, h.More)
	}
	sec, err := ix.Search(context.Background(), index.Query{Text: "cải cách thể chế", Province: "Phú Thọ", Group: index.GroupSection})
	if err != nil {
		t.Fatal(err)
	}
	if len(sec.Hits) != h.More+1 || sec.Hits[0].Section != "II.6" || res.Reports != 1 || sec.Reports != 1 {
		t.Errorf("by section: %d hits (first %s), reports %d/%d; want %d", len(sec.Hits), sec.Hits[0].Section, res.Reports, sec.Reports, h.More+1)
	}
	if res.Total != sec.Total || res.Facets[index.FacetProvince][0].Count != 1 {
		t.Errorf("total %d vs %d by section; facets %v", res.Total, sec.Total, res.Facets)
	}
}

// TestSortByDate: newest report first.
func TestSortByDate(t *testing.T) {
	ix, _ := relevanceIndex(t)
	res, err := ix.Search(context.Background(), index.Query{Text: "cải cách", Sort: index.SortDate, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var dates []string
	for _, h := range res.Hits {
		if h.Date != "" {
			dates = append(dates, h.Date)
		}
	}
	if len(dates) < 5 || !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("dates not newest first: %v", dates)
	}
}

// TestBadFilters: a filter value that names nothing is a QueryError that
// says what is accepted.
func TestBadFilters(t *testing.T) {
	ix, _ := relevanceIndex(t)
	tests := []struct {
		q    index.Query
		want string
	}{
		{index.Query{Text: "tinh:Atlantis cải cách"}, "no such province"},
		{index.Query{Province: "Atlantis"}, "no such province"},
		{index.Query{Text: "ky:2023-Q5"}, "2023-Q1"},
		{index.Query{Period: "quý 1"}, "2023-H1"},
		{index.Query{Text: "so:abc"}, "3604/QĐ-UBND"},
		{index.Query{Text: "loai:thư"}, "Báo cáo"},
		{index.Query{From: "15/3/2023"}, "2023-03-15"},
		{index.Query{From: "2024", To: "2023"}, "after"},
		{index.Query{Group: "province"}, "report, section"},
		{index.Query{Sort: "size"}, "relevance, date"},
	}
	for _, tt := range tests {
		_, err := ix.Search(context.Background(), tt.q)
		var qe *index.QueryError
		if !errors.As(err, &qe) || !errors.Is(err, index.ErrBadQuery) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Search(%+v) = %v, want a QueryError mentioning %q", tt.q, err, tt.want)
		}
	}
}

package index_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/index"
)

// The latency benchmark of search at national scale (BENCHMARKS.md
// "Search latency"). It is a test, not a Go benchmark, because it needs a
// corpus far larger than a benchmark loop builds: run it with
//
//	BAOCAO_LATENCY_DIR=/var/tmp/baocao-latency BAOCAO_LATENCY_REPORTS=10000 \
//	  go test ./index -run TestLatency -v -timeout 3h
//
// The first run generates the reports (genReports) and writes both
// indexes into the directory, outside the repository; later runs reuse
// them. It prints p50/p95/p99 per query class for 1 and 16 clients, for
// baocao's Search and for a plain Bleve index of the same section texts
// (default mapping, one document per section, a match query, top 10), and
// the index bytes per report.

// genVocabulary is the sentences of the sample reports and the refs they
// cite: the generator recombines them, so the corpus has the samples'
// words, phrases, abbreviations and their frequencies, not copies of one
// file.
type genVocabulary struct {
	sentences []string
	titles    [][2]string // section number, title of the standard outline
	refs      []string
	provinces []string
}

var reSentence = regexp.MustCompile(`[^.;\n]{20,400}[.;]`)

func loadVocabulary(t testing.TB) genVocabulary {
	ix, _ := relevanceIndex(t.(*testing.T))
	var v genVocabulary
	reports, err := ix.Reports(context.Background(), index.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	seenRef := map[string]bool{}
	for _, s := range reports {
		r, err := ix.Get(context.Background(), s.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, sec := range r.Sections {
			start := min(sec.Body.End, sec.Span.End)
			for _, m := range reSentence.FindAllString(r.Text[start:sec.Body.End], -1) {
				v.sentences = append(v.sentences, strings.TrimSpace(m))
			}
		}
		for _, c := range r.Citations {
			if c.Ref != nil && !seenRef[*c.Ref] {
				seenRef[*c.Ref] = true
				v.refs = append(v.refs, *c.Ref)
			}
		}
	}
	sort.Strings(v.refs)
	v.titles = [][2]string{
		{"I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"}, {"1", "Về kế hoạch cải cách hành chính"},
		{"2", "Về kiểm tra, tuyên truyền"}, {"II", "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ"}, {"1", "Cải cách thể chế"},
		{"2", "Cải cách thủ tục hành chính"}, {"3", "Cải cách tổ chức bộ máy hành chính nhà nước"},
		{"4", "Cải cách chế độ công vụ"}, {"5", "Cải cách tài chính công"}, {"6", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"},
		{"III", "ĐÁNH GIÁ CHUNG"}, {"1", "Ưu điểm"}, {"2", "Tồn tại, hạn chế và nguyên nhân"},
		{"IV", "NHIỆM VỤ TRỌNG TÂM KỲ TỚI"}, {"V", "ĐỀ XUẤT, KIẾN NGHỊ"},
	}
	data, err := os.ReadFile("../extract/data/provinces.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Split(line, "\t")
		if len(f) > 2 && !strings.HasPrefix(line, "#") && f[1] != "" {
			v.provinces = append(v.provinces, f[1])
		}
	}
	return v
}

var reDigits = regexp.MustCompile(`\d+`)

// genReport makes report i: a header, the standard outline with 2–6
// sentences under each heading drawn from the vocabulary (numbers
// changed), and 2–5 citations placed in the text.
func genReport(v genVocabulary, i int) *extract.Report {
	rng := rand.New(rand.NewPCG(uint64(i), 7))
	province := v.provinces[rng.IntN(len(v.provinces))]
	year := 2021 + rng.IntN(5)
	q := 1 + rng.IntN(4)
	label := fmt.Sprintf("%d-Q%d", year, q)
	date := fmt.Sprintf("%d-%02d-%02d", year, q*3, 10+rng.IntN(15))
	var b strings.Builder
	b.WriteString("ỦY BAN NHÂN DÂN TỈNH " + strings.ToUpper(province) + "\n\nBÁO CÁO\nKết quả công tác cải cách hành chính quý " + strconv.Itoa(q) + "\n\n")
	r := &extract.Report{
		ID:     fmt.Sprintf("%016x", uint64(i)*2654435761+1),
		Source: extract.Source{Path: fmt.Sprintf("gen/%06d.md", i), Format: extract.FormatMarkdown},
		Meta: extract.Meta{Issuer: "Ủy ban nhân dân tỉnh " + province, Province: province, Number: fmt.Sprintf("%d/BC-UBND", 10+rng.IntN(400)),
			Date: date, DocType: "Báo cáo", Title: "Kết quả công tác cải cách hành chính",
			Period: extract.Period{Kind: extract.PeriodQuarter, Year: year, Quarter: q, Label: label}},
	}
	var top *extract.Section
	for _, t := range v.titles {
		start := b.Len()
		b.WriteString(t[0] + ". " + t[1] + "\n")
		s := &extract.Section{Number: t[0], Title: t[1], Span: extract.Span{Start: start, End: b.Len() - 1}}
		for n := 2 + rng.IntN(5); n > 0; n-- {
			sent := v.sentences[rng.IntN(len(v.sentences))]
			sent = reDigits.ReplaceAllStringFunc(sent, func(d string) string {
				if len(d) == 4 && strings.HasPrefix(d, "20") {
					return d
				}
				return strconv.Itoa(1 + rng.IntN(500))
			})
			if rng.IntN(4) == 0 && len(v.refs) > 0 {
				ref := v.refs[rng.IntN(len(v.refs))]
				cs := b.Len() + len("Thực hiện văn bản số ")
				b.WriteString("Thực hiện văn bản số " + ref + ", ")
				r.Citations = append(r.Citations, extract.Citation{Ref: &ref, Span: extract.Span{Start: cs, End: cs + len(ref)}})
			}
			b.WriteString(sent + "\n")
		}
		s.Body = extract.Span{Start: start, End: b.Len()}
		if len(t[0]) > 1 || t[0] == "I" || t[0] == "V" {
			s.Level, s.Path = 1, t[0]
			r.Sections = append(r.Sections, s)
			top = s
		} else {
			s.Level, s.Path = 2, top.Path+"."+t[0]
			top.Children = append(top.Children, s)
			top.Body.End = s.Body.End
		}
	}
	r.Text = b.String()
	return r
}

// latencyIndexes opens (building on first use) baocao's index and the
// plain Bleve index of n generated reports under dir.
func latencyIndexes(t *testing.T, dir string, n int) (*index.Index, bleve.Index) {
	base := filepath.Join(dir, strconv.Itoa(n))
	ours, plain := filepath.Join(base, "baocao"), filepath.Join(base, "plain")
	if _, err := os.Stat(filepath.Join(base, "done")); err != nil {
		os.RemoveAll(base)
		v := loadVocabulary(t)
		ix, err := index.Open(ours, index.Options{})
		if err != nil {
			t.Fatal(err)
		}
		pb, err := bleve.New(plain, bleve.NewIndexMapping())
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		const chunk = 100
		for i := 0; i < n; i += chunk {
			var reps []*extract.Report
			batch := pb.NewBatch()
			for k := i; k < min(n, i+chunk); k++ {
				r := genReport(v, k)
				reps = append(reps, r)
				var walk func([]*extract.Section)
				walk = func(secs []*extract.Section) {
					for _, s := range secs {
						batch.Index(r.ID+"/"+s.Path, map[string]string{"text": r.Text[s.Span.Start:s.Body.End]})
						walk(s.Children)
					}
				}
				walk(r.Sections)
			}
			if err := ix.Put(context.Background(), reps...); err != nil {
				t.Fatal(err)
			}
			if err := pb.Batch(batch); err != nil {
				t.Fatal(err)
			}
			if i%5000 == 0 {
				t.Logf("%d reports indexed in %s", i, time.Since(start))
			}
		}
		ix.Close()
		pb.Close()
		os.WriteFile(filepath.Join(base, "done"), []byte(time.Since(start).String()), 0o644)
	}
	ix, err := index.OpenReadOnly(ours, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pb, err := bleve.Open(plain)
	if err != nil {
		t.Fatal(err)
	}
	return ix, pb
}

// queryClasses are the query mix, by the targets of the issue.
type queryClass struct {
	name    string
	queries []string
}

// queryClasses are the query mix; the refs are replaced by refs the
// generated reports cite (latencyClasses).
var queryClasses = []queryClass{
	{"word", []string{"hồ sơ", "Thanh Hóa", "kiểm tra", "số hoá", "cán bộ", "thể chế"}},
	{"abbreviation", []string{"TTHC", "CCHC", "UBND", "DVCTT", "PAKN", "CBCCVC"}},
	{"phrase", []string{`"tỷ lệ hồ sơ"`, `"dịch vụ công trực tuyến"`, `"một cửa"`, `"chính quyền số"`, `"văn bản quy phạm pháp luật"`}},
	{"ref", []string{"30/2020/NĐ-CP", "76/NQ-CP", "61/2018/NĐ-CP", "107/2021/NĐ-CP"}},
	{"filtered", []string{"TTHC tinh:thanh-hoa", "cải cách ky:2023-Q2", `"hồ sơ" tinh:"Khánh Hòa" ky:2024-Q1`, "kiểm tra ky:2022-Q3"}},
}

// plainQuery is the plain baseline's query for the same text: a match
// query with every word required, a phrase for quotes, no filters.
func plainQuery(s string) query.Query {
	var words []string
	for _, w := range strings.Fields(s) {
		if !strings.Contains(w, ":") {
			words = append(words, w)
		}
	}
	s = strings.Join(words, " ")
	if strings.HasPrefix(s, `"`) {
		return bleve.NewMatchPhraseQuery(strings.Trim(s, `"`))
	}
	m := bleve.NewMatchQuery(s)
	m.SetOperator(query.MatchQueryOperatorAnd)
	return m
}

type latencies map[string][]time.Duration

// processCPU is the CPU time the process has used: with one client, the
// CPU a query costs, which the other jobs on a shared machine inflate far
// less than its wall time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs every query of every class, clients at once, rounds times.
// With one client it also records each query's CPU time under the class
// name + " cpu".
func measure(queryClasses []queryClass, clients, rounds int, run func(q string) error) (latencies, error) {
	var mu sync.Mutex
	out := latencies{}
	var firstErr error
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				for k := range queryClasses {
					cl := queryClasses[(k+c)%len(queryClasses)]
					for _, q := range cl.queries {
						start, cpu := time.Now(), processCPU()
						err := run(q)
						d, dcpu := time.Since(start), processCPU()-cpu
						mu.Lock()
						if clients == 1 {
							out[cl.name+" cpu"] = append(out[cl.name+" cpu"], dcpu)
							out["all cpu"] = append(out["all cpu"], dcpu)
						}
						if err != nil && firstErr == nil {
							firstErr = fmt.Errorf("%q: %w", q, err)
						}
						out[cl.name] = append(out[cl.name], d)
						out["all"] = append(out["all"], d)
						mu.Unlock()
					}
				}
			}
		}(c)
	}
	wg.Wait()
	return out, firstErr
}

func pct(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

func dirBytes(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return n
}

func TestLatency(t *testing.T) {
	dir := os.Getenv("BAOCAO_LATENCY_DIR")
	if dir == "" {
		t.Skip("set BAOCAO_LATENCY_DIR (and BAOCAO_LATENCY_REPORTS) to run the latency benchmark")
	}
	n, _ := strconv.Atoi(os.Getenv("BAOCAO_LATENCY_REPORTS"))
	if n <= 0 {
		n = 10000
	}
	ix, pb := latencyIndexes(t, dir, n)
	if os.Getenv("BAOCAO_LATENCY_BUILD_ONLY") != "" {
		ix.Close()
		pb.Close()
		return
	}
	defer ix.Close()
	defer pb.Close()
	ctx := context.Background()
	classes := slices.Clone(queryClasses)
	if refs := loadVocabulary(t).refs; len(refs) >= 4 {
		for i := range classes {
			if classes[i].name == "ref" {
				classes[i].queries = []string{refs[0], refs[len(refs)/3], refs[2*len(refs)/3], refs[len(refs)-1]}
			}
		}
	}
	report := map[string]any{"reports": n,
		"bytes_per_report":       dirBytes(filepath.Join(dir, strconv.Itoa(n), "baocao")) / int64(n),
		"plain_bytes_per_report": dirBytes(filepath.Join(dir, strconv.Itoa(n), "plain")) / int64(n)}
	clientCounts := []int{1, 16}
	if c, err := strconv.Atoi(os.Getenv("BAOCAO_LATENCY_CLIENTS")); err == nil && c > 0 {
		clientCounts = []int{c} // one setting, for profiling
	}
	if os.Getenv("BAOCAO_LATENCY_EACH") != "" {
		// Each query alone, best of three: where the time goes.
		for _, cl := range classes {
			for _, q := range cl.queries {
				best := [2]time.Duration{time.Hour, time.Hour}
				for range 3 {
					start := time.Now()
					if _, err := ix.Search(ctx, index.Query{Text: q}); err != nil {
						t.Fatal(err)
					}
					best[0] = min(best[0], time.Since(start))
					start = time.Now()
					if _, err := pb.SearchInContext(ctx, bleve.NewSearchRequest(plainQuery(q))); err != nil {
						t.Fatal(err)
					}
					best[1] = min(best[1], time.Since(start))
				}
				t.Logf("%-13s %-40s baocao %8s plain %8s", cl.name, q, best[0].Round(time.Millisecond/10), best[1].Round(time.Millisecond/10))
			}
		}
		return
	}
	for _, clients := range clientCounts {
		rounds := 3
		if clients > 1 {
			rounds = 1
		}
		for _, sys := range []string{"baocao", "plain"} {
			run := func(q string) error {
				_, err := ix.Search(ctx, index.Query{Text: q})
				return err
			}
			if sys == "plain" {
				run = func(q string) error {
					_, err := pb.SearchInContext(ctx, bleve.NewSearchRequest(plainQuery(q)))
					return err
				}
			}
			// Warm the caches (the index files, read through mmap, and
			// the report table): every query once, not measured.
			for _, cl := range classes {
				for _, q := range cl.queries {
					run(q)
				}
			}
			lat, err := measure(classes, clients, rounds, run)
			if err != nil {
				t.Fatal(err)
			}
			for name, ds := range lat {
				key := fmt.Sprintf("%s/%d clients/%s", sys, clients, name)
				report[key] = fmt.Sprintf("p50 %s p95 %s p99 %s (n=%d)", pct(ds, .5).Round(time.Millisecond/10),
					pct(ds, .95).Round(time.Millisecond/10), pct(ds, .99).Round(time.Millisecond/10), len(ds))
			}
		}
	}
	out, _ := json.MarshalIndent(report, "", "  ")
	t.Logf("%s", out)
}

package index

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/baocao/baocao/extract"
)

// benchProvinces and benchSentences vary the synthetic reports.
var benchProvinces = []string{"Khánh Hòa", "Nghệ An", "Hà Nội", "Đắk Lắk", "Thanh Hóa", "Quảng Ninh", "Cà Mau", "Lào Cai"}

var benchSentences = []string{
	"Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính theo Quyết định số %d/QĐ-UBND ngày 28/12/2022.",
	"Tổ chức %d cuộc họp giao ban, kiểm tra công tác cải cách thủ tục hành chính tại các sở, ngành.",
	"Tiếp nhận %d hồ sơ, trong đó phần lớn được giải quyết đúng hạn; tỷ lệ hài lòng đạt 98,6%%.",
	"Cung cấp %d dịch vụ công trực tuyến toàn trình trên Cổng dịch vụ công quốc gia.",
	"Rà soát, đơn giản hóa %d thủ tục hành chính thuộc thẩm quyền giải quyết của tỉnh.",
	"Công tác cải cách thể chế được chú trọng, ban hành %d văn bản quy phạm pháp luật.",
	"Đào tạo, bồi dưỡng %d lượt cán bộ, công chức, viên chức về chuyển đổi số.",
	"Hội đồng nhân dân tỉnh giám sát %d chuyên đề về cải cách tổ chức bộ máy hành chính.",
}

// benchReport is a report of about 12 KB in 4 × 4 sections, with
// citations and counts.
func benchReport(i int) *extract.Report {
	b := newReport(fmt.Sprintf("%016x", i+1), benchProvinces[i%len(benchProvinces)],
		fmt.Sprintf("%d-Q%d", 2021+i/32%4, 1+i/8%4), fmt.Sprintf("2023-%02d-%02d", 1+i%12, 1+i%28))
	b.line("ỦY BAN NHÂN DÂN TỈNH")
	b.line("BÁO CÁO Kết quả công tác cải cách hành chính")
	for s := 0; s < 4; s++ {
		b.section(1, []string{"I", "II", "III", "IV"}[s], "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH")
		for c := 0; c < 4; c++ {
			b.section(2, fmt.Sprint(c+1), "Kết quả thực hiện")
			for k := 0; k < 6; k++ {
				n := (i*7 + s*5 + c*3 + k) % len(benchSentences)
				if n == 0 {
					b.cite(fmt.Sprintf(benchSentences[0], 3600+i%50), fmt.Sprintf("%d/QĐ-UBND", 3600+i%50))
					continue
				}
				b.line(fmt.Sprintf(benchSentences[n], 10+k))
				b.count(extract.CountKinds[n%len(extract.CountKinds)], int64(10+k), k == 5)
			}
		}
	}
	return b.done()
}

// BenchmarkPut indexes batches of synthetic reports (about 20 Bleve
// documents each); reports/s is the figure to watch.
func BenchmarkPut(b *testing.B) {
	const perOp = 50
	reports := make([]*extract.Report, perOp)
	for i := range reports {
		reports[i] = benchReport(i)
	}
	dir := filepath.Join(b.TempDir(), "idx")
	ix, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	var textBytes int
	for _, r := range reports {
		textBytes += len(r.Text)
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; b.Loop(); i++ {
		// New ids each round, so the index grows as in a real batch.
		for j, r := range reports {
			r.ID = fmt.Sprintf("%08x%08x", i, j)
		}
		if err := ix.Put(ctx, reports...); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*perOp)/b.Elapsed().Seconds(), "reports/s")
	b.ReportMetric(float64(b.N*perOp)/(cpuTime()-cpu0).Seconds(), "reports/cpu-s")
	b.StopTimer()
	var disk int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				disk += fi.Size()
			}
		}
		return nil
	})
	b.ReportMetric(float64(disk)/float64(b.N*textBytes), "disk/text")
}

// BenchmarkSearch queries an index of 500 synthetic reports (about 10,000
// section documents) with a mix of query kinds, facets and snippets.
func BenchmarkSearch(b *testing.B) {
	ix, err := Open(filepath.Join(b.TempDir(), "idx"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	var reports []*extract.Report
	for i := 0; i < 500; i++ {
		reports = append(reports, benchReport(i))
	}
	if err := ix.Put(ctx, reports...); err != nil {
		b.Fatal(err)
	}
	queries := []Query{
		{Text: "cải cách thể chế"},
		{Text: "cai cach the che"},
		{Text: "TTHC", Province: "Khánh Hòa"},
		{Text: `"dịch vụ công trực tuyến"`},
		{Text: "3604/QĐ-UBND"},
		{Text: "hồ sơ đúng hạn", Period: "2022-Q2"},
	}
	for _, q := range queries {
		b.Run(q.Text, func(b *testing.B) {
			var total uint64
			cpu0 := cpuTime()
			for b.Loop() {
				res, err := ix.Search(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				total = res.Total
			}
			b.ReportMetric(float64(total), "hits")
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N)/1000, "cpu-ms/op")
		})
	}
}

// cpuTime is the CPU time of the process so far: on the shared 2-core
// machine wall-clock figures vary tenfold with the load, CPU time much
// less. It includes Bleve's background merging, a real cost of indexing.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

package index

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baocao/baocao/extract"
)

// Texts written for this test: one section copied into the next quarter,
// one written anew, and a neighbour province's near-copy.
const (
	copiedText = "Ủy ban nhân dân tỉnh đã chỉ đạo các sở, ngành rà soát toàn bộ quy trình nội bộ giải quyết thủ tục hành chính, " +
		"công khai đầy đủ trên Cổng dịch vụ công và niêm yết tại Trung tâm Phục vụ hành chính công; các cơ quan chuyên môn " +
		"tiếp tục số hóa hồ sơ, kết quả giải quyết theo đúng lộ trình đã đề ra trong kế hoạch năm."
	q1Other = "Trong quý I, tỉnh tổ chức hội nghị triển khai nhiệm vụ cải cách hành chính năm 2023, giao chỉ tiêu cho từng sở, " +
		"ngành và địa phương; Sở Nội vụ ban hành hướng dẫn chấm điểm chỉ số cải cách hành chính cấp sở và cấp huyện, " +
		"đồng thời mở lớp bồi dưỡng cho công chức đầu mối."
	q2Other = "Quý II, đoàn kiểm tra của tỉnh làm việc tại bốn huyện miền núi về việc giải quyết hồ sơ đất đai quá hạn; " +
		"qua kiểm tra đã yêu cầu hai huyện xin lỗi người dân bằng văn bản và đề xuất xử lý trách nhiệm cán bộ để xảy ra chậm trễ, " +
		"kết quả được báo cáo tại phiên họp thường kỳ tháng sáu."
)

const yenBaiQ2 = "Sáu tháng đầu năm, tỉnh đưa vào vận hành hệ thống một cửa điện tử dùng chung cho cấp xã, tập huấn cho " +
	"gần ba trăm cán bộ tiếp nhận hồ sơ và lắp đặt thêm máy tra cứu tại các điểm bưu điện văn hóa xã vùng cao, " +
	"người dân phản ánh thủ tục nhanh hơn trước."

func reuseReport(id, province, label, date string, sections ...string) *extract.Report {
	b := newReport(id, province, label, date)
	b.r.Meta.Number = fmt.Sprintf("%d/BC-UBND", len(id)+len(label))
	for i, text := range sections {
		b.section(1, []string{"I", "II", "III"}[i], "NỘI DUNG "+fmt.Sprint(i+1))
		b.line(text)
	}
	return b.done()
}

func TestReuseAcrossQuarters(t *testing.T) {
	sev := extract.SeverityWarning
	ix := openTestOpts(t, Options{ReusedSection: &sev})
	ctx := context.Background()
	q1 := reuseReport("aa00000000000001", "Lào Cai", "2023-Q1", "2023-03-15", q1Other, copiedText)
	q2 := reuseReport("aa00000000000002", "Lào Cai", "2023-Q2", "2023-06-15", q2Other, strings.Replace(copiedText, "năm.", "năm 2023.", 1))
	// An honest pair of another province: two new texts.
	h1 := reuseReport("bb00000000000001", "Yên Bái", "2023-Q1", "2023-03-16", q1Other[:len(q1Other)/2]+" Tỉnh họp giao ban định kỳ.")
	h2 := reuseReport("bb00000000000002", "Yên Bái", "2023-Q2", "2023-06-16", yenBaiQ2)
	if err := ix.Put(ctx, q1, h1); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, q2, h2); err != nil {
		t.Fatal(err)
	}
	ru, err := ix.Reuse(ctx, q2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ru.Previous != q1.ID || len(ru.Sections) != 1 || ru.Sections[0].Section != "II" || ru.Sections[0].Similarity < ReuseThreshold {
		t.Fatalf("reuse of the copying report: %+v", ru)
	}
	r, _ := ix.Get(ctx, q2.ID)
	var fired []string
	for _, f := range r.Findings {
		if f.Rule == "reused-section" {
			fired = append(fired, f.Location)
		}
	}
	if len(fired) != 1 || fired[0] != "section II" {
		t.Errorf("reused-section findings: %v", fired)
	}
	list, _ := ix.Reports(ctx, Filter{HasFinding: "reused-section"})
	if len(list) != 1 || list[0].ID != q2.ID {
		t.Errorf("reports with reused-section: %+v", list)
	}
	if ru, _ := ix.Reuse(ctx, h2.ID); ru.Previous != h1.ID || len(ru.Sections) != 0 {
		t.Errorf("honest pair flagged: %+v", ru)
	}

	// similar: a near-copy in another province is found, the province's
	// own reports are not.
	nb := reuseReport("cc00000000000001", "Hà Giang", "2023-Q2", "2023-06-18", strings.Replace(copiedText, "Ủy ban nhân dân tỉnh", "UBND tỉnh Hà Giang", 1))
	if err := ix.Put(ctx, nb); err != nil {
		t.Fatal(err)
	}
	sim, err := ix.Similar(ctx, nb.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(sim) != 2 {
		t.Fatalf("similar: %+v", sim)
	}
	for _, m := range sim {
		if m.Province != "Lào Cai" || m.OtherSection != "II" {
			t.Errorf("similar match %+v", m)
		}
	}
	if sim, _ := ix.Similar(ctx, h2.ID, 10); len(sim) != 0 {
		t.Errorf("an honest report has near-copies: %+v", sim)
	}
}

func TestJaccardShingles(t *testing.T) {
	a := shingles(copiedText)
	if j := jaccard(a, shingles(copiedText)); j != 1 {
		t.Errorf("same text: %v", j)
	}
	if j := jaccard(a, shingles(strings.ToUpper(copiedText))); j != 1 {
		t.Errorf("case changes nothing: %v", j)
	}
	if j := jaccard(a, shingles(q1Other)); j > 0.1 {
		t.Errorf("different texts: %v", j)
	}
	if shingles("quá ngắn để so sánh") != nil {
		t.Error("a short text has shingles")
	}
}

func openTestOpts(t testing.TB, o Options) *Index {
	t.Helper()
	ix, err := Open(filepath.Join(t.TempDir(), "idx"), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

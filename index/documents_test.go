package index

import (
	"context"
	"fmt"
	"testing"

	"github.com/baocao/baocao/extract"
)

// citeDoc adds a citation with the date and issuer a report gives.
func (b *reportBuilder) citeFull(sentence, ref, date, issuer string) {
	b.cite(sentence, ref)
	c := &b.r.Citations[len(b.r.Citations)-1]
	c.Date, c.Issuer = date, issuer
}

func TestCitedDocumentIdentity(t *testing.T) {
	ix := openTest(t)
	ctx := context.Background()
	var reports []*extract.Report
	n := 0
	add := func(province, label, date string, fill func(b *reportBuilder)) string {
		n++
		id := fmt.Sprintf("c0c0c0c0c0c0%04x", n)
		b := newReport(id, province, label, date)
		b.section(1, "I", "KẾT QUẢ")
		fill(b)
		reports = append(reports, b.done())
		return id
	}
	// Khánh Hòa's 512/QĐ-UBND and Sơn La's 512/QĐ-UBND are two documents.
	kh := add("Khánh Hòa", "2023-Q1", "2023-03-15", func(b *reportBuilder) {
		b.citeFull("Quyết định số 512/QĐ-UBND ngày 01/3/2023 công bố TTHC.", "512/QĐ-UBND", "2023-03-01", "Chủ tịch UBND tỉnh")
	})
	sl1 := add("Sơn La", "2023-Q1", "2023-03-28", func(b *reportBuilder) {
		b.citeFull("Quyết định số 512/QĐ-UBND ngày 24/3/2023 về kế hoạch.", "512/QĐ-UBND", "2023-03-24", "UBND tỉnh")
	})
	// Two reports of Sơn La citing its decision: one document, two reports
	// (the second gives no date).
	sl2 := add("Sơn La", "2023-H1", "2023-06-15", func(b *reportBuilder) {
		b.citeFull("Tiếp tục thực hiện Quyết định số 512/QĐ-UBND của tỉnh.", "512/QĐ-UBND", "", "")
	})
	// Ninh Thuận cites Khánh Hòa's decision, naming its issuer.
	nt := add("Ninh Thuận", "2023-Q1", "2023-03-20", func(b *reportBuilder) {
		b.citeFull("Học tập Quyết định số 512/QĐ-UBND ngày 01/3/2023 của UBND tỉnh Khánh Hòa.", "512/QĐ-UBND", "2023-03-01", "UBND tỉnh Khánh Hòa")
	})
	// A decree cited by twenty provinces: one document, twenty reports.
	g, _ := extract.LoadGazetteer()
	units := g.Units("2023-03-31")
	for i := 0; i < 20; i++ {
		add(units[i].Name, "2023-Q1", "2023-03-19", func(b *reportBuilder) {
			b.citeFull("Thực hiện Nghị định số 107/2021/NĐ-CP ngày 06/8/2021 của Chính phủ.", "107/2021/NĐ-CP", "2021-08-06", "Chính phủ")
		})
	}
	if err := ix.Put(ctx, reports...); err != nil {
		t.Fatal(err)
	}

	ids := func(d *CitedDocument) []string {
		var out []string
		for _, c := range d.Citations {
			out = append(out, c.ReportID)
		}
		return out
	}
	d, err := ix.Document(ctx, "khanh-hoa~512_qd-ubnd~2023")
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(d); len(got) != 2 || got[0] != kh || got[1] != nt || d.National || d.Date != "2023-03-01" {
		t.Errorf("Khánh Hòa's 512: citing %v, %+v", got, d)
	}
	d, err = ix.Document(ctx, "son-la~512_qd-ubnd~2023")
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(d); len(got) != 2 || got[0] != sl1 || got[1] != sl2 || d.Date != "2023-03-24" {
		t.Errorf("Sơn La's 512: citing %v", got)
	}
	d, err = ix.Document(ctx, "vn~107_2021_nd-cp~2021")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Citations) != 20 || !d.National || d.Type != "Quyết định" || d.Issuer != "Chính phủ" {
		t.Errorf("decree: %d citing reports, %+v", len(d.Citations), d)
	}
	for i := 1; i < len(d.Citations); i++ {
		if d.Citations[i].Date < d.Citations[i-1].Date {
			t.Errorf("citing reports not in time order")
		}
	}
	if _, err := ix.Document(ctx, "vn~999_qd-ttg~2023"); err == nil {
		t.Error("an uncited document was found")
	}

	nat, loc, err := ix.TopDocuments(ctx, DocFilter{Period: "2023-Q1", Top: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(nat) != 1 || nat[0].Key != "vn~107_2021_nd-cp~2021" || nat[0].Reports != 20 {
		t.Errorf("national top: %+v", nat)
	}
	if len(loc) != 2 || loc[0].Key != "khanh-hoa~512_qd-ubnd~2023" || loc[0].Reports != 2 || loc[1].Reports != 1 {
		t.Errorf("local top in 2023-Q1: %+v", loc)
	}
	_, loc, _ = ix.TopDocuments(ctx, DocFilter{Province: "Sơn La"})
	if len(loc) != 1 || loc[0].Key != "son-la~512_qd-ubnd~2023" || loc[0].Reports != 2 {
		t.Errorf("Sơn La's local documents (dateless citation merged): %+v", loc)
	}
}

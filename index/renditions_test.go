package index

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/baocao/baocao/extract"
)

// rendition makes another file of report b: same id, another format,
// path and hash.
func asRendition(r *extract.Report, format extract.Format, sha string) *extract.Report {
	c := *r
	c.Source = extract.Source{Path: "reports/" + sha + "." + string(format), Format: format, SHA256: sha}
	return &c
}

func TestRenditionsDisagreeAndRemove(t *testing.T) {
	ix := openTest(t)
	ctx := context.Background()
	b := newReport("e1b2c3d4e5f60005", "Sơn La", "2023-Q1", "2023-03-18")
	b.section(1, "I", "KẾT QUẢ")
	b.line("Tiếp nhận 1.500 hồ sơ.")
	b.count(extract.CountDossier, 1500, false)
	docx := b.done()
	pdf := asRendition(docx, extract.FormatPDF, "f0f0f0f0f0f0f0f0aa")
	pdf.Counts = []extract.Count{{Kind: extract.CountDossier, Value: 1300}}
	if err := ix.Put(ctx, pdf); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, docx); err != nil {
		t.Fatal(err)
	}
	r, err := ix.Get(ctx, docx.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Sources) != 2 || r.Source.Format != extract.FormatDOCX {
		t.Fatalf("sources %+v, extracted from %s", r.Sources, r.Source.Format)
	}
	var disagree string
	for _, d := range r.Diagnostics {
		if d.Code == "identity.renditions_disagree" {
			disagree = d.Message
		}
	}
	if !strings.Contains(disagree, `counts.dossier: "1500"`) || !strings.Contains(disagree, `"1300" in reports/f0f0`) {
		t.Errorf("disagreement diagnostic = %q", disagree)
	}
	list, _ := ix.Reports(ctx, Filter{Province: "Sơn La"})
	if len(list) != 1 || list[0].Counts["dossier"] != 1500 {
		t.Errorf("listing %+v", list)
	}

	// Removing the DOCX keeps the report, now read from the PDF.
	if err := ix.RemoveSource(ctx, docx.ID, docx.Source.Path); err != nil {
		t.Fatalf("remove docx: %v", err)
	}
	r, _ = ix.Get(ctx, docx.ID)
	if len(r.Sources) != 1 || r.Source.Format != extract.FormatPDF || countSums(r)["dossier"] != 1300 {
		t.Errorf("after removing the DOCX: %+v", r.Sources)
	}
	if err := ix.RemoveSource(ctx, docx.ID, "no/such/file.pdf"); err != nil {
		t.Errorf("removing an unknown file: %v", err)
	}
	if err := ix.RemoveSource(ctx, docx.ID, pdf.Source.Path); err != nil {
		t.Fatalf("remove pdf: %v", err)
	}
	if _, err := ix.Get(ctx, docx.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("report still there: %v", err)
	}
	if ids, _ := ix.docIDsOf(ctx, docx.ID); len(ids) != 0 {
		t.Errorf("documents left: %v", ids)
	}
}

// A report saying "thay thế Báo cáo số 12/BC-UBND" supersedes that one:
// the replaced report stays (history) but no longer counts.
func TestReplacingReport(t *testing.T) {
	ix := openTest(t)
	ctx := context.Background()
	old := newReport("a0a0a0a0a0a0a001", "Lào Cai", "2023-Q1", "2023-03-10")
	old.section(1, "I", "KẾT QUẢ")
	old.line("Tổ chức 03 cuộc họp.")
	old.count(extract.CountMeeting, 3, false)
	nw := newReport("a0a0a0a0a0a0a002", "Lào Cai", "2023-Q1", "2023-03-17")
	nw.r.Meta.Number = "15/BC-UBND"
	nw.line("Báo cáo này thay thế Báo cáo số 12/BC-UBND ngày 10/3/2023 của UBND tỉnh.")
	nw.section(1, "I", "KẾT QUẢ")
	nw.line("Tổ chức 04 cuộc họp.")
	nw.count(extract.CountMeeting, 4, false)
	if err := ix.Put(ctx, old.done()); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, nw.done()); err != nil {
		t.Fatal(err)
	}
	o, _ := ix.Get(ctx, "a0a0a0a0a0a0a001")
	if o.SupersededBy != "a0a0a0a0a0a0a002" {
		t.Errorf("old report superseded_by = %q", o.SupersededBy)
	}
	n, _ := ix.Get(ctx, "a0a0a0a0a0a0a002")
	if len(n.Versions) != 1 || n.Versions[0].Reason != "replaced" || n.Versions[0].ReportID != "a0a0a0a0a0a0a001" {
		t.Errorf("versions of the new report = %+v", n.Versions)
	}
	cur, _ := ix.Reports(ctx, Filter{Province: "Lào Cai"})
	all, _ := ix.Reports(ctx, Filter{Province: "Lào Cai", Superseded: true})
	if len(cur) != 1 || cur[0].ID != "a0a0a0a0a0a0a002" || len(all) != 2 {
		t.Errorf("current %v, all %v", cur, all)
	}
	// Another rendition of the old report keeps it superseded.
	if err := ix.Put(ctx, asRendition(o, extract.FormatPDF, "a0a0a0a0a0a0a0ff")); err != nil {
		t.Fatal(err)
	}
	if o, _ = ix.Get(ctx, "a0a0a0a0a0a0a001"); o.SupersededBy == "" || len(o.Sources) != 2 {
		t.Errorf("after a new rendition: superseded_by %q, %d sources", o.SupersededBy, len(o.Sources))
	}
}

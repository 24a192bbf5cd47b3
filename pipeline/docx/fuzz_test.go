package docx

import (
	"context"
	"os"
	"testing"
	"time"
)

// FuzzIngest feeds mutated packages to the ingester: it must never panic
// or hang, and every Document it returns must satisfy the invariants.
// Seeds: the committed samples and a few hand-made packages.
func FuzzIngest(f *testing.F) {
	for _, path := range sampleFiles(f) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	full := map[string]string{"word/styles.xml": styles, "word/numbering.xml": numberingXML, "word/footnotes.xml": footnotesXML, "word/endnotes.xml": endnotesXML}
	f.Add(makeDocx(f, pnum("1", "0", r("A"))+pnum("2", "2", r("b"))+p(r("x")+`<w:r><w:footnoteReference w:id="7"/></w:r>`), full))
	f.Add(makeDocx(f, p(r("Chương trình")+rsup("1"))+p(rsup("1")+r("Quyết định")), nil))
	f.Add(makeDocx(f, `<w:tbl><w:tr><w:tc>`+p(`<w:r><mc:AlternateContent><mc:Choice><w:txbxContent>`+p(r("hộp"))+`</w:txbxContent></mc:Choice></mc:AlternateContent></w:r>`)+`</w:tc></w:tr></w:tbl>`, nil))
	// Small limits keep each input cheap whatever it declares.
	in := New(Options{MaxFileSize: 1 << 20, MaxUncompressed: 4 << 20, MaxCompressionRatio: 100})
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		doc, err := in.Ingest(ctx, "fuzz.docx", data)
		if err != nil {
			if doc != nil {
				t.Fatalf("document returned with error %v", err)
			}
			return
		}
		if len(doc.Blocks) == 0 {
			t.Fatal("no blocks without ErrNoText")
		}
		checkInvariants(t, doc)
	})
}

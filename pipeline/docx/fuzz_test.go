package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
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

// FuzzParts fuzzes the XML parts themselves: a mutated zip rarely gets
// past its CRC check, so FuzzIngest alone barely reaches the XML walker.
// The parts are packed into a fresh package; seeds are the parts of the
// committed samples.
func FuzzParts(f *testing.F) {
	for _, path := range sampleFiles(f) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			f.Fatal(err)
		}
		part := func(name string) string {
			for _, zf := range zr.File {
				if zf.Name == name {
					rc, err := zf.Open()
					if err != nil {
						f.Fatal(err)
					}
					b, err := io.ReadAll(rc)
					rc.Close()
					if err != nil {
						f.Fatal(err)
					}
					return string(b)
				}
			}
			return ""
		}
		f.Add(part("word/document.xml"), part("word/styles.xml"), part("word/numbering.xml"), part("word/footnotes.xml"))
	}
	f.Add(`<w:document `+wns+`><w:body>`+pnum("1", "3", r("x"))+pnum("2", "2", r("y"))+`</w:body></w:document>`, styles, numberingXML, footnotesXML)
	in := New(Options{MaxFileSize: 1 << 20, MaxUncompressed: 4 << 20, MaxCompressionRatio: 100})
	f.Fuzz(func(t *testing.T, document, styles, numbering, footnotes string) {
		// Stored, not deflated: compression would dominate each run.
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, part := range [][2]string{
			{"word/_rels/document.xml.rels", `<Relationships/>`},
			{"word/document.xml", document},
			{"word/styles.xml", styles},
			{"word/numbering.xml", numbering},
			{"word/footnotes.xml", footnotes},
		} {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: part[0], Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.WriteString(w, part[1]); err != nil {
				t.Fatal(err)
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		data := buf.Bytes()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		doc, err := in.Ingest(ctx, "fuzz.docx", data)
		if err != nil {
			return
		}
		checkInvariants(t, doc)
	})
}

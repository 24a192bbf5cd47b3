package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/baocao/baocao/pipeline"
)

// TestImageAsPDF: a PNG becomes an image-only one-page PDF, one A4 page
// wide, that the walker sees as a scan; a grey image is stored grey.
func TestImageAsPDF(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 300, 400))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	doc, err := ImageAsPDF(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(doc, []byte("/MediaBox [0 0 595.28 793.71]")) || !bytes.Contains(doc, []byte("/DeviceGray")) {
		t.Errorf("page or colour space wrong:\n%.400s", doc)
	}
	r, err := New(DefaultOptions()).open(doc)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pageTree(r, 0)
	if err != nil || len(pages) != 1 {
		t.Fatalf("%d pages, %v", len(pages), err)
	}
	pc, err := newWalker().page(pages[0])
	if err != nil || pc.images != 1 || len(scannedPages([]*pageContent{pc})) != 1 {
		t.Errorf("walker: %v, %d images", err, pc.images)
	}
	rgb := image.NewNRGBA(image.Rect(0, 0, 10, 10))
	rgb.Set(1, 1, color.NRGBA{200, 10, 10, 255})
	b.Reset()
	png.Encode(&b, rgb)
	if doc, err := ImageAsPDF(b.Bytes()); err != nil || !bytes.Contains(doc, []byte("/DeviceRGB")) {
		t.Errorf("colour PNG: %v", err)
	}
	if _, err := ImageAsPDF([]byte("\x89PNG\r\n\x1a\nbroken")); pipeline.Reason(err) != "malformed" {
		t.Errorf("broken PNG: %v", err)
	}
}

// FuzzImageAsPDF: any bytes give a PDF or an error, never a panic.
func FuzzImageAsPDF(f *testing.F) {
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 3)))
	f.Add(b.Bytes())
	f.Add([]byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ImageAsPDF(data)
		if err == nil && !bytes.HasPrefix(doc, []byte("%PDF-1.4")) {
			t.Fatalf("not a PDF: %.40q", doc)
		}
	})
}

package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"strconv"
	"strings"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
)

// maxImagePixels refuses an image larger than a 600 dpi A3 scan before it
// is decoded: its pixels alone would take hundreds of MB.
const maxImagePixels = 70e6

// a4Width is the width of an A4 page in points.
const a4Width = 595.28

// ImageIngester reads a photographed or scanned page sent as a JPEG or
// PNG image: the image becomes the one page of an image-only PDF, one A4
// page wide whatever its resolution, which the PDF Ingester reads like any
// scanned page — OCR with its limits, deadline and diagnostics, the same
// layout. Rendering that page at the OCR resolution scales a phone photo
// or a 150 dpi scan up to what Tesseract is trained for.
type ImageIngester struct{ pdf *Ingester }

// NewImage returns an ImageIngester that reads through in.
func NewImage(in *Ingester) *ImageIngester { return &ImageIngester{pdf: in} }

// Available says why images cannot be read: without OCR they are
// unsupported, with what to install.
func (im *ImageIngester) Available() error {
	if im.pdf.opts.OCR == nil {
		return fmt.Errorf("an image can only be read by OCR: %s: %w", im.pdf.ocrNote(), pipeline.ErrUnsupportedFormat)
	}
	return nil
}

// Ingest reads the image's text by OCR.
func (im *ImageIngester) Ingest(ctx context.Context, name string, data []byte) (*extract.Document, error) {
	if max := im.pdf.opts.MaxFileSize; max > 0 && int64(len(data)) > max {
		return nil, fmt.Errorf("image %s: %d bytes exceeds the limit of %d: %w", name, len(data), max, pipeline.ErrTooLarge)
	}
	if err := im.Available(); err != nil {
		return nil, fmt.Errorf("image %s: %w", name, err)
	}
	doc, cfg, kind, err := wrapImage(data)
	if err != nil {
		return nil, fmt.Errorf("image %s: %w", name, err)
	}
	d, err := im.pdf.Ingest(ctx, name, doc)
	if err != nil {
		return nil, err
	}
	d.Source.Format = extract.FormatImage
	d.Source.SHA256 = extract.HashBytes(data)
	diag := extract.NewDiagnostic("image.ocr", extract.SeverityInfo, "a %s image of %v×%v pixels, read as one scanned page (%v dpi over an A4 width)",
		kindName(kind), strconv.Itoa(cfg.Width), strconv.Itoa(cfg.Height), strconv.Itoa(int(math.Round(float64(cfg.Width)/(a4Width/72)))))
	diag.Page = 1
	d.Diagnostics = append([]extract.Diagnostic{diag}, d.Diagnostics...)
	return d, nil
}

func kindName(kind string) string {
	if kind == "jpeg" {
		return "JPEG"
	}
	return "PNG"
}

// ImageAsPDF wraps a JPEG or PNG image into a one-page PDF that draws it
// over the whole page, one A4 page wide: a JPEG as it is (DCTDecode),
// anything else decoded and stored as grey or RGB samples (FlateDecode).
func ImageAsPDF(data []byte) ([]byte, error) {
	doc, _, _, err := wrapImage(data)
	return doc, err
}

// wrapImage is ImageAsPDF, also returning the image's size and kind. An
// image larger than maxImagePixels is refused before it is decoded.
func wrapImage(data []byte) ([]byte, image.Config, string, error) {
	cfg, kind, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, cfg, kind, fmt.Errorf("%v: %w", err, pipeline.ErrMalformed)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || float64(cfg.Width)*float64(cfg.Height) > maxImagePixels {
		return nil, cfg, kind, fmt.Errorf("%d×%d pixels, more than %.0f million: %w", cfg.Width, cfg.Height, maxImagePixels/1e6, pipeline.ErrTooLarge)
	}
	doc, err := imagePDF(data, kind, cfg)
	return doc, cfg, kind, err
}

func imagePDF(data []byte, kind string, cfg image.Config) ([]byte, error) {
	page := PageImage{Data: data, Filter: "/DCTDecode", ColorSpace: "/DeviceRGB", Width: cfg.Width, Height: cfg.Height,
		PageWidth: a4Width, PageHeight: a4Width * float64(cfg.Height) / float64(cfg.Width)}
	passThrough := kind == "jpeg" && (cfg.ColorModel == color.GrayModel || cfg.ColorModel == color.YCbCrModel)
	if passThrough {
		// Decoded once all the same: a JPEG cut short or corrupt is
		// malformed here, not a page of grey noise to OCR.
		if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("%v: %w", err, pipeline.ErrMalformed)
		}
	}
	switch {
	case passThrough && cfg.ColorModel == color.GrayModel:
		page.ColorSpace = "/DeviceGray"
	case passThrough:
	default:
		img, err := decode(data, kind)
		if err != nil {
			return nil, fmt.Errorf("%v: %w", err, pipeline.ErrMalformed)
		}
		b := img.Bounds()
		grey := true
		raw := make([]byte, 0, b.Dx()*b.Dy()*3)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				// Transparent pixels are paper: blend over white.
				c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
				blend := func(v uint8) byte { return byte((int(v)*int(c.A) + 255*(255-int(c.A))) / 255) }
				r, g, bl := blend(c.R), blend(c.G), blend(c.B)
				grey = grey && r == g && g == bl
				raw = append(raw, r, g, bl)
			}
		}
		if grey {
			for i := 0; i < len(raw)/3; i++ {
				raw[i] = raw[3*i]
			}
			raw = raw[:len(raw)/3]
			page.ColorSpace = "/DeviceGray"
		}
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(raw)
		zw.Close()
		page.Data, page.Filter = z.Bytes(), "/FlateDecode"
	}
	return ImagePDF([]PageImage{page}), nil
}

// PageImage is one page of an image-only PDF: an encoded image stream
// drawn over a page of the given size in points.
type PageImage struct {
	Data                  []byte
	Filter, ColorSpace    string // "/DCTDecode", "/DeviceGray"
	Width, Height         int    // pixels
	PageWidth, PageHeight float64
}

// ImagePDF writes a minimal PDF with one full-page image per page and no
// text: what a scanner produces.
func ImagePDF(pages []PageImage) []byte {
	var buf bytes.Buffer
	var offsets []int
	obj := func(body string, stream []byte) {
		offsets = append(offsets, buf.Len())
		fmt.Fprintf(&buf, "%d 0 obj\n%s", len(offsets), body)
		if stream != nil {
			buf.WriteString("\nstream\n")
			buf.Write(stream)
			buf.WriteString("\nendstream")
		}
		buf.WriteString("\nendobj\n")
	}
	buf.WriteString("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 3+3*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj(fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", len(pages), strings.Join(kids, " ")), nil)
	for i, p := range pages {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", p.PageWidth, p.PageHeight, 4+3*i, 5+3*i), nil)
		obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter %s /Length %d >>", p.Width, p.Height, p.ColorSpace, p.Filter, len(p.Data)), p.Data)
		content := []byte(fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", p.PageWidth, p.PageHeight))
		obj(fmt.Sprintf("<< /Length %d >>", len(content)), content)
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return buf.Bytes()
}

func decode(data []byte, kind string) (image.Image, error) {
	switch kind {
	case "jpeg":
		return jpeg.Decode(bytes.NewReader(data))
	case "png":
		return png.Decode(bytes.NewReader(data))
	}
	return nil, errors.New("not a JPEG or PNG image")
}

// Command gen makes the format test files of testdata/formats from the
// Unicode samples in testdata/docs (run by ../make.sh):
//
//	gen legacy DOCS OUT        TCVN3 and VNI text files, a DOCX whose runs use .VnTime, one with TCVN3 in Times New Roman runs
//	gen scan DPI ANGLE OUT PGM…  a scanned-looking PDF from page images (pdftoppm -gray)
//	gen photo ANGLE OUT PGM      one page image sent as a JPEG or PNG file (by OUT's extension)
//	gen imagepdf IMG OUT         IMG as the one-page PDF the image ingester reads it as
//
// Everything is deterministic (fixed noise seed), so regenerating does not
// churn the committed files.
package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/baocao/baocao/pipeline/legacy"
	"github.com/baocao/baocao/pipeline/pdf"
)

func main() {
	if len(os.Args) < 2 {
		fail(fmt.Errorf("usage: gen legacy DOCS OUT | gen scan DPI ANGLE OUT PGM… | gen photo ANGLE OUT PGM | gen imagepdf IMG OUT"))
	}
	var err error
	switch os.Args[1] {
	case "legacy":
		err = makeLegacy(os.Args[2], os.Args[3])
	case "photo":
		angle, _ := strconv.ParseFloat(os.Args[2], 64)
		err = makePhoto(angle, os.Args[3], os.Args[4])
	case "imagepdf":
		var data []byte
		if data, err = os.ReadFile(os.Args[2]); err == nil {
			if data, err = pdf.ImageAsPDF(data); err == nil {
				err = os.WriteFile(os.Args[3], data, 0o644)
			}
		}
	case "scan":
		dpi, _ := strconv.Atoi(os.Args[2])
		angle, _ := strconv.ParseFloat(os.Args[3], 64)
		err = makeScan(dpi, angle, os.Args[4], os.Args[5:])
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	fail(err)
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// latin1 writes Windows-1252 characters as their bytes: what a legacy
// editor saved.
func latin1(s string) []byte {
	var b []byte
	for _, r := range s {
		if r > 0xFF {
			panic(fmt.Sprintf("%q has no legacy byte", r))
		}
		b = append(b, byte(r))
	}
	return b
}

func makeLegacy(docs, out string) error {
	conv, err := legacy.New()
	if err != nil {
		return err
	}
	for _, f := range []struct {
		src, dst string
		enc      legacy.Encoding
	}{
		{"dak-lak-2023-q1.txt", "dak-lak-2023-q1-tcvn3.txt", legacy.TCVN3},
		{"son-la-2023-h1.txt", "son-la-2023-h1-vni.txt", legacy.VNI},
		{"khanh-hoa-2023-q1.md", "khanh-hoa-2023-q1-vni.md", legacy.VNI},
	} {
		data, err := os.ReadFile(filepath.Join(docs, f.src))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, f.dst), latin1(conv.Encode(f.enc, string(data))), 0o644); err != nil {
			return err
		}
	}
	src := filepath.Join(docs, "lang-son-2025-q1.docx")
	if err := vnTimeDocx(conv, src, filepath.Join(out, "lang-son-2025-q1-vntime.docx"), true); err != nil {
		return err
	}
	return vnTimeDocx(conv, src, filepath.Join(out, "lang-son-2025-q1-tcvn3-unicode-font.docx"), false)
}

var (
	reRun   = regexp.MustCompile(`<w:r>(<w:rPr>((?:<[^>]*/>\s*)*)</w:rPr>)?(<w:t[^>]*>)([^<]*)</w:t></w:r>`)
	reTable = regexp.MustCompile(`(?s)<w:tbl>.*?</w:tbl>`)
)

// vnTimeDocx rewrites the runs of a DOCX as a TCVN3 typist would have:
// with vnFonts, text in .VnTime, all-capital text in .VnTimeH with the
// lower-case codes; without, TCVN3 codes in runs that name Times New Roman
// (typed with a TCVN3 keyboard in a Unicode font, or a font changed
// afterwards). Tables stay in Unicode (Times New Roman): a mixed
// document, converted run by run.
func vnTimeDocx(conv *legacy.Converter, src, dst string, vnFonts bool) error {
	zr, err := zip.OpenReader(src)
	if err != nil {
		return err
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		if f.Name == "word/document.xml" || f.Name == "word/footnotes.xml" {
			data = legacyRuns(conv, data, vnFonts)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
		if err != nil {
			return err
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(dst, buf.Bytes(), 0o644)
}

func legacyRuns(conv *legacy.Converter, xml []byte, vnFonts bool) []byte {
	tables := reTable.FindAllIndex(xml, -1)
	inTable := func(i int) bool {
		for _, t := range tables {
			if i >= t[0] && i < t[1] {
				return true
			}
		}
		return false
	}
	var out bytes.Buffer
	last := 0
	for _, m := range reRun.FindAllSubmatchIndex(xml, -1) {
		out.Write(xml[last:m[0]])
		last = m[1]
		text := string(xml[m[8]:m[9]])
		if inTable(m[0]) || strings.TrimSpace(text) == "" {
			out.Write(xml[m[0]:m[1]])
			continue
		}
		font := ".VnTime"
		switch {
		case !vnFonts:
			font = "Times New Roman"
		case strings.ToUpper(text) == text && strings.ToLower(text) != text:
			font, text = ".VnTimeH", strings.ToLower(text)
		}
		props := ""
		if m[4] >= 0 {
			props = string(xml[m[4]:m[5]])
		}
		fmt.Fprintf(&out, `<w:r><w:rPr><w:rFonts w:ascii="%s" w:hAnsi="%s" w:cs="%s"/>%s</w:rPr>%s%s</w:t></w:r>`,
			font, font, font, props, xml[m[6]:m[7]], escape(conv.Encode(legacy.TCVN3, unescape(text))))
	}
	out.Write(xml[last:])
	return out.Bytes()
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'").Replace(s)
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// makeScan turns page images into a PDF that looks scanned: each page
// turned by angle degrees, with speckle noise and a grey cast, stored as
// a JPEG at dpi.
func makeScan(dpi int, angle float64, out string, pgms []string) error {
	rng := rand.New(rand.NewSource(int64(dpi) * 7919))
	var pages [][]byte
	var sizes [][2]int
	for i, p := range pgms {
		img, err := readPGM(p)
		if err != nil {
			return err
		}
		// Alternate the turn a little from page to page, like a feeder.
		a := angle * (1 - 0.3*float64(i%2))
		scanned := rotateNoise(img, a*math.Pi/180, 6, rng)
		var jb bytes.Buffer
		if err := jpeg.Encode(&jb, scanned, &jpeg.Options{Quality: 45}); err != nil {
			return err
		}
		pages = append(pages, jb.Bytes())
		b := scanned.Bounds()
		sizes = append(sizes, [2]int{b.Dx(), b.Dy()})
	}
	var imgs []pdf.PageImage
	for i, jp := range pages {
		imgs = append(imgs, pdf.PageImage{Data: jp, Filter: "/DCTDecode", ColorSpace: "/DeviceGray", Width: sizes[i][0], Height: sizes[i][1],
			PageWidth: float64(sizes[i][0]) * 72 / float64(dpi), PageHeight: float64(sizes[i][1]) * 72 / float64(dpi)})
	}
	return os.WriteFile(out, pdf.ImagePDF(imgs), 0o644)
}

// makePhoto turns one page image into an image file as an office sends
// it: turned by angle degrees, as a JPEG (quality 60, with noise) or a
// PNG.
func makePhoto(angle float64, out, pgm string) error {
	img, err := readPGM(pgm)
	if err != nil {
		return err
	}
	// A PNG comes from a flatbed scanner's clean sensor; its noise would
	// also make the file ten times larger.
	noise := 6.0
	if strings.HasSuffix(out, ".png") {
		noise = 0
	}
	page := rotateNoise(img, angle*math.Pi/180, noise, rand.New(rand.NewSource(int64(angle*1000)+17)))
	var b bytes.Buffer
	if strings.HasSuffix(out, ".png") {
		err = png.Encode(&b, page)
	} else {
		err = jpeg.Encode(&b, page, &jpeg.Options{Quality: 60})
	}
	if err != nil {
		return err
	}
	return os.WriteFile(out, b.Bytes(), 0o644)
}

func readPGM(path string) (*image.Gray, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	var magic string
	var w, h, max int
	if _, err := fmt.Fscan(r, &magic, &w, &h, &max); err != nil || magic != "P5" || max != 255 {
		return nil, fmt.Errorf("%s: not an 8-bit binary PGM (%v)", path, err)
	}
	r.ReadByte() // the single whitespace after the header
	img := image.NewGray(image.Rect(0, 0, w, h))
	if _, err := io.ReadFull(r, img.Pix); err != nil {
		return nil, err
	}
	return img, nil
}

func rotateNoise(src *image.Gray, theta, noise float64, rng *rand.Rand) *image.Gray {
	b := src.Bounds()
	dst := image.NewGray(b)
	cx, cy := float64(b.Dx())/2, float64(b.Dy())/2
	sin, cos := math.Sin(theta), math.Cos(theta)
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			// Inverse rotation, bilinear sampling; outside is paper.
			fx := cos*(float64(x)-cx) + sin*(float64(y)-cy) + cx
			fy := -sin*(float64(x)-cx) + cos*(float64(y)-cy) + cy
			v := bilinear(src, fx, fy)
			v = v*0.88 + 18 + rng.NormFloat64()*noise // grey paper, sensor noise
			if rng.Intn(2500) == 0 {
				v = 40 // dust
			}
			dst.SetGray(x, y, color.Gray{uint8(math.Max(0, math.Min(255, v)))})
		}
	}
	return dst
}

func bilinear(img *image.Gray, x, y float64) float64 {
	b := img.Bounds()
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	if x0 < 0 || y0 < 0 || x0+1 >= b.Dx() || y0+1 >= b.Dy() {
		return 255
	}
	fx, fy := x-float64(x0), y-float64(y0)
	p := func(x, y int) float64 { return float64(img.Pix[y*img.Stride+x]) }
	return p(x0, y0)*(1-fx)*(1-fy) + p(x0+1, y0)*fx*(1-fy) + p(x0, y0+1)*(1-fx)*fy + p(x0+1, y0+1)*fx*fy
}

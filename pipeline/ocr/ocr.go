// Package ocr reads the text of scanned PDF pages with Tesseract: each page
// is rendered to a grey image by pdftoppm (poppler-utils) and recognised by
// tesseract with its layout output (TSV), so the words keep their boxes and
// the PDF layout pass can rebuild lines, header columns and footnote zones
// from them as from a text layer. Both tools are optional (Debian:
// tesseract-ocr, tesseract-ocr-vie, poppler-utils); Find says what to
// install.
package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/baocao/baocao/extract"
)

// Install says what to install for OCR.
const Install = "install Tesseract with its Vietnamese model and poppler-utils (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils)"

// Options configure the Engine.
type Options struct {
	// Tesseract and Pdftoppm are the commands (see Find).
	Tesseract, Pdftoppm string
	// Languages are Tesseract's model names joined by "+" (default "vie").
	Languages string
	// DPI is the resolution pages are rendered at (default 300, what
	// Tesseract is trained for).
	DPI int
	// PageTimeout bounds the rendering and recognition of one page
	// (default 60s).
	PageTimeout time.Duration
}

// Find locates tesseract and pdftoppm and checks that every language of
// languages is installed; the error says what to install.
func Find(languages string) (tesseract, pdftoppm string, err error) {
	tesseract, err = exec.LookPath("tesseract")
	if err != nil {
		return "", "", fmt.Errorf("tesseract is not installed: %s", Install)
	}
	pdftoppm, err = exec.LookPath("pdftoppm")
	if err != nil {
		return "", "", fmt.Errorf("pdftoppm is not installed: %s", Install)
	}
	out, err := exec.Command(tesseract, "--list-langs").CombinedOutput()
	if err != nil {
		return "", "", fmt.Errorf("tesseract --list-langs: %v: %s", err, Install)
	}
	have := map[string]bool{}
	for _, l := range strings.Fields(string(out)) {
		have[l] = true
	}
	for _, l := range strings.Split(languages, "+") {
		if !have[l] {
			return "", "", fmt.Errorf("the Tesseract model %q is not installed (Debian: tesseract-ocr-%s): %s", l, l, Install)
		}
	}
	return tesseract, pdftoppm, nil
}

// Engine runs OCR. It is safe for concurrent use; each call renders into
// its own temporary folder.
type Engine struct{ opts Options }

// New returns an Engine; zero options take their defaults.
func New(opts Options) *Engine {
	if opts.Languages == "" {
		opts.Languages = "vie"
	}
	if opts.DPI <= 0 {
		opts.DPI = 300
	}
	if opts.PageTimeout <= 0 {
		opts.PageTimeout = 60 * time.Second
	}
	return &Engine{opts: opts}
}

// Languages names the models in use, for diagnostics.
func (e *Engine) Languages() string { return e.opts.Languages }

// Word is one recognised word with its box in image pixels (origin top
// left) and Tesseract's confidence (0–100).
type Word struct {
	Text                   string
	Conf                   float64
	X0, Y0, X1, Y1         float64
	Block, Paragraph, Line int
}

// Page is the OCR of one page.
type Page struct {
	Number int // 1-based page number in the PDF
	// Width and Height of the rendered image in pixels, at DPI.
	Width, Height float64
	DPI           int
	Words         []Word
	// Lines are the line boxes, keyed like Word (block, paragraph, line).
	Lines map[[3]int][4]float64
	// Rules are the horizontal rules Tesseract found (boxes, as Words):
	// it reports a drawn line, such as the short rule over the footnotes,
	// as a word with no text that is many times wider than high.
	Rules [][4]float64
	// Skew is the rotation in degrees the boxes were turned back by (see
	// deskew); positive when the scan's lines fall to the right.
	Skew float64
	Err  error         // this page could not be read (the others may be)
	Took time.Duration // rendering and recognition
}

// Confidence is the mean word confidence of the page (0 without words).
func (p Page) Confidence() float64 {
	if len(p.Words) == 0 {
		return 0
	}
	sum := 0.0
	for _, w := range p.Words {
		sum += w.Conf
	}
	return sum / float64(len(p.Words))
}

// Read recognises the given pages (1-based) of a PDF, one at a time, each
// under its own deadline. A page that fails carries its error; Read itself
// fails only when the PDF cannot be handed to the tools or ctx ends.
func (e *Engine) Read(ctx context.Context, pdf []byte, pages []int) ([]Page, error) {
	dir, err := os.MkdirTemp("", "baocao-ocr-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(src, pdf, 0o600); err != nil {
		return nil, err
	}
	var out []Page
	for _, n := range pages {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		start := time.Now()
		p, err := e.page(ctx, dir, src, n)
		p.Number, p.Err, p.Took = n, err, time.Since(start)
		out = append(out, p)
	}
	return out, nil
}

func (e *Engine) page(ctx context.Context, dir, src string, n int) (Page, error) {
	ctx, cancel := context.WithTimeout(ctx, e.opts.PageTimeout)
	defer cancel()
	img := filepath.Join(dir, fmt.Sprintf("p%d", n))
	num := strconv.Itoa(n)
	if _, err := run(ctx, e.opts.Pdftoppm, "-r", strconv.Itoa(e.opts.DPI), "-gray", "-png", "-singlefile", "-f", num, "-l", num, src, img); err != nil {
		return Page{}, fmt.Errorf("render page %d: %w", n, err)
	}
	defer os.Remove(img + ".png")
	// --psm 3: automatic layout (columns, blocks). One thread per page:
	// the worker pool already runs documents in parallel.
	tsv, err := run(ctx, e.opts.Tesseract, img+".png", "stdout", "-l", e.opts.Languages, "--psm", "3", "--dpi", strconv.Itoa(e.opts.DPI), "tsv")
	if err != nil {
		return Page{}, fmt.Errorf("recognise page %d: %w", n, err)
	}
	p, err := ParseTSV(tsv)
	if err != nil {
		return Page{}, fmt.Errorf("page %d: %w", n, err)
	}
	p.DPI = e.opts.DPI
	return p, nil
}

var reNumeral = regexp.MustCompile(`^[IVXl|¡]{1,4}\.$`)

// fixNumerals mends the Roman numeral of a heading in capitals, which
// Tesseract often reads with a look-alike ("¡. CÔNG TÁC", "Il. KẾT QUẢ"):
// the first word of a line with a letter or digit (specks may come
// before it), followed by a word in capitals.
func fixNumerals(words []Word) {
	first := true
	for i := 0; i+1 < len(words); i++ {
		w, next := &words[i], words[i+1]
		if i > 0 && !words[i-1].SameLine(*w) {
			first = true
		}
		opens := first
		if alnum(w.Text) || reNumeral.MatchString(w.Text) {
			first = false
		}
		if !opens || !reNumeral.MatchString(w.Text) || !strings.ContainsAny(w.Text, "l|¡") || !capitals(next.Text) {
			continue
		}
		w.Text = strings.NewReplacer("l", "I", "|", "I", "¡", "I").Replace(w.Text)
	}
}

func capitals(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

// ErrTimeout is wrapped when a page misses its deadline.
var ErrTimeout = errors.New("page OCR timed out")

func run(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = time.Second
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, ErrTimeout
		}
		return nil, ctx.Err()
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
			msg = msg[i+1:]
		}
		return nil, fmt.Errorf("%s: %v: %.200s", filepath.Base(name), err, msg)
	}
	return stdout.Bytes(), nil
}

// ParseTSV reads Tesseract's TSV output: level 1 is the page, 4 a line, 5
// a word with its confidence.
func ParseTSV(data []byte) (Page, error) {
	p := Page{Lines: map[[3]int][4]float64{}}
	lines := strings.Split(string(data), "\n")
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "level\t") {
		return p, fmt.Errorf("tesseract TSV without its header line")
	}
	for _, l := range lines[1:] {
		f := strings.Split(strings.TrimRight(l, "\r"), "\t")
		if len(f) < 11 {
			continue
		}
		var v [10]float64
		ok := true
		for i := 0; i < 10; i++ {
			x, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				ok = false
				break
			}
			v[i] = x
		}
		if !ok {
			continue
		}
		conf, _ := strconv.ParseFloat(f[10], 64)
		x0, y0, x1, y1 := v[6], v[7], v[6]+v[8], v[7]+v[9]
		key := [3]int{int(v[2]), int(v[3]), int(v[4])}
		switch int(v[0]) {
		case 1:
			p.Width, p.Height = v[8], v[9]
		case 4:
			p.Lines[key] = [4]float64{x0, y0, x1, y1}
		case 5:
			text := ""
			if len(f) > 11 {
				text = strings.TrimSpace(strings.Join(f[11:], "\t"))
			}
			if text == "" && conf >= 0 && v[8] >= 8*v[9] && v[8] >= 100 {
				p.Rules = append(p.Rules, [4]float64{x0, y0, x1, y1})
			}
			if text == "" || conf < 0 {
				continue
			}
			// A hyphen at the end of a line sometimes comes with a
			// speck read as a full stop: "415/QĐ-." is "415/QĐ-".
			text = strings.TrimSuffix(text, "-.") + map[bool]string{true: "-"}[strings.HasSuffix(text, "-.")]
			p.Words = append(p.Words, Word{Text: text, Conf: conf, X0: x0, Y0: y0, X1: x1, Y1: y1, Block: key[0], Paragraph: key[1], Line: key[2]})
		}
	}
	// Numerals first: a "¡." of low confidence would be dropped as a
	// speck. Then the page is levelled, so that everything after it sees
	// one baseline per line.
	fixNumerals(p.Words)
	p.Words = splitGlued(lineStarts(dropNoise(p.Words)))
	fixDecrees(p.Words)
	fixTerms(p.Words)
	fixDocType(p.Words)
	lineEnds(p.Words)
	deskew(&p)
	return p, nil
}

// reDecree is the symbol of a decree (nghị định) with its issuer code, or
// without it when the code is the next word ("45/2025/NĐ-" "CC").
var reDecree = regexp.MustCompile(`NĐ-(\p{Lu}{2})?$`)

// fixDecrees mends the issuer code of a decree's symbol. Only the
// Government issues decrees (Law on the Promulgation of Legal Documents),
// so the symbol is always "NĐ-CP", and a code one letter off ("NĐ-CC",
// "NĐ-GP": a "P" or "C" read from a speckled scan) is a misreading.
func fixDecrees(words []Word) {
	for i := range words {
		w := &words[i]
		code := strings.TrimRight(w.Text, ".,;:)")
		m := reDecree.FindStringSubmatchIndex(code)
		if m == nil {
			continue
		}
		if m[2] >= 0 {
			w.Text = code[:m[2]] + decreeCode(code[m[2]:]) + w.Text[len(code):]
			continue
		}
		if i+1 < len(words) && words[i+1].SameLine(*w) {
			n := &words[i+1]
			if r := []rune(n.Text); len(r) >= 2 && unicode.IsUpper(r[0]) && unicode.IsUpper(r[1]) && (len(r) == 2 || !unicode.IsLetter(r[2])) {
				n.Text = decreeCode(string(r[:2])) + string(r[2:])
			}
		}
	}
}

// decreeCode is "CP" for a two-letter code one letter away from it.
func decreeCode(c string) string {
	r := []rune(c)
	if len(r) == 2 && (r[0] == 'C') != (r[1] == 'P') {
		return "CP"
	}
	return c
}

// fixDocType mends the document-type line of the header ("BẢO CÁO" for
// "BÁO CÁO", a tone misread): a line of two to four words in capitals
// that, without its diacritics, is the name of a document type is that
// name, which the header needs to find the type and the title under it.
func fixDocType(words []Word) {
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && words[j].SameLine(words[i]) {
			j++
		}
		var ws []string
		caps := true
		for _, w := range words[i:j] {
			ws = append(ws, w.Text)
			caps = caps && capitals(w.Text)
		}
		if n := j - i; caps && n >= 2 && n <= 4 {
			if name, ok := extract.DocTypeName(strings.Join(ws, " ")); ok && strings.Count(name, " ")+1 == n {
				for k, f := range strings.Fields(strings.ToUpper(name)) {
					words[i+k].Text = f
				}
			}
		}
		i = j
	}
}

// lineEnds drops a hyphen a speck added to the last word of a line: a
// Vietnamese syllable is never hyphenated across lines, so "đạo-" ending a
// line is "đạo". A symbol or a year keeps it ("QĐ-", "2021-"): they go on
// on the next line.
func lineEnds(words []Word) {
	for i := range words {
		w := &words[i]
		last := i+1 == len(words) || !words[i+1].SameLine(*w)
		core, ok := strings.CutSuffix(w.Text, "-")
		if !last || !ok || core == "" {
			continue
		}
		lower := true
		for _, r := range core {
			lower = lower && unicode.IsLower(r)
		}
		// With a mark: a Vietnamese syllable, not a foreign "e-" of
		// "e-mail" cut at the line's end.
		if lower && strings.ContainsFunc(core, func(r rune) bool { return r > 0x7F }) {
			w.Text = core
		}
	}
}

// reGlued is a number run into the next word, where the scan's space was
// too narrow: "21/02/2022của".
var reGlued = regexp.MustCompile(`^(.*\d)(\p{Ll}{2,}.*)$`)

// splitGlued cuts such words in two, sharing the box by characters.
func splitGlued(words []Word) []Word {
	var out []Word
	for _, w := range words {
		m := reGlued.FindStringSubmatch(w.Text)
		if m == nil {
			out = append(out, w)
			continue
		}
		cut := w.X0 + (w.X1-w.X0)*float64(len([]rune(m[1])))/float64(len([]rune(w.Text)))
		a, b := w, w
		a.Text, a.X1 = m[1], cut
		b.Text, b.X0 = m[2], cut
		out = append(out, a, b)
	}
	return out
}

// dropNoise removes the specks of a scan that Tesseract reads as words:
// marks with no letter or digit that are low-confidence or tiny ("_",
// "ˆ"), and tiny low-confidence words. A low-confidence word of normal
// size stays: Tesseract is unsure of "415/QĐ-" at a line's end, and a
// citation needs it.
func dropNoise(words []Word) []Word {
	if len(words) == 0 {
		return words
	}
	hs := make([]float64, len(words))
	for i, w := range words {
		hs[i] = w.Y1 - w.Y0
	}
	sort.Float64s(hs)
	median := hs[len(hs)/2]
	out := words[:0]
	for _, w := range words {
		tiny := w.Y1-w.Y0 < 0.35*median
		if !alnum(w.Text) && (w.Conf < 60 || tiny) || tiny && w.Conf < 40 {
			continue
		}
		out = append(out, w)
	}
	return out
}

// alnum reports a letter or digit in s; a modifier letter such as "ˆ" or
// "ˇ" is a speck's shape, not a letter of the text.
func alnum(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Lm, r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// lineStarts drops the specks a scan leaves at the start of a line, which
// would make a heading or the "Kính gửi" line unrecognisable: a lone ".",
// ",", "'", "`", "_" or "~" opening a line, and a stray quote glued to the
// capital that opens it ("'Kính gửi"). A dash opening a line is a list
// item and stays.
func lineStarts(words []Word) []Word {
	out := words[:0]
	for i, w := range words {
		first := i == 0 || !words[i-1].SameLine(w)
		if first {
			if strings.Contains(".,'`_~‘’", w.Text) && len([]rune(w.Text)) == 1 && i+1 < len(words) &&
				words[i+1].SameLine(w) {
				continue
			}
			if r := []rune(w.Text); len(r) > 1 && strings.ContainsRune("'`‘", r[0]) && unicode.IsUpper(r[1]) && !strings.ContainsAny(w.Text[1:], "'’") {
				w.Text = string(r[1:])
			}
		}
		out = append(out, w)
	}
	return out
}

package ocr

import (
	"strconv"
	"strings"
	"testing"
)

const tsvHead = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"

func TestParseTSV(t *testing.T) {
	tsv := tsvHead +
		"1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n" +
		"4\t1\t1\t1\t1\t0\t300\t1250\t1200\t60\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t300\t1250\t30\t50\t62.8\t¡.\n" +
		"5\t1\t1\t1\t1\t2\t350\t1250\t150\t50\t96.1\tCÔNG\n" +
		"5\t1\t1\t1\t1\t3\t520\t1262\t3\t2\t71.3\t__\n" +
		"5\t1\t1\t1\t1\t4\t540\t1250\t120\t50\t95.0\tTÁC\n" +
		"4\t1\t2\t1\t1\t0\t300\t1400\t1500\t60\t-1\t\n" +
		"5\t1\t2\t1\t1\t1\t300\t1400\t400\t55\t91.2\t21/02/2022của\n" +
		"5\t1\t2\t1\t1\t2\t720\t1400\t250\t120\t10.4\t415/QĐ-.\n" +
		"5\t1\t2\t1\t1\t3\t1000\t1400\t40\t50\t55.0\t|\n"
	p, err := ParseTSV([]byte(tsv))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := pageWords(p), "I. CÔNG TÁC 21/02/2022 của 415/QĐ-"; got != want {
		t.Errorf("words %q, want %q", got, want)
	}
	if p.Width != 2480 || p.Height != 3508 || len(p.Lines) != 2 {
		t.Errorf("page %gx%g, %d lines", p.Width, p.Height, len(p.Lines))
	}
	if c := p.Confidence(); c < 60 || c > 90 {
		t.Errorf("mean confidence %.1f", c)
	}
	if _, err := ParseTSV([]byte("not tsv")); err == nil {
		t.Error("no error for text without the TSV header")
	}
}

func FuzzParseTSV(f *testing.F) {
	f.Add([]byte(tsvHead + "5\t1\t1\t1\t1\t1\t300\t1250\t30\t50\t62.8\t¡.\n"))
	f.Add([]byte(tsvHead + "5\t1\t1\t1\t1\t1\tx\t1250\t30\t50\t62.8\n4\t1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseTSV(data)
		if err != nil {
			return
		}
		for _, w := range p.Words {
			if w.Text == "" {
				t.Fatalf("empty word from %q", data)
			}
		}
	})
}

// TestDeskew: a page turned by 0.8° is levelled: the words of a line end
// on one bottom again, the left margin is one x, and the skew is
// reported.
func TestDeskew(t *testing.T) {
	const slope = -0.014 // lines climb to the right
	var tsv strings.Builder
	tsv.WriteString(tsvHead + "1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t\n")
	for line := 1; line <= 3; line++ {
		for k := 0; k < 8; k++ {
			x := 300.0 + 250*float64(k) + 0.014*float64(line*400) // the margin drifts right going down
			bottom := 1000 + float64(line*400) + slope*x
			tsv.WriteString(strings.Join([]string{"5", "1", "1", "1", itoa(line), itoa(k + 1), ftoa(x), ftoa(bottom - 50), "200", "50", "95", "chữ"}, "\t") + "\n")
		}
	}
	p, err := ParseTSV([]byte(tsv.String()))
	if err != nil {
		t.Fatal(err)
	}
	if p.Skew > -0.7 || p.Skew < -0.9 {
		t.Errorf("skew %.2f°, want about -0.8°", p.Skew)
	}
	for _, w := range p.Words {
		first := p.Words[(w.Line-1)*8]
		if d := w.Y1 - first.Y1; d > 1 || d < -1 {
			t.Errorf("line %d: bottoms differ by %.1f px after deskew", w.Line, d)
		}
		if d := first.X0 - p.Words[0].X0; d > 1 || d < -1 {
			t.Errorf("line %d starts at x %.1f, line 1 at %.1f", w.Line, first.X0, p.Words[0].X0)
		}
	}
}

func itoa(n int) string     { return strconv.Itoa(n) }
func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 0, 64) }

// TestFixDecrees: the issuer code of a decree is always CP; a code one
// letter off is mended, in the symbol's word or in the next one, and
// other symbols are left alone.
func TestFixDecrees(t *testing.T) {
	for in, want := range map[string]string{
		"45/2025/NĐ- CC ngày":  "45/2025/NĐ- CP ngày",
		"45/2025/NĐ-GP,":       "45/2025/NĐ-CP,",
		"số 107/2021/NĐ-CP.":   "số 107/2021/NĐ-CP.",
		"45/2025/NĐ- CCHC":     "45/2025/NĐ- CCHC",
		"12/NQ-CC":             "12/NQ-CC",
		"45/2025/NĐ-XY":        "45/2025/NĐ-XY",
		"NĐ-":                  "NĐ-",
		"45/2025/NĐ- Cp, ngày": "45/2025/NĐ- Cp, ngày",
	} {
		var words []Word
		for k, f := range strings.Fields(in) {
			words = append(words, Word{Text: f, Block: 1, Paragraph: 1, Line: 1, X0: float64(k)})
		}
		fixDecrees(words)
		var got []string
		for _, w := range words {
			got = append(got, w.Text)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%q → %q, want %q", in, strings.Join(got, " "), want)
		}
	}
}

// TestRules: a word box with no text, many times wider than high, is a
// drawn rule (the footnote separator); a blank speck is not.
func TestRules(t *testing.T) {
	p, err := ParseTSV([]byte(tsvHead +
		"5\t1\t12\t1\t1\t1\t317\t2932\t491\t14\t95.000000\t \n" +
		"5\t1\t12\t1\t1\t1\t317\t2932\t20\t14\t95.000000\t \n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rules) != 1 || p.Rules[0] != [4]float64{317, 2932, 808, 2946} {
		t.Errorf("rules %v", p.Rules)
	}
}

// TestFixTerms: an unsure term number after a dated document of the
// Central Committee or the National Assembly is the term in office on
// that date; a sure one, or one without a date, stays.
func TestFixTerms(t *testing.T) {
	for _, c := range []struct {
		in   string
		conf float64
		want string
	}{
		{"Nghị quyết số 18-NQ/TW ngày 25-10-2017 của Ban Chấp hành Trung ương Đảng khóa XI.", 34, "XII."},
		{"Nghị quyết ngày 05 tháng 3 năm 2012 của Ban Chấp hành Trung ương khoá XII", 40, "XI"},
		{"Luật số 80/2015/QH13 ngày 22/6/2015 của Quốc hội khóa XII,", 30, "XIII,"},
		{"Nghị quyết số 18-NQ/TW ngày 25-10-2017 của Ban Chấp hành Trung ương Đảng khóa XI.", 90, "XI."},
		{"Ban Chấp hành Trung ương Đảng khóa XI.", 30, "XI."},
		{"Hội nghị ngày 25-10-2017 của Đảng bộ tỉnh khóa XI.", 30, "XI."},
		{"Luật ngày 22/6/2027 của Quốc hội khóa XV", 30, "XV"},
	} {
		var words []Word
		for _, f := range strings.Fields(c.in) {
			words = append(words, Word{Text: f, Conf: 96})
		}
		words[len(words)-1].Conf = c.conf
		fixTerms(words)
		if got := words[len(words)-1].Text; got != c.want {
			t.Errorf("%q (confidence %.0f): %q, want %q", c.in, c.conf, got, c.want)
		}
	}
}

// TestLineRepairs: the document-type line takes its name back from a tone
// misread, a speck's hyphen after a syllable ending a line goes (a
// symbol's stays), and a modifier-letter speck is dropped as noise.
func TestLineRepairs(t *testing.T) {
	tsv := tsvHead +
		"5\t1\t1\t1\t1\t1\t300\t700\t120\t50\t92\tBẢO\n" +
		"5\t1\t1\t1\t1\t2\t450\t700\t120\t50\t92\tCÁO\n" +
		"5\t1\t1\t1\t1\t3\t820\t700\t2\t2\t51\tˆ\n" +
		"5\t1\t1\t1\t2\t1\t300\t800\t120\t50\t95\tchỉ\n" +
		"5\t1\t1\t1\t2\t2\t450\t800\t120\t50\t56\tđạo-\n" +
		"5\t1\t1\t1\t3\t1\t300\t900\t120\t50\t95\t1286/QĐ-\n" +
		"5\t1\t1\t1\t4\t1\t300\t1000\t120\t50\t95\tBÁO\n" +
		"5\t1\t1\t1\t4\t2\t450\t1000\t120\t50\t95\tCHÍ\n"
	p, err := ParseTSV([]byte(tsv))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := pageWords(p), "BÁO CÁO chỉ đạo 1286/QĐ- BÁO CHÍ"; got != want {
		t.Errorf("words %q, want %q", got, want)
	}
}

// pageWords is the page's words as read, joined by spaces.
func pageWords(p Page) string {
	var got []string
	for _, w := range p.Words {
		got = append(got, w.Text)
	}
	return strings.Join(got, " ")
}

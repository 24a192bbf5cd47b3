package ocr

import (
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
	var got []string
	for _, w := range p.Words {
		got = append(got, w.Text)
	}
	want := "I. CÔNG TÁC 21/02/2022 của 415/QĐ-"
	if strings.Join(got, " ") != want {
		t.Errorf("words %q, want %q", strings.Join(got, " "), want)
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

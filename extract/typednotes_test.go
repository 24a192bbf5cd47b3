package extract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitTypedNotes(t *testing.T) {
	tests := []struct {
		name      string
		paras     []string
		body, end int
		notes     []string
	}{
		{"one per paragraph", []string{"Body[1].", "______", "[1] Kế hoạch số 1/KH-UBND.", "[2] Quyết định số 2/QĐ-UBND."}, 1, 4,
			[]string{"Kế hoạch số 1/KH-UBND.", "Quyết định số 2/QĐ-UBND."}},
		{"run together (PDF lines of one size)", []string{"Body.", "[1] Kế hoạch số 1/KH-UBND. [2] Quyết định số 2/QĐ-UBND."}, 1, 2,
			[]string{"Kế hoạch số 1/KH-UBND.", "Quyết định số 2/QĐ-UBND."}},
		{"line break kept mid-sentence", []string{"Body.", "[1] Quyết định số 421/QĐ-", "UBND ngày 03/3/2024."}, 1, 3,
			[]string{"Quyết định số 421/QĐ-UBND ngày 03/3/2024."}},
		{"web page closing lines", []string{"Body.", "[1] Kế hoạch năm 2016.", "Bình luận (0) | In trang"}, 1, 2,
			[]string{"Kế hoạch năm 2016."}},
		{"numbers out of order", []string{"Body.", "[1] Một.", "[3] Ba."}, 3, 3, nil},
		{"an empty note", []string{"Body.", "[1]", "[2] Hai."}, 3, 3, nil},
		{"not at the end", []string{"[1] Một.", "Body one.", "Body two.", "Body three.", "Body four."}, 5, 5, nil},
		{"no notes", []string{"Body [1] only."}, 1, 1, nil},
		{"mark inside a note's text", []string{"Body.", "[1] Xem mục[2] của phụ lục."}, 1, 2, []string{"Xem mục[2] của phụ lục."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body, end, notes := SplitTypedNotes(tc.paras)
			var got []string
			for i, n := range notes {
				if n.Number != i+1 {
					t.Errorf("note %d numbered %d", i+1, n.Number)
				}
				got = append(got, n.Text)
			}
			if body != tc.body || end != tc.end {
				t.Errorf("body, end = %d, %d, want %d, %d", body, end, tc.body, tc.end)
			}
			if d := cmp.Diff(tc.notes, got); d != "" {
				t.Errorf("notes (-want +got):\n%s", d)
			}
		})
	}
}

func TestMarkTypedNotes(t *testing.T) {
	got, ok := MarkTypedNotes("kế hoạch[1] và kiểm tra [2]; mục [7]", 2)
	want := "kế hoạch" + Marker(1) + " và kiểm tra" + Marker(2) + "; mục [7]"
	if got != want || !ok {
		t.Errorf("got %q, %v, want %q", got, ok, want)
	}
	if got, ok := MarkTypedNotes("mục [1]", 0); got != "mục [1]" || ok {
		t.Errorf("no notes: got %q, %v", got, ok)
	}
}

// FuzzSplitTypedNotes: any paragraphs give bounds in order and notes
// numbered 1..n with text, without panicking.
func FuzzSplitTypedNotes(f *testing.F) {
	f.Add("Body[1].\n______\n[1] Kế hoạch số 1/KH-UBND.\n[2] Quyết định")
	f.Add("[1] a [2] b [3]\nc")
	f.Add("[1]\n[1]\n[2]")
	f.Fuzz(func(t *testing.T, s string) {
		paras := strings.Split(s, "\n")
		body, end, notes := SplitTypedNotes(paras)
		if body < 0 || body > end || end > len(paras) {
			t.Fatalf("bounds %d, %d of %d", body, end, len(paras))
		}
		for i, n := range notes {
			if n.Number != i+1 || strings.TrimSpace(n.Text) == "" {
				t.Fatalf("note %d: %+v", i, n)
			}
		}
		for _, p := range paras {
			MarkTypedNotes(p, len(notes))
		}
	})
}

func TestMendBrokenHyphens(t *testing.T) {
	for in, want := range map[string]string{
		"Quyết định số 421/QĐ-\nUBND ngày": "Quyết định số 421/QĐ-UBND ngày",
		"giai đoạn 2021-\n 2030":           "giai đoạn 2021-2030",
		"Độc lập -\nTự do":                 "Độc lập -\nTự do",
		"a-\n":                             "a-",
		"-\nx":                             "-\nx",
	} {
		if got := mendBrokenHyphens(in); got != want {
			t.Errorf("mendBrokenHyphens(%q) = %q, want %q", in, got, want)
		}
	}
}

package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestDefaultAbbreviations(t *testing.T) {
	a := DefaultAbbreviations()
	want := []string{"CCHC", "TTHC", "UBND", "HĐND", "DVCTT", "DVC", "VBQPPL", "CBCCVC", "PAKN",
		"CĐS", "CPĐT", "CPS", "HCC", "TTPVHCC", "BPMC", "KSTTHC", "ĐVSNCL"}
	have := map[string]string{}
	for _, e := range a.Entries() {
		have[e.Short] = e.Long
	}
	for _, w := range want {
		if have[w] == "" {
			t.Errorf("built-in table lacks %s", w)
		}
	}
}

func TestLoadAbbreviations(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "abbr.yaml")
	os.WriteFile(path, []byte("cchc: cải cách hành chính nhà nước\nTTHC: \nSTTTT: sở thông tin và truyền thông\n"), 0o644)
	a, err := LoadAbbreviations(path)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]string{}
	for _, e := range a.Entries() {
		have[Fold(e.Short)] = e.Long
	}
	if have["cchc"] != "cải cách hành chính nhà nước" || have["tthc"] != "" || have["stttt"] == "" {
		t.Errorf("merged table: %v", have)
	}
	if a.Fingerprint() == DefaultAbbreviations().Fingerprint() {
		t.Error("fingerprint did not change")
	}
	for _, bad := range []string{"CC HC: cải cách", "CCHC: cải", "[1, 2]"} {
		os.WriteFile(path, []byte(bad), 0o644)
		if _, err := LoadAbbreviations(path); err == nil {
			t.Errorf("LoadAbbreviations(%q): no error", bad)
		}
	}
}

func TestDefinitions(t *testing.T) {
	tests := []struct {
		text string
		want []Abbreviation
	}{
		{"Sở Nội vụ chủ trì, phối hợp với Trung tâm Phục vụ hành chính công tỉnh (sau đây gọi tắt là TTPVHCC) để rà soát.",
			[]Abbreviation{{"TTPVHCC", "Trung tâm Phục vụ hành chính công"}}},
		{"Ban hành Kế hoạch nâng cao chỉ số hài lòng của người dân (sau đây gọi tắt là Kế hoạch) trong quý.",
			[]Abbreviation{{"Kế hoạch", "Kế hoạch nâng cao chỉ số hài lòng của người dân"}}},
		{"thực hiện công tác cải cách hành chính (sau đây viết tắt là “CCHC”) năm nay",
			[]Abbreviation{{"CCHC", "cải cách hành chính"}}},
		// Initials that do not spell the acronym: no definition.
		{"các cơ quan chuyên môn (sau đây gọi tắt là TTPVHCC)", nil},
		{"không có định nghĩa (xem phụ lục)", nil},
	}
	for _, tt := range tests {
		if got := Definitions(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Definitions(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

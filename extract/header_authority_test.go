package extract

import "testing"

// FuzzQuocHieuAcross: the gate of quocHieuAcross (an Ộ or Đ in the first
// block, NAM or an ú in the second) never hides a Quốc hiệu the plain
// search of the joined text finds across the join.
func FuzzQuocHieuAcross(f *testing.F) {
	for _, s := range [][2]string{
		{"UBND TỈNH X | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", "NAM"},
		{"cộng hoà xã hội chủ nghĩa", "việt nam Độc lập"},
		{"Độc lập - Tự do -", "Hạnh phúc"},
		{"ĐỘC LẬP - TỰ DO", "HẠNH PHÚC"},
		{"ĐẢNG CỘNG SẢN", "VIỆT NAM"},
		{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập"},
		{"Số: 12/BC-UBND", "Hà Nội, ngày 5 tháng 1 năm 2024"},
		{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NA", "M"},
		{"\xc4", "\x90ộc lập - Tự do - Hạnh phúc"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, prev, next string) {
		want := 0
		joined := prev + " " + next
		for _, loc := range reQuocHieu.FindAllStringIndex(joined, -1) {
			if loc[0] < len(prev) && loc[1] > len(prev)+1 {
				want = loc[1] - len(prev) - 1
				break
			}
		}
		if got := quocHieuAcross(prev, next); got != want {
			t.Errorf("quocHieuAcross(%q, %q) = %d, plain search %d", prev, next, got, want)
		}
	})
}

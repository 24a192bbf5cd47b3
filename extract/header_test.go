package extract

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var reMarkerSpec = regexp.MustCompile(`\{(\d+)\}`)

// docFrom builds a Document from lines in a small notation: "# " heading,
// "- " list item, "| " table row, "^N " footnote N, anything else a
// paragraph; "{N}" inside a line is a footnote marker.
func docFrom(lines ...string) *Document {
	b := NewBuilder(Source{Path: "t", Format: FormatText, SHA256: "00"})
	for _, l := range lines {
		l = reMarkerSpec.ReplaceAllStringFunc(l, func(m string) string {
			n, _ := strconv.Atoi(m[1 : len(m)-1])
			return Marker(n)
		})
		switch {
		case strings.HasPrefix(l, "# "):
			b.Add(Block{Kind: BlockHeading}, l[2:])
		case strings.HasPrefix(l, "- "):
			b.Add(Block{Kind: BlockListItem}, l[2:])
		case strings.HasPrefix(l, "| "):
			b.Add(Block{Kind: BlockTableRow}, l[2:])
		case strings.HasPrefix(l, "^"):
			sp := strings.IndexByte(l, ' ')
			n, _ := strconv.Atoi(l[1:sp])
			b.Add(Block{Kind: BlockFootnote, Footnote: n}, l[sp+1:])
		default:
			b.Add(Block{Kind: BlockParagraph}, l)
		}
	}
	return b.Document()
}

func extractLines(t *testing.T, lines ...string) *Report {
	t.Helper()
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return e.Extract(docFrom(lines...))
}

func TestHeader(t *testing.T) {
	cases := []struct {
		name  string
		lines []string
		want  Meta
	}{
		{
			name: "lines",
			lines: []string{"ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
				"Số: 31/BC-UBND", "Khánh Hòa, ngày 15 tháng 3 năm 2023", "BÁO CÁO", "Kết quả công tác cải cách hành chính",
				"quý I năm 2023", "Kính gửi: Bộ Nội vụ", "Thực hiện chế độ báo cáo định kỳ, UBND tỉnh báo cáo như sau:"},
			want: Meta{Issuer: "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA", Province: "Khánh Hòa", Number: "31/BC-UBND", Date: "2023-03-15",
				Place: "Khánh Hòa", DocType: "Báo cáo", Title: "Kết quả công tác cải cách hành chính quý I năm 2023",
				Recipients: []string{"Bộ Nội vụ"}, Period: Period{Kind: PeriodQuarter, Year: 2023, Quarter: 1, Label: "2023-Q1"}},
		},
		{
			name: "table row header, new tone style",
			lines: []string{"| ỦY BAN NHÂN DÂN TỈNH THANH HOÁ | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
				"| Số: 05/BC-UBND | Thanh Hoá, ngày 07 tháng 3 năm 2024", "BÁO CÁO Công tác cải cách hành chính quý I/2024",
				"Kính gửi:", "- Bộ Nội vụ;", "- Ban Chỉ đạo cải cách hành chính tỉnh.", "Năm 2024, tỉnh tiếp tục thực hiện."},
			want: Meta{Issuer: "ỦY BAN NHÂN DÂN TỈNH THANH HOÁ", Province: "Thanh Hóa", Number: "05/BC-UBND", Date: "2024-03-07",
				Place: "Thanh Hoá", DocType: "Báo cáo", Title: "Công tác cải cách hành chính quý I/2024",
				Recipients: []string{"Bộ Nội vụ", "Ban Chỉ đạo cải cách hành chính tỉnh"}, Period: Period{Kind: PeriodQuarter, Year: 2024, Quarter: 1, Label: "2024-Q1"}},
		},
		{
			name: "flattened columns, blank number and day",
			lines: []string{"ỦY BAN NHÂN DÂN TỈNH NGHỆ AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
				"Số: /BC-UBND Nghệ An, ngày tháng 6 năm 2024", "BÁO CÁO", "Kết quả cải cách hành chính 6 tháng đầu năm 2024",
				"Kính gửi: Bộ Nội vụ; Văn phòng Chính phủ."},
			want: Meta{Issuer: "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", Province: "Nghệ An", Number: "/BC-UBND", Date: "",
				Place: "Nghệ An", DocType: "Báo cáo", Title: "Kết quả cải cách hành chính 6 tháng đầu năm 2024",
				Recipients: []string{"Bộ Nội vụ", "Văn phòng Chính phủ"}, Period: Period{Kind: PeriodHalfYear, Year: 2024, Label: "2024-H1"}},
		},
		{
			name: "issuer under its superior, no Kính gửi",
			lines: []string{"UBND TỈNH PHÚ THỌ", "SỞ NỘI VỤ", "Số: 312/BC-SNV", "Phú Thọ, ngày 10 tháng 9 năm 2023", "BÁO CÁO",
				"Tình hình thực hiện công tác cải cách hành chính 9 tháng năm 2023",
				"Căn cứ Kế hoạch số 12/KH-UBND ngày 05/01/2023 của UBND tỉnh, Sở Nội vụ báo cáo như sau:"},
			want: Meta{Issuer: "SỞ NỘI VỤ", Province: "Phú Thọ", Number: "312/BC-SNV", Date: "2023-09-10", Place: "Phú Thọ",
				DocType: "Báo cáo", Title: "Tình hình thực hiện công tác cải cách hành chính 9 tháng năm 2023",
				Recipients: []string{}, Period: Period{Kind: PeriodNineMonths, Year: 2023, Label: "2023-9M"}},
		},
		{
			name: "sent as a công văn: the subject after V/v",
			lines: []string{"| ỦY BAN NHÂN DÂN TỈNH HÀ NAM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
				"| Số: 215/UBND-NC V/v báo cáo kết quả công tác cải cách | Hà Nam, ngày 12 tháng 3 năm 2024",
				"hành chính quý I năm 2024", "Kính gửi: Bộ Nội vụ", "UBND tỉnh báo cáo như sau:"},
			want: Meta{Issuer: "ỦY BAN NHÂN DÂN TỈNH HÀ NAM", Province: "Hà Nam", Number: "215/UBND-NC", Date: "2024-03-12",
				Place: "Hà Nam", DocType: "Công văn", Title: "báo cáo kết quả công tác cải cách hành chính quý I năm 2024",
				Recipients: []string{"Bộ Nội vụ"}, Period: Period{Kind: PeriodQuarter, Year: 2024, Quarter: 1, Label: "2024-Q1"}},
		},
		{
			name:  "seed-like page: no header block, province from the title",
			lines: []string{"# BÁO CÁO", "# Kết quả công tác cải cách hành chính năm 2023 của tỉnh Đắk Lắk", "Kính gửi: Bộ Nội vụ", "Thực hiện chế độ báo cáo, UBND tỉnh báo cáo."},
			want: Meta{Province: "Đắk Lắk", DocType: "Báo cáo", Title: "Kết quả công tác cải cách hành chính năm 2023 của tỉnh Đắk Lắk",
				Recipients: []string{"Bộ Nội vụ"}, Period: Period{Kind: PeriodYear, Year: 2023, Label: "2023"}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := extractLines(t, c.lines...)
			got := r.Meta
			got.Spans = nil
			if got.Issuer != c.want.Issuer || got.Province != c.want.Province || got.Number != c.want.Number ||
				got.Date != c.want.Date || got.Place != c.want.Place || got.DocType != c.want.DocType ||
				got.Title != c.want.Title || got.Period != c.want.Period || strings.Join(got.Recipients, "|") != strings.Join(c.want.Recipients, "|") {
				t.Errorf("meta =\n %+v\nwant\n %+v", got, c.want)
			}
			for field, sp := range r.Meta.Spans {
				if sp.Start < 0 || sp.End > len(r.Text) || sp.Start > sp.End {
					t.Errorf("span of %s out of bounds: %v", field, sp)
				}
			}
		})
	}
}

func TestPeriodFromTitle(t *testing.T) {
	cases := map[string]string{
		"Kết quả công tác CCHC quý I năm 2023":                      "2023-Q1",
		"Báo cáo CCHC Quý III/2024":                                 "2024-Q3",
		"Kết quả thực hiện CCHC 6 tháng đầu năm 2024":               "2024-H1",
		"kết quả sáu tháng đầu năm 2023":                            "2023-H1",
		"Tình hình CCHC 9 tháng đầu năm 2022":                       "2022-9M",
		"Kết quả CCHC năm 2023 và nhiệm vụ 6 tháng cuối năm":        "2023",
		"công tác cải cách hành chính quý 2 năm 2025":               "2025-Q2",
		"Kết quả CCHC năm 2024, phương hướng giai đoạn 2021 - 2025": "2024",
		"Báo cáo tổng kết công tác cải cách hành chính":             "",
	}
	for title, want := range cases {
		p, sp, ok := findPeriod(title)
		if p.Label != want || ok != (want != "") {
			t.Errorf("findPeriod(%q) = %q, want %q", title, p.Label, want)
		}
		if ok && (sp.Start < 0 || sp.End > len(title)) {
			t.Errorf("findPeriod(%q) span %v", title, sp)
		}
	}
}

func TestOwnNumberIsNotABodyCitation(t *testing.T) {
	r := extractLines(t, "BÁO CÁO", "Kết quả CCHC quý I năm 2023",
		"Thực hiện Quyết định số 1207/QĐ-UBND ngày 05/01/2023 của UBND tỉnh, báo cáo như sau:")
	if r.Meta.Number != "" {
		t.Errorf("own number = %q, want none", r.Meta.Number)
	}
}

func TestDocTypeFromSymbol(t *testing.T) {
	for in, want := range map[string]string{"31/BC-UBND": "Báo cáo", "12/KH-SNV": "Kế hoạch", "5/TTr-SNV": "Tờ trình", "/BC-UBND": "Báo cáo", "215/UBND-NC": ""} {
		if got := docTypeFromSymbol(in); got != want {
			t.Errorf("docTypeFromSymbol(%q) = %q, want %q", in, got, want)
		}
	}
}

// headerGates are the gated header regexps by name.
var headerGates = map[string]gatedRe{
	"QuocHieu": gQuocHieu, "QuocHieuPart": gQuocHieuPart, "RuleRun": gRuleRun, "OwnNumber": gOwnNumber,
	"SoLabel": gSoLabel, "Subject": gSubject, "LongDate": gLongDate, "ShortDate": gShortDate,
	"PeriodQ": gPeriodQ, "PeriodM": gPeriodM, "PeriodY": gPeriodY, "DateBefore": gDateBefore,
	"Closing": gClosing, "Place": gPlace, "Recipient": gRecipient, "Rule": gRule,
}

// gateLines are header lines in the shapes the regexps read, in capitals,
// lower case and mixed, with both tone placements.
var gateLines = []string{
	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "cộng hoà xã hội chủ nghĩa việt nam", "Cộng Hoà Xã Hội",
	"Độc lập - Tự do - Hạnh phúc", "ĐỘC LẬP – TỰ DO – HẠNH PHÚC", "ĐẢNG CỘNG SẢN VIỆT NAM",
	"VIỆT NAM", "Việt Nam", "XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CHU NGHIA VIET NAM", "VIET NAM Doc lap",
	"______", "====", "-----", "........", "_=_",
	"Số: 13/2014/QĐ-UBND", "Số:", "Số 31/BC-UBND", "V/v báo cáo", "v/V", "Về việc ban hành", "VỀ VIỆC",
	"Khánh Hòa, ngày 15 tháng 3 năm 2024", "NGÀY 1 THÁNG 12 NĂM 2023", "ngày 15/3/2024", "Ngày 01-02-2023",
	"nGàY  tháng 12 năm 2023", "ngày ngày 5 tháng 6 năm 2020", "ngàyngày 3.4.2021",
	"UBND TỈNH KHÁNH HÒA", "BÁO CÁO", "Kết quả công tác cải cách hành chính",
	"Báo cáo kết quả CCHC quý I năm 2023", "QUÝ IV/2023", "quý 3 / 2022", "Quý ii năm 2021", "quýIII2020",
	"6 tháng đầu năm 2024", "SÁU THÁNG CUỐI NĂM 2023", "chín tháng năm 2022", "09tháng", "năm 2023", "NĂM 2023.",
	"Nơi nhận:", "Nơi nhận :", "TM. UBND", "T/M", "KT. CHỦ TỊCH", "Q. CHỦ TỊCH", "Q.CHỦ TỊCH", "PHỤ LỤC", "PHỤ LỤCS", "Phụ lục 2", "Phụ lục IV", "Phụ lục số",
	"Khánh Hòa, ", "TP. Hồ Chí Minh,", "Thành phố Hà Nội ,", "Số: 12/BC-UBND | Bà Rịa - Vũng Tàu,", "Đắk Lắk,\t", "12 Cần Thơ,", "Quy Nhơn, x", "K’Bang,", "Ea H'leo,", "Hà Nội,,",
	"quý này và QUÝ II năm 2023", "quý Iv/2022 quý 1", "tháng ba tháng 6 ,", "Ngày hội, ngày 2 tháng 9 năm 2024", "ngày x ngày 3/4/2021",
	"Kính gửi: Bộ Nội vụ", "  KÍNH GỬI", "\tkínhgửi:", "\u212aính gửi", "\vKính gửi", "kính", "Kính gửi :  x", "Kính  gửi::", "KÍNH GỬI\n: Sở", "kính gởi:", "Kính gửiBộ", " \n- - -", "-", "~*~", ". .", "\u00a0---", "—",
	"CỘNG  HOÀ\tXA HOI CHU NGHIA VIET NAMX", "cộnghòaxãhộichủnghĩaviệtnam", "ĐẢNG CỘNG ſẢN VIỆT NAM", "đảng cộng sản việt nam",
	"Độc lập-Tự do–Hạnh phúc", "Độc lập - - Tự do", "ĐỘC LẬP–\nTỰ DO -HẠNH PHÚC", "x CỘNG HÒA CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
	"Cộng Hoà Xã Hội Chủ Nghĩa Việt Nam | Độc lập - Tự do - Hạnh phúc", "\xc4\x90ộc lập tự do hạnh phúc", "\xc4Độc lập Tự do Hạnh phúc",
	"ngày 123 tháng 4 năm 2023", "ngày1tháng12năm20245", "NGÀY  THÁNG 1 NĂM 2023", "ngày 5 tháng 123 năm 2023", "ngày 5 tháng 12 năm 202",
	"ngày 5\ttháng\n12\fnăm\r2023", "ngày ngày 5 tháng 6 năm 2020", "Ngày 05 Tháng 06 Năm 2020",
	"x6 tháng 2024", "_6 tháng", "ấ6 tháng", "ſáu tháng", "Xſáu tháng", "\xe16 tháng", "chín   tháng năm", "mười chín tháng", "06 tháng 9 tháng",
	"Báo cáo 9 tháng đầu năm 2024 và 6 tháng cuối năm", "a.6 tháng", "3 tháng, 6 THÁNG 2024",
	"xSố: 12/BC-UBND Số: 3/QĐ", "_Số 1/A", "ôSố:4/B", "SỐ: 5/BC Số 6/BC", "ſố 7/BC", "Số Số: 8/BC-UB",
	"Tổ quốc Việt Nam CỘNG HÒA XÃ HỘI", "x VIỆT NAM Độc lập", " VIỆT NAM", "VIỆT NAM ", "xCỘNG HÒA XÃ", "a\tcộng hoà  xa hội", "Nam\nVIỆT NAM\tĐỘC LẬP",
	"CHỦ NGHĨA VIỆT NAM", "XÃ HỘI CHỦ NGHĨA VIỆT NAMX", "Độc lập –", " Độc lập -", "c\xe1ộng", "Cộng đồng Việt Nam", "\u0110ộc lập - Tự do",
	"1năm 2023 năm 2024", "ănăm 2023", "_năm 2023", "năm nay năm 2023x năm 2024", "NĂM 2023", "Năm\t2025\n",
	"ngày 19 tháng 6 năm 2015", "tháng 6 ,", "Tháng 12", "THÁNG 6 tháng 7 ", "khóa XV, kỳ họp thứ 9 năm 2025",
}

// TestHeaderGates: a gated regexp finds what the plain one finds.
func TestHeaderGates(t *testing.T) { eachSeed(t, gateLines, checkGates) }

func FuzzHeaderGates(f *testing.F) { fuzzSeeds(f, gateLines, checkGates) }

func checkGates(t *testing.T, s string) {
	for name, g := range headerGates {
		if got, want := g.FindStringSubmatchIndex(s), g.re.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the gated regexp finds %v in %q, the regexp %v", name, got, s, want)
		}
		if got, want := g.FindStringIndex(s), g.re.FindStringIndex(s); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the gated regexp finds %v in %q, the regexp %v (FindStringIndex)", name, got, s, want)
		}
		if got, want := g.MatchString(s), g.re.MatchString(s); got != want {
			t.Errorf("%s: the gated regexp matches %q: %v, the regexp: %v", name, s, got, want)
		}
		if got, want := g.FindAllStringIndex(s), g.re.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the gated regexp finds all %v in %q, the regexp %v", name, got, s, want)
		}
	}
}

// foldWordSeeds: words of the gates and leads in both cases, at the
// ends, cut short, with the other case's lead byte between.
var foldWordSeeds = []string{
	"", "n", "nam", "NAM", "xxnAm", "nanam", "NnNăm", "nă", "năm", "NĂM 2023", "cộng CỘNG", "cộn", "đảng", "Độc", "\xc4\x90\xc4",
	"quý", "QUÝ IV", "ngày", "NGÀY", "tháng", "THÁNG", "số Số SỐ", "kính gửi", "nnnnnnnnnnnam", "Việt Nam",
}

func checkFoldWordIndex(t *testing.T, s string) {
	for _, w := range []string{"nam", "năm", "cộng", "độc", "đảng", "quý", "ngày", "tháng", "số", "việt", "gửi"} {
		f := newFoldWord(w)
		if got, want := f.index(s), f.indexPlain(s); got != want {
			t.Errorf("foldWord(%q).index(%q) = %d, want %d", w, s, got, want)
		}
	}
}

func TestFoldWordIndex(t *testing.T) {
	eachSeed(t, append(foldWordSeeds, gateLines...), checkFoldWordIndex)
}

func FuzzFoldWordIndex(f *testing.F) { fuzzSeeds(f, foldWordSeeds, checkFoldWordIndex) }

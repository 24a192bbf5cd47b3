package i18n

import (
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/number"
)

// findingMessages are the templates of compliance findings (package
// extract/check), extraction diagnostics (extract, pipeline) and refused
// search filters and bounds (index.QueryError): the
// English template is written once, where the finding is made, and is the
// key here. TestEveryFindingTemplateIsTranslated in cmd/baocao finds the
// ones missing.
var findingMessages = []struct{ en, vi string }{
	// --- compliance findings (extract/check)
	{"missing section %s «%s»", "thiếu mục %s «%s»"},
	{"section %s lacks part %s «%s»", "mục %s thiếu nội dung %s «%s»"},
	{"section «%s» (should be %s) comes after section «%s» (should be %s)", "mục «%s» (phải là mục %s) đứng sau mục «%s» (phải là mục %s)"},
	{"section %s comes after section %s", "mục %s đứng sau mục %s"},
	{"numbering gap: section %s is followed by section %s", "đánh số không liên tục: sau mục %s là mục %s"},
	{"numbering does not start at %s: the first section is %s", "đánh số không bắt đầu từ %s: mục đầu tiên là %s"},
	{"footnote mark %s has no footnote text", "dấu chú thích %s không có nội dung chú thích"},
	{"footnote %s has no mark in the text", "chú thích %s không có dấu tham chiếu trong văn bản"},
	{"no document number (số, ký hiệu)", "không có số, ký hiệu văn bản"},
	{"the document number is blank: %s", "số văn bản để trống: %s"},
	{"no date of issue", "không có ngày ban hành"},
	{"no recipient (Kính gửi)", "không có nơi nhận (Kính gửi)"},
	{"reporting period %s is not in the reporting regime", "kỳ báo cáo %s không có trong chế độ báo cáo"},
	{"report for %s is dated %s, before the period began (%s)", "báo cáo kỳ %s ghi ngày %s, trước khi kỳ bắt đầu (%s)"},
	{"report for %s is dated %s, more than %v days after its due date %s: the period or the date is probably wrong", "báo cáo kỳ %s ghi ngày %s, hơn %v ngày sau hạn gửi %s: kỳ báo cáo hoặc ngày ban hành có thể ghi sai"},
	{"report for %s is dated %s, after its due date %s (%v days late)", "báo cáo kỳ %s ghi ngày %s, sau hạn gửi %s (trễ %v ngày)"},
	{"impossible date in a citation: %s", "ngày không hợp lệ trong trích dẫn: %s"},
	{"cited document %s is dated %s, after the report itself (%s)", "văn bản %s ghi ngày %s, sau ngày của báo cáo (%s)"},
	{"indicator %s: the text states %s (%s: «%s») but the appendix table states %s (%s: «%s»)", "chỉ tiêu %s: phần nội dung nêu %s (%s: «%s») nhưng biểu số liệu nêu %s (%s: «%s»)"},

	// --- extraction diagnostics (extract)
	{"the document number is left blank (numbered when signed digitally)", "số văn bản để trống (cấp số khi ký số)"},
	{"the date of issue is left blank", "ngày ban hành để trống"},
	{"impossible date of issue: %s", "ngày ban hành không hợp lệ: %s"},
	{"the reporting period is read from the opening paragraph; the title does not state it", "kỳ báo cáo lấy từ đoạn mở đầu, không có trong trích yếu"},
	{"impossible date after %s", "ngày không hợp lệ sau %s"},
	{"%s số %s is cited without a symbol", "%s số %s được viện dẫn mà không có ký hiệu"},
	{"the reporting province could not be found", "không xác định được tỉnh, thành phố báo cáo"},
	{"the administrative unit %s no longer existed on %s", "đơn vị hành chính %s không còn tồn tại vào ngày %s"},
	{"footnote %s appears twice", "chú thích %s bị lặp"},
	{"part %v %s is larger than its total %v", "phần %v %s lớn hơn tổng %v"},
	{"parts sum to %v, more than the total %v (overlapping breakdowns?)", "các phần cộng lại được %v, lớn hơn tổng %v (các cách chia chồng lên nhau?)"},
	{"«%s» before a unit noun: a decimal or a thousands separator? not counted", "«%s» trước danh từ đơn vị: dấu thập phân hay dấu phân cách hàng nghìn? không tính"},
	{"«%s» in digits is %s in words; the digits are kept", "«%s» ghi bằng số nhưng bằng chữ là %s; giữ phần ghi bằng số"},
	{"%s: %s (bytes %s–%s) and %s (bytes %s–%s) differ", "%s: %s (byte %s–%s) và %s (byte %s–%s) khác nhau"},

	// --- search filters and bounds (index.QueryError): field, value, …
	// the filters' names (Printer.Filter)
	{"province", "tỉnh, thành phố"},
	{"period", "kỳ báo cáo"},
	{"document number", "số, ký hiệu văn bản"},
	{"document type", "loại văn bản"},
	{"from date", "từ ngày"},
	{"to date", "đến ngày"},
	{"finding rule", "quy tắc kiểm tra"},
	{"grouping", "cách nhóm kết quả"},
	{"sort order", "thứ tự sắp xếp"},
	{"%s “%s”: conflicts with “%s” given as a filter", "%s “%s”: mâu thuẫn với “%s” đã chọn ở bộ lọc"},
	{"%s “%s”: no such province; write its name with or without diacritics, in either tone style, with or without “tỉnh”/“thành phố”: Thanh Hóa, thanh hoa, thanh-hoa, TP HCM", "%s “%s”: không có tỉnh, thành phố này; hãy viết tên có dấu hoặc không dấu, kiểu bỏ dấu nào cũng được, có hoặc không có “tỉnh”/“thành phố”: Thanh Hóa, thanh hoa, thanh-hoa, TP HCM"},
	{"%s “%s”: not a period; write 2023-Q1 (quarter), 2023-H1 (half year), 2023-9M (nine months) or 2023 (year)", "%s “%s”: không phải kỳ báo cáo; hãy viết 2023-Q1 (quý), 2023-H1 (6 tháng), 2023-9M (9 tháng) hoặc 2023 (năm)"},
	{"%s “%s”: not a document number; write it as printed: 3604/QĐ-UBND, 30/2020/NĐ-CP, 91-KL/TU", "%s “%s”: không phải số, ký hiệu văn bản; hãy viết như trên văn bản: 3604/QĐ-UBND, 30/2020/NĐ-CP, 91-KL/TU"},
	{"%s “%s”: no such document type; one of %s (or its code: BC, KH…)", "%s “%s”: không có loại văn bản này; chọn một trong %s (hoặc chữ viết tắt: BC, KH…)"},
	{"%s “%s”: is after --to %s", "%s “%s”: sau ngày --to %s"},
	{"%s “%s”: no such rule; one of %s", "%s “%s”: không có quy tắc này; chọn một trong %s"},
	{"%s “%s”: not a date; write 2023-03-15, 2023-03 or 2023", "%s “%s”: không phải ngày; hãy viết 2023-03-15, 2023-03 hoặc 2023"},
	{"%s “%s”: one of report, section", "%s “%s”: chọn report (theo báo cáo) hoặc section (theo mục)"},
	{"%s “%s”: one of relevance, date", "%s “%s”: chọn relevance (mức độ phù hợp) hoặc date (ngày)"},
	{"the query is %v bytes, at most %v are searched", "từ khoá dài %v byte, chỉ tìm được tối đa %v byte"},
	{"the query has %v different words, at most %v are searched", "từ khoá có %v từ khác nhau, chỉ tìm được tối đa %v từ"},

	// --- ingest diagnostics (pipeline)
	{"%v scanned pages, only the first %v were read by OCR (ingest.ocr_max_pages)", "%v trang quét, chỉ %v trang đầu được nhận dạng chữ (OCR) (ingest.ocr_max_pages)"},
	{"page %s has no text layer and OCR failed: %s", "trang %s không có lớp chữ và nhận dạng chữ (OCR) bị lỗi: %s"},
	{"page %s has no text layer and was read by OCR (Tesseract %s, %v dpi): %v words, mean confidence %v%%, %vs", "trang %s không có lớp chữ và được nhận dạng chữ (OCR) (Tesseract %s, %v dpi): %v từ, độ tin cậy trung bình %v%%, %vs"},
	{"page %s has no text layer and was read by OCR (Tesseract %s, %v dpi): %v words, mean confidence %v%%, %vs, scanned askew by %v° (levelled)", "trang %s không có lớp chữ và được nhận dạng chữ (OCR) (Tesseract %s, %v dpi): %v từ, độ tin cậy trung bình %v%%, %vs, bản quét bị nghiêng %v° (đã chỉnh thẳng)"},
	{"a %s image of %v×%v pixels, read as one scanned page (%v dpi over an A4 width)", "ảnh %s %v×%v điểm ảnh, được đọc như một trang quét (%v dpi trên khổ rộng A4)"},
	{"scanned pages %s were not read by OCR: %s", "các trang quét %s chưa được nhận dạng chữ (OCR): %s"},
	{"page %s unreadable: %s", "không đọc được trang %s: %s"},
	{"converted from %s to DOCX by LibreOffice in %vs", "đã chuyển từ %s sang DOCX bằng LibreOffice trong %vs"},
	{"%v characters set in pre-Unicode Vietnamese fonts %s were converted to Unicode", "%v ký tự dùng phông chữ tiếng Việt trước Unicode %s đã được chuyển sang Unicode"},
	{"the text was in the %s encoding («%s») and was converted to Unicode", "văn bản dùng bảng mã %s («%s») và đã được chuyển sang Unicode"},
	{"%v glyphs in pre-Unicode Vietnamese encodings were converted to Unicode: %s", "%v ký tự dùng bảng mã tiếng Việt trước Unicode đã được chuyển sang Unicode: %s"},
}

// Fill is the text of a finding or diagnostic in p's language: template
// (its English message, a catalogue key) filled with args, ISO dates among
// them written the reader's way and stable location words ("section
// II.1") translated. Without a template (a report stored before findings
// carried one) it is message, as stored.
//
// A template's %v marks a quantity (a count, bytes, seconds, a
// percentage): its argument, written in Go's plain form (1200, 86.38), is
// shown with the reader's digit grouping and decimal mark (1.200 and
// 86,38 in Vietnamese, 1,200 and 86.38 in English), keeping its decimals.
// A %s is a label (a year, a page, a section or document number) and is
// shown as it is, so 2023 never becomes 2.023. English messages made with
// fmt (extract.NewDiagnostic) read %v of a string as the string itself.
func (p *Printer) Fill(template string, args []string, message string) string {
	if template == "" {
		return message
	}
	as := make([]any, len(args))
	quantity := verbs(template)
	for i, a := range args {
		if i < len(quantity) && quantity[i] {
			as[i] = numeric(a)
		} else if _, err := time.Parse(time.DateOnly, a); err == nil {
			as[i] = p.Date(a)
		} else if word, _, _ := strings.Cut(a, " "); locationWords[word] != "" && word != a {
			as[i] = p.Location(a)
		} else {
			as[i] = a
		}
	}
	if len(as) == 0 {
		return p.T(template)
	}
	return p.T(template, as...)
}

// verbs tells, for each argument of template in order, whether its verb
// is %v (a quantity).
func verbs(template string) []bool {
	var out []bool
	for i := 0; i < len(template); i++ {
		if template[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(template) && strings.IndexByte("+-# 0123456789.*", template[j]) >= 0 {
			j++
		}
		if j < len(template) && template[j] != '%' {
			out = append(out, template[j] == 'v')
		}
		i = j
	}
	return out
}

// numeric is a quantity argument as a number the printer formats by
// locale: an int64, or a decimal keeping as many decimals as a was
// written with. Anything else stays the string it is.
func numeric(a string) any {
	if n, err := strconv.ParseInt(a, 10, 64); err == nil {
		return n
	}
	whole, frac, ok := strings.Cut(a, ".")
	if !ok || frac == "" || whole == "" || strings.Trim(frac, "0123456789") != "" {
		return a
	}
	f, err := strconv.ParseFloat(a, 64)
	if err != nil {
		return a
	}
	return number.Decimal(f, number.Scale(len(frac)))
}

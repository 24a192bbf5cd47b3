#!/usr/bin/env python3
"""Writes the sources of the sample PDF reports (invented text, modelled on
real provincial CCHC reports): two Flat ODT files for LibreOffice and one
pandoc Markdown file. make.sh turns them into PDFs.

Footnotes are written inline as {fn:...}; **x** is bold in Markdown only.
"""
import html
import re
import sys

HDR_A = (["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "", "Số: 87/BC-UBND"],
         ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
          "Hà Tĩnh, ngày 14 tháng 3 năm 2024"])

REPORT_B = [
    ("hdr",) + HDR_A,
    ("title", "BÁO CÁO"),
    ("sub", "Kết quả công tác cải cách hành chính quý I năm 2024"),
    ("center", "Kính gửi: Bộ Nội vụ"),
    ("p", "Thực hiện chế độ báo cáo cải cách hành chính (viết tắt là CCHC) định kỳ theo hướng dẫn của Bộ Nội vụ tại Văn bản số 581/BNV-CCHC ngày 21/02/2022, Ủy ban nhân dân tỉnh Hà Tĩnh báo cáo kết quả thực hiện công tác CCHC quý I năm 2024 trên địa bàn tỉnh như sau:"),
    ("h1", "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"),
    ("h2", "1. Kế hoạch cải cách hành chính"),
    ("p", "Ngay từ đầu năm, UBND tỉnh đã ban hành Kế hoạch CCHC năm 2024{fn:Kế hoạch số 25/KH-UBND ngày 10/01/2024 của UBND tỉnh} với 9 mục tiêu, 58 nhiệm vụ cụ thể, giao trách nhiệm cho từng cơ quan chủ trì và thời hạn hoàn thành. Đến ngày 14/3/2024, 21/21 sở, ban, ngành và 13/13 UBND cấp huyện đã ban hành kế hoạch CCHC của cơ quan, đơn vị mình."),
    ("h2", "2. Công tác kiểm tra, tuyên truyền"),
    ("p", "UBND tỉnh ban hành Quyết định số 1234/QĐ-UBND ngày 05/01/2023 về kiểm tra công tác CCHC{fn:Quyết định số 1234/QĐ-UBND ngày 05/01/2023 của UBND tỉnh}; trong quý đã kiểm tra 06 cơ quan, đơn vị, qua đó chấn chỉnh kịp thời những tồn tại trong giải quyết thủ tục hành chính (viết tắt là TTHC)."),
    ("p", "a) Tuyên truyền CCHC: các cơ quan báo chí của tỉnh đã đăng tải 124 tin, bài về CCHC; Cổng thông tin điện tử tỉnh duy trì chuyên mục cải cách hành chính."),
    ("p", "b) Khảo sát sự hài lòng: Sở Nội vụ phối hợp với Bưu điện tỉnh triển khai khảo sát trực tuyến, thu về 2.315 phiếu, tỷ lệ hài lòng đạt 96,8%."),
    ("h1", "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CCHC"),
    ("h2", "1. Cải cách thể chế"),
    ("p", "Trong quý, HĐND tỉnh đã ban hành 04 nghị quyết quy phạm pháp luật, UBND tỉnh ban hành 11 quyết định quy phạm pháp luật; tự kiểm tra 15 văn bản, chưa phát hiện văn bản trái pháp luật. Việc rà soát thực hiện theo Nghị định số 34/2016/NĐ-CP ngày 14/5/2016 của Chính phủ và Nghị định số 154/2020/NĐ-CP ngày 31/12/2020{fn:Sửa đổi, bổ sung một số điều của Nghị định số 34/2016/NĐ-CP}."),
    ("h2", "2. Cải cách thủ tục hành chính"),
    ("p", "Kết quả giải quyết hồ sơ TTHC tại các cấp trong quý I năm 2024 như sau:"),
    ("table", [["Cấp", "Tiếp nhận", "Đúng hạn", "Quá hạn", "Tỷ lệ"],
               ["Cấp tỉnh", "18.420", "18.301", "119", "99,35%"],
               ["Cấp huyện", "9.876", "9.790", "86", "99,13%"],
               ["Cấp xã", "41.052", "40.988", "64", "99,84%"]]),
    ("p", "Tổng số TTHC thuộc thẩm quyền giải quyết của các cấp trên địa bàn tỉnh là 1.812 thủ tục; Chủ tịch UBND tỉnh đã ban hành 07 quyết định công bố danh mục TTHC mới, sửa đổi, bổ sung và bãi bỏ{fn:Trong đó có Quyết định số 301/QĐ-UBND ngày 02/02/2024 và Quyết định số 455/QĐ-UBND ngày 21/02/2024 của Chủ tịch UBND tỉnh}."),
    ("h1", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ II NĂM 2024"),
    ("p", "1. Tiếp tục triển khai đầy đủ các nhiệm vụ tại Kế hoạch CCHC năm 2024, tập trung cải thiện Chỉ số CCHC, Chỉ số SIPAS của tỉnh."),
    ("p", "2. Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình, nâng tỷ lệ hồ sơ trực tuyến lên trên 60%."),
    ("p", "Trên đây là báo cáo kết quả công tác CCHC quý I năm 2024 của UBND tỉnh Hà Tĩnh./."),
    ("sig", ["Nơi nhận:", "- Bộ Nội vụ;", "- Lưu: VT, NC."],
     ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Nguyễn Văn An"]),
]

HDR_C = (["UBND TỈNH PHÚ THỌ", "SỞ NỘI VỤ", "", "Số: 312/BC-SNV"],
         ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
          "Phú Thọ, ngày 10 tháng 9 năm 2023"])

AREAS = [
    ("1. Cải cách thể chế", "rà soát, hệ thống hóa văn bản quy phạm pháp luật", "Quyết định số 1520/QĐ-UBND ngày 20/6/2023 của UBND tỉnh"),
    ("2. Cải cách thủ tục hành chính", "công bố, công khai thủ tục hành chính", "Quyết định số 1789/QĐ-UBND ngày 11/7/2023 của Chủ tịch UBND tỉnh"),
    ("3. Cải cách tổ chức bộ máy hành chính nhà nước", "sắp xếp các phòng chuyên môn và đơn vị sự nghiệp công lập", "Kế hoạch số 2410/KH-UBND ngày 30/6/2023 của UBND tỉnh"),
    ("4. Cải cách chế độ công vụ", "tuyển dụng, đánh giá, đào tạo, bồi dưỡng công chức", "Nghị định số 138/2020/NĐ-CP ngày 27/11/2020 của Chính phủ"),
    ("5. Cải cách tài chính công", "giao quyền tự chủ cho đơn vị sự nghiệp công lập", "Nghị định số 60/2021/NĐ-CP ngày 21/6/2021 của Chính phủ"),
    ("6. Xây dựng và phát triển chính quyền điện tử, chính quyền số", "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ"),
]


def report_c():
    out = [("hdr",) + HDR_C,
           ("title", "BÁO CÁO"),
           ("sub", "Tình hình, kết quả thực hiện công tác cải cách hành chính quý III năm 2023"),
           ("p", "Căn cứ Kế hoạch số 4851/KH-UBND ngày 26/12/2022 của UBND tỉnh về cải cách hành chính năm 2023, Sở Nội vụ tổng hợp, báo cáo kết quả thực hiện trong quý III (từ ngày 15/6/2023 đến ngày 14/9/2023) như sau:"),
           ("h1", "I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CCHC")]
    for i, (head, task, cite) in enumerate(AREAS):
        out.append(("h2", head))
        out.append(("p", f"Các cơ quan, đơn vị đã tập trung {task} theo đúng tiến độ đề ra{{fn:{cite}}}. Trong quý, toàn tỉnh hoàn thành {12 + 3 * i} nhiệm vụ, đạt tỷ lệ {80 + 2 * i},5% so với kế hoạch; {i + 1} nhiệm vụ đang triển khai, chưa có nhiệm vụ quá hạn."))
        out.append(("p", f"a) Ưu điểm: công tác phối hợp giữa các sở, ngành và địa phương được duy trì thường xuyên; việc {task} gắn với trách nhiệm người đứng đầu."))
        out.append(("p", f"b) Hạn chế: một số đơn vị cấp xã còn chậm báo cáo, số liệu chưa thống nhất giữa phần mềm và hồ sơ giấy; cần tiếp tục kiểm tra, đôn đốc trong quý IV năm 2023."))
    out.append(("h1", "II. ĐÁNH GIÁ CHUNG"))
    out.append(("p", "Nhìn chung, công tác CCHC quý III năm 2023 của tỉnh tiếp tục có chuyển biến tích cực; tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,7%, tăng 1,2% so với cùng kỳ năm 2022."))
    out.append(("h1", "III. ĐỀ XUẤT, KIẾN NGHỊ"))
    out.append(("p", "Đề nghị Bộ Nội vụ sớm ban hành hướng dẫn thống nhất về mẫu biểu báo cáo định kỳ để các địa phương thuận lợi trong tổng hợp số liệu./."))
    return out


def fodt(items, font, page_numbers):
    notes = [0]

    def inline(text):
        def fn(m):
            notes[0] += 1
            n = notes[0]
            return (f'<text:note text:id="ftn{n}" text:note-class="footnote">'
                    f'<text:note-citation>{n}</text:note-citation><text:note-body>'
                    f'<text:p text:style-name="Footnote">{html.escape(m.group(1))}</text:p>'
                    f'</text:note-body></text:note>')
        parts = re.split(r"(\{fn:[^}]*\})", text)
        return "".join(fn(re.match(r"\{fn:([^}]*)\}", p)) if p.startswith("{fn:") else html.escape(p) for p in parts)

    def cells(left, right, lstyle, rstyle):
        def cell(lines, style):
            ps = "".join(f'<text:p text:style-name="{style}">{html.escape(l)}</text:p>' for l in lines)
            return f'<table:table-cell office:value-type="string">{ps}</table:table-cell>'
        return ('<table:table table:style-name="TNoBorder"><table:table-column table:style-name="TColL"/>'
                '<table:table-column table:style-name="TColR"/><table:table-row>'
                + cell(left, lstyle) + cell(right, rstyle) + '</table:table-row></table:table>')

    body = []
    for it in items:
        k = it[0]
        if k == "hdr":
            body.append(cells(it[1], it[2], "HdrL", "HdrR"))
        elif k == "sig":
            body.append(cells(it[1], it[2], "SigL", "SigR"))
        elif k in ("title", "sub"):
            body.append(f'<text:p text:style-name="Title1">{html.escape(it[1])}</text:p>')
        elif k == "center":
            body.append(f'<text:p text:style-name="Center">{html.escape(it[1])}</text:p>')
        elif k in ("h1", "h2"):
            lvl = k[1]
            body.append(f'<text:h text:style-name="Heading_20_{lvl}" text:outline-level="{lvl}">{html.escape(it[1])}</text:h>')
        elif k == "p":
            body.append(f'<text:p text:style-name="Body">{inline(it[1])}</text:p>')
        elif k == "table":
            rows = it[1]
            t = [f'<table:table table:style-name="TGrid"><table:table-column table:number-columns-repeated="{len(rows[0])}"/>']
            for r in rows:
                t.append("<table:table-row>" + "".join(
                    f'<table:table-cell table:style-name="CGrid" office:value-type="string"><text:p text:style-name="Cell">{html.escape(c)}</text:p></table:table-cell>'
                    for c in r) + "</table:table-row>")
            t.append("</table:table>")
            body.append("".join(t))
    pn = ""
    if page_numbers:
        pn = '<style:header><text:p text:style-name="Center"><text:page-number text:select-page="current"/></text:p></style:header>'
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="{font}" svg:font-family="&apos;{font}&apos;" style:font-family-generic="roman"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="{font}" fo:font-size="13pt" fo:language="vi" fo:country="VN"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:text-indent="1cm" fo:margin-top="0cm" fo:margin-bottom="0.2cm"/></style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"><style:paragraph-properties fo:margin-top="0.2cm" fo:margin-bottom="0.2cm" fo:text-indent="1cm"/><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"><style:paragraph-properties fo:margin-top="0.1cm" fo:margin-bottom="0.1cm" fo:text-indent="1cm"/><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Footnote_20_Symbol" style:display-name="Footnote Symbol" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
<style:style style:name="Footnote_20_anchor" style:display-name="Footnote anchor" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
<text:notes-configuration text:note-class="footnote" text:citation-style-name="Footnote_20_Symbol" text:citation-body-style-name="Footnote_20_anchor" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
<style:style style:name="Footnote" style:family="paragraph"><style:paragraph-properties fo:text-align="justify"/><style:text-properties fo:font-size="10pt"/></style:style>
</office:styles>
<office:automatic-styles>
<style:style style:name="TNoBorder" style:family="table"><style:table-properties style:width="16cm" table:align="margins"/></style:style>
<style:style style:name="TColL" style:family="table-column"><style:table-column-properties style:column-width="6.5cm"/></style:style>
<style:style style:name="TColR" style:family="table-column"><style:table-column-properties style:column-width="9.5cm"/></style:style>
<style:style style:name="TGrid" style:family="table"><style:table-properties style:width="16cm" table:align="margins" fo:margin-bottom="0.2cm"/></style:style>
<style:style style:name="CGrid" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>
<style:style style:name="HdrL" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
<style:style style:name="HdrR" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
<style:style style:name="SigL" style:family="paragraph"><style:text-properties fo:font-size="11pt"/></style:style>
<style:style style:name="SigR" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Title1" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="0.3cm"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Center" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.3cm"/></style:style>
<style:style style:name="Cell" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="12pt"/></style:style>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="2cm"/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">{pn}</style:master-page></office:master-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body>
</office:document>
'''


def markdown(items):
    notes = []

    def inline(text):
        def fn(m):
            notes.append(m.group(1))
            return f"[^{len(notes)}]"
        return re.sub(r"\{fn:([^}]*)\}", fn, text)

    out = []
    for it in items:
        k = it[0]
        if k == "hdr":
            for l, r in zip(it[1], it[2]):
                if l or r:
                    out.append(f"**{l}** {r}".strip() + "\\")
            out.append("")
        elif k == "sig":
            out.append("\\\n".join(x for x in it[1] + it[2] if x) + "\n")
        elif k in ("title", "sub", "center"):
            out.append(f"**{it[1]}**\n")
        elif k == "h1":
            out.append(f"# {it[1]}\n")
        elif k == "h2":
            out.append(f"## {it[1]}\n")
        elif k == "p":
            out.append(inline(it[1]) + "\n")
        elif k == "table":
            rows = it[1]
            out.append("| " + " | ".join(rows[0]) + " |")
            out.append("|" + "---|" * len(rows[0]))
            for r in rows[1:]:
                out.append("| " + " | ".join(r) + " |")
            out.append("")
    for i, n in enumerate(notes, 1):
        out.append(f"[^{i}]: {n}")
    return "\n".join(out) + "\n"


REPORT_A = [
    ("hdr", ["UBND TỈNH QUẢNG TRỊ", "SỞ NỘI VỤ", "Số: 45/BC-SNV"],
     ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Quảng Trị, ngày 12 tháng 6 năm 2024"]),
    ("title", "BÁO CÁO"),
    ("sub", "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2024"),
    ("h1", "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
    ("p", "Sở Nội vụ đã tham mưu UBND tỉnh ban hành 15 văn bản chỉ đạo, đôn đốc các cơ quan, đơn vị triển khai nhiệm vụ CCHC{fn:Gồm Kế hoạch số 118/KH-UBND ngày 12/01/2024 và Công văn số 905/UBND-NC ngày 04/3/2024 của UBND tỉnh}. Tỷ lệ nhiệm vụ hoàn thành đúng hạn đạt 92,3%."),
    ("h2", "1. Kiểm tra cải cách hành chính"),
    ("p", "Đoàn kiểm tra của tỉnh đã kiểm tra 08 cơ quan cấp tỉnh và 03 UBND cấp huyện theo Quyết định số 1234/QĐ-UBND ngày 05/01/2023 của UBND tỉnh{fn:Quyết định số 1234/QĐ-UBND ngày 05/01/2023 của UBND tỉnh về việc ban hành Kế hoạch kiểm tra}."),
    ("h2", "2. Số liệu giải quyết hồ sơ"),
    ("table", [["Đơn vị", "Hồ sơ", "Đúng hạn"], ["Sở Tư pháp", "1.204", "1.198"], ["Sở Xây dựng", "2.310", "2.305"]]),
    ("h1", "II. PHƯƠNG HƯỚNG 6 THÁNG CUỐI NĂM"),
    ("p", "Tiếp tục rà soát, đơn giản hóa TTHC; nâng cao chất lượng cung cấp dịch vụ công trực tuyến và thanh toán trực tuyến./."),
]


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "."
    with open(f"{d}/report-ha-tinh-q1.fodt", "w") as f:
        f.write(fodt(REPORT_B, "Times New Roman", False))
    with open(f"{d}/report-phu-tho-q3.fodt", "w") as f:
        f.write(fodt(report_c(), "DejaVu Serif", True))
    # Liberation Sans Narrow has no precomposed Vietnamese letters: LibreOffice
    # draws them from a fallback font, out of X order.
    with open(f"{d}/report-quang-tri-6t-fallback.fodt", "w") as f:
        f.write(fodt(REPORT_A, "Liberation Sans Narrow", False))
    with open(f"{d}/report-quang-tri-6t.md", "w") as f:
        f.write(markdown(REPORT_A))


main()

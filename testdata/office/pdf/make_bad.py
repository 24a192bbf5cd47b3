#!/usr/bin/env python3
"""Writes the hand-made PDFs under testdata/bad (malformed or unreadable on
purpose) and two small well-formed edge cases under pipeline/pdf/testdata.
Each targets one failure the PDF library cannot handle by itself
(shared/libraries.md §1.5-1.6). Encrypted variants are made by make.sh with
qpdf from a sample report.
"""
import os
import sys
import zlib

WIDTHS = "/FirstChar 32 /LastChar 255 /Widths [" + " ".join(["500"] * 224) + "]"
FONT = "<< /Type /Font /Subtype /TrueType /BaseFont /%s /Encoding /WinAnsiEncoding " + WIDTHS + " >>"


def build(objs, trailer_extra="", prev_self=False, header=b"%PDF-1.4\n"):
    """objs: list of bytes bodies for objects 1..n. Returns the file bytes."""
    out = bytearray(header)
    offs = []
    for i, body in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    extra = trailer_extra
    if prev_self:
        extra += " /Prev %d" % xref
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, extra.encode(), xref)
    return bytes(out)


def stream(data, extra=""):
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra.encode()) + data + b"\nendstream"


def simple(content, font="Helvetica", kids_self=False, parent_self=False, resources=True, more=()):
    res = b"/Resources << /Font << /F1 4 0 R >> >>" if resources else b""
    parent = b"3 0 R" if parent_self else b"2 0 R"
    kids = b"[3 0 R 2 0 R]" if kids_self else b"[3 0 R]"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids " + kids + b" /Count 1 >>",
        b"<< /Type /Page /Parent " + parent + b" /MediaBox [0 0 595 842] /Contents 5 0 R " + res + b" >>",
        (FONT % font).encode(),
        stream(content),
    ]
    objs += list(more)
    return objs


TEXT = b"BT /F1 12 Tf 72 700 Td (Bao cao ket qua cai cach hanh chinh) Tj ET"


def main():
    bad = sys.argv[1]
    edge = sys.argv[2]
    w = lambda d, n, b: open(os.path.join(d, n), "wb").write(b)
    w(bad, "pdf-kids-cycle.pdf", build(simple(TEXT, kids_self=True)))
    w(bad, "pdf-parent-cycle.pdf", build(simple(TEXT, parent_self=True, resources=False)))
    w(bad, "pdf-prev-loop.pdf", build(simple(TEXT), prev_self=True))
    # Contents points at object 7, whose xref offset lands on garbage.
    objs = simple(TEXT)
    objs[2] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    data = bytearray(build(objs + [b"(placeholder)"]))
    i = data.rfind(b"6 0 obj")
    data[i:i + 7] = b"9 9 xyz"
    w(bad, "pdf-bad-object.pdf", bytes(data))
    # Unfiltered content with an unknown filter makes the library panic.
    objs = simple(TEXT)
    objs[4] = stream(b"garbage", "/Filter /LZWDecode")
    w(bad, "pdf-bad-filter.pdf", build(objs))
    w(bad, "pdf-vector-only.pdf", build(simple(b"0 0 1 rg 100 100 200 300 re f 50 50 m 400 400 l S")))
    img = stream(zlib.compress(b"\x80" * 64), "/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode")
    objs = simple(b"q 500 0 0 700 50 70 cm /Im1 Do Q")
    objs[2] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /XObject << /Im1 6 0 R >> >> >>"
    w(bad, "pdf-scanned.pdf", build(objs + [img]))
    w(bad, "not-a-pdf.pdf", "Báo cáo kết quả cải cách hành chính — đây là tệp văn bản, không phải PDF.\n".encode())
    w(bad, "pdf-no-eof.pdf", build(simple(TEXT))[:-7])
    legacy = "C«ng t¸c chØ ®¹o, ®iÒu hµnh c¶i c¸ch hµnh chÝnh cña UBND tØnh ".encode("cp1252", "replace")
    w(bad, "pdf-tcvn3-font.pdf", build(simple(b"BT /F1 12 Tf 72 700 Td (" + legacy + b") Tj ET", font=".VnTime")))
    body = b"BT /F1 12 Tf 14 TL 72 760 Td " + b" ".join(b"(" + legacy + b") '" for _ in range(8)) + b" ET"
    w(bad, "pdf-tcvn3-text.pdf", build(simple(body, font="TimesNewRoman")))

    # Edge cases that must work: a Form XObject that draws itself (cycle
    # guard), unbalanced Q and the '"' operator, PDF-2.0 header with bytes
    # after %%EOF.
    form = stream(b"BT /F1 12 Tf 72 650 Td (Noi dung trong Form XObject) Tj ET /Fm1 Do",
                  "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Fm1 6 0 R >> >>")
    objs = simple(b"Q Q " + TEXT + b" /Fm1 Do BT /F1 12 Tf 14 TL 72 600 Td 0 0 (Dong thu ba) \" ET")
    objs[2] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> /XObject << /Fm1 6 0 R >> >> >>"
    w(edge, "form-cycle.pdf", build(objs + [form]))
    w(edge, "pdf20-trailing.pdf", build(simple(TEXT), header=b"%PDF-2.0\n") + b"\x00garbage after eof\n")


main()

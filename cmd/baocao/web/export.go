package web

import (
	"archive/zip"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
)

// cell is one spreadsheet cell: a number or a text.
type cell struct {
	num   int64
	text  string
	isNum bool
}

// comparisonSheet is the comparison as rows of cells: a header of column
// labels in p's language, a second header of the stable column ids
// (period, province, report_id, then the count kinds) for scripts, then
// one row per province.
func comparisonSheet(c *index.Comparison, p *i18n.Printer) [][]cell {
	labels := []cell{{text: p.T("Period")}, {text: p.T("Province")}, {text: p.T("Report id")}}
	ids := []cell{{text: "period"}, {text: "province"}, {text: "report_id"}}
	for _, k := range extract.CountKinds {
		labels = append(labels, cell{text: p.Kind(string(k))})
		ids = append(ids, cell{text: string(k)})
	}
	rows := [][]cell{labels, ids}
	for _, r := range c.Rows {
		row := []cell{{text: c.Period}, {text: r.Province}, {text: r.ReportID}}
		for _, k := range extract.CountKinds {
			row = append(row, cell{num: r.Metrics[string(k)], isNum: true})
		}
		rows = append(rows, row)
	}
	return rows
}

// Neutralize makes a text cell inert in spreadsheets: a cell starting
// with '=', '+', '-' or '@' (or a tab or carriage return, which some
// programs strip first) would be read as a formula, so it gets a leading
// apostrophe.
func Neutralize(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteComparisonCSV writes a comparison as CSV — period, province,
// report_id, then one column per count kind; a row of labels in p's
// language, then a row of the column ids — with text cells neutralised.
// `baocao compare -o csv` and GET /api/compare?format=csv both use it.
func WriteComparisonCSV(w io.Writer, c *index.Comparison, p *i18n.Printer) error {
	return writeCSV(w, comparisonSheet(c, p))
}

// writeCSV writes rows as CSV with text cells neutralised.
func writeCSV(w io.Writer, rows [][]cell) error {
	cw := csv.NewWriter(w)
	for _, row := range rows {
		rec := make([]string, len(row))
		for i, c := range row {
			if c.isNum {
				rec[i] = strconv.FormatInt(c.num, 10)
			} else {
				rec[i] = Neutralize(c.text)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeXLSX writes rows as a minimal valid Office Open XML workbook (one
// sheet): numbers are numeric cells, texts inline strings, neutralised
// like CSV cells because the file may be saved as CSV later.
func writeXLSX(w io.Writer, sheetName string, rows [][]cell) error {
	z := zip.NewWriter(w)
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="` + xmlEscape(sheetName) + `" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
	}
	for _, f := range files {
		fw, err := z.Create(f.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, f.body); err != nil {
			return err
		}
	}
	fw, err := z.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i, row := range rows {
		fmt.Fprintf(&b, `<row r="%d">`, i+1)
		for j, c := range row {
			ref := columnName(j) + strconv.Itoa(i+1)
			if c.isNum {
				fmt.Fprintf(&b, `<c r="%s"><v>%d</v></c>`, ref, c.num)
			} else {
				fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, xmlEscape(Neutralize(c.text)))
			}
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData></worksheet>`)
	if _, err := io.WriteString(fw, b.String()); err != nil {
		return err
	}
	return z.Close()
}

// columnName is the spreadsheet column letter(s) of a 0-based index.
func columnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

func xmlEscape(s string) string {
	var b strings.Builder
	// Characters XML 1.0 forbids are dropped rather than failing the file.
	_ = xml.EscapeText(&b, []byte(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF {
			return r
		}
		return -1
	}, s)))
	return b.String()
}

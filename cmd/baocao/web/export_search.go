package web

import (
	"io"
	"strings"

	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
)

// ExportLimit is the most hits a search export holds.
const ExportLimit = 1000

// searchSheet is a search result as rows of cells: a header of labels in
// p's language, a header of stable column ids for scripts, then one row
// per hit. The snippet is the plain text with the matches in [[…]].
func searchSheet(res *index.Result, p *i18n.Printer) [][]cell {
	rows := [][]cell{
		{{text: p.T("Period")}, {text: p.T("Province")}, {text: p.T("Date")}, {text: p.T("Report id")},
			{text: p.T("Section")}, {text: p.T("Section title")}, {text: p.T("More sections")}, {text: p.T("Snippet")}, {text: p.T("Source")}},
		{{text: "period"}, {text: "province"}, {text: "date"}, {text: "report_id"},
			{text: "section"}, {text: "section_title"}, {text: "more"}, {text: "snippet_text"}, {text: "source"}},
	}
	for _, h := range res.Hits {
		rows = append(rows, []cell{{text: h.Period}, {text: h.Province}, {text: h.Date}, {text: h.ReportID},
			{text: h.Section}, {text: h.SectionTitle}, {num: float64(h.More), isNum: true},
			{text: strings.Join(strings.Fields(h.SnippetText), " ")}, {text: h.Source}})
	}
	return rows
}

// WriteSearchCSV writes the hits of a search as CSV, text cells
// neutralised as in the comparison export. `baocao search -o csv` and
// GET /api/search?format=csv both use it.
func WriteSearchCSV(w io.Writer, res *index.Result, p *i18n.Printer) error {
	return writeCSV(w, searchSheet(res, p))
}

// WriteSearchXLSX writes the hits of a search as an XLSX workbook (the
// sheet builder of the comparison: labels and ids rows frozen, text cells
// neutralised as in the CSV), the snippet column wide.
func WriteSearchXLSX(w io.Writer, res *index.Result, p *i18n.Printer) error {
	sheet := p.T("Search")
	f, err := sheetFile(sheet, searchSheet(res, p))
	if err != nil {
		return err
	}
	defer f.Close()
	_ = f.SetColWidth(sheet, "H", "H", 80)
	return f.Write(w)
}

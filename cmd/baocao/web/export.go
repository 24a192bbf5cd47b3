package web

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
)

// cell is one spreadsheet cell: a number or a text. An empty text cell
// is a value not stated (blank, never 0).
type cell struct {
	num   float64
	text  string
	isNum bool
	// kind is the indicator kind of a value cell (count, rate, score,
	// rank): the XLSX number format follows it.
	kind string
}

// comparisonSheet is the comparison as rows of cells: a header of column
// labels in p's language (the indicators' Vietnamese labels), a second
// header of the stable column ids for scripts (province, period,
// report_id, the indicator ids, "<id>.out_of" after a rank, conflicts),
// then one row per province. Values are raw numbers as stated (a rate
// 86.38 is 86,38%); an unstated value is an empty cell.
func comparisonSheet(c *index.Comparison, p *i18n.Printer) [][]cell {
	labels := []cell{{text: p.T("Province")}, {text: p.T("Period")}, {text: p.T("Report id")}}
	ids := []cell{{text: "province"}, {text: "period"}, {text: "report_id"}}
	for _, d := range c.Indicators {
		labels = append(labels, cell{text: ColumnLabel(p, d)})
		ids = append(ids, cell{text: d.ID})
		if d.Kind == "rank" {
			labels = append(labels, cell{text: IndicatorLabel(p, d) + " — " + p.T("out of")})
			ids = append(ids, cell{text: d.ID + ".out_of"})
		}
	}
	labels = append(labels, cell{text: p.T("Conflicting values")})
	ids = append(ids, cell{text: "conflicts"})
	rows := [][]cell{labels, ids}
	for _, r := range c.Rows {
		row := []cell{{text: r.Province}, {text: c.Period}, {text: r.ReportID}}
		var conflicts []string
		for _, d := range c.Indicators {
			v, ok := r.Values[d.ID]
			if !ok {
				row = append(row, cell{})
			} else {
				row = append(row, cell{num: v.Value, isNum: true, kind: d.Kind})
				if v.Conflict {
					conflicts = append(conflicts, d.ID)
				}
			}
			if d.Kind == "rank" {
				if ok && v.OutOf != 0 {
					row = append(row, cell{num: v.OutOf, isNum: true, kind: "count"})
				} else {
					row = append(row, cell{})
				}
			}
		}
		row = append(row, cell{text: strings.Join(conflicts, " ")})
		rows = append(rows, row)
	}
	return rows
}

// IndicatorLabel is an indicator's label in p's language (the catalogue's
// label_en in English when it has one).
func IndicatorLabel(p *i18n.Printer, d index.ComparedIndicator) string {
	if p.Lang() == i18n.EN && d.LabelEN != "" {
		return d.LabelEN
	}
	return d.Label
}

// ColumnLabel is an indicator's column header: its label and unit.
func ColumnLabel(p *i18n.Printer, d index.ComparedIndicator) string {
	if d.Unit == "" {
		return IndicatorLabel(p, d)
	}
	return IndicatorLabel(p, d) + " (" + d.Unit + ")"
}

// FormatValue writes an indicator value the way p's language writes
// numbers, with as many decimals as stated: 1.455.775, 86,38%, 85,66,
// 11/63 in Vietnamese.
func FormatValue(p *i18n.Printer, kind string, v index.IndicatorValue) string {
	num := func(f float64) string {
		s := strconv.FormatFloat(f, 'f', -1, 64)
		if i := strings.IndexByte(s, '.'); i >= 0 {
			return p.Dec(f, len(s)-i-1)
		}
		return p.Num(int64(f))
	}
	switch kind {
	case "rate":
		return num(v.Value) + "%"
	case "rank":
		if v.OutOf != 0 {
			return num(v.Value) + "/" + num(v.OutOf)
		}
	}
	return num(v.Value)
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

// WriteComparisonCSV writes a comparison as CSV (see comparisonSheet),
// text cells neutralised. `baocao compare -o csv` and GET
// /api/compare?format=csv both use it.
func WriteComparisonCSV(w io.Writer, c *index.Comparison, p *i18n.Printer) error {
	return writeCSV(w, comparisonSheet(c, p))
}

// WriteComparisonXLSX writes a comparison as an XLSX workbook (see
// writeXLSX). `baocao compare -o xlsx` and GET /api/compare?format=xlsx
// both use it.
func WriteComparisonXLSX(w io.Writer, c *index.Comparison, p *i18n.Printer) error {
	return writeComparisonXLSX(w, c, p)
}

// writeCSV writes rows as CSV with text cells neutralised; numbers are
// written raw (86.38, 19630), unstated values empty.
func writeCSV(w io.Writer, rows [][]cell) error {
	cw := csv.NewWriter(w)
	for _, row := range rows {
		rec := make([]string, len(row))
		for i, c := range row {
			if c.isNum {
				rec[i] = strconv.FormatFloat(c.num, 'f', -1, 64)
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

// writeXLSX writes rows (two header rows — labels, then ids — then the
// data) as a one-sheet XLSX workbook made with excelize.
func writeXLSX(w io.Writer, sheetName string, rows [][]cell) error {
	f, err := sheetFile(sheetName, rows)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteTo(w)
	return err
}

// writeComparisonXLSX writes the comparison: the sheet of comparisonSheet
// and a second sheet with the evidence of each value (province, indicator,
// value, section, sentence, report).
func writeComparisonXLSX(w io.Writer, c *index.Comparison, p *i18n.Printer) error {
	f, err := sheetFile(p.T("Comparison"), comparisonSheet(c, p))
	if err != nil {
		return err
	}
	defer f.Close()
	if err := evidenceSheet(f, c, p); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// sheetFile builds a workbook whose first sheet holds rows: the labels row
// in bold and the ids row in grey, both frozen with the first column,
// column widths, and number formats (#,##0 for counts — the reader's
// Excel shows its own separators —, 0.00% for rates, stored as fractions,
// 0.00 for scores). Text cells are neutralised like CSV cells, since the
// file may be saved as CSV later.
func sheetFile(name string, rows [][]cell) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", name); err != nil {
		f.Close()
		return nil, err
	}
	fail := func(err error) (*excelize.File, error) { f.Close(); return nil, err }
	styles := map[string]int{}
	for kind, nf := range map[string]string{"": "#,##0", "count": "#,##0", "rate": "0.00%", "score": "0.00", "rank": "0"} {
		fmtStr := nf
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &fmtStr})
		if err != nil {
			return fail(err)
		}
		styles[kind] = id
	}
	for i, row := range rows {
		for j, cl := range row {
			ref, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				return fail(err)
			}
			switch {
			case cl.isNum:
				v := cl.num
				if cl.kind == "rate" {
					// 86.38 (%) is the fraction 0.8638, shown as 86.38%;
					// rounded so the division leaves no binary noise.
					v = math.Round(v/100*1e12) / 1e12
				}
				if err := f.SetCellFloat(name, ref, v, -1, 64); err != nil {
					return fail(err)
				}
				if err := f.SetCellStyle(name, ref, ref, styles[cl.kind]); err != nil {
					return fail(err)
				}
			case cl.text != "":
				if err := f.SetCellStr(name, ref, Neutralize(xmlSafe(cl.text))); err != nil {
					return fail(err)
				}
			}
		}
	}
	if len(rows) > 1 {
		head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
		if err != nil {
			return fail(err)
		}
		ids, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "808080"}})
		if err != nil {
			return fail(err)
		}
		last, _ := excelize.CoordinatesToCellName(len(rows[0]), 1)
		_ = f.SetCellStyle(name, "A1", last, head)
		last2, _ := excelize.CoordinatesToCellName(len(rows[1]), 2)
		_ = f.SetCellStyle(name, "A2", last2, ids)
		lastCol, _ := excelize.ColumnNumberToName(len(rows[0]))
		_ = f.SetColWidth(name, "A", lastCol, 18)
		_ = f.SetColWidth(name, "A", "A", 22)
		_ = f.SetRowHeight(name, 1, 48)
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 2, TopLeftCell: "B3", ActivePane: "bottomRight"}); err != nil {
		return fail(err)
	}
	return f, nil
}

// evidenceSheet adds the sheet listing each value with the sentence and
// section it was read from.
func evidenceSheet(f *excelize.File, c *index.Comparison, p *i18n.Printer) error {
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	name := p.T("Evidence")
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	hdr := []string{p.T("Province"), p.T("Indicator"), "id", p.T("Value"), p.T("Section"), p.T("Sentence"), p.T("Report id"), p.T("Conflicting values")}
	for j, h := range hdr {
		ref, _ := excelize.CoordinatesToCellName(j+1, 1)
		if err := f.SetCellStr(name, ref, h); err != nil {
			return err
		}
	}
	_ = f.SetCellStyle(name, "A1", "H1", head)
	r := 2
	for _, row := range c.Rows {
		for _, d := range c.Indicators {
			v, ok := row.Values[d.ID]
			if !ok {
				continue
			}
			conflict := ""
			if v.Conflict {
				conflict = p.T("yes")
			}
			for j, t := range []string{row.Province, IndicatorLabel(p, d), d.ID, FormatValue(p, d.Kind, v), v.Section, v.Text, row.ReportID, conflict} {
				ref, _ := excelize.CoordinatesToCellName(j+1, r)
				if err := f.SetCellStr(name, ref, Neutralize(xmlSafe(t))); err != nil {
					return err
				}
			}
			r++
		}
	}
	_ = f.SetColWidth(name, "A", "B", 24)
	_ = f.SetColWidth(name, "C", "E", 14)
	_ = f.SetColWidth(name, "F", "F", 90)
	_ = f.SetColWidth(name, "G", "H", 18)
	return f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// xmlSafe drops the characters XML 1.0 forbids, rather than failing the
// file on a stray control byte from a PDF.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF {
			return r
		}
		return -1
	}, s)
}

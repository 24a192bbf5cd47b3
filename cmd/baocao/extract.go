package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/pipeline"
)

func newExtractCmd(a *app) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "extract FILE",
		Short: "Extract one report and print it (nothing is indexed)",
		Long: `Extract reads one report (PDF, DOCX, Markdown or text), and prints what
baocao finds in it: header (issuer, province, số/ký hiệu, date, title,
recipients, reporting period), the section tree, footnotes with the section
of their marker, cited documents and counts, each with its evidence.

With -o json it prints one Report object; its schema is
extract/report.schema.json and the README documents it.`,
		Example: `  baocao extract testdata/docs/khanh-hoa-2023-q1.md
  baocao extract -o json report.pdf | jq '.citations[].ref'`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExtract(cmd.Context(), a, args[0], force)
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "extract a file that does not look like a report too (no header, no sections)")
	return cmd
}

func runExtract(ctx context.Context, a *app, path string, force bool) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fileError(path, err)
	}
	p, err := newPipeline(a.cfg, a.cfgFile)
	if err != nil {
		return err
	}
	defer p.Close()
	p.AcceptNonReports = force
	r, err := p.Process(ctx, path, data)
	if err != nil {
		return docFailed(a.p, path, err)
	}
	if a.output == "json" {
		return writeJSON(a.out, r)
	}
	printReport(a.out, a.p, r, false)
	return nil
}

// printReport writes a report for a person: header, sections, footnotes,
// citations, counts, diagnostics; with body, the text of each section too.
// Everything in it may quote the file (titles, sections, footnotes,
// issuers), so the whole text is cleaned for the terminal
// (pipeline.CleanText) before it is written.
func printReport(out io.Writer, p *i18n.Printer, r *extract.Report, body bool) {
	var buf strings.Builder
	defer func() { io.WriteString(out, pipeline.CleanText(buf.String())) }()
	w := &buf
	m := r.Meta
	fmt.Fprintf(w, "%s %s  (%s, %s)\n", p.T("Report"), r.ID, r.Source.Path, r.Source.Format)
	tw := newTable(w)
	field := func(name, v string) {
		fmt.Fprintf(tw, "  %s\t%s\n", name, orDash(v))
	}
	field(p.T("Issuer"), m.Issuer)
	field(p.T("Province"), m.Province)
	field(p.T("Number"), m.Number)
	field(p.T("Date"), p.Date(m.Date))
	field(p.T("Place"), m.Place)
	field(p.T("Type"), m.DocType)
	field(p.T("Title"), m.Title)
	field(p.T("Recipients"), strings.Join(m.Recipients, "; "))
	field(p.T("Period"), p.Period(m.Period.Label))
	tw.Flush()
	printIdentity(w, p, r)
	fmt.Fprintf(w, "\n%s\n", p.T("Sections (%d top-level)", len(r.Sections)))
	var walk func(secs []*extract.Section)
	walk = func(secs []*extract.Section) {
		for _, s := range secs {
			fmt.Fprintf(w, "  %*s%s. %s\n", 2*(s.Level-1), "", s.Number, s.Title)
			if body {
				end := s.Body.End
				if len(s.Children) > 0 {
					end = s.Children[0].Body.Start
				}
				if text := sliceText(r.Text, s.Span.End, end); text != "" {
					fmt.Fprintf(w, "%s\n", indent(text, 2*s.Level+2))
				}
			}
			walk(s.Children)
		}
	}
	walk(r.Sections)
	if len(r.Footnotes) > 0 {
		fmt.Fprintf(w, "\n%s\n", p.T("Footnotes (%d)", len(r.Footnotes)))
		for _, f := range r.Footnotes {
			fmt.Fprintf(w, "  [%d] (§%s) %s\n", f.Number, orDash(f.Section), f.Text)
		}
	}
	if len(r.Citations) > 0 {
		fmt.Fprintf(w, "\n%s\n", p.T("Citations (%d)", len(r.Citations)))
		for _, c := range r.Citations {
			ref := "—"
			if c.Ref != nil {
				ref = *c.Ref
			}
			where := "§" + orDash(c.Section)
			if c.Footnote != nil {
				where += ", " + p.T("footnote %s", strconv.Itoa(*c.Footnote))
			}
			name := c.Type
			if c.Title != "" {
				name = c.Title
			}
			fmt.Fprintf(w, "  %-22s %-12s %-10s %s  (%s)\n", ref, name, orDash(p.Date(c.Date)), c.Issuer, where)
		}
	}
	if len(r.Counts) > 0 {
		fmt.Fprintf(w, "\n%s\n", p.T("Counts (%d)", len(r.Counts)))
		tw := newTable(w)
		for _, c := range r.Counts {
			nested := ""
			if c.Nested {
				nested = " " + p.T("(part of a larger count)")
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s  §%s%s\n", p.Kind(string(c.Kind)), p.Num(c.Value), c.Unit, orDash(c.Section), nested)
		}
		tw.Flush()
	}
	if len(r.Diagnostics) > 0 {
		fmt.Fprintf(w, "\n%s\n", p.T("Diagnostics (%d)", len(r.Diagnostics)))
		for _, d := range r.Diagnostics {
			// The message may quote the file: cleaned for the terminal.
			msg := pipeline.CleanMessage(p.Fill(d.Template, d.Args, d.Message))
			fmt.Fprintf(w, "  %-8s %-28s %s\n", p.T(string(d.Severity)), d.Code, msg)
		}
	}
}

// printIdentity lists a report's renditions, its earlier versions and
// the report replacing it (what the index knows beyond one file).
func printIdentity(w io.Writer, p *i18n.Printer, r *extract.Report) {
	if r.SupersededBy != "" {
		fmt.Fprintf(w, "  %s\n", p.T("Replaced by report %s", r.SupersededBy))
	}
	if len(r.Sources) > 1 {
		fmt.Fprintf(w, "\n%s\n", p.T("Sources (%d renditions of this report; extracted from the first)", len(r.Sources)))
		for _, s := range r.Sources {
			fmt.Fprintf(w, "  %-8s %s  %s\n", s.Format, s.SHA256[:min(16, len(s.SHA256))], s.Path)
		}
	}
	if len(r.Versions) > 0 {
		fmt.Fprintf(w, "\n%s\n", p.T("Earlier versions (%d; this is version %d)", len(r.Versions), len(r.Versions)+1))
		for _, v := range r.Versions {
			what := p.T("resubmitted")
			if v.Reason == "replaced" {
				what = p.T("replaced by this report, was report %s", v.ReportID)
			}
			var files []string
			for _, s := range v.Sources {
				files = append(files, s.Path)
			}
			fmt.Fprintf(w, "  v%d  %s  %s  %s  %s\n", v.Version, v.Number, v.Date, what, strings.Join(files, ", "))
		}
	}
}

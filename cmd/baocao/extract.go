package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
)

func newExtractCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "extract FILE",
		Short: "Extract one report and print it (nothing is indexed)",
		Long: `Extract reads one report (PDF, DOCX, Markdown or text), and prints what
baocao finds in it: header (issuer, province, số/ký hiệu, date, title,
recipients, reporting period), the section tree, footnotes with the section
of their marker, cited documents and counts, each with its evidence.

With -o json it prints one Report object; its schema is
schema/report.schema.json and the README documents it.`,
		Example: `  baocao extract testdata/docs/khanh-hoa-2023-q1.md
  baocao extract -o json report.pdf | jq '.citations[].ref'`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExtract(cmd.Context(), a, args[0])
		},
	}
}

func runExtract(ctx context.Context, a *app, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	p, err := newPipeline(a.cfg, a.cfgFile)
	if err != nil {
		return err
	}
	defer p.Close()
	r, err := p.Process(ctx, path, data)
	if err != nil {
		return err
	}
	if a.output == "json" {
		return writeJSON(a.out, r)
	}
	printReport(a.out, r, false)
	return nil
}

// printReport writes a report for a person: header, sections, footnotes,
// citations, counts, diagnostics; with body, the text of each section too.
func printReport(w interface{ Write([]byte) (int, error) }, r *extract.Report, body bool) {
	m := r.Meta
	fmt.Fprintf(w, "Report %s  (%s, %s)\n", r.ID, r.Source.Path, r.Source.Format)
	field := func(name, v string) {
		if v == "" {
			v = "—"
		}
		fmt.Fprintf(w, "  %-11s %s\n", name, v)
	}
	field("Issuer", m.Issuer)
	field("Province", m.Province)
	field("Number", m.Number)
	field("Date", m.Date)
	field("Place", m.Place)
	field("Type", m.DocType)
	field("Title", m.Title)
	field("Recipients", strings.Join(m.Recipients, "; "))
	field("Period", m.Period.Label)
	fmt.Fprintf(w, "\nSections (%d top-level)\n", len(r.Sections))
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
		fmt.Fprintf(w, "\nFootnotes (%d)\n", len(r.Footnotes))
		for _, f := range r.Footnotes {
			fmt.Fprintf(w, "  [%d] (§%s) %s\n", f.Number, orDash(f.Section), f.Text)
		}
	}
	if len(r.Citations) > 0 {
		fmt.Fprintf(w, "\nCitations (%d)\n", len(r.Citations))
		for _, c := range r.Citations {
			ref := "—"
			if c.Ref != nil {
				ref = *c.Ref
			}
			where := "§" + orDash(c.Section)
			if c.Footnote != nil {
				where += fmt.Sprintf(", footnote %d", *c.Footnote)
			}
			name := c.Type
			if c.Title != "" {
				name = c.Title
			}
			fmt.Fprintf(w, "  %-22s %-12s %-10s %s  (%s)\n", ref, name, orDash(c.Date), c.Issuer, where)
		}
	}
	if len(r.Counts) > 0 {
		fmt.Fprintf(w, "\nCounts (%d)\n", len(r.Counts))
		for _, c := range r.Counts {
			nested := ""
			if c.Nested {
				nested = " (part of a larger count)"
			}
			fmt.Fprintf(w, "  %-15s %8d %s  §%s%s\n", c.Kind, c.Value, c.Unit, orDash(c.Section), nested)
		}
	}
	if len(r.Diagnostics) > 0 {
		fmt.Fprintf(w, "\nDiagnostics (%d)\n", len(r.Diagnostics))
		for _, d := range r.Diagnostics {
			fmt.Fprintf(w, "  %-8s %-28s %s\n", d.Severity, d.Code, pipeline.CleanMessage(d.Message))
		}
	}
}

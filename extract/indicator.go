package extract

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Indicators are named, comparable measures ("dossier.online_pct": the rate
// of dossiers received online) as opposed to counts, which only say what
// noun a number counts. The catalogue of indicators is data
// (data/indicators.yaml, overridable by a file); indicator_find.go reads
// their values from the text, indicator_table.go from appendix tables.

//go:embed data/indicators.yaml
var defaultIndicatorsYAML []byte

// IndicatorKind is what sort of measure an indicator is.
type IndicatorKind string

// Indicator kinds.
const (
	IndicatorCount IndicatorKind = "count" // a number of things
	IndicatorRate  IndicatorKind = "rate"  // a percentage
	IndicatorScore IndicatorKind = "score" // an index score (points or %)
	IndicatorRank  IndicatorKind = "rank"  // a position, of OutOf
)

// Indicator scopes: what time a value covers.
const (
	ScopePeriod     = "period"     // the reporting period
	ScopeStock      = "stock"      // a standing total
	ScopeCumulative = "cumulative" // since the start of the year
)

// IndicatorDef is one entry of the catalogue (see data/indicators.yaml for
// the meaning of each field).
type IndicatorDef struct {
	ID            string        `yaml:"id" json:"id"`
	Label         string        `yaml:"label" json:"label"`
	LabelEN       string        `yaml:"label_en" json:"label_en,omitempty"`
	Unit          string        `yaml:"unit" json:"unit"`
	Kind          IndicatorKind `yaml:"kind" json:"kind"`
	Scope         string        `yaml:"scope" json:"scope"`
	Area          string        `yaml:"area" json:"area,omitempty"`
	Units         []string      `yaml:"units" json:"units,omitempty"`
	Phrases       [][]string    `yaml:"phrases" json:"phrases,omitempty"`
	Not           []string      `yaml:"not" json:"not,omitempty"`
	PartOf        string        `yaml:"part_of" json:"part_of,omitempty"`
	RefYear       string        `yaml:"ref_year" json:"ref_year,omitempty"`
	Reconstructed bool          `yaml:"reconstructed" json:"reconstructed,omitempty"`
	// Compare puts the indicator in the default set of a comparison.
	Compare bool `yaml:"compare" json:"compare,omitempty"`
}

// Catalogue is a validated list of indicators with its compiled matcher.
// It is read-only after it is built, so one Catalogue is safe for
// concurrent use.
type Catalogue struct {
	defs []IndicatorDef
	byID map[string]int
	m    *indMatcher
	// scans holds the buffers of finished indicator scans (*indScan).
	scans sync.Pool
}

type catalogueFile struct {
	Indicators []IndicatorDef `yaml:"indicators"`
	// Remove drops built-in indicators by id (only in an override file).
	Remove []string `yaml:"remove"`
}

var reIndicatorID = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// DefaultCatalogue returns the built-in indicator catalogue.
func DefaultCatalogue() (*Catalogue, error) {
	f, err := decodeCatalogue(defaultIndicatorsYAML)
	if err != nil {
		return nil, fmt.Errorf("built-in indicator catalogue: %w", err)
	}
	return newCatalogue(f.Indicators)
}

// LoadCatalogue reads an indicator file and merges it over the built-in
// catalogue: an indicator with a built-in id replaces it, a new id is
// added at the end, and ids under "remove" are dropped.
func LoadCatalogue(path string) (*Catalogue, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("indicator catalogue: %w", err)
	}
	c, err := MergeCatalogue(data)
	if err != nil {
		return nil, fmt.Errorf("indicator catalogue %s: %w", path, err)
	}
	return c, nil
}

// MergeCatalogue is LoadCatalogue on the file's content.
func MergeCatalogue(data []byte) (*Catalogue, error) {
	base, err := decodeCatalogue(defaultIndicatorsYAML)
	if err != nil {
		return nil, err
	}
	over, err := decodeCatalogue(data)
	if err != nil {
		return nil, err
	}
	defs := base.Indicators
	drop := map[string]bool{}
	for _, id := range over.Remove {
		drop[id] = true
	}
	pos := map[string]int{}
	for i, d := range defs {
		pos[d.ID] = i
	}
	for _, d := range over.Indicators {
		if i, ok := pos[d.ID]; ok {
			defs[i] = d
			continue
		}
		pos[d.ID] = len(defs)
		defs = append(defs, d)
	}
	out := defs[:0]
	for _, d := range defs {
		if !drop[d.ID] {
			out = append(out, d)
		}
	}
	return newCatalogue(out)
}

func decodeCatalogue(data []byte) (*catalogueFile, error) {
	var f catalogueFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	return &f, nil
}

func newCatalogue(defs []IndicatorDef) (*Catalogue, error) {
	c := &Catalogue{defs: defs, byID: map[string]int{}}
	for i, d := range defs {
		if !reIndicatorID.MatchString(d.ID) {
			return nil, fmt.Errorf("indicator %q: id must be dotted lower-case words (dossier.online_pct)", d.ID)
		}
		if _, dup := c.byID[d.ID]; dup {
			return nil, fmt.Errorf("indicator %s: listed twice", d.ID)
		}
		c.byID[d.ID] = i
		if strings.TrimSpace(d.Label) == "" {
			return nil, fmt.Errorf("indicator %s: no label", d.ID)
		}
		switch d.Kind {
		case IndicatorCount:
			if len(d.Units) == 0 {
				return nil, fmt.Errorf("indicator %s: a count needs its unit nouns (units)", d.ID)
			}
		case IndicatorRate, IndicatorScore, IndicatorRank:
			if len(d.Phrases) == 0 {
				return nil, fmt.Errorf("indicator %s: a %s needs phrases", d.ID, d.Kind)
			}
		default:
			return nil, fmt.Errorf("indicator %s: kind %q is not count, rate, score or rank", d.ID, d.Kind)
		}
		switch d.Scope {
		case ScopePeriod, ScopeStock, ScopeCumulative:
		default:
			return nil, fmt.Errorf("indicator %s: scope %q is not period, stock or cumulative", d.ID, d.Scope)
		}
		if d.RefYear != "" && d.RefYear != "previous" && d.RefYear != "same" {
			return nil, fmt.Errorf("indicator %s: ref_year %q is not previous or same", d.ID, d.RefYear)
		}
		for _, p := range d.Phrases {
			if len(p) == 0 {
				return nil, fmt.Errorf("indicator %s: an empty phrase", d.ID)
			}
		}
	}
	for _, d := range defs {
		if d.PartOf != "" {
			if _, ok := c.byID[d.PartOf]; !ok {
				return nil, fmt.Errorf("indicator %s: part_of %q is not in the catalogue", d.ID, d.PartOf)
			}
		}
	}
	c.m = compileIndicators(defs)
	return c, nil
}

// Defs returns the indicators in catalogue order (read-only).
func (c *Catalogue) Defs() []IndicatorDef { return c.defs }

// Def returns the indicator with id.
func (c *Catalogue) Def(id string) (IndicatorDef, bool) {
	i, ok := c.byID[id]
	if !ok {
		return IndicatorDef{}, false
	}
	return c.defs[i], true
}

// Select returns the indicators of ids in that order; no ids means the
// default comparison set (compare: true), "all" every indicator. An
// unknown id is an error naming the valid ones.
func (c *Catalogue) Select(ids []string) ([]IndicatorDef, error) {
	var out []IndicatorDef
	if len(ids) == 0 {
		for _, d := range c.defs {
			if d.Compare {
				out = append(out, d)
			}
		}
		return out, nil
	}
	if len(ids) == 1 && ids[0] == "all" {
		return append(out, c.defs...), nil
	}
	seen := map[string]bool{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id == "" || seen[id] {
			continue
		}
		d, ok := c.Def(id)
		if !ok {
			valid := make([]string, len(c.defs))
			for i, d := range c.defs {
				valid[i] = d.ID
			}
			return nil, fmt.Errorf("unknown indicator %q; valid: %s", id, strings.Join(valid, ", "))
		}
		seen[id] = true
		out = append(out, d)
	}
	return out, nil
}

// IndicatorSource says where in the report a value was read.
type IndicatorSource string

// Sources of indicator values.
const (
	SourceBody     IndicatorSource = "body"
	SourceFootnote IndicatorSource = "footnote"
	SourceTable    IndicatorSource = "table"
)

// Indicator is one value of a catalogue indicator stated in a report.
type Indicator struct {
	// Indicator is the catalogue id ("dossier.received").
	Indicator string  `json:"indicator"`
	Value     float64 `json:"value"`
	// OutOf is the size of the ranking of a rank (11 of 63), else absent.
	OutOf float64 `json:"out_of,omitempty"`
	Unit  string  `json:"unit"`
	// RefYear is the year an index refers to: as stated, else the year
	// before the report's period.
	RefYear int             `json:"ref_year,omitempty"`
	Source  IndicatorSource `json:"source"`
	// Footnote is the footnote number of a value read from a footnote.
	Footnote int    `json:"footnote,omitempty"`
	Section  string `json:"section"`
	// Text is the sentence (or table row) the value was read from; Span
	// covers the number and its unit.
	Text string `json:"text"`
	Span Span   `json:"span"`
	// Nested is true for a part of another value ("trong đó …").
	Nested bool `json:"nested"`
	// Conflict is true when the report states another value for the same
	// indicator (a diagnostic names both places).
	Conflict bool `json:"conflict,omitempty"`
	// Mentions are the other places stating the same value.
	Mentions []Span `json:"mentions,omitempty"`
}

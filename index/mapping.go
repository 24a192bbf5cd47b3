package index

import (
	"github.com/blevesearch/bleve/v2/mapping"
)

// mappingVersion is stored in the index; Open refuses an index built with
// another version, because queries would name fields it does not have.
// Bump it on every change to the fields below (and rebuild the index).
const mappingVersion = "baocao-index-2"

// Bleve document types (the "type" field).
const (
	typeSection = "section"
	typeReport  = "report"
)

// Field names. Fields shared by both document types come first.
const (
	fieldType         = "type"          // keyword: "section" or "report"
	fieldReportID     = "report_id"     // keyword, stored; facet source for report-level counts
	fieldSource       = "source"        // stored only: the source path
	fieldProvince     = "province"      // keyword, stored: display form, canonical tones
	fieldProvinceKey  = "province_key"  // keyword: provinceKey (SearchKey, no "tỉnh" prefix)
	fieldProvinceFold = "province_fold" // keyword: provinceFold (no diacritics)
	fieldPeriod       = "period"        // keyword, stored: Period.Label (2023-Q1)
	fieldPeriodKind   = "period_kind"   // keyword: quarter, half_year…
	fieldYear         = "year"          // numeric
	fieldDocType      = "doc_type"      // keyword
	fieldRefs         = "refs"          // keyword array: canonical citation refs (NFC)
	fieldFindings     = "findings"      // keyword array: rule ids of the report's compliance findings

	// Section documents.
	fieldSection          = "section"            // keyword, stored: section path ("II.1", "" = intro)
	fieldSectionTitle     = "section_title"      // vi, stored
	fieldSectionTitleFold = "section_title_fold" // vi_fold, same value
	fieldText             = "text"               // vi, stored: the section's own text
	fieldTextFold         = "text_fold"          // vi_fold, same value, not stored
	fieldNotes            = "notes"              // vi, stored: footnotes anchored in the section
	fieldNotesFold        = "notes_fold"         // vi_fold, same value, not stored

	// Report documents.
	fieldNumber         = "number"          // keyword: số/ký hiệu of the report itself
	fieldDate           = "date"            // keyword: ISO date
	fieldTitle          = "title"           // vi
	fieldTitleFold      = "title_fold"      // vi_fold
	fieldIssuer         = "issuer"          // vi
	fieldIssuerFold     = "issuer_fold"     // vi_fold
	fieldRecipients     = "recipients"      // vi
	fieldRecipientsFold = "recipients_fold" // vi_fold
	fieldCounts         = "counts"          // object: counts.<kind> numeric, sum of non-nested counts
	fieldSummary        = "summary"         // stored only: Summary JSON
	fieldJSON           = "json"            // stored only: the full Report JSON
)

// newMapping builds the index mapping in code: no dynamic fields, no _all
// fallback to Bleve's standard analyzer (its English stop words delete
// "An" in "Nghệ An"), vi as the default analyzer.
func newMapping() (*mapping.IndexMappingImpl, error) {
	registerAnalysis()
	im := mapping.NewIndexMapping()
	im.TypeField = fieldType
	im.DefaultAnalyzer = analyzerVi
	im.DefaultField = fieldText
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	if err := im.AddCustomTokenFilter(filterKey, map[string]any{"type": filterTypeKey}); err != nil {
		return nil, err
	}
	if err := im.AddCustomTokenFilter(filterFold, map[string]any{"type": filterTypeFold}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(analyzerVi, map[string]any{
		"type":          "custom",
		"tokenizer":     "unicode",
		"token_filters": []any{filterKey},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(analyzerViFold, map[string]any{
		"type":          "custom",
		"tokenizer":     "unicode",
		"token_filters": []any{filterKey, filterFold},
	}); err != nil {
		return nil, err
	}

	// Documents of an unknown type are not indexed at all.
	im.DefaultMapping = closedMapping()
	im.DefaultMapping.Enabled = false

	section := closedMapping()
	addCommon(section)
	section.AddFieldMappingsAt(fieldSection, keyword(fieldSection, true, false))
	section.AddFieldMappingsAt(fieldSectionTitle, text(fieldSectionTitle, analyzerVi, true), text(fieldSectionTitleFold, analyzerViFold, false))
	section.AddFieldMappingsAt(fieldText, text(fieldText, analyzerVi, true), text(fieldTextFold, analyzerViFold, false))
	section.AddFieldMappingsAt(fieldNotes, text(fieldNotes, analyzerVi, true), text(fieldNotesFold, analyzerViFold, false))
	im.AddDocumentMapping(typeSection, section)

	report := closedMapping()
	addCommon(report)
	report.AddFieldMappingsAt(fieldNumber, keyword(fieldNumber, false, false))
	report.AddFieldMappingsAt(fieldDate, keyword(fieldDate, false, false))
	report.AddFieldMappingsAt(fieldTitle, text(fieldTitle, analyzerVi, false), text(fieldTitleFold, analyzerViFold, false))
	report.AddFieldMappingsAt(fieldIssuer, text(fieldIssuer, analyzerVi, false), text(fieldIssuerFold, analyzerViFold, false))
	report.AddFieldMappingsAt(fieldRecipients, text(fieldRecipients, analyzerVi, false), text(fieldRecipientsFold, analyzerViFold, false))
	counts := closedMapping()
	for _, k := range countKinds() {
		fm := mapping.NewNumericFieldMapping()
		fm.IncludeInAll = false
		fm.DocValues = false
		counts.AddFieldMappingsAt(k, fm)
	}
	report.AddSubDocumentMapping(fieldCounts, counts)
	report.AddFieldMappingsAt(fieldSummary, storedOnly(fieldSummary))
	report.AddFieldMappingsAt(fieldJSON, storedOnly(fieldJSON))
	im.AddDocumentMapping(typeReport, report)

	if err := im.Validate(); err != nil {
		return nil, err
	}
	return im, nil
}

// addCommon maps the fields both document types carry.
func addCommon(dm *mapping.DocumentMapping) {
	dm.AddFieldMappingsAt(fieldType, keyword(fieldType, false, false))
	dm.AddFieldMappingsAt(fieldReportID, keyword(fieldReportID, true, true))
	dm.AddFieldMappingsAt(fieldSource, storedOnly(fieldSource))
	dm.AddFieldMappingsAt(fieldProvince, keyword(fieldProvince, true, true))
	dm.AddFieldMappingsAt(fieldProvinceKey, keyword(fieldProvinceKey, false, false))
	dm.AddFieldMappingsAt(fieldProvinceFold, keyword(fieldProvinceFold, false, false))
	dm.AddFieldMappingsAt(fieldPeriod, keyword(fieldPeriod, true, true))
	dm.AddFieldMappingsAt(fieldPeriodKind, keyword(fieldPeriodKind, false, false))
	dm.AddFieldMappingsAt(fieldDocType, keyword(fieldDocType, false, false))
	dm.AddFieldMappingsAt(fieldRefs, keyword(fieldRefs, false, false))
	dm.AddFieldMappingsAt(fieldFindings, keyword(fieldFindings, false, false))
	year := mapping.NewNumericFieldMapping()
	year.IncludeInAll = false
	year.DocValues = false
	dm.AddFieldMappingsAt(fieldYear, year)
}

func closedMapping() *mapping.DocumentMapping {
	dm := mapping.NewDocumentMapping()
	dm.Dynamic = false
	return dm
}

// keyword is an exact-match field; docValues is needed only for facets.
func keyword(name string, store, docValues bool) *mapping.FieldMapping {
	fm := mapping.NewKeywordFieldMapping()
	fm.Name = name
	fm.Store = store
	fm.DocValues = docValues
	fm.IncludeInAll = false
	fm.IncludeTermVectors = false
	return fm
}

// text is an analyzed field with term vectors (phrases, hit locations).
func text(name, analyzer string, store bool) *mapping.FieldMapping {
	fm := mapping.NewTextFieldMapping()
	fm.Name = name
	fm.Analyzer = analyzer
	fm.Store = store
	fm.IncludeInAll = false
	fm.IncludeTermVectors = true
	fm.DocValues = false
	return fm
}

// storedOnly keeps a value for retrieval without indexing it.
func storedOnly(name string) *mapping.FieldMapping {
	fm := mapping.NewTextFieldMapping()
	fm.Name = name
	fm.Index = false
	fm.Store = true
	fm.IncludeInAll = false
	fm.IncludeTermVectors = false
	fm.DocValues = false
	return fm
}

package index

import (
	"github.com/blevesearch/bleve/v2/mapping"
)

// mappingVersion is stored in the index; Open refuses an index built with
// another version, because queries would name fields it does not have.
// Bump it on every change to the fields below (and rebuild the index).
const mappingVersion = "baocao-index-5"

// Bleve document types (the "type" field).
const (
	typeSection = "section"
	typeReport  = "report"
	// typeRendition documents store one file of a report, whole, for
	// rebuilding it (renditions.go); never searched.
	typeRendition = "rendition"
	// typeCite documents are one (report, cited document) pair each
	// (documents.go); never searched as text.
	typeCite = "cite"
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
	fieldDate         = "date"          // keyword, doc values: ISO date of the report (sort, --from/--to)
	fieldAbbr         = "abbr"          // keyword array: one abbreviation key per mention of either form (abbrevSet)

	// Section documents.
	fieldSection          = "section"            // keyword, stored: section path ("II.1", "" = intro)
	fieldReportRefs       = "report_refs"        // keyword array: every ref the report cites, and its own number (so:)
	fieldSectionTitle     = "section_title"      // vi, stored
	fieldSectionTitleFold = "section_title_fold" // vi_fold, same value
	fieldText             = "text"               // vi, stored: the section's own text
	fieldTextFold         = "text_fold"          // vi_fold, same value, not stored
	fieldNotes            = "notes"              // vi, stored: footnotes anchored in the section
	fieldNotesFold        = "notes_fold"         // vi_fold, same value, not stored
	fieldTextPairs        = "text_pairs"         // vi_pairs of the heading, text and footnotes (pairs never span them)

	// Report documents.
	fieldNumber         = "number"          // keyword: số/ký hiệu of the report itself
	fieldBody           = "body"            // vi, not stored: the whole report text (ranks reports)
	fieldBodyFold       = "body_fold"       // vi_fold, with positions for phrases
	fieldBodyPairs      = "body_pairs"      // vi_pairs
	fieldTitle          = "title"           // vi
	fieldTitleFold      = "title_fold"      // vi_fold
	fieldIssuer         = "issuer"          // vi
	fieldIssuerFold     = "issuer_fold"     // vi_fold
	fieldRecipients     = "recipients"      // vi
	fieldRecipientsFold = "recipients_fold" // vi_fold
	fieldCounts         = "counts"          // object: counts.<kind> numeric, sum of non-nested counts
	fieldSummary        = "summary"         // stored only: Summary JSON
	fieldJSON           = "json"            // stored only: the full Report JSON
	fieldIdent          = "ident"           // keyword: identKey (province|number)
	fieldReplaces       = "replaces"        // keyword array: identKeys of the reports it says it replaces
	fieldShas           = "shas"            // keyword array: SHA-256 of every rendition (old ids resolve)

	// Rendition documents (and report_id, json).
	fieldSHA  = "sha"  // keyword: the file's SHA-256
	fieldPath = "path" // keyword: the file's path

	// Cite documents (and report_id, province*, period, year, summary).
	fieldDocKey = "doc_key" // keyword, faceted: extract.DocumentKey
	fieldScope  = "scope"   // keyword: national or local
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
	// BM25 saturates term frequency: a long report repeating a word does
	// not outrank one about it.
	im.ScoringModel = "bm25"
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	if err := im.AddCustomTokenFilter(filterKey, map[string]any{"type": filterTypeKey}); err != nil {
		return nil, err
	}
	if err := im.AddCustomTokenFilter(filterFold, map[string]any{"type": filterTypeFold}); err != nil {
		return nil, err
	}
	if err := im.AddCustomTokenFilter(filterExact, map[string]any{"type": filterTypeExact}); err != nil {
		return nil, err
	}
	if err := im.AddCustomTokenFilter(filterPairs, map[string]any{"type": filterTypePairs}); err != nil {
		return nil, err
	}
	for name, filters := range map[string][]any{
		analyzerVi:      {filterExact},
		analyzerViFold:  {filterKey, filterFold},
		analyzerViPairs: {filterKey, filterFold, filterPairs},
	} {
		if err := im.AddCustomAnalyzer(name, map[string]any{
			"type":          "custom",
			"tokenizer":     tokenizerVi,
			"token_filters": filters,
		}); err != nil {
			return nil, err
		}
	}

	// Documents of an unknown type are not indexed at all.
	im.DefaultMapping = closedMapping()
	im.DefaultMapping.Enabled = false

	section := closedMapping()
	addCommon(section)
	section.AddFieldMappingsAt(fieldSection, keyword(fieldSection, true, false))
	section.AddFieldMappingsAt(fieldReportRefs, keyword(fieldReportRefs, false, false))
	section.AddFieldMappingsAt(fieldSectionTitle, text(fieldSectionTitle, analyzerVi, true), text(fieldSectionTitleFold, analyzerViFold, false))
	section.AddFieldMappingsAt(fieldText, text(fieldText, analyzerVi, true), text(fieldTextFold, analyzerViFold, false))
	section.AddFieldMappingsAt(fieldTextPairs, terms(fieldTextPairs, analyzerViPairs))
	section.AddFieldMappingsAt(fieldNotes, text(fieldNotes, analyzerVi, true), text(fieldNotesFold, analyzerViFold, false))
	im.AddDocumentMapping(typeSection, section)

	report := closedMapping()
	addCommon(report)
	report.AddFieldMappingsAt(fieldNumber, keyword(fieldNumber, false, false))
	body := terms(fieldBody, analyzerVi)
	report.AddFieldMappingsAt(fieldBody, body, text(fieldBodyFold, analyzerViFold, false), terms(fieldBodyPairs, analyzerViPairs))
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
	report.AddFieldMappingsAt(fieldIdent, keyword(fieldIdent, false, false))
	report.AddFieldMappingsAt(fieldReplaces, keyword(fieldReplaces, false, false))
	report.AddFieldMappingsAt(fieldShas, keyword(fieldShas, false, false))
	im.AddDocumentMapping(typeReport, report)

	rend := closedMapping()
	rend.AddFieldMappingsAt(fieldType, keyword(fieldType, false, false))
	rend.AddFieldMappingsAt(fieldReportID, keyword(fieldReportID, true, false))
	rend.AddFieldMappingsAt(fieldSHA, keyword(fieldSHA, false, false))
	rend.AddFieldMappingsAt(fieldPath, keyword(fieldPath, true, false))
	rend.AddFieldMappingsAt(fieldJSON, storedOnly(fieldJSON))
	im.AddDocumentMapping(typeRendition, rend)

	cite := closedMapping()
	addCommon(cite)
	cite.AddFieldMappingsAt(fieldDocKey, keyword(fieldDocKey, false, true))
	cite.AddFieldMappingsAt(fieldScope, keyword(fieldScope, false, false))
	cite.AddFieldMappingsAt(fieldSummary, storedOnly(fieldSummary))
	im.AddDocumentMapping(typeCite, cite)

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
	dm.AddFieldMappingsAt(fieldDate, keyword(fieldDate, true, true))
	dm.AddFieldMappingsAt(fieldAbbr, keyword(fieldAbbr, false, false))
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

// terms is an analyzed field searched by term only: no positions, so no
// phrases and no highlights, at a fraction of the size.
func terms(name, analyzer string) *mapping.FieldMapping {
	fm := text(name, analyzer, false)
	fm.IncludeTermVectors = false
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

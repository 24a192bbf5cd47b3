package extract

import _ "embed"

//go:embed report.schema.json
var reportSchema []byte

// ReportSchema returns the JSON Schema (draft 2020-12) of a Report's JSON
// form, the contract of `baocao extract -o json`.
func ReportSchema() []byte { return append([]byte(nil), reportSchema...) }

package extract

import (
	"sort"
	"strings"
)

// DocTypeName returns the canonical name of a document type written any
// way (case, tone placement, diacritics, or its code: "bao cao", "BC" →
// "Báo cáo"); ok is false when s names no type. Search filters use it.
func DocTypeName(s string) (string, bool) {
	f := Fold(s)
	for key, name := range docTypeTable.words {
		if name != "" && Fold(key) == f {
			return name, true
		}
	}
	if name, ok := docTypeTable.state[strings.ToUpper(Normalize(s))]; ok {
		return name, true
	}
	return "", false
}

// DocTypeNames lists the canonical names of the document types, sorted.
func DocTypeNames() []string {
	var out []string
	for _, name := range docTypeTable.words {
		if name != "" {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

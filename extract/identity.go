package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
)

// A report is identified by what it is, not by its bytes: the province
// that issued it, its số/ký hiệu, its date and its type. A province sends
// the same report as a signed PDF and as a DOCX (and sometimes Markdown):
// those files are renditions of one report and must get one id.
//
// ReportIdentity returns that identity as a readable key
// ("ubnd tinh khanh hoa|31/BC-UBND|2023-03-15|bao cao") and ok=true when
// the header gives all four parts; a blank number ("/BC-UBND"), a missing
// date or an unknown issuer and province make the identity incomplete, and
// the report falls back to its content hash (ReportID).
func ReportIdentity(m Meta) (key string, ok bool) {
	// The issuer's gazetteer name when known ("UBND tỉnh Khánh Hòa"), else
	// the province: two bodies of one province never share a symbol, so
	// the province is enough when the issuer is not in the gazetteer.
	province := Fold(strings.TrimSpace(m.IssuerCanonical))
	if province == "" {
		province = Fold(strings.TrimSpace(m.Province))
	}
	number := ""
	if c, ok := CanonicalRef(m.Number); ok {
		number = c
	}
	if province == "" || number == "" || m.Date == "" {
		return "", false
	}
	docType := Fold(strings.TrimSpace(m.DocType))
	if docType == "" {
		docType = "van ban"
	}
	return province + "|" + number + "|" + m.Date + "|" + docType, true
}

// IdentityID is the report id of an identity key: the first 16 hex digits
// of SHA-256("baocao-report\x00" + key). The prefix keeps identity ids
// apart from content-hash ids, which are prefixes of a file's SHA-256.
func IdentityID(key string) string {
	sum := sha256.Sum256([]byte("baocao-report\x00" + key))
	return hex.EncodeToString(sum[:8])
}

// reportIDOf is the id of a report: its identity when the header is
// complete, else the content hash of its source.
func reportIDOf(r *Report) (id, identity string) {
	if key, ok := ReportIdentity(r.Meta); ok {
		return IdentityID(key), key
	}
	return ReportID(r.Source.SHA256), ""
}

// Removal names what to take out of an index: the rendition of report
// ReportID read from Path or, with Path empty, the whole report.
type Removal struct {
	ReportID string `json:"report_id"`
	Path     string `json:"path,omitempty"`
}

// reReplaces finds "thay thế Báo cáo số 12/BC-UBND" (and "thay thế cho
// Báo cáo 12/BC-UBND ngày …"): a corrected report naming the one it
// replaces.
var reReplaces = regexp.MustCompile(`(?i)thay\s+thế(?:\s+cho)?\s+(?:báo\s+cáo|bc)\s+(?:số\s*:?\s*)?([0-9][0-9a-z]*\s*/\s*[^\s,;.)]+)`)

// ReplacedNumbers returns the canonical numbers of the reports this text
// says it replaces, in order, without repeats.
func ReplacedNumbers(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range reReplaces.FindAllStringSubmatch(Normalize(text), -1) {
		c, ok := CanonicalRef(strings.ReplaceAll(m[1], " ", ""))
		if ok && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// Cited documents. A cited document is its canonical ref plus its issuing
// authority: national symbols (NĐ-CP, QĐ-TTg, TT-BNV, /QH15, -NQ/TW…) are
// unique in the country, local ones (QĐ-UBND, KH-UBND, NQ-HĐND, /TU,
// SNV-…) belong to one province, and every province numbers its decisions
// from 1 each year, so the year separates two documents of one authority
// with one ref.

// nationalIssuers are issuer codes of central bodies; ministries are
// matched by shape (see nationalCode).
var nationalIssuers = map[string]bool{
	"CP": true, "TTG": true, "VPCP": true, "TW": true, "VPTW": true, "BCT": true,
	"TANDTC": true, "VKSNDTC": true, "KTNN": true, "NHNN": true, "MTTQVN": true,
	"BTCTW": true, "UBKTTW": true, "BBT": true, "BCĐTW": true,
}

// localIssuers are the issuer codes of a province's own bodies that would
// otherwise look like a ministry code ("B…"): BQL (ban quản lý), BCĐ (ban
// chỉ đạo of the province).
var localIssuers = map[string]bool{"BQL": true, "BCĐ": true, "BTV": true, "BDT": true, "BTG": true}

var reQH = regexp.MustCompile(`^(UBTV)?QH\d*$`)

// nationalCode reports whether one symbol part names a central body.
func nationalCode(p string) bool {
	up := strings.ToUpper(p)
	if nationalIssuers[up] || reQH.MatchString(up) {
		return true
	}
	if localIssuers[up] {
		return false
	}
	// Ministries: BNV, BTC, BTP, BKHĐT, BTTTT, BLĐTBXH… A type code that
	// starts with B (BC, BB) is not an issuer.
	if len(up) >= 3 && up[0] == 'B' && docTypeTable.state[up] == "" {
		for _, r := range up {
			if !(r >= 'A' && r <= 'Z' || r == 'Đ') {
				return false
			}
		}
		return true
	}
	return false
}

// NationalSymbol reports whether a symbol ("NĐ-CP", "QĐ-UBND",
// "BNV-CCHC", "NQ/TW", "QH15") is issued by a central body.
func NationalSymbol(symbol string) bool {
	parts := strings.FieldsFunc(Normalize(symbol), func(r rune) bool { return r == '-' || r == '/' })
	// A year inside the ref ("2021/NĐ-CP") is not part of the symbol.
	for len(parts) > 0 && citeAllDigits(parts[0]) {
		parts = parts[1:]
	}
	if len(parts) == 0 {
		return false
	}
	// TYPE-ISSUER[-UNIT] ("QĐ-UBND", "NQ/TW") or, for a công văn,
	// ISSUER-UNIT ("BNV-CCHC", "UBND-NC"): the first part that is not a
	// type code names the issuer.
	issuer := parts[0]
	if up := strings.ToUpper(issuer); len(parts) > 1 && (docTypeTable.state[up] != "" || docTypeTable.party[up] != "") {
		issuer = parts[1]
	}
	return nationalCode(issuer)
}

// DocumentKey identifies the document a citation cites. citing is the
// province of the citing report; g finds a province named in the
// citation's issuer ("UBND tỉnh Ninh Thuận"). The key is readable and
// URL-safe: scope, ref and year joined by "~", the ref folded to ASCII
// lower case with "/" written as "_":
//
//	vn~30_2020_nd-cp~2020           a decree (national)
//	khanh-hoa~512_qd-ubnd~2023      a decision of Khánh Hòa's UBND
//	khanh-hoa~512_qd-ubnd~          the same ref, year unknown
//
// ok is false for a citation without a ref (a law cited by name) and for
// a local document whose province is unknown.
func DocumentKey(c Citation, citing string, g *Gazetteer) (key string, national, ok bool) {
	if c.Ref == nil || *c.Ref == "" {
		return "", false, false
	}
	ref := *c.Ref
	national = NationalSymbol(c.Symbol)
	if c.Symbol == "" {
		if i := strings.IndexByte(ref, '/'); i >= 0 {
			national = NationalSymbol(ref[i+1:])
		}
	}
	scope := "vn"
	if !national {
		province := ""
		for _, issuer := range []string{c.IssuerCanonical, c.Issuer} {
			if g != nil && issuer != "" && province == "" {
				province, _, _ = g.Find(issuer)
			}
		}
		if province == "" {
			province = citing
		}
		if scope = keyPart(province); scope == "" {
			return "", false, false
		}
	}
	year := ""
	if len(c.Date) >= 4 && citeAllDigits(c.Date[:4]) {
		year = c.Date[:4]
	} else if y := refYear(ref); y != "" {
		year = y
	}
	refKey := keyPart(ref)
	if refKey == "" {
		return "", false, false
	}
	return scope + "~" + refKey + "~" + year, national, true
}

// keyPart is s as a part of a document key: its slug with "/" written as
// "_", or "" when it folds to nothing or to characters a key or a URL
// path cannot carry (such a name identifies no document we can link to).
func keyPart(s string) string {
	k := strings.ReplaceAll(Slug(s), "/", "_")
	if strings.ContainsAny(k, "~?#%\\") {
		return ""
	}
	return k
}

// refYear is the year written inside a ref ("30/2020/NĐ-CP" → "2020").
func refYear(ref string) string {
	for _, p := range strings.Split(ref, "/") {
		if len(p) == 4 {
			if y, err := strconv.Atoi(p); err == nil && y >= 1945 && y <= 2100 {
				return p
			}
		}
	}
	return ""
}

// Slug folds s to ASCII lower case with "-" for spaces: "Khánh Hòa" →
// "khanh-hoa", "512/QĐ-UBND" → "512/qd-ubnd".
func Slug(s string) string {
	return strings.Join(strings.Fields(Fold(s)), "-")
}

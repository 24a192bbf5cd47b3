package pipeline_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/google/go-cmp/cmp"
)

const seedPath = "../../shared/seeds/khanh-hoa-q1-2023-page1.md"

var (
	reSup     = regexp.MustCompile(`<sup>(\d+)</sup>`)
	reSupLine = regexp.MustCompile(`(?m)^<sup>(\d+)</sup> `)
	reHashes  = regexp.MustCompile(`(?m)^#+ `)
)

// TestSeedVariants: the users' page, rewritten the ways real submissions
// differ (decomposed Unicode, the other tone-mark style, Windows line ends
// and BOM, non-breaking hyphens, plain text with glued footnote marks and
// trailing notes), gives the same facts every time.
func TestSeedVariants(t *testing.T) {
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("the seed page is not beside the checkout (%v); CI copies shared/ there", err)
	}
	seed := string(data)
	plain := reSupLine.ReplaceAllString(seed, "$1 ")
	plain = reSup.ReplaceAllString(plain, "$1")
	plain = reHashes.ReplaceAllString(plain, "")
	variants := map[string]string{
		"as sent.md":        seed,
		"nfd.md":            norm.NFD.String(seed),
		"new tone style.md": strings.NewReplacer("Hòa", "Hoà", "hóa", "hoá", "Ủy", "Uỷ").Replace(seed),
		"crlf bom.md":       "\uFEFF" + strings.ReplaceAll(seed, "\n", "\r\n"),
		"nb hyphens.md":     strings.NewReplacer("QĐ-UBND", "QĐ\u2011UBND", "BNV-CCHC", "BNV\u2011CCHC").Replace(seed),
		"plain.txt":         plain,
	}
	p := newTestPipeline(t)
	var want *facts
	for _, name := range []string{"as sent.md", "nfd.md", "new tone style.md", "crlf bom.md", "nb hyphens.md", "plain.txt"} {
		r, err := p.Process(context.Background(), name, []byte(variants[name]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		f := factsOf(r)
		if want == nil {
			want = &f
			if f.Province != "Khánh Hòa" || f.Period != "2023-Q1" || len(f.Citations) != 4 || len(f.Counts) != 4 {
				t.Fatalf("the seed itself: %+v", f)
			}
			continue
		}
		if d := cmp.Diff(*want, f); d != "" {
			t.Errorf("%s differs from the seed as sent (-seed +variant):\n%s", name, d)
		}
	}
}

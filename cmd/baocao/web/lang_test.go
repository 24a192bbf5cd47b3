package web

import (
	"bytes"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
)

// allowedTokens may stay untranslated on a Vietnamese page: ids, formats,
// and the rule ids of findings (shown in <code>, and in words here).
var allowedTokens = []string{"baocao json csv xlsx sha",
	"late-submission missing-section section-order numbering-gap footnote-missing-text footnote-unreferenced",
	"header-missing-number header-missing-date header-missing-recipient period-mismatch period-unknown citation-bad-date"}

var (
	reHidden = regexp.MustCompile(`(?is)<(script|style|svg|code)[^>]*>.*?</(script|style|svg|code)>`)
	reTag    = regexp.MustCompile(`(?s)<[^>]*>`)
)

// untranslated lists the English words in a page's visible text.
func untranslated(page string) []string {
	text := html.UnescapeString(reTag.ReplaceAllString(reHidden.ReplaceAllString(page, " "), " "))
	return i18n.EnglishWords(text, allowedTokens...)
}

// TestEveryPageSpeaksTheConfiguredLanguage walks every page — listing,
// search with hits and without, a report, comparison and compliance with
// and without reports, the ingest page before and after an upload, error
// pages — with lang vi, and finds no English word of the catalogue on
// them; with lang en, the pages are in English.
func TestEveryPageSpeaksTheConfiguredLanguage(t *testing.T) {
	if words := untranslated("<p>Report not found; the server answered 500</p>"); len(words) == 0 {
		t.Fatal("the check finds no English in an English sentence")
	}
	for _, lang := range []string{"vi", "en"} {
		t.Run(lang, func(t *testing.T) {
			env := newTestEnvLang(t, lang, testToken, sampleDocs...)
			sums, err := env.ix.Reports(t.Context(), index.Filter{})
			if err != nil || len(sums) == 0 {
				t.Fatal(err)
			}
			pages := []string{"/", "/?q=cai+cach+the+che", "/?q=zzqxv", "/?q=TTHC&province=Kh%C3%A1nh+H%C3%B2a",
				"/?q=%22a+b", "/compare", "/compare?period=2023-Q1", "/compare?period=2030-Q1", "/compliance",
				"/compliance?period=2030", "/ingest", "/trend", "/trend?indicator=dossier.received",
				"/trend?indicator=dossier.received&province=Kh%C3%A1nh+H%C3%B2a", "/trend?indicator=index.par_rank&from=2030", "/trend?from=2023-Q9", "/no-such-page", "/reports/ffffffff", "/?period=2023-Q9"}
			for _, s := range sums {
				pages = append(pages, "/reports/"+s.ID)
			}
			get := func(path string) string {
				resp, err := http.Get(env.ts.URL + path)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				return string(b)
			}
			bodies := map[string]string{}
			for _, p := range pages {
				bodies["GET "+p] = get(p)
			}
			bodies["POST /ingest (wrong token)"] = postForm(t, env.ts.URL, "wrong", "a.md", "x")
			bodies["POST /ingest (a file)"] = postForm(t, env.ts.URL, testToken, "new.md", string(mustRead(t, docsDir(t)+"/son-la-2023-h1.txt")))
			bodies["POST /ingest (no file)"] = postForm(t, env.ts.URL, testToken, "", "")
			for name, body := range bodies {
				if !strings.Contains(body, `<html lang="`+lang+`">`) {
					t.Errorf("%s: not marked lang=%s", name, lang)
				}
				if lang == "vi" {
					if words := untranslated(body); len(words) > 0 {
						t.Errorf("%s: English words on a Vietnamese page: %v", name, words)
					}
				} else if !strings.Contains(body, ">Search<") {
					t.Errorf("%s: the English page has no English navigation", name)
				}
			}
		})
	}
}

// postForm posts the ingest page's form as a browser without JavaScript
// does: the token field, then the file (none when name is "").
func postForm(t *testing.T, base, token, name, content string) string {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("token", token)
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write([]byte(content))
		mw.WriteField("action", "upload")
	} else {
		mw.WriteField("action", "scan")
	}
	mw.Close()
	resp, err := http.Post(base+"/ingest", mw.FormDataContentType(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

package web

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds a Chromium binary: $BAOCAO_CHROMIUM, then the usual
// names. CI installs Debian's chromium (.ci/run).
func chromiumPath() string {
	if p := os.Getenv("BAOCAO_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowser drives a real headless Chromium through the app: the search
// page, a query without diacritics, a facet, a report, a footnote link and
// back, the comparison CSV download; and a report whose text holds
// scripts, where no script may run.
func TestBrowser(t *testing.T) {
	ctx := newBrowser(t, 1280, 900)
	dir := t.TempDir()
	hostile := writeFile(t, filepath.Join(dir, "ninh-binh-xss.txt"), hostileReport)
	env := newTestEnv(t, testToken, append(append([]string{}, sampleDocs...), hostile)...)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	// Start the browser on the search page.
	if err := chromedp.Do(ctx, chromedp.Navigate(env.ts.URL+"/")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	// Any alert/confirm/prompt means report text ran as script.
	var mu sync.Mutex
	var dialogs []string
	go func() {
		for ev, err := range chromedp.Events(ctx, cdppage.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			mu.Lock()
			dialogs = append(dialogs, ev.Message)
			mu.Unlock()
			_, _ = chromedp.Call(ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: false})
		}
	}()

	err := chromedp.Do(ctx,
		chromedp.WaitVisible(css(`input[name=q]`)),
		chromedp.SendKeys(css(`input[name=q]`), "cai cach the che"),
		chromedp.Submit(css(`input[name=q]`)),
		chromedp.WaitVisible(css(`li.hit`)),
	)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	hits, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("li.hit").length`))
	if err != nil || hits == 0 {
		t.Fatalf("search page: %d hits, %v", hits, err)
	}
	if mark, err := chromedp.Run(ctx, chromedp.Text(css(`li.hit .snippet mark`))); err != nil || mark == "" {
		t.Errorf("no highlighted match in the first hit: %q %v", mark, err)
	}
	// Narrow to Khánh Hòa with the facet, open the first hit, follow a
	// footnote marker to its footnote.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.Search(`//aside[contains(@class,"facets")]//a[normalize-space(text())="Khánh Hòa"]`)),
		chromedp.WaitVisible(css(`li.hit a.hit-title`)),
		chromedp.Click(css(`li.hit a.hit-title`)),
		chromedp.WaitVisible(css(`article.report`)),
		chromedp.Click(css(`sup.fnref a`)),
	)
	if err != nil {
		t.Fatalf("open a report and a footnote: %v", err)
	}
	if title, _ := chromedp.Run(ctx, chromedp.Text(css(`.report-head h1`))); !strings.Contains(title, "cải cách hành chính") {
		t.Errorf("report title %q", title)
	}
	hash, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.hash`))
	if err != nil || !strings.HasPrefix(hash, "#fn-") {
		t.Fatalf("after clicking a footnote marker the location hash is %q (%v)", hash, err)
	}
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const r = document.querySelector(location.hash).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; })()`))
	if err != nil || !visible {
		t.Errorf("footnote %s is not scrolled into view (%v)", hash, err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(css(hash+` a.back`))); err != nil {
		t.Fatalf("back link: %v", err)
	}
	if back, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.hash`)); back != "#fnref-"+strings.TrimPrefix(hash, "#fn-") {
		t.Errorf("back link went to %q from %q", back, hash)
	}

	// The comparison: sort by an indicator, the province column stays in
	// view while the table scrolls, then download the CSV.
	downloads := filepath.Join(dir, "downloads")
	yes := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: &yes}); err != nil {
		t.Fatalf("download behaviour: %v", err)
	}
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	err = chromedp.Do(ctx,
		chromedp.Navigate(env.ts.URL+"/compare?period=2023-Q1&ind=all"),
		chromedp.WaitVisible(css(`#compare-table`)),
		chromedp.Click(css(`#compare-table th button[data-indicator="dossier.received"]`)),
	)
	if err != nil {
		t.Fatalf("compare page: %v", err)
	}
	if sorted, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#compare-table th:has(button[data-indicator="dossier.received"])').getAttribute("aria-sort")`)); sorted != "ascending" {
		t.Errorf("after a click the dossier.received column is sorted %q", sorted)
	}
	// Sorted by the raw values (the text is 1.286.032), blanks last.
	col := `Array.from(document.querySelectorAll('#compare-table thead th')).findIndex(th => th.querySelector('button[data-indicator="dossier.received"]'))`
	if vals, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#compare-table tbody tr')).map(r => r.cells[`+col+`].dataset.value || "")`)); len(vals) < 2 || !sortedNumbers(vals) {
		t.Errorf("dossier.received column after sorting: %v", vals)
	}
	// At 1400 px the province column stays at the left edge when the table
	// scrolls sideways.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1400, 900)); err != nil {
		t.Fatal(err)
	}
	left, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => {
		const w = document.querySelector('.compare-wrap'); w.scrollLeft = w.scrollWidth;
		return document.querySelector('#compare-table tbody th.sticky-col').getBoundingClientRect().left - w.getBoundingClientRect().left;
	})()`))
	if err != nil || left < -1 || left > 1 {
		t.Errorf("the province column moved %v px when scrolled (%v)", left, err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(css(`#csv`))); err != nil {
		t.Fatalf("click CSV: %v", err)
	}
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("the CSV download did not complete: %v", err)
		}
		if ev.State != browser.DownloadProgressStateCompleted {
			continue
		}
		data, err := os.ReadFile(filepath.Join(downloads, ev.GUID))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "\nprovince,period,report_id,") || !strings.Contains(string(data), "Khánh Hòa") {
			t.Errorf("downloaded CSV:\n%s", data)
		}
		break
	}

	// The hostile report: its markup shows as text and nothing runs.
	err = chromedp.Do(ctx,
		chromedp.Navigate(env.ts.URL+"/?q=alert&province=ninh+binh"),
		chromedp.WaitVisible(css(`li.hit a.hit-title`)),
		chromedp.Click(css(`li.hit a.hit-title`)),
		chromedp.WaitVisible(css(`article.report`)),
		chromedp.Sleep(300*time.Millisecond), // let onerror/onload handlers fire, were there any
	)
	if err != nil {
		t.Fatalf("hostile report: %v", err)
	}
	if scripts, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("script").length`)); scripts != 1 {
		t.Errorf("the hostile report page has %d script elements, want only app.js", scripts)
	}
	shown, _ := chromedp.Run(ctx, chromedp.Text(css(`.report-text`)))
	if !strings.Contains(shown, `<script>alert("xss")</script>`) || !strings.Contains(shown, `<img src=x onerror=alert(1)>`) {
		t.Errorf("the markup is not shown as text: %.400s", shown)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(dialogs) > 0 {
		t.Errorf("report text ran as script: dialogs %q", dialogs)
	}
}

// sortedNumbers reports whether the non-empty values ascend and the empty
// ones come last.
func sortedNumbers(vals []string) bool {
	prev, blank := -1.0, false
	for _, v := range vals {
		if v == "" {
			blank = true
			continue
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || blank || f < prev {
			return false
		}
		prev = f
	}
	return true
}

package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// newBrowser starts headless Chromium with a window of w×h pixels, or
// skips the test when there is none (Chromium is optional, see README).
func newBrowser(t *testing.T, w, h int) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	bin := chromiumPath()
	if bin == "" {
		t.Skip("no chromium binary found (install Debian's chromium, or set BAOCAO_CHROMIUM); Chromium is optional for this test only, see README")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")),
		chromedp.WindowSize(w, h),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	return ctx
}

// TestBrowserDailyUse drives Chromium at 1400×900 through what an analyst
// meets every day: the comparison with every column in view and the
// province column kept on screen, a period without reports, the upload
// form with JavaScript off (it must work as a plain form, say what
// happened, link the report and not keep a second copy of the same
// file), and the pages' language with lang vi and en.
func TestBrowserDailyUse(t *testing.T) {
	ctx := newBrowser(t, 1400, 900)
	env := newTestEnvLang(t, "vi", testToken, sampleDocs...)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	// The comparison at 1400 px: no column hidden behind a scroll bar.
	if err := chromedp.Do(ctx, chromedp.Navigate(env.ts.URL+"/compare?period=2023-Q1"), chromedp.WaitVisible(css(`#compare-table`))); err != nil {
		t.Fatalf("compare page: %v", err)
	}
	fits, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const wrap = document.querySelector("#compare-table").parentElement;
		if (wrap.scrollWidth > wrap.clientWidth + 1) return "the table scrolls: " + wrap.scrollWidth + " > " + wrap.clientWidth;
		for (const th of document.querySelectorAll("#compare-table thead th")) {
			const r = th.getBoundingClientRect();
			if (r.right > innerWidth || r.left < 0) return "column " + th.textContent.trim() + " is outside the window";
		}
		return "ok";
	})()`))
	if err != nil || fits != "ok" {
		t.Errorf("compare at 1400 px: %s %v", fits, err)
	}
	if pos, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("#compare-table tbody th")).position`)); pos != "sticky" {
		t.Errorf("the province column is %q, want sticky", pos)
	}
	if nav, _ := chromedp.Run(ctx, chromedp.Text(css(`header.top nav`))); !strings.Contains(nav, "Tìm kiếm") || !strings.Contains(nav, "So sánh") {
		t.Errorf("navigation with lang vi: %q", nav)
	}

	// A period without reports stays selected, with an empty state.
	if err := chromedp.Do(ctx, chromedp.Navigate(env.ts.URL+"/compare?period=2030-Q1"), chromedp.WaitVisible(css(`#no-reports`))); err != nil {
		t.Fatalf("empty period: %v", err)
	}
	if sel, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("select[name=period]").value`)); sel != "2030-Q1" {
		t.Errorf("the period selector shows %q for 2030-Q1", sel)
	}
	if msg, _ := chromedp.Run(ctx, chromedp.Text(css(`#no-reports`))); !strings.Contains(msg, "Quý I/2030") {
		t.Errorf("empty state: %q", msg)
	}
	// Search without hits: an empty state, not a numbered list item.
	if err := chromedp.Do(ctx, chromedp.Navigate(env.ts.URL+"/?q=zzqxv"), chromedp.WaitVisible(css(`#no-results`))); err != nil {
		t.Fatalf("no results: %v", err)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("ol.hits li, .facets section").length`)); n != 0 {
		t.Errorf("no results shows %d list items or facet headings", n)
	}

	// Upload with JavaScript off, twice the same file.
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("disable JavaScript: %v", err)
	}
	file := filepath.Join(t.TempDir(), "son-la-2023-h1.txt")
	os.WriteFile(file, mustRead(t, filepath.Join(docsDir(t), "son-la-2023-h1.txt")), 0o644)
	upload := func() string {
		t.Helper()
		err := chromedp.Do(ctx,
			chromedp.Navigate(env.ts.URL+"/ingest"),
			chromedp.WaitVisible(css(`#token`)),
			chromedp.SendKeys(css(`#token`), testToken),
			chromedp.SetUploadFiles(css(`#file`), []string{file}),
			chromedp.Click(css(`#upload`)),
			chromedp.WaitVisible(css(`#ingest-done`)),
		)
		if err != nil {
			t.Fatalf("upload without JavaScript: %v", err)
		}
		done, _ := chromedp.Run(ctx, chromedp.Text(css(`#ingest-done`)))
		return done
	}
	done := upload()
	if !strings.Contains(done, "son-la-2023-h1.txt") || !strings.Contains(done, "đã nạp") {
		t.Errorf("after the upload: %q", done)
	}
	if err := chromedp.Do(ctx, chromedp.Click(css(`#ingest-done a.report-link`)), chromedp.WaitVisible(css(`article.report`))); err != nil {
		t.Errorf("the link to the new report: %v", err)
	}
	if done := upload(); !strings.Contains(done, "đã có trong inbox") {
		t.Errorf("the same file again: %q", done)
	}
	entries, _ := os.ReadDir(filepath.Join(env.dataDir, "inbox"))
	if len(entries) != 1 {
		t.Errorf("the inbox holds %d files after uploading the same file twice, want 1", len(entries))
	}

	// The same server in English.
	en := newTestEnvLang(t, "en", testToken, sampleDocs[:2]...)
	if err := chromedp.Do(ctx, chromedp.Navigate(en.ts.URL+"/compare"), chromedp.WaitVisible(css(`#compare-table`))); err != nil {
		t.Fatalf("English compare: %v", err)
	}
	if head, _ := chromedp.Run(ctx, chromedp.Text(css(`#compare-table thead`))); !strings.Contains(head, "Province") || !strings.Contains(head, "Dossiers") {
		t.Errorf("English table heading: %q", head)
	}
	if lang, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`)); lang != "en" {
		t.Errorf("lang attribute %q", lang)
	}
}

// TestBrowserTrend drives Chromium at 1400×900 through the trend page:
// one province's line chart with its points, the values in Vietnamese
// number format, the link from a value to its sentence, the picker
// keeping the indicator chosen, and the same page in English.
func TestBrowserTrend(t *testing.T) {
	ctx := newBrowser(t, 1400, 900)
	env := newTestEnvLang(t, "vi", "", sampleDocs...)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	// All provinces: a ranked table (or series); then one province's chart.
	if err := chromedp.Do(ctx, chromedp.Navigate(env.ts.URL+"/trend?indicator=dossier.on_time_pct"), chromedp.WaitVisible(css(`table.trend`))); err != nil {
		t.Fatalf("trend page: %v", err)
	}
	if sel, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("select[name=indicator]").value`)); sel != "dossier.on_time_pct" {
		t.Errorf("the indicator picker shows %q", sel)
	}
	if h1, _ := chromedp.Run(ctx, chromedp.Text(css(`h1`))); !strings.Contains(h1, "Xu hướng") {
		t.Errorf("title with lang vi: %q", h1)
	}
	province, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const o = [...document.querySelectorAll("select[name=province] option")].find(o => o.value);
		return o ? o.value : "";
	})()`))
	if err != nil || province == "" {
		t.Fatalf("no province to pick: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(css(`select[name=province]`), province), chromedp.Submit(css(`form.compare-form`)),
		chromedp.WaitVisible(css(`section.trend-series svg.chart`))); err != nil {
		t.Fatalf("trend of %s: %v", province, err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const svg = document.querySelector("section.trend-series svg.chart");
		const r = svg.getBoundingClientRect();
		if (r.width < 200 || r.right > innerWidth) return "chart box " + r.width + " wide, right " + r.right;
		if (!svg.querySelectorAll("circle").length) return "no point on the chart";
		const v = document.querySelector("table.trend tbody td.num a");
		if (!v) return "no value in the table";
		if (!/^\d+(,\d+)?%$/.test(v.textContent.trim())) return "value not written the Vietnamese way: " + v.textContent;
		if (!v.getAttribute("href").startsWith("/reports/") || !v.title) return "the value links no sentence: " + v.outerHTML;
		return "ok";
	})()`))
	if err != nil || got != "ok" {
		t.Errorf("trend of %s: %s %v", province, got, err)
	}

	en := newTestEnvLang(t, "en", "", sampleDocs...)
	if err := chromedp.Do(ctx, chromedp.Navigate(en.ts.URL+"/trend?indicator=dossier.on_time_pct"), chromedp.WaitVisible(css(`h1`))); err != nil {
		t.Fatalf("trend page in English: %v", err)
	}
	if h1, _ := chromedp.Run(ctx, chromedp.Text(css(`h1`))); !strings.Contains(h1, "Trend") {
		t.Errorf("title with lang en: %q", h1)
	}
}

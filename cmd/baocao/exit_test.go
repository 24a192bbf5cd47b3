package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/baocao/baocao/i18n"
)

// TestExitCodes is the README's contract, command by command: 0 ok; 1 a
// failed file or an unknown report; 2 a usage error (unknown command or
// flag, missing argument or required flag, bad value, bad configuration).
func TestExitCodes(t *testing.T) {
	work := t.TempDir()
	docs := copySamples(t, "khanh-hoa-2023-q1.md")
	broken := filepath.Join(t.TempDir(), "broken.pdf")
	os.WriteFile(broken, []byte("%PDF-1.7\n1 0 obj << /Type /Catalog"), 0o644)
	if _, stderr, code := run(t, work, "ingest", docs); code != 0 {
		t.Fatalf("setup ingest: exit %d %s", code, stderr)
	}
	sample := filepath.Join(docs, "khanh-hoa-2023-q1.md")
	for _, c := range []struct {
		args []string
		want int
	}{
		// usage → 2
		{[]string{"no-such-command"}, exitUsage},
		{[]string{"--no-such-flag"}, exitUsage},
		{[]string{"extract"}, exitUsage},
		{[]string{"extract", "--bad", sample}, exitUsage},
		{[]string{"extract", "-o", "csv", sample}, exitUsage},
		{[]string{"ingest"}, exitUsage},
		{[]string{"ingest", "--no-such-flag", docs}, exitUsage},
		{[]string{"search"}, exitUsage},
		{[]string{"search", "-o", "yaml", "x"}, exitUsage},
		{[]string{"search", "tinh:Atlantis cải cách"}, exitUsage},
		{[]string{"search", "--period", "2023-Q5", "x"}, exitUsage},
		{[]string{"search", "--from", "15/3/2023", "x"}, exitUsage},
		{[]string{"search", "--has-finding", "no-such-rule", "x"}, exitUsage},
		{[]string{"search", "--limit", "0", "x"}, exitUsage},
		{[]string{"search", "--limit", "many", "x"}, exitUsage},
		{[]string{"show"}, exitUsage},
		{[]string{"show", "a", "b"}, exitUsage},
		{[]string{"compare"}, exitUsage},
		{[]string{"compare", "--period", "2023-Q5"}, exitUsage},
		{[]string{"compare", "--period", "2023-Q1", "-o", "yaml"}, exitUsage},
		{[]string{"check"}, exitUsage},
		{[]string{"check", "--period", "2023-Q1", sample}, exitUsage},
		{[]string{"check", "--period", "Q1"}, exitUsage},
		{[]string{"submissions"}, exitUsage},
		{[]string{"submissions", "--period", "x"}, exitUsage},
		{[]string{"ledger", "extra"}, exitUsage},
		{[]string{"config", "-o", "csv"}, exitUsage},
		{[]string{"config", "--lang", "fr"}, exitUsage},
		{[]string{"config", "--workers", "x"}, exitUsage},
		{[]string{"quickstart", "--no-such-flag"}, exitUsage},
		{[]string{"serve", "--no-such-flag"}, exitUsage},
		{[]string{"serve", "extra"}, exitUsage},
		// a failed file or an unknown report → 1
		{[]string{"extract", filepath.Join(work, "missing.pdf")}, exitFailure},
		{[]string{"extract", broken}, exitFailure},
		{[]string{"check", filepath.Join(work, "missing.md")}, exitFailure},
		{[]string{"check", broken}, exitFailure},
		{[]string{"ingest", filepath.Join(work, "missing")}, exitFailure},
		{[]string{"ingest", broken}, exitFailure},
		{[]string{"show", "deadbeefdeadbeef"}, exitFailure},
		// ok → 0
		{[]string{}, exitOK},
		{[]string{"--help"}, exitOK},
		{[]string{"extract", sample}, exitOK},
		{[]string{"ingest", docs}, exitOK},
		{[]string{"search", "cải cách"}, exitOK},
		{[]string{"search", "cải cách", "-o", "csv"}, exitOK},
		{[]string{"search", "cải cách tinh:khanh-hoa", "--sections", "--sort", "date"}, exitOK},
		{[]string{"compare", "--period", "2023-Q1", "-o", "csv"}, exitOK},
		{[]string{"submissions", "--period", "2030-Q1"}, exitOK},
		{[]string{"ledger"}, exitOK},
		{[]string{"config"}, exitOK},
	} {
		if _, stderr, code := run(t, work, c.args...); code != c.want {
			t.Errorf("baocao %s: exit %d, want %d\n%s", strings.Join(c.args, " "), code, c.want, stderr)
		}
	}
}

func TestConfigErrorsNameTheKeyAndWhere(t *testing.T) {
	work := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(work, name)
		os.WriteFile(p, []byte(body), 0o644)
		return p
	}
	for _, c := range []struct {
		name string
		args []string
		env  map[string]string
		want []string
	}{
		{"unknown key in the file", []string{"--config", write("a.yaml", "workrs: 4\n")},
			nil, []string{"a.yaml", "workrs", "workers", "ingest.timeout", "serve.addr"}},
		{"unknown nested key", []string{"--config", write("b.yaml", "ingest:\n  timout: 5s\n")},
			nil, []string{"b.yaml", "ingest.timout", "ingest.timeout"}},
		{"bad duration in the env", nil, map[string]string{"BAOCAO_INGEST_TIMEOUT": "soon"},
			[]string{"ingest.timeout", "BAOCAO_INGEST_TIMEOUT", "soon", "90s"}},
		{"duration without a unit in the file", []string{"--config", write("c.yaml", "index:\n  lock_timeout: 5\n")},
			nil, []string{"index.lock_timeout", "c.yaml"}},
		{"unknown env variable", nil, map[string]string{"BAOCAO_WORKRS": "3"},
			[]string{"BAOCAO_WORKRS", "BAOCAO_WORKERS", "BAOCAO_SERVE_ADDR"}},
		{"bad number from a flag", []string{"--workers", "0"}, nil, []string{"workers"}},
		{"not a number in the file", []string{"--config", write("d.yaml", "workers: many\n")},
			nil, []string{"workers", "d.yaml", "many"}},
		{"missing config file", []string{"--config", filepath.Join(work, "none.yaml")}, nil, []string{"none.yaml"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			_, stderr, code := run(t, work, append([]string{"config", "--lang", "en"}, c.args...)...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("the error does not name %q:\n%s", w, stderr)
				}
			}
		})
	}
}

// TestConfigShowsEveryKey: `config` lists every key of config.Config
// with its source; -o json uses the keys' names and durations as text.
func TestConfigShowsEveryKey(t *testing.T) {
	work := t.TempDir()
	os.WriteFile(filepath.Join(work, "baocao.yaml"), []byte("serve:\n  schedule: \"off\"\n  token: s3cret\ncheck:\n  rules: rules.yaml\n"), 0o644)
	t.Setenv("BAOCAO_INGEST_TIMEOUT", "90s")
	stdout, stderr, code := run(t, work, "config", "--lang", "en", "--workers", "3")
	if code != 0 {
		t.Fatalf("exit %d %s", code, stderr)
	}
	for _, want := range []string{"serve.addr", "serve.schedule  off", "check.rules", "server.url", "ingest.timeout", "1m30s", "env", "flag", "file", "default"} {
		if !strings.Contains(strings.Join(strings.Fields(stdout), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("config lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "s3cret") {
		t.Error("config prints the token")
	}
	stdout, _, _ = run(t, work, "config", "-o", "json")
	for _, want := range []string{`"ingest.timeout": {`, `"value": "1m30s"`, `"source": "env"`, `"env": "BAOCAO_SERVE_TOKEN"`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("config -o json lacks %s:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "s3cret") || strings.Contains(stdout, "Workers") || strings.Contains(stdout, "90000000000") {
		t.Errorf("config -o json leaks the token, Go names or nanoseconds:\n%s", stdout)
	}
}

// TestEveryMessageIsTranslated finds every literal message handed to the
// catalogue in cmd/baocao and its web package (p.T, i18n.Errorf, Plural,
// web errors) and checks it has a Vietnamese text.
func TestEveryMessageIsTranslated(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range []string{".", "web"} {
		pkgs, err := parser.ParseDir(fset, dir, func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, pkg := range pkgs {
			for _, f := range pkg.Files {
				ast.Inspect(f, func(n ast.Node) bool {
					var lits []ast.Expr
					switch n := n.(type) {
					case *ast.CallExpr:
						name := ""
						switch fn := n.Fun.(type) {
						case *ast.SelectorExpr:
							name = fn.Sel.Name
							if x, ok := fn.X.(*ast.Ident); ok && name == "Errorf" && x.Name != "i18n" {
								name = "" // fmt.Errorf: internal errors, not messages
							}
						case *ast.Ident:
							name = fn.Name
						}
						switch name {
						case "T", "Errorf", "invalid":
							if len(n.Args) > 0 {
								lits = n.Args[:1]
							}
						case "Plural":
							if len(n.Args) > 2 {
								lits = n.Args[1:3]
							}
						}
					case *ast.KeyValueExpr:
						if id, ok := n.Key.(*ast.Ident); ok && id.Name == "Message" {
							lits = []ast.Expr{n.Value}
						}
					}
					for _, e := range lits {
						lit, ok := e.(*ast.BasicLit)
						if !ok || lit.Kind != token.STRING {
							continue
						}
						key, _ := strconv.Unquote(lit.Value)
						if strings.HasPrefix(key, "%") && strings.Count(key, "%") == 1 || !strings.ContainsFunc(key, isLetter) {
							continue
						}
						if !i18n.Has(key) {
							t.Errorf("%s: %q has no Vietnamese text in i18n/messages.go", fset.Position(lit.Pos()), key)
						}
					}
					return true
				})
			}
		}
	}
}

// TestEveryPageMessageIsTranslated: the same for the templates' {{t "…"}}.
func TestEveryPageMessageIsTranslated(t *testing.T) {
	files, _ := filepath.Glob("web/templates/*.html")
	re := regexp.MustCompile(`[{(]t "((?:[^"\\]|\\.)*)"`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			if !i18n.Has(m[1]) {
				t.Errorf("%s: %q has no Vietnamese text in i18n/messages.go", f, m[1])
			}
		}
	}
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// exampleIDs are the report ids the help texts and the README show;
// TestQuickstartFromAnEmptyFolder checks they name sample reports.
func exampleIDs(t *testing.T) []string {
	readme, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	help := ""
	for _, c := range newRootCmd(io.Discard, io.Discard).Commands() {
		help += c.Example
	}
	var ids []string
	for _, m := range regexp.MustCompile(`baocao show ([0-9a-f]{8,16})\b`).FindAllStringSubmatch(help+string(readme), -1) {
		ids = append(ids, m[1])
	}
	if len(ids) == 0 {
		t.Fatal("no example of show found")
	}
	return ids
}

// TestBadSearchFilterMessage: the CLI refuses a filter that names nothing
// with the message the API gives (index.QueryError), and exit status 2.
func TestBadSearchFilterMessage(t *testing.T) {
	work := t.TempDir()
	docs := copySamples(t, "khanh-hoa-2023-q1.md")
	if _, stderr, code := run(t, work, "ingest", docs); code != 0 {
		t.Fatalf("setup ingest: exit %d %s", code, stderr)
	}
	for lang, want := range map[string]string{
		"en": "period “2023-Q5”: not a period; write 2023-Q1 (quarter), 2023-H1 (half year), 2023-9M (nine months) or 2023 (year)",
		"vi": "kỳ báo cáo (period) “2023-Q5”: không phải kỳ báo cáo; hãy viết 2023-Q1 (quý), 2023-H1 (6 tháng), 2023-9M (9 tháng) hoặc 2023 (năm)",
	} {
		_, stderr, code := run(t, work, "search", "cải cách ky:2023-Q5", "--lang", lang)
		if code != exitUsage || !strings.Contains(stderr, want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", lang, code, stderr, want)
		}
	}
	// A query over the bounds is a usage error too, said the same way.
	_, stderr, code := run(t, work, "search", strings.Repeat("cải cách ", 200))
	if code != exitUsage || !strings.Contains(stderr, "từ khoá dài") {
		t.Errorf("long query: exit %d, stderr %q; want 2 and the bound in Vietnamese", code, stderr)
	}
}
func repoRoot(t *testing.T) string { return abs(t, "../..") }

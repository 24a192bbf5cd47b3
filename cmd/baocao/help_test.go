package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/baocao/baocao/i18n"
)

// helpTexts lists every help text of the command tree: uses, short and
// long descriptions, examples and flag usages.
func helpTexts(root *cobra.Command) []string {
	var out []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		out = append(out, c.Short, c.Long, c.Example)
		if c.HasParent() && c.Use != c.Name() {
			out = append(out, c.Use)
		}
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if f.Name != "help" {
				out = append(out, f.Usage, valueKind(f.Value.Type()))
			}
		})
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	root.InitDefaultHelpCmd()
	walk(root)
	return out
}

// TestEveryHelpTextIsTranslated: each command's texts and flag usages
// have a Vietnamese text in the catalogue.
func TestEveryHelpTextIsTranslated(t *testing.T) {
	for _, text := range helpTexts(newRootCmd(os.Stdout, os.Stderr)) {
		if strings.TrimSpace(text) != "" && !i18n.Has(text) {
			t.Errorf("help text not in the catalogue: %q", text)
		}
	}
}

// TestEveryHelpSpeaksTheConfiguredLanguage walks the --help of every
// command (and 'help COMMAND') with lang vi, the default, and finds no
// word only the English side of the catalogue uses; with lang en the same
// help is English.
func TestEveryHelpSpeaksTheConfiguredLanguage(t *testing.T) {
	work := t.TempDir()
	root := newRootCmd(os.Stdout, os.Stderr)
	root.InitDefaultHelpCmd()
	helps := [][]string{{"--help"}, {}}
	for _, c := range root.Commands() {
		helps = append(helps, []string{c.Name(), "--help"}, []string{"help", c.Name()})
	}
	for _, args := range helps {
		stdout, stderr, code := run(t, work, args...)
		if code != 0 {
			t.Errorf("baocao %s: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
		if words := i18n.EnglishWords(stdout+"\n"+stderr, allowedTokens...); len(words) > 0 {
			t.Errorf("baocao %s: English words %v in\n%s%s", strings.Join(args, " "), words, stdout, stderr)
		}
		if !strings.Contains(stdout, "Cách dùng:") {
			t.Errorf("baocao %s: no Vietnamese usage line in\n%s", strings.Join(args, " "), stdout)
		}
		en, _, _ := run(t, work, append(args, "--lang", "en")...)
		if !strings.Contains(en, "Usage:") || strings.Contains(en, "Cách dùng") || strings.Contains(en, "Tham số") {
			t.Errorf("baocao %s --lang en: not the English help:\n%s", strings.Join(args, " "), en)
		}
	}
	// The language of the config file is known before the help is printed.
	os.WriteFile(filepath.Join(work, "baocao.yaml"), []byte("lang: en\n"), 0o644)
	out, _, _ := run(t, work, "search", "--help")
	if !strings.Contains(out, "Search finds the reports") {
		t.Errorf("lang: en in baocao.yaml: the help is not English:\n%s", out)
	}
	if len(i18n.EnglishWords(out, allowedTokens...)) < 20 {
		t.Error("the walk does not see English in an English help")
	}
}

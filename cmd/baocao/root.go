package main

import (
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/i18n"
)

// app is what every subcommand gets: the configuration (filled in by the
// root command before any subcommand runs) and where to print.
type app struct {
	cfg    config.Config
	out    io.Writer
	errOut io.Writer
	output string // "text" or "json" (some commands take "csv")
	// cfgFile is the --config flag, handed on to worker processes.
	cfgFile string
	// p speaks the configured language (lang); messages, headers and
	// numbers go through it.
	p *i18n.Printer
	// loaded is the configuration with the source of each key.
	loaded loaded
	// environ is the process environment (tests give their own).
	environ []string
}

// outputsKey annotates a command with the -o values it accepts beyond
// text and json ("csv").
const outputsKey = "outputs"

func newRootCmd(out, errOut io.Writer) *cobra.Command {
	return newRootApp(out, errOut, os.Environ()).root
}

type rootApp struct {
	root *cobra.Command
	app  *app
}

func newRootApp(out, errOut io.Writer, environ []string) rootApp {
	a := &app{out: out, errOut: errOut, p: i18n.New(i18n.VI), environ: environ}
	root := &cobra.Command{
		Use:   "baocao",
		Short: "Search, read, compare and check Vietnamese CCHC reports",
		Long: `baocao turns the periodic administrative-reform (cải cách hành chính, CCHC)
reports that provinces send to the Ministry of Home Affairs into data:
header, section tree, footnotes, cited documents and counts, in a
Vietnamese-aware search index.

Start with:
  baocao quickstart                 ingest the bundled sample reports and tour them
  baocao ingest reports/            add a folder of PDF, DOCX, Markdown or text files
  baocao search "cai cach the che"  search with or without diacritics
  baocao compare --period 2023-Q1   one row per province

Configuration: flags > BAOCAO_* environment > baocao.yaml > defaults.
  data_dir (BAOCAO_DATA_DIR)        where the index and ledger live (default ./data)
  workers, lang, index.*, ingest.*, serve.*, check.*, server.*
                                    see 'baocao config' for every key and its source`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// Without a command: the help. An unknown command is a usage error
		// (cobra's own would exit 1).
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{i18n.Errorf("unknown command %q; the commands are listed by 'baocao --help'", args[0])}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			// Speak the language asked for even when the rest of the
			// configuration is wrong.
			if l, _ := cmd.Flags().GetString("lang"); i18n.Supported(l) {
				a.p = i18n.New(l)
			} else if l := envValue(a.environ, config.Env("lang")); i18n.Supported(l) {
				a.p = i18n.New(l)
			}
			outputs := []string{"text", "json"}
			if extra := cmd.Annotations[outputsKey]; extra != "" {
				outputs = append(outputs, strings.Split(extra, ",")...)
			}
			if !slices.Contains(outputs, a.output) {
				return usageError{i18n.Errorf("--output %q: want %s", a.output, strings.Join(outputs, ", "))}
			}
			l, err := loadConfig(a.cfgFile, cmd.Flags(), a.environ)
			if err != nil {
				return err
			}
			a.cfg, a.loaded = l.cfg, l
			a.p = i18n.New(l.cfg.Lang)
			return nil
		},
	}
	root.SetOut(out)
	root.SetErr(errOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&a.cfgFile, "config", "", "config file (default: ./baocao.yaml if present)")
	pf.StringVarP(&a.output, "output", "o", "text", "output format: text or json (some commands: csv)")
	pf.String("data-dir", "", "folder of the index and the ingest ledger (key data_dir)")
	pf.Int("workers", 0, "documents parsed at once (key workers)")
	pf.String("lang", "", "language of messages: vi or en (key lang)")
	pf.String("server", "", "URL of a running 'baocao serve' to read from and hand files to (key server.url; found by itself in data_dir)")

	root.AddCommand(
		newExtractCmd(a),
		newIngestCmd(a),
		newSearchCmd(a),
		newShowCmd(a),
		newCompareCmd(a),
		newTrendCmd(a),
		newQuickstartCmd(a),
		newConfigCmd(a),
		newLedgerCmd(a),
		newExtractOneCmd(a),
		newCheckCmd(a),
		newSubmissionsCmd(a),
		newServeCmd(a),
		newCitedCmd(a),
		newRemoveCmd(a),
		newSimilarCmd(a),
	)
	for _, c := range root.Commands() {
		c.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	}
	setHelp(a, root)
	return rootApp{root: root, app: a}
}

// envValue is the value of name in environ, "" when unset.
func envValue(environ []string, name string) string {
	for _, kv := range environ {
		if n, v, ok := strings.Cut(kv, "="); ok && n == name {
			return v
		}
	}
	return ""
}

// exactArgs is cobra.ExactArgs with a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MinimumNArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

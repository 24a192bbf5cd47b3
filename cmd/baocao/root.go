package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/baocao/baocao/config"
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
}

const envPrefix = "BAOCAO"

func newRootCmd(out, errOut io.Writer) *cobra.Command {
	a := &app{out: out, errOut: errOut}
	v := viper.New()
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
  workers, lang, index.*, ingest.*  see 'baocao config' for every key`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if a.output != "text" && a.output != "json" && a.output != "csv" {
				return usageError{fmt.Errorf("--output %q: want text or json", a.output)}
			}
			dirGiven := cmd.Flags().Changed("data-dir") || os.Getenv(envPrefix+"_DATA_DIR") != ""
			cfg, err := loadConfig(v, a.cfgFile, dirGiven)
			if err != nil {
				return err
			}
			a.cfg = cfg
			return nil
		},
	}
	root.SetOut(out)
	root.SetErr(errOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&a.cfgFile, "config", "", "config file (default: ./baocao.yaml if present)")
	pf.StringVarP(&a.output, "output", "o", "text", "output format: text or json")
	pf.String("data-dir", "", "folder of the index and the ingest ledger (key data_dir)")
	pf.Int("workers", 0, "documents parsed at once (key workers)")
	pf.String("lang", "", "language of messages: vi or en (key lang)")
	bindFlag(v, pf, "data_dir", "data-dir")
	bindFlag(v, pf, "workers", "workers")
	bindFlag(v, pf, "lang", "lang")

	root.AddCommand(
		newExtractCmd(a),
		newIngestCmd(a),
		newSearchCmd(a),
		newShowCmd(a),
		newCompareCmd(a),
		newQuickstartCmd(a),
		newConfigCmd(a),
		newLedgerCmd(a),
		newExtractOneCmd(a),
		newCheckCmd(a),
		newSubmissionsCmd(a),
		newServeCmd(a),
	)
	for _, c := range root.Commands() {
		c.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	}
	return root
}

func bindFlag(v *viper.Viper, fs *pflag.FlagSet, key, flag string) {
	if err := v.BindPFlag(key, fs.Lookup(flag)); err != nil {
		panic(err) // a wiring bug: the flag does not exist
	}
}

// loadConfig layers defaults, the config file, BAOCAO_* variables and flags,
// then decodes strictly: an unknown key in the file is an error.
func loadConfig(v *viper.Viper, file string, dirGiven bool) (config.Config, error) {
	def := config.Default()
	setDefaults(v, def)
	v.SetEnvPrefix(envPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	base := ""
	if file != "" {
		v.SetConfigFile(file)
		if err := v.ReadInConfig(); err != nil {
			return def, usageError{fmt.Errorf("read config %s: %w", file, err)}
		}
		base = filepath.Dir(file)
	} else if found := defaultConfigFile(); found != "" {
		// Only baocao.yaml / baocao.yml: viper's own search would also take
		// a file named just "baocao" — the binary itself.
		v.SetConfigFile(found)
		if err := v.ReadInConfig(); err != nil {
			return def, usageError{fmt.Errorf("read config %s: %w", found, err)}
		}
		base = filepath.Dir(found)
	}
	var cfg config.Config
	if err := v.UnmarshalExact(&cfg); err != nil {
		return def, usageError{fmt.Errorf("config %s: %w", v.ConfigFileUsed(), err)}
	}
	// A data_dir from the file is relative to the file; from flags and
	// env, to the working directory.
	if base != "" && v.InConfig("data_dir") && !dirGiven {
		cfg.Resolve(base)
	}
	if base != "" && v.InConfig("check.rules") && os.Getenv(envPrefix+"_CHECK_RULES") == "" {
		cfg.ResolveRules(base)
	}
	if err := cfg.Validate(); err != nil {
		return cfg, usageError{err}
	}
	return cfg, nil
}

// defaultConfigFile is ./baocao.yaml or ./baocao.yml when one exists.
func defaultConfigFile() string {
	for _, name := range []string{"baocao.yaml", "baocao.yml"} {
		if info, err := os.Stat(name); err == nil && info.Mode().IsRegular() {
			return name
		}
	}
	return ""
}

// setDefaults registers every key, so env variables reach Unmarshal (viper
// only looks up env vars for keys it knows; libraries.md §7).
func setDefaults(v *viper.Viper, c config.Config) {
	v.SetDefault("data_dir", c.DataDir)
	v.SetDefault("workers", c.Workers)
	v.SetDefault("lang", c.Lang)
	v.SetDefault("index.batch_size", c.Index.BatchSize)
	v.SetDefault("index.lock_timeout", c.Index.LockTimeout)
	v.SetDefault("ingest.timeout", c.Ingest.Timeout)
	v.SetDefault("ingest.isolate", c.Ingest.Isolate)
	v.SetDefault("ingest.memory_limit_mb", c.Ingest.MemoryLimitMB)
	v.SetDefault("ingest.max_file_size", c.Ingest.MaxFileSize)
	v.SetDefault("ingest.max_pages", c.Ingest.MaxPages)
	v.SetDefault("ingest.max_uncompressed", c.Ingest.MaxUncompressed)
	v.SetDefault("ingest.max_compression_ratio", c.Ingest.MaxCompressionRatio)
	v.SetDefault("ingest.passwords", c.Ingest.Passwords)
	v.SetDefault("check.rules", c.Check.Rules)
	v.SetDefault("serve.addr", c.Serve.Addr)
	v.SetDefault("serve.token", c.Serve.Token)
	v.SetDefault("serve.inbox", c.Serve.Inbox)
	v.SetDefault("serve.quarantine", c.Serve.Quarantine)
	v.SetDefault("serve.schedule", c.Serve.Schedule)
	v.SetDefault("serve.max_upload_bytes", c.Serve.MaxUploadBytes)
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

package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/config"
)

func newConfigCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "config",
		Short: "Print the configuration in effect (after file, environment and flags)",
		Long: `Config prints every key with the value in effect and where it came from:
default, file (baocao.yaml or --config FILE), env (BAOCAO_* variables,
index.batch_size → BAOCAO_INDEX_BATCH_SIZE) or flag, from lowest to highest
precedence. An unknown key in the file, or an unknown BAOCAO_* variable, is
an error that lists the valid keys. serve.token is never printed.

-o json prints {"file", "keys": {KEY: {"value", "source", "env"}}} with the
keys' own names and durations as text ("2s").`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			c := a.cfg
			type keyView struct {
				Value  any    `json:"value"`
				Source string `json:"source"`
				Env    string `json:"env"`
			}
			keys := map[string]keyView{}
			tw := newTable(a.out)
			if a.output != "json" {
				if a.loaded.file != "" {
					fmt.Fprintln(a.out, a.p.T("Config file: %s", a.loaded.file))
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", a.p.T("KEY"), a.p.T("VALUE"), a.p.T("SOURCE"))
			}
			for _, f := range c.Fields() {
				v := configValue(f)
				src := a.loaded.sources[f.Key]
				keys[f.Key] = keyView{Value: v, Source: src, Env: config.Env(f.Key)}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", f.Key, configText(v), a.p.T(src))
			}
			if a.output == "json" {
				return writeJSON(a.out, map[string]any{"file": a.loaded.file, "keys": keys})
			}
			return tw.Flush()
		},
	}
}

// configValue is a key's value for printing: durations as text, secrets
// hidden.
func configValue(f config.Field) any {
	switch p := f.Ptr.(type) {
	case *string:
		if f.Secret && *p != "" {
			return "(set)"
		}
		return *p
	case *time.Duration:
		return p.String()
	case *int:
		return *p
	case *int64:
		return *p
	case *float64:
		return *p
	case *bool:
		return *p
	case *[]string:
		if f.Secret || strings.Contains(f.Key, "password") {
			return fmt.Sprintf("(%d set)", len(*p))
		}
		return *p
	}
	return fmt.Sprint(f.Ptr)
}

func configText(v any) string {
	switch x := v.(type) {
	case string:
		if x == "" {
			return `""`
		}
		return x
	case []string:
		return "[" + strings.Join(x, ", ") + "]"
	}
	return fmt.Sprint(v)
}

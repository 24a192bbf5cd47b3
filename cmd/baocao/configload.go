package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cast"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/i18n"
)

// Where a key's value came from, lowest precedence first.
const (
	sourceDefault = "default"
	sourceFile    = "file"
	sourceEnv     = "env"
	sourceFlag    = "flag"
)

// keyFlags are the keys that also have a global flag.
var keyFlags = map[string]string{"data_dir": "data-dir", "workers": "workers", "lang": "lang", "server.url": "server"}

// otherEnv are BAOCAO_* variables that are not configuration keys (tests
// and tools read them); every other BAOCAO_* variable must name a key.
var otherEnv = []string{"BAOCAO_CHROMIUM", "BAOCAO_TEST_AS_CLI", "BAOCAO_INDEX_HELPER_DIR"}

// loaded is the configuration in effect and where each key came from.
type loaded struct {
	cfg     config.Config
	file    string            // the config file read, "" if none
	sources map[string]string // key → source*
}

// loadConfig layers defaults, the config file, BAOCAO_* variables and the
// flags given, key by key, so that every error names the key and where
// the bad value came from, and `baocao config` can say the same.
func loadConfig(file string, flags *pflag.FlagSet, environ []string) (loaded, error) {
	l := loaded{cfg: config.Default(), sources: map[string]string{}}
	keys := config.Keys()
	if file == "" {
		file = defaultConfigFile()
	}
	var fv *viper.Viper
	if file != "" {
		fv = viper.New()
		fv.SetConfigFile(file)
		if err := fv.ReadInConfig(); err != nil {
			return l, usageError{i18n.Errorf("config file %s: %v", file, err)}
		}
		l.file = file
		var unknown []string
		for _, k := range fv.AllKeys() {
			if !slices.Contains(keys, k) {
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			return l, usageError{i18n.Errorf("config file %s: unknown key %s; valid keys: %s",
				file, strings.Join(unknown, ", "), strings.Join(keys, ", "))}
		}
	}
	known := map[string]bool{}
	for _, k := range keys {
		known[config.Env(k)] = true
	}
	env := map[string]string{}
	for _, kv := range environ {
		name, val, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, "BAOCAO_") || slices.Contains(otherEnv, name) {
			continue
		}
		if !known[name] {
			vars := make([]string, len(keys))
			for i, k := range keys {
				vars[i] = config.Env(k)
			}
			return l, usageError{i18n.Errorf("environment variable %s is not a configuration key; valid variables: %s", name, strings.Join(vars, ", "))}
		}
		env[name] = val
	}
	var errs []error
	for _, f := range l.cfg.Fields() {
		var raw any
		var from, src string
		if fl := keyFlags[f.Key]; fl != "" && flags != nil && flags.Changed(fl) {
			raw, from, src = flags.Lookup(fl).Value.String(), "--"+fl, sourceFlag
		} else if v, ok := env[config.Env(f.Key)]; ok {
			raw, from, src = v, config.Env(f.Key), sourceEnv
		} else if fv != nil && fv.InConfig(f.Key) {
			raw, from, src = fv.Get(f.Key), file, sourceFile
		} else {
			l.sources[f.Key] = sourceDefault
			continue
		}
		l.sources[f.Key] = src
		if err := setField(f.Ptr, raw); err != nil {
			errs = append(errs, i18n.Errorf("%s = %q (from %s): %v", f.Key, fmt.Sprint(raw), from, err))
		}
	}
	if len(errs) > 0 {
		return l, usageError{errors.Join(errs...)}
	}
	// Paths in the file are relative to the file, so it means the same
	// wherever baocao runs; from flags and env, to the working directory.
	if base := filepath.Dir(file); file != "" {
		if l.sources["data_dir"] == sourceFile {
			l.cfg.Resolve(base)
		}
		if l.sources["check.rules"] == sourceFile {
			l.cfg.ResolveRules(base)
		}
		if l.sources["extract.indicators"] == sourceFile {
			l.cfg.ResolveIndicators(base)
		}
		if l.sources["abbreviations"] == sourceFile {
			l.cfg.ResolveAbbreviations(base)
		}
	}
	l.cfg.DefaultLimits()
	if err := l.cfg.Validate(); err != nil {
		return l, usageError{err}
	}
	// A bad abbreviation table is a configuration error for every command.
	if _, err := loadAbbreviations(l.cfg); err != nil {
		return l, err
	}
	return l, nil
}

// setField converts raw (a string from a flag or the environment, or a
// YAML value) to the type of *ptr.
func setField(ptr, raw any) error {
	var err error
	switch p := ptr.(type) {
	case *string:
		*p, err = cast.ToStringE(raw)
	case *int:
		*p, err = cast.ToIntE(raw)
		if err != nil {
			err = i18n.Errorf("not a whole number")
		}
	case *int64:
		*p, err = cast.ToInt64E(raw)
		if err != nil {
			err = i18n.Errorf("not a whole number")
		}
	case *float64:
		*p, err = cast.ToFloat64E(raw)
		if err != nil {
			err = i18n.Errorf("not a number")
		}
	case *bool:
		*p, err = cast.ToBoolE(raw)
		if err != nil {
			err = i18n.Errorf("not true or false")
		}
	case *time.Duration:
		s, ok := raw.(string)
		if !ok {
			return i18n.Errorf("not a duration with a unit, such as 90s or 2m")
		}
		*p, err = time.ParseDuration(strings.TrimSpace(s))
		if err != nil {
			err = i18n.Errorf("not a duration with a unit, such as 90s or 2m")
		}
	case *[]string:
		*p, err = cast.ToStringSliceE(raw)
	default:
		panic(fmt.Sprintf("config: no decoder for %T", ptr)) // a new field type: add it here
	}
	return err
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

package config

import (
	"reflect"
	"strings"
)

// Field is one configuration key and the place of its value.
type Field struct {
	// Key is the dotted name used in baocao.yaml: "ingest.timeout".
	Key string
	// Ptr points at the value in the Config Fields was called on: *string,
	// *int, *int64, *float64, *bool, *time.Duration or *[]string.
	Ptr any
	// Secret values are never printed (serve.token).
	Secret bool
}

// Env is the environment variable of a key: BAOCAO_ + the key upper-cased
// with "." → "_" (ingest.timeout → BAOCAO_INGEST_TIMEOUT).
func Env(key string) string {
	return "BAOCAO_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// Fields lists every key of c, in declaration order, read from the
// mapstructure tags: the struct is the one list of keys, so a key added
// to it is known to the file reader, the environment, `baocao config` and
// the error messages at once. A field tagged json:"-" is secret.
func (c *Config) Fields() []Field {
	var out []Field
	var walk func(v reflect.Value, prefix string)
	walk = func(v reflect.Value, prefix string) {
		t := v.Type()
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("mapstructure")
			if tag == "" || tag == "-" {
				continue
			}
			key := prefix + tag
			fv := v.Field(i)
			if sf.Type.Kind() == reflect.Struct && sf.Type.String() != "time.Duration" {
				walk(fv, key+".")
				continue
			}
			out = append(out, Field{Key: key, Ptr: fv.Addr().Interface(), Secret: sf.Tag.Get("json") == "-"})
		}
	}
	walk(reflect.ValueOf(c).Elem(), "")
	return out
}

// Keys lists every key name, in declaration order.
func Keys() []string {
	var c Config
	var out []string
	for _, f := range c.Fields() {
		out = append(out, f.Key)
	}
	return out
}

package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/i18n"
)

// Help texts (Use, Short, Long, Example, flag usages) are written in
// English in the command definitions and are keys of the one message
// catalogue, like every other message: the help is rendered here, when it
// is asked for, in the language of the configuration then known (the
// --lang flag, BAOCAO_LANG, the config file), rather than by cobra's
// English templates.

// helpPrinter is the printer of the language in effect for a help request:
// flag > environment > config file > default, as for every command. A bad
// configuration does not stop the help: the flag or the environment still
// choose, and otherwise the default language does.
func (a *app) helpPrinter(root *cobra.Command) *i18n.Printer {
	if l, err := loadConfig(a.cfgFile, root.PersistentFlags(), a.environ); err == nil {
		return i18n.New(l.cfg.Lang)
	}
	if l, _ := root.PersistentFlags().GetString("lang"); i18n.Supported(l) {
		return i18n.New(l)
	}
	if l := envValue(a.environ, config.Env("lang")); i18n.Supported(l) {
		return i18n.New(l)
	}
	return i18n.New(i18n.VI)
}

// setHelp makes the help of every command go through writeHelp, with
// cobra's own help command described in the catalogue too.
func setHelp(a *app, root *cobra.Command) {
	// The shell-completion command is cobra's, with English texts baocao
	// cannot translate; baocao never documented it.
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help prints the help of a command: baocao help COMMAND is baocao COMMAND --help.",
		Args:  cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			target, _, err := c.Root().Find(args)
			if err != nil || target == nil {
				return usageError{i18n.Errorf("unknown command %q; the commands are listed by 'baocao --help'", strings.Join(args, " "))}
			}
			return target.Help()
		},
	})
	root.SetHelpFunc(func(c *cobra.Command, _ []string) {
		writeHelp(c.OutOrStdout(), a.helpPrinter(c.Root()), c)
	})
}

// writeHelp prints the help of c in p's language: what the command does,
// how to call it, examples, subcommands and flags.
func writeHelp(w io.Writer, p *i18n.Printer, c *cobra.Command) {
	c.InitDefaultHelpFlag() // 'baocao help X' has not made X's -h yet
	if text := strings.TrimSpace(c.Long); text != "" {
		fmt.Fprintln(w, p.T(c.Long))
	} else if c.Short != "" {
		fmt.Fprintln(w, p.T(c.Short))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, p.T("Usage:"))
	use := c.Use
	if c.HasParent() {
		use = c.Parent().CommandPath() + " " + p.T(c.Use)
	}
	if c.Runnable() {
		line := "  " + use
		if c.HasAvailableFlags() {
			line += " " + p.T("[flags]")
		}
		fmt.Fprintln(w, line)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintln(w, "  "+c.CommandPath()+" "+p.T("[command]"))
	}
	if c.Example != "" {
		fmt.Fprintln(w)
		fmt.Fprintln(w, p.T("Examples:"))
		fmt.Fprintln(w, strings.TrimRight(p.T(c.Example), "\n"))
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintln(w)
		fmt.Fprintln(w, p.T("Commands:"))
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				fmt.Fprintf(tw, "  %s\t%s\n", sub.Name(), p.T(sub.Short))
			}
		}
		tw.Flush()
	}
	if fs := c.LocalFlags(); fs.HasAvailableFlags() {
		fmt.Fprintln(w)
		fmt.Fprintln(w, p.T("Flags:"))
		writeFlags(w, p, c, fs)
	}
	if fs := c.InheritedFlags(); fs.HasAvailableFlags() {
		fmt.Fprintln(w)
		fmt.Fprintln(w, p.T("Flags of every command:"))
		writeFlags(w, p, c, fs)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintln(w)
		fmt.Fprintln(w, p.T("'%s COMMAND --help' tells more about a command.", c.CommandPath()))
	}
}

// writeFlags lists the flags of fs: names, the kind of value, the usage
// and a default that is not the zero value.
func writeFlags(w io.Writer, p *i18n.Printer, c *cobra.Command, fs *pflag.FlagSet) {
	tw := tabwriter.NewWriter(w, 0, 4, 3, ' ', 0)
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name := "    --" + f.Name
		if f.Shorthand != "" {
			name = "-" + f.Shorthand + ", --" + f.Name
		}
		if kind := f.Value.Type(); kind != "bool" {
			name += " " + p.T(valueKind(kind))
		}
		usage := p.T(f.Usage)
		if f.Name == "help" {
			usage = p.T("help for %s", c.Name())
		}
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" && f.DefValue != "[]" && f.DefValue != "0s" {
			usage += " " + p.T("(default %s)", f.DefValue)
		}
		fmt.Fprintf(tw, "  %s\t%s\n", name, usage)
	})
	tw.Flush()
}

// valueKind names the kind of value a flag takes, as a catalogue key.
func valueKind(pflagType string) string {
	switch pflagType {
	case "int", "int64", "uint":
		return "NUMBER"
	case "float64":
		return "DECIMAL"
	case "duration":
		return "DURATION"
	case "stringSlice", "stringArray", "strings":
		return "LIST"
	}
	return "TEXT"
}

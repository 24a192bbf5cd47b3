// Command baocao turns the periodic administrative-reform (CCHC) reports of
// Vietnamese provinces into searchable, comparable data. Run `baocao --help`.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/baocao/baocao/i18n"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := execute(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Environ())
	stop()
	os.Exit(code)
}

// execute runs baocao with args and returns the exit status, after
// printing the error (in the configured language) if there is one.
func execute(ctx context.Context, args []string, out, errOut io.Writer, environ []string) int {
	r := newRootApp(out, errOut, environ)
	r.root.SetArgs(args)
	err := r.root.ExecuteContext(ctx)
	return exitCode(err, errOut, r.app.p)
}

// Exit statuses (README "Using it"): 0 ok, 1 something failed or was
// found, 2 usage error.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError marks errors in how baocao was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// errFound means the command worked and its answer is "yes, there are
// problems" (failed files, findings): exit 1 without another message.
var errFound = errors.New("problems found")

// cobraUsage are the beginnings of the errors cobra makes itself without
// a type (flag parsing goes through SetFlagErrorFunc): they are usage
// errors too, whichever command another helper adds.
var cobraUsage = []string{"required flag", "unknown command", "unknown flag", "unknown shorthand flag", "invalid argument", "flag needs an argument", "accepts ", "requires at least"}

func exitCode(err error, errOut io.Writer, p *i18n.Printer) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errFound) {
		return exitFailure
	}
	fmt.Fprintln(errOut, "baocao:", p.Message(err))
	var ue usageError
	usage := errors.As(err, &ue)
	for _, prefix := range cobraUsage {
		usage = usage || strings.HasPrefix(err.Error(), prefix)
	}
	if usage {
		fmt.Fprintln(errOut, p.T("Run 'baocao --help' for usage."))
		return exitUsage
	}
	return exitFailure
}

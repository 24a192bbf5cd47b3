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
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newRootCmd(os.Stdout, os.Stderr).ExecuteContext(ctx)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// Exit statuses: 0 ok, 1 something failed or was found, 2 usage error.
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

func exitCode(err error, errOut io.Writer) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errFound) {
		return exitFailure
	}
	fmt.Fprintln(errOut, "baocao:", err)
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(errOut, "Run 'baocao --help' for usage.")
		return exitUsage
	}
	return exitFailure
}

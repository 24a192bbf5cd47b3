package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
)

// Error codes of the API: stable strings scripts may branch on.
const (
	CodeInvalid      = "invalid"
	CodeNotFound     = "not_found"
	CodeAmbiguous    = "ambiguous"
	CodeUnauthorized = "unauthorized"
	CodeForbidden    = "forbidden"
	CodeTooLarge     = "too_large"
	CodeBusy         = "busy"
	CodeMethod       = "method_not_allowed"
	CodeUnavailable  = "unavailable"
	CodeOverloaded   = "overloaded"
	CodeInternal     = "internal"
	// CodeUnsupportedType: an upload the pipeline cannot read (415).
	CodeUnsupportedType = "unsupported_type"
)

// Error is an error the client may see: a stable code and a message.
// Message is a key of the message catalogue (package i18n, its English
// text) formatted with Args, so the client reads it in the server's
// language.
type Error struct {
	Code    string
	Message string
	Args    []any
}

func (e *Error) Error() string { return e.Code + ": " + i18n.New(i18n.EN).T(e.Message, e.Args...) }

func invalid(format string, args ...any) error {
	return &Error{Code: CodeInvalid, Message: format, Args: args}
}

// errorStatus is the one mapping from errors to HTTP statuses, codes and
// the message shown, in p's language. Errors the client did not cause
// keep their details in the log and show a generic message.
func errorStatus(err error, p *i18n.Printer) (status int, code, msg string) {
	var e *Error
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &e):
		code, msg = e.Code, p.T(e.Message, e.Args...)
	case errors.Is(err, index.ErrBadQuery):
		// The same message the CLI prints: what was wrong and the valid
		// forms (index.QueryError), in the reader's language.
		code, msg = CodeInvalid, p.Message(err)
	case errors.As(err, &tooBig):
		code, msg = CodeTooLarge, p.T("request body larger than %d bytes", tooBig.Limit)
	case errors.Is(err, index.ErrNotFound):
		code, msg = CodeNotFound, p.T("report not found")
	case errors.Is(err, index.ErrAmbiguous):
		code, msg = CodeAmbiguous, p.T("the id prefix matches several reports; give more digits")
	case errors.Is(err, context.DeadlineExceeded):
		code, msg = CodeOverloaded, p.T("the search took too long; narrow it (fewer words, a province or a period)")
	case errors.Is(err, index.ErrInUse), errors.Is(err, index.ErrReadOnly):
		code, msg = CodeUnavailable, p.T("the index is not writable now")
	default:
		code, msg = CodeInternal, p.T("internal error")
	}
	switch code {
	case CodeInvalid:
		status = http.StatusBadRequest
	case CodeNotFound:
		status = http.StatusNotFound
	case CodeAmbiguous:
		status = http.StatusConflict
	case CodeUnauthorized:
		status = http.StatusUnauthorized
	case CodeForbidden:
		status = http.StatusForbidden
	case CodeTooLarge:
		status = http.StatusRequestEntityTooLarge
	case CodeUnsupportedType:
		status = http.StatusUnsupportedMediaType
	case CodeBusy:
		status = http.StatusConflict
	case CodeMethod:
		status = http.StatusMethodNotAllowed
	case CodeUnavailable, CodeOverloaded:
		status = http.StatusServiceUnavailable
	default:
		status = http.StatusInternalServerError
	}
	return status, code, msg
}

type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// writeError answers an API request with {"error": {"code", "message"}}.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, code, msg := errorStatus(err, s.p)
	s.logError(r, status, err)
	var body apiError
	body.Error.Code, body.Error.Message = code, msg
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="baocao"`)
	}
	retryAfter(w, code)
	writeJSON(w, status, body)
}

// retryAfter tells a client refused for load when to come back.
func retryAfter(w http.ResponseWriter, code string) {
	if code == CodeOverloaded {
		w.Header().Set("Retry-After", "1")
	}
}

func (s *Server) logError(r *http.Request, status int, err error) {
	if status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	} else {
		s.log.Debug("request refused", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	}
}

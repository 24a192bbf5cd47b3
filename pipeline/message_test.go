package pipeline_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/baocao/baocao/pipeline"
)

func TestCleanMessage(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain message", "plain message"},
		{"title \x1b]0;pwned\x07 set", "title ]0;pwned set"},
		{"colour \x1b[31mred\x1b[0m", "colour [31mred [0m"},
		{"C1 \u009b31m here", "C1 31m here"},
		{"bidi \u202egnp.exe", "bidi gnp.exe"},
		{"lines\r\nand\ttabs", "lines and tabs"},
		{"bad utf-8 \xff\xfe end", "bad utf-8 \uFFFD\uFFFD end"},
		{"Tiếng Việt có dấu", "Tiếng Việt có dấu"},
	}
	for _, c := range cases {
		if got := pipeline.CleanMessage(c.in); got != c.want {
			t.Errorf("CleanMessage(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	long := pipeline.CleanMessage(strings.Repeat("ệ", 1000))
	if len(long) > pipeline.MaxMessage+len("…") || !strings.HasSuffix(long, "…") || !strings.HasPrefix(long, "ệệ") {
		t.Errorf("long message: %d bytes, %q…", len(long), long[:20])
	}
}

// DocError keeps the reason (errors.Is) while its message is clean.
func TestDocErrorMessageIsClean(t *testing.T) {
	err := &pipeline.DocError{Source: "a\x1b[2Jb.pdf", Stage: "ingest",
		Err: fmt.Errorf("object \x1b]0;x\x07 %s: %w", strings.Repeat("z", 3000), pipeline.ErrMalformed)}
	if !errors.Is(err, pipeline.ErrMalformed) || pipeline.Reason(err) != "malformed" {
		t.Errorf("reason lost: %v", pipeline.Reason(err))
	}
	if msg := err.Error(); strings.ContainsRune(msg, 0x1b) || len(msg) > 2*pipeline.MaxMessage {
		t.Errorf("message: %d bytes %q", len(msg), msg[:60])
	}
}

func TestCleanText(t *testing.T) {
	for in, want := range map[string]string{
		"plain\n\tline":           "plain\n\tline",
		"title\x1b]0;pwned\x07 x": "title ]0;pwned  x",
		"a\u202eb\r\nc":           "a b \nc",
		"bad \xff byte":           "bad \uFFFD byte",
		strings.Repeat("dài ", pipeline.MaxMessage): strings.Repeat("dài ", pipeline.MaxMessage),
	} {
		if got := pipeline.CleanText(in); got != want {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
	}
}

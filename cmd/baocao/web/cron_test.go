package web

import (
	"errors"
	"testing"
	"time"
)

func TestScheduleNext(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		expr, from, want string
	}{
		{"0 2 * * *", "2024-03-10 01:59", "2024-03-10 02:00"},
		{"0 2 * * *", "2024-03-10 02:00", "2024-03-11 02:00"},
		{"@daily", "2024-12-31 23:30", "2025-01-01 00:00"},
		{"@hourly", "2024-01-01 10:00", "2024-01-01 11:00"},
		{"*/15 * * * *", "2024-01-01 10:07", "2024-01-01 10:15"},
		{"5/20 * * * *", "2024-01-01 10:46", "2024-01-01 11:05"},
		{"30 22 * * mon-fri", "2024-03-09 12:00", "2024-03-11 22:30"}, // Saturday → Monday
		{"0 0 * * 7", "2024-03-11 00:00", "2024-03-17 00:00"},         // 7 is Sunday
		{"0 0 29 feb *", "2023-03-01 00:00", "2024-02-29 00:00"},
		{"0 6 1,15 * *", "2024-01-02 00:00", "2024-01-15 06:00"},
		{"0 6 13 * fri", "2024-09-01 00:00", "2024-09-06 06:00"}, // either day field
		{"0 0 31 2 *", "2024-01-01 00:00", ""},                   // never
	}
	for _, tt := range tests {
		s, err := ParseSchedule(tt.expr)
		if err != nil {
			t.Errorf("ParseSchedule(%q): %v", tt.expr, err)
			continue
		}
		got := s.Next(at(tt.from))
		want := time.Time{}
		if tt.want != "" {
			want = at(tt.want)
		}
		if !got.Equal(want) {
			t.Errorf("%q.Next(%s) = %s, want %s", tt.expr, tt.from, got, want)
		}
	}
}

func TestParseScheduleErrors(t *testing.T) {
	for _, expr := range []string{"", "* * * *", "* * * * * *", "60 * * * *", "* 24 * * *", "* * 0 * *",
		"* * * 13 *", "* * * * 8", "5-1 * * * *", "*/0 * * * *", "a * * * *", "1,,2 * * * *", "@often"} {
		if _, err := ParseSchedule(expr); !errors.Is(err, ErrBadCron) {
			t.Errorf("ParseSchedule(%q) = %v, want ErrBadCron", expr, err)
		}
	}
}

func FuzzParseSchedule(f *testing.F) {
	for _, s := range []string{"0 2 * * *", "*/5 1-3 1,15 jan-mar mon", "@weekly", "0 0 31 2 *"} {
		f.Add(s)
	}
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, expr string) {
		s, err := ParseSchedule(expr)
		if err != nil {
			return
		}
		if next := s.Next(from); !next.IsZero() && !next.After(from) {
			t.Errorf("%q.Next(%s) = %s, not after", expr, from, next)
		}
	})
}

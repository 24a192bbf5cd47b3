package extract

import "testing"

func TestParsePeriod(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Period
		ok   bool
	}{
		{"2023-Q1", Period{Kind: PeriodQuarter, Year: 2023, Quarter: 1, Label: "2023-Q1"}, true},
		{" 2024-q4 ", Period{Kind: PeriodQuarter, Year: 2024, Quarter: 4, Label: "2024-Q4"}, true},
		{"2023-H1", Period{Kind: PeriodHalfYear, Year: 2023, Label: "2023-H1"}, true},
		{"2023-9m", Period{Kind: PeriodNineMonths, Year: 2023, Label: "2023-9M"}, true},
		{"2023", Period{Kind: PeriodYear, Year: 2023, Label: "2023"}, true},
		{"", Period{}, false},
		{"2023-Q5", Period{}, false},
		{"2023-Q", Period{}, false},
		{"2023-H2", Period{}, false},
		{"23-Q1", Period{}, false},
		{"+123", Period{}, false},
		{"2023-", Period{}, false},
		{"Q1-2023", Period{}, false},
	} {
		got, err := ParsePeriod(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParsePeriod(%q) = %+v, %v; want %+v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if tt.ok {
			if back, _ := ParsePeriod(got.Label); back != got {
				t.Errorf("ParsePeriod(%q) does not round-trip: %+v", got.Label, back)
			}
		}
	}
}

// FuzzParsePeriod: whatever the label, ParsePeriod does not panic, and a
// label it accepts reads back to the same Period.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2023-Q1", "2024-h1", "2023-9M", "2023", " 2025-q4 ", "2023-Q5", "-2023", "20231"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			return
		}
		if back, err := ParsePeriod(p.Label); err != nil || back != p {
			t.Fatalf("%q → %+v, its label reads back as %+v, %v", s, p, back, err)
		}
	})
}

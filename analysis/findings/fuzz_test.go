package findings

import (
	"math"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/reference"
)

// FuzzParse checks that the row parser never panics, that what it accepts
// obeys the contract, and that an accepted row written back in normalised
// form parses to the same finding.
func FuzzParse(f *testing.F) {
	seeds := [][8]string{
		{"Medway", "2019-08", "grade", "inadequate", "", "", "", ""},
		{"LB Barking & Dagenham", "03/04/2018", "visit", "focused visit", "", "", "", ""},
		{"E06000035", "2019", "vacancy_rate", "25%", "", "", "", ""},
		{"887", "2019-08-19", "caseload", "55", "", "assessment", "up to", ""},
		{"Dudley", "2018-05", "theme", "Management  Oversight", "", "mash", "", "strength"},
		{"Northamptonshire", "2022", "caseload", "20", "", "", "", ""},
		{"Kent", "2024-09-30", "social_workers", "1,234.5", "", "", "", ""},
		{"Medway", "2019-08", "grade", "RI", "children in care and care leavers", "", "", ""},
		{"NorthAmptonshire", "2000", "CAseloAd", "C", "", "", "", ""}, // a code for a caseload, found by make fuzz
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7])
	}
	p := NewParser(reference.Default())
	f.Fuzz(func(t *testing.T, council, date, measure, value, area, scope, qual, pol string) {
		raw := Raw{council, date, measure, value, area, scope, qual, pol}
		got, err := p.Parse(&raw)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("a reject without a reason")
			}
			return
		}
		if got.Measure == MeasureNone || got.Date.Day < dates.MinDay || got.Date.Day > dates.MaxDay || math.IsNaN(got.Value) || math.IsInf(got.Value, 0) {
			t.Fatalf("accepted %q as %+v", raw, got)
		}
		switch {
		// A suppression code ([c], or DfE's bare c in any case) stands in
		// for the number: no range applies to it.
		case got.Code == NoCode && got.Measure == Caseload && (got.Value <= 0 || got.Value > 200),
			got.Code == NoCode && got.Measure.Rate() && (got.Value < 0 || got.Value > 100),
			got.Measure == Grade && (got.Grade() == NoGrade || got.Area == AreaNone),
			got.Measure == Theme && (got.Label == "" || got.Polarity == PolarityNone),
			got.Measure.Numeric() && got.Qualifier == QualNone,
			got.Scope == "":
			t.Fatalf("accepted %q as %+v", raw, got)
		}
		back := Raw{p.Ref.Councils[got.Council].GSS, got.Date.String(), got.Measure.String(), got.ValueText(),
			got.Area.String(), got.Scope, got.Qualifier.String(), got.Polarity.String()}
		again, err := p.Parse(&back)
		if err != nil {
			t.Fatalf("normalised row %q of %q does not parse: %v", back, raw, err)
		}
		if again.Council != got.Council || again.Date != got.Date || again.Measure != got.Measure || again.Value != got.Value ||
			again.Area != got.Area || again.Scope != got.Scope || again.Qualifier != got.Qualifier || again.Polarity != got.Polarity || again.Label != got.Label {
			t.Fatalf("round trip of %q: %+v then %+v", raw, got, again)
		}
	})
}

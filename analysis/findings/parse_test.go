package findings

import (
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/reference"
)

func raw(council, date, measure, value string, rest ...string) *Raw {
	r := &Raw{}
	r[ColCouncil], r[ColDate], r[ColMeasure], r[ColValue] = council, date, measure, value
	for i, v := range rest {
		r[ColArea+i] = v
	}
	return r
}

func TestParseAccepts(t *testing.T) {
	p := NewParser(reference.Default())
	tests := []struct {
		name string
		row  *Raw
		// want: measure, value text, area, scope, qualifier, polarity, date
		want [7]string
	}{
		{"grade default area", raw("Medway", "2019-08", "grade", "Inadequate"), [7]string{"grade", "inadequate", "overall", "council", "", "", "2019-08"}},
		{"RI short form", raw("E06000035", "2015", "Grade", "RI"), [7]string{"grade", "requires improvement", "overall", "council", "", "", "2015"}},
		{"long grade words", raw("887", "01/08/2019", "grade", "Requires improvement to be good", "help and protection"), [7]string{"grade", "requires improvement", "help_and_protection", "council", "", "", "2019-08-01"}},
		{"percent rate", raw("Medway", "2019-08", "vacancy_rate", "25%"), [7]string{"vacancy_rate", "25", "", "council", "exact", "", "2019-08"}},
		{"rate without sign", raw("Medway", "2019-08", "Vacancy rate", "25"), [7]string{"vacancy_rate", "25", "", "council", "exact", "", "2019-08"}},
		{"team caseload", raw("Medway", "2019-08", "caseload", "40", "", "Assessment", "over"), [7]string{"caseload", "40", "", "assessment", "over", "", "2019-08"}},
		{"as many as", raw("Medway", "2019-08", "caseload", "55", "", "assessment", "up to"), [7]string{"caseload", "55", "", "assessment", "up_to", "", "2019-08"}},
		{"theme folded", raw("Barking & Dagenham", "2019-04", "theme", "  Management   Oversight ", "", "", "", "Weakness"), [7]string{"theme", "management oversight", "", "council", "", "weakness", "2019-04"}},
		{"visit long form", raw("Dudley", "2018-05", "visit", "Monitoring visit"), [7]string{"visit", "monitoring", "", "council", "", "", "2018-05"}},
		{"fte with thousands", raw("Kent", "2024-09-30", "social_workers", "1,234.5"), [7]string{"social_workers", "1234.5", "", "council", "exact", "", "2024-09-30"}},
		{"recommendations", raw("Medway", "2019-08", "recommendations", "10"), [7]string{"recommendations", "10", "", "council", "exact", "", "2019-08"}},
		{"zero vacancy", raw("Rutland", "2024", "vacancy_rate", "0"), [7]string{"vacancy_rate", "0", "", "council", "exact", "", "2024"}},
		{"bracketed code", raw("Westminster", "2025-09-30", "caseload", "[x]"), [7]string{"caseload", "[x]", "", "council", "exact", "", "2025-09-30"}},
		{"bare DfE code", raw("Sunderland", "2025-09-30", "agency_rate", "low"), [7]string{"agency_rate", "[low]", "", "council", "exact", "", "2025-09-30"}},
		{"code in capitals", raw("Isles of Scilly", "2025-09-30", "turnover_rate", "Z"), [7]string{"turnover_rate", "[z]", "", "council", "exact", "", "2025-09-30"}},
		{"code for workers", raw("Isles of Scilly", "2025-09-30", "social_workers", "[c]"), [7]string{"social_workers", "[c]", "", "council", "exact", "", "2025-09-30"}},
	}
	for _, tt := range tests {
		f, err := p.Parse(tt.row)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		got := [7]string{f.Measure.String(), f.ValueText(), f.Area.String(), f.Scope, f.Qualifier.String(), f.Polarity.String(), f.Date.String()}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestParseRejects(t *testing.T) {
	p := NewParser(reference.Default())
	tests := []struct {
		name string
		row  *Raw
		want []string
	}{
		{"misspelt council", raw("Barking & Dagnham", "2019", "grade", "good"), []string{`council "Barking & Dagnham" is not known; did you mean "Barking and Dagenham" (E09000002)?`}},
		{"rate too high", raw("Medway", "2019", "vacancy_rate", "140"), []string{"vacancy_rate 140 is outside 0-100"}},
		{"caseload zero", raw("Medway", "2019", "caseload", "0"), []string{"caseload 0 is outside 0-200"}},
		{"caseload percent", raw("Medway", "2019", "caseload", "20%"), []string{"only rates take a % sign"}},
		{"blank required", raw("", "", "", ""), []string{"council is blank", "date is blank", "measure is blank", "value is blank"}},
		{"bad date and bad measure", raw("Medway", "2019-13", "caseloads", "4"), []string{`date "2019-13" is not a real calendar date`, `measure "caseloads" is not one of`}},
		{"grade word", raw("Medway", "2019", "grade", "adequate"), []string{`grade "adequate" is not`}},
		{"theme needs polarity", raw("Medway", "2019", "theme", "drift and delay"), []string{"polarity is blank"}},
		{"polarity on number", raw("Medway", "2019", "caseload", "20", "", "", "", "weakness"), []string{"polarity \"weakness\" is only for themes"}},
		{"area on number", raw("Medway", "2019", "caseload", "20", "overall"), []string{"area \"overall\" is only for grades"}},
		{"qualifier on grade", raw("Medway", "2019", "grade", "good", "", "", "about"), []string{"qualifier \"about\" is only for numbers"}},
		{"team grade", raw("Medway", "2019", "grade", "good", "", "assessment"), []string{"a grade is about the whole service"}},
		{"decimal comma", raw("Medway", "2019", "caseload", "17,5"), []string{`caseload "17,5" is not a number`}},
		{"fractional recommendations", raw("Medway", "2019", "recommendations", "2.5"), []string{"not a whole number"}},
		{"control character", raw("Medway", "2019", "theme", "drift\x00", "", "", "", "weakness"), []string{"control character U+0000"}},
		{"unknown source type", raw("Medway", "2019", "caseload", "20", "", "", "", "", "", "blog"), []string{`source_type "blog"`}},
		{"abolished council later", raw("Northamptonshire", "2022-01", "caseload", "20"), []string{"abolished on 2021-04-01"}},
		{"NaN", raw("Medway", "2019", "caseload", "NaN"), []string{"is not a number"}},
		{"serial date outside xlsx", raw("Medway", "43678", "caseload", "20"), []string{`date "43678" is not`}},
		{"code for recommendations", raw("Medway", "2019", "recommendations", "x"), []string{`recommendations "x" is not a number`}},
		{"unknown code", raw("Medway", "2019", "caseload", "[q]"), []string{`caseload "[q]" is not a number`}},
		{"code for a grade", raw("Medway", "2019", "grade", "[x]"), []string{`grade "[x]" is not`}},
		{"document not a hash", raw("Medway", "2019", "caseload", "20", "", "", "", "", "", "", "", "abc"), []string{`document "abc" is not a SHA-256`}},
		{"page zero", raw("Medway", "2019", "caseload", "20", "", "", "", "", "", "", "", "", "0"), []string{`page "0" is not a page`}},
		{"long quote", raw("Medway", "2019", "caseload", "20", "", "", "", "", "", "", "", "", "", strings.Repeat("word ", 61)), []string{"quote is longer than 300 characters"}},
		{"confidence over 1", raw("Medway", "2019", "caseload", "20", "", "", "", "", "", "", "", "", "", "", "", "1.5"), []string{`confidence "1.5" is not a number from 0 to 1`}},
		{"confidence in Go syntax", raw("Medway", "2019", "caseload", "20", "", "", "", "", "", "", "", "", "", "", "", "0x1p-1"), []string{`is not a number from 0 to 1`}},
		{"low confidence", raw("Medway", "2019", "caseload", "20", "", "", "", "", "", "", "", "", "", "", "", "0.55"), []string{"confidence 0.55 is below 0.6", "set confidence to 1"}},
	}
	for _, tt := range tests {
		_, err := p.Parse(tt.row)
		if err == nil {
			t.Errorf("%s: accepted", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: reason %q does not contain %q", tt.name, err, w)
			}
		}
	}
}

func TestParseLeavesRowUnchanged(t *testing.T) {
	p := NewParser(reference.Default())
	r := raw(" Medway ", "2019", "caseload", " 20 ")
	before := *r
	if _, err := p.Parse(r); err != nil {
		t.Fatal(err)
	}
	if *r != before {
		t.Fatalf("row changed: %q", *r)
	}
}

func TestSpreadsheetSerialDates(t *testing.T) {
	p := NewParser(reference.Default())
	p.Spreadsheet = true
	f, err := p.Parse(raw("Medway", "43678", "caseload", "20"))
	if err != nil || f.Date.String() != "2019-08-01" {
		t.Fatalf("%v %v", f.Date, err)
	}
}

func TestParseProvenance(t *testing.T) {
	p := NewParser(reference.Default())
	sum := strings.Repeat("ab", 32)
	f, err := p.Parse(raw("Medway", "2019-08", "caseload", "40", "", "assessment", "over", "", "report.pdf", "ofsted", "",
		strings.ToUpper(sum), "12", "more than 40 children each", "oversight-extract 1.0", "0.95"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Document != sum || f.Page != 12 || f.Quote != "more than 40 children each" || f.Extractor != "oversight-extract 1.0" || f.Confidence != 0.95 {
		t.Fatalf("provenance %q %d %q %q %v", f.Document, f.Page, f.Quote, f.Extractor, f.Confidence)
	}
}

func TestCodesRoundTrip(t *testing.T) {
	for _, c := range Codes() {
		for _, s := range []string{c.String(), c.Bare(), strings.ToUpper(c.Bare())} {
			if got, ok := ParseCode(s); !ok || got != c {
				t.Errorf("ParseCode(%q) = %v %v, want %v", s, got, ok, c)
			}
		}
		if c.Meaning() == "" {
			t.Errorf("%v has no meaning", c)
		}
	}
	for _, s := range []string{"", "[]", "xx", "[x", "x]", "lowest", "0"} {
		if _, ok := ParseCode(s); ok {
			t.Errorf("ParseCode(%q) accepted", s)
		}
	}
}

// Published (v3): read in any date form, never before the date, and blank
// meaning the date itself.
func TestParsePublished(t *testing.T) {
	p := NewParser(reference.Default())
	tests := []struct {
		name, date, published string
		want                  string // Published as written back; "" for blank
		known                 string // Known()
		reason                string // part of the rejection, when rejected
	}{
		{"blank is the date", "2023-07-10", "", "", "2023-07-10", ""},
		{"report published later", "2023-07-10", "2023-09-04", "2023-09-04", "2023-09-04", ""},
		{"UK order", "2023-09-30", "26/02/2024", "2024-02-26", "2024-02-26", ""},
		{"same day", "2023-07-10", "2023-07-10", "2023-07-10", "2023-07-10", ""},
		{"month within the day's month", "2019-08-15", "2019-08", "2019-08", "2019-08", ""},
		{"before the date", "2023-07-10", "2023-06-30", "", "", "published 2023-06-30 is before date 2023-07-10"},
		{"not a date", "2023-07-10", "soon", "", "", "published: date \"soon\""},
	}
	for _, tt := range tests {
		r := raw("Medway", tt.date, "grade", "good")
		r[ColPublished] = tt.published
		f, err := p.Parse(r)
		if tt.reason != "" {
			if err == nil || !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("%s: got %v, want a rejection containing %q", tt.name, err, tt.reason)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		got := ""
		if f.Published.Day != 0 {
			got = f.Published.String()
		}
		if got != tt.want || f.Known().String() != tt.known {
			t.Errorf("%s: published %q known %s, want %q and %s", tt.name, got, f.Known(), tt.want, tt.known)
		}
	}
}

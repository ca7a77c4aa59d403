package findings

import (
	"strconv"
	"strings"
	"testing"
)

// TestMeasureTable: every measure has a complete entry for its kind, so a
// measure added to the table is ready for every output the moment it is
// added, or this test says what is missing.
func TestMeasureTable(t *testing.T) {
	for _, m := range Measures() {
		d := m.Def()
		missing := func(what string) {
			t.Errorf("measure %d (%q): no %s in the table of measures (analysis/findings/measures.go)", m, d.Name, what)
		}
		if d.Name == "" || d.Value == 0 {
			missing("name or value kind")
			continue
		}
		if got, ok := ParseMeasure(d.Name); !ok || got != m {
			t.Errorf("%s: ParseMeasure gives %v", d.Name, got)
		}
		if d.Name != strings.ToLower(d.Name) || strings.ContainsAny(d.Name, " -") {
			t.Errorf("%s: a measure's name is lower case with underscores", d.Name)
		}
		if d.Value != NumberValueKind {
			if d.Headline || d.Codable || d.Rate || len(d.DfE.Columns) > 0 {
				t.Errorf("%s: only a number can be a headline figure, codable, a rate or a DfE column", d.Name)
			}
			continue
		}
		if d.Noun == "" || d.Header == "" || d.Unit == "" {
			missing("noun, header or unit")
		}
		if d.Rate && (d.Min != 0 || d.Max != 100) {
			t.Errorf("%s: a rate is 0-100 per cent", d.Name)
		}
		if !d.Rate && d.RangeWords == "" {
			missing("range words (what a rejection says)")
		}
		if d.Headline {
			if d.Explain == "" {
				missing("explanation for councillors")
			}
			if d.Threshold <= 0 {
				missing("change threshold (without one every move is a change)")
			}
			if !d.Codable {
				t.Errorf("%s: a headline figure comes from official statistics, which publish codes", d.Name)
			}
		}
		if len(d.DfE.Columns) > 0 && d.DfE.What == "" {
			missing("DfE definition (what DfE computes)")
		}
	}
	if len(HeadlineMeasures()) == 0 || len(DfEMeasures()) == 0 {
		t.Fatal("no headline or DfE measures")
	}
}

func TestCheckRange(t *testing.T) {
	tests := []struct {
		m    Measure
		v    float64
		want string
	}{
		{Caseload, 0, "caseload 0 is outside 0-200 (children per social worker, more than 0)"},
		{Caseload, 200, ""},
		{Caseload, 200.1, "outside 0-200"},
		{VacancyRate, 100, ""},
		{VacancyRate, 140, "vacancy_rate 140 is outside 0-100 (per cent)"},
		{SocialWorkers, -12, "social_workers -12 is negative"},
		{SocialWorkers, 0, ""},
		{Recommendations, 2.5, "recommendations 2.5 is not a whole number of 0 or more"},
		{Recommendations, -3, "recommendations -3 is not a whole number"},
		{Recommendations, 18, ""},
	}
	for _, tt := range tests {
		got := tt.m.Def().CheckRange(tt.v, strconv.FormatFloat(tt.v, 'f', -1, 64))
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%s %v: %q, want %q", tt.m, tt.v, got, tt.want)
		}
	}
}

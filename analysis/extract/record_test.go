package extract

import (
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/analysis/reference"
)

func TestCheckRecord(t *testing.T) {
	rec, err := inspections.ParseRecord(strings.NewReader(inspections.RecordHeader+`
Medway,2011-03-02,2011-03-02,help_and_protection,good
Medway,2019-06-03,2019-08-02,overall,inadequate
Medway,2022-01-10,2022-03-04,overall,good
`), reference.Default())
	if err != nil {
		t.Fatal(err)
	}
	sure := func(date, value string) evidence.Candidate {
		return evidence.Candidate{Council: "Medway", Date: date, Measure: "grade", Value: value, Area: "overall", Note: "rated in the sentence", Confidence: 0.9}
	}
	for _, c := range []struct {
		name   string
		in     evidence.Candidate
		review string // "" stays above the cut
		note   string
	}{
		{"corroborated", sure("2019-08", "inadequate"), "", "(it agrees)"},
		{"contradicted", sure("2019", "good"), "Ofsted's record gives Medway inadequate for overall at the inspection from 2019-06-03, published 2019-08-02, not good", "held for review"},
		{"no inspection near", sure("2016", "good"), "no inspection of Medway near 2016 in Ofsted's record", "held for review"},
		{"after the record", sure("2025", "good"), "", "rated in the sentence"},
		{"a figure is not checked", evidence.Candidate{Council: "Medway", Date: "2016", Measure: "caseload", Value: "20", Confidence: 0.9, Note: "n"}, "", "n"},
		{"already held: the record's word added", func() evidence.Candidate {
			c := sure("2019", "good")
			c.Review = "the council is in doubt"
			c.Confidence = 0.5
			return c
		}(),
			"the council is in doubt; Ofsted's record gives Medway inadequate", "rated in the sentence"},
	} {
		got := c.in
		checkRecord(rec, &got)
		if !strings.HasPrefix(got.Review, c.review) || (c.review == "") != (got.Review == "") {
			t.Errorf("%s: review %q, want %q", c.name, got.Review, c.review)
		}
		if got.Review != "" && got.Confidence > heldConfidence {
			t.Errorf("%s: held at confidence %v", c.name, got.Confidence)
		}
		if !strings.Contains(got.Note, c.note) {
			t.Errorf("%s: note %q lacks %q", c.name, got.Note, c.note)
		}
	}
}

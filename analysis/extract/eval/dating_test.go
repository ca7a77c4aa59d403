package eval

import (
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/extract/extracttest"
)

// The scorers of the dating measurement: the strict one is the key's own;
// the lenient one also takes, for a grade keyed by an inspection's
// publication day, its first day; the same-inspection one, any key period
// holding the publication.
func TestDatingScorers(t *testing.T) {
	rec := extracttest.Record(t, `
Medway,2019-06-03,2019-08-02,overall,inadequate
`)
	day := func(s string) dates.Date { return mustDate(t, s) }
	key := func(date, measure string) NewsFact {
		return NewsFact{Council: "Medway", Date: day(date), Measure: measure}
	}
	row := newsRow{council: "Medway", date: day("2019-06-03"), measure: "grade"}
	for _, c := range []struct {
		name                   string
		f                      NewsFact
		strict, lenient, broad bool
	}{
		{"the key has the first day", key("2019-06-03", "grade"), true, true, true},
		{"the key has the publication day", key("2019-08-02", "grade"), false, true, true},
		{"the key has the publication month", key("2019-08", "grade"), false, false, true},
		{"the key has another day", key("2019-08-05", "grade"), false, false, false},
		{"not a grade", key("2019-08-02", "caseload"), false, false, false},
	} {
		if got := strictMatch(row, c.f); got != c.strict {
			t.Errorf("%s: strict %v", c.name, got)
		}
		if got := lenientMatch(rec)(row, c.f); got != c.lenient {
			t.Errorf("%s: lenient %v", c.name, got)
		}
		if got := sameInspectionMatch(rec)(row, c.f); got != c.broad {
			t.Errorf("%s: same inspection %v", c.name, got)
		}
	}
	// applyRecord: a row the check holds leaves the cut; one it
	// corroborates is dated by the record when dating is on.
	in := map[string][]RunRow{"p": {
		{evidence.Candidate{Council: "Medway", Date: "2019-08-02", Measure: "grade", Value: "inadequate", Area: "overall", Confidence: 0.9}, true},
		{evidence.Candidate{Council: "Medway", Date: "2019-08", Measure: "grade", Value: "good", Area: "overall", Confidence: 0.9}, true},
	}}
	off, on := applyRecord(in, rec, false)["p"], applyRecord(in, rec, true)["p"]
	if !off[0].Above || off[0].C.Date != "2019-08-02" || off[1].Above {
		t.Errorf("the check: %+v", off)
	}
	if !on[0].Above || on[0].C.Date != "2019-06-03" || on[0].C.Published != "2019-08-02" || on[1].Above || on[1].C.Date != "2019-08" {
		t.Errorf("the check, dated: %+v", on)
	}
	if in["p"][0].C.Date != "2019-08-02" {
		t.Error("applyRecord changed its input")
	}
}

package eval

import (
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/extract/extracttest"
	"github.com/oversight/oversight/analysis/reference"
)

// Each reason the text reader holds a grade for has a kind; the record's
// word appended after "; " does not change it.
func TestHoldKind(t *testing.T) {
	for _, c := range []struct{ review, kind string }{
		{"the sentence names no council and the document names several: the council is the one the text was last about", "council doubt"},
		{"the sentence names several councils; the finding is not in the clause of the one named nearest before it", "council doubt"},
		{`the grade's sentence gives a time ("2016") that is not the inspection the article dates`, "date doubt"},
		{`the grade's sentence speaks of another time ("before"); the inspection it reports is dated only elsewhere`, "date doubt"},
		{"the date heads another clause of the sentence, not the grade's", "date doubt"},
		{"the article dates more than one inspection of the council; the grade's sentence does not say which", "date doubt"},
		{"the sentence names another judgement nearer to the date than this grade", "judgement nearer"},
		{"an earlier grade whose date the text gives only for an inspection named elsewhere", "earlier grade"},
		{"the grade describes the council's standing; its date is that of another mention of an inspection", "standing"},
		{"the area is taken only by being named near this grade, and it is named nearer another grade of the sentence: which grade is the area's is not certain", "area nearness"},
		{`the sentence speaks of judgement areas ("most areas"): the grade may be an area's, not the overall one`, "area doubt"},
		{"the sentence speaks of a plan, an aim or a target: the figure may be one", "plan"},
		{"does not validate: published 2015-01-01 is before date 2016: a finding is public only once what it is about has happened", "validation"},
		{"Ofsted's record gives Medway good for overall at the inspection from 2019-06-03, published 2019-08-02, not inadequate", "record"},
		{"no inspection of Medway near 2017 in Ofsted's record", "record"},
		{"the earlier grade of a change; Ofsted's record gives Medway good (it agrees)", "other"},
		{"the sentence names no council and the document names several; Ofsted's record gives Medway good for overall at the inspection from 2019-06-03, published 2019-08-02 (it agrees)", "council doubt"},
	} {
		if got := HoldKind(c.review); got != c.kind {
			t.Errorf("%q: %q, want %q", c.review, got, c.kind)
		}
	}
}

// What the measurement lifts: a held grade with a council and a date that
// the record corroborates, labelled by the strict scorer; one it
// contradicts, an undated one and one above the cut are not lifted; a
// lifted duplicate of a fact already found is wrong.
func TestLabelLifted(t *testing.T) {
	rec := extracttest.Record(t, `
Medway,2019-06-03,2019-08-02,overall,inadequate
Kent,2017-01-09,2017-03-01,overall,good
`)
	day := func(s string) dates.Date { return mustDate(t, s) }
	const doubt = "the sentence names no council and the document names several: the council is the one the text was last about"
	grade := func(council, date, value string, above bool, review string) RunRow {
		return RunRow{evidence.Candidate{Council: council, Date: date, Measure: "grade", Value: value, Area: "overall", Review: review, Confidence: 0.5}, above}
	}
	rows := map[string][]RunRow{"p": {
		grade("Medway", "2019-08", "inadequate", false, doubt),                                                            // corroborated, keyed: RIGHT
		grade("Kent", "2017", "good", false, doubt),                                                                       // corroborated, not keyed: WRONG
		grade("Medway", "2019-08", "good", false, doubt),                                                                  // contradicted: not lifted
		grade("Medway", "", "inadequate", false, doubt),                                                                   // undated: not lifted
		grade("Medway", "2019-08", "inadequate", false, "the date heads another clause of the sentence, not the grade's"), // a duplicate: WRONG
	}}
	f := NewsFact{Council: councilKey(reference.Default(), "Medway"), Date: day("2019-08"), Measure: "grade"}
	f.Value, f.Area, f.Scope, f.Qualifier = normValues("grade", "inadequate", "overall", "", "")
	facts := map[string][]NewsFact{"p": {f}}
	pieces := []NewsPiece{{Name: "p"}}
	lift := func(c RunRow) bool { _, ok := corroboratedHold(rec, c); return ok }
	got := labelLifted(pieces, facts, rows, reference.Default(), lift)["p"]
	want := map[int]string{0: "RIGHT", 1: "WRONG", 4: "WRONG"}
	if len(got) != len(want) {
		t.Fatalf("lifted %v, want %v", got, want)
	}
	for j, l := range want {
		if got[j] != l {
			t.Errorf("row %d: %q, want %q", j, got[j], l)
		}
	}
	if k, _ := corroboratedHold(rec, rows["p"][4]); k != "date doubt" {
		t.Errorf("kind %q", k)
	}
	// Lifting one kind only: the scorer sees the council doubts above the cut.
	only := promote(rec, rows, func(k string) bool { return k == "council doubt" })
	s := scoreDating(pieces, facts, only, reference.Default(), strictMatch)
	if s.tp != 1 || s.fp != 1 || s.fn != 0 {
		t.Errorf("council doubt lifted: %d-%d-%d, want 1-1-0", s.tp, s.fp, s.fn)
	}
}

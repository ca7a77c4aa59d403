package extract

import (
	"fmt"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/extract/text"
	"github.com/oversight/oversight/analysis/inspections"
)

// CheckRecord checks a grade the text reader read (news, press releases,
// council papers, letters; never an Ofsted report, whose grades are
// Ofsted's own) against Ofsted's record of judgements, the date kept as the
// text gives it (docs/extraction.md "Grades checked against Ofsted's
// record"). Corroborated: the note says so. Contradicted, or no inspection
// near the date where the record covers the council: held for review with
// what the record gives. Outside the record's coverage: unchanged. A
// candidate already held gets the record's word in its reason, for the
// person reviewing it. With date (Options.DateByRecord), a corroborated
// grade whose inspection the record knows the first day of is dated by it
// (docs/extraction.md "Dating a corroborated grade by the record").
// It is exported so that the evaluation can apply it to rows an older
// extractor wrote (first sight).
func CheckRecord(rec *inspections.Record, c *evidence.Candidate, date bool) {
	if (c.Measure != "grade" && c.Measure != "recommendations") || c.Council == "" || c.Date == "" {
		return
	}
	d, err := dates.Parse(c.Date)
	if err != nil {
		return
	}
	if c.Measure == "recommendations" {
		checkReported(rec, c, d)
		return
	}
	got := rec.Check(c.Council, d, c.Area, c.Value)
	why := got.Reason(c.Council, c.Date)
	if why == "" {
		return
	}
	switch got.Verdict {
	case inspections.Corroborated:
		if date && dateByRecord(got, c) {
			return
		}
		if c.Review != "" {
			c.Review += "; " + why + " (it agrees)"
		} else if c.Note != "" {
			c.Note += "; " + why + " (it agrees)"
		}
	case inspections.Contradicted, inspections.Absent:
		if got.Verdict == inspections.Contradicted {
			why += ", not " + c.Value
		}
		holdFor(c, why)
	}
}

// holdFor holds c for review with the record's word, or adds it to the
// reason c is already held for.
func holdFor(c *evidence.Candidate, why string) {
	if c.Review != "" {
		c.Review += "; " + why
		return
	}
	c.Hold(why)
}

// dateByRecord dates a corroborated grade by the inspection's first day
// and its publication, when the record knows the first day (a source gave
// it: the record's inspected day differs from its published day); false,
// the candidate unchanged, otherwise. Findings v3 date an Ofsted judgement
// by the inspection's first day; a text often gives only the report's
// publication ("published today") or a month or year.
func dateByRecord(got inspections.Checked, c *evidence.Candidate) bool {
	x := got.Inspection
	if x == nil || x.Inspected == x.Published {
		return false
	}
	from := c.Date
	if c.Published != "" && c.Published != c.Date {
		from += ", published " + c.Published
	}
	c.Date, c.Published = x.Inspected.String(), x.Published.String()
	why := fmt.Sprintf("dated by Ofsted's record: the inspection of %s, published %s (the text: %s)", x.Inspected, x.Published, from)
	if x.Council != got.Council {
		why += "; inspected as " + x.Council + ", a joint service"
	}
	switch {
	case c.Review != "":
		c.Review += "; " + why
	case c.Note != "":
		c.Note += "; " + why
	default:
		c.Note = why
	}
	return true
}

// textRecord is the record as the text reader asks it: the grades of the
// inspection that corroborates a grade, for reading the areas a sentence
// grades beside it (analysis/extract/text recordAreas).
type textRecord struct{ r *inspections.Record }

func (t textRecord) Inspection(council string, date dates.Date, area, grade string) *text.Inspection {
	got := t.r.Check(council, date, area, grade)
	if got.Verdict != inspections.Corroborated || got.Inspection == nil {
		return nil
	}
	x := got.Inspection
	return &text.Inspection{Grades: x.Grades, Inspected: x.Inspected, Published: x.Published}
}

// checkReported holds a count of recommendations dated when Ofsted's record,
// which covers the council then, has no inspection whose report it can be
// from: the count is a visit's letter's or another body's list.
func checkReported(rec *inspections.Record, c *evidence.Candidate, d dates.Date) {
	got := rec.Reported(c.Council, d)
	if got.Verdict != inspections.Absent {
		return
	}
	holdFor(c, fmt.Sprintf("no inspection of %s near %s in Ofsted's record (none from %s to %s) whose report these recommendations can be in", c.Council, c.Date, got.From, got.To))
}

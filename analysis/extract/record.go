package extract

import (
	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/inspections"
)

// heldConfidence is the confidence of a grade the record sends to review:
// under the cut, as the text reader's own held candidates are.
const heldConfidence = 0.5

// checkRecord checks a grade the text reader read (news, press releases,
// council papers, letters; never an Ofsted report, whose grades are
// Ofsted's own) against Ofsted's record of judgements, the date kept as the
// text gives it (docs/extraction.md "Grades checked against Ofsted's
// record"). Corroborated: the note says so. Contradicted, or no inspection
// near the date where the record covers the council: held for review with
// what the record gives. Outside the record's coverage: unchanged. A
// candidate already held gets the record's word in its reason, for the
// person reviewing it.
func checkRecord(rec *inspections.Record, c *evidence.Candidate) {
	if c.Measure != "grade" || c.Council == "" || c.Date == "" {
		return
	}
	d, err := dates.Parse(c.Date)
	if err != nil {
		return
	}
	got := rec.Check(c.Council, d, c.Area, c.Value)
	why := got.Reason(c.Council, c.Date)
	if why == "" {
		return
	}
	switch got.Verdict {
	case inspections.Corroborated:
		if c.Review != "" {
			c.Review += "; " + why + " (it agrees)"
		} else if c.Note != "" {
			c.Note += "; " + why + " (it agrees)"
		}
	case inspections.Contradicted, inspections.Absent:
		if got.Verdict == inspections.Contradicted {
			why += ", not " + c.Value
		}
		if c.Review != "" {
			c.Review += "; " + why
			return
		}
		c.Review = why
		if c.Confidence > heldConfidence {
			c.Confidence = heldConfidence
		}
		if c.Note != "" {
			c.Note += "; held for review: " + why
		}
	}
}

package text

import (
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
)

// Why: stories look back at an earlier inspection's areas as well as its
// overall grade ("its care leavers service, judged inadequate in 2015");
// the rules hold or miss these, and recordAreas reads areas only for the
// inspection the text reports. The record settles them the way
// recordEarlier settles an earlier overall grade: a sentence about one
// council that gives one past time and names areas beside grade words
// states that council's grades for those areas at the record's
// inspection then, when the record gives each area that very grade.

// overallGrades are the grades an inspection may give overall, for
// asking the record which inspection a time names.
var overallGrades = [...]string{"outstanding", "good", "requires improvement", "inadequate"}

// recordEarlierAreas adds the earlier area grades sentences state that
// the record agrees with (see above).
func (d *document) recordEarlierAreas(cands []evidence.Candidate, rec Record) []evidence.Candidate {
	if rec == nil || d.kind == KindLetter {
		return cands
	}
	// Council, area, year and grade above the cut. (Another grade for
	// the area that year, which the record does not give, is the record
	// check's to hold.)
	have := map[string]bool{}
	for _, c := range cands {
		if c.Measure == "grade" && c.Review == "" && c.Council != "" && len(c.Date) >= 4 {
			have[c.Council+"\x1f"+c.Area+"\x1f"+c.Date[:4]+"\x1f"+canonGrade(c.Value)] = true
		}
	}
	var out []evidence.Candidate
	for i := range d.sents {
		s := &d.sents[i]
		if reHypothetical.MatchString(s.Text) {
			continue
		}
		// One past time in the sentence: the inspection it names.
		ws := d.pastTimes(s)
		if len(ws) != 1 {
			continue
		}
		w := ws[0]
		var x *Inspection
		for _, g := range overallGrades {
			if y := rec.Inspection(s.Council, w.Date, "overall", g); y != nil && inPeriod(w.Date, y) {
				if x != nil {
					x = nil // two inspections then: which one is unsure
					break
				}
				x = y
			}
		}
		if x == nil || len(x.Grades) < 2 {
			continue
		}
		t := reGradeFromTo.ReplaceAllString(s.Text, "to ‘$2’")
		for _, f := range sentenceAreas(t, x.Grades) {
			k := s.Council + "\x1f" + f.area + "\x1f" + w.Date.String()[:4] + "\x1f" + f.grade
			if have[k] || f.grade == canonGrade(x.Grades["overall"]) {
				// (an area given the overall grade: a word of the area
				// near the overall grade, "leaders", "children in its
				// care", is as likely, and the record cannot tell them
				// apart.)
				continue
			}
			have[k] = true
			c := d.newCand(s, "grade", f.grade, 0, len(s.Text))
			c.Council, c.Date, c.Area, c.Confidence = s.Council, w.Date.String(), f.area, 0.85
			if w.Date.Prec != dates.PrecYear && !w.Date.Contains(x.Inspected) && x.Inspected != x.Published && d.timeGiven(x.Inspected, s.Council) {
				c.Date = x.Inspected.String()
			}
			c.Note = "grade (" + strings.ReplaceAll(f.area, "_", " ") + ") " + f.how + ", dated by the time its sentence gives (\"" + w.Text + "\"): " + recordAgrees
			out = append(out, c)
		}
	}
	return withFound(cands, out, nil)
}

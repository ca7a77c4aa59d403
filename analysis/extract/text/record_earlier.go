package text

import (
	"regexp"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
)

// Why: stories look back (a grade with its year, a grade "since" a year, a
// grade given at the last inspection with that inspection's year) in
// more ways than the rules tie a grade to
// its year surely; each round's wording rules for earlier grades moved
// the next unseen slice by nothing. Ofsted's record settles the pairing:
// a sentence about one council giving a year and a grade word states that
// council's earlier overall grade when the record has the council given
// that grade overall at an inspection in that year. It is dated as the
// text dates it (the year, or the month the text gives).

// reJudgementCue: the sentence speaks of a judgement.
var reJudgementCue = regexp.MustCompile(`(?i)\b(?:rated|rating|ratings|judged|judgement|judgment|graded|grade|inspect\w*|ofsted|verdict|found\s+to\s+be|deemed|upgraded?|downgraded?)\b`)

// reCountedOf: "two out of three areas", "three of the four categories":
// the grade is some areas', not the overall one.
var reCountedOf = regexp.MustCompile(`(?i)\b(?:one|two|three|four|five|\d)\s+(?:out\s+)?of\s+(?:the\s+|its\s+)?(?:three|four|five|six|\d)\b|\b(?:some|most|several|many)\s+(?:of\s+the\s+)?(?:areas|categories|judge?ments)\b`)

// reGivenBefore: a verb gives the grade, or quotes mark it ("rated
// 'inadequate'", "was judged as good"; not "a good service").
var reGivenBefore = regexp.MustCompile(`(?i)(?:\b(?:(?:rated|judged|graded|found|deemed|assessed)(?:\s+(?:it|them|the\s+(?:council|service|services|authority)))?|as|was|were|is|are|be|been|remains?|remained|received|awarded|given|from|rating\s+of|grade\s+of|judge?ment\s+of)\s+(?:an?\s+)?(?:overall\s+)?|[‘'"“]\s*)$`)

// reJudgementNoun after a grade word makes it one: "an inadequate
// inspection judgement", "its good rating".
var reJudgementNoun = regexp.MustCompile(`(?i)^[’'"”]?\s*(?:overall\s+)?(?:ofsted\s+)?(?:inspection\s+)?(?:judge?ment|rating|grade)\b`)

// reApartClause between a date and a grade word puts them in different
// clauses.
var reApartClause = regexp.MustCompile(`(?i)[,;]\s*(?:after|when|since|before|because|as|following|while|whereas|but|although|and)\b|\band\s+then\b|\b(?:that|which|who)\s+(?:have|has|had)\b`)

// reAgainIn joins more times to a grade: "in 2013, then again in 2015",
// "in 2016 and 2018", "in 2021 and at its previous inspection in 2017".
var reAgainIn = regexp.MustCompile(`(?i)^[’'"”]?\s*(?:,\s*)?(?:(?:external\s*)?(?:,\s*)?(?:and|then|and\s+again|then\s+again|again)\s+(?:in\s+)?(?:(?:in|at)\s+(?:the|its)\s+(?:previous|last|earlier|one\s+before)\s+(?:full\s+)?inspection\s+(?:in\s+)?)?|(?:in\s+)?)$`)

// recordEarlier adds the earlier overall grades sentences state that the
// record agrees with (see above).
func (d *document) recordEarlier(cands []evidence.Candidate, rec Record) []evidence.Candidate {
	if rec == nil || d.kind == KindLetter {
		return cands
	}
	// The overall grades above the cut, by council, value and year, and
	// by the record's inspection they are of.
	made := map[string]bool{}
	madeAt := map[string]bool{} // council and the record's inspection's first day
	for _, c := range cands {
		if c.Measure == "grade" && c.Review == "" && c.Council != "" && (c.Area == "overall" || c.Area == "") && len(c.Date) >= 4 {
			made[c.Council+"\x1f"+strings.ToLower(c.Value)+"\x1f"+c.Date[:4]] = true
			if dt, err := dates.Parse(c.Date); err == nil {
				if x := rec.Inspection(c.Council, dt, "overall", c.Value); x != nil {
					madeAt[c.Council+"\x1f"+x.Inspected.String()] = true
				}
			}
		}
	}
	var out []evidence.Candidate
	for i := range d.sents {
		s := &d.sents[i]
		// A sentence naming several councils is read too, each grade
		// word for the council whose clause holds it (clauseCouncil).
		sure := d.sureCouncil(s)
		several := !sure && s.How == councilSeveral
		if !sure && !several {
			continue
		}
		ws := d.pastTimesOf(s)
		if len(ws) == 0 {
			continue
		}
		hits := findPhrases(s.Text, recordAreaPhrases, nil)
		for _, u := range gradeUses(s.Text, hits) {
			// ("still requiring improvement in 2015": the verb phrase
			// gives itself.)
			given := u.verb || reGivenBefore.MatchString(s.Text[max(0, u.start-40):u.start]) || reJudgementNoun.MatchString(s.Text[u.end:])
			if !u.use || !given ||
				d.areaBeside(s, u, hits) {
				continue
			}
			// Not another provider's grade ("most primary schools as
			// Good"), as the rules' grades are not.
			if reOtherProvider.MatchString(s.Text[max(0, u.start-60):u.start]) {
				continue
			}
			council := s.Council
			if several {
				if council = s.clauseCouncil(u.start, u.end); council == "" {
					continue
				}
			}
			for _, w := range whensOf(s.Text, ws, u) {
				if several && s.clauseCouncil(min(u.start, w.Start), max(u.end, w.End)) != council {
					continue
				}
				if reHypothetical.MatchString(s.Text[max(0, min(u.start, w.Start)-40):max(u.end, w.End)]) {
					continue // "hopes to be rated outstanding in 2026"
				}
				if reApartClause.MatchString(between(s.Text, w.Start, w.End, u.start, u.end)) {
					// (a relative date heading one clause, the grade in a
					// clause that follows "after"): the date is another
					// clause's.
					continue
				}
				k := council + "\x1f" + u.value + "\x1f" + w.Date.String()[:4]
				if made[k] {
					continue
				}
				x := rec.Inspection(council, w.Date, "overall", u.value)
				if x == nil || !inPeriod(w.Date, x) || madeAt[council+"\x1f"+x.Inspected.String()] {
					continue
				}
				made[k] = true
				madeAt[council+"\x1f"+x.Inspected.String()] = true
				date := w.Date.String()
				if !w.Date.Contains(x.Inspected) && x.Inspected != x.Published && d.timeGiven(x.Inspected, council) {
					// (dated by the day its report came out, the text
					// naming the inspection's month elsewhere: v3 dates the
					// grade by the inspection.
					date = x.Inspected.String()
				}
				c := d.newCand(s, "grade", u.value, 0, len(s.Text))
				c.Council, c.Date, c.Area, c.Confidence = council, date, "overall", 0.85
				what := "earlier grade"
				if reLatestInspection.MatchString(s.Text[max(0, w.Start-50):w.Start]) {
					what = "grade" // dated beside "its latest inspection"
				}
				c.Note = what + " (overall) dated by the time its sentence gives (\"" + w.Text + "\"): Ofsted's record has the council given it overall at an inspection then"
				out = append(out, c)
			}
		}
	}
	return append(cands, out...)
}

// pastTimes are the times a sentence the record's look-back passes read
// gives, none after the document's date; nil for a sentence they do not
// read: one not about a single sure council, not speaking of a
// judgement, or counting some areas ("two of the four").
func (d *document) pastTimes(s *sent) []when {
	if !d.sureCouncil(s) {
		return nil
	}
	return d.pastTimesOf(s)
}

// sureCouncil says the sentence is about one council the passes are sure
// of (onlyCouncil).
func (d *document) sureCouncil(s *sent) bool { return s.Council != "" && d.onlyCouncil(s) }

// pastTimesOf are the past times of a sentence speaking of a judgement
// and not counting some areas, whatever its council.
func (d *document) pastTimesOf(s *sent) []when {
	if s.P.Tail || !reJudgementCue.MatchString(s.Text) || reCountedOf.MatchString(s.Text) {
		return nil
	}
	var ws []when
	for _, w := range s.Whens {
		if w.OK && !w.Future && (d.date.IsZero() || w.Date.Day <= d.date.Day) {
			ws = append(ws, w)
		}
	}
	return ws
}

// clauseCouncil is the council named nearest before [lo, hi) when no
// other council is named within it and no clause break (";") lies
// between that name and lo; "" otherwise.
func (s *sent) clauseCouncil(lo, hi int) string {
	best, end := "", -1
	for _, m := range s.Mentions {
		if m.Start < hi && m.End > lo {
			return ""
		}
		if m.End <= lo && m.End > end {
			best, end = m.Council, m.End
		}
	}
	if best == "" || strings.Contains(s.Text[end:lo], ";") {
		return ""
	}
	return best
}

// inPeriod says the inspection was carried out or published within the
// time the text gives (a year, a month, a day).
func inPeriod(w dates.Date, x *Inspection) bool {
	return w.Contains(x.Inspected) || w.Contains(x.Published)
}

// whensOf are the times a grade word is given with: the nearest, and
// those joined to it after the grade ("inadequate in 2016 and 2018", "in
// 2013, then again in 2015").
func whensOf(t string, ws []when, u gradeUse) []when {
	first := nearestWhen(ws, u)
	out := []when{first}
	last := first
	for _, w := range ws {
		if w.Start <= last.End || w.Start < u.end {
			continue
		}
		if !reAgainIn.MatchString(t[last.End:w.Start]) {
			break
		}
		out = append(out, w)
		last = w
	}
	return out
}

// nearestWhen is the date nearest the grade word.
func nearestWhen(ws []when, u gradeUse) when {
	best := ws[0]
	for _, w := range ws[1:] {
		if gap(w.Start, w.End, u.start, u.end) < gap(best.Start, best.End, u.start, u.end) {
			best = w
		}
	}
	return best
}

// areaBeside says an area is named within a few words of the grade word,
// with no council named between them: the grade may be the area's. (An
// area named before a council whose relative clause gives the grade: the
// council's.)
func (d *document) areaBeside(s *sent, u gradeUse, hits []phraseHit) bool {
	for _, h := range hits {
		if h.name == "overall" || gap(h.start, h.end, u.start, u.end) > 40 {
			continue
		}
		lo, hi := min(h.end, u.end), max(h.start, u.start)
		between := false
		for _, m := range s.Mentions {
			between = between || m.Start >= lo && m.End <= hi
		}
		if !between {
			return true
		}
	}
	return false
}

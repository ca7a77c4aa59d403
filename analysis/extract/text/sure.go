package text

import (
	"regexp"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
)

// What makes a finding sure (issue 20, precision first). A grade, visit or
// figure goes to findings only when the evidence for each of its fields
// is strong: the council, the date and the value. Anything weaker goes to
// review.csv with the reason and its quote, at a confidence under the
// review cut. The rules that read the text decide what a finding says;
// the bases below decide whether the text ties each field to it closely
// enough to be taken without a person reading the quote.

// councilBasis is how a finding's council was found.
type councilBasis int

const (
	// cbNamed: the sentence names one council, this one.
	cbNamed councilBasis = iota
	// cbListed: a structure gives the finding to the council by name: a
	// list the grade is given to, "12.5 for X", "X and Y each", a table
	// row, a list line.
	cbListed
	// cbNearest: the sentence names several councils; the finding took
	// the one named nearest before it.
	cbNearest
	// cbContext: the sentence names none; an earlier sentence of its
	// paragraph or the paragraph before did.
	cbContext
	// cbSubject: the sentence names none; the document's subject.
	cbSubject
	// cbLetter: an Ofsted letter to one council.
	cbLetter
)

// dateBasis is how a finding's date was found.
type dateBasis int

const (
	// dbOwn: a date in the finding's own clause tied to it ("rated good in
	// 2015", "a vacancy rate of 20% at 30 September", "a focused visit on
	// 7 and 8 March").
	dbOwn dateBasis = iota
	// dbAnchor: an inspection, report or rating dated in the same clause
	// as a grade.
	dbAnchor
	// dbAtTheTime: "At the time, ..." after a sentence dating an
	// inspection.
	dbAtTheTime
	// dbCurrent: the inspection the article dates in another sentence,
	// taken as the one the grade's sentence reports.
	dbCurrent
	// dbPrevious: the earlier inspection the article dates in another
	// sentence.
	dbPrevious
	// dbStanding: the latest inspection the article dates, for a grade
	// used to describe the council ("an 'inadequate' council").
	dbStanding
	// dbCensus: the one reference day the article gives its statistics.
	dbCensus
	// dbInspection: a figure the inspection found, dated by that
	// inspection.
	dbInspection
	// dbPresent: a figure in the present tense, dated by the document's
	// own date.
	dbPresent
	// dbNow: the level a planned change starts from, dated by the
	// document's own date.
	dbNow
	// dbDocument: a table, list or answer dated by the document's own date.
	dbDocument
	// dbLetter: a letter's visit, or a figure a letter reports.
	dbLetter
)

// singleCouncil says the document is about one council: it names no
// other, or it is that council's own page and the paragraph names no
// other.
func (d *document) singleCouncil(council string, s *sent) bool {
	if d.kind == KindLetter {
		return true
	}
	others := 0
	for _, c := range d.councils {
		if c != council {
			others++
		}
	}
	if others == 0 && len(d.councils) > 0 {
		return true
	}
	if d.dominantSubject(council) {
		return true
	}
	if d.addrHost && d.addrCouncil == council && s != nil {
		for _, m := range d.m.find(s.P.Text) {
			if m.Council != council {
				return false
			}
		}
		return true
	}
	return false
}

// dominantSubject says council is the document's subject and the others
// it names are named in passing: the subject's mentions are at least
// twice all the others' together ("Medway ... Medway ... as happened in
// Sandwell").
func (d *document) dominantSubject(council string) bool {
	if len(d.councils) == 0 || d.councils[0] != council || !d.strongSubject() {
		return false
	}
	mine, others := 0, 0
	for _, p := range d.paras {
		if p.Tail {
			continue
		}
		for _, m := range placesOut(p.Text, d.m.find(p.Text)) {
			if m.Council == council {
				mine++
			} else {
				others++
			}
		}
	}
	return mine >= 2 && mine >= 2*others
}

// councilDoubt is why a finding's council is not sure ("" when it is):
// the sentence names several councils and the finding is not in the
// clause of the one it took; or it names none and the document names
// several, unless the sentence's paragraph names this one alone or a
// heading naming it starts the section.
func (d *document) councilDoubt(council string, b councilBasis, s *sent) string {
	switch b {
	case cbNamed, cbListed, cbLetter:
		return ""
	case cbNearest:
		return "the sentence names several councils; the finding is not in the clause of the one named nearest before it"
	case cbContext, cbSubject:
		if d.singleCouncil(council, s) {
			return ""
		}
		if b == cbContext && s.SameParagraph && d.paragraphNamesOnly(s.P, council) {
			return ""
		}
		if d.sectionNamesOnly(s.P, council) {
			return ""
		}
		if b == cbSubject && s.FromHeading {
			return ""
		}
		if d.itsSubject(council, s) {
			return ""
		}
		return "the sentence names no council and the document names several: the council is the one the text was last about"
	}
	return ""
}

// itsSubject says a sentence opening "Its" follows one whose subject is
// the council ("Rutland is the third council found inadequate this
// month, after Halton and Sutton. Its help and protection was judged
// ..."): the pronoun is the subject's, whatever councils the sentence
// before names later.
func (d *document) itsSubject(council string, s *sent) bool {
	if s.Idx == 0 || !reItsOpening.MatchString(s.Text) {
		return false
	}
	prev := &d.sents[s.Idx-1]
	if prev.P != s.P && prev.P.N+1 != s.P.N || len(prev.Mentions) == 0 {
		return false
	}
	m := prev.Mentions[0]
	return m.Council == council && opensWith(prev.Text, m)
}

var reItsOpening = regexp.MustCompile(`^Its\s`)

// sectionNamesOnly says the section p is in (from the heading before it to
// the next heading) names council and no other: an article's part about
// one council.
func (d *document) sectionNamesOnly(p *para, council string) bool {
	i := 0
	for i < len(d.paras) && &d.paras[i] != p {
		i++
	}
	if i == len(d.paras) {
		return false
	}
	lo, hi := i, i
	for lo > 0 && !d.paras[lo].Heading {
		lo--
	}
	for hi+1 < len(d.paras) && !d.paras[hi+1].Heading {
		hi++
	}
	if lo == 0 && hi == len(d.paras)-1 {
		return false // no headings: the whole document, judged by singleCouncil
	}
	n := 0
	for k := lo; k <= hi; k++ {
		q := &d.paras[k]
		if q.Tail {
			continue
		}
		for _, m := range placesOut(q.Text, d.m.find(q.Text)) {
			if m.Council != council {
				return false
			}
			n++
		}
	}
	return n > 0
}

// paragraphNamesOnly says paragraph p names council and no other.
func (d *document) paragraphNamesOnly(p *para, council string) bool {
	n := 0
	for _, m := range placesOut(p.Text, d.m.find(p.Text)) {
		if m.Council != council {
			return false
		}
		n++
	}
	return n > 0
}

// basisOf is how startCand found the council of a finding at pos in s:
// in a sentence naming several, the nearest before it counts as named
// when nothing stands between them but the finding's own clause ("In
// Coventry the figures put the vacancy rate at 27%, while Sutton has 37%").
func basisOf(s *sent, how councilHow, pos int) councilBasis {
	switch {
	case how == councilContext:
		return cbContext
	case how == councilSubject:
		return cbSubject
	case s.How == councilSeveral:
		near := -1
		for k, m := range s.Mentions {
			if m.End <= pos {
				near = k
			}
		}
		if near >= 0 && !reNotOneClause.MatchString(rePlaceApposition.ReplaceAllString(s.Text[s.Mentions[near].End:pos], " ")) {
			return cbNamed
		}
		// "In Swindon, nearly half, or about 47.5%, of ...": a council
		// heading the sentence sets the main clause, when only commas
		// stand between it and the finding.
		if near >= 0 && reLeadIn.MatchString(s.Text[:s.Mentions[near].Start]) &&
			!reNotOneClause.MatchString(strings.ReplaceAll(s.Text[s.Mentions[near].End:pos], ",", " ")) {
			return cbNamed
		}
		return cbNearest
	}
	return cbNamed
}

// reThatInspection: a grade's sentence pointing back to the inspection
// the sentence before names.
var reThatInspection = regexp.MustCompile(`(?i)\b(?:from|of|after|following|at)\s+(?:that|this)\s+(?:inspection|visit)\b`)

// reLeadIn: a sentence opening with a place: "In Swindon, ...".
var reLeadIn = regexp.MustCompile(`^\s*(?:In|At|For|Across|Within)\s+(?:the\s+)?$`)

// reNotOneClause: what between a council's name and a finding puts them
// in different clauses.
var reNotOneClause = regexp.MustCompile(`(?i)[,;:()–—]|\b(?:and|while|whereas|but|although|though|which|who|compared|than|against|unlike|after|before|following|since)\b`)

// rePastContext is wording that sets a sentence in the past or beside
// another inspection: a grade in it without a date of its own could be
// the earlier one ("previously", "since it was rated", "up from",
// "remains", "kept", "once again", "the last inspection").
var rePastContext = regexp.MustCompile(`(?i)\b(?:previous(?:ly)?|formerly|last\s+(?:inspect\w*|rated|judged|full|time|report|ofsted|visit)|since|until|prior|earlier|before|former|once|ago|remains?|remained|still\s+(?:rated|judged|graded)|had\s+(?:been\s+|previously\s+)?(?:rated|judged|graded|found|deemed)|first\s+(?:rated|judged|graded|found|deemed)|history|up\s+from|down\s+from|back\s+(?:to|from)|return(?:s|ed)?\s+to|years?\s+(?:after|before|later|on))\b`)

// gradeDoubt is why a grade's date is not sure ("" when it is).
func (d *document) gradeDoubt(s *sent, g gradeMention, b dateBasis, date dates.Date, council string) string {
	switch b {
	case dbOwn:
		return ownDoubt(s, g, date)
	case dbAnchor:
		return ""
	case dbAtTheTime:
		// "At the time, ..." refers back to the one time the sentence
		// before gives; with several, which one is a guess.
		if s.Idx > 0 && oneTime(&d.sents[s.Idx-1]) {
			return ""
		}
		return "the grade is dated by the sentence before (\"at the time\"), which gives more than one time"
	case dbCurrent:
		// "... inspected in February and March 2019. The resultant
		// judgement from that inspection was 'Requires Improvement'":
		// the grade names the inspection the sentence before dates.
		if reThatInspection.MatchString(s.Text) && s.Idx > 0 && !g.Previous {
			prev := &d.sents[s.Idx-1]
			if (prev.P == s.P || prev.P.N+1 == s.P.N) && oneTime(prev) {
				if cur, ok := d.currentFor(council, g.Value); ok {
					for _, w := range prev.Whens {
						if !w.Future && w.OK && sameEvent(cur, w.Date) {
							return ""
						}
					}
				}
			}
		}
		if cur, ok := d.currentFor(council, g.Value); ok {
			if cur.Insp.IsZero() && cur.Pub.IsZero() && cur.Grade != "" && cur.Grade != g.Value && (g.Area == "overall" || g.AllAreas) {
				return "the article dates no inspection or report of the council, only another judgement"
			}
			if x, _, _, ok := d.gradeDate(cur); ok && d.strongDate() && d.date.Day-x.Day > currentAge {
				return "the only inspection the article dates is years before the article; the grade's sentence does not tie the grade to it"
			}
		}
		return d.currentDoubt(s, g, council)
	case dbPrevious:
		// "downgraded from 'requires improvement' to 'inadequate'" and,
		// elsewhere, "its last full inspection in 2015": the earlier
		// grade is that inspection's when the article dates no other
		// earlier one and the grade's own sentence gives no time.
		if g.Previous && d.onlyCurrentTimes(s, council, g.Value) && d.onlyEvent(council, true) {
			return ""
		}
		return earlierElsewhere
	case dbStanding:
		// "an 'inadequate'-rated London borough" in an article that dates
		// one inspection of it, besides those it looks back to.
		if noTime(s) && d.onlyEvent(council, false) {
			return ""
		}
		return "the grade describes the council's standing; its date is that of another mention of an inspection"
	}
	return ""
}

// reLatestInspection names the inspection an article reports.
var reLatestInspection = regexp.MustCompile(`(?i)\b(?:latest|most\s+recent|new|newest|this\s+year['’]s)\s+(?:full\s+|ofsted\s+|ILACS\s+)?inspection\b`)

// currentDoubt is why a grade dated by the inspection the article dates
// elsewhere may not be that inspection's: its sentence gives another
// time, or speaks of the past or another inspection, or does not report
// the grade as news; or the article dates more than one inspection of the
// council that could be the current one.
func (d *document) currentDoubt(s *sent, g gradeMention, council string) string {
	if g.Previous || g.Status {
		return earlierElsewhere
	}
	cur, _ := d.currentFor(council, g.Value)
	if g.Cell {
		// A judgement table's row: the report's own judgement, whatever
		// boilerplate its text runs into.
		if !d.oneCurrent(council, g.Value) {
			return "the article dates more than one inspection of the council; the table does not say which"
		}
		return ""
	}
	// "..., but at its latest inspection the service was judged good":
	// the grade's own clause names the latest inspection; the times and
	// the past the clause before speaks of are not the grade's.
	lo := 0
	if locs := reButClause.FindAllStringIndex(s.Text[:g.Start], -1); len(locs) > 0 {
		if k := locs[len(locs)-1][0]; reLatestInspection.MatchString(s.Text[k:g.Start]) {
			lo = k
		}
	}
	for _, w := range s.Whens {
		if w.Start < lo {
			continue
		}
		// (An undated page's "today" is the report's day, not another
		// inspection's.)
		if !w.Future && !(w.OK && sameEvent(cur, w.Date)) && !w.unresolvedNewsDay() {
			return "the grade's sentence gives a time (\"" + w.Text + "\") that is not the inspection the article dates"
		}
	}
	if m := rePastContext.FindString(reportedAsNews(s.Text[lo:], g.Start-lo)); m != "" {
		return "the grade's sentence speaks of another time (\"" + m + "\"); the inspection it reports is dated only elsewhere"
	}
	if !d.oneCurrent(council, g.Value) {
		return "the article dates more than one inspection of the council; the grade's sentence does not say which"
	}
	return ""
}

// sameEvent says date x is the inspection or report of event e: within
// the report window of it, or its year when x gives only a year.
func sameEvent(e event, x dates.Date) bool {
	for _, y := range []dates.Date{e.Insp, e.Pub, e.Rating} {
		if y.IsZero() {
			continue
		}
		if x.Prec == dates.PrecYear || y.Prec == dates.PrecYear {
			xy, _, _ := x.Day.YMD()
			yy, _, _ := y.Day.YMD()
			if xy == yy {
				return true
			}
			continue
		}
		if abs(int(x.Day-y.Day)) <= reportWindow {
			return true
		}
	}
	return false
}

// oneCurrent says the article dates one inspection of the council that
// could be the current one for a grade of value v: its dated events that
// are not looked back to (nor ratings of another judgement) fall within
// one report window.
func (d *document) oneCurrent(council, v string) bool {
	var lo, hi dates.Day
	n := 0
	usable := func(e event) bool { return !e.Previous && (v == "" || e.Grade == "" || e.Grade == v) }
	for _, e := range d.events[council] {
		if !usable(e) {
			continue
		}
		for _, x := range []dates.Date{e.Insp, e.Pub, e.Rating} {
			if x.IsZero() {
				continue
			}
			day := x.Day
			if x.Prec == dates.PrecYear {
				// A year stands for the whole year.
				continue
			}
			if n == 0 || day < lo {
				lo = day
			}
			if n == 0 || day > hi {
				hi = day
			}
			n++
		}
	}
	if n == 0 {
		// Only years: one year, one inspection.
		years := map[int]bool{}
		for _, e := range d.events[council] {
			if !usable(e) {
				continue
			}
			for _, x := range []dates.Date{e.Insp, e.Pub, e.Rating} {
				if !x.IsZero() {
					y, _, _ := x.Day.YMD()
					years[y] = true
				}
			}
		}
		return len(years) == 1
	}
	return hi-lo <= reportWindow
}

// figureDoubt is why a figure's date is not sure ("" when it is). A
// figure in a sentence about a plan, an aim or a target ("plans to cut
// caseloads from 24 to 18", "aims to reduce agency staff to 20% by 2018")
// is never sure, whatever its date.
func (d *document) figureDoubt(s *sent, b dateBasis) string {
	if rePlanSentence.MatchString(s.Text) {
		return "the sentence speaks of a plan, an aim or a target: the figure may be one"
	}
	switch b {
	case dbOwn, dbCensus, dbLetter:
		return ""
	case dbInspection:
		// "Inspectors found caseloads far too high. In the assessment
		// service most social workers had over 40 children each": the
		// sentence, or the one before it, says the
		// inspection found it.
		if atInspectionCue.MatchString(s.Text) || (s.Idx > 0 && d.sents[s.Idx-1].P.N >= s.P.N-1 && atInspectionCue.MatchString(d.sents[s.Idx-1].Text)) {
			return ""
		}
		return "the figure is dated by the inspection the article reports, but neither its sentence nor the one before says the inspection found it"
	case dbPresent, dbDocument:
		if d.strongDate() {
			return ""
		}
		return "the figure is dated by the document's own date, which is itself inferred"
	case dbNow:
		return "the level a planned change starts from, dated by the document's own date"
	}
	return ""
}

// rePlanSentence: words of a plan, aim or target (reTargetCue) or a
// future date ("by 2018").
var rePlanSentence = regexp.MustCompile(`(?i)\b(?:plans?\s+to|planned|planning\s+to|aims?\s+to|aiming\s+to|in\s+order\s+to|intends?\s+to|intention|hopes?\s+to|wants?\s+to|target(?:s|ing|ed)?|goal|ambition|predicts?|pledged?|promised?|committed\s+to|will|would|by\s+(?:early\s+|mid-?\s*|late\s+|the\s+end\s+of\s+)?(?:(?:19|20)\d{2}|next\s+year))\b`)

// strongDate says the document's own date is printed or given by its
// metadata, address or file name, not inferred from reader comments.
func (d *document) strongDate() bool {
	return !d.date.IsZero() && d.dateRule != RuleReaderComments
}

// currentAge is how long before the document a grade reported as its
// news may have been given: an article reports a new judgement within
// months, a committee paper within a year or so.
const currentAge = 2 * 366

// ownDoubt: a date belongs to the judgement it stands after, the nearest
// one. In a sentence that names another judgement too ("judged inadequate
// in 2010, and since then improved to good", "good, up from the 'adequate'
// it was given in 2012"), the grade's own date is sure only
// when no other judgement word stands nearer to it; a date before every
// judgement of the sentence ("Inspectors visited from 11 to 22 May and
// rated A 'good' and B 'outstanding'") dates them all.
func ownDoubt(s *sent, g gradeMention, date dates.Date) string {
	var w *when
	for i := range s.Whens {
		x := &s.Whens[i]
		if x.Future || !x.OK || x.Date != date {
			continue
		}
		if w == nil || gap(g.Start, g.End, x.Start, x.End) < gap(g.Start, g.End, w.Start, w.End) {
			w = x
		}
	}
	if w != nil && w.Start >= g.End && reOtherClause.MatchString(s.Text[g.End:w.Start]) && !reBracketedDate.MatchString(s.Text[g.End:w.Start]) {
		// "rated 'good', the council's cabinet heard this week": the
		// date is another clause's.
		return "the date is in another clause than the grade"
	}
	if w != nil && w.End <= g.Start && reOtherEventBetween.MatchString(s.Text[w.End:g.Start]) {
		// "In the spring, ministers sent in a commissioner ...,
		// after it was rated inadequate"; "was handed its lowest rating
		// in April 2017, but its latest inspection judged it good":
		// the date heads another event's clause.
		return "the date heads another clause of the sentence, not the grade's"
	}
	var others [][]int
	first := g.Start
	for _, loc := range reAnyJudgement.FindAllStringIndex(s.Text, -1) {
		if loc[1] <= g.Start || loc[0] >= g.End {
			others = append(others, loc)
			first = min(first, loc[0])
		}
	}
	if len(others) == 0 {
		return ""
	}
	if w == nil || w.End <= first {
		return ""
	}
	mine := gap(g.Start, g.End, w.Start, w.End)
	for _, o := range others {
		if gap(o[0], o[1], w.Start, w.End) <= mine {
			return "the sentence names another judgement nearer to the date than this grade"
		}
	}
	return ""
}

// onlyCurrentTimes says every time s gives (but plans) is the current
// inspection's ("Last month's inspection, the latest, moved Medway
// down from ...").
func (d *document) onlyCurrentTimes(s *sent, council, v string) bool {
	cur, ok := d.current(council, 0)
	for _, w := range s.Whens {
		if w.Future {
			continue
		}
		if !ok || !w.OK || !sameEvent(cur, w.Date) {
			return false
		}
	}
	return true
}

// reOtherEventBetween: words between a date and a grade after it that
// open a clause about another event.
var reOtherEventBetween = regexp.MustCompile(`(?i)[;]|\b(?:but|after|since|following|because|although|though|whereas|while|until|before|once)\b`)

// reBracketedDate: a date in brackets right after its grade ("'good' (in
// 2014)"): the grade's own.
var reBracketedDate = regexp.MustCompile(`(?i)^[’'"”]?\s*\(\s*(?:in\s+)?$`)

// reOtherClause: punctuation that ends a grade's clause before a date.
var reOtherClause = regexp.MustCompile(`[,;:()–—]`)

// noTime says s gives no time that is not a plan.
func noTime(s *sent) bool {
	for _, w := range s.Whens {
		if !w.Future {
			return false
		}
	}
	return true
}

// onlyEvent says the article dates one inspection of the council, of
// those it looks back to (previous true) or of the others.
func (d *document) onlyEvent(council string, previous bool) bool {
	var days []dates.Date
	for _, e := range d.events[council] {
		if previous != e.Previous {
			continue
		}
		for _, x := range []dates.Date{e.Insp, e.Pub, e.Rating} {
			if !x.IsZero() {
				days = append(days, x)
			}
		}
	}
	if len(days) == 0 {
		return false
	}
	for _, x := range days[1:] {
		if !sameEvent(event{Insp: days[0]}, x) {
			return false
		}
	}
	return true
}

// oneTime says s gives exactly one time that is not a plan.
func oneTime(s *sent) bool {
	n := 0
	for _, w := range s.Whens {
		if !w.Future {
			n++
		}
	}
	return n == 1
}

// sifFrom is the first day of Ofsted's single inspection framework, the
// first whose judgement areas are the contract's.
var sifFrom = dates.FromYMD(2013, 11, 1)

// areaEraDoubt: an area grade that may be from an inspection before the
// single inspection framework ("In 2013 its adoption, child protection
// and looked-after children's services were all rated inadequate") judged
// services under other names and scales; the contract's areas are the
// SIF's and ILACS's. An overall grade of that time is still an overall
// grade.
func areaEraDoubt(area string, date dates.Date) string {
	if area == "overall" || date.IsZero() || date.Day >= sifFrom {
		return ""
	}
	return "the judgement may be from an inspection before the single inspection framework (November 2013), whose areas are not the contract's"
}

package text

import (
	"regexp"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
)

// sent is a sentence with what the rules need to know about it: the
// councils it names, the council it is about, its dates, and whether a
// council speaks in it.
type sent struct {
	sentence
	Mentions []mention
	// Council is the council the sentence is about: the one it names, else
	// the one the text was last about, else the document's subject.
	Council string
	How     councilHow
	Whens   []when
	Speaker bool // a council officer, councillor or spokesperson speaks
}

type councilHow int

const (
	councilNamed   councilHow = iota // the sentence names it
	councilSeveral                   // the sentence names several: each finding takes the nearest
	councilContext                   // an earlier sentence named it
	councilSubject                   // the lead, before the subject is named
	councilNone                      // no council at all
)

func (h councilHow) factor() float64 {
	switch h {
	case councilContext, councilSubject:
		return 0.95
	}
	return 1
}

// councilFor is the council a finding at byte offset pos in s belongs to,
// and why; "" with a reason when it cannot be told.
func (s *sent) councilFor(pos int) (string, councilHow, string) {
	switch s.How {
	case councilNone:
		return "", councilNone, "no council is named in or before the sentence"
	case councilSeveral:
		best, dist := "", -1
		for _, m := range s.Mentions {
			if m.Start > pos {
				continue
			}
			if d := pos - m.End; dist < 0 || d < dist {
				best, dist = m.Council, d
			}
		}
		if best == "" {
			return "", councilSeveral, "the sentence names several councils and none before the figure"
		}
		// Another council named between this one and the figure would make
		// it ambiguous; the nearest preceding name is the rule.
		return best, councilNamed, ""
	}
	return s.Council, s.How, ""
}

// reNational marks a sentence about England, a region or councils in
// general: a figure or grade in it is not the council's the text was
// about, unless the sentence names one.
var reNational = regexp.MustCompile(`(?i)\b(?:england|english\s+councils|nationally|national\s+(?:average|rate|figure|picture|level)|across\s+the\s+country|all\s+councils|(?:north\s+east|north\s+west|yorkshire|east\s+midlands|west\s+midlands|east\s+of\s+england|south\s+east|south\s+west)\s+region|the\s+region|regional\s+average|london\s+boroughs|other\s+(?:councils|authorities|local\s+authorities)|many\s+councils|councils\s+(?:across|nationally))\b`)

// borrowedCouncil reports that the words about a finding at pos speak of
// England, a region or councils in general rather than a council: a
// national phrase before it, or right after it in the same clause, and
// nearer than any council the sentence names ("Across England, the rate
// was 20%", "the rate was 17% nationally, while Kirklees ..."; but not
// "27%, against a national rate of 18%").
func (s *sent) borrowedCouncil(pos int) bool {
	near := func(start, end int) (int, bool) {
		if end <= pos {
			return pos - end, true
		}
		if !strings.ContainsAny(s.Text[pos:start], ",;") {
			return start - pos, true
		}
		return 0, false
	}
	national := -1
	for _, loc := range reNational.FindAllStringIndex(s.Text, -1) {
		// After the figure, only right after it and not as a comparison
		// ("17% nationally", not "8%, which compared well with the region").
		if loc[0] > pos && (loc[0]-pos > 25 || reCompareWord.MatchString(s.Text[pos:loc[0]])) {
			continue
		}
		if d, ok := near(loc[0], loc[1]); ok && (national < 0 || d < national) {
			national = d
		}
	}
	if national < 0 {
		return false
	}
	for _, m := range s.Mentions {
		if d, ok := near(m.Start, m.End); ok && d < national {
			return false
		}
	}
	return true
}

var reCompareWord = regexp.MustCompile(`(?i)\b(?:than|compared?|compares|against|with|versus)\b`)

// speakerCue says a council voice speaks in the sentence.
var speakerCue = regexp.MustCompile(`(?i)\b(?:spokesperson|spokesman|spokeswoman|cllr|councillor|cabinet member|lead member|portfolio holder|mayor|leader of the council|council leader|chief executive|director of children|director for children|corporate director|executive director|director of care|assistant director|head of service|(?:the )?council (?:said|says|added|told|responded|insisted|claimed|argued)|(?:said|says|added) (?:a |the )?(?:council|authority))\b`)

// sayCue marks reported speech.
var sayCue = regexp.MustCompile(`(?i)\b(?:said|says|added|told|explained|insisted|claimed|argued|responded|commented)\b|[“"]`)

// buildSents splits the article into sentences and works out each one's
// council: the one it names; else the one the paragraph last named; else
// the article's topic council. The topic starts as the document's subject
// and changes at a heading that names one council ("'Clear direction' at
// Dudley") or at a paragraph that opens by naming one ("In Wolverhampton,
// inspectors found ..."); a council named in passing ("A monitoring visit
// to Croydon ...") does not carry into the next paragraph.
func (d *document) buildSents() {
	var out []sent
	topic := ""
	if len(d.councils) > 0 {
		topic = d.councils[0]
	}
	for pi := range d.paras {
		p := &d.paras[pi]
		if p.Tail {
			continue
		}
		current := ""
		for k, t := range splitSentences(p.Text) {
			s := sent{sentence: sentence{P: p, Idx: len(out), Text: t}}
			s.Mentions = d.m.find(t)
			distinct := map[string]bool{}
			for _, m := range s.Mentions {
				distinct[m.Council] = true
			}
			switch len(distinct) {
			case 0:
				switch {
				case current != "":
					s.Council, s.How = current, councilContext
				case topic != "":
					s.Council, s.How = topic, councilSubject
				default:
					s.How = councilNone
				}
			case 1:
				s.Council, s.How = s.Mentions[0].Council, councilNamed
				current = s.Council
				if k == 0 && (p.Heading || opensWith(t, s.Mentions[0])) {
					topic = s.Council
				}
			default:
				s.How = councilSeveral
			}
			s.Whens = findWhens(t, d.date)
			s.Speaker = speakerCue.MatchString(t) && sayCue.MatchString(t)
			out = append(out, s)
		}
	}
	// A quoted speech running over several sentences keeps its speaker.
	for i := 1; i < len(out); i++ {
		if !out[i].Speaker && out[i-1].Speaker && out[i].P == out[i-1].P && strings.ContainsAny(out[i].Text, "“”\"") {
			out[i].Speaker = true
		}
	}
	d.sents = out
}

// opensWith reports that a sentence names the council among its first few
// words: the paragraph is about it.
func opensWith(t string, m mention) bool {
	return len(strings.Fields(t[:m.Start])) <= 3
}

// anchor is a word that an event hangs on: an inspection, a published
// report, a rating, a visit.
type anchor struct {
	Kind       anchorKind
	Visit      string // focused, monitoring, jtai
	Start, End int
	When       *when
}

type anchorKind int

const (
	anInspection anchorKind = iota
	anReport
	anRating
	anVisit
)

var (
	reInspection = regexp.MustCompile(`(?i)\b(?:re-?)?inspect(?:ions?|ed)\b`)
	reReport     = regexp.MustCompile(`(?i)\breports?,?\s+(?:was\s+|were\s+|which\s+was\s+)?(?:published|released|out)\b|\bpublished\s+(?:its\s+|a\s+|the\s+|their\s+)?(?:inspection\s+)?report\b`)
	reRating     = regexp.MustCompile(`(?i)\b(?:rated|rating|judg(?:e)?ment|graded|downgraded|upgraded|judged)\b`)
	reVisit      = regexp.MustCompile(`(?i)\b(?:(monitoring|focused|focussed)\s+visit|(joint\s+targeted\s+area\s+inspection|JTAI))`)
	reJTAIWords  = regexp.MustCompile(`(?i)joint\s+targeted\s+area\s*$`)
	heldCue      = regexp.MustCompile(`(?i)\b(?:carried\s+out|held|took\s+place|conducted|undertaken|completed|visited|on\s+site)\s+(?:on\s+|in\s+|during\s+|between\s+)?$`)
)

// anchors finds the event words of a sentence and gives each the date
// expression nearest to it (a date at the head of the sentence, "In July
// 2023, ...", goes to every anchor without a nearer one).
func anchors(s *sent) []anchor {
	var out []anchor
	t := s.Text
	for _, loc := range reVisit.FindAllStringSubmatchIndex(t, -1) {
		kind := "jtai"
		if loc[2] >= 0 {
			kind = strings.ToLower(t[loc[2]:loc[3]])
			if kind == "focussed" {
				kind = "focused"
			}
		}
		out = append(out, anchor{Kind: anVisit, Visit: kind, Start: loc[0], End: loc[1]})
	}
	inVisit := func(a, b int) bool {
		for _, v := range out {
			if v.Kind == anVisit && a < v.End && b > v.Start {
				return true
			}
		}
		return false
	}
	for _, loc := range reReport.FindAllStringIndex(t, -1) {
		// "a monitoring visit report published ...": the visit's own report.
		merged := false
		for i := range out {
			if out[i].Kind == anVisit && loc[0] >= out[i].End && loc[0]-out[i].End <= 2 {
				out[i].End, merged = loc[1], true
			}
		}
		if !merged {
			out = append(out, anchor{Kind: anReport, Start: loc[0], End: loc[1]})
		}
	}
	for _, loc := range reInspection.FindAllStringIndex(t, -1) {
		if inVisit(loc[0], loc[1]) || reJTAIWords.MatchString(t[:loc[0]]) {
			continue
		}
		out = append(out, anchor{Kind: anInspection, Start: loc[0], End: loc[1]})
	}
	for _, loc := range reRating.FindAllStringIndex(t, -1) {
		out = append(out, anchor{Kind: anRating, Start: loc[0], End: loc[1]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	// Each date goes to its nearest anchor, not across a semicolon; an
	// anchor after the date counts double unless it follows at once ("the
	// 2017 inspection"); "carried out last month" dates an inspection or a
	// visit, never a rating.
	for wi := range s.Whens {
		w := &s.Whens[wi]
		held := heldCue.MatchString(t[:w.Start])
		best, dist := -1, 1<<30
		for ai := range out {
			a := &out[ai]
			if strings.ContainsAny(between(t, a.Start, a.End, w.Start, w.End), ";") {
				continue
			}
			if held && a.Kind != anInspection && a.Kind != anVisit {
				continue
			}
			d := gap(a.Start, a.End, w.Start, w.End)
			if a.Start >= w.End && d > 2 {
				d *= 2
			}
			if d < dist {
				best, dist = ai, d
			}
		}
		if best >= 0 && dist <= 90 && (out[best].When == nil || gap(out[best].Start, out[best].End, out[best].When.Start, out[best].When.End) > dist) {
			out[best].When = w
		}
	}
	// "In July 2023, ..." dates the whole sentence.
	if len(s.Whens) > 0 && s.Whens[0].Start <= 4 {
		head := &s.Whens[0]
		if rest := strings.TrimSpace(t[head.End:]); strings.HasPrefix(rest, ",") {
			for ai := range out {
				if out[ai].When == nil {
					out[ai].When = head
				}
			}
		}
	}
	return out
}

func gap(a0, a1, b0, b1 int) int {
	switch {
	case b0 >= a1:
		return b0 - a1
	case a0 >= b1:
		return a0 - b1
	}
	return 0
}

func between(t string, a0, a1, b0, b1 int) string {
	lo, hi := a1, b0
	if b1 <= a0 {
		lo, hi = b1, a0
	}
	if lo >= hi {
		return ""
	}
	return t[lo:hi]
}

// event is an inspection or report of one council that the article dates.
type event struct {
	Council string
	Insp    dates.Date // when the inspection took place
	Pub     dates.Date // when the report was published
	Rating  dates.Date // when the grade was given (publication or inspection: the text does not say)
	Rel     bool       // a date depended on the document's own date
}

// latest is the day the event is sorted by.
func (e *event) latest() dates.Day {
	var d dates.Day
	for _, x := range []dates.Date{e.Insp, e.Pub, e.Rating} {
		if !x.IsZero() && x.Day > d {
			d = x.Day
		}
	}
	return d
}

// collectEvents lists the dated full inspections (and published reports
// and dated ratings) of each council, in the order the article gives them.
// Plans ("a full inspection later this year") are not events.
func (d *document) collectEvents() {
	d.events = map[string][]event{}
	for i := range d.sents {
		s := &d.sents[i]
		for _, a := range anchors(s) {
			if a.Kind == anVisit || a.When == nil || !a.When.OK || a.When.Future {
				continue
			}
			// "... in reports published this month" in a sentence about
			// two councils dates both councils' reports.
			var councils []string
			if s.How == councilSeveral && a.Kind != anRating && reEventPlural.MatchString(s.Text[a.Start:a.End]) {
				for _, m := range s.Mentions {
					councils = appendOnce(councils, m.Council)
				}
			} else if c, _, _ := s.councilFor(a.Start); c != "" {
				councils = []string{c}
			}
			for _, c := range councils {
				e := event{Council: c, Rel: a.When.Relative}
				switch a.Kind {
				case anReport:
					e.Pub = a.When.Date
				case anInspection:
					if strings.Contains(strings.ToLower(between(s.Text, a.Start, a.End, a.When.Start, a.When.End)), "publish") {
						e.Pub = a.When.Date
					} else {
						e.Insp = a.When.Date
					}
				case anRating:
					e.Rating = a.When.Date
				}
				d.events[c] = append(d.events[c], e)
			}
		}
	}
}

var reEventPlural = regexp.MustCompile(`(?i)\b(?:reports|inspections)\b`)

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// reportWindow is how long after an inspection its report is taken to be
// the same event: Ofsted publishes within weeks of the inspection.
const reportWindow = 4 * 31

// current is the council's most recent dated inspection, with the report
// that followed it merged in; ok is false when the article dates none.
func (d *document) current(council string, before dates.Day) (event, bool) {
	evs := d.events[council]
	var best event
	found := false
	for _, e := range evs {
		if before != 0 && e.latest() >= before {
			continue
		}
		if !found || e.latest() > best.latest() {
			best, found = e, true
		}
	}
	if !found {
		return best, false
	}
	// Merge the parts of the same inspection found in other sentences.
	for _, e := range evs {
		if best.Insp.IsZero() && !e.Insp.IsZero() && best.latest()-e.Insp.Day >= 0 && best.latest()-e.Insp.Day <= reportWindow {
			best.Insp = e.Insp
			best.Rel = best.Rel || e.Rel
		}
		if best.Pub.IsZero() && !e.Pub.IsZero() && e.Pub.Day-best.latest() >= 0 && e.Pub.Day-best.latest() <= reportWindow {
			best.Pub = e.Pub
			best.Rel = best.Rel || e.Rel
		}
	}
	return best, true
}

// previous is the council's inspection before the current one.
func (d *document) previous(council string) (event, bool) {
	cur, ok := d.current(council, 0)
	if !ok {
		return cur, false
	}
	// Events within the report window of the current one are the same
	// inspection.
	return d.current(council, cur.latest()-reportWindow)
}

// gradeDate is the date a grade from event e takes: the report's
// publication; else, when the article reports an inspection of the last
// few months, the article's own month (news of a grade appears when the
// report does); else the inspection (the contract's fallback). rel says
// the date rests on the document's own date.
func (d *document) gradeDate(e event) (date dates.Date, why string, rel, ok bool) {
	// Spec v3: a grade is dated by its inspection; the report's
	// publication, or the date the article gives the judgement, stands in
	// when the text dates no inspection.
	switch {
	case !e.Insp.IsZero():
		return e.Insp, "the inspection", e.Rel, true
	case !e.Pub.IsZero():
		return e.Pub, "the report's publication (no inspection date given)", e.Rel, true
	case !e.Rating.IsZero():
		return e.Rating, "the date the article gives for the judgement", e.Rel, true
	}
	return dates.Date{}, "", false, false
}

// figureDate is the date of a figure an inspection found: the inspection,
// else the report.
func figureDate(e event) (dates.Date, bool) {
	switch {
	case !e.Insp.IsZero():
		return e.Insp, true
	case !e.Pub.IsZero():
		return e.Pub, true
	case !e.Rating.IsZero():
		return e.Rating, true
	}
	return dates.Date{}, false
}

package text

import (
	"cmp"
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
	// SameParagraph marks a council taken from an earlier sentence of the
	// sentence's own paragraph (How councilContext); FromHeading a topic
	// set by a heading line naming one council (How councilSubject).
	SameParagraph, FromHeading bool
	// anch caches anchors(s): every reader of the sentence asks for them.
	anch   []anchor
	anchOK bool
	// VisitKind is the kind of visit this sentence or the one before names
	// (plural too: "focus visits"); DocVisitKind the one kind the
	// document's title names, if it names one.
	VisitKind, DocVisitKind string
	// LeadVisitKind is the one kind of visit the document's lead names.
	LeadVisitKind string
	// PrevVisitKind is the one kind of visit the sentence before names,
	// in the same paragraph or the one before.
	PrevVisitKind string
	// ListKind is the kind of the plural visits of no kind the sentence
	// names, from the sentences around it.
	ListKind string
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
// about, unless the sentence names one. "National vacancy rates" is as
// national as "the national rate": plurals count.
var reNational = regexp.MustCompile(`(?i)\b(?:england|english\s+(?:local\s+)?(?:councils|authorities)|nationally|(?:inner|outer)\s+london|london(?:\s+boroughs)?(?:[\s,]+(?:borough|council|authority)\b)?|yorkshire\s+(?:&|and)\s+(?:the\s+)?humber|(?:the\s+)?(?:north\s+east|north\s+west|south\s+east|south\s+west|east\s+midlands|west\s+midlands|east\s+of\s+england)|reported\s+by\s+(?:local\s+)?(?:authorities|councils)|national\s+(?:[a-z]+\s+){0,2}(?:averages?|rates?|figures?|pictures?|levels?)|across\s+the\s+country|all\s+councils|(?:north\s+east|north\s+west|yorkshire|east\s+midlands|west\s+midlands|east\s+of\s+england|south\s+east|south\s+west)\s+region|the\s+region|regional\s+average|london\s+boroughs|other\s+(?:councils|authorities|local\s+authorities)|many\s+councils|councils\s+(?:across|nationally))\b`)

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
		// "... compared with 6.4% across Yorkshire and the Humber,
		// although the share of agency workers rose to 11.4%": the
		// region is the comparison's, in a clause before the figure's.
		if loc[1] <= pos && reContrastClause.MatchString(s.Text[loc[1]:pos]) {
			continue
		}
		// "the one council in the region given ...": the
		// region is where the council stands out, not what it is about.
		if reStandsOut.MatchString(s.Text[max(0, loc[0]-60):loc[0]]) {
			continue
		}
		// A region's words inside a council's name ("North East
		// Lincolnshire") or a place after one ("Waltham Forest in
		// London") are not the region.
		inName := false
		for _, m := range s.Mentions {
			if loc[0] < m.End+4 && loc[1] > m.Start {
				inName = true
			}
		}
		if strings.HasSuffix(strings.ToLower(s.Text[loc[0]:loc[1]]), "borough") || strings.HasSuffix(strings.ToLower(s.Text[loc[0]:loc[1]]), "council") || strings.HasSuffix(strings.ToLower(s.Text[loc[0]:loc[1]]), "authority") {
			continue // "a London borough" is one council
		}
		if inName || inPlaceOf(s, loc[0]) {
			continue
		}
		// After the figure, only right after it and not as a comparison
		// ("17% nationally", not "8%, which compared well with the region"
		// nor "17.9 (England 16.0)", a bracket's comparison).
		if loc[0] > pos && (loc[0]-pos > 25 || reCompareWord.MatchString(s.Text[pos:loc[0]]) || strings.Count(s.Text[pos:loc[0]], "(") > strings.Count(s.Text[pos:loc[0]], ")")) {
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

// reContrastClause: a new clause opens between a place and a figure.
var reContrastClause = regexp.MustCompile(`(?i),\s*(?:although|though|while|whilst|whereas|but)\b`)

// inPlaceOf: pos lies in the place named after a council ("Waltham Forest
// in north east London", "Sutton in south-west London").
func inPlaceOf(s *sent, pos int) bool {
	for _, m := range s.Mentions {
		if m.End > pos || pos-m.End > 40 {
			continue
		}
		if loc := rePlaceAfter.FindStringIndex(s.Text[m.End:]); loc != nil && m.End+loc[1] >= pos {
			return true
		}
	}
	return false
}

var rePlaceAfter = regexp.MustCompile(`^,?\s+in\s+(?:(?:the\s+)?(?:north|south|east|west|central|inner|outer)(?:[\s-]+(?:east|west))?\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?`)

var reStandsOut = regexp.MustCompile(`(?i)\b(?:only|first|one\s+of|among|best|top)\b[^.;,]{0,50}$`)

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
	var kinds []string // the one kind of visit each sentence of out names
	topic := ""
	topicSet := false     // set by a heading or a paragraph's opening, not the document's subject
	topicHeading := false // set by a heading line
	if len(d.councils) > 0 {
		topic = d.councils[0]
	}
	lastPara := "" // the one council the previous paragraph named, if one
	for pi := range d.paras {
		p := &d.paras[pi]
		if p.Tail {
			continue
		}
		current := ""
		sameParagraph := false
		if p.Heading {
			// A new section: the one a heading naming a council started
			// has ended, unless this heading names it.
			topicHeading = false
		}
		// A paragraph that names no council goes on with the one the
		// paragraph before it was about ("Ministers directed Calderdale
		// to ..." then "Inspectors returned in November and gave it a
		// 'good' rating").
		// (When that council is the document's subject, the subject rule
		// below takes it, unless the subject is not sure.)
		if lastPara != "" && (lastPara != topic || !topicSet && !d.strongSubject()) && len(d.m.find(p.Text)) == 0 && !p.Heading {
			current = lastPara
		}
		named := map[string]bool{}
		for k, t := range splitSentences(p.Text) {
			s := sent{sentence: sentence{P: p, Idx: len(out), Text: t}}
			s.Mentions = placesOut(t, d.m.find(t))
			distinct := map[string]bool{}
			for _, m := range s.Mentions {
				distinct[m.Council] = true
			}
			switch len(distinct) {
			case 0:
				switch {
				case current != "":
					s.Council, s.How = current, councilContext
					s.SameParagraph = sameParagraph
				case topic != "" && (topicSet || d.strongSubject()):
					s.Council, s.How = topic, councilSubject
					s.FromHeading = topicHeading
				default:
					s.How = councilNone
				}
			case 1:
				s.Council, s.How = s.Mentions[0].Council, councilNamed
				current, sameParagraph = s.Council, true
				if k == 0 && (p.Heading || opensWith(t, s.Mentions[0])) {
					topic, topicSet, topicHeading = s.Council, true, p.Heading && len(s.Mentions) > 0 && strings.TrimSpace(t) != "" && headingIsCouncil(t, s.Mentions[0])
				}
			default:
				s.How = councilSeveral
			}
			for _, m := range s.Mentions {
				named[m.Council] = true
			}
			s.Whens = findWhens(t, d.date)
			for wi := range s.Whens {
				w := &s.Whens[wi]
				if w.Following {
					if y, ok := lastYear(out, s.Whens[:wi]); ok {
						w.Date = dates.Date{Day: dates.FromYMD(y+1, 1, 1), Prec: dates.PrecYear}
						w.Last, w.OK, w.Why = w.Date, true, ""
					}
				}
			}
			s.Speaker = speakerCue.MatchString(t) && sayCue.MatchString(t)
			s.DocVisitKind = d.docVisitKind()
			own := visitKindIn(t)
			s.VisitKind = own
			if s.VisitKind == "" && len(out) > 0 && out[len(out)-1].P == p {
				s.VisitKind = kinds[len(out)-1]
			}
			if s.VisitKind == "" && (reVisitBack.MatchString(t) || reVisitHeld.MatchString(t)) {
				// (minutes naming focused visits once, then counting
				// them in short paragraphs, "the second of them, on
				// ..."; a release naming the focused visit, then "The
				// visit, carried out over two days in May"): the kind named a
				// few sentences back.
				for j := len(out) - 1; j >= max(0, len(out)-3) && s.VisitKind == ""; j-- {
					s.VisitKind = kinds[j]
				}
			}
			out = append(out, s)
			kinds = append(kinds, own)
		}
		// The paragraph was about the council it named when more than
		// one of its sentences were ("... Calderdale ... The council was
		// subsequently rated ..."), not when it named it in passing ("A
		// monitoring visit to Croydon ... is planned").
		// A paragraph naming none goes on with the council it was given
		// ("But at its latest inspection ..." then "The council's
		// social workers rose ...").
		if len(named) == 0 && current != "" && current == lastPara {
			continue
		}
		lastPara = ""
		if len(named) == 1 {
			for c := range named {
				n := 0
				for k := len(out) - 1; k >= 0 && out[k].P == p; k-- {
					if out[k].Council == c {
						n++
					}
				}
				if n >= 2 {
					lastPara = c
				}
			}
		}
	}
	// A quoted speech running over several sentences keeps its speaker.
	for i := 1; i < len(out); i++ {
		if !out[i].Speaker && out[i-1].Speaker && out[i].P == out[i-1].P && strings.ContainsAny(out[i].Text, "“”\"") {
			out[i].Speaker = true
		}
	}
	d.sents = out
	// The kind of visit the lead names (the first four paragraphs), for a
	// round-up's heading lines ("Birmingham (visited in September)").
	var lead strings.Builder
	for k, p := range d.paras {
		if k >= 4 || p.Tail {
			break
		}
		lead.WriteString(p.Text + "\n")
	}
	leadKind := visitKindIn(lead.String())
	for i := range d.sents {
		d.sents[i].LeadVisitKind = leadKind
	}
	for i := 1; i < len(d.sents); i++ {
		if prev := &d.sents[i-1]; prev.P.N >= d.sents[i].P.N-1 {
			d.sents[i].PrevVisitKind = kinds[i-1]
		}
	}
	// "Ofsted's recent visits to Trafford in July and Wirral in
	// September": plural visits of no kind take the kind the sentence,
	// the sentences just before or the one just after name (a round-up
	// names it once), for their list of dates.
	for i := range d.sents {
		s := &d.sents[i]
		if !reBareVisits.MatchString(s.Text) {
			continue
		}
		s.ListKind = cmp.Or(s.VisitKind, s.DocVisitKind)
		for j := i - 1; j >= max(0, i-3) && s.ListKind == ""; j-- {
			s.ListKind = kinds[j]
		}
		if s.ListKind == "" && i+1 < len(d.sents) {
			s.ListKind = kinds[i+1]
		}
	}
}

// headingIsCouncil: a heading line that is a council's name and little
// else ("BRADFORD", "Central Bedfordshire Council") starts a section
// about it.
func headingIsCouncil(t string, m mention) bool {
	rest := strings.TrimSpace(t[:m.Start] + " " + t[m.End:])
	rest = reCouncilWords.ReplaceAllString(rest, "")
	return len(strings.Fields(rest)) <= 2
}

var reCouncilWords = regexp.MustCompile(`(?i)\b(?:(?:metropolitan|city|county|borough|district|royal)\s+)*(?:council|borough)\b|[:–—-]`)

// visitKindIn is the one kind of visit t names ("" for none or two).
func visitKindIn(t string) string {
	kind := ""
	for _, m := range reVisitKindWords.FindAllStringSubmatch(t, -1) {
		k := "jtai"
		if m[1] != "" {
			k = strings.ToLower(m[1])
			if k == "focussed" || k == "focus" {
				k = "focused"
			}
		}
		if kind != "" && kind != k {
			return ""
		}
		kind = k
	}
	return kind
}

// docVisitKind is the one kind of visit the document's title and
// standfirst (its first two paragraphs) name: the document is about
// visits of that kind.
func (d *document) docVisitKind() string {
	if d.aboutVisit == nil {
		k := ""
		n := 0
		for _, p := range d.paras {
			if p.Tail || n >= 2 {
				break
			}
			if k = visitKindIn(p.Text); k != "" {
				break
			}
			n++
		}
		d.aboutVisit = &k
	}
	return *d.aboutVisit
}

// lastYear is the year of the latest date the text gave before a "the
// following year": earlier in the sentence, else in the two sentences
// before it.
func lastYear(prev []sent, here []when) (int, bool) {
	for i := len(here) - 1; i >= 0; i-- {
		if w := here[i]; w.OK && !w.Relative && !w.Future {
			y, _, _ := w.Date.Day.YMD()
			return y, true
		}
	}
	for k := len(prev) - 1; k >= 0 && k >= len(prev)-2; k-- {
		for i := len(prev[k].Whens) - 1; i >= 0; i-- {
			if w := prev[k].Whens[i]; w.OK && !w.Future && !w.Following {
				y, _, _ := w.Date.Day.YMD()
				return y, true
			}
		}
	}
	return 0, false
}

// strongSubject says the document's subject council can stand for
// sentences that name none: the title names it, it is the address's
// council, or it is most of the councils the text names. An article
// about statistics for many councils has no such subject.
func (d *document) strongSubject() bool {
	if d.subjectStrong != nil {
		return *d.subjectStrong
	}
	subject := d.councils[0]
	strong := len(d.councils) <= 2 || subject == d.addrCouncil
	if !strong && d.title != "" {
		for _, m := range d.m.find(d.title) {
			if m.Council == subject {
				strong = true
			}
		}
	}
	if !strong {
		n, all := 0, 0
		for _, p := range d.paras {
			if p.Tail {
				continue
			}
			for _, m := range d.m.find(p.Text) {
				all++
				if m.Council == subject {
					n++
				}
			}
		}
		strong = all > 0 && 2*n > all
	}
	d.subjectStrong = &strong
	return strong
}

// placesOut drops a council named as where another is: "St Helens in
// Lancashire" is about St Helens.
// rePlaceGap: "Plymouth City Council, in Devon": the second name is where
// the first council is.
var rePlaceGap = regexp.MustCompile(`^\s*(?:(?:(?:Metropolitan\s+)?(?:City|County|Borough|District)\s+)?Council\s*,?\s*)?in\s*$`)

func placesOut(t string, ms []mention) []mention {
	var out []mention
	for i, m := range ms {
		if i > 0 && rePlaceGap.MatchString(t[ms[i-1].End:m.Start]) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// opensWith reports that a sentence names the council among its first few
// words: the paragraph is about it.
func opensWith(t string, m mention) bool {
	return len(strings.Fields(t[:m.Start])) <= 3
}

// anchor is a word that an event hangs on: an inspection, a published
// report, a rating, a visit.
type anchor struct {
	Kind  anchorKind
	Visit string // focused, monitoring, jtai
	// Back marks a visit named by reference ("the first visit",
	// "inspectors visited"), its kind from the text around it.
	Back       bool
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
	reInspection = regexp.MustCompile(`(?i)\b(?:(?:re-?)?inspect(?:ions?|ed)|inspectors,?\s+(?:who\s+)?(?:spent|were\s+on\s+site|were\s+in)|examination|assessed\s+(?:\S+\s+){0,3}children['’]?s\s+services)\b(?:\s+(?:framework|regime|criteria|process|programme|handbook|guidance)\b)?`)
	// A plain visit is the inspection's when the sentence says so:
	// "rated the service lower after a visit in March 2019", "the
	// report that followed their visit in June", "Inspectors who
	// visited Leeds in October".
	rePlainVisit  = regexp.MustCompile(`(?i)\b(?:visit|visited)\b`)
	reVisitIsInsp = regexp.MustCompile(`(?i)\b(?:downgraded|upgraded|rated|judged|inspection|report|inspectors?\s+(?:who\s+)?)\b`)
	// "After their July visit, inspectors have given ... its top
	// grade": the grade given after the visit makes it the inspection.
	reVisitIsInspAfter = regexp.MustCompile(`(?i)^[^.;]{0,100}?\b(?:inspectors?\s+(?:have\s+|has\s+)?(?:handed|awarded|given|gave|rated|judged|graded)|(?:rated|judged|graded|downgraded|upgraded)\b)`)
	reNotAnEvent       = regexp.MustCompile(`(?i)\s(?:framework|regime|criteria|process|programme|handbook|guidance)$`)
	rePrevEventCue     = regexp.MustCompile(`(?i)\b(?:last|previous|previously|prior|earlier|former|since)\b|\b(?:up|down)\s+from\b[^,;]*$`)
	reReport           = regexp.MustCompile(`(?i)\breports?,?\s+(?:was\s+|were\s+|which\s+was\s+)?(?:published|released|out)\b|\bpublished\s+(?:its\s+|a\s+|the\s+|their\s+)?(?:(?:latest|new|most\s+recent|full)\s+)?(?:inspection\s+)?report\b`)
	reRating           = regexp.MustCompile(`(?i)\b(?:rated|rating|judg(?:e)?ment|graded|downgraded|upgraded|judged)\b`)
	reVisit            = regexp.MustCompile(`(?i)\b(?:(monitoring|focused|focussed|focus)\s+(?:assurance\s+)?visit|(joint\s+targeted\s+area\s+inspection|JTAI)|(focused|focussed)\s+inspection)`)
	// The words that name a kind of visit, for a document or a sentence
	// about one: the visit, or its letter ("the Ofsted monitoring letter").
	reVisitKindWords = regexp.MustCompile(`(?i)\b(?:(monitoring|focused|focussed|focus)\s+(?:assurance\s+)?(?:visit|letter)|(joint\s+targeted\s+area\s+inspection|JTAI))`)
	// "Ofsted's visit took place in February", in a document about visits
	// of one kind: that kind's visit, said to have been held.
	reVisitHeld = regexp.MustCompile(`(?i)\b(?:ofsted['’]s|the|their|its|this)\s+visit,?\s+(?:which\s+(?:was\s+)?)?(?:took\s+place|occurred|happened|(?:was\s+)?(?:held|carried\s+out|conducted|undertaken))\b|\b(?:the|this)\s+visit\s+(?:on|between)\s+\d`)
	// A visit named before by its kind: "the first visit was held on ...".
	// reBareVisits: plural visits of no kind ("previous visits", "Ofsted's
	// visits to").
	reBareVisits = regexp.MustCompile(`(?i)\bvisits\b`)
	reVisitBack  = regexp.MustCompile(`(?i)\b(?:the|a|its|their)\s+(?:first|second|third|fourth|fifth|sixth|latest|last|most\s+recent|recent|further|next)\s+visit\b|\banother\s+visit\b`)
	// "Inspectors visited Knowsley's children's services on ...", in a
	// document about visits of one kind.
	reInspectorsVisited = regexp.MustCompile(`(?i)\binspectors\s+visited\b`)
	reVisitedHead       = regexp.MustCompile(`(?i)\(\s*visited\b`)
	// reInspectorsThere: inspectors' days with a council ("Inspectors were
	// in Solihull on", "inspectors spent two days with").
	reInspectorsThere = regexp.MustCompile(`(?i)\binspectors\s+(?:were\s+(?:in|at|with)|spent\s+(?:two|three|four|\d)\s+days)\b`)
	reVisitLength     = regexp.MustCompile(`(?i)\b(?:a|the|their|its)\s+(?:one|two|three|four|five|\d)[- ](?:day|week)\s+visit\b`)
	reJTAIWords       = regexp.MustCompile(`(?i)joint\s+targeted\s+area\s*$`)
	heldCue           = regexp.MustCompile(`(?i)\b(?:carried\s+out|held|took\s+place|conducted|undertaken|completed|visited|on\s+site)\s+(?:on\s+|in\s+|during\s+|between\s+|from\s+)?$|\bspent\s+(?:a|one|two|three|four|five|six|\d+)\s+(?:weeks?|days?)\b[^.;]{0,110}$`)
)

// anchors are the event words of a sentence, each with the date
// expression nearest to it (a date at the head of the sentence, "In July
// 2023, ...", goes to every anchor without a nearer one), found once per
// sentence: the events, the visits and the candidates all read them.
func anchors(s *sent) []anchor {
	if !s.anchOK {
		s.anch, s.anchOK = findAnchors(s), true
	}
	return s.anch
}

// reAsideOpen opens an aside: a spaced dash or a bracket.
var reAsideOpen = regexp.MustCompile(`\s[–—-]\s|\(`)

// reVisitKindBefore: a kind's word right before "visits".
var reVisitKindBefore = regexp.MustCompile(`(?i)\b(?:monitoring|focused|focussed|focus|assurance)\s+$`)

// reForVisit: what stands between a date and the kinded visit it is
// the date of ("... in May for a monitoring visit").
var reForVisit = regexp.MustCompile(`(?i)^\s*,?\s*(?:for|as\s+part\s+of|on|as)\s+(?:a|an|its|their|the)\s+(?:\w+\s+)?$`)

// findAnchors works out anchors.
func findAnchors(s *sent) []anchor {
	var out []anchor
	t := s.Text
	for _, loc := range reVisit.FindAllStringSubmatchIndex(t, -1) {
		kind := "jtai"
		switch {
		case loc[2] >= 0:
			kind = strings.ToLower(t[loc[2]:loc[3]])
			if kind == "focussed" || kind == "focus" {
				kind = "focused"
			}
		case loc[6] >= 0:
			// "a focused inspection", as news calls a focused visit.
			kind = "focused"
		}
		out = append(out, anchor{Kind: anVisit, Visit: kind, Start: loc[0], End: loc[1]})
	}
	// "the first visit", "a recent visit": the kind this sentence or the
	// one before names, else the one the document's title names.
	if kind := s.VisitKind; kind != "" || s.DocVisitKind != "" {
		if kind == "" {
			kind = s.DocVisitKind
		}
		for _, loc := range reVisitBack.FindAllStringIndex(t, -1) {
			out = append(out, anchor{Kind: anVisit, Visit: kind, Start: loc[0], End: loc[1], Back: true})
		}
	}
	// "Birmingham (visited in September - children in care)": a
	// round-up's heading line, in a document whose lead names visits of
	// one kind.
	if kind := cmp.Or(s.DocVisitKind, s.LeadVisitKind); kind != "" {
		for _, loc := range reVisitedHead.FindAllStringIndex(t, -1) {
			out = append(out, anchor{Kind: anVisit, Visit: kind, Start: loc[0], End: loc[1], Back: true})
		}
	}
	// Plural visits of no kind: anchors for their list of dates only
	// (pluralVisits; realVisit leaves plurals out).
	if s.ListKind != "" {
		for _, loc := range reBareVisits.FindAllStringIndex(t, -1) {
			if reVisitKindBefore.MatchString(t[:loc[0]]) {
				continue // "focused visits": reVisit's
			}
			out = append(out, anchor{Kind: anVisit, Visit: s.ListKind, Start: loc[0], End: loc[1] - 1, Back: true})
		}
	}
	// "The visit, carried out over two days in May": the kind the document's
	// title names, else the one this sentence or the one before names.
	if kind := cmp.Or(s.DocVisitKind, s.VisitKind); kind != "" {
		for _, loc := range reVisitHeld.FindAllStringIndex(t, -1) {
			// (A grade in a dash's or bracket's aside after it, "The visit
			// on 25 March - the sixth since the council was rated
			// inadequate -", is the aside's.)
			rest := t[loc[1]:]
			if k := reAsideOpen.FindStringIndex(rest); k != nil {
				rest = rest[:k[0]]
			}
			if reVisitIsInsp.MatchString(t[:loc[0]]) || reVisitIsInspAfter.MatchString(rest) {
				continue
			}
			out = append(out, anchor{Kind: anVisit, Visit: kind, Start: loc[0], End: loc[1], Back: true})
		}
	}
	if s.DocVisitKind != "" {
		// "a three day visit" with its days, in a
		// paper about a focused visit: that visit, by its length.
		for _, loc := range reVisitLength.FindAllStringIndex(t, -1) {
			if reVisitIsInsp.MatchString(t[:loc[0]]) || reVisitIsInspAfter.MatchString(t[loc[1]:]) {
				continue
			}
			out = append(out, anchor{Kind: anVisit, Visit: s.DocVisitKind, Start: loc[0], End: loc[1], Back: true})
		}
		for _, loc := range reInspectorsVisited.FindAllStringIndex(t, -1) {
			// "downgraded ... after inspectors visited in June": the visit
			// that gave a grade is the inspection, whatever the document's
			// visits are.
			if reVisitIsInsp.MatchString(t[:loc[0]]) || reVisitIsInspAfter.MatchString(t[loc[1]:]) {
				continue
			}
			out = append(out, anchor{Kind: anVisit, Visit: s.DocVisitKind, Start: loc[0], End: loc[1], Back: true})
		}
	}
	// "... after its latest monitoring visit. Inspectors were in
	// Solihull on 15 and 16 October.": right after a sentence naming a
	// visit of one kind, inspectors' days there are that visit's, unless
	// the sentence speaks of an inspection or a grade.
	if s.DocVisitKind == "" && s.PrevVisitKind != "" {
		if locs := reInspectorsThere.FindAllStringIndex(t, -1); locs != nil &&
			!reInspection.MatchString(reInspectorsThere.ReplaceAllString(t, "")) && !reVisitIsInspAfter.MatchString(t) {
			for _, loc := range locs {
				out = append(out, anchor{Kind: anVisit, Visit: s.PrevVisitKind, Start: loc[0], End: loc[1], Back: true})
			}
		}
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
		if inVisit(loc[0], loc[1]) || reJTAIWords.MatchString(t[:loc[0]]) || reNotAnEvent.MatchString(t[loc[0]:loc[1]]) {
			continue
		}
		out = append(out, anchor{Kind: anInspection, Start: loc[0], End: loc[1]})
	}
	for _, loc := range rePlainVisit.FindAllStringIndex(t, -1) {
		// (The words before are matched with the visit word itself, so
		// that "Inspectors visited" ends the "inspectors" on a word.)
		if inVisit(loc[0], loc[1]) || (!reVisitIsInsp.MatchString(t[:loc[1]]) && !reVisitIsInspAfter.MatchString(t[loc[1]:])) {
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
			// Not across a semicolon, nor into a contrasting clause ("in
			// May 2016 ..., but the latest inspection has judged").
			if btw := between(t, a.Start, a.End, w.Start, w.End); strings.ContainsAny(btw, ";") || reButClause.MatchString(btw) || reWhereas.MatchString(btw) {
				continue
			}
			if held && a.Kind != anInspection && a.Kind != anVisit {
				continue
			}
			// A run of days ("from 10 to 14 June 2024") is an inspection's
			// or a visit's, never a report's day or a rating's.
			if w.Date.Prec == dates.PrecDay && w.Last.Day > w.Date.Day && a.Kind != anInspection && a.Kind != anVisit {
				continue
			}
			d := gap(a.Start, a.End, w.Start, w.End)
			// Ofsted's full name counts as one word.
			for _, m := range reOfstedName.FindAllStringIndex(between(t, a.Start, a.End, w.Start, w.End), -1) {
				d -= m[1] - m[0] - 6
			}
			if a.Start >= w.End && d > 2 {
				d *= 2
			}
			// An earlier inspection named after the date across a comma
			// is another clause's ("from 3 to 14 June 2019, with the
			// previous inspection in 2015").
			if a.Start >= w.End && a.Kind == anInspection && strings.Contains(t[w.End:a.Start], ",") && prevEvent(t, a.Start) {
				d += 60
			}
			if d < dist {
				best, dist = ai, d
			}
		}
		limit := 90
		if held {
			limit = 160 // "inspection ... of the council's arrangements ..., which took place between"
		}
		if best >= 0 && dist <= limit && (out[best].When == nil || gap(out[best].Start, out[best].End, out[best].When.Start, out[best].When.End) > dist) {
			out[best].When = w
		}
	}
	// "earlier this year, from 6 to 17 March": a coarse date
	// followed at once by a finer one inside it is that finer date.
	for ai := range out {
		w := out[ai].When
		if w == nil || !w.OK {
			continue
		}
		for wi := range s.Whens {
			f := &s.Whens[wi]
			if f.Start >= w.End && f.OK && !f.Future && f.Date.Prec < w.Date.Prec && coarsen(f.Date, w.Date.Prec) == w.Date &&
				reFinerNext.MatchString(t[w.End:f.Start]) {
				out[ai].When = f
				break
			}
		}
	}
	// "Inspectors came in May for a monitoring visit": a date followed at
	// once by "for a ... visit" is that visit's, whatever anchor it went
	// to.
	for bi := range out {
		b := &out[bi]
		if b.Kind != anVisit || b.Visit == "" || b.When != nil {
			continue
		}
		for wi := range s.Whens {
			w := &s.Whens[wi]
			if w.End <= b.Start && b.Start-w.End <= 25 && reForVisit.MatchString(t[w.End:b.Start]) {
				b.When = w
			}
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

// rePublishWord between an inspection and its date makes the date the
// report's ("will release its report on the inspection tomorrow").
var rePublishWord = regexp.MustCompile(`(?i)publish|\brelease`)

// reWhereas sets one clause against another with or without a comma
// ("judged good whereas in March 2015 inspectors had given ..."): a date past
// it is the other clause's.
var reWhereas = regexp.MustCompile(`(?i)\b(?:whereas|although|though)\b`)

// reOfstedName is the inspectorate's full name.
var reOfstedName = regexp.MustCompile(`(?i)\b(?:the\s+)?Office\s+for\s+Standards\s+in\s+Education,?\s+Children['’]?s\s+Services\s+and\s+Skills\b(?:\s*\(Ofsted\))?`)

// reFinerNext is what may stand between a date and a finer one that
// says when in it.
var reFinerNext = regexp.MustCompile(`^\s*,?\s*(?:from|on|between|in)?\s*$`)

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
	InspRel bool       // the inspection's date did ("last month", "in July")
	// Previous marks an earlier inspection the article looks back to ("its
	// last inspection in 2015", "since ... in 2017"), never the current one.
	Previous bool
	// Grade is the judgement a dated rating gave ("judged 'inadequate' for
	// safeguarding in 2010"), when the text names one next to it.
	Grade string
	// Reinspection marks an inspection the text calls a re-inspection.
	Reinspection bool
}

// finestPrec is the precision of the event's finest date.
func (e *event) finestPrec() dates.Precision {
	p := dates.PrecYear
	for _, x := range []dates.Date{e.Insp, e.Pub, e.Rating} {
		if !x.IsZero() && x.Prec < p {
			p = x.Prec
		}
	}
	return p
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
	d.undatedCurrent = map[string][]int{}
	d.undatedReinspection = map[string]bool{}
	for i := range d.sents {
		s := &d.sents[i]
		// "Among the 41 councils with judgments out by 20 January":
		// councils in general, no council's event.
		generic := len(s.Mentions) == 0 && councilsInGeneral(s.Text)
		as := anchors(s)
		for _, a := range as {
			if a.Kind == anVisit || generic {
				continue
			}
			if a.When == nil && a.Kind == anInspection {
				a.When = inspectionDays(s, as, a)
			}
			reinspection := a.Kind == anInspection && reReinspection.MatchString(s.Text[max(0, a.Start-3):a.End])
			if reinspection && a.When == nil {
				if c, _, _ := s.councilFor(a.Start); c != "" {
					d.undatedReinspection[c] = true
				}
			}
			// "No authority has been judged 'outstanding' overall since
			// November 2013": nobody's rating, no event of the council.
			if a.Kind == anRating && reNobody.MatchString(s.Text[:a.Start]) {
				continue
			}
			if a.Kind == anInspection && a.When != nil && !a.When.OK && !a.When.Future &&
				!prevEvent(s.Text, a.Start) &&
				// "The findings of the inspection have been published
				// today": the report's day, which an inspection the text
				// dates in full does not need.
				!rePublishWord.MatchString(between(s.Text, a.Start, a.End, a.When.Start, a.When.End)) {
				// The inspection the article reports, dated in words the
				// document's own date would resolve ("between 12 October
				// and 5 November", "last month") but it has none: no
				// other inspection stands in for it.
				if c, _, _ := s.councilFor(a.Start); c != "" {
					d.undatedCurrent[c] = append(d.undatedCurrent[c], monthIn(a.When.Text))
				}
				continue
			}
			if a.When == nil || !a.When.OK || a.When.Future {
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
			// "keeping the rating previously handed out in 2015": the words
			// between the event and its date say it was earlier.
			prev := prevEvent(s.Text, a.Start) || rePrevBetween.MatchString(between(s.Text, a.Start, a.End, a.When.Start, a.When.End))
			for _, c := range councils {
				e := event{Council: c, Rel: a.When.Relative, Previous: prev, Reinspection: reinspection}
				switch a.Kind {
				case anReport:
					e.Pub = a.When.Date
				case anInspection:
					if rePublishWord.MatchString(between(s.Text, a.Start, a.End, a.When.Start, a.When.End)) {
						e.Pub = a.When.Date
					} else {
						e.Insp, e.InspRel = a.When.Date, a.When.Relative
					}
				case anRating:
					// "its first 'good' rating since 2013": the year bounds
					// a period; no rating was given then.
					if a.When.Start > a.End && rePeriodBound.MatchString(s.Text[:a.When.Start]) {
						continue
					}
					e.Rating = a.When.Date
					e.Grade = judgementNear(s.Text, a.Start, a.End)
				}
				if publishedBefore(s.Text, a.When.Start) {
					// "The outcome published on 13th June 2017": the report.
					e.Insp, e.Rating, e.Pub, e.InspRel = dates.Date{}, dates.Date{}, a.When.Date, false
				}
				d.events[c] = append(d.events[c], e)
			}
		}
	}
}

// inspectionDays is the run of days an inspection the sentence names
// took place on, when they stand too far from its word to be tied to it
// (Ofsted "finished its look at the council's services for children, and
// at the safeguarding partners, from 3 to 21 March 2019"): the sentence's
// only date, a range of days written in full after the word, in a
// sentence naming no other event.
func inspectionDays(s *sent, as []anchor, a anchor) *when {
	for _, b := range as {
		if b.Kind != anVisit && b != a {
			return nil
		}
	}
	w := soleDate(s, as)
	if w == nil || w.Relative || w.Last.IsZero() || w.Last.Day == w.Date.Day || w.Start < a.End || prevEvent(s.Text, a.Start) {
		return nil
	}
	return w
}

// reReinspection names a re-inspection: by definition a later inspection
// than another one the text may date.
var reReinspection = regexp.MustCompile(`(?i)\bre-?inspect`)

// reNobody opens a clause whose subject is no council at all.
var reNobody = regexp.MustCompile(`(?i)(?:^|[.;:]\s*)\s*(?:no|none\s+of\s+the|not\s+one)\s+(?:other\s+)?(?:authority|authorities|council|councils|local\s+authority|local\s+authorities|department)\b[^.;]*$`)

// judgementNear is the judgement word nearest a rating word (within 40
// bytes), as a grade value or the older word ("adequate"); "" for none.
func judgementNear(t string, start, end int) string {
	best, dist := "", 41
	for _, loc := range reAnyJudgement.FindAllStringIndex(t, -1) {
		if d := gap(start, end, loc[0], loc[1]); d < dist {
			best, dist = canonGrade(t[loc[0]:loc[1]]), d
		}
	}
	return best
}

// currentFor is the current inspection for a grade of value v: as
// current, leaving out dated ratings of another judgement ("the
// outstanding rating came eight years after it was judged 'inadequate' in
// 2010" does not date the outstanding one by 2010).
func (d *document) currentFor(council, v string) (event, bool) {
	evs := d.events[council]
	var keep []event
	for _, e := range evs {
		if e.Grade == "" || e.Grade == v {
			keep = append(keep, e)
		}
	}
	if len(keep) == len(evs) {
		return d.current(council, 0)
	}
	d.events[council] = keep
	defer func() { d.events[council] = evs }()
	return d.current(council, 0)
}

// prevEvent: the event word at pos is an earlier inspection's ("its last
// inspection in 2015"), unless the words right before it call it the
// recent one ("its last inspection of 2016 ... while the recent
// inspection, 4 to 22 November 2019, found").
func prevEvent(t string, pos int) bool {
	return rePrevEventCue.MatchString(clauseBefore(t, pos)) && !reCurrentRightBefore.MatchString(t[max(0, pos-30):pos])
}

// rePrevBetween: words between an event and its date that make it an
// earlier one ("previously handed out in", "last given in").
var rePrevBetween = regexp.MustCompile(`(?i)^\s*(?:was\s+|were\s+|had\s+been\s+)?(?:previously|formerly|last|first|also\s+previously)\b[^;,]{0,30}$`)

var reCurrentRightBefore = regexp.MustCompile(`(?i)\b(?:recent|latest|most\s+recent|new|current|this\s+year['’]s)\s+(?:(?:full|standard|short|ILACS|Ofsted)\s+){0,2}$`)

// monthIn is the first month a date expression names, 0 for none.
func monthIn(s string) int {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if m := monthOf(strings.Trim(w, ".,;")); m > 0 && len(strings.Trim(w, ".,;")) >= 3 {
			return m
		}
	}
	return 0
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
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

// clauseBefore is the part of t's clause before pos: back to a semicolon,
// or a comma that follows an earlier clause's verb is not tracked; the
// sentence's start otherwise, at most 70 bytes.
func clauseBefore(t string, pos int) string {
	lo := max(0, pos-70)
	if i := strings.LastIndexAny(t[lo:pos], ";"); i >= 0 {
		lo += i + 1
	}
	return t[lo:pos]
}

// current is the council's most recent dated inspection, with the report
// that followed it merged in; ok is false when the article dates none.
// An inspection the article looks back to ("its last inspection in 2015")
// is never the current one.
func (d *document) current(council string, before dates.Day) (event, bool) {
	evs := d.events[council]
	var best event
	found := false
	undated := d.undatedCurrent[council]
	for _, e := range evs {
		if before != 0 && e.latest() >= before {
			continue
		}
		if e.Previous && before == 0 {
			continue
		}
		if !found || e.latest() > best.latest() {
			best, found = e, true
		}
	}
	if !found {
		return best, false
	}
	// An inspection the text cannot date ("in July this year" in an
	// undated article) is the current one, unless the article dates it
	// elsewhere in full ("the inspection in July 2022").
	if before == 0 && len(undated) > 0 {
		same := false
		for _, e := range evs {
			if e.Previous || e.Insp.IsZero() || e.Insp.Prec > dates.PrecMonth {
				continue
			}
			_, m, _ := e.Insp.Day.YMD()
			for _, um := range undated {
				if um == m {
					best, same = e, true
				}
			}
		}
		if !same {
			return event{}, false
		}
	}
	// The same inspection dated twice ("the July 2024 inspection" and
	// "between 29 April and 3 May 2024"): the finer date.
	for _, e := range evs {
		if e.Previous && before == 0 || e.Insp.IsZero() || best.Insp.IsZero() {
			continue
		}
		if abs(int(e.Insp.Day-best.Insp.Day)) <= reportWindow && e.Insp.Prec < best.Insp.Prec {
			best.Insp, best.InspRel = e.Insp, e.InspRel
		}
	}
	// Merge the parts of the same inspection found in other sentences.
	for _, e := range evs {
		if best.Insp.IsZero() && !e.Insp.IsZero() && best.latest()-e.Insp.Day >= 0 && best.latest()-e.Insp.Day <= reportWindow {
			best.Insp, best.InspRel = e.Insp, e.InspRel
			best.Rel = best.Rel || e.Rel
		}
		if best.Pub.IsZero() && !e.Pub.IsZero() && e.Pub.Day-best.latest() >= 0 && e.Pub.Day-best.latest() <= reportWindow {
			best.Pub = e.Pub
			best.Rel = best.Rel || e.Rel
		}
	}
	return best, true
}

// previous is the council's inspection before the current one: the latest
// the article looks back to, else the latest before the current one.
func (d *document) previous(council string) (event, bool) {
	var best event
	found := false
	for _, e := range d.events[council] {
		if e.Previous && (!found || e.latest() > best.latest()) {
			best, found = e, true
		}
	}
	if found {
		return best, true
	}
	cur, ok := d.current(council, 0)
	if !ok {
		return cur, false
	}
	// Events within the report window of the current one are the same
	// inspection.
	return d.current(council, cur.latest()-reportWindow)
}

// gradeDate is the date a grade from event e takes (spec v3: a grade is
// dated by its inspection): the inspection's day or month; else the date
// the article gives the judgement; else the report's publication (a grade
// dated a few weeks late, as the contract allows when that is all the
// source gives). rel says the date rests on the document's own date.
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
// else its report. (A date the article gives only a grade does not date
// figures.)
func figureDate(e event) (dates.Date, bool) {
	switch {
	case !e.Insp.IsZero():
		return e.Insp, true
	case !e.Pub.IsZero():
		return e.Pub, true
	}
	return dates.Date{}, false
}

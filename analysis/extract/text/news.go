package text

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/extract/themes"
)

// news extracts from an article (or another prose document): grades,
// visits, recommendation counts, workforce figures and named strengths and
// weaknesses, sentence by sentence.
func (d *document) news() []evidence.Candidate {
	d.buildSents()
	d.collectEvents()
	d.collectVisits()
	d.census = d.censusDay()
	d.docScope = d.foiScope()
	d.foi = d.isFOI()
	var out []evidence.Candidate
	list := secNone // the kind of list the bullets that follow are items of
	var listed *para
	// areaList is the grade an introduction gives the areas its bullets
	// name ("Areas judged 'Requires improvement to be good' were
	// these:"), with its council and date.
	var areaList *evidence.Candidate
	for i := range d.sents {
		s := &d.sents[i]
		anch := anchors(s)
		gs := d.grades(s, anch)
		if !s.P.Bullet {
			areaList = nil
			if len(gs) == 1 && gs[0].Area == "overall" && reAreaListIntro.MatchString(s.Text) {
				c := gs[0]
				areaList, gs = &c, nil
			}
		} else if areaList != nil {
			if area, ok := bulletArea(s.P.Text); ok && len(gs) == 0 && listed != s.P {
				c := *areaList
				c.Area = area
				c.Page, c.Quote = s.P.where(), quote(s.P.Text, 0, len(s.P.Text))
				if c.Note != "" {
					c.Note += "; the area is an item of the list the grade introduces"
				}
				out = append(out, c)
				listed = s.P
				continue
			}
		}
		out = append(out, gs...)
		out = append(out, d.visits(s, anch)...)
		out = append(out, d.pluralVisits(s, anch)...)
		out = append(out, d.recommendations(s)...)
		out = append(out, d.figures(s, anch)...)
		switch {
		case s.P.Bullet && list != secNone:
			// "Inspectors listed six things to improve:" and
			// its bullets: each item is one weakness.
			if listed != s.P {
				listed = s.P
				item := *s
				item.Text = s.P.Text
				for _, c := range d.listThemes(&item, list) {
					c.Confidence = 0.5 * s.How.factor()
					if date, how, ok := d.themeDate(s, c.Council); ok && c.Council != "" {
						c.Date = date.String()
						c.Note += "; dated by " + how
					} else if c.Review == "" {
						c.Review = "the text gives no date for this " + c.Polarity
					}
					out = append(out, c)
				}
			}
			continue
		case !s.P.Bullet:
			list = secNone
			if strings.HasSuffix(s.Text, ":") {
				switch {
				case reWeakIntro.MatchString(s.Text):
					list = secWeak
				case reStrongIntro.MatchString(s.Text):
					list = secStrong
				}
			}
		}
		out = append(out, d.newsThemes(s)...)
	}
	out = append(out, d.tableRows()...)
	out = append(out, d.labelLines()...)
	out = append(out, d.councilLines()...)
	out = append(out, d.foiAnswers()...)
	return out
}

// reCensusDay is official statistics' reference day: "at 30 September
// 2017", "as of 30 September 2019", "on 30 September 2019".
var (
	reCensusLead = regexp.MustCompile(`(?i)\b(?:at|on|as\s+of|as\s+at)\s+$`)
	reAsAt       = regexp.MustCompile(`(?i)\bas\s+(?:at|of)\s+$`)
	reStatsWords = regexp.MustCompile(`(?i)\b(?:statistics|census|figures|data|workforce|caseloads?|vacanc(?:y|ies)|agency|turnover|social\s+workers)\b`)
)

// censusDay is the one day the article gives as its statistics' reference
// day, if it gives exactly one. A day given in a sentence about the
// workforce ("cases held by social workers at 30 September 2018") is the
// workforce statistics' even when the article gives another statistic's
// day ("children in need as of 31 March 2018"); else the one day of any
// statistics.
func (d *document) censusDay() dates.Date {
	var workforce, any dates.Date
	manyW, manyA := false, false
	for i := range d.sents {
		s := &d.sents[i]
		for _, w := range s.Whens {
			if !w.OK || w.Future || w.Date.Prec != dates.PrecDay || !reCensusLead.MatchString(s.Text[:w.Start]) {
				continue
			}
			if !reStatsWords.MatchString(s.Text) && !reAsAt.MatchString(s.Text[:w.Start]) {
				continue
			}
			if !any.IsZero() && any != w.Date {
				manyA = true
			}
			any = w.Date
			if reWorkforceWords.MatchString(s.Text) {
				if !workforce.IsZero() && workforce != w.Date {
					manyW = true
				}
				workforce = w.Date
			}
		}
	}
	switch {
	case !workforce.IsZero() && !manyW:
		return workforce
	case !manyA && workforce.IsZero():
		return any
	}
	return dates.Date{}
}

// reWorkforceWords: a sentence about the social work workforce's
// statistics, not others (children in need, spending).
var reWorkforceWords = regexp.MustCompile(`(?i)\b(?:workforce|caseloads?|vacanc(?:y|ies)|agency|turnover|social\s+workers)\b`)

var reSocialWorkersAfter = regexp.MustCompile(`(?i)^\s*(?:and\s+\w+\s+)?social\s+workers?\b`)

// reFOI marks a freedom-of-information answer.
var reFOI = regexp.MustCompile(`(?i)\bfreedom\s+of\s+information\b|\bFOI(?:\b|\d)|^(?:request|response|answer)\b`)

// foiScope is the team an FOI answer is about, when its title names one
// with its social workers ("Child protection social workers in post
// on 1 March 2025").
func (d *document) foiScope() string {
	if !d.isFOI() {
		return ""
	}
	heads := []string{d.title}
	if len(d.lines) > 0 {
		heads = append(heads, d.lines[0])
	}
	for _, head := range heads {
		for _, h := range findPhrases(head, scopes, nil) {
			if reSocialWorkersAfter.MatchString(head[h.end:]) {
				return h.name
			}
		}
	}
	return ""
}

// isFOI says the document is a freedom-of-information answer: its first
// lines say so, or its address is a council's information-request page.
func (d *document) isFOI() bool {
	if d.addrHost && reFOIAddress.MatchString(d.source) {
		return true
	}
	for i, l := range d.lines {
		if i > 60 {
			break
		}
		if reFOI.MatchString(l) {
			return true
		}
	}
	return false
}

// reFOIAddress: an address a council files its information-request
// answers under.
var reFOIAddress = regexp.MustCompile(`(?i)/(?:[\w-]*information[_-]requests?|foi[\w-]*|freedom-of-information[\w-]*|disclosure-?logs?)/`)

// reAreaListIntro: a sentence giving a grade to the areas listed after it.
var reAreaListIntro = regexp.MustCompile(`(?i)\b(?:areas?|judge?ments?|domains?|following)\b[^:]*:\s*$`)

// bulletArea is the judgement area a list item names, when it names one
// and little else ("The impact of leaders on social work practice with
// children and families.", "Overall effectiveness.").
func bulletArea(t string) (string, bool) {
	hits := findPhrases(t, areaPhrases, nil)
	if len(hits) != 1 {
		return "", false
	}
	rest := strings.Trim(t[:hits[0].start]+" "+t[hits[0].end:], " .;:")
	if !reAreaFiller.MatchString(rest) && len(strings.Fields(rest)) > 2 {
		return "", false
	}
	return hits[0].name, true
}

var (
	reWeakIntro   = regexp.MustCompile(`(?i)\b(?:needed\s+to\s+(?:be\s+)?improv\w*|needs?\s+to\s+improve|areas?\s+for\s+(?:improvement|development|priority\s+action)|recommendations?|weaknesses|concerns|shortcomings|failings|must\s+(?:improve|address))\b[^:]*:\s*$`)
	reStrongIntro = regexp.MustCompile(`(?i)\b(?:strengths|praised|positives|working\s+well|good\s+practice)\b[^:]*:\s*$`)
)

var (
	reFutureVisit = regexp.MustCompile(`(?i)\b(?:due|will|next|planned|scheduled|expected|upcoming|forthcoming|one\s+more|further|prepar(?:e|es|ed|ing)\s+for|ready\s+for|await(?:s|ing|ed)?)\b[^.;]{0,40}$`)
	// "... is planned for March", "... will take place in May"
	reFutureAfter = regexp.MustCompile(`(?i)^[^.;]{0,80}?\b(?:(?:is|are)\s+(?:planned|scheduled|due|expected)|will\s+(?:take\s+place|be\s+held|happen|follow)|is\s+to\s+take\s+place)\b`)
	rePluralVisit = regexp.MustCompile(`(?i)^s\b`)
)

// visitDates are the dates the article gives each council's visits, by
// kind, so that a later mention without a date ("its sixth monitoring
// visit") takes the date of the one already dated.
func (d *document) collectVisits() {
	d.visitDates, d.visitUndated = map[string][]dates.Date{}, map[string]bool{}
	for i := range d.sents {
		s := &d.sents[i]
		for _, a := range anchors(s) {
			if a.Kind != anVisit || !d.realVisit(s, a) {
				continue
			}
			c, _, _ := s.councilFor(a.Start)
			if c == "" {
				continue
			}
			k := c + "\x1f" + a.Visit
			if a.When == nil || !a.When.OK || clauseDated(s, a) {
				d.visitUndated[k] = true
				continue
			}
			w := a.When
			if releaseDated(s, a) {
				// The letter's day, not the visit's; a date right after a
				// visit named after its letter's day is the visit's.
				if w = releaseOwnDate(s, a); w == nil {
					continue
				}
			}
			if w := rangeStart(s, w); !containsDate(d.visitDates[k], w.Date) {
				d.visitDates[k] = append(d.visitDates[k], w.Date)
			}
		}
	}
}

// finerWithin says ds holds a date more precise than x within x's period
// (a day of x's month or year, a month of x's year).
func finerWithin(ds []dates.Date, x dates.Date) bool {
	for _, d := range ds {
		if d.Prec < x.Prec && coarsen(d, x.Prec) == x {
			return true
		}
	}
	return false
}

func containsDate(ds []dates.Date, x dates.Date) bool {
	for _, d := range ds {
		if d == x {
			return true
		}
	}
	return false
}

// reFurtherOnly: the only future word before the visit is "further".
var reFurtherOnly = regexp.MustCompile(`(?i)\bfurther\b[^.;]{0,40}$`)

// realVisit rejects a visit that is planned, general ("monitoring
// visits"), or to another provider (a children's home).
func (d *document) realVisit(s *sent, a anchor) bool {
	t := s.Text
	if rePluralVisit.MatchString(t[a.End:]) {
		return false
	}
	// "a further" visit dated a year before the story's own date: a
	// past date makes "further" one more visit that happened.
	past := a.When != nil && a.When.OK && !a.When.Future && !d.date.IsZero() && a.When.Date.End() < d.date.Day
	if reFutureVisit.MatchString(t[:a.Start]) && !(past && reFurtherOnly.MatchString(t[:a.Start])) || reFutureAfter.MatchString(t[a.End:]) || (a.When != nil && a.When.Future) {
		return false
	}
	if reOtherProvider.MatchString(t[max(0, a.Start-50):min(len(t), a.End+50)]) {
		return false
	}
	// "an internal 'mock' focused visit": the council's rehearsal.
	if reMockVisit.MatchString(t[max(0, a.Start-40):a.Start]) {
		return false
	}
	return true
}

// reMockVisit: words before a visit that make it a rehearsal or a peer's,
// not Ofsted's.
var reMockVisit = regexp.MustCompile(`(?i)\b(?:mock|internal|practice|rehearsal|dummy|pretend|peer|self-assessed|dry[- ]run)\b[’'"”]?\s*(?:[\w'’-]+\s+){0,2}$`)

// visits turns the visits a sentence reports into candidates, dated by
// the date given with them, else by the date the article gives the same
// council's visit of that kind elsewhere, else by the year of the article
// (news of a visit follows it; its day and month are not given).
// reRangeAnd and reRangeFrom: "between DATE and DATE", "from DATE to
// DATE", each date written in full.
var (
	reRangeAnd  = regexp.MustCompile(`(?i)^\s*(?:and|to|until|-|–)\s*$`)
	reRangeFrom = regexp.MustCompile(`(?i)\b(?:between|from)\s*$`)
)

// rangeStart is the first date of a range written as two full dates
// (a weekday and full date, "and", another weekday and full date) when
// w is its second, else w: a visit is dated by its first day.
func rangeStart(s *sent, w *when) *when {
	for i := range s.Whens {
		p := &s.Whens[i]
		if p.End > w.Start || !p.OK || p.Date.Prec != dates.PrecDay {
			continue
		}
		gap := reWeekday.ReplaceAllString(s.Text[p.End:w.Start], "")
		gap = strings.Trim(gap, " ,")
		before := reWeekday.ReplaceAllString(s.Text[max(0, p.Start-20):p.Start], "")
		if reRangeAnd.MatchString(gap) && reRangeFrom.MatchString(strings.TrimRight(before, " ,")) && p.Date.Day <= w.Date.Day {
			return p
		}
	}
	return w
}

// reRelativeBetween: a relative clause between a visit and a date, not
// one saying when the visit took place ("..., which took place in May").
var reRelativeBetween = regexp.MustCompile(`(?i),\s*(?:which|who|whose|where)\b(?:[^,]*\b(?:received|rated|judged|graded|was\s+given|had\s+been|has\s+been)\b)`)

// afterVisit says the anchors gave the visit a date after it, and the
// words between match re.
func afterVisit(s *sent, a anchor, re *regexp.Regexp) bool {
	return a.When != nil && a.When.OK && a.When.Start > a.End && re.MatchString(s.Text[a.End:a.When.Start])
}

// releaseDated: the visit's date is its letter's or report's release:
// the words between the visit and a date after it, or before the visit,
// say so ("the findings of a visit published on 3 May"), or the words
// right before a date before the visit do ("The letter, published on 10
// May, followed a focused visit").
func releaseDated(s *sent, a anchor) bool {
	switch {
	case a.When == nil || !a.When.OK:
		return false
	case a.When.End <= a.Start:
		return reReleasedOn.MatchString(s.Text[:a.When.Start])
	case a.When.Start <= a.End:
		return false
	}
	return reReleaseBetween.MatchString(s.Text[a.End:a.When.Start]) || reReleaseBefore.MatchString(s.Text[:a.Start])
}

// reReleasedOn: a date is a letter's or report's by the words right
// before it ("published on", "issued").
var reReleasedOn = regexp.MustCompile(`(?i)\b(?:released|published|issued|sent)\s+(?:on\s+)?$`)

// releaseOwnDate is the date of a visit named after its letter's day: a
// date written right after the visit's words ("... followed a focused
// visit on 2 and 3 April"); nil when the letter's day follows the visit.
func releaseOwnDate(s *sent, a anchor) *when {
	if a.When.End > a.Start {
		return nil
	}
	return visitOwnDate(s, a)
}

// clauseDated: the visit's date is a relative clause's about a grade.
func clauseDated(s *sent, a anchor) bool { return afterVisit(s, a, reRelativeBetween) }

// reReleaseBefore and reReleaseBetween: the date is a letter's or
// report's release (the findings of a visit "published" on a day, a
// visit's letter "issued" today).
var (
	reReleaseBefore  = regexp.MustCompile(`(?i)\b(?:released|published|issued)\s+(?:the\s+)?(?:results|findings|outcome|letter|report)\b[^.;]{0,40}$`)
	reReleaseBetween = regexp.MustCompile(`(?i)\b(?:released|published|issued)\b`)
)

// laterEventDated: the visit's date comes before its words, across
// "after" or "following": the date is of what followed the visit.
// A date heading an entry ("February 2019: after a focused visit, ...")
// is the entry's, the visit's.
func laterEventDated(s *sent, a anchor) bool {
	if a.When == nil || !a.When.OK || a.When.End > a.Start {
		return false
	}
	btw := s.Text[a.When.End:a.Start]
	return reAfterBetween.MatchString(btw) && !strings.HasPrefix(strings.TrimSpace(btw), ":")
}

var reAfterBetween = regexp.MustCompile(`(?i)\b(?:after|following)\b`)

// reOwnDate is what may stand between a visit's words and its own date
// ("the visit to the county in May 2021"): no clause break, no verb
// of another event.
var reOwnDate = regexp.MustCompile(`(?i)^[^,;:()]{0,50}\b(?:in|on|between|during)\s+$`)

// visitOwnDate is a date written right after the visit's words.
func visitOwnDate(s *sent, a anchor) *when {
	for i := range s.Whens {
		w := &s.Whens[i]
		if w.Start < a.End || !w.OK || w.Future {
			continue
		}
		if reOwnDate.MatchString(s.Text[a.End:w.Start]) && !reReleaseBetween.MatchString(s.Text[a.End:w.Start]) {
			return w
		}
		return nil
	}
	return nil
}

// reMeetingBetween: another event named between a visit and a date.
var reMeetingBetween = regexp.MustCompile(`(?i)\b(?:at|during|in)\s+(?:the|their|its|a)\s+(?:\w+\s+)?(?:meeting|session|debate)\b`)

// reOrdinalBefore names a visit by its place after the first.
var reOrdinalBefore = regexp.MustCompile(`(?i)\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|2nd|3rd|4th|5th|6th|7th|8th)\s+$`)

// reHeadOn is what may come before days heading a sentence.
var reHeadOn = regexp.MustCompile(`(?i)^\s*(?:on|between|from)?\s*(?:(?:mon|tues|wednes|thurs|fri)day\s+)?$`)

// headDays is the days at the head of the sentence, before the visit is
// named, with no other date between: the visit's days.
func headDays(s *sent, a anchor) *when {
	for i := range s.Whens {
		w := &s.Whens[i]
		if w.Start >= a.Start {
			break
		}
		if i > 0 || !w.OK || w.Future || w.Relative || w.Date.Prec != dates.PrecDay || !reHeadOn.MatchString(s.Text[:w.Start]) {
			return nil
		}
		return w
	}
	return nil
}

func (d *document) visits(s *sent, anch []anchor) []evidence.Candidate {
	var out []evidence.Candidate
	for _, a := range anch {
		if a.Kind != anVisit || !d.realVisit(s, a) {
			continue
		}
		var c evidence.Candidate
		var cb councilBasis
		var ok bool
		if to := visitedCouncil(s, a); to != "" {
			c, cb, ok = d.listedCand(s, "visit", a.Visit, a.Start, a.End, 0.9, "Ofsted visit reported", to)
		} else {
			c, ok = d.startCand(s, "visit", a.Visit, a.Start, a.End, 0.9, "Ofsted visit reported")
			_, how, _ := s.councilFor(a.Start)
			cb = basisOf(s, how, a.Start)
		}
		if !ok {
			out = append(out, c)
			continue
		}
		conf := c.Confidence
		own := visitOwnDate(s, a) // a date written right after the visit's words
		hold := func(why string) { c.Review, c.Note = why, a.Visit+" visit; "+why }
		switch known := d.visitDates[c.Council+"\x1f"+a.Visit]; {
		case releaseDated(s, a):
			// (the findings of a visit published on a given day; "The
			// letter, published on 10 May, followed a focused visit on 2
			// and 3 April"): the letter's day; the visit takes a date
			// written right after its own words, else the one the article
			// dates elsewhere, if it does.
			if w := releaseOwnDate(s, a); w != nil {
				c.Date = w.Date.String()
				c.Note = a.Visit + " visit dated by the words right after it (\"" + w.Text + "\"), not by its letter's day (\"" + a.When.Text + "\")"
				break
			}
			where := "with"
			if a.When.End <= a.Start {
				where = "before"
			}
			switch {
			case len(known) == 1:
				c.Date = known[0].String()
				c.Note = a.Visit + " visit dated by the article's other mention of it (\"" + a.When.Text + "\" is its letter's day)"
				conf *= 0.95
			case len(known) == 0 || where == "before":
				hold("the date given " + where + " the visit is its letter's or report's (\"" + a.When.Text + "\"); the text gives none for the visit")
			default:
				continue
			}
		case afterVisit(s, a, reMeetingBetween):
			// (a committee talking over a visit at its meeting on a
			// given day): the meeting's date.
			hold("the date given near the visit is another event's (\"" + a.When.Text + "\"); the text gives none for the visit")
		case clauseDated(s, a):
			// (a visit, then ", which" the council was given a grade in
			// some year): the date is the clause's.
			hold("the date given near the visit is another clause's (\"" + a.When.Text + "\"); the text gives none for the visit")
		case a.When != nil && a.When.OK && finerWithin(known, a.When.Date):
			// "the monitoring visit in February 2025" in an agenda's
			// heading, "took place on 18 and 19 February 2025" in the
			// minutes: the same visit; the mention giving its days is
			// the finding.
			continue
		case laterEventDated(s, a):
			// "a notice was issued in December 2019 after the letter on
			// the visit in October 2019": the date before the visit is a
			// later event's; the visit takes a date written right after
			// its own words, or none.
			if own != nil {
				c.Date = own.Date.String()
				c.Note = a.Visit + " visit dated by the words right after it (\"" + own.Text + "\"), not by the later event's (\"" + a.When.Text + "\")"
				break
			}
			hold("the date given before the visit is a later event's (\"" + a.When.Text + "\"); the text gives none for the visit")
		case listItemDated(s, a) && own != nil:
			// "a focused visit to A in November and a monitoring visit
			// to B in May": the item's own date follows its words.
			c.Date = own.Date.String()
			c.Note = a.Visit + " visit dated by the words right after it (\"" + own.Text + "\"), not by the list's item before it (\"" + a.When.Text + "\")"
		case listItemDated(s, a):
			// "the service was inspected in July 2021, an adviser came
			// in May 2023 and the latest JTAI looked at ...": the date
			// closes the list's item before the visit.
			hold("the date given before the visit is the previous item's of a list (\"" + a.When.Text + "\"); the text gives none for the visit")
		case a.When != nil && a.When.OK && periodBound(s, a):
			// "their second visit since December 2023": the date bounds
			// a period the visit falls in; it is not the visit's.
			hold("the date given with the visit bounds a period (\"" + strings.TrimSpace(rePeriodBound.FindString(s.Text[:a.When.Start])) + " " + a.When.Text + "\"); it is not the visit's")
		case a.When != nil && a.When.OK:
			w := rangeStart(s, a.When)
			c.Date = w.Date.String()
			c.Note = a.Visit + " visit dated by the words given with it (\"" + w.Text + "\")"
			if a.When.Relative {
				conf *= d.relFactor()
			}
		case a.When != nil && !a.When.OK:
			hold(a.When.Why)
		case a.When == nil && nextItemTook(s, anch, own):
			// "a focused visit to A in November and a monitoring visit to
			// B in May": the nearer next visit took "November", which
			// closes this visit's own item.
			c.Date = own.Date.String()
			c.Note = a.Visit + " visit dated by the words right after it (\"" + own.Text + "\")"

		case headDays(s, a) != nil:
			// "On 26 and 27 March 2025 the council welcomed inspectors for
			// its second monitoring visit": days heading the sentence are
			// the visit's, whatever other visit the article dates.
			w := headDays(s, a)
			c.Date = w.Date.String()
			c.Note = a.Visit + " visit dated by the days heading its sentence (\"" + w.Text + "\")"
		case len(known) > 1:
			// One of the visits the article dates elsewhere: those
			// mentions are its findings.
			continue
		case len(known) == 1 && !reOrdinalBefore.MatchString(s.Text[max(0, a.Start-25):a.Start]):
			// ("the fourth monitoring visit" is not the one the article
			// dates elsewhere, perhaps the first.)
			c.Date = known[0].String()
			c.Note = a.Visit + " visit dated by the article's other mention of it"
			conf *= 0.95
		case soleDate(s, anch) != nil:
			w := soleDate(s, anch)
			c.Date = w.Date.String()
			c.Note = a.Visit + " visit dated by the one date its sentence gives (\"" + w.Text + "\")"
			conf *= 0.95
			if w.Relative {
				conf *= d.relFactor()
			}
		case d.docVisitKind() == a.Visit && d.visitReport(c.Council) != nil:
			pub := d.visitReport(c.Council)
			c.Date = coarsen(*pub, dates.PrecMonth).String()
			c.Note = a.Visit + " visit dated by the month of its report, which the article is news of"
			conf *= 0.9
		case !d.date.IsZero() && !januaryOrCoarse(d.date) && reLookedBackVisit.MatchString(s.Text[max(0, a.Start-60):a.Start]):
			// "since our last monitoring visit", "a recent monitoring
			// visit": a visit before the news, perhaps the year before.
			c.Review = "the visit is named as an earlier or recent one and the text gives no date for it"
			c.Note = a.Visit + " visit named as an earlier one, without a date"
		case !d.date.IsZero() && !januaryOrCoarse(d.date) && d.earlierInYear():
			c.Date = coarsen(d.date, dates.PrecYear).String()
			c.Note = a.Visit + " visit reported without a date; the year of the article, which followed it and dates an earlier event that year"
			conf *= 0.85 * d.relFactor()
		case futureWhen(s) != nil:
			// "was moved to 20 and 21 August": the sentence
			// dates a plan, not a visit that took place.
			c.Review = "the sentence dates the visit only as planned or moved (\"" + futureWhen(s).Text + "\"); it does not say the visit took place"
			c.Note = a.Visit + " visit planned"
		default:
			c.Review = "the text gives no date for the visit"
			c.Note = a.Visit + " visit reported without a date"
		}
		c.Confidence = conf
		if c.Review == "" {
			c.Hold(d.councilDoubt(c.Council, cb, s))
		}
		if c.Review == "" && d.kind == KindOther && strings.Count(c.Date, "-") == 0 {
			// Minutes and reports give a visit's days or month; a year
			// alone is a heading's or another event's.
			c.Hold("a council paper dates the visit by a year only")
		}
		out = append(out, c)
	}
	return out
}

// nextItemTook says the date written right after a visit's words (own)
// is one the next visit of a list took as its own ("a focused visit to A
// in November and a monitoring visit ...", where "November" is nearer
// the second visit): that date closes the first visit's item, and is its.
func nextItemTook(s *sent, anch []anchor, own *when) bool {
	if own == nil {
		return false
	}
	for _, b := range anch {
		if b.Kind == anVisit && b.Start >= own.End && b.When == own {
			return listItemDated(s, b)
		}
	}
	return false
}

// reVisitTo joins a visit's words to the council visited ("a focused
// visit to Barnsley", "monitoring visit of the").
var reVisitTo = regexp.MustCompile(`(?i)^\s+(?:to|of|at|in)\s+(?:the\s+)?$`)

// visitedCouncil is the council named right after the visit's words in a
// sentence naming several ("a focused visit to Barnsley in November and a
// monitoring visit to Bradford in May"): the visit is that council's,
// whichever council the sentence names before it. "" otherwise.
func visitedCouncil(s *sent, a anchor) string {
	if s.How != councilSeveral {
		return ""
	}
	for _, m := range s.Mentions {
		if m.Start >= a.End {
			if reVisitTo.MatchString(s.Text[a.End:m.Start]) {
				return m.Council
			}
			return ""
		}
	}
	return ""
}

// rePeriodBound is a word right before a date that makes it a bound of a
// period ("since December 2023", "until March"), not an event's date.
var rePeriodBound = regexp.MustCompile(`(?i)\b(?:since|until|till|up\s+to|prior\s+to)\s+(?:the\s+(?:start|end)\s+of\s+)?$|\bsince\s+the\s+[^,.;]{0,80}?\s+(?:on|in)\s+$`)

// periodBound says the date given with the visit bounds a period: a
// "since" or "until" before it, the visit not inside the phrase ("their
// second visit since December 2023", "the first visit since the
// inspection in March"). "since its previous monitoring visit in May
// 2023" names the visit it dates: the period runs from it. A bare
// "visit" there ("since their last visit in 2019, with the council
// judged good then") is as often the last full inspection: still a bound.
func periodBound(s *sent, a anchor) bool {
	loc := rePeriodBound.FindStringIndex(s.Text[:a.When.Start])
	return loc != nil && (a.Start <= loc[0] || a.Back)
}

// listItemDated says the visit's date comes right before its words with
// only a list's "and" (or comma) between: the date ends the item before.
func listItemDated(s *sent, a anchor) bool {
	return a.When != nil && a.When.End <= a.Start && reListItemGap.MatchString(s.Text[a.When.End:a.Start])
}

var reListItemGap = regexp.MustCompile(`(?i)^\s*(?:,\s*and|,|and)\s+(?:(?:the|a|an|its|their)\s+)?(?:(?:recent|latest|most\s+recent|new|subsequent|later)\s+)?$`)

// futureWhen is the first date in s that is a plan's, nil when none is.
func futureWhen(s *sent) *when {
	for i := range s.Whens {
		if s.Whens[i].Future {
			return &s.Whens[i]
		}
	}
	return nil
}

// reLookedBackVisit: words before a visit that place it before the news
// ("since our last", "a recent", "the previous").
var reLookedBackVisit = regexp.MustCompile(`(?i)\b(?:recent|recently|latest|last|previous|prior|earlier|since)\b[^.;:]{0,30}$`)

// soleDate is the one date a sentence gives when nothing else in it is
// dated ("warned in April 2018 that caseloads were too high, following a
// focused visit"); nil otherwise.
func soleDate(s *sent, anch []anchor) *when {
	var only *when
	for i := range s.Whens {
		w := &s.Whens[i]
		if !w.OK || w.Future || reBaseline.MatchString(s.Text[:w.Start]) || rePeriodBound.MatchString(s.Text[:w.Start]) {
			continue
		}
		if only != nil {
			return nil
		}
		only = w
	}
	if only == nil {
		return nil
	}
	for _, a := range anch {
		if a.Kind != anVisit && a.When == only {
			return nil
		}
	}
	return only
}

// visitReport is the publication date of the report an article about a
// visit reports ("the report published this month"), when it dates one.
func (d *document) visitReport(council string) *dates.Date {
	for _, e := range d.events[council] {
		if !e.Pub.IsZero() && e.Insp.IsZero() && !e.Previous {
			p := e.Pub
			return &p
		}
	}
	return nil
}

// januaryOrCoarse is a document date whose year a recent event may not
// share: January, or a year only.
func januaryOrCoarse(d dates.Date) bool {
	_, m, _ := d.Day.YMD()
	return d.Prec == dates.PrecYear || m == 1
}

var (
	reRecs          = regexp.MustCompile(`(?i)\b` + qualRE + numRE + `\s+(?:key\s+|main\s+|specific\s+|further\s+|new\s+|separate\s+)?(?:recommendations|areas?\s+(?:for|of)\s+(?:improvement|development)|areas?\s+(?:that\s+|which\s+)?(?:needed|need|needing|needs|required|require)\s+(?:to\s+be\s+|urgent\s+)?improv\w*|areas?\s+(?:to|requiring)\s+improve\w*|(?:things|ways)\s+(?:that\s+)?(?:it\s+)?(?:needed|needs|need)\s+to\s+improve)\b`)
	reOfstedContext = regexp.MustCompile(`(?i)\bofsted\b|\binspect\w*|\bthe\s+report\b`)
)

// recommendations reads "Ofsted's 10 recommendations" and "eight areas
// needed to be improved" (an Ofsted report's list), dated as the council's
// latest inspection's grade is.
func (d *document) recommendations(s *sent) []evidence.Candidate {
	var out []evidence.Candidate
	if !reOfstedContext.MatchString(s.Text) {
		return nil
	}
	if contentsList(s.Text) {
		return nil
	}
	for _, loc := range reRecs.FindAllStringSubmatchIndex(s.Text, -1) {
		n, ok := number(s.Text[loc[4]:loc[5]])
		if !ok || n != float64(int(n)) || n > 60 {
			continue
		}
		q := ""
		if loc[2] >= 0 {
			q = qualifier(s.Text[loc[2]:loc[3]])
		}
		c, ok := d.startCand(s, "recommendations", formatNum(n), loc[0], loc[1], 0.85, "recommendation count")
		if q == "about" && strings.EqualFold(strings.TrimSpace(s.Text[loc[2]:loc[3]]), "some") && !roundNumber(s.Text[loc[4]:loc[5]]) {
			q = ""
		}
		if q != "" && q != "exact" {
			// "some ten recommendations": the count with its qualifier.
			c.Qualifier = q
		}
		if !ok {
			out = append(out, c)
			continue
		}
		_, how, _ := s.councilFor(loc[0])
		cb := basisOf(s, how, loc[0])
		conf := c.Confidence
		e, ok := d.current(c.Council, 0)
		date, how2, rel, ok2 := d.gradeDate(e)
		if !ok || !ok2 {
			c.Confidence, c.Review = conf, "the text gives no date for the report these recommendations are in"
			c.Note = "recommendation count of an undated report"
			out = append(out, c)
			continue
		}
		if rel {
			conf *= d.relFactor()
		}
		c.Date, c.Confidence = date.String(), conf
		c.Note = "number of recommendations in the report, dated by " + how2
		doubt := d.councilDoubt(c.Council, cb, s)
		if doubt == "" && !d.oneCurrent(c.Council, "") {
			doubt = "the article dates more than one inspection of the council; the count's sentence does not say which report it is from"
		}
		if doubt == "" && !reRecsWord.MatchString(s.Text[loc[0]:loc[1]]) && reOtherList.MatchString(s.Text) {
			// "areas for improvement" an action plan identifies, or a
			// visit's letter lists, are not a report's recommendations.
			doubt = "the areas for improvement counted are named beside \"" + reOtherList.FindString(s.Text) + "\": they may be its list, not an inspection report's recommendations"
		}
		c.Hold(doubt)
		out = append(out, c)
	}
	return out
}

// reRecsWord is Ofsted's own word for what the measure counts; reOtherList
// names a list that is not a report's.
var (
	reRecsWord  = regexp.MustCompile(`(?i)\brecommendations\b`)
	reOtherList = regexp.MustCompile(`(?i)\b(?:(?:action|improvement)\s+)?plan\b|\b(?:focused|monitoring)\s+visit\b|\bvisit\b`)
)

// reContentsEntry is a contents page's entry: a heading and its page
// number ("Recommendations 3 Areas for improvement 4 Summary 5").
var reContentsEntry = regexp.MustCompile(`[A-Za-z’')?]\s+\d{1,3}\s+[A-Z]`)

// contentsList: text that is a report's contents, whose numbers are pages.
func contentsList(t string) bool {
	return len(reContentsEntry.FindAllStringIndex(t, -1)) >= 3
}

// Polarity cues: words that praise and words that criticise.
var (
	rePositive = regexp.MustCompile(`(?i)\b(?:strong(?:er)?|strength(?:s|ened)?|effective(?:ly)?|good|well|timely|thorough|improv(?:ed|ing|ement|ements)|robust|clear|embedded|appropriate(?:ly)?|manageable|supportive|skil(?:l)?ful|positive|praised?|prompt(?:ly)?|swift(?:ly)?|quickly|better|noteworthy|success(?:ful)?|confident|knowledg(?:e)?able|high[- ]quality|sound|stable|stabilise|consistent(?:ly)?|benefit(?:ed|s)?|innovative|committed|dedicated|diligent|tenacious|renewed|reliable|enjoy|promise|progress|encouraged|rapid|accelerat\w+|decisive|rigorous|discernible|visible|integrated|fuller|fewer\s+changes|increased\s+awareness|singled\s+out)\b`)
	reNegative = regexp.MustCompile(`(?i)\b(?:not|no|insufficient(?:ly)?|inconsistent|inconsistencies|variable|weak(?:ness|nesses)?|poor|concerns?|delays?|delayed|drift|too\s+long|too\s+high|much\s+too|lack(?:s|ed|ing)?|limited|shortcomings?|fail(?:ed|ing|ings|ure)?|inadequate|unclear|deficits?|ineffective|over-optimistic|perfunctory|unaware|unable|unsustainable|excessive|instability|challenges?|uneven|patchy|needs?\s+to\s+improve|needed\s+to\s+(?:be\s+)?improv\w*|scathing|criticis\w+|serious|undercut|hard|difficult|reliance|unhappy|neglectful|blamed|worse|deteriorated|waiting|waited|scarce|gaps?|high\s+(?:staff\s+)?vacancies|high\s+caseloads|significant\s+increase|underdeveloped|left)\b`)
	// Hedged criticism outweighs the praise word it contains ("could be
	// more consistent").
	reSince          = regexp.MustCompile(`(?i)\bsince\s+(?:the\s+)?$`)
	reStrongNegative = regexp.MustCompile(`(?i)\bwill\s+require\b|\brequires?\s+(?:further|more|consistent|improvement)\b|\b(?:could|should|would)\s+be\s+(?:more|better)\b|\bnot\s+(?:always|consistently|sufficiently|yet|routinely|all)\b|\bneeds?\s+to\s+(?:improve|be\s+improved)\b|\bneeded\s+to\s+(?:be\s+)?improv\w*|\bmore\s+variable\b`)
	reClauseSplit    = regexp.MustCompile(`(?i),?\s+\b(?:although|but|whereas|though)\b\s+|;\s*(?:however,?\s*)?|,\s+however,?\s+|,\s+while\s+`)
)

// polarity scores a clause: positive above zero, negative below.
func polarity(t string) int {
	return len(rePositive.FindAllStringIndex(t, -1)) - len(reNegative.FindAllStringIndex(t, -1)) - 2*len(reStrongNegative.FindAllStringIndex(t, -1))
}

// clause is part of a sentence, split at a contrast ("although", "but").
type clause struct {
	Text       string
	Start, End int
}

func splitClauses(t string) []clause {
	var out []clause
	last := 0
	for _, loc := range reClauseSplit.FindAllStringIndex(t, -1) {
		if loc[0] > last {
			out = append(out, clause{t[last:loc[0]], last, loc[0]})
		}
		last = loc[1]
	}
	if last < len(t) {
		out = append(out, clause{t[last:], last, len(t)})
	}
	return out
}

// newsThemes proposes the strengths and weaknesses a sentence names, on the
// shared vocabulary. They are judgement calls, so they go out with a
// confidence below the findings threshold: an analyst accepts them.
func (d *document) newsThemes(s *sent) []evidence.Candidate {
	return d.themeCands(s, 0, 0.5, "")
}

// themeCands labels each clause of s; fixed is the polarity a section
// heading imposes (0: by the clause's own words); conf is the base
// confidence; review, when set, sends every theme to review.
func (d *document) themeCands(s *sent, fixed int, conf float64, review string) []evidence.Candidate {
	var out []evidence.Candidate
	var prev []themes.Match
	for _, cl := range splitClauses(s.Text) {
		pol := fixed
		if pol == 0 {
			pol = polarity(cl.Text)
		}
		if pol == 0 {
			prev = nil
			continue
		}
		ms := themes.Find(cl.Text, pol < 0, 2)
		if len(ms) == 0 {
			// "... settled in the MASH, though less consistent in the
			// assessment service": the contrast keeps the subject,
			// and a team it names is the one the whole clause is about.
			ms = nil
			for _, m := range prev {
				m.Start, m.End = len(cl.Text), len(cl.Text)
				ms = append(ms, m)
			}
		}
		// A team named as where something happens ("oversight ... in the
		// MASH") is the theme's scope, not a theme of its own.
		if len(ms) > 1 {
			var kept []themes.Match
			for _, m := range ms {
				if m.Scope != "" && reScopeLead.MatchString(cl.Text[:m.Start]) {
					continue
				}
				kept = append(kept, m)
			}
			if len(kept) > 0 {
				ms = kept
			}
		}
		prev = ms
		if len(prev) > 1 {
			prev = prev[:1]
		}
		for _, m := range ms {
			council, how, why := s.councilFor(cl.Start + m.Start)
			c := d.newCand(s, "theme", m.Label, cl.Start, cl.End)
			c.Polarity = "strength"
			if pol < 0 {
				c.Polarity = "weakness"
			}
			c.Scope = themeScope(cl.Text, m.Start, m.End)
			if c.Scope == "" {
				c.Scope = m.Scope
			}
			c.Council = council
			c.Confidence = conf * how.factor()
			c.Review = review
			if council == "" {
				c.Review = why
			} else if date, how2, ok := d.themeDate(s, council); ok {
				c.Date = date.String()
				c.Note = c.Polarity + " named in the text (" + m.Label + "), dated by " + how2
			} else {
				c.Review = "the text gives no date for this " + c.Polarity
			}
			if c.Note == "" {
				c.Note = c.Polarity + " named in the text (" + m.Label + ")"
			}
			out = append(out, c)
		}
	}
	return out
}

// themeDate dates a strength or weakness by a date in its sentence, else
// by the latest inspection or visit the article reports for the council,
// else by the document's own date.
func (d *document) themeDate(s *sent, council string) (dates.Date, string, bool) {
	if d.kind == KindLetter {
		if d.date.IsZero() {
			return dates.Date{}, "", false
		}
		return d.date, "the letter's date", true
	}
	for _, w := range s.Whens {
		// "since May 2014" starts a period; it does not date what follows.
		if w.OK && !w.Future && !reSince.MatchString(s.Text[:w.Start]) {
			return w.Date, "the date in its sentence", true
		}
	}
	var best dates.Date
	why := ""
	if e, ok := d.current(council, 0); ok {
		if date, _, _, ok := d.gradeDate(e); ok {
			best, why = date, "the inspection the article reports"
		}
	}
	for _, k := range []string{"monitoring", "focused", "jtai"} {
		key := council + "\x1f" + k
		for _, v := range d.visitDates[key] {
			if v.Day > best.Day {
				best, why = v, "the visit the article reports"
			}
		}
		if len(d.visitDates[key]) == 0 && d.visitUndated[key] && !d.date.IsZero() && !januaryOrCoarse(d.date) {
			if v := coarsen(d.date, dates.PrecYear); v.Day > best.Day {
				best, why = v, "the visit the article reports (the article's year)"
			}
		}
	}
	if !best.IsZero() {
		return best, why, true
	}
	if !d.date.IsZero() {
		return d.date, "the document's own date", true
	}
	return dates.Date{}, "", false
}

// reVisitsListHead follows plural visits with the word that introduces
// their dates ("monitoring visits in 2021 and 2022", "focused visits
// during March and October 2019"); reVisitsListGap joins the dates.
var (
	reVisitsListHead = regexp.MustCompile(`(?i)^s\s+(?:(?:were|took\s+place|carried\s+out|held|made)\s+)?(?:(?:to|at|of)\s+(?:the\s+)?` + gapCouncils + `\s+)?(?:(?:in|during|on)\s+)?$`)
	reVisitsListGap  = regexp.MustCompile(`(?i)^\s*(?:,|and|&|,\s*and)\s*(?:again\s+)?(?:(?:(?:to|at|of)\s+)?(?:the\s+)?` + gapCouncils + `\s+)?(?:in\s+|on\s+)?$`)
)

// gapCouncils is one council or several ("Bexley and Haringey") as
// councilGap writes them.
const gapCouncils = `@(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)@)*`

// councilGap is t[lo:hi] with each council named in it written "@", and
// the councils named there (none if none): "visits to Barnsley in
// November and to Slough and Bexley in December" dates one visit of each.
func councilGap(s *sent, lo, hi int) (string, []string) {
	var b strings.Builder
	var councils []string
	pos := lo
	for _, m := range s.Mentions {
		if m.Start < lo || m.End > hi {
			continue
		}
		if m.Start < pos {
			continue // a name inside the one before ("(RBKC)")
		}
		b.WriteString(s.Text[pos:m.Start])
		b.WriteString("@")
		councils, pos = appendOnce(councils, m.Council), m.End
	}
	b.WriteString(s.Text[pos:hi])
	return b.String(), councils
}

// pluralVisits reads visits dated by a list ("monitoring visits in 2021
// and 2022"): at least one visit at each date the list gives, each a
// finding of its own. "Between 2021 and 2022" is a span, not a list, and
// plural visits with one date or none ("six monitoring visits",
// "visits since 2021") are not read.
func (d *document) pluralVisits(s *sent, anch []anchor) []evidence.Candidate {
	var out []evidence.Candidate
	t := s.Text
	for _, a := range anch {
		if a.Kind != anVisit || !rePluralVisit.MatchString(t[a.End:]) {
			continue
		}
		if reFutureVisit.MatchString(t[:a.Start]) || reOtherProvider.MatchString(t[max(0, a.Start-50):min(len(t), a.End+50)]) {
			continue
		}
		var list []*when
		var whose [][]string // the councils named in the list before each date
		named := false
		pos := a.End
		var councils []string
		for i := range s.Whens {
			w := &s.Whens[i]
			if w.Start < pos {
				continue
			}
			gap, cs := councilGap(s, pos, w.Start)
			if len(list) == 0 && !reVisitsListHead.MatchString(gap) || len(list) > 0 && !reVisitsListGap.MatchString(gap) {
				break
			}
			if len(cs) > 0 {
				councils, named = cs, true
			}
			list = append(list, w)
			whose = append(whose, councils)
			pos = w.End
		}
		// "visits last May and September": a bare month closing the
		// list is the next of that year (or the one after).
		if len(list) >= 1 {
			if w := bareMonthAfter(s, list[len(list)-1], d.date); w != nil {
				list = append(list, w)
				whose = append(whose, whose[len(whose)-1])
			}
		}
		if len(list) < 2 {
			continue
		}
		for k, w := range list {
			if !w.OK || w.Future {
				continue
			}
			// The list names whose visit each date is; else the
			// sentence's council has them all.
			councils := whose[k]
			if !named {
				councils = []string{""}
			}
			for _, council := range councils {
				out = append(out, d.listedVisit(s, a, w, council))
			}
		}
	}
	return out
}

// reBareMonthAfter: a month named alone after a list's "and" ("last
// May and September").
var reBareMonthAfter = regexp.MustCompile(`^\s*(?:,\s*|\s+and\s+|\s*&\s*)(January|February|March|April|May|June|July|August|September|October|November|December)\b`)

// bareMonthAfter is the month named alone right after prev in a list,
// dated in prev's year, or the next when it comes earlier in the year
// than prev; nil when there is none, or it would fall after the
// document's date.
func bareMonthAfter(s *sent, prev *when, doc dates.Date) *when {
	if !prev.OK || prev.Date.Prec == dates.PrecYear {
		return nil
	}
	m := reBareMonthAfter.FindStringSubmatchIndex(s.Text[prev.End:])
	if m == nil {
		return nil
	}
	mon := monthOf(s.Text[prev.End+m[2] : prev.End+m[3]])
	y, pm, _ := prev.Date.Day.YMD()
	if mon <= pm {
		y++
	}
	d := dates.Date{Day: dates.FromYMD(y, mon, 1), Prec: dates.PrecMonth}
	if !doc.IsZero() && d.Day > doc.Day {
		return nil
	}
	return &when{Start: prev.End + m[2], End: prev.End + m[3], Text: s.Text[prev.End+m[2] : prev.End+m[3]], Date: d, Last: d, OK: true, Relative: prev.Relative}
}

// listedVisit is the visit of a list of dates at w, of council ("" for
// the council the sentence is about).
func (d *document) listedVisit(s *sent, a anchor, w *when, council string) evidence.Candidate {
	c, cb, ok := d.listedCand(s, "visit", a.Visit, a.Start, a.End, 0.9, "Ofsted visit reported", council)
	if !ok {
		return c
	}
	c.Date = w.Date.String()
	c.Note = a.Visit + " visits dated by a list of dates (\"" + w.Text + "\"): one at least at each"
	if w.Relative {
		c.Confidence *= d.relFactor()
	}
	c.Hold(d.councilDoubt(c.Council, cb, s))
	if d.kind == KindOther && strings.Count(c.Date, "-") == 0 {
		c.Hold("a council paper dates the visit by a year only")
	}
	return c
}

// earlierInYear says the text writes out a month or day of the
// document's own year before the document's date ("set up in March
// 2018" in a June 2018 story): a visit the story reports without a date
// then falls in that year, as a reader dates it (the seeds key's Tower
// Hamlets visit: "after March 2018"). Without such a date the year is
// the article's guess, not the text's, and the visit goes to review.
func (d *document) earlierInYear() bool {
	y, _, _ := d.date.Day.YMD()
	for i := range d.sents {
		if d.sents[i].P.Tail {
			continue
		}
		for _, w := range d.sents[i].Whens {
			if !w.OK || w.Relative || w.Future || w.Date.Prec == dates.PrecYear || w.Date.Day >= d.date.Day {
				continue
			}
			if wy, _, _ := w.Date.Day.YMD(); wy == y && strings.Contains(w.Text, strconv.Itoa(y)) {
				return true
			}
		}
	}
	return false
}

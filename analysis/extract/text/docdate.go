package text

import (
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/oversight/oversight/analysis/dates"
)

// findDate sets the document's own date, trying the rules of
// spec/documents.md in order: a date printed at its head (a dateline, a
// "Published ..." line, the date above a letter's greeting), HTML
// metadata, a YYYY-MM-DD at the start of the file name. A saved news page
// with none of these but with dated reader comments takes the month of the
// earliest comment (the article was online by then; its day is unknown).
func (d *document) findDate() {
	d.findDateRule()
	// A page's date that the article's own weekdays contradict ("published
	// on Monday (September 5)" under a header dated 2024, when 5 September
	// 2024 was a Thursday) is the site's, not the article's.
	if !d.date.IsZero() && d.dateRule != RuleFileName && d.weekdaysContradict() {
		d.date, d.dateRule, d.dateFrom = dates.Date{}, RuleNone, "the weekdays the text gives do not fit the page's date"
	}
}

// reWeekdayDate is a weekday with a day and month but no year.
var reWeekdayDate = regexp.MustCompile(`(?i)\b(mon|tues|wednes|thurs|fri|satur|sun)day\s*[(,]?\s*(?:(\d{1,2})(?:st|nd|rd|th)?\s+` + monthRE + `|` + monthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?)\b\)?(\s*,?\s*(?:19|20)\d{2})?`)

var weekdayNum = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tues": time.Tuesday, "wednes": time.Wednesday,
	"thurs": time.Thursday, "fri": time.Friday, "satur": time.Saturday}

// weekdaysContradict: every weekday the text gives with a day and month
// (and no year) falls on another day of the week in the year the
// document's date puts it in.
func (d *document) weekdaysContradict() bool {
	fit, misfit := 0, 0
	for _, p := range d.paras {
		if p.Tail {
			continue
		}
		for _, m := range reWeekdayDate.FindAllStringSubmatch(p.Text, -1) {
			if m[6] != "" {
				continue // the year is given
			}
			day, month := atoi(m[2]), monthOf(m[3])
			if m[2] == "" {
				day, month = atoi(m[5]), monthOf(m[4])
			}
			if month == 0 || day < 1 || day > 31 {
				continue
			}
			y, dm, _ := d.date.Day.YMD()
			if month > dm {
				y--
			}
			if day > dates.DaysIn(y, month) {
				continue
			}
			if dates.FromYMD(y, month, day).Time().Weekday() == weekdayNum[strings.ToLower(m[1])] {
				fit++
			} else {
				misfit++
			}
		}
	}
	return misfit > 0 && fit == 0
}

func (d *document) findDateRule() {
	if dt, from, ok := d.printedDate(); ok {
		d.date, d.dateRule, d.dateFrom = dt, RulePrinted, from
		return
	}
	if !d.meta.Published.IsZero() {
		d.date, d.dateRule, d.dateFrom = d.meta.Published, RuleHTMLMetadata, d.meta.PublishedFrom
		return
	}
	if m := reFileDate.FindStringSubmatch(filepath.Base(d.doc.File)); m != nil {
		if dt, err := dates.Parse(m[1]); err == nil {
			d.date, d.dateRule, d.dateFrom = dt, RuleFileName, filepath.Base(d.doc.File)
			return
		}
	}
	if dt, ok := addressDate(d.source); ok && !d.datesAfter(dt) {
		d.date, d.dateRule, d.dateFrom = dt, RuleAddress, d.source
		return
	}
	if d.kind != KindLetter {
		if dt, from, ok := d.commentDate(); ok {
			d.date, d.dateRule, d.dateFrom = dt, RuleReaderComments, from
			return
		}
	}
	d.dateRule = RuleNone
}

// datesAfter reports a page whose text gives, as past, a month or day
// later than the month after dt: a blog post's address keeps the day it
// was first written while the page goes on being updated ("Ofsted
// monitoring visit November 2022" under an address dated 2016/11/01).
func (d *document) datesAfter(dt dates.Date) bool {
	limit := dt.Day + 62
	for _, p := range d.paras {
		if p.Tail || reSiteNotice.MatchString(p.Text) {
			continue
		}
		for _, w := range findWhens(p.Text, dates.Date{}) {
			if w.OK && !w.Relative && !w.Future && w.Date.Prec != dates.PrecYear && w.Date.Day > limit {
				return true
			}
		}
	}
	return false
}

// reSiteNotice is a site's banner about itself ("online forms may be
// unavailable tomorrow, Tuesday 17th July 2018"): its date is the day the
// page was saved, not a date the article gives.
var reSiteNotice = regexp.MustCompile(`(?i)\b(?:maintenance|unavailable|cookies?|(?:planned|scheduled)\s+(?:outage|downtime|work))\b`)

var reFileDate = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})`)

// rePublishedLabel introduces a printed publication date.
var rePublishedLabel = regexp.MustCompile(`(?i)^(?:report\s+|this\s+(?:story|article|page|item|news\s+release|press\s+release)\s+was\s+(?:first\s+)?)?(?:published|publication\s+date|date\s+published|date\s+of\s+publication|first\s+published|posted(?:\s+on)?|date)\s*:?\s*(?:on\s+)?`)

// headParas is how far into a document its printed date is looked for.
const headParas = 12

// printedDate finds the date printed at the document's head: a paragraph
// that is a date and little else, or a "Published: ..." line, before the
// body starts (a letter's greeting, or the first long paragraph after the
// title).
func (d *document) printedDate() (dates.Date, string, bool) {
	if dt, from, ok := d.printedLine(); ok {
		return dt, from, true
	}
	if dt, from, ok := d.publishedInBody(); ok {
		return dt, from, true
	}
	long := 0
	list, listRead := false, false
	for i, p := range d.paras {
		if i >= headParas || p.Tail || strings.HasPrefix(p.Text, "Dear ") {
			break
		}
		if len(p.Text) > 200 {
			if long++; long >= 2 {
				break
			}
			continue
		}
		text := p.Text
		labelled := false
		if loc := rePublishedLabel.FindStringIndex(text); loc != nil && loc[1] > 0 {
			if !listRead {
				list, listRead = d.publishedList(), true
			}
			if list {
				continue
			}
			text, labelled = text[loc[1]:], true
		}
		ws := findWhens(text, dates.Date{})
		if dt, ok := shortNumericDate(p.Text); ok && len(ws) == 0 {
			return dt, p.Text, true
		}
		if len(ws) == 0 || !ws[0].OK || ws[0].Relative || ws[0].Date.Prec == dates.PrecYear {
			continue
		}
		if labelled || isDateLine(p.Text) || bylineDate(p.Text, ws[0]) {
			return ws[0].Date, p.Text, true
		}
	}
	return dates.Date{}, "", false
}

// publishedList says two or more short paragraphs are "Published" lines
// with different dates: a list of related pages, each with its own date,
// none of them this page's.
func (d *document) publishedList() bool {
	seen := map[dates.Date]bool{}
	for _, p := range d.paras {
		if len(p.Text) > 80 {
			continue
		}
		loc := rePublishedLabel.FindStringIndex(p.Text)
		if loc == nil || loc[1] == 0 {
			continue
		}
		if ws := findWhens(p.Text[loc[1]:], dates.Date{}); len(ws) > 0 && ws[0].OK {
			seen[ws[0].Date] = true
		}
	}
	return len(seen) >= 2
}

// reShortNumeric is a line that is a date in UK order with a two-digit
// year and nothing else ("17/04/25"), as some news sites print one under
// the headline.
var reShortNumeric = regexp.MustCompile(`^(\d{1,2})[/.](\d{1,2})[/.](\d{2})$`)

// shortNumericDate reads such a line as 20YY (the sites that print it
// post-date 2000); false for anything else or a day that does not exist.
func shortNumericDate(s string) (dates.Date, bool) {
	m := reShortNumeric.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return dates.Date{}, false
	}
	day, month, year := atoi(m[1]), atoi(m[2]), 2000+atoi(m[3])
	if month < 1 || month > 12 || day < 1 || day > dates.DaysIn(year, month) {
		return dates.Date{}, false
	}
	return dates.Date{Day: dates.FromYMD(year, month, day), Prec: dates.PrecDay}, true
}

var (
	reWeekday  = regexp.MustCompile(`(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b`)
	reClock    = regexp.MustCompile(`(?i)\b\d{1,2}[:.]\d{2}\s*(?:am|pm)?\b|\b\d{1,2}\s*(?:am|pm)\b|\b(?:BST|GMT|UTC)\b`)
	reUpdated  = regexp.MustCompile(`(?i)\b(?:updated|last\s+updated|modified)\b`)
	reBylineBy = regexp.MustCompile(`(?i)^by\s+[A-Z]|\|`)
)

// isDateLine reports a paragraph that is a date and nothing more (a weekday
// and a time of day may go with it), as under a headline or above a
// letter's greeting.
func isDateLine(s string) bool {
	ws := findWhens(s, dates.Date{})
	if len(ws) != 1 || !ws[0].OK || ws[0].Relative {
		return false
	}
	rest := s[:ws[0].Start] + " " + s[ws[0].End:]
	rest = reWeekday.ReplaceAllString(rest, "")
	rest = reClock.ReplaceAllString(rest, "")
	rest = strings.Trim(rest, " ,.-–|")
	return rest == "" && !reUpdated.MatchString(s)
}

// bylineDate reports a short "By Jane Smith, 2 August 2019" or
// "Jane Smith | 2 August 2019" line.
func bylineDate(s string, w when) bool {
	return len(s) <= 90 && reBylineBy.MatchString(s) && w.Date.Prec == dates.PrecDay && !reUpdated.MatchString(s)
}

// reCommentStamp is the date stamp of a reader comment: "April 3, 2019
// at 11:15 am" or "3 April 2019 at 11:15".
var reCommentStamp = regexp.MustCompile(`\b(?:` + monthRE + `\s+\d{1,2},?\s+(?:19|20)\d{2}|\d{1,2}\s+` + monthRE + `\s+(?:19|20)\d{2})\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:am|pm)?`)

// commentDate is the month of the earliest dated reader comment, and the
// stamp it came from.
func (d *document) commentDate() (dates.Date, string, bool) {
	var best dates.Date
	from := ""
	for _, p := range d.paras {
		if !p.Tail {
			continue
		}
		for _, loc := range reCommentStamp.FindAllStringIndex(p.Text, -1) {
			stamp := p.Text[loc[0]:loc[1]]
			ws := findWhens(stamp, dates.Date{})
			if len(ws) == 0 || !ws[0].OK || ws[0].Date.Prec != dates.PrecDay {
				continue
			}
			if best.IsZero() || ws[0].Date.Day < best.Day {
				best, from = ws[0].Date, stamp
			}
		}
	}
	for _, t := range d.meta.CommentTimes {
		if best.IsZero() || t.Day < best.Day {
			best, from = t, "a reader comment's time stamp"
		}
	}
	if best.IsZero() {
		return best, "", false
	}
	return coarsen(best, dates.PrecMonth), from, true
}

var rePostcode = regexp.MustCompile(`\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|^T\s+\d|\b\d{4}\s+\d{3}\s+\d{4}\b|@|www\.`)

// addressLike reports a letterhead line: a street, a postcode, a phone.
func addressLike(s string) bool {
	return rePostcode.MatchString(s) || len(strings.Fields(s)) <= 2
}

// rawLines are a text file's lines, markup removed, blank ones dropped.
func rawLines(text string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n") {
		l, _ = cleanLine(l)
		if l = foldSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Labels before a date on a line of its own, strongest first: the
// document's publication (or an FOI answer's), a meeting's date, then the
// day a request was received (an answer is later than that, never earlier).
var (
	reBylinePublished = regexp.MustCompile(`(?i)^(?:author\s*:|by)\s+[^|:]{2,60}?published\s*:?\s*`)
	reLinePublished   = regexp.MustCompile(`(?i)^(?:report\s+|this\s+(?:story|article|page|item|news\s+release|press\s+release)\s+was\s+(?:first\s+)?)?(?:published(?:\s+on)?|publication\s+date|date\s+published|date\s+of\s+publication|first\s+published|posted(?:\s+on)?|date\s+of\s+(?:decision|response|reply)|response\s+date|date\s+responded|responded(?:\s+on)?|response|date)\b\s*[:\-–]?\s*`)
	reLineMeeting     = regexp.MustCompile(`(?i)^[-•·]?\s*(?:meeting\b|date\s+of\s+meeting\b)`)
	reLeadingISO      = regexp.MustCompile(`(?i)^\s*(?:date|published|posted)\s*:?\s*((?:19|20)\d{2}-\d{2}-\d{2})\b`)
	reLineReceived    = regexp.MustCompile(`(?i)^(?:date\s+(?:request\s+)?received|received(?:\s+on)?|request\s+received)\b\s*[:\-–]?\s*`)
	reUSDateLine      = regexp.MustCompile(`^\s*(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b`)
)

// printedLine finds the document's date on a line of its own among a text
// file's first lines (a byline's date under the author's name, "Published
// 25 June 2025", "Meeting: 23/01/2020 - ...", "12/31/2014 - 15:00" in
// American order when it can be nothing else), or, for an FOI answer, a
// "Date of decision" line anywhere with its date on the same or the next
// line.
func (d *document) printedLine() (dates.Date, string, bool) {
	type found struct {
		date dates.Date
		from string
		rank int
	}
	var best *found
	consider := func(dt dates.Date, from string, rank int) {
		if best == nil || rank > best.rank {
			best = &found{dt, from, rank}
		}
	}
	lineDate := func(s string) (dates.Date, bool) {
		ws := findWhens(s, dates.Date{})
		if len(ws) == 0 || !ws[0].OK || ws[0].Relative || ws[0].Date.Prec == dates.PrecYear || ws[0].Start > 24 {
			return dates.Date{}, false
		}
		return ws[0].Date, true
	}
	long := 0
	for i, l := range d.lines {
		// (Past the article's end, "Related topics", the dates are other
		// pages'.)
		if i >= 30 || strings.HasPrefix(l, "Dear ") || tailStart.MatchString(strings.TrimSpace(l)) {
			break
		}
		if len(l) > 200 {
			// "date 2017-08-01 Ofsted inspectors said ...": a page's date
			// run into its first paragraph.
			if m := reLeadingISO.FindStringSubmatch(l); m != nil {
				if dt, err := dates.Parse(m[1]); err == nil {
					consider(dt, m[0], 3)
				}
			}
			if long++; long >= 2 {
				break
			}
			continue
		}
		switch {
		case reLinePublished.MatchString(l):
			rest := reLinePublished.ReplaceAllString(l, "")
			if dt, ok := lineDate(rest); ok {
				consider(dt, l, 3)
			} else if rest == "" && i+1 < len(d.lines) && isDateLine(d.lines[i+1]) {
				if dt, ok := lineDate(d.lines[i+1]); ok {
					consider(dt, l+" "+d.lines[i+1], 3)
				}
			}
		case reBylinePublished.MatchString(l):
			// "Author: George SmithPublished 6th Dec 2021": a byline run
			// into its date.
			if dt, ok := lineDate(l[reBylinePublished.FindStringIndex(l)[1]:]); ok {
				consider(dt, l, 3)
			}
		case reLineMeeting.MatchString(l):
			if ws := findWhens(l, dates.Date{}); len(ws) > 0 && ws[0].OK && !ws[0].Relative && ws[0].Date.Prec == dates.PrecDay {
				consider(ws[0].Date, l, 2)
			}
		case reLineReceived.MatchString(l):
			if dt, ok := lineDate(reLineReceived.ReplaceAllString(l, "")); ok {
				consider(dt, l, 1)
			}
		case isDateLine(l) || (len(l) <= 40 && reUSDateLine.MatchString(l)):
			if dt, ok := lineDate(l); ok {
				consider(dt, l, 2)
			} else if m := reUSDateLine.FindStringSubmatch(l); m != nil {
				// 12/31/2014: a month first, when the first number cannot be one.
				mo, day, y := atoi(m[1]), atoi(m[2]), atoi(m[3])
				if day > 12 && mo >= 1 && mo <= 12 && day <= dates.DaysIn(y, mo) {
					consider(dates.Date{Day: dates.FromYMD(y, mo, day), Prec: dates.PrecDay}, l, 2)
				}
			}
		}
	}
	// An FOI answer's date of decision, wherever the page puts it.
	for i, l := range d.lines {
		if !reDecision.MatchString(l) {
			continue
		}
		rest := reDecision.ReplaceAllString(l, "")
		if rest == "" && i+1 < len(d.lines) {
			rest = d.lines[i+1]
		}
		if dt, ok := lineDate(rest); ok && isDateLine(rest) {
			consider(dt, l+" "+rest, 3)
		}
	}
	if best == nil {
		return dates.Date{}, "", false
	}
	return best.date, best.from, true
}

var reDecision = regexp.MustCompile(`(?i)^(?:date\s+of\s+(?:decision|response|reply)|response\s+date|date\s+responded)\s*[:\-–]?\s*`)

// rePublishedToday is a document saying in its text that it (or the report
// it is about) is published today, with the day: "published today
// (Friday, 19 February 2016)", "Published today, Tuesday 8 August 2023".
var rePublishedToday = regexp.MustCompile(`(?i)\bpublished\s+today\s*[,(]?\s*(?:on\s+)?`)

// publishedInBody finds "published today, <date>" anywhere in the text, or
// "Report published: <date>" near its start (a report's text run into one
// paragraph).
func (d *document) publishedInBody() (dates.Date, string, bool) {
	for i, p := range d.paras {
		if p.Tail {
			break
		}
		for _, loc := range rePublishedToday.FindAllStringIndex(p.Text, -1) {
			rest := p.Text[loc[1]:]
			ws := findWhens(rest, dates.Date{})
			if len(ws) > 0 && ws[0].OK && !ws[0].Relative && ws[0].Start <= 12 && ws[0].Date.Prec == dates.PrecDay {
				return ws[0].Date, p.Text[loc[0] : loc[1]+ws[0].End], true
			}
			// "published today (28/10/19)": a press office's short date.
			if m := reNumericAfter.FindStringSubmatch(rest); m != nil {
				if dt, ok := shortNumericDate(m[1]); ok {
					return dt, p.Text[loc[0] : loc[1]+len(m[0])], true
				}
			}
		}
		if i < 3 {
			head := p.Text[:min(len(p.Text), 2000)]
			if loc := reReportPublished.FindStringIndex(head); loc != nil {
				ws := findWhens(head[loc[1]:], dates.Date{})
				if len(ws) > 0 && ws[0].OK && ws[0].Start <= 3 && ws[0].Date.Prec == dates.PrecDay {
					return ws[0].Date, head[loc[0] : loc[1]+ws[0].End], true
				}
			}
		}
	}
	return dates.Date{}, "", false
}

// reNumericAfter is a DD/MM/YY date closing a bracket, right after the
// words that open it.
var reNumericAfter = regexp.MustCompile(`^(\d{1,2}[/.]\d{1,2}[/.]\d{2})\)`)

var reReportPublished = regexp.MustCompile(`(?i)\breport\s+published\s*:\s*`)

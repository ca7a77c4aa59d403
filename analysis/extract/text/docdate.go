package text

import (
	"path/filepath"
	"regexp"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
)

// findDate sets the document's own date, trying the rules of
// spec/documents.md in order: a date printed at its head (a dateline, a
// "Published ..." line, the date above a letter's greeting), HTML
// metadata, a YYYY-MM-DD at the start of the file name. A saved news page
// with none of these but with dated reader comments takes the month of the
// earliest comment (the article was online by then; its day is unknown).
func (d *document) findDate() {
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
	if d.kind != KindLetter {
		if dt, from, ok := d.commentDate(); ok {
			d.date, d.dateRule, d.dateFrom = dt, RuleReaderComments, from
			return
		}
	}
	d.dateRule = RuleNone
}

var reFileDate = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})`)

// rePublishedLabel introduces a printed publication date.
var rePublishedLabel = regexp.MustCompile(`(?i)^(?:report\s+)?(?:published|publication\s+date|date\s+published|date\s+of\s+publication|first\s+published|posted(?:\s+on)?|date)\s*:?\s*(?:on\s+)?`)

// headParas is how far into a document its printed date is looked for.
const headParas = 12

// printedDate finds the date printed at the document's head: a paragraph
// that is a date and little else, or a "Published: ..." line, before the
// body starts (a letter's greeting, or the first long paragraph after the
// title).
func (d *document) printedDate() (dates.Date, string, bool) {
	long := 0
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
			text, labelled = text[loc[1]:], true
		}
		ws := findWhens(text, dates.Date{})
		if len(ws) == 0 || !ws[0].OK || ws[0].Relative || ws[0].Date.Prec == dates.PrecYear {
			continue
		}
		if labelled || isDateLine(p.Text) || bylineDate(p.Text, ws[0]) {
			return ws[0].Date, p.Text, true
		}
	}
	return dates.Date{}, "", false
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

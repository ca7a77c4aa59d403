package text

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
)

// Why: findings v3 date a grade by its inspection, "or the inspection
// month if that is all the source gives". A story often says when the
// inspectors came ("visited in January", "during 11 to 22 March") in a
// sentence the rules do not tie to the grade, which they then date by the
// report's publication. Dating every grade by the record's first day
// instead was measured and cost more than it gained (docs/extraction.md
// "Dating a corroborated grade by the record"): where the text gives only
// the publication, a reader keys the publication. So the record's first
// day is taken only where the text itself names the inspection's month.

// publicationBasis is the note of a grade dated by the report's
// publication (gradeDate).
const publicationBasis = "the report's publication (no inspection date given)"

var inspectionMonths = [...]string{"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"}

// monthNamed says the text names the month as a time: "in January",
// "during March 2023", "11 to 22 March", "January 2023" (the year, when
// given, being the inspection's); not "since January", a time from
// which.
func monthNamed(text string, day dates.Day) bool {
	y, m, _ := day.YMD()
	name := inspectionMonths[m-1]
	re := monthTimeRE(name)
	for _, loc := range re.FindAllStringSubmatchIndex(text, -1) {
		if loc[2] >= 0 && text[loc[2]:loc[3]] != strconv.Itoa(y) {
			continue
		}
		return true
	}
	return false
}

var monthTimeREs = map[string]*regexp.Regexp{}

func init() {
	for _, n := range inspectionMonths {
		// Capitalised only: "may" is a verb.
		monthTimeREs[n] = regexp.MustCompile(`(?:\b(?:[Ii]n|[Dd]uring|[Oo]n|[Ll]ate|[Ee]arly|[Mm]id|[Tt]hroughout)[- ]|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:(?:and|to|-|–|—)\s*\d{1,2}(?:st|nd|rd|th)?\s+)?)` + n + `\b(?:,?\s+((?:19|20)\d{2}))?|\b` + n + `\s+((?:19|20)\d{2})\b`)
	}
}

func monthTimeRE(name string) *regexp.Regexp { return monthTimeREs[name] }

// recordDates dates by the record's first day a grade the rules dated by
// the report's publication, where the record knows that day, it falls in
// another month than the publication, and the text names that month.
func (d *document) recordDates(cands []evidence.Candidate, rec Record) []evidence.Candidate {
	if rec == nil || d.kind == KindLetter {
		return cands
	}
	var body strings.Builder
	for _, p := range d.paras {
		if !p.Tail {
			body.WriteString(p.Text)
			body.WriteString("\n")
		}
	}
	text := body.String()
	for i := range cands {
		c := &cands[i]
		if c.Measure != "grade" || c.Council == "" || c.Review != "" || !strings.Contains(c.Note, publicationBasis) {
			continue
		}
		dt, err := dates.Parse(c.Date)
		if err != nil || dt.Prec == dates.PrecYear {
			continue
		}
		area := c.Area
		if area == "" {
			area = "overall"
		}
		x := rec.Inspection(c.Council, dt, area, c.Value)
		if x == nil || x.Inspected == x.Published || x.Inspected > dt.Day {
			continue
		}
		iy, im, _ := x.Inspected.YMD()
		py, pm, _ := dt.Day.YMD()
		if iy == py && im == pm {
			continue
		}
		if !monthNamed(text, x.Inspected) {
			continue
		}
		if c.Published == "" {
			c.Published = c.Date
		}
		c.Date = x.Inspected.String()
		c.Note += "; dated by Ofsted's record: the inspection from " + c.Date + ", whose month (" + inspectionMonths[im-1] + ") the text names"
	}
	return cands
}

package text

import (
	"cmp"
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
	re := monthTimeREs[name]
	for _, loc := range re.FindAllStringSubmatchIndex(text, -1) {
		// The year, when given, is in either alternative's group.
		if loc[2] >= 0 && text[loc[2]:loc[3]] != strconv.Itoa(y) || loc[4] >= 0 && text[loc[4]:loc[5]] != strconv.Itoa(y) {
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

// recordDates dates by the record's first day a grade the rules dated by
// the report's publication, where the record knows that day, it falls in
// another month than the publication, and the text names that month. It
// also lets the record complete a grade held for want of a date
// (datedByRecord) and settle a grade held for a doubt of its time
// (liftOtherTime).
func (d *document) recordDates(cands []evidence.Candidate, rec Record) []evidence.Candidate {
	if rec == nil || d.kind == KindLetter {
		return cands
	}
	for i := range cands {
		c := &cands[i]
		if c.Measure == "grade" && c.Council != "" && strings.HasPrefix(c.Review, undatedCurrent) {
			d.datedByRecord(c, rec)
			continue
		}
		if c.Measure == "grade" && c.Council != "" && timeDoubt(c.Review) {
			if !foundAlready(cands, c) && liftOtherTime(c, rec) && len(c.Date) == 7 {
				refineDay(c, rec)
			}
			continue
		}
		if c.Measure == "grade" && c.Council != "" && c.Review == "" && len(c.Date) == 7 && refineDay(c, rec) {
			continue
		}
		if c.Measure != "grade" || c.Council == "" || c.Review != "" {
			continue
		}
		// Dated by the report's publication, in the rules' words or
		// because the day is the one the record has the report out.
		byPublication := strings.Contains(c.Note, publicationBasis)
		dt, err := dates.Parse(c.Date)
		if err != nil || dt.Prec == dates.PrecYear && !byPublication {
			continue
		}
		area := cmp.Or(c.Area, "overall")
		x := rec.Inspection(c.Council, dt, area, c.Value)
		if x == nil || x.Inspected == x.Published || x.Inspected > dt.End() {
			continue
		}
		if !byPublication && (dt.Prec != dates.PrecDay || dt.Day != x.Published) {
			continue
		}
		iy, im, _ := x.Inspected.YMD()
		py, pm, _ := dt.Day.YMD()
		if iy == py && im == pm {
			continue
		}
		if !d.timeGiven(x.Inspected, c.Council) {
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

// undatedCurrent is the reason a grade of the inspection a text reports is
// held when the text dates no inspection for it (dateGrade).
const undatedCurrent = "the text gives no date for the inspection behind this grade"

// reportWindowDays: a report is published within about five months of
// the inspection's first day.
const reportWindowDays = 150

// datedByRecord completes a grade held for want of a date: in a dated
// document, the record's inspection of the council published no later
// than the document and within reportWindowDays of it, which gave that
// grade, and whose month the text names as a time ("Ofsted visited in
// March"), dates it by its first day. A grade the text dates by nothing
// but the article stays in review: its date would be the record's, not
// the text's.
func (d *document) datedByRecord(c *evidence.Candidate, rec Record) {
	if d.date.IsZero() || d.date.Prec != dates.PrecDay {
		return
	}
	area := cmp.Or(c.Area, "overall")
	x := rec.Inspection(c.Council, d.date, area, c.Value)
	if x == nil || x.Inspected == x.Published || x.Published > d.date.Day+3 || x.Published < d.date.Day-reportWindowDays {
		return
	}
	if !d.timeGiven(x.Inspected, c.Council) {
		return
	}
	_, im, _ := x.Inspected.YMD()
	c.Date, c.Published = x.Inspected.String(), x.Published.String()
	c.Review = ""
	c.Confidence = liftedConfidence
	c.Note = "grade (" + strings.ReplaceAll(area, "_", " ") + ") stated in the text, which dates no inspection for it but names the month (" + inspectionMonths[im-1] +
		") of the inspection Ofsted's record has giving it, published " + c.Published + ", before the document's date: dated by that inspection's first day"
}

// liftedConfidence is above the cut and below the rules' own sure grades.
const liftedConfidence = 0.8

// refineDay gives a grade the text dates by its inspection's month the
// record's first day of that inspection, when the record knows it and it
// falls in that month: the same date, as precise as Ofsted's files.
func refineDay(c *evidence.Candidate, rec Record) bool {
	dt, err := dates.Parse(c.Date)
	if err != nil || dt.Prec != dates.PrecMonth {
		return false
	}
	area := cmp.Or(c.Area, "overall")
	x := rec.Inspection(c.Council, dt, area, c.Value)
	if x == nil || x.Inspected == x.Published || !dt.Contains(x.Inspected) {
		return false
	}
	c.Date = x.Inspected.String()
	if c.Published == "" {
		c.Published = x.Published.String()
	}
	c.Note += "; the day is the inspection's first in Ofsted's record (the text gives its month)"
	return true
}

// timeGiven says the text gives a time that holds the day: it names the
// day's month as a time, or a date it gives (resolved against the
// document's own date: "last month") is that month or that day, or a
// range of days holding it.
//
// In a document about several councils (a round-up) only the sentences
// about council count: another council's "inspected in November" says
// nothing of this one's inspection.
func (d *document) timeGiven(day dates.Day, council string) bool {
	several := len(d.councils) > 1
	if !several && monthNamed(d.bodyText(), day) {
		return true
	}
	for i := range d.sents {
		s := &d.sents[i]
		if several && (s.P.Tail || !s.about(council)) {
			continue
		}
		if several && monthNamed(s.Text, day) {
			return true
		}
		for _, w := range s.Whens {
			if !w.OK || w.Future || w.Date.Prec == dates.PrecYear {
				continue
			}
			last := w.Last.End()
			if w.Last.IsZero() {
				last = w.Date.End()
			}
			if day >= w.Date.Day && day <= last {
				return true
			}
		}
	}
	return false
}

// bodyText is the document's paragraphs but its tail, one per line, made
// once for the record's passes.
// about says the sentence is about council: it names it, or it is the
// council the sentence takes from the text before.
func (s *sent) about(council string) bool {
	for _, m := range s.Mentions {
		if m.Council == council {
			return true
		}
	}
	return len(s.Mentions) == 0 && s.Council == council
}

func (d *document) bodyText() string {
	if d.body == nil {
		var b strings.Builder
		for _, p := range d.paras {
			if !p.Tail {
				b.WriteString(p.Text)
				b.WriteString("\n")
			}
		}
		t := b.String()
		d.body = &t
	}
	return *d.body
}

// Why: a story often gives the overall grade with its inspection's date
// and the areas' grades in another sentence that dates nothing
// ("leadership got 'good', ..."), and dateGrade holds those for
// want of a date. The record settles which inspection they are: when the
// text dates one overall grade of the council, above the cut and not an
// earlier one, and Ofsted's record has that inspection giving the area
// that very grade, the area's grade is that inspection's. A newer
// inspection the text does not date, giving the same area the same grade
// by chance, is the risk; an undated overall grade of another value (the
// newer inspection's) rules the pass out for that council.

// areasByOverall dates the undated current area grades of a council by
// the one overall grade the text dates for it, when the record agrees
// (see above).
func areasByOverall(cands []evidence.Candidate, rec Record) []evidence.Candidate {
	if rec == nil {
		return cands
	}
	anchor := map[string]int{} // council -> index of its dated overall grade; -1 when not one
	otherUndated := map[string]map[string]bool{}
	for i, c := range cands {
		if c.Measure != "grade" || c.Council == "" || c.Area != "overall" && c.Area != "" {
			continue
		}
		if c.Date == "" {
			if otherUndated[c.Council] == nil {
				otherUndated[c.Council] = map[string]bool{}
			}
			otherUndated[c.Council][strings.ToLower(c.Value)] = true
			continue
		}
		if c.Review != "" {
			continue
		}
		if j, ok := anchor[c.Council]; ok && (j < 0 || cands[j].Date != c.Date || !strings.EqualFold(cands[j].Value, c.Value)) {
			anchor[c.Council] = -1
			continue
		}
		if strings.HasPrefix(c.Note, "earlier grade") {
			anchor[c.Council] = -1
			continue
		}
		anchor[c.Council] = i
	}
	for i := range cands {
		c := &cands[i]
		if c.Measure != "grade" || c.Council == "" || c.Area == "overall" || c.Area == "" || !strings.HasPrefix(c.Review, undatedCurrent) {
			continue
		}
		j, ok := anchor[c.Council]
		if !ok || j < 0 {
			continue
		}
		a := cands[j]
		if vs := otherUndated[c.Council]; len(vs) > 1 || len(vs) == 1 && !vs[strings.ToLower(a.Value)] {
			continue
		}
		dt, err := dates.Parse(a.Date)
		if err != nil || dt.Prec == dates.PrecYear {
			continue
		}
		x := rec.Inspection(c.Council, dt, "overall", a.Value)
		if x == nil || canonGrade(x.Grades[c.Area]) != canonGrade(c.Value) {
			continue
		}
		c.Date, c.Published = a.Date, a.Published
		c.Review = ""
		c.Confidence = liftedConfidence
		c.Note = "grade (" + strings.ReplaceAll(c.Area, "_", " ") + ") stated in a sentence that dates nothing, dated as the council's one dated overall grade is (" + a.Date +
			", paragraph " + strconv.Itoa(a.Page) + "): Ofsted's record gives this area that grade at that inspection"
	}
	return cands
}

// otherTimeDoubt begins the reason currentDoubt holds a grade for when its
// sentence gives a time other than the inspection the article dates.
const otherTimeDoubt = "the grade's sentence gives a time"

// pastDoubt begins the reason for a grade whose sentence speaks of the
// past ("previously", "was rated").
const pastDoubt = "the grade's sentence speaks of another time"

// earlierElsewhere is the reason an earlier grade dated by an inspection
// another sentence names is held (gradeDoubt, currentDoubt).
const earlierElsewhere = "an earlier grade whose date the text gives only for an inspection named elsewhere"

// timeDoubt says a grade was held for one of the doubts of its time the
// record can settle (liftOtherTime).
func timeDoubt(review string) bool {
	return strings.HasPrefix(review, otherTimeDoubt) || strings.HasPrefix(review, pastDoubt) || strings.HasPrefix(review, earlierElsewhere)
}

// liftOtherTime: a grade held because its sentence gives another time
// ("... in 2019, and inspectors have now rated it good"), speaks of the
// past, or is an earlier grade dated by an inspection another sentence
// names, is the grade of the inspection it is dated by when the record
// has that inspection giving it and no inspection of the council giving
// it in any year the sentence writes out. (A sentence giving another
// time must write out a year: a relative one is not asked.)
func liftOtherTime(c *evidence.Candidate, rec Record) bool {
	dt, err := dates.Parse(c.Date)
	if err != nil {
		return false
	}
	area := cmp.Or(c.Area, "overall")
	x := rec.Inspection(c.Council, dt, area, c.Value)
	if x == nil {
		return false
	}
	// Only years written out: a relative time ("two years ago") is not
	// asked of the record.
	years := reYear.FindAllString(c.Quote, -1)
	if len(years) == 0 && strings.HasPrefix(c.Review, otherTimeDoubt) {
		return false
	}
	for _, y := range years {
		yd, err := dates.Parse(y)
		if err != nil {
			return false
		}
		if o := rec.Inspection(c.Council, yd, area, c.Value); o != nil && o.Inspected != x.Inspected {
			return false
		}
	}
	c.Review = ""
	c.Confidence = liftedConfidence
	c.Note = strings.Replace(c.Note, "; held for review: ", "; a doubt set aside: ", 1) +
		"; Ofsted's record has the inspection it is dated by giving this grade, and none giving it in a year its sentence names"
	return true
}

// foundAlready says another candidate above the cut states c's grade for
// the same council and area at the same time, as precisely or more.
func foundAlready(cands []evidence.Candidate, c *evidence.Candidate) bool {
	for i := range cands {
		o := &cands[i]
		if o != c && o.Review == "" && o.Measure == c.Measure && o.Council == c.Council && o.Area == c.Area &&
			strings.EqualFold(o.Value, c.Value) && o.Date != "" && strings.HasPrefix(o.Date, c.Date) {
			return true
		}
	}
	return false
}

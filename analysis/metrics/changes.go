package metrics

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
)

// What changed since the previous report: the monthly report compares the
// findings as of D with the same findings as of D minus one month.

// Change kinds, in the order the Changes table lists them.
const (
	ChangeRelease    = "new official figures"
	ChangeInspection = "inspection published"
	ChangeVisit      = "visit published"
	ChangeGrade      = "grade changed"
	ChangeFigure     = "figure moved"
)

// Thresholds are how far a council's headline figure must move between two
// reports to be listed: a move within them is noise for a monthly summary.
type Thresholds map[findings.Measure]float64

// DefaultThresholds are the table of measures' (findings.Def.Threshold).
var DefaultThresholds = func() Thresholds {
	th := Thresholds{}
	for _, m := range WorkforceMeasures {
		th[m] = m.Def().Threshold
	}
	return th
}()

// Change is one thing that is new in a report since the previous one.
type Change struct {
	Kind    string
	Council string // blank for England-wide changes
	Region  string
	Date    dates.Date // when it happened, or the date of the new figure
	What    string     // plain English
	Before  string
	After   string
	Source  string
}

// PreviousMonth is the report date a month before d (the last day of the
// shorter month when d's day does not exist in it).
func PreviousMonth(d dates.Day) dates.Day {
	y, m, dd := d.YMD()
	m--
	if m == 0 {
		y, m = y-1, 12
	}
	return dates.FromYMD(y, m, min(dd, dates.DaysIn(y, m)))
}

// Changes lists what is new in cur since prev (the same findings, a month
// earlier): inspections and visits dated since, grade changes, headline
// figures that moved by more than the thresholds, and official figures for
// a new reference period. Listed councils only, sorted by kind, then
// newest first.
func Changes(prev, cur *Report, th Thresholds) []Change {
	var out []Change
	for _, m := range WorkforceMeasures {
		before, after := prev.EnglandMedian(m), cur.EnglandMedian(m)
		if after.OK && (!before.OK || after.Date.Day > before.Date.Day) {
			out = append(out, Change{Kind: ChangeRelease, Date: after.Date,
				What:   fmt.Sprintf("%s: figures for %s reach half of England's councils; England median %s", m.Def().Header, after.Date, formatValue(m, after.Value)),
				Before: medianText(m, before), After: medianText(m, after), Source: "official statistics"})
		}
	}
	for _, c := range cur.Listed {
		p := prev.byIndex[c.Ref.Index]
		name, region := c.Ref.Name, c.Ref.Region
		for _, h := range c.History {
			if h.Date.Day > prev.AsOf {
				out = append(out, Change{Kind: ChangeInspection, Council: name, Region: region, Date: h.Date,
					What: inspectionText(&h), Source: h.Sources.String()})
			}
		}
		for _, v := range c.Visits {
			if v.Date.Day > prev.AsOf {
				out = append(out, Change{Kind: ChangeVisit, Council: name, Region: region, Date: v.Date,
					What: v.Kind.String() + " visit (no grade)", Source: v.Sources.String()})
			}
		}
		var was Council
		if p != nil {
			was = *p
		}
		if was.Grade != c.Grade || was.Framework != c.Framework {
			out = append(out, Change{Kind: ChangeGrade, Council: name, Region: region, Date: c.JudgementDate,
				What: "Overall grade", Before: gradeText(was.Grade, was.Framework), After: gradeText(c.Grade, c.Framework)})
		}
		if was.Leadership != c.Leadership && was.Leadership.Grade != c.Leadership.Grade {
			out = append(out, Change{Kind: ChangeGrade, Council: name, Region: region, Date: c.Leadership.Date,
				What: "Leadership grade", Before: gradeText(was.Leadership, ""), After: gradeText(c.Leadership, "")})
		}
		for _, m := range WorkforceMeasures {
			now := c.Figure(m)
			before := was.Figure(m)
			if !now.OK || now.Date == before.Date && now.Code == before.Code && now.Value == before.Value {
				continue
			}
			moved := now.Numeric() && before.Numeric() && math.Abs(now.Value-before.Value) > th[m]
			coded := now.OK && !now.Numeric() && (!before.OK || before.Numeric())
			if moved || coded {
				out = append(out, Change{Kind: ChangeFigure, Council: name, Region: region, Date: now.Date,
					What: m.Def().Header, Before: figureText(m, before), After: figureText(m, now), Source: now.Source})
			}
		}
	}
	order := map[string]int{ChangeRelease: 0, ChangeInspection: 1, ChangeVisit: 2, ChangeGrade: 3, ChangeFigure: 4}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if order[a.Kind] != order[b.Kind] {
			return order[a.Kind] < order[b.Kind]
		}
		if a.Date.Day != b.Date.Day {
			return a.Date.Day > b.Date.Day
		}
		return a.Council < b.Council
	})
	return out
}

func inspectionText(h *Inspection) string {
	var parts []string
	if g := h.Overall(); g != findings.NoGrade {
		parts = append(parts, "overall "+g.String())
	} else {
		parts = append(parts, "no overall grade")
	}
	if g := h.Grades[findings.Leadership]; g != findings.NoGrade {
		parts = append(parts, "leadership "+g.String())
	}
	return "Inspection: " + strings.Join(parts, ", ")
}

func gradeText(g GradeAt, framework string) string {
	switch {
	case g.Grade != findings.NoGrade:
		return g.Grade.String() + " (" + g.Date.String() + ")"
	case framework == FrameworkNoOverall:
		return "no overall grade (framework from April 2026)"
	}
	return "none"
}

func figureText(m findings.Measure, f Figure) string {
	switch {
	case !f.OK:
		return "none"
	case !f.Numeric():
		return f.Code.String() + " (" + f.Date.String() + ")"
	}
	return formatValue(m, f.Value) + " (" + f.Date.String() + ")"
}

func medianText(m findings.Measure, md Median) string {
	if !md.OK {
		return "none"
	}
	return formatValue(m, md.Value) + " (" + md.Date.String() + ")"
}

func formatValue(m findings.Measure, v float64) string {
	s := fmt.Sprint(v)
	if m.Rate() {
		s += "%"
	}
	return s
}

// ChangeColumns are the Changes sheet and changes.csv.
var ChangeColumns = []Column[Change]{
	{Name: "change", Header: "What changed", Kind: Text, Definition: "new official figures, inspection published, visit published, grade changed, or figure moved (by more than 2 children per social worker or 5 percentage points).", Get: func(c Change) Value { return text(c.Kind) }},
	{Name: "la_name", Header: "Local authority", Kind: Text, Definition: "The council (blank for England-wide changes).", Get: func(c Change) Value { return text(c.Council) }},
	{Name: "region_name", Header: "Region", Kind: Text, Definition: "The council's region.", Get: func(c Change) Value { return text(c.Region) }},
	{Name: "date", Header: "Date", Kind: Date, Definition: "When it happened (an inspection's publication), or the date of the new figure.", Get: func(c Change) Value { return date(c.Date) }},
	{Name: "detail", Header: "Detail", Kind: Text, Definition: "What is new, in plain English.", Get: func(c Change) Value { return text(c.What) }},
	{Name: "before", Header: "Previous report", Kind: Text, Definition: "The value in the report a month earlier.", Get: func(c Change) Value { return text(c.Before) }},
	{Name: "after", Header: "This report", Kind: Text, Definition: "The value now.", Get: func(c Change) Value { return text(c.After) }},
	{Name: "source_type", Header: "Source", Kind: Text, Definition: "The kinds of source it comes from.", Get: func(c Change) Value { return text(c.Source) }},
}

// Package metrics computes spec/metrics.md as of a date: a reduction per
// council over the findings (linear in their number), comparisons over
// groups of councils at one reference period (each group's median series
// in one sweep: medians.go), then the tables every output writes. Each
// table's columns are a schema (columns.go): name, header with unit, kind,
// definition and the function giving its value, read by the frames, the CSV
// and open-data writers, the workbooks and the notes.
//
// What gota does here: the four snapshot tables (councils, regions, by
// grade, transitions; at most 153 rows each) are gota dataframes built from
// the schema (Frame), the regions are counted by filtering the councils'
// frame, and the open-data writers read the frames back (FrameReader). The
// findings and the workforce series are not dataframes, because gota cannot
// hold them within the run's time and memory: on synth.py's 1.1 million
// rows (998,905 findings; gota_bench_test.go) the findings' frame takes
// 0.8 s and allocates 0.6 GB, grouping it by council and measure 2.5 s and
// 1.8 GB (gota's GroupBy makes a map of every row; 1.5 GB peak), and the
// workforce series' frame 0.8 s and 0.6 GB, where the whole report takes
// 4.9 s in under 1 GB and this package's reduction 0.5 s. gota also has no
// date type. So the reduction is plain Go over the findings, and gota takes
// over at 153 rows (the frames: 2 ms a report).
package metrics

import (
	"math"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// Framework values: whether the latest inspection gave an overall grade.
const (
	FrameworkOverall   = "overall grade"
	FrameworkNoOverall = "no overall grade"
)

// LeadershipSince is the first day of the inspections whose leadership
// grades regions and England count: ILACS began in January 2018, and
// leadership has been graded in every inspection since, under both
// frameworks.
var LeadershipSince = dates.FromYMD(2018, 1, 1)

// Council is one council's metrics as of the report date.
type Council struct {
	Ref  *reference.Council
	Code string // the GSS code in use on the report date
	// History is every inspection, oldest first; Visits every ungraded visit.
	History []Inspection
	Visits  []Visit

	// Grade is the overall grade of the latest inspection: none when that
	// inspection gave none (Ofsted's framework from April 2026).
	Grade, Previous GradeAt
	GradeChange     string // improved, declined, unchanged, first, or blank
	// LastOverall is the latest overall grade of any inspection.
	LastOverall GradeAt
	Framework   string
	Leadership  GradeAt
	// LeadershipPrevious is the leadership grade of the latest earlier
	// inspection that graded leadership.
	LeadershipPrevious GradeAt
	LeadershipChange   string
	HelpAndProtection  GradeAt
	ChildrenInCare     GradeAt
	CareLeavers        GradeAt
	JudgementDate      dates.Date

	// Workforce holds each workforce measure's series and headline figure.
	Workforce map[findings.Measure]*Workforce
	// CaseloadMax is the highest caseload of any scope or qualifier.
	CaseloadMax Max

	Strengths, Weaknesses, Findings int

	// revised are the official figures a later release replaced, as of the
	// report date (Report.Revised gathers them).
	revised []Revision
}

// Max is the highest figure of a measure with where it came from.
type Max struct {
	OK        bool
	Value     float64
	Date      dates.Date
	Scope     string
	Qualifier findings.Qualifier
}

// Figure returns the headline figure of a workforce measure.
func (c *Council) Figure(m findings.Measure) Figure {
	if w := c.Workforce[m]; w != nil {
		return w.Headline
	}
	return Figure{}
}

// Inspected reports whether the council has had an inspection.
func (c *Council) Inspected() bool { return len(c.History) > 0 }

// reduce computes one council's own metrics from its findings, all dated on
// or before the report date; comparisons with other councils come later.
func reduce(ref *reference.Council, fs []*findings.Finding, l *reference.List) Council {
	c := Council{Ref: ref, Findings: len(fs)}
	c.History, c.Visits = history(fs)
	pts := make([][]sourced, findings.NumMeasures)
	for _, f := range fs {
		switch {
		case f.Measure == findings.Theme && f.Polarity == findings.Strength:
			c.Strengths++
		case f.Measure == findings.Theme:
			c.Weaknesses++
		case f.Measure == findings.Caseload && f.Code == findings.NoCode:
			mx := &c.CaseloadMax
			if !mx.OK || f.Value > mx.Value || f.Value == mx.Value && later(f.Date, mx.Date) {
				*mx = Max{true, f.Value, f.Date, f.Scope, f.Qualifier}
			}
		}
		if f.Measure.Codable() && (f.Headline() || f.Measure == findings.SocialWorkers) {
			pts[f.Measure] = append(pts[f.Measure], sourced{f.Date, f.Value, f.Code, f.SourceType, f.Scope, f.Known(), f.File, f.Line})
		}
	}
	c.grades()
	c.Workforce = map[findings.Measure]*Workforce{}
	fte := latestRevisions(pts[findings.SocialWorkers], &c.revised)
	for _, m := range WorkforceMeasures {
		c.Workforce[m] = workforce(m, latestRevisions(pts[m], &c.revised), fte, l, ref.Index)
	}
	return c
}

// grades sets the grade columns from the history.
func (c *Council) grades() {
	n := len(c.History)
	if n == 0 {
		return
	}
	latest := &c.History[n-1]
	c.JudgementDate = latest.Date
	if g := latest.Overall(); g != findings.NoGrade {
		c.Grade = latest.At(findings.Overall)
		c.Framework = FrameworkOverall
		for i := n - 2; i >= 0; i-- {
			if h := &c.History[i]; h.Overall() != findings.NoGrade && h.Date.Day < latest.Date.Day {
				c.Previous = h.At(findings.Overall)
				break
			}
		}
		c.GradeChange = GradeChange(c.Grade.Grade, c.Previous.Grade)
	} else {
		c.Framework = FrameworkNoOverall
	}
	for i := n - 1; i >= 0; i-- {
		if h := &c.History[i]; h.Overall() != findings.NoGrade {
			c.LastOverall = h.At(findings.Overall)
			break
		}
	}
	for i := n - 1; i >= 0; i-- {
		h := &c.History[i]
		if g := h.Grades[findings.Leadership]; g != findings.NoGrade {
			if c.Leadership.Grade == findings.NoGrade {
				c.Leadership = h.At(findings.Leadership)
			} else if h.Date.Day < c.Leadership.Date.Day {
				c.LeadershipPrevious = h.At(findings.Leadership)
				break
			}
		}
	}
	c.LeadershipChange = GradeChange(c.Leadership.Grade, c.LeadershipPrevious.Grade)
	c.HelpAndProtection = latestArea(c.History, findings.HelpAndProtection)
	c.ChildrenInCare = latestArea(c.History, findings.ChildrenInCare)
	c.CareLeavers = latestArea(c.History, findings.CareLeavers)
}

// latestArea is the latest grade in an area; the combined "children in care
// and care leavers" judgement (ILACS until 2023) counts for both, losing to
// the area's own grade on the same date.
func latestArea(hs []Inspection, a findings.Area) GradeAt {
	g, _ := areaAt(hs, a, len(hs)-1)
	return g
}

// AreaChange is an area's latest grade, the grade the area had at the
// inspection before that one that graded it, and the change between them
// (improved, declined, unchanged, first; blank without a grade). The
// combined ILACS judgement counts for children in care and care leavers,
// so a 2026 care leavers grade compares with a 2019 combined one.
func (c *Council) AreaChange(a findings.Area) (latest, previous GradeAt, change string) {
	latest, i := areaAt(c.History, a, len(c.History)-1)
	if latest.Grade == findings.NoGrade {
		return latest, previous, ""
	}
	for j := i - 1; j >= 0; j-- {
		if c.History[j].Date.Day < latest.Date.Day {
			previous, _ = areaAt(c.History, a, j)
			break
		}
	}
	return latest, previous, GradeChange(latest.Grade, previous.Grade)
}

// areaAt is the latest grade in an area among the inspections up to index
// last, and the index of the inspection that gave it (-1 for none).
func areaAt(hs []Inspection, a findings.Area, last int) (GradeAt, int) {
	for i := last; i >= 0; i-- {
		h := &hs[i]
		if h.Grades[a] != findings.NoGrade {
			return h.At(a), i
		}
		if a == findings.ChildrenInCare || a == findings.CareLeavers {
			if h.Grades[findings.ChildrenInCareAndCareLeavers] != findings.NoGrade {
				return h.At(findings.ChildrenInCareAndCareLeavers), i
			}
		}
	}
	return GradeAt{}, -1
}

// GradeChange compares a grade with the one before: improved, declined,
// unchanged, first (nothing before), or blank (no grade).
func GradeChange(now, before findings.GradeValue) string {
	switch {
	case now == findings.NoGrade:
		return ""
	case before == findings.NoGrade:
		return "first"
	case now > before:
		return "improved"
	case now < before:
		return "declined"
	}
	return "unchanged"
}

// clean removes binary floating-point noise (15.2-15.6 = -0.4000000000000004)
// without rounding anything a person would see.
func clean(x float64) float64 { return round(x, 6) }

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	r := math.Round(x*p) / p
	if r == 0 {
		return 0
	}
	return r
}

// Package metrics computes spec/metrics.md as of a date: a reduction per
// council over the findings (linear in their number), then gota dataframes
// for the council table and everything aggregated from it (regions, England,
// workforce by grade, grade transitions, the workforce time series).
package metrics

import (
	"math"
	"sort"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// GradeAt is a grade with its date.
type GradeAt struct {
	Grade findings.GradeValue
	Date  dates.Date
}

// Figure is a council's headline number for one measure: the mean of its
// council-scope exact/average values at the latest date, and the change
// from the previous distinct date.
type Figure struct {
	OK        bool
	Value     float64
	Date      dates.Date
	HasChange bool
	Change    float64
}

// Point is one date of a council's headline series.
type Point struct {
	Date  dates.Date
	Value float64
}

// Workforce measures, in the spec's order.
var WorkforceMeasures = []findings.Measure{findings.Caseload, findings.VacancyRate, findings.AgencyRate, findings.TurnoverRate}

// Areas reported per council, in the spec's column order.
var Areas = []findings.Area{findings.Leadership, findings.HelpAndProtection, findings.ChildrenInCare, findings.CareLeavers}

// Council is one council's metrics as of the report date.
type Council struct {
	Ref           *reference.Council
	Grade         GradeAt
	Previous      GradeAt
	Change        string // improved, declined, unchanged, first, or blank
	AreaGrades    [4]GradeAt
	JudgementDate dates.Date
	Inspections   int
	Visits        int
	Figures       [4]Figure // by WorkforceMeasures
	Series        [4][]Point
	CaseloadMax   float64
	HasMax        bool
	Strengths     int
	Weaknesses    int
	Findings      int
	History       []GradeAt // overall grades, oldest first
	VisitList     []VisitAt
	// Compare holds, by workforce measure, the median figure of the
	// council's statistical neighbours, its region and England (NaN when
	// none has one).
	Compare [4][3]float64
}

// VisitAt is an ungraded visit with its date.
type VisitAt struct {
	Kind findings.VisitKind
	Date dates.Date
}

// Figure returns the headline figure for a workforce measure.
func (c *Council) Figure(m findings.Measure) Figure {
	for i, w := range WorkforceMeasures {
		if w == m {
			return c.Figures[i]
		}
	}
	return Figure{}
}

// reduce computes one council's metrics from its findings, all dated on or
// before the report date.
func reduce(ref *reference.Council, fs []*findings.Finding) Council {
	c := Council{Ref: ref, Findings: len(fs)}
	var overall []GradeAt
	var areaGrades [findings.NumAreas][]GradeAt
	var visits []VisitAt
	var headline [4][]Point
	for _, f := range fs {
		switch f.Measure {
		case findings.Grade:
			g := GradeAt{f.Grade(), f.Date}
			areaGrades[f.Area] = append(areaGrades[f.Area], g)
			if f.Area == findings.Overall {
				overall = append(overall, g)
			}
			if later(f.Date, c.JudgementDate) {
				c.JudgementDate = f.Date
			}
		case findings.Visit:
			visits = append(visits, VisitAt{findings.VisitKind(f.Value), f.Date})
		case findings.Theme:
			if f.Polarity == findings.Strength {
				c.Strengths++
			} else {
				c.Weaknesses++
			}
		case findings.Caseload:
			if !c.HasMax || f.Value > c.CaseloadMax {
				c.CaseloadMax, c.HasMax = f.Value, true
			}
		}
		if f.Measure.Numeric() && f.Headline() {
			for i, m := range WorkforceMeasures {
				if m == f.Measure {
					headline[i] = append(headline[i], Point{f.Date, f.Value})
				}
			}
		}
	}

	c.History = mergeGrades(overall)
	c.Inspections = len(c.History)
	if n := len(c.History); n > 0 {
		c.Grade = c.History[n-1]
		for i := n - 2; i >= 0; i-- {
			if c.History[i].Date.Day < c.Grade.Date.Day {
				c.Previous = c.History[i]
				break
			}
		}
		c.Change = GradeChange(c.Grade.Grade, c.Previous.Grade)
	}
	for i, a := range Areas {
		cands := areaGrades[a]
		var combined []GradeAt
		if a == findings.ChildrenInCare || a == findings.CareLeavers {
			combined = areaGrades[findings.ChildrenInCareAndCareLeavers]
		}
		c.AreaGrades[i] = latestArea(cands, combined)
	}

	c.VisitList = mergeVisits(visits)
	c.Visits = len(c.VisitList)
	for i := range headline {
		c.Series[i] = meanPerDay(headline[i])
		if n := len(c.Series[i]); n > 0 {
			last := c.Series[i][n-1]
			c.Figures[i] = Figure{OK: true, Value: last.Value, Date: last.Date}
			if n > 1 {
				c.Figures[i].HasChange = true
				c.Figures[i].Change = clean(last.Value - c.Series[i][n-2].Value)
			}
		}
	}
	return c
}

// later orders dates as the spec sorts them (by first day) and, on the same
// day, prefers the more precise date.
func later(a, b dates.Date) bool {
	if a.Day != b.Day {
		return a.Day > b.Day
	}
	return a.Prec < b.Prec
}

// publicationLag is how long after a month or year a report of the same
// judgement may be published: Ofsted publishes about six to ten weeks after
// the inspection, and news often gives only the inspection month.
const publicationLag = 92

// SameJudgement reports whether a coarse date (a month or year) and a more
// precise one can be the same inspection: the precise day falls in the
// period or within publicationLag days after it.
func SameJudgement(coarse, precise dates.Date) bool {
	return precise.Prec < coarse.Prec && precise.Day >= coarse.Day && precise.Day <= coarse.End()+publicationLag
}

// mergeGrades sorts a grade history oldest first and merges a grade given
// only to the month or year with the same grade given to a day in that
// period or soon after: a news report's "requires improvement, July 2023"
// (the inspection month) and Ofsted's "requires improvement, 4 September
// 2023" (publication) are one inspection.
func mergeGrades(gs []GradeAt) []GradeAt {
	if len(gs) == 0 {
		return nil
	}
	sorted := append([]GradeAt(nil), gs...)
	sort.Slice(sorted, func(i, j int) bool {
		if sorted[i].Date.Day != sorted[j].Date.Day {
			return sorted[i].Date.Day < sorted[j].Date.Day
		}
		if sorted[i].Date.Prec != sorted[j].Date.Prec {
			return sorted[i].Date.Prec > sorted[j].Date.Prec // coarse first, so the precise one ends up last
		}
		return sorted[i].Grade < sorted[j].Grade
	})
	out := sorted[:0:0]
	for i, g := range sorted {
		absorbed := false
		for j, h := range sorted {
			if i != j && h.Grade == g.Grade && SameJudgement(g.Date, h.Date) {
				absorbed = true
				break
			}
		}
		if !absorbed {
			out = append(out, g)
		}
	}
	return out
}

func mergeVisits(vs []VisitAt) []VisitAt {
	sort.Slice(vs, func(i, j int) bool {
		if vs[i].Date.Day != vs[j].Date.Day {
			return vs[i].Date.Day < vs[j].Date.Day
		}
		if vs[i].Date.Prec != vs[j].Date.Prec {
			return vs[i].Date.Prec > vs[j].Date.Prec
		}
		return vs[i].Kind < vs[j].Kind
	})
	var out []VisitAt
	for i, v := range vs {
		absorbed := false
		for j, w := range vs {
			if i != j && w.Kind == v.Kind && SameJudgement(v.Date, w.Date) {
				absorbed = true
				break
			}
		}
		if !absorbed && (len(out) == 0 || out[len(out)-1] != v) {
			out = append(out, v)
		}
	}
	return out
}

// latestArea is the latest grade in an area; a combined judgement counts
// too, but loses to the area's own grade on the same date.
func latestArea(own, combined []GradeAt) GradeAt {
	var best GradeAt
	bestOwn := false
	consider := func(g GradeAt, isOwn bool) {
		switch {
		case best.Grade == findings.NoGrade, g.Date.Day > best.Date.Day:
		case g.Date.Day == best.Date.Day && isOwn && !bestOwn:
		case g.Date.Day == best.Date.Day && isOwn == bestOwn && g.Date.Prec < best.Date.Prec:
		default:
			return
		}
		best, bestOwn = g, isOwn
	}
	for _, g := range own {
		consider(g, true)
	}
	for _, g := range combined {
		consider(g, false)
	}
	return best
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

// meanPerDay groups points by the day they sort on and averages each day,
// oldest first; the date shown is the most precise one given for that day.
func meanPerDay(ps []Point) []Point {
	if len(ps) == 0 {
		return nil
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].Date.Day != ps[j].Date.Day {
			return ps[i].Date.Day < ps[j].Date.Day
		}
		if ps[i].Date.Prec != ps[j].Date.Prec {
			return ps[i].Date.Prec < ps[j].Date.Prec
		}
		return ps[i].Value < ps[j].Value
	})
	var out []Point
	for start := 0; start < len(ps); {
		end, sum := start, 0.0
		for end < len(ps) && ps[end].Date.Day == ps[start].Date.Day {
			sum += ps[end].Value
			end++
		}
		out = append(out, Point{Date: ps[start].Date, Value: round(sum/float64(end-start), 2)})
		start = end
	}
	return out
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

package metrics

import (
	"sort"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// A research question's answer over time: for each measure asked, the
// group's median at each date of the period beside England's (and, for a
// group inside one region, the region's), and each council's own figure.

// Research is a research question's answer over time, what a research
// run's outputs lead with.
type Research struct {
	Group    Group
	From, To dates.Day
	// Trends are the workforce measures asked; GradeTrends the judgement
	// areas asked (or overall, when the question asks for grades).
	Trends      []Trend
	GradeTrends []GradeTrend
}

// Answer sets the research question's trends on the report: the group,
// the period, the workforce measures and the judgement areas asked (none:
// every workforce measure and the overall grade).
func (r *Report) Answer(g Group, from, to dates.Day, measures []findings.Measure, areas []findings.Area) {
	res := &Research{Group: g, From: from, To: to}
	var wf []findings.Measure
	grades := len(measures) == 0
	for _, m := range measures {
		if m == findings.Grade {
			grades = true
		} else if m.Def().Headline {
			wf = append(wf, m)
		}
	}
	if len(measures) == 0 || len(wf) > 0 {
		res.Trends = r.Trends(g, wf, from, to)
	}
	if grades || len(areas) > 0 {
		if len(areas) == 0 {
			areas = []findings.Area{findings.Overall}
		}
		for _, a := range areas {
			res.GradeTrends = append(res.GradeTrends, r.GradeTrend(g, a, from, to))
		}
	}
	r.Research = res
}

// Group is the councils a research question asks about.
type Group struct {
	// Name is the group in words: a region ("London"), a council's name,
	// or "the 3 councils asked about".
	Name string
	// Region is the region the group is, or lies inside ("" for councils
	// in several regions).
	Region string
	// IsRegion: the group is a whole region, whose median is the regions
	// table's; England: the group is every council (a question about a
	// period or measure alone).
	IsRegion, England bool
	Members           []int // reference indices
}

// TrendPoint is one date of a trend: a median, or a council's figure.
type TrendPoint struct {
	OK    bool // a number, or a code (Code set)
	Value float64
	Code  findings.Code
	N     int // for a median: figures over
	Small bool
}

// CouncilTrend is one council's figures at the trend's dates.
type CouncilTrend struct {
	Council *reference.Council
	Points  []TrendPoint
}

// Trend is one workforce measure over a period.
type Trend struct {
	Measure  findings.Measure
	Group    Group
	From, To dates.Day
	// Dates are the reference periods in the period at which England, the
	// region or the group has a median, oldest first.
	Dates []dates.Date
	// Median is the group's median at each date (a single council's own
	// figure), England and Region the medians beside it.
	Median, England, Region []TrendPoint
	Councils                []CouncilTrend
}

// First and Last are the first and last dates at which the group's
// median is a number, for a headline ("from 26.8% in 2018 to 18.35% in
// 2025"); ok is false when it has fewer than two.
func (t *Trend) FirstLast() (first, last int, ok bool) {
	first, last = -1, -1
	for i, p := range t.Median {
		if p.OK && p.Code == findings.NoCode {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last, first >= 0 && last > first
}

// Trends are the workforce trends a research question asks for: each
// measure asked (every workforce measure when it names none) over the
// period [from, to] (open ends: every date there is) for the group.
func (r *Report) Trends(g Group, measures []findings.Measure, from, to dates.Day) []Trend {
	if len(measures) == 0 {
		measures = WorkforceMeasures
	}
	var out []Trend
	for _, m := range measures {
		if !m.Def().Headline {
			continue
		}
		out = append(out, r.trend(g, m, from, to))
	}
	return out
}

func (r *Report) trend(g Group, m findings.Measure, from, to dates.Day) Trend {
	t := Trend{Measure: m, Group: g, From: from, To: to}
	in := func(d dates.Date) bool { return (from == 0 || d.End() >= from) && (to == 0 || d.Day <= to) }
	england := r.England[m]
	var region []MedianPoint
	if g.Region != "" && !g.IsRegion {
		region = r.Regions[g.Region][m]
	}
	var group []MedianPoint
	switch {
	case g.England:
		group = england
	case g.IsRegion:
		group = r.Regions[g.Region][m]
	case len(g.Members) > 1:
		members := g.Members
		group = r.medianSeries(groupOf(r, members), m)
	}
	days := map[dates.Day]dates.Date{}
	for _, s := range [][]MedianPoint{england, region, group} {
		for _, p := range s {
			if in(p.Date) {
				days[p.Date.Day] = p.Date
			}
		}
	}
	if len(g.Members) == 1 {
		if c := r.byIndex[g.Members[0]]; c != nil {
			for _, p := range c.Workforce[m].Official {
				if in(p.Date) {
					days[p.Date.Day] = p.Date
				}
			}
		}
	}
	for _, d := range days {
		t.Dates = append(t.Dates, d)
	}
	sort.Slice(t.Dates, func(i, j int) bool { return t.Dates[i].Day < t.Dates[j].Day })
	at := func(s []MedianPoint) []TrendPoint {
		out := make([]TrendPoint, len(t.Dates))
		for i, d := range t.Dates {
			for _, p := range s {
				if p.Date.Day == d.Day {
					out[i] = TrendPoint{OK: true, Value: p.Value, N: p.N}
				}
			}
		}
		return out
	}
	t.England, t.Region = at(england), at(region)
	for _, i := range g.Members {
		c := r.byIndex[i]
		if g.England || c == nil || !c.Ref.ExistsOn(r.AsOf) && len(c.Workforce[m].Official) == 0 {
			continue
		}
		ct := CouncilTrend{Council: c.Ref, Points: make([]TrendPoint, len(t.Dates))}
		for k, d := range t.Dates {
			if p, ok := c.Workforce[m].At(d.Day); ok {
				ct.Points[k] = TrendPoint{OK: true, Value: p.Value, Code: p.Code, Small: p.Small}
			}
		}
		t.Councils = append(t.Councils, ct)
	}
	if len(g.Members) == 1 && len(t.Councils) == 1 {
		t.Median = t.Councils[0].Points
	} else {
		t.Median = at(group)
	}
	return t
}

// groupOf is a comparison group of the given councils, those existing on
// each day.
func groupOf(r *Report, members []int) group {
	return group{members: func(d dates.Day) []int {
		var out []int
		for _, i := range members {
			if d < 0 || r.Ref.Councils[i].ExistsOn(d) {
				out = append(out, i)
			}
		}
		return out
	}}
}

// GradeTrend is the group's councils by their latest grade in an area at
// the end of each year of a period: how the picture changed.
type GradeTrend struct {
	Area  findings.Area
	Group Group
	// Years are the ends of the years counted (31 December, or the
	// period's end in its last year), oldest first.
	Years []dates.Day
	// Counts[i][g] is how many councils had grade g at Years[i];
	// Inspected[i] how many had any.
	Counts    [][findings.Outstanding + 1]int
	Inspected []int
	Councils  int
}

// GradeTrend counts the group's councils by their latest grade in an area
// (overall: the latest inspection's overall grade, none under the April
// 2026 framework) at the end of each year from from to to.
func (r *Report) GradeTrend(g Group, a findings.Area, from, to dates.Day) GradeTrend {
	if to == 0 || to > r.AsAt {
		to = r.AsAt
	}
	if from == 0 {
		from = dates.FromYMD(2010, 1, 1)
	}
	gt := GradeTrend{Area: a, Group: g, Councils: len(g.Members)}
	y0, _, _ := from.YMD()
	y1, _, _ := to.YMD()
	for y := y0; y <= y1; y++ {
		end := dates.FromYMD(y, 12, 31)
		if end > to {
			end = to
		}
		var counts [findings.Outstanding + 1]int
		inspected := 0
		for _, i := range g.Members {
			c := r.byIndex[i]
			if c == nil {
				continue
			}
			var h *Inspection
			for k := len(c.History) - 1; k >= 0; k-- {
				if c.History[k].Date.Day <= end {
					h = &c.History[k]
					break
				}
			}
			if h == nil {
				continue
			}
			inspected++
			if a == findings.Overall {
				counts[h.Overall()]++
				continue
			}
			var upto []Inspection
			for _, x := range c.History {
				if x.Date.Day <= end {
					upto = append(upto, x)
				}
			}
			gr, _ := areaAt(upto, a, len(upto)-1)
			counts[gr.Grade]++
		}
		gt.Years = append(gt.Years, end)
		gt.Counts = append(gt.Counts, counts)
		gt.Inspected = append(gt.Inspected, inspected)
	}
	return gt
}

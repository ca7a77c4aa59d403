package metrics

import (
	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// GroupFigure is one figure of a comparison group on a day: a council's, or
// a joint service's, once for all its members in the group. The numeric
// figures of a group on its reference period are exactly what its median and
// its ranks are over, so a chart or table that lists them shows the same
// numbers.
type GroupFigure struct {
	// Councils are the council, or the joint service's members in the group,
	// in reference-list order.
	Councils []*reference.Council
	// Joint is the joint service whose figure this is; nil for a council's own.
	Joint *reference.JointService
	// OK reports whether the figure's series has a point on the day; Point
	// is it (a number, or the code published instead).
	OK    bool
	Point Point
}

// Numeric reports whether the figure is a number on the day.
func (g GroupFigure) Numeric() bool { return g.OK && g.Point.Numeric() }

// EnglandFigures are England's figures of a measure on a day, one per
// council or joint service, in reference-list order.
func (r *Report) EnglandFigures(m findings.Measure, d dates.Day) []GroupFigure {
	return r.figures(r.england().members(d), m, d)
}

// RegionFigures are a region's figures of a measure on a day.
func (r *Report) RegionFigures(region string, m findings.Measure, d dates.Day) []GroupFigure {
	return r.figures(r.region(region).members(d), m, d)
}

// NeighbourFigures are the figures of a council's statistical neighbours on
// a day (its own joint partners left out, as its neighbours' median leaves
// them out), closest neighbour first.
func (r *Report) NeighbourFigures(c *Council, m findings.Measure, d dates.Day) []GroupFigure {
	return r.figures(r.neighbours(c).members(d), m, d)
}

// figures are the given councils' figures of a measure on a day, one per
// council or joint service, as unitValues counts them for the medians and
// ranks: the first member of a joint service met gives its figure, and the
// others join it. (unitValues stays apart: it runs for every group and day
// and keeps only the numbers.)
func (r *Report) figures(members []int, m findings.Measure, d dates.Day) []GroupFigure {
	var out []GroupFigure
	at := map[int]int{}
	for _, i := range members {
		unit := r.unit(i, d)
		if k, ok := at[unit]; ok {
			out[k].Councils = append(out[k].Councils, r.Ref.Councils[i])
			continue
		}
		at[unit] = len(out)
		g := GroupFigure{Councils: []*reference.Council{r.Ref.Councils[i]}}
		g.Joint, _ = r.Ref.Joint(i, d)
		if c := r.byIndex[i]; c != nil {
			g.Point, g.OK = c.Workforce[m].At(d)
		}
		out = append(out, g)
	}
	return out
}

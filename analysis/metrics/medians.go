package metrics

import (
	"cmp"
	"slices"
	"sort"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// The median series: every median in every output comes from here. A
// group's median on a day is over the numbers its councils have for exactly
// that day, one per council or joint service (the service's first member in
// the group, in the group's order, gives its figure), small services'
// numbers left out; the day is in the group's series when at least half of
// the group's councils (joint services once) existing on it have a number,
// small services' included (spec/metrics.md v3). The reference period is
// the series' last day.
//
// A group's series comes from one pass over its councils' numbers sorted
// by day, so each day is looked at once rather than every council's series
// searched for every day. Which councils exist and which run a joint
// service change only on a few days (councils' starts and ends, joint
// services' starts), so who counts in a group is worked out once for each
// period between them. A council's statistical neighbours need only their
// reference period: their series are walked back from the latest day until
// a day qualifies.

// sweep holds what the median series of every group share.
type sweep struct {
	r *Report
	// breaks are the days on which a group's members can change, sorted.
	breaks []dates.Day
}

// dayPoint is one council's number for one day.
type dayPoint struct {
	day     dates.Day
	council int32
	prec    dates.Precision
	small   bool // a small service's: counted, never in the median
	value   float64
}

func (r *Report) newSweep() *sweep {
	s := &sweep{r: r}
	for _, c := range r.Ref.Councils {
		for _, d := range []dates.Day{c.Start, c.End} {
			if d != 0 {
				s.breaks = append(s.breaks, d)
			}
		}
	}
	for _, js := range reference.JointServices {
		s.breaks = append(s.breaks, js.From)
	}
	slices.Sort(s.breaks)
	s.breaks = slices.Compact(s.breaks)
	return s
}

// period numbers the stretch between breaks that d falls in.
func (s *sweep) period(d dates.Day) int {
	return sort.Search(len(s.breaks), func(k int) bool { return s.breaks[k] > d })
}

// members is who counts in a group during one period: the councils whose
// number is their unit's figure (a council's own, or its joint service's
// first member in the group), and how many units there are.
type members struct {
	first []bool // by reference index
	units int
}

func (s *sweep) members(g group, d dates.Day) members {
	mem := g.members(d)
	out := members{first: make([]bool, len(s.r.Ref.Councils))}
	seen := make(map[int]bool, len(mem))
	for _, i := range mem {
		unit := s.r.unit(i, d)
		if !seen[unit] {
			seen[unit] = true
			out.first[i] = true
		}
	}
	out.units = len(seen)
	return out
}

// series is a group's median series of a measure.
func (s *sweep) series(g group, m findings.Measure) []MedianPoint {
	r := s.r
	all := slices.Clone(g.members(-1))
	slices.Sort(all) // each council's numbers once, whatever the group's order
	all = slices.Compact(all)
	n := 0
	for _, i := range all {
		if c := r.byIndex[i]; c != nil {
			n += len(c.Workforce[m].Series())
		}
	}
	pts := make([]dayPoint, 0, n)
	for _, i := range all {
		c := r.byIndex[i]
		if c == nil {
			continue
		}
		for _, p := range c.Workforce[m].Series() {
			if p.Numeric() {
				pts = append(pts, dayPoint{p.Date.Day, int32(i), p.Date.Prec, p.Small, p.Value})
			}
		}
	}
	pts = byDay(pts)
	var out []MedianPoint
	var vals []float64
	period, who := -1, members{}
	for lo := 0; lo < len(pts); {
		d := pts[lo].day
		hi := lo
		for hi < len(pts) && pts[hi].day == d {
			hi++
		}
		if p := s.period(d); p != period {
			period, who = p, s.members(g, d)
		}
		vals = vals[:0]
		small := 0
		prec := dates.PrecYear
		for _, p := range pts[lo:hi] {
			prec = min(prec, p.prec)
			switch {
			case !who.first[p.council]:
			case p.small:
				small++
			default:
				vals = append(vals, p.value)
			}
		}
		if k := len(vals); k > 0 && 2*(k+small) >= who.units {
			out = append(out, MedianPoint{Date: dates.Date{Day: d, Prec: prec}, Value: median(vals), N: k, Of: who.units, Small: small})
		}
		lo = hi
	}
	return out
}

// medianSeries is any group's median series (a research question's
// councils; England's and the regions' are kept in the report).
func (r *Report) medianSeries(g group, m findings.Measure) []MedianPoint {
	return r.newSweep().series(g, m)
}

// neighboursMedian is the median of a council's statistical neighbours at
// their reference period: their series are walked back together from the
// latest day any of them has a number for, and the first day on which half
// of them (joint services once, the council's own partners left out) have
// one is it.
func (s *sweep) neighboursMedian(c *Council, m findings.Measure) Median {
	r := s.r
	nb := c.Ref.Neighbours
	series := make([][]Point, len(nb))
	heads := make([]int, len(nb)) // each series' latest number not yet passed
	back := func(k int) {
		for heads[k]--; heads[k] >= 0 && !series[k][heads[k]].Numeric(); heads[k]-- {
		}
	}
	for k, n := range nb {
		if nc := r.byIndex[n]; nc != nil {
			series[k] = nc.Workforce[m].Series()
		}
		heads[k] = len(series[k])
		back(k)
	}
	period, units := -1, 0
	for {
		var d dates.Day
		found := false
		for k := range nb {
			if heads[k] >= 0 {
				if e := series[k][heads[k]].Date.Day; !found || e > d {
					d, found = e, true
				}
			}
		}
		if !found {
			return Median{}
		}
		on := 0 // neighbours with a number on d: at most as many figures, small ones included
		prec := dates.PrecYear
		for k := range nb {
			if heads[k] >= 0 && series[k][heads[k]].Date.Day == d {
				on++
				prec = min(prec, series[k][heads[k]].Date.Prec)
			}
		}
		if p := s.period(d); p != period {
			period = p
			_, units, _ = r.unitValues(r.neighbours(c).members(d), m, d)
		}
		if 2*on >= units {
			if vals, n, small := r.unitValues(r.neighbours(c).members(d), m, d); len(vals) > 0 && 2*(len(vals)+small) >= n {
				v := make([]float64, len(vals))
				for i, u := range vals {
					v[i] = u.value
				}
				return Median{OK: true, Value: median(v), Date: dates.Date{Day: d, Prec: prec}, N: len(v), Of: n, Small: small}
			}
		}
		for k := range nb {
			if heads[k] >= 0 && series[k][heads[k]].Date.Day == d {
				back(k)
			}
		}
	}
}

// byDay orders points gathered council by council by day, then council: a
// counting sort when the days span no more than a few times as many days
// as there are points (always, for figures of the last decades), else a
// comparison sort.
func byDay(pts []dayPoint) []dayPoint {
	if len(pts) == 0 {
		return pts
	}
	lo, hi := pts[0].day, pts[0].day
	for _, p := range pts {
		lo, hi = min(lo, p.day), max(hi, p.day)
	}
	span := int(hi-lo) + 1
	if span > 4*len(pts)+1024 {
		slices.SortFunc(pts, func(a, b dayPoint) int {
			return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.council, b.council))
		})
		return pts
	}
	at := make([]int, span+1)
	for _, p := range pts {
		at[p.day-lo+1]++
	}
	for k := 1; k <= span; k++ {
		at[k] += at[k-1]
	}
	out := make([]dayPoint, len(pts))
	for _, p := range pts { // in council order, which each day keeps
		out[at[p.day-lo]] = p
		at[p.day-lo]++
	}
	return out
}

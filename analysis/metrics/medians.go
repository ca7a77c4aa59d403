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
// England's and every region's series of a measure come from one pass over
// every council's numbers sorted by day, so each day is looked at once
// rather than every council's series searched for every day. A council's
// statistical neighbours need only their reference period: their series are
// walked back from the latest day until a day qualifies. Which councils
// exist and which run a joint service change only on a few days (councils'
// starts and ends, joint services' starts), so the number of councils in a
// group is counted once for each period between them.

// sweep holds what the median series of every group share.
type sweep struct {
	r *Report
	// regionOf is each council's region, by reference index: its position
	// in reference.Regions, or -1.
	regionOf []int
	// breaks are the days on which a group's members can change, sorted.
	breaks []dates.Day
	// units caches, for each period between breaks, the councils (joint
	// services once) existing in England (0) and each region (1+k).
	units map[int][]int
	// jointMembers lists each joint service's members, by reference index.
	jointMembers [][]int
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
	s := &sweep{r: r, units: map[int][]int{}, jointMembers: make([][]int, len(reference.JointServices))}
	region := map[string]int{}
	for k, name := range reference.Regions {
		region[name] = k
	}
	s.regionOf = make([]int, len(r.Ref.Councils))
	for i, c := range r.Ref.Councils {
		k, ok := region[c.Region]
		if !ok {
			k = -1
		}
		s.regionOf[i] = k
		for _, d := range []dates.Day{c.Start, c.End} {
			if d != 0 {
				s.breaks = append(s.breaks, d)
			}
		}
	}
	for k, js := range reference.JointServices {
		s.breaks = append(s.breaks, js.From)
		for i := range r.Ref.Councils {
			if r.Ref.JointIndex(i, js.From) == k {
				s.jointMembers[k] = append(s.jointMembers[k], i)
			}
		}
	}
	slices.Sort(s.breaks)
	s.breaks = slices.Compact(s.breaks)
	return s
}

// period numbers the stretch between breaks that d falls in.
func (s *sweep) period(d dates.Day) int {
	return sort.Search(len(s.breaks), func(k int) bool { return s.breaks[k] > d })
}

// areaUnits are the councils (joint services once) existing on d in England
// (0) and each region (1+k).
func (s *sweep) areaUnits(d dates.Day) []int {
	p := s.period(d)
	if u, ok := s.units[p]; ok {
		return u
	}
	u := make([]int, 1+len(reference.Regions))
	seen := map[int]map[int]bool{}
	for i, c := range s.r.Ref.Councils {
		if !c.ExistsOn(d) {
			continue
		}
		unit := s.r.unit(i, d)
		for _, g := range s.groupsOf(i) {
			if seen[g] == nil {
				seen[g] = map[int]bool{}
			}
			if !seen[g][unit] {
				seen[g][unit] = true
				u[g]++
			}
		}
	}
	s.units[p] = u
	return u
}

// groupsOf are the area groups council i belongs to: England, and its
// region when it has one.
func (s *sweep) groupsOf(i int) []int {
	if k := s.regionOf[i]; k >= 0 {
		return []int{0, 1 + k}
	}
	return []int{0}
}

// counts reports whether council i's number on d is its unit's figure in
// area group g: it exists on d, and it runs its own service or is the
// first of its joint service's members existing in the group on d.
func (s *sweep) counts(i int, d dates.Day, g int) bool {
	if !s.r.Ref.Councils[i].ExistsOn(d) {
		return false
	}
	k := s.r.Ref.JointIndex(i, d)
	if k < 0 {
		return true
	}
	for _, j := range s.jointMembers[k] {
		if s.r.Ref.Councils[j].ExistsOn(d) && (g == 0 || s.regionOf[j] == g-1) {
			return j == i
		}
	}
	return false
}

// areaSeries are England's and each region's (in reference.Regions order)
// median series of a measure.
func (s *sweep) areaSeries(m findings.Measure) ([]MedianPoint, [][]MedianPoint) {
	r := s.r
	n := 0
	for _, c := range r.byIndex {
		n += len(c.Workforce[m].Series())
	}
	pts := make([]dayPoint, 0, n)
	for i := range r.Ref.Councils {
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
	groups := 1 + len(reference.Regions)
	out := make([][]MedianPoint, groups)
	vals := make([][]float64, groups)
	small := make([]int, groups)
	prec := make([]dates.Precision, groups)
	any := make([]bool, groups)
	for lo := 0; lo < len(pts); {
		d := pts[lo].day
		hi := lo
		for hi < len(pts) && pts[hi].day == d {
			hi++
		}
		for g := range vals {
			vals[g], small[g], any[g] = vals[g][:0], 0, false
		}
		for _, p := range pts[lo:hi] {
			for _, g := range s.groupsOf(int(p.council)) {
				if !any[g] || p.prec < prec[g] {
					prec[g], any[g] = p.prec, true
				}
				switch {
				case !s.counts(int(p.council), d, g):
				case p.small:
					small[g]++
				default:
					vals[g] = append(vals[g], p.value)
				}
			}
		}
		units := s.areaUnits(d)
		for g := range vals {
			if n := len(vals[g]); n > 0 && 2*(n+small[g]) >= units[g] {
				out[g] = append(out[g], MedianPoint{Date: dates.Date{Day: d, Prec: prec[g]}, Value: median(vals[g]), N: n, Of: units[g], Small: small[g]})
			}
		}
		lo = hi
	}
	return out[0], out[1:]
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

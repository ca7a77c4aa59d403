package metrics

import (
	"sort"
	"strconv"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// Median is a group's median figure at its reference period: the latest
// date on or before the report date at which at least half of the group's
// councils have a number (spec/metrics.md v2). Councils without a number for
// that date are left out, never replaced by an older figure; a joint
// service's figure counts once.
type Median struct {
	OK    bool
	Value float64
	Date  dates.Date
	N     int // figures the median is over
	Of    int // councils (joint services once) in the group on that date
	// Small counts the figures left out as small services (spec v3).
	Small int
}

// Rank is a council's place among a group's figures at the group's
// reference period, 1 being the lowest figure; equal figures share a place.
type Rank struct {
	OK       bool
	Position int
	Of       int
}

// String is "3 of 150".
func (r Rank) String() string {
	if !r.OK {
		return ""
	}
	return strconv.Itoa(r.Position) + " of " + strconv.Itoa(r.Of)
}

// group is councils compared together: England, a region, or one council's
// statistical neighbours.
type group struct {
	// members lists the group's councils (reference indices) existing on a day.
	members func(d dates.Day) []int
}

// unitValue is a figure keyed by its unit: a council's index, or for a
// joint service's figure -1 minus the service's index.
type unitValue struct {
	unit  int
	value float64
}

// MedianPoint is one date of a median series.
type MedianPoint struct {
	Date  dates.Date
	Value float64
	N, Of int
	Small int // figures left out as small services
}

// unitValues are the numbers the given councils have for a measure on a
// day, one per council or joint service, how many councils (joint services
// once) there are, and how many numbers were left out as small services
// (spec v3: shown, never in a median, mean or ranking).
func (r *Report) unitValues(members []int, m findings.Measure, d dates.Day) ([]unitValue, int, int) {
	small := 0
	seen := make(map[int]bool, len(members))
	var vals []unitValue
	for _, i := range members {
		unit := r.unit(i, d)
		if seen[unit] {
			continue
		}
		seen[unit] = true
		c := r.byIndex[i]
		if c == nil {
			continue
		}
		w := c.Workforce[m]
		if p, ok := w.At(d); ok && p.Numeric() {
			if p.Small {
				small++
				continue
			}
			vals = append(vals, unitValue{unit, p.Value})
		}
	}
	return vals, len(seen), small
}

// unit is what a council's official figure on a day belongs to: its joint
// service (-1 minus the service's index), or itself (its index).
func (r *Report) unit(i int, d dates.Day) int {
	if k := r.Ref.JointIndex(i, d); k >= 0 {
		return -1 - k
	}
	return i
}

// last is a median series' reference period as a Median.
func last(s []MedianPoint) Median {
	if len(s) == 0 {
		return Median{}
	}
	p := s[len(s)-1]
	return Median{OK: true, Value: p.Value, Date: p.Date, N: p.N, Of: p.Of, Small: p.Small}
}

// rank places council i among an area's figures on day d (region "" is
// England); the sorted figures of each area and day are computed once.
func (r *Report) rank(region string, m findings.Measure, d dates.Date, i int) Rank {
	if d.IsZero() {
		return Rank{}
	}
	c := r.byIndex[i]
	if c == nil {
		return Rank{}
	}
	own, ok := c.Workforce[m].At(d.Day)
	if !ok || !own.Numeric() || own.Small {
		return Rank{}
	}
	key := rankKey{region, m, d.Day}
	sorted, ok := r.ranked[key]
	if !ok {
		vals, _, _ := r.unitValues(r.existing(d.Day, region), m, d.Day)
		sorted = make([]float64, len(vals))
		for k, u := range vals {
			sorted[k] = u.value
		}
		sort.Float64s(sorted)
		r.ranked[key] = sorted
	}
	return Rank{OK: true, Position: 1 + sort.SearchFloat64s(sorted, own.Value), Of: len(sorted)}
}

type rankKey struct {
	region string
	m      findings.Measure
	day    dates.Day
}

// england, region and neighbours are the comparison groups. A day of -1
// asks for every council that could ever be a member.
func (r *Report) england() group {
	return group{members: func(d dates.Day) []int { return r.existing(d, "") }}
}

func (r *Report) region(name string) group {
	return group{members: func(d dates.Day) []int { return r.existing(d, name) }}
}

// neighbours are a council's statistical neighbours, less its own joint
// partners (their figure is its own: Richmond is not a comparison for
// Kingston when one service reports for both).
func (r *Report) neighbours(c *Council) group {
	return group{members: func(d dates.Day) []int {
		var out []int
		for _, n := range c.Ref.Neighbours {
			nc := r.Ref.Councils[n]
			if d >= 0 && !nc.ExistsOn(d) {
				continue
			}
			if d >= 0 && r.unit(n, d) == r.unit(c.Ref.Index, d) {
				continue
			}
			out = append(out, n)
		}
		return out
	}}
}

func (r *Report) existing(d dates.Day, region string) []int {
	var out []int
	for _, c := range r.Ref.Councils {
		if (d < 0 || c.ExistsOn(d)) && (region == "" || c.Region == region) {
			out = append(out, c.Index)
		}
	}
	return out
}

// compare sets the median series of England and each region, and each
// council's comparisons and ranks, for every workforce measure.
func (r *Report) compare() {
	r.England = map[findings.Measure][]MedianPoint{}
	r.Regions = map[string]map[findings.Measure][]MedianPoint{}
	r.ranked = map[rankKey][]float64{}
	for _, name := range reference.Regions {
		r.Regions[name] = map[findings.Measure][]MedianPoint{}
	}
	sw := r.newSweep()
	for _, m := range WorkforceMeasures {
		r.England[m] = sw.series(r.england(), m)
		for _, name := range reference.Regions {
			r.Regions[name][m] = sw.series(r.region(name), m)
		}
	}
	for _, c := range r.Councils {
		for _, m := range WorkforceMeasures {
			w := c.Workforce[m]
			w.England = last(r.England[m])
			w.Region = last(r.Regions[c.Ref.Region][m])
			w.Neighbours = sw.neighboursMedian(c, m)
			w.RankEngland = r.rank("", m, w.England.Date, c.Ref.Index)
			w.RankRegion = r.rank(c.Ref.Region, m, w.Region.Date, c.Ref.Index)
		}
	}
	// A council gone by the report date still has its place among the
	// figures of a reference period it existed on (Cumbria in 2022's),
	// so a ranking chart drawn at that period places it as the ranks do.
	for _, c := range r.Others {
		for _, m := range WorkforceMeasures {
			w := c.Workforce[m]
			if e := last(r.England[m]); e.OK && c.Ref.ExistsOn(e.Date.Day) {
				w.RankEngland = r.rank("", m, e.Date, c.Ref.Index)
			}
		}
	}
}

// EnglandMedian is England's median of a measure at its reference period.
func (r *Report) EnglandMedian(m findings.Measure) Median { return last(r.England[m]) }

// RegionMedian is a region's median of a measure at its reference period.
func (r *Report) RegionMedian(region string, m findings.Measure) Median {
	return last(r.Regions[region][m])
}

// median of values that are all present (NaN-free).
func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return clean((s[n/2-1] + s[n/2]) / 2)
}

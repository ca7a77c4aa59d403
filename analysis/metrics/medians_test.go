package metrics

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// definitionSeries is the median series as spec/metrics.md defines it,
// computed the slow, obvious way: every day any member has a number for,
// each looked at from scratch. The sweep in medians.go must give exactly
// this for England, every region and every council's neighbours.
func (r *Report) definitionSeries(g group, m findings.Measure) []MedianPoint {
	days := map[dates.Day]dates.Precision{}
	for _, i := range g.members(-1) {
		c := r.byIndex[i]
		if c == nil {
			continue
		}
		for _, p := range c.Workforce[m].Series() {
			if p.Numeric() {
				if old, ok := days[p.Date.Day]; !ok || p.Date.Prec < old {
					days[p.Date.Day] = p.Date.Prec
				}
			}
		}
	}
	order := make([]dates.Day, 0, len(days))
	for d := range days {
		order = append(order, d)
	}
	sort.Slice(order, func(i, j int) bool { return order[i] < order[j] })
	var out []MedianPoint
	for _, d := range order {
		vals, units, small := r.unitValues(g.members(d), m, d)
		// Half of the group must have a figure on the day, counting the
		// small services' figures, which are there but left out.
		if len(vals) == 0 || 2*(len(vals)+small) < units {
			continue
		}
		v := make([]float64, len(vals))
		for i, u := range vals {
			v[i] = u.value
		}
		out = append(out, MedianPoint{Date: dates.Date{Day: d, Prec: days[d]}, Value: median(v), N: len(v), Of: units, Small: small})
	}
	return out
}

// randomFindings are workforce figures for most councils (abolished and
// new ones in their lifetimes, the joint services' members included) on a
// few shared days at every precision, with codes and other sources, so that
// some days reach half of a group and some do not.
func randomFindings(rng *rand.Rand, ref *reference.List) []string {
	days := []string{"2014-03", "2014-03-01", "2014-03-31", "2016", "2016-01-01", "2018-09-30", "2019-09-30", "2020-09-30", "2021-03-31", "2021-04-01",
		"2021-09-30", "2022-06", "2023-09-30", "2024-09-30", "2025-01-15", "2025-09-30"}
	measures := []string{"caseload", "vacancy_rate", "agency_rate", "turnover_rate"}
	// How many councils have figures differs by day: some days reach half of
	// England, some half of a region or of a council's neighbours only.
	reach := make([]float64, len(days))
	for i := range reach {
		reach[i] = 0.4 + 0.6*rng.Float64()
	}
	var rows []string
	for _, c := range ref.Councils {
		share := 0.7 + 0.3*rng.Float64()
		for di, ds := range days {
			d, err := dates.Parse(ds)
			if err != nil {
				panic(err)
			}
			if !c.ExistsOn(d.Day) || rng.Float64() > share*reach[di] {
				continue
			}
			// A count of social workers on the day, some under
			// SmallService: those councils' figures are small services'.
			if rng.IntN(3) == 0 {
				rows = append(rows, fmt.Sprintf("%s|%s|social_workers|%d||||||statistics", c.GSS, ds, 5+rng.IntN(60)))
			}
			for _, m := range measures {
				if rng.IntN(8) == 0 {
					continue
				}
				v := fmt.Sprint(1 + rng.IntN(40))
				if rng.IntN(12) == 0 {
					v = "x"
				}
				src := "statistics"
				if rng.IntN(8) == 0 {
					src = "news"
				}
				rows = append(rows, fmt.Sprintf("%s|%s|%s|%s||||||%s", c.GSS, ds, m, v, src))
			}
		}
	}
	return rows
}

func TestSweepGivesTheDefinedMedians(t *testing.T) {
	ref := reference.Default()
	for seed := uint64(1); seed <= 6; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		rows := randomFindings(rng, ref)
		for _, asOf := range []string{"2021-06-01", "2026-01-01"} {
			r := compute(t, asOf, rows...)
			for _, m := range WorkforceMeasures {
				if got, want := r.England[m], r.definitionSeries(r.england(), m); !reflect.DeepEqual(got, want) {
					t.Fatalf("seed %d as of %s %s England:\n got %+v\nwant %+v", seed, asOf, m, got, want)
				}
				for _, name := range reference.Regions {
					if got, want := r.Regions[name][m], r.definitionSeries(r.region(name), m); !reflect.DeepEqual(got, want) {
						t.Fatalf("seed %d as of %s %s %s:\n got %+v\nwant %+v", seed, asOf, m, name, got, want)
					}
				}
				// A research question's councils, some of them joint
				// services' members, in the question's order.
				for _, size := range []int{3, 12, 40} {
					sub := rng.Perm(len(ref.Councils))[:size]
					sub = append(sub, ref.Candidates("Richmond upon Thames")[0].Index, ref.Candidates("Kingston upon Thames")[0].Index)
					if got, want := r.medianSeries(groupOf(r, sub), m), r.definitionSeries(groupOf(r, sub), m); !reflect.DeepEqual(got, want) {
						t.Fatalf("seed %d as of %s %s councils %v:\n got %+v\nwant %+v", seed, asOf, m, sub, got, want)
					}
				}
				for _, c := range r.Councils {
					if got, want := c.Workforce[m].Neighbours, last(r.definitionSeries(r.neighbours(c), m)); got != want {
						t.Fatalf("seed %d as of %s %s %s's neighbours: got %+v, want %+v", seed, asOf, m, c.Ref.Name, got, want)
					}
				}
			}
		}
	}
}

func TestRandomFindingsReachHalf(t *testing.T) {
	ref := reference.Default()
	r := compute(t, "2026-01-01", randomFindings(rand.New(rand.NewPCG(1, 7)), ref)...)
	eng, reg, nb, joint, small := 0, 0, 0, 0, 0
	for _, m := range WorkforceMeasures {
		eng += len(r.England[m])
		for _, p := range r.England[m] {
			small += p.Small
		}
		for _, name := range reference.Regions {
			reg += len(r.Regions[name][m])
		}
		for _, c := range r.Councils {
			if c.Workforce[m].Neighbours.OK {
				nb++
			}
			if c.Figure(m).Joint != nil {
				joint++
			}
		}
	}
	t.Logf("England points %d (%d small figures left out), regions' %d, neighbours medians %d, joint headline figures %d", eng, small, reg, nb, joint)
	if eng == 0 || small == 0 || reg == 0 || nb == 0 || joint == 0 {
		t.Errorf("the random findings do not exercise the medians")
	}
}

// byDay gives the order of a comparison sort, by counting or comparing.
func TestByDay(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for _, span := range []int{1, 30, 5000, 1 << 20} {
		var pts []dayPoint
		for c := int32(0); c < 40; c++ {
			d := dates.Day(rng.IntN(span))
			for k := 0; k < 1+rng.IntN(20); k++ {
				pts = append(pts, dayPoint{day: d, council: c, value: float64(k)})
				d += dates.Day(1 + rng.IntN(1+span/10))
			}
		}
		want := slices.Clone(pts)
		slices.SortFunc(want, func(a, b dayPoint) int {
			return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.council, b.council))
		})
		if got := byDay(pts); !slices.Equal(got, want) {
			t.Errorf("days over %d: byDay differs from a comparison sort", span)
		}
	}
}

package metrics

import (
	"math"
	"sort"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// EnglandName names the last row of the regions table.
const EnglandName = "England"

// RegionRow is one row of the regions table: a region, or England.
type RegionRow struct {
	Name      string
	England   bool
	Councils  int
	Inspected int
	Graded    int
	ByGrade   map[findings.GradeValue]int
	NoOverall int
	// ByLeadership counts councils by leadership grade, over those whose
	// latest leadership grade is from an inspection since LeadershipSince.
	ByLeadership  map[findings.GradeValue]int
	GoodOrBetter  float64 // per cent of graded councils; NaN without any
	Improved      int
	Declined      int
	Medians       map[findings.Measure]Median
	Published     map[findings.Measure]Published
	PublishedDate dates.Date
}

// count returns how many rows of df match a comparison.
func countWhere(df dataframe.DataFrame, col string, cmp series.Comparator, v any) int {
	if df.Nrow() == 0 {
		return 0
	}
	return df.Filter(dataframe.F{Colname: col, Comparator: cmp, Comparando: v}).Nrow()
}

// regionRows counts each region's councils (gota filters over the council
// frame of every council existing on the report date) and takes its medians
// from the one median series; a research run lists only the regions of the
// councils it asks about, and always England.
func (r *Report) regionRows(all dataframe.DataFrame, scoped bool) []RegionRow {
	listed := map[string]bool{}
	for _, c := range r.Listed {
		listed[c.Ref.Region] = true
	}
	since := func(el series.Element) bool {
		d, err := dates.Parse(el.String())
		return err == nil && d.Day >= LeadershipSince
	}
	row := func(name string, df dataframe.DataFrame, england bool) RegionRow {
		rr := RegionRow{Name: name, England: england, Councils: df.Nrow(),
			ByGrade: map[findings.GradeValue]int{}, ByLeadership: map[findings.GradeValue]int{},
			Medians: map[findings.Measure]Median{}, Published: map[findings.Measure]Published{}, GoodOrBetter: math.NaN()}
		if df.Nrow() > 0 {
			rr.Inspected = df.Nrow() - countWhere(df, "judgement_date", series.Eq, "")
			rr.NoOverall = countWhere(df, "framework", series.Eq, FrameworkNoOverall)
			recent := df.Filter(dataframe.F{Colname: "leadership_date", Comparator: series.CompFunc, Comparando: since})
			for _, g := range findings.Grades {
				rr.ByGrade[g] = countWhere(df, "grade", series.Eq, g.String())
				rr.Graded += rr.ByGrade[g]
				rr.ByLeadership[g] = countWhere(recent, "leadership", series.Eq, g.String())
			}
			rr.Improved = countWhere(df, "grade_change", series.Eq, "improved")
			rr.Declined = countWhere(df, "grade_change", series.Eq, "declined")
		}
		if rr.Graded > 0 {
			gob := rr.ByGrade[findings.Good] + rr.ByGrade[findings.Outstanding]
			rr.GoodOrBetter = round(100*float64(gob)/float64(rr.Graded), 1)
		}
		for _, m := range WorkforceMeasures {
			if england {
				rr.Medians[m] = r.EnglandMedian(m)
			} else {
				rr.Medians[m] = r.RegionMedian(name, m)
			}
			if p, ok := r.latestPublished(name, m); ok {
				rr.Published[m] = p
				if later(p.Date, rr.PublishedDate) {
					rr.PublishedDate = p.Date
				}
			}
		}
		return rr
	}
	var out []RegionRow
	for _, reg := range reference.Regions {
		if scoped && !listed[reg] {
			continue
		}
		df := all.Filter(dataframe.F{Colname: "region_name", Comparator: series.Eq, Comparando: reg})
		out = append(out, row(reg, df, false))
	}
	return append(out, row(EnglandName, all, true))
}

// latestPublished is the newest published figure for an area and measure.
func (r *Report) latestPublished(area string, m findings.Measure) (Published, bool) {
	var best Published
	ok := false
	for _, p := range r.Published {
		if p.Region == area && p.Measure == m && (!ok || p.Date.Day > best.Date.Day || p.Date.Day == best.Date.Day && p.Known().Day > best.Known().Day) {
			best, ok = p, true
		}
	}
	return best, ok
}

// ByGradeRow compares the workforce of councils with one grade: by overall
// grade or by leadership grade.
type ByGradeRow struct {
	Grouping string // "overall grade" or "leadership"
	Grade    findings.GradeValue
	Councils int
	Stats    map[findings.Measure]GroupStat
}

// GroupStat is the mean and median of a group's figures on one date.
type GroupStat struct {
	OK           bool
	Mean, Median float64
	N            int
	Date         dates.Date
	Small        int // figures left out as small services
}

// Groupings of the by-grade table.
const (
	ByOverallGrade = "overall grade"
	ByLeadership   = "leadership"
)

// byGradeRows compares councils by grade on England's reference period for
// each measure, so no council's older figure stands beside a newer one; a
// joint figure counts once.
func (r *Report) byGradeRows() []ByGradeRow {
	var out []ByGradeRow
	for _, grouping := range []string{ByOverallGrade, ByLeadership} {
		for _, g := range findings.Grades {
			var members []int
			for _, c := range r.Councils {
				cg := c.Grade.Grade
				if grouping == ByLeadership {
					cg = findings.NoGrade
					if c.Leadership.Date.Day >= LeadershipSince {
						cg = c.Leadership.Grade
					}
				}
				if cg == g {
					members = append(members, c.Ref.Index)
				}
			}
			row := ByGradeRow{Grouping: grouping, Grade: g, Councils: len(members), Stats: map[findings.Measure]GroupStat{}}
			for _, m := range WorkforceMeasures {
				ref := r.EnglandMedian(m)
				if !ref.OK {
					continue
				}
				vals, _, small := r.unitValues(members, m, ref.Date.Day)
				if len(vals) == 0 {
					continue
				}
				v := make([]float64, len(vals))
				sum := 0.0
				for i, u := range vals {
					v[i] = u.value
					sum += u.value
				}
				row.Stats[m] = GroupStat{OK: true, Mean: round(sum/float64(len(v)), 2), Median: median(v), N: len(v), Date: ref.Date, Small: small}
			}
			out = append(out, row)
		}
	}
	return out
}

// TransitionRow counts consecutive overall grades from one grade.
type TransitionRow struct {
	From  findings.GradeValue
	To    map[findings.GradeValue]int
	Total int
}

func (r *Report) transitionRows() []TransitionRow {
	var out []TransitionRow
	for _, from := range findings.Grades {
		row := TransitionRow{From: from, To: map[findings.GradeValue]int{}}
		for _, to := range findings.Grades {
			row.To[to] = r.Transitions[from][to]
			row.Total += row.To[to]
		}
		out = append(out, row)
	}
	return out
}

// Geographic levels of the workforce series.
const (
	LevelCouncil  = "Local authority"
	LevelRegion   = "Regional"
	LevelNational = "National"
)

// WorkforceRow is one point of the workforce time series: a council's
// figure (official or from another source), or a region's or England's
// median.
type WorkforceRow struct {
	Level   string
	Region  string
	Council *reference.Council // nil for a median
	Measure findings.Measure
	Point
	// Official is true for the official series (and the medians, which are
	// over it where councils have one).
	Official bool
	Joint    string // the joint service's description, for a joint figure
	N, Of    int    // for a median: figures over, councils in the area
}

// workforceRows lists every council's series (official and other sources,
// codes kept), then each region's and England's median series, sorted by
// area, measure and date.
func (r *Report) workforceRows() []WorkforceRow {
	var out []WorkforceRow
	all := append(append([]*Council(nil), r.Listed...), r.Others...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].Ref.Index < all[j].Ref.Index })
	for _, c := range all {
		for _, m := range WorkforceMeasures {
			w := c.Workforce[m]
			for _, s := range []struct {
				pts      []Point
				official bool
			}{{w.Official, true}, {w.Other, false}} {
				for _, p := range s.pts {
					row := WorkforceRow{Level: LevelCouncil, Region: c.Ref.Region, Council: c.Ref, Measure: m, Point: p, Official: s.official}
					if s.official {
						if js, _ := r.Ref.Joint(c.Ref.Index, p.Date.Day); js != nil {
							row.Joint = r.Ref.Describe(js)
						}
					}
					out = append(out, row)
				}
			}
		}
	}
	listed := map[string]bool{}
	for _, rr := range r.RegionRows {
		listed[rr.Name] = true
	}
	medians := func(level, region string, series map[findings.Measure][]MedianPoint) {
		for _, m := range WorkforceMeasures {
			for _, p := range series[m] {
				out = append(out, WorkforceRow{Level: level, Region: region, Measure: m, Official: true,
					Point: Point{Date: p.Date, Value: p.Value}, N: p.N, Of: p.Of})
			}
		}
	}
	for _, reg := range reference.Regions {
		if listed[reg] {
			medians(LevelRegion, reg, r.Regions[reg])
		}
	}
	medians(LevelNational, "", r.England)
	return out
}

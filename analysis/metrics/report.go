package metrics

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// Report is every metric as of one date.
type Report struct {
	AsOf dates.Day
	Ref  *reference.List
	// Councils existing on AsOf, in reference-list order (by name).
	Councils []Council
	// Others are councils with findings that no longer exist on AsOf
	// (or do not yet): their histories count in the transitions.
	Others []Council
	// Transitions[from][to] counts consecutive overall grades.
	Transitions [5][5]int
	// Comparison series: medians by date for England and each region.
	England Series
	Regions map[string]Series
	// Published national and regional figures dated on or before AsOf.
	Published []Published
	scoped    bool

	CouncilFrame    dataframe.DataFrame
	RegionFrame     dataframe.DataFrame
	ByGradeFrame    dataframe.DataFrame
	TransitionFrame dataframe.DataFrame
	WorkforceFrame  dataframe.DataFrame
}

// Series holds median series by workforce measure.
type Series [4][]Point

// Published is a national or regional figure from an official release
// (DfE's rates are ratios of totals, not medians of councils).
type Published struct {
	Region  string // a region name, or "England"
	Date    dates.Date
	Measure findings.Measure
	Value   float64
}

// Options narrow or add to a report.
type Options struct {
	// Published are official national and regional figures to show beside
	// the medians.
	Published []Published
	// Councils, when set, limits the tables to these councils (reference
	// indices), as a research question does; the total row then covers
	// them only and is called "Selected councils".
	Councils map[int]bool
}

// TotalRow is the name of the regions table's last row.
func (r *Report) TotalRow() string {
	if r.scoped {
		return "Selected councils"
	}
	return "England"
}

// Compute reduces the accepted findings to the report as of asOf. Findings
// (and published figures) dated after asOf are left out, so the same inputs
// and date always give the same report.
func Compute(ctx context.Context, fs []findings.Finding, ref *reference.List, asOf dates.Day, opts ...Options) (*Report, error) {
	var opt Options
	if len(opts) > 0 {
		opt = opts[0]
	}
	published := opt.Published
	byCouncil := make([][]*findings.Finding, len(ref.Councils))
	for i := range fs {
		f := &fs[i]
		if f.Date.Day <= asOf {
			byCouncil[f.Council] = append(byCouncil[f.Council], f)
		}
	}
	r := &Report{AsOf: asOf, Ref: ref, scoped: opt.Councils != nil}
	for _, p := range published {
		if p.Date.Day <= asOf {
			r.Published = append(r.Published, p)
		}
	}
	for i, c := range ref.Councils {
		if i%16 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if opt.Councils != nil && !opt.Councils[i] {
			continue
		}
		if c.ExistsOn(asOf) {
			r.Councils = append(r.Councils, reduce(c, byCouncil[i]))
		} else if len(byCouncil[i]) > 0 {
			r.Others = append(r.Others, reduce(c, byCouncil[i]))
		}
	}
	for _, list := range [][]Council{r.Councils, r.Others} {
		for _, c := range list {
			for i := 1; i < len(c.History); i++ {
				r.Transitions[c.History[i-1].Grade][c.History[i].Grade]++
			}
		}
	}
	r.comparisons()
	r.compareCouncils()

	var err error
	if r.CouncilFrame, err = councilFrame(r); err != nil {
		return nil, err
	}
	if r.RegionFrame, err = regionFrame(r); err != nil {
		return nil, err
	}
	if r.ByGradeFrame, err = byGradeFrame(r); err != nil {
		return nil, err
	}
	r.TransitionFrame = transitionFrame(r)
	if r.WorkforceFrame, err = workforceFrame(r); err != nil {
		return nil, err
	}
	return r, nil
}

// comparisons builds the England and regional median series. A median is
// published for a date only when at least half of the area's councils that
// existed then have a figure for that date, so one council's news figure
// never stands in for a region.
func (r *Report) comparisons() {
	r.Regions = map[string]Series{}
	type key struct {
		m   int
		day dates.Day
	}
	england := map[key][]float64{}
	region := map[string]map[key][]float64{}
	prec := map[dates.Day]dates.Precision{}
	for _, list := range [][]Council{r.Councils, r.Others} {
		for _, c := range list {
			if region[c.Ref.Region] == nil {
				region[c.Ref.Region] = map[key][]float64{}
			}
			for m, pts := range c.Series {
				for _, p := range pts {
					k := key{m, p.Date.Day}
					england[k] = append(england[k], p.Value)
					region[c.Ref.Region][k] = append(region[c.Ref.Region][k], p.Value)
					if old, ok := prec[p.Date.Day]; !ok || p.Date.Prec < old {
						prec[p.Date.Day] = p.Date.Prec
					}
				}
			}
		}
	}
	build := func(vals map[key][]float64, regionName string) Series {
		var s Series
		keys := make([]key, 0, len(vals))
		for k := range vals {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if keys[i].m != keys[j].m {
				return keys[i].m < keys[j].m
			}
			return keys[i].day < keys[j].day
		})
		for _, k := range keys {
			existing := 0
			for _, c := range r.Ref.Councils {
				if c.ExistsOn(k.day) && (regionName == "" || c.Region == regionName) {
					existing++
				}
			}
			if existing == 0 || 2*len(vals[k]) < existing {
				continue
			}
			s[k.m] = append(s[k.m], Point{Date: dates.Date{Day: k.day, Prec: prec[k.day]}, Value: median(vals[k])})
		}
		return s
	}
	r.England = build(england, "")
	for name, vals := range region {
		r.Regions[name] = build(vals, name)
	}
}

// median of values that are all present (NaN-free).
func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return clean((s[n/2-1] + s[n/2]) / 2)
}

// Column names of councils.csv, in the spec's order.
var CouncilColumns = []string{
	"la_name", "new_la_code", "old_la_code", "region_name",
	"grade", "grade_date", "previous_grade", "previous_grade_date", "grade_change",
	"leadership", "help_and_protection", "children_in_care", "care_leavers", "judgement_date",
	"inspections", "visits",
	"caseload", "caseload_date", "caseload_change", "caseload_max",
	"vacancy_rate", "vacancy_rate_date", "vacancy_rate_change",
	"agency_rate", "turnover_rate",
	"strengths", "weaknesses", "findings",
}

// ComparisonColumns follow the spec's columns in councils.csv: each workforce
// figure's median among the council's statistical neighbours, its region and
// England (over councils that have one), so a row reads on its own.
var ComparisonColumns = func() []string {
	var cols []string
	for _, m := range WorkforceMeasures {
		for _, c := range []string{"neighbours", "region", "england"} {
			cols = append(cols, m.String()+"_"+c+"_median")
		}
	}
	return cols
}()

func dateText(d dates.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func gradeText(g findings.GradeValue) string { return g.String() }

func opt(ok bool, v float64) float64 {
	if !ok {
		return math.NaN()
	}
	return v
}

func councilFrame(r *Report) (dataframe.DataFrame, error) {
	n := len(r.Councils)
	str := map[string][]string{}
	num := map[string][]float64{}
	ints := map[string][]int{}
	for _, name := range CouncilColumns {
		switch name {
		case "inspections", "visits", "strengths", "weaknesses", "findings":
			ints[name] = make([]int, 0, n)
		case "caseload", "caseload_change", "caseload_max", "vacancy_rate", "vacancy_rate_change", "agency_rate", "turnover_rate":
			num[name] = make([]float64, 0, n)
		default:
			str[name] = make([]string, 0, n)
		}
	}
	for i := range r.Councils {
		c := &r.Councils[i]
		add := func(col, v string) { str[col] = append(str[col], v) }
		add("la_name", c.Ref.Name)
		add("new_la_code", c.Ref.CodeOn(r.AsOf))
		add("old_la_code", c.Ref.DfE)
		add("region_name", c.Ref.Region)
		add("grade", gradeText(c.Grade.Grade))
		add("grade_date", dateText(c.Grade.Date))
		add("previous_grade", gradeText(c.Previous.Grade))
		add("previous_grade_date", dateText(c.Previous.Date))
		add("grade_change", c.Change)
		for j, a := range Areas {
			add(a.String(), gradeText(c.AreaGrades[j].Grade))
		}
		add("judgement_date", dateText(c.JudgementDate))
		ints["inspections"] = append(ints["inspections"], c.Inspections)
		ints["visits"] = append(ints["visits"], c.Visits)
		cl, vr := c.Figures[0], c.Figures[1]
		num["caseload"] = append(num["caseload"], opt(cl.OK, cl.Value))
		add("caseload_date", dateText(cl.Date))
		num["caseload_change"] = append(num["caseload_change"], opt(cl.HasChange, cl.Change))
		num["caseload_max"] = append(num["caseload_max"], opt(c.HasMax, c.CaseloadMax))
		num["vacancy_rate"] = append(num["vacancy_rate"], opt(vr.OK, vr.Value))
		add("vacancy_rate_date", dateText(vr.Date))
		num["vacancy_rate_change"] = append(num["vacancy_rate_change"], opt(vr.HasChange, vr.Change))
		num["agency_rate"] = append(num["agency_rate"], opt(c.Figures[2].OK, c.Figures[2].Value))
		num["turnover_rate"] = append(num["turnover_rate"], opt(c.Figures[3].OK, c.Figures[3].Value))
		ints["strengths"] = append(ints["strengths"], c.Strengths)
		ints["weaknesses"] = append(ints["weaknesses"], c.Weaknesses)
		ints["findings"] = append(ints["findings"], c.Findings)
	}
	for i := range r.Councils {
		for m, cmp := range r.Councils[i].Compare {
			for k, v := range cmp {
				name := ComparisonColumns[m*3+k]
				num[name] = append(num[name], v)
			}
		}
	}
	cols := make([]series.Series, 0, len(CouncilColumns)+len(ComparisonColumns))
	for _, name := range append(append([]string(nil), CouncilColumns...), ComparisonColumns...) {
		switch {
		case str[name] != nil:
			cols = append(cols, series.New(str[name], series.String, name))
		case num[name] != nil:
			cols = append(cols, series.New(num[name], series.Float, name))
		default:
			cols = append(cols, series.New(ints[name], series.Int, name))
		}
	}
	df := dataframe.New(cols...)
	if df.Err != nil {
		return df, fmt.Errorf("council frame: %w", df.Err)
	}
	return df, nil
}

// present drops missing values, which gota's Mean and Median would turn
// into NaN (gota issue #114) or sort among the numbers.
func present(s series.Series) series.Series {
	var idx []int
	for i, na := range s.IsNaN() {
		if !na {
			idx = append(idx, i)
		}
	}
	return s.Subset(idx)
}

func medianOf(s series.Series) float64 {
	p := present(s)
	if p.Len() == 0 {
		return math.NaN()
	}
	return clean(p.Median())
}

func meanOf(s series.Series) float64 {
	p := present(s)
	if p.Len() == 0 {
		return math.NaN()
	}
	return round(p.Mean(), 2)
}

func countEq(df dataframe.DataFrame, col, v string) int {
	if df.Nrow() == 0 {
		return 0
	}
	return df.Filter(dataframe.F{Colname: col, Comparator: series.Eq, Comparando: v}).Nrow()
}

// Regions columns: one row per region, then England.
var RegionColumns = []string{"region_name", "councils", "councils_graded", "outstanding", "good", "requires_improvement", "inadequate",
	"good_or_better_pct", "improved", "declined", "caseload_median", "vacancy_rate_median", "agency_rate_median", "turnover_rate_median",
	"published_date", "published_caseload", "published_vacancy_rate", "published_agency_rate", "published_turnover_rate"}

// latestPublished is the newest published figure for an area and measure.
func (r *Report) latestPublished(area string, m findings.Measure) (Published, bool) {
	var best Published
	ok := false
	for _, p := range r.Published {
		if p.Region == area && p.Measure == m && (!ok || p.Date.Day > best.Date.Day) {
			best, ok = p, true
		}
	}
	return best, ok
}

func regionFrame(r *Report) (dataframe.DataFrame, error) {
	var records [][]string
	records = append(records, RegionColumns)
	row := func(name string, df dataframe.DataFrame) []string {
		graded := df.Nrow() - countEq(df, "grade", "")
		rec := []string{name, fmt.Sprint(df.Nrow()), fmt.Sprint(graded)}
		for _, g := range findings.Grades {
			rec = append(rec, fmt.Sprint(countEq(df, "grade", g.String())))
		}
		gob := countEq(df, "grade", findings.Good.String()) + countEq(df, "grade", findings.Outstanding.String())
		pct := math.NaN()
		if graded > 0 {
			pct = round(100*float64(gob)/float64(graded), 1)
		}
		rec = append(rec, num(pct), fmt.Sprint(countEq(df, "grade_change", "improved")), fmt.Sprint(countEq(df, "grade_change", "declined")))
		for _, m := range []string{"caseload", "vacancy_rate", "agency_rate", "turnover_rate"} {
			v := math.NaN()
			if df.Nrow() > 0 {
				v = medianOf(df.Col(m))
			}
			rec = append(rec, num(v))
		}
		var when dates.Date
		var vals []string
		for _, m := range WorkforceMeasures {
			p, ok := r.latestPublished(name, m)
			if !ok {
				vals = append(vals, "NaN")
				continue
			}
			vals = append(vals, num(p.Value))
			if later(p.Date, when) {
				when = p.Date
			}
		}
		rec = append(rec, dateText(when))
		return append(rec, vals...)
	}
	for _, reg := range reference.Regions {
		df := r.CouncilFrame.Filter(dataframe.F{Colname: "region_name", Comparator: series.Eq, Comparando: reg})
		if r.scoped && df.Nrow() == 0 {
			continue // a research question about other regions
		}
		records = append(records, row(reg, df))
	}
	records = append(records, row(r.TotalRow(), r.CouncilFrame))
	return loadTyped(records, "region_name", "published_date")
}

// ByGrade columns.
var ByGradeColumns = []string{"grade", "councils", "caseload_mean", "caseload_median", "vacancy_rate_mean", "vacancy_rate_median",
	"agency_rate_mean", "agency_rate_median", "turnover_rate_mean", "turnover_rate_median"}

func byGradeFrame(r *Report) (dataframe.DataFrame, error) {
	records := [][]string{ByGradeColumns}
	for _, g := range findings.Grades {
		df := r.CouncilFrame.Filter(dataframe.F{Colname: "grade", Comparator: series.Eq, Comparando: g.String()})
		rec := []string{g.String(), fmt.Sprint(df.Nrow())}
		for _, m := range []string{"caseload", "vacancy_rate", "agency_rate", "turnover_rate"} {
			mean, med := math.NaN(), math.NaN()
			if df.Nrow() > 0 {
				mean, med = meanOf(df.Col(m)), medianOf(df.Col(m))
			}
			rec = append(rec, num(mean), num(med))
		}
		records = append(records, rec)
	}
	return loadTyped(records, "grade")
}

// Transition columns: the grade before, then counts by the grade after.
var TransitionColumns = []string{"from_grade", "to_outstanding", "to_good", "to_requires_improvement", "to_inadequate", "total"}

func transitionFrame(r *Report) dataframe.DataFrame {
	from := make([]string, 0, 4)
	cols := make([][]int, 5)
	for _, g := range findings.Grades {
		from = append(from, g.String())
		total := 0
		for j, to := range findings.Grades {
			n := r.Transitions[g][to]
			cols[j] = append(cols[j], n)
			total += n
		}
		cols[4] = append(cols[4], total)
	}
	ss := []series.Series{series.New(from, series.String, "from_grade")}
	for j, name := range TransitionColumns[1:] {
		ss = append(ss, series.New(cols[j], series.Int, name))
	}
	return dataframe.New(ss...)
}

// Workforce (time series) columns, after DfE open-data conventions.
var WorkforceColumns = []string{"time_period", "geographic_level", "region_name", "la_name", "new_la_code", "old_la_code", "measure", "value"}

func workforceFrame(r *Report) (dataframe.DataFrame, error) {
	var period, level, region, name, gss, dfe, measure []string
	var value []float64
	add := func(p dates.Date, lv, reg, n, g, d string, m findings.Measure, v float64) {
		period = append(period, p.String())
		level = append(level, lv)
		region = append(region, reg)
		name = append(name, n)
		gss = append(gss, g)
		dfe = append(dfe, d)
		measure = append(measure, m.String())
		value = append(value, v)
	}
	all := append(append([]Council(nil), r.Councils...), r.Others...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].Ref.Index < all[j].Ref.Index })
	for _, c := range all {
		for m, pts := range c.Series {
			for _, p := range pts {
				add(p.Date, "Local authority", c.Ref.Region, c.Ref.Name, c.Ref.CodeOn(p.Date.Day), c.Ref.DfE, WorkforceMeasures[m], p.Value)
			}
		}
	}
	for _, reg := range reference.Regions {
		for m, pts := range r.Regions[reg] {
			for _, p := range pts {
				add(p.Date, "Regional", reg, "", "", "", WorkforceMeasures[m], p.Value)
			}
		}
	}
	for m, pts := range r.England {
		for _, p := range pts {
			add(p.Date, "National", "", "", "", "", WorkforceMeasures[m], p.Value)
		}
	}
	df := dataframe.New(
		series.New(period, series.String, "time_period"), series.New(level, series.String, "geographic_level"),
		series.New(region, series.String, "region_name"), series.New(name, series.String, "la_name"),
		series.New(gss, series.String, "new_la_code"), series.New(dfe, series.String, "old_la_code"),
		series.New(measure, series.String, "measure"), series.New(value, series.Float, "value"))
	if df.Err != nil {
		return df, fmt.Errorf("workforce frame: %w", df.Err)
	}
	return df, nil
}

func num(v float64) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	return fmt.Sprint(v)
}

// loadTyped loads records with the first column as text and the rest as
// numbers (counts stay whole numbers in the outputs).
func loadTyped(records [][]string, textCols ...string) (dataframe.DataFrame, error) {
	types := map[string]series.Type{}
	for _, c := range records[0] {
		types[c] = series.Float
	}
	for _, c := range textCols {
		types[c] = series.String
	}
	df := dataframe.LoadRecords(records, dataframe.WithTypes(types), dataframe.DetectTypes(false), dataframe.NaNValues([]string{"NaN"}))
	if df.Err != nil {
		return df, fmt.Errorf("load frame: %w", df.Err)
	}
	return df, nil
}

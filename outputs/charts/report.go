package charts

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/outputs/prose"
)

// The report's chart files, in the charts folder.
const (
	FileGrades     = "councils_by_grade_by_region.png"
	FileLeadership = "councils_by_leadership_by_region.png"
)

// RankingFile is the report's ranking chart of a measure:
// caseload_by_council.png.
func RankingFile(m findings.Measure) string { return m.String() + "_by_council.png" }

// chartMeasures are the workforce measures the table of measures draws
// (findings.Def.Chart): the report ranks councils by each, and each
// council's charts show each over time and beside its neighbours.
var chartMeasures = func() []findings.Measure {
	var out []findings.Measure
	for _, m := range metrics.WorkforceMeasures {
		if m.Def().Chart {
			out = append(out, m)
		}
	}
	return out
}()

// ReportInput is what the report's charts are drawn from.
type ReportInput struct {
	Report  *metrics.Report
	Version string
	// Question is a research run's question, one filter a line ("council
	// Medway"); every title states it. Empty for a monthly report.
	Question []string
}

// Chart is one chart as written: its file name, title, the alternative text
// saying what it shows, the footnote's source, the PNG, and the numbers it
// draws (one of Stacked, Ranking, OverTime, Neighbours; none for a chart
// that says there is nothing to draw).
type Chart struct {
	File, Title, AltText, Source string
	PNG                          []byte

	Stacked    *StackedData
	Ranking    *RankingData
	OverTime   *OverTimeData
	Neighbours *NeighboursData

	// empty says why a chart without data has none; it is drawn in the
	// chart's place and is its alternative text.
	empty string
}

// ReportCharts are the report's charts.
type ReportCharts struct {
	// Grades is councils by overall grade by region (the Summary's chart);
	// Leadership by leadership grade.
	Grades, Leadership Chart
	// Rankings rank the councils by caseload and by vacancy rate.
	Rankings []Chart
	// Trends are a research run's answer over its period, drawn first.
	Trends []Chart
}

// All lists every chart, in the order a reader meets them: a research
// run's trends first, then what was asked of the rest.
func (rc ReportCharts) All() []Chart {
	out := append([]Chart(nil), rc.Trends...)
	if rc.Grades.File != "" {
		out = append(out, rc.Grades, rc.Leadership)
	}
	return append(out, rc.Rankings...)
}

// WriteReport draws the report's charts from the metrics into dir (created
// if need be) and returns them, with their alternative text, for the
// workbook.
func WriteReport(ctx context.Context, dir string, in ReportInput) (ReportCharts, error) {
	var rc ReportCharts
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return rc, err
	}
	r := in.Report
	foot := func(what string, set metrics.SourceSet) string {
		s := what
		if names := SourceNames(set); names != "" {
			s += " from " + names
		}
		return s + ". Made with oversight " + in.Version + "."
	}
	question := researchPhrase(r)
	if r.Research != nil {
		var err error
		if rc.Trends, err = writeTrends(ctx, dir, r, in.Version); err != nil {
			return rc, err
		}
	}
	if !askedGrades(r) {
		return rc, writeRankings(ctx, dir, r, question, foot, &rc)
	}

	grades, gradeSources := gradeData(r, question)
	leadership, leadSources := leadershipData(r, question)
	var err error
	if rc.Grades, err = write(dir, FileGrades, &Chart{Stacked: grades}, r, foot("Latest inspections", gradeSources), gradeNotes(grades)); err != nil {
		return rc, err
	}
	leadNote := []string{"Leadership is Ofsted's grade for the impact of leaders, given under both frameworks, so it compares councils across the April 2026 change."}
	if rc.Leadership, err = write(dir, FileLeadership, &Chart{Stacked: leadership}, r, foot("Leadership grades", leadSources), leadNote); err != nil {
		return rc, err
	}
	return rc, writeRankings(ctx, dir, r, question, foot, &rc)
}

// writeRankings draws the ranking of each charted measure (a research
// run's: each one asked).
func writeRankings(ctx context.Context, dir string, r *metrics.Report, question string, foot func(string, metrics.SourceSet) string, rc *ReportCharts) error {
	for _, m := range chartMeasures {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !asked(r, m) {
			continue
		}
		d, sources := rankingData(r, m, question)
		ch := &Chart{Ranking: d}
		if len(d.Bars) == 0 {
			ch = &Chart{Title: d.Title, empty: noRanking(r, d)}
		}
		c, err := write(dir, RankingFile(m), ch, r, foot("Figures", sources), rankingNotes(r, d))
		if err != nil {
			return err
		}
		rc.Rankings = append(rc.Rankings, c)
	}
	return nil
}

// write draws a chart from its data, sets its title and alternative text,
// and writes it to dir; a chart without data says why in its place.
func write(dir, file string, ch *Chart, r *metrics.Report, source string, notes []string) (Chart, error) {
	meta := Meta{AsOf: r.AsOf, Source: source, Notes: notes}
	var buf bytes.Buffer
	var err error
	switch {
	case ch.Stacked != nil:
		ch.Title, ch.AltText = ch.Stacked.Title, ch.Stacked.altText()
		err = Stacked(&buf, ch.Stacked, meta)
	case ch.Ranking != nil:
		ch.Title, ch.AltText = ch.Ranking.Title, ch.Ranking.altText()
		err = Ranked(&buf, ch.Ranking, meta)
	case ch.OverTime != nil:
		ch.Title, ch.AltText = ch.OverTime.Title, ch.OverTime.altText()
		err = OverTime(&buf, ch.OverTime, meta)
	case ch.Neighbours != nil:
		ch.Title, ch.AltText = ch.Neighbours.Title, ch.Neighbours.altText()
		err = Neighbours(&buf, ch.Neighbours, meta)
	default:
		ch.AltText = ch.Title + ". " + ch.empty
		err = NoData(&buf, ch.Title, ch.empty, meta)
	}
	if err != nil {
		return Chart{}, fmt.Errorf("%s: %w", file, err)
	}
	ch.File, ch.Source, ch.PNG = file, source, buf.Bytes()
	if err := os.WriteFile(filepath.Join(dir, file), ch.PNG, 0o644); err != nil {
		return Chart{}, err
	}
	return *ch, nil
}

// noRanking says why a ranking has nothing to rank.
func noRanking(r *metrics.Report, d *RankingData) string {
	if d.Date.IsZero() {
		return "Nothing to rank: on no date on or before " + prose.Day(r.AsOf) + " do half of England's councils have a whole-service " +
			measureName(d.Measure) + " figure (scope council, exact or average). Team figures, such as caseloads in one assessment team, are listed with the findings but not ranked."
	}
	return "None of the councils listed has a " + measureName(d.Measure) + " figure for " + prose.Date(d.Date) + ", the date England's councils are ranked at."
}

// listedRegions are the regions of the councils a report lists, in the
// reference order.
func listedRegions(r *metrics.Report) []string {
	present := map[string]bool{}
	for _, c := range r.Listed {
		present[c.Ref.Region] = true
	}
	var out []string
	for _, reg := range reference.Regions {
		if present[reg] {
			out = append(out, reg)
		}
	}
	return out
}

// stacked counts the listed councils of each region by the shade shadeOf
// gives, over the shades given.
func stacked(r *metrics.Report, shades []Shade, shadeOf func(*metrics.Council) Shade) []StackedRow {
	regions := listedRegions(r)
	rows := make([]StackedRow, len(regions))
	at := map[string]int{}
	for i, reg := range regions {
		rows[i] = StackedRow{Label: reg, Counts: make([]int, len(shades))}
		at[reg] = i
	}
	for _, c := range r.Listed {
		s := shadeOf(c)
		for k := range shades {
			if shades[k] == s {
				rows[at[c.Ref.Region]].Counts[k]++
			}
		}
	}
	return rows
}

var gradeShades = []Shade{GradeShade(findings.Outstanding), GradeShade(findings.Good), GradeShade(findings.RequiresImprovement),
	GradeShade(findings.Inadequate)}

// gradeData counts the listed councils by the overall grade of their latest
// inspection: hatched when it gave none, plain grey when never inspected.
func gradeData(r *metrics.Report, question string) (*StackedData, metrics.SourceSet) {
	var sources metrics.SourceSet
	for _, c := range r.Listed {
		if n := len(c.History); n > 0 {
			sources |= c.History[n-1].Sources
		}
	}
	shades := append(append([]Shade(nil), gradeShades...), ShadeNoOverall, ShadeNotInspected)
	return &StackedData{
		Title:   "Councils by the overall grade of their latest Ofsted inspection, by region" + question,
		Shades:  shades,
		Rows:    stacked(r, shades, CouncilShade),
		Counted: "councils by the overall grade of their latest Ofsted inspection",
	}, sources
}

func gradeNotes(d *StackedData) []string {
	for _, row := range d.Rows {
		if row.Counts[len(gradeShades)] > 0 {
			return []string{"Hatched: the latest inspection was under Ofsted's framework from April 2026, which gives no overall grade; an older overall grade is not shown as current (the leadership chart compares every council)."}
		}
	}
	return nil
}

// leadershipShade is a council's latest leadership grade from an
// inspection since metrics.LeadershipSince, as regions and England count it.
func leadershipShade(c *metrics.Council) Shade {
	if c.Leadership.Grade == findings.NoGrade || c.Leadership.Date.Day < metrics.LeadershipSince {
		return ShadeNoLeadership
	}
	return GradeShade(c.Leadership.Grade)
}

// leadershipData counts the listed councils by their latest leadership
// grade: graded under both frameworks, so comparable across April 2026.
func leadershipData(r *metrics.Report, question string) (*StackedData, metrics.SourceSet) {
	var sources metrics.SourceSet
	for _, c := range r.Listed {
		for _, h := range c.History {
			if h.Date == c.Leadership.Date && h.Grades[findings.Leadership] != findings.NoGrade {
				sources |= h.Sources
			}
		}
	}
	shades := append(append([]Shade(nil), gradeShades...), ShadeNoLeadership)
	return &StackedData{
		Title:   "Councils by the leadership grade of their latest inspection since 2018, by region" + question,
		Shades:  shades,
		Rows:    stacked(r, shades, leadershipShade),
		Counted: "councils by the leadership grade of their latest inspection since 2018",
	}, sources
}

// rankingData ranks the listed councils' figures at England's reference
// period (a joint service's once), highest first: the figures England's
// median and ranks are over, so no older figure stands beside them.
func rankingData(r *metrics.Report, m findings.Measure, question string) (*RankingData, metrics.SourceSet) {
	med := r.EnglandMedian(m)
	name := sentence(measureName(m))
	d := &RankingData{ValueLabel: metrics.MeasureHeader(m), Measure: m, Median: med, MedianLabel: "England median"}
	var sources metrics.SourceSet
	if !med.OK {
		d.Title = name + " by council: no figures to rank" + question
		return d, sources
	}
	d.Date = med.Date
	day := med.Date.Day
	listed := rankedOn(r, day)
	figs := r.EnglandFigures(m, day)
	var all []float64 // the values ranked: each bar's position is among them
	for _, g := range figs {
		if g.Numeric() && !g.Point.Small {
			all = append(all, g.Point.Value)
		}
	}
	for _, g := range figs {
		var members []*metrics.Council
		for _, ref := range g.Councils {
			if c := listed[ref.Index]; c != nil {
				members = append(members, c)
			}
		}
		if len(members) > 0 {
			sources |= d.place(r, g, members, all, m, day)
		}
	}
	// Councils listed that did not exist on the reference period (formed
	// after it) have no figure for it.
	for _, c := range r.Listed {
		if !c.Ref.ExistsOn(day) {
			d.Unranked = append(d.Unranked, Missing{Name: c.Ref.Name})
		}
	}
	d.rank(name, question)
	return d, sources
}

// rankedOn are the councils the ranking draws, by index: those listed and,
// for a report (not a research question), the others that existed on the
// reference period. A reference period before a reorganisation ranks the
// councils of that day (Cumbria's 2022 figure among 2022's), so the chart
// draws them too: the ranking and the chart count the same figures.
func rankedOn(r *metrics.Report, day dates.Day) map[int]*metrics.Council {
	listed := map[int]*metrics.Council{}
	for _, c := range r.Listed {
		listed[c.Ref.Index] = c
	}
	if r.Research == nil {
		for _, c := range r.Others {
			if c.Ref.ExistsOn(day) {
				listed[c.Ref.Index] = c
			}
		}
	}
	return listed
}

// place puts one figure of a council or joint service (its members drawn)
// on the chart: a code is listed unranked, a small service's figure apart,
// any other is a bar at its position among all. It returns the figure's
// sources when it is a bar.
func (d *RankingData) place(r *metrics.Report, g metrics.GroupFigure, members []*metrics.Council, all []float64, m findings.Measure, day dates.Day) metrics.SourceSet {
	if !g.Numeric() {
		for _, c := range members {
			d.Unranked = append(d.Unranked, Missing{Name: c.Ref.Name, Code: g.Point.Code})
		}
		return 0
	}
	if g.Point.Small {
		for _, c := range members {
			d.Small = append(d.Small, fmt.Sprintf("%s (%s)", c.Ref.Name, figureText(g.Point.Value, 1, m)))
		}
		return 0
	}
	b := Bar{Value: g.Point.Value, Position: 1}
	for _, v := range all {
		if v < b.Value {
			b.Position++
		}
	}
	for _, c := range members {
		b.Small = b.Small || smallOn(c, m, day)
		b.Councils = append(b.Councils, c.Ref.Name)
		if s := CouncilShade(c); len(b.Shades) == 0 || b.Shades[len(b.Shades)-1] != s {
			b.Shades = append(b.Shades, s)
		}
	}
	b.Label = strings.Join(b.Councils, " & ")
	if g.Joint != nil {
		d.Joint = append(d.Joint, r.Ref.Describe(g.Joint))
	}
	d.Bars = append(d.Bars, b)
	return g.Point.Sources
}

// rank sorts the bars highest first and titles the chart: all of them, or
// the highest and lowest when there are more than MaxRanked.
func (d *RankingData) rank(name, question string) {
	sort.SliceStable(d.Bars, func(i, j int) bool {
		if d.Bars[i].Value != d.Bars[j].Value {
			return d.Bars[i].Value > d.Bars[j].Value
		}
		return d.Bars[i].Label < d.Bars[j].Label
	})
	n := len(d.Bars)
	if n > MaxRanked {
		d.Top, d.Bottom = MaxRanked/2, MaxRanked/2
		d.Title = fmt.Sprintf("%s by council on %s: the %d highest and %d lowest of %d", name, prose.Date(d.Date), d.Top, d.Bottom, n)
	} else {
		d.Top = n
		d.Title = fmt.Sprintf("%s by council on %s: %s ranked", name, prose.Date(d.Date), plural(n, "council"))
	}
	d.Title += question
}

// smallOn reports whether a council's figure on a day is based on small
// numbers: the metrics mark its headline figure, and a figure on another
// day is not known to be.
func smallOn(c *metrics.Council, m findings.Measure, d dates.Day) bool {
	f := c.Figure(m)
	return f.Numeric() && f.Date.Day == d && f.Small
}

// anySmall reports whether a bar is starred as based on small numbers.
func anySmall(bars ...[]Bar) bool {
	for _, bs := range bars {
		for _, b := range bs {
			if b.Small {
				return true
			}
		}
	}
	return false
}

// rankingNotes say what a ranking leaves out and what a joint figure is.
func rankingNotes(r *metrics.Report, d *RankingData) []string {
	var notes []string
	if top, bottom, _ := d.Shown(); anySmall(top, bottom) {
		notes = append(notes, smallNote)
	}
	if len(d.Joint) > 0 {
		notes = append(notes, "One figure for a joint service, ranked once: "+strings.Join(d.Joint, "; ")+".")
	}
	if len(d.Small) > 0 {
		notes = append(notes, fmt.Sprintf("Not ranked, %s (FTE), a figure that one person more or less moves a lot: %s.", fewerWorkers, strings.Join(d.Small, ", ")))
	}
	if k := len(d.Unranked); k > 0 && !d.Date.IsZero() {
		var parts []string
		if k <= 6 {
			for _, u := range d.Unranked {
				parts = append(parts, u.Name+" "+missingText(u.Code))
			}
		} else {
			byCode := map[findings.Code]int{}
			var codes []findings.Code
			for _, u := range d.Unranked {
				if byCode[u.Code] == 0 {
					codes = append(codes, u.Code)
				}
				byCode[u.Code]++
			}
			sort.Slice(codes, func(i, j int) bool { return codes[i] < codes[j] })
			for _, c := range codes {
				parts = append(parts, strconv.Itoa(byCode[c])+" "+missingText(c))
			}
		}
		notes = append(notes, fmt.Sprintf("Not ranked, with no figure for %s: %s.", prose.Date(d.Date), strings.Join(parts, ", ")))
	}
	return notes
}

// missingText is a code as a footnote gives it, or "no figure".
func missingText(c findings.Code) string {
	if c == findings.NoCode {
		return "(no figure)"
	}
	return "(" + codeText(c) + ")"
}

// plural is "1 council", "12 councils".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

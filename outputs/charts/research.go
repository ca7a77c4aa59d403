package charts

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
)

// A research run's charts answer its question first: each workforce
// measure asked over the period, the group's median beside England's (and
// its region's), drawn as the council charts draw series over time.

// TrendFile is a research run's chart of a measure over its period.
func TrendFile(m findings.Measure) string { return "trend_" + m.String() + ".png" }

// Period says a research question's period for a title: "2018 to 2025",
// "since 2018", "to 2025", or "" for an open one.
func Period(from, to dates.Day) string {
	year := func(d dates.Day) string { y, _, _ := d.YMD(); return strconv.Itoa(y) }
	switch {
	case from != 0 && to != 0 && year(from) == year(to):
		return year(from)
	case from != 0 && to != 0:
		return year(from) + " to " + year(to)
	case from != 0:
		return "since " + year(from)
	case to != 0:
		return "to " + year(to)
	}
	return ""
}

// TrendTitle is a trend's title in words: "London's median vacancy rate,
// 2018 to 2025, beside England's".
func TrendTitle(t metrics.Trend) string {
	what := t.Group.Name + "'s median " + measureName(t.Measure)
	if len(t.Group.Members) == 1 && !t.Group.England {
		what = t.Group.Name + "'s " + measureName(t.Measure)
	}
	if t.Group.England {
		what = "England's median " + measureName(t.Measure)
	}
	if p := Period(t.From, t.To); p != "" {
		what += ", " + p
	}
	if !t.Group.England {
		what += ", beside England's"
	}
	return sentence(what)
}

// trendData draws a trend: the group's median (or the council's own
// figure) as the bold line, the region's and England's medians beside it.
func trendData(t metrics.Trend) *OverTimeData {
	d := &OverTimeData{Title: TrendTitle(t), ValueLabel: metrics.MeasureHeader(t.Measure), Measure: t.Measure, Subject: t.Group.Name}
	line := func(name string, role Role, pts []metrics.TrendPoint) {
		l := Line{Name: name, Role: role}
		for i, p := range pts {
			if !p.OK {
				continue
			}
			lp := LinePoint{Date: t.Dates[i], Value: p.Value, Code: p.Code}
			l.Points = append(l.Points, lp)
			l.Latest, l.HasLatest = lp, true
		}
		if len(l.Points) > 0 {
			d.Lines = append(d.Lines, l)
		}
	}
	name := t.Group.Name + " median"
	if len(t.Group.Members) == 1 && !t.Group.England {
		name = t.Group.Name
	}
	if t.Group.England {
		line("England median", RoleCouncil, t.Median)
		return d
	}
	line(name, RoleCouncil, t.Median)
	if t.Group.Region != "" && !t.Group.IsRegion {
		line(t.Group.Region+" median", RoleRegion, t.Region)
	}
	line("England median", RoleEngland, t.England)
	return d
}

// writeTrends draws a research run's trend charts into dir.
func writeTrends(ctx context.Context, dir string, r *metrics.Report, version string) ([]Chart, error) {
	var out []Chart
	for _, t := range r.Research.Trends {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d := trendData(t)
		ch := &Chart{OverTime: d}
		if len(d.Lines) == 0 {
			ch = &Chart{Title: d.Title, empty: fmt.Sprintf("No %s for %s in the period: no figures to draw.", measureName(t.Measure), t.Group.Name)}
		}
		var notes []string
		if t.Group.England {
			notes = append(notes, "Each point is the median of the councils' own figures at a date when at least half of them have one.")
		} else {
			notes = append(notes, fmt.Sprintf("Each point is the median of %s's councils' own figures at a date when at least half of them have one; councils with fewer than %d social workers are left out.", t.Group.Name, metrics.SmallService))
		}
		if n := len(t.Councils); n > 1 {
			notes = append(notes, fmt.Sprintf("Each of the %d councils' own figures is in the tables.", n))
		}
		c, err := write(dir, TrendFile(t.Measure), ch, r, "Figures from official statistics (DfE's children's social work workforce). Made with oversight "+version+".", notes)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// researchPhrase is a research run's question for a chart title:
// " (London, 2018 to 2025)".
func researchPhrase(r *metrics.Report) string {
	if r.Research == nil {
		return ""
	}
	parts := []string{r.Research.Group.Name}
	if p := Period(r.Research.From, r.Research.To); p != "" {
		parts = append(parts, p)
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// asked reports whether a research run asked about a measure (every run
// that is not a research run asks about every one).
func asked(r *metrics.Report, m findings.Measure) bool {
	if r.Research == nil {
		return true
	}
	for _, t := range r.Research.Trends {
		if t.Measure == m {
			return true
		}
	}
	return false
}

// askedGrades reports whether a run shows grades: every run but a
// research run about workforce figures alone.
func askedGrades(r *metrics.Report) bool {
	return r.Research == nil || len(r.Research.GradeTrends) > 0
}

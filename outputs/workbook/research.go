package workbook

import (
	"fmt"
	"strings"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/prose"
	"github.com/oversight/oversight/outputs/summary"
	"github.com/oversight/oversight/outputs/table"
)

// A research run's workbook leads with its answer: a trend sheet for each
// measure asked (the group's median at each date of the period beside
// England's and its region's, then each council's own figure), its chart
// beside it, and a grade sheet for each judgement area asked.

// trendSheet is a measure's trend as a table sheet.
func trendSheet(t metrics.Trend) TableSheet {
	name := sentence(t.Measure.Def().Short())
	if len(name) > 24 {
		name = name[:24]
	}
	return TableSheet{Name: name + " trend", Title: charts.TrendTitle(t),
		Description: summary.TrendHeadline(t),
		Lines: []string{summary.TrendHeadline(t),
			"Medians are of the councils' own figures at dates when at least half of the group's councils have one; councils with fewer than 20 social workers are left out of them."},
		Notes: []string{noteMedians, noteSmall}, Table: trendTable(t), OnePage: len(t.Councils) <= 40}
}

// trendTable has one row per series (the group's median, the region's,
// England's, then each council) and one column per date.
func trendTable(t metrics.Trend) table.Table {
	kind := table.Number
	if t.Measure.Rate() {
		kind = table.Percent
	}
	cols := []table.Column{{Name: "series", Header: "Figure", Kind: table.Text, Width: 34}}
	for _, d := range t.Dates {
		cols = append(cols, table.Column{Name: "d" + d.String(), Header: prose.Date(d), Kind: kind, Width: 11})
	}
	tb := &cellTable{name: "trend_" + t.Measure.String(), cols: cols}
	row := func(label string, pts []metrics.TrendPoint, decimals int) {
		cells := []table.Cell{textCell(label)}
		for _, p := range pts {
			cells = append(cells, table.TrendCell(t.Measure, p, uint8(decimals)))
		}
		tb.rows = append(tb.rows, cells)
	}
	switch {
	case t.Group.England:
		row("England median", t.Median, 2)
	case len(t.Group.Members) == 1:
		row(t.Group.Name, t.Median, 1)
		if t.Group.Region != "" {
			row(t.Group.Region+" median", t.Region, 2)
		}
		row("England median", t.England, 2)
	default:
		row(t.Group.Name+" median", t.Median, 2)
		if t.Group.Region != "" && !t.Group.IsRegion {
			row(t.Group.Region+" median", t.Region, 2)
		}
		row("England median", t.England, 2)
		for _, c := range t.Councils {
			label := c.Council.Name
			for _, p := range c.Points {
				if p.Small {
					label += " (fewer than 20 social workers: not in the median)"
					break
				}
			}
			row(label, c.Points, 1)
		}
	}
	return tb
}

// gradeTrendSheet is a judgement area's grades at each year end.
func gradeTrendSheet(g metrics.GradeTrend) TableSheet {
	area := "Overall"
	if g.Area != findings.Overall {
		area = sentence(g.Area.Words())
	}
	tb := table.GradeTrend(g)
	title := fmt.Sprintf("%s's councils by their latest %s grade at the end of each year", g.Group.Name, strings.ToLower(area))
	if len(g.Years) > 0 {
		if p := charts.Period(g.Years[0], g.Years[len(g.Years)-1]); p != "" {
			title += ", " + p
		}
	}
	return TableSheet{Name: area + " grades by year", Title: title, Description: summary.GradeTrendHeadline(g),
		Lines: []string{summary.GradeTrendHeadline(g)}, Notes: []string{noteFramework}, Table: tb}
}

func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

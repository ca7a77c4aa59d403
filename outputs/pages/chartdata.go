package pages

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/prose"
	"github.com/oversight/oversight/outputs/table"
)

// A chart on a page is the PNG the run drew, with its alternative text,
// and beside it the numbers it draws as a table (from the data the chart
// was drawn from, so the two cannot differ).

// chartBlock is a chart (its file in the charts folder, from the page at
// root) and its numbers.
func chartBlock(id, root string, c charts.Chart) block {
	b := block{Figure: &figure{Src: root + "charts/" + path.Base(c.File), Alt: c.AltText, Caption: "Source: " + c.Source,
		Width: charts.WidthPx, Height: charts.HeightPx}}
	if t := chartTable(id, c); t != nil {
		b.Table = t
	}
	return b
}

// chartTable is the chart's numbers as a table; nil for a chart that says
// there is nothing to draw (its alternative text says why).
func chartTable(id string, c charts.Chart) *Table {
	switch {
	case c.Stacked != nil:
		return stackedTable(id, c.Stacked)
	case c.Ranking != nil:
		return rankingTable(id, c.Ranking)
	case c.OverTime != nil:
		return overTimeTable(id, c.OverTime)
	case c.Neighbours != nil:
		return neighboursTable(id, c.Neighbours)
	}
	return nil
}

func intText(n int) Cell { return Cell{Text: strconv.Itoa(n), Num: true} }

// measureCell is a figure of a measure as the workbook shows it: one
// decimal place, or up to two for a median.
func measureCell(m findings.Measure, v float64, decimals uint8) Cell {
	k := table.Number
	if m.Rate() {
		k = table.Percent
	}
	c := table.Cell{Kind: k, Num: v, Decimals: decimals}
	return cellOf(&c)
}

func codeCell(code findings.Code) Cell {
	if code == findings.NoCode {
		return Cell{Text: "no figure"}
	}
	return Cell{Text: code.String(), Code: true}
}

func stackedTable(id string, d *charts.StackedData) *Table {
	t := &Table{ID: id, Caption: "The numbers in the chart: " + lowerFirst(d.Counted), RowHeads: true}
	t.Cols = append(t.Cols, Col{Text: "Region"})
	for _, s := range d.Shades {
		t.Cols = append(t.Cols, Col{Text: s.Label, Num: true})
	}
	t.Cols = append(t.Cols, Col{Text: "Councils", Num: true})
	totals := make([]int, len(d.Shades))
	for _, r := range d.Rows {
		row := []Cell{{Text: r.Label}}
		for i, n := range r.Counts {
			row = append(row, intText(n))
			totals[i] += n
		}
		t.Rows = append(t.Rows, append(row, intText(r.Total())))
	}
	if len(d.Rows) > 1 {
		row := []Cell{{Text: "All regions listed"}}
		all := 0
		for _, n := range totals {
			row = append(row, intText(n))
			all += n
		}
		t.Rows = append(t.Rows, append(row, intText(all)))
	}
	return t
}

func rankingTable(id string, d *charts.RankingData) *Table {
	t := &Table{ID: id, Caption: fmt.Sprintf("The numbers in the chart: %s by council on %s, highest first", lowerFirst(d.ValueLabel), prose.Date(d.Date)),
		Cols: []Col{{Text: "Place (1 is the lowest figure)", Num: true}, {Text: "Council"}, {Text: d.ValueLabel, Num: true}, {Text: "Latest overall grade (the bar's colour)"}}}
	top, bottom, between := d.Shown()
	add := func(bs []charts.Bar) {
		for _, b := range bs {
			v := measureCell(d.Measure, b.Value, 1)
			if b.Small {
				v.Sub = "small numbers"
			}
			var shades []string
			for _, s := range b.Shades {
				shades = append(shades, s.Label)
			}
			g := Cell{Text: strings.Join(shades, "; ")}
			if len(b.Shades) == 1 {
				g.Grade = gradeClass(strings.ToLower(b.Shades[0].Label))
			}
			t.Rows = append(t.Rows, []Cell{intText(b.Position), {Text: b.Label}, v, g})
		}
	}
	add(top)
	if between > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("The chart and this table show the %d highest and %d lowest figures; the %d between them are in the table of every council below and in councils.csv.", len(top), len(bottom), between))
	}
	add(bottom)
	if d.Median.OK {
		t.Notes = append(t.Notes, fmt.Sprintf("%s: %s (%s, over %d figures).", d.MedianLabel, measureCell(d.Measure, d.Median.Value, 2).Text, prose.Date(d.Median.Date), d.Median.N))
	}
	if len(d.Unranked) > 0 {
		var names []string
		for _, u := range d.Unranked {
			names = append(names, u.Name+" ("+codeCell(u.Code).Text+")")
		}
		t.Notes = append(t.Notes, "Not ranked, with no figure for "+prose.Date(d.Date)+": "+strings.Join(names, ", ")+".")
	}
	if len(d.Joint) > 0 {
		t.Notes = append(t.Notes, "One figure for a joint service, ranked once: "+strings.Join(d.Joint, "; ")+".")
	}
	return t
}

func overTimeTable(id string, d *charts.OverTimeData) *Table {
	t := &Table{ID: id, Caption: "The numbers in the chart: " + lowerFirst(d.Title), RowHeads: true, Cols: []Col{{Text: "Date"}}}
	type key = dates.Day
	rows := map[key][]Cell{}
	when := map[key]dates.Date{}
	width := len(d.Lines)
	if len(d.Other) > 0 {
		width++
	}
	put := func(col int, dt dates.Date, c Cell) {
		r := rows[dt.Day]
		if r == nil {
			r = make([]Cell, width)
			for i := range r {
				r[i] = Cell{Text: "", Num: true}
			}
			rows[dt.Day] = r
			when[dt.Day] = dt
		}
		r[col] = c
	}
	for i, l := range d.Lines {
		t.Cols = append(t.Cols, Col{Text: l.Name, Num: true})
		dec := uint8(1)
		if l.Role != charts.RoleCouncil {
			dec = 2
		}
		for _, p := range l.Points {
			c := codeCell(p.Code)
			if p.Numeric() {
				c = measureCell(d.Measure, p.Value, dec)
			}
			c.Num = true
			put(i, p.Date, c)
		}
	}
	if len(d.Other) > 0 {
		t.Cols = append(t.Cols, Col{Text: d.Subject + ", other sources (" + d.OtherSources + ")", Num: true})
		for _, p := range d.Other {
			c := codeCell(p.Code)
			if p.Code == findings.NoCode {
				c = measureCell(d.Measure, p.Value, 1)
			}
			c.Num = true
			put(len(d.Lines), p.Date, c)
		}
	}
	days := make([]key, 0, len(rows))
	for k := range rows {
		days = append(days, k)
	}
	sortDays(days)
	for _, k := range days {
		t.Rows = append(t.Rows, append([]Cell{{Text: prose.Date(when[k])}}, rows[k]...))
	}
	t.Notes = append(t.Notes, "An empty cell: no figure for that date.")
	return t
}

func neighboursTable(id string, d *charts.NeighboursData) *Table {
	t := &Table{ID: id, Caption: "The numbers in the chart: " + lowerFirst(d.Title), Cols: []Col{{Text: "Measure and date"}, {Text: "Council"}, {Text: "Figure", Num: true}}}
	for _, p := range d.Panels {
		for _, b := range p.Bars {
			v := measureCell(p.Measure, b.Value, 1)
			if b.Small {
				v.Sub = "small numbers"
			}
			name := b.Label
			if b.Highlight {
				name += " (this council)"
			}
			t.Rows = append(t.Rows, []Cell{{Text: p.Heading}, {Text: name}, v})
		}
		if p.OwnMissing != nil {
			t.Rows = append(t.Rows, []Cell{{Text: p.Heading}, {Text: p.OwnMissing.Name + " (this council)"}, codeCell(p.OwnMissing.Code)})
		}
		for _, m := range p.Missing {
			t.Rows = append(t.Rows, []Cell{{Text: p.Heading}, {Text: m.Name}, codeCell(m.Code)})
		}
		if p.Median.OK {
			t.Rows = append(t.Rows, []Cell{{Text: p.Heading}, {Text: "Statistical neighbours' median"}, measureCell(p.Measure, p.Median.Value, 2)})
		}
	}
	return t
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func sortDays(ds []dates.Day) { slices.Sort(ds) }

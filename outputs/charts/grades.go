package charts

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// StackedData is a stacked bar chart of councils counted by shade, one
// horizontal bar per row (a region), first row at the top.
type StackedData struct {
	Title string
	// Shades are the segments, left to right; each row's Counts are in the
	// same order.
	Shades []Shade
	Rows   []StackedRow
	// Counted says what is counted, for the alternative text: "councils by
	// the overall grade of their latest inspection".
	Counted string
}

// StackedRow is one bar: a region's councils counted by shade.
type StackedRow struct {
	Label  string
	Counts []int
}

// Total is the number of councils in the row.
func (r StackedRow) Total() int {
	n := 0
	for _, c := range r.Counts {
		n += c
	}
	return n
}

// minStackedRows keeps a chart of one or two regions (a research run's)
// from drawing bars as tall as the page.
const minStackedRows = 6

// Stacked draws d: each bar split into its shades' segments, left to right,
// each with its count inside when it fits, the row's total after the bar,
// and a legend of the shades under the title.
func Stacked(w io.Writer, d *StackedData, meta Meta) error {
	if len(d.Rows) == 0 {
		return fmt.Errorf("charts: %q: no rows to chart", d.Title)
	}
	if err := meta.check(); err != nil {
		return err
	}
	maxTotal := 0
	used := map[Shade]bool{}
	for _, r := range d.Rows {
		if len(r.Counts) != len(d.Shades) {
			return fmt.Errorf("charts: %q: row %q has %d counts for %d shades", d.Title, r.Label, len(r.Counts), len(d.Shades))
		}
		for i, n := range r.Counts {
			if n < 0 {
				return fmt.Errorf("charts: %q: row %q has a negative count (%d) for %s", d.Title, r.Label, n, d.Shades[i].Label)
			}
			if n > 0 {
				used[d.Shades[i]] = true
			}
		}
		maxTotal = max(maxTotal, r.Total())
	}
	if maxTotal == 0 {
		return errors.New("charts: " + strconv.Quote(d.Title) + ": every count is zero")
	}

	var legend []legendEntry
	for _, s := range d.Shades {
		if used[s] || isGradeShade(s) {
			s := s
			legend = append(legend, legendEntry{label: s.Label, shade: &s})
		}
	}

	n := len(d.Rows)
	bars := &hbars{
		thickness: 0.68,
		insideSt:  style(sansBold, 10.5, ink),
		afterSt:   style(sansBold, 10.5, softInk),
	}
	ticks := make([]plot.Tick, n)
	for i, r := range d.Rows {
		y := float64(n - 1 - i) // first row at the top
		ticks[i] = plot.Tick{Value: y, Label: r.Label}
		x := 0
		for j, c := range r.Counts {
			if c == 0 {
				continue
			}
			bars.bars = append(bars.bars, hbar{y: y, x0: float64(x), x1: float64(x + c), shades: d.Shades[j : j+1], inside: strconv.Itoa(c)})
			x += c
		}
		bars.after = append(bars.after, barLabel{y: y, x: float64(x), text: strconv.Itoa(x)})
	}

	p := newPlot("Number of councils", "")
	p.X.Min, p.X.Max, p.X.Tick.Marker = valueAxis(0, float64(maxTotal), 0.08, true)
	// Half a row above the first bar holds the "Region" column header.
	pad := float64(max(0, minStackedRows-n)) / 2 // a few bars, centred
	p.Y.Min, p.Y.Max = -0.6-pad, float64(n)+0.15+pad
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Length = 0
	p.Y.Tick.Label.YAlign = capsMiddle(p.Y.Tick.Label)

	grid := plotter.NewGrid()
	grid.Vertical = draw.LineStyle{Color: gridGrey, Width: 0.7}
	grid.Horizontal.Color = nil
	p.Add(grid, bars, &rowHeader{text: "Region", y: float64(n) - 0.2, sty: style(sansBold, tickSize, ink)})

	return render(w, HeightPx, newFrame(d.Title, legend, meta), func(area draw.Canvas) {
		p.Draw(area)
	})
}

// isGradeShade reports whether s is one of the four grades' shades, which
// every grade legend lists whether used or not.
func isGradeShade(s Shade) bool {
	for _, g := range shadeOrder[:4] {
		if g == s {
			return true
		}
	}
	return false
}

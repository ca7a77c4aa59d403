package charts

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"

	"github.com/oversight/oversight/analysis/findings"
)

// RegionGrades is one region's councils counted by latest grade. Counts is
// indexed by findings.GradeValue; Counts[findings.NoGrade] is the number of
// councils with no grade yet.
type RegionGrades struct {
	Region string
	Counts [5]int
}

// segmentOrder is the order of a bar's segments, left to right, and of the
// legend: best grade first, no grade last.
var segmentOrder = []findings.GradeValue{
	findings.Outstanding, findings.Good, findings.RequiresImprovement, findings.Inadequate, findings.NoGrade,
}

// GradesByRegionTitle is the title GradesByRegion gives its chart.
const GradesByRegionTitle = "Councils by latest Ofsted grade, by region"

// GradesByRegion draws a stacked bar chart of councils by latest Ofsted grade,
// one horizontal bar per region in the order given (first at the top), so
// that long region names stay readable. Each bar is split into segments,
// left to right: Outstanding, Good, Requires improvement, Inadequate, then
// no grade in grey. Each segment carries its count and each bar ends with the
// region's total. The legend sits under the title, outside the plot area.
func GradesByRegion(w io.Writer, rows []RegionGrades, meta Meta) error {
	if len(rows) == 0 {
		return errors.New("charts: GradesByRegion: no regions to chart")
	}
	if err := meta.check(); err != nil {
		return err
	}
	maxTotal, anyUngraded := 0, false
	for _, r := range rows {
		total := 0
		for g, n := range r.Counts {
			if n < 0 {
				return fmt.Errorf("charts: GradesByRegion: region %q has a negative count (%d) for %s", r.Region, n, GradeLabel(findings.GradeValue(g)))
			}
			total += n
		}
		if r.Counts[findings.NoGrade] > 0 {
			anyUngraded = true
		}
		maxTotal = max(maxTotal, total)
	}
	if maxTotal == 0 {
		return errors.New("charts: GradesByRegion: every count is zero")
	}

	var legend []legendEntry
	for _, g := range segmentOrder {
		if g == findings.NoGrade && !anyUngraded {
			continue
		}
		legend = append(legend, legendEntry{label: GradeLabel(g), swatch: GradeColour(g)})
	}

	n := len(rows)
	bars := &hbars{
		thickness: 0.68,
		insideSt:  style(sansBold, 10.5, ink),
		afterSt:   style(sansBold, 10.5, softInk),
	}
	ticks := make([]plot.Tick, n)
	for i, r := range rows {
		y := float64(n - 1 - i) // first region at the top
		ticks[i] = plot.Tick{Value: y, Label: r.Region}
		x := 0
		for _, g := range segmentOrder {
			c := r.Counts[g]
			if c == 0 {
				continue
			}
			bars.bars = append(bars.bars, hbar{y: y, x0: float64(x), x1: float64(x + c), fill: GradeColour(g), inside: strconv.Itoa(c)})
			x += c
		}
		bars.after = append(bars.after, barLabel{y: y, x: float64(x), text: strconv.Itoa(x)})
	}

	p := newPlot("Number of councils", "")
	p.X.Min, p.X.Max, p.X.Tick.Marker = valueAxis(0, float64(maxTotal), 0.08, true)
	// Half a row above the first bar holds the "Region" column header.
	p.Y.Min, p.Y.Max = -0.6, float64(n)+0.15
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Length = 0
	p.Y.Tick.Label.YAlign = capsMiddle(p.Y.Tick.Label)

	grid := plotter.NewGrid()
	grid.Vertical = draw.LineStyle{Color: gridGrey, Width: 0.7}
	grid.Horizontal.Color = nil
	p.Add(grid, bars, &rowHeader{text: "Region", y: float64(n) - 0.2, sty: style(sansBold, tickSize, ink)})

	f := newFrame(GradesByRegionTitle, legend, meta)
	return render(w, HeightPx, f, func(area draw.Canvas) {
		p.Draw(area)
	})
}

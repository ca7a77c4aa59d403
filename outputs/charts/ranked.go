package charts

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/oversight/oversight/analysis/findings"
)

// CouncilValue is one council's value of a measure, with its latest grade
// (which colours its bar).
type CouncilValue struct {
	Name  string
	Grade findings.GradeValue
	Value float64
}

// Ranked layout, in points.
const (
	rankNameSize  = 9.5  // council names on the value axis
	rankRowPitch  = 12.5 // distance between bar centres
	rankValueSize = 8.5  // values after bar ends
)

// Ranked draws a horizontal bar chart of councils ranked by value, highest at
// the top, one bar per council coloured by its grade (legend under the
// title), with each value written after its bar and a dashed vertical line
// at median labelled "<medianLabel> <median>" above the first bar and below
// the last. The image is 1600 px wide and grows in height with the number
// of councils so every name stays legible (about 28 px per council).
//
// Rows whose Value is NaN are left out (not drawn, not ranked); an
// infinite value is an error. Ties are ranked by name. A NaN median draws
// no line; an empty medianLabel reads "Median".
func Ranked(w io.Writer, title, valueLabel string, rows []CouncilValue, median float64, medianLabel string, meta Meta) error {
	if err := meta.check(); err != nil {
		return err
	}
	kept := make([]CouncilValue, 0, len(rows))
	for _, r := range rows {
		if math.IsNaN(r.Value) {
			continue
		}
		if math.IsInf(r.Value, 0) {
			return fmt.Errorf("charts: Ranked %q: council %q has an infinite value", title, r.Name)
		}
		kept = append(kept, r)
	}
	if len(kept) == 0 {
		if len(rows) == 0 {
			return fmt.Errorf("charts: Ranked %q: no councils to chart", title)
		}
		return fmt.Errorf("charts: Ranked %q: all %d councils have no value (NaN)", title, len(rows))
	}
	if math.IsInf(median, 0) {
		return errors.New("charts: Ranked: the median is infinite")
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].Value != kept[j].Value {
			return kept[i].Value > kept[j].Value
		}
		return kept[i].Name < kept[j].Name
	})

	// Values are written with one decimal unless they are all whole numbers.
	decimals := 0
	lo, hi := 0.0, 0.0
	anyUngraded := false
	for _, r := range kept {
		if r.Value != math.Trunc(r.Value) {
			decimals = 1
		}
		lo, hi = math.Min(lo, r.Value), math.Max(hi, r.Value)
		if r.Grade == findings.NoGrade || int(r.Grade) >= len(gradeColours) {
			anyUngraded = true
		}
	}
	hasMedian := !math.IsNaN(median)
	if hasMedian {
		lo, hi = math.Min(lo, median), math.Max(hi, median)
	}
	medianText := ""
	if hasMedian {
		lbl := strings.TrimSpace(medianLabel)
		if lbl == "" {
			lbl = "Median"
		}
		md := decimals
		if median != math.Trunc(median) {
			md = 1
		}
		medianText = lbl + " " + formatNumber(median, md)
	}

	n := len(kept)
	bars := &hbars{
		thickness: 0.72,
		insideSt:  style(sans, rankValueSize, ink),
		afterSt:   style(sans, rankValueSize, softInk),
	}
	ticks := make([]plot.Tick, n)
	for i, r := range kept {
		y := float64(n - 1 - i) // highest at the top
		ticks[i] = plot.Tick{Value: y, Label: r.Name}
		x0, x1 := math.Min(0, r.Value), math.Max(0, r.Value)
		bars.bars = append(bars.bars, hbar{y: y, x0: x0, x1: x1, fill: GradeColour(r.Grade)})
		bars.after = append(bars.after, barLabel{y: y, x: x1, text: formatNumber(r.Value, decimals)})
	}

	var legend []legendEntry
	for _, g := range segmentOrder {
		if g == findings.NoGrade && !anyUngraded {
			continue
		}
		legend = append(legend, legendEntry{label: GradeLabel(g), swatch: GradeColour(g)})
	}
	medianStyle := draw.LineStyle{Color: ink, Width: 1.6, Dashes: []vg.Length{6, 3}}
	if hasMedian {
		legend = append(legend, legendEntry{label: medianText, line: &medianStyle})
	}

	p := newPlot(valueLabel, "")
	p.X.Min, p.X.Max, p.X.Tick.Marker = valueAxis(lo, hi, 0.12, false)
	// One empty row above the first bar and one below the last hold the
	// median labels.
	p.Y.Min, p.Y.Max = -1.8, float64(n)+0.8
	p.Y.Tick.Label.Font.Size = rankNameSize
	// gonum makes room for the widest tick label only; when every name is
	// shorter than the bold column header, an invisible label as wide as
	// the header keeps it from being cut off at the left edge.
	header := "Council (highest first)"
	headerSt := style(sansBold, rankNameSize, ink)
	if pad := int(math.Ceil(float64(headerSt.Width(header) / p.Y.Tick.Label.Width(" ")))); pad > 0 {
		ticks = append(ticks, plot.Tick{Value: float64(n), Label: strings.Repeat(" ", pad)})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Length = 0
	p.Y.Tick.Label.YAlign = capsMiddle(p.Y.Tick.Label)

	grid := plotter.NewGrid()
	grid.Vertical = draw.LineStyle{Color: gridGrey, Width: 0.7}
	grid.Horizontal.Color = nil
	// Bars, then the median line over them, then the values on top.
	values := &hbars{after: bars.after, afterSt: bars.afterSt}
	bars.after = nil
	p.Add(grid, bars)
	if hasMedian {
		p.Add(&refLine{
			x: median, label: medianText, style: medianStyle,
			labelSt: style(sansBold, 10, ink),
			topY:    float64(n), botY: -1,
		})
	}
	p.Add(values, &rowHeader{text: header, y: float64(n), sty: headerSt})

	f := newFrame(title, legend, meta)
	// The plot area holds n+2.6 rows plus the value axis below them.
	axisH := p.X.Tick.Label.Height("0") + p.X.Tick.Length + p.X.Label.TextStyle.Height(valueLabel) + p.X.Label.Padding + 2
	plotH := vg.Length(float64(n)+2.6)*rankRowPitch + axisH
	total := f.headerHeight() + plotH + f.footerHeight()
	heightPx := int(math.Ceil(float64(total / vg.Inch * DPI)))
	return render(w, heightPx, f, func(area draw.Canvas) {
		p.Draw(area)
	})
}

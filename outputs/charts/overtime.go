package charts

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"sort"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/oversight/oversight/analysis/dates"
)

// Point is one dated value.
type Point struct {
	Date  dates.Day
	Value float64
}

// Role says what a series is, which sets how it is drawn so the lines can be
// told apart without colour.
type Role uint8

const (
	// Council: bold solid black line, round markers.
	Council Role = iota
	// Region: dashed reddish-purple line, triangle markers.
	Region
	// England: dotted grey line, square markers.
	England
)

// Series is one line of an OverTime chart.
type Series struct {
	Name   string
	Points []Point
	Role   Role
}

type roleStyle struct {
	line  draw.LineStyle
	glyph draw.GlyphStyle
}

func styleFor(r Role) roleStyle {
	switch r {
	case Region:
		c := color.RGBA{R: 0xA0, G: 0x3C, B: 0x78, A: 0xFF}
		return roleStyle{
			line:  draw.LineStyle{Color: c, Width: 2.2, Dashes: []vg.Length{8, 4}},
			glyph: draw.GlyphStyle{Color: c, Radius: 4.2, Shape: draw.PyramidGlyph{}},
		}
	case England:
		c := color.RGBA{R: 0x66, G: 0x66, B: 0x66, A: 0xFF}
		return roleStyle{
			line:  draw.LineStyle{Color: c, Width: 2.2, Dashes: []vg.Length{2, 3}},
			glyph: draw.GlyphStyle{Color: c, Radius: 3.6, Shape: draw.BoxGlyph{}},
		}
	}
	c := color.RGBA{A: 0xFF}
	return roleStyle{
		line:  draw.LineStyle{Color: c, Width: 3.2},
		glyph: draw.GlyphStyle{Color: c, Radius: 4.6, Shape: draw.CircleGlyph{}},
	}
}

// OverTime draws a line chart with point markers: typically a council's
// figure over time beside its region's and England's medians. Each series
// is drawn by its Role (Council bold solid with circles, Region dashed with
// triangles, England dotted with squares) and named in the legend under the
// title with its latest value. The x axis shows dates with DateTicks (months, quarters or years,
// by span); the value axis starts at zero with headroom.
//
// Series may have different dates and a single point. Points are drawn in
// date order; a NaN value breaks the line. A series with no values stays in
// the legend, marked "(no data)". It is an error if no series has a value.
func OverTime(w io.Writer, title, valueLabel string, series []Series, meta Meta) error {
	if len(series) == 0 {
		return fmt.Errorf("charts: OverTime %q: no series to chart", title)
	}
	if err := meta.check(); err != nil {
		return err
	}
	var (
		minD, maxD dates.Day
		lo, hi     = 0.0, 0.0
		nPoints    int
	)
	for _, s := range series {
		if s.Role > England {
			return fmt.Errorf("charts: OverTime %q: series %q has an unknown role %d", title, s.Name, s.Role)
		}
		for _, pt := range s.Points {
			if math.IsNaN(pt.Value) {
				continue
			}
			if math.IsInf(pt.Value, 0) {
				return fmt.Errorf("charts: OverTime %q: series %q has an infinite value on %s", title, s.Name, pt.Date)
			}
			if nPoints == 0 || pt.Date < minD {
				minD = pt.Date
			}
			if nPoints == 0 || pt.Date > maxD {
				maxD = pt.Date
			}
			lo, hi = math.Min(lo, pt.Value), math.Max(hi, pt.Value)
			nPoints++
		}
	}
	if nPoints == 0 {
		return fmt.Errorf("charts: OverTime %q: no series has a value to chart", title)
	}

	p := newPlot("Date", valueLabel)
	p.Y.Min, p.Y.Max, p.Y.Tick.Marker = valueAxis(lo, hi, 0.12, false)
	span := float64(maxD - minD)
	pad := math.Max(10, span*0.04)
	if span == 0 {
		pad = 45 // a single date: show the months around it
	}
	p.X.Min, p.X.Max = float64(minD)-pad, float64(maxD)+pad
	p.X.Tick.Marker = DateTicks{}

	grid := plotter.NewGrid()
	grid.Horizontal = draw.LineStyle{Color: gridGrey, Width: 0.7}
	grid.Vertical.Color = nil
	p.Add(grid)

	// Draw England first and the council last, so the council is on top.
	order := make([]int, len(series))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return series[order[a]].Role > series[order[b]].Role })
	for _, i := range order {
		s := series[i]
		st := styleFor(s.Role)
		pts := append([]Point(nil), s.Points...)
		sort.SliceStable(pts, func(a, b int) bool { return pts[a].Date < pts[b].Date })
		var seg plotter.XYs
		var all plotter.XYs
		flush := func() {
			if len(seg) > 1 {
				l := &plotter.Line{XYs: seg, LineStyle: st.line}
				p.Add(l)
			}
			seg = nil
		}
		for _, pt := range pts {
			if math.IsNaN(pt.Value) {
				flush()
				continue
			}
			xy := plotter.XY{X: float64(pt.Date), Y: pt.Value}
			seg = append(seg, xy)
			all = append(all, xy)
		}
		flush()
		if len(all) > 0 {
			p.Add(&plotter.Scatter{XYs: all, GlyphStyle: st.glyph})
		}
	}
	// Adding plotters widened the axes to the data; put back the ranges
	// chosen above.
	p.Y.Min, p.Y.Max, p.Y.Tick.Marker = valueAxis(lo, hi, 0.12, false)
	p.X.Min, p.X.Max = float64(minD)-pad, float64(maxD)+pad

	// The legend names each series with its latest value, so the figures a
	// councillor asks for first are there without reading them off the axis.
	decimals := 0
	for _, s := range series {
		for _, pt := range s.Points {
			if !math.IsNaN(pt.Value) && pt.Value != math.Trunc(pt.Value) {
				decimals = 1
			}
		}
	}
	legend := make([]legendEntry, 0, len(series))
	for _, s := range series {
		st := styleFor(s.Role)
		label := s.Name + " (no data)"
		if last, ok := latest(s.Points); ok {
			label = s.Name + " (latest " + formatNumber(last.Value, decimals) + ", " + last.Date.String() + ")"
		}
		legend = append(legend, legendEntry{label: label, line: &st.line, glyph: &st.glyph})
	}

	f := newFrame(title, legend, meta)
	return render(w, HeightPx, f, func(area draw.Canvas) {
		p.Draw(area)
	})
}

// latest is the point with the latest date and a value.
func latest(pts []Point) (Point, bool) {
	var out Point
	found := false
	for _, p := range pts {
		if !math.IsNaN(p.Value) && (!found || p.Date >= out.Date) {
			out, found = p, true
		}
	}
	return out, found
}

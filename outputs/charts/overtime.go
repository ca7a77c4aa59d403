package charts

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/outputs/prose"
)

// Role says what a line is, which sets how it is drawn so the lines can be
// told apart without colour.
type Role uint8

const (
	// RoleCouncil: bold solid black line, round markers.
	RoleCouncil Role = iota
	// RoleRegion: dashed reddish-purple line, triangle markers.
	RoleRegion
	// RoleEngland: dotted grey line, square markers.
	RoleEngland
)

// LinePoint is one date of a line: a number, or the suppression code
// published instead of one (drawn as a gap labelled with the code).
type LinePoint struct {
	Date  dates.Date
	Value float64
	Code  findings.Code
}

// Numeric reports whether the point has a number.
func (p LinePoint) Numeric() bool { return p.Code == findings.NoCode }

// Line is a series drawn as a line with markers: a council's official
// figures, or a median series.
type Line struct {
	Name   string
	Role   Role
	Points []LinePoint
	// Latest is the point the legend names: the council's headline figure,
	// or a median at its reference period. HasLatest is false for a line
	// with no point.
	Latest    LinePoint
	HasLatest bool
}

// Mark is a figure from a source other than official statistics, drawn
// apart from the lines at its own precision: a diamond on its day, a bar
// across its month or year (a year-only figure is not a point on
// 1 January).
type Mark struct {
	Date   dates.Date
	Value  float64
	Code   findings.Code
	Source string // "news reports"
}

// OverTimeData is a council's figures of a measure over time beside median
// lines.
type OverTimeData struct {
	Title, ValueLabel string
	Measure           findings.Measure
	// Subject is the council's name.
	Subject string
	// Lines are the council's official series first, then the medians.
	Lines []Line
	// Other are the council's figures from other sources.
	Other []Mark
	// OtherSources names the kinds of source of Other.
	OtherSources string
	// Small marks the council's latest figure as based on fewer than
	// metrics.SmallService social workers (starred in the legend).
	Small bool
}

type roleStyle struct {
	line  draw.LineStyle
	glyph draw.GlyphStyle
}

func styleFor(r Role) roleStyle {
	switch r {
	case RoleRegion:
		c := color.RGBA{R: 0xA0, G: 0x3C, B: 0x78, A: 0xFF}
		return roleStyle{
			line:  draw.LineStyle{Color: c, Width: 2.2, Dashes: []vg.Length{8, 4}},
			glyph: draw.GlyphStyle{Color: c, Radius: 4.2, Shape: draw.PyramidGlyph{}},
		}
	case RoleEngland:
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

// Other sources' marks: Okabe-Ito sky blue (no grade has it) with a dark
// outline, so they stand apart from every line.
var (
	markFill    = color.RGBA{R: 0x56, G: 0xB4, B: 0xE9, A: 0xFF}
	markOutline = color.RGBA{R: 0x1A, G: 0x4A, B: 0x6E, A: 0xFF}
)

// OverTime draws d: each line by its Role (council bold solid with circles,
// region dashed with triangles, England dotted with squares), named in the
// legend with its latest value; a code in place of a figure breaks the line
// and is written at its date above the axis; figures from other sources are
// separate labelled marks at their own precision. The x axis shows dates
// with DateTicks; the value axis starts at zero with headroom.
func OverTime(w io.Writer, d *OverTimeData, meta Meta) error {
	if len(d.Lines) == 0 && len(d.Other) == 0 {
		return fmt.Errorf("charts: OverTime %q: nothing to chart", d.Title)
	}
	if err := meta.check(); err != nil {
		return err
	}
	e, err := d.extent()
	if err != nil {
		return err
	}
	p := newPlot("", d.ValueLabel)
	p.X.Tick.Marker = DateTicks{}
	grid := plotter.NewGrid()
	grid.Horizontal = draw.LineStyle{Color: gridGrey, Width: 0.7}
	grid.Vertical.Color = nil
	p.Add(grid)
	codes := d.addLines(p)
	if len(d.Other) > 0 {
		p.Add(&marks{marks: d.Other, measure: d.Measure, sty: style(sans, 9.5, ink)})
	}
	if len(codes) > 0 {
		p.Add(&codeLabels{labels: codes, sty: style(sansBold, 9.5, ink)})
	}
	// Adding plotters widened the axes to the data; set the ranges now.
	d.setAxes(p, e)
	return render(w, HeightPx, newFrame(d.Title, d.legendEntries(), meta), func(area draw.Canvas) {
		p.Draw(area)
	})
}

// overTimeExtent is the dates and values an over-time chart spans.
type overTimeExtent struct {
	minD, maxD dates.Day
	lo, hi     float64
}

// extent checks that every line has a known role and every value is
// finite, and finds the dates and values the chart spans (a mark from
// another source to the end of its period).
func (d *OverTimeData) extent() (overTimeExtent, error) {
	var e overTimeExtent
	n := 0
	see := func(from, to dates.Day, v float64, numeric bool) {
		if n == 0 || from < e.minD {
			e.minD = from
		}
		if n == 0 || to > e.maxD {
			e.maxD = to
		}
		if numeric {
			e.lo, e.hi = math.Min(e.lo, v), math.Max(e.hi, v)
		}
		n++
	}
	for _, l := range d.Lines {
		if l.Role > RoleEngland {
			return e, fmt.Errorf("charts: OverTime %q: line %q has an unknown role %d", d.Title, l.Name, l.Role)
		}
		for _, pt := range l.Points {
			if pt.Numeric() && (math.IsNaN(pt.Value) || math.IsInf(pt.Value, 0)) {
				return e, fmt.Errorf("charts: OverTime %q: line %q has no finite value on %s", d.Title, l.Name, pt.Date)
			}
			see(pt.Date.Day, pt.Date.Day, pt.Value, pt.Numeric())
		}
	}
	for _, mk := range d.Other {
		if mk.Code == findings.NoCode && (math.IsNaN(mk.Value) || math.IsInf(mk.Value, 0)) {
			return e, fmt.Errorf("charts: OverTime %q: a figure from %s has no finite value on %s", d.Title, mk.Source, mk.Date)
		}
		see(mk.Date.Day, mk.Date.End()+1, mk.Value, mk.Code == findings.NoCode)
	}
	if n == 0 {
		return e, fmt.Errorf("charts: OverTime %q: no line or mark has a point to chart", d.Title)
	}
	return e, nil
}

// setAxes sets the date axis a little wider than the dates and the value
// axis from zero, with headroom above the data for other sources' labels.
func (d *OverTimeData) setAxes(p *plot.Plot, e overTimeExtent) {
	span := float64(e.maxD - e.minD)
	pad := math.Max(20, span*0.04)
	if span == 0 {
		pad = 45 // a single date: show the months around it
	}
	head := 0.12
	if len(d.Other) > 0 {
		head = 0.25
	}
	yMin, yMax, yTicks := valueAxis(e.lo, e.hi, head, false)
	p.X.Min, p.X.Max = float64(e.minD)-pad, float64(e.maxD)+pad
	p.Y.Min, p.Y.Max, p.Y.Tick.Marker = yMin, yMax, yTicks
}

// addLines draws each line, England first and the council last so that
// the council is on top; a code in place of a figure breaks its line, and
// is returned to be written at its date.
func (d *OverTimeData) addLines(p *plot.Plot) []codeLabel {
	var codes []codeLabel
	for k := len(d.Lines) - 1; k >= 0; k-- {
		l := d.Lines[k]
		st := styleFor(l.Role)
		var seg, all plotter.XYs
		flush := func() {
			if len(seg) > 1 {
				p.Add(&plotter.Line{XYs: seg, LineStyle: st.line})
			}
			seg = nil
		}
		for _, pt := range l.Points {
			if !pt.Numeric() {
				flush()
				codes = append(codes, codeLabel{x: float64(pt.Date.Day), text: pt.Code.String(), color: st.line.Color})
				continue
			}
			xy := plotter.XY{X: float64(pt.Date.Day), Y: pt.Value}
			seg = append(seg, xy)
			all = append(all, xy)
		}
		flush()
		if len(all) > 0 {
			p.Add(&plotter.Scatter{XYs: all, GlyphStyle: st.glyph})
		}
	}
	return codes
}

// legendEntries name each line in the legend with its style, then other
// sources' marks.
func (d *OverTimeData) legendEntries() []legendEntry {
	labels := d.Legend()
	var legend []legendEntry
	for i, l := range d.Lines {
		st := styleFor(l.Role)
		legend = append(legend, legendEntry{label: labels[i], line: &st.line, glyph: &st.glyph})
	}
	if len(d.Other) > 0 {
		legend = append(legend, legendEntry{label: labels[len(d.Lines)], span: true})
	}
	return legend
}

// decimals is the least number of decimals the lines' values are written
// with: one if any is not whole.
func (d *OverTimeData) decimals() int {
	dec := 0
	for _, l := range d.Lines {
		for _, pt := range l.Points {
			if pt.Numeric() {
				dec = max(dec, min(1, decimalsOf(pt.Value)))
			}
		}
	}
	return dec
}

// Legend is the legend's labels: each line with its latest value (the
// council's headline figure, a median at its reference period), then the
// other sources' marks when there are any.
func (d *OverTimeData) Legend() []string {
	var out []string
	for _, l := range d.Lines {
		latest := latestText(l, d.decimals(), d.Measure)
		if l.Role == RoleCouncil && d.Small {
			latest = strings.Replace(latest, ",", smallMark+",", 1)
		}
		out = append(out, l.Name+" ("+latest+")")
	}
	if len(d.Other) > 0 {
		out = append(out, d.Subject+", other sources ("+d.OtherSources+"): each figure drawn across the day, month or year it is dated to")
	}
	return out
}

// latestText is a line's legend value: "latest 15.2, 30 Sep 2025", or the
// code published instead, or "no figure".
func latestText(l Line, decimals int, m findings.Measure) string {
	switch {
	case !l.HasLatest:
		return "no figure"
	case !l.Latest.Numeric():
		return "latest " + prose.Date(l.Latest.Date) + ": " + codeText(l.Latest.Code)
	}
	return "latest " + figureText(l.Latest.Value, max(decimals, decimalsOf(l.Latest.Value)), m) + ", " + prose.Date(l.Latest.Date)
}

// codeLabel is a code written at a date, just above the value axis, where
// the line it belongs to has a gap.
type codeLabel struct {
	x     float64
	text  string
	color color.Color
}

type codeLabels struct {
	labels []codeLabel
	sty    text.Style
}

func (c *codeLabels) Plot(dc draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&dc)
	for _, l := range c.labels {
		sty := c.sty
		sty.Color = l.color
		x := trX(l.x)
		y := dc.Min.Y + capHeight(sty) + 6
		dc.StrokeLine2(draw.LineStyle{Color: l.color, Width: 1, Dashes: []vg.Length{2, 2}}, x, y+capHeight(sty)/2+3, x, y+capHeight(sty)/2+26)
		drawMiddle(dc, sty, vg.Point{X: x - sty.Width(l.text)/2, Y: y}, l.text, true)
	}
}

// marks draws other sources' figures: a diamond on a day, a bar across a
// month or year, each labelled with its source, date and value in the band
// of headroom above the data (where no line runs), with a dotted leader
// down to its mark; a label that would overlap another goes a line lower.
type marks struct {
	marks   []Mark
	measure findings.Measure
	sty     text.Style
}

func (m *marks) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	lh := lineHeight(m.sty) + 2
	var rows [][][2]vg.Length // per band row, the x extents taken
	leader := draw.LineStyle{Color: markOutline, Width: 0.8, Dashes: []vg.Length{1.5, 2}}
	for _, mk := range m.marks {
		x0, x1 := trX(float64(mk.Date.Day)), trX(float64(mk.Date.End()+1))
		if mk.Date.Prec == dates.PrecDay {
			x1 = x0
		}
		y := c.Min.Y + capHeight(m.sty) + 6
		if mk.Code == findings.NoCode {
			y = trY(mk.Value)
		}
		label := mk.Source + ", " + prose.Date(mk.Date) + ": "
		if mk.Code == findings.NoCode {
			label += figureText(mk.Value, 0, m.measure)
		} else {
			label += codeText(mk.Code)
		}
		w := m.sty.Width(label)
		lx := max(c.Min.X+2, min((x0+x1)/2-w/2, c.Max.X-w-2))
		k := 0
		for ; k < len(rows); k++ {
			free := true
			for _, e := range rows[k] {
				if lx-4 < e[1] && e[0] < lx+w+4 {
					free = false
					break
				}
			}
			if free {
				break
			}
		}
		if k == len(rows) {
			rows = append(rows, nil)
		}
		rows[k] = append(rows[k], [2]vg.Length{lx, lx + w})
		ly := c.Max.Y - lh*(vg.Length(k)+0.5)
		if top := ly - capHeight(m.sty)/2 - 3; top > y+8 {
			c.StrokeLine2(leader, (x0+x1)/2, top, (x0+x1)/2, y+6)
		}
		drawSpan(c, x0, x1, y)
		drawMiddle(c, m.sty, vg.Point{X: lx, Y: ly}, label, true)
	}
}

// drawSpan draws an other source's figure from x0 to x1 at y: a bar across
// the period, at least 3 points wide, or (x0 == x1, a day) a diamond.
func drawSpan(c draw.Canvas, x0, x1, y vg.Length) {
	const half = 4.5
	ol := draw.LineStyle{Color: markOutline, Width: 1.4}
	if x1 == x0 {
		pts := []vg.Point{{X: x0 - half - 1, Y: y}, {X: x0, Y: y + half + 1}, {X: x0 + half + 1, Y: y}, {X: x0, Y: y - half - 1}}
		c.FillPolygon(markFill, pts)
		c.StrokeLines(ol, append(pts, pts[0]))
		return
	}
	if w := x1 - x0; w < 3 {
		x0, x1 = x0-(3-w)/2, x1+(3-w)/2
	}
	box := []vg.Point{{X: x0, Y: y - half}, {X: x1, Y: y - half}, {X: x1, Y: y + half}, {X: x0, Y: y + half}}
	c.FillPolygon(markFill, box)
	c.StrokeLines(ol, append(box, box[0]))
}

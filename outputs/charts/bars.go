package charts

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// hbar is one horizontal bar segment from x0 to x1 on category row y.
type hbar struct {
	y, x0, x1 float64
	shades    []Shade // one, or stripes top to bottom
	inside    string  // label centred in the segment, if it fits
	outline   bool    // a dark outline: the highlighted council
}

// barLabel is text drawn just right of x on row y (a bar's value or total).
type barLabel struct {
	y, x float64
	text string
}

// hbars draws horizontal bars whose thickness is a fraction of the row
// pitch, with labels inside segments and after bar ends. It is a
// plot.Plotter; the plot's axis ranges are set by the caller.
type hbars struct {
	bars      []hbar
	after     []barLabel
	thickness float64 // fraction of one row
	insideSt  text.Style
	afterSt   text.Style
}

func (h *hbars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	half := (trY(1) - trY(0)) * vg.Length(h.thickness) / 2
	if half < 0 {
		half = -half
	}
	for _, b := range h.bars {
		x0, x1, y := trX(b.x0), trX(b.x1), trY(b.y)
		if x1 <= x0 {
			continue
		}
		k := vg.Length(len(b.shades))
		for i, s := range b.shades {
			top := y + half - 2*half*vg.Length(i)/k
			fillShade(c, s, vg.Point{X: x0, Y: top - 2*half/k}, vg.Point{X: x1, Y: top})
		}
		if b.outline {
			c.StrokeLines(draw.LineStyle{Color: ink, Width: 2}, []vg.Point{
				{X: x0, Y: y - half}, {X: x1, Y: y - half}, {X: x1, Y: y + half}, {X: x0, Y: y + half}, {X: x0, Y: y - half}})
		}
	}
	// Labels go on top of every bar.
	for _, b := range h.bars {
		if b.inside == "" {
			continue
		}
		x0, x1, y := trX(b.x0), trX(b.x1), trY(b.y)
		sty := h.insideSt
		sty.Color = contrastText(b.shades[0].Fill)
		w := sty.Width(b.inside)
		if w+4 > x1-x0 || capHeight(sty)+2 > 2*half {
			continue // does not fit: the total after the bar still gives the count
		}
		// On hatching, a white box behind the count keeps it readable.
		drawMiddle(c, sty, vg.Point{X: (x0+x1)/2 - w/2, Y: y}, b.inside, b.shades[0].Hatch)
	}
	for _, l := range h.after {
		drawMiddle(c, h.afterSt, vg.Point{X: trX(l.x) + 4, Y: trY(l.y)}, l.text, true)
	}
}

// refLine is a vertical reference line at x (such as England's median),
// labelled at the top of the plot and again at the bottom, each label in an
// empty row the caller leaves above the first bar and below the last.
type refLine struct {
	x          float64
	label      string
	style      draw.LineStyle
	labelSt    text.Style
	topY, botY float64 // rows the labels sit on
}

func (r *refLine) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	x := trX(r.x)
	c.StrokeLine2(r.style, x, c.Min.Y, x, c.Max.Y)
	for _, ry := range []float64{r.topY, r.botY} {
		pt := vg.Point{X: x + 5, Y: trY(ry)}
		if w := r.labelSt.Width(r.label); pt.X+w > c.Max.X {
			pt.X = x - 5 - w // no room on the right: put it on the left
		}
		drawMiddle(c, r.labelSt, pt, r.label, false)
	}
}

// capHeight is the height of capitals and digits in sty's font (Liberation
// Sans: 0.7 em).
func capHeight(sty text.Style) vg.Length { return sty.Font.Size * 0.7 }

// drawMiddle writes one line of text starting at pt.X with its capitals and
// digits centred on pt.Y (text.YCenter centres the whole line box, which
// puts digits visibly low). With halo, a white box behind the text keeps it
// readable where it crosses a grid or reference line.
func drawMiddle(c draw.Canvas, sty text.Style, pt vg.Point, txt string, halo bool) {
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YBottom
	baseline := pt.Y - capHeight(sty)/2
	if halo {
		w, ch := sty.Width(txt), capHeight(sty)
		c.FillPolygon(color.White, []vg.Point{
			{X: pt.X - 2, Y: baseline - 3}, {X: pt.X + w + 2, Y: baseline - 3},
			{X: pt.X + w + 2, Y: baseline + ch + 3}, {X: pt.X - 2, Y: baseline + ch + 3},
		})
	}
	// With YBottom, text.Plain puts the baseline at pt.Y - ascent + size.
	e := sty.FontExtents()
	c.FillText(sty, vg.Point{X: pt.X, Y: baseline + e.Ascent - sty.Font.Size}, txt)
}

// rowHeader writes the category axis's label as a column header: bold,
// right-aligned over the category names on row y (left of the plot's data
// area, where gonum draws the names). It replaces gonum's rotated y-axis
// label, which on a tall chart ends up far from the top and on a short one
// runs past the bottom of the axis. With inData it writes a note across
// row y instead, from the left of the data area, on a white box.
type rowHeader struct {
	text   string
	y      float64
	sty    text.Style
	inData bool
}

func (h *rowHeader) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	if h.inData {
		drawMiddle(c, h.sty, vg.Point{X: c.Min.X + 6, Y: trY(h.y)}, h.text, true)
		return
	}
	// gonum ends the names one space (in the tick label font) before the
	// axis line, which is half its width left of the data area.
	x := c.Min.X - p.Y.Tick.Label.Width(" ") - p.Y.LineStyle.Width/2 - p.Y.Padding - h.sty.Width(h.text)
	drawMiddle(c, h.sty, vg.Point{X: x, Y: trY(h.y)}, h.text, false)
}

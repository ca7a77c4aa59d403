// Package charts draws the PNG charts that go to policy teams and
// councillors, and prepares what they show from the metrics: the report's
// charts (councils by grade and by leadership grade per region, rankings
// that fit a slide) through WriteReport, and a councillor's (the council
// over time beside its region's and England's medians, and beside its
// statistical neighbours) through Council. Each chart comes back with its
// alternative text, written from the same numbers it draws, and with those
// numbers as data (Chart.Stacked, Ranking, OverTime, Neighbours) so tests can
// compare them with the metrics rather than read pixels.
//
// Every chart has the same frame: a title at the top left, a legend under the
// title (outside the plot area, so it never covers data), the plot, and a
// footnote at the bottom with the as-of date, the sources and any codes
// shown. Text is Liberation Sans (embedded in gonum/plot, so no system fonts
// are needed). Images are 1600 by 900 pixels at 160 DPI: 16:9, so a chart
// fills a slide or a page width without scaling its text. Output depends only
// on the input: the same input gives the same bytes, so tests compare
// against golden PNGs.
//
// Grades always have the same colour (GradeColour), from the Okabe-Ito
// palette, which stays distinguishable with the common forms of colour
// blindness; a council whose latest inspection gave no overall grade is
// hatched grey, one never inspected plain grey.
package charts

import (
	"bufio"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/outputs/prose"
)

// Image geometry shared by every chart.
const (
	// WidthPx is the width of every chart in pixels.
	WidthPx = 1600
	// DPI is the resolution every chart is drawn at; with WidthPx it makes a
	// 10-inch-wide image, so a point of text is 160/72 pixels.
	DPI = 160
	// HeightPx is the height of every chart: 1600x900 is 16:9, a slide's
	// shape.
	HeightPx = 900
)

// Okabe-Ito colours for the grades, and a neutral grey for "no grade".
var gradeColours = [...]color.RGBA{
	findings.NoGrade:             {R: 0xBB, G: 0xBB, B: 0xBB, A: 0xFF},
	findings.Inadequate:          {R: 0xD5, G: 0x5E, B: 0x00, A: 0xFF},
	findings.RequiresImprovement: {R: 0xE6, G: 0x9F, B: 0x00, A: 0xFF},
	findings.Good:                {R: 0x00, G: 0x9E, B: 0x73, A: 0xFF},
	findings.Outstanding:         {R: 0x00, G: 0x72, B: 0xB2, A: 0xFF},
}

// GradeColour is the one colour a grade has in every chart (and in the
// workbook's grade cells): Outstanding #0072B2 (blue), Good #009E73 (bluish
// green), Requires improvement #E69F00 (orange), Inadequate #D55E00
// (vermillion), and #BBBBBB (grey) for no grade or any value outside the
// four grades.
func GradeColour(g findings.GradeValue) color.RGBA {
	if int(g) < len(gradeColours) {
		return gradeColours[g]
	}
	return gradeColours[findings.NoGrade]
}

// GradeHex is GradeColour as the six hex digits spreadsheets use, such as
// "0072B2" for Outstanding.
func GradeHex(g findings.GradeValue) string {
	c := GradeColour(g)
	return fmt.Sprintf("%02X%02X%02X", c.R, c.G, c.B)
}

// GradeLabel is the grade as it is written in chart legends:
// "Outstanding", "Good", "Requires improvement", "Inadequate", "No grade".
func GradeLabel(g findings.GradeValue) string {
	switch g {
	case findings.Outstanding:
		return "Outstanding"
	case findings.Good:
		return "Good"
	case findings.RequiresImprovement:
		return "Requires improvement"
	case findings.Inadequate:
		return "Inadequate"
	}
	return "No grade"
}

// Meta is what every chart's footnote says: "As of 31 Mar 2025. Source:
// ...", then any notes (what a code means, what is left out). AsOf and
// Source are required.
type Meta struct {
	AsOf   dates.Day
	Source string
	Notes  []string
}

func (m Meta) footnote() string {
	s := "As of " + prose.Day(m.AsOf) + ". Source: " + strings.TrimSpace(m.Source)
	for _, n := range m.Notes {
		if n = strings.TrimSpace(n); n != "" {
			s += " " + n
		}
	}
	return s
}

func (m Meta) check() error {
	if m.AsOf == 0 {
		return errors.New("charts: Meta.AsOf is not set (the footnote needs the as-of date)")
	}
	if strings.TrimSpace(m.Source) == "" {
		return errors.New("charts: Meta.Source is empty (the footnote needs the source)")
	}
	return nil
}

// Fonts and text styles.
var (
	sans     = font.Font{Typeface: "Liberation", Variant: "Sans"}
	sansBold = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}

	ink      = color.RGBA{R: 0x1A, G: 0x1A, B: 0x1A, A: 0xFF} // body text
	softInk  = color.RGBA{R: 0x40, G: 0x40, B: 0x40, A: 0xFF} // footnote, totals
	axisGrey = color.RGBA{R: 0x59, G: 0x59, B: 0x59, A: 0xFF} // axis lines
	gridGrey = color.RGBA{R: 0xDD, G: 0xDD, B: 0xDD, A: 0xFF} // grid lines
)

// Sizes in points (1 pt = 160/72 px).
const (
	titleSize    = 17
	legendSize   = 11
	axisSize     = 12
	tickSize     = 11
	footnoteSize = 9.5

	marginX        = 16
	marginTop      = 14
	marginBottom   = 10
	gapAfterTitle  = 8
	gapAfterLegend = 10
	gapBeforeFoot  = 10
)

func style(f font.Font, size vg.Length, c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    font.From(f, size),
		XAlign:  draw.XLeft,
		YAlign:  draw.YBottom,
		Handler: plot.DefaultTextHandler,
	}
}

// lengthFromPx converts a pixel count at DPI to a vg.Length.
func lengthFromPx(px int) vg.Length { return vg.Length(px) * vg.Inch / DPI }

// wrap breaks s into lines no wider than width in sty, at spaces. A word
// wider than the width on its own stays on its own line.
func wrap(sty text.Style, s string, width vg.Length) []string {
	words := strings.Fields(s)
	var lines []string
	line := ""
	for _, w := range words {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && sty.Width(try) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// lineHeight is the distance between baselines of sty's font.
func lineHeight(sty text.Style) vg.Length {
	return sty.FontExtents().Height
}

// legendEntry is one item of the legend row: a filled swatch, a shade, a
// line sample with an optional marker, or a span (a figure dated to a month
// or year).
type legendEntry struct {
	label  string
	swatch color.Color     // filled square when non-nil
	shade  *Shade          // filled (and maybe hatched) square when non-nil
	line   *draw.LineStyle // line sample when non-nil
	glyph  *draw.GlyphStyle
	span   bool
}

const (
	swatchSize = 11
	lineSample = 34
	legendGap  = 18 // between entries
	thumbGap   = 5  // between a thumbnail and its text
)

func (e legendEntry) thumbWidth() vg.Length {
	if e.line != nil || e.span {
		return lineSample
	}
	return swatchSize
}

// legendRows lays the entries out left to right, wrapping to a new row when
// the next entry would pass width.
func legendRows(sty text.Style, entries []legendEntry, width vg.Length) [][]legendEntry {
	var rows [][]legendEntry
	var row []legendEntry
	var x vg.Length
	for _, e := range entries {
		w := e.thumbWidth() + thumbGap + sty.Width(e.label)
		if len(row) > 0 && x+legendGap+w > width {
			rows = append(rows, row)
			row, x = nil, 0
		}
		if len(row) > 0 {
			x += legendGap
		}
		row = append(row, e)
		x += w
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// frame is the title, legend and footnote around a chart's plot area.
type frame struct {
	title   string
	legend  []legendEntry
	meta    Meta
	titleSt text.Style
	legSt   text.Style
	footSt  text.Style
}

func newFrame(title string, legend []legendEntry, meta Meta) *frame {
	return &frame{
		title:   title,
		legend:  legend,
		meta:    meta,
		titleSt: style(sansBold, titleSize, ink),
		legSt:   style(sans, legendSize, ink),
		footSt:  style(sans, footnoteSize, softInk),
	}
}

// innerWidth is the width text can use inside the side margins.
func innerWidth() vg.Length { return lengthFromPx(WidthPx) - 2*marginX }

// footerHeight is the height taken below the plot area by a footnote of
// n lines.
func (f *frame) footerHeight(n int) vg.Length {
	return gapBeforeFoot + vg.Length(n)*lineHeight(f.footSt) + marginBottom
}

// draw fills the frame on c and returns the plot area inside it.
func (f *frame) draw(c draw.Canvas) draw.Canvas {
	w := innerWidth()
	left := c.Min.X + marginX
	y := c.Max.Y - marginTop

	// Title, top left, wrapped if long.
	for _, line := range wrap(f.titleSt, f.title, w) {
		e := f.titleSt.FontExtents()
		c.FillText(f.titleSt, vg.Point{X: left, Y: y - e.Ascent}, line)
		y -= lineHeight(f.titleSt)
	}

	// Legend rows under the title.
	if rows := legendRows(f.legSt, f.legend, w); len(rows) > 0 {
		y -= gapAfterTitle
		e := f.legSt.FontExtents()
		rowH := lineHeight(f.legSt) * 1.25
		for _, row := range rows {
			base := y - (rowH-e.Ascent)/2 - e.Ascent*0.9 // baseline of the text
			mid := base + e.Ascent*0.35                  // middle of lower-case letters
			x := left
			for i, ent := range row {
				if i > 0 {
					x += legendGap
				}
				drawThumb(c, ent, x, mid)
				x += ent.thumbWidth() + thumbGap
				c.FillText(f.legSt, vg.Point{X: x, Y: base}, ent.label)
				x += f.legSt.Width(ent.label)
			}
			y -= rowH
		}
	}
	top := y - gapAfterLegend

	// Footnote, bottom left.
	lines := wrap(f.footSt, f.meta.footnote(), w)
	fy := c.Min.Y + marginBottom + f.footSt.FontExtents().Descent
	for i := len(lines) - 1; i >= 0; i-- {
		c.FillText(f.footSt, vg.Point{X: left, Y: fy}, lines[i])
		fy += lineHeight(f.footSt)
	}
	bottom := c.Min.Y + f.footerHeight(len(lines))

	area := c
	area.Min = vg.Point{X: c.Min.X + marginX, Y: bottom}
	area.Max = vg.Point{X: c.Max.X - marginX, Y: top}
	return area
}

func drawThumb(c draw.Canvas, e legendEntry, x, mid vg.Length) {
	switch {
	case e.line != nil:
		c.StrokeLine2(*e.line, x, mid, x+lineSample, mid)
		if e.glyph != nil {
			c.DrawGlyphNoClip(*e.glyph, vg.Point{X: x + lineSample/2, Y: mid})
		}
	case e.span:
		drawSpan(c, x+2, x+lineSample-2, mid)
	case e.shade != nil:
		h := vg.Length(swatchSize) / 2
		fillShade(c, *e.shade, vg.Point{X: x, Y: mid - h}, vg.Point{X: x + swatchSize, Y: mid + h})
	case e.swatch != nil:
		h := vg.Length(swatchSize) / 2
		c.FillPolygon(e.swatch, []vg.Point{
			{X: x, Y: mid - h}, {X: x + swatchSize, Y: mid - h},
			{X: x + swatchSize, Y: mid + h}, {X: x, Y: mid + h},
		})
	}
}

// newPlot is a gonum plot with this package's fonts and axis styles.
func newPlot(xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil // the canvas is already white
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, axisSize)
		a.Label.TextStyle.Color = ink
		a.Label.Padding = 6
		a.Tick.Label.Font = font.From(sans, tickSize)
		a.Tick.Label.Color = ink
		a.LineStyle.Color = axisGrey
		a.LineStyle.Width = 0.8
		a.Tick.LineStyle.Color = axisGrey
		a.Tick.LineStyle.Width = 0.8
		a.Tick.Length = 4
		a.Padding = 0
	}
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Title.TextStyle.Font = font.From(sansBold, titleSize)
	p.Legend.TextStyle.Font = font.From(sans, legendSize)
	return p
}

// capsMiddle is the YAlign that puts the middle of capitals on the point
// gonum's vertical axis gives a tick label (it draws the label at the tick
// plus the font's descent; YCenter would leave names slightly high).
func capsMiddle(sty text.Style) text.YAlignment {
	e := sty.FontExtents()
	s := sty.Font.Size
	// baseline = y + descent + k*(ascent+descent) - ascent + size; want y - 0.35*size.
	return text.YAlignment((-0.35*s - e.Descent + e.Ascent - s) / (e.Ascent + e.Descent))
}

// render draws a chart of the given pixel height: the frame, then body into
// the plot area, then writes the PNG.
func render(w io.Writer, heightPx int, f *frame, body func(area draw.Canvas)) error {
	c := newCanvas(WidthPx, heightPx)
	defer c.release()
	body(f.draw(draw.New(c)))
	bw := bufio.NewWriter(w)
	if err := encodePNG(bw, c.img); err != nil {
		return fmt.Errorf("charts: writing PNG: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("charts: writing PNG: %w", err)
	}
	return nil
}

// contrastText picks black or white text, whichever contrasts more with bg
// (WCAG relative luminance).
func contrastText(bg color.RGBA) color.Color {
	lin := func(v uint8) float64 {
		c := float64(v) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	l := 0.2126*lin(bg.R) + 0.7152*lin(bg.G) + 0.0722*lin(bg.B)
	if (1.05)/(l+0.05) >= (l+0.05)/0.05 {
		return color.White
	}
	return ink
}

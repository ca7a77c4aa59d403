package charts

import (
	"fmt"
	"image/color"
	"io"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
)

// NeighboursData is a council beside its statistical neighbours, one panel
// per measure, each at the neighbours' reference period.
type NeighboursData struct {
	Title string
	// Subject is the council's name.
	Subject string
	Panels  []Panel
}

// Panel is one measure's figures of a council and its statistical
// neighbours on one date, with the neighbours' median (which is over the
// neighbours' figures only).
type Panel struct {
	Heading, ValueLabel string
	Measure             findings.Measure
	Date                dates.Date
	// Bars are the figures, highest first; the council's is Highlight.
	Bars []Bar
	// Own is the council's code when it has no number on Date (its row
	// shows the code); Missing are neighbours with no number on Date.
	OwnMissing *Missing
	Missing    []Missing
	Median     metrics.Median
}

// Shades of a neighbours chart: the council dark, its neighbours a blue
// grey (3.3:1 on white) that no grade has.
var (
	councilFill   = color.RGBA{R: 0x1A, G: 0x1A, B: 0x1A, A: 0xFF}
	neighbourFill = color.RGBA{R: 0x7F, G: 0x8F, B: 0xA6, A: 0xFF}
)

// CouncilBarShade and NeighbourShade are the shades of a neighbours chart.
func CouncilBarShade(name string) Shade { return Shade{Label: name, Fill: councilFill} }

// NeighbourShade is a statistical neighbour's bar.
var NeighbourShade = Shade{Label: "Statistical neighbours", Fill: neighbourFill}

const panelGap = 28 // points between panels

// Neighbours draws d: the panels side by side, each a heading, then bars
// highest first with the council's dark and its name in bold, values after
// the bars and the neighbours' median as a dashed line.
func Neighbours(w io.Writer, d *NeighboursData, meta Meta) error {
	if len(d.Panels) == 0 {
		return fmt.Errorf("charts: Neighbours %q: no panels", d.Title)
	}
	if err := meta.check(); err != nil {
		return err
	}
	headSt := style(sansBold, 11.5, ink)
	ms := medianStyle
	legend := []legendEntry{
		{label: d.Subject, shade: &Shade{Fill: councilFill}},
		{label: NeighbourShade.Label, shade: &NeighbourShade},
		{label: "Median of the neighbours' figures", line: &ms},
	}
	var plots []*barPlot
	for _, pn := range d.Panels {
		var rows []barRow
		var vs []float64
		for i := range pn.Bars {
			rows = append(rows, barRow{bar: &pn.Bars[i]})
			vs = append(vs, pn.Bars[i].Value)
		}
		if pn.OwnMissing != nil {
			rows = append(rows, barRow{label: pn.OwnMissing.Name, code: pn.OwnMissing.Code, bold: true})
		}
		if len(rows) == 0 {
			return fmt.Errorf("charts: Neighbours %q: panel %q has no figures", d.Title, pn.Heading)
		}
		plots = append(plots, &barPlot{rows: rows, median: pn.Median, medianLabel: "Median", valueLabel: pn.ValueLabel,
			decimals: min(1, decimalsOf(vs...)), all: vs, nameSize: 10, ticks: 6})
	}
	return render(w, HeightPx, newFrame(d.Title, legend, meta), func(area draw.Canvas) {
		k := vg.Length(len(d.Panels))
		width := (area.Max.X - area.Min.X - (k-1)*panelGap) / k
		for i, bp := range plots {
			pc := area
			pc.Min.X = area.Min.X + vg.Length(i)*(width+panelGap)
			pc.Max.X = pc.Min.X + width
			for j, line := range wrap(headSt, d.Panels[i].Heading, width) {
				e := headSt.FontExtents()
				pc.FillText(headSt, vg.Point{X: pc.Min.X, Y: area.Max.Y - e.Ascent - vg.Length(j)*lineHeight(headSt)}, line)
				pc.Max.Y = area.Max.Y - vg.Length(j+1)*lineHeight(headSt) - 4
			}
			p, _ := bp.plot()
			p.Draw(pc)
		}
	})
}

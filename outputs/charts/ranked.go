package charts

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/prose"
)

// Bar is one figure in a ranking: a council's, or a joint service's once.
type Bar struct {
	Label string
	// Shades are the council's shade, or a joint service's members' when
	// they differ (the bar is striped).
	Shades []Shade
	Value  float64
	// Position is the figure's place, 1 being the lowest and equal figures
	// sharing one, as the metrics rank.
	Position int
	// Councils are the council, or the joint service's members, by name.
	Councils []string
	// Highlight draws the bar dark with its name in bold: the council a
	// chart is about.
	Highlight bool
	// Small marks a figure based on fewer than metrics.SmallService social
	// workers: its value is starred and a footnote says why.
	Small bool
}

// smallMark follows a value based on small numbers; smallNote explains it.
const smallMark = "*"

var (
	fewerWorkers = "fewer than " + strconv.Itoa(metrics.SmallService) + " social workers"
	smallNote    = smallMark + " " + sentence(fewerWorkers) + " (FTE): one person more or less moves the figure a lot."
)

// Missing is a council left out of a ranking: it has no number on the
// ranking's date, only the code published instead (or nothing).
type Missing struct {
	Name string
	Code findings.Code
}

// RankingData is figures ranked at one date, highest first: when there are
// more than fit a slide, the Top highest and the Bottom lowest, with the
// number between them said in a row of its own.
type RankingData struct {
	Title, ValueLabel string
	Measure           findings.Measure
	// Date is the reference period ranked: every figure is for it.
	Date dates.Date
	// Bars are every figure ranked, highest first.
	Bars        []Bar
	Top, Bottom int
	Median      metrics.Median
	MedianLabel string // "England median"
	// Unranked are the councils listed without a number on Date.
	Unranked []Missing
	// Small are the figures on fewer than 20 FTE social workers: shown in
	// the tables, never ranked or drawn here (metrics v3), named in the
	// footnote as "Isles of Scilly (6.0)".
	Small []string
	// Joint names the joint services whose one figure stands for their members.
	Joint []string
}

// Shown are the bars drawn, highest first, and how many are left out
// between the top and the bottom ones.
func (d *RankingData) Shown() (top, bottom []Bar, between int) {
	if d.Top+d.Bottom >= len(d.Bars) {
		return d.Bars, nil, 0
	}
	return d.Bars[:d.Top], d.Bars[len(d.Bars)-d.Bottom:], len(d.Bars) - d.Top - d.Bottom
}

// Ranked layout, in points.
const (
	rankNameSize  = 9.5 // council names on the value axis
	rankValueSize = 8.5 // values after bar ends
	// minBarRows is the fewest rows a bar plot is laid out for.
	minBarRows = 12
	// MaxRanked is how many figures a ranking draws before it shows only
	// the top and bottom ones: what fits a 16:9 slide with legible names.
	MaxRanked = 20
)

// Ranked draws d as horizontal bars, highest at the top, each in its shade
// with its value after it, and a dashed vertical line at the median
// labelled above the first bar and below the last. Names are on the left;
// a gap row says how many figures are ranked between the top and bottom
// ones drawn.
func Ranked(w io.Writer, d *RankingData, meta Meta) error {
	if err := meta.check(); err != nil {
		return err
	}
	if len(d.Bars) == 0 {
		return fmt.Errorf("charts: Ranked %q: nothing to rank", d.Title)
	}
	for _, b := range d.Bars {
		if math.IsNaN(b.Value) || math.IsInf(b.Value, 0) {
			return fmt.Errorf("charts: Ranked %q: %q has no finite value", d.Title, b.Label)
		}
	}
	if d.Median.OK && (math.IsNaN(d.Median.Value) || math.IsInf(d.Median.Value, 0)) {
		return errors.New("charts: Ranked: the median is not finite")
	}
	top, bottom, between := d.Shown()
	var rows []barRow
	for i := range top {
		rows = append(rows, barRow{bar: &top[i]})
	}
	if between > 0 {
		rows = append(rows, barRow{note: "\u2026 " + strconv.Itoa(between) + " more ranked between these (the full ranking is in the tables)"})
	}
	for i := range bottom {
		rows = append(rows, barRow{bar: &bottom[i]})
	}
	var vs []float64
	for _, b := range d.Bars {
		vs = append(vs, b.Value)
	}
	bp := barPlot{rows: rows, median: d.Median, medianLabel: d.MedianLabel, valueLabel: d.ValueLabel, header: "Highest first",
		decimals: min(1, decimalsOf(vs...)), all: vs}
	p, used := bp.plot()
	legend := shadeLegend(used)
	if d.Median.OK {
		legend = append(legend, bp.medianLegend())
	}
	return render(w, HeightPx, newFrame(d.Title, legend, meta), func(area draw.Canvas) {
		p.Draw(area)
	})
}

// barRow is one row of a bar plot: a bar, a figure shown as a code (no
// bar), or a note across the row.
type barRow struct {
	bar *Bar
	// code is written in place of a bar for label, a council without a
	// number.
	label string
	code  findings.Code
	bold  bool
	note  string
}

// barPlot is horizontal bars with names on the left, values after the
// bars, and a dashed median line labelled in an empty row above the first
// bar and below the last.
type barPlot struct {
	rows                            []barRow
	median                          metrics.Median
	medianLabel, valueLabel, header string
	decimals                        int
	all                             []float64 // every value the axis must show
	nameSize                        vg.Length
	ticks                           int // intervals on the value axis (0: about 10)
}

var medianStyle = draw.LineStyle{Color: ink, Width: 1.6, Dashes: []vg.Length{6, 3}}

func (bp *barPlot) medianText() string {
	return bp.medianLabel + " " + valueText(bp.median.Value, bp.decimals)
}

func (bp *barPlot) medianLegend() legendEntry {
	ms := medianStyle
	return legendEntry{label: bp.medianText() + " (" + prose.Date(bp.median.Date) + ")", line: &ms}
}

func (bp *barPlot) plot() (*plot.Plot, map[Shade]bool) {
	size := bp.nameSize
	if size == 0 {
		size = rankNameSize
	}
	nameSt, boldSt := style(sans, size, ink), style(sansBold, size, ink)
	lo, hi := 0.0, 0.0
	for _, v := range bp.all {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if bp.median.OK {
		lo, hi = math.Min(lo, bp.median.Value), math.Max(hi, bp.median.Value)
	}
	used := map[Shade]bool{}
	n := len(bp.rows)
	bars := &hbars{thickness: 0.72, insideSt: style(sans, rankValueSize, ink), afterSt: style(sans, rankValueSize, softInk)}
	var ticks []plot.Tick
	var extra []plot.Plotter
	for i, r := range bp.rows {
		y := float64(n - 1 - i)
		switch {
		case r.note != "":
			extra = append(extra, &rowHeader{text: r.note, y: y, sty: style(sans, size, softInk), inData: true})
			continue
		case r.bar == nil:
			bars.after = append(bars.after, barLabel{y: y, x: 0, text: codeText(r.code)})
		default:
			b := r.bar
			r.label, r.bold = b.Label, b.Highlight
			for _, s := range b.Shades {
				used[s] = true
			}
			x0, x1 := math.Min(0, b.Value), math.Max(0, b.Value)
			bars.bars = append(bars.bars, hbar{y: y, x0: x0, x1: x1, shades: b.Shades, outline: b.Highlight})
			v := valueText(b.Value, bp.decimals)
			if b.Small {
				v += smallMark
			}
			bars.after = append(bars.after, barLabel{y: y, x: x1, text: v})
		}
		if r.bold {
			// Drawn in bold over a blank tick label as wide as it.
			extra = append(extra, &rowHeader{text: r.label, y: y, sty: boldSt})
			ticks = append(ticks, plot.Tick{Value: y, Label: blankAsWide(boldSt, r.label, nameSt)})
		} else {
			ticks = append(ticks, plot.Tick{Value: y, Label: r.label})
		}
	}
	p := newPlot(bp.valueLabel, "")
	p.X.Min, p.X.Max, p.X.Tick.Marker = valueAxisN(lo, hi, 0.14, false, cmp.Or(bp.ticks, 10))
	// A few bars keep the thickness a dozen would have, centred.
	pad := float64(max(0, minBarRows-n)) / 2
	p.Y.Min, p.Y.Max = -1.8-pad, float64(n)+0.8+pad
	p.Y.Tick.Label.Font.Size = size
	if bp.header != "" {
		extra = append(extra, &rowHeader{text: bp.header, y: float64(n), sty: boldSt})
		ticks = append(ticks, plot.Tick{Value: float64(n), Label: blankAsWide(boldSt, bp.header, nameSt)})
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
	if bp.median.OK {
		p.Add(&refLine{x: bp.median.Value, label: bp.medianText(), style: medianStyle, labelSt: style(sansBold, 10, ink), topY: float64(n), botY: -1})
	}
	p.Add(values)
	p.Add(extra...)
	return p, used
}

// blankAsWide is spaces in sty at least as wide as s in bold.
func blankAsWide(bold text.Style, s string, sty text.Style) string {
	return strings.Repeat(" ", int(math.Ceil(float64(bold.Width(s)/sty.Width(" ")))))
}

// valueText writes v with at least base decimals, more where v needs them
// (up to two).
func valueText(v float64, base int) string { return formatNumber(v, max(base, decimalsOf(v))) }

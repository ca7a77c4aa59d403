package charts

import (
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
)

// Shade is how a council's grade is drawn: its grade's colour; hatched grey
// when its latest inspection gave no overall grade (Ofsted's framework from
// April 2026), so it is never mistaken for a council not yet inspected
// (plain grey).
type Shade struct {
	Label string
	Fill  color.RGBA
	Hatch bool
}

// Shades with no grade.
var (
	ShadeNoOverall = Shade{Label: "No overall grade (inspected under the April 2026 framework)",
		Fill: color.RGBA{R: 0xE4, G: 0xE4, B: 0xE4, A: 0xFF}, Hatch: true}
	ShadeNotInspected = Shade{Label: "No inspection on record", Fill: gradeColours[findings.NoGrade]}
	// ShadeNoLeadership is a council with no leadership grade from an
	// inspection since January 2018.
	ShadeNoLeadership = Shade{Label: "No leadership grade since 2018", Fill: gradeColours[findings.NoGrade]}
)

// GradeShade is a grade's shade (GradeColour, labelled GradeLabel); no grade
// is ShadeNotInspected.
func GradeShade(g findings.GradeValue) Shade {
	if g == findings.NoGrade || int(g) >= len(gradeColours) {
		return ShadeNotInspected
	}
	return Shade{Label: GradeLabel(g), Fill: GradeColour(g)}
}

// CouncilShade is how a council is coloured wherever a chart shows it: by
// the overall grade of its latest inspection, hatched when that inspection
// gave none.
func CouncilShade(c *metrics.Council) Shade {
	if c.Framework == metrics.FrameworkNoOverall {
		return ShadeNoOverall
	}
	return GradeShade(c.Grade.Grade)
}

// shadeOrder is the order shades are stacked and listed in legends: best
// grade first, then the shades without a grade.
var shadeOrder = []Shade{
	GradeShade(findings.Outstanding), GradeShade(findings.Good), GradeShade(findings.RequiresImprovement),
	GradeShade(findings.Inadequate), ShadeNoOverall, ShadeNotInspected, ShadeNoLeadership,
}

// shadeLegend lists the shades used, in shadeOrder, always with the four
// grades so the key reads the same on every chart.
func shadeLegend(used map[Shade]bool) []legendEntry {
	var out []legendEntry
	for i, s := range shadeOrder {
		if i < 4 || used[s] {
			s := s
			out = append(out, legendEntry{label: s.Label, shade: &s})
		}
	}
	return out
}

var hatchInk = color.RGBA{R: 0x59, G: 0x59, B: 0x59, A: 0xFF}

// fillShade fills the rectangle from min to max with a shade: its colour,
// and for a hatched shade diagonal lines clipped to the rectangle.
func fillShade(c draw.Canvas, s Shade, min, max vg.Point) {
	c.FillPolygon(s.Fill, []vg.Point{{X: min.X, Y: min.Y}, {X: max.X, Y: min.Y}, {X: max.X, Y: max.Y}, {X: min.X, Y: max.Y}})
	if !s.Hatch {
		return
	}
	const spacing = 4.5
	ls := draw.LineStyle{Color: hatchInk, Width: 0.9}
	h := max.Y - min.Y
	// Lines x - y = k, for k from min.X - h to max.X; each clipped to the box.
	for k := min.X - h; k < max.X; k += spacing {
		t0, t1 := vg.Length(0), h
		if d := min.X - k; d > t0 {
			t0 = d
		}
		if d := max.X - k; d < t1 {
			t1 = d
		}
		if t1 > t0 {
			c.StrokeLine2(ls, k+t0, min.Y+t0, k+t1, min.Y+t1)
		}
	}
	// An outline, so a thin hatched segment still reads as one block.
	c.StrokeLines(draw.LineStyle{Color: hatchInk, Width: 0.6}, []vg.Point{
		{X: min.X, Y: min.Y}, {X: max.X, Y: min.Y}, {X: max.X, Y: max.Y}, {X: min.X, Y: max.Y}, {X: min.X, Y: min.Y}})
}

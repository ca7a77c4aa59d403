package charts

import (
	"errors"
	"io"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// NoData draws a chart frame (title and footnote) with a message in place of
// the plot, for a chart whose data the report does not have, so the charts
// folder always holds the same files and a reader sees why one is empty.
func NoData(w io.Writer, title, message string, meta Meta) error {
	if strings.TrimSpace(title) == "" || strings.TrimSpace(message) == "" {
		return errors.New("charts: NoData needs a title and a message")
	}
	if err := meta.check(); err != nil {
		return err
	}
	f := newFrame(title, nil, meta)
	msgSt := style(sans, legendSize+3, softInk)
	const pad = 24
	lines := wrap(msgSt, message, innerWidth()-2*pad)
	return render(w, HeightPx, f, func(area draw.Canvas) {
		// The message in a grey frame where the plot would be, so the
		// picture reads as deliberately empty, not broken.
		area.StrokeLines(draw.LineStyle{Color: gridGrey, Width: 1.5}, []vg.Point{
			{X: area.Min.X, Y: area.Min.Y}, {X: area.Max.X, Y: area.Min.Y}, {X: area.Max.X, Y: area.Max.Y},
			{X: area.Min.X, Y: area.Max.Y}, {X: area.Min.X, Y: area.Min.Y}})
		lh := lineHeight(msgSt)
		y := (area.Min.Y+area.Max.Y)/2 + vg.Length(len(lines)-1)*lh/2
		for _, line := range lines {
			drawMiddle(area, msgSt, vg.Point{X: area.Min.X + pad, Y: y}, line, false)
			y -= lh
		}
	})
}

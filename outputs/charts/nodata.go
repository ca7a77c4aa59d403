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
	msgSt := style(sans, legendSize, softInk)
	lines := wrap(msgSt, message, innerWidth())
	bodyH := vg.Length(len(lines)+4) * lineHeight(msgSt)
	total := f.headerHeight() + bodyH + f.footerHeight()
	heightPx := int(float64(total/vg.Inch*DPI) + 0.999)
	return render(w, heightPx, f, func(area draw.Canvas) {
		y := area.Max.Y - 2*lineHeight(msgSt)
		for _, line := range lines {
			drawMiddle(area, msgSt, vg.Point{X: area.Min.X, Y: y}, line, false)
			y -= lineHeight(msgSt)
		}
	})
}

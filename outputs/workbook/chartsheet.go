package workbook

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A chart sheet: one chart on a worksheet of its own, titled in A1.

// AddChart writes a chart on its own sheet, titled in A1, with its
// description as the picture's alternative text. After an error the
// publication is incomplete, and Write refuses to write it.
func (p *Publication) AddChart(cs ChartSheet) error {
	err := p.addChart(cs)
	if err != nil && p.failed == nil {
		p.failed = err
	}
	return err
}

func (p *Publication) addChart(cs ChartSheet) error {
	if strings.TrimSpace(cs.Title) == "" {
		return fmt.Errorf("sheet %s: a title is required", cs.Name)
	}
	if strings.TrimSpace(cs.Picture.AltText) == "" {
		return fmt.Errorf("sheet %s: the chart needs alternative text saying what it shows", cs.Name)
	}
	width, _, err := pngSize(cs.Picture.PNG)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", cs.Name, err)
	}
	if err := p.claim(cs.Name); err != nil {
		return err
	}
	title, err := p.withMarkers(cs.Title, cs.Notes)
	if err != nil {
		return fmt.Errorf("sheet %s title: %w", cs.Name, err)
	}
	f, st := p.b.F, p.b.St
	if _, err := f.NewSheet(cs.Name); err != nil {
		return err
	}
	w := &cellWriter{f: f, sheet: cs.Name}
	w.set(1, 1, title, st.Title)
	first := "This worksheet contains one chart."
	if len(cs.Notes) > 0 {
		first += " The notes the title refers to are on the Notes worksheet."
	}
	w.set(1, 2, first, st.Text)
	row := 3
	for _, l := range cs.Lines {
		w.set(1, row, l, st.Text)
		row++
	}
	if cs.Source != "" {
		w.set(1, row, "Source: "+cs.Source, st.Text)
		row++
	}
	if w.err != nil {
		return w.err
	}
	// At most about 1,000 pixels wide, so it fits a screen and a page.
	scale := min(1, 1000/float64(width))
	ref, _ := excelize.CoordinatesToCellName(1, row+1)
	if err := f.AddPictureFromBytes(cs.Name, ref, &excelize.Picture{Extension: ".png", File: cs.Picture.PNG,
		Format: &excelize.GraphicOptions{ScaleX: scale, ScaleY: scale, AltText: cs.Picture.AltText, Positioning: "oneCell"}}); err != nil {
		return fmt.Errorf("sheet %s: %w", cs.Name, err)
	}
	if err := pageLayout(f, cs.Name, float64(width)*scale > 700, 1, 1); err != nil {
		return err
	}
	desc := cs.Description
	if desc == "" {
		desc = cs.Title
	}
	p.contents = append(p.contents, contentsRow{cs.Name, cs.Title, desc})
	return nil
}

// pngSize reads the width and height from a PNG's header.
func pngSize(b []byte) (width, height int, err error) {
	if len(b) < 24 || string(b[1:4]) != "PNG" {
		return 0, 0, errors.New("chart is not a PNG")
	}
	be := func(i int) int { return int(b[i])<<24 | int(b[i+1])<<16 | int(b[i+2])<<8 | int(b[i+3]) }
	return be(16), be(20), nil
}

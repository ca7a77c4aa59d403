// Package workbook writes .xlsx reports with excelize: header row frozen,
// filters on, numbers as numbers, percentages as percentages, dates as dates
// at their precision, grades coloured (and always spelled out). Large sheets
// go through excelize's StreamWriter.
package workbook

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/table"
)

// MaxRows is the most data rows one sheet holds under its header (Excel's
// limit is 1,048,576 rows in all).
const MaxRows = 1048575

// Styles are the cell styles a workbook uses, created once per file.
type Styles struct {
	Header, Text, Wrap, Integer, Number, Percent, Points, Title, Bold, Note, Aside int
	Date                                                                           [3]int // by dates.Precision
	Grade                                                                          [5]int // by findings.GradeValue
}

// Font is the workbook's one typeface: Excel has it, and LibreOffice maps
// it to the metric-compatible Liberation Sans.
const Font = "Arial"

// NewStyles registers the styles in f and makes Font the default.
func NewStyles(f *excelize.File) (*Styles, error) {
	if err := f.SetDefaultFont(Font); err != nil {
		return nil, err
	}
	st := &Styles{}
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	custom := func(format string) *string { return &format }
	font := func(fo excelize.Font) *excelize.Font {
		fo.Family = Font
		if fo.Size == 0 {
			fo.Size = 10
		}
		return &fo
	}
	st.Header = mk(&excelize.Style{Font: font(excelize.Font{Bold: true}), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
		Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	st.Text = mk(&excelize.Style{Font: font(excelize.Font{})})
	st.Wrap = mk(&excelize.Style{Font: font(excelize.Font{}), Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	plain := font(excelize.Font{})
	st.Integer = mk(&excelize.Style{Font: plain, NumFmt: 1})
	st.Number = mk(&excelize.Style{Font: plain, CustomNumFmt: custom("0.0")})
	st.Percent = mk(&excelize.Style{Font: plain, CustomNumFmt: custom("0.0%")})
	st.Points = mk(&excelize.Style{Font: plain, CustomNumFmt: custom(`+0.0" pp";-0.0" pp";0.0" pp"`)})
	st.Date[dates.PrecDay] = mk(&excelize.Style{Font: plain, CustomNumFmt: custom("d mmm yyyy")})
	st.Date[dates.PrecMonth] = mk(&excelize.Style{Font: plain, CustomNumFmt: custom("mmm yyyy")})
	st.Date[dates.PrecYear] = mk(&excelize.Style{Font: plain, CustomNumFmt: custom("yyyy")})
	st.Title = mk(&excelize.Style{Font: font(excelize.Font{Bold: true, Size: 14})})
	st.Bold = mk(&excelize.Style{Font: font(excelize.Font{Bold: true})})
	st.Note = mk(&excelize.Style{Font: font(excelize.Font{Italic: true, Color: "595959"}), Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	st.Aside = mk(&excelize.Style{Font: font(excelize.Font{Italic: true, Color: "595959"})})
	st.Grade[findings.NoGrade] = st.Text
	// The charts' colours, so a grade looks the same everywhere.
	for _, g := range findings.Grades {
		ink := "FFFFFF"
		if g == findings.RequiresImprovement {
			ink = "000000" // black on orange reads better
		}
		st.Grade[g] = mk(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{charts.GradeHex(g)}}, Font: font(excelize.Font{Color: ink})})
	}
	if err != nil {
		return nil, fmt.Errorf("workbook styles: %w", err)
	}
	return st, nil
}

// Value converts a table cell to what excelize stores, with its style:
// numbers as numbers, percentages as fractions under a % format, dates as
// serial numbers under a format showing their precision, text as text (never
// a formula, however it starts).
func (st *Styles) Value(c *table.Cell) excelize.Cell {
	if c.Blank {
		return excelize.Cell{}
	}
	switch c.Kind {
	case table.Integer:
		return excelize.Cell{StyleID: st.Integer, Value: c.Num}
	case table.Number:
		return excelize.Cell{StyleID: st.Number, Value: c.Num}
	case table.Percent:
		return excelize.Cell{StyleID: st.Percent, Value: c.Num / 100}
	case table.Points:
		return excelize.Cell{StyleID: st.Points, Value: c.Num}
	case table.Date:
		return excelize.Cell{StyleID: st.Date[c.Date.Prec], Value: c.Date.Day.ExcelSerial()}
	case table.Grade:
		return excelize.Cell{StyleID: st.Grade[gradeOf(c.Text)], Value: SafeText(c.Text)}
	}
	return excelize.Cell{StyleID: st.Text, Value: SafeText(c.Text)}
}

func gradeOf(s string) findings.GradeValue {
	for _, g := range findings.Grades {
		if g.String() == s {
			return g
		}
	}
	return findings.NoGrade
}

// maxCell is the longest text a cell holds.
const maxCell = 32767

// SafeText makes text storable in a cell: characters XML cannot carry are
// shown as U+FFFD, and text beyond a cell's limit is cut with a marker.
// (Such text only reaches a workbook in the Rejects sheet, where the CSV
// keeps the original.)
func SafeText(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xEF {
			clean = false
			break
		}
	}
	if clean && len(s) <= maxCell {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == maxCell-40 {
			b.WriteString(" [cut: see the CSV for the full text]")
			break
		}
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError {
			r = '\uFFFD'
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

func defaultWidth(c table.Column) float64 {
	if c.Width > 0 {
		return c.Width
	}
	switch c.Kind {
	case table.Grade:
		return 20
	case table.Date:
		return 12
	case table.Integer, table.Number, table.Percent, table.Points:
		return max(10, float64(len(c.Name))*0.9)
	}
	switch c.Name {
	case "la_name":
		return 34
	case "region_name":
		return 24
	}
	return max(12, float64(len(c.Name)))
}

// rowHeight, when given, sets each data row's height in points from its
// cells (spreadsheets do not grow rows to fit wrapped text on opening).
type rowHeight func(cols []table.Column, cells []table.Cell) float64

// streamTable writes t to sheet (and continuation sheets "name (2)", ...
// past maxRows rows, never truncating) with excelize's StreamWriter. The
// sheets must not exist yet. It returns the sheet names written.
func streamTable(f *excelize.File, sheet string, t table.Table, st *Styles, maxRows int, heights ...rowHeight) ([]string, error) {
	cols := t.Columns()
	cells := make([]table.Cell, len(cols))
	row := make([]any, len(cols))
	header := make([]any, len(cols))
	for j, c := range cols {
		header[j] = excelize.Cell{StyleID: st.Header, Value: c.Name}
	}
	var names []string
	n := t.Len()
	for part, start := 1, 0; start < n || part == 1; part, start = part+1, start+maxRows {
		name := sheet
		if part > 1 {
			name = fmt.Sprintf("%s (%d)", sheet, part)
		}
		if _, err := f.NewSheet(name); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
		// Page setup lives in parts of the sheet the stream writer emits
		// when it starts, so it goes first.
		if err := printSetup(f, name); err != nil {
			return nil, err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
		for j, c := range cols {
			if err := sw.SetColWidth(j+1, j+1, defaultWidth(c)); err != nil {
				return nil, err
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, err
		}
		if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 30}); err != nil {
			return nil, err
		}
		end := min(n, start+maxRows)
		for i := start; i < end; i++ {
			t.Row(i, cells)
			for j := range cells {
				row[j] = st.Value(&cells[j])
			}
			ref, _ := excelize.CoordinatesToCellName(1, i-start+2)
			var opts []excelize.RowOpts
			if len(heights) > 0 {
				opts = append(opts, excelize.RowOpts{Height: heights[0](cols, cells)})
			}
			if err := sw.SetRow(ref, row, opts...); err != nil {
				return nil, fmt.Errorf("sheet %s row %d: %w", name, i-start+2, err)
			}
		}
		last, _ := excelize.CoordinatesToCellName(len(cols), max(end-start+1, 2))
		// The filter must be set before Flush: a streamed sheet is written
		// out whole by Flush, and later changes are lost.
		if err := f.AutoFilter(name, "A1:"+last, nil); err != nil {
			return nil, fmt.Errorf("sheet %s filter: %w", name, err)
		}
		if err := sw.Flush(); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
		names = append(names, name)
	}
	return names, nil
}

// printSetup prints a sheet landscape, one page wide.
func printSetup(f *excelize.File, sheet string) error {
	orientation, one, any, fit := "landscape", 1, 0, true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orientation, FitToWidth: &one, FitToHeight: &any})
}

// Package workbook writes .xlsx workbooks with excelize: numbers as
// numbers, percentages as percentages, dates as dates at their precision,
// grades coloured (and always spelled out), shorthand codes for values that
// are not there. New builds a publishable workbook to the Analysis
// Function's standard (cover, contents, notes, one marked-up table per
// sheet), which the monthly report (WriteReport) and the councillor
// workbooks (WriteCouncillor) are; Book is the machinery under it. Every
// workbook is byte-repeatable.
package workbook

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/table"
	"github.com/oversight/oversight/outputs/workbook/bigsheet"
)

// Styles are the cell styles a workbook uses, created once per file.
type Styles struct {
	Text, Wrap, Integer, Number, Percent, Points, Title int
	// Number2 and Percent2 show up to two decimal places (medians and
	// means).
	Number2, Percent2 int
	Date              [3]int // by dates.Precision
	Grade             [5]int // by findings.GradeValue
	GradeWrap         [5]int // Grade, wrapping
	// Heading is a section heading under the title (tagged Heading 2, as
	// Title is tagged Heading 1).
	Heading int
	// TableHeader is a marked-up table's header row: bold, ruled, wrapped,
	// no fill.
	TableHeader int
	Code        int // a shorthand code ("[x]") in place of a figure, right-aligned
	Link        int // a hyperlink
}

// Font is the workbook's one typeface: Excel has it, and LibreOffice maps
// it to the metric-compatible Liberation Sans.
const Font = "Arial"

// inkLink is link text: 5.9:1 on white.
const inkLink = "0563C1"

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
	// Data cells sit at the top of their cell, level with wrapped text
	// beside them in a taller row.
	top := &excelize.Alignment{Vertical: "top"}
	st.Text = mk(&excelize.Style{Font: font(excelize.Font{}), Alignment: top})
	st.Wrap = mk(&excelize.Style{Font: font(excelize.Font{}), Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	plain := font(excelize.Font{})
	st.Integer = mk(&excelize.Style{Font: plain, NumFmt: 1, Alignment: top})
	st.Number = mk(&excelize.Style{Font: plain, CustomNumFmt: custom("0.0"), Alignment: top})
	st.Percent = mk(&excelize.Style{Font: plain, CustomNumFmt: custom("0.0%"), Alignment: top})
	st.Points = mk(&excelize.Style{Font: plain, CustomNumFmt: custom(`+0.0" pp";-0.0" pp";0.0" pp"`), Alignment: top})
	// A second decimal place only when there is one: a median of 15.1
	// shows as 15.1, one of 15.75 as 15.75, as the charts label them.
	st.Number2 = mk(&excelize.Style{Font: plain, CustomNumFmt: custom("0.0#"), Alignment: top})
	st.Percent2 = mk(&excelize.Style{Font: plain, CustomNumFmt: custom("0.0#%"), Alignment: top})
	st.Date[dates.PrecDay] = mk(&excelize.Style{Font: plain, CustomNumFmt: custom("d mmm yyyy"), Alignment: top})
	st.Date[dates.PrecMonth] = mk(&excelize.Style{Font: plain, CustomNumFmt: custom("mmm yyyy"), Alignment: top})
	st.Date[dates.PrecYear] = mk(&excelize.Style{Font: plain, CustomNumFmt: custom("yyyy"), Alignment: top})
	st.Title = mk(&excelize.Style{Font: font(excelize.Font{Bold: true, Size: 14})})
	st.Heading = mk(&excelize.Style{Font: font(excelize.Font{Bold: true, Size: 12})})
	st.TableHeader = mk(&excelize.Style{Font: font(excelize.Font{Bold: true}),
		Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	st.Code = mk(&excelize.Style{Font: plain, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}})
	// Wrapped: a long link on the Cover would otherwise run past the page
	// and shrink the whole printed sheet.
	st.Link = mk(&excelize.Style{Font: font(excelize.Font{Color: inkLink, Underline: "single"}), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	st.Grade[findings.NoGrade] = st.Text
	st.GradeWrap[findings.NoGrade] = st.Wrap
	// The charts' colours, so a grade looks the same everywhere, with
	// whichever of black and white reads better on each (both pass 4.5:1
	// only on some of them: white on the good green is 3.4:1).
	for _, g := range findings.Grades {
		fill := charts.GradeHex(g)
		st.Grade[g] = mk(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}}, Font: font(excelize.Font{Color: inkOn(fill)}), Alignment: top})
		st.GradeWrap[g] = mk(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}}, Font: font(excelize.Font{Color: inkOn(fill)}),
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	}
	if err != nil {
		return nil, fmt.Errorf("workbook styles: %w", err)
	}
	return st, nil
}

// Value converts a table cell to what excelize stores, with its style:
// numbers as numbers, percentages as fractions under a % format, dates as
// serial numbers under a format showing their precision, shorthand codes
// and text as text (never a formula, however it starts).
func (st *Styles) Value(c *table.Cell) excelize.Cell {
	if c.Blank && c.Code == table.NoCode {
		return excelize.Cell{}
	}
	if v, ok := bigsheet.Number(c); ok {
		return excelize.Cell{StyleID: st.style(c), Value: v}
	}
	return excelize.Cell{StyleID: st.style(c), Value: bigsheet.Text(c)}
}

// style is the style ID of a cell.
func (st *Styles) style(c *table.Cell) int {
	if c.Code != table.NoCode {
		switch c.Kind {
		case table.Integer, table.Number, table.Percent, table.Points, table.Date:
			return st.Code // right-aligned, with the figures
		}
		return st.Text
	}
	two := c.Decimals == 2
	switch {
	case c.Kind == table.Integer:
		return st.Integer
	case c.Kind == table.Number && two:
		return st.Number2
	case c.Kind == table.Number:
		return st.Number
	case c.Kind == table.Percent && two:
		return st.Percent2
	case c.Kind == table.Percent:
		return st.Percent
	case c.Kind == table.Points:
		return st.Points
	case c.Kind == table.Date:
		return st.Date[c.Date.Prec]
	case c.Kind == table.Grade:
		return st.Grade[gradeOf(c.Text)]
	}
	return st.Text
}

func gradeOf(s string) findings.GradeValue {
	for _, g := range findings.Grades {
		if g.String() == s {
			return g
		}
	}
	return findings.NoGrade
}

// SafeText makes text storable in a cell (see bigsheet.SafeText).
func SafeText(s string) string { return bigsheet.SafeText(s) }

// rowHeight, when given, sets each data row's height in points from its
// cells (spreadsheets do not grow rows to fit wrapped text on opening).
type rowHeight func(cols []table.Column, cells []table.Cell) float64

// sheetSpec is one worksheet of a table: the rows laid out above its data
// (the header row last), its rows of the table, and how they are marked up.
type sheetSpec struct {
	name       string
	t          table.Table
	start, end int
	top        []bigsheet.Row
	widths     []float64
	st         *Styles // the data cells' styles
	// style, when given, is the style of a data cell in column j instead
	// of st's.
	style func(j int, c *table.Cell) int
	// heights, when given, gives data rows their heights.
	heights   rowHeight
	landscape bool
	// pagesWide is how many pages wide the table prints (0 or 1: fitted
	// to one), its first column repeated on each.
	pagesWide int
	onePage   bool // printed on one page, scaled to fit
	// tableName names the table's marked-up table part.
	tableName string
	// empty is the row shown in a named table that has no data rows, since
	// a table part needs one.
	empty []bigsheet.Cell
	// links, when given, is the web address a data cell links to (row i of
	// the table, column j), or "".
	links func(i, j int) string
}

// header is the spec's header row number.
func (s *sheetSpec) header() int { return len(s.top) }

// tableRef is the range of the header and data.
func (s *sheetSpec) tableRef() string {
	last := s.header() + s.end - s.start
	if s.end == s.start {
		last++ // an empty table keeps one row
	}
	return "A" + strconv.Itoa(s.header()) + ":" + bigsheet.ColumnName(max(len(s.t.Columns()), 1)) + strconv.Itoa(last)
}

// dimension is the used range of the sheet.
func (s *sheetSpec) dimension() string {
	cols := max(len(s.t.Columns()), len(s.widths), 1)
	for _, r := range s.top {
		cols = max(cols, len(r.Cells))
	}
	last := s.header() + s.end - s.start
	if s.end == s.start && s.empty != nil {
		last++
	}
	return "A1:" + bigsheet.ColumnName(cols) + strconv.Itoa(max(last, 1))
}

// streamSheet writes the sheet with excelize's StreamWriter and returns
// the shorthand codes its data holds.
func (b *Book) streamSheet(ctx context.Context, s *sheetSpec) (table.CodeSet, error) {
	sw, err := b.startStream(s)
	if err != nil {
		return 0, err
	}
	if err := s.streamTop(sw); err != nil {
		return 0, err
	}
	codes, err := s.streamData(ctx, b.F, sw)
	if err != nil {
		return 0, err
	}
	if s.end == s.start && s.empty != nil {
		if err := sw.SetRow("A"+strconv.Itoa(s.header()+1), s.values(s.empty)); err != nil {
			return 0, err
		}
	}
	// The table must be set before Flush: a streamed sheet is written out
	// whole by Flush, and later changes are lost.
	if err := sw.AddTable(&excelize.Table{Range: s.tableRef(), Name: s.tableName, ShowRowStripes: new(bool)}); err != nil {
		return 0, fmt.Errorf("sheet %s table %s: %w", s.name, s.tableName, err)
	}
	if err := sw.Flush(); err != nil {
		return 0, fmt.Errorf("sheet %s: %w", s.name, err)
	}
	return codes, nil
}

// startStream adds the sheet and its stream writer, with what must come
// before any row: page set-up and the dimension live in parts of the sheet
// the stream writer emits when it starts, and the column widths.
func (b *Book) startStream(s *sheetSpec) (*excelize.StreamWriter, error) {
	f, name := b.F, s.name
	if _, err := f.NewSheet(name); err != nil {
		return nil, fmt.Errorf("sheet %s: %w", name, err)
	}
	b.streamed[name] = true
	tall := 0
	if s.onePage {
		tall = 1
	}
	if err := pageLayout(f, name, s.landscape, tall, max(s.pagesWide, 1)); err != nil {
		return nil, err
	}
	if err := f.SetSheetDimension(name, s.dimension()); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, fmt.Errorf("sheet %s: %w", name, err)
	}
	for j, w := range s.widths {
		if err := sw.SetColWidth(j+1, j+1, w); err != nil {
			return nil, err
		}
	}
	return sw, nil
}

// values are laid-out cells as the stream writer takes them, each with
// its own style.
func (s *sheetSpec) values(cells []bigsheet.Cell) []any {
	out := make([]any, len(cells))
	for j := range cells {
		v := s.st.Value(&cells[j].Cell)
		v.StyleID = cells[j].Style
		out[j] = v
	}
	return out
}

// streamTop writes the rows above the data, the header row last.
func (s *sheetSpec) streamTop(sw *excelize.StreamWriter) error {
	for i, r := range s.top {
		if err := sw.SetRow("A"+strconv.Itoa(i+1), s.values(r.Cells), excelize.RowOpts{Height: r.Height}); err != nil {
			return fmt.Errorf("sheet %s row %d: %w", s.name, i+1, err)
		}
	}
	return nil
}

// streamData writes the table's rows start to end, with their styles,
// heights and links, and returns the shorthand codes they hold.
func (s *sheetSpec) streamData(ctx context.Context, f *excelize.File, sw *excelize.StreamWriter) (table.CodeSet, error) {
	name := s.name
	cols := s.t.Columns()
	cells := make([]table.Cell, len(cols))
	row := make([]any, len(cols))
	var codes table.CodeSet
	var links [][2]string // this row's: cell and address
	for i := s.start; i < s.end; i++ {
		if (i-s.start)%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
		s.t.Row(i, cells)
		r := s.header() + 1 + i - s.start
		links = links[:0]
		for j := range cells {
			codes.Add(cells[j].Code)
			v := s.st.Value(&cells[j])
			if s.style != nil && v.Value != nil {
				v.StyleID = s.style(j, &cells[j])
			}
			if s.links != nil {
				if url := s.links(i, j); url != "" {
					ref, _ := excelize.CoordinatesToCellName(j+1, r)
					if err := checkLink(&cells[j], url); err != nil {
						return 0, fmt.Errorf("sheet %s cell %s: %w", name, ref, err)
					}
					v.StyleID = s.st.Link
					links = append(links, [2]string{ref, url})
				}
			}
			row[j] = v
		}
		var opts []excelize.RowOpts
		if s.heights != nil {
			opts = append(opts, excelize.RowOpts{Height: s.heights(cols, cells)})
		}
		if err := sw.SetRow("A"+strconv.Itoa(r), row, opts...); err != nil {
			return 0, fmt.Errorf("sheet %s row %d: %w", name, r, err)
		}
		// The stream writer writes the sheet's links when it is flushed.
		for _, l := range links {
			if err := f.SetCellHyperLink(name, l[0], l[1], "External"); err != nil {
				return 0, fmt.Errorf("sheet %s cell %s: link: %w", name, l[0], err)
			}
		}
	}
	return codes, nil
}

// checkLink refuses a link a reader could not use or would not know the
// destination of: an address that is not on the web or an email, or a
// cell whose text is no description of it.
func checkLink(c *table.Cell, url string) error {
	lower := strings.ToLower(url)
	switch {
	case !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "mailto:"):
		return fmt.Errorf("link %q: only web (http, https) and email (mailto) addresses are linked", url)
	case c.Kind != table.Text || c.Blank || c.Code != table.NoCode:
		return fmt.Errorf("link %q: a link needs text saying where it goes", url)
	case strings.Contains(strings.ToLower(c.Text), "://") || strings.TrimSpace(c.Text) == url:
		return fmt.Errorf("link %q: its text %q is an address; say where the link goes instead", url, c.Text)
	}
	return nil
}

// bigSheet renders the sheet with bigsheet on b.Workers cores, behind a
// placeholder sheet that gives it its place in the package, its table
// part, and its defined names.
func (b *Book) bigSheet(ctx context.Context, s *sheetSpec) (table.CodeSet, error) {
	f, name := b.F, s.name
	if _, err := f.NewSheet(name); err != nil {
		return 0, fmt.Errorf("sheet %s: %w", name, err)
	}
	b.streamed[name] = true
	l := &bigsheet.Layout{Widths: s.widths, Top: s.top, Landscape: s.landscape,
		Style: func(_ int, c *table.Cell) int { return s.st.style(c) }}
	if s.style != nil {
		l.Style = s.style
	}
	if s.heights != nil {
		cols := s.t.Columns()
		l.Height = func(cells []table.Cell) float64 { return s.heights(cols, cells) }
	}
	// excelize names the table's columns from the header cells.
	hdr := s.top[s.header()-1].Cells
	for j := range hdr {
		ref, _ := excelize.CoordinatesToCellName(j+1, s.header())
		if err := f.SetCellStr(name, ref, hdr[j].Text); err != nil {
			return 0, err
		}
	}
	if err := f.AddTable(name, &excelize.Table{Range: s.tableRef(), Name: s.tableName, ShowRowStripes: new(bool)}); err != nil {
		return 0, fmt.Errorf("sheet %s table %s: %w", name, s.tableName, err)
	}
	sheet, err := bigsheet.Render(ctx, s.t, s.start, s.end, l, bigsheet.Options{Workers: b.Workers, ChunkRows: b.ChunkRows})
	if err != nil {
		return 0, fmt.Errorf("sheet %s: %w", name, err)
	}
	b.big[name] = sheet
	return sheet.Codes(), nil
}

// printLayout prints a sheet on A4, one page wide, with narrow side
// margins; landscape for wide sheets.
func printLayout(f *excelize.File, sheet string, landscape bool) error {
	return pageLayout(f, sheet, landscape, 0, 1)
}

// pageLayout is printLayout at most tall pages high (0: as many as it
// takes) and wide pages wide.
func pageLayout(f *excelize.File, sheet string, landscape bool, tall, wide int) error {
	orientation, a4, any, fit := "portrait", 9, tall, true
	if landscape {
		orientation = "landscape"
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	side, edge, hf := 0.5, 0.75, 0.3
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &hf, Footer: &hf}); err != nil {
		return err
	}
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation, FitToWidth: &wide, FitToHeight: &any})
}

// cellWriter writes normal-mode cells row by row.
type cellWriter struct {
	f     *excelize.File
	sheet string
	err   error
}

func (c *cellWriter) set(col, row int, v any, style int) {
	if c.err != nil {
		return
	}
	ref, _ := excelize.CoordinatesToCellName(col, row)
	if s, ok := v.(string); ok {
		v = SafeText(s)
	}
	if c.err = c.f.SetCellValue(c.sheet, ref, v); c.err == nil && style != 0 {
		c.err = c.f.SetCellStyle(c.sheet, ref, ref, style)
	}
}

func (c *cellWriter) cell(col, row int, cell table.Cell, st *Styles) {
	v := st.Value(&cell)
	if v.Value == nil {
		return
	}
	c.set(col, row, v.Value, v.StyleID)
}

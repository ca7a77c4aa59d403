package workbook

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/outputs/table"
	"github.com/oversight/oversight/outputs/workbook/bigsheet"
)

// A table sheet: one marked-up table on a worksheet of its own (or on
// several, when it is too long for one), titled in A1, with its notes'
// markers, row count and source above it.

// pubWidth is a column's width in a publishable table: its own, or one
// that fits its header in about three lines (the header wraps) and, for
// text, the longest of its first 1,000 values, up to 60 characters.
func pubWidth(c *table.Column, longest int) float64 {
	if c.Width > 0 {
		return c.Width
	}
	word, heading := 0, utf8.RuneCountInString(c.Heading())
	for _, w := range strings.Fields(c.Heading()) {
		word = max(word, utf8.RuneCountInString(w))
	}
	var base float64
	switch c.Kind {
	case table.Grade:
		base = 22
	case table.Date:
		base = 13
	case table.Integer, table.Number, table.Percent, table.Points:
		base = 11
	default:
		base = 12
	}
	return min(max(base, float64(word+2), float64(heading/3+2), float64(longest+2)), 60)
}

// longestText is the length of the longest first line of text in each
// column over the table's first rows.
func longestText(t table.Table, rows int) []int {
	cols := t.Columns()
	out := make([]int, len(cols))
	cells := make([]table.Cell, len(cols))
	for i := 0; i < min(rows, t.Len()); i++ {
		t.Row(i, cells)
		for j := range cells {
			if c := &cells[j]; (c.Kind == table.Text || c.Kind == table.Grade) && !c.Blank {
				line, _, _ := strings.Cut(c.Text, "\n")
				out[j] = max(out[j], utf8.RuneCountInString(line))
			}
		}
	}
	return out
}

func textRow(text string, style int) bigsheet.Row {
	return bigsheet.Row{Cells: []bigsheet.Cell{{Cell: table.Cell{Kind: table.Text, Text: text}, Style: style}}}
}

// AddTable writes ts.Table as one or more table sheets (a worksheet holds
// 1,048,576 rows: a longer table continues on the next) and returns their
// names. After an error the publication is incomplete, and Write refuses
// to write it.
func (p *Publication) AddTable(ctx context.Context, ts TableSheet) ([]string, error) {
	names, err := p.addTable(ctx, ts)
	if err != nil && p.failed == nil {
		p.failed = err
	}
	return names, err
}

// addTable lays the table out once, then writes it a worksheet at a time.
func (p *Publication) addTable(ctx context.Context, ts TableSheet) ([]string, error) {
	title, err := p.startTable(ts)
	if err != nil {
		return nil, err
	}
	l, err := p.layTable(ts)
	if err != nil {
		return nil, err
	}
	var names []string
	n := ts.Table.Len()
	for part, start := 1, 0; start < n || part == 1; part++ {
		name, end, err := p.addPart(ctx, ts, l, title, part, start)
		if err != nil {
			return nil, err
		}
		names = append(names, name)
		start = end
	}
	return names, nil
}

// startTable checks a table sheet, takes its name and returns its title
// with the markers of its notes (numbered now, before its headers').
func (p *Publication) startTable(ts TableSheet) (string, error) {
	if ts.Table == nil {
		return "", fmt.Errorf("sheet %s: no table", ts.Name)
	}
	if strings.TrimSpace(ts.Title) == "" {
		return "", fmt.Errorf("sheet %s: a title is required", ts.Name)
	}
	if err := p.claim(ts.Name); err != nil {
		return "", err
	}
	title, err := p.withMarkers(ts.Title, ts.Notes)
	if err != nil {
		return "", fmt.Errorf("sheet %s title: %w", ts.Name, err)
	}
	if len(ts.Table.Columns()) == 0 {
		return "", fmt.Errorf("sheet %s: the table has no columns", ts.Name)
	}
	return title, nil
}

// tableLayout is how a table's worksheets are laid out: the same on every
// part of a table too long for one.
type tableLayout struct {
	header bigsheet.Row
	widths []float64
	marked bool // the title or a header refers to a note
	// style and heights wrap long text (nil when no column needs it).
	style   func(j int, c *table.Cell) int
	heights rowHeight
	wide    float64 // the columns' widths added up, in characters
	empty   string  // what the one row of an empty table says
}

// layTable works out a table's header, column widths and wrapping.
func (p *Publication) layTable(ts TableSheet) (*tableLayout, error) {
	longest := longestText(ts.Table, 1000)
	l, err := p.tableHeader(ts, longest)
	if err != nil {
		return nil, err
	}
	l.style, l.heights = wrapping(ts, l.widths, longest, p.b.St)
	for _, w := range l.widths {
		l.wide += w
	}
	l.empty = ts.Empty
	if l.empty == "" {
		l.empty = "No rows"
	}
	return l, nil
}

// tableHeader is the header row (each heading one line, with its notes'
// markers, and unlike the others) and the columns' widths.
func (p *Publication) tableHeader(ts TableSheet, longest []int) (*tableLayout, error) {
	cols := ts.Table.Columns()
	l := &tableLayout{header: bigsheet.Row{Cells: make([]bigsheet.Cell, len(cols))}, widths: make([]float64, len(cols)), marked: len(ts.Notes) > 0}
	seen := map[string]bool{}
	lines := 1
	for j := range cols {
		c := &cols[j]
		h := strings.TrimSpace(c.Heading())
		if h == "" || strings.ContainsAny(h, "\r\n") {
			return nil, fmt.Errorf("sheet %s column %d (%s): a header must be one line of text", ts.Name, j+1, c.Name)
		}
		var err error
		if h, err = p.withMarkers(h, c.Notes); err != nil {
			return nil, fmt.Errorf("sheet %s column %s: %w", ts.Name, c.Name, err)
		}
		l.marked = l.marked || len(c.Notes) > 0
		if seen[strings.ToLower(h)] {
			return nil, fmt.Errorf("sheet %s: two columns are headed %q (a table's headers must differ)", ts.Name, h)
		}
		seen[strings.ToLower(h)] = true
		l.widths[j] = pubWidth(c, longest[j])
		l.header.Cells[j] = bigsheet.Cell{Cell: table.Cell{Kind: table.Text, Text: h}, Style: p.b.St.TableHeader}
		lines = max(lines, textLines(h, l.widths[j]))
	}
	l.header.Height = linesHeight(lines)
	return l, nil
}

// wrapping is the style and row height that wrap text longer than its
// column's width, and grow rows to fit it (spreadsheets do not size rows
// to wrapped text when they open a file); nil, nil when nothing wraps.
func wrapping(ts TableSheet, widths []float64, longest []int, st *Styles) (func(j int, c *table.Cell) int, rowHeight) {
	cols := ts.Table.Columns()
	var wrap []int
	for j := range cols {
		if !ts.Record && (cols[j].Kind == table.Text || cols[j].Kind == table.Grade) && float64(longest[j]+2) > widths[j] {
			wrap = append(wrap, j)
		}
	}
	if len(wrap) == 0 {
		return nil, nil
	}
	wraps := make([]bool, len(cols))
	for _, j := range wrap {
		wraps[j] = true
	}
	style := func(j int, c *table.Cell) int {
		if wraps[j] && c.Code == table.NoCode {
			switch c.Kind {
			case table.Text:
				return st.Wrap
			case table.Grade:
				return st.GradeWrap[gradeOf(c.Text)]
			}
		}
		return st.style(c)
	}
	heights := func(_ []table.Column, cells []table.Cell) float64 {
		lines := 1
		for _, j := range wrap {
			if c := &cells[j]; (c.Kind == table.Text || c.Kind == table.Grade) && !c.Blank {
				lines = max(lines, textLines(c.Text, widths[j]))
			}
		}
		if lines == 1 {
			return 0
		}
		return linesHeight(lines)
	}
	return style, heights
}

// addPart writes part (from 1) of a table, its rows from start, on a
// worksheet of its own, and lists it on the Contents; it returns the
// sheet's name and the row the next part starts at.
func (p *Publication) addPart(ctx context.Context, ts TableSheet, l *tableLayout, title string, part, start int) (string, int, error) {
	st, n := p.b.St, ts.Table.Len()
	name := partName(ts.Name, part)
	if part > 1 {
		if err := p.claim(name); err != nil {
			return "", 0, err
		}
	}
	end := min(n, start+p.b.sheetRows-len(p.tableTop(ts, l, title, part, start, 0)))
	tn, err := p.tableName(ts.TableName, name)
	if part > 1 && ts.TableName != "" {
		tn, err = p.tableName(ts.TableName+"_"+strconv.Itoa(part), name)
	}
	if err != nil {
		return "", 0, fmt.Errorf("sheet %s: %w", name, err)
	}
	s := &sheetSpec{name: name, t: ts.Table, start: start, end: end, top: p.tableTop(ts, l, title, part, start, end), widths: l.widths, st: st,
		style: l.style, heights: l.heights, landscape: l.wide > 100, tableName: tn,
		pagesWide: pagesWide(l.wide, ts.Record), onePage: ts.OnePage, links: ts.Links}
	if n == 0 {
		s.empty = []bigsheet.Cell{{Cell: table.Cell{Kind: table.Text, Text: l.empty}, Style: st.Text}}
	}
	if !ts.Filter {
		p.b.noFilter[tn] = true
	}
	codes, err := p.b.sheet(ctx, s)
	if err != nil {
		return "", 0, err
	}
	p.codes |= codes
	if err := p.printTitles(name, s.header(), s.pagesWide > 1); err != nil {
		return "", 0, err
	}
	desc := ts.Description
	if desc == "" {
		desc = ts.Title
	}
	rowTitle := ts.Title
	if part > 1 {
		rowTitle += " (continued)"
		desc = fmt.Sprintf("Rows %s to %s of the table on the worksheet %s.", thousands(start+1), thousands(end), ts.Name)
	}
	p.contents = append(p.contents, contentsRow{name, rowTitle, desc})
	return name, end, nil
}

// tableTop is the rows above a part's table, the header row last: the
// same number on every part, so the part's last row can be worked out
// from them before it is known.
func (p *Publication) tableTop(ts TableSheet, l *tableLayout, title string, part, start, end int) []bigsheet.Row {
	st, n := p.b.St, ts.Table.Len()
	t := title
	var first string
	switch {
	case part > 1:
		t += " (continued)"
		first = fmt.Sprintf("This worksheet contains one table: rows %s to %s of %s, continued from the worksheet %s.", thousands(start+1), thousands(end), thousands(n), ts.Name)
	case end < n:
		first = fmt.Sprintf("This worksheet contains one table: rows 1 to %s of %s; the rest are on the worksheets after it.", thousands(end), thousands(n))
	case n == 0:
		first = "This worksheet contains one table, with no rows."
	case n == 1:
		first = "This worksheet contains one table of 1 row."
	default:
		first = fmt.Sprintf("This worksheet contains one table of %s rows.", thousands(n))
	}
	if l.marked {
		first += " The notes the title and headers refer to are on the Notes worksheet."
	}
	rows := []bigsheet.Row{textRow(t, st.Title), textRow(first, st.Text)}
	for _, line := range ts.Lines {
		rows = append(rows, textRow(line, st.Text))
	}
	if ts.Source != "" {
		rows = append(rows, textRow("Source: "+ts.Source, st.Text))
	}
	return append(rows, l.header)
}

// printTitles repeats a sheet's header row at the top of every printed
// page.
// With firstColumn (a table printed several pages wide), column A, which
// names each row, is repeated at the left of every page too.
func (p *Publication) printTitles(sheet string, row int, firstColumn bool) error {
	r := "$" + strconv.Itoa(row)
	refers := quoteSheet(sheet) + "!" + r + ":" + r
	if firstColumn {
		refers = quoteSheet(sheet) + "!$A:$A," + refers
	}
	return p.b.F.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: refers, Scope: sheet})
}

// pagesWide is how many landscape A4 pages a table of columns this wide
// (in characters) prints across at a readable size: about 150 characters
// a page. Fitting every table to one page made a wide table unreadable. A
// record (TableSheet.Record) stays one page wide.
func pagesWide(chars float64, record bool) int {
	if record {
		return 1
	}
	return max(1, int(math.Ceil(chars/150)))
}

// quoteSheet is a sheet name as a formula refers to it: 'It”s'.
func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

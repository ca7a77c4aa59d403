package pages

import (
	"strings"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/table"
)

// Table is a data table as a page shows it: a caption that says what it
// is, header cells scoped to their column (and, with RowHeads, each row's
// first cell scoped to its row), numbers right-aligned.
type Table struct {
	ID      string // the caption's id: the scrolling region is named by it
	Caption string
	Cols    []Col
	Rows    [][]Cell
	// RowHeads makes each row's first cell its header.
	RowHeads bool
	// Notes are lines printed under the table: what its shorthand codes
	// mean, what it leaves out.
	Notes []string
}

// Col is a column header.
type Col struct {
	Text string
	Num  bool
}

// Cell is one cell: its text (a grade's word, a number as the workbook
// shows it, a code), and how it is marked up.
type Cell struct {
	Text string
	Num  bool
	// Grade is the grade's class ("good"): the word is shown with its
	// pattern beside it.
	Grade string
	Code  bool
	Date  bool   // a date: kept on one line
	Href  string // the cell's text links here
	// Sub is a second, smaller line (a date under a figure).
	Sub string
}

// gradeClass is the class of a grade's pattern ("" for anything else).
func gradeClass(word string) string {
	for _, g := range findings.Grades {
		if g.String() == word {
			return strings.ReplaceAll(g.Key(), "_", "-")
		}
	}
	return ""
}

// cellOf is a table cell as a page cell.
func cellOf(c *table.Cell) Cell {
	out := Cell{Text: CellText(c), Code: c.Code != table.NoCode}
	switch c.Kind {
	case table.Integer, table.Number, table.Percent, table.Points:
		out.Num = true
	case table.Grade:
		if !out.Code {
			out.Grade = gradeClass(c.Text)
		}
	case table.Date:
		out.Date = true
	}
	return out
}

// fromTable is a table.Table (a workbook sheet's, or a metric schema's) as
// a page table; codes it uses are explained under it.
func fromTable(id, caption string, t table.Table, rowHeads bool) Table {
	cols := t.Columns()
	out := Table{ID: id, Caption: caption, RowHeads: rowHeads}
	for _, c := range cols {
		out.Cols = append(out.Cols, Col{Text: c.Heading(), Num: numeric(c.Kind)})
	}
	cells := make([]table.Cell, len(cols))
	var used table.CodeSet
	for i := 0; i < t.Len(); i++ {
		t.Row(i, cells)
		row := make([]Cell, len(cells))
		for j := range cells {
			row[j] = cellOf(&cells[j])
			used.Add(cells[j].Code)
		}
		out.Rows = append(out.Rows, row)
	}
	if n := codeNote(used); n != "" {
		out.Notes = append(out.Notes, n)
	}
	return out
}

func numeric(k table.Kind) bool {
	return k == table.Integer || k == table.Number || k == table.Percent || k == table.Points
}

// schemaTable is rows under the named columns of a metric schema, blank
// cells filled with [x] or [z] as the workbook's tables are.
func schemaTable[R any](id, caption string, cols []metrics.Column[R], names []string, rows []R, rowHeads bool) Table {
	picked := make([]metrics.Column[R], 0, len(names))
	for _, n := range names {
		c, ok := metrics.Lookup(cols, n)
		if !ok {
			panic("pages: no metric column " + n)
		}
		picked = append(picked, c)
	}
	return fromTable(id, caption, filled(table.FromColumns(id, picked, rows)), rowHeads)
}

// codeNote says what the codes in a table mean.
func codeNote(used table.CodeSet) string {
	var parts []string
	for _, c := range used.Codes() {
		parts = append(parts, c.String()+" "+codeMeaning(c))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Shorthand: " + strings.Join(parts, "; ") + "."
}

// codeMeaning says what a code means in these tables: DfE's codes in its
// words; [x] and [z] also stand for the cells oversight leaves empty, as
// the workbooks' Notes say.
func codeMeaning(c table.Code) string {
	switch c {
	case table.NotAvailable:
		return "not available: DfE published no figure, or the inputs hold none"
	case table.NotApplicable:
		return "not applicable: nothing can be there (nothing earlier to compare with, no staff in post)"
	}
	return c.Meaning()
}

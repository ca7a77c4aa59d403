package table

import (
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
)

// A research run's trends as tables, for the workbook's sheets and the
// page alike.

// TrendCell is one point of a trend as a cell: a number in the measure's
// kind, its code, or [x] where there is none.
func TrendCell(m findings.Measure, p metrics.TrendPoint, decimals uint8) Cell {
	kind := Number
	if m.Rate() {
		kind = Percent
	}
	switch {
	case !p.OK:
		return Missing(kind, NotAvailable)
	case p.Code != findings.NoCode:
		return Missing(kind, p.Code)
	}
	return Cell{Kind: kind, Num: p.Value, Decimals: decimals}
}

// GradeTrend is a grade trend: the group's councils by their latest grade
// in the area at the end of each year, then those whose latest inspection
// gave no overall grade (for the overall grade), those not yet inspected,
// and how many councils there are.
func GradeTrend(g metrics.GradeTrend) Table {
	cols := []Column{{Name: "year_end", Header: "At", Kind: Date}}
	for _, gr := range findings.Grades {
		h := gr.String()
		cols = append(cols, Column{Name: gr.Key(), Header: strings.ToUpper(h[:1]) + h[1:], Kind: Integer})
	}
	if g.Area == findings.Overall {
		cols = append(cols, Column{Name: "no_overall_grade", Header: "Latest inspection gave no overall grade", Kind: Integer})
	}
	cols = append(cols, Column{Name: "not_inspected", Header: "Not yet inspected", Kind: Integer},
		Column{Name: "councils", Header: "Councils", Kind: Integer})
	t := &cellsTable{name: "grades_" + g.Area.String(), cols: cols}
	count := func(n int) Cell { return Cell{Kind: Integer, Num: float64(n)} }
	for i, y := range g.Years {
		row := []Cell{{Kind: Date, Date: dates.Date{Day: y}}}
		for _, gr := range findings.Grades {
			row = append(row, count(g.Counts[i][gr]))
		}
		if g.Area == findings.Overall {
			row = append(row, count(g.Counts[i][findings.NoGrade]))
		}
		t.rows = append(t.rows, append(row, count(g.Councils-g.Inspected[i]), count(g.Councils)))
	}
	return t
}

// cells is a small table held as cells.
type cellsTable struct {
	name string
	cols []Column
	rows [][]Cell
}

func (t *cellsTable) Name() string          { return t.name }
func (t *cellsTable) Columns() []Column     { return t.cols }
func (t *cellsTable) Len() int              { return len(t.rows) }
func (t *cellsTable) Row(i int, out []Cell) { copy(out, t.rows[i]) }

package table

import "github.com/oversight/oversight/analysis/metrics"

// Schema is a metric table (councils, regions, by grade, transitions,
// workforce): rows read through their schema, so a column's name, header,
// kind and value come from its one entry in analysis/metrics.
type Schema[R any] struct {
	name string
	cols []Column
	defs []metrics.Column[R]
	rows []R
}

// FromColumns wraps rows under a metrics schema.
func FromColumns[R any](name string, defs []metrics.Column[R], rows []R) *Schema[R] {
	t := &Schema[R]{name: name, defs: defs, rows: rows}
	for _, d := range defs {
		t.cols = append(t.cols, Column{Name: d.Name, Header: d.Header, Kind: d.Kind, Decimals: d.DP, Group: d.Group, Blank: d.BlankCode()})
	}
	return t
}

func (t *Schema[R]) Name() string      { return t.name }
func (t *Schema[R]) Columns() []Column { return t.cols }
func (t *Schema[R]) Len() int          { return len(t.rows) }

func (t *Schema[R]) Row(i int, out []Cell) {
	r := t.rows[i]
	for j, d := range t.defs {
		v := d.Get(r)
		c := Cell{Kind: d.Kind, Blank: v.Blank, Text: v.Text, Num: v.Num, Date: v.Date, Decimals: uint8(max(d.DP, 0))}
		if v.Code != NoCode {
			// A suppression code in a numeric column is written as the
			// code, never as a number: "[x]" in CSV files, a shorthand
			// cell explained on a workbook's Notes sheet.
			c = Missing(d.Kind, v.Code)
		}
		out[j] = c
	}
}

package table

import (
	"fmt"

	"github.com/go-gota/gota/dataframe"

	"github.com/oversight/oversight/analysis/metrics"
)

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
	return &Schema[R]{name: name, defs: defs, rows: rows, cols: columns(defs)}
}

func columns[R any](defs []metrics.Column[R]) []Column {
	cols := make([]Column, len(defs))
	for j, d := range defs {
		cols[j] = Column{Name: d.Name, Header: d.Header, Kind: d.Kind, Decimals: d.DP, Group: d.Group, Blank: d.BlankCode()}
	}
	return cols
}

func (t *Schema[R]) Name() string      { return t.name }
func (t *Schema[R]) Columns() []Column { return t.cols }
func (t *Schema[R]) Len() int          { return len(t.rows) }

func (t *Schema[R]) Row(i int, out []Cell) {
	r := t.rows[i]
	for j, d := range t.defs {
		out[j] = valueCell(d.Kind, d.DP, d.Get(r))
	}
}

// RowColumns fills only the given columns of row i (ColumnReader).
func (t *Schema[R]) RowColumns(i int, cols []int, out []Cell) {
	r := t.rows[i]
	for _, j := range cols {
		d := &t.defs[j]
		out[j] = valueCell(d.Kind, d.DP, d.Get(r))
	}
}

// valueCell is a metric value as a cell of a column of kind k.
func valueCell(k Kind, dp int, v metrics.Value) Cell {
	if v.Code != NoCode {
		// A suppression code in a numeric column is written as the
		// code, never as a number: "[x]" in CSV files, a shorthand
		// cell explained on a workbook's Notes sheet.
		return Missing(k, v.Code)
	}
	return Cell{Kind: k, Blank: v.Blank, Text: v.Text, Num: v.Num, Date: v.Date, Decimals: uint8(max(dp, 0))}
}

// FrameTable is a metric table read from its gota dataframe (metrics.Frame):
// the frame holds the values, the schema names and describes the columns.
type FrameTable struct {
	name  string
	cols  []Column
	kinds []Kind
	dps   []int
	read  []func(int) metrics.Value
	n     int
}

// FromFrame wraps a metric table's frame; defs may be any of the columns the
// frame was built with, in any order (a workbook sheet takes some).
func FromFrame[R any](name string, defs []metrics.Column[R], df dataframe.DataFrame) (*FrameTable, error) {
	t := &FrameTable{name: name, cols: columns(defs), n: df.Nrow()}
	for _, d := range defs {
		read, err := metrics.FrameReader(df, d)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		t.read = append(t.read, read)
		t.kinds = append(t.kinds, d.Kind)
		t.dps = append(t.dps, d.DP)
	}
	return t, nil
}

func (t *FrameTable) Name() string      { return t.name }
func (t *FrameTable) Columns() []Column { return t.cols }
func (t *FrameTable) Len() int          { return t.n }

func (t *FrameTable) Row(i int, out []Cell) {
	for j, read := range t.read {
		out[j] = valueCell(t.kinds[j], t.dps[j], read(i))
	}
}

package table

import (
	"fmt"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/oversight/oversight/analysis/dates"
)

// Frame is a gota dataframe as a table. Values are copied out once, so Row
// is cheap and safe for concurrent use.
type Frame struct {
	name string
	cols []Column
	text [][]string
	num  [][]float64
	na   [][]bool
	n    int
}

// FromFrame wraps df; kinds names each column's kind (Text if absent).
func FromFrame(name string, df dataframe.DataFrame, kinds map[string]Kind) (*Frame, error) {
	if df.Err != nil {
		return nil, fmt.Errorf("table %s: %w", name, df.Err)
	}
	f := &Frame{name: name, n: df.Nrow()}
	for _, c := range df.Names() {
		s := df.Col(c)
		k := kinds[c]
		if k == Text && s.Type() != series.String {
			k = Number
		}
		f.cols = append(f.cols, Column{Name: c, Kind: k})
		f.na = append(f.na, s.IsNaN())
		if s.Type() == series.String {
			f.text = append(f.text, s.Records())
			f.num = append(f.num, nil)
		} else {
			f.text = append(f.text, nil)
			f.num = append(f.num, s.Float())
		}
	}
	return f, nil
}

func (f *Frame) Name() string      { return f.name }
func (f *Frame) Columns() []Column { return f.cols }
func (f *Frame) Len() int          { return f.n }

func (f *Frame) Row(i int, out []Cell) {
	for j, c := range f.cols {
		cell := Cell{Kind: c.Kind}
		switch {
		case f.text[j] != nil:
			s := f.text[j][i]
			if s == "" {
				cell.Blank = true
			} else if c.Kind == Date {
				d, err := dates.Parse(s)
				if err != nil {
					cell.Kind, cell.Text = Text, s
				} else {
					cell.Date = d
				}
			} else {
				cell.Text = s
			}
		case f.na[j][i]:
			cell.Blank = true
		default:
			cell.Num = f.num[j][i]
		}
		out[j] = cell
	}
}

package metrics

import (
	"fmt"
	"math"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
)

// Kind is how a column's values are written: the CSV writer, the workbook
// and the open-data metadata all take it from the schema.
type Kind uint8

const (
	Text    Kind = iota
	Integer      // whole number
	Number       // decimal number
	Percent      // 0-100 in CSV; a fraction with a % format in workbooks
	Points       // a change in percentage points
	Date         // a date kept at its precision
	Grade        // a grade word, coloured in workbooks
)

// Value is one cell of a metric table. A numeric column may hold a
// suppression code instead of a number (spec/findings.md v2).
type Value struct {
	Blank bool
	Text  string
	Num   float64
	Date  dates.Date
	Code  findings.Code
}

// Column is one column of a metric table: everything any output needs to
// know about it, in one entry. Adding a metric is adding a Column.
type Column[R any] struct {
	Name   string // the CSV column name: vacancy_rate
	Header string // plain English with the unit: "Vacancy rate (%)"
	Kind   Kind
	// DP is the number of decimal places shown (numbers, percentages,
	// points); figures are stored as given.
	DP         int
	Definition string // what it means, in plain English, and why
	Get        func(R) Value
	// Sheet is where a council column goes in the report workbook.
	Sheet Sheet
	// Group is the heading open-data files show over related indicators
	// (a workforce measure's header for its columns).
	Group string
	// Blank is what an empty cell means: NotApplicable ([z]: nothing
	// before to compare with, not a joint service, no figure to flag), or
	// by default NotAvailable ([x]: the inputs do not have it). Every
	// output that writes a shorthand for a blank takes it from here.
	Blank findings.Code
}

// Sheet is the report workbook sheet a council column belongs to.
type Sheet uint8

const (
	SheetNone        Sheet = iota
	SheetIdentity          // the council's name, codes and region: on every council sheet
	SheetJudgements        // Councils: grades, inspections, visits, findings
	SheetWorkforce         // Workforce: headline figures, dates, changes, sources
	SheetComparisons       // Comparisons: joint and small marks, medians, ranks
)

// BlankCode is what a blank cell of the column stands for.
func (c Column[R]) BlankCode() findings.Code {
	if c.Blank == findings.NoCode {
		return findings.NotAvailable
	}
	return c.Blank
}

// NumberFormat is the spreadsheet number format of the column.
func (c Column[R]) NumberFormat() string {
	frac := ""
	if c.DP > 0 {
		frac = "." + strings.Repeat("0", c.DP)
	}
	switch c.Kind {
	case Integer:
		return "#,##0"
	case Number:
		return "#,##0" + frac
	case Percent:
		return "0" + frac + "%"
	case Points:
		return "+0" + frac + ";-0" + frac + ";0" + frac
	}
	return "@"
}

// Unit is the column's unit as open-data metadata names it.
func (c Column[R]) Unit() string {
	switch c.Kind {
	case Percent:
		return "%"
	case Points:
		return "pp"
	}
	return ""
}

// Numeric reports whether the column holds numbers.
func (c Column[R]) Numeric() bool {
	return c.Kind == Integer || c.Kind == Number || c.Kind == Percent || c.Kind == Points
}

// Names lists the column names.
func Names[R any](cols []Column[R]) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

// Lookup returns the column with a name.
func Lookup[R any](cols []Column[R], name string) (Column[R], bool) {
	for _, c := range cols {
		if c.Name == name {
			return c, true
		}
	}
	return Column[R]{}, false
}

// Frame builds a gota dataframe of rows under cols: numbers as floats
// (blank and codes as NaN), whole numbers as ints, the rest as text (dates
// at their precision, codes bracketed).
func Frame[R any](cols []Column[R], rows []R) (dataframe.DataFrame, error) {
	ss := make([]series.Series, 0, len(cols))
	for _, c := range cols {
		switch {
		case c.Kind == Integer:
			v := make([]int, len(rows))
			for i, r := range rows {
				v[i] = int(c.Get(r).Num)
			}
			ss = append(ss, series.New(v, series.Int, c.Name))
		case c.Numeric():
			v := make([]float64, len(rows))
			for i, r := range rows {
				x := c.Get(r)
				if x.Blank || x.Code != findings.NoCode {
					v[i] = math.NaN()
				} else {
					v[i] = x.Num
				}
			}
			ss = append(ss, series.New(v, series.Float, c.Name))
		default:
			v := make([]string, len(rows))
			for i, r := range rows {
				v[i] = c.Get(r).String(c.Kind)
			}
			ss = append(ss, series.New(v, series.String, c.Name))
		}
	}
	df := dataframe.New(ss...)
	if df.Err != nil {
		return df, fmt.Errorf("frame: %w", df.Err)
	}
	return df, nil
}

// String is the value as CSV text: numbers in full, dates at their
// precision, codes bracketed (a blank that says why, [z], too), blank as "".
func (v Value) String(k Kind) string {
	switch {
	case v.Code != findings.NoCode:
		return v.Code.String()
	case v.Blank:
		return ""
	case k == Date:
		return v.Date.String()
	case k == Text || k == Grade:
		return v.Text
	}
	return fmt.Sprint(v.Num)
}

// Value constructors, blank when there is nothing to show.

func text(s string) Value { return Value{Text: s, Blank: s == ""} }

func num(ok bool, v float64) Value {
	if !ok || math.IsNaN(v) {
		return Value{Blank: true}
	}
	return Value{Num: v}
}

func count(n int) Value { return Value{Num: float64(n)} }

func date(d dates.Date) Value { return Value{Date: d, Blank: d.IsZero()} }

func grade(g findings.GradeValue) Value { return text(g.String()) }

func yes(b bool) Value {
	if b {
		return text("yes")
	}
	return Value{Blank: true}
}

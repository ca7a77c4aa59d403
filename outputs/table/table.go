// Package table is what every output writes from: named columns with a kind
// (text, whole number, number, percentage, date, grade) and rows of cells.
// The council-level tables come from gota dataframes; the findings and
// rejects, which can run to millions of rows, come straight from the
// intake's slices without a dataframe in between.
package table

import (
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/metrics"
)

// Kind is how a column's values are written: the metric schema's kinds.
type Kind = metrics.Kind

const (
	Text    = metrics.Text
	Integer = metrics.Integer // whole number
	Number  = metrics.Number  // decimal number
	Percent = metrics.Percent // 0-100 in CSV; a fraction with a % format in workbooks
	Points  = metrics.Points  // a change in percentage points
	Date    = metrics.Date    // a date kept at its precision
	Grade   = metrics.Grade   // a grade word, coloured in workbooks
)

// Column describes one column.
type Column struct {
	Name   string
	Header string // plain English with the unit, for workbooks; "" = Name
	Kind   Kind
	Width  float64 // workbook column width in characters; 0 = by kind
}

// Cell is one value. Kind overrides the column's for mixed columns (the
// findings' value column holds numbers and words).
type Cell struct {
	Kind  Kind
	Blank bool
	Text  string
	Num   float64
	Date  dates.Date
}

// Table is rows of cells under columns.
type Table interface {
	Name() string
	Columns() []Column
	Len() int
	// Row fills out (len(Columns())) with row i. It must be safe to call
	// from several goroutines at once.
	Row(i int, out []Cell)
}

// Unsafe reports whether text would be read as a formula by a spreadsheet
// (OWASP's CSV injection list: = + - @ tab CR).
func Unsafe(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// Inert makes text safe to open in a spreadsheet from a CSV file by
// prefixing a single quote, which spreadsheets show as text.
func Inert(s string) string {
	if Unsafe(s) {
		return "'" + s
	}
	return s
}

// Slug turns a name into a file name that cannot leave its folder: lower
// case ASCII letters, digits and single hyphens only.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r == '&':
			if b.Len() > 0 && !dash {
				b.WriteByte('-')
			}
			b.WriteString("and")
			dash = false
		default:
			if b.Len() > 0 && !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	s := strings.TrimRight(b.String(), "-")
	if s == "" {
		return "unnamed"
	}
	if len(s) > 80 {
		s = strings.TrimRight(s[:80], "-")
	}
	return s
}

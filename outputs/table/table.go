// Package table is what every output writes from: named columns with a kind
// (text, whole number, number, percentage, date, grade) and rows of cells.
// The council-level tables come from gota dataframes; the findings and
// rejects, which can run to millions of rows, come straight from the
// intake's slices without a dataframe in between.
package table

import (
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
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
	Name string // machine name: CSV header, lookups
	// Header is the plain-English heading a workbook shows, with its unit
	// ("Vacancy rate (%)"); "" shows Name. One line, unique in its table.
	Header string
	Kind   Kind
	Width  float64 // workbook column width in characters; 0 = by kind
	// Notes are keys of workbook notes about this column: a publishable
	// workbook puts their markers ("[note 3]") after the header.
	Notes []string
	// Decimals shown for numbers (a metric column's DP).
	Decimals int
	// Group is the heading open-data files show over related indicators.
	Group string
	// Blank is the code a blank cell stands for (NotApplicable or, when
	// NoCode, NotAvailable), as the metric schema declares it.
	Blank Code
}

// Heading is the column's header text as a reader sees it.
func (c *Column) Heading() string {
	if c.Header != "" {
		return c.Header
	}
	return c.Name
}

// Cell is one value. Kind overrides the column's for mixed columns (the
// findings' value column holds numbers and words).
type Cell struct {
	Kind  Kind
	Blank bool
	Text  string
	Num   float64
	Date  dates.Date
	// Code says why a blank cell is blank; see Missing.
	Code Code
	// Decimals is how many decimal places a workbook shows a number or
	// percentage with: up to 2 for medians and means (as the schema's DP
	// says, and the charts label them), else one.
	Decimals uint8
}

// Code is the shorthand that stands in a table for a value that is not
// there ([c], [x], [z], [u], [low]), as the Analysis Function's guidance on
// releasing statistics in spreadsheets has them: the findings' suppression
// codes. Workbooks and CSV files show String ("[x]"), EES files Bare ("x").
type Code = findings.Code

const (
	NoCode         = findings.NoCode
	Confidential   = findings.Confidential   // [c]: withheld to protect confidentiality
	NotAvailable   = findings.NotAvailable   // [x]: no figure exists or was given
	NotApplicable  = findings.NotApplicable  // [z]: the figure cannot exist for this row
	LowReliability = findings.LowReliability // [u]: too unreliable to publish
	RoundsToZero   = findings.RoundsToZero   // [low]: rounds to zero but is not zero
)

// CodeSet is a set of codes (NoCode is never in it).
type CodeSet uint32

// Add puts c in the set.
func (s *CodeSet) Add(c Code) {
	if c != NoCode {
		*s |= 1 << c
	}
}

// Codes lists the codes in the set, in findings.Codes order.
func (s CodeSet) Codes() []Code {
	var out []Code
	for _, c := range findings.Codes() {
		if s&(1<<c) != 0 {
			out = append(out, c)
		}
	}
	return out
}

// Missing is a blank cell that says why it is blank. Writers that know
// codes show the code; any other reader sees a blank cell, never a zero.
func Missing(k Kind, code Code) Cell { return Cell{Kind: k, Blank: true, Code: code} }

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

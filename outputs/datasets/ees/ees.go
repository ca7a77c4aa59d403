// Package ees writes a dataset in the layout of DfE's open data standards
// for Explore Education Statistics (EES), with its EES metadata file, so the
// file can be uploaded to EES or joined with DfE's own files as it is.
//
// The layout (analysts' guide, "Open data standards"): the time columns
// time_period and time_identifier; geographic_level, country_code and
// country_name on every row; region_code and region_name on Regional and
// Local authority rows; old_la_code, new_la_code and la_name on Local
// authority rows (the order of DfE's own files, e.g. the children's social
// work workforce indicators); then the filters, then the indicators, one
// measure per column. Blank indicator cells are written as a GSS symbol (z
// not applicable, x not available, c confidential, low, u low reliability),
// never left empty. The metadata file has a row per filter and indicator
// (the time and geography columns are not described there; a filter with a
// single value is left out of it, as the standard asks).
//
// Files are UTF-8 without a byte-order mark, "\n" line ends, the same bytes
// for the same dataset, text that a spreadsheet would run as a formula made
// inert (table.Inert), and written atomically (publish.File).
package ees

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/oversight/oversight/outputs/publish"
	"github.com/oversight/oversight/outputs/table"
)

// Standard column names.
const (
	TimePeriod      = "time_period"
	TimeIdentifier  = "time_identifier"
	GeographicLevel = "geographic_level"
	CountryCode     = "country_code"
	CountryName     = "country_name"
	RegionCode      = "region_code"
	RegionName      = "region_name"
	OldLACode       = "old_la_code"
	NewLACode       = "new_la_code"
	LAName          = "la_name"
)

// Geographic levels this project writes (EES has more: see screener).
const (
	National       = "National"
	Regional       = "Regional"
	LocalAuthority = "Local authority"
)

// ReportingYear is the time identifier for figures collected on a day, such
// as DfE's workforce census on 30 September: time_period is that day's year.
const ReportingYear = "Reporting year"

// Area is a geography's code and name.
type Area struct{ Code, Name string }

// England is the country of every row.
var England = Area{"E92000001", "England"}

// Regions are England's nine regions with their ONS codes, in DfE's order
// (as in DfE's csww_indicators file and the EES screener's regions lookup).
var Regions = []Area{
	{"E12000001", "North East"}, {"E12000002", "North West"}, {"E12000003", "Yorkshire and The Humber"},
	{"E12000004", "East Midlands"}, {"E12000005", "West Midlands"}, {"E12000006", "East of England"},
	{"E12000007", "London"}, {"E12000008", "South East"}, {"E12000009", "South West"},
}

// RegionCodeOf returns the ONS code of an English region named as DfE does.
func RegionCodeOf(name string) (string, bool) {
	for _, r := range Regions {
		if r.Name == name {
			return r.Code, true
		}
	}
	return "", false
}

// GSS symbols for a cell with no number (the standard's "Data symbols").
const (
	NotApplicable  = "z"
	NotAvailable   = "x"
	Confidential   = "c"
	Low            = "low"
	LowReliability = "u"
)

// Symbols are the symbols EES takes in an indicator cell.
var Symbols = []string{NotApplicable, NotAvailable, Confidential, Low, LowReliability}

// Symbol returns the EES symbol for a bare symbol or the shorthand used in
// spreadsheets and in the findings contract ("[c]", "[low]"); ok is false
// for anything else.
func Symbol(s string) (sym string, ok bool) {
	t := s
	if len(t) > 2 && t[0] == '[' && t[len(t)-1] == ']' {
		t = t[1 : len(t)-1]
	}
	for _, v := range Symbols {
		if t == v {
			return v, true
		}
	}
	return "", false
}

// Units EES accepts in indicator_unit (blank is a plain number).
var Units = []string{"", "%", "pp", "£", "£m", "numberstring"}

// MetaColumns are the EES metadata file's columns, in order.
var MetaColumns = []string{"col_name", "col_type", "label", "indicator_grouping", "indicator_unit", "indicator_dp", "filter_hint", "filter_grouping_column"}

// Role is what a column is to EES.
type Role uint8

const (
	Filter    Role = iota + 1 // a category rows are broken down by
	Indicator                 // a measure
)

func (r Role) String() string {
	switch r {
	case Filter:
		return "Filter"
	case Indicator:
		return "Indicator"
	}
	return "Role(" + strconv.Itoa(int(r)) + ")"
}

// Column describes one filter or indicator.
type Column struct {
	Name  string // snake_case; the data file's header and the metadata's col_name
	Role  Role
	Label string // what EES shows
	// Indicators only.
	Unit     string // one of Units
	DP       int    // decimal places EES shows (the file keeps every digit)
	Text     bool   // not a number (a grade, a date): no unit or decimal places
	Grouping string // indicator_grouping: a heading over related indicators
	// Filters only.
	Hint    string // filter_hint
	GroupBy string // filter_grouping_column
	// Blank is what an empty cell is written as: a symbol for an indicator
	// (x when unset), an item for a filter (required if a cell is empty).
	Blank string
}

// Place is where a row's figures are for.
type Place struct {
	Level  string // National, Regional or Local authority
	Region string // region name: Regional and Local authority rows
	OldLA  string // DfE three-digit code
	NewLA  string // GSS code
	LA     string // DfE name
}

// Row is one row: its time period, its place and a cell per column (in the
// order of Dataset.Columns; "" is blank).
type Row struct {
	Period string
	Place  Place
	Cells  []string
}

// Dataset is a file to write.
type Dataset struct {
	Name       string // file stem: Name.csv and Name.meta.csv
	Identifier string // time_identifier of every row
	Columns    []Column
	Rows       []Row
	// Source, when set, gives the rows instead of Rows, each made as it is
	// written: a large dataset is never held as rows of text.
	Source RowSource
}

// RowSource gives a dataset's rows one at a time.
type RowSource interface {
	Len() int
	// Place is row i's place (cheap: Encode asks it of every row before
	// writing any).
	Place(i int) Place
	// Row fills r with row i, reusing r.Cells.
	Row(i int, r *Row)
}

// rows is Rows as a RowSource.
type rows []Row

func (rs rows) Len() int          { return len(rs) }
func (rs rows) Place(i int) Place { return rs[i].Place }
func (rs rows) Row(i int, r *Row) { *r = rs[i] }

func (d *Dataset) source() RowSource {
	if d.Source != nil {
		return d.Source
	}
	return rows(d.Rows)
}

// DataFile and MetaFile are the dataset's file names.
func (d *Dataset) DataFile() string { return d.Name + ".csv" }
func (d *Dataset) MetaFile() string { return d.Name + ".meta.csv" }

// Encode renders the data and metadata files.
func Encode(d *Dataset) (data, meta []byte, err error) {
	if err := d.check(); err != nil {
		return nil, nil, err
	}
	src := d.source()
	n := src.Len()
	order := d.order()
	hasRegion, hasLA := false, false
	for i := 0; i < n; i++ {
		p := src.Place(i)
		hasRegion = hasRegion || p.Region != ""
		hasLA = hasLA || p.Level == LocalAuthority
	}
	header := []string{TimePeriod, TimeIdentifier, GeographicLevel, CountryCode, CountryName}
	if hasRegion {
		header = append(header, RegionCode, RegionName)
	}
	if hasLA {
		header = append(header, OldLACode, NewLACode, LAName)
	}
	for _, j := range order {
		header = append(header, d.Columns[j].Name)
	}

	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(header); err != nil {
		return nil, nil, err
	}
	// levels counts each filter's distinct items, to leave single-item
	// filters out of the metadata.
	levels := make([]map[string]bool, len(d.Columns))
	rec := make([]string, 0, len(header))
	var r Row
	for i := 0; i < n; i++ {
		src.Row(i, &r)
		if err := d.checkRow(i, &r); err != nil {
			return nil, nil, err
		}
		rec = rec[:0]
		p := r.Place
		rec = append(rec, r.Period, d.Identifier, p.Level, England.Code, England.Name)
		if hasRegion {
			code := ""
			if p.Region != "" {
				var ok bool
				if code, ok = RegionCodeOf(p.Region); !ok {
					return nil, nil, fmt.Errorf("%s row %d: %q is not an English region", d.DataFile(), i+1, p.Region)
				}
			}
			rec = append(rec, code, table.Inert(p.Region))
		}
		if hasLA {
			rec = append(rec, table.Inert(p.OldLA), table.Inert(p.NewLA), table.Inert(p.LA))
		}
		for _, j := range order {
			c := &d.Columns[j]
			v, err := cell(c, r.Cells[j])
			if err != nil {
				return nil, nil, fmt.Errorf("%s row %d: %w", d.DataFile(), i+1, err)
			}
			if c.Role == Filter {
				if levels[j] == nil {
					levels[j] = map[string]bool{}
				}
				levels[j][v] = true
			}
			rec = append(rec, v)
		}
		if err := w.Write(rec); err != nil {
			return nil, nil, err
		}
		if i == sizeRows && n > 2*sizeRows {
			// Room for the rest at the size of the rows so far, so a large
			// file is not copied as its buffer doubles.
			w.Flush()
			buf.Grow(buf.Len() / (i + 1) * (n - i) * 5 / 4)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, nil, err
	}
	data = buf.Bytes()

	buf = bytes.Buffer{}
	w = csv.NewWriter(&buf)
	w.Write(MetaColumns)
	for _, j := range order {
		c := &d.Columns[j]
		if c.Role == Filter && len(levels[j]) < 2 {
			continue // "If a filter has one level, you should not include it in the EES metadata."
		}
		row := []string{c.Name, c.Role.String(), table.Inert(c.Label), "", "", "", "", ""}
		if c.Role == Indicator {
			row[3] = table.Inert(c.Grouping)
			if !c.Text {
				row[4] = c.Unit
				row[5] = strconv.Itoa(c.DP)
			}
		} else {
			row[6] = table.Inert(c.Hint)
			row[7] = c.GroupBy
		}
		w.Write(row)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, nil, err
	}
	return data, append([]byte(nil), buf.Bytes()...), nil
}

// sizeRows is how many rows Encode writes before it sizes the file.
const sizeRows = 1000

// cell is the text written for one value.
func cell(c *Column, v string) (string, error) {
	if c.Role == Filter {
		if v == "" {
			if c.Blank == "" {
				return "", fmt.Errorf("filter %s is blank and has no item for a blank", c.Name)
			}
			v = c.Blank
		}
		return inert(v), nil
	}
	if v == "" {
		if c.Blank == "" {
			return NotAvailable, nil
		}
		return c.Blank, nil
	}
	if s, ok := Symbol(v); ok {
		return s, nil
	}
	return inert(v), nil
}

// inert makes text safe to open in a spreadsheet; a number (-0.1) is left
// as it is, since a spreadsheet reads it as the number it is.
func inert(v string) string {
	if !table.Unsafe(v) {
		return v
	}
	if _, err := strconv.ParseFloat(v, 64); err == nil {
		return v
	}
	return table.Inert(v)
}

// order puts the filters before the indicators, each in the given order.
func (d *Dataset) order() []int {
	var out []int
	for _, role := range []Role{Filter, Indicator} {
		for j, c := range d.Columns {
			if c.Role == role {
				out = append(out, j)
			}
		}
	}
	return out
}

func (d *Dataset) check() error {
	if d.Name == "" || strings.ContainsAny(d.Name, `/\`) {
		return fmt.Errorf("dataset name %q", d.Name)
	}
	if d.Identifier == "" {
		return fmt.Errorf("%s: no time identifier", d.DataFile())
	}
	seen := map[string]bool{}
	for _, c := range d.Columns {
		switch {
		case c.Role != Filter && c.Role != Indicator:
			return fmt.Errorf("%s: column %q has no role", d.DataFile(), c.Name)
		case seen[c.Name]:
			return fmt.Errorf("%s: column %q twice", d.DataFile(), c.Name)
		case c.Role == Indicator && c.Blank != "":
			if sym, ok := Symbol(c.Blank); !ok || sym != c.Blank {
				return fmt.Errorf("%s: indicator %s: blank cells as %q, which is not a GSS symbol", d.DataFile(), c.Name, c.Blank)
			}
		}
		seen[c.Name] = true
	}
	src := d.source()
	for i := 0; i < src.Len(); i++ {
		switch l := src.Place(i).Level; l {
		case National, Regional, LocalAuthority:
		default:
			return fmt.Errorf("%s row %d: geographic level %q", d.DataFile(), i+1, l)
		}
	}
	return nil
}

// checkRow checks a row as it is written.
func (d *Dataset) checkRow(i int, r *Row) error {
	if len(r.Cells) != len(d.Columns) {
		return fmt.Errorf("%s row %d: %d cells for %d columns", d.DataFile(), i+1, len(r.Cells), len(d.Columns))
	}
	return nil
}

// ErrScreen wraps what a screen found wrong with a file before it was
// written.
var ErrScreen = errors.New("does not meet the EES open data standards")

// Screen checks a data file and its metadata file before they are written.
type Screen func(dataName string, data []byte, metaName string, meta []byte) error

// Screened encodes d and, when screen is not nil, passes both files to it:
// an error from it is returned instead of the files, so a file that fails
// the standards is never written.
func Screened(d *Dataset, screen Screen) (data, meta []byte, err error) {
	data, meta, err = Encode(d)
	if err != nil {
		return nil, nil, err
	}
	if screen != nil {
		if err := screen(d.DataFile(), data, d.MetaFile(), meta); err != nil {
			return nil, nil, fmt.Errorf("%s %w: %w", d.DataFile(), ErrScreen, err)
		}
	}
	return data, meta, nil
}

// Write writes dir/Name.csv and dir/Name.meta.csv, screened, each
// atomically and durably (publish.File). Inside a folder that is published
// whole, write Screened's bytes as the folder's other files instead: an
// fsync amid a run's large writes waits for all of them.
func Write(dir string, d *Dataset, screen Screen) error {
	data, meta, err := Screened(d, screen)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		b    []byte
	}{{d.DataFile(), data}, {d.MetaFile(), meta}} {
		b := f.b
		if err := publish.File(filepath.Join(dir, f.name), func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
			return err
		}
	}
	return nil
}

package table

import (
	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
)

// FindingColumns are the columns of findings.csv and the Findings sheet.
var FindingColumns = []Column{
	{Name: "la_name", Header: "Local authority", Kind: Text, Width: 28}, {Name: "new_la_code", Header: "New LA code (ONS)", Kind: Text, Width: 11}, {Name: "old_la_code", Header: "Old LA code (DfE)", Kind: Text, Width: 8},
	{Name: "region_name", Header: "Region", Kind: Text, Width: 16}, {Name: "date", Header: "Date", Kind: Date, Width: 11},
	{Name: "published", Header: "Published", Kind: Date, Width: 11},
	{Name: "revised", Header: "Replaced by a release published on", Kind: Date, Width: 11, Blank: NotApplicable}, {Name: "measure", Header: "Measure", Kind: Text, Width: 15},
	{Name: "value", Header: "Value", Kind: Text, Width: 22}, {Name: "area", Header: "Judgement area", Kind: Text, Width: 18}, {Name: "scope", Header: "Part of the service", Kind: Text, Width: 14},
	{Name: "qualifier", Header: "Qualifier", Kind: Text, Width: 9}, {Name: "polarity", Header: "Strength or weakness", Kind: Text, Width: 9}, {Name: "source", Header: "Source", Kind: Text, Width: 30},
	{Name: "source_type", Header: "Kind of source", Kind: Text, Width: 11}, {Name: "note", Header: "Note", Kind: Text, Width: 40},
	{Name: "document", Header: "Document (SHA-256)", Kind: Text, Width: 20}, {Name: "page", Header: "Page or paragraph", Kind: Integer, Width: 6}, {Name: "quote", Header: "Quote", Kind: Text, Width: 40},
	{Name: "extractor", Header: "Extractor", Kind: Text, Width: 16}, {Name: "confidence", Header: "Confidence", Kind: Number, Width: 10},
	{Name: "file", Header: "File", Kind: Text, Width: 24}, {Name: "line", Header: "Line", Kind: Integer, Width: 7},
}

// Findings is the accepted findings as a table: those that count in a
// report, each with the day of the release that replaced it, if one did.
type Findings struct {
	name    string
	list    []findings.Finding
	rows    []int32 // the listed findings' positions in list
	ref     *reference.List
	files   []string
	revised map[[2]int32]dates.Date
}

// NewFindings lists the findings of list that count in the report r (spec
// v3: dated on or before its as-at day, published on or before its as-of
// day), in input order; files names each finding's File index. An official
// figure a later release replaced is listed too, with the day of that
// release: nothing a report was given disappears from its listing.
func NewFindings(name string, list []findings.Finding, r *metrics.Report, files []string) *Findings {
	t := &Findings{name: name, list: list, ref: r.Ref, files: files, revised: r.Revised}
	t.rows = make([]int32, 0, len(list))
	for i := range list {
		if metrics.Counts(&list[i], r.AsOf, r.AsAt) {
			t.rows = append(t.rows, int32(i))
		}
	}
	return t
}

func (t *Findings) Name() string      { return t.name }
func (t *Findings) Columns() []Column { return FindingColumns }
func (t *Findings) Len() int          { return len(t.rows) }

func (t *Findings) Row(i int, out []Cell) {
	f := &t.list[t.rows[i]]
	c := t.ref.Councils[f.Council]
	text := func(j int, s string) { out[j] = Cell{Kind: Text, Text: s, Blank: s == ""} }
	text(0, c.Name)
	text(1, c.CodeOn(f.Date.Day))
	text(2, c.DfE)
	text(3, c.Region)
	out[4] = Cell{Kind: Date, Date: f.Date}
	// Blank when the source gave no publication day (it is then the date).
	out[5] = Cell{Kind: Date, Date: f.Published, Blank: f.Published.Day == 0}
	by, revised := t.revised[[2]int32{f.File, f.Line}]
	out[6] = Cell{Kind: Date, Date: by, Blank: !revised}
	text(7, f.Measure.String())
	if f.Measure.Numeric() && f.Code == findings.NoCode {
		out[8] = Cell{Kind: Number, Num: f.Value}
		if f.Measure.Rate() {
			out[8].Kind = Percent
		}
	} else {
		text(8, f.ValueText())
	}
	text(9, f.Area.String())
	scope := ""
	if f.Measure.Numeric() || f.Measure == findings.Theme || f.Scope != findings.CouncilScope {
		scope = f.Scope
	}
	text(10, scope)
	text(11, f.Qualifier.String())
	text(12, f.Polarity.String())
	text(13, f.Source)
	text(14, f.SourceType.String())
	text(15, f.Note)
	text(16, f.Document)
	out[17] = Cell{Kind: Integer, Num: float64(f.Page), Blank: f.Page == 0}
	text(18, f.Quote)
	text(19, f.Extractor)
	out[20] = Cell{Kind: Number, Num: f.Confidence, Blank: f.Confidence == 0}
	text(21, t.files[f.File])
	out[22] = Cell{Kind: Integer, Num: float64(f.Line)}
}

// RejectColumns are the columns of rejects.csv and the Rejects sheet: where
// the row was, its values as written, and why it was not used.
var RejectColumns = []Column{
	{Name: "file", Header: "File", Kind: Text, Width: 24}, {Name: "line", Header: "Line", Kind: Integer, Width: 7},
	{Name: "council", Header: "Council (as written)", Kind: Text, Width: 24}, {Name: "date", Header: "Date", Kind: Text, Width: 11},
	{Name: "published", Header: "Published", Kind: Text, Width: 11}, {Name: "measure", Header: "Measure", Kind: Text, Width: 14},
	{Name: "value", Header: "Value", Kind: Text, Width: 16}, {Name: "area", Header: "Judgement area", Kind: Text, Width: 12}, {Name: "scope", Header: "Part of the service", Kind: Text, Width: 12},
	{Name: "qualifier", Header: "Qualifier", Kind: Text, Width: 9}, {Name: "polarity", Header: "Strength or weakness", Kind: Text, Width: 9}, {Name: "source", Header: "Source", Kind: Text, Width: 20},
	{Name: "source_type", Header: "Kind of source", Kind: Text, Width: 11}, {Name: "note", Header: "Note", Kind: Text, Width: 24},
	{Name: "document", Header: "Document (SHA-256)", Kind: Text, Width: 20}, {Name: "page", Header: "Page or paragraph", Kind: Text, Width: 6}, {Name: "quote", Header: "Quote", Kind: Text, Width: 30},
	{Name: "extractor", Header: "Extractor", Kind: Text, Width: 16}, {Name: "confidence", Header: "Confidence", Kind: Text, Width: 10},
	{Name: "reason", Header: "Reason not used", Kind: Text, Width: 80},
}

// Rejects is the rejected rows as a table.
type Rejects struct {
	name  string
	list  []intake.Reject
	files []string
}

func NewRejects(name string, list []intake.Reject, files []string) *Rejects {
	return &Rejects{name: name, list: list, files: files}
}

func (t *Rejects) Name() string      { return t.name }
func (t *Rejects) Columns() []Column { return RejectColumns }
func (t *Rejects) Len() int          { return len(t.list) }

func (t *Rejects) Row(i int, out []Cell) {
	r := &t.list[i]
	out[0] = Cell{Kind: Text, Text: t.files[r.File]}
	// Line 0 is the file as a whole (no header, unreadable).
	out[1] = Cell{Kind: Integer, Num: float64(r.Line), Blank: r.Line == 0}
	for j := 0; j < findings.NumCols; j++ {
		out[2+j] = Cell{Kind: Text, Text: r.Raw[j], Blank: r.Raw[j] == ""}
	}
	out[2+findings.NumCols] = Cell{Kind: Text, Text: r.Reason}
}

// DuplicateColumns are the columns of duplicates.csv.
var DuplicateColumns = []Column{
	{Name: "file", Header: "File", Kind: Text, Width: 24}, {Name: "line", Header: "Line", Kind: Integer, Width: 7},
	{Name: "duplicate_of_file", Header: "Repeats the row in file", Kind: Text, Width: 24}, {Name: "duplicate_of_line", Header: "Repeats the row at line", Kind: Integer, Width: 9},
}

// Duplicates lists rows counted once because an earlier row said the same.
type Duplicates struct {
	list  []intake.Duplicate
	files []string
}

func NewDuplicates(list []intake.Duplicate, files []string) *Duplicates {
	return &Duplicates{list: list, files: files}
}

func (t *Duplicates) Name() string      { return "duplicates" }
func (t *Duplicates) Columns() []Column { return DuplicateColumns }
func (t *Duplicates) Len() int          { return len(t.list) }

func (t *Duplicates) Row(i int, out []Cell) {
	d := t.list[i]
	out[0] = Cell{Kind: Text, Text: t.files[d.File]}
	out[1] = Cell{Kind: Integer, Num: float64(d.Line)}
	out[2] = Cell{Kind: Text, Text: t.files[d.OfFile]}
	out[3] = Cell{Kind: Integer, Num: float64(d.OfLine)}
}

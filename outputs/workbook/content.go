package workbook

import (
	"fmt"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/prose"
	"github.com/oversight/oversight/outputs/table"
)

// What the report and councillor workbooks share: the publisher's details,
// the sources listed on a Cover, the notes, and metric tables made fit to
// publish (no blank cell without a shorthand saying why).

// Publishing is who publishes a workbook and when it is next updated, from
// the jobs file or the command line.
type Publishing struct {
	Publisher  string
	Contact    Contact
	NextUpdate dates.Day // 0 when no update is scheduled
}

// OGLURL is the Open Government Licence v3.0.
const OGLURL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

// publishers are where the sources a finding names are published, by how
// the source's name starts.
var publishers = []struct{ prefix, url string }{
	{"DfE, Children's social work workforce", "https://explore-education-statistics.service.gov.uk/find-statistics/children-s-social-work-workforce"},
	{"Ofsted, ", "https://www.gov.uk/government/statistical-data-sets/childrens-social-care-data-in-england"},
	{"https://files.ofsted.gov.uk/", "https://reports.ofsted.gov.uk/"},
}

// Sources lists the sources of a run's findings for a Cover, as a reader
// names them: each official release or data set (by the name its findings
// give, never the file it was read from), Ofsted's reports read, and news
// articles and council papers, each with the period its findings cover,
// when it was released and where it is published. For a council's
// workbook give only the findings about it.
func Sources(in *intake.Result, fs []findings.Finding) []Source {
	type acc struct {
		name     string
		from, to dates.Date
		released dates.Day
		n        int
		order    int
	}
	per := map[string]*acc{}
	for i := range fs {
		f := &fs[i]
		name, order := sourceName(f)
		a := per[name]
		if a == nil {
			a = &acc{name: name, from: f.Date, to: f.Date, order: order}
			per[name] = a
		}
		a.n++
		if f.Date.Day < a.from.Day {
			a.from = f.Date
		}
		if f.Date.End() > a.to.End() {
			a.to = f.Date
		}
		if f.SourceType == findings.SourceStatistics && f.Known().Day > a.released {
			a.released = f.Known().Day
		}
	}
	list := make([]*acc, 0, len(per))
	for _, a := range per {
		list = append(list, a)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].order != list[j].order {
			return list[i].order < list[j].order
		}
		return list[i].name < list[j].name
	})
	var out []Source
	for _, a := range list {
		src := Source{Name: a.name, Period: periodText(a.from, a.to), Released: a.released}
		for _, p := range publishers {
			if strings.HasPrefix(a.name, p.prefix) || a.name == ofstedReports && p.prefix == "https://files.ofsted.gov.uk/" {
				src.URL = p.url
				break
			}
		}
		out = append(out, src)
	}
	return out
}

// ofstedReports names the reports extraction read.
const ofstedReports = "Ofsted's inspection reports and letters, read by oversight extract"

// sourceName is the name a Cover gives a finding's source, and where it
// sorts: official statistics, Ofsted's data, its reports, then the rest.
func sourceName(f *findings.Finding) (string, int) {
	name, _, _ := strings.Cut(f.Source, ": ")
	switch {
	case f.Document != "" && f.SourceType == findings.SourceOfsted, strings.HasPrefix(name, "https://files.ofsted.gov.uk/"):
		return ofstedReports, 2
	case f.SourceType == findings.SourceStatistics:
		return name, 0
	case f.SourceType == findings.SourceOfsted && strings.HasPrefix(name, "Ofsted, "):
		return name, 1
	case f.SourceType == findings.SourceOfsted:
		return "Ofsted's reports and letters as cited by other sources", 3
	case f.SourceType == findings.SourceNews:
		return "News articles", 4
	case f.SourceType == findings.SourceCouncil:
		return "Council papers", 5
	}
	return "Other sources", 6
}

func periodText(from, to dates.Date) string {
	if from == to {
		return "findings dated " + prose.LongDate(from)
	}
	return "findings dated " + prose.LongDate(from) + " to " + prose.LongDate(to)
}

// age says how old a figure is at the report date, in months.
func age(d dates.Date, asOf dates.Day) string {
	if d.IsZero() {
		return ""
	}
	y1, m1, _ := d.End().YMD()
	y2, m2, _ := asOf.YMD()
	months := (y2-y1)*12 + m2 - m1
	switch {
	case months <= 0:
		return "this month"
	case months == 1:
		return "1 month"
	}
	return fmt.Sprintf("%d months", months)
}

// addRuleNotes registers the metrics' rules as notes, keyed rule1, rule2...
// in their order; each note gives the rule and why.
func addRuleNotes(p *Publication) error {
	for i, n := range metrics.Notes {
		if err := p.Note(ruleKey(i), n.Rule+" Why: "+n.Why); err != nil {
			return err
		}
	}
	return nil
}

func ruleKey(i int) string { return fmt.Sprintf("rule%d", i+1) }

// Keys of the rules that titles refer to (positions in metrics.Notes).
var (
	noteAsOf       = ruleKey(0)
	noteFramework  = ruleKey(2)
	noteOfficial   = ruleKey(3)
	noteCodes      = ruleKey(4)
	noteMedians    = ruleKey(5)
	noteJoint      = ruleKey(6)
	noteSmall      = ruleKey(7)
	noteDuplicates = ruleKey(9)
	noteGoodShare  = ruleKey(11)
)

// named is the schema's columns with these names, in this order.
func named[R any](cols []metrics.Column[R], names ...string) []metrics.Column[R] {
	out := make([]metrics.Column[R], 0, len(names))
	for _, n := range names {
		c, ok := metrics.Lookup(cols, n)
		if !ok {
			panic("workbook: no column " + n)
		}
		out = append(out, c)
	}
	return out
}

// matching is the schema's columns whose names pass keep, in order.
func matching[R any](cols []metrics.Column[R], keep func(string) bool) []metrics.Column[R] {
	var out []metrics.Column[R]
	for _, c := range cols {
		if keep(c.Name) {
			out = append(out, c)
		}
	}
	return out
}

// filled is a metric table whose blank cells say why they are blank, as the
// Analysis Function asks: [z] where nothing can be there (no earlier grade
// to compare with, no change from a first figure), [x] where the inputs
// have nothing.
type filled struct {
	table.Table
	z []bool
}

func fill(t table.Table) table.Table {
	cols := t.Columns()
	f := &filled{Table: t, z: make([]bool, len(cols))}
	for j, c := range cols {
		f.z[j] = c.Blank == table.NotApplicable
	}
	return f
}

func (f *filled) Row(i int, out []table.Cell) {
	f.Table.Row(i, out)
	for j := range out {
		if out[j].Blank && out[j].Code == table.NoCode {
			code := table.NotAvailable
			if f.z[j] {
				code = table.NotApplicable
			}
			out[j] = table.Missing(out[j].Kind, code)
		}
	}
}

// inputsTable lists every input file with its checksum and row accounting.
func inputsTable(in *intake.Result) table.Table {
	t := &cellTable{name: "inputs", cols: []table.Column{
		{Name: "file", Header: "File", Kind: table.Text}, {Name: "format", Header: "Format", Kind: table.Text},
		{Name: "layout", Header: "Official layout", Kind: table.Text}, {Name: "encoding", Header: "Encoding", Kind: table.Text},
		{Name: "read", Header: "Rows read", Kind: table.Integer}, {Name: "accepted", Header: "Accepted", Kind: table.Integer},
		{Name: "rejected", Header: "Rejected", Kind: table.Integer}, {Name: "duplicates", Header: "Duplicates", Kind: table.Integer},
		{Name: "sha256", Header: "SHA-256 checksum", Kind: table.Text}, {Name: "notes", Header: "Notes", Kind: table.Text},
	}}
	for _, fr := range in.Files {
		notes := fr.Error
		for _, n := range fr.Notices {
			if notes != "" {
				notes += "; "
			}
			notes += n
		}
		t.rows = append(t.rows, []table.Cell{textCell(fr.Path), textCell(fr.Format), orNone(fr.Layout), orNone(fr.Encoding),
			intCell(fr.Read), intCell(fr.Accepted), intCell(fr.Rejected), intCell(fr.Duplicates), textCell(fr.SHA256), orNone(notes)})
	}
	return t
}

func intCell(n int) table.Cell { return table.Cell{Kind: table.Integer, Num: float64(n)} }

// orNone is text, or [z] when there is none to give.
func orNone(s string) table.Cell {
	if s == "" {
		return table.Missing(table.Text, table.NotApplicable)
	}
	return textCell(s)
}

// explainCodes says what each shorthand means in these tables: DfE's own
// codes in its words, and [x] and [z] also for the cells this project
// leaves blank. (The Notes sheet puts the code's name before each: "[x]
// not available: ...".)
func explainCodes(p *Publication) {
	for _, c := range findings.Codes() {
		_, ex, _ := strings.Cut(c.Meaning(), ": ")
		p.Shorthand(c, ex+".")
	}
	// Each line is as short as it can be: the Notes sheet prints as wide as
	// its longest line.
	p.Shorthand(table.NotAvailable, "DfE published no figure, or the inputs hold none for this council, area or date.")
	p.Shorthand(table.NotApplicable, "nothing can be there (no staff in post, nothing earlier to compare with, no grade at a visit).")
}

// linked is a table whose address column shows words that say where each
// link goes (the Analysis Function's rule: never the bare address), the
// address becoming the cell's link.
type linked struct {
	table.Table
	col   int
	words func(url string, row []table.Cell) string
	urls  []string
}

// linkColumn makes the column named col of t a column of links, each
// cell's text words(url, row). It returns the table and its Links func.
func linkColumn(t table.Table, col string, words func(url string, row []table.Cell) string) (table.Table, func(i, j int) string) {
	l := &linked{Table: t, col: -1, words: words}
	for j, c := range t.Columns() {
		if c.Name == col {
			l.col = j
		}
	}
	if l.col < 0 {
		return t, nil
	}
	cells := make([]table.Cell, len(t.Columns()))
	l.urls = make([]string, t.Len())
	for i := range l.urls {
		t.Row(i, cells)
		if !cells[l.col].Blank {
			l.urls[i] = cells[l.col].Text
		}
	}
	return l, func(i, j int) string {
		if j == l.col {
			return l.urls[i]
		}
		return ""
	}
}

func (l *linked) Row(i int, out []table.Cell) {
	l.Table.Row(i, out)
	if u := l.urls[i]; u != "" {
		out[l.col] = table.Cell{Kind: table.Text, Text: l.words(u, out)}
	}
}

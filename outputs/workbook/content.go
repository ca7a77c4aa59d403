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

// Sources lists the sources of a run's findings for a Cover: each input
// file, named by what its findings say they come from (the most common
// source names, without the file they were read from), with the period
// its findings cover and where the source is published. For a council's
// workbook give only the findings about it.
func Sources(in *intake.Result, fs []findings.Finding) []Source {
	type acc struct {
		from, to dates.Date
		names    map[string]int
	}
	per := map[int32]*acc{}
	for i := range fs {
		f := &fs[i]
		a := per[f.File]
		if a == nil {
			a = &acc{from: f.Date, to: f.Date, names: map[string]int{}}
			per[f.File] = a
		}
		if f.Date.Day < a.from.Day {
			a.from = f.Date
		}
		if f.Date.End() > a.to.End() {
			a.to = f.Date
		}
		name, _, _ := strings.Cut(f.Source, ": ")
		if strings.HasPrefix(name, "https://files.ofsted.gov.uk/") {
			name = "Ofsted inspection reports"
		}
		a.names[name]++
	}
	var out []Source
	for i, fr := range in.Files {
		a := per[int32(i)]
		if a == nil {
			continue
		}
		names := make([]string, 0, len(a.names))
		for n := range a.names {
			if n != "" {
				names = append(names, n)
			}
		}
		sort.Slice(names, func(x, y int) bool {
			if a.names[names[x]] != a.names[names[y]] {
				return a.names[names[x]] > a.names[names[y]]
			}
			return names[x] < names[y]
		})
		name := fr.Path
		if len(names) > 0 {
			if len(names) > 2 {
				names = append(names[:2], fmt.Sprintf("%d more", len(names)-2))
			}
			name = strings.Join(names, "; ") + " (" + fr.Path + ")"
		}
		src := Source{Name: name, Period: periodText(a.from, a.to)}
		for _, p := range publishers {
			if len(names) > 0 && strings.HasPrefix(names[0], p.prefix) || strings.Contains(name, "Ofsted inspection reports") && p.prefix == "https://files.ofsted.gov.uk/" {
				src.URL = p.url
				break
			}
		}
		out = append(out, src)
	}
	return out
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

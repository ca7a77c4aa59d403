package pages

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/prose"
	"github.com/oversight/oversight/outputs/summary"
	"github.com/oversight/oversight/outputs/table"
	"github.com/oversight/oversight/outputs/workbook"
)

// CouncilsDir is the folder of the council pages, beside their workbooks.
const CouncilsDir = "councils"

// CouncilsInput is what the councillor downloads' pages are made from.
type CouncilsInput struct {
	// Report's Since and Changes say what changed since the previous
	// report (metrics.Report.CompareWith); without them the pages say no
	// comparison was made.
	Report     *metrics.Report
	Version    string
	Publishing Publishing
}

// Councils writes the councillor downloads' pages: each council's page
// (WriteCouncil, from the goroutines that write the workbooks) and the
// index (WriteIndex, once they are all written).
type Councils struct {
	in       CouncilsInput
	byName   map[string][]metrics.Change
	national []metrics.Change
}

// NewCouncils prepares the pages of a councils run.
func NewCouncils(in CouncilsInput) *Councils {
	s := &Councils{in: in, byName: map[string][]metrics.Change{}}
	for _, c := range in.Report.Changes {
		if c.Council == nil {
			s.national = append(s.national, c)
		} else {
			s.byName[c.Council.Name] = append(s.byName[c.Council.Name], c)
		}
	}
	return s
}

// CouncilEntry is one council's page: the council, the slug its files are
// named by (councils/<slug>.xlsx, charts/<slug>_*.png), its charts as
// drawn (with their alternative text) and what Ofsted said about it
// (inspections.Known's, as its workbook has it).
type CouncilEntry struct {
	Council *metrics.Council
	Slug    string
	Charts  []charts.Chart
	Said    *inspections.Council
}

// WriteCouncil writes dir/councils/<slug>.html. It is safe to call from
// several goroutines at once.
func (s *Councils) WriteCouncil(dir string, e CouncilEntry) error {
	p, err := s.councilPage(dir, e)
	if err != nil {
		return fmt.Errorf("%s page: %w", e.Council.Ref.Name, err)
	}
	return render(filepath.Join(dir, CouncilsDir, e.Slug+".html"), "council", p)
}

type councilPage struct {
	frame
	Name                 string
	Judgements           Table
	JudgementNotes       []string
	Figures              Table
	Compares             []string
	FigureNotes          []string
	Ofsted               ofstedView
	ChangesHeading       string
	Changes              []string
	ChangesNone          string
	Links                []fileLink
	Charts               []block
	Inspections          *Table
	InspectionsNone      string
	RegionPhrase, Region string
}

func (s *Councils) councilPage(dir string, e CouncilEntry) (*councilPage, error) {
	c, r := e.Council, s.in.Report
	name, region := c.Ref.Name, c.Ref.Region
	asOf := prose.LongDay(r.AsOf)
	p := &councilPage{Name: name, Region: region, RegionPhrase: workbook.RegionPhrase(region)}
	p.frame = frame{Title: name + ": children's social care", Short: name, CSS: style, Status: workbook.StatusLine,
		Crumbs: []link{{Href: "../" + Name, Text: "All councils"}},
		Lead: []string{fmt.Sprintf("How %s's children's services are doing, as of %s: Ofsted's judgements, social work figures beside similar councils, %s and England, and what Ofsted said.",
			name, asOf, workbook.RegionPhrase(region))},
		Footer: footerLines(r.AsOf, s.in.Publishing, s.in.Version)}

	p.Judgements = fromTable("judgements", "Ofsted's latest judgements of "+name+", as of "+asOf, workbook.JudgementsTable(c), true)
	if c.Framework == metrics.FrameworkNoOverall {
		p.JudgementNotes = append(p.JudgementNotes, "Since April 2026 Ofsted grades each area but gives no overall grade; the last overall grade is shown for history, not as the current grade.")
	}
	if !c.Inspected() {
		p.JudgementNotes = append(p.JudgementNotes, "No Ofsted inspection of "+name+" is in the inputs.")
	}
	p.Figures, p.Compares, p.FigureNotes = figures(r, c)
	p.Ofsted = ofstedSection(e.Said, c)

	p.ChangesHeading, p.Changes, p.ChangesNone = s.changes(c)

	links, err := councilLinks(dir, e, p.Ofsted.Page)
	if err != nil {
		return nil, err
	}
	p.Links = links
	p.PrintLinks = []string{"Workbook: " + CouncilsDir + "/" + e.Slug + ".xlsx"}
	if l := p.Ofsted.Latest; l != nil && l.Link != "" {
		p.PrintLinks = append(p.PrintLinks, printLink("Ofsted's report", l.Link))
	}
	if p.Ofsted.Page != "" {
		p.PrintLinks = append(p.PrintLinks, printLink("Ofsted's page", p.Ofsted.Page))
	}
	for i, ch := range e.Charts {
		b := chartBlock(fmt.Sprintf("chart-%d", i+1), "../", ch)
		b.Heading = ch.Title
		p.Charts = append(p.Charts, b)
	}
	insp := fromTable("inspections", "Every Ofsted inspection and visit of "+name+", newest first", workbook.InspectionsTable(c), false)
	if len(insp.Rows) > 0 {
		p.Inspections = &insp
	} else {
		p.InspectionsNone = "No inspection or visit of " + name + " is in the inputs."
	}
	p.TOC = []link{{"judgements-h", "Ofsted's judgements"}, {"figures-h", "Social work figures"}, {"ofsted-h", "What Ofsted said"},
		{"changes-h", "What changed"}, {"links-h", "Files and links"}}
	if len(p.Charts) > 0 {
		p.TOC = append(p.TOC, link{"charts-h", "Charts"})
	}
	p.TOC = append(p.TOC, link{"inspections-h", "Every inspection and visit"})
	return p, nil
}

// figures is the council's workforce figures, one row a measure, beside
// the medians of its similar councils, region and England and its rank in
// England: the values of councils.csv's columns, through the same schema
// and the same [x] and [z] as the workbook's Figures sheet; then the
// sentence saying how it compares, for each measure.
func figures(r *metrics.Report, c *metrics.Council) (Table, []string, []string) {
	schema := filled(table.FromColumns("council", metrics.CouncilColumns, []*metrics.Council{c}))
	cells := make([]table.Cell, len(schema.Columns()))
	schema.Row(0, cells)
	at := map[string]int{}
	for j, col := range schema.Columns() {
		at[col.Name] = j
	}
	get := func(m findings.Measure, suffix string) table.Cell { return cells[at[m.String()+suffix]] }
	name, region := c.Ref.Name, c.Ref.Region
	t := Table{ID: "figures", Caption: name + "'s social work figures beside similar councils, " + workbook.RegionPhrase(region) + " and England", RowHeads: true,
		Cols: []Col{{Text: "Figure"}, {Text: name, Num: true}, {Text: "Similar councils' median", Num: true}, {Text: region + " median", Num: true},
			{Text: "England median", Num: true}, {Text: "Rank in England"}}}
	var compares, notes []string
	var used table.CodeSet
	for _, m := range metrics.WorkforceMeasures {
		w := c.Workforce[m]
		fig := w.Headline
		own := get(m, "")
		used.Add(own.Code)
		ownCell := cellOf(&own)
		var marks []string
		if d := get(m, "_date"); !d.Blank {
			marks = append(marks, CellText(&d))
		}
		if fig.Joint != nil {
			marks = append(marks, "joint figure")
		}
		if fig.Small {
			marks = append(marks, "small numbers")
		}
		ownCell.Sub = strings.Join(marks, ", ")
		med := func(suffix string) Cell {
			v, d := get(m, suffix), get(m, suffix+"_date")
			used.Add(v.Code)
			out := cellOf(&v)
			if !d.Blank && (d.Date != fig.Date || !fig.OK) {
				out.Sub = CellText(&d)
			}
			return out
		}
		rank := Cell{Text: workbook.RankText(w.RankEngland, m)}
		switch {
		case rank.Text != "":
		case fig.Small:
			rank = Cell{Text: "not ranked: small numbers"}
		default:
			rank = Cell{Text: "not ranked"}
		}
		label := Cell{Text: metrics.MeasureHeader(m), Sub: better(m)}
		t.Rows = append(t.Rows, []Cell{label, ownCell, med("_neighbours_median"), med("_region_median"), med("_england_median"), rank})
		compares = append(compares, upperFirst(m.Def().Short())+": "+workbook.CompareText(fig, w, region))
	}
	notes = append(notes, "Each median is for its area's latest date at which at least half of its councils have a figure; a date is given under a median when it is not the date of "+name+"'s figure. Similar councils are "+name+"'s statistical neighbours in DfE's model.")
	if n := codeNote(used); n != "" {
		notes = append(notes, n)
	}
	return t, compares, notes
}

// changes lists what changed for the council (and England-wide) since the
// previous report, each as changes.txt says it.
func (s *Councils) changes(c *metrics.Council) (string, []string, string) {
	r := s.in.Report
	if r.Since == nil {
		return "What changed", nil, "This page was not compared with an earlier report, so it does not say what changed."
	}
	heading := "What changed since " + prose.LongDay(r.Since.AsOf)
	var out []string
	for _, x := range s.byName[c.Ref.Name] {
		out = append(out, summary.Item(x))
	}
	for _, x := range s.national {
		out = append(out, summary.Item(x))
	}
	none := ""
	if len(out) == 0 {
		none = "Nothing changed for " + c.Ref.Name + " since " + summary.Since(r) + "."
	}
	return heading, out, none
}

// councilLinks are the council's files and pages elsewhere.
func councilLinks(dir string, e CouncilEntry, ofstedPage string) ([]fileLink, error) {
	name := e.Council.Ref.Name
	size, err := sizeText(filepath.Join(dir, CouncilsDir, e.Slug+".xlsx"))
	if err != nil {
		return nil, err
	}
	out := []fileLink{{Href: e.Slug + ".xlsx", Text: name + "'s workbook", Size: "Excel, " + size,
		What: "Everything on this page and more, one table a worksheet: every inspection and visit, the workforce figures by date, every strength and weakness noted, and every finding with its source."}}
	if ofstedPage != "" {
		out = append(out, fileLink{Href: ofstedPage, Text: name + " on Ofsted's website",
			What: "Every Ofsted report and letter about " + name + "'s children's services."})
	}
	for _, ch := range e.Charts {
		out = append(out, fileLink{Href: "../charts/" + path.Base(ch.File), Text: "Chart: " + ch.Title, Size: "PNG image",
			What: "The chart below, to paste into a briefing."})
	}
	out = append(out, fileLink{Href: "../datasets/councils.csv", Text: "Every council's figures (councils.csv)", Size: "CSV",
		What: "One row for each council: its grades and figures as on this page, with the medians it is compared with."},
		fileLink{Href: "../" + Name, Text: "Every council's page", What: "The other councils, by region."})
	return out, nil
}

// WriteIndex writes dir/index.html: every council written, by region, each
// with its page, its latest grades and its workbook; names and codes are
// on the page, so a browser's own find finds a council.
func (s *Councils) WriteIndex(dir string, cs []*metrics.Council, slugs []string) error {
	r := s.in.Report
	asOf := prose.LongDay(r.AsOf)
	p := &indexPage{frame: frame{Title: "Children's social care by council, as of " + asOf, Short: "All councils", CSS: style, Status: workbook.StatusLine,
		Lead: []string{"A page and a workbook for each English council with children's services: its Ofsted judgements, its social work figures beside similar councils, its region and England, and what Ofsted said.",
			"To find a council, use your browser's find (Ctrl and F, or Command and F on a Mac) and type its name or code."},
		Footer: footerLines(r.AsOf, s.in.Publishing, s.in.Version)}}
	byRegion := map[string][]int{}
	for i, c := range cs {
		byRegion[c.Ref.Region] = append(byRegion[c.Ref.Region], i)
	}
	for _, reg := range reference.Regions {
		idx := byRegion[reg]
		if len(idx) == 0 {
			continue
		}
		id := "region-" + strings.ToLower(strings.ReplaceAll(reg, " ", "-"))
		t := Table{ID: id + "-table", Caption: fmt.Sprintf("Councils in %s (%d)", reg, len(idx)), RowHeads: true,
			Cols: []Col{{Text: "Council"}, {Text: "Overall grade at the latest inspection"}, {Text: "Leadership grade"}, {Text: "Latest inspection"}, {Text: "Workbook"}}}
		for _, i := range idx {
			c := cs[i]
			size, err := sizeText(filepath.Join(dir, CouncilsDir, slugs[i]+".xlsx"))
			if err != nil {
				return err
			}
			t.Rows = append(t.Rows, []Cell{
				{Text: c.Ref.Name, Href: CouncilsDir + "/" + slugs[i] + ".html", Sub: codesText(c)},
				overallCell(c), gradeAtCell(c.Leadership.Grade),
				dateOr(c.JudgementDate, "none on record"),
				{Text: "Workbook for " + c.Ref.Name, Href: CouncilsDir + "/" + slugs[i] + ".xlsx", Sub: "Excel, " + size},
			})
		}
		p.Regions = append(p.Regions, regionView{ID: id, Name: reg, Table: t})
		p.TOC = append(p.TOC, link{Href: id, Text: reg})
	}
	files := []fileLink{}
	for _, f := range []struct {
		rel  string
		rows int
	}{{"datasets/councils.csv", len(r.Listed)}, {CouncilsDir + "/index.csv", len(cs)}} {
		if !exists(filepath.Join(dir, f.rel)) {
			continue
		}
		fl, err := dataFile(dir, f.rel, -1)
		if err != nil {
			return err
		}
		files = append(files, fl)
	}
	p.Files = files
	p.TOC = append(p.TOC, link{Href: "data", Text: "Data files"})
	return render(filepath.Join(dir, Name), "councils", p)
}

type indexPage struct {
	frame
	Regions []regionView
	Files   []fileLink
}

type regionView struct {
	ID, Name string
	Table    Table
}

func codesText(c *metrics.Council) string {
	return c.Code + ", " + c.Ref.DfE
}

func overallCell(c *metrics.Council) Cell {
	switch {
	case c.Framework == metrics.FrameworkNoOverall:
		return Cell{Text: "no overall grade", Sub: "framework from April 2026"}
	case c.Grade.Grade == findings.NoGrade:
		return Cell{Text: "none on record"}
	}
	return Cell{Text: c.Grade.Grade.String(), Grade: gradeClass(c.Grade.Grade.String())}
}

func gradeAtCell(g findings.GradeValue) Cell {
	if g == findings.NoGrade {
		return Cell{Text: "none on record"}
	}
	return Cell{Text: g.String(), Grade: gradeClass(g.String())}
}

func dateOr(d dates.Date, none string) Cell {
	if d.IsZero() {
		return Cell{Text: none}
	}
	return Cell{Text: prose.Date(d)}
}

// better says which way a measure is better (findings' table of measures).
func better(m findings.Measure) string {
	if m.Def().LowerIsBetter {
		return "lower is better"
	}
	return "higher is better"
}

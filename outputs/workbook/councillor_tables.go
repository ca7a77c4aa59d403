package workbook

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/prose"
	"github.com/oversight/oversight/outputs/table"
)

// The tables of a councillor's workbook. No cell is left blank: a figure
// that is not there is [x] (the inputs have none) or [z] (nothing can be
// there), as the report's metric tables do.

// cellTable is a small table held as cells.
type cellTable struct {
	name string
	cols []table.Column
	rows [][]table.Cell
}

func (t *cellTable) Name() string                { return t.name }
func (t *cellTable) Columns() []table.Column     { return t.cols }
func (t *cellTable) Len() int                    { return len(t.rows) }
func (t *cellTable) Row(i int, out []table.Cell) { copy(out, t.rows[i]) }

func textCell(s string) table.Cell { return table.Cell{Kind: table.Text, Text: s, Blank: s == ""} }

func gradeCell(g findings.GradeValue) table.Cell {
	return table.Cell{Kind: table.Grade, Text: g.String(), Blank: g == findings.NoGrade}
}

func dateCell(d dates.Date) table.Cell {
	return table.Cell{Kind: table.Date, Date: d, Blank: d.IsZero()}
}

// orMissing is text, or code when there is none.
func orMissing(s string, code table.Code) table.Cell {
	if s == "" {
		return table.Missing(table.Text, code)
	}
	return textCell(s)
}

// gradeAt is a grade and its date as cells, [x] when there is none.
func gradeAt(g metrics.GradeAt, missing table.Code) (table.Cell, table.Cell) {
	if g.Grade == findings.NoGrade {
		return table.Missing(table.Grade, missing), table.Missing(table.Date, missing)
	}
	return gradeCell(g.Grade), dateCell(g.Date)
}

var judgementColumns = []table.Column{
	{Name: "judgement", Header: "Judgement", Kind: table.Text, Width: 52, Notes: []string{noteFramework, noteAreas}},
	{Name: "grade", Header: "Grade", Kind: table.Grade, Width: 26, Notes: []string{noteGrades}},
	{Name: "date", Header: "Date", Kind: table.Date},
	{Name: "change", Header: "Change from the grade before", Kind: table.Text, Width: 48},
}

// judgementsTable is the council's latest grades: overall (or why there is
// none, and the last overall grade apart), leadership and the areas.
func judgementsTable(c *metrics.Council) table.Table {
	t := &cellTable{name: "judgements", cols: judgementColumns}
	row := func(label string, g metrics.GradeAt, missing table.Code, change string) {
		grade, date := gradeAt(g, missing)
		t.rows = append(t.rows, []table.Cell{textCell(label), grade, date, orMissing(change, table.NotApplicable)})
	}
	if c.Framework == metrics.FrameworkNoOverall {
		// Never an older overall grade as current.
		t.rows = append(t.rows, []table.Cell{textCell(LabelGrade), textCell("no overall grade: Ofsted's framework from April 2026 grades areas only"),
			dateCell(c.JudgementDate), table.Missing(table.Text, table.NotApplicable)})
		row(LabelLastOverall, c.LastOverall, table.NotAvailable, "")
	} else {
		row(LabelGrade, c.Grade, table.NotAvailable, changeText(c.GradeChange, c.Previous, "overall"))
		previous := table.NotApplicable // a first grade has none before it
		if c.Grade.Grade == findings.NoGrade {
			previous = table.NotAvailable
		}
		row(LabelPrevious, c.Previous, previous, "")
	}
	row(LabelLeadership, c.Leadership, table.NotAvailable, changeText(c.LeadershipChange, c.LeadershipPrevious, "leadership"))
	for _, a := range []findings.Area{findings.HelpAndProtection, findings.ChildrenInCare, findings.CareLeavers} {
		latest, previous, change := c.AreaChange(a)
		row(areaName(a), latest, table.NotAvailable, changeText(change, previous, strings.ToLower(areaName(a))))
	}
	return t
}

// changeText says how a grade compares with the one before.
func changeText(change string, previous metrics.GradeAt, what string) string {
	switch change {
	case "improved", "declined":
		return change + " from " + previous.Grade.String() + " (" + prose.Date(previous.Date) + ")"
	case "unchanged":
		return "unchanged since " + prose.Date(previous.Date)
	case "first":
		return "first " + what + " grade on record"
	}
	return ""
}

// FigureRow is a row of the Figures table: its label ("{region}" and
// "{council}" stand for the council's) and the councils.csv column that
// holds the same value ("{m}" stands for the measure: "{m}_date" is
// vacancy_rate_date in the vacancy rate's column), or "" when the row is
// words councils.csv does not have.
type FigureRow struct {
	Label, Column string
}

// FigureRows are the Figures table's rows, in order.
var FigureRows = []FigureRow{
	{"The council's figure", "{m}"},
	{"Date of the figure", "{m}_date"},
	{"Change from the figure before (rates in percentage points)", "{m}_change"},
	{"Source of the figure", ""},
	{"Statistical neighbours' median", "{m}_neighbours_median"},
	{"Date of the neighbours' median", "{m}_neighbours_median_date"},
	{"{region} median", "{m}_region_median"},
	{"Date of the {region} median", "{m}_region_median_date"},
	{"England median", "{m}_england_median"},
	{"Date of the England median", "{m}_england_median_date"},
	{"Rank in England", ""},
	{"Place in England (1 is the lowest figure)", "{m}_england_rank"},
	{"Figures ranked in England", "{m}_england_ranked"},
	{"Rank in {region}", ""},
	{"Place in {region} (1 is the lowest figure)", "{m}_region_rank"},
	{"Figures ranked in {region}", "{m}_region_ranked"},
	{"Joint service (one figure for more than one council)", "{m}_joint"},
	{"Based on small numbers (fewer than 20 social workers)", "{m}_small"},
	{"How {council} compares", ""},
}

// figureWidth shares a landscape page among the workforce measures'
// columns of the Figures table (26 characters for four), so that a measure
// added to the table of measures narrows the columns rather than shrinking
// the printed page.
var figureWidth = math.Max(18, math.Min(26, math.Floor((140-34)/float64(len(metrics.WorkforceMeasures)))))

// historyWidth does the same for the Workforce history table's three or
// four columns per measure (11 characters with four measures).
var historyWidth = math.Max(8, math.Min(11, math.Floor((150-11)/float64(3*len(metrics.WorkforceMeasures)))))

// figuresTable is the council's workforce figures, one column a measure,
// one row for each thing said about it (FigureRows): a table that prints
// on one page. The figures are councils.csv's, through the same schema and
// the same [x] and [z] as the report's tables.
func figuresTable(c *metrics.Council) table.Table {
	// The rules about the rows are marked on the first column's header:
	// in the title they would make it wider than the table, and the page
	// is scaled to fit the title.
	cols := []table.Column{{Name: "figure", Header: "Figure", Kind: table.Text, Width: 34, Notes: []string{noteOfficial, noteCodes, noteMedians, noteJoint, noteSmall}}}
	for _, m := range metrics.WorkforceMeasures {
		// Text: the column holds numbers, dates and words, and its words wrap.
		cols = append(cols, table.Column{Name: m.String(), Header: metrics.MeasureHeader(m), Kind: table.Text, Width: figureWidth, Notes: []string{m.String()}})
	}
	schema := fill(table.FromColumns("council", metrics.CouncilColumns, []*metrics.Council{c}))
	values := make([]table.Cell, len(schema.Columns()))
	schema.Row(0, values)
	at := map[string]int{}
	for j, col := range schema.Columns() {
		at[col.Name] = j
	}
	words := strings.NewReplacer("{region}", c.Ref.Region, "{council}", c.Ref.Name)
	t := &cellTable{name: "figures", cols: cols}
	for _, fr := range FigureRows {
		row := []table.Cell{textCell(words.Replace(fr.Label))}
		for _, m := range metrics.WorkforceMeasures {
			w := c.Workforce[m]
			var cell table.Cell
			switch fr.Label {
			case "Source of the figure":
				cell = orMissing(charts.SourceNames(w.Headline.Sources), table.NotAvailable)
				if !w.Headline.OK {
					cell = table.Missing(table.Text, table.NotAvailable)
				}
			case "Rank in England":
				cell = orMissing(rankText(w.RankEngland, m), rankMissing(w.Headline))
			case "Rank in {region}":
				cell = orMissing(rankText(w.RankRegion, m), rankMissing(w.Headline))
			case "How {council} compares":
				cell = textCell(compareText(w.Headline, w, c.Ref.Region))
			default:
				j, ok := at[strings.ReplaceAll(fr.Column, "{m}", m.String())]
				if !ok {
					panic("workbook: councils.csv has no column " + fr.Column + " for " + m.String())
				}
				cell = values[j]
			}
			row = append(row, cell)
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// rankMissing is what an empty rank means: a small service's figure is
// never ranked (metrics v3), so there is nothing to place ([z]); else the
// figure is missing ([x]).
func rankMissing(f metrics.Figure) table.Code {
	if f.Small {
		return table.NotApplicable
	}
	return table.NotAvailable
}

// compareText puts a council's figure beside the medians of its similar
// councils, its region and England in a plain sentence, with the medians'
// reference period and the caveats a reader needs.
func compareText(fig metrics.Figure, w *metrics.Workforce, region string) string {
	if !fig.OK {
		return "No figure."
	}
	if !fig.Numeric() {
		return fmt.Sprintf("DfE published no figure for %s: %s.", prose.Date(fig.Date), fig.Code.Meaning())
	}
	type cmp struct {
		name string
		m    metrics.Median
	}
	var higher, lower, same []string
	var when []dates.Date
	for _, c := range []cmp{{"England", w.England}, {regionPhrase(region), w.Region}, {"similar councils", w.Neighbours}} {
		if !c.m.OK {
			continue
		}
		when = append(when, c.m.Date)
		switch d := math.Round((fig.Value-c.m.Value)*100) / 100; {
		case d > 0:
			higher = append(higher, c.name)
		case d < 0:
			lower = append(lower, c.name)
		default:
			same = append(same, c.name)
		}
	}
	var parts []string
	for _, p := range []struct {
		word  string
		names []string
	}{{"above", higher}, {"below", lower}, {"level with", same}} {
		if len(p.names) == 0 {
			continue
		}
		noun := "the median for "
		if len(p.names) > 1 {
			noun = "the medians for "
		}
		parts = append(parts, p.word+" "+noun+prose.JoinAnd(p.names))
	}
	var s string
	if len(parts) == 0 {
		s = "No median to compare with."
	} else {
		s = strings.Join(parts, "; ")
		if len(when) > 0 && when[0] != fig.Date {
			s += " (medians for " + prose.Date(when[0]) + ", a later date than this figure)"
		}
		s = strings.ToUpper(s[:1]) + s[1:] + "."
	}
	if fig.Joint != nil {
		s += " One figure for the joint service " + fig.Joint.Name + " with " + prose.JoinAnd(fig.Partners) + "."
	}
	if fig.Small {
		s += fmt.Sprintf(" Based on small numbers (%s FTE social workers): one person more or less moves it a lot, so it is not ranked and no median includes it.", strconv.FormatFloat(fig.SocialWorkers, 'f', -1, 64))
	}
	if fig.Source != "statistics" {
		s += " From " + fig.Source + ", not official statistics."
	}
	return s
}

// rankText is "3rd lowest of 150"; "" when the council is not ranked.
// rankText places a figure among others and says which way is better:
// "12th lowest of 147 (a lower caseload is the better)".
func rankText(r metrics.Rank, m findings.Measure) string {
	if !r.OK {
		return ""
	}
	better := "higher"
	if m.Def().LowerIsBetter {
		better = "lower"
	}
	return fmt.Sprintf("%s lowest of %d (a %s %s is the better)", prose.Ordinal(r.Position), r.Of, better, m.Def().Short())
}

// gradeAreas are the Inspections table's grade columns.
var gradeAreas = []findings.Area{findings.Overall, findings.Leadership, findings.HelpAndProtection, findings.ChildrenInCare,
	findings.CareLeavers, findings.ChildrenInCareAndCareLeavers, findings.Adoption}

// areaName is an area as a row label: "Help and protection", the areas
// Ofsted no longer judges dated.
func areaName(a findings.Area) string {
	switch a {
	case findings.ChildrenInCareAndCareLeavers:
		return "Children in care and care leavers (before 2023)"
	case findings.Adoption:
		return "Adoption (before 2018)"
	}
	return sentence(a.Words())
}

func visitName(k findings.VisitKind) string { return sentence(k.Words()) }

// inspectionColumns are the Inspections table's columns.
var inspectionColumns = func() []table.Column {
	// 150 characters wide: one landscape page.
	cols := []table.Column{{Name: "date", Header: "Date", Kind: table.Date}, {Name: "what", Header: "Inspection or visit", Kind: table.Text, Width: 16}}
	for _, a := range gradeAreas {
		c := table.Column{Name: a.String(), Header: areaName(a), Kind: table.Grade, Width: 12}
		if a == findings.Overall {
			c.Header = "Overall grade"
			cols = append(cols, c, table.Column{Name: "change", Header: "Change in overall grade", Kind: table.Text, Width: 24})
			continue
		}
		cols = append(cols, c)
	}
	return append(cols, table.Column{Name: "source", Header: "Kind of source", Kind: table.Text, Width: 13})
}()

// gradeSheetRow is one inspection or visit.
type gradeSheetRow struct {
	date    dates.Date
	what    string
	visit   bool
	grades  [findings.NumAreas]findings.GradeValue // by area
	change  string
	sources metrics.SourceSet
}

// gradeRows lists every inspection of the council's merged history (its
// grades in each area, the overall grade's change from the one before) and
// every visit, newest first.
func gradeRows(c *metrics.Council) []*gradeSheetRow {
	out := make([]*gradeSheetRow, 0, len(c.History)+len(c.Visits))
	var prev metrics.GradeAt
	for _, h := range c.History {
		r := &gradeSheetRow{date: h.Date, what: "Inspection", grades: h.Grades, sources: h.Sources}
		if g := h.Overall(); g != findings.NoGrade {
			r.change = changeText(metrics.GradeChange(g, prev.Grade), prev, "overall")
			prev = metrics.GradeAt{Grade: g, Date: h.Date}
		} else {
			r.what = "Inspection (no overall grade)"
		}
		out = append(out, r)
	}
	for _, v := range c.Visits {
		out = append(out, &gradeSheetRow{date: v.Date, what: visitName(v.Kind), visit: true, sources: v.Sources})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.date.Day != b.date.Day {
			return a.date.Day > b.date.Day
		}
		if a.visit != b.visit {
			return !a.visit
		}
		if a.date.Prec != b.date.Prec {
			return a.date.Prec < b.date.Prec
		}
		return a.what < b.what
	})
	return out
}

// inspectionsTable lists every inspection and visit: a visit's grades are
// [z] (visits give none), an area an inspection's sources do not grade [x].
func inspectionsTable(c *metrics.Council) table.Table {
	t := &cellTable{name: "inspections", cols: inspectionColumns}
	for _, r := range gradeRows(c) {
		cells := []table.Cell{dateCell(r.date), textCell(r.what)}
		for _, a := range gradeAreas {
			g := gradeCell(r.grades[a])
			switch {
			case r.visit || a == findings.Overall && g.Blank:
				g = table.Missing(table.Grade, table.NotApplicable)
			case g.Blank:
				g = table.Missing(table.Grade, table.NotAvailable)
			}
			cells = append(cells, g)
			if a == findings.Overall {
				cells = append(cells, orMissing(r.change, table.NotApplicable))
			}
		}
		t.rows = append(t.rows, append(cells, orMissing(charts.SourceNames(r.sources), table.NotAvailable)))
	}
	return t
}

// workforceColumns are the Workforce history table's columns: the date,
// then for each measure the council's official figure, its figure from
// other sources (never merged into the official series; only when it has
// any), its region's median and England's. historyWidth characters each:
// a council without other sources prints on one landscape page.
func workforceColumns(c *metrics.Council) []table.Column {
	cols := []table.Column{{Name: "date", Header: "Date", Kind: table.Date}}
	for _, m := range metrics.WorkforceMeasures {
		k := table.Number
		if m.Rate() {
			k = table.Percent
		}
		h := metrics.MeasureHeader(m) + ", "
		cols = append(cols, table.Column{Name: m.String() + "_official", Header: h + "official statistics", Kind: k, Width: historyWidth})
		if len(c.Workforce[m].Other) > 0 {
			cols = append(cols, table.Column{Name: m.String() + "_other", Header: h + "other sources", Kind: k, Width: historyWidth})
		}
		cols = append(cols, table.Column{Name: m.String() + "_region", Header: h + c.Ref.Region + " median", Kind: k, Width: historyWidth},
			table.Column{Name: m.String() + "_england", Header: h + "England median", Kind: k, Width: historyWidth})
	}
	return cols
}

// workforceTable has one row per date, newest first: the council's
// figures by source beside its region's and England's medians for that
// date; [x] where there is none, DfE's code where it published one.
func workforceTable(c *metrics.Council, r *metrics.Report) table.Table {
	cols := workforceColumns(c)
	at := map[string]int{}
	for j, col := range cols {
		at[col.Name] = j
	}
	type dayRow struct {
		date  dates.Date
		cells []table.Cell
	}
	rows := map[dates.Day]*dayRow{}
	put := func(col string, d dates.Date, cell table.Cell) {
		row := rows[d.Day]
		if row == nil {
			row = &dayRow{date: d, cells: make([]table.Cell, len(cols))}
			for j := range row.cells {
				row.cells[j] = table.Missing(cols[j].Kind, table.NotAvailable)
			}
			rows[d.Day] = row
		}
		if d.Prec < row.date.Prec {
			row.date = d
		}
		row.cells[at[col]] = cell
	}
	for _, m := range metrics.WorkforceMeasures {
		kind := cols[at[m.String()+"_official"]].Kind
		wf := c.Workforce[m]
		for k, pts := range [][]metrics.Point{wf.Official, wf.Other} {
			for _, p := range pts {
				cell := table.Cell{Kind: kind, Num: p.Value}
				if !p.Numeric() {
					cell = table.Missing(kind, p.Code)
				}
				put(m.String()+[]string{"_official", "_other"}[k], p.Date, cell)
			}
		}
		for k, series := range [][]metrics.MedianPoint{r.Regions[c.Ref.Region][m], r.England[m]} {
			for _, p := range series {
				put(m.String()+[]string{"_region", "_england"}[k], p.Date, table.Cell{Kind: kind, Num: p.Value, Decimals: 2})
			}
		}
	}
	days := make([]dates.Day, 0, len(rows))
	for d := range rows {
		days = append(days, d)
	}
	sort.Slice(days, func(i, j int) bool { return days[i] > days[j] })
	t := &cellTable{name: "workforce", cols: cols}
	for _, d := range days {
		row := rows[d]
		row.cells[0] = dateCell(row.date)
		t.rows = append(t.rows, row.cells)
	}
	return t
}

// scopeText is a finding's part of the service in words.
func scopeText(scope string) string {
	if scope == findings.CouncilScope || scope == "" {
		return "whole service"
	}
	return scope
}

// themeColumns are 150 characters wide: one landscape page.
var themeColumns = []table.Column{
	{Name: "date", Header: "Date", Kind: table.Date}, {Name: "theme", Header: "Theme", Kind: table.Text, Width: 22},
	{Name: "polarity", Header: "Strength or weakness", Kind: table.Text, Width: 10}, {Name: "scope", Header: "Part of the service", Kind: table.Text, Width: 13},
	{Name: "note", Header: "What was said", Kind: table.Text, Width: 50}, {Name: "source_type", Header: "Kind of source", Kind: table.Text, Width: 11},
	{Name: "source", Header: "Source", Kind: table.Text, Width: 31},
}

// themesTable lists every strength and weakness, newest first, strengths
// before weaknesses.
func themesTable(fs []findings.Finding) table.Table {
	var idx []int
	for i := range fs {
		if fs[i].Measure == findings.Theme {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := &fs[idx[a]], &fs[idx[b]]
		if x.Date.Day != y.Date.Day {
			return x.Date.Day > y.Date.Day
		}
		if x.Polarity != y.Polarity {
			return x.Polarity < y.Polarity // strengths first
		}
		return x.Label < y.Label
	})
	t := &cellTable{name: "themes", cols: themeColumns}
	for _, i := range idx {
		f := &fs[i]
		t.rows = append(t.rows, []table.Cell{dateCell(f.Date), textCell(f.Label), textCell(f.Polarity.String()), textCell(scopeText(f.Scope)),
			orMissing(f.Note, table.NotAvailable), orMissing(charts.SourceLabel(f.SourceType), table.NotAvailable), orMissing(f.Source, table.NotAvailable)})
	}
	return t
}

// saidColumns are 150 characters wide: one landscape page.
var saidColumns = []table.Column{
	{Name: "report", Header: "Report", Kind: table.Text, Width: 34},
	{Name: "kind", Header: "What it is", Kind: table.Text, Width: 16},
	{Name: "words", Header: "The report's words", Kind: table.Text, Width: 66},
	{Name: "page", Header: "Page", Kind: table.Integer, Width: 6},
	{Name: "link", Header: "Where to read it", Kind: table.Text, Width: 28},
}

// saidTable is What Ofsted said, with the address each row links to.
type saidTable struct {
	cellTable
	urls []string
}

// link is the web address a cell links to: the report's, or Ofsted's page
// for the council, from the last column.
func (t *saidTable) link(i, j int) string {
	if j == len(saidColumns)-1 {
		return t.urls[i]
	}
	return ""
}

// webAddress reports whether a source is a web page's address.
func webAddress(s string) bool {
	l := strings.ToLower(s)
	return (strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) && !strings.ContainsAny(s, " \t\r\n")
}

// ofstedTable is What Ofsted said: the council's Ofsted page first, then
// each report known on the report date, newest inspection first, labelled
// by its dates and framework: its recommendations, strengths and areas for
// improvement in the report's own words, with their pages and a link to
// the report. A report known only from Ofsted's statistics (not read) says
// so in one row.
func ofstedTable(in CouncillorInput) *saidTable {
	t := &saidTable{cellTable: cellTable{name: "ofsted", cols: saidColumns}}
	add := func(report, kind, words string, page int, where, url string) {
		pg := table.Cell{Kind: table.Integer, Num: float64(page)}
		if page == 0 {
			pg = table.Missing(table.Integer, table.NotApplicable)
		}
		t.rows = append(t.rows, []table.Cell{textCell(report), textCell(kind), textCell(words), pg, orMissing(where, table.NotAvailable)})
		t.urls = append(t.urls, url)
	}
	said := in.Said
	if said == nil {
		return t
	}
	name := said.Council.Name
	if said.OfstedPage != "" {
		add("Every report and letter", "Ofsted's page", "Ofsted lists every inspection report and letter about "+name+"'s children's services on its page for the council.", 0,
			"Ofsted's page", said.OfstedPage)
	}
	if len(said.Reports) == 0 {
		add("No report in the inputs", "Note", said.NoReport(), 0, "", "")
		return t
	}
	for i, r := range said.Reports {
		label := reportLabel(&r)
		if i == 0 {
			label = "Latest report: " + strings.ToLower(label[:1]) + label[1:]
		}
		where, url := "", ""
		if r.Link != "" {
			where, url = "Ofsted's report of "+prose.Date(r.Published), r.Link
		}
		if !r.Words {
			add(label, "Grades only", "This report was not read: its grades are from Ofsted's statistics ("+gradesText(r.Grades)+"). Its recommendations are in the report itself.", 0, where, url)
			continue
		}
		points := 0
		for _, list := range []struct {
			kind string
			ps   []inspections.Point
		}{{"Recommendation", r.Recommendations}, {"Strength", r.Strengths}, {"Area for improvement", r.Improvements}} {
			for _, p := range list.ps {
				words := p.Text
				if p.Cut {
					words += " (continues in the report)"
				}
				add(label, list.kind, words, p.Page, where, url)
				points++
			}
		}
		if points == 0 {
			add(label, "Grades", "The report was read but lists no recommendations, strengths or areas for improvement as points ("+gradesText(r.Grades)+").", 0, where, url)
		}
	}
	return t
}

// reportLabel names a report by its dates and framework, short enough to
// repeat on each of its rows: "Inspected 10 Jul 2023, published 4 Sep
// 2023 (ILACS standard)".
func reportLabel(r *inspections.Report) string {
	s := "Inspected " + prose.Date(r.Date)
	if !r.Published.IsZero() && r.Published != r.Date {
		s += ", published " + prose.Date(r.Published)
	}
	if fw := frameworkShort(r.Framework); fw != "" {
		s += " (" + fw + ")"
	}
	return s
}

// frameworkShort names a framework in a few words (the Notes sheet says
// what each is).
func frameworkShort(fw string) string {
	switch fw {
	case "ILACS-standard":
		return "ILACS standard"
	case "ILACS-short":
		return "ILACS short"
	case "ILACS-2026":
		return "ILACS from April 2026, no overall grade"
	case "SIF-reinspection":
		return "SIF re-inspection"
	}
	return fw
}

// gradesText says a report's grades: "overall good; leadership good; ...".
func gradesText(gs []inspections.Grade) string {
	var parts []string
	for _, g := range gs {
		parts = append(parts, strings.ToLower(areaName(g.Area))+" "+g.Grade.String())
	}
	if len(parts) == 0 {
		return "no grades"
	}
	return strings.Join(parts, "; ")
}

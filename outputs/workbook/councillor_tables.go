package workbook

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
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

package pages

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/prose"
	"github.com/oversight/oversight/outputs/summary"
	"github.com/oversight/oversight/outputs/table"
	"github.com/oversight/oversight/outputs/workbook"
)

// A research run's page answers its question from the report's answer
// (metrics.Report.Research, set by Report.Answer): the sentences
// (summary.Answer), each measure's trend as the workbook's trend sheet and
// chart show it, the grades over the years, then the rest of the run.

// ResearchInput is what a research run's page shows.
type ResearchInput struct {
	Title string // "" gives one from the question answered
	// Report's Research is the question's answer.
	Report *metrics.Report
	Intake *intake.Result
	// Question is the question as written, one filter a line ("region
	// London"), as the workbook and manifest cite it.
	Question []string
	// Charts are the run's charts in charts/: each trend's is shown with
	// its table, those about what was asked after the answer.
	Charts     charts.ReportCharts
	Version    string
	Publishing Publishing
}

// WriteResearch writes dir/index.html for a research run: the answer,
// each trend with its chart and table, how it compares with England, the
// grades over the years, the caveats, then the files. It runs once the
// run's other files are written.
func WriteResearch(dir string, in ResearchInput) error {
	p, err := researchPage(dir, in)
	if err != nil {
		return err
	}
	return render(filepath.Join(dir, Name), "report", p)
}

func researchPage(dir string, in ResearchInput) (*sectionsPage, error) {
	r := in.Report
	res := r.Research
	if res == nil {
		return nil, fmt.Errorf("research page: the report answers no question (metrics.Report.Answer was not called)")
	}
	title := in.Title
	if title == "" {
		title = questionTitle(res)
	}
	p := &sectionsPage{frame: frame{Title: title, Short: "Research", CSS: style, Status: workbook.StatusLine,
		Footer: footerLines(r.AsOf, in.Publishing, in.Version)}}
	answer := section{ID: "answer", Heading: "The answer", Text: summary.Answer(r)}
	if len(answer.Text) == 0 {
		answer.Text = []string{"The inputs have no figures for what was asked in the period asked: the sections below give what the run found."}
	}
	answer.Text = append(answer.Text, "The question as asked: "+strings.Join(in.Question, "; ")+". Figures as of "+prose.LongDay(r.AsOf)+".")
	p.Sections = append(p.Sections, answer)

	if len(res.Trends) > 0 {
		s := section{ID: "trend", Heading: "The trend"}
		for i, t := range res.Trends {
			s.Blocks = append(s.Blocks, trendBlocks(fmt.Sprintf("trend-%d", i+1), t, in.Charts)...)
		}
		p.Sections = append(p.Sections, s)
		p.Sections = append(p.Sections, section{ID: "comparison", Heading: "How it compares with England", List: comparisons(res.Trends)})
	}
	if len(res.GradeTrends) > 0 {
		s := section{ID: "grades-over-time", Heading: "Ofsted grades over the years"}
		for i, g := range res.GradeTrends {
			t := gradeTrendTable(fmt.Sprintf("grade-trend-%d", i+1), g)
			s.Blocks = append(s.Blocks, block{Heading: upperFirst(g.Area.Words()) + " grades", Table: &t})
		}
		p.Sections = append(p.Sections, s)
	}
	// The run's other charts that are about what was asked, after the
	// answer.
	more := section{ID: "more", Heading: "More from this run"}
	if len(res.GradeTrends) > 0 {
		g := gradesSection(r, in.Charts, "")
		more.Blocks = append(more.Blocks, g.Blocks...)
	}
	for i, c := range in.Charts.Rankings {
		if c.Ranking != nil && slices.ContainsFunc(res.Trends, func(t metrics.Trend) bool { return t.Measure == c.Ranking.Measure }) {
			b := chartBlock(fmt.Sprintf("ranking-%d", i+1), "", c)
			b.Heading = upperFirst(rankingHeading(c)) + ", the councils asked about"
			more.Blocks = append(more.Blocks, b)
		}
	}
	cs := councilsSection(r, "councils", "The councils asked about", "")
	more.Blocks = append(more.Blocks, block{Heading: "Each council's latest grades and figures", Text: cs.Text, Table: cs.Blocks[0].Table})
	p.Sections = append(p.Sections, more)

	p.Sections = append(p.Sections, section{ID: "caveats", Heading: "Caveats", List: caveats(r, res)})
	files, err := reportFiles(dir, r, in.Intake)
	if err != nil {
		return nil, err
	}
	p.Sections = append(p.Sections, section{ID: "download", Heading: "Download the data",
		Text: []string{"The run's workbook and CSV files hold only the findings and councils the question asks about; every median in them is still over every council. Cite the files with the question and the date above."}, Files: files})
	for _, s := range p.Sections {
		p.TOC = append(p.TOC, link{Href: s.ID, Text: s.Heading})
	}
	return p, nil
}

// questionTitle is the question answered in plain words: "Vacancy rate in
// London, 2018 to 2025".
func questionTitle(res *metrics.Research) string {
	var what []string
	for _, t := range res.Trends {
		what = append(what, t.Measure.Def().Short())
	}
	if len(res.GradeTrends) > 0 {
		what = append(what, "Ofsted grades")
	}
	s := upperFirst(prose.JoinAnd(what)) + " in " + res.Group.Name
	if p := charts.Period(res.From, res.To); p != "" {
		s += ", " + p
	}
	return s
}

// trendBlocks are a trend as the workbook's trend sheet and chart show it
// (its sentence is the answer's): its title, the chart the run drew, the group's series by
// date beside England's (and its region's), then each council's own
// figures.
func trendBlocks(id string, t metrics.Trend, rc charts.ReportCharts) []block {
	b := block{Heading: charts.TrendTitle(t)}
	for _, c := range rc.Trends {
		if c.File == charts.TrendFile(t.Measure) {
			b.Figure = chartBlock(id+"-chart", "", c).Figure
		}
	}
	series := trendSeriesTable(id, t)
	b.Table = &series
	out := []block{b}
	if len(t.Councils) > 1 {
		ct := trendCouncilsTable(id+"-councils", t)
		out = append(out, block{Table: &ct})
	}
	return out
}

// trendSeries are the rows of the workbook's trend sheet before its
// councils: the group's median (a council's own figure), its region's and
// England's, each with its label and places.
type trendSeries struct {
	Label    string
	Points   []metrics.TrendPoint
	Decimals uint8
}

func seriesOf(t metrics.Trend) (group trendSeries, region, england *trendSeries) {
	switch {
	case t.Group.England:
		return trendSeries{"England median", t.Median, 2}, nil, nil
	case len(t.Group.Members) == 1:
		group = trendSeries{t.Group.Name, t.Median, 1}
		if t.Group.Region != "" {
			region = &trendSeries{t.Group.Region + " median", t.Region, 2}
		}
	default:
		group = trendSeries{t.Group.Name + " median", t.Median, 2}
		if t.Group.Region != "" && !t.Group.IsRegion {
			region = &trendSeries{t.Group.Region + " median", t.Region, 2}
		}
	}
	return group, region, &trendSeries{"England median", t.England, 2}
}

// trendCell is a trend's point as the workbook's trend sheet writes it:
// [x] where there is no figure, the code published instead of one.
func trendCell(m findings.Measure, p metrics.TrendPoint, decimals uint8) Cell {
	c := table.TrendCell(m, p, decimals)
	return cellOf(&c)
}

// trendSeriesTable is the group's series by date, a row a date: the
// columns of the workbook's trend sheet turned on their side (a phone
// reads down), with how many figures the group's median is over and its
// difference from England's.
func trendSeriesTable(id string, t metrics.Trend) Table {
	m := t.Measure
	group, region, england := seriesOf(t)
	median := len(t.Group.Members) != 1 || t.Group.England
	tab := Table{ID: id, Caption: trendCaption(t), RowHeads: true, Cols: []Col{{Text: "Date"}, {Text: group.Label, Num: true}}}
	if median {
		tab.Cols = append(tab.Cols, Col{Text: "Figures in the median", Num: true})
	}
	if region != nil {
		tab.Cols = append(tab.Cols, Col{Text: region.Label, Num: true})
	}
	if !t.Group.England {
		tab.Cols = append(tab.Cols, Col{Text: england.Label, Num: true}, Col{Text: "Difference from England" + diffUnit(m), Num: true})
	}
	var used table.CodeSet
	for i, d := range t.Dates {
		row := []Cell{{Text: prose.Date(d)}, trendCell(m, group.Points[i], group.Decimals)}
		used.Add(codeOf(group.Points[i]))
		if median {
			n := Cell{Text: "", Num: true}
			if p := group.Points[i]; p.OK && p.Code == findings.NoCode {
				n = intText(p.N)
			}
			row = append(row, n)
		}
		if region != nil {
			row = append(row, trendCell(m, region.Points[i], region.Decimals))
			used.Add(codeOf(region.Points[i]))
		}
		if !t.Group.England {
			row = append(row, trendCell(m, england.Points[i], england.Decimals), diffCell(m, group.Points[i], england.Points[i]))
			used.Add(codeOf(england.Points[i]))
		}
		tab.Rows = append(tab.Rows, row)
	}
	if n := codeNote(used); n != "" {
		tab.Notes = append(tab.Notes, n)
	}
	return tab
}

// trendCouncilsTable is each council's own figure at the trend's dates,
// as the workbook's trend sheet lists them under the medians.
func trendCouncilsTable(id string, t metrics.Trend) Table {
	tab := Table{ID: id, Caption: fmt.Sprintf("%s: each council's own figure, %s", t.Measure.Def().Header, t.Group.Name), RowHeads: true,
		Cols: []Col{{Text: "Council"}}}
	for _, d := range t.Dates {
		tab.Cols = append(tab.Cols, Col{Text: prose.Date(d), Num: true})
	}
	var used table.CodeSet
	for _, c := range t.Councils {
		label := c.Council.Name
		if slices.ContainsFunc(c.Points, func(p metrics.TrendPoint) bool { return p.Small }) {
			label += fmt.Sprintf(" (fewer than %d social workers: not in the median)", metrics.SmallService)
		}
		row := []Cell{{Text: label}}
		for _, p := range c.Points {
			row = append(row, trendCell(t.Measure, p, 1))
			used.Add(codeOf(p))
		}
		tab.Rows = append(tab.Rows, row)
	}
	if n := codeNote(used); n != "" {
		tab.Notes = append(tab.Notes, n)
	}
	return tab
}

// codeOf is the code a trend's point is written as.
func codeOf(p metrics.TrendPoint) table.Code {
	if !p.OK {
		return table.NotAvailable
	}
	return p.Code
}

func trendCaption(t metrics.Trend) string {
	s := t.Measure.Def().Header + ", " + t.Group.Name
	switch {
	case t.Group.England || len(t.Group.Members) != 1:
		s += "'s median of councils' figures"
	default:
		s += "'s official figures"
	}
	if len(t.Dates) > 0 {
		s += ", " + prose.Date(t.Dates[0]) + " to " + prose.Date(t.Dates[len(t.Dates)-1])
	}
	if !t.Group.England {
		s += ", beside England's median"
	}
	return s
}

func diffUnit(m findings.Measure) string {
	if m.Rate() {
		return " (percentage points)"
	}
	return ""
}

// diffCell is a figure minus England's median, signed, in points for a
// rate.
func diffCell(m findings.Measure, p, e metrics.TrendPoint) Cell {
	if !p.OK || !e.OK || p.Code != findings.NoCode {
		return Cell{Text: "[x]", Code: true, Num: true}
	}
	d := table.Cell{Kind: table.Number, Num: p.Value - e.Value, Decimals: 2}
	s := CellText(&d)
	if roundHalfAway(d.Num, 2) > 0 {
		s = "+" + s
	}
	if m.Rate() {
		s += " pp"
	}
	return Cell{Text: s, Num: true}
}

// comparisons say how each trend's latest point compares with England's.
func comparisons(ts []metrics.Trend) []string {
	var out []string
	for _, t := range ts {
		if t.Group.England {
			continue
		}
		group, _, england := seriesOf(t)
		for i := len(t.Dates) - 1; i >= 0; i-- {
			p, e := t.Median[i], t.England[i]
			if !p.OK || p.Code != findings.NoCode || !e.OK {
				continue
			}
			d := roundHalfAway(p.Value-e.Value, 2)
			how := "the same as"
			if d != 0 {
				gap := table.Cell{Kind: table.Number, Num: math.Abs(d), Decimals: 2}
				how = CellText(&gap)
				if t.Measure.Rate() {
					how += " percentage points"
				}
				how += map[bool]string{true: " above", false: " below"}[d > 0]
			}
			whose := t.Group.Name + "'s figure"
			if len(t.Group.Members) != 1 {
				whose = t.Group.Name + "'s median"
			}
			out = append(out, fmt.Sprintf("%s on %s: %s, %s, was %s England's median, %s (%s).", upperFirst(t.Measure.Def().Short()), prose.Date(t.Dates[i]),
				whose, trendCell(t.Measure, p, group.Decimals).Text, how, trendCell(t.Measure, e, england.Decimals).Text, better(t.Measure)))
			break
		}
	}
	if len(out) == 0 {
		out = []string{"No date in the period has both a figure and an England median to compare it with."}
	}
	return out
}

// gradeTrendTable is the group's councils by their latest grade in an area
// at the end of each year, as the workbook's grades-by-year sheet.
func gradeTrendTable(id string, g metrics.GradeTrend) Table {
	caption := fmt.Sprintf("%s's councils by their latest %s grade at the end of each year", g.Group.Name, g.Area.Words())
	if len(g.Years) > 0 {
		if p := charts.Period(g.Years[0], g.Years[len(g.Years)-1]); p != "" {
			caption += ", " + p
		}
	}
	tab := fromTable(id, caption, table.GradeTrend(g), true)
	if g.Area == findings.Overall {
		tab.Notes = append(tab.Notes, "Since April 2026 Ofsted grades each area but gives no overall grade: a council whose latest inspection is under that framework is counted apart, never under an older grade.")
	}
	return tab
}

// caveats are what a reader must know to use the answer: about medians
// for a trend, about counting councils for grades.
func caveats(r *metrics.Report, res *metrics.Research) []string {
	var out []string
	if len(res.Trends) > 0 {
		out = append(out,
			"A median is over the councils with a figure for its date; a date is shown only when at least half of the area's councils have one. The trend's table says how many figures each median is over.",
			fmt.Sprintf("A figure published once for a joint children's service counts once in a median; councils with fewer than %d social workers are left out of medians and rankings, because one person moves their figures a lot.", metrics.SmallService),
			"Official figures (DfE's statistics) and figures from news reports and council papers are never mixed in one series: the trend is the official one.")
	}
	if len(res.GradeTrends) > 0 {
		out = append(out, "Each year's count is of the councils by the grade of their latest inspection on or before the year's last day (the period's last day in its last year); a council whose latest inspection is under Ofsted's April 2026 framework has no overall grade and is counted apart.")
	}
	out = append(out,
		"The question narrows what is listed, never what a comparison is over: England's and each region's medians are over every council.",
		"Figures are as of "+prose.LongDay(r.AsOf)+": a figure published after that day is left out, so the same run on the same inputs gives the same answer.")
	if g := res.Group; len(g.Members) == 1 && !g.England && len(res.Trends) > 0 {
		out = append(out, "A council's own figure can move a lot from year to year in a small service; "+workbook.RegionPhrase(g.Region)+"'s and England's medians are beside it to read it against.")
	}
	return out
}

package pages

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/prose"
	"github.com/oversight/oversight/outputs/summary"
	"github.com/oversight/oversight/outputs/workbook"
)

// ReportInput is what the monthly report's page shows.
type ReportInput struct {
	Title  string // "" gives the workbook's default title
	Report *metrics.Report
	Intake *intake.Result // the run's: the data files' row counts
	// MainFindings are the report's main findings, a sentence each, most
	// important first. None: the page says there are none for this
	// report.
	MainFindings []string
	// Charts are the charts the run drew into charts/.
	Charts     charts.ReportCharts
	Version    string
	Publishing Publishing
}

// DefaultTitle is the report's title when none is given (the workbook's).
const DefaultTitle = "Children's social care in England: Ofsted grades and the social work workforce by council"

// WriteReport writes dir/index.html, the monthly report as a page: main
// findings and what changed first, then England and the regions, grades,
// the workforce, every council, and the files to download with what is in
// each. It reads the sizes and headers of the run's files in dir, so it
// runs once they are written.
func WriteReport(dir string, in ReportInput) error {
	p, err := reportPage(dir, in)
	if err != nil {
		return err
	}
	return render(filepath.Join(dir, Name), "report", p)
}

type sectionsPage struct {
	frame
	Sections []section
}

func reportPage(dir string, in ReportInput) (*sectionsPage, error) {
	r := in.Report
	title := in.Title
	if title == "" {
		title = DefaultTitle
	}
	asOf := prose.LongDay(r.AsOf)
	p := &sectionsPage{frame: frame{Title: title + ", as of " + asOf, Short: "Report", CSS: style, Status: workbook.StatusLine, Period: summary.Period(r),
		Lead:   []string{"Ofsted's judgements and DfE's social work workforce figures for every English council with children's services, with the medians of their statistical neighbours, regions and England."},
		Footer: footerLines(r.AsOf, in.Publishing, in.Version)}}

	findingsSec := section{ID: "main-findings", Heading: "Main findings"}
	if len(in.MainFindings) > 0 {
		findingsSec.List = in.MainFindings
	} else {
		findingsSec.Text = []string{"No main findings were written for this report: the sections below give the figures."}
	}
	files, err := reportFiles(dir, r, in.Intake)
	if err != nil {
		return nil, err
	}
	p.Sections = []section{
		findingsSec,
		changesSection(r),
		englandSection(r),
		regionsSection(r),
		gradesSection(r, in.Charts, ""),
		workforceSection(r, in.Charts, ""),
		councilsSection(r, "every-council", "Every council", ""),
		{ID: "download", Heading: "Download the data", Text: []string{"Every table on this page, and more, as a workbook and as CSV files. The CSV files follow DfE's open data standards; each metric file has a metadata file beside it that describes its columns."},
			Files: files},
	}
	for _, s := range p.Sections {
		p.TOC = append(p.TOC, link{Href: s.ID, Text: s.Heading})
	}
	return p, nil
}

// changesSection says what changed since the previous report, as
// changes.txt does (outputs/summary), then lists every change as the
// Changes sheet does (fewer columns: changes.csv has them all).
func changesSection(r *metrics.Report) section {
	if r.Since == nil {
		return section{ID: "what-changed", Heading: "What changed",
			Text: []string{"This report was not compared with an earlier one, so it does not say what changed."}}
	}
	s := section{ID: "what-changed", Heading: "What changed since " + prose.LongDay(r.Since.AsOf),
		Text: []string{"Compared with " + summary.Since(r) + "."}}
	if len(r.Changes) == 0 {
		s.Text = append(s.Text, "Nothing changed.")
		return s
	}
	var b *block
	for _, l := range summary.ChangeLines(r) {
		if l.Heading {
			s.Blocks = append(s.Blocks, block{Heading: l.Text})
			b = &s.Blocks[len(s.Blocks)-1]
			continue
		}
		if b != nil {
			b.List = append(b.List, l.Text)
		}
	}
	t := schemaTable("changes-table", fmt.Sprintf("Every change since %s, most important kind first", prose.LongDay(r.Since.AsOf)), metrics.ChangeColumns,
		[]string{"change", "la_name", "concerns", "before", "after", "after_date", "published"}, r.Changes, false)
	s.Blocks = append(s.Blocks, block{Heading: "Every change", Table: &t,
		Text: []string{"The document each change comes from, its source and a sentence on each are in changes.csv and on the workbook's Changes sheet."}})
	return s
}

// englandSection is the Headlines sheet: England's figures with their
// dates and ages.
func englandSection(r *metrics.Report) section {
	t := fromTable("england-table", "England's headline figures as of "+prose.LongDay(r.AsOf)+", each with its date and age",
		workbook.HeadlinesTable(r), true)
	return section{ID: "england", Heading: "England",
		Text:   []string{"Each figure has its own date: counts of grades are as of the report's date; workforce medians are for the latest date at which at least half of England's councils have a figure."},
		Blocks: []block{{Table: &t}}}
}

// regionsSection is the Regions table in two: grades, then the workforce
// medians.
func regionsSection(r *metrics.Report) section {
	grades := []string{"region_name", "councils", "councils_graded", "outstanding", "good", "requires_improvement", "inadequate",
		"councils_no_overall_grade", "good_or_better_pct", "improved", "declined"}
	g := schemaTable("regions-grades", "Councils by the overall grade of their latest inspection, by region, as of "+prose.LongDay(r.AsOf),
		metrics.RegionColumns, grades, r.RegionRows, true)
	lead := []string{"region_name", "leadership_outstanding", "leadership_good", "leadership_requires_improvement", "leadership_inadequate"}
	l := schemaTable("regions-leadership", "Councils by their latest leadership grade since 2018, by region", metrics.RegionColumns, lead, r.RegionRows, true)
	wf := []string{"region_name"}
	for _, m := range metrics.WorkforceMeasures {
		wf = append(wf, m.String()+"_median")
	}
	w := schemaTable("regions-workforce", "Median workforce figures by region", metrics.RegionColumns, wf, r.RegionRows, true)
	common := addDates(&w, r)
	return section{ID: "regions", Heading: "Regions and England",
		Text: []string{"One row per region, then England. A council whose latest inspection gave no overall grade (Ofsted's framework from April 2026) is counted apart, never under an older grade; leadership is graded under both frameworks, so it compares every council."},
		Blocks: []block{{Table: &g}, {Table: &l}, {Table: &w,
			Text: []string{"A median is over the councils with a figure for its date (a joint service's figure once); councils with fewer than 20 social workers are left out of it. " + common}}}}
}

// addDates puts a median's date under it when it is not England's for the
// measure, and says England's.
func addDates(t *Table, r *metrics.Report) string {
	var dated []string
	for j, m := range metrics.WorkforceMeasures {
		england := r.EnglandMedian(m)
		if england.OK {
			dated = append(dated, m.Def().Short()+" "+prose.Date(england.Date))
		}
		for i, row := range r.RegionRows {
			if md := row.Medians[m]; md.OK && md.Date != england.Date {
				t.Rows[i][j+1].Sub = prose.Date(md.Date)
			}
		}
	}
	if len(dated) == 0 {
		return ""
	}
	return "The medians are for England's reference dates (" + strings.Join(dated, "; ") + ") unless another date is given under one."
}

// gradesSection is the grade charts with their numbers, and the
// transitions between grades.
func gradesSection(r *metrics.Report, rc charts.ReportCharts, root string) section {
	tr := schemaTable("transitions", "Consecutive overall grades: from each grade (rows) to the next (columns), every council's history as of "+prose.LongDay(r.AsOf),
		metrics.TransitionColumns, metrics.Names(metrics.TransitionColumns), r.TransitionRows, true)
	s := section{ID: "grades", Heading: "Ofsted grades"}
	if rc.Grades.File != "" {
		b := chartBlock("grades-chart", root, rc.Grades)
		b.Heading = "Overall grades by region"
		s.Blocks = append(s.Blocks, b)
	}
	if rc.Leadership.File != "" {
		b := chartBlock("leadership-chart", root, rc.Leadership)
		b.Heading = "Leadership grades by region"
		s.Blocks = append(s.Blocks, b)
	}
	s.Blocks = append(s.Blocks, block{Heading: "How grades change from one inspection to the next", Table: &tr})
	return s
}

// workforceSection is the workforce by grade and the rankings with their
// numbers.
func workforceSection(r *metrics.Report, rc charts.ReportCharts, root string) section {
	var which []string
	for _, m := range metrics.WorkforceMeasures {
		which = append(which, m.Def().Short()+": "+better(m))
	}
	s := section{ID: "workforce", Heading: "The social work workforce",
		Text: []string{"DfE counts caseloads, vacancies, agency workers and leavers at 30 September each year. Which way is better: " + strings.Join(which, "; ") + "."}}
	for i, c := range rc.Rankings {
		b := chartBlock(fmt.Sprintf("ranking-%d", i+1), root, c)
		b.Heading = upperFirst(rankingHeading(c))
		s.Blocks = append(s.Blocks, b)
	}
	cols := []string{"grouping", "grade", "councils"}
	for _, m := range metrics.WorkforceMeasures {
		cols = append(cols, m.String()+"_median")
	}
	t := schemaTable("by-grade", "Median workforce figures of the councils with each grade, at England's reference date", metrics.ByGradeColumns, cols, r.ByGradeRows, false)
	s.Blocks = append(s.Blocks, block{Heading: "Workforce by grade", Table: &t,
		Text: []string{"By the overall grade of the councils' latest inspection, then by their leadership grade. The means, and the number of figures each is over, are in by_grade.csv."}})
	return s
}

func rankingHeading(c charts.Chart) string {
	if c.Ranking != nil {
		return metrics.MeasureHeader(c.Ranking.Measure) + " by council"
	}
	title, _, _ := strings.Cut(c.Title, ":")
	return title
}

// councilsSection is every listed council's latest grades and figures, a
// figure's date under it when it is not the common one.
func councilsSection(r *metrics.Report, id, heading, root string) section {
	names := []string{"la_name", "region_name", "grade", "leadership"}
	for _, m := range metrics.WorkforceMeasures {
		names = append(names, m.String())
	}
	t := schemaTable(id+"-table", "Each council's latest grades and workforce figures, as of "+prose.LongDay(r.AsOf), metrics.CouncilColumns, names, r.Listed, true)
	common := map[findings.Measure]dates.Date{}
	for _, m := range metrics.WorkforceMeasures {
		common[m] = r.EnglandMedian(m).Date
	}
	for i, c := range r.Listed {
		for j, m := range metrics.WorkforceMeasures {
			cell := &t.Rows[i][4+j]
			if f := c.Figure(m); f.OK && f.Date != common[m] {
				cell.Sub = prose.Date(f.Date)
			}
			if f := c.Figure(m); f.Small {
				cell.Sub = strings.TrimSpace(cell.Sub + " small numbers")
			}
		}
		if c.Framework == metrics.FrameworkNoOverall {
			t.Rows[i][2] = Cell{Text: "no overall grade (April 2026 framework)"}
		}
	}
	var dated []string
	for _, m := range metrics.WorkforceMeasures {
		if d := common[m]; !d.IsZero() {
			dated = append(dated, m.Def().Short()+" "+prose.Date(d))
		}
	}
	text := []string{"Grades are from the council's latest inspection; leadership is graded under both of Ofsted's frameworks."}
	if len(dated) > 0 {
		text = append(text, "Workforce figures are for England's reference dates ("+strings.Join(dated, "; ")+") unless another date is given under a figure. \"Small numbers\": fewer than 20 social workers, so one person moves the figure a lot.")
	}
	return section{ID: id, Heading: heading, Text: text, Blocks: []block{{Table: &t}}}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

package pages

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/prose"
	"github.com/oversight/oversight/outputs/workbook"
)

// Question is a research run's question as the page needs it.
type Question struct {
	// Lines are the filters as written, one a line ("region London"), as
	// the workbook and manifest cite them.
	Lines []string
	// Councils and Regions are the councils (names or codes, as written)
	// and regions asked about.
	Councils, Regions []string
	From, To          dates.Day // 0 = open
	// Measures asked about ("vacancy_rate", "grade"); none: every
	// workforce measure.
	Measures []string
}

// ResearchInput is what a research run's page shows.
type ResearchInput struct {
	Title    string
	Report   *metrics.Report
	Intake   *intake.Result
	Question Question
	// Answer is the sentence that answers the question; "" gives one from
	// the first and last points of each trend.
	Answer string
	// Trends are the series asked for; nil takes them from the report
	// (TrendsFrom).
	Trends []Trend
	// Charts are the run's charts in charts/; those about what was asked
	// are shown after the trend.
	Charts     charts.ReportCharts
	Version    string
	Publishing Publishing
}

// Trend is one measure's series for one area over the period asked: the
// area's figures (a region's median, or a council's own figures) with
// England's median for the same dates beside them.
type Trend struct {
	Measure findings.Measure
	// Area is what the series is of: a region ("London") or a council.
	Area string
	// Median reports whether Points are medians of councils' figures (a
	// region's) rather than one council's own.
	Median  bool
	Points  []TrendPoint
	England []TrendPoint // England's median at each of Points' dates, when it has one
	// Region is the region's median beside a council's figures.
	Region     []TrendPoint
	RegionName string
}

// TrendPoint is one date of a trend: a number (or the code published
// instead), and for a median how many figures it is over out of how many
// councils.
type TrendPoint struct {
	Date  dates.Date
	Value float64
	Code  findings.Code
	OK    bool
	N, Of int
}

// TrendsFrom are the trends a question asks for, from the report: for
// each workforce measure asked (every one when none is), each region's
// median series and each council's own official series in the period,
// with England's (and a council's region's) median beside it; England's
// alone when the question names no place.
func TrendsFrom(r *metrics.Report, q Question) []Trend {
	var out []Trend
	regions := matchRegions(q.Regions)
	var councils []*metrics.Council
	for _, name := range q.Councils {
		for _, ref := range r.Ref.Candidates(name) {
			if c := r.Council(ref.Index); c != nil && !slices.Contains(councils, c) {
				councils = append(councils, c)
			}
		}
	}
	in := func(d dates.Date) bool {
		return (q.From == 0 || d.End() >= q.From) && (q.To == 0 || d.Day <= q.To)
	}
	medians := func(s []metrics.MedianPoint) []TrendPoint {
		var pts []TrendPoint
		for _, p := range s {
			if in(p.Date) {
				pts = append(pts, TrendPoint{Date: p.Date, Value: p.Value, OK: true, N: p.N, Of: p.Of})
			}
		}
		return pts
	}
	at := func(s []metrics.MedianPoint, pts []TrendPoint) []TrendPoint {
		out := make([]TrendPoint, len(pts))
		for i, p := range pts {
			for _, m := range s {
				if m.Date.Day == p.Date.Day {
					out[i] = TrendPoint{Date: m.Date, Value: m.Value, OK: true, N: m.N, Of: m.Of}
				}
			}
		}
		return out
	}
	for _, m := range workforceAsked(q.Measures) {
		for _, reg := range regions {
			pts := medians(r.Regions[reg][m])
			out = append(out, Trend{Measure: m, Area: reg, Median: true, Points: pts, England: at(r.England[m], pts)})
		}
		for _, c := range councils {
			var pts []TrendPoint
			for _, p := range c.Workforce[m].Official {
				if in(p.Date) {
					pts = append(pts, TrendPoint{Date: p.Date, Value: p.Value, Code: p.Code, OK: true})
				}
			}
			out = append(out, Trend{Measure: m, Area: c.Ref.Name, Points: pts, England: at(r.England[m], pts),
				Region: at(r.Regions[c.Ref.Region][m], pts), RegionName: c.Ref.Region})
		}
		if len(regions) == 0 && len(councils) == 0 {
			out = append(out, Trend{Measure: m, Area: "England", Median: true, Points: medians(r.England[m])})
		}
	}
	return out
}

// workforceAsked are the workforce measures a question asks about: those
// named, or all when it names none.
func workforceAsked(names []string) []findings.Measure {
	if len(names) == 0 {
		return metrics.WorkforceMeasures
	}
	var out []findings.Measure
	for _, m := range metrics.WorkforceMeasures {
		for _, n := range names {
			if strings.EqualFold(strings.TrimSpace(n), m.String()) {
				out = append(out, m)
			}
		}
	}
	return out
}

func asksGrades(names []string) bool {
	if len(names) == 0 {
		return true
	}
	for _, n := range names {
		if strings.EqualFold(strings.TrimSpace(n), findings.Grade.String()) {
			return true
		}
	}
	return false
}

func matchRegions(names []string) []string {
	var out []string
	for _, reg := range reference.Regions {
		for _, n := range names {
			if reference.Fold(n) == reference.Fold(reg) && !slices.Contains(out, reg) {
				out = append(out, reg)
			}
		}
	}
	return out
}

// WriteResearch writes dir/index.html for a research run: the answer, the
// trend with its table, how it compares with England, the caveats, then
// the files. It runs once the run's other files are written.
func WriteResearch(dir string, in ResearchInput) error {
	p, err := researchPage(dir, in)
	if err != nil {
		return err
	}
	return render(filepath.Join(dir, Name), "report", p)
}

func researchPage(dir string, in ResearchInput) (*sectionsPage, error) {
	r, q := in.Report, in.Question
	trends := in.Trends
	if trends == nil {
		trends = TrendsFrom(r, q)
	}
	title := in.Title
	if title == "" {
		title = questionTitle(q)
	}
	p := &sectionsPage{frame: frame{Title: title, Short: "Research", CSS: style, Status: defaultStatus(r.AsOf),
		Footer: footerLines(r.AsOf, in.Publishing, in.Version)}}
	answer := section{ID: "answer", Heading: "The answer"}
	if in.Answer != "" {
		answer.Text = []string{in.Answer}
	} else {
		answer.Text = answerSentences(trends)
	}
	if len(answer.Text) == 0 {
		answer.Text = []string{"The inputs have no figures for what was asked in the period asked: the sections below give what the run found."}
	}
	answer.Text = append(answer.Text, "The question as asked: "+strings.Join(q.Lines, "; ")+". Figures as of "+prose.LongDay(r.AsOf)+".")
	p.Sections = append(p.Sections, answer)

	if len(trends) > 0 {
		s := section{ID: "trend", Heading: "The trend"}
		for i, t := range trends {
			tab := trendTable(fmt.Sprintf("trend-%d", i+1), t)
			s.Blocks = append(s.Blocks, block{Heading: trendTitle(t, q), Table: &tab})
		}
		p.Sections = append(p.Sections, s)
		p.Sections = append(p.Sections, section{ID: "comparison", Heading: "How it compares with England", List: comparisons(trends)})
	}
	// The run's charts that are about what was asked, after the answer.
	more := section{ID: "more", Heading: "More from this run"}
	if asksGrades(q.Measures) {
		g := gradesSection(r, in.Charts, "")
		more.Blocks = append(more.Blocks, g.Blocks...)
	}
	for i, c := range in.Charts.Rankings {
		if c.Ranking != nil && slices.Contains(workforceAsked(q.Measures), c.Ranking.Measure) {
			b := chartBlock(fmt.Sprintf("ranking-%d", i+1), "", c)
			b.Heading = upperFirst(rankingHeading(c)) + ", the councils asked about"
			more.Blocks = append(more.Blocks, b)
		}
	}
	cs := councilsSection(r, "councils", "The councils asked about", "")
	more.Blocks = append(more.Blocks, block{Heading: "Each council's latest grades and figures", Text: cs.Text, Table: cs.Blocks[0].Table})
	p.Sections = append(p.Sections, more)

	p.Sections = append(p.Sections, section{ID: "caveats", Heading: "Caveats", List: caveats(r, trends)})
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

// questionTitle is the question in plain words: "Vacancy rate in London,
// 2018 to 2025".
func questionTitle(q Question) string {
	var what []string
	for _, m := range workforceAsked(q.Measures) {
		what = append(what, strings.ToLower(measureShort(m)))
	}
	if len(q.Measures) > 0 && asksGrades(q.Measures) {
		what = append(what, "Ofsted grades")
	}
	subject := "Social work figures and Ofsted grades"
	if len(what) > 0 && len(q.Measures) > 0 {
		subject = upperFirst(prose.JoinAnd(what))
	}
	places := append(matchRegions(q.Regions), q.Councils...)
	where := "England"
	if len(places) > 0 {
		where = prose.JoinAnd(places)
	}
	return subject + " in " + where + periodText(q.From, q.To)
}

func measureShort(m findings.Measure) string {
	return strings.SplitN(metrics.MeasureHeader(m), " (", 2)[0]
}

// periodText is ", 2018 to 2025", ", from 2018", or "".
func periodText(from, to dates.Day) string {
	year := func(d dates.Day) string { y, _, _ := d.YMD(); return fmt.Sprint(y) }
	switch {
	case from != 0 && to != 0:
		return ", " + year(from) + " to " + year(to)
	case from != 0:
		return ", from " + year(from)
	case to != 0:
		return ", to " + year(to)
	}
	return ""
}

func trendTitle(t Trend, q Question) string {
	what := measureShort(t.Measure)
	if t.Median && t.Area != "England" {
		return what + ": " + t.Area + "'s median and England's" + periodText(q.From, q.To)
	}
	return what + ": " + t.Area + periodText(q.From, q.To)
}

// pointCell is a trend's point as the workbook shows it.
func pointCell(m findings.Measure, p TrendPoint, median bool) Cell {
	switch {
	case !p.OK:
		return Cell{Text: "[x]", Code: true, Num: true}
	case p.Code != findings.NoCode:
		return Cell{Text: p.Code.String(), Code: true, Num: true}
	}
	dec := uint8(1)
	if median {
		dec = 2
	}
	return measureCell(m, p.Value, dec)
}

// trendTable is a trend by date.
func trendTable(id string, t Trend) Table {
	head := t.Area
	if t.Median {
		head += " median"
	}
	tab := Table{ID: id, Caption: trendCaption(t), RowHeads: true, Cols: []Col{{Text: "Date"}, {Text: head + unitText(t.Measure), Num: true}}}
	if t.Median {
		tab.Cols = append(tab.Cols, Col{Text: "Councils' figures in the " + t.Area + " median", Num: true})
	}
	if t.Region != nil {
		tab.Cols = append(tab.Cols, Col{Text: t.RegionName + " median" + unitText(t.Measure), Num: true})
	}
	if t.England != nil {
		tab.Cols = append(tab.Cols, Col{Text: "England median" + unitText(t.Measure), Num: true}, Col{Text: "Difference from England" + diffUnit(t.Measure), Num: true})
	}
	codes := map[findings.Code]bool{}
	for i, p := range t.Points {
		row := []Cell{{Text: prose.Date(p.Date)}, pointCell(t.Measure, p, t.Median)}
		if p.Code != findings.NoCode {
			codes[p.Code] = true
		}
		if t.Median {
			row = append(row, Cell{Text: fmt.Sprintf("%d of %d", p.N, p.Of), Num: true})
		}
		if t.Region != nil {
			row = append(row, pointCell(t.Measure, t.Region[i], true))
		}
		if t.England != nil {
			e := t.England[i]
			row = append(row, pointCell(t.Measure, e, true), diffCell(t.Measure, p, e))
		}
		tab.Rows = append(tab.Rows, row)
	}
	var parts []string
	for _, c := range findings.Codes() {
		if codes[c] {
			parts = append(parts, c.String()+" "+c.Meaning())
		}
	}
	missing := func(p TrendPoint) bool { return !p.OK }
	if slices.ContainsFunc(t.England, missing) || slices.ContainsFunc(t.Region, missing) {
		parts = append(parts, "[x] no median for the date")
	}
	if len(parts) > 0 {
		tab.Notes = []string{"Shorthand: " + strings.Join(parts, "; ") + "."}
	}
	return tab
}

func trendCaption(t Trend) string {
	s := metrics.MeasureHeader(t.Measure) + ", " + t.Area
	if t.Median {
		s += " median of councils' figures"
	} else {
		s += "'s official figures"
	}
	if len(t.Points) > 0 {
		s += ", " + prose.Date(t.Points[0].Date) + " to " + prose.Date(t.Points[len(t.Points)-1].Date)
	}
	if t.England != nil {
		s += ", beside England's median"
	}
	return s
}

func unitText(m findings.Measure) string {
	if m.Rate() {
		return " (%)"
	}
	return ""
}

func diffUnit(m findings.Measure) string {
	if m.Rate() {
		return " (percentage points)"
	}
	return ""
}

// diffCell is a figure minus England's median, as the workbook's changes
// are shown (points for rates).
func diffCell(m findings.Measure, p, e TrendPoint) Cell {
	if !p.OK || !e.OK || p.Code != findings.NoCode {
		return Cell{Text: "[x]", Code: true, Num: true}
	}
	d := roundHalfAway(p.Value-e.Value, 2)
	s := places(d, 2)
	if d > 0 {
		s = "+" + s
	}
	if m.Rate() {
		s += " pp"
	}
	return Cell{Text: s, Num: true}
}

// answerSentences say where each trend started and ended.
func answerSentences(ts []Trend) []string {
	var out []string
	for _, t := range ts {
		var nums []TrendPoint
		for _, p := range t.Points {
			if p.OK && p.Code == findings.NoCode {
				nums = append(nums, p)
			}
		}
		if len(nums) == 0 {
			out = append(out, fmt.Sprintf("No %s figure for %s is in the period asked.", strings.ToLower(measureShort(t.Measure)), t.Area))
			continue
		}
		first, last := nums[0], nums[len(nums)-1]
		whose := t.Area + "'s " + strings.ToLower(measureShort(t.Measure))
		if t.Median {
			whose = t.Area + "'s median " + strings.ToLower(measureShort(t.Measure))
		}
		s := fmt.Sprintf("%s was %s on %s", whose, pointCell(t.Measure, first, t.Median).Text, prose.Date(first.Date))
		if last.Date != first.Date {
			s += fmt.Sprintf(" and %s on %s", pointCell(t.Measure, last, t.Median).Text, prose.Date(last.Date))
		}
		if e := englandAt(t, first, last); e != "" && t.Area != "England" {
			s += "; England's median was " + e
		}
		out = append(out, s+".")
	}
	return out
}

func englandAt(t Trend, first, last TrendPoint) string {
	find := func(p TrendPoint) (TrendPoint, bool) {
		for i, q := range t.Points {
			if q.Date == p.Date && i < len(t.England) && t.England[i].OK {
				return t.England[i], true
			}
		}
		return TrendPoint{}, false
	}
	a, okA := find(first)
	b, okB := find(last)
	switch {
	case okA && okB && first.Date != last.Date:
		return pointCell(t.Measure, a, true).Text + " and " + pointCell(t.Measure, b, true).Text
	case okB:
		return pointCell(t.Measure, b, true).Text + " on " + prose.Date(b.Date)
	}
	return ""
}

// comparisons say how each trend's latest point compares with England's.
func comparisons(ts []Trend) []string {
	var out []string
	for _, t := range ts {
		if t.England == nil {
			continue
		}
		for i := len(t.Points) - 1; i >= 0; i-- {
			p, e := t.Points[i], t.England[i]
			if !p.OK || p.Code != findings.NoCode || !e.OK {
				continue
			}
			d := roundHalfAway(p.Value-e.Value, 2)
			how := "the same as"
			if d != 0 {
				gap := places(abs(d), 2)
				if t.Measure.Rate() {
					gap += " percentage points"
				}
				how = gap + map[bool]string{true: " above", false: " below"}[d > 0]
			}
			whose := t.Area + "'s figure"
			if t.Median {
				whose = t.Area + "'s median"
			}
			out = append(out, fmt.Sprintf("%s on %s: %s, %s, was %s England's median, %s (%s).", measureShort(t.Measure), prose.Date(p.Date),
				whose, pointCell(t.Measure, p, t.Median).Text, how, pointCell(t.Measure, e, true).Text, better(t.Measure)))
			break
		}
	}
	if len(out) == 0 {
		out = []string{"No date in the period has both a figure and an England median to compare it with."}
	}
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// caveats are what a reader must know to use the answer.
func caveats(r *metrics.Report, ts []Trend) []string {
	out := []string{
		"A median is over the councils with a figure for its date; a date is shown only when at least half of the area's councils have one. The table says how many figures each median is over.",
		"A figure published once for a joint children's service counts once in a median; councils with fewer than 20 social workers are left out of medians and rankings, because one person moves their figures a lot.",
		"Official figures (DfE's statistics) and figures from news reports and council papers are never mixed in one series: the trend is the official one.",
		"The question narrows what is listed, never what a comparison is over: England's and each region's medians are over every council.",
		"Figures are as of " + prose.LongDay(r.AsOf) + ": a figure published after that day is left out, so the same run on the same inputs gives the same answer.",
	}
	for _, t := range ts {
		if !t.Median && len(t.Points) > 0 {
			out = append(out, "A council's own figure can move a lot from year to year in a small service; "+workbook.RegionPhrase(t.RegionName)+"'s and England's medians are beside it to read it against.")
			break
		}
	}
	return out
}

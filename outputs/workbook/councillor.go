package workbook

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/table"
)

// CouncillorSheets are the sheets of a councillor's workbook, in order.
var CouncillorSheets = []string{"Summary", "Grades", "Workforce", "Themes", "Findings", "About"}

// Labels in column A of a councillor's Summary sheet. The figure is in
// column B beside its label; a grade's or workforce figure's date is in C.
const (
	LabelGrade       = "Overall grade (latest)"
	LabelPrevious    = "Overall grade (previous)"
	LabelLastOverall = "Last overall grade (before the current framework)"
	LabelCaseload    = "Caseload (children per social worker)"
	LabelVacancy     = "Vacancy rate (posts vacant)"
	LabelAgency      = "Agency rate (agency social workers)"
	LabelTurnover    = "Turnover rate (leavers in the year)"
	LabelInspections = "Inspections with an overall grade"
	LabelVisits      = "Ungraded visits"
	LabelStrengths   = "Strengths noted"
	LabelWeaknesses  = "Weaknesses noted"
	LabelFindings    = "Findings (facts from every source)"
)

// CouncillorLabels maps columns of councils.csv to the Summary label whose
// column B holds the same figure.
var CouncillorLabels = map[string]string{
	"grade": LabelGrade, "previous_grade": LabelPrevious, "last_overall_grade": LabelLastOverall,
	"caseload": LabelCaseload, "vacancy_rate": LabelVacancy, "agency_rate": LabelAgency, "turnover_rate": LabelTurnover,
	"inspections": LabelInspections, "visits": LabelVisits, "strengths": LabelStrengths, "weaknesses": LabelWeaknesses, "findings": LabelFindings,
}

// Picture is a PNG placed on a sheet.
type Picture struct {
	PNG     []byte
	AltText string
}

// CouncillorInput is what one council's workbook shows.
type CouncillorInput struct {
	Report  *metrics.Report
	Council *metrics.Council
	// Findings are the council's accepted findings dated on or before the
	// report date, in input order.
	Findings []findings.Finding
	// Inputs are the run's input files; a finding's File indexes them.
	Inputs  []intake.FileReport
	Version string
	// Charts are placed side by side under the Summary's figures.
	Charts []Picture
	// Licence adds the Open Government Licence attribution: official
	// statistics are among the inputs.
	Licence bool
	// TmpDir is where excelize may spill a large sheet ("" = the system's).
	TmpDir string
}

// OGLAttribution is the attribution the Open Government Licence asks for.
const OGLAttribution = "Contains public sector information licensed under the Open Government Licence v3.0 (Ofsted; Department for Education)"

// WriteCouncillor writes one council's workbook for its councillors: a
// Summary (grades, workforce figures beside the medians of similar councils,
// the region and England, counts, two charts), its Grades and visits, its
// Workforce figures by date, its Themes (strengths and weaknesses), every
// Finding with its source, and About (what each figure means). The bytes
// depend only on the input: no clock time is written.
func WriteCouncillor(w io.Writer, in CouncillorInput) error {
	if in.Report == nil || in.Council == nil {
		return errors.New("councillor workbook: no council")
	}
	b, err := NewBook("Summary", in.TmpDir)
	if err != nil {
		return err
	}
	defer b.Close()
	b.Workers = 1 // councils are built in parallel; one sheet needs no more
	f := b.F
	asOf := in.Report.AsOf.Time().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: in.Council.Ref.Name + ": children's social care", Subject: "Children's social care: grades, workforce and findings",
		Creator: "oversight " + in.Version, Created: asOf, Modified: asOf, Language: "en-GB",
		Description: "Figures as of " + in.Report.AsOf.String() + ".",
	}); err != nil {
		return err
	}
	cs, err := newCouncillorStyles(f, b.St)
	if err != nil {
		return err
	}
	if err := councillorSummary(f, cs, in); err != nil {
		return fmt.Errorf("summary sheet: %w", err)
	}
	files := make([]string, len(in.Inputs))
	for i, fr := range in.Inputs {
		files[i] = fr.Path
	}
	if _, err := b.Table("Grades", gradesTable(in)); err != nil {
		return err
	}
	if _, err := b.Table("Workforce", workforceTable(in)); err != nil {
		return err
	}
	if err := wrappedTable(b, "Themes", themesTable(in), cs.top); err != nil {
		return err
	}
	if err := wrappedTable(b, "Findings", table.NewFindings("findings", in.Findings, in.Report.Ref, files), cs.top); err != nil {
		return err
	}
	if err := councillorAbout(f, cs, in); err != nil {
		return fmt.Errorf("about sheet: %w", err)
	}
	for _, sheet := range []string{"Summary", "About"} {
		if err := printSetup(f, sheet); err != nil {
			return err
		}
	}
	// Table sheets print their header on every page.
	for _, sheet := range []string{"Grades", "Workforce", "Themes", "Findings"} {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet}); err != nil {
			return err
		}
	}
	// The Summary prints on one page, charts and all.
	one := 1
	if err := f.SetPageLayout("Summary", &excelize.PageLayoutOptions{FitToHeight: &one}); err != nil {
		return err
	}
	if err := b.Write(w); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// councillorStyles are the workbook's Styles and a few more.
type councillorStyles struct {
	*Styles
	top      *Styles // the same styles, wrapping text and aligned to the top of the cell
	boldTop  int     // a label beside text that runs to several lines
	dateLeft int     // a date beside its label
	signed   int     // a change in a number, with its sign: +1.0, -0.4
	aside    int     // wrapped text set off from the number before it
}

func newCouncillorStyles(f *excelize.File, st *Styles) (*councillorStyles, error) {
	cs := &councillorStyles{Styles: st}
	top := *st
	cs.top = &top
	variant := func(dst *int, id int, change func(*excelize.Style)) error {
		s, err := f.GetStyle(id)
		if err != nil {
			return err
		}
		change(s)
		*dst, err = f.NewStyle(s)
		return err
	}
	atTop := func(s *excelize.Style) { s.Alignment = &excelize.Alignment{Vertical: "top", WrapText: true} }
	ids := []*int{&top.Integer, &top.Number, &top.Percent, &top.Points, &top.Date[0], &top.Date[1], &top.Date[2], &top.Bold}
	for _, g := range findings.Grades {
		ids = append(ids, &top.Grade[g])
	}
	for _, id := range ids {
		if err := variant(id, *id, atTop); err != nil {
			return nil, err
		}
	}
	top.Text, top.Grade[findings.NoGrade] = st.Wrap, st.Wrap
	cs.boldTop = top.Bold
	if err := variant(&cs.dateLeft, st.Date[dates.PrecDay], func(s *excelize.Style) {
		s.Alignment = &excelize.Alignment{Horizontal: "left"}
	}); err != nil {
		return nil, err
	}
	if err := variant(&cs.aside, st.Wrap, func(s *excelize.Style) { s.Alignment.Indent = 1 }); err != nil {
		return nil, err
	}
	format := `+0.0;-0.0;0.0`
	if err := variant(&cs.signed, top.Number, func(s *excelize.Style) { s.NumFmt, s.CustomNumFmt = 0, &format }); err != nil {
		return nil, err
	}
	return cs, nil
}

// wrappedTable writes t as Book.Table does (header frozen, filter, widths,
// printed landscape one page wide), with text wrapped at the top of its
// cell and every row as tall as its longest text (on sheets small enough
// for that to matter).
func wrappedTable(b *Book, sheet string, t table.Table, top *Styles) error {
	_, err := b.TableStyled(sheet, t, top, wrappedHeight)
	return err
}

// wrappedHeight fits a row to its longest wrapped text.
func wrappedHeight(cols []table.Column, cells []table.Cell) float64 {
	lines := 1
	for j := range cells {
		if c := &cells[j]; !c.Blank && (c.Kind == table.Text || c.Kind == table.Grade) {
			lines = max(lines, textLines(c.Text, defaultWidth(cols[j])))
		}
	}
	return linesHeight(lines)
}

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

func numCell(k table.Kind, v float64) table.Cell {
	return table.Cell{Kind: k, Num: v, Blank: math.IsNaN(v)}
}

// gradeAreas are the Grades sheet's grade columns.
var gradeAreas = []findings.Area{findings.Overall, findings.Leadership, findings.HelpAndProtection, findings.ChildrenInCare,
	findings.CareLeavers, findings.ChildrenInCareAndCareLeavers, findings.Adoption}

func sourceNames(set metrics.SourceSet) string {
	var out []string
	for _, s := range []struct {
		t    findings.SourceType
		name string
	}{{findings.SourceOfsted, "Ofsted"}, {findings.SourceStatistics, "official statistics"}, {findings.SourceNews, "news report"},
		{findings.SourceCouncil, "council papers"}, {findings.SourceNone, "other"}} {
		if set.Has(s.t) {
			out = append(out, s.name)
		}
	}
	return strings.Join(out, ", ")
}

func visitName(k findings.VisitKind) string {
	switch k {
	case findings.Focused:
		return "Focused visit"
	case findings.Monitoring:
		return "Monitoring visit"
	case findings.JTAI:
		return "Joint targeted area inspection"
	}
	return "Visit"
}

// GradesColumns are the Grades sheet's columns.
var GradesColumns = func() []table.Column {
	cols := []table.Column{{Name: "Date", Kind: table.Date, Width: 12}, {Name: "Inspection or visit", Kind: table.Text, Width: 28}}
	for _, a := range gradeAreas {
		c := table.Column{Name: areaName(a), Kind: table.Grade, Width: 20}
		if a == findings.Overall {
			c.Name = "Overall grade"
			cols = append(cols, c, table.Column{Name: "Change in overall grade", Kind: table.Text, Width: 46})
			continue
		}
		if a == findings.ChildrenInCareAndCareLeavers {
			c.Width = 24
		}
		cols = append(cols, c)
	}
	return append(cols, table.Column{Name: "Source", Kind: table.Text, Width: 22})
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
			r.change = changeText(metrics.GradeChange(g, prev.Grade), prev)
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

func gradesTable(in CouncillorInput) table.Table {
	t := &cellTable{name: "grades", cols: GradesColumns}
	for _, r := range gradeRows(in.Council) {
		cells := []table.Cell{dateCell(r.date), textCell(r.what)}
		for _, a := range gradeAreas {
			cells = append(cells, gradeCell(r.grades[a]))
			if a == findings.Overall {
				cells = append(cells, textCell(r.change))
			}
		}
		t.rows = append(t.rows, append(cells, textCell(sourceNames(r.sources))))
	}
	return t
}

// WorkforceColumns are the Workforce sheet's columns: the date, then for
// each measure the council's official figure, its figure from other sources
// (never merged into the official series), its region's median and England's.
var WorkforceColumns = func() []table.Column {
	cols := []table.Column{{Name: "Date", Kind: table.Date, Width: 12}}
	for _, m := range metrics.WorkforceMeasures {
		k := table.Number
		if m.Rate() {
			k = table.Percent
		}
		name := strings.SplitN(metrics.MeasureHeader(m), " (", 2)[0]
		cols = append(cols, table.Column{Name: name + " (official)", Kind: k, Width: 13},
			table.Column{Name: name + " (other sources)", Kind: k, Width: 13},
			table.Column{Name: name + ", region median", Kind: k, Width: 15},
			table.Column{Name: name + ", England median", Kind: k, Width: 15})
	}
	return cols
}()

func workforceTable(in CouncillorInput) table.Table {
	c, r := in.Council, in.Report
	const perMeasure = 4
	type dayRow struct {
		date  dates.Date
		cells []table.Cell
	}
	rows := map[dates.Day]*dayRow{}
	put := func(col int, d dates.Date, cell table.Cell) {
		row := rows[d.Day]
		if row == nil {
			row = &dayRow{date: d, cells: make([]table.Cell, len(WorkforceColumns))}
			for j := range row.cells {
				row.cells[j] = table.Cell{Kind: WorkforceColumns[j].Kind, Blank: true}
			}
			rows[d.Day] = row
		}
		if d.Prec < row.date.Prec {
			row.date = d
		}
		row.cells[col] = cell
	}
	for i, m := range metrics.WorkforceMeasures {
		base := 1 + perMeasure*i
		kind := WorkforceColumns[base].Kind
		wf := c.Workforce[m]
		for k, pts := range [][]metrics.Point{wf.Official, wf.Other} {
			for _, p := range pts {
				cell := table.Cell{Kind: kind, Num: p.Value}
				if !p.Numeric() {
					cell = table.Cell{Kind: table.Text, Text: p.Code.String()}
				}
				put(base+k, p.Date, cell)
			}
		}
		for k, series := range [][]metrics.MedianPoint{r.Regions[c.Ref.Region][m], r.England[m]} {
			for _, p := range series {
				put(base+2+k, p.Date, table.Cell{Kind: kind, Num: p.Value})
			}
		}
	}
	days := make([]dates.Day, 0, len(rows))
	for d := range rows {
		days = append(days, d)
	}
	sort.Slice(days, func(i, j int) bool { return days[i] > days[j] })
	t := &cellTable{name: "workforce", cols: WorkforceColumns}
	for _, d := range days {
		row := rows[d]
		row.cells[0] = dateCell(row.date)
		t.rows = append(t.rows, row.cells)
	}
	return t
}

// ThemesColumns are the Themes sheet's columns.
var ThemesColumns = []table.Column{
	{Name: "Date", Kind: table.Date, Width: 12}, {Name: "Theme", Kind: table.Text, Width: 28},
	{Name: "Strength or weakness", Kind: table.Text, Width: 12}, {Name: "Part of the service", Kind: table.Text, Width: 16},
	{Name: "What was said", Kind: table.Text, Width: 60}, {Name: "Source", Kind: table.Text, Width: 40},
}

func themesTable(in CouncillorInput) table.Table {
	var idx []int
	for i := range in.Findings {
		if in.Findings[i].Measure == findings.Theme {
			idx = append(idx, i)
		}
	}
	fs := in.Findings
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
	t := &cellTable{name: "themes", cols: ThemesColumns}
	for _, i := range idx {
		f := &fs[i]
		t.rows = append(t.rows, []table.Cell{dateCell(f.Date), textCell(f.Label), textCell(f.Polarity.String()),
			textCell(f.Scope), textCell(f.Note), textCell(f.Source)})
	}
	return t
}

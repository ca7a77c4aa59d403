package workbook

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
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
	"grade": LabelGrade, "previous_grade": LabelPrevious,
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

// Summary sheet column widths (characters), A to H.
var summaryWidths = []float64{40, 24, 12, 15, 14, 14, 14, 62}

func councillorSummary(f *excelize.File, cs *councillorStyles, in CouncillorInput) error {
	st, top := cs.Styles, cs.top
	c, r := in.Council, in.Report
	name := c.Ref.Name
	w := &cellWriter{f: f, sheet: "Summary"}
	w.set(1, 1, name+": children's social care", st.Title)
	w.set(1, 2, "Ofsted grades, social work figures and what inspectors and others found, for councillors. As of "+longDate(r.AsOf)+"; what each figure means is on the About sheet.", st.Aside)
	row := 4
	header := func(cells ...string) {
		for j, s := range cells {
			w.set(j+1, row, s, st.Header)
		}
		row++
	}
	label := func(s string) { w.set(1, row, s, st.Text) }

	header("The council", "")
	for _, kv := range [][2]string{{"Name", name}, {"GSS code (ONS)", c.Ref.CodeOn(r.AsOf)}, {"DfE code", c.Ref.DfE}, {"Region", c.Ref.Region}} {
		label(kv[0])
		w.set(2, row, kv[1], st.Text)
		row++
	}
	label("Figures as of")
	w.set(2, row, r.AsOf.ExcelSerial(), cs.dateLeft)
	row++
	if preds := predecessors(r, c); len(preds) > 0 {
		label("Formed on")
		w.set(2, row, c.Ref.Start.ExcelSerial(), cs.dateLeft)
		w.set(3, row, "from "+joinAnd(preds)+", whose own history is not included here", st.Aside)
		row++
	}
	row++

	header("Ofsted judgements", "Grade", "Date", "Change")
	grade := func(lbl string, g metrics.GradeAt, change string) {
		label(lbl)
		if g.Grade == findings.NoGrade {
			w.set(2, row, "no grade yet", st.Aside)
		} else {
			w.cell(2, row, table.Cell{Kind: table.Grade, Text: g.Grade.String()}, st)
			w.cell(3, row, table.Cell{Kind: table.Date, Date: g.Date}, st)
		}
		if change != "" {
			w.set(4, row, change, st.Text)
		}
		row++
	}
	grade(LabelGrade, c.Grade, changeText(c.Change, c.Previous))
	grade(LabelPrevious, c.Previous, "")
	for i, a := range metrics.Areas {
		grade(areaName(a), c.AreaGrades[i], "")
	}
	if !c.JudgementDate.IsZero() && c.JudgementDate != c.Grade.Date {
		label("Latest judgement in any area")
		w.cell(3, row, table.Cell{Kind: table.Date, Date: c.JudgementDate}, st)
		row++
	}
	row++

	region := c.Ref.Region
	heads := []string{"Workforce (latest figure)", name, "Date", "Change from the figure before", "Similar councils' median", region + " median", "England median", "How " + name + " compares"}
	header(heads...)
	lines := 2
	for j, h := range heads {
		lines = max(lines, textLines(h, summaryWidths[j]))
	}
	if err := f.SetRowHeight("Summary", row-1, linesHeight(lines)); err != nil {
		return err
	}
	for m, lbl := range []string{LabelCaseload, LabelVacancy, LabelAgency, LabelTurnover} {
		w.set(1, row, lbl, top.Text)
		fig := c.Figures[m]
		kind := table.Number
		if metrics.WorkforceMeasures[m].Rate() {
			kind = table.Percent
		}
		lines := 1
		if fig.OK {
			w.cell(2, row, table.Cell{Kind: kind, Num: fig.Value}, top)
			w.cell(3, row, table.Cell{Kind: table.Date, Date: fig.Date}, top)
			if fig.HasChange {
				style := top.Points
				if kind == table.Number {
					style = cs.signed
				}
				w.set(4, row, fig.Change, style)
			}
			text := compareText(fig.Value, c.Compare[m], region)
			w.set(8, row, text, cs.aside)
			lines = textLines(text, summaryWidths[7])
		} else {
			w.set(2, row, "no figure", st.Aside)
		}
		for k, v := range c.Compare[m] {
			if !math.IsNaN(v) {
				w.cell(5+k, row, table.Cell{Kind: kind, Num: v}, top)
			}
		}
		if err := f.SetRowHeight("Summary", row, linesHeight(lines)); err != nil {
			return err
		}
		row++
	}
	row++

	header("Counts", "Number")
	for _, n := range []struct {
		lbl string
		v   int
	}{{LabelInspections, c.Inspections}, {LabelVisits, c.Visits}, {LabelStrengths, c.Strengths}, {LabelWeaknesses, c.Weaknesses}, {LabelFindings, c.Findings}} {
		label(n.lbl)
		w.set(2, row, n.v, st.Integer)
		row++
	}
	row++
	w.set(1, row, "Other sheets: Grades (every judgement and visit), Workforce (figures by date beside the region and England), Themes (strengths and weaknesses), Findings (every fact with its source), About (what each figure means).", st.Aside)
	row += 2
	if w.err != nil {
		return w.err
	}
	for j, width := range summaryWidths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth("Summary", col, col, width); err != nil {
			return err
		}
	}

	// The charts side by side under the figures, where they cover nothing;
	// anchored to one cell each, so row heights cannot stretch them.
	const scale, gapPx = 0.4, 16
	col := 1
	for _, p := range in.Charts {
		ref, _ := excelize.CoordinatesToCellName(col, row)
		if err := f.AddPictureFromBytes("Summary", ref, &excelize.Picture{Extension: ".png", File: p.PNG,
			Format: &excelize.GraphicOptions{ScaleX: scale, ScaleY: scale, AltText: p.AltText, Positioning: "oneCell"}}); err != nil {
			return err
		}
		width, err := pngWidth(p.PNG)
		if err != nil {
			return err
		}
		// The next picture starts at the first column past this one.
		need, used := int(float64(width)*scale)+gapPx, 0
		for used < need && col <= len(summaryWidths) {
			used += columnPixels(summaryWidths[col-1])
			col++
		}
	}
	return nil
}

// columnPixels is a column's width on screen as Excel draws Arial 10 (7
// pixels a character plus padding).
func columnPixels(chars float64) int { return int(chars*7 + 5) }

// pngWidth reads the width from a PNG's header.
func pngWidth(b []byte) (int, error) {
	if len(b) < 24 || string(b[1:4]) != "PNG" {
		return 0, errors.New("chart is not a PNG")
	}
	return int(b[16])<<24 | int(b[17])<<16 | int(b[18])<<8 | int(b[19]), nil
}

func longDate(d dates.Day) string {
	y, m, dd := d.YMD()
	return fmt.Sprintf("%d %s %d", dd, time.Month(m), y)
}

func dateText(d dates.Date) string {
	y, m, dd := d.Day.YMD()
	switch d.Prec {
	case dates.PrecYear:
		return strconv.Itoa(y)
	case dates.PrecMonth:
		return fmt.Sprintf("%s %d", time.Month(m).String()[:3], y)
	}
	return fmt.Sprintf("%d %s %d", dd, time.Month(m).String()[:3], y)
}

// changeText says how the latest overall grade compares with the one before.
func changeText(change string, previous metrics.GradeAt) string {
	switch change {
	case "improved", "declined":
		return change + " from " + previous.Grade.String() + " (" + dateText(previous.Date) + ")"
	case "unchanged":
		return "unchanged since " + dateText(previous.Date)
	case "first":
		return "first overall grade on record"
	}
	return ""
}

func areaName(a findings.Area) string {
	switch a {
	case findings.Overall:
		return "Overall"
	case findings.Leadership:
		return "Leadership"
	case findings.HelpAndProtection:
		return "Help and protection"
	case findings.ChildrenInCare:
		return "Children in care"
	case findings.CareLeavers:
		return "Care leavers"
	case findings.ChildrenInCareAndCareLeavers:
		return "Children in care and care leavers (before 2023)"
	case findings.Adoption:
		return "Adoption (before 2018)"
	}
	return a.String()
}

// regionPhrase is a region as it reads in a sentence: "the South East",
// "London".
func regionPhrase(region string) string {
	for _, p := range []string{"North ", "South ", "East ", "West "} {
		if strings.HasPrefix(region, p) {
			return "the " + region
		}
	}
	return region
}

// compareText puts a council's figure beside the medians of its similar
// councils, its region and England in a plain sentence.
func compareText(v float64, cmp [3]float64, region string) string {
	names := [3]string{"similar councils", regionPhrase(region), "England"}
	var higher, lower, same []string
	for _, k := range []int{2, 1, 0} { // England first
		m := cmp[k]
		if math.IsNaN(m) {
			continue
		}
		switch d := math.Round((v-m)*100) / 100; {
		case d > 0:
			higher = append(higher, names[k])
		case d < 0:
			lower = append(lower, names[k])
		default:
			same = append(same, names[k])
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
		parts = append(parts, p.word+" "+noun+joinAnd(p.names))
	}
	if len(parts) == 0 {
		return "No median to compare with."
	}
	s := strings.Join(parts, "; ") + "."
	return strings.ToUpper(s[:1]) + s[1:]
}

func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// predecessors names the councils this one replaced.
func predecessors(r *metrics.Report, c *metrics.Council) []string {
	var out []string
	for _, p := range r.Ref.Councils {
		for _, s := range p.Successors {
			if s == c.Ref.Index {
				out = append(out, p.Name)
			}
		}
	}
	return out
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

type judgement struct {
	date    dates.Date
	grade   findings.GradeValue
	sources uint8 // bit per findings.SourceType
}

// mergeJudgements keeps one entry per inspection: a grade that a more
// precisely dated report of the same grade covers is folded into it.
func mergeJudgements(gs []judgement) []judgement {
	var keep []judgement
	var folded []judgement
	for i, g := range gs {
		absorbed := false
		for j, h := range gs {
			if i != j && h.grade == g.grade && metrics.SameJudgement(g.date, h.date) {
				absorbed = true
				break
			}
		}
		if absorbed {
			folded = append(folded, g)
			continue
		}
		dup := false
		for k := range keep {
			if keep[k].date == g.date && keep[k].grade == g.grade {
				keep[k].sources |= g.sources
				dup = true
			}
		}
		if !dup {
			keep = append(keep, g)
		}
	}
	for _, g := range folded {
		for k := range keep {
			if keep[k].grade == g.grade && metrics.SameJudgement(g.date, keep[k].date) {
				keep[k].sources |= g.sources
				break
			}
		}
	}
	sort.Slice(keep, func(i, j int) bool { return keep[i].date.Day < keep[j].date.Day })
	return keep
}

func sourceNames(bits uint8) string {
	var out []string
	for _, s := range []struct {
		t    findings.SourceType
		name string
	}{{findings.SourceOfsted, "Ofsted"}, {findings.SourceStatistics, "official statistics"}, {findings.SourceNews, "news report"},
		{findings.SourceCouncil, "council papers"}, {findings.SourceNone, "other"}} {
		if bits&(1<<s.t) != 0 {
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
	sources uint8
}

// gradeRows lists every inspection (its grades in each area, the overall
// grade's change from the one before) and every visit, newest first.
func gradeRows(c *metrics.Council, fs []findings.Finding) []*gradeSheetRow {
	var byArea [findings.NumAreas][]judgement
	var visits []findings.Finding
	for i := range fs {
		f := &fs[i]
		switch f.Measure {
		case findings.Grade:
			byArea[f.Area] = append(byArea[f.Area], judgement{date: f.Date, grade: f.Grade(), sources: 1 << f.SourceType})
		case findings.Visit:
			visits = append(visits, *f)
		}
	}
	rows := map[dates.Date]*gradeSheetRow{}
	at := func(d dates.Date) *gradeSheetRow {
		if rows[d] == nil {
			rows[d] = &gradeSheetRow{date: d, what: "Inspection"}
		}
		return rows[d]
	}
	for _, a := range gradeAreas {
		merged := mergeJudgements(byArea[a])
		for i, g := range merged {
			r := at(g.date)
			r.grades[a] = g.grade
			r.sources |= g.sources
			if a != findings.Overall {
				continue
			}
			var prev judgement
			for j := i - 1; j >= 0; j-- {
				if merged[j].date.Day < g.date.Day {
					prev = merged[j]
					break
				}
			}
			r.change = changeText(metrics.GradeChange(g.grade, prev.grade), metrics.GradeAt{Grade: prev.grade, Date: prev.date})
		}
	}
	out := make([]*gradeSheetRow, 0, len(rows)+len(c.VisitList))
	for _, r := range rows {
		out = append(out, r)
	}
	for _, v := range c.VisitList {
		r := &gradeSheetRow{date: v.Date, what: visitName(v.Kind), visit: true}
		for i := range visits {
			if findings.VisitKind(visits[i].Value) == v.Kind && (visits[i].Date == v.Date || metrics.SameJudgement(visits[i].Date, v.Date)) {
				r.sources |= 1 << visits[i].SourceType
			}
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
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
	for _, r := range gradeRows(in.Council, in.Findings) {
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

var measureNames = []string{"Caseload", "Vacancy rate", "Agency rate", "Turnover rate"}

// WorkforceColumns are the Workforce sheet's columns: the date, then for
// each measure the council's figure, its region's median and England's.
var WorkforceColumns = func() []table.Column {
	cols := []table.Column{{Name: "Date", Kind: table.Date, Width: 12}}
	for m, name := range measureNames {
		k := table.Number
		if metrics.WorkforceMeasures[m].Rate() {
			k = table.Percent
		}
		cols = append(cols, table.Column{Name: name, Kind: k, Width: 13},
			table.Column{Name: name + ", region median", Kind: k, Width: 15},
			table.Column{Name: name + ", England median", Kind: k, Width: 15})
	}
	return cols
}()

func workforceTable(in CouncillorInput) table.Table {
	c, r := in.Council, in.Report
	type dayRow struct {
		date dates.Date
		vals [4][3]float64
	}
	rows := map[dates.Day]*dayRow{}
	put := func(m, k int, p metrics.Point) {
		row := rows[p.Date.Day]
		if row == nil {
			row = &dayRow{date: p.Date}
			for i := range row.vals {
				row.vals[i] = [3]float64{math.NaN(), math.NaN(), math.NaN()}
			}
			rows[p.Date.Day] = row
		}
		if p.Date.Prec < row.date.Prec {
			row.date = p.Date
		}
		row.vals[m][k] = p.Value
	}
	region := r.Regions[c.Ref.Region]
	for m := range metrics.WorkforceMeasures {
		for k, series := range [][]metrics.Point{c.Series[m], region[m], r.England[m]} {
			for _, p := range series {
				put(m, k, p)
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
		cells := []table.Cell{dateCell(row.date)}
		for m := range row.vals {
			for k := range row.vals[m] {
				cells = append(cells, numCell(WorkforceColumns[1+3*m+k].Kind, row.vals[m][k]))
			}
		}
		t.rows = append(t.rows, cells)
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

// councillorDefinitions say what each figure means, for a councillor.
var councillorDefinitions = [][2]string{
	{"Overall grade", "Ofsted's overall judgement of the council's children's services at its latest full inspection: outstanding, good, requires improvement (to be good) or inadequate. The date is when Ofsted published the report, or the month of the inspection when that is all a source says. From April 2026 Ofsted no longer gives an overall grade, so the latest one stays until then and the area grades carry newer judgements."},
	{"Change", "Whether the latest overall grade is better (improved), worse (declined) or the same as the one before it."},
	{"Area grades", "Ofsted also grades parts of the service: leadership (the impact of leaders on social work with children and families), help and protection of children, children in care, and care leavers. Until 2023 children in care and care leavers were judged together; that judgement counts for both. Before 2018 Ofsted also judged adoption."},
	{"Inspections", "How many full inspections with an overall grade the council has had. A news report and Ofsted's own report of one inspection count once."},
	{"Ungraded visits", "Ofsted's visits between full inspections, which give no grade: focused visits look at one part of the service, monitoring visits follow an inadequate grade, and joint targeted area inspections look at how the council, police and health services work together."},
	{"Caseload", "How many children's cases a social worker holds on average, for the whole service (DfE counts them at 30 September each year). Lower usually means more time for each child. Figures for one team (\"over 40 in the assessment team\") are in the Findings sheet but never stand for the whole service."},
	{"Vacancy rate", "The share of social worker posts that are vacant. A high rate means the work falls on fewer staff or on agency workers."},
	{"Agency rate", "The share of social workers supplied by agencies rather than employed by the council. Agency staff cost more and usually stay for less time."},
	{"Turnover rate", "The share of social workers who left the council during the year. High turnover means children change social worker more often."},
	{"Change from the figure before", "The latest figure minus the one before it (for rates, in percentage points: 25% to 27% is +2.0 pp)."},
	{"Medians", "Each figure is shown beside the median (the middle value: half of the councils are above it and half below) of the same figure among similar councils (the council's ten statistical neighbours in DfE's 2025 model), the councils in its region, and all councils in England, counting the councils that have a figure. On the Workforce sheet a region's or England's median for a date is shown only when at least half of its councils have a figure for that date."},
	{"Strengths and weaknesses", "Themes that inspectors, news reports or council papers describe as going well (strengths) or badly (weaknesses), such as management oversight or drift and delay. The Themes sheet lists each with what was said and its source."},
	{"Findings", "Every fact this workbook is built from, one a row, with its source and the file and line it was read from. Figures dated after the as-of date are left out."},
	{"Dates", "A date given only as a month or a year (Aug 2019, 2019) is shown that way; it counts from the first day of that period."},
}

func councillorAbout(f *excelize.File, cs *councillorStyles, in CouncillorInput) error {
	if _, err := f.NewSheet("About"); err != nil {
		return err
	}
	st, top := cs.Styles, cs.top
	const wideA, wideB, wideC = 42.0, 100.0, 14.0
	c, r := in.Council, in.Report
	w := &cellWriter{f: f, sheet: "About"}
	w.set(1, 1, "About this workbook", st.Title)
	row := 3
	height := func(lines int) {
		if lines > 1 && w.err == nil {
			w.err = f.SetRowHeight("About", row, linesHeight(lines))
		}
	}
	// pair writes a label and its text, the row as tall as the text.
	pair := func(label, text string, labelStyle int) {
		w.set(1, row, label, labelStyle)
		w.set(2, row, text, top.Text)
		height(max(textLines(text, wideB), textLines(label, wideA)))
		row++
	}
	pair("Council", c.Ref.Name+" ("+c.Ref.Region+")", cs.boldTop)
	w.set(1, row, "As of", cs.boldTop)
	w.set(2, row, r.AsOf.ExcelSerial(), cs.dateLeft)
	row++
	pair("Made by", "oversight "+in.Version+": findings read, checked and summarised by council, region and England", cs.boldTop)
	var neighbours []string
	for _, n := range c.Ref.Neighbours {
		neighbours = append(neighbours, r.Ref.Councils[n].Name)
	}
	if len(neighbours) > 0 {
		pair("Similar councils", strings.Join(neighbours, ", ")+" (DfE's statistical neighbours, closest first)", cs.boldTop)
	}
	row++
	heads := func(cells ...string) {
		for j, h := range cells {
			w.set(j+1, row, h, st.Header)
		}
		row++
	}
	heads("What the figures mean", "")
	for _, d := range councillorDefinitions {
		pair(d[0], d[1], cs.boldTop)
	}
	row++
	heads("Sources about "+c.Ref.Name, "", "Findings")
	for _, s := range sourceCounts(in.Findings) {
		w.set(1, row, s.name, top.Text)
		w.set(3, row, s.n, top.Integer)
		if w.err == nil {
			w.err = f.MergeCell("About", cellName(1, row), cellName(2, row))
		}
		height(textLines(s.name, wideA+wideB))
		row++
	}
	row++
	heads("Input files", "SHA-256 checksum", "Findings about "+c.Ref.Name)
	if w.err == nil {
		w.err = f.SetRowHeight("About", row-1, linesHeight(max(2, textLines("Findings about "+c.Ref.Name, wideC))))
	}
	perFile := map[int32]int{}
	for i := range in.Findings {
		perFile[in.Findings[i].File]++
	}
	for i, fr := range in.Inputs {
		w.set(1, row, fr.Path, top.Text)
		w.set(2, row, fr.SHA256, top.Text)
		w.set(3, row, perFile[int32(i)], top.Integer)
		height(textLines(fr.Path, wideA))
		row++
	}
	row++
	heads("Notes", "")
	notes := []string{
		"Everything is computed as of the date above: findings dated after it are left out, so the same inputs and date always give the same workbook.",
		"Means are rounded to 2 decimal places; other figures are as given. Exact repeats of a finding count once.",
		"The same figures for every council are in datasets/councils.csv in the folder this workbook came from, one row a council; its columns are explained below.",
	}
	if in.Licence {
		notes = append(notes, OGLAttribution+".")
	}
	for _, n := range notes {
		w.set(2, row, n, top.Text)
		height(textLines(n, wideB))
		row++
	}
	row++
	heads("Column of councils.csv", "Meaning")
	for _, d := range metrics.CouncilDefinitions {
		pair(d.Column, d.Meaning, top.Text)
	}
	if w.err != nil {
		return w.err
	}
	for col, width := range map[string]float64{"A": wideA, "B": wideB, "C": wideC} {
		if err := f.SetColWidth("About", col, col, width); err != nil {
			return err
		}
	}
	return nil
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

type sourceCount struct {
	name string
	n    int
}

// sourceCounts lists the sources of a council's findings, most used first.
func sourceCounts(fs []findings.Finding) []sourceCount {
	counts := map[string]int{}
	for i := range fs {
		s := fs[i].Source
		if s == "" {
			s = "(no source given)"
		}
		counts[s]++
	}
	out := make([]sourceCount, 0, len(counts))
	for s, n := range counts {
		out = append(out, sourceCount{s, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].name < out[j].name
	})
	return out
}

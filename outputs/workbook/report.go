package workbook

import (
	"fmt"
	"io"

	"github.com/go-gota/gota/dataframe"
	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/table"
)

// ReportInput is what the report workbook shows.
type ReportInput struct {
	Title    string
	Report   *metrics.Report
	Intake   *intake.Result
	Version  string
	Question []string // a research run's filters, cited on Summary and About
	// SummaryChart is a PNG placed on the Summary sheet.
	SummaryChart []byte
	// TmpDir is where excelize may spill large sheets; inside the run's
	// staging folder, a killed run's spill files go with it.
	TmpDir string
}

// Sheets of the report workbook, in order.
var Sheets = []string{"Summary", "Councils", "Regions", "Transitions", "Findings", "Rejects", "About"}

// WriteReport writes the report workbook to w.
func WriteReport(w io.Writer, in ReportInput) error {
	b, err := NewBook("Summary", in.TmpDir)
	if err != nil {
		return err
	}
	defer b.Close()
	f, st := b.F, b.St
	if err := summary(f, st, in); err != nil {
		return fmt.Errorf("summary sheet: %w", err)
	}
	r := in.Report
	files := make([]string, len(in.Intake.Files))
	for i, fr := range in.Intake.Files {
		files[i] = fr.Path
	}
	frames := []struct {
		sheet string
		t     func() (table.Table, error)
	}{
		{"Councils", func() (table.Table, error) { return metricTable("councils", r.CouncilFrame) }},
		{"Regions", func() (table.Table, error) { return metricTable("regions", r.RegionFrame) }},
		{"Transitions", func() (table.Table, error) { return metricTable("transitions", r.TransitionFrame) }},
		{"Findings", func() (table.Table, error) {
			return table.NewFindings("findings", in.Intake.Findings, r.Ref, files), nil
		}},
		{"Rejects", func() (table.Table, error) { return table.NewRejects("rejects", in.Intake.Rejects, files), nil }},
	}
	for _, fr := range frames {
		t, err := fr.t()
		if err != nil {
			return err
		}
		if _, err := b.Table(fr.sheet, t); err != nil {
			return err
		}
	}
	if err := about(f, st, in); err != nil {
		return fmt.Errorf("about sheet: %w", err)
	}
	for _, sheet := range []string{"Summary", "About"} {
		if err := printSetup(f, sheet); err != nil {
			return err
		}
	}
	// Summary (the new file's first sheet) is already the active one.
	// SetActiveSheet would read every streamed sheet back into memory.
	if err := b.Write(w); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

func metricTable(name string, df dataframe.DataFrame) (table.Table, error) {
	return table.FromFrame(name, df, table.MetricKinds(df.Names()))
}

// cellWriter writes normal-mode cells row by row.
type cellWriter struct {
	f     *excelize.File
	sheet string
	err   error
}

func (c *cellWriter) set(col, row int, v any, style int) {
	if c.err != nil {
		return
	}
	ref, _ := excelize.CoordinatesToCellName(col, row)
	if s, ok := v.(string); ok {
		v = SafeText(s)
	}
	if c.err = c.f.SetCellValue(c.sheet, ref, v); c.err == nil && style != 0 {
		c.err = c.f.SetCellStyle(c.sheet, ref, ref, style)
	}
}

func (c *cellWriter) cell(col, row int, cell table.Cell, st *Styles) {
	v := st.Value(&cell)
	if v.Value == nil {
		return
	}
	c.set(col, row, v.Value, v.StyleID)
}

// frameRow returns row i of a metric frame as cells.
func frameRow(df dataframe.DataFrame, i int) ([]table.Column, []table.Cell, error) {
	t, err := table.FromFrame("", df, table.MetricKinds(df.Names()))
	if err != nil {
		return nil, nil, err
	}
	cells := make([]table.Cell, len(t.Columns()))
	t.Row(i, cells)
	return t.Columns(), cells, nil
}

// heading writes a sheet's title, the as-of date, the version, any extra
// label and value pairs and a research question's filters, and returns the
// next free row.
func heading(w *cellWriter, st *Styles, title string, in ReportInput, extra ...[2]string) int {
	w.set(1, 1, title, st.Title)
	w.set(1, 2, "As of", st.Bold)
	w.cell(2, 2, table.Cell{Kind: table.Date, Date: dates.Date{Day: in.Report.AsOf}}, st)
	w.set(1, 3, "Version", st.Bold)
	w.set(2, 3, in.Version, st.Text)
	row := 4
	for _, e := range extra {
		w.set(1, row, e[0], st.Bold)
		w.set(2, row, e[1], st.Text)
		row++
	}
	if len(in.Question) > 0 {
		w.set(1, row, "Research question", st.Bold)
		for _, q := range in.Question {
			w.set(2, row, q, st.Text)
			row++
		}
	}
	return row
}

func summary(f *excelize.File, st *Styles, in ReportInput) error {
	w := &cellWriter{f: f, sheet: "Summary"}
	title := in.Title
	if title == "" {
		title = "Children's social care: England"
	}
	row := heading(w, st, title, in)
	if len(in.Question) > 0 {
		w.set(1, row, "Every table here is built only from the findings that match the question.", st.Aside)
		row++
	}
	row++
	regions := in.Report.RegionFrame
	last := regions.Nrow() - 1 // England is the last row
	cols, cells, err := frameRow(regions, last)
	if err != nil {
		return err
	}
	byName := map[string]table.Cell{}
	for j, c := range cols {
		byName[c.Name] = cells[j]
	}
	w.set(1, row, in.Report.TotalRow(), st.Header)
	w.set(2, row, "", st.Header)
	row++
	lines := []struct{ label, col string }{
		{"Councils", "councils"},
		{"Councils with an overall grade", "councils_graded"},
		{"Latest grade outstanding", "outstanding"},
		{"Latest grade good", "good"},
		{"Latest grade requires improvement", "requires_improvement"},
		{"Latest grade inadequate", "inadequate"},
		{"Good or outstanding (share of graded councils)", "good_or_better_pct"},
		{"Improved at their latest inspection", "improved"},
		{"Declined at their latest inspection", "declined"},
		{"Median caseload (children per social worker)", "caseload_median"},
		{"Median vacancy rate", "vacancy_rate_median"},
		{"Median agency worker rate", "agency_rate_median"},
		{"Median turnover rate", "turnover_rate_median"},
	}
	for _, l := range lines {
		style := st.Text
		for _, g := range findings.Grades {
			if l.col == g.Key() {
				style = st.Grade[g]
			}
		}
		w.set(1, row, l.label, style)
		w.cell(2, row, byName[l.col], st)
		row++
	}
	row++
	w.set(1, row, "Workforce by latest overall grade (mean and median of council figures)", st.Bold)
	row++
	bg := in.Report.ByGradeFrame
	bt, err := table.FromFrame("by_grade", bg, table.MetricKinds(bg.Names()))
	if err != nil {
		return err
	}
	for j, c := range bt.Columns() {
		w.set(j+1, row, c.Name, st.Header)
	}
	row++
	bc := make([]table.Cell, len(bt.Columns()))
	for i := 0; i < bt.Len(); i++ {
		bt.Row(i, bc)
		for j := range bc {
			w.cell(j+1, row, bc[j], st)
		}
		row++
	}
	row++
	w.set(1, row, "Sheets: Councils (one row per council), Regions (with England), Transitions (grade changes), Findings (every finding used), Rejects (rows not used and why), About (definitions and inputs).", st.Aside)
	if w.err != nil {
		return w.err
	}
	if err := f.SetColWidth("Summary", "A", "A", 48); err != nil {
		return err
	}
	if err := f.SetColWidth("Summary", "B", "J", 21); err != nil {
		return err
	}
	if len(in.SummaryChart) > 0 {
		// Below the tables, where it covers nothing.
		scale := 0.5
		ref, _ := excelize.CoordinatesToCellName(1, row+2)
		if err := f.AddPictureFromBytes("Summary", ref, &excelize.Picture{Extension: ".png", File: in.SummaryChart,
			Format: &excelize.GraphicOptions{ScaleX: scale, ScaleY: scale, AltText: "Councils by latest Ofsted grade, by region"}}); err != nil {
			return err
		}
	}
	return nil
}

func about(f *excelize.File, st *Styles, in ReportInput) error {
	if _, err := f.NewSheet("About"); err != nil {
		return err
	}
	w := &cellWriter{f: f, sheet: "About"}
	row := heading(w, st, "About this workbook", in, [2]string{"Made by", "oversight: findings read, validated and summarised by council, region and England"})
	if len(in.Question) > 0 {
		w.set(2, row, "This is a research run: every table is computed only from the findings that match the question, and the last row of the Regions sheet covers the selected councils, not all England.", st.Wrap)
		row++
	}
	row++
	w.set(1, row, "Inputs", st.Bold)
	row++
	heads := []string{"file", "notes", "format", "encoding", "sheet", "rows read", "accepted", "rejected", "duplicates", "sha256"}
	for j, h := range heads {
		w.set(j+1, row, h, st.Header)
	}
	row++
	for _, fr := range in.Intake.Files {
		notes := fr.Error
		for _, n := range fr.Notices {
			if notes != "" {
				notes += "; "
			}
			notes += n
		}
		vals := []any{fr.Path, notes, fr.Format, fr.Encoding, fr.Sheet, fr.Read, fr.Accepted, fr.Rejected, fr.Duplicates, fr.SHA256}
		for j, v := range vals {
			style := st.Wrap
			if _, ok := v.(int); ok {
				style = st.Integer
			}
			w.set(j+1, row, v, style)
		}
		row++
	}
	read, acc, rej, dup := in.Intake.Totals()
	w.set(1, row, "All files", st.Bold)
	for j, v := range []int{read, acc, rej, dup} {
		w.set(j+6, row, v, st.Integer)
	}
	row++
	check := "yes"
	if read != acc+rej+dup {
		check = "NO"
	}
	w.set(1, row, "Every row accounted for (read = accepted + rejected + duplicates): "+check, st.Note)
	row++
	for _, n := range in.Intake.Notices {
		w.set(1, row, n, st.Note)
		row++
	}
	row++
	section := func(title string, defs []metrics.Definition) {
		w.set(1, row, title, st.Bold)
		row++
		w.set(1, row, "column", st.Header)
		w.set(2, row, "meaning", st.Header)
		row++
		for _, d := range defs {
			w.set(1, row, d.Column, st.Wrap)
			w.set(2, row, d.Meaning, st.Wrap)
			row++
		}
		row++
	}
	section("Councils sheet", metrics.CouncilDefinitions)
	section("Regions sheet (and England)", metrics.RegionDefinitions)
	section("Workforce by grade (Summary sheet)", metrics.ByGradeDefinitions)
	section("Transitions sheet", metrics.TransitionDefinitions)
	w.set(1, row, "Notes", st.Bold)
	row++
	for _, n := range metrics.Notes {
		w.set(1, row, n, st.Wrap)
		row++
	}
	if w.err != nil {
		return w.err
	}
	if err := f.SetColWidth("About", "A", "A", 44); err != nil {
		return err
	}
	if err := f.SetColWidth("About", "B", "B", 90); err != nil {
		return err
	}
	if err := f.SetColWidth("About", "C", "I", 12); err != nil {
		return err
	}
	return f.SetColWidth("About", "J", "J", 66)
}

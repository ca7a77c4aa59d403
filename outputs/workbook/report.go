package workbook

import (
	"fmt"
	"io"
	"strings"

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
		{"Councils", func() (table.Table, error) {
			return table.FromColumns("councils", metrics.CouncilColumns, r.Listed), nil
		}},
		{"Regions", func() (table.Table, error) {
			return table.FromColumns("regions", metrics.RegionColumns, r.RegionRows), nil
		}},
		{"Transitions", func() (table.Table, error) {
			return table.FromColumns("transitions", metrics.TransitionColumns, r.TransitionRows), nil
		}},
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
	england := in.Report.RegionRows[len(in.Report.RegionRows)-1] // England is the last row
	w.set(1, row, "England", st.Header)
	w.set(2, row, "", st.Header)
	w.set(3, row, "Date", st.Header)
	row++
	for _, name := range []string{"councils", "councils_inspected", "councils_graded", "outstanding", "good", "requires_improvement", "inadequate",
		"councils_no_overall_grade", "leadership_outstanding", "leadership_good", "leadership_requires_improvement", "leadership_inadequate",
		"good_or_better_pct", "improved", "declined"} {
		col, _ := metrics.Lookup(metrics.RegionColumns, name)
		style := st.Text
		for _, g := range findings.Grades {
			if strings.HasSuffix(name, g.Key()) {
				style = st.Grade[g]
			}
		}
		w.set(1, row, col.Header, style)
		w.cell(2, row, schemaCell(col, england), st)
		row++
	}
	for _, m := range metrics.WorkforceMeasures {
		col, _ := metrics.Lookup(metrics.RegionColumns, m.String()+"_median")
		w.set(1, row, col.Header, st.Text)
		w.cell(2, row, schemaCell(col, england), st)
		w.cell(3, row, table.Cell{Kind: table.Date, Date: england.Medians[m].Date, Blank: !england.Medians[m].OK}, st)
		row++
	}
	row++
	w.set(1, row, "Workforce by overall grade and by leadership grade (figures at England's reference period)", st.Bold)
	row++
	bt := table.FromColumns("by_grade", metrics.ByGradeColumns, in.Report.ByGradeRows)
	for j, c := range bt.Columns() {
		w.set(j+1, row, c.Header, st.Header)
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
	section := func(title string, defs [][2]string) {
		w.set(1, row, title, st.Bold)
		row++
		w.set(1, row, "column", st.Header)
		w.set(2, row, "meaning", st.Header)
		row++
		for _, d := range defs {
			w.set(1, row, d[0], st.Wrap)
			w.set(2, row, d[1], st.Wrap)
			row++
		}
		row++
	}
	section("Councils sheet", definitions(metrics.CouncilColumns))
	section("Regions sheet (and England)", definitions(metrics.RegionColumns))
	section("Workforce by grade (Summary sheet)", definitions(metrics.ByGradeColumns))
	section("Transitions sheet", definitions(metrics.TransitionColumns))
	w.set(1, row, "Notes", st.Bold)
	row++
	for _, n := range metrics.Notes {
		w.set(1, row, n.Rule, st.Wrap)
		w.set(2, row, n.Why, st.Wrap)
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

// definitions lists a schema's columns with their meanings.
func definitions[R any](cols []metrics.Column[R]) [][2]string {
	out := make([][2]string, len(cols))
	for i, c := range cols {
		out[i] = [2]string{c.Name, c.Definition}
	}
	return out
}

// schemaCell is one value of a schema column as a cell.
func schemaCell[R any](col metrics.Column[R], r R) table.Cell {
	t := table.FromColumns("", []metrics.Column[R]{col}, []R{r})
	cells := make([]table.Cell, 1)
	t.Row(0, cells)
	return cells[0]
}

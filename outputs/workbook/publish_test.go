package workbook

import (
	"bytes"
	"context"
	"errors"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/table"
	"github.com/oversight/oversight/outputs/workbook/workbooktest"
)

// picked is some columns of a table under plain-English headers, with
// note keys, and a shorthand code in place of each blank cell.
type picked struct {
	t    table.Table
	idx  []int
	cols []table.Column
	code table.Code
}

type pick struct {
	name, header string
	notes        []string
}

func pickColumns(t *testing.T, src table.Table, code table.Code, ps ...pick) *picked {
	t.Helper()
	p := &picked{t: src, code: code}
	for _, want := range ps {
		found := false
		for j, c := range src.Columns() {
			if c.Name == want.name {
				c.Header, c.Notes = want.header, want.notes
				p.idx, p.cols, found = append(p.idx, j), append(p.cols, c), true
			}
		}
		if !found {
			t.Fatalf("%s has no column %s", src.Name(), want.name)
		}
	}
	return p
}

func (p *picked) Name() string            { return p.t.Name() }
func (p *picked) Columns() []table.Column { return p.cols }
func (p *picked) Len() int                { return p.t.Len() }
func (p *picked) Row(i int, out []table.Cell) {
	all := make([]table.Cell, len(p.t.Columns()))
	p.t.Row(i, all)
	for k, j := range p.idx {
		out[k] = all[j]
		if c := &out[k]; c.Blank && c.Code == table.NoCode && p.code != table.NoCode {
			*c = table.Missing(c.Kind, p.code)
		}
	}
}

var example struct {
	once sync.Once
	in   *intake.Result
	r    *metrics.Report
	png  []byte
	dir  string // where the charts are drawn (a folder the tests share)
	err  error
}

// exampleData is the bundled fixtures as of 2026-03-01 (after DfE's 2025 release) and the grade
// chart, loaded once for every test here.
func exampleData(t *testing.T) (*intake.Result, *metrics.Report, []byte) {
	t.Helper()
	example.once.Do(func() {
		ref := reference.Default()
		ctx := context.Background()
		example.in, example.err = intake.Load(ctx, []string{"../../fixtures/findings", "../../fixtures/real"}, intake.Options{Ref: ref})
		if example.err != nil {
			return
		}
		if example.r, example.err = metrics.Compute(ctx, example.in.Findings, ref, day("2026-03-01")); example.err != nil {
			return
		}
		if example.dir, example.err = os.MkdirTemp("", "workbook-example-"); example.err != nil {
			return
		}
		defer os.RemoveAll(example.dir)
		rc, err := charts.WriteReport(ctx, example.dir, charts.ReportInput{Report: example.r, Version: "test"})
		if example.err = err; err != nil {
			return
		}
		example.png = rc.Grades.PNG
	})
	if example.err != nil {
		t.Fatal(example.err)
	}
	return example.in, example.r, example.png
}

const exampleAlt = "Bar chart of councils by latest Ofsted grade in each region: most councils in every region are graded good or outstanding."

// exampleCover is a cover as the monthly report might give it.
func exampleCover(r *metrics.Report) Cover {
	return Cover{
		Title:   "Children's social care in England: councils' Ofsted grades and social work figures",
		Summary: "Ofsted grades and social worker figures (caseload, vacancy, agency and turnover rates) for every council with children's services, with regional and England medians.",
		About:   []string{"Each figure is the latest on or before the date below. Where a council has had only one overall grade, its previous grade is [z]."},
		AsOf:    r.AsOf,
		Sources: []Source{
			{Name: "Ofsted: local authority inspection outcomes", Period: "inspections to 31 March 2025", Released: day("2025-09-25"), URL: "https://www.gov.uk/government/statistics/local-authority-inspection-outcomes-as-at-31-march-2025"},
			{Name: "Department for Education: children's social work workforce", Period: "30 September 2024", Released: day("2025-02-27")},
		},
		Publisher:  "The oversight project (example)",
		Contact:    Contact{Name: "Children's services analysis team", Email: "analysis@example.org"},
		Licence:    Licence{Text: OGLAttribution + ".", URL: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"},
		NextUpdate: day("2025-11-01"),
		Version:    "test",
		Sections:   []Section{{Heading: "Research question", Lines: []string{"Councils in London, from 2019 to 2025."}}},
	}
}

// buildExample writes a publication of the fixtures: notes, a table of
// councils with plain-English headers and [x] for missing figures, the
// findings, an empty table and a chart.
func buildExample(t *testing.T, o Options) []byte {
	t.Helper()
	in, r, png := exampleData(t)
	p, err := New(exampleCover(r), o)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for _, n := range [][2]string{
		{"unused", "A note nothing refers to comes after the others."},
		{"caseload", "Caseload is the number of children's cases per case-holding social worker, for the whole service, at 30 September each year."},
		{"grade", "The latest overall Ofsted grade. From April 2026 Ofsted no longer gives an overall grade."},
		{"asof", "Only findings dated on or before the as-of date count."},
	} {
		if err := p.Note(n[0], n[1]); err != nil {
			t.Fatal(err)
		}
	}
	p.Shorthand(table.NotApplicable, "the council has had only one overall grade.")
	councils := table.FromColumns("councils", metrics.CouncilColumns, r.Listed)
	ctx := context.Background()
	files := make([]string, len(in.Files))
	for i, f := range in.Files {
		files[i] = f.Path
	}
	for _, ts := range []TableSheet{
		{Name: "Councils", Title: "Councils: latest Ofsted grade and social work figures, England, as of 1 March 2026", Notes: []string{"asof"},
			Description: "One row per council: its latest grade and workforce figures.", Source: "Ofsted; Department for Education",
			Lines: []string{"Rates are percentages of posts or of social workers."},
			Table: pickColumns(t, councils, table.NotApplicable,
				pick{name: "la_name", header: "Council"}, pick{name: "new_la_code", header: "Council code (ONS)"},
				pick{name: "region_name", header: "Region"}, pick{name: "grade", header: "Overall grade", notes: []string{"grade"}},
				pick{name: "grade_date", header: "Date of grade"}, pick{name: "previous_grade", header: "Previous overall grade"}, pick{name: "caseload", header: "Caseload (children per social worker)", notes: []string{"caseload"}},
				pick{name: "vacancy_rate", header: "Vacancy rate (%)"}, pick{name: "vacancy_rate_change", header: "Change in vacancy rate (percentage points)"},
				pick{name: "inspections", header: "Inspections (number)"})},
		{Name: "Findings", Title: "Findings about London councils, as of 1 March 2026", Table: table.NewFindings("findings", londonFindings(in, r), r, files), Record: true},
		{Name: "Rejects", Title: "Rows not used, with the reason", Table: table.NewRejects("rejects", nil, files), Empty: "No rows were rejected", Record: true},
	} {
		if _, err := p.AddTable(ctx, ts); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.AddChart(ChartSheet{Name: "Chart 1", Title: "Councils by latest Ofsted grade, by region, as of 1 March 2026",
		Lines: []string{"The figures are in the table on the Councils worksheet."}, Picture: Picture{PNG: png, AltText: exampleAlt}}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("OVERSIGHT_EXAMPLE_WORKBOOK"); out != "" {
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

var built struct {
	once    sync.Once
	example []byte
}

// builtExample is the example publication, built once for the tests here
// that only read it.
func builtExample(t *testing.T) []byte {
	t.Helper()
	built.once.Do(func() { built.example = buildExample(t, Options{}) })
	if built.example == nil {
		t.Fatal("the example could not be built")
	}
	return built.example
}

// smallReport is the report workbook of the seed findings alone.
func smallReport(t *testing.T) []byte {
	t.Helper()
	in, r := loadReport(t, "2025-03-31", "../../fixtures/findings/seeds.csv")
	var buf bytes.Buffer
	if err := WriteReport(context.Background(), &buf, ReportInput{Report: r, Intake: in, Version: "test", TmpDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// londonFindings are the findings about London councils that count in r.
func londonFindings(in *intake.Result, r *metrics.Report) []findings.Finding {
	var out []findings.Finding
	for _, f := range in.Findings {
		if r.Ref.Councils[f.Council].Region == "London" && metrics.Counts(&f, r.AsOf, r.AsAt) {
			out = append(out, f)
		}
	}
	return out
}

// TestPublication checks a publishable workbook against the Analysis
// Function's checklist, read by excelize, from the package's XML and by
// openpyxl in normal and read-only mode.
func TestPublication(t *testing.T) {
	t.Parallel()
	in, r, _ := exampleData(t)
	data := builtExample(t)
	path := filepath.Join(t.TempDir(), "example.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	wantSheets := []string{"Cover", "Contents", "Notes", "Councils", "Findings", "Rejects", "Chart 1"}
	// Data sheets: their header row and number of data rows.
	type dataSheet struct {
		header, rows, cols int
		headers            []string
		record             bool // one line a row, one page wide
	}
	councilHeaders := []string{"Council", "Council code (ONS)", "Region", "Overall grade [note 2]", "Date of grade", "Previous overall grade", "Caseload (children per social worker) [note 3]",
		"Vacancy rate (%)", "Change in vacancy rate (percentage points)", "Inspections (number)"}
	var findingHeaders, rejectHeaders []string
	for _, c := range table.FindingColumns {
		findingHeaders = append(findingHeaders, c.Heading())
	}
	for _, c := range table.RejectColumns {
		rejectHeaders = append(rejectHeaders, c.Heading())
	}
	data2 := map[string]dataSheet{
		"Councils": {header: 5, rows: len(r.Listed), cols: 10, headers: councilHeaders},
		"Findings": {header: 3, rows: len(londonFindings(in, r)), cols: len(findingHeaders), headers: findingHeaders, record: true},
		"Rejects":  {header: 3, rows: 1, cols: len(rejectHeaders), headers: rejectHeaders, record: true},
	}

	// excelize.
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, wantSheets) {
		t.Fatalf("sheets %v", got)
	}
	for _, s := range wantSheets {
		if m, err := f.GetMergeCells(s); err != nil || len(m) > 0 {
			t.Errorf("%s: merged cells %v (%v)", s, m, err)
		}
	}
	for s, d := range data2 {
		tables, err := f.GetTables(s)
		if err != nil || len(tables) != 1 {
			t.Fatalf("%s: tables %+v (%v)", s, tables, err)
		}
		last, _ := excelize.CoordinatesToCellName(d.cols, d.header+d.rows)
		if want := "A" + strconv.Itoa(d.header) + ":" + last; tables[0].Range != want {
			t.Errorf("%s: table %s covers %s, want %s", s, tables[0].Name, tables[0].Range, want)
		}
		rows, _ := f.GetRows(s)
		if got := rows[d.header-1]; !reflect.DeepEqual(got, d.headers) {
			t.Errorf("%s: header row %v", s, got)
		}
	}
	props, err := f.GetDocProps()
	if err != nil || props.Creator != "oversight test" || props.Created != "2026-03-01T00:00:00Z" || props.Title != exampleCover(r).Title || props.Language != "en-GB" {
		t.Errorf("document properties %+v (%v)", props, err)
	}

	// The package's XML.
	pkg := readPackage(t, data)
	for _, s := range wantSheets {
		ps := pkg.sheets[s]
		if ps == nil {
			t.Fatalf("%s is not in the package", s)
		}
		if ps.merged {
			t.Errorf("%s has merged cells", s)
		}
		if d, ok := data2[s]; ok {
			last, _ := excelize.CoordinatesToCellName(d.cols, d.header+d.rows)
			if ps.dimension != "A1:"+last {
				t.Errorf("%s: dimension %s, want A1:%s", s, ps.dimension, last)
			}
			if len(ps.tables) != 1 || ps.tables[0].filter {
				t.Errorf("%s: table parts %+v, want one without filter buttons", s, ps.tables)
			}
		} else if ps.dimension == "A1" || ps.dimension == "" {
			t.Errorf("%s: dimension %q", s, ps.dimension)
		}
	}
	if alts := pkg.sheets["Chart 1"].alt; len(alts) != 1 || alts[0] != exampleAlt {
		t.Errorf("chart alt text %q", alts)
	}

	// openpyxl.
	py := workbooktest.Inspect(t, path, false)
	if !reflect.DeepEqual(py.Sheets, wantSheets) || py.Active != "Cover" {
		t.Fatalf("openpyxl: sheets %v, active %s", py.Sheets, py.Active)
	}
	if py.Props["creator"] != "oversight test" || py.Props["created"] != "2026-03-01T00:00:00" || py.Props["title"] != exampleCover(r).Title || py.Props["subject"] == "" {
		t.Errorf("openpyxl: properties %v", py.Props)
	}
	for _, s := range wantSheets {
		ws := py.Per[s]
		if ws.A1 == nil || ws.A1Style != "Heading 1" {
			t.Errorf("%s: A1 %v in style %q, want a title in Heading 1", s, ws.A1, ws.A1Style)
		}
		if len(ws.Merged) > 0 {
			t.Errorf("%s: merged %v", s, ws.Merged)
		}
		if ws.MinContrast < MinContrast {
			t.Errorf("%s: text contrast %.2f at %v", s, ws.MinContrast, *ws.Worst)
		}
		if ws.Selection == nil || *ws.Selection != "A1" {
			t.Errorf("%s: cursor at %v, want A1", s, ws.Selection)
		}
		// A table prints as many pages wide as it needs at a readable
		// size, its first column repeated on each; other sheets one.
		wide := 1
		if d, ok := data2[s]; ok {
			wide = pagesWide(sumWidths(t, f, s, d.cols), d.record)
		}
		if ws.FitWidth == nil || *ws.FitWidth != wide {
			t.Errorf("%s: printed %v pages wide, want %d", s, ws.FitWidth, wide)
		}
		if d, ok := data2[s]; ok && d.record {
			for i, h := range ws.Heights {
				if h != nil && i > d.header {
					t.Errorf("%s: row %d is %v points high; a record's rows stay one line", s, i+1, *h)
				}
			}
		}
		if _, ok := data2[s]; ok && (wide > 1) != (ws.PrintTitleCols != nil && strings.ReplaceAll(*ws.PrintTitleCols, "$", "") == "A:A") {
			t.Errorf("%s: %d pages wide, first column repeated: %v", s, wide, ws.PrintTitleCols)
		}
		ro := py.ReadOnly[s]
		if ro.MaxRow != ws.MaxRow || ro.MaxCol != ws.MaxCol || ro.Rows != ws.Rows || ro.Digest != ws.Digest {
			t.Errorf("%s: read-only mode sees %dx%d (%d rows read), normal mode %dx%d (%d rows); values the same: %v",
				s, ro.MaxRow, ro.MaxCol, ro.Rows, ws.MaxRow, ws.MaxCol, ws.Rows, ro.Digest == ws.Digest)
		}
	}
	for s, d := range data2 {
		ws := py.Per[s]
		if len(ws.Tables) != 1 {
			t.Fatalf("%s: openpyxl tables %+v", s, ws.Tables)
		}
		tb := ws.Tables[0]
		if !reflect.DeepEqual(tb.Columns, d.headers) || tb.Filter || len(tb.BlankRows) > 0 {
			t.Errorf("%s: table columns %v, filter %v, blank rows %v", s, tb.Columns, tb.Filter, tb.BlankRows)
		}
		if ws.MaxRow != d.header+d.rows || ws.MaxCol != d.cols {
			t.Errorf("%s: %d rows x %d columns, want %d x %d", s, ws.MaxRow, ws.MaxCol, d.header+d.rows, d.cols)
		}
		if ws.PrintTitleRows == nil || strings.ReplaceAll(*ws.PrintTitleRows, "$", "") != strconv.Itoa(d.header)+":"+strconv.Itoa(d.header) {
			t.Errorf("%s: print titles %v, want row %d", s, ws.PrintTitleRows, d.header)
		}
	}
	if !py.Per["Findings"].Landscape || py.Per["Councils"].Landscape != (sumWidths(t, f, "Councils", data2["Councils"].cols) > 100) {
		t.Errorf("orientation: Findings landscape %v", py.Per["Findings"].Landscape)
	}

	// Contents: one row per sheet after it, each linking to that sheet.
	links := py.Per["Contents"].Hyperlinks
	if len(links) != len(wantSheets)-2 {
		t.Errorf("contents links %+v", links)
	}
	for i, l := range links {
		if l.Location == nil {
			t.Errorf("link %s goes outside the workbook", l.Cell)
			continue
		}
		sheet, cell, ok := strings.Cut(*l.Location, "!")
		sheet = strings.ReplaceAll(strings.Trim(sheet, "'"), "''", "'")
		if !ok || cell != "A1" || sheet != wantSheets[i+2] {
			t.Errorf("link %s to %q, want %s!A1", l.Cell, *l.Location, wantSheets[i+2])
		}
	}
	if cells := py.Per["Contents"].Cells; cells[3][0].V != "Notes" || cells[4][0].V != "Councils" || cells[4][2].V != "One row per council: its latest grade and workforce figures." {
		t.Errorf("contents rows %v %v", cells[3], cells[4])
	}

	// Notes: numbered by first use, the unused one last; only the
	// shorthand used is explained, with this workbook's meaning.
	var notes, lines []string
	for i, row := range py.Per["Notes"].Cells {
		if len(row) > 1 && row[1].V != nil && i > 0 {
			notes = append(notes, row[0].V.(string)+" "+row[1].V.(string))
		} else if row[0].V != nil {
			lines = append(lines, row[0].V.(string))
		}
	}
	wantNotes := []string{"Note number Note text", "[note 1] Only findings", "[note 2] The latest overall", "[note 3] Caseload is", "[note 4] A note nothing"}
	for i, w := range wantNotes {
		if i >= len(notes) || !strings.HasPrefix(notes[i], w) {
			t.Errorf("notes %q, want %q", notes, wantNotes)
			break
		}
	}
	joined := strings.Join(lines, "\n")
	// DfE suppressed two councils' caseload as [x]: the schema's code.
	if !strings.Contains(joined, "[z] not applicable: the council has had only one overall grade.") || !strings.Contains(joined, "[x] not available: the council did not supply") ||
		strings.Contains(joined, "[c]") || strings.Contains(joined, "[low]") {
		t.Errorf("shorthand lines %q", lines)
	}
	if cells := py.Per["Councils"].Cells; cells[0][0].V != "Councils: latest Ofsted grade and social work figures, England, as of 1 March 2026 [note 1]" || !strings.HasPrefix(cells[1][0].V.(string), "This worksheet contains one table of 153 rows.") {
		t.Errorf("Councils title and first line %v %v", cells[0][0].V, cells[1][0].V)
	}
	// A first grade has no previous one: [z], as text.
	zs, grades := 0, 0
	councilRows, err := f.GetRows("Councils", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range councilRows[5:] {
		if row[5] == "[z]" {
			if typ, _ := f.GetCellType("Councils", "F"+strconv.Itoa(i+6)); typ != excelize.CellTypeInlineString {
				t.Errorf("F%d: [z] stored as %v", i+6, typ)
			}
			zs++
		} else if row[5] != "" {
			grades++
		}
		if _, err := strconv.ParseFloat(row[6], 64); err != nil && row[6] != "[x]" {
			t.Errorf("caseload %q is neither a number nor [x]", row[6])
		}
	}
	for _, row := range py.Per["Councils"].Cells[5:] {
		if c := row[5]; c.T != "s" || c.V == nil {
			t.Errorf("openpyxl: previous grade cell %+v", c)
		}
		if c := row[6]; c.T != "n" && c.V != "[x]" {
			t.Errorf("openpyxl: caseload cell %+v", c)
		}
	}
	if zs != 4 || grades != 149 {
		t.Errorf("previous grade: %d [z] and %d grades", zs, grades)
	}
	if cells := py.Per["Rejects"].Cells; cells[3][0].V != "No rows were rejected" || !strings.Contains(cells[1][0].V.(string), "no rows") {
		t.Errorf("empty table %v / %v", cells[1][0].V, cells[3][0].V)
	}
	if py.Per["Chart 1"].Images != 1 {
		t.Errorf("chart sheet has %d pictures", py.Per["Chart 1"].Images)
	}
	cover := ""
	for _, row := range py.Per["Cover"].Cells {
		if row[0].V != nil {
			cover += row[0].V.(string) + "\n"
		}
	}
	for _, want := range []string{"Figures as of\n1 March 2026.", "released 25 September 2025", "Next update\n1 November 2025 (scheduled).",
		"Licence\n" + OGLAttribution, "Email: analysis@example.org", "Research question\nCouncils in London", "Shorthand\nSome cells hold shorthand in square brackets ([x], [z])", "Made by\noversight test"} {
		if !strings.Contains(cover, want) {
			t.Errorf("cover has no %q:\n%s", want, cover)
		}
	}
	var external int
	for _, l := range py.Per["Cover"].Hyperlinks {
		if l.Target != nil {
			external++
		}
	}
	if external != 3 { // a source, the email, the licence
		t.Errorf("cover links %+v", py.Per["Cover"].Hyperlinks)
	}
}

// sumWidths is the width of a sheet's first cols columns (the tests check
// separately that the sheet has no more: GetCols would tell, but reads
// every cell of the sheet to do it).
func sumWidths(t *testing.T, f *excelize.File, sheet string, cols int) float64 {
	t.Helper()
	var sum float64
	for j := range cols {
		w, err := f.GetColWidth(sheet, colName(j+1))
		if err != nil {
			t.Fatal(err)
		}
		sum += w
	}
	return sum
}

func colName(n int) string { s, _ := excelize.ColumnNumberToName(n); return s }

// The same inputs give the same bytes.
func TestPublicationRepeatable(t *testing.T) {
	t.Parallel()
	if !bytes.Equal(builtExample(t), buildExample(t, Options{TmpDir: t.TempDir()})) {
		t.Fatal("two builds of the same workbook differ")
	}
}

// varied is a table of n rows with a figure that is sometimes a code, a
// grade, and text that is sometimes long enough to wrap.
type varied struct{ n int }

func (varied) Name() string { return "varied" }
func (varied) Columns() []table.Column {
	return []table.Column{{Name: "i", Header: "Row number", Kind: table.Integer}, {Name: "v", Header: "Value (%)", Kind: table.Percent},
		{Name: "g", Header: "Grade", Kind: table.Grade}, {Name: "note", Header: "Note", Kind: table.Text}}
}
func (v varied) Len() int { return v.n }
func (varied) Row(i int, out []table.Cell) {
	out[0] = table.Cell{Kind: table.Integer, Num: float64(i + 1)}
	out[1] = table.Cell{Kind: table.Percent, Num: float64(i % 1000)}
	if i%977 == 5 {
		out[1] = table.Missing(table.Percent, table.Confidential)
	}
	grades := []string{"outstanding", "good", "requires improvement", "inadequate"}
	out[2] = table.Cell{Kind: table.Grade, Text: grades[i%4]}
	note := "short note"
	if i%97 == 3 || i < 3 {
		note = strings.Repeat("a longer note that wraps ", 1+i%7)
	}
	out[3] = table.Cell{Kind: table.Text, Text: note}
}

// Large sheets give the same bytes with 1 and 4 workers, and bigsheet
// gives the same workbook as the stream writer, to openpyxl: cells, styles,
// row heights, tables, codes on the Notes sheet. The table crosses three
// of bigsheet's chunks, here of 100 rows so that openpyxl reads hundreds of
// rows, not tens of thousands (TestBigSheetRepeatable and bigsheet's
// TestRenderWriteEntry cross chunks of the default size).
func TestPublicationPaths(t *testing.T) {
	t.Parallel()
	const chunk = 100
	build := func(o Options) []byte {
		p, err := New(Cover{Title: "Paths", AsOf: day("2025-01-01"), Version: "test"}, o)
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		if _, err := p.AddTable(context.Background(), TableSheet{Name: "Varied", Title: "Varied rows", Table: varied{3*chunk + 5}}); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := p.Write(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	stream, big1, big4 := build(Options{}), build(Options{BigRows: 100, ChunkRows: chunk, Workers: 1}), build(Options{BigRows: 100, ChunkRows: chunk, Workers: 4})
	if !bytes.Equal(big1, big4) {
		t.Fatal("large sheets differ between 1 and 4 workers")
	}
	if bytes.Equal(stream, big1) {
		t.Fatal("the two paths gave the same bytes: one of them was not taken")
	}
	dir := t.TempDir()
	pa, pb := filepath.Join(dir, "stream.xlsx"), filepath.Join(dir, "big.xlsx")
	os.WriteFile(pa, stream, 0o644)
	os.WriteFile(pb, big1, 0o644)
	py := workbooktest.InspectEach(t, false, pa, pb)
	x, y := py[0], py[1]
	for _, s := range x.Sheets {
		if !reflect.DeepEqual(x.Per[s], y.Per[s]) {
			t.Errorf("%s differs between the stream writer and bigsheet:\n%+v\n%+v", s, x.Per[s], y.Per[s])
		}
	}
	if !reflect.DeepEqual(x.ReadOnly, y.ReadOnly) {
		t.Error("read-only mode reads the two differently")
	}
	// Row 4 holds table row 1, whose 25-character note fits; row 6 holds
	// row 3, whose 75 characters wrap.
	if h := x.Per["Varied"].Heights; len(h) < 6 || h[3] != nil || h[5] == nil || *h[5] < 27 {
		t.Errorf("row heights %v: want the default for row 4, two lines or more for row 6", h)
	}
	var notes string
	for _, r := range x.Per["Notes"].Cells {
		if r[0].V != nil {
			notes += r[0].V.(string) + "\n"
		}
	}
	if !strings.Contains(notes, "[c] confidential") {
		t.Errorf("Notes:\n%s", notes)
	}
}

// The report workbook is repeatable too, with a correct dimension on every
// sheet and text that contrasts with its fill (TestCouncillorWorkbook
// checks the councillor workbook the same way).
func TestWriteReportRepeatable(t *testing.T) {
	t.Parallel()
	a := smallReport(t)
	if !bytes.Equal(a, smallReport(t)) {
		t.Fatal("two reports from the same inputs differ")
	}
	path := filepath.Join(t.TempDir(), "report.xlsx")
	os.WriteFile(path, a, 0o644)
	py := workbooktest.Inspect(t, path, false)
	for _, s := range py.Sheets {
		if ro, ws := py.ReadOnly[s], py.Per[s]; ro.MaxRow != ws.MaxRow || ro.MaxCol != ws.MaxCol || ro.Digest != ws.Digest {
			t.Errorf("%s: read-only mode sees %dx%d, normal mode %dx%d", s, ro.MaxRow, ro.MaxCol, ws.MaxRow, ws.MaxCol)
		}
		if py.Per[s].MinContrast < MinContrast {
			t.Errorf("%s: text contrast %.2f at %v", s, py.Per[s].MinContrast, *py.Per[s].Worst)
		}
	}
}

func TestNotesAndNames(t *testing.T) {
	p, err := New(Cover{Title: "t", AsOf: day("2025-01-01")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for _, k := range []string{"a", "b", "c"} {
		if err := p.Note(k, "note "+k); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Note("a", "again"); err == nil {
		t.Error("a note registered twice")
	}
	for _, tc := range []struct{ key, want string }{{"c", "[note 1]"}, {"a", "[note 2]"}, {"c", "[note 1]"}} {
		if got, err := p.Marker(tc.key); err != nil || got != tc.want {
			t.Errorf("Marker(%s) = %q, %v; want %q", tc.key, got, err, tc.want)
		}
	}
	if _, err := p.Marker("nope"); err == nil {
		t.Error("a marker for a note that is not registered")
	}
	tb := &cellTable{name: "x", cols: []table.Column{{Name: "a", Kind: table.Integer}}, rows: [][]table.Cell{{{Kind: table.Integer, Num: 1}}}}
	ctx := context.Background()
	for _, name := range []string{"A1", "R2C3", "2024"} {
		if _, err := p.AddTable(ctx, TableSheet{Name: name, Title: "t", Table: tb}); err != nil {
			t.Errorf("sheet %s: %v", name, err)
		}
	}
	f := reopen(t, p)
	for sheet, want := range map[string]string{"A1": "Table_A1", "R2C3": "Table_R2C3", "2024": "Table_2024"} {
		tables, _ := f.GetTables(sheet)
		if len(tables) != 1 || tables[0].Name != want {
			t.Errorf("%s: tables %+v, want %s", sheet, tables, want)
		}
	}
	if err := p.Write(io.Discard); err == nil {
		t.Error("written twice")
	}

	bad, err := New(Cover{Title: "t", AsOf: day("2025-01-01")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer bad.Close()
	for _, ts := range []TableSheet{
		{Name: "Notes", Title: "t", Table: tb},
		{Name: "Bad/name", Title: "t", Table: tb},
		{Name: strings.Repeat("x", 32), Title: "t", Table: tb},
		{Name: "Untitled", Table: tb},
		{Name: "Dup", Title: "t", Table: &cellTable{name: "d", cols: []table.Column{{Name: "a", Header: "Rate"}, {Name: "b", Header: "rate"}}}},
		{Name: "Broken", Title: "t", Table: &cellTable{name: "d", cols: []table.Column{{Name: "a", Header: "two\nlines"}}}},
		{Name: "Unknown note", Title: "t", Table: &cellTable{name: "d", cols: []table.Column{{Name: "a", Notes: []string{"zz"}}}}},
		{Name: "Bad table", Title: "t", Table: tb, TableName: "A1"},
	} {
		if _, err := bad.AddTable(ctx, ts); err == nil {
			t.Errorf("sheet %q accepted", ts.Name)
		}
	}
	if err := bad.AddChart(ChartSheet{Name: "Chart", Title: "t", Picture: Picture{PNG: testPNG(t, color.RGBA{0, 0x72, 0xB2, 0xFF})}}); err == nil {
		t.Error("a chart without alternative text")
	}
	if err := bad.Write(io.Discard); err == nil || !strings.Contains(err.Error(), "incomplete") {
		t.Errorf("a workbook with a failed table written: %v", err)
	}
	if _, err := New(Cover{Title: "t"}, Options{}); err == nil {
		t.Error("a cover without an as-of date")
	}
}

// Every style a workbook can use has text that contrasts at least 4.5:1
// with its fill, read from the package's styles.xml.
func TestContrastOfEveryStyle(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, b string
		want float64
	}{{"000000", "FFFFFF", 21}, {"FFFFFF", "009E73", 3.4}, {"FFFFFF", "D55E00", 3.9}, {"000000", "009E73", 6.1}} {
		if got, err := Contrast(tc.a, tc.b); err != nil || got < tc.want-0.05 || got > tc.want+0.05 {
			t.Errorf("Contrast(%s, %s) = %.2f, want %.1f", tc.a, tc.b, got, tc.want)
		}
	}
	medway, _, _ := medwayWorkbook(t)
	for name, wb := range map[string][]byte{"publication": builtExample(t), "report": smallReport(t), "councillor": medway} {
		styles := readPackage(t, wb).styles
		if len(styles) < 20 {
			t.Fatalf("%s: %d styles", name, len(styles))
		}
		for i, s := range styles {
			if c, err := Contrast(s.ink, s.paper); err != nil || c < MinContrast {
				t.Errorf("%s: style %d, %s on %s: contrast %.2f (%v)", name, i, s.ink, s.paper, c, err)
			}
		}
	}
	for _, g := range findings.Grades {
		c, _ := Contrast(inkOn(charts.GradeHex(g)), charts.GradeHex(g))
		if c < MinContrast {
			t.Errorf("%s: %.2f", g, c)
		}
	}
}

// huge is a two-column table of n rows.
type huge struct{ n int }

func (huge) Name() string { return "huge" }
func (huge) Columns() []table.Column {
	return []table.Column{{Name: "i", Header: "Row number", Kind: table.Integer}, {Name: "v", Header: "Value", Kind: table.Number}}
}
func (h huge) Len() int { return h.n }
func (huge) Row(i int, out []table.Cell) {
	out[0] = table.Cell{Kind: table.Integer, Num: float64(i + 1)}
	out[1] = table.Cell{Kind: table.Number, Num: float64(i%1000) / 10}
	if i%100000 == 7 {
		out[1] = table.Missing(table.Number, table.Confidential)
	}
}

// A table longer than a worksheet continues on the next, each part with
// its title, its own table and a correct dimension.
func TestHugeTableContinues(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("1.1 million rows")
	}
	const n = 1100000
	p, err := New(Cover{Title: "Huge", AsOf: day("2025-01-01")}, Options{TmpDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	names, err := p.AddTable(context.Background(), TableSheet{Name: "Rows", Title: "Every row", Table: huge{n}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(names, []string{"Rows", "Rows (2)"}) {
		t.Fatalf("sheets %v", names)
	}
	path := filepath.Join(t.TempDir(), "huge.xlsx")
	var buf bytes.Buffer
	if err := p.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pkg := readPackage(t, buf.Bytes())
	first := bigsheetRows - 3 // title, first line, header
	want := map[string]struct{ table, dim, name string }{
		"Rows":     {"A3:B" + strconv.Itoa(bigsheetRows), "A1:B" + strconv.Itoa(bigsheetRows), "Rows"},
		"Rows (2)": {"A3:B" + strconv.Itoa(3+n-first), "A1:B" + strconv.Itoa(3+n-first), "Rows_2"},
	}
	for s, w := range want {
		ps := pkg.sheets[s]
		if ps.dimension != w.dim || len(ps.tables) != 1 || ps.tables[0].ref != w.table || ps.tables[0].name != w.name {
			t.Errorf("%s: dimension %s, tables %+v; want %+v", s, ps.dimension, ps.tables, w)
		}
		if ps.merged {
			t.Errorf("%s has merged cells", s)
		}
	}
	py := workbooktest.Inspect(t, path, true)
	if ro := py.ReadOnly["Rows (2)"]; ro.MaxRow != 3+n-first || ro.MaxCol != 2 {
		t.Errorf("openpyxl read-only: Rows (2) is %dx%d", ro.MaxRow, ro.MaxCol)
	}
	if ro := py.ReadOnly["Rows"]; ro.MaxRow != bigsheetRows {
		t.Errorf("openpyxl read-only: Rows has %d rows", ro.MaxRow)
	}
	// The last row, the first of the next sheet, and the shorthand.
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows("Rows (2)")
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for rows.Next() {
		// Every row is walked; only the first four are decoded cell by cell.
		if len(got) < 4 {
			r, err := rows.Columns()
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, r)
		}
	}
	if err := rows.Error(); err != nil {
		t.Fatalf("Rows (2): %v", err)
	}
	rows.Close()
	if got[0][0] != "Every row (continued)" || !strings.Contains(got[1][0], "rows 1,048,574 to 1,100,000 of 1,100,000") || got[3][0] != strconv.Itoa(first+1) {
		t.Errorf("Rows (2) starts %q", got)
	}
	var notes string
	r2, _ := f.GetRows("Notes")
	for _, r := range r2 {
		notes += strings.Join(r, " ") + "\n"
	}
	if !strings.Contains(notes, "[c] confidential") {
		t.Errorf("Notes:\n%s", notes)
	}
}

const bigsheetRows = 1048576

func TestCancelled(t *testing.T) {
	p, err := New(Cover{Title: "t", AsOf: day("2025-01-01")}, Options{BigRows: 10})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, n := range []int{5, 200000} { // stream writer, bigsheet
		_, err := p.AddTable(ctx, TableSheet{Name: "T" + strconv.Itoa(n), Title: "t", Table: huge{n}})
		if n > 8192 && !errors.Is(err, context.Canceled) {
			t.Errorf("%d rows: %v", n, err)
		}
	}
}

// A table's cells can link to web pages: the links are there for openpyxl
// (in the cells they belong to, styled as links), a large table with links
// is streamed (so BigRows does not change the bytes), and a link that is
// not on the web or whose text is the bare address is refused.
func TestTableLinks(t *testing.T) {
	t.Parallel()
	tb := &cellTable{name: "reports", cols: []table.Column{{Name: "date", Header: "Date", Kind: table.Date}, {Name: "report", Header: "Report", Kind: table.Text}}}
	for i, text := range []string{"Ofsted's report of 1 May 2024", "No report", "Ofsted's letter of 2 June 2025"} {
		d := dates.Date{Day: dates.FromYMD(2024+i, 5, 1)}
		tb.rows = append(tb.rows, []table.Cell{{Kind: table.Date, Date: d}, {Kind: table.Text, Text: text}})
	}
	urls := map[int]string{0: "https://files.ofsted.gov.uk/v1/file/1", 2: "https://files.ofsted.gov.uk/v1/file/2?a=1&b=2"}
	build := func(o Options, links func(i, j int) string) ([]byte, error) {
		p, err := New(Cover{Title: "Links", AsOf: day("2025-01-01"), Version: "test"}, o)
		if err != nil {
			return nil, err
		}
		defer p.Close()
		if _, err := p.AddTable(context.Background(), TableSheet{Name: "Reports", Title: "Reports", Table: tb, Links: links}); err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		err = p.Write(&buf)
		return buf.Bytes(), err
	}
	links := func(i, j int) string {
		if j == 1 {
			return urls[i]
		}
		return ""
	}
	a, err := build(Options{}, links)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []Options{{}, {BigRows: 1, Workers: 2}} {
		if b, err := build(o, links); err != nil || !bytes.Equal(a, b) {
			t.Errorf("%+v: a second build differs (%v)", o, err)
		}
	}
	path := filepath.Join(t.TempDir(), "links.xlsx")
	os.WriteFile(path, a, 0o644)
	py := workbooktest.Inspect(t, path, false)
	got := map[string]string{}
	for _, l := range py.Per["Reports"].Hyperlinks {
		if l.Target == nil {
			t.Errorf("link in %s goes nowhere on the web", l.Cell)
			continue
		}
		got[l.Cell] = *l.Target
	}
	if want := map[string]string{"B4": urls[0], "B6": urls[2]}; !reflect.DeepEqual(got, want) {
		t.Errorf("links %v, want %v", got, want)
	}
	if ws := py.Per["Reports"]; len(ws.Tables) != 1 || ws.Tables[0].Ref != "A3:B6" || ws.MinContrast < MinContrast {
		t.Errorf("tables %+v, contrast %.2f", ws.Tables, ws.MinContrast)
	}
	f, err := excelize.OpenReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if ok, target, err := f.GetCellHyperLink("Reports", "B6"); !ok || target != urls[2] || err != nil {
		t.Errorf("excelize: B6 links %v %q (%v)", ok, target, err)
	}
	for _, bad := range []func(i, j int) string{
		func(i, j int) string { return map[bool]string{true: "javascript:alert(1)"}[i == 0 && j == 1] },
		func(i, j int) string { return map[bool]string{true: "https://example.org"}[i == 0 && j == 0] }, // a date is no description
	} {
		if _, err := build(Options{}, bad); err == nil {
			t.Error("a bad link was written")
		}
	}
	bare := &cellTable{name: "bare", cols: tb.cols, rows: [][]table.Cell{{tb.rows[0][0], {Kind: table.Text, Text: urls[0]}}}}
	p, err := New(Cover{Title: "Links", AsOf: day("2025-01-01")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.AddTable(context.Background(), TableSheet{Name: "Bare", Title: "Bare", Table: bare, Links: links}); err == nil || !strings.Contains(err.Error(), "say where the link goes") {
		t.Errorf("a link whose text is its address: %v", err)
	}
}

package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/workbook/workbooktest"
)

func day(s string) dates.Day {
	d, err := dates.Parse(s)
	if err != nil {
		panic(err)
	}
	return d.Day
}

// loadReport reads findings files and computes the metrics as of asOf.
func loadReport(t *testing.T, asOf string, paths ...string) (*intake.Result, *metrics.Report) {
	t.Helper()
	ref := reference.Default()
	in, err := intake.Load(context.Background(), paths, intake.Options{Ref: ref})
	if err != nil {
		t.Fatal(err)
	}
	r, err := metrics.Compute(context.Background(), in.Findings, ref, day(asOf))
	if err != nil {
		t.Fatal(err)
	}
	return in, r
}

// councilFindings are a council's findings dated on or before the report date.
func councilFindings(in *intake.Result, r *metrics.Report, c *metrics.Council) []findings.Finding {
	var out []findings.Finding
	for _, f := range in.Findings {
		if int(f.Council) == c.Ref.Index && f.Date.Day <= r.AsOf {
			out = append(out, f)
		}
	}
	return out
}

// The Grades sheet lists the council's merged history (every inspection
// once, with its grades in each area) and every visit, newest first, for
// every council on the real data.
func TestCouncillorGradesMatchHistory(t *testing.T) {
	for _, asOf := range []string{"2019-12-31", "2025-10-01", "2026-12-01"} {
		_, r := loadReport(t, asOf, "../../fixtures/findings", "../../fixtures/real")
		for _, c := range r.Councils {
			rows := gradeRows(c)
			var insp []*gradeSheetRow
			visits := 0
			for j := len(rows) - 1; j >= 0; j-- {
				if rows[j].visit {
					visits++
				} else {
					insp = append(insp, rows[j])
				}
			}
			if len(insp) != len(c.History) || visits != len(c.Visits) {
				t.Errorf("%s %s: %d inspections and %d visits listed, history has %d and %d", asOf, c.Ref.Name, len(insp), visits, len(c.History), len(c.Visits))
				continue
			}
			for j, h := range c.History {
				if insp[j].date != h.Date || insp[j].grades != h.Grades {
					t.Errorf("%s %s: inspection %d listed %v %v, history %v %v", asOf, c.Ref.Name, j, insp[j].date, insp[j].grades, h.Date, h.Grades)
				}
				if h.Overall() == findings.NoGrade && insp[j].change != "" {
					t.Errorf("%s %s: a change for an inspection with no overall grade", asOf, c.Ref.Name)
				}
			}
			for j := 1; j < len(rows); j++ {
				if rows[j].date.Day > rows[j-1].date.Day {
					t.Fatalf("%s: Grades rows not newest first", c.Ref.Name)
				}
			}
		}
	}
}

// testPNG is a plain chart-sized picture.
func testPNG(t *testing.T, c color.RGBA) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1600, 1000))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, 0xFF
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testCharts are three chart-sized pictures, as charts.Council returns
// them.
func testCharts(t *testing.T) []charts.Chart {
	t.Helper()
	var out []charts.Chart
	for i, c := range []color.RGBA{{0, 0x72, 0xB2, 0xFF}, {0xD5, 0x5E, 0, 0xFF}, {0x1A, 0x1A, 0x1A, 0xFF}} {
		name := []string{"caseload", "vacancy", "neighbours"}[i]
		out = append(out, charts.Chart{Title: "Chart of " + name, AltText: name, Source: "Test.", PNG: testPNG(t, c)})
	}
	return out
}

// councillorWorkbook builds a council's workbook from the files given, as
// of a date.
func councillorWorkbook(t *testing.T, council, asOf string, paths ...string) ([]byte, *metrics.Council, []findings.Finding) {
	t.Helper()
	in, r := loadReport(t, asOf, paths...)
	var c *metrics.Council
	for i := range r.Councils {
		if r.Councils[i].Ref.Name == council {
			c = r.Councils[i]
		}
	}
	if c == nil {
		t.Fatalf("no council %s", council)
	}
	fs := councilFindings(in, r, c)
	var buf bytes.Buffer
	var said *inspections.Council
	for _, k := range inspections.Known(in.Findings, r.Ref, r.AsOf, nil) {
		if k.Council.Index == c.Ref.Index {
			said = &k
		}
	}
	err := WriteCouncillor(context.Background(), &buf, CouncillorInput{Report: r, Council: c, Findings: fs, Intake: in, Version: "test",
		Charts: testCharts(t), Publishing: Publishing{Publisher: "Test publisher", Contact: Contact{Email: "test@example.org"}, NextUpdate: day("2025-05-01")},
		TmpDir: t.TempDir(), Said: said})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), c, fs
}

func medwayWorkbook(t *testing.T, extra ...string) ([]byte, *metrics.Council, []findings.Finding) {
	t.Helper()
	return councillorWorkbook(t, "Medway", "2025-03-31", append([]string{"../../fixtures/findings/seeds.csv"}, extra...)...)
}

// wantCouncillorSheets are a councillor workbook's sheets with n charts.
func wantCouncillorSheets(n int) []string {
	out := []string{CoverSheet, ContentsSheet, NotesSheet, CouncillorSheets[0], CouncillorSheets[1]}
	for i := 1; i <= n; i++ {
		out = append(out, "Chart "+strconv.Itoa(i))
	}
	return append(out, CouncillorSheets[2:]...)
}

// figuresColumn is the Figures table's column of a measure.
func figuresColumn(m findings.Measure) int {
	for j, w := range metrics.WorkforceMeasures {
		if w == m {
			return j + 1
		}
	}
	panic(m)
}

// figureRow is the Figures table's row whose councils.csv column is col
// ("{m}_date"), or whose label is col.
func figureRow(t *testing.T, rows [][]string, col string) []string {
	t.Helper()
	for k, fr := range FigureRows {
		if fr.Column == col || fr.Label == col {
			return rows[k]
		}
	}
	t.Fatalf("no Figures row %q", col)
	return nil
}

func rowLabelled(t *testing.T, rows [][]string, label string) []string {
	t.Helper()
	for _, r := range rows {
		if r[0] == label {
			return r
		}
	}
	t.Fatalf("no row %q in %v", label, rows)
	return nil
}

func serial(s string) string {
	return strconv.FormatFloat(day(s).ExcelSerial(), 'f', -1, 64)
}

func TestCouncillorWorkbook(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	risky := filepath.Join(dir, "risky.csv")
	os.WriteFile(risky, []byte("council,date,measure,value,polarity,note,source\nMedway,2019-08,theme,\"=HYPERLINK(\"\"http://x\"\")\",weakness,@SUM(1+1),-news\n"), 0o644)
	got, c, fs := medwayWorkbook(t, risky)
	again, _, _ := medwayWorkbook(t, risky)
	if !bytes.Equal(got, again) {
		t.Error("the same council gives different bytes")
	}
	path := filepath.Join(dir, "medway.xlsx")
	os.WriteFile(path, got, 0o644)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := wantCouncillorSheets(3)
	if s := f.GetSheetList(); !reflect.DeepEqual(s, want) {
		t.Fatalf("sheets %v, want %v", s, want)
	}

	// Judgements: each grade beside its label, with its date and change
	// (the inspection's month, July 2019, as the article gives it).
	_, judgements := workbooktest.ReadTable(t, f, "Judgements")
	for _, w := range []struct{ label, grade, date, change string }{
		{LabelGrade, "inadequate", serial("2019-07-01"), "declined from requires improvement (2015)"},
		{LabelPrevious, "requires improvement", serial("2015-01-01"), "[z]"},
		{LabelLeadership, "inadequate", serial("2019-07-01"), "first leadership grade on record"},
		// Every area's change too: Medway's areas were first graded in 2019.
		{"Help and protection", "inadequate", serial("2019-07-01"), "first help and protection grade on record"},
		{"Children in care", "requires improvement", serial("2019-07-01"), "first children in care grade on record"},
		{"Care leavers", "requires improvement", serial("2019-07-01"), "first care leavers grade on record"},
	} {
		if r := rowLabelled(t, judgements, w.label); r[1] != w.grade || r[2] != w.date || r[3] != w.change {
			t.Errorf("Judgements %v, want %+v", r, w)
		}
	}

	// Figures: the news vacancy rate with no change (the 39% before it is
	// undated) and its source; no whole-service caseload.
	_, figures := workbooktest.ReadTable(t, f, "Figures")
	if len(figures) != len(FigureRows) {
		t.Fatalf("Figures has %d rows, want %d", len(figures), len(FigureRows))
	}
	vac, cl := figuresColumn(findings.VacancyRate), figuresColumn(findings.Caseload)
	for _, w := range []struct{ row, want string }{{"{m}", "0.25"}, {"{m}_date", serial("2019-07-01")}, {"{m}_change", "[z]"}, {"Source of the figure", "news reports"},
		{"{m}_england_median", "[x]"}, {"{m}_joint", "no"}, {"{m}_small", "[x]"}} { // no count of social workers at the news figure's date
		if got := figureRow(t, figures, w.row)[vac]; got != w.want {
			t.Errorf("Figures %s vacancy rate %q, want %q", w.row, got, w.want)
		}
	}
	if got := figureRow(t, figures, "How {council} compares")[vac]; !strings.Contains(got, "From news, not official statistics") {
		t.Errorf("vacancy comparison %q", got)
	}
	if got := figureRow(t, figures, "{m}")[cl]; got != "[x]" {
		t.Errorf("caseload %q: Medway has no whole-service caseload in the seeds", got)
	}
	// Without a figure, joint and small do not apply.
	if got := figureRow(t, figures, "{m}_joint")[cl]; got != "[z]" {
		t.Errorf("caseload joint %q with no caseload, want [z]", got)
	}

	// Themes, with formula-like text stored as text.
	_, themes := workbooktest.ReadTable(t, f, "Themes")
	if len(themes) != c.Strengths+c.Weaknesses {
		t.Errorf("Themes has %d rows, Medway %d strengths and %d weaknesses", len(themes), c.Strengths, c.Weaknesses)
	}
	found := false
	hdr, _ := workbooktest.ReadTable(t, f, "Themes")
	first, _ := f.GetTables("Themes")
	_, top, _ := excelize.CellNameToCoordinates(strings.Split(first[0].Range, ":")[0])
	for i, r := range themes {
		if r[1] == "=hyperlink(\"http://x\")" { // labels are compared lower-cased
			found = true
			if r[4] != "@SUM(1+1)" || r[6] != "-news" || hdr[4] != "What was said" {
				t.Errorf("risky theme row %v", r)
			}
			if typ, _ := f.GetCellType("Themes", "B"+strconv.Itoa(top+1+i)); typ == excelize.CellTypeFormula {
				t.Error("formula-like text stored as a formula")
			}
		}
	}
	if !found {
		t.Error("the risky theme is missing")
	}
	if _, rows := workbooktest.ReadTable(t, f, "Findings"); len(rows) != len(fs) {
		t.Errorf("Findings has %d rows for %d findings", len(rows), len(fs))
	}
	if _, rows := workbooktest.ReadTable(t, f, "Inspections"); len(rows) != 2 || rows[0][2] != "inadequate" || rows[1][2] != "requires improvement" {
		t.Errorf("Inspections %v", rows)
	}
	// The news figure is in its own column, never the official one.
	wh, work := workbooktest.ReadTable(t, f, "Workforce history")
	var other, official int
	for j, h := range wh {
		switch h {
		case "Vacancy rate (%), other sources":
			other = j
		case "Vacancy rate (%), official statistics":
			official = j
		}
	}
	if other == 0 || len(work) != 1 || work[0][other] != "0.25" || work[0][official] != "[x]" {
		t.Errorf("Workforce history %v %v", wh, work)
	}
	// Medway's seed findings are from news reports: no Ofsted report is in
	// the inputs, which the sheet says, with a link to Ofsted's page.
	if _, said := workbooktest.ReadTable(t, f, "What Ofsted said"); len(said) != 2 || said[0][1] != "Ofsted's page" || !strings.HasPrefix(said[1][2], "No Ofsted inspection report on Medway's children's services") {
		t.Errorf("What Ofsted said %v", said)
	}
	// No blank cell in a table but the Findings' (whose blank cells are
	// columns that do not apply, as its line says).
	for _, s := range CouncillorSheets {
		if s == "Findings" {
			continue
		}
		_, rows := workbooktest.ReadTable(t, f, s)
		if len(rows) == 1 && strings.HasPrefix(rows[0][0], "No ") && strings.Join(rows[0][1:], "") == "" {
			continue // an empty table's one row, saying so
		}
		for i, r := range rows {
			for j, v := range r {
				if v == "" {
					t.Errorf("%s row %d column %d is blank", s, i+1, j+1)
				}
			}
		}
	}

	// Cover: the council, its neighbours closest first, its counts, the
	// publisher and next update.
	var cover string
	rows, _ := f.GetRows(CoverSheet)
	for _, r := range rows {
		if len(r) > 0 {
			cover += r[0] + "\n"
		}
	}
	for _, w := range []string{"Medway: children's social care\n", "ONS (GSS) code: E06000035; DfE code: 887", "Region: South East", "1. Swindon\n2. Dudley\n",
		fmt.Sprintf("%d strengths and %d weaknesses", c.Strengths, c.Weaknesses), fmt.Sprintf("%d findings from every source", len(fs)), "2 inspections and 0 ungraded visits",
		"Published by\nTest publisher", "Email: test@example.org", "Next update\n1 May 2025 (scheduled).", "Licence\n" + OGLAttribution, "News articles: findings dated 2015 to August 2019",
		"Ofsted's page for Medway, which lists every report and letter"} {
		if !strings.Contains(cover, w) {
			t.Errorf("Cover has no %q:\n%s", w, cover)
		}
	}
	// No internal identifier reaches the reader: no file path, no seed id.
	for _, bad := range []string{"seeds.csv", "seed 0", "fixtures/"} {
		if strings.Contains(cover, bad) {
			t.Errorf("Cover names %q", bad)
		}
	}

	// The package: every sheet's table, pictures stored as they are, with
	// their alternative text; no merged cells.
	pkg := readPackage(t, got)
	for _, s := range want {
		ps := pkg.sheets[s]
		if ps.merged {
			t.Errorf("%s has merged cells", s)
		}
		switch {
		case strings.HasPrefix(s, "Chart "):
			if len(ps.alt) != 1 || ps.alt[0] != []string{"caseload", "vacancy", "neighbours"}[s[6]-'1'] {
				t.Errorf("%s: alt text %q", s, ps.alt)
			}
		case s != CoverSheet && s != ContentsSheet && len(ps.tables) != 1:
			t.Errorf("%s: tables %+v", s, ps.tables)
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(got), int64(len(got)))
	if err != nil {
		t.Fatal(err)
	}
	media := 0
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/media/") {
			media++
			if zf.Method != zip.Store {
				t.Errorf("%s compressed again", zf.Name)
			}
		}
	}
	if media != 3 {
		t.Errorf("%d pictures in the package", media)
	}
	props, err := f.GetDocProps()
	if err != nil || props.Created != "2025-03-31T00:00:00Z" || props.Title != "Medway: children's social care" || props.Creator != "oversight test" {
		t.Errorf("doc props %+v %v", props, err)
	}

	// openpyxl, in normal and read-only mode.
	py := workbooktest.Inspect(t, path, false)
	if !reflect.DeepEqual(py.Sheets, want) || py.Active != CoverSheet {
		t.Fatalf("openpyxl: sheets %v, active %s", py.Sheets, py.Active)
	}
	for _, s := range want {
		ws := py.Per[s]
		if ws.A1 == nil || ws.A1Style != "Heading 1" || len(ws.Merged) > 0 || ws.MinContrast < MinContrast {
			t.Errorf("%s: A1 %v (%s), merged %v, contrast %.2f", s, ws.A1, ws.A1Style, ws.Merged, ws.MinContrast)
		}
		if ro := py.ReadOnly[s]; ro.MaxRow != ws.MaxRow || ro.MaxCol != ws.MaxCol || ro.Digest != ws.Digest {
			t.Errorf("%s: read-only mode sees %dx%d, normal mode %dx%d", s, ro.MaxRow, ro.MaxCol, ws.MaxRow, ws.MaxCol)
		}
		for _, tb := range ws.Tables {
			if tb.Filter || len(tb.BlankRows) > 0 {
				t.Errorf("%s: table %s filter %v, blank rows %v", s, tb.Name, tb.Filter, tb.BlankRows)
			}
		}
	}
	// The headline sheets print on one page, wide and tall; the others
	// as tall as they need.
	for _, s := range []string{"Judgements", "Figures", "Inspections"} {
		fw, fh := py.Per[s].FitWidth, py.Per[s].FitHeight
		if want := s != "Inspections"; fw == nil || *fw != 1 || fh == nil || (*fh == 1) != want {
			t.Errorf("%s prints %v pages wide, %v high; want one page wide, one high: %v", s, fw, fh, want)
		}
	}
}

// What Ofsted said starts with Ofsted's page for the council, then each
// report known on the report date, newest first, labelled by its dates
// and framework: its recommendations, strengths and areas for improvement
// in the report's words, with their pages, each linking to the report. A
// news story's theme is not what Ofsted said.
func TestWhatOfstedSaid(t *testing.T) {
	t.Parallel()
	const url = "https://files.ofsted.gov.uk/v1/file/123?x=1&y=2"
	doc := strings.Repeat("ab", 32)
	note := func(k inspections.Kind, i, n int) string {
		return inspections.PointNote("ILACS-standard", k, "What needs to improve?", i, n, false, "")
	}
	dir := t.TempDir()
	extra := filepath.Join(dir, "ofsted.csv")
	rows := [][]string{
		{"council", "date", "published", "measure", "value", "area", "polarity", "note", "source", "source_type", "quote", "page", "document"},
		{"Medway", "2023-07-17", "2023-09-11", "grade", "good", "overall", "", inspections.ReportNote("ILACS-standard", "overall effectiveness judged good"), url, "ofsted", "", "", doc},
		{"Medway", "2023-07-17", "2023-09-11", "theme", "the quality of management oversight", "", "weakness", note(inspections.Recommendation, 1, 2), url, "ofsted", "The quality of management oversight.", "2", doc},
		{"Medway", "2023-07-17", "2023-09-11", "theme", "delay for some children", "", "weakness", note(inspections.Recommendation, 2, 2), url, "ofsted", "Delay for some children.", "2", doc},
		{"Medway", "2023-07-17", "2023-09-11", "theme", "leaders know their services well", "", "strength",
			inspections.PointNote("ILACS-standard", inspections.Strength, "", 1, 9, false, "leadership"), url, "ofsted", "Leaders know their services well.", "5", doc},
		{"Medway", "2023-07-17", "2023-09-11", "theme", "caseloads", "", "weakness", "from the news", "https://news.example.org/a", "news", "", "", ""},
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.WriteAll(rows)
	os.WriteFile(extra, []byte(b.String()), 0o644)
	data, _, _ := councillorWorkbook(t, "Medway", "2025-03-31", "../../fixtures/findings/seeds.csv", extra)
	path := filepath.Join(dir, "medway.xlsx")
	os.WriteFile(path, data, 0o644)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hdr, got := workbooktest.ReadTable(t, f, "What Ofsted said")
	if strings.Join(hdr, "|") != "Report|What it is|The report's words|Page|Where to read it" {
		t.Errorf("header %q", hdr)
	}
	latest := "Latest report: inspected 17 Jul 2023, published 11 Sep 2023 (ILACS standard)"
	report := "Ofsted's report of 11 Sep 2023"
	want := [][]string{
		{"Every report and letter", "Ofsted's page", "Ofsted lists every inspection report and letter about Medway's children's services on its page for the council.", "[z]", "Ofsted's page"},
		{latest, "Recommendation", "The quality of management oversight.", "2", report},
		{latest, "Recommendation", "Delay for some children.", "2", report},
		{latest, "Strength", "Leaders know their services well.", "5", report},
	}
	if len(got) < len(want) || !reflect.DeepEqual(got[:len(want)], want) {
		t.Errorf("What Ofsted said:\n%q\nwant first\n%q", got, want)
	}
	for _, r := range got {
		if strings.Contains(r[2], "caseloads") || strings.Contains(r[2], "news") {
			t.Errorf("a news story's theme is listed as what Ofsted said: %q", r)
		}
	}
	tables, _ := f.GetTables("What Ofsted said")
	_, top, _ := excelize.CellNameToCoordinates(strings.Split(tables[0].Range, ":")[0])
	py := workbooktest.Inspect(t, path, false)
	links := map[string]string{}
	for _, l := range py.Per["What Ofsted said"].Hyperlinks {
		if l.Target != nil {
			links[l.Cell] = *l.Target
		}
	}
	wantLinks := map[string]string{"E" + strconv.Itoa(top+1): "https://reports.ofsted.gov.uk/provider/44/" + reference.Default().Candidates("Medway")[0].URN}
	for i := 2; i <= 4; i++ {
		wantLinks["E"+strconv.Itoa(top+i)] = url
	}
	for cell, u := range wantLinks {
		if links[cell] != u {
			t.Errorf("link %s = %q, want %q", cell, links[cell], u)
		}
	}
}

func TestCompareText(t *testing.T) {
	med := func(v float64) metrics.Median {
		if math.IsNaN(v) {
			return metrics.Median{}
		}
		return metrics.Median{OK: true, Value: v, Date: dates.Date{Day: dates.FromYMD(2025, 9, 30)}}
	}
	nan := math.NaN()
	sept := dates.Date{Day: dates.FromYMD(2025, 9, 30)}
	official := func(v float64) metrics.Figure {
		return metrics.Figure{OK: true, Point: metrics.Point{Date: sept, Value: v}, Source: "statistics"}
	}
	for _, tc := range []struct {
		fig  metrics.Figure
		cmp  [3]float64 // neighbours, region, England
		reg  string
		want string
	}{
		{official(15.7), [3]float64{15.75, 15.7, 15.2}, "South East", "Above the median for England; below the median for similar councils; level with the median for the South East."},
		{official(26.5), [3]float64{16.05, 15.6, 14.4}, "South East", "Above the medians for England, the South East and similar councils."},
		{official(10), [3]float64{nan, 12, 11}, "London", "Below the medians for England and London."},
		{official(10), [3]float64{nan, nan, nan}, "London", "No median to compare with."},
		{metrics.Figure{OK: true, Point: metrics.Point{Date: sept, Code: findings.NotAvailable}, Source: "statistics"}, [3]float64{1, 1, 1}, "London",
			"DfE published no figure for 30 Sep 2025: not available: the council did not supply the figure, or it was not published."},
		{metrics.Figure{OK: true, Point: metrics.Point{Date: sept, Value: 100}, Source: "statistics", Small: true, SocialWorkers: 3}, [3]float64{nan, 15, 14}, "South West",
			"Above the medians for England and the South West. Based on small numbers (3 FTE social workers): one person more or less moves it a lot, so it is not ranked and no median includes it."},
		{metrics.Figure{OK: true, Point: metrics.Point{Date: dates.Date{Day: dates.FromYMD(2019, 8, 1), Prec: dates.PrecMonth}, Value: 25}, Source: "news"}, [3]float64{nan, 15, 14}, "South East",
			"Above the medians for England and the South East (medians for 30 Sep 2025, a later date than this figure). From news, not official statistics."},
	} {
		w := &metrics.Workforce{Neighbours: med(tc.cmp[0]), Region: med(tc.cmp[1]), England: med(tc.cmp[2])}
		if got := compareText(tc.fig, w, tc.reg); got != tc.want {
			t.Errorf("compareText(%v, %v) = %q, want %q", tc.fig, tc.cmp, got, tc.want)
		}
	}
}

func TestTextLines(t *testing.T) {
	if n := textLines("short", 20); n != 1 {
		t.Errorf("%d lines", n)
	}
	if n := textLines("two\nlines", 20); n != 2 {
		t.Errorf("%d lines", n)
	}
	if n := textLines(strings.Repeat("word ", 60), 40); n < 6 || n > 8 {
		t.Errorf("300 characters in a 40-wide column: %d lines", n)
	}
}

func TestSortDefaults(t *testing.T) {
	in := `<Types><Default Extension="xml" ContentType="a"></Default><Default Extension="png" ContentType="b"></Default><Override PartName="/x"/></Types>`
	want := `<Types><Default Extension="png" ContentType="b"></Default><Default Extension="xml" ContentType="a"></Default><Override PartName="/x"/></Types>`
	if got := string(sortDefaults([]byte(in))); got != want {
		t.Errorf("%s", got)
	}
}

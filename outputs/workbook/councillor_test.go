package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
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

func medwayWorkbook(t *testing.T, extra ...string) ([]byte, *metrics.Council, []findings.Finding) {
	t.Helper()
	in, r := loadReport(t, "2025-03-31", append([]string{"../../fixtures/findings/seeds.csv"}, extra...)...)
	var c *metrics.Council
	for i := range r.Councils {
		if r.Councils[i].Ref.Name == "Medway" {
			c = r.Councils[i]
		}
	}
	fs := councilFindings(in, r, c)
	var buf bytes.Buffer
	err := WriteCouncillor(&buf, CouncillorInput{Report: r, Council: c, Findings: fs, Inputs: in.Files, Version: "test",
		Charts: []Picture{{PNG: testPNG(t, color.RGBA{0, 0x72, 0xB2, 0xFF}), AltText: "caseload"}, {PNG: testPNG(t, color.RGBA{0xD5, 0x5E, 0, 0xFF}), AltText: "vacancy"}},
		TmpDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), c, fs
}

func TestCouncillorWorkbook(t *testing.T) {
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
	if s := f.GetSheetList(); strings.Join(s, ",") != strings.Join(CouncillorSheets, ",") {
		t.Fatalf("sheets %v", s)
	}

	// Summary: each figure beside its label, as a number.
	rows, _ := f.GetRows("Summary", excelize.Options{RawCellValue: true})
	byLabel := map[string][]string{}
	lastText := 0
	for i, r := range rows {
		if len(r) > 0 {
			byLabel[r[0]] = append(r, "", "", "", "", "", "", "", "")
			lastText = i + 1
		}
	}
	for label, want := range map[string]string{LabelGrade: "inadequate", LabelPrevious: "requires improvement",
		LabelInspections: "2", LabelVisits: "0", LabelStrengths: strconv.Itoa(c.Strengths), LabelWeaknesses: strconv.Itoa(c.Weaknesses), LabelFindings: strconv.Itoa(len(fs))} {
		if got := byLabel[label]; got == nil || got[1] != want {
			t.Errorf("%s: %v, want %q", label, got, want)
		}
	}
	if v := byLabel[LabelVacancy]; v == nil || v[1] != "0.25" || v[3] != "" || !strings.Contains(v[9], "From news, not official statistics") {
		t.Errorf("vacancy row %v: want 0.25 (25%%), no change (the 39%% before it is undated) and its source", v)
	}
	if v := byLabel[LabelGrade]; v[2] != strconv.FormatFloat(day("2019-08-01").ExcelSerial(), 'f', -1, 64) || !strings.HasPrefix(v[3], "declined from requires improvement") {
		t.Errorf("grade row %v", v)
	}
	if v := byLabel[LabelCaseload]; v[1] != "no figure" {
		t.Errorf("caseload row %v: Medway has no whole-service caseload in the seeds", v)
	}

	// Both charts under the text, side by side, neither over the other.
	var cols []int
	for _, cell := range []string{"A", "B", "C", "D", "E", "F", "G", "H"} {
		for r := lastText; r < lastText+4; r++ {
			pics, err := f.GetPictures("Summary", cell+strconv.Itoa(r))
			if err != nil {
				t.Fatal(err)
			}
			for range pics {
				c, _ := excelize.ColumnNameToNumber(cell)
				cols = append(cols, c)
			}
		}
	}
	if len(cols) != 2 || cols[0] != 1 {
		t.Fatalf("pictures anchored in columns %v, want two, the first in A", cols)
	}
	left := 0
	for c := 1; c < cols[1]; c++ {
		left += columnPixels(summaryWidths[c-1])
	}
	if left < int(1600*0.4) {
		t.Errorf("the second chart starts %d px in, inside the first (%d px wide)", left, int(1600*0.4))
	}

	// Tables: header frozen and filtered, one row per item.
	for _, sheet := range []string{"Grades", "Workforce", "Themes", "Findings"} {
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen (%+v, %v)", sheet, panes, err)
		}
	}
	themes, _ := f.GetRows("Themes")
	if len(themes)-1 != c.Strengths+c.Weaknesses {
		t.Errorf("Themes has %d rows, Medway %d strengths and %d weaknesses", len(themes)-1, c.Strengths, c.Weaknesses)
	}
	found := false
	for i, r := range themes[1:] {
		if r[1] == "=hyperlink(\"http://x\")" {
			found = true
			if r[4] != "@SUM(1+1)" || r[5] != "-news" {
				t.Errorf("risky theme row %v", r)
			}
			typ, _ := f.GetCellType("Themes", "B"+strconv.Itoa(i+2))
			if typ == excelize.CellTypeFormula {
				t.Error("formula-like text stored as a formula")
			}
		}
	}
	if !found {
		t.Error("the risky theme is missing")
	}
	findingRows, _ := f.GetRows("Findings")
	if len(findingRows)-1 != len(fs) {
		t.Errorf("Findings has %d rows for %d findings", len(findingRows)-1, len(fs))
	}
	grades, _ := f.GetRows("Grades")
	if len(grades) < 3 || grades[1][2] != "inadequate" || grades[2][2] != "requires improvement" {
		t.Errorf("Grades %v", grades)
	}
	work, _ := f.GetRows("Workforce", excelize.Options{RawCellValue: true})
	if len(work) < 2 || work[0][6] != "Vacancy rate (other sources)" {
		t.Fatalf("Workforce %v", work)
	}
	// The news figure is in its own column, never the official one.
	if work[1][6] != "0.25" || work[1][5] != "" {
		t.Errorf("Workforce vacancy rates %v", work[1])
	}

	// The package: content types first, pictures stored as they are.
	zr, err := zip.NewReader(bytes.NewReader(got), int64(len(got)))
	if err != nil {
		t.Fatal(err)
	}
	if zr.File[0].Name != "[Content_Types].xml" {
		t.Errorf("first part %s", zr.File[0].Name)
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
	if media != 2 {
		t.Errorf("%d pictures in the package", media)
	}
	props, err := f.GetDocProps()
	if err != nil || props.Created != "2025-03-31T00:00:00Z" || props.Title != "Medway: children's social care" {
		t.Errorf("doc props %+v %v", props, err)
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
			"Above the medians for England and the South West. Based on small numbers (3 FTE social workers): one person more or less moves it a lot."},
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

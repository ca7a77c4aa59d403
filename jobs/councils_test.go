package jobs

import (
	"bytes"
	"context"
	"encoding/csv"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/datasets/ees"
	"github.com/oversight/oversight/outputs/manifest"
	"github.com/oversight/oversight/outputs/workbook"
	"github.com/oversight/oversight/outputs/workbook/workbooktest"
)

// The seed findings and the real Ofsted and DfE data, as `make run` reads them.
var councilInputs = []string{"../fixtures/findings", realFixtures}

const councilsDay = "2025-10-01"

// readRows reads a CSV file into its header and rows.
func readRows(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs[0], recs[1:]
}

// summaryRow finds the Summary row whose column A is label and returns its
// cells as stored (numbers and date serials unformatted).
func summaryRow(t *testing.T, f *excelize.File, label string) []string {
	t.Helper()
	rows, err := f.GetRows("Summary", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) > 0 && r[0] == label {
			return append(r, make([]string, 8)...)
		}
	}
	t.Fatalf("Summary has no row %q", label)
	return nil
}

// noValue is a blank cell or, in an EES dataset, a GSS symbol standing
// for one (x not available, z not applicable, c, low, u).
func noValue(v string) bool {
	_, sym := ees.Symbol(v)
	return v == "" || sym
}

func sameNumber(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// checkCouncillorFigures compares a council's workbook, read back with
// excelize, with its row of councils.csv: every figure the workbook shows
// must be the one the dataset gives, numbers compared as numbers.
func checkCouncillorFigures(t *testing.T, path string, row map[string]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(workbook.CouncillorSheets, ",") {
		t.Fatalf("sheets %v", got)
	}
	name := row["la_name"]
	num := func(what, cell string) (float64, bool) {
		if cell == "" {
			return 0, false
		}
		v, err := strconv.ParseFloat(cell, 64)
		if err != nil {
			t.Errorf("%s %s: %q is not stored as a number", name, what, cell)
			return 0, false
		}
		return v, true
	}
	want := func(col string) (float64, bool) {
		if noValue(row[col]) {
			return 0, false
		}
		v, err := strconv.ParseFloat(row[col], 64)
		if err != nil {
			t.Fatalf("councils.csv %s %s = %q", name, col, row[col])
		}
		return v, true
	}
	serial := func(col string) string {
		if noValue(row[col]) {
			return ""
		}
		d, err := dates.Parse(row[col])
		if err != nil {
			t.Fatal(err)
		}
		return strconv.FormatFloat(d.Day.ExcelSerial(), 'f', -1, 64)
	}

	gradeCols := []string{"grade", "previous_grade"}
	if row["framework"] == "no overall grade" {
		// Never an older overall grade as current: the last one is shown
		// as the grade from before the current framework.
		if r := summaryRow(t, f, workbook.CouncillorLabels["grade"]); !strings.HasPrefix(r[1], "no overall grade") {
			t.Errorf("%s grade: workbook %q, dataset blank under the new framework", name, r[1])
		}
		gradeCols = []string{"last_overall_grade"}
	}
	for _, col := range gradeCols {
		r := summaryRow(t, f, workbook.CouncillorLabels[col])
		if noValue(row[col]) {
			if r[1] != "none on record" && r[1] != "no inspection on record" {
				t.Errorf("%s %s: workbook %q, dataset blank", name, col, r[1])
			}
			continue
		}
		if r[1] != row[col] || r[2] != serial(col+"_date") {
			t.Errorf("%s %s: workbook %q dated %q, dataset %q dated %q (serial %s)", name, col, r[1], r[2], row[col], row[col+"_date"], serial(col+"_date"))
		}
	}
	for _, m := range []struct {
		col  string
		rate bool
	}{{"caseload", false}, {"vacancy_rate", true}, {"agency_rate", true}, {"turnover_rate", true}} {
		r := summaryRow(t, f, workbook.CouncillorLabels[m.col])
		scale := 1.0
		if m.rate {
			scale = 100 // stored as a fraction under a % format
		}
		w, wok := want(m.col)
		g, gok := num(m.col, strings.TrimPrefix(r[1], "no figure"))
		if wok != gok || wok && !sameNumber(g*scale, w) {
			t.Errorf("%s %s: workbook %q (x%v), dataset %q", name, m.col, r[1], scale, row[m.col])
		}
		if wok && !noValue(row[m.col+"_date"]) && r[2] != serial(m.col+"_date") {
			t.Errorf("%s %s date: workbook %q, dataset %q", name, m.col, r[2], row[m.col+"_date"])
		}
		for k, cmp := range []string{"neighbours", "region", "england"} {
			col := m.col + "_" + cmp + "_median"
			w, wok := want(col)
			g, gok := num(col, r[4+k])
			if wok != gok || wok && !sameNumber(g*scale, w) {
				t.Errorf("%s %s: workbook %q, dataset %q", name, col, r[4+k], row[col])
			}
		}
	}
	for _, col := range []string{"inspections", "visits", "strengths", "weaknesses", "findings"} {
		r := summaryRow(t, f, workbook.CouncillorLabels[col])
		w, _ := want(col)
		if g, ok := num(col, r[1]); !ok || g != w {
			t.Errorf("%s %s: workbook %q, dataset %q", name, col, r[1], row[col])
		}
	}
	findingRows, err := f.GetRows("Findings")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := want("findings"); len(findingRows)-1 != int(n) {
		t.Errorf("%s: Findings sheet has %d rows, dataset counts %v findings", name, len(findingRows)-1, n)
	}
	grades, err := f.GetRows("Grades")
	if err != nil {
		t.Fatal(err)
	}
	inspections, visits := 0, 0
	for _, r := range grades[1:] {
		if len(r) > 1 && strings.HasPrefix(r[1], "Inspection") {
			inspections++
		}
		if len(r) > 1 && strings.Contains(r[1], "visit") || len(r) > 1 && strings.HasPrefix(r[1], "Joint") {
			visits++
		}
	}
	if w, _ := want("inspections"); inspections != int(w) {
		t.Errorf("%s: Grades sheet lists %d inspections, dataset counts %v", name, inspections, w)
	}
	if w, _ := want("visits"); visits != int(w) {
		t.Errorf("%s: Grades sheet lists %d visits, dataset counts %v", name, visits, w)
	}
}

// TestCouncillorWorkbooks builds every council's files from the real data
// and checks them against councils.csv, the index and the manifest.
func TestCouncillorWorkbooks(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 153 workbooks")
	}
	out := filepath.Join(t.TempDir(), "out")
	var progress bytes.Buffer
	res, err := Councils(context.Background(), Options{Inputs: councilInputs, Out: out, AsOf: asOf(councilsDay), Version: "test", Progress: &progress})
	if err != nil {
		t.Fatal(err)
	}
	// Not a terminal: one summary line, nothing per council.
	if lines := strings.Split(strings.TrimRight(progress.String(), "\n"), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], "councils: 153 workbooks and 306 charts written in ") {
		t.Errorf("progress on a non-terminal: %q", progress.String())
	}

	header, rows := readRows(t, filepath.Join(out, "datasets", "councils.csv"))
	byName := map[string]map[string]string{}
	var ordered []map[string]string
	for _, r := range rows {
		m := map[string]string{}
		for i, h := range header {
			m[h] = r[i]
		}
		byName[rowName(m)] = m
		ordered = append(ordered, m)
	}
	if existing := len(reference.Default().ExistingOn(asOf(councilsDay))); len(rows) != existing || existing != 153 {
		t.Fatalf("councils.csv has %d councils; %d exist on %s", len(rows), existing, councilsDay)
	}

	// Every council existing on the date has a workbook and two charts,
	// named uniquely, listed in the index.
	ih, index := readRows(t, filepath.Join(out, CouncilsDir, CouncilsIndex))
	if strings.Join(ih, ",") != "la_name,new_la_code,old_la_code,region_name,file,caseload_chart,vacancy_rate_chart" {
		t.Fatalf("index header %v", ih)
	}
	if len(index) != len(rows) {
		t.Fatalf("index lists %d councils, councils.csv %d", len(index), len(rows))
	}
	seen := map[string]bool{}
	for i, r := range index {
		if c := ordered[i]; r[0] != c["la_name"] || r[1] != c["new_la_code"] || r[2] != c["old_la_code"] || r[3] != c["region_name"] {
			t.Errorf("index row %d %v does not match councils.csv row %v", i, r[:4], rows[i])
		}
		for _, p := range r[4:] {
			if seen[p] {
				t.Errorf("%s: file %s used twice", r[0], p)
			}
			seen[p] = true
			if filepath.Clean(p) != p || strings.HasPrefix(p, "..") || filepath.IsAbs(p) {
				t.Errorf("%s: file %q leaves the output folder", r[0], p)
			}
		}
		if !strings.HasPrefix(r[4], CouncilsDir+"/") || !strings.HasSuffix(r[4], ".xlsx") {
			t.Errorf("%s workbook %q", r[0], r[4])
		}
		if _, err := os.Stat(filepath.Join(out, r[4])); err != nil {
			t.Error(err)
		}
		for _, chart := range r[5:] {
			f, err := os.Open(filepath.Join(out, chart))
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(f)
			f.Close()
			if err != nil {
				t.Fatalf("%s: %v", chart, err)
			}
			if b := img.Bounds(); b.Dx() != charts.WidthPx || b.Dy() < 300 {
				t.Errorf("%s is %dx%d, want %d wide", chart, b.Dx(), b.Dy(), charts.WidthPx)
			}
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(out, CouncilsDir)); len(entries) != len(rows)+1 {
		t.Errorf("%s holds %d files for %d councils and the index", CouncilsDir, len(entries), len(rows))
	}
	if entries, _ := os.ReadDir(filepath.Join(out, "charts")); len(entries) != 2*len(rows) {
		t.Errorf("charts holds %d files for %d councils", len(entries), len(rows))
	}

	m, err := manifest.Read(filepath.Join(out, manifest.Name))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Verify(out); err != nil {
		t.Fatal(err)
	}
	if m.Kind != "councils" || m.Councils != 153 || len(m.Outputs) != 3*153+3 || m.AsOf != councilsDay {
		t.Errorf("manifest: kind %q, %d councils, %d outputs, as of %s", m.Kind, m.Councils, len(m.Outputs), m.AsOf)
	}
	stages := map[string]bool{}
	for _, s := range m.Stages {
		stages[s.Name] = true
	}
	for _, s := range []string{"read and validate", "metrics", "councils", "datasets"} {
		if !stages[s] {
			t.Errorf("manifest has no %q stage: %+v", s, m.Stages)
		}
	}
	if res.Manifest == nil || len(res.Report.Councils) != 153 {
		t.Error("result incomplete")
	}

	// The councils' own figures, read back, equal councils.csv: the seed
	// councils (news and Ofsted together) and others of every kind.
	files := map[string]string{}
	for _, r := range index {
		files[r[0]] = r[4]
	}
	for _, name := range []string{"Medway", "Barking and Dagenham", "Tower Hamlets", "Dudley", "Kent", "Birmingham",
		"Bournemouth, Christchurch and Poole", "North Northamptonshire", "Kingston upon Hull, City of", "Rutland", "Westmorland and Furness"} {
		t.Run(name, func(t *testing.T) {
			if byName[name] == nil {
				t.Fatalf("%s is not in councils.csv", name)
			}
			checkCouncillorFigures(t, filepath.Join(out, files[name]), byName[name])
		})
	}
	for _, name := range []string{"Medway", "Barking and Dagenham"} {
		t.Run("openpyxl/"+name, func(t *testing.T) {
			checkCouncillorWithOpenpyxl(t, filepath.Join(out, files[name]), byName[name])
		})
	}
}

// checkCouncillorWithOpenpyxl reads a workbook with openpyxl, an independent
// reader: the figures are numbers (rates as fractions shown as percentages),
// dates are dates, and the tables have frozen headers and filters.
func checkCouncillorWithOpenpyxl(t *testing.T, path string, row map[string]string) {
	t.Helper()
	b := workbooktest.Openpyxl(t, path)
	if strings.Join(b.Sheets, ",") != strings.Join(workbook.CouncillorSheets, ",") {
		t.Fatalf("openpyxl sheets %v", b.Sheets)
	}
	for _, s := range []string{"Grades", "Workforce", "Themes", "Findings"} {
		if b.Frozen[s] == nil || *b.Frozen[s] != "A2" {
			t.Errorf("%s: header not frozen (%v)", s, b.Frozen[s])
		}
		if b.Filters[s] == nil || !strings.HasPrefix(strings.ReplaceAll(*b.Filters[s], "$", ""), "A1:") {
			t.Errorf("%s: no filter (%v)", s, b.Filters[s])
		}
	}
	find := func(label string) []workbooktest.Cell {
		for _, r := range b.Cells["Summary"] {
			if len(r) > 0 && r[0].V == label {
				return r
			}
		}
		t.Fatalf("openpyxl: Summary has no row %q", label)
		return nil
	}
	g := find(workbook.LabelGrade)
	if g[1].V != row["grade"] || g[1].T != "s" {
		t.Errorf("grade cell %+v, dataset %q", g[1], row["grade"])
	}
	if d, _ := dates.Parse(row["grade_date"]); g[2].T != "d" || g[2].V != d.Day.Time().Format("2006-01-02T15:04:05") {
		t.Errorf("grade date cell %+v, dataset %q", g[2], row["grade_date"])
	}
	for _, m := range []struct {
		label, col, format string
		scale              float64
	}{
		{workbook.LabelCaseload, "caseload", "0.0", 1}, {workbook.LabelVacancy, "vacancy_rate", "0.0%", 100},
		{workbook.LabelAgency, "agency_rate", "0.0%", 100}, {workbook.LabelTurnover, "turnover_rate", "0.0%", 100},
		{workbook.LabelInspections, "inspections", "0", 1}, {workbook.LabelVisits, "visits", "0", 1},
		{workbook.LabelStrengths, "strengths", "0", 1}, {workbook.LabelWeaknesses, "weaknesses", "0", 1},
		{workbook.LabelFindings, "findings", "0", 1},
	} {
		c := find(m.label)[1]
		v, ok := c.V.(float64)
		want, err := strconv.ParseFloat(row[m.col], 64)
		if err != nil || !ok || c.T != "n" || !sameNumber(v*m.scale, want) || c.Fmt != m.format {
			t.Errorf("%s cell %+v: want the number %s/%v formatted %q", m.col, c, row[m.col], m.scale, m.format)
		}
	}
}

// TestCouncilsSameWhateverTheWorkers builds the same councils with one and
// with three workers: the datasets and index are the same bytes, and so are
// the workbooks and charts (and their sheets read back).
func TestCouncilsSameWhateverTheWorkers(t *testing.T) {
	names := []string{"Medway", "Barking and Dagenham", "Tower Hamlets", "Dudley", "Kent", "Rutland", "Bristol, City of", "E06000058"}
	dir := t.TempDir()
	var trees []map[string]string
	var outs []string
	for i, w := range []int{1, 3} {
		out := filepath.Join(dir, strconv.Itoa(i))
		res, err := CouncilsOf(context.Background(), Options{Inputs: councilInputs, Out: out, AsOf: asOf(councilsDay), Workers: w, Version: "test"}, names)
		if err != nil {
			t.Fatal(err)
		}
		if res.Manifest.Councils != len(names) {
			t.Fatalf("%d councils built, want %d", res.Manifest.Councils, len(names))
		}
		tree := hashTree(t, out)
		delete(tree, manifest.Name) // times differ
		trees = append(trees, tree)
		outs = append(outs, out)
	}
	if len(trees[0]) != 3+3*len(names) { // index, councils.csv and councils.meta.csv, then each council's three files
		t.Errorf("%d files: %v", len(trees[0]), trees[0])
	}
	for k, v := range trees[0] {
		if trees[1][k] != v {
			t.Errorf("%s differs between 1 and 3 workers", k)
		}
	}
	_, index := readRows(t, filepath.Join(outs[0], CouncilsDir, CouncilsIndex))
	for _, r := range index {
		var sheets [2]string
		for i, out := range outs {
			f, err := excelize.OpenFile(filepath.Join(out, r[4]))
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, s := range f.GetSheetList() {
				rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				b.WriteString(s + "\n")
				for _, row := range rows {
					b.WriteString(strings.Join(row, "\t") + "\n")
				}
			}
			f.Close()
			sheets[i] = b.String()
		}
		if sheets[0] != sheets[1] || !strings.Contains(sheets[0], r[0]) {
			t.Errorf("%s: sheets differ between worker counts", r[0])
		}
	}
}

func TestCouncilsNamed(t *testing.T) {
	ref := reference.Default()
	day := asOf(councilsDay)
	got, err := resolveCouncils(ref, []string{"medway", "E06000058", "Bristol, City of", "Dorset"}, day)
	if err != nil || len(got) != 4 {
		t.Fatalf("%v %v", got, err)
	}
	for _, bad := range []struct{ name, want string }{
		{"Atlantis", "not known"},
		{"Northamptonshire", "did not exist on 2025-10-01"},
		{"Poole", "did not exist"},
	} {
		if _, err := resolveCouncils(ref, []string{bad.name}, day); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s: %v, want %q", bad.name, err, bad.want)
		}
	}
	if _, err := CouncilsOf(context.Background(), Options{Inputs: councilInputs, Out: filepath.Join(t.TempDir(), "out"), AsOf: day}, []string{"Atlantis"}); err == nil {
		t.Error("an unknown council was accepted")
	}
	if _, err := Councils(context.Background(), Options{Inputs: councilInputs, Out: t.TempDir(), Question: Question{Regions: []string{"London"}}}); err == nil {
		t.Error("a councils job accepted a research question")
	}
}

// A strict councils run with a rejected row publishes nothing, and a
// cancelled one leaves the previous output as it was.
func TestCouncilsStrictAndCancelled(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("council,date,measure,value\nAtlantis,2019,grade,good\n"), 0o644)
	out := filepath.Join(dir, "out")
	if _, err := CouncilsOf(context.Background(), Options{Inputs: []string{seeds, bad}, Out: out, Strict: true, AsOf: asOf("2025-03-31")}, []string{"Medway"}); err == nil {
		t.Fatal("strict run with a reject succeeded")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("a strict run that failed published output")
	}
	if _, err := CouncilsOf(context.Background(), Options{Inputs: []string{seeds}, Out: out, AsOf: asOf("2025-03-31")}, []string{"Medway", "Dudley"}); err != nil {
		t.Fatal(err)
	}
	before := hashTree(t, out)
	for _, stage := range []string{"councils", "datasets", "manifest", "publish"} {
		ctx, cancel := context.WithCancel(context.Background())
		_, err := CouncilsOf(ctx, Options{Inputs: []string{seeds}, Out: out, AsOf: asOf("2024-01-01"),
			OnStage: func(s string) {
				if s == stage {
					cancel()
				}
			}}, []string{"Medway", "Dudley", "Kent"})
		cancel()
		if err == nil {
			t.Fatalf("a run cancelled at %s succeeded", stage)
		}
		sameTree(t, "cancelled at "+stage, before, hashTree(t, out))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("staging left behind: %v", entries)
	}
}

func TestCouncilsProgressBar(t *testing.T) {
	if got := progressBar(0, 153, 0); got != "\rcouncils [>                             ]   0/153   0.0 s" {
		t.Errorf("%q", got)
	}
	if got := progressBar(153, 153, 2500*time.Millisecond); got != "\rcouncils [==============================] 153/153   2.5 s" {
		t.Errorf("%q", got)
	}
	if isTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is not a terminal")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Error("a file is not a terminal")
	}
}

// BenchmarkCouncils builds all 153 councils' workbooks and charts from the
// real data (the target: under 10 s on a 2-core machine).
func BenchmarkCouncils(b *testing.B) {
	out := filepath.Join(b.TempDir(), "out")
	for b.Loop() {
		if _, err := Councils(context.Background(), Options{Inputs: councilInputs, Out: out, AsOf: asOf(councilsDay), Version: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}

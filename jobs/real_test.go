package jobs

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The real Ofsted and DfE data as bundled in fixtures/real (imported from
// the official files; see fixtures/README.md). Expected values below were
// read by hand from the official files, not computed as the code does.
const realFixtures = "../fixtures/real"

type table map[string]map[string]string // first column -> column -> value

func readTable(t *testing.T, path string) table {
	t.Helper()
	header, rows := readRows(t, path)
	out := table{}
	for _, r := range rows {
		row := map[string]string{}
		for i, h := range header {
			row[h] = r[i]
		}
		out[rowName(row)] = row
	}
	return out
}

// rowName is what a row of an EES dataset is about: its council, its
// region, or England.
func rowName(row map[string]string) string {
	switch {
	case row["la_name"] != "":
		return row["la_name"]
	case row["region_name"] != "":
		return row["region_name"]
	}
	return row["country_name"]
}

func runReal(t *testing.T, day string) (councils, regions table) {
	t.Helper()
	out, _ := realReport(t, day)
	return readTable(t, filepath.Join(out, "datasets", "councils.csv")), readTable(t, filepath.Join(out, "datasets", "regions.csv"))
}

func check(t *testing.T, what string, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

// Ofsted's "Local authority inspection outcomes as at 31 March 2025" counts
// the latest judgement of every council inspected by 31 March 2025 whose
// report was out by the publication cut-off (30 June 2025). Grades are
// dated by inspection (metrics v3), so the report as at 31 March 2025, as
// of today, reproduces Ofsted's counts: outstanding 36, good 67, requires
// improvement 31, inadequate 19 (the file's own counts). As of 31 March
// itself, the councils inspected in March and published in April and May
// are not yet known.
func TestEnglandGradeCountsMatchOfsted(t *testing.T) {
	t.Parallel()
	out, _ := realReportAt(t, "2026-12-07", "2025-03-31")
	e := readTable(t, filepath.Join(out, "datasets", "regions.csv"))["England"]
	for col, want := range map[string]string{"councils": "153", "councils_graded": "153", "outstanding": "36", "good": "67", "requires_improvement": "31", "inadequate": "19"} {
		check(t, "England as at 2025-03-31 "+col, e[col], want)
	}
	_, regions := runReal(t, "2025-03-31")
	if e := regions["England"]; e["outstanding"]+e["good"]+e["requires_improvement"]+e["inadequate"] == "36673119" {
		t.Errorf("as of 31 March 2025 the counts equal Ofsted's as-at counts, made months later: %v", e)
	}
}

func TestPublishedFiguresAndSuppression(t *testing.T) {
	t.Parallel()
	// Metrics v3: as of 1 October 2025 DfE had not published its 30
	// September 2025 figures (released 26 February 2026), nor do the
	// inputs hold the 2023 and 2024 releases as first published: the
	// latest known are the 2022 release's (23 February 2023). No council
	// shows a 2025 figure, and England's published row is 2022's.
	councils, regions := runReal(t, "2025-10-01")
	for name, c := range councils {
		for _, m := range []string{"caseload", "vacancy_rate", "agency_rate", "turnover_rate"} {
			if d := c[m+"_date"]; strings.HasPrefix(d, "2025") || strings.HasPrefix(c[m+"_published"], "2026") {
				t.Errorf("as of 2025-10-01, %s shows a %s dated %s, published %s", name, m, d, c[m+"_published"])
			}
		}
	}
	check(t, "England published_date as of 2025-10-01", regions["England"]["published_date"], "2022-09-30")
	check(t, "England published_caseload as of 2025-10-01", regions["England"]["published_caseload"], "16.6")

	councils, regions = runReal(t, "2026-03-01")
	e := regions["England"]
	// DfE's 2025 national row: caseload 15.2, vacancy 14.2, agency 13, turnover 11.8.
	check(t, "England published_date", e["published_date"], "2025-09-30")
	check(t, "England published_caseload", e["published_caseload"], "15.2")
	check(t, "England published_vacancy_rate", e["published_vacancy_rate"], "14.2")
	check(t, "England published_agency_rate", e["published_agency_rate"], "13")
	check(t, "England published_turnover_rate", e["published_turnover_rate"], "11.8")
	// Kent 2025: caseload 17, vacancy 14.4, agency 13.2, turnover 15.4; 2024 caseload 15.8.
	k := councils["Kent"]
	check(t, "Kent caseload", k["caseload"], "17")
	check(t, "Kent caseload_published", k["caseload_published"], "2026-02-26")
	check(t, "Kent caseload_change", k["caseload_change"], "1.2")
	check(t, "Kent vacancy_rate", k["vacancy_rate"], "14.4")
	check(t, "Kent agency_rate", k["agency_rate"], "13.2")
	check(t, "Kent turnover_rate", k["turnover_rate"], "15.4")
	// Joint service: Kingston and Richmond share one figure.
	check(t, "Richmond caseload", councils["Richmond upon Thames"]["caseload"], councils["Kingston upon Thames"]["caseload"])

	// England's medians at DfE's latest 30 September (metrics v2): 2025
	// figures only, each joint figure once; (v3) without the figures of
	// services with fewer than 20 FTE social workers (Isles of Scilly and
	// City of London), which moves the turnover median from 11.75 to 11.8.
	for m, want := range map[string]string{"caseload": "15.2", "vacancy_rate": "14.4", "agency_rate": "12.75", "turnover_rate": "11.8"} {
		check(t, "England "+m+"_median", e[m+"_median"], want)
		check(t, "England "+m+"_median_date", e[m+"_median_date"], "2025-09-30")
		check(t, "Kent "+m+"_england_median", k[m+"_england_median"], want)
	}

	// Birmingham's 2024 caseload is suppressed ("u"): as at the end of 2024
	// (as known in March 2026) its headline is the code for 2024, never
	// 2023's 17.7 and never a zero.
	out, _ := realReportAt(t, "2026-03-01", "2024-12-31")
	councils, regions = readTable(t, filepath.Join(out, "datasets", "councils.csv")), readTable(t, filepath.Join(out, "datasets", "regions.csv"))
	b := councils["Birmingham"]
	check(t, "Birmingham caseload", b["caseload"], "u") // EES writes DfE's codes bare
	check(t, "Birmingham caseload_date", b["caseload_date"], "2024-09-30")
	check(t, "Birmingham caseload_change", b["caseload_change"], "z")
	check(t, "Birmingham vacancy_rate", b["vacancy_rate"], "26.6")
	check(t, "Birmingham vacancy_rate_date", b["vacancy_rate_date"], "2024-09-30")
	// DfE's 2024 national row, as the 2025 release gives it: caseload 15.4.
	check(t, "England 2024 published_caseload", regions["England"]["published_caseload"], "15.4")
}

func TestAbolishedAndRenamedCouncils(t *testing.T) {
	t.Parallel()
	councils, _ := runReal(t, "2020-12-31")
	n, ok := councils["Northamptonshire"]
	if !ok {
		t.Fatal("Northamptonshire existed at the end of 2020")
	}
	// Its ILACS inspection began on 2019-06-17 and was published on
	// 2019-07-29 (inadequate), after a SIF inspection published on
	// 2016-04-27 (requires improvement: Ofsted's 2009-2023 file gives only
	// the publication day). Its 2020 caseload (17.7) was first published
	// in DfE's 2022 release (23 February 2023; the earlier releases are
	// not among the inputs), so at the end of 2020 no DfE figure is known.
	check(t, "Northamptonshire grade", n["grade"], "inadequate")
	check(t, "Northamptonshire grade_date", n["grade_date"], "2019-06-17")
	check(t, "Northamptonshire grade_published", n["grade_published"], "2019-07-29")
	check(t, "Northamptonshire previous_grade", n["previous_grade"], "requires improvement")
	check(t, "Northamptonshire caseload", n["caseload"], "x")
	for _, gone := range []string{"North Northamptonshire", "Cumberland", "Bournemouth"} {
		if _, ok := councils[gone]; ok {
			t.Errorf("%s listed at the end of 2020", gone)
		}
	}
	check(t, "Barnsley code in 2020", councils["Barnsley"]["new_la_code"], "E08000016")
	check(t, "Buckinghamshire code in 2020", councils["Buckinghamshire"]["new_la_code"], "E06000060")
	check(t, "Cumbria: no DfE figure known at the end of 2020", councils["Cumbria"]["caseload_date"], "x")
	councils, _ = runReal(t, "2023-03-01")
	check(t, "Cumbria 2022 caseload, known from the 2022 release", councils["Cumbria"]["caseload_date"], "2022-09-30")
	check(t, "Cumbria caseload published", councils["Cumbria"]["caseload_published"], "2023-02-23")

	councils, _ = runReal(t, "2023-06-30")
	if _, ok := councils["Cumbria"]; ok {
		t.Error("Cumbria listed after its abolition")
	}
	if _, ok := councils["Northamptonshire"]; ok {
		t.Error("Northamptonshire listed after its abolition")
	}
	// North Northamptonshire's first ILACS inspection, begun 2022-10-03 and
	// published 2022-11-25.
	check(t, "North Northamptonshire grade_date", councils["North Northamptonshire"]["grade_date"], "2022-10-03")
	check(t, "North Northamptonshire grade_published", councils["North Northamptonshire"]["grade_published"], "2022-11-25")
	check(t, "North Northamptonshire grade_change", councils["North Northamptonshire"]["grade_change"], "first")
	check(t, "North Yorkshire code in 2023", councils["North Yorkshire"]["new_la_code"], "E06000065")
	check(t, "Barnsley code in 2023", councils["Barnsley"]["new_la_code"], "E08000016")
	if len(councils) != 153 {
		t.Errorf("%d councils in mid-2023", len(councils))
	}
}

// Every council's headline workforce figure as of 2026-03-01 (after DfE's
// 2025 release of 26 February 2026) is DfE's 2025 figure, or the code DfE
// published for it, read from the official file itself (not from
// fixtures/real): 612 council-figures, none differing.
func TestEveryFigureIsDfE2025(t *testing.T) {
	const official = "../../shared/data/real/csww_indicators_2017_to_2025.csv"
	if _, err := os.Stat(official); err != nil {
		t.Skip("the official files are not here:", err)
	}
	header, rows := readRows(t, official)
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	cols := map[string]string{"caseload": "caseload_fte", "vacancy_rate": "vacancy_rate_fte", "agency_rate": "agency_rate_fte", "turnover_rate": "turnover_rate_fte"}
	dfe := map[string]map[string]string{} // GSS -> measure -> cell
	for _, r := range rows {
		if r[col["time_period"]] != "2025" || r[col["geographic_level"]] != "Local authority" {
			continue
		}
		for _, gss := range strings.Split(r[col["new_la_code"]], "/") {
			m := map[string]string{}
			for ours, theirs := range cols {
				m[ours] = r[col[theirs]]
			}
			dfe[strings.TrimSpace(gss)] = m
		}
	}
	councils, _ := runReal(t, "2026-03-01")
	n := 0
	for name, c := range councils {
		want, ok := dfe[c["new_la_code"]]
		if !ok {
			t.Errorf("%s (%s) has no row in DfE's 2025 release", name, c["new_la_code"])
			continue
		}
		for m, cell := range want {
			n++
			if _, err := strconv.ParseFloat(cell, 64); err != nil {
				// DfE's bare code, as the EES file writes it.
			} else if got, err := strconv.ParseFloat(c[m], 64); err == nil && got == mustFloat(cell) {
				cell = c[m]
			}
			if c[m] != cell || c[m+"_date"] != "2025-09-30" {
				t.Errorf("%s %s = %q (%s), DfE 2025: %q", name, m, c[m], c[m+"_date"], cell)
			}
		}
	}
	if n != 612 {
		t.Errorf("%d council-figures, want 612 (153 councils, 4 measures)", n)
	}
}

func mustFloat(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// The report's first page is the analyst's: main findings, the status of
// the figures and the period they cover come first, and no reader-facing
// line names a fixture path or a seed id. South Tyneside's latest
// inspection gave no overall grade: its grade is not applicable ([z]).
func TestReportLeadsWithFindings(t *testing.T) {
	t.Parallel()
	out, _ := realReport(t, "2026-12-07")
	f, err := excelize.OpenFile(filepath.Join(out, "report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Cover")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range rows {
		if len(r) > 0 {
			lines = append(lines, r[0])
		}
	}
	cover := strings.Join(lines, "\n")
	at := func(s string) int { return strings.Index(cover, s) }
	for _, w := range []string{"\nMain findings\n", "Of England's 153 councils, ", " are good or outstanding", "England's medians at 30 September 2025",
		"\nStatus\nThese are not official statistics.", "\nPeriod covered\nOfsted inspections from "} {
		if at(w) < 0 {
			t.Errorf("the Cover lacks %q:\n%s", w, cover)
		}
	}
	if at("Main findings") > at("Status") || at("Status") > at("About these figures") {
		t.Errorf("the Cover does not lead with its main findings and status:\n%s", cover)
	}
	for _, bad := range []string{"fixtures/", "seed 0", ".csv", "../"} {
		if strings.Contains(cover, bad) {
			t.Errorf("the Cover names %q", bad)
		}
	}
	councils := readTable(t, filepath.Join(out, "datasets", "councils.csv"))
	check(t, "South Tyneside grade", councils["South Tyneside"]["grade"], "z")
	check(t, "South Tyneside framework", councils["South Tyneside"]["framework"], "no overall grade")
}

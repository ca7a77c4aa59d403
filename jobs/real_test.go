package jobs

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
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
// report was out by the publication cut-off; the last report in the file was
// published on 14 May 2025. Findings are dated by publication, so the report
// as of that day reproduces Ofsted's counts: outstanding 36, good 67,
// requires improvement 31, inadequate 19 (the file's own counts).
func TestEnglandGradeCountsMatchOfsted(t *testing.T) {
	t.Parallel()
	_, regions := runReal(t, "2025-05-14")
	e := regions["England"]
	for col, want := range map[string]string{"councils": "153", "councils_graded": "153", "outstanding": "36", "good": "67", "requires_improvement": "31", "inadequate": "19"} {
		check(t, "England "+col, e[col], want)
	}
}

func TestPublishedFiguresAndSuppression(t *testing.T) {
	t.Parallel()
	councils, regions := runReal(t, "2025-10-01")
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

	// Birmingham's 2024 caseload is suppressed ("u"): as of mid-2025 its
	// headline is the code for 2024, never 2023's 17.7 and never a zero.
	councils, regions = runReal(t, "2025-06-30")
	b := councils["Birmingham"]
	check(t, "Birmingham caseload", b["caseload"], "u") // EES writes DfE's codes bare
	check(t, "Birmingham caseload_date", b["caseload_date"], "2024-09-30")
	check(t, "Birmingham caseload_change", b["caseload_change"], "z")
	check(t, "Birmingham vacancy_rate", b["vacancy_rate"], "26.6")
	check(t, "Birmingham vacancy_rate_date", b["vacancy_rate_date"], "2024-09-30")
	// DfE's 2024 national row: caseload 15.4.
	check(t, "England 2024 published_caseload", regions["England"]["published_caseload"], "15.4")
}

func TestAbolishedAndRenamedCouncils(t *testing.T) {
	t.Parallel()
	councils, _ := runReal(t, "2020-12-31")
	n, ok := councils["Northamptonshire"]
	if !ok {
		t.Fatal("Northamptonshire existed at the end of 2020")
	}
	// Its ILACS inspection was published on 2019-07-29 (inadequate), after
	// a SIF inspection published on 2016-04-27 (requires improvement); its
	// 2020 caseload was 17.7.
	check(t, "Northamptonshire grade", n["grade"], "inadequate")
	check(t, "Northamptonshire grade_date", n["grade_date"], "2019-07-29")
	check(t, "Northamptonshire previous_grade", n["previous_grade"], "requires improvement")
	check(t, "Northamptonshire caseload", n["caseload"], "17.7")
	for _, gone := range []string{"North Northamptonshire", "Cumberland", "Bournemouth"} {
		if _, ok := councils[gone]; ok {
			t.Errorf("%s listed at the end of 2020", gone)
		}
	}
	check(t, "Barnsley code in 2020", councils["Barnsley"]["new_la_code"], "E08000016")
	check(t, "Buckinghamshire code in 2020", councils["Buckinghamshire"]["new_la_code"], "E06000060")
	check(t, "Cumbria 2020 caseload present", councils["Cumbria"]["caseload_date"], "2020-09-30")

	councils, _ = runReal(t, "2023-06-30")
	if _, ok := councils["Cumbria"]; ok {
		t.Error("Cumbria listed after its abolition")
	}
	if _, ok := councils["Northamptonshire"]; ok {
		t.Error("Northamptonshire listed after its abolition")
	}
	// North Northamptonshire's first ILACS inspection, published 2022-11-25.
	check(t, "North Northamptonshire grade_date", councils["North Northamptonshire"]["grade_date"], "2022-11-25")
	check(t, "North Northamptonshire grade_change", councils["North Northamptonshire"]["grade_change"], "first")
	check(t, "North Yorkshire code in 2023", councils["North Yorkshire"]["new_la_code"], "E06000065")
	check(t, "Barnsley code in 2023", councils["Barnsley"]["new_la_code"], "E08000016")
	if len(councils) != 153 {
		t.Errorf("%d councils in mid-2023", len(councils))
	}
}

// Every council's headline workforce figure as of 2025-10-01 is DfE's 2025
// figure, or the code DfE published for it, read from the official file
// itself (not from fixtures/real): 612 council-figures, none differing.
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
	councils, _ := runReal(t, "2025-10-01")
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

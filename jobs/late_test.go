package jobs

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lateBase and lateArrival are findings for the late-arrival cases: what was in the
// inputs for the November report, and an inspection dated and published in
// October that reached the inputs only after it.
const (
	lateBase = "council,date,published,measure,value,area,source_type\n" +
		"Medway,2019-06-10,2019-08-02,grade,inadequate,overall,ofsted\n" +
		"Medway,2019-06-10,2019-08-02,grade,inadequate,leadership,ofsted\n" +
		"Kent,2022-03-01,2022-04-20,grade,good,overall,ofsted\n"
	lateArrival = "council,date,published,measure,value,area,source_type,source\n" +
		"Medway,2026-10-15,2026-10-28,grade,good,overall,ofsted,https://files.ofsted.gov.uk/v1/file/99999999\n" +
		"Medway,2026-10-15,2026-10-28,grade,requires improvement,leadership,ofsted,https://files.ofsted.gov.uk/v1/file/99999999\n"
)

// An inspection dated in October that reaches the inputs after the
// November report is a late arrival in December's changes when December
// is compared with November's folder; recomputed from December's inputs
// it cannot be seen at all (November, rebuilt, already has it).
func TestLateArrivalComparedWithNovember(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(in, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("base.csv", lateBase)
	nov := filepath.Join(dir, "2026-11")
	if _, err := Run(context.Background(), Options{Inputs: []string{in}, Out: nov, AsOf: mustDay(t, "2026-11-01"), Version: "test"}); err != nil {
		t.Fatal(err)
	}
	write("late.csv", lateArrival)
	dec := filepath.Join(dir, "2026-12")
	res, err := Run(context.Background(), Options{Inputs: []string{in}, Out: dec, AsOf: mustDay(t, "2026-12-01"), CompareWith: nov, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Manifest.ComparedWith != nov {
		t.Errorf("manifest compared_with %q", res.Manifest.ComparedWith)
	}
	checkLateArrival(t, dec)

	recomputed := filepath.Join(dir, "recomputed")
	if _, err := Run(context.Background(), Options{Inputs: []string{in}, Out: recomputed, AsOf: mustDay(t, "2026-12-01"), Version: "test"}); err != nil {
		t.Fatal(err)
	}
	txt, _ := os.ReadFile(filepath.Join(recomputed, "changes.txt"))
	if strings.Contains(string(txt), "Medway") || !strings.Contains(string(txt), "cannot be told apart") {
		t.Errorf("recomputed changes.txt should not see the late inspection and should say so:\n%s", txt)
	}
}

// checkLateArrival checks a December folder's changes.csv and changes.txt
// for Medway's late October inspection.
func checkLateArrival(t *testing.T, dec string) {
	t.Helper()
	f, err := os.Open(filepath.Join(dec, "datasets", "changes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[col["change"]]+"|"+r[col["la_name"]]+"|"+r[col["concerns"]]+"|"+r[col["after"]]+"|"+r[col["published"]]+"|"+r[col["link"]])
	}
	want := []string{
		"grade changed|Medway|overall grade|good|2026-10-28|https://files.ofsted.gov.uk/v1/file/99999999",
		"grade changed|Medway|leadership|requires improvement|2026-10-28|https://files.ofsted.gov.uk/v1/file/99999999",
		"late arrival|Medway|inspection|overall good; leadership requires improvement|2026-10-28|https://files.ofsted.gov.uk/v1/file/99999999",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes.csv:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	txt, err := os.ReadFile(filepath.Join(dec, "changes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"as of 1 December 2026", "Compared with the report as of 1 November 2026",
		"Grades that changed (2)", "Medway: overall grade good, was inadequate (inspected 15 Oct 2026, published 28 Oct 2026)",
		"Arrived late: published before the previous report but not in it (1)", "Medway: overall good; leadership requires improvement (15 Oct 2026, published 28 Oct 2026)"} {
		if !strings.Contains(string(txt), w) {
			t.Errorf("changes.txt lacks %q:\n%s", w, txt)
		}
	}
	// Most important first: the grade change leads, then the late inspection.
	if strings.Index(string(txt), "Grades that changed") > strings.Index(string(txt), "Arrived late") {
		t.Errorf("changes.txt does not lead with the grade that changed:\n%s", txt)
	}
}

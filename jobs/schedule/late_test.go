package schedule

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A scheduled monthly job says what changed against its previous month's
// folder, without being told: an inspection dated and published in
// October that reached the inputs after the November run is a late
// arrival in December.
func TestScheduledJobSeesLateArrival(t *testing.T) {
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
	write("base.csv", "council,date,published,measure,value,area,source_type\n"+
		"Medway,2019-06-10,2019-08-02,grade,inadequate,overall,ofsted\n")
	jf := testJobs(t, dir, "[job monthly]\nkind = monthly\nschedule = 0 6 1 * *\ninputs = "+in+"\nroot = out\n")
	spec := jf.Jobs[0]
	at := func(s string) func() time.Time {
		return func() time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	}
	if _, err := RunJob(context.Background(), spec, Options{Trigger: "schedule", Version: "test", Now: at("2026-11-01T06:00:00Z")}); err != nil {
		t.Fatal(err)
	}
	write("late.csv", "council,date,published,measure,value,area,source_type\n"+
		"Medway,2026-10-15,2026-10-28,grade,good,overall,ofsted\n")
	jr, err := RunJob(context.Background(), spec, Options{Trigger: "schedule", Version: "test", Now: at("2026-12-01T06:00:00Z")})
	if err != nil {
		t.Fatal(err)
	}
	dec := filepath.Join(dir, "out", "monthly", "2026-12")
	if want := filepath.Join(dir, "out", "monthly", "2026-11"); jr.Result.Manifest.ComparedWith != want {
		t.Errorf("compared with %q, want the November folder %q", jr.Result.Manifest.ComparedWith, want)
	}
	csvBytes, err := os.ReadFile(filepath.Join(dec, "datasets", "changes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	txt, err := os.ReadFile(filepath.Join(dec, "changes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"grade changed,Medway", "late arrival,Medway"} {
		if !containsRow(string(csvBytes), w) {
			t.Errorf("changes.csv has no row %q:\n%s", w, csvBytes)
		}
	}
	for _, w := range []string{"Compared with the report as of 1 November 2026", "Medway: overall grade good, was inadequate", "Arrived late"} {
		if !strings.Contains(string(txt), w) {
			t.Errorf("changes.txt lacks %q:\n%s", w, txt)
		}
	}
}

// containsRow reports whether a CSV line has the change kind and council
// given as "kind,council", whatever columns lie between them.
func containsRow(body, kc string) bool {
	kind, council, _ := strings.Cut(kc, ",")
	for _, line := range strings.Split(body, "\n") {
		if strings.Contains(line, ","+kind+",") && strings.Contains(line, ","+council+",") {
			return true
		}
	}
	return false
}

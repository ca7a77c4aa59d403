package schedule

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/oversight/oversight/jobs"
	"github.com/oversight/oversight/outputs/manifest"
	"github.com/oversight/oversight/outputs/publish"
)

// testJobs writes a jobs file into dir and parses it.
func testJobs(t *testing.T, dir, text string) *File {
	t.Helper()
	path := filepath.Join(dir, "test.jobs")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	jf, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return jf
}

func seedsAbs(t *testing.T) string {
	p, err := filepath.Abs(seeds)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// fakeRun publishes files named after the as-of date into opt.Out.
func fakeRun(files ...string) Runner {
	return func(ctx context.Context, opt jobs.Options) (*jobs.Result, error) {
		st, err := publish.Begin(opt.Out)
		if err != nil {
			return nil, err
		}
		defer st.Abort()
		for _, f := range files {
			if err := os.WriteFile(filepath.Join(st.Dir, f), []byte(opt.AsOf.String()), 0o644); err != nil {
				return nil, err
			}
		}
		return &jobs.Result{Out: opt.Out}, st.Commit()
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// readCSV reads a CSV file's records, its header first.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// readCouncils reads councils.csv as council -> column -> value.
func readCouncils(t *testing.T, path string) (map[string]map[string]string, []string) {
	t.Helper()
	rows := readCSV(t, path)
	out := map[string]map[string]string{}
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, c := range rows[0] {
			m[c] = r[i]
		}
		out[m["la_name"]] = m // councils.csv: one row per council
	}
	// as_of_date is each month's own date, on every row by design.
	return out, slices.DeleteFunc(rows[0], func(c string) bool { return c == "as_of_date" })
}

// cellDiffs lists "council|column: old -> new" for every cell that differs.
func cellDiffs(t *testing.T, a, b map[string]map[string]string, cols []string) []string {
	t.Helper()
	var out []string
	for council, rb := range b {
		ra, ok := a[council]
		if !ok {
			out = append(out, council+": added")
			continue
		}
		for _, c := range cols {
			if ra[c] != rb[c] {
				out = append(out, fmt.Sprintf("%s|%s: %q -> %q", council, c, ra[c], rb[c]))
			}
		}
	}
	for council := range a {
		if _, ok := b[council]; !ok {
			out = append(out, council+": removed")
		}
	}
	sort.Strings(out)
	return out
}

// Backfilling June to August 2019 on the seed findings gives three month
// folders, each as of its first day, whose councils.csv differ exactly as
// the seed findings published in between say (metrics v3: a backfilled
// month is the report as it could have been made that month):
//
//   - July 2019: nothing. Medway's July inspection and figures reached the
//     public with the August article.
//   - August 2019: Medway's downgrade to inadequate (inspected in July
//     2019, published in August) from requires improvement (2015, given by
//     the same article), its area judgements, the whole-service vacancy
//     rate of 25% (July) and the highest caseload of 55 from the news, and
//     29 theme findings. No median moves: one council's news figure is
//     never half of a region's.
func TestBackfillThreeMonths(t *testing.T) {
	dir := t.TempDir()
	jf := testJobs(t, dir, "[job monthly]\nkind = monthly\nschedule = @monthly\ninputs = "+seedsAbs(t)+"\nroot = out\n")
	spec := jf.Jobs[0]
	runs, err := Backfill(context.Background(), spec, Month{2019, 6}, Month{2019, 8}, Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	jobDir := filepath.Join(dir, "out", "monthly")
	if got := listDir(t, jobDir); !reflect.DeepEqual(got, []string{"2019-06", "2019-07", "2019-08", "latest", "runs.jsonl"}) {
		t.Fatalf("job folder holds %v", got)
	}
	if Latest(jobDir) != "2019-08" {
		t.Errorf("latest -> %q", Latest(jobDir))
	}
	tables := map[string]map[string]map[string]string{}
	var cols []string
	for i, m := range []string{"2019-06", "2019-07", "2019-08"} {
		out := filepath.Join(jobDir, m)
		mf, err := manifest.Read(filepath.Join(out, manifest.Name))
		if err != nil {
			t.Fatal(err)
		}
		if err := mf.Verify(out); err != nil {
			t.Errorf("%s is not whole: %v", m, err)
		}
		if mf.AsOf != m+"-01" || mf.Job != "monthly" || mf.Kind != "monthly" {
			t.Errorf("%s manifest: as_of %s job %s kind %s", m, mf.AsOf, mf.Job, mf.Kind)
		}
		r := runs[i].Record
		if r.Outcome != OutcomeOK || r.Month != m || r.AsOf != m+"-01" || r.Trigger != "backfill" || r.Rows == nil || r.Rows.Read != seedRows(t) || len(r.Outputs) != len(mf.Outputs)+1 {
			t.Errorf("run %d: %+v", i, r)
		}
		tables[m], cols = readCouncils(t, filepath.Join(out, "datasets", "councils.csv"))
	}

	if got := cellDiffs(t, tables["2019-06"], tables["2019-07"], cols); len(got) != 0 {
		t.Errorf("June -> July differs in %d cells, want none:\n%s", len(got), strings.Join(got, "\n"))
	}
	if n := len(tables["2019-07"]); n != 151 {
		t.Errorf("%d councils", n)
	}

	// July -> August.
	want := []string{
		`Medway|care_leavers: "x" -> "requires improvement"`,
		`Medway|caseload_max: "x" -> "55"`,
		`Medway|caseload_max_date: "x" -> "2019-07"`,
		`Medway|caseload_max_qualifier: "x" -> "up_to"`,
		`Medway|caseload_max_scope: "x" -> "assessment"`,
		`Medway|children_in_care: "x" -> "requires improvement"`,
		`Medway|findings: "0" -> "34"`,
		`Medway|framework: "x" -> "overall grade"`,
		`Medway|grade: "x" -> "inadequate"`,
		`Medway|grade_change: "z" -> "declined"`,
		`Medway|grade_date: "x" -> "2019-07"`,
		`Medway|grade_published: "x" -> "2019-08"`,
		`Medway|help_and_protection: "x" -> "inadequate"`,
		`Medway|inspections: "0" -> "2"`,
		`Medway|judgement_date: "x" -> "2019-07"`,
		`Medway|last_overall_grade: "x" -> "inadequate"`,
		`Medway|last_overall_grade_date: "x" -> "2019-07"`,
		`Medway|leadership: "x" -> "inadequate"`,
		`Medway|leadership_change: "z" -> "first"`,
		`Medway|leadership_date: "x" -> "2019-07"`,
		`Medway|leadership_published: "x" -> "2019-08"`,
		`Medway|previous_grade: "z" -> "requires improvement"`,
		`Medway|previous_grade_date: "z" -> "2015"`,
		`Medway|strengths: "0" -> "9"`,
		`Medway|vacancy_rate: "x" -> "25"`,
		`Medway|vacancy_rate_date: "x" -> "2019-07"`,
		`Medway|vacancy_rate_joint: "z" -> "no"`,
		`Medway|vacancy_rate_published: "x" -> "2019-08"`,
		`Medway|vacancy_rate_small: "z" -> "x"`, // no count of staff at the news figure's date
		`Medway|vacancy_rate_source: "x" -> "news"`,
		`Medway|weaknesses: "0" -> "15"`,
	}
	if got := cellDiffs(t, tables["2019-07"], tables["2019-08"], cols); !reflect.DeepEqual(got, want) {
		t.Errorf("July -> August:\n%s", strings.Join(diffLists(got, want), "\n"))
	}

	recs, err := ReadRuns(jobDir)
	if err != nil || len(recs) != 3 {
		t.Fatalf("runs.jsonl: %d lines, %v", len(recs), err)
	}

	// Backfilling an older month again replaces it whole and leaves latest
	// at the newest month.
	os.WriteFile(filepath.Join(jobDir, "2019-06", "stray.txt"), []byte("x"), 0o644)
	if _, err := Backfill(context.Background(), spec, Month{2019, 6}, Month{2019, 6}, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(jobDir, "2019-06", "stray.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Error("re-running a month did not replace its folder whole")
	}
	if Latest(jobDir) != "2019-08" {
		t.Errorf("latest moved back to %q", Latest(jobDir))
	}
}

// diffLists shows what is missing (-) and unexpected (+).
func diffLists(got, want []string) []string {
	g, w := map[string]bool{}, map[string]bool{}
	for _, s := range got {
		g[s] = true
	}
	for _, s := range want {
		w[s] = true
	}
	var out []string
	for _, s := range want {
		if !g[s] {
			out = append(out, "- "+s)
		}
	}
	for _, s := range got {
		if !w[s] {
			out = append(out, "+ "+s)
		}
	}
	return out
}

func TestRetentionLatestAndReplace(t *testing.T) {
	dir := t.TempDir()
	jf := testJobs(t, dir, "[job m]\nkind = monthly\nschedule = @monthly\ninputs = "+seedsAbs(t)+"\nroot = out\nkeep = 2\n")
	spec := jf.Jobs[0]
	jobDir := spec.Dir()
	o := Options{Runners: map[string]Runner{"monthly": fakeRun("a", "b")}}
	runs, err := Backfill(context.Background(), spec, Month{2024, 11}, Month{2025, 3}, o)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := MonthDirs(jobDir); !reflect.DeepEqual(got, []string{"2025-02", "2025-03"}) {
		t.Errorf("kept %v", got)
	}
	if p := runs[2].Record.Pruned; !reflect.DeepEqual(p, []string{"2024-11"}) {
		t.Errorf("third run pruned %v", p)
	}
	if Latest(jobDir) != "2025-03" {
		t.Errorf("latest %q", Latest(jobDir))
	}
	target, _ := os.Readlink(filepath.Join(jobDir, LatestName))
	if target != "2025-03" {
		t.Errorf("latest is not a relative link: %q", target)
	}
	// An older month written now is pruned at once, and latest stays.
	if _, err := RunJob(context.Background(), spec, Options{AsOf: asOf("2024-01-15"), Runners: o.Runners}); err != nil {
		t.Fatal(err)
	}
	if got, _ := MonthDirs(jobDir); !reflect.DeepEqual(got, []string{"2025-02", "2025-03"}) || Latest(jobDir) != "2025-03" {
		t.Errorf("after an old month: %v, latest %s", got, Latest(jobDir))
	}
	// Re-running a month replaces it whole.
	o.Runners["monthly"] = fakeRun("a")
	if _, err := RunJob(context.Background(), spec, Options{AsOf: asOf("2025-03-20"), Runners: o.Runners}); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, filepath.Join(jobDir, "2025-03")); !reflect.DeepEqual(got, []string{"a"}) {
		t.Errorf("2025-03 holds %v after a re-run", got)
	}
	if b, _ := os.ReadFile(filepath.Join(jobDir, LatestName, "a")); string(b) != "2025-03-20" {
		t.Errorf("latest/a = %q", b)
	}
	// latest never points at a pruned folder, and no temporary links remain.
	for _, name := range listDir(t, jobDir) {
		if strings.Contains(name, ".tmp") {
			t.Errorf("left behind: %s", name)
		}
	}
	recs, _ := ReadRuns(jobDir)
	if len(recs) != 7 {
		t.Errorf("%d run records, want 7", len(recs))
	}
}

// A failed run (an error, a panic, a strict run with rejects) is recorded,
// publishes nothing, and leaves latest and the month folder as they were.
func TestFailedRunsRecorded(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("council,date,measure,value\nMedway,2019,vacancy_rate,140\n"), 0o644)
	jf := testJobs(t, dir, "[job m]\nkind = monthly\nschedule = @monthly\ninputs = "+seedsAbs(t)+" bad.csv\nroot = out\nstrict = true\n")
	spec := jf.Jobs[0]
	good := Options{AsOf: asOf("2025-03-01"), Runners: map[string]Runner{"monthly": fakeRun("a")}}
	if _, err := RunJob(context.Background(), spec, good); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		runner Runner
		want   string
	}{
		{"error", func(context.Context, jobs.Options) (*jobs.Result, error) { return nil, errors.New("disk full") }, "disk full"},
		{"panic", func(context.Context, jobs.Options) (*jobs.Result, error) { panic("index out of range") }, "panic: index out of range"},
		{"strict", jobs.Run, "rows were rejected: 1 rows and 0 files rejected"},
	} {
		jr, err := RunJob(context.Background(), spec, Options{AsOf: asOf("2025-03-01"), Runners: map[string]Runner{"monthly": tc.runner}})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", tc.name, err)
		}
		if r := jr.Record; r.Outcome != OutcomeFailed || !strings.Contains(r.Error, tc.want) {
			t.Errorf("%s: record %+v", tc.name, r)
		}
		if b, _ := os.ReadFile(filepath.Join(spec.Dir(), "2025-03", "a")); string(b) != "2025-03-01" {
			t.Errorf("%s: the month folder changed", tc.name)
		}
	}
	recs, _ := ReadRuns(spec.Dir())
	if len(recs) != 4 || recs[3].Rows == nil || recs[3].Rows.Rejected != 1 || recs[3].Rows.Read != seedRows(t)+1 {
		t.Errorf("records: %+v", recs)
	}
}

func TestLocks(t *testing.T) {
	root := filepath.Join(t.TempDir(), "root")
	l, err := LockRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	_, err = LockRoot(root)
	lockPath := filepath.Join(root, RootLockName)
	if err == nil || !strings.Contains(err.Error(), lockPath) || !strings.Contains(err.Error(), fmt.Sprintf("process %d", os.Getpid())) {
		t.Errorf("second lock: %v", err)
	}
	l.Release()
	l2, err := LockRoot(root)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()

	// A run of a job another process is running is skipped and recorded.
	dir := t.TempDir()
	spec := testJobs(t, dir, "[job m]\nkind = monthly\nschedule = @monthly\ninputs = "+seedsAbs(t)+"\nroot = out\n").Jobs[0]
	os.MkdirAll(spec.Dir(), 0o755)
	jl, err := publish.TryLock(filepath.Join(spec.Dir(), jobLockName))
	if err != nil {
		t.Fatal(err)
	}
	jr, err := RunJob(context.Background(), spec, Options{Runners: map[string]Runner{"monthly": fakeRun("a")}})
	if !errors.Is(err, ErrBusy) || jr.Record.Outcome != OutcomeSkipped || !strings.Contains(jr.Record.Error, fmt.Sprintf("pid %d", os.Getpid())) {
		t.Errorf("busy job: %v %+v", err, jr.Record)
	}
	jl.Release()
}

func TestJobAsOf(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	spec := &Job{Kind: "monthly", Zone: london}
	// 23:30 UTC on 31 May is 00:30 on 1 June in London (summer time).
	now := time.Date(2025, 5, 31, 23, 30, 0, 0, time.UTC)
	if got := AsOf(spec, 0, now).String(); got != "2025-06-01" {
		t.Errorf("London month: %s", got)
	}
	spec.Zone = time.UTC
	if got := AsOf(spec, 0, now).String(); got != "2025-05-01" {
		t.Errorf("UTC month: %s", got)
	}
	if got := AsOf(spec, asOf("2020-02-14"), now).String(); got != "2020-02-14" {
		t.Errorf("given: %s", got)
	}
	spec.AsOf = asOf("2021-01-31")
	if got := AsOf(spec, 0, now).String(); got != "2021-01-31" {
		t.Errorf("as_of key: %s", got)
	}
	// A research question about a closed period is answered as at its
	// end, as of the run's day (metrics v3): the as-of day does not move.
	r := &Job{Kind: "research", Zone: london, Question: jobs.Question{To: asOf("2019-12-31")}}
	if got := AsOf(r, 0, now).String(); got != "2025-06-01" {
		t.Errorf("research: %s", got)
	}
	if m, err := ParseMonth("2019-13"); err == nil {
		t.Errorf("2019-13 parsed as %v", m)
	}
}

// seedRows counts the data rows of the seed findings.
func seedRows(t *testing.T) int {
	t.Helper()
	f, err := os.Open(seedsAbs(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return len(recs) - 1
}

package schedule

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/extract/extracttest"
	"github.com/oversight/oversight/jobs"
	"github.com/oversight/oversight/outputs/workbook/workbooktest"
)

func TestMain(m *testing.M) { extracttest.Main(m) }

// Real Ofsted reports (fixtures/reports, with their licence line).
const reportsDir = "../../fixtures/reports"

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// newDocuments lists the files (base names, sorted) on a report's New
// documents sheet.
func newDocuments(t *testing.T, report string) []string {
	t.Helper()
	var out []string
	inTable := false
	for _, r := range workbooktest.SheetRows(t, report, "New documents") {
		switch {
		case len(r) == 0:
		case r[0] == "File":
			inTable = true
		case inTable && r[0] != "No new documents":
			out = append(out, filepath.Base(r[0]))
		}
	}
	sort.Strings(out)
	return out
}

// documentsCSV maps each file (base name) of a month's documents.csv to its
// "new" column.
func documentsCSV(t *testing.T, month string) map[string]string {
	t.Helper()
	rows := readCSV(t, filepath.Join(month, jobs.DocumentsDir, "documents.csv"))
	out := map[string]string{}
	for _, r := range rows[1:] {
		out[filepath.Base(r[1])] = r[len(r)-1]
	}
	return out
}

// A monthly job with a documents folder: each run reads only the documents
// no earlier good run has read (the registry in the job's folder), and its
// report uses the findings of all of them; a failed run leaves the registry
// as it was, so the next one reads its documents again.
func TestJobDocuments(t *testing.T) {
	dir := t.TempDir()
	docs, findings := filepath.Join(dir, "downloads"), filepath.Join(dir, "findings")
	for _, n := range []string{"oxfordshire_2018-05-22.pdf", "slough_2016-02-17.pdf"} {
		copyFile(t, filepath.Join(reportsDir, n), filepath.Join(docs, n))
	}
	copyFile(t, seeds, filepath.Join(findings, "seeds.csv"))
	jf := testJobs(t, dir, "[job monthly]\nkind = monthly\nschedule = 0 6 1 * *\ninputs = findings\ndocuments = downloads\nroot = out\nstrict = true\n")
	spec := jf.Jobs[0]
	registry := filepath.Join(dir, "out", "monthly", RegistryName)
	if spec.Registry() != registry || len(spec.Documents) != 1 || spec.Documents[0] != docs {
		t.Fatalf("job's documents %v, registry %s", spec.Documents, spec.Registry())
	}
	run := func(month string) (*JobRun, error) {
		t.Helper()
		return RunJob(context.Background(), spec, Options{AsOf: asOf(month + "-01"), Version: "test", PDF: extracttest.Engine()})
	}
	month := func(m string) string { return filepath.Join(spec.Dir(), m) }
	// runExpect runs the job for a month and checks how many documents it
	// had and read, and the files its New documents sheet lists.
	runExpect := func(m string, total, read int, listed string) {
		t.Helper()
		jr, err := run(m)
		if err != nil {
			t.Fatal(err)
		}
		if d := jr.Record.Documents; d == nil || d.Documents != total || d.New != read || d.Findings == 0 {
			t.Fatalf("%s: runs.jsonl's documents %+v, want %d read of %d", m, d, read, total)
		}
		if got := strings.Join(newDocuments(t, filepath.Join(month(m), "report.xlsx")), " "); got != listed {
			t.Fatalf("%s: New documents %q, want %q", m, got, listed)
		}
	}
	councilGrade := func(m, council string) string {
		t.Helper()
		c, _ := readCouncils(t, filepath.Join(month(m), "datasets", "councils.csv"))
		return c[council]["grade"]
	}

	runExpect("2025-05", 2, 2, "oxfordshire_2018-05-22.pdf slough_2016-02-17.pdf")
	if g := councilGrade("2025-05", "Oxfordshire"); g != "good" {
		t.Fatalf("Oxfordshire's grade from its report: %q", g)
	}
	reg1, err := os.ReadFile(registry)
	if err != nil {
		t.Fatalf("no registry after a good run: %v", err)
	}
	// One registry, in the job's folder: none in the months.
	if _, err := os.Stat(filepath.Join(month("2025-05"), jobs.DocumentsDir, "registry.jsonl")); !os.IsNotExist(err) {
		t.Errorf("a month folder holds a copy of the registry: %v", err)
	}

	// Next month: nothing is read again, the findings are all still there.
	runExpect("2025-06", 2, 0, "")
	for file, isNew := range documentsCSV(t, month("2025-06")) {
		if isNew != "no" {
			t.Errorf("second run's documents.csv: %s new=%s", file, isNew)
		}
	}
	if reg2, _ := os.ReadFile(registry); !bytes.Equal(reg1, reg2) {
		t.Error("the registry changed on a run that read nothing")
	}
	if g := councilGrade("2025-06", "Oxfordshire"); g != "good" {
		t.Errorf("the second report lost Oxfordshire's grade: %q", g)
	}
	if g := councilGrade("2025-06", "Slough"); g != "inadequate" {
		t.Errorf("the second report lost Slough's grade: %q", g)
	}

	// A report downloaded since is the only one read and listed.
	copyFile(t, filepath.Join(reportsDir, "kent_2013-08-23.pdf"), filepath.Join(docs, "kent_2013-08-23.pdf"))
	runExpect("2025-07", 3, 1, "kent_2013-08-23.pdf")
	if got := documentsCSV(t, month("2025-07")); got["kent_2013-08-23.pdf"] != "yes" || got["oxfordshire_2018-05-22.pdf"] != "no" {
		t.Errorf("third run's documents.csv: %v", got)
	}
	reg3, _ := os.ReadFile(registry)
	if bytes.Equal(reg1, reg3) || bytes.Count(reg3, []byte("\n")) != 3 {
		t.Fatalf("the registry after the third run has %d documents, want 3", bytes.Count(reg3, []byte("\n")))
	}

	// A failed run (strict, with a bad findings row) reads a new report but
	// does not record it, and publishes nothing.
	copyFile(t, filepath.Join(reportsDir, "surrey_2015-08-03.pdf"), filepath.Join(docs, "surrey_2015-08-03.pdf"))
	bad := filepath.Join(findings, "bad.csv")
	if err := os.WriteFile(bad, []byte("council,date,measure,value\nAtlantis,2019,grade,good\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	jr, err := run("2025-08")
	if err == nil || jr.Record.Outcome != OutcomeFailed {
		t.Fatalf("a strict run with a bad row: %v, %s", err, jr.Record.Outcome)
	}
	if reg4, _ := os.ReadFile(registry); !bytes.Equal(reg3, reg4) {
		t.Error("a failed run changed the registry")
	}
	if _, err := os.Stat(month("2025-08")); !os.IsNotExist(err) {
		t.Errorf("a failed run published its month: %v", err)
	}
	// Fixed, the next run reads Surrey's report: the failed run's reading
	// was not recorded.
	os.Remove(bad)
	runExpect("2025-08", 4, 1, "surrey_2015-08-03.pdf")
	// The registry lives beside the months, which retention may remove.
	if got := listDir(t, spec.Dir()); strings.Join(got, " ") != "2025-05 2025-06 2025-07 2025-08 documents.jsonl latest runs.jsonl" {
		t.Errorf("job folder holds %v", got)
	}
}

// The publisher and contact of a job are on its report's Cover, with the
// next scheduled run's date as the next update.
func TestJobPublishingOnCover(t *testing.T) {
	dir := t.TempDir()
	jf := testJobs(t, dir, `[job monthly]
kind          = monthly
schedule      = 0 6 1 * *
inputs        = `+seedsAbs(t)+`
root          = out
publisher     = Department for Education
contact       = Children's social care statistics team
contact_email = csc.statistics@education.gov.uk
`)
	spec := jf.Jobs[0]
	// The scheduled run at 06:00 on 1 June 2025, London time.
	start := time.Date(2025, 6, 1, 6, 0, 0, 0, jobs.London)
	jr, err := RunJob(context.Background(), spec, Options{Trigger: "schedule", Version: "test", Now: func() time.Time { return start }})
	if err != nil {
		t.Fatal(err)
	}
	var cover []string // column A, row by row
	for _, r := range workbooktest.SheetRows(t, filepath.Join(jr.Record.Out, "report.xlsx"), "Cover") {
		a := ""
		if len(r) > 0 {
			a = r[0]
		}
		cover = append(cover, a)
	}
	text := strings.Join(cover, "\n")
	for _, want := range []string{
		"Published by\nDepartment for Education\n",
		"Contact\nChildren's social care statistics team\nEmail: csc.statistics@education.gov.uk\n",
		"Next update\n1 July 2025 (scheduled).\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the Cover lacks %q:\n%s", want, text)
		}
	}
	f, err := excelize.OpenFile(filepath.Join(jr.Record.Out, "report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found := false
	for i, line := range cover {
		if strings.HasPrefix(line, "Email: ") {
			ok, link, err := f.GetCellHyperLink("Cover", "A"+strconv.Itoa(i+1))
			found = ok && err == nil && link == "mailto:csc.statistics@education.gov.uk"
		}
	}
	if !found {
		t.Error("the contact's email on the Cover is not a mailto link")
	}
}

// The next update is the job's next scheduled run after this one, as a
// London date; a report of an earlier month gives the run after its as-of
// day, as it would have said then.
func TestNextUpdate(t *testing.T) {
	dir := t.TempDir()
	jf := testJobs(t, dir, `[job monthly]
kind = monthly
schedule = 0 6 1 * *
inputs = `+seedsAbs(t)+`
root = out
[job weekly]
kind = monthly
schedule = 30 7 * * MON
inputs = `+seedsAbs(t)+`
root = out
[job utc]
kind = monthly
schedule = CRON_TZ=UTC 0 23 * * *
inputs = `+seedsAbs(t)+`
root = out
`)
	london := func(y, m, d, h, min int) time.Time { return time.Date(y, time.Month(m), d, h, min, 0, 0, jobs.London) }
	for _, tc := range []struct {
		job   int
		asOf  string
		start time.Time
		want  string
	}{
		{0, "2025-06-01", london(2025, 6, 1, 6, 0), "2025-07-01"},                    // the scheduled run
		{0, "2025-06-01", london(2025, 6, 20, 14, 0), "2025-07-01"},                  // run --job later that month
		{0, "2019-05-01", london(2025, 6, 20, 14, 0), "2019-06-01"},                  // a backfilled month
		{0, "2019-05-14", london(2025, 6, 20, 14, 0), "2019-06-01"},                  // --as-of in the past
		{1, "2025-06-01", london(2025, 6, 18, 12, 0), "2025-06-23"},                  // Wednesday: next Monday
		{1, "2025-06-01", london(2025, 6, 23, 7, 30), "2025-06-30"},                  // Monday's run: the Monday after
		{2, "2025-06-01", london(2025, 6, 18, 12, 0), "2025-06-19"},                  // 23:00 UTC is midnight in London (summer)
		{2, "2025-12-01", london(2025, 12, 18, 12, 0), "2025-12-18"},                 // and 23:00 in winter
		{0, "2025-12-01", london(2025, 12, 31, 23, 0), "2026-01-01"},                 // across the year
		{0, "2025-06-01", london(2025, 6, 1, 5, 59), "2025-06-01"},                   // a manual run just before the scheduled one
		{1, "2025-05-01", time.Date(2025, 6, 2, 6, 0, 0, 0, time.UTC), "2025-05-05"}, // May's report, backfilled in June
	} {
		got := NextUpdate(jf.Jobs[tc.job], asOf(tc.asOf), tc.start)
		if got.String() != tc.want {
			t.Errorf("%s as of %s run at %s: next update %s, want %s", jf.Jobs[tc.job].Name, tc.asOf, tc.start, got, tc.want)
		}
	}
}

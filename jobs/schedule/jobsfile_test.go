package schedule

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/jobs"
	"github.com/oversight/oversight/outputs/workbook"
)

// Every bad_*.jobs file under testdata/jobsfiles says what it must give in
// its leading "# want LINE: text" comments: each problem's line, and text
// its message contains, in line order, and nothing else.
func TestJobsFileBad(t *testing.T) {
	files, err := filepath.Glob("testdata/jobsfiles/bad_*.jobs")
	if err != nil || len(files) < 20 {
		t.Fatalf("bad jobs files: %v %v", files, err)
	}
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".jobs"), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			type want struct {
				line int
				text string
			}
			var wants []want
			for _, l := range strings.Split(string(b), "\n") {
				rest, ok := strings.CutPrefix(l, "# want ")
				if !ok {
					break
				}
				n, text, _ := strings.Cut(rest, ": ")
				line, err := strconv.Atoi(n)
				if err != nil {
					t.Fatalf("bad want line %q", l)
				}
				wants = append(wants, want{line, text})
			}
			if len(wants) == 0 {
				t.Fatal("no # want line")
			}
			jf, err := Load(path)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("accepted (%v, %+v), want refused", err, jf)
			}
			if len(fe.Problems) != len(wants) {
				t.Fatalf("%d problems, want %d:\n%v", len(fe.Problems), len(wants), err)
			}
			for i, w := range wants {
				p := fe.Problems[i]
				if p.Line != w.line || !strings.Contains(p.Msg, w.text) || p.File != path {
					t.Errorf("problem %d: %s\nwant line %d containing %q", i, p, w.line, w.text)
				}
				// The message names the file and line, as the CLI prints it.
				if prefix := path + ":" + strconv.Itoa(w.line) + ": "; !strings.Contains(err.Error(), prefix) {
					t.Errorf("error lacks %q: %v", prefix, err)
				}
			}
		})
	}
}

func TestJobsFileGood(t *testing.T) {
	path := "testdata/jobsfiles/good.jobs"
	jf, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(jf.Warnings) != 0 {
		t.Errorf("warnings: %v", jf.Warnings)
	}
	dir, _ := filepath.Abs("testdata/jobsfiles")
	findings, _ := filepath.Abs("../../fixtures/findings")
	real, _ := filepath.Abs("../../fixtures/real")
	if len(jf.Jobs) != 3 {
		t.Fatalf("%d jobs", len(jf.Jobs))
	}
	m, r, c := jf.Jobs[0], jf.Jobs[1], jf.Jobs[2]
	check := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", what, got, want)
		}
	}
	check("monthly", []any{m.Name, m.Kind, m.Schedule, m.Zone.String(), m.Inputs, m.Root, m.Strict, m.Keep, m.AsOf, m.Line},
		[]any{"monthly", "monthly", "0 6 1 * *", "Europe/London", []string{findings, real}, filepath.Join(dir, "out"), true, 12, dates.Day(0), 4})
	check("monthly dir", m.Dir(), filepath.Join(dir, "out", "monthly"))
	reports, _ := filepath.Abs("../../fixtures/reports")
	check("monthly documents", m.Documents, []string{filepath.Join(reports, "kent_2013-08-23.pdf"), reports})
	check("monthly registry", m.Registry(), filepath.Join(dir, "out", "monthly", "documents.jsonl"))
	check("monthly publishing", m.Publishing, workbook.Publishing{Publisher: "Department for Education",
		Contact: workbook.Contact{Name: "Children's social care statistics team", Email: "csc.statistics@education.gov.uk"}})
	check("research publishing", r.Publishing, workbook.Publishing{})
	check("research", []any{r.Kind, r.Zone.String(), r.Inputs, r.Strict, r.Keep, r.AsOf.String()},
		[]any{"research", "UTC", []string{findings}, false, 0, "2020-01-31"})
	check("question", r.Question, jobs.Question{
		Councils: []string{"Medway", "Barking and Dagenham"}, Regions: []string{"South East"},
		Measures: []string{"grade", "vacancy_rate"}, Areas: []string{"overall"},
		From: asOf("2015-01-01"), To: asOf("2019-08-31"),
	})
	check("councils", []any{c.Kind, c.Schedule, c.Root}, []any{"councils", "15 */20 * * * *", filepath.Join(dir, "other-root")})

	// The schedules fire when they say, in their zones.
	london, _ := time.LoadLocation("Europe/London")
	from := time.Date(2025, 6, 15, 12, 0, 0, 0, london)
	check("monthly next", m.Next(from), time.Date(2025, 7, 1, 6, 0, 0, 0, london))
	check("research next", r.Next(from).UTC(), time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC))
	check("councils next", c.Next(from), time.Date(2025, 6, 15, 12, 0, 15, 0, london))
	// In summer 06:00 London is 05:00 UTC; in winter it is 06:00 UTC.
	check("summer", m.Next(from).UTC().Hour(), 5)
	check("winter", m.Next(time.Date(2025, 12, 15, 0, 0, 0, 0, time.UTC)).UTC().Hour(), 6)

	if _, err := jf.Job("nope"); err == nil || !strings.Contains(err.Error(), "its jobs are: monthly, research-medway, councils") {
		t.Errorf("unknown job: %v", err)
	}
}

func TestJobsFileClockChangeWarning(t *testing.T) {
	path := "testdata/jobsfiles/warn_clock_change.jobs"
	jf, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(jf.Warnings) != 1 || !strings.HasPrefix(jf.Warnings[0], path+":4: ") || !strings.Contains(jf.Warnings[0], "between 01:00 and 02:59 Europe/London") {
		t.Errorf("warnings: %q", jf.Warnings)
	}
	// Every-hour schedules, other zones and other hours are not warned about.
	for _, s := range []string{"0 * * * *", "0 */5 * * * *", "CRON_TZ=UTC 30 1 * * *", "0 3 1 * *", "@every 1h", "@monthly"} {
		sched, zone, err := ParseCron(s)
		if err != nil {
			t.Fatal(err)
		}
		if w := clockChangeWarning(&Job{Name: "x", Schedule: s, sched: sched, Zone: zone}); w != "" {
			t.Errorf("%q warned: %s", s, w)
		}
	}
	for _, s := range []string{"0 2 * * *", "0 0-3 * * *", "CRON_TZ=Europe/London 15 1 1 * *"} {
		sched, zone, _ := ParseCron(s)
		if w := clockChangeWarning(&Job{Name: "x", Schedule: s, sched: sched, Zone: zone}); w == "" {
			t.Errorf("%q not warned", s)
		}
	}
}

// A schedule may fire at most once a minute; once a minute exactly, or
// less often, is accepted, with seconds or without.
func TestParseCronOnceAMinuteAtMost(t *testing.T) {
	for _, s := range []string{"@every 0s", "@every 1s", "@every 59s", "@every 59.9s", "@every -5m", "* * * * * *", "*/30 * * * * *", "0,59 * * * * *", "0-1 0 6 1 * *", "CRON_TZ=UTC */10 * * * * *"} {
		if _, _, err := ParseCron(s); err == nil || !strings.Contains(err.Error(), "more often than once a minute") {
			t.Errorf("%q: %v", s, err)
		}
	}
	for _, s := range []string{"@every 1m", "@every 60s", "@every 90s", "@every 1h", "* * * * *", "0 * * * * *", "30 */5 * * * *", "@hourly", "@monthly", "0 0 6 1 * *", "CRON_TZ=UTC 15 * * * * *"} {
		if _, _, err := ParseCron(s); err != nil {
			t.Errorf("%q refused: %v", s, err)
		}
	}
}

// robfig/cron v3.0.1 panics on a CRON_TZ= prefix with nothing after it;
// ParseSchedule must refuse such specs with an error instead.
func TestParseScheduleNeverPanics(t *testing.T) {
	for _, s := range []string{"CRON_TZ=", "TZ=", "TZ=UTC", "CRON_TZ=Europe/London", "TZ=TZ=TZ=", "CRON_TZ=UTC\t0 6 1 * *", "", "   ", "CRON_TZ=Local 0 6 * * *"} {
		if _, _, err := ParseCron(s); err == nil && s != "CRON_TZ=UTC\t0 6 1 * *" {
			t.Errorf("%q accepted", s)
		}
	}
	sched, zone, err := ParseCron("CRON_TZ=America/New_York 0 9 * * MON-FRI")
	if err != nil {
		t.Fatal(err)
	}
	if zone.String() != "America/New_York" || sched.(*cron.SpecSchedule).Location != zone {
		t.Errorf("zone %v", zone)
	}
}

func TestSplitPaths(t *testing.T) {
	got, err := splitPaths(`a  "b c"   d"e f"`)
	if err != nil || !reflect.DeepEqual(got, []string{"a", "b c", "de f"}) {
		t.Errorf("%q %v", got, err)
	}
	if _, err := splitPaths(`"a`); err == nil {
		t.Error("open quote accepted")
	}
	if got := stripComment("inputs = a#b  # comment"); got != "inputs = a#b  " {
		t.Errorf("%q", got)
	}
}

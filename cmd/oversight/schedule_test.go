package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/jobs/schedule"
	"github.com/oversight/oversight/outputs/manifest"
)

// writeJobs writes a jobs file for the seed findings into dir.
func writeJobs(t *testing.T, dir, schedule string, inputs ...string) string {
	t.Helper()
	var abs []string
	for _, in := range inputs {
		a, err := filepath.Abs(in)
		if err != nil {
			t.Fatal(err)
		}
		abs = append(abs, a)
	}
	path := filepath.Join(dir, "test.jobs")
	text := fmt.Sprintf("# test\n[job monthly]\nkind = monthly\nschedule = %s\ninputs = %s\nroot = out\nstrict = true\n", schedule, strings.Join(abs, " "))
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Command-line mistakes exit 2. (What schedule --check prints, for good
// and bad jobs files, is in the cases under testdata/cases.)
func TestScheduleCommandLine(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	jf := writeJobs(t, dir, "@monthly", "../../fixtures/findings")
	for _, args := range [][]string{
		{"schedule"},
		{"schedule", "--jobs", jf, "--grace", "0s"},
		{"schedule", "--jobs", jf, "--log-format", "xml"},
		{"backfill", "--jobs", jf, "--job", "monthly"},
		{"backfill", "--jobs", jf, "--job", "monthly", "--from", "2019-13"},
		{"backfill", "--jobs", jf, "--job", "monthly", "--from", "2019-05-01"},
		{"backfill", "--jobs", jf, "--job", "monthly", "--from", "2019-05", "--to", "2019-04"},
		{"backfill", "--jobs", jf, "--job", "nope", "--from", "2019-05"},
	} {
		if code, _, stderr := oversight(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2: %s", args, code, stderr)
		}
	}
	if code, stdout, _ := oversight(t, "help"); code != 0 || !strings.Contains(stdout, "schedule") || !strings.Contains(stdout, "backfill") {
		t.Errorf("help: %s", stdout)
	}
}

func TestBackfillAndRunJob(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	jf := writeJobs(t, dir, "@monthly", "../../fixtures/findings")
	code, stdout, stderr := oversight(t, "backfill", "--jobs", jf, "--job", "monthly", "--from", "2019-06", "--to", "2019-08", "--log-format", "json")
	if code != 0 {
		t.Fatalf("backfill: %d %s %s", code, stdout, stderr)
	}
	jobDir := filepath.Join(dir, "out", "monthly")
	for _, m := range []string{"2019-06", "2019-07", "2019-08"} {
		if !strings.Contains(stdout, "monthly as of "+m+"-01 written to "+filepath.Join(jobDir, m)) {
			t.Errorf("stdout lacks %s: %s", m, stdout)
		}
	}
	if !strings.Contains(stdout, "3 of 3 months written; latest is 2019-08") {
		t.Errorf("stdout: %s", stdout)
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		var v map[string]any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
	}

	// run --job: one run now, here as of a given date, into that month.
	var out, errb bytes.Buffer
	if err := runJobFromFile(context.Background(), "monthly", jf, dates.FromYMD(2019, 9, 14), "text", &out, &errb); err != nil {
		t.Fatalf("%v %s", err, errb.String())
	}
	if !strings.Contains(out.String(), "monthly as of 2019-09-14 written to "+filepath.Join(jobDir, "2019-09")) {
		t.Errorf("run --job: %s", out.String())
	}
	if schedule.Latest(jobDir) != "2019-09" {
		t.Errorf("latest %s", schedule.Latest(jobDir))
	}
	recs, err := schedule.ReadRuns(jobDir)
	if err != nil || len(recs) != 4 || recs[3].Trigger != "run" || recs[0].Trigger != "backfill" {
		t.Errorf("runs.jsonl: %v %+v", err, recs)
	}
	// A strict job with a rejected row fails, prints the rejects, publishes nothing.
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("council,date,measure,value\nMedway,2019,vacancy_rate,140\n"), 0o644)
	jf2 := writeJobs(t, t.TempDir(), "@monthly", "../../fixtures/findings", bad)
	out.Reset()
	errb.Reset()
	err = runJobFromFile(context.Background(), "monthly", jf2, 0, "text", &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "--strict publishes nothing") || !strings.Contains(errb.String(), "bad.csv:2: vacancy_rate 140") {
		t.Errorf("strict job: %v %s", err, errb.String())
	}
	if err := runJobFromFile(context.Background(), "nope", jf, 0, "text", &out, &errb); err == nil || !strings.Contains(err.Error(), "its jobs are: monthly") {
		t.Errorf("unknown job: %v", err)
	}
}

// The binary under SIGTERM, on the bundled fixtures: a second scheduler on
// the same root is refused naming the first's pid; SIGTERM while a run is
// in flight waits for it, records it and exits 0. The test drives the
// binary's clock and holds its run through the test hooks (hooks_test.go),
// so the run is in flight when the signal comes, however slow the machine.
func TestScheduleSIGTERM(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	jf := writeJobs(t, dir, "@monthly", "../../fixtures/findings", "../../fixtures/real")
	cmd := oversightCmd(t, "schedule", "--jobs", jf, "--log-format", "json", "--grace", "10m")
	cmd.Env = append(cmd.Env, "OVERSIGHT_TEST_CONTROL=stdin")
	control, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string, 1000)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var logs []string
	waitLine := func(what string) {
		t.Helper()
		timeout := time.After(time.Minute) // only a hang gets here
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("scheduler exited before %q:\n%s", what, strings.Join(logs, "\n"))
				}
				logs = append(logs, l)
				if strings.Contains(l, what) {
					return
				}
			case <-timeout:
				t.Fatalf("no %q:\n%s", what, strings.Join(logs, "\n"))
			}
		}
	}
	send := func(command string) {
		t.Helper()
		if _, err := io.WriteString(control, command+"\n"); err != nil {
			t.Fatal(err)
		}
	}
	waitLine(`"msg":"scheduler started"`)

	second := oversightCmd(t, "schedule", "--jobs", jf)
	out, err := second.CombinedOutput()
	lock := filepath.Join(dir, "out", schedule.RootLockName)
	if code := second.ProcessState.ExitCode(); code != 1 || !strings.Contains(string(out), lock) || !strings.Contains(string(out), fmt.Sprintf("process %d", cmd.Process.Pid)) {
		t.Errorf("second scheduler: exit %d %v %s", code, err, out)
	}

	send("tick")
	waitLine(`"msg":"run started"`) // and held until released
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	sigterm := time.Now()
	waitLine(`"msg":"waiting for the runs in flight","in_flight":1`)
	send("release")
	for l := range lines {
		logs = append(logs, l)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit: %v\n%s", err, strings.Join(logs, "\n"))
	}
	all := strings.Join(logs, "\n")
	for _, want := range []string{`"msg":"stopping: no new runs will start"`, `"msg":"run finished"`, `"msg":"scheduler stopped"`} {
		if !strings.Contains(all, want) {
			t.Errorf("logs lack %s:\n%s", want, all)
		}
	}
	jobDir := filepath.Join(dir, "out", "monthly")
	recs, err := schedule.ReadRuns(jobDir)
	if err != nil || len(recs) != 1 || recs[0].Outcome != schedule.OutcomeOK || recs[0].Trigger != "schedule" {
		t.Fatalf("runs.jsonl: %v %+v", err, recs)
	}
	last := recs[0]
	if last.End.Before(sigterm) {
		t.Errorf("the run ended before SIGTERM: %+v", last)
	}
	m, err := manifest.Read(filepath.Join(last.Out, manifest.Name))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Verify(last.Out); err != nil {
		t.Errorf("month folder not whole: %v", err)
	}
	if schedule.Latest(jobDir) != filepath.Base(last.Out) {
		t.Errorf("latest %s, last run %s", schedule.Latest(jobDir), last.Out)
	}
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/jobs"
	"github.com/oversight/oversight/jobs/schedule"
)

// cmdSchedule runs the jobs of a jobs file on their schedules until SIGINT
// or SIGTERM (main's context), then waits for the runs in flight.
func cmdSchedule(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("schedule", flag.ContinueOnError)
	jobsFile := fs.String("jobs", "", "the jobs file (see the README, Scheduled reports)")
	grace := fs.Duration("grace", schedule.DefaultGrace, "on SIGINT/SIGTERM, how long to wait for runs in flight before cancelling them")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	check := fs.Bool("check", false, "check the jobs file, print each job's next runs and exit")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: oversight schedule --jobs FILE [--grace 30s] [--log-format json] [--check]")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected %q: give the jobs file with --jobs FILE", pos[0])
	}
	if *jobsFile == "" {
		return usagef("give the jobs file: --jobs FILE")
	}
	if *grace <= 0 {
		return usagef("--grace must be positive")
	}
	log, err := newLogger(*logFormat, stderr)
	if err != nil {
		return err
	}
	jf, err := schedule.Load(*jobsFile)
	if err != nil {
		return err
	}
	if *check {
		printJobs(stdout, jf, now(), 3)
		return nil
	}
	// A second Ctrl-C (or SIGTERM) while stopping cancels the runs in
	// flight at once instead of waiting out the grace period.
	hurry := make(chan struct{})
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
		case <-done:
			return
		}
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
		defer signal.Stop(sig)
		select {
		case <-sig:
			log.Warn("second signal: cancelling the runs in flight now")
			close(hurry)
		case <-done:
		}
	}()
	s := &schedule.Scheduler{Jobs: jf, Logger: log, Version: version, Grace: *grace, Hurry: hurry}
	if testHook != nil {
		testHook(ctx, s)
	}
	return s.Run(ctx)
}

// testHook is nil except in the package's test binary run as oversight by
// the process tests (see hooks_test.go).
var testHook func(ctx context.Context, s *schedule.Scheduler)

// now is the time `schedule --check` counts the next runs from; the CLI
// case tests fix it.
var now = time.Now

// printJobs is `schedule --check`: each job and its next runs.
func printJobs(w io.Writer, jf *schedule.File, from time.Time, n int) {
	fmt.Fprintf(w, "%s: %d jobs\n", jf.Path, len(jf.Jobs))
	for _, j := range jf.Jobs {
		fmt.Fprintf(w, "\n[job %s] %s, schedule %q (%s)\n", j.Name, j.Kind, j.Schedule, j.Zone)
		fmt.Fprintf(w, "  inputs: %s\n  writes: %s\n", strings.Join(j.Inputs, " "), filepath.Join(j.Dir(), "YYYY-MM"))
		if len(j.Documents) > 0 {
			fmt.Fprintf(w, "  documents: %s (read once: %s)\n", strings.Join(j.Documents, " "), j.Registry())
		}
		if j.Keep > 0 {
			fmt.Fprintf(w, "  keeps the newest %d months\n", j.Keep)
		}
		t := from
		for i := 0; i < n; i++ {
			t = j.Next(t)
			if t.IsZero() {
				break
			}
			asOf := schedule.AsOf(j, 0, t)
			at := ""
			if asAt := jobs.AsAt(0, j.Question.To, asOf); asAt != asOf {
				at = " as at " + asAt.String()
			}
			fmt.Fprintf(w, "  next: %s -> %s as of %s%s\n", t.In(j.Zone).Format("Mon 2 Jan 2006 15:04:05 MST"), schedule.MonthOf(asOf), asOf, at)
		}
	}
	for _, warn := range jf.Warnings {
		fmt.Fprintf(w, "\nwarning: %s\n", warn)
	}
}

// runJobFromFile is `oversight run --job NAME --jobs FILE [--as-of DATE]`:
// one run of the job now, into ROOT/<job>/<YYYY-MM>/ (the month of the
// as-of date), with latest, runs.jsonl and retention as a scheduled run.
func runJobFromFile(ctx context.Context, jobName, jobsFile string, asOf dates.Day, logFormat string, stdout, stderr io.Writer) error {
	if jobName == "" || jobsFile == "" {
		return usagef("a job run needs both --job NAME and --jobs FILE")
	}
	log, err := newLogger(logFormat, stderr)
	if err != nil {
		return err
	}
	spec, err := loadJob(jobsFile, jobName, log)
	if err != nil {
		return err
	}
	jr, err := schedule.RunJob(ctx, spec, schedule.Options{AsOf: asOf, Trigger: "run", Logger: log, Version: version, Progress: stderr})
	if err != nil {
		if errors.Is(err, jobs.ErrRejected) && jr.Result != nil && jr.Result.Intake != nil {
			printRejects(stderr, jr.Result.Intake, 10)
		}
		return err
	}
	printJobRun(stdout, jr)
	return nil
}

func loadJob(jobsFile, jobName string, log *slog.Logger) (*schedule.Job, error) {
	jf, err := schedule.Load(jobsFile)
	if err != nil {
		return nil, err
	}
	for _, w := range jf.Warnings {
		log.Warn(w)
	}
	spec, err := jf.Job(jobName)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return spec, nil
}

func printJobRun(w io.Writer, jr *schedule.JobRun) {
	r := jr.Record
	line := fmt.Sprintf("job %s: %s as of %s written to %s in %.1f s", r.Job, r.Kind, r.AsOf, r.Out, r.Seconds)
	if r.Rows != nil {
		line += fmt.Sprintf(": %d rows read, %d accepted, %d rejected, %d duplicates", r.Rows.Read, r.Rows.Accepted, r.Rows.Rejected, r.Rows.Duplicates)
	}
	fmt.Fprintln(w, line)
	if d := r.Documents; d != nil {
		fmt.Fprintf(w, "  documents: %d (%d read now): %d findings\n", d.Documents, d.New, d.Findings)
	}
	if len(r.Pruned) > 0 {
		fmt.Fprintf(w, "  retention removed %s\n", strings.Join(r.Pruned, " "))
	}
}

// cmdBackfill rebuilds a job's month folders as they would have been.
func cmdBackfill(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backfill", flag.ContinueOnError)
	jobsFile := fs.String("jobs", "", "the jobs file")
	jobName := fs.String("job", "", "the job to run")
	from := fs.String("from", "", "first month, YYYY-MM")
	to := fs.String("to", "", "last month, YYYY-MM (default: --from)")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: oversight backfill --jobs FILE --job NAME --from YYYY-MM [--to YYYY-MM]")
		fmt.Fprintln(stderr, "Each month is written to ROOT/<job>/<YYYY-MM>/ as of its first day; latest ends at the newest month.")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected %q", pos[0])
	}
	if *jobsFile == "" || *jobName == "" || *from == "" {
		return usagef("give --jobs FILE, --job NAME and --from YYYY-MM")
	}
	if *to == "" {
		*to = *from
	}
	fm, err := schedule.ParseMonth(*from)
	if err != nil {
		return usagef("--from: %v", err)
	}
	tm, err := schedule.ParseMonth(*to)
	if err != nil {
		return usagef("--to: %v", err)
	}
	if tm.Before(fm) {
		return usagef("--to %s is before --from %s", tm, fm)
	}
	if n := (tm.Year-fm.Year)*12 + tm.Month - fm.Month + 1; n > 1200 {
		return usagef("%d months is more than a century; give a shorter range", n)
	}
	log, err := newLogger(*logFormat, stderr)
	if err != nil {
		return err
	}
	spec, err := loadJob(*jobsFile, *jobName, log)
	if err != nil {
		return err
	}
	runs, err := schedule.Backfill(ctx, spec, fm, tm, schedule.Options{Logger: log, Version: version, Progress: stderr})
	ok := 0
	for _, jr := range runs {
		if jr.Record.Outcome == schedule.OutcomeOK {
			printJobRun(stdout, jr)
			ok++
		} else {
			fmt.Fprintf(stdout, "job %s: %s %s: %s\n", jr.Record.Job, jr.Record.Month, jr.Record.Outcome, jr.Record.Error)
		}
	}
	fmt.Fprintf(stdout, "backfill %s to %s: %d of %d months written; latest is %s\n", fm, tm, ok, len(runs), schedule.Latest(spec.Dir()))
	return err
}

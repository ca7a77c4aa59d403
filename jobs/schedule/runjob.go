package schedule

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/pdftext"
	"github.com/oversight/oversight/jobs"
	"github.com/oversight/oversight/outputs/publish"
)

// Runner performs one run; jobs.Run is the runner of monthly and research
// jobs, jobs.Councils of councils jobs.
type Runner func(ctx context.Context, opt jobs.Options) (*jobs.Result, error)

// runners is what each kind of job runs.
var runners = map[string]Runner{
	"monthly":  jobs.Run,
	"research": jobs.Run,
	"councils": jobs.Councils,
}

// Runners is a copy of what each kind of job runs, to wrap.
func Runners() map[string]Runner { return maps.Clone(runners) }

// Options are what one run of a job needs besides the job.
type Options struct {
	AsOf     dates.Day // 0: the job's as_of, else the first day of this month in the job's zone
	Trigger  string
	Logger   *slog.Logger
	Version  string
	Runners  map[string]Runner // nil: the built-in runners
	Progress io.Writer
	Now      func() time.Time // tests
	// PDF reads the jobs' documents; nil: each run makes its own engine
	// (PDFium's compiled code is cached on disk between runs).
	PDF *pdftext.Engine
}

// JobRun is what RunJob did.
type JobRun struct {
	Record RunRecord
	Result *jobs.Result // nil when the run failed before reading
}

// ErrBusy is a run refused because another process is running the job.
var ErrBusy = errors.New("the job is already running")

// AsOf is the as-of date of a run of the job at now: the one given, else
// the job's as_of, else the first day of now's month in the job's zone; a
// research job's question ending earlier sets its as-at day, not its as-of
// day (jobs.AsAt, the rule one-off runs follow).
func AsOf(j *Job, given dates.Day, now time.Time) dates.Day {
	if given == 0 {
		given = j.AsOf
	}
	zone := j.Zone
	if zone == nil {
		zone = jobs.London
	}
	first := MonthOf(dates.FromTime(now.In(zone))).First()
	return jobs.AsOf(given, first)
}

// RunJob runs a job once into ROOT/<job>/<YYYY-MM>/ (the month of the as-of
// date), replacing that folder whole; on success it points latest at it
// (unless a newer month is there) and applies retention. Good or failed, it
// appends one line to runs.jsonl. A panic in the run is recovered and
// reported as a failed run.
func RunJob(ctx context.Context, j *Job, o Options) (*JobRun, error) {
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	start := now()
	asOf := AsOf(j, o.AsOf, start)
	month := MonthOf(asOf)
	out := filepath.Join(j.Dir(), month.String())
	log = log.With("job", j.Name, "month", month.String())
	jr := &JobRun{Record: RunRecord{
		Job: j.Name, Kind: j.Kind, Trigger: o.Trigger, Month: month.String(), AsOf: asOf.String(), Out: out,
		Start: start.UTC(), Version: o.Version, PID: os.Getpid(),
	}}
	finish := func(runErr error) (*JobRun, error) { return jr, finishRun(j, &jr.Record, log, now, runErr) }

	if err := os.MkdirAll(j.Dir(), 0o755); err != nil {
		return finish(err)
	}
	lock, err := publish.TryLock(filepath.Join(j.Dir(), jobLockName))
	if err != nil {
		var held *publish.LockedError
		if errors.As(err, &held) {
			return finish(fmt.Errorf("%w in another process (pid %d, lock file %s)", ErrBusy, held.PID, held.Path))
		}
		return finish(err)
	}
	defer lock.Release()

	table := o.Runners
	if table == nil {
		table = runners
	}
	run, ok := table[j.Kind]
	if !ok {
		return finish(fmt.Errorf("kind %s is not available in this build", j.Kind))
	}
	opt := runOptions(j, o, asOf, month, out, log, start)
	log.Info("run started", "as_of", asOf.String(), "out", out, "trigger", o.Trigger)
	res, err := safeRun(ctx, run, opt)
	jr.Result = res
	jr.Record.count(res)
	if err != nil {
		return finish(err)
	}
	return finish(recordPublished(j, month, res, &jr.Record, log))
}

// runOptions are what the run of the job as of asOf into out is given.
func runOptions(j *Job, o Options, asOf dates.Day, month Month, out string, log *slog.Logger, start time.Time) jobs.Options {
	opt := jobs.Options{
		Inputs: j.Inputs, Out: out, AsOf: asOf, Strict: j.Strict, Version: o.Version, Kind: j.Kind,
		Job: j.Name, Question: j.Question, Logger: log, Progress: o.Progress, Publishing: j.Publishing, PDF: o.PDF,
	}
	opt.Publishing.NextUpdate = NextUpdate(j, asOf, start)
	if j.Kind == "monthly" || j.Kind == "councils" {
		// What changed is said against what the job's readers received:
		// its previous month's folder (in a backfill, the month before,
		// as it could have been made then).
		opt.CompareWith = Previous(j.Dir(), month)
	}
	if len(j.Documents) > 0 {
		// Kept beside the months, so every month's run reads only what no
		// earlier run has (jobs.Run saves it only when the run succeeds).
		opt.Documents, opt.Registry = j.Documents, j.Registry()
	}
	if j.Kind == "research" {
		opt.Title = "Children's social care: research question"
	}
	return opt
}

// count records the rows and documents a run read, failed or not.
func (rec *RunRecord) count(res *jobs.Result) {
	if res != nil && res.Intake != nil {
		read, acc, rej, dup := res.Intake.Totals()
		rec.Rows = &RowCounts{Read: read, Accepted: acc, Rejected: rej, Duplicates: dup}
	}
	if res != nil && res.Documents != nil {
		d := res.Documents
		rec.Documents = &DocumentCounts{Documents: len(d.Documents), New: d.New, Findings: len(d.Findings)}
	}
}

// recordPublished records what a good run wrote, points latest at its month and
// applies retention.
func recordPublished(j *Job, month Month, res *jobs.Result, rec *RunRecord, log *slog.Logger) error {
	if res != nil && res.Manifest != nil {
		for _, f := range res.Manifest.Outputs {
			rec.Outputs = append(rec.Outputs, f.Path)
		}
		rec.Outputs = append(rec.Outputs, "manifest.json")
	}
	if err := UpdateLatest(j.Dir(), month); err != nil {
		return fmt.Errorf("published %s but could not point %s at it: %w", rec.Out, LatestName, err)
	}
	if j.Keep > 0 {
		pruned, err := Prune(j.Dir(), j.Keep)
		rec.Pruned = pruned
		if len(pruned) > 0 {
			log.Info("retention", "keep", j.Keep, "removed", strings.Join(pruned, " "))
		}
		if err != nil {
			return fmt.Errorf("retention: %w", err)
		}
	}
	return nil
}

// finishRun completes the run's record with its end and outcome, appends
// it to runs.jsonl and logs it; it returns the run's error, joined with a
// failure to record it.
func finishRun(j *Job, rec *RunRecord, log *slog.Logger, now func() time.Time, runErr error) error {
	rec.End = now().UTC()
	rec.Seconds = math.Round(rec.End.Sub(rec.Start).Seconds()*1000) / 1000
	switch {
	case errors.Is(runErr, ErrBusy):
		rec.Outcome = OutcomeSkipped
	case runErr != nil:
		rec.Outcome = OutcomeFailed
	default:
		rec.Outcome = OutcomeOK
	}
	if runErr != nil {
		rec.Error = runErr.Error()
	}
	if err := AppendRun(j.Dir(), rec); err != nil {
		log.Error("cannot record the run", "file", filepath.Join(j.Dir(), RunsName), "error", err)
		runErr = errors.Join(runErr, err)
	}
	attrs := []any{"outcome", rec.Outcome, "as_of", rec.AsOf, "seconds", rec.Seconds, "out", rec.Out}
	if rec.Rows != nil {
		attrs = append(attrs, "rows", rec.Rows.Read, "rejected", rec.Rows.Rejected)
	}
	switch rec.Outcome {
	case OutcomeOK:
		log.Info("run finished", attrs...)
	case OutcomeSkipped:
		log.Warn("run skipped", append(attrs, "reason", rec.Error)...)
	default:
		log.Error("run failed", append(attrs, "error", rec.Error)...)
	}
	return runErr
}

// NextUpdate is the date, in Europe/London, of the job's next scheduled run
// after this one, for the workbooks' Cover: after start, or, for a report
// as of a month before start's (a backfill, an --as-of in the past), after
// its as-of day, as the report would have said then. 0 when the schedule
// never fires again.
func NextUpdate(j *Job, asOf dates.Day, start time.Time) dates.Day {
	if j.sched == nil {
		return 0
	}
	zone := j.Zone
	if zone == nil {
		zone = jobs.London
	}
	from := start
	if MonthOf(asOf).Before(MonthOf(dates.FromTime(start.In(zone)))) {
		y, m, d := asOf.YMD()
		from = time.Date(y, time.Month(m), d+1, 0, 0, 0, 0, zone).Add(-time.Nanosecond)
	}
	next := j.Next(from)
	if next.IsZero() {
		return 0
	}
	return dates.FromTime(next.In(jobs.London))
}

// safeRun turns a panic in the run into an error (with the stack logged).
func safeRun(ctx context.Context, run Runner, opt jobs.Options) (res *jobs.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			opt.Logger.Error("run panicked", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			res, err = nil, fmt.Errorf("panic: %v", r)
		}
	}()
	return run(ctx, opt)
}

// Backfill runs the job for each month from..to in order, as of each
// month's first day, as the report would have been then. A failed month is
// recorded and the next one still runs; a cancelled context stops it.
// latest ends at the newest month written (see UpdateLatest).
func Backfill(ctx context.Context, j *Job, from, to Month, o Options) ([]*JobRun, error) {
	if to.Before(from) {
		return nil, fmt.Errorf("--to %s is before --from %s", to, from)
	}
	o.Trigger = "backfill"
	var runs []*JobRun
	var failed []string
	for m := from; !to.Before(m); m = m.Next() {
		if err := ctx.Err(); err != nil {
			return runs, fmt.Errorf("backfill stopped before %s: %w", m, err)
		}
		o.AsOf = m.First()
		jr, err := RunJob(ctx, j, o)
		runs = append(runs, jr)
		if err != nil {
			failed = append(failed, fmt.Sprintf("%s (%v)", m, err))
		}
	}
	if len(failed) > 0 {
		return runs, fmt.Errorf("%d of %d months failed: %s", len(failed), len(runs), strings.Join(failed, "; "))
	}
	return runs, nil
}

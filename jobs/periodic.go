package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/oversight/oversight/analysis/dates"
)

// The layout of a job's outputs under its root:
//
//	ROOT/.oversight-schedule.lock   held by the scheduler running on ROOT
//	ROOT/<job>/<YYYY-MM>/           one report per month, replaced whole
//	ROOT/<job>/latest               symlink to the newest month written
//	ROOT/<job>/runs.jsonl           one JSON line per run, good or failed
//	ROOT/<job>/.run.lock            held while a run of the job is going
const (
	LatestName   = "latest"
	RunsName     = "runs.jsonl"
	RootLockName = ".oversight-schedule.lock"
	jobLockName  = ".run.lock"
)

// Month is a calendar month, as in the folder name YYYY-MM.
type Month struct{ Year, Month int }

// MonthOf is the month a day is in.
func MonthOf(d dates.Day) Month {
	y, m, _ := d.YMD()
	return Month{y, m}
}

// ParseMonth reads YYYY-MM.
func ParseMonth(s string) (Month, error) {
	d, err := dates.Parse(s)
	if err != nil || d.Prec != dates.PrecMonth {
		return Month{}, fmt.Errorf("month %q: give YYYY-MM", s)
	}
	return MonthOf(d.Day), nil
}

func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, m.Month) }

// First is the month's first day.
func (m Month) First() dates.Day { return dates.FromYMD(m.Year, m.Month, 1) }

// Next is the month after.
func (m Month) Next() Month {
	if m.Month == 12 {
		return Month{m.Year + 1, 1}
	}
	return Month{m.Year, m.Month + 1}
}

// Before orders months.
func (m Month) Before(o Month) bool { return m.Year < o.Year || m.Year == o.Year && m.Month < o.Month }

func isMonthDir(name string) bool {
	_, err := ParseMonth(name)
	return err == nil && len(name) == 7
}

// Runner performs one run; Run is the runner of monthly and research jobs.
type Runner func(ctx context.Context, opt Options) (*Result, error)

// runners is what each kind of job runs.
var runners = map[string]Runner{
	"monthly":  Run,
	"research": Run,
	"councils": Councils,
}

// RunRecord is one line of runs.jsonl.
type RunRecord struct {
	Job     string     `json:"job"`
	Kind    string     `json:"kind"`
	Trigger string     `json:"trigger"` // schedule, run or backfill
	Month   string     `json:"month"`
	AsOf    string     `json:"as_of"`
	Out     string     `json:"out"`
	Start   time.Time  `json:"start"`
	End     time.Time  `json:"end"`
	Seconds float64    `json:"seconds"`
	Outcome string     `json:"outcome"` // ok, failed or skipped
	Error   string     `json:"error,omitempty"`
	Rows    *RowCounts `json:"rows,omitempty"`
	Outputs []string   `json:"outputs,omitempty"` // files written, relative to Out
	Pruned  []string   `json:"pruned,omitempty"`  // month folders removed by retention
	Version string     `json:"version"`
	PID     int        `json:"pid"`
}

// RowCounts is a run's row accounting.
type RowCounts struct {
	Read       int `json:"read"`
	Accepted   int `json:"accepted"`
	Rejected   int `json:"rejected"`
	Duplicates int `json:"duplicates"`
}

// Outcomes.
const (
	OutcomeOK      = "ok"
	OutcomeFailed  = "failed"
	OutcomeSkipped = "skipped"
)

// JobOptions are what one run of a job needs besides its spec.
type JobOptions struct {
	AsOf     dates.Day // 0: the job's as_of, else the first day of this month in the job's zone
	Trigger  string
	Logger   *slog.Logger
	Version  string
	Runners  map[string]Runner // nil: the built-in runners
	Progress io.Writer
	Now      func() time.Time // tests
}

// JobRun is what RunJob did.
type JobRun struct {
	Record RunRecord
	Result *Result // nil when the run failed before reading
}

// ErrJobBusy is a run refused because another process is running the job.
var ErrJobBusy = errors.New("the job is already running")

// JobAsOf is the as-of date of a run: the one given, else the job's as_of,
// else the first day of the current month in the job's zone. A research
// job whose question ends earlier is answered as at its end.
func JobAsOf(spec *JobSpec, asOf dates.Day, now time.Time) dates.Day {
	if asOf != 0 {
		return asOf
	}
	if spec.AsOf != 0 {
		return spec.AsOf
	}
	zone := spec.Zone
	if zone == nil {
		zone = london()
	}
	first := MonthOf(dates.FromTime(now.In(zone))).First()
	if spec.Kind == "research" && spec.Question.To != 0 && spec.Question.To < first {
		return spec.Question.To
	}
	return first
}

func london() *time.Location {
	loc, err := time.LoadLocation(DefaultZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// RunJob runs a job once into ROOT/<job>/<YYYY-MM>/ (the month of the as-of
// date), replacing that folder whole; on success it points latest at it
// (unless a newer month is there) and applies retention. Good or failed, it
// appends one line to runs.jsonl. A panic in the run is recovered and
// reported as a failed run.
func RunJob(ctx context.Context, spec *JobSpec, o JobOptions) (*JobRun, error) {
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	start := now()
	asOf := JobAsOf(spec, o.AsOf, start)
	month := MonthOf(asOf)
	out := filepath.Join(spec.Dir(), month.String())
	log = log.With("job", spec.Name, "month", month.String())
	jr := &JobRun{Record: RunRecord{
		Job: spec.Name, Kind: spec.Kind, Trigger: o.Trigger, Month: month.String(), AsOf: asOf.String(), Out: out,
		Start: start.UTC(), Version: o.Version, PID: os.Getpid(),
	}}
	rec := &jr.Record
	finish := func(runErr error) (*JobRun, error) {
		rec.End = now().UTC()
		rec.Seconds = round3(rec.End.Sub(rec.Start).Seconds())
		switch {
		case errors.Is(runErr, ErrJobBusy):
			rec.Outcome = OutcomeSkipped
		case runErr != nil:
			rec.Outcome = OutcomeFailed
		default:
			rec.Outcome = OutcomeOK
		}
		if runErr != nil {
			rec.Error = runErr.Error()
		}
		if err := AppendRun(spec.Dir(), rec); err != nil {
			log.Error("cannot record the run", "file", filepath.Join(spec.Dir(), RunsName), "error", err)
			runErr = errors.Join(runErr, err)
		}
		attrs := []any{"outcome", rec.Outcome, "as_of", rec.AsOf, "seconds", rec.Seconds, "out", out}
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
		return jr, runErr
	}

	if err := os.MkdirAll(spec.Dir(), 0o755); err != nil {
		return finish(err)
	}
	lock, err := LockFile(filepath.Join(spec.Dir(), jobLockName))
	if err != nil {
		var held *LockedError
		if errors.As(err, &held) {
			return finish(fmt.Errorf("%w in another process (pid %d, lock file %s)", ErrJobBusy, held.PID, held.Path))
		}
		return finish(err)
	}
	defer lock.Release()

	table := o.Runners
	if table == nil {
		table = runners
	}
	run, ok := table[spec.Kind]
	if !ok {
		return finish(fmt.Errorf("kind %s is not available in this build", spec.Kind))
	}
	opt := Options{
		Inputs: spec.Inputs, Out: out, AsOf: asOf, Strict: spec.Strict, Version: o.Version, Kind: spec.Kind,
		Job: spec.Name, Question: spec.Question, Logger: log, Progress: o.Progress,
	}
	if spec.Kind == "research" {
		opt.Title = "Children's social care: research question"
	}
	log.Info("run started", "as_of", asOf.String(), "out", out, "trigger", o.Trigger)
	res, err := safeRun(ctx, run, opt)
	jr.Result = res
	if res != nil && res.Intake != nil {
		read, acc, rej, dup := res.Intake.Totals()
		rec.Rows = &RowCounts{Read: read, Accepted: acc, Rejected: rej, Duplicates: dup}
	}
	if err != nil {
		return finish(err)
	}
	if res != nil && res.Manifest != nil {
		for _, f := range res.Manifest.Outputs {
			rec.Outputs = append(rec.Outputs, f.Path)
		}
		rec.Outputs = append(rec.Outputs, "manifest.json")
	}
	if err := UpdateLatest(spec.Dir(), month); err != nil {
		return finish(fmt.Errorf("published %s but could not point %s at it: %w", out, LatestName, err))
	}
	if spec.Keep > 0 {
		pruned, err := Prune(spec.Dir(), spec.Keep)
		rec.Pruned = pruned
		if len(pruned) > 0 {
			log.Info("retention", "keep", spec.Keep, "removed", strings.Join(pruned, " "))
		}
		if err != nil {
			return finish(fmt.Errorf("retention: %w", err))
		}
	}
	return finish(nil)
}

// safeRun turns a panic in the run into an error (with the stack logged).
func safeRun(ctx context.Context, run Runner, opt Options) (res *Result, err error) {
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
func Backfill(ctx context.Context, spec *JobSpec, from, to Month, o JobOptions) ([]*JobRun, error) {
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
		jr, err := RunJob(ctx, spec, o)
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

// AppendRun adds one line to dir/runs.jsonl in a single write to a file
// opened for appending, so lines from concurrent runs never interleave.
func AppendRun(dir string, rec *RunRecord) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	f, err := os.OpenFile(filepath.Join(dir, RunsName), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ReadRuns reads a job's runs.jsonl.
func ReadRuns(dir string) ([]RunRecord, error) {
	b, err := os.ReadFile(filepath.Join(dir, RunsName))
	if err != nil {
		return nil, err
	}
	var out []RunRecord
	for i, line := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var r RunRecord
		if err := json.Unmarshal(line, &r); err != nil {
			return out, fmt.Errorf("%s:%d: %w", RunsName, i+1, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// Latest is the month latest points at ("" when there is none).
func Latest(dir string) string {
	target, err := os.Readlink(filepath.Join(dir, LatestName))
	if err != nil || !isMonthDir(target) {
		return ""
	}
	return target
}

// UpdateLatest points dir/latest at the month folder, unless it already
// points at a newer month that still exists: latest is the newest month
// written, so re-running or backfilling an old month leaves it alone. The
// link is relative (the root can be moved) and replaced atomically: a new
// link is made beside it and renamed over it.
func UpdateLatest(dir string, m Month) error {
	if cur := Latest(dir); cur != "" {
		if cm, err := ParseMonth(cur); err == nil && m.Before(cm) {
			if _, err := os.Stat(filepath.Join(dir, cur)); err == nil {
				return nil
			}
		}
	}
	tmp := filepath.Join(dir, fmt.Sprintf(".%s.tmp-%d-%s", LatestName, os.Getpid(), strconv.FormatInt(time.Now().UnixNano(), 36)))
	if err := os.Symlink(m.String(), tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, LatestName)); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}

// MonthDirs lists the month folders in dir, oldest first.
func MonthDirs(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && isMonthDir(e.Name()) {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

// Prune removes month folders beyond the newest keep, never the one latest
// points at. It returns the folders removed.
func Prune(dir string, keep int) ([]string, error) {
	if keep <= 0 {
		return nil, nil
	}
	months, err := MonthDirs(dir)
	if err != nil || len(months) <= keep {
		return nil, err
	}
	latest := Latest(dir)
	var removed []string
	var errs []error
	for _, m := range months[:len(months)-keep] {
		if m == latest {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, m)); err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, m)
	}
	return removed, errors.Join(errs...)
}

// Lock is an exclusive flock(2) on a file, held until Release or the
// process ends (the kernel drops it even after kill -9).
type Lock struct {
	Path string
	f    *os.File
}

// LockedError is a lock another holder has.
type LockedError struct {
	Path string
	PID  int // 0 if unknown
}

func (e *LockedError) Error() string {
	if e.PID > 0 {
		return fmt.Sprintf("%s is locked by process %d", e.Path, e.PID)
	}
	return fmt.Sprintf("%s is locked by another process", e.Path)
}

// LockFile takes the lock without waiting and writes this process's id
// into the file. Locks are per open file, so a second LockFile on the same
// path fails even within one process.
func LockFile(path string) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		b, _ := io.ReadAll(io.LimitReader(f, 64))
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			pid, _ := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
			return nil, &LockedError{Path: path, PID: pid}
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{Path: path, f: f}, nil
}

// Release drops the lock. The file stays: removing it would let a third
// process lock a new file while a second still holds the old one.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the last descriptor releases the flock
	l.f = nil
	return err
}

// LockRoot takes ROOT/.oversight-schedule.lock for a scheduler's lifetime;
// a second scheduler on the same root is refused, naming the holder.
func LockRoot(root string) (*Lock, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("create root %s: %w", root, err)
	}
	l, err := LockFile(filepath.Join(root, RootLockName))
	var held *LockedError
	if errors.As(err, &held) {
		who := "another process"
		if held.PID > 0 {
			who = fmt.Sprintf("process %d", held.PID)
		}
		return nil, fmt.Errorf("another scheduler is running on %s (%s holds %s): stop it first, or give these jobs another root", root, who, held.Path)
	}
	return l, err
}

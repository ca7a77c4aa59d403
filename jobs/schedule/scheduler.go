package schedule

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/oversight/oversight/jobs"
	"github.com/oversight/oversight/outputs/publish"
)

// DefaultGrace is how long a stopping scheduler waits for runs in flight
// before cancelling them.
const DefaultGrace = 30 * time.Second

// cancelWait bounds the wait for cancelled runs to return.
var cancelWait = 30 * time.Second

// Scheduler runs the jobs of a jobs file on their schedules until its
// context is cancelled.
type Scheduler struct {
	Jobs     *File
	Logger   *slog.Logger
	Version  string
	Grace    time.Duration     // 0: DefaultGrace
	Runners  map[string]Runner // nil: the built-in runners
	Progress io.Writer
	// Hurry, when closed while stopping, cancels the runs in flight at
	// once instead of waiting out the grace period (a second Ctrl-C).
	Hurry <-chan struct{}
	// Started, when set, is called once the locks are held and the
	// schedules are running.
	Started func()
	// TickDone, when set, is called once each tick of a job has been dealt
	// with (its run over, or the tick skipped) and the job is ready for
	// its next tick: tests step the scheduler with it.
	TickDone func(job string)
	// Schedules, when set, gives the schedule each job (by name) runs on
	// instead of its own: tests drive the scheduler by hand with
	// scheduletest.Clock.For.
	Schedules func(job string) cron.Schedule
}

// Run holds ROOT/.oversight-schedule.lock on every root, runs each job on
// its schedule, and returns when ctx is cancelled and the runs in flight
// have finished:
//
//   - a job whose previous run is still going when its next tick comes is
//     skipped; the skip is logged and recorded in runs.jsonl;
//   - a panic in a run is recovered and logged, the run recorded as failed,
//     and the scheduler goes on;
//   - on cancellation no new run starts; runs in flight get the grace period
//     to finish, then their context is cancelled and they are waited for.
//
// robfig/cron's Stop waits for running jobs but never cancels them, so each
// run gets a context of its own that is cancelled only when the grace
// period is over. Each job has a cron of its own: its schedule is worked
// out and fired apart from the others' (cron works out an entry's next time
// only after firing it, so with one cron for all, a schedule that waits, as
// the tests' hand-driven one does, would hold up every job).
func (s *Scheduler) Run(ctx context.Context) error {
	log := s.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	grace := s.Grace
	if grace <= 0 {
		grace = DefaultGrace
	}
	table, err := s.runnerTable()
	if err != nil {
		return err
	}
	locks, err := lockRoots(s.Jobs.Jobs)
	if err != nil {
		return err
	}
	defer release(locks)

	runCtx, cancelRuns := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRuns()
	fl := &flight{running: map[string]time.Time{}}
	var crons []*cron.Cron
	for _, j := range s.Jobs.Jobs {
		crons = append(crons, s.jobCron(runCtx, j, log, table, fl))
	}
	for _, c := range crons {
		c.Start()
	}
	s.logStarted(log, grace)
	if s.Started != nil {
		s.Started()
	}

	<-ctx.Done()
	return s.stop(runCtx, cancelRuns, log, crons, grace, fl)
}

// runnerTable is what each kind of job runs, once every job's kind is
// found there.
func (s *Scheduler) runnerTable() (map[string]Runner, error) {
	table := s.Runners
	if table == nil {
		table = runners
	}
	if s.Jobs == nil || len(s.Jobs.Jobs) == 0 {
		return nil, errors.New("no jobs to schedule")
	}
	for _, j := range s.Jobs.Jobs {
		if _, ok := table[j.Kind]; !ok {
			return nil, fmt.Errorf("%s:%d: job %q is of kind %s, which this build cannot run", j.File, j.Line, j.Name, j.Kind)
		}
	}
	return table, nil
}

// lockRoots takes one lock per root, in a fixed order; on an error it
// releases those it took.
func lockRoots(js []*Job) ([]*publish.Lock, error) {
	roots := map[string]bool{}
	for _, j := range js {
		roots[filepath.Clean(j.Root)] = true
	}
	var sorted []string
	for r := range roots {
		sorted = append(sorted, r)
	}
	sort.Strings(sorted)
	var locks []*publish.Lock
	for _, r := range sorted {
		l, err := LockRoot(r)
		if err != nil {
			release(locks)
			return nil, err
		}
		locks = append(locks, l)
	}
	return locks, nil
}

// release releases locks, the last taken first.
func release(locks []*publish.Lock) {
	for i := len(locks) - 1; i >= 0; i-- {
		locks[i].Release()
	}
}

// flight is the runs in flight: how many, and when each job's began.
type flight struct {
	n       atomic.Int32
	mu      sync.Mutex
	running map[string]time.Time // job -> start of its run in flight
}

func (f *flight) begin(job string) {
	f.n.Add(1)
	f.mu.Lock()
	f.running[job] = time.Now()
	f.mu.Unlock()
}

func (f *flight) end(job string) {
	f.mu.Lock()
	delete(f.running, job)
	f.mu.Unlock()
	f.n.Add(-1)
}

// since is when the job's run in flight began.
func (f *flight) since(job string) time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.running[job]
}

// jobCron is a cron of the job's own that runs it on its schedule with
// runCtx, skipping (and recording) a tick that comes while its previous
// run is still going.
func (s *Scheduler) jobCron(runCtx context.Context, j *Job, log *slog.Logger, table map[string]Runner, fl *flight) *cron.Cron {
	jl := log.With("job", j.Name)
	opts := Options{Trigger: "schedule", Logger: log, Version: s.Version, Runners: table, Progress: s.Progress}
	run := cron.FuncJob(func() {
		fl.begin(j.Name)
		defer fl.end(j.Name)
		RunJob(runCtx, j, opts)
	})
	skipped := func() {
		now := time.Now()
		since := fl.since(j.Name)
		asOf := AsOf(j, 0, now)
		rec := &RunRecord{Job: j.Name, Kind: j.Kind, Trigger: "schedule", Month: MonthOf(asOf).String(), AsOf: asOf.String(),
			Out: filepath.Join(j.Dir(), MonthOf(asOf).String()), Start: now.UTC(), End: now.UTC(), Outcome: OutcomeSkipped,
			Error: fmt.Sprintf("the previous run (started %s) is still going", since.Format(time.RFC3339)), Version: s.Version, PID: os.Getpid()}
		jl.Warn("run skipped: the previous run is still going", "started", since.Format(time.RFC3339))
		if err := AppendRun(j.Dir(), rec); err != nil {
			jl.Error("cannot record the skipped run", "error", err)
		}
	}
	// The notes' chain, in this order: with Recover outside, a panic
	// would leave SkipIfStillRunning's token taken and the job would
	// never run again. Its logger is the job's, so that the skip is
	// logged and recorded under the job's name.
	jlog := cronLogger{log: jl, onSkip: skipped}
	chain := cron.NewChain(s.tickDone(j.Name), cron.SkipIfStillRunning(jlog), cron.Recover(jlog))
	sched := j.sched
	if s.Schedules != nil {
		sched = s.Schedules(j.Name)
	}
	c := cron.New(cron.WithLocation(jobs.London), cron.WithLogger(jlog))
	c.Schedule(sched, chain.Then(run))
	return c
}

// logStarted logs each job's next run, the jobs file's warnings and that
// the scheduler has started.
func (s *Scheduler) logStarted(log *slog.Logger, grace time.Duration) {
	for _, j := range s.Jobs.Jobs {
		next := j.Next(time.Now())
		log.Info("job scheduled", "job", j.Name, "kind", j.Kind, "schedule", j.Schedule, "zone", j.Zone.String(),
			"next", next.In(j.Zone).Format(time.RFC3339), "out", j.Dir())
	}
	for _, w := range s.Jobs.Warnings {
		log.Warn(w)
	}
	log.Info("scheduler started", "jobs", len(s.Jobs.Jobs), "file", s.Jobs.Path, "pid", os.Getpid(), "grace", grace.String())
}

// stop starts no new run, gives the runs in flight the grace period (or
// until Hurry) to finish, then cancels them and waits for them to return.
func (s *Scheduler) stop(runCtx context.Context, cancelRuns context.CancelFunc, log *slog.Logger, crons []*cron.Cron, grace time.Duration, fl *flight) error {
	stopping := make([]context.Context, len(crons))
	for i, c := range crons {
		stopping[i] = c.Stop() // done when the job's runs in flight are
	}
	stopped := make(chan struct{})
	go func() {
		for _, c := range stopping {
			<-c.Done()
		}
		close(stopped)
	}()
	n := fl.n.Load()
	log.Info("stopping: no new runs will start", "in_flight", n)
	if n > 0 {
		log.Info("waiting for the runs in flight", "in_flight", n, "grace", grace.String())
	}
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-stopped:
	case <-timer.C:
		log.Warn("grace period over: cancelling the runs in flight", "in_flight", fl.n.Load())
		cancelRuns()
	case <-s.Hurry:
		log.Warn("cancelling the runs in flight", "in_flight", fl.n.Load())
		cancelRuns()
	}
	if runCtx.Err() != nil {
		select {
		case <-stopped:
		case <-time.After(cancelWait):
			return fmt.Errorf("%d runs did not stop within %s of being cancelled", fl.n.Load(), cancelWait)
		}
	}
	log.Info("scheduler stopped")
	return nil
}

// tickDone wraps the whole chain, so that TickDone is called once
// SkipIfStillRunning has given the job back for its next tick.
func (s *Scheduler) tickDone(job string) cron.JobWrapper {
	return func(j cron.Job) cron.Job {
		if s.TickDone == nil {
			return j
		}
		return cron.FuncJob(func() {
			defer s.TickDone(job)
			j.Run()
		})
	}
}

// cronLogger passes robfig/cron's messages to slog: its routine ones (each
// wake-up) at debug level, errors (a recovered panic) at error level; a
// skipped tick goes to onSkip.
type cronLogger struct {
	log    *slog.Logger
	onSkip func()
}

func (l cronLogger) Info(msg string, kv ...any) {
	if msg == "skip" && l.onSkip != nil {
		l.onSkip()
		return
	}
	l.log.Debug("cron: "+msg, kv...)
}

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append([]any{"error", err}, kv...)...)
}

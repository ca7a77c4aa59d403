package schedule

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oversight/oversight/jobs"
	"github.com/oversight/oversight/jobs/schedule/scheduletest"
)

// The scheduler tests tick a scheduletest.Clock instead of waiting for real
// schedules, and wait for what the scheduler logs or the runs report, never
// for a length of time. A wait that never ends fails after liveness, which
// only a hang reaches.
const liveness = time.Minute

// logSink is a log the scheduler's goroutines write to and tests wait on.
type logSink struct {
	mu   sync.Mutex
	cond *sync.Cond
	b    bytes.Buffer
}

func newLogSink() *logSink {
	l := &logSink{}
	l.cond = sync.NewCond(&l.mu)
	return l
}

func (l *logSink) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.cond.Broadcast()
	return l.b.Write(p)
}

func (l *logSink) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logSink) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// waitCount waits until the log holds text n times.
func (l *logSink) waitCount(t *testing.T, text string, n int) {
	t.Helper()
	waitUntil(t, l.cond, func() bool { return strings.Count(l.b.String(), text) >= n },
		func() string { return fmt.Sprintf("the log never held %s %d times:\n%s", text, n, l.b.String()) })
}

// waitUntil waits until ok holds, checking it with cond's lock held each
// time cond is signalled; after liveness it fails with what's message.
func waitUntil(t *testing.T, cond *sync.Cond, ok func() bool, what func() string) {
	t.Helper()
	timer := time.AfterFunc(liveness, func() {
		cond.L.Lock()
		cond.Broadcast()
		cond.L.Unlock()
	})
	defer timer.Stop()
	deadline := time.Now().Add(liveness)
	cond.L.Lock()
	defer cond.L.Unlock()
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal(what())
		}
		cond.Wait()
	}
}

func (l *logSink) wait(t *testing.T, text string) {
	t.Helper()
	l.waitCount(t, text, 1)
}

// outcomes lists a job's runs.jsonl outcomes in order.
func outcomes(t *testing.T, dir string) []string {
	t.Helper()
	recs, err := ReadRuns(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range recs {
		out = append(out, r.Outcome)
	}
	return out
}

// ticks counts the ticks each job has dealt with (Scheduler.TickDone).
type ticks struct {
	mu   sync.Mutex
	cond *sync.Cond
	n    map[string]int
}

func newTicks() *ticks {
	k := &ticks{n: map[string]int{}}
	k.cond = sync.NewCond(&k.mu)
	return k
}

func (k *ticks) done(job string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.n[job]++
	k.cond.Broadcast()
}

// wait waits until job has dealt with n ticks.
func (k *ticks) wait(t *testing.T, job string, n int) {
	t.Helper()
	waitUntil(t, k.cond, func() bool { return k.n[job] >= n },
		func() string { return fmt.Sprintf("job %s dealt with %d ticks, not %d", job, k.n[job], n) })
}

// receive waits for a value from ch.
func receive[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(liveness):
		t.Fatalf("no %s", what)
		panic("unreachable")
	}
}

// startScheduler runs s until the returned stop is called; stop closes the
// clock (if any), cancels the scheduler's context and returns what Run did.
// done is closed when Run has returned.
func startScheduler(t *testing.T, s *Scheduler, clock *scheduletest.Clock) (stop func() error, done <-chan struct{}) {
	t.Helper()
	if clock != nil {
		s.Schedules = clock.For
	}
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	s.Started = func() { close(started) }
	result := make(chan error, 1)
	finished := make(chan struct{})
	go func() {
		result <- s.Run(ctx)
		close(finished)
	}()
	select {
	case <-started:
	case err := <-result:
		cancel()
		t.Fatalf("the scheduler did not start: %v", err)
	case <-time.After(liveness):
		cancel()
		t.Fatal("the scheduler did not start")
	}
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			if clock != nil {
				clock.Close()
			}
			cancel()
			err = receive(t, result, "return from Scheduler.Run")
		})
		return err
	}
	t.Cleanup(func() { stop() })
	return stop, finished
}

// Two jobs on one scheduler. The slow job's first run is still going at its
// next tick, which is skipped, logged and recorded; its next tick after the
// run ends runs again. The other job's first run panics: the panic is
// recovered and recorded, and its next tick runs all the same.
func TestSchedulerSkipsOverlapsAndSurvivesPanics(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	f := seedsAbs(t)
	jf := testJobs(t, dir, fmt.Sprintf(`
[job slow]
kind = monthly
schedule = @monthly
inputs = %[1]s
root = out

[job boom]
kind = monthly
schedule = @monthly
inputs = %[1]s
root = out
`, f))
	var slowCalls, boomCalls atomic.Int32
	slowStarted, release := make(chan struct{}), make(chan struct{})
	write := fakeRun("report.txt")
	runner := func(ctx context.Context, opt jobs.Options) (*jobs.Result, error) {
		switch opt.Job {
		case "slow":
			if slowCalls.Add(1) == 1 {
				close(slowStarted)
				select {
				case <-release:
				case <-ctx.Done():
					return nil, ctx.Err()
				}
			}
		case "boom":
			if boomCalls.Add(1) == 1 {
				var m map[string]int
				m["x"]++ // a real runtime panic: assignment to entry in nil map
			}
		}
		return write(ctx, opt)
	}
	logs, done := newLogSink(), newTicks()
	clock := scheduletest.NewClock()
	s := &Scheduler{Jobs: jf, Logger: logs.logger(), Runners: map[string]Runner{"monthly": runner}, Grace: liveness, TickDone: done.done}
	stop, _ := startScheduler(t, s, clock)
	slowDir, boomDir := filepath.Join(dir, "out", "slow"), filepath.Join(dir, "out", "boom")

	clock.Tick() // both jobs
	receive(t, slowStarted, "first run of slow")
	done.wait(t, "boom", 1) // it panicked
	clock.Tick("slow")      // while its first run is going
	done.wait(t, "slow", 1) // skipped
	clock.Tick("boom")
	done.wait(t, "boom", 2)
	close(release)
	done.wait(t, "slow", 2) // the first run is over
	clock.Tick("slow")
	done.wait(t, "slow", 3)
	if err := stop(); err != nil {
		t.Fatal(err)
	}

	// The skip is recorded at the tick, before the slow run ends.
	if got := outcomes(t, slowDir); strings.Join(got, " ") != "skipped ok ok" {
		t.Errorf("slow: %v, want skipped, ok, ok", got)
	}
	recs, _ := ReadRuns(slowDir)
	if !strings.Contains(recs[0].Error, "is still going") || recs[0].Trigger != "schedule" {
		t.Errorf("skip record: %+v", recs[0])
	}
	brecs, _ := ReadRuns(boomDir)
	if got := outcomes(t, boomDir); strings.Join(got, " ") != "failed ok" || !strings.Contains(brecs[0].Error, "panic: assignment to entry in nil map") {
		t.Errorf("boom: %v %+v", got, brecs[0])
	}
	if Latest(slowDir) == "" || Latest(boomDir) == "" {
		t.Error("latest not set")
	}
	l := logs.String()
	for _, want := range []string{
		`"msg":"run panicked","job":"boom"`,
		`"msg":"job scheduled","job":"slow","kind":"monthly","schedule":"@monthly"`,
		`"msg":"scheduler started"`,
		`"msg":"scheduler stopped"`,
	} {
		if !strings.Contains(l, want) {
			t.Errorf("logs lack %s", want)
		}
	}
	if n := slowCalls.Load(); n != 2 {
		t.Errorf("slow ran %d times, want 2", n)
	}
	// The lock is released: another scheduler can start on the root now.
	if lk, err := LockRoot(filepath.Join(dir, "out")); err != nil {
		t.Errorf("lock after stop: %v", err)
	} else {
		lk.Release()
	}
}

// blockingRun is a runner whose runs signal started and then wait for
// release (or their context): a run in flight for as long as a test needs.
func blockingRun(started chan<- struct{}, release <-chan struct{}, finished *atomic.Int64) Runner {
	write := fakeRun("report.txt")
	return func(ctx context.Context, opt jobs.Options) (*jobs.Result, error) {
		started <- struct{}{}
		select {
		case <-release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		res, err := write(ctx, opt)
		if finished != nil {
			finished.Store(time.Now().UnixNano())
		}
		return res, err
	}
}

// Stopping (SIGTERM in the CLI cancels the context) waits for the run in
// flight, which finishes and is recorded; no new run starts.
func TestSchedulerStopWaitsForRunInFlight(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	jf := testJobs(t, dir, "[job j]\nkind = monthly\nschedule = @monthly\ninputs = "+seedsAbs(t)+"\nroot = out\n")
	started, release := make(chan struct{}, 1), make(chan struct{})
	var finished atomic.Int64
	logs := newLogSink()
	clock := scheduletest.NewClock()
	s := &Scheduler{Jobs: jf, Logger: logs.logger(), Runners: map[string]Runner{"monthly": blockingRun(started, release, &finished)}, Grace: liveness}
	stop, done := startScheduler(t, s, clock)
	clock.Tick()
	receive(t, started, "run start")
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	logs.wait(t, `"msg":"waiting for the runs in flight","in_flight":1`)
	select {
	case <-done:
		t.Fatal("the scheduler returned with a run in flight")
	default:
	}
	clock.Tick() // the clock is closed: nothing starts
	close(release)
	if err := receive(t, stopped, "stop"); err != nil {
		t.Fatal(err)
	}
	if finished.Load() == 0 || finished.Load() > time.Now().UnixNano() {
		t.Fatal("the scheduler returned before the run in flight finished")
	}
	if o := outcomes(t, filepath.Join(dir, "out", "j")); len(o) != 1 || o[0] != OutcomeOK {
		t.Errorf("runs: %v", o)
	}
	if len(started) != 0 {
		t.Error("a run started after the scheduler was stopped")
	}
}

// A run still going when the grace period ends is cancelled, waited for,
// and recorded as failed.
func TestSchedulerGraceCancelsRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	jf := testJobs(t, dir, "[job j]\nkind = monthly\nschedule = @monthly\ninputs = "+seedsAbs(t)+"\nroot = out\n")
	started := make(chan struct{}, 1)
	logs := newLogSink()
	clock := scheduletest.NewClock()
	const grace = 50 * time.Millisecond
	s := &Scheduler{Jobs: jf, Logger: logs.logger(), Runners: map[string]Runner{"monthly": blockingRun(started, nil, nil)}, Grace: grace}
	stop, _ := startScheduler(t, s, clock)
	clock.Tick()
	receive(t, started, "run start")
	t0 := time.Now()
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(t0); d < grace {
		t.Errorf("stopped after %s, before the %s grace period was over", d, grace)
	}
	recs, _ := ReadRuns(filepath.Join(dir, "out", "j"))
	if len(recs) != 1 || recs[0].Outcome != OutcomeFailed || recs[0].Error != "context canceled" {
		t.Errorf("records: %+v", recs)
	}
	if !strings.Contains(logs.String(), "grace period over: cancelling the runs in flight") {
		t.Errorf("logs: %s", logs.String())
	}
}

// Hurry (a second Ctrl-C or SIGTERM in the CLI) cancels the runs in flight
// at once, however long the grace period.
func TestSchedulerHurryCancelsRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	jf := testJobs(t, dir, "[job j]\nkind = monthly\nschedule = @monthly\ninputs = "+seedsAbs(t)+"\nroot = out\n")
	started := make(chan struct{}, 1)
	hurry := make(chan struct{})
	logs := newLogSink()
	clock := scheduletest.NewClock()
	s := &Scheduler{Jobs: jf, Logger: logs.logger(), Runners: map[string]Runner{"monthly": blockingRun(started, nil, nil)}, Grace: 24 * time.Hour, Hurry: hurry}
	stop, _ := startScheduler(t, s, clock)
	clock.Tick()
	receive(t, started, "run start")
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	logs.wait(t, `"msg":"waiting for the runs in flight"`)
	close(hurry)
	if err := receive(t, stopped, "stop"); err != nil {
		t.Fatal(err)
	}
	recs, _ := ReadRuns(filepath.Join(dir, "out", "j"))
	if len(recs) != 1 || recs[0].Outcome != OutcomeFailed || recs[0].Error != "context canceled" {
		t.Errorf("records: %+v", recs)
	}
	if l := logs.String(); !strings.Contains(l, `"msg":"cancelling the runs in flight"`) || strings.Contains(l, "grace period over") {
		t.Errorf("logs: %s", l)
	}
}

// A second scheduler on the same root refuses to start, naming the lock
// file and the holder's pid; one on another root starts.
func TestSchedulerSecondRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	text := "[job j]\nkind = monthly\nschedule = @monthly\ninputs = " + seedsAbs(t) + "\nroot = out\n"
	r := map[string]Runner{"monthly": fakeRun("a")}
	startScheduler(t, &Scheduler{Jobs: testJobs(t, dir, text)}, nil)
	err := (&Scheduler{Jobs: testJobs(t, dir, text), Runners: r}).Run(context.Background())
	lock := filepath.Join(dir, "out", RootLockName)
	if err == nil || !strings.Contains(err.Error(), "another scheduler is running on") || !strings.Contains(err.Error(), lock) ||
		!strings.Contains(err.Error(), fmt.Sprintf("process %d", os.Getpid())) {
		t.Errorf("second scheduler: %v", err)
	}
	other := t.TempDir()
	stop2, _ := startScheduler(t, &Scheduler{Jobs: testJobs(t, other, text), Runners: r}, nil)
	if err := stop2(); err != nil {
		t.Error(err)
	}
	// A job of a kind this build cannot run is refused at start.
	jf := testJobs(t, other, "[job c]\nkind = councils\nschedule = @monthly\ninputs = "+seedsAbs(t)+"\nroot = out\n")
	if err := (&Scheduler{Jobs: jf, Runners: r}).Run(context.Background()); err == nil || !strings.Contains(err.Error(), "which this build cannot run") {
		t.Errorf("unknown kind: %v", err)
	}
}

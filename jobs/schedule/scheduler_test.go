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
)

// syncBuffer is a log sink safe for the scheduler's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func jsonLogger(w *syncBuffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// outcomes counts a job's runs.jsonl lines by outcome, in order.
func outcomes(dir string) []string {
	recs, _ := ReadRuns(dir) // a line being written is read on the next poll
	var out []string
	for _, r := range recs {
		out = append(out, r.Outcome)
	}
	return out
}

func count(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %s: %s", within, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func startScheduler(t *testing.T, s *Scheduler) (cancel func() error) {
	t.Helper()
	ctx, stop := context.WithCancel(context.Background())
	started := make(chan struct{})
	s.Started = func() { close(started) }
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	select {
	case <-started:
	case err := <-done:
		stop()
		t.Fatalf("scheduler did not start: %v", err)
	case <-time.After(2 * time.Second):
		stop()
		t.Fatal("scheduler did not start within 2 s")
	}
	return func() error {
		stop()
		select {
		case err := <-done:
			return err
		case <-time.After(5 * time.Second):
			t.Fatal("scheduler did not stop within 5 s")
			return nil
		}
	}
}

// A schedule every second: both jobs run at least twice; the slow job's
// first run (1.2 s) overlaps its next tick, which is skipped, logged and
// recorded; the first run of the other job panics, and it runs again at the
// next tick all the same. About 3 s.
func TestSchedulerEverySecond(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	f := seedsAbs(t)
	jf := testJobs(t, dir, fmt.Sprintf(`
[job slow]
kind = monthly
schedule = * * * * * *     # every second
inputs = %[1]s
root = out

[job boom]
kind = monthly
schedule = * * * * * *
inputs = %[1]s
root = out
`, f))
	var slowCalls, boomCalls atomic.Int32
	write := fakeRun("report.txt")
	runner := func(ctx context.Context, opt jobs.Options) (*jobs.Result, error) {
		switch opt.Job {
		case "slow":
			if slowCalls.Add(1) == 1 {
				select {
				case <-time.After(1200 * time.Millisecond):
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
	var logs syncBuffer
	s := &Scheduler{Jobs: jf, Logger: jsonLogger(&logs), Runners: map[string]Runner{"monthly": runner}, Grace: 2 * time.Second}
	start := time.Now()
	stop := startScheduler(t, s)
	slowDir, boomDir := filepath.Join(dir, "out", "slow"), filepath.Join(dir, "out", "boom")
	waitFor(t, 5*time.Second, "two runs of each job, one skip, a panic", func() bool {
		so, bo := outcomes(slowDir), outcomes(boomDir)
		return count(so, OutcomeOK) >= 2 && count(so, OutcomeSkipped) >= 1 && len(bo) >= 2 && count(bo, OutcomeOK) >= 1
	})
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	t.Logf("scheduler test took %.1f s", time.Since(start).Seconds())

	so := outcomes(slowDir)
	if so[0] != OutcomeSkipped || so[1] != OutcomeOK {
		// The skip is recorded at the tick, before the slow run ends.
		t.Errorf("slow: %v, want skipped, ok, ok...", so)
	}
	recs, _ := ReadRuns(slowDir)
	if !strings.Contains(recs[0].Error, "is still going") || recs[0].Trigger != "schedule" {
		t.Errorf("skip record: %+v", recs[0])
	}
	bo := outcomes(boomDir)
	brecs, _ := ReadRuns(boomDir)
	if bo[0] != OutcomeFailed || !strings.Contains(brecs[0].Error, "panic: assignment to entry in nil map") || bo[1] != OutcomeOK {
		t.Errorf("boom: %v %+v", bo, brecs[0])
	}
	if Latest(slowDir) == "" || Latest(boomDir) == "" {
		t.Error("latest not set")
	}
	l := logs.String()
	for _, want := range []string{
		`"msg":"run skipped: the previous run is still going","job":"slow"`,
		`"msg":"run panicked","job":"boom"`,
		`"msg":"scheduler started"`,
		`"msg":"scheduler stopped"`,
	} {
		if !strings.Contains(l, want) {
			t.Errorf("logs lack %s", want)
		}
	}
	// The lock is released: another scheduler can start on the root now.
	if lk, err := LockRoot(filepath.Join(dir, "out")); err != nil {
		t.Errorf("lock after stop: %v", err)
	} else {
		lk.Release()
	}
}

// Stopping (SIGTERM in the CLI cancels the context) waits for the run in
// flight, which finishes and is recorded; no new run starts.
func TestSchedulerStopWaitsForRunInFlight(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	jf := testJobs(t, dir, "[job j]\nkind = monthly\nschedule = * * * * * *\ninputs = "+seedsAbs(t)+"\nroot = out\n")
	started := make(chan struct{})
	var calls atomic.Int32
	var finished atomic.Int64
	write := fakeRun("report.txt")
	runner := func(ctx context.Context, opt jobs.Options) (*jobs.Result, error) {
		if calls.Add(1) == 1 {
			close(started)
		}
		select {
		case <-time.After(700 * time.Millisecond):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		res, err := write(ctx, opt)
		finished.Store(time.Now().UnixNano())
		return res, err
	}
	var logs syncBuffer
	s := &Scheduler{Jobs: jf, Logger: jsonLogger(&logs), Runners: map[string]Runner{"monthly": runner}, Grace: 5 * time.Second}
	stop := startScheduler(t, s)
	select {
	case <-started:
	case <-time.After(3 * time.Second):
		t.Fatal("no run started")
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	returned := time.Now().UnixNano()
	if finished.Load() == 0 || finished.Load() > returned {
		t.Fatal("the scheduler returned before the run in flight finished")
	}
	if o := outcomes(filepath.Join(dir, "out", "j")); len(o) != 1 || o[0] != OutcomeOK || calls.Load() != 1 {
		t.Errorf("runs: %v, calls %d", o, calls.Load())
	}
	if !strings.Contains(logs.String(), `"msg":"waiting for the runs in flight","in_flight":1`) {
		t.Errorf("logs: %s", logs.String())
	}
}

// A run still going when the grace period ends is cancelled, waited for,
// and recorded as failed.
func TestSchedulerGraceCancelsRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	jf := testJobs(t, dir, "[job j]\nkind = monthly\nschedule = * * * * * *\ninputs = "+seedsAbs(t)+"\nroot = out\n")
	started := make(chan struct{})
	var once sync.Once
	runner := func(ctx context.Context, opt jobs.Options) (*jobs.Result, error) {
		once.Do(func() { close(started) })
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(10 * time.Second):
			return nil, fmt.Errorf("not cancelled")
		}
	}
	var logs syncBuffer
	s := &Scheduler{Jobs: jf, Logger: jsonLogger(&logs), Runners: map[string]Runner{"monthly": runner}, Grace: 300 * time.Millisecond}
	stop := startScheduler(t, s)
	<-started
	t0 := time.Now()
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(t0); d < 300*time.Millisecond || d > 2*time.Second {
		t.Errorf("stopped after %s, want the 300 ms grace period", d)
	}
	recs, _ := ReadRuns(filepath.Join(dir, "out", "j"))
	if len(recs) != 1 || recs[0].Outcome != OutcomeFailed || recs[0].Error != "context canceled" {
		t.Errorf("records: %+v", recs)
	}
	if !strings.Contains(logs.String(), "grace period over: cancelling the runs in flight") {
		t.Errorf("logs: %s", logs.String())
	}
}

// A second scheduler on the same root refuses to start, naming the lock
// file and the holder's pid; one on another root starts.
func TestSchedulerSecondRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	text := "[job j]\nkind = monthly\nschedule = @monthly\ninputs = " + seedsAbs(t) + "\nroot = out\n"
	r := map[string]Runner{"monthly": fakeRun("a")}
	stop := startScheduler(t, &Scheduler{Jobs: testJobs(t, dir, text)})
	defer stop()
	err := (&Scheduler{Jobs: testJobs(t, dir, text), Runners: r}).Run(context.Background())
	lock := filepath.Join(dir, "out", RootLockName)
	if err == nil || !strings.Contains(err.Error(), "another scheduler is running on") || !strings.Contains(err.Error(), lock) ||
		!strings.Contains(err.Error(), fmt.Sprintf("process %d", os.Getpid())) {
		t.Errorf("second scheduler: %v", err)
	}
	other := t.TempDir()
	stop2 := startScheduler(t, &Scheduler{Jobs: testJobs(t, other, text), Runners: r})
	if err := stop2(); err != nil {
		t.Error(err)
	}
	// A job of a kind this build cannot run is refused at start.
	jf := testJobs(t, other, "[job c]\nkind = councils\nschedule = @monthly\ninputs = "+seedsAbs(t)+"\nroot = out\n")
	if err := (&Scheduler{Jobs: jf, Runners: r}).Run(context.Background()); err == nil || !strings.Contains(err.Error(), "which this build cannot run") {
		t.Errorf("unknown kind: %v", err)
	}
}

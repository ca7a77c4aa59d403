package main

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/oversight/oversight/outputs/manifest"
)

// Issue 10, case 4: a signal stops every stage, reading included, at once,
// and says so in words ("stopped; the previous output is unchanged"), not
// "context canceled"; the previous output is whole and unchanged. A FIFO
// in the findings folder is skipped, not waited on forever.
func TestSignalStopsEveryStage(t *testing.T) {
	t.Parallel()
	dir, data := processFixture(t, 9)
	if err := syscall.Mkfifo(filepath.Join(data, "pipe.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	args := func(asOf string) []string {
		return []string{"run", "--findings", data, "--out", out, "--as-of", asOf}
	}
	start := time.Now()
	first := oversightCmd(t, args("2025-01-01")...)
	var firstErr bytes.Buffer
	first.Stderr = &firstErr
	done := make(chan error, 1)
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- first.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run with a FIFO in the folder: %v %s", err, firstErr.String())
		}
	case <-time.After(3 * time.Minute):
		first.Process.Kill()
		t.Fatal("a FIFO in the findings folder hung the run")
	}
	full := time.Since(start)
	before, err := manifest.Read(filepath.Join(out, manifest.Name))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(before.Notices, "\n"), "pipe.csv: a named pipe") {
		t.Errorf("the skipped FIFO is not in the manifest's notices: %q", before.Notices)
	}

	rng := rand.New(rand.NewPCG(4, 5))
	var worst time.Duration
	stopped, early := 0, 0
	// Moments spread over the whole run: reading, metrics, charts,
	// datasets, workbook, manifest.
	for i, retries := 0, 0; i < 6; i++ {
		cmd := oversightCmd(t, args("2025-02-01")...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		exited, ran, err := startUntil(t, cmd, time.Duration((float64(i)+rng.Float64())/6*float64(full)))
		if exited == nil {
			if err != nil {
				t.Fatalf("moment %d: the run failed by itself: %v %s", i, err, stderr.String())
			}
			// It finished before its moment: a whole new output. The
			// moments are spread over this run's length from now on, and
			// this one is tried again (a few times: the test needs three
			// stops).
			before, _ = manifest.Read(filepath.Join(out, manifest.Name))
			t.Logf("moment %d: the run ended before it, in %v (the first took %v)", i, ran, full)
			full = ran
			if retries < 3 {
				retries++
				i--
			}
			continue
		}
		sig := time.Now()
		cmd.Process.Signal(syscall.SIGTERM)
		err = <-exited
		took := time.Since(sig)
		if err == nil {
			// It finished as the signal came: a whole new output.
			before, _ = manifest.Read(filepath.Join(out, manifest.Name))
			continue
		}
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.Sys().(syscall.WaitStatus).Signaled() {
			// The signal came before main installed its handler (package
			// initialisation takes about a tenth of a second): the default
			// action ended the process before it did anything, and nothing
			// could be said. The output must still be whole.
			early++
		} else {
			stopped++
			worst = max(worst, took)
			msg := stderr.String()
			if !strings.Contains(msg, "stopped; the previous output is unchanged") || strings.Contains(msg, "context canceled") {
				t.Errorf("stop %d: the message must say it stopped and the output is unchanged: %s", i, msg)
			}
		}
		cur, err := manifest.Read(filepath.Join(out, manifest.Name))
		if err != nil || cur.AsOf != before.AsOf || cur.Started != before.Started {
			t.Fatalf("stop %d: the previous output changed: %v", i, err)
		}
		if err := cur.Verify(out); err != nil {
			t.Fatalf("stop %d: the previous output is not whole: %v", i, err)
		}
	}
	if stopped < 3 {
		t.Fatalf("%d runs stopped by their handler (%d ended before main), want at least 3", stopped, early)
	}
	t.Logf("slowest stop: %v after the signal (a full run takes %v here)", worst, full)
	// The target is under a second; the bound here allows for a loaded
	// machine, and still fails a stage that runs on to its end.
	if worst > 3*time.Second {
		t.Errorf("a run took %v to stop after SIGTERM", worst)
	}
	// Nothing left behind once the next run has been.
	if b, err := oversightCmd(t, args("2025-03-01")...).CombinedOutput(); err != nil {
		t.Fatalf("run after stops: %v %s", err, b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".out*")); len(left) > 0 {
		t.Errorf("left beside the output: %v", left)
	}
}

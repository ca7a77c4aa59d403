package main

import (
	"bufio"
	"context"
	"os"
	"strconv"
	"strings"

	"github.com/oversight/oversight/jobs"
	"github.com/oversight/oversight/jobs/schedule"
	"github.com/oversight/oversight/jobs/schedule/scheduletest"
	"github.com/oversight/oversight/outputs/table"
)

// installTestHooks is called only in the test binary run as oversight (see
// TestMain), so neither the production binary nor the in-process tests
// have the hooks. With OVERSIGHT_TEST_CONTROL=stdin, `oversight schedule`
// fires its jobs when told on standard input, not on the wall clock, and
// holds each run until told to go on, one command a line:
//
//	tick [JOB...]   fire the jobs' schedules once (every job when none is named)
//	release         let one held run go on
//
// so a test can have a run in flight when it sends a signal.
func installTestHooks() {
	sizesHook = testSizes
	testHook = func(ctx context.Context, s *schedule.Scheduler) {
		if os.Getenv("OVERSIGHT_TEST_CONTROL") != "stdin" {
			return
		}
		clock := scheduletest.NewClock()
		s.Schedules = clock.For
		go func() {
			<-ctx.Done()
			clock.Close()
		}()
		release := make(chan struct{})
		runners := schedule.Runners()
		for kind, run := range runners {
			runners[kind] = func(ctx context.Context, opt jobs.Options) (*jobs.Result, error) {
				select {
				case <-release:
				case <-ctx.Done():
					return nil, ctx.Err()
				}
				return run(ctx, opt)
			}
		}
		s.Runners = runners
		go func() {
			sc := bufio.NewScanner(os.Stdin)
			for sc.Scan() {
				switch f := strings.Fields(sc.Text()); {
				case len(f) > 0 && f[0] == "tick":
					clock.Tick(f[1:]...)
				case len(f) == 1 && f[0] == "release":
					release <- struct{}{}
				}
			}
		}()
	}
}

// sizesEnv, when set, holds the writers' sizes for the runs of the test
// binary run as oversight: "BIGROWS,CHUNKROWS,CSVPARALLELROWS,CSVCHUNKROWS".
const sizesEnv = "OVERSIGHT_TEST_SIZES"

// testSizes reads sizesEnv.
func testSizes() jobs.Sizes {
	f := strings.Split(os.Getenv(sizesEnv), ",")
	if len(f) != 4 {
		return jobs.Sizes{}
	}
	n := make([]int, 4)
	for i, s := range f {
		n[i], _ = strconv.Atoi(s)
	}
	return jobs.Sizes{BigRows: n[0], ChunkRows: n[1], CSV: table.CSVSizes{ParallelRows: n[2], ChunkRows: n[3]}}
}

package main

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/oversight/oversight/jobs"
	"github.com/oversight/oversight/outputs/publish"
)

// stopGrace is how long a stopped run is given to return by itself before
// the command stops without it.
const stopGrace = 300 * time.Millisecond

// errStopped is a command stopped by SIGINT or SIGTERM.
var errStopped = errors.New("stopped")

// runStoppable runs a report so that a signal stops the command at once,
// whatever stage it is in. Stages that watch ctx return by themselves; one
// that does not (the workbook renders in memory) is abandoned, since the
// process is about to exit and nothing it writes is published: the output
// folder is only ever replaced by the publish step's one rename. That step,
// once begun, is let finish, so the message says truly whether the output
// changed.
func runStoppable(ctx context.Context, opt jobs.Options, run func(context.Context, jobs.Options) (*jobs.Result, error)) (*jobs.Result, error) {
	var publishing atomic.Bool
	onStage := opt.OnStage
	opt.OnStage = func(stage string) {
		if stage == "publish" {
			publishing.Store(true)
		}
		if onStage != nil {
			onStage(stage)
		}
	}
	type result struct {
		res *jobs.Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := run(ctx, opt)
		done <- result{res, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-ctx.Done():
		select {
		case r = <-done:
		case <-time.After(stopGrace):
			if publishing.Load() {
				r = <-done
				break
			}
			// Best effort: the next run clears what is left anyway.
			publish.RemoveOwnStaging(opt.Out)
			return nil, fmt.Errorf("%w; the previous output is unchanged (%s)", errStopped, opt.Out)
		}
	}
	if r.err != nil && ctx.Err() != nil && (!publishing.Load() || errors.Is(r.err, context.Canceled)) {
		return r.res, fmt.Errorf("%w; the previous output is unchanged (%s)", errStopped, opt.Out)
	}
	return r.res, r.err
}

// stoppedErr words an error of a command without an output folder that a
// signal stopped.
func stoppedErr(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil {
		return errStopped
	}
	return err
}

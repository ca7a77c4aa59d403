// Package parallel runs work in numbered pieces on several goroutines and
// hands the results back in order, so a writer can stream them out as they
// come while the bytes stay those of a sequential run.
package parallel

import (
	"context"
	"sync"
	"sync/atomic"
)

// Ordered calls produce(ctx, k) for k = 0 to n-1 on up to workers
// goroutines and consume(k, v) with the results in order of k, on the
// caller's goroutine. At most 2 x workers results are produced ahead of
// consume, so memory stays bounded however slow consume is.
//
// The first error, from produce (in order of k), consume or ctx, stops the
// work: no piece starts after it, the pieces under way are waited for, and
// the error is returned. produce receives a context that is cancelled then,
// so long pieces can stop early.
func Ordered[T any](ctx context.Context, n, workers int, produce func(ctx context.Context, k int) (T, error), consume func(k int, v T) error) error {
	if n <= 0 {
		return ctx.Err()
	}
	workers = max(1, min(workers, n))
	ahead := 2 * workers
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type result struct {
		v   T
		err error
	}
	// A piece takes a place before its number, and numbers are taken in
	// order, so the pieces under way are always the next `ahead` ones after
	// the last consumed: slot k%ahead is never shared, and the piece the
	// consumer waits for always has a place.
	places := make(chan struct{}, ahead)
	slots := make([]chan result, ahead)
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case places <- struct{}{}:
				case <-ctx.Done():
					return
				}
				k := int(next.Add(1) - 1)
				if k >= n || ctx.Err() != nil {
					return
				}
				v, err := produce(ctx, k)
				slots[k%ahead] <- result{v, err}
			}
		}()
	}
	stop := func(err error) error {
		cancel()
		wg.Wait()
		return err
	}
	for k := 0; k < n; k++ {
		select {
		case r := <-slots[k%ahead]:
			<-places
			if r.err != nil {
				return stop(r.err)
			}
			if err := consume(k, r.v); err != nil {
				return stop(err)
			}
		case <-ctx.Done():
			return stop(ctx.Err())
		}
	}
	wg.Wait()
	return nil
}

package parallel

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"
)

func TestOrderedKeepsOrderAndBound(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{{0, 2}, {1, 4}, {7, 1}, {100, 2}, {100, 4}, {33, 0}} {
		var waiting, most atomic.Int64
		var got []int
		err := Ordered(context.Background(), tc.n, tc.workers, func(_ context.Context, k int) (int, error) {
			time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond)
			w := waiting.Add(1)
			for {
				m := most.Load()
				if w <= m || most.CompareAndSwap(m, w) {
					break
				}
			}
			return k * k, nil
		}, func(k, v int) error {
			waiting.Add(-1)
			if v != k*k {
				t.Errorf("piece %d got %d", k, v)
			}
			got = append(got, k)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tc.n {
			t.Fatalf("n=%d: consumed %d pieces", tc.n, len(got))
		}
		for i, k := range got {
			if i != k {
				t.Fatalf("n=%d: piece %d consumed at %d", tc.n, k, i)
			}
		}
		if limit := int64(2 * max(1, tc.workers)); most.Load() > limit {
			t.Errorf("n=%d workers=%d: %d results waited, limit %d", tc.n, tc.workers, most.Load(), limit)
		}
	}
}

func TestOrderedStopsAtFirstError(t *testing.T) {
	bad := errors.New("piece 10 failed")
	var started atomic.Int64
	var consumed []int
	err := Ordered(context.Background(), 1000, 3, func(ctx context.Context, k int) (int, error) {
		started.Add(1)
		if k == 10 {
			return 0, bad
		}
		return k, nil
	}, func(k, v int) error {
		consumed = append(consumed, k)
		return nil
	})
	if !errors.Is(err, bad) {
		t.Fatalf("error %v", err)
	}
	if len(consumed) != 10 || consumed[9] != 9 {
		t.Errorf("consumed %v, want 0 to 9", consumed)
	}
	if n := started.Load(); n > 10+1+6 {
		t.Errorf("%d pieces started after the failure at 10", n)
	}

	stop := errors.New("writer failed")
	err = Ordered(context.Background(), 50, 2, func(ctx context.Context, k int) (int, error) { return k, nil },
		func(k, v int) error {
			if k == 3 {
				return stop
			}
			return nil
		})
	if !errors.Is(err, stop) {
		t.Fatalf("consume error %v", err)
	}
}

func TestOrderedCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var consumed atomic.Int64
	err := Ordered(ctx, 1000, 2, func(ctx context.Context, k int) (int, error) {
		if k == 5 {
			cancel()
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(100 * time.Microsecond):
		}
		return k, nil
	}, func(k, v int) error { consumed.Add(1); return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v", err)
	}
	if consumed.Load() >= 1000 {
		t.Error("ran to the end after cancellation")
	}
	if err := Ordered(ctx, 0, 2, func(context.Context, int) (int, error) { return 0, nil }, func(int, int) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("nothing to do on a cancelled context: %v", err)
	}
}

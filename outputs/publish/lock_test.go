package publish

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestLockHeldAndReleased(t *testing.T) {
	for _, fallback := range []bool{false, true} {
		if fallback {
			flock = func(int, int) error { return syscall.ENOLCK }
		}
		dir := filepath.Join(t.TempDir(), "out")
		a, err := LockDir(context.Background(), dir, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		if a.Path != filepath.Join(filepath.Dir(dir), ".out.lock") {
			t.Fatalf("lock file %s", a.Path)
		}
		_, err = LockDir(context.Background(), dir, false, nil)
		var held *LockedError
		if !errors.As(err, &held) || held.PID != os.Getpid() || !strings.Contains(held.Command, "publish.test") || held.Since.IsZero() {
			t.Fatalf("fallback %v: a second lock must fail naming the holder: %v %+v", fallback, err, held)
		}
		if !strings.Contains(held.Who(), "process ") {
			t.Errorf("Who: %s", held.Who())
		}
		if err := a.Release(); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(a.Path); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("fallback %v: the lock file stays after release: %v", fallback, err)
		}
		b, err := LockDir(context.Background(), dir, false, nil)
		if err != nil {
			t.Fatalf("fallback %v: after release: %v", fallback, err)
		}
		b.Release()
		b.Release() // twice is harmless
		flock = syscall.Flock
	}
}

// A lock file left by a process that died (kill -9) does not block: flock
// is dropped by the kernel, and the fallback sees the process is gone.
func TestStaleLockIsTakenOver(t *testing.T) {
	defer func() { flock = syscall.Flock }()
	for _, fallback := range []bool{false, true} {
		if fallback {
			flock = func(int, int) error { return syscall.ENOTSUP }
		}
		path := filepath.Join(t.TempDir(), ".out.lock")
		host, _ := os.Hostname()
		os.WriteFile(path, []byte("999999\ncommand: oversight run\nsince: 2025-01-01T00:00:00Z\nhost: "+host+"\n"), 0o644)
		l, err := TryLock(path)
		if err != nil {
			t.Fatalf("fallback %v: a stale lock blocks: %v", fallback, err)
		}
		b, _ := os.ReadFile(path)
		if !strings.HasPrefix(string(b), itoa(os.Getpid())+"\n") {
			t.Errorf("the lock file does not name its new holder: %q", b)
		}
		l.Release()
	}
}

func TestWaitLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".out.lock")
	a, err := TryLock(path)
	if err != nil {
		t.Fatal(err)
	}
	waited := make(chan *LockedError, 1)
	got := make(chan error, 1)
	go func() {
		l, err := WaitLock(context.Background(), path, func(h *LockedError) { waited <- h })
		if err == nil {
			l.Release()
		}
		got <- err
	}()
	if h := <-waited; h.PID != os.Getpid() {
		t.Fatalf("waiting names %+v", h)
	}
	time.Sleep(150 * time.Millisecond)
	select {
	case err := <-got:
		t.Fatalf("took a held lock: %v", err)
	default:
	}
	a.Release()
	if err := <-got; err != nil {
		t.Fatalf("after release: %v", err)
	}

	// A cancelled wait stops at once.
	a, _ = TryLock(path)
	defer a.Release()
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	start := time.Now()
	if _, err := WaitLock(ctx, path, nil); !errors.Is(err, context.Canceled) || time.Since(start) > 2*time.Second {
		t.Fatalf("cancelled wait: %v after %v", err, time.Since(start))
	}
}

// Many goroutines racing for the lock (each open file is its own flock
// owner): never two holders at once.
func TestLockExcludes(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".out.lock")
	var holders, max int32
	done := make(chan bool)
	var mu = make(chan struct{}, 1)
	mu <- struct{}{}
	for g := 0; g < 8; g++ {
		go func() {
			for i := 0; i < 20; i++ {
				l, err := WaitLock(context.Background(), path, nil)
				if err != nil {
					t.Error(err)
					break
				}
				<-mu
				holders++
				if holders > max {
					max = holders
				}
				mu <- struct{}{}
				time.Sleep(time.Millisecond)
				<-mu
				holders--
				mu <- struct{}{}
				l.Release()
			}
			done <- true
		}()
	}
	for g := 0; g < 8; g++ {
		<-done
	}
	if max != 1 {
		t.Fatalf("%d holders at once", max)
	}
}

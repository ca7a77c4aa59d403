package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Lock is an exclusive lock on a file, held until Release or the end of the
// process. It is flock(2) where the file system has it (the kernel drops it
// when the holder dies, even by kill -9, so a lock is never stale), else a
// file created exclusively that a later process takes over once the
// process named in it is gone. The file names its holder (process id,
// command, start time, host) for whoever finds it locked; the first line is
// the process id alone, as jobs' scheduler lock writes it.
type Lock struct {
	Path string
	f    *os.File
}

// Holder is who holds a lock, as its file says.
type Holder struct {
	PID     int       // 0 if unknown
	Command string    // the holder's command line
	Since   time.Time // when it took the lock
	Host    string
}

// LockedError is a lock another process holds.
type LockedError struct {
	Path string
	Holder
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("%s is held by %s", e.Path, e.Who())
}

// Who describes the holder: "process 4242 (oversight run --out x) since
// 10:04:05".
func (e *LockedError) Who() string {
	if e.PID == 0 {
		return "another process"
	}
	s := fmt.Sprintf("process %d", e.PID)
	if e.Host != "" {
		if h, _ := os.Hostname(); h != e.Host {
			s += " on " + e.Host
		}
	}
	if e.Command != "" {
		s += fmt.Sprintf(" (%s)", e.Command)
	}
	if !e.Since.IsZero() {
		s += " since " + e.Since.Local().Format("2006-01-02 15:04:05")
	}
	return s
}

// flock is the system call; tests replace it to exercise the fallback.
var flock = syscall.Flock

// TryLock takes the lock on path without waiting, or returns a
// *LockedError naming the holder.
func TryLock(path string) (*Lock, error) {
	for attempt := 0; attempt < 100; attempt++ {
		l, retry, err := tryLock(path)
		if !retry {
			return l, err
		}
	}
	return nil, fmt.Errorf("lock %s: the file keeps changing under us", path)
}

// tryLock makes one attempt; retry says the file changed under it (a
// holder released and removed it) and the attempt should be made again.
func tryLock(path string) (l *Lock, retry bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	created := err == nil
	if errors.Is(err, os.ErrExist) {
		f, err = os.OpenFile(path, os.O_RDWR, 0)
		if errors.Is(err, os.ErrNotExist) {
			return nil, true, nil
		}
	}
	if err != nil {
		return nil, false, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			h := readHolder(f)
			f.Close()
			return nil, false, &LockedError{Path: path, Holder: h}
		}
		if errors.Is(err, syscall.ENOLCK) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.EINVAL) {
			// No flock here: creating the file was taking the lock.
			if created {
				l = &Lock{Path: path, f: f}
				if err := l.writeHolder(); err != nil {
					l.Release()
					return nil, false, err
				}
				return l, false, nil
			}
			h := readHolder(f)
			f.Close()
			return stale(path, h)
		}
		f.Close()
		return nil, false, fmt.Errorf("lock %s: %w", path, err)
	}
	// The holder before us removes the file as it releases; if it did so
	// between our open and our flock, we hold a lock on a file no one else
	// will see: start again.
	if !samePath(f, path) {
		f.Close()
		return nil, true, nil
	}
	l = &Lock{Path: path, f: f}
	if err := l.writeHolder(); err != nil {
		l.Release()
		return nil, false, err
	}
	return l, false, nil
}

// stale decides, where there is no flock, whether a lock file's holder is
// gone (on this host): then the file is removed and the lock raced for
// again. Otherwise the lock is held.
func stale(path string, h Holder) (*Lock, bool, error) {
	host, _ := os.Hostname()
	gone := h.PID > 0 && (h.Host == "" || h.Host == host) && !alive(h.PID)
	if h.PID == 0 {
		// Empty: its creator is writing it this instant, or died at that
		// instant long ago.
		info, err := os.Stat(path)
		gone = err == nil && time.Since(info.ModTime()) > 10*time.Second
	}
	if !gone {
		return nil, false, &LockedError{Path: path, Holder: h}
	}
	// Remove it only if it is still the file that was read.
	if cur, err := os.Open(path); err == nil {
		if readHolder(cur) == h {
			os.Remove(path)
		}
		cur.Close()
	}
	return nil, true, nil
}

// WaitLock takes the lock on path, waiting for its holder as long as it
// takes or until ctx is done; waiting is called once, when it has to wait.
func WaitLock(ctx context.Context, path string, waiting func(*LockedError)) (*Lock, error) {
	told := false
	for {
		l, err := TryLock(path)
		var held *LockedError
		if !errors.As(err, &held) {
			return l, err
		}
		if !told && waiting != nil {
			waiting(held)
			told = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// DirLockPath is the lock file of an output folder: beside it, so it
// survives the folder being swapped, and named for it.
func DirLockPath(dir string) string {
	dir = filepath.Clean(dir)
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".lock")
}

// LockDir locks the output folder dir for a whole run (creating its parent
// if need be). Without wait a folder another run is writing is a
// *LockedError at once; with wait it waits (see WaitLock).
func LockDir(ctx context.Context, dir string, wait bool, waiting func(*LockedError)) (*Lock, error) {
	path := DirLockPath(dir)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", filepath.Dir(path), err)
	}
	if wait {
		return WaitLock(ctx, path, waiting)
	}
	return TryLock(path)
}

// Release drops the lock and removes its file (while still holding it, so
// no one can take the lock on a file about to vanish). Safe to call twice.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	var err error
	if samePath(l.f, l.Path) {
		err = os.Remove(l.Path)
	}
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

func (l *Lock) writeHolder() error {
	host, _ := os.Hostname()
	text := fmt.Sprintf("%d\ncommand: %s\nsince: %s\nhost: %s\n", os.Getpid(), commandLine(), time.Now().UTC().Format(time.RFC3339), host)
	if err := l.f.Truncate(0); err != nil {
		return fmt.Errorf("lock %s: %w", l.Path, err)
	}
	if _, err := l.f.WriteAt([]byte(text), 0); err != nil {
		return fmt.Errorf("lock %s: %w", l.Path, err)
	}
	return nil
}

func readHolder(f *os.File) Holder {
	b, _ := io.ReadAll(io.LimitReader(io.NewSectionReader(f, 0, 4096), 4096))
	var h Holder
	lines := strings.Split(string(b), "\n")
	h.PID, _ = strconv.Atoi(strings.TrimSpace(lines[0]))
	for _, line := range lines[1:] {
		k, v, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		switch k {
		case "command":
			h.Command = v
		case "since":
			h.Since, _ = time.Parse(time.RFC3339, v)
		case "host":
			h.Host = v
		}
	}
	return h
}

// commandLine is this process's command, as a person would type it.
func commandLine() string {
	parts := make([]string, len(os.Args))
	for i, a := range os.Args {
		if i == 0 {
			a = filepath.Base(a)
		}
		if a == "" || strings.ContainsAny(a, " \t\n\"'\\$") {
			a = strconv.Quote(a)
		}
		parts[i] = a
	}
	s := strings.Join(parts, " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// samePath reports whether path still names the open file f.
func samePath(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

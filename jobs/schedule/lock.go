package schedule

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Lock is an exclusive flock(2) on a file, held until Release or the
// process ends (the kernel drops it even after kill -9).
type Lock struct {
	Path string
	f    *os.File
}

// LockedError is a lock another holder has.
type LockedError struct {
	Path string
	PID  int // 0 if unknown
}

func (e *LockedError) Error() string {
	if e.PID > 0 {
		return fmt.Sprintf("%s is locked by process %d", e.Path, e.PID)
	}
	return fmt.Sprintf("%s is locked by another process", e.Path)
}

// LockFile takes the lock without waiting and writes this process's id
// into the file. Locks are per open file, so a second LockFile on the same
// path fails even within one process.
func LockFile(path string) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		b, _ := io.ReadAll(io.LimitReader(f, 64))
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			pid, _ := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
			return nil, &LockedError{Path: path, PID: pid}
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{Path: path, f: f}, nil
}

// Release drops the lock. The file stays: removing it would let a third
// process lock a new file while a second still holds the old one.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the last descriptor releases the flock
	l.f = nil
	return err
}

// LockRoot takes ROOT/.oversight-schedule.lock for a scheduler's lifetime;
// a second scheduler on the same root is refused, naming the holder.
func LockRoot(root string) (*Lock, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("create root %s: %w", root, err)
	}
	l, err := LockFile(filepath.Join(root, RootLockName))
	var held *LockedError
	if errors.As(err, &held) {
		who := "another process"
		if held.PID > 0 {
			who = fmt.Sprintf("process %d", held.PID)
		}
		return nil, fmt.Errorf("another scheduler is running on %s (%s holds %s): stop it first, or give these jobs another root", root, who, held.Path)
	}
	return l, err
}

// Package publish writes outputs atomically: a folder is built in a hidden
// temporary sibling and swapped into place in one step, and a file is
// written beside its final name and renamed over it. A run that fails or is
// killed at any moment leaves the previous output whole.
package publish

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Staging is a folder being built for Final.
type Staging struct {
	Final string
	Dir   string // where to write; becomes Final on Commit
	done  bool
}

// Begin creates the staging folder beside final (same file system, so the
// swap is a rename) and clears what killed runs left behind.
func Begin(final string) (*Staging, error) {
	final = filepath.Clean(final)
	parent := filepath.Dir(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	if info, err := os.Stat(final); err == nil && !info.IsDir() {
		return nil, fmt.Errorf("output %s exists and is not a folder", final)
	}
	cleanStale(final)
	dir := filepath.Join(parent, fmt.Sprintf(".%s.tmp-%d-%s", filepath.Base(final), os.Getpid(), token()))
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	return &Staging{Final: final, Dir: dir}, nil
}

// Commit puts the staged folder in place of Final in one atomic step and
// removes the folder it replaced.
func (s *Staging) Commit() error {
	if s.done {
		return errors.New("staging already finished")
	}
	if err := SyncDir(s.Dir); err != nil {
		return err
	}
	if _, err := os.Lstat(s.Final); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(s.Dir, s.Final); err != nil {
			return fmt.Errorf("publish %s: %w", s.Final, err)
		}
		s.done = true
		return SyncDir(filepath.Dir(s.Final))
	}
	if err := exchange(s.Dir, s.Final); err != nil {
		return fmt.Errorf("publish %s: %w", s.Final, err)
	}
	s.done = true
	// s.Dir now holds the previous output.
	if err := SyncDir(filepath.Dir(s.Final)); err != nil {
		return err
	}
	return os.RemoveAll(s.Dir)
}

// Abort removes the staged folder; Final is untouched. Safe to call after
// Commit (it does nothing then).
func (s *Staging) Abort() {
	if !s.done {
		os.RemoveAll(s.Dir)
		s.done = true
	}
}

// exchange swaps two paths atomically. Where the kernel cannot, it falls back
// to moving the old folder aside first; a crash between the two renames then
// leaves the old output in the hidden sibling, which Begin restores.
func exchange(a, b string) error {
	err := swapFn(a, b)
	if err == nil || !errors.Is(err, syscall.ENOSYS) && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) {
		return err
	}
	aside := filepath.Join(filepath.Dir(b), fmt.Sprintf(".%s.old-%d-%s", filepath.Base(b), os.Getpid(), token()))
	if err := os.Rename(b, aside); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		os.Rename(aside, b)
		return err
	}
	return os.Rename(aside, a)
}

// cleanStale removes staging folders of runs that no longer exist and puts
// back an output a crashed fallback swap left aside.
func cleanStale(final string) {
	parent, base := filepath.Dir(final), filepath.Base(final)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		for _, kind := range []string{".tmp-", ".old-"} {
			prefix := "." + base + kind
			if !strings.HasPrefix(name, prefix) {
				continue
			}
			pid, _ := strconv.Atoi(strings.SplitN(name[len(prefix):], "-", 2)[0])
			if pid > 0 && alive(pid) {
				continue
			}
			path := filepath.Join(parent, name)
			if _, err := os.Stat(final); kind == ".old-" && errors.Is(err, os.ErrNotExist) {
				os.Rename(path, final)
				continue
			}
			os.RemoveAll(path)
		}
	}
}

func alive(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

func token() string {
	var b [4]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// SyncDir makes a folder's entries (a rename into it) durable; file
// systems that cannot sync a folder are let be.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// File writes one file atomically: to a temporary file beside path, synced,
// then renamed over path. The file gets mode 0644.
func File(path string, write func(w io.Writer) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return SyncDir(dir)
}

// WriteFile creates path (mode 0644, its folder made if need be) and
// writes it: for files inside a staging folder, whose swap makes the whole
// output atomic, so a plain file is enough.
func WriteFile(path string, write func(w io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(path), err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// swapFn is the atomic swap; tests replace it to exercise the fallback.
var swapFn = renameExchange

// RemoveOwnStaging removes the staging folders this process made for final:
// for a run stopped with a stage still writing, just before the process
// exits (a later Begin would clear them too, once this process is gone).
func RemoveOwnStaging(final string) {
	final = filepath.Clean(final)
	pattern := filepath.Join(filepath.Dir(final), fmt.Sprintf(".%s.tmp-%d-*", filepath.Base(final), os.Getpid()))
	matches, _ := filepath.Glob(pattern)
	for _, m := range matches {
		os.RemoveAll(m)
	}
}

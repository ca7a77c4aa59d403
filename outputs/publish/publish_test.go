package publish

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func siblings(t *testing.T, dir string) []string {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestCommitNewAndReplace(t *testing.T) {
	for _, fallback := range []bool{false, true} {
		if fallback {
			swapFn = func(a, b string) error { return syscall.ENOSYS }
			defer func() { swapFn = renameExchange }()
		}
		root := t.TempDir()
		final := filepath.Join(root, "out")
		for i, text := range []string{"first", "second"} {
			s, err := Begin(final)
			if err != nil {
				t.Fatal(err)
			}
			write(t, filepath.Join(s.Dir, "report.txt"), text)
			if i == 1 {
				if got := read(t, filepath.Join(final, "report.txt")); got != "first" {
					t.Fatalf("before commit the old output must be whole: %q", got)
				}
			}
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			if got := read(t, filepath.Join(final, "report.txt")); got != text {
				t.Fatalf("fallback %v: got %q, want %q", fallback, got, text)
			}
		}
		if names := siblings(t, root); len(names) != 1 || names[0] != "out" {
			t.Fatalf("fallback %v: leftovers %v", fallback, names)
		}
	}
}

func TestAbortLeavesOutputUntouched(t *testing.T) {
	root := t.TempDir()
	final := filepath.Join(root, "out")
	s, _ := Begin(final)
	write(t, filepath.Join(s.Dir, "report.txt"), "good")
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	s, _ = Begin(final)
	write(t, filepath.Join(s.Dir, "report.txt"), "half writ")
	s.Abort()
	if got := read(t, filepath.Join(final, "report.txt")); got != "good" {
		t.Fatalf("got %q", got)
	}
	if names := siblings(t, root); len(names) != 1 {
		t.Fatalf("leftovers %v", names)
	}
}

func TestStaleStagingFromDeadRunsCleared(t *testing.T) {
	root := t.TempDir()
	final := filepath.Join(root, "out")
	os.MkdirAll(final, 0o755)
	write(t, filepath.Join(final, "report.txt"), "good")
	// A run killed mid-build (pid 999999 does not exist), and one whose
	// fallback swap was cut off after moving the old output aside.
	os.Mkdir(filepath.Join(root, ".out.tmp-999999-aaaa"), 0o755)
	live := filepath.Join(root, ".out.tmp-"+itoa(os.Getppid())+"-bbbb")
	os.Mkdir(live, 0o755)
	s, err := Begin(final)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	for _, n := range siblings(t, root) {
		if strings.Contains(n, "999999") {
			t.Fatalf("stale staging left: %v", siblings(t, root))
		}
	}
	if _, err := os.Stat(live); err != nil {
		t.Fatal("a live run's staging folder was removed")
	}

	root2 := t.TempDir()
	final2 := filepath.Join(root2, "out")
	aside := filepath.Join(root2, ".out.old-999999-cccc")
	os.Mkdir(aside, 0o755)
	write(t, filepath.Join(aside, "report.txt"), "restored")
	s2, err := Begin(final2)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Abort()
	if got := read(t, filepath.Join(final2, "report.txt")); got != "restored" {
		t.Fatalf("output moved aside by a crashed swap not restored: %q", got)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.csv")
	if err := File(p, func(w io.Writer) error { _, err := io.WriteString(w, "one"); return err }); err != nil {
		t.Fatal(err)
	}
	err := File(p, func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("disk on fire")
	})
	if err == nil || read(t, p) != "one" {
		t.Fatalf("failed write replaced the file: %v %q", err, read(t, p))
	}
	if names := siblings(t, dir); len(names) != 1 {
		t.Fatalf("leftovers %v", names)
	}
	info, _ := os.Stat(p)
	if info.Mode().Perm() != 0o644 {
		t.Fatalf("mode %v", info.Mode())
	}
}

func TestOutputPathIsAFile(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "out")
	write(t, p, "x")
	if _, err := Begin(p); err == nil {
		t.Fatal("a file where the output folder should be was accepted")
	}
}

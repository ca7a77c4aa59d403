package intake

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// loadWithin runs Load and fails if it does not return in time (a read
// that blocks forever would hang the test otherwise).
func loadWithin(t *testing.T, d time.Duration, paths ...string) (*Result, error) {
	t.Helper()
	type out struct {
		res *Result
		err error
	}
	done := make(chan out, 1)
	go func() {
		res, err := Load(context.Background(), paths, Options{})
		done <- out{res, err}
	}()
	select {
	case o := <-done:
		return o.res, o.err
	case <-time.After(d):
		t.Fatalf("Load(%v) blocked for %v", paths, d)
		return nil, nil
	}
}

// Issue 10, case 4: a FIFO named .csv blocked forever. Only regular files
// are read: others are skipped with a notice in folders and rejected when
// named.
func TestOnlyRegularFilesAreRead(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "good.csv"), []byte("council,date,measure,value\nMedway,2019,grade,good\n"), 0o644)
	os.Symlink(fifo, filepath.Join(dir, "link.csv"))
	os.Symlink(filepath.Join(dir, "good.csv"), filepath.Join(dir, "alias.csv"))

	_, err := loadWithin(t, 10*time.Second, fifo)
	if err == nil || !strings.Contains(err.Error(), "named pipe") || !strings.Contains(err.Error(), fifo) {
		t.Fatalf("a FIFO named directly: %v", err)
	}
	_, err = loadWithin(t, 10*time.Second, filepath.Join(dir, "link.csv"))
	if err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Fatalf("a link to a FIFO named directly: %v", err)
	}
	res, err := loadWithin(t, 10*time.Second, dir)
	if err != nil {
		t.Fatal(err)
	}
	notices := strings.Join(res.Notices, "\n")
	if !strings.Contains(notices, "pipe.csv") || !strings.Contains(notices, "link.csv") || !strings.Contains(notices, "named pipe") {
		t.Errorf("skipped special files must be named in notices: %s", notices)
	}
	var read []string
	for _, f := range res.Files {
		read = append(read, filepath.Base(f.Path))
	}
	if strings.Join(read, " ") != "alias.csv good.csv" || len(res.Findings) != 1 {
		t.Errorf("read %v, %d findings", read, len(res.Findings))
	}
}

package pdftext

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/oversight/oversight/analysis/extract/internal/hostile"
	"github.com/oversight/oversight/analysis/extract/internal/pdfgen"
)

func build(t *testing.T, gen func(io.Writer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gen(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// peakRSS resets the process's peak resident memory (Linux: clear_refs
// 5) and returns a function that reads how much it has grown since.
func peakRSS(t *testing.T) func() int64 {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Skip("cannot reset the peak memory here:", err)
	}
	start := status(t, "VmRSS")
	return func() int64 { return status(t, "VmHWM") - start }
}

// status is a /proc/self/status value in bytes.
func status(t *testing.T, key string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), key+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	t.Skip("no " + key)
	return 0
}

// Issue 22, case 3: a content stream inflating to 1 GB is refused at the
// document's memory limit, in one line, without the process growing much
// past the limit (before: 3.1 GB peak at a 1 GiB limit, and a reason of
// eight lines with a WebAssembly stack trace).
func TestMemoryBomb(t *testing.T) {
	bomb := build(t, func(w io.Writer) error { return hostile.Bomb(w, 1<<30) })
	e := NewEngine(Options{Workers: 1, MemoryLimitMiB: 64})
	defer e.Close()
	good := pdfgen.PDF([]pdfgen.Page{{Texts: []pdfgen.Text{{X: 72, Y: 100, S: "still working"}}}}, pdfgen.Options{})
	if _, err := e.Read(context.Background(), good); err != nil { // start the engine first
		t.Fatal(err)
	}
	grown := peakRSS(t)
	_, err := e.Read(context.Background(), bomb)
	if !errors.Is(err, ErrMemory) {
		t.Errorf("a 1 GB bomb at a 64 MiB limit: err = %v, want ErrMemory", err)
	}
	if err != nil && strings.Contains(err.Error(), "\n") {
		t.Errorf("the error is %d lines:\n%v", strings.Count(err.Error(), "\n")+1, err)
	}
	if g := grown(); g > 300<<20 {
		t.Errorf("memory grew by %d MB reading a bomb at a 64 MiB limit", g>>20)
	}
	// The next document is read as if nothing happened.
	if doc, err := e.Read(context.Background(), good); err != nil || doc.Texts()[0] != "still working" {
		t.Errorf("after the bomb: %v", err)
	}
}

// copyDir copies the files of src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// compiledFiles are the compiled modules in a cache folder.
func compiledFiles(dir string) map[string]int64 {
	out := map[string]int64{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil && info.Size() > 1<<20 {
				out[p] = info.Size()
			}
		}
		return nil
	})
	return out
}

// Issue 22, case 1: compiled code cut in half in the cache is dropped and
// PDFium compiled again, once; the PDF is read and the cache is whole
// again (before: every PDF "could not compile", for ever).
func TestDamagedCache(t *testing.T) {
	t.Parallel()
	// A copy of the cache the other tests use, filled by them if empty.
	shared := NewEngine(Options{})
	good := pdfgen.PDF([]pdfgen.Page{{Texts: []pdfgen.Text{{X: 72, Y: 100, S: "compiled again"}}}}, pdfgen.Options{})
	if _, err := shared.Read(context.Background(), good); err != nil {
		t.Fatal(err)
	}
	shared.Close()
	dir := t.TempDir()
	copyDir(t, shared.cacheDir(), dir)
	files := compiledFiles(dir)
	if len(files) == 0 {
		t.Skip("no compiled code in the user's cache (a read-only home?)")
	}
	for f, size := range files {
		if err := os.Truncate(f, size/2); err != nil {
			t.Fatal(err)
		}
	}
	e := NewEngine(Options{Workers: 1, CacheDir: dir})
	defer e.Close()
	doc, err := e.Read(context.Background(), good)
	if err != nil {
		t.Fatalf("with the cache cut in half: %v", err)
	}
	if got := doc.Texts()[0]; got != "compiled again" {
		t.Errorf("text = %q", got)
	}
	// The next engine finds it whole.
	e2 := NewEngine(Options{Workers: 1, CacheDir: dir})
	defer e2.Close()
	start := time.Now()
	if _, err := e2.Read(context.Background(), good); err != nil {
		t.Fatal(err)
	}
	for f, size := range compiledFiles(dir) {
		if size < files[f] {
			t.Errorf("%s: %d bytes, was %d: not written whole again", f, size, files[f])
		}
	}
	t.Logf("a damaged cache cost one compilation; the next engine started in %v", time.Since(start))
}

// An engine that cannot start is ErrEngine, no verdict on the document;
// one that fails once (a damaged cache) starts on the second attempt.
//
// (Failing once is TestDamagedCache's: the cache is dropped, so PDFium
// is compiled again, which is slow.)
func TestEngineCannotStart(t *testing.T) {
	good := pdfgen.PDF([]pdfgen.Page{{Texts: []pdfgen.Text{{X: 72, Y: 100, S: "fine"}}}}, pdfgen.Options{})
	for _, c := range []struct {
		name string
		opts Options
		ok   bool
		want string
	}{
		{"fails twice", Options{Workers: 1, failStarts: 2, CacheDir: t.TempDir()}, false, "failing on purpose"},
		{"too little memory to start", Options{Workers: 1, MemoryLimitMiB: 4}, false, "more than the 4 MiB"},
	} {
		e := NewEngine(c.opts)
		_, err := e.Read(context.Background(), good)
		switch {
		case c.ok && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case !c.ok && (!errors.Is(err, ErrEngine) || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: err = %v, want ErrEngine saying %q", c.name, err, c.want)
		case !c.ok:
			// It stays failed: no document is read by a broken engine.
			if _, err2 := e.Read(context.Background(), good); !errors.Is(err2, ErrEngine) {
				t.Errorf("%s: the second document: %v", c.name, err2)
			}
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: an error of several lines: %v", c.name, err)
		}
		e.Close()
	}
}

// The time limit is the document's, across calls: thirty pages that each
// take a while stop at the limit, not after thirty per-call limits.
func TestDocumentTime(t *testing.T) {
	slow := build(t, func(w io.Writer) error { return hostile.BombPages(w, 30, 100<<20) })
	start := time.Now()
	d, err := engine(t).Open(context.Background(), slow, Limits{Time: time.Second})
	if err == nil {
		_, err = d.All(context.Background())
		d.Close()
	}
	if !errors.Is(err, ErrTime) {
		t.Errorf("err = %v, want ErrTime", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("a 1 s limit stopped the document after %v", took)
	}
}

// A call that runs past its document's time is abandoned: the document
// fails at once, its memory may not grow any more (so an inflating bomb
// stops), its instance is closed when the call returns, and the next
// document is read as if nothing happened.
func TestAbandonedCall(t *testing.T) {
	bomb := build(t, func(w io.Writer) error { return hostile.Bomb(w, 1<<30) })
	e := NewEngine(Options{Workers: 1})
	defer e.Close()
	good := pdfgen.PDF([]pdfgen.Page{{Texts: []pdfgen.Text{{X: 72, Y: 100, S: "next document"}}}}, pdfgen.Options{})
	if err := e.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	d, err := e.Open(context.Background(), bomb, Limits{Memory: 2 << 30, Time: 100 * time.Millisecond})
	if err == nil {
		_, err = d.Page(context.Background(), 1)
		d.Close()
	}
	if !errors.Is(err, ErrTime) {
		t.Fatalf("err = %v, want ErrTime", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("abandoning took %v", took)
	}
	doc, err := e.Read(context.Background(), good)
	if err != nil || doc.Texts()[0] != "next document" {
		t.Errorf("the next document: %v %v", doc, err)
	}
	for deadline := time.Now().Add(30 * time.Second); e.Stuck() > 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the abandoned call never returned")
		}
	}
}

// With as many abandoned calls still running as the engine allows, a
// document waits for one to end, at most its own time, then is ErrBusy
// (not read this time: no verdict on it).
func TestBusy(t *testing.T) {
	e := NewEngine(Options{Workers: 1})
	defer e.Close()
	good := pdfgen.PDF([]pdfgen.Page{{Texts: []pdfgen.Text{{X: 72, Y: 100, S: "read after the wait"}}}}, pdfgen.Options{})
	if err := e.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.mu.Lock()
	e.stuck = maxStuck
	e.mu.Unlock()
	if _, err := e.Open(context.Background(), good, Limits{Time: 200 * time.Millisecond}); !errors.Is(err, ErrBusy) {
		t.Errorf("err = %v, want ErrBusy", err)
	}
	// One ends while the next document waits: it is read.
	go func() {
		time.Sleep(100 * time.Millisecond)
		e.mu.Lock()
		e.stuck--
		close(e.unstuck)
		e.unstuck = make(chan struct{})
		e.mu.Unlock()
	}()
	d, err := e.Open(context.Background(), good, Limits{Time: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if p, err := d.Page(context.Background(), 1); err != nil || p.Text() != "read after the wait" {
		t.Errorf("%v %v", p, err)
	}
	e.mu.Lock()
	e.stuck = 0
	e.mu.Unlock()
}

package extract

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/oversight/oversight/analysis/extract/internal/hostile"
	"github.com/oversight/oversight/analysis/extract/pdftext"
)

func setBudget(o *Options, text int, t time.Duration) {
	o.Budget.Text, o.Budget.Time = text, t
}

func generate(t *testing.T, dir, name string, f func(io.Writer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b); err != nil {
		t.Fatal(err)
	}
	return write(t, dir, name, b.Bytes())
}

// Case 3: the time is the document's, all of it. A PDF whose pages each
// take a while (before: a two-minute limit per PDFium call, so a
// million-page PDF ran 230 s and was accepted) stops at its budget, and
// the run goes on to the next document.
func TestTimeBudget(t *testing.T) {
	dir := t.TempDir()
	slow := generate(t, dir, "slow.pdf", func(w io.Writer) error { return hostile.BombPages(w, 40, 100<<20) })
	letter := write(t, dir, "2023-03-03_letter.txt", []byte(hostile.NewsText()))
	start := time.Now()
	res := runOn(t, Options{Paths: []string{dir}, Budget: Budget{Time: time.Second}})
	took := time.Since(start)
	docs := byFile(res)
	if d := docs[slow]; d.Status != StatusRejected || !strings.Contains(d.Reason, "took longer than the 1s") {
		t.Errorf("slow.pdf: %s %q", d.Status, d.Reason)
	}
	if d := docs[letter]; d.Status != StatusOK {
		t.Errorf("the letter: %s %q", d.Status, d.Reason)
	}
	if took > 10*time.Second {
		t.Errorf("a 1 s budget: the run took %v", took)
	}
}

// An over-budget verdict is remembered with its budget: the same budget
// does not read the document again, a larger one does.
func TestOverBudgetRemembered(t *testing.T) {
	dir := t.TempDir()
	p := generate(t, dir, "papers.pdf", func(w io.Writer) error { return hostile.FlatPages(w, 30, hostile.NewsSentence) })
	reg := filepath.Join(t.TempDir(), "registry.jsonl")
	opts := Options{Paths: []string{dir}, Registry: reg, Budget: Budget{Pages: 20}}
	first := runOn(t, opts)
	if d := first.Documents[0]; d.Status != StatusRejected || !strings.Contains(d.Reason, "30 pages, more than the 20") {
		t.Fatalf("first: %s %q", d.Status, d.Reason)
	}
	saveRegistry(t, reg, first)
	if again := runOn(t, opts); again.New != 0 {
		t.Errorf("the same budget read it again")
	}
	opts.Budget.Pages = 40
	more := runOn(t, opts)
	if more.New != 1 || byFile(more)[p].Status != StatusOK {
		t.Errorf("a larger budget: %d new, %+v", more.New, byFile(more)[p])
	}
}

// HTML bombs stop before a parser builds their tree: a page of more
// elements than the memory budget allows, one of more text than the text
// budget, one nested a million deep.
func TestHTMLBudget(t *testing.T) {
	dir := t.TempDir()
	many := generate(t, dir, "many.html", func(w io.Writer) error { return hostile.ManyElementsHTML(w, 200_000) })
	big := generate(t, dir, "big.html", func(w io.Writer) error { return hostile.BigHTML(w, 2<<20) })
	deep := generate(t, dir, "deep.html", func(w io.Writer) error { return hostile.NestedHTML(w, "div", 100_000) })
	deepB := generate(t, dir, "deepb.html", func(w io.Writer) error { return hostile.NestedHTML(w, "b", 100_000) })
	start := time.Now()
	res := runOn(t, Options{Paths: []string{dir}, Budget: Budget{MemoryMiB: 64, Text: 1 << 20}})
	docs := byFile(res)
	for p, want := range map[string]string{many: "memory budget", big: "text budget", deep: "nests elements", deepB: "nests elements"} {
		if d := docs[p]; d.Status != StatusRejected || !strings.Contains(d.Reason, want) {
			t.Errorf("%s: %s %q; want rejected saying %q", filepath.Base(p), d.Status, d.Reason, want)
		}
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("took %v", took)
	}
}

// The size budget: a file larger than it is not read.
func TestFileBudget(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "big.txt", bytes.Repeat([]byte("Barnet council. "), 1<<16))
	res := runOn(t, Options{Paths: []string{dir}, Budget: Budget{FileBytes: 512 << 10}})
	// Refused unread: no SHA-256.
	if d := byFile(res)[p]; d.Status != StatusRejected || !strings.Contains(d.Reason, "1 MiB, more than the 512 KiB") || d.SHA256 != "" {
		t.Errorf("%s %q", d.Status, d.Reason)
	}
}

// Case 1: a PDF engine that cannot start is no verdict on the documents:
// Run fails, saying so, and records nothing (before: every PDF was
// "rejected: could not read the PDF: start PDFium: ...", the run exited 0,
// and the registry kept the verdicts for ever).
func TestEngineFailureIsNotAVerdict(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "wigan_2023-01-10.pdf", ilacsReport("Inspection of Wigan local authority"))
	write(t, dir, "2023-03-03_letter.txt", []byte(hostile.NewsText()))
	broken := pdftext.NewEngine(pdftext.Options{Workers: 1, MemoryLimitMiB: 4})
	defer broken.Close()
	res, err := Run(context.Background(), Options{Paths: []string{dir}, PDF: broken, Budget: Budget{MemoryMiB: 4}})
	if !errors.Is(err, pdftext.ErrEngine) || res != nil {
		t.Fatalf("Run with an engine that cannot start: %v, %v; want ErrEngine and no result", res, err)
	}
	if !strings.Contains(err.Error(), "nothing was recorded") {
		t.Errorf("the error does not say nothing was recorded: %v", err)
	}
}

// Unreadable files and folders (run as an unprivileged user: nothing is
// unreadable to root) have rows; the rest is read.
func TestUnreadable(t *testing.T) {
	if os.Getenv("EXTRACT_AS_NOBODY") == "" {
		if os.Geteuid() != 0 {
			t.Skip("needs root to run the check as another user")
		}
		if _, err := exec.LookPath("setpriv"); err != nil {
			t.Skip("no setpriv")
		}
		dir, err := os.MkdirTemp("", "unreadable")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
		os.Chmod(dir, 0o755)
		write(t, dir, "2023-03-03_letter.txt", []byte(hostile.NewsText()))
		secret := write(t, dir, "secret.txt", []byte(hostile.NewsText()))
		os.Chmod(secret, 0)
		sub := filepath.Join(dir, "private")
		write(t, sub, "x.txt", []byte("x"))
		os.Chmod(sub, 0)
		cmd := exec.Command("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", os.Args[0], "-test.run=^TestUnreadable$", "-test.v")
		cmd.Env = append(os.Environ(), "EXTRACT_AS_NOBODY="+dir, "HOME=/tmp", "XDG_CACHE_HOME=/tmp/nobody-cache")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("as nobody: %v\n%s", err, out)
		}
		return
	}
	dir := os.Getenv("EXTRACT_AS_NOBODY")
	res, err := Run(context.Background(), Options{Paths: []string{dir}, PDF: pdftext.NewEngine(pdftext.Options{CacheDir: "off"})})
	if err != nil {
		t.Fatal(err)
	}
	docs := byFile(res)
	for name, want := range map[string]string{"secret.txt": "permission denied", "private": "permission denied"} {
		if d := docs[filepath.Join(dir, name)]; d.Status != StatusRejected || !strings.Contains(d.Reason, want) {
			t.Errorf("%s: %s %q", name, d.Status, d.Reason)
		}
	}
	if d := docs[filepath.Join(dir, "2023-03-03_letter.txt")]; d.Status != StatusOK {
		t.Errorf("the readable letter: %s %q", d.Status, d.Reason)
	}
}

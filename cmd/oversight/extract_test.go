package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/oversight/oversight/outputs/manifest"
	"github.com/oversight/oversight/outputs/publish"
)

// TestExtractCommand runs `oversight extract` on the fixture reports, then
// again into its own earlier output (recognised by its manifest, nothing
// read), then `oversight run` on what it wrote: documents in, findings out,
// a report made from them.
func TestExtractCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "extracted")
	code, stdout, stderr := oversight(t, "extract", "../../fixtures/reports", "--out", out)
	if code != 0 {
		t.Fatalf("extract: exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"11 documents (11 read now, 0 known from the registry, 0 copies of another)",
		"rejected ../../fixtures/reports/birmingham_2012-10-19.pdf: named .pdf but it is a web page",
		"rejected ../../fixtures/reports/README.md", "rejected ../../fixtures/reports/truth.csv"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("extract output lacks %q:\n%s", want, stdout)
		}
	}
	for _, f := range []string{"findings.csv", "documents.csv", "review.csv", "registry.jsonl", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	first := readExtractManifest(t, out)
	if first.Kind != "extract" || first.Totals.New != 11 || len(first.Inputs) != 11 {
		t.Errorf("first manifest: kind %q, %d new, %d inputs", first.Kind, first.Totals.New, len(first.Inputs))
	}
	code, stdout, stderr = oversight(t, "extract", "../../fixtures/reports", "--out", out)
	if code != 0 || !strings.Contains(stdout, "(0 read now, 11 known from the registry") {
		t.Errorf("second extract into its own earlier output: exit %d\n%s\n%s", code, stdout, stderr)
	}
	second := readExtractManifest(t, out)
	if second.Totals.New != 0 || len(second.Inputs) != 11 || second.Inputs[1].SHA256 != first.Inputs[1].SHA256 {
		t.Errorf("second manifest: %d new, %d inputs", second.Totals.New, len(second.Inputs))
	}
	code, stdout, stderr = oversight(t, "run", "--findings", filepath.Join(out, "findings.csv"), "--out", filepath.Join(dir, "report"), "--as-of", "2026-09-01")
	if code != 0 {
		t.Fatalf("run on extracted findings: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if code, _, stderr := oversight(t, "extract", "../../fixtures/reports"); code != 2 || !strings.Contains(stderr, "--out") {
		t.Errorf("no --out: exit %d, %s", code, stderr)
	}
	if code, _, stderr := oversight(t, "extract", "--out", out, "--threshold", "2", "x"); code != 2 || !strings.Contains(stderr, "threshold") {
		t.Errorf("bad threshold: exit %d, %s", code, stderr)
	}
}

// readExtractManifest reads an extraction's manifest.json and checks that
// it verifies (every output there with its checksum).
func readExtractManifest(t *testing.T, out string) *manifest.Extraction {
	t.Helper()
	m, err := manifest.ReadExtraction(filepath.Join(out, manifest.Name))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Verify(out); err != nil {
		t.Fatal(err)
	}
	return m
}

// The registry extract keeps: in the output folder by default, kept there
// across runs; a --registry elsewhere in the output folder (which is
// replaced whole) or one that is an input is refused before anything is
// read.
func TestExtractRegistry(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	copySeeds(t, filepath.Join(in, "seeds.csv"))
	letter := filepath.Join(in, "letter.txt")
	os.WriteFile(letter, []byte("Barnet council said on 3 March 2023 that social worker caseloads were 20.\n"), 0o644)
	out := filepath.Join(dir, "out")

	if code, _, stderr := oversight(t, "extract", in, "--out", out, "--registry", filepath.Join(out, "mine.jsonl")); code != 2 || !strings.Contains(stderr, "inside the output folder") {
		t.Errorf("--registry inside --out: exit %d, %s", code, stderr)
	}
	before, _ := os.ReadFile(letter)
	if code, _, stderr := oversight(t, "extract", letter, "--out", out, "--registry", letter); code == 0 || !strings.Contains(stderr, "is the input") {
		t.Errorf("--registry is an input: exit %d, %s", code, stderr)
	}
	if after, _ := os.ReadFile(letter); !bytes.Equal(before, after) {
		t.Error("--registry naming an input changed it")
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused extract wrote its output folder")
	}
	// The default registry, spelled out, is the one in the folder.
	for i, want := range []string{"(2 read now, 0 known", "(0 read now, 2 known"} {
		code, stdout, stderr := oversight(t, "extract", in, "--out", out, "--registry", filepath.Join(out, "..", "out", "registry.jsonl"))
		if code != 0 || !strings.Contains(stdout, want) {
			t.Fatalf("run %d with the folder's own registry: exit %d\n%s\n%s", i+1, code, stdout, stderr)
		}
	}
	// A registry outside the folder is written there, and the folder's own
	// too; the next run reads nothing.
	reg := filepath.Join(dir, "registry.jsonl")
	out2 := filepath.Join(dir, "out2")
	for i, want := range []string{"(2 read now, 0 known", "(0 read now, 2 known"} {
		code, stdout, stderr := oversight(t, "extract", in, "--out", out2, "--registry", reg)
		if code != 0 || !strings.Contains(stdout, want) {
			t.Fatalf("run %d with --registry outside: exit %d\n%s\n%s", i+1, code, stdout, stderr)
		}
	}
	for _, p := range []string{reg, filepath.Join(out2, "registry.jsonl")} {
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	}
}

// Issue 10, case 3, for extract: two extracts into one DIR. The second
// fails at once naming the holder, or with --wait waits for it. The first
// is held (SIGSTOP) with the lock taken, so the test does not depend on
// how long an extraction takes.
func TestSecondExtractIntoOneDirFailsOrWaits(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in, out := "../../fixtures/reports", filepath.Join(dir, "extracted")
	lockFile := publish.DirLockPath(out)
	start := func(extra ...string) (*exec.Cmd, *lockedBuffer) {
		cmd := oversightCmd(t, append([]string{"extract", in, "--out", out}, extra...)...)
		e := &lockedBuffer{}
		cmd.Stderr = e
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, e
	}
	// holdFirst starts an extract and stops it while it holds the lock.
	holdFirst := func() *exec.Cmd {
		return holdLocked(t, "the first extract", lockFile, func() bool { return true }, func() *exec.Cmd {
			cmd, _ := start()
			return cmd
		})
	}

	refusedAtOnce(t, "extract", holdFirst(), oversightCmd(t, "extract", in, "--out", out))
	readExtractManifest(t, out)

	// With --wait the second waits for the first, then writes (reading
	// nothing: the first's registry has every document).
	first := holdFirst()
	second, secondErr := start("--wait")
	waitsForHolder(t, "extract", first, second, secondErr)
	if m := readExtractManifest(t, out); m.Totals.New != 0 || m.Totals.Documents != 11 {
		t.Errorf("the waiting extract's manifest: %+v", m.Totals)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".extracted*")); len(leftovers) > 0 {
		t.Errorf("left beside the output: %v", leftovers)
	}
}

// lockedBuffer is a process's output, read while the process writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A stopped extract says so in words and leaves the previous output as it
// was.
func TestExtractStopped(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "extracted")
	if code, stdout, stderr := oversight(t, "extract", "../../fixtures/reports/README.md", "--out", out); code != 0 {
		t.Fatalf("extract: exit %d %s %s", code, stdout, stderr)
	}
	before := readExtractManifest(t, out)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var o, e bytes.Buffer
	code := Main(ctx, []string{"extract", "../../fixtures/reports", "--out", out}, &o, &e)
	if code != 1 || !strings.Contains(e.String(), "stopped; the previous output is unchanged") {
		t.Errorf("stopped extract: exit %d, %s", code, e.String())
	}
	if after := readExtractManifest(t, out); !after.Finished.Equal(before.Finished) || len(after.Inputs) != 1 {
		t.Errorf("the previous output changed: %+v", after)
	}
}

// Issue 22, case 1, at the command: a PDF engine that cannot start (here:
// a memory budget too small for PDFium) fails the run with exit 1 and a
// clear message, writes nothing and records nothing, so the next run reads
// every document (before: each PDF was a rejected row, the run exited 0 and
// the registry kept the verdicts).
func TestExtractEngineCannotStart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	b, _ := os.ReadFile("../../fixtures/reports/oxfordshire_2018-05-22.pdf")
	os.WriteFile(filepath.Join(in, "oxfordshire_2018-05-22.pdf"), b, 0o644)
	os.WriteFile(filepath.Join(in, "letter.txt"), []byte("Barnet council said on 3 March 2023 that social worker caseloads were 20.\n"), 0o644)
	out := filepath.Join(dir, "out")
	code, stdout, stderr := oversight(t, "extract", in, "--out", out, "--doc-memory", "4MiB")
	if code != 1 || !strings.Contains(stderr, "PDF engine (PDFium) is not working") || !strings.Contains(stderr, "nothing was recorded") || strings.Contains(stderr, "\n\t") {
		t.Errorf("extract with an engine that cannot start: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the failed run wrote its output folder")
	}
	code, stdout, stderr = oversight(t, "extract", in, "--out", out)
	if code != 0 || !strings.Contains(stdout, "(2 read now") {
		t.Errorf("the next run: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// The budget flags: sizes as a person writes them, nonsense refused.
func TestExtractBudgetFlags(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	for _, args := range [][]string{{"--doc-time", "0s"}, {"--doc-memory", "lots"}, {"--doc-memory", "100KiB"}, {"--doc-pages", "-1"}, {"--doc-size", "0"}} {
		code, _, stderr := oversight(t, append([]string{"extract", "../../fixtures/reports/README.md", "--out", out}, args...)...)
		if code != 2 || !strings.Contains(stderr, strings.TrimPrefix(args[0], "-")) {
			t.Errorf("%v: exit %d, %s", args, code, stderr)
		}
	}
	code, stdout, stderr := oversight(t, "extract", "../../fixtures/reports/README.md", "--out", out, "--doc-time", "1m", "--doc-memory", "512MiB",
		"--doc-pages", "10", "--doc-text", "1000", "--doc-size", "1KiB")
	if code != 0 || !strings.Contains(stdout, "rejected ../../fixtures/reports/README.md: the file is") {
		t.Errorf("budget flags: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

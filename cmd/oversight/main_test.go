package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/oversight/oversight/fixtures/synth"
	"github.com/oversight/oversight/outputs/manifest"
)

// asOversight, set in a process's environment, makes this test binary the
// oversight binary: TestMain installs the test hooks (hooks_test.go) and
// runs main, whose signal handling, output and exit code are the real
// binary's. The process tests run it so (as testscript's RunMain and Go's
// own command tests do) instead of building the binary, which took 4
// seconds of CPU at the start of every run.
const asOversight = "OVERSIGHT_TEST_AS_BINARY"

// self is this test binary, found before any test changes the working
// folder.
var self string

func TestMain(m *testing.M) {
	if os.Getenv(asOversight) == "1" {
		installTestHooks()
		main()
		os.Exit(0) // main exits itself
	}
	flag.Parse()
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	self = exe
	os.Exit(m.Run())
}

// oversightCmd is the oversight binary run with args, as a process (see
// asOversight).
func oversightCmd(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the binary")
	}
	cmd := exec.Command(self, args...)
	cmd.Args[0] = "oversight" // as if found on PATH: what it says of itself names oversight
	cmd.Env = append(os.Environ(), asOversight+"=1",
		fmt.Sprintf("%s=%d,%d,%d,%d", sizesEnv, processBigRows, processChunkRows, processCSVRows, processCSVChunk))
	return cmd
}

func oversight(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = Main(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}

// A run writes its report and logs as JSON when asked; a strict run with a
// rejected row publishes nothing and shows the reject. (What validate and
// import print is in the cases under testdata/cases.)
func TestRunAndStrict(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	code, stdout, stderr := oversight(t, "run", "--findings", "../../fixtures/findings", "--out", out, "--as-of", "2025-03-31", "--log-format", "json")
	if code != 0 || !strings.Contains(stdout, "report as of 2025-03-31") {
		t.Fatalf("run: %d %s %s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, `"msg":"report published"`) {
		t.Errorf("JSON logs expected on stderr: %s", stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "report.xlsx")); err != nil {
		t.Fatal(err)
	}

	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("council,date,measure,value\nMedway,2019,vacancy_rate,140\nMedway,2019,grade,good\n"), 0o644)
	code, _, stderr = oversight(t, "run", "--findings", bad, "--out", filepath.Join(dir, "strict"), "--strict")
	if code != 1 || !strings.Contains(stderr, "--strict publishes nothing") || !strings.Contains(stderr, ":2: vacancy_rate 140") {
		t.Errorf("strict run: %d %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "strict")); !os.IsNotExist(err) {
		t.Errorf("a strict run with a reject published: %v", err)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"run", "--findings", "x.csv"},
		{"run", "--out", "x"},
		{"run", "--findings", "x.csv", "--out", "y", "--as-of", "2025-13-01"},
		{"run", "--findings", "x.csv", "--out", "y", "--format", "word"},
		{"validate"},
		{"research", "--findings", "x.csv", "--out", "y"},
		{"councils", "--out", "y"},
		{"import", "nonsense", "a.csv", "--out", "b.csv"},
		{"frobnicate"},
	} {
		if code, _, _ := oversight(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, stdout, _ := oversight(t, "help"); code != 0 || !strings.Contains(stdout, "validate") {
		t.Errorf("help: %d %s", code, stdout)
	}
}

// Imported findings and reference figures validate cleanly.
func TestImport(t *testing.T) {
	t.Parallel()
	src := "../../analysis/official/testdata"
	entries, _ := os.ReadDir(src)
	var csww string
	for _, e := range entries {
		if strings.Contains(e.Name(), "csww") && strings.Contains(e.Name(), "2025") {
			csww = filepath.Join(src, e.Name())
		}
	}
	if csww == "" {
		t.Skip("no csww excerpt in analysis/official/testdata")
	}
	dir := t.TempDir()
	out, refs := filepath.Join(dir, "f.csv"), filepath.Join(dir, "r.csv")
	code, stdout, stderr := oversight(t, "import", "csww", csww, "--out", out, "--references", refs)
	if code != 0 {
		t.Fatalf("import: %d %s %s", code, stdout, stderr)
	}
	code, stdout, _ = oversight(t, "validate", out, refs)
	if code != 0 {
		t.Fatalf("imported files do not validate cleanly: %s", stdout)
	}
}

// The writers' sizes in the process tests' runs (jobs.Sizes, through
// hooks_test.go): the workbook's large-sheet writer from 4,000 rows, in
// chunks of 1,000; the parallel CSV writer from 4,000 rows, in chunks of
// 1,000. What is written does not depend on them (the workbook's zip
// chunks aside); the defaults are tested where the writers are
// (outputs/workbook, outputs/table).
const (
	processBigRows, processChunkRows = 4000, 1000
	processCSVRows, processCSVChunk  = 4000, 1000
)

// processFixture is what the tests of the process as a whole need: 15,000
// synthetic findings in dir/data, a run of about half a second, long enough
// to signal or race, that takes every path a large run takes at the
// process tests' sizes: more rows than the large-sheet threshold (so the
// Findings sheet goes through the large-sheet writer in several chunks),
// and several chunks of the parallel CSV writer.
func processFixture(t *testing.T, seed uint64) (dir, data string) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the binary")
	}
	const rows = 15000
	if rows <= processBigRows+3*processChunkRows || rows < processCSVRows+3*processCSVChunk {
		t.Fatalf("%d rows do not reach the large-sheet and parallel CSV writers", rows)
	}
	dir = t.TempDir()
	data = filepath.Join(dir, "data")
	if _, err := synth.WriteFiles(context.Background(), data, synth.Options{Rows: rows, Seed: seed, JSONLShare: 0.1}); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(data, "expect.json"))
	return dir, data
}

// startUntil starts cmd and waits d, or less if it ends first. If it is
// still running, exited will give its Wait's error; if it ended, exited is
// nil, and ran and err are how long it took and how it ended. The process
// tests spread signals over a run's length as the first run took; a later
// run on a less busy machine can end before its moment.
func startUntil(t *testing.T, cmd *exec.Cmd, d time.Duration) (exited <-chan error, ran time.Duration, err error) {
	t.Helper()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := make(chan error, 1)
	go func() { c <- cmd.Wait() }()
	select {
	case err := <-c:
		return nil, time.Since(start), err
	case <-time.After(d):
		return c, 0, nil
	}
}

// A run killed at any moment must leave the previous output folder whole:
// every file its manifest lists, with the right checksum. The findings take
// every path a large run takes (processFixture); the kills are spread over
// the whole run, one in each eighth of its length at a random point.
func TestKilledRunLeavesOutputWhole(t *testing.T) {
	t.Parallel()
	dir, data := processFixture(t, 7)
	out := filepath.Join(dir, "out")
	args := []string{"run", "--findings", data, "--out", out, "--as-of", "2026-01-01"}
	start := time.Now()
	if b, err := oversightCmd(t, args...).CombinedOutput(); err != nil {
		t.Fatalf("first run: %v %s", err, b)
	}
	full := time.Since(start)
	m, err := manifest.Read(filepath.Join(out, manifest.Name))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const kills = 8
	killed := 0
	for i := 0; i < kills; i++ {
		cmd := oversightCmd(t, append(args[:len(args)-1:len(args)-1], fmt.Sprintf("2025-%02d-01", i+1))...)
		exited, ran, err := startUntil(t, cmd, time.Duration((float64(i)+rng.Float64())/kills*float64(full)))
		if exited == nil {
			// It ended before its kill: the later kills are spread over
			// this run's length instead.
			if err != nil {
				t.Fatalf("kill %d: the run failed by itself: %v", i, err)
			}
			t.Logf("kill %d: the run ended before it, in %v (the first took %v)", i, ran, full)
			full = ran
		} else {
			if cmd.Process.Signal(syscall.SIGKILL) == nil {
				killed++
			}
			<-exited
		}
		cur, err := manifest.Read(filepath.Join(out, manifest.Name))
		if err != nil {
			t.Fatalf("after kill %d: no readable manifest: %v", i, err)
		}
		if err := cur.Verify(out); err != nil {
			t.Fatalf("after kill %d the output is not whole: %v", i, err)
		}
		if cur.AsOf != m.AsOf {
			m = cur // the run finished before the kill: a whole new output
		}
	}
	if killed == 0 {
		t.Fatal("no run was killed")
	}
	// The next run clears what the killed runs left behind.
	if b, err := oversightCmd(t, args...).CombinedOutput(); err != nil {
		t.Fatalf("run after kills: %v %s", err, b)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".out.") {
			t.Errorf("staging folder left after a later run: %s", e.Name())
		}
	}
}

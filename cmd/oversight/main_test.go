package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
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

func oversight(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = Main(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}

func TestRunAndValidate(t *testing.T) {
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
	code, stdout, _ = oversight(t, "validate", bad, "../../fixtures/findings")
	if code != 1 {
		t.Fatalf("validate with a reject exits %d", code)
	}
	seeds, err := os.ReadFile("../../fixtures/findings/seeds.csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(seeds)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := len(recs) - 1 // the seed findings, which analysts revise
	identity := fmt.Sprintf("read = accepted + rejected + duplicates: %d = %d + 1 + 0", n+2, n+1)
	for _, want := range []string{"bad.csv", identity, bad + ":2: vacancy_rate 140 is outside 0-100"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("validate output lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = oversight(t, "validate", "--json", bad)
	var v struct {
		OK      bool
		Totals  map[string]int
		Rejects []struct {
			File   string
			Line   int
			Values map[string]string
			Reason string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &v); err != nil || code != 1 {
		t.Fatalf("validate --json: %d %v %s", code, err, stdout)
	}
	if v.OK || v.Totals["rows_rejected"] != 1 || len(v.Rejects) != 1 || v.Rejects[0].Line != 2 || v.Rejects[0].Values["value"] != "140" {
		t.Errorf("validate --json: %+v", v)
	}
	if code, _, _ = oversight(t, "validate", "../../fixtures/findings"); code != 0 {
		t.Errorf("clean findings: exit %d", code)
	}
	code, _, stderr = oversight(t, "run", "--findings", bad, "--out", filepath.Join(dir, "strict"), "--strict")
	if code != 1 || !strings.Contains(stderr, "--strict publishes nothing") || !strings.Contains(stderr, ":2: vacancy_rate 140") {
		t.Errorf("strict run: %d %s", code, stderr)
	}
}

func TestUsageErrors(t *testing.T) {
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

func TestImport(t *testing.T) {
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

// buildOversight builds the binary into dir, for tests of the process as a
// whole (signals, kills).
func buildOversight(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "oversight")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v %s", err, out)
	}
	return bin
}

// A run killed at any moment must leave the previous output folder whole:
// every file its manifest lists, with the right checksum.
func TestKilledRunLeavesOutputWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it repeatedly")
	}
	dir := t.TempDir()
	bin := buildOversight(t, dir)
	data := filepath.Join(dir, "data")
	if _, err := synth.WriteFiles(context.Background(), data, synth.Options{Rows: 150000, Seed: 7, JSONLShare: 0.1}); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(data, "expect.json"))
	out := filepath.Join(dir, "out")
	args := []string{"run", "--findings", data, "--out", out, "--as-of", "2026-01-01"}
	start := time.Now()
	if b, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("first run: %v %s", err, b)
	}
	full := time.Since(start)
	m, err := manifest.Read(filepath.Join(out, manifest.Name))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	killed := 0
	for i := 0; i < 8; i++ {
		cmd := exec.Command(bin, append(args[:len(args)-1:len(args)-1], "2025-0"+string(rune('1'+i))+"-01")...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Float64() * float64(full)))
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			killed++
		}
		cmd.Wait()
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
	if b, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("run after kills: %v %s", err, b)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".out.") {
			t.Errorf("staging folder left after a later run: %s", e.Name())
		}
	}
}

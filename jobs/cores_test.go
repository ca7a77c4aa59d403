package jobs

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/oversight/oversight/fixtures/synth"
	tbl "github.com/oversight/oversight/outputs/table"
)

// The datasets must be the same bytes whatever the number of cores, on an
// input large enough to take every parallel path: several intake batches,
// the parallel CSV writer and the large-sheet writer. Each run is this test
// binary again, started with GOMAXPROCS set (as a user would set it), so the
// test changes nothing in this process and runs beside the others.
func TestDatasetsSameWhateverTheCores(t *testing.T) {
	if os.Getenv("OVERSIGHT_CORES_OUT") != "" {
		coresChild(t)
		return
	}
	t.Parallel()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if _, err := synth.WriteFiles(context.Background(), data, synth.Options{Rows: 15000, Seed: 3, Bad: 15, Duplicates: 75, JSONLShare: 0.1}); err != nil {
		t.Fatal(err)
	}
	var sums []map[string]string
	for _, procs := range []int{1, 2, 4} {
		out := filepath.Join(dir, "out"+strconv.Itoa(procs))
		cmd := exec.Command(os.Args[0], "-test.run=^TestDatasetsSameWhateverTheCores$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "GOMAXPROCS="+strconv.Itoa(procs), "OVERSIGHT_CORES_OUT="+out, "OVERSIGHT_CORES_IN="+data)
		b, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(b), fmt.Sprintf("run on %d cores", procs)) {
			t.Fatalf("the run on %d cores: %v\n%s", procs, err, b)
		}
		sums = append(sums, hashTree(t, filepath.Join(out, "datasets")))
	}
	for i := 1; i < len(sums); i++ {
		if len(sums[i]) != len(sums[0]) {
			t.Fatalf("%d and %d dataset files", len(sums[0]), len(sums[i]))
		}
		for k, v := range sums[0] {
			if sums[i][k] != v {
				t.Errorf("%s differs between core counts", k)
			}
		}
	}
}

var coresSizes = Sizes{BigRows: 4000, ChunkRows: 1000, CSV: tbl.CSVSizes{ParallelRows: 4000, ChunkRows: 1000}}

// coresChild is one run of TestDatasetsSameWhateverTheCores, in a process
// of its own.
func coresChild(t *testing.T) {
	data := os.Getenv("OVERSIGHT_CORES_IN")
	inputs := []string{filepath.Join(data, "findings.csv"), filepath.Join(data, "findings.jsonl")}
	res, err := Run(context.Background(), Options{Inputs: inputs, Out: os.Getenv("OVERSIGHT_CORES_OUT"), AsOf: asOf("2026-01-01"), Version: "test", Sizes: coresSizes})
	if err != nil {
		t.Fatal(err)
	}
	// The Findings sheet and findings.csv are large enough for the
	// large-sheet writer and the parallel CSV writer, in several chunks,
	// at the sizes given (the datasets' bytes do not depend on them; the
	// defaults are tested where the writers are).
	if n := len(res.Intake.Findings); n <= coresSizes.BigRows+3*coresSizes.ChunkRows || n < coresSizes.CSV.ParallelRows+3*coresSizes.CSV.ChunkRows {
		t.Fatalf("%d findings do not reach the large-sheet and parallel CSV writers", n)
	}
	t.Logf("run on %d cores", runtime.GOMAXPROCS(0))
}

package jobs

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/oversight/oversight/fixtures/synth"
	tbl "github.com/oversight/oversight/outputs/table"
)

// The datasets must be the same bytes whatever the number of cores, on an
// input large enough to take every parallel path: several intake batches,
// the parallel CSV writer and the parallel sheet writer.
func TestDatasetsSameWhateverTheCores(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if _, err := synth.WriteFiles(context.Background(), data, synth.Options{Rows: 60000, Seed: 3, Bad: 60, Duplicates: 300, JSONLShare: 0.1}); err != nil {
		t.Fatal(err)
	}
	inputs := []string{filepath.Join(data, "findings.csv"), filepath.Join(data, "findings.jsonl")}
	// Some 59,600 accepted findings: the Findings sheet is over
	// workbook.DefaultBigRows, so bigsheet renders it.
	if n := 60000; n < 2*tbl.ParallelRows {
		t.Fatalf("%d rows do not reach the parallel CSV writer", n)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var sums []map[string]string
	for _, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		out := filepath.Join(dir, "out")
		if _, err := Run(context.Background(), Options{Inputs: inputs, Out: out, AsOf: asOf("2026-01-01"), Version: "test"}); err != nil {
			t.Fatal(err)
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

package jobs

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
)

// Metrics v3 on synthetic findings with publication lags and revisions
// (../shared/bench/synth.py --published): councils.csv's grade and
// workforce columns equal an independent computation from the spec
// (testdata/v3councils.py, sharing no code with oversight) as of 1
// November 2026, as of 1 October 2024, and as of 1 October 2024 as at 31
// March 2024.
func TestV3CouncilsIndependently(t *testing.T) {
	t.Parallel()
	const bench = "../../shared/bench"
	if _, err := os.Stat(filepath.Join(bench, "synth.py")); err != nil {
		t.Skip("no ../shared/bench/synth.py:", err)
	}
	python := "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		python = "python3"
	}
	in := t.TempDir()
	ref := filepath.Join(bench, "councils_ref.csv")
	gen := exec.Command(python, filepath.Join(bench, "synth.py"), "--councils", ref, "--rows", "20000", "--bad", "16", "--seed", "7", "--published", "--out", in)
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("synth.py: %v\n%s", err, out)
	}
	inputs := []string{filepath.Join(in, "findings.csv"), filepath.Join(in, "findings.jsonl")}
	for _, tt := range []struct{ asOf, asAt string }{
		{"2026-11-01", ""}, {"2024-10-01", ""}, {"2024-10-01", "2024-03-31"},
	} {
		t.Run(tt.asOf+"_"+tt.asAt, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			opt := Options{Inputs: inputs, Out: out, AsOf: mustDay(t, tt.asOf), Version: "test"}
			asAt := tt.asOf
			if tt.asAt != "" {
				opt.AsAt, asAt = mustDay(t, tt.asAt), tt.asAt
			}
			if _, err := Run(context.Background(), opt); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(python, "testdata/v3councils.py", ref, tt.asOf, asAt, filepath.Join(out, "datasets", "councils.csv"), inputs[0], inputs[1])
			b, err := cmd.Output()
			if err != nil {
				t.Fatalf("v3councils.py: %v", err)
			}
			var res struct {
				Compared, Differences, Councils int
				Unpublished, Revised            int
				AfterAsAt                       int `json:"after_as_at"`
				Differ                          []string
			}
			if err := json.Unmarshal(b, &res); err != nil {
				t.Fatalf("%v: %s", err, b)
			}
			if res.Compared < 4000 || res.Councils < 120 {
				t.Fatalf("compared only %d cells of %d councils", res.Compared, res.Councils)
			}
			// The rules this test is about must be at work in it: findings
			// not yet published, official figures revised, and (as at an
			// earlier day) findings dated after it.
			if res.Unpublished == 0 || tt.asOf == "2026-11-01" && res.Revised == 0 || tt.asAt != "" && res.AfterAsAt == 0 {
				t.Errorf("the synthetic findings do not exercise v3: %d unpublished, %d revised, %d after the as-at day", res.Unpublished, res.Revised, res.AfterAsAt)
			}
			if res.Differences > 0 {
				t.Errorf("%d of %d cells differ from the independent computation, for example:\n%s", res.Differences, res.Compared, joinLines(res.Differ))
			}
			t.Logf("%d cells of %d councils equal (%d findings not yet published, %d releases revised, %d dated after the as-at day)",
				res.Compared, res.Councils, res.Unpublished, res.Revised, res.AfterAsAt)
		})
	}
}

func mustDay(t *testing.T, s string) dates.Day {
	t.Helper()
	d, err := dates.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d.Day
}

func joinLines(ls []string) string {
	out := ""
	for _, l := range ls {
		out += "  " + l + "\n"
	}
	return out
}

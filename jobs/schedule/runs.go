package schedule

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// RunRecord is one line of runs.jsonl.
type RunRecord struct {
	Job     string     `json:"job"`
	Kind    string     `json:"kind"`
	Trigger string     `json:"trigger"` // schedule, run or backfill
	Month   string     `json:"month"`
	AsOf    string     `json:"as_of"`
	Out     string     `json:"out"`
	Start   time.Time  `json:"start"`
	End     time.Time  `json:"end"`
	Seconds float64    `json:"seconds"`
	Outcome string     `json:"outcome"` // ok, failed or skipped
	Error   string     `json:"error,omitempty"`
	Rows    *RowCounts `json:"rows,omitempty"`
	// Documents counts a job's documents: all, and those read in this run.
	Documents *DocumentCounts `json:"documents,omitempty"`
	Outputs   []string        `json:"outputs,omitempty"` // files written, relative to Out
	Pruned    []string        `json:"pruned,omitempty"`  // month folders removed by retention
	Version   string          `json:"version"`
	PID       int             `json:"pid"`
}

// RowCounts is a run's row accounting.
type RowCounts struct {
	Read       int `json:"read"`
	Accepted   int `json:"accepted"`
	Rejected   int `json:"rejected"`
	Duplicates int `json:"duplicates"`
}

// DocumentCounts is a run's documents: every one given, and how many were
// read in this run (the others were known from the registry).
type DocumentCounts struct {
	Documents int `json:"documents"`
	New       int `json:"new"`
	Findings  int `json:"findings"`
}

// Outcomes.
const (
	OutcomeOK      = "ok"
	OutcomeFailed  = "failed"
	OutcomeSkipped = "skipped"
)

// AppendRun adds one line to dir/runs.jsonl in a single write to a file
// opened for appending, so lines from concurrent runs never interleave.
func AppendRun(dir string, rec *RunRecord) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	f, err := os.OpenFile(filepath.Join(dir, RunsName), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ReadRuns reads a job's runs.jsonl.
func ReadRuns(dir string) ([]RunRecord, error) {
	b, err := os.ReadFile(filepath.Join(dir, RunsName))
	if err != nil {
		return nil, err
	}
	var out []RunRecord
	for i, line := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var r RunRecord
		if err := json.Unmarshal(line, &r); err != nil {
			return out, fmt.Errorf("%s:%d: %w", RunsName, i+1, err)
		}
		out = append(out, r)
	}
	return out, nil
}

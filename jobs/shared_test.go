package jobs

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/oversight/oversight/analysis/extract/extracttest"
)

// Reports several tests read are built once, by the first test that asks,
// into a folder removed when the package's tests end. Tests read them and
// never change them; a test that needs to change an output builds its own.
var sharedDir string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "jobs-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sharedDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	extracttest.Engine().Close()
	os.Exit(code)
}

type sharedReport struct {
	once     sync.Once
	out      string
	res      *Result
	progress string
	err      error
}

func (s *sharedReport) get(t *testing.T, name string, build func(out string, progress *bytes.Buffer) (*Result, error)) *sharedReport {
	t.Helper()
	s.once.Do(func() {
		s.out = filepath.Join(sharedDir, name)
		var progress bytes.Buffer
		s.res, s.err = build(s.out, &progress)
		s.progress = progress.String()
	})
	if s.err != nil {
		t.Fatalf("shared report %s: %v", name, s.err)
	}
	return s
}

var seedsShared, councilsShared sharedReport

// realShared holds the report on the real data as of each day a test asks
// for (a *sharedReport per day).
var realShared sync.Map

// realReport is the report on the real data as of day.
func realReport(t *testing.T, day string) (out string, res *Result) {
	v, _ := realShared.LoadOrStore(day, new(sharedReport))
	s := v.(*sharedReport).get(t, "real-"+day, func(out string, _ *bytes.Buffer) (*Result, error) {
		return Run(context.Background(), Options{Inputs: []string{realFixtures}, Out: out, AsOf: asOf(day), Version: "test"})
	})
	return s.out, s.res
}

// realReportAt is the report on the real data as of one day and as at
// an earlier one (not shared: few tests take such a view).
func realReportAt(t *testing.T, day, at string) (out string, res *Result) {
	t.Helper()
	out = filepath.Join(t.TempDir(), "real-"+day+"-at-"+at)
	res, err := Run(context.Background(), Options{Inputs: []string{realFixtures}, Out: out, AsOf: asOf(day), AsAt: asOf(at), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return out, res
}

// seedsReport is the report on the seed findings as of 2025-03-31 (as
// runSeeds makes it).
func seedsReport(t *testing.T) (out string, res *Result) {
	s := seedsShared.get(t, "seeds", func(out string, _ *bytes.Buffer) (*Result, error) {
		return Run(context.Background(), Options{Inputs: []string{seeds}, Out: out, AsOf: asOf("2025-03-31"), Version: "test"})
	})
	return s.out, s.res
}

// councilsReport is every council's downloads from the seed findings and
// the real data, as of councilsDay, built by three workers.
func councilsReport(t *testing.T) (out string, res *Result, progress string) {
	s := councilsShared.get(t, "councils", func(out string, progress *bytes.Buffer) (*Result, error) {
		return Councils(context.Background(), Options{Inputs: councilInputs, Out: out, AsOf: asOf(councilsDay), Workers: 3, Version: "test", Progress: progress})
	})
	return s.out, s.res, s.progress
}

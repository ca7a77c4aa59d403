package pages_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/jobs"
)

// The outputs the tests read are built once, on the bundled fixtures, by
// the first test that asks, into a folder removed when the tests end.
var sharedDir string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "pages-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sharedDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fixtures are the bundled findings (make run's inputs).
var fixtures = []string{"../../fixtures/findings", "../../fixtures/real"}

// asOf is the day the tests' outputs are as of: after South Tyneside's
// August 2026 inspection (no overall grade).
var asOf = mustDay("2026-12-01")

func mustDay(s string) dates.Day {
	d, err := dates.Parse(s)
	if err != nil {
		panic(err)
	}
	return d.Day
}

// research is the question of the research run the tests build: London's
// vacancy rate from 2018 to 2025.
var research = jobs.Question{Regions: []string{"London"}, From: mustDay("2018-01-01"), To: mustDay("2025-12-31"), Measures: []string{"vacancy_rate"}}

type shared struct {
	once sync.Once
	dir  string
	res  *jobs.Result
	err  error
}

func (s *shared) get(t testing.TB, name string, build func(out string) (*jobs.Result, error)) (string, *jobs.Result) {
	t.Helper()
	s.once.Do(func() {
		s.dir = filepath.Join(sharedDir, name)
		s.res, s.err = build(s.dir)
	})
	if s.err != nil {
		t.Fatalf("%s: %v", name, s.err)
	}
	return s.dir, s.res
}

var reportOut, councilsOut, researchOut shared

func buildReport(out string) (*jobs.Result, error) {
	return jobs.Run(context.Background(), jobs.Options{Inputs: fixtures, Out: out, AsOf: asOf, Version: "test"})
}

func buildCouncils(out string) (*jobs.Result, error) {
	return jobs.Councils(context.Background(), jobs.Options{Inputs: fixtures, Out: out, AsOf: asOf, Version: "test"})
}

func buildResearch(out string) (*jobs.Result, error) {
	return jobs.Run(context.Background(), jobs.Options{Inputs: fixtures, Out: out, AsOf: asOf, Version: "test", Kind: "research", Question: research})
}

// reportDir, councilsDir and researchDir are the monthly report's, the
// councillor downloads' and the research run's output folders.
func reportDir(t testing.TB) (string, *jobs.Result) { return reportOut.get(t, "report", buildReport) }

func councilsDir(t testing.TB) (string, *jobs.Result) {
	return councilsOut.get(t, "councils", buildCouncils)
}

func researchDir(t testing.TB) (string, *jobs.Result) {
	return researchOut.get(t, "research", buildResearch)
}

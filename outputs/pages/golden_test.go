package pages_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/fixtures/golden"
	"github.com/oversight/oversight/outputs/pages"
)

// TestGolden writes the pages of a few councils from testdata/findings.csv
// (South Tyneside's inspection under the April 2026 framework, with two
// findings in the report's words) and compares them with the golden files
// in testdata/golden: the markup as a whole, for review when it changes.
// The workbooks beside them are stand-ins of a fixed size, so the pages do
// not change with the workbooks' bytes. Once with what Ofsted said taken
// from the findings, once from a model plugged in as CouncilsInput.Ofsted.
func TestGolden(t *testing.T) {
	ref := reference.Default()
	in, err := intake.Load(context.Background(), []string{"testdata/findings.csv"}, intake.Options{Ref: ref})
	if err != nil {
		t.Fatal(err)
	}
	if in.Rejected() {
		t.Fatalf("testdata/findings.csv: rows rejected: %+v", in.Rejects)
	}
	r, err := metrics.Compute(context.Background(), in.Findings, ref, day("2026-12-01"))
	if err != nil {
		t.Fatal(err)
	}
	prev, err := metrics.Compute(context.Background(), in.Findings, ref, day("2026-09-01"))
	if err != nil {
		t.Fatal(err)
	}
	r.CompareWith(metrics.SnapshotOf(prev), in.Findings)
	names := []string{"South Tyneside", "Gateshead", "Sunderland"}
	var cs []*metrics.Council
	var slugs []string
	for _, n := range names {
		for _, c := range r.Councils {
			if c.Ref.Name == n {
				cs = append(cs, c)
				slugs = append(slugs, map[string]string{"South Tyneside": "south-tyneside", "Gateshead": "gateshead", "Sunderland": "sunderland"}[n])
			}
		}
	}
	model := func(c *metrics.Council, fs []findings.Finding) *pages.OfstedSaid {
		o := pages.OfstedFromFindings(c, fs)
		if c.Ref.Name == "South Tyneside" && len(o.Reports) > 0 {
			o.Reports[0].Framework = "from April 2026"
			o.Reports[0].Recommendations = []pages.Said{
				{Text: "Make sure that managers record why a child's plan changes.", Page: 7, Quoted: true},
				{Text: "Check that care leavers know about their health records.", Page: 8, Quoted: true},
			}
			// A long list of strengths: on paper, the first four.
			for i := range 6 {
				o.Reports[0].Strengths = append(o.Reports[0].Strengths, pages.Said{Text: fmt.Sprintf("Strength %d, in the finding's words.", i+2), Theme: "theme"})
			}
		}
		return o
	}
	for _, v := range []struct {
		name   string
		ofsted func(*metrics.Council, []findings.Finding) *pages.OfstedSaid
	}{{"findings", nil}, {"model", model}} {
		dir := t.TempDir()
		site := pages.NewCouncils(pages.CouncilsInput{Report: r, Ofsted: v.ofsted, Version: "test",
			Publishing: pages.Publishing{Publisher: "Test publisher"}})
		for i, c := range cs {
			// A stand-in workbook of 12,345 bytes.
			if err := os.MkdirAll(filepath.Join(dir, pages.CouncilsDir), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, pages.CouncilsDir, slugs[i]+".xlsx"), make([]byte, 12345), 0o644); err != nil {
				t.Fatal(err)
			}
			var fs []findings.Finding
			for _, f := range in.Findings {
				if int(f.Council) == c.Ref.Index {
					fs = append(fs, f)
				}
			}
			if err := site.WriteCouncil(dir, pages.CouncilEntry{Council: c, Slug: slugs[i], Findings: fs}); err != nil {
				t.Fatal(err)
			}
		}
		if err := site.WriteIndex(dir, cs, slugs); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"index.html", "councils/south-tyneside.html"} {
			got, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			if v.name == "model" && f == "index.html" {
				continue
			}
			golden.Check(t, filepath.Join("testdata", "golden", v.name, f), got)
		}
	}
}

func day(s string) dates.Day {
	d, err := dates.Parse(s)
	if err != nil {
		panic(err)
	}
	return d.Day
}

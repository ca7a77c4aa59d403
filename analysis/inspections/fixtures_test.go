package inspections

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/fixtures/golden"
)

// loadFixtures reads the bundled fixtures as make run reads them.
func loadFixtures(t *testing.T) []findings.Finding {
	t.Helper()
	res, err := intake.Load(context.Background(), []string{"../../fixtures/findings", "../../fixtures/real"}, intake.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rejected() {
		t.Fatalf("the fixtures have rejected rows: %+v", res.Rejects[:min(5, len(res.Rejects))])
	}
	return res.Findings
}

// On the bundled fixtures, every council has its Ofsted page, and all but a
// few have a report read in its own words with its recommendations.
func TestFixtures(t *testing.T) {
	ref := reference.Default()
	fs := loadFixtures(t)
	cs := Known(fs, ref, dates.FromYMD(2026, 12, 7), nil)
	if len(cs) != 153 {
		t.Fatalf("%d councils", len(cs))
	}
	withWords, latestWords, noReport := 0, 0, 0
	var without []string
	for _, c := range cs {
		if c.OfstedPage == "" {
			t.Errorf("%s: no Ofsted page", c.Council.Name)
		}
		if c.Latest() == nil {
			noReport++
			continue
		}
		ok := false
		for _, r := range c.Reports {
			if r.Words && len(r.Recommendations) > 0 {
				ok = true
			}
		}
		if ok {
			withWords++
		} else {
			without = append(without, c.Council.Name)
		}
		if l := c.Latest(); l.Words && len(l.Recommendations) > 0 {
			latestWords++
		}
		for i := 1; i < len(c.Reports); i++ {
			if c.Reports[i].Date.Day > c.Reports[i-1].Date.Day {
				t.Errorf("%s: reports not newest first", c.Council.Name)
			}
		}
		for _, r := range c.Reports {
			if r.Published.Day < r.Date.Day {
				t.Errorf("%s: report of %s published %s", c.Council.Name, r.Date, r.Published)
			}
		}
	}
	t.Logf("as of 2026-12-07: %d of 153 councils have a report read with its recommendations in its own words (%d the latest report); %d have no report; without words: %s",
		withWords, latestWords, noReport, strings.Join(without, ", "))
	if withWords < 140 {
		t.Errorf("%d councils with recommendations in the report's words, want at least 140", withWords)
	}
	if noReport != 0 {
		t.Errorf("%d councils with no report at all", noReport)
	}
}

// What three councils' readers get as of 7 December 2026, and Barking and
// Dagenham's as of 1 August 2023 (its July 2023 inspection not yet
// published): golden files, written out as a reader would see them.
func TestFixturesGolden(t *testing.T) {
	ref := reference.Default()
	fs := loadFixtures(t)
	for _, tt := range []struct {
		name string
		asOf dates.Day
	}{
		{"Barking and Dagenham", dates.FromYMD(2026, 12, 7)},
		{"Barking and Dagenham", dates.FromYMD(2023, 8, 1)},
		{"South Tyneside", dates.FromYMD(2026, 12, 7)},
		{"Isles of Scilly", dates.FromYMD(2026, 12, 7)},
	} {
		c := byName(t, Known(fs, ref, tt.asOf, nil), tt.name)
		file := strings.ToLower(strings.ReplaceAll(tt.name, " ", "-")) + "_" + tt.asOf.String() + ".txt"
		golden.Check(t, filepath.Join("testdata", file), []byte(render(c)))
	}
}

// render writes a council's reports as plain text.
func render(c *Council) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (Ofsted page %s)\n", c.Council.Name, c.OfstedPage)
	if s := c.NoReport(); s != "" {
		fmt.Fprintln(&b, s)
	}
	for _, r := range c.Reports {
		fmt.Fprintf(&b, "\n== inspected from %s, published %s: %s\n", r.Date, r.Published, FrameworkName(r.Framework))
		fmt.Fprintf(&b, "link: %s\nread in its own words: %v\n", r.Link, r.Words)
		for _, g := range r.Grades {
			fmt.Fprintf(&b, "grade: %s %s\n", g.Area, g.Grade)
		}
		list := func(title string, ps []Point) {
			if len(ps) == 0 {
				return
			}
			fmt.Fprintf(&b, "%s:\n", title)
			for _, p := range ps {
				extra := ""
				if p.Cut {
					extra += " [continues in the report]"
				}
				if p.Summary {
					extra += " [summary]"
				}
				fmt.Fprintf(&b, "  - %s (page %d)%s\n", p.Text, p.Page, extra)
			}
		}
		list("recommendations under "+fmt.Sprintf("%q", r.RecommendationsHeading), r.Recommendations)
		list("strengths", r.Strengths)
		list("areas for improvement", r.Improvements)
	}
	return b.String()
}

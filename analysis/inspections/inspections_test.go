package inspections

import (
	"fmt"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

func TestPointNote(t *testing.T) {
	tests := []struct {
		fw      string
		k       Kind
		heading string
		i, n    int
		cut     bool
		topic   string
		want    string
	}{
		{"ILACS-standard", Recommendation, "What needs to improve?", 3, 8, false, "", `ILACS-standard report: recommendation 3 of 8 under "What needs to improve?"`},
		{"SIF", Strength, "The local authority’s strengths", 2, 12, true, "early help",
			`SIF report: strength 2 of 12 under "The local authority’s strengths"; the quote stops at 300 characters: the rest is in the report; topic: early help`},
		{"ILACS-short", Improvement, "", 4, 9, false, "drift and delay", `ILACS-short report: area for improvement in the summary, sentence 4 of 9; topic: drift and delay`},
	}
	for _, tt := range tests {
		note := PointNote(tt.fw, tt.k, tt.heading, tt.i, tt.n, tt.cut, tt.topic)
		if note != tt.want {
			t.Errorf("PointNote = %q, want %q", note, tt.want)
		}
		p, ok := ParsePointNote(note)
		want := NotePoint{Framework: tt.fw, Kind: tt.k, Heading: tt.heading, Index: tt.i, Of: tt.n, Cut: tt.cut, Topic: tt.topic}
		if !ok || p != want {
			t.Errorf("ParsePointNote(%q) = %+v, %v; want %+v", note, p, ok, want)
		}
		if FrameworkOf(note) != tt.fw {
			t.Errorf("FrameworkOf(%q) = %q", note, FrameworkOf(note))
		}
	}
	for _, note := range []string{"", "recommendation 3 of 8", "Ofsted ILACS standard inspection, inspected from 2023-07-10, published 2023-09-04; judgement: Overall effectiveness"} {
		if _, ok := ParsePointNote(note); ok {
			t.Errorf("ParsePointNote(%q) read a point", note)
		}
		if fw := FrameworkOf(note); fw != "" {
			t.Errorf("FrameworkOf(%q) = %q, want none", note, fw)
		}
	}
}

func TestLinks(t *testing.T) {
	l, err := ParseLinks(strings.NewReader("urn,published,inspection_start,link\n" +
		"80486,2019-04-01,2019-02-18,https://files.ofsted.gov.uk/v1/file/1\n" +
		"80486,2023-09-04,2023-07-10,https://files.ofsted.gov.uk/v1/file/2\n" +
		"80486,2014-07-07,,https://files.ofsted.gov.uk/v1/file/3\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := dates.FromYMD
	tests := []struct {
		start, pub dates.Day
		want       string
	}{
		{d(2023, 7, 10), d(2023, 9, 1), "https://files.ofsted.gov.uk/v1/file/2"}, // the same first day
		{0, d(2014, 7, 9), "https://files.ofsted.gov.uk/v1/file/3"},              // published within days
		{d(2014, 4, 29), d(2014, 7, 7), "https://files.ofsted.gov.uk/v1/file/3"},
		{0, d(2014, 8, 7), ""}, // a month out: not this report
		{d(2026, 1, 5), 0, ""},
	}
	for _, tt := range tests {
		if got := l.Find("80486", tt.start, tt.pub); got != tt.want {
			t.Errorf("Find(%s, %s) = %q, want %q", tt.start, tt.pub, got, tt.want)
		}
	}
	if l.Find("99999", d(2023, 7, 10), d(2023, 9, 4)) != "" {
		t.Error("a council with no reports has a link")
	}
	if _, err := ParseLinks(strings.NewReader("urn,link\n1,x\n")); err == nil {
		t.Error("a table without the header was read")
	}
	// The embedded table: every row an https address of a known council.
	ref := reference.Default()
	urns := map[string]bool{}
	for _, c := range ref.Councils {
		urns[c.URN] = true
	}
	n := 0
	for urn, xs := range DefaultLinks().byURN {
		if !urns[urn] {
			t.Errorf("links.csv: URN %s is not in the reference list", urn)
		}
		for _, x := range xs {
			n++
			if !strings.HasPrefix(x.url, "https://files.ofsted.gov.uk/") {
				t.Errorf("links.csv: %s", x.url)
			}
		}
	}
	if n != 497 {
		t.Errorf("links.csv: %d reports, want the scrape's 497", n)
	}
}

// finding builds an accepted finding for the unit tests.
func finding(council int, m findings.Measure, date, pub string, mod func(*findings.Finding)) findings.Finding {
	f := findings.Finding{Council: int32(council), Measure: m, SourceType: findings.SourceOfsted}
	var err error
	if f.Date, err = dates.Parse(date); err != nil {
		panic(err)
	}
	if pub != "" {
		if f.Published, err = dates.Parse(pub); err != nil {
			panic(err)
		}
	}
	if mod != nil {
		mod(&f)
	}
	return f
}

func TestKnown(t *testing.T) {
	ref := reference.Default()
	at := func(name string) int {
		c, err := ref.Resolve(name, dates.FromYMD(2024, 1, 1), dates.FromYMD(2024, 1, 1))
		if err != nil {
			t.Fatal(err)
		}
		return c.Index
	}
	bd, barnet := at("Barking and Dagenham"), at("Barnet")
	doc := strings.Repeat("a", 64)
	grade := func(c int, date, pub string, a findings.Area, g findings.GradeValue, document, note string) findings.Finding {
		return finding(c, findings.Grade, date, pub, func(f *findings.Finding) {
			f.Area, f.Value, f.Document, f.Note = a, float64(g), document, note
		})
	}
	point := func(date, pub, quote string, page int, note string) findings.Finding {
		return finding(bd, findings.Theme, date, pub, func(f *findings.Finding) {
			f.Document, f.Quote, f.Page, f.Note, f.Label, f.Polarity = doc, quote, int32(page), note, strings.ToLower(quote), findings.Weakness
		})
	}
	fs := []findings.Finding{
		// The 2019 inspection, known from the statistics only.
		grade(bd, "2019-02-18", "2019-04-01", findings.Overall, findings.RequiresImprovement, "", "Ofsted ILACS standard inspection, inspected from 2019-02-18, published 2019-04-01; judgement: Overall effectiveness"),
		// The 2023 report, read: its points out of order, a summary
		// sentence before a listed one.
		point("2023-07-10", "2023-09-04", "Most children are safe.", 1, PointNote("ILACS-standard", Strength, "", 2, 5, false, "")),
		point("2023-07-10", "2023-09-04", "Life-story work and permanency planning.", 2, PointNote("ILACS-standard", Recommendation, "What needs to improve?", 8, 8, false, "life story work")),
		point("2023-07-10", "2023-09-04", "Timeliness of strategy meetings.", 1, PointNote("ILACS-standard", Recommendation, "What needs to improve?", 1, 8, false, "")),
		grade(bd, "2023-07-10", "2023-09-04", findings.CareLeavers, findings.Good, doc, ReportNote("ILACS-standard", "the experiences and progress of care leavers judged good")),
		grade(bd, "2023-07-10", "2023-09-04", findings.Overall, findings.RequiresImprovement, doc, ReportNote("ILACS-standard", "overall effectiveness judged requires improvement to be good")),
		// The statistics' grade of the same inspection, a day later: it
		// joins the report read, whose reading wins.
		grade(bd, "2023-07-10", "2023-09-05", findings.Leadership, findings.RequiresImprovement, "", "Ofsted ILACS standard inspection"),
		// Barnet's report, from the scrape: its address is its source.
		finding(barnet, findings.Grade, "2024-06-10", "2024-07-23", func(f *findings.Finding) {
			f.Area, f.Value, f.Note, f.Source = findings.Overall, float64(findings.Good), "Ofsted ILACS short inspection, ...", "https://files.ofsted.gov.uk/v1/file/50250000"
		}),
		// A 2026 inspection the scrape calls standard: the new framework.
		finding(barnet, findings.Grade, "2026-05-11", "2026-07-07", func(f *findings.Finding) {
			f.Area, f.Value, f.Note = findings.Leadership, float64(findings.Good), "Ofsted ILACS standard inspection, inspected 2026-05-11 to 2026-05-22"
		}),
		// Not the council's Ofsted report: news.
		finding(bd, findings.Grade, "2023-07", "2023-09-10", func(f *findings.Finding) {
			f.SourceType, f.Area, f.Value = findings.SourceNews, findings.Overall, float64(findings.RequiresImprovement)
		}),
	}
	links, err := ParseLinks(strings.NewReader("urn,published,inspection_start,link\n80486,2023-09-04,2023-07-10,https://files.ofsted.gov.uk/v1/file/2\n"))
	if err != nil {
		t.Fatal(err)
	}

	// As of 1 August 2023 the July 2023 inspection is not yet published.
	got := Known(fs, ref, dates.FromYMD(2023, 8, 1), links)
	c := byName(t, got, "Barking and Dagenham")
	if len(c.Reports) != 1 || c.Latest().Date.String() != "2019-02-18" || c.Latest().Words || c.Latest().Framework != "ILACS-standard" {
		t.Fatalf("as of 2023-08-01: %+v", c.Reports)
	}
	if b := byName(t, got, "Barnet"); b.Latest() != nil || !strings.Contains(b.NoReport(), "https://reports.ofsted.gov.uk/provider/44/80487") || !strings.Contains(b.NoReport(), "1 August 2023") {
		t.Errorf("Barnet as of 2023-08-01: %+v %q", b.Reports, b.NoReport())
	}

	got = Known(fs, ref, dates.FromYMD(2026, 12, 7), links)
	c = byName(t, got, "Barking and Dagenham")
	if len(c.Reports) != 2 {
		t.Fatalf("reports %+v", c.Reports)
	}
	r := c.Latest()
	if r.Date.String() != "2023-07-10" || r.Published.String() != "2023-09-04" || !r.Words || r.Document != doc ||
		r.Link != "https://files.ofsted.gov.uk/v1/file/2" || r.RecommendationsHeading != "What needs to improve?" {
		t.Errorf("latest %+v", r)
	}
	wantGrades := []Grade{{findings.Overall, findings.RequiresImprovement}, {findings.Leadership, findings.RequiresImprovement}, {findings.CareLeavers, findings.Good}}
	if fmt.Sprint(r.Grades) != fmt.Sprint(wantGrades) {
		t.Errorf("grades %v, want %v", r.Grades, wantGrades)
	}
	if len(r.Recommendations) != 2 || r.Recommendations[0].Text != "Timeliness of strategy meetings." || r.Recommendations[1].Page != 2 {
		t.Errorf("recommendations %+v", r.Recommendations)
	}
	if len(r.Strengths) != 1 || !r.Strengths[0].Summary || len(r.Improvements) != 0 {
		t.Errorf("strengths %+v, improvements %+v", r.Strengths, r.Improvements)
	}
	if c.Reports[1].Date.String() != "2019-02-18" || c.NoReport() != "" {
		t.Errorf("older report %+v", c.Reports[1])
	}
	if b := byName(t, got, "Barnet"); len(b.Reports) != 2 || b.Latest().Framework != "ILACS-2026" || b.Latest().Grade(findings.Overall) != findings.NoGrade ||
		b.Reports[1].Link != "https://files.ofsted.gov.uk/v1/file/50250000" || b.Reports[1].Framework != "ILACS-short" {
		t.Errorf("Barnet: %+v", b.Reports)
	}
	if len(got) != 153 {
		t.Errorf("%d councils, want the 153 existing on the day", len(got))
	}
}

func byName(t *testing.T, cs []Council, name string) *Council {
	t.Helper()
	for i := range cs {
		if cs[i].Council.Name == name {
			return &cs[i]
		}
	}
	t.Fatalf("%s not listed", name)
	return nil
}

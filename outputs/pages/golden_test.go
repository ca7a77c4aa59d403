package pages_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/fixtures/golden"
	"github.com/oversight/oversight/outputs/pages"
)

// reportRows are South Tyneside's August 2026 report (the April 2026
// framework: no overall grade) as the report reader writes its findings:
// its grades, then its points in the report's words, each with the note
// (inspections.PointNote) that says which list it is from. Two
// recommendations (the second cut at 300 characters), three other areas
// for improvement and six strengths, so that on paper the lists are cut
// short and say how many more there are.
func reportRows() [][]string {
	const (
		fw   = "ILACS-2026"
		url  = "https://files.ofsted.gov.uk/v1/file/99999901"
		head = "What needs to improve?"
	)
	doc := strings.Repeat("0123456789abcdef", 4)
	row := func(measure, value, area, polarity, note, page, quote string) []string {
		return []string{"South Tyneside", "2026-08-04", "2026-09-20", measure, value, area, polarity, url, "ofsted", note, doc, page, quote}
	}
	// A point's label is its words' first 100 characters, as the reader
	// writes it.
	point := func(polarity, note, page, quote string) []string {
		return row("theme", quote[:min(len(quote), 100)], "", polarity, note, page, quote)
	}
	rows := [][]string{{"council", "date", "published", "measure", "value", "area", "polarity", "source", "source_type", "note", "document", "page", "quote"}}
	for _, g := range []struct{ area, grade, what string }{
		{"leadership", "good", "the impact of leaders judged good"},
		{"help_and_protection", "good", "help and protection judged good"},
		{"children_in_care", "good", "children in care judged good"},
		{"care_leavers", "outstanding", "care leavers judged outstanding"},
	} {
		rows = append(rows, row("grade", g.grade, g.area, "", inspections.ReportNote(fw, g.what), "1", ""))
	}
	recs := []string{
		"Make sure that managers record why a child's plan changes.",
		"Make sure that every care leaver is told, in words they understand and at a time that suits them, where their health records are kept, how to ask for copies, whom to tell when something in them is wrong, and what help with their physical and mental health they can have once they leave care and move into a home of their own.",
	}
	// The reader keeps a quote's first 300 characters, to a word's end.
	recs[1] = recs[1][:strings.LastIndex(recs[1][:300], " ")]
	for i, q := range recs {
		rows = append(rows, point("weakness", inspections.PointNote(fw, inspections.Recommendation, head, i+1, len(recs), i == 1, ""), "7", q))
	}
	for i := range 3 {
		rows = append(rows, point("weakness", inspections.PointNote(fw, inspections.Improvement, "", i+1, 9, false, "supervision"), "4",
			fmt.Sprintf("Supervision notes in %d of the teams seen are too brief to show what was decided.", i+2)))
	}
	for i := range 6 {
		rows = append(rows, point("strength", inspections.PointNote(fw, inspections.Strength, "", i+4, 9, false, ""), "3",
			fmt.Sprintf("Children in the %s team keep the same social worker for a long time.", []string{"first", "second", "third", "fourth", "fifth", "sixth"}[i])))
	}
	return rows
}

// TestGolden writes the pages of three councils from testdata/findings.csv
// and South Tyneside's report as the report reader writes it, with what
// Ofsted said from inspections.Known (as the councils job gives it), and
// compares them with the golden files in testdata/golden: the markup as a
// whole (the style sheet left out), for review when it changes. South Tyneside: the newest report in
// the report's words, the 2023 inspection known by its grades only;
// Sunderland: only the grades of its newest inspection; Gateshead: no
// report in the inputs. The workbooks beside them are stand-ins of a fixed
// size, so the pages do not change with the workbooks' bytes.
func TestGolden(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "report.csv")
	var b strings.Builder
	w := csv.NewWriter(&b)
	if err := w.WriteAll(reportRows()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(report, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ref := reference.Default()
	in, err := intake.Load(context.Background(), []string{"testdata/findings.csv", report}, intake.Options{Ref: ref})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, rej, dup := in.Totals(); rej+dup > 0 {
		t.Fatalf("%d rows rejected, %d duplicates: %+v", rej, dup, in.Rejects)
	}
	asOf := day("2026-12-01")
	r, err := metrics.Compute(context.Background(), in.Findings, ref, asOf)
	if err != nil {
		t.Fatal(err)
	}
	prev, err := metrics.Compute(context.Background(), in.Findings, ref, day("2026-09-01"))
	if err != nil {
		t.Fatal(err)
	}
	r.CompareWith(metrics.SnapshotOf(prev), in.Findings)
	said := map[int]*inspections.Council{}
	known := inspections.Known(in.Findings, ref, asOf, nil)
	for i := range known {
		said[known[i].Council.Index] = &known[i]
	}
	slugs := map[string]string{"South Tyneside": "south-tyneside", "Gateshead": "gateshead", "Sunderland": "sunderland"}
	var cs []*metrics.Council
	var names []string
	for _, c := range r.Councils {
		if s, ok := slugs[c.Ref.Name]; ok {
			cs = append(cs, c)
			names = append(names, s)
		}
	}
	if len(cs) != len(slugs) {
		t.Fatalf("%d of the %d councils in the report", len(cs), len(slugs))
	}
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(filepath.Join(out, pages.CouncilsDir), 0o755); err != nil {
		t.Fatal(err)
	}
	site := pages.NewCouncils(pages.CouncilsInput{Report: r, Version: "test", Publishing: pages.Publishing{Publisher: "Test publisher"}})
	for i, c := range cs {
		// A stand-in workbook of 12,345 bytes.
		if err := os.WriteFile(filepath.Join(out, pages.CouncilsDir, names[i]+".xlsx"), make([]byte, 12345), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := site.WriteCouncil(out, pages.CouncilEntry{Council: c, Slug: names[i], Said: said[c.Ref.Index]}); err != nil {
			t.Fatal(err)
		}
	}
	if err := site.WriteIndex(out, cs, names); err != nil {
		t.Fatal(err)
	}
	files := []string{"index.html"}
	for _, n := range names {
		files = append(files, pages.CouncilsDir+"/"+n+".html")
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		// The style sheet is templates/style.css, the same in every page:
		// the golden files hold the markup.
		start, end := bytes.Index(got, []byte("<style>")), bytes.Index(got, []byte("</style>"))
		if start < 0 || end < start {
			t.Fatalf("%s: no style sheet", f)
		}
		got = append(got[:start+len("<style>")], append([]byte("/* templates/style.css */"), got[end:]...)...)
		golden.Check(t, filepath.Join("testdata", "golden", f), got)
	}
}

func day(s string) dates.Day {
	d, err := dates.Parse(s)
	if err != nil {
		panic(err)
	}
	return d.Day
}

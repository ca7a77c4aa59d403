package extract

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/extract/extracttest"
	"github.com/oversight/oversight/analysis/inspections"
)

func TestCheckRecord(t *testing.T) {
	rec := extracttest.Record(t, `
Medway,2011-03-02,2011-03-02,help_and_protection,good
Medway,2019-06-03,2019-08-02,overall,inadequate
Medway,2022-01-10,2022-03-04,overall,good
`)
	sure := func(date, value string) evidence.Candidate {
		return evidence.Candidate{Council: "Medway", Date: date, Measure: "grade", Value: value, Area: "overall", Note: "rated in the sentence", Confidence: 0.9}
	}
	for _, c := range []struct {
		name   string
		in     evidence.Candidate
		review string // "" stays above the cut
		note   string
	}{
		{"corroborated", sure("2019-08", "inadequate"), "", "(it agrees)"},
		{"contradicted", sure("2019", "good"), "Ofsted's record gives Medway inadequate for overall at the inspection from 2019-06-03, published 2019-08-02, not good", "held for review"},
		{"no inspection near", sure("2016", "good"), "no inspection of Medway near 2016 in Ofsted's record", "held for review"},
		{"after the record", sure("2025", "good"), "", "rated in the sentence"},
		{"a figure is not checked", evidence.Candidate{Council: "Medway", Date: "2016", Measure: "caseload", Value: "20", Confidence: 0.9, Note: "n"}, "", "n"},
		{"already held: the record's word added", func() evidence.Candidate {
			c := sure("2019", "good")
			c.Review = "the council is in doubt"
			c.Confidence = 0.5
			return c
		}(),
			"the council is in doubt; Ofsted's record gives Medway inadequate", "rated in the sentence"},
	} {
		got := c.in
		CheckRecord(rec, &got, false)
		if !strings.HasPrefix(got.Review, c.review) || (c.review == "") != (got.Review == "") {
			t.Errorf("%s: review %q, want %q", c.name, got.Review, c.review)
		}
		if got.Review != "" && got.Confidence > evidence.HeldConfidence {
			t.Errorf("%s: held at confidence %v", c.name, got.Confidence)
		}
		if !strings.Contains(got.Note, c.note) {
			t.Errorf("%s: note %q lacks %q", c.name, got.Note, c.note)
		}
	}
}

// A count of recommendations is a graded inspection's: where the record
// covers the council and has none near the count's date, it is held.
func TestCheckRecordRecommendations(t *testing.T) {
	rec := extracttest.Record(t, `
Medway,2019-06-03,2019-08-02,overall,inadequate
Medway,2022-01-10,2022-03-04,overall,good
Kent,2024-01-08,2024-03-01,overall,good
`)
	for _, c := range []struct {
		date string
		held bool
	}{
		{"2019-06", false}, // the inspection of June 2019
		{"2022-03-04", false},
		{"2020-12", true},  // between inspections, none near
		{"2023-05", true},  // after Medway's last, but the record runs on (to March 2024) and has none
		{"2024-05", false}, // past where the record ends: unchecked
		{"2018", false},    // before Medway's first inspection in the record
	} {
		got := evidence.Candidate{Council: "Medway", Date: c.date, Measure: "recommendations", Value: "6", Confidence: 0.85, Note: "n"}
		CheckRecord(rec, &got, false)
		if (got.Review != "") != c.held {
			t.Errorf("recommendations dated %s: review %q, want held %v", c.date, got.Review, c.held)
		}
	}
}

// With dating by the record, a corroborated grade takes the inspection's
// first day and publication where the record knows the first day; every
// other verdict, and an inspection whose first day the record lacks, keeps
// the text's date.
func TestCheckRecordDates(t *testing.T) {
	rec := extracttest.Record(t, `
Medway,2011-03-02,2011-03-02,overall,good
Medway,2019-06-03,2019-08-02,overall,inadequate
Medway,2022-01-10,2022-03-04,overall,good
`)
	sure := func(date, value string) evidence.Candidate {
		return evidence.Candidate{Council: "Medway", Date: date, Published: "2019-08-02", Measure: "grade", Value: value, Area: "overall", Note: "rated in the sentence", Confidence: 0.9}
	}
	for _, c := range []struct {
		name            string
		in              evidence.Candidate
		date, published string
		note, review    string
	}{
		{"corroborated, dated by publication", sure("2019-08-02", "inadequate"), "2019-06-03", "2019-08-02",
			"dated by Ofsted's record: the inspection of 2019-06-03, published 2019-08-02 (the text: 2019-08-02)", ""},
		{"corroborated, a year", sure("2019", "inadequate"), "2019-06-03", "2019-08-02", "(the text: 2019, published 2019-08-02)", ""},
		{"corroborated, the first day already", sure("2019-06-03", "inadequate"), "2019-06-03", "2019-08-02", "dated by Ofsted's record", ""},
		{"the record lacks the first day", sure("2011", "good"), "2011", "2019-08-02", "(it agrees)", ""},
		{"contradicted: the text's date", sure("2019-08", "good"), "2019-08", "2019-08-02", "held for review", "Ofsted's record gives"},
		{"held and corroborated: dated, still held", func() evidence.Candidate {
			c := sure("2019-08", "inadequate")
			c.Review = "the council is in doubt"
			return c
		}(), "2019-06-03", "2019-08-02", "rated in the sentence", "the council is in doubt; dated by Ofsted's record"},
	} {
		got := c.in
		CheckRecord(rec, &got, true)
		if got.Date != c.date || got.Published != c.published {
			t.Errorf("%s: dated %s published %s, want %s, %s", c.name, got.Date, got.Published, c.date, c.published)
		}
		if !strings.Contains(got.Note, c.note) {
			t.Errorf("%s: note %q lacks %q", c.name, got.Note, c.note)
		}
		if !strings.HasPrefix(got.Review, c.review) || (c.review == "") != (got.Review == "") {
			t.Errorf("%s: review %q, want %q", c.name, got.Review, c.review)
		}
		off := c.in
		CheckRecord(rec, &off, false)
		if off.Date != c.in.Date || off.Published != c.in.Published {
			t.Errorf("%s: dating off changed the date to %s, %s", c.name, off.Date, off.Published)
		}
	}
}

// A text read under one record check is read again under another (a
// regenerated record, or the check off), and given from the registry under
// the same one; so is an entry written before the check.
func TestRegistryKnowsTheRecordCheck(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "2016-05-02_medway.txt", []byte("Medway council's children's services were rated good by Ofsted in a report published today.\n"))
	reg := filepath.Join(t.TempDir(), "registry.jsonl")
	recA := extracttest.Record(t, "Medway,2011-03-02,2011-03-02,overall,good\nMedway,2019-06-03,2019-08-02,overall,inadequate\n")
	recB := extracttest.Record(t, "Medway,2011-03-02,2011-03-02,overall,good\nMedway,2016-03-07,2016-05-02,overall,good\nMedway,2019-06-03,2019-08-02,overall,inadequate\n")
	run := func(rec *inspections.Record, off bool, dated ...bool) *Result {
		res, err := Run(context.Background(), Options{Paths: []string{dir}, Registry: reg, Record: rec, NoRecordCheck: off, DateByRecord: len(dated) > 0})
		if err != nil {
			t.Fatal(err)
		}
		saveRegistry(t, reg, res)
		return res
	}
	first := run(recA, false)
	if first.New != 1 || len(first.Findings) != 0 || len(first.Review) == 0 || !strings.Contains(first.Review[0].Reason, "no inspection of Medway near") {
		t.Fatalf("under record A: %d new, %d findings, review %+v", first.New, len(first.Findings), first.Review)
	}
	if again := run(recA, false); again.Read != 0 {
		t.Errorf("the same record: %d read again, want 0", again.Read)
	}
	second := run(recB, false)
	if second.Read != 1 || len(second.Findings) != 1 || !strings.Contains(second.Findings[0].Note, "it agrees") {
		t.Errorf("under record B: %d read, findings %+v", second.Read, second.Findings)
	}
	// Dating by the record changes the rows: read again, dated by the
	// inspection's first day; and again without it.
	if dated := run(recB, false, true); dated.Read != 1 || len(dated.Findings) != 1 || dated.Findings[0].Date != "2016-03-07" {
		t.Errorf("dated by the record: %d read, findings %+v", dated.Read, dated.Findings)
	}
	if undated := run(recB, false); undated.Read != 1 || len(undated.Findings) != 1 || undated.Findings[0].Date != "2016-05-02" {
		t.Errorf("dating off again: %d read, findings %+v", undated.Read, undated.Findings)
	}
	if off := run(nil, true); off.Read != 1 {
		t.Errorf("the check off: %d read, want 1", off.Read)
	}
	// An entry from before the check (no record named) is read again.
	run(recB, false)
	b, err := os.ReadFile(reg)
	if err != nil {
		t.Fatal(err)
	}
	name := []byte(`,"record":"` + recB.ID() + recordAreas + `"`)
	if !bytes.Contains(b, name) {
		t.Fatalf("the registry does not name the record: %s", b)
	}
	os.WriteFile(reg, bytes.ReplaceAll(b, name, nil), 0o644)
	if old := run(recB, false); old.Read != 1 {
		t.Errorf("an entry from before the check: %d read, want 1", old.Read)
	}
}

package text

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
)

// fakeRecord holds one inspection per council: its grades by area.
type fakeRecord map[string]map[string]string

func (r fakeRecord) Inspection(council string, _ dates.Date, area, grade string) map[string]string {
	g := r[council]
	if g == nil || g[area] != grade {
		return nil
	}
	return g
}

// TestRecordAreas: with Ofsted's record, a sentence naming an area beside
// a grade word gives that area its grade when the record's inspection
// behind the council's overall grade agrees, dated as the overall grade
// (testdata/record-areas, in our own words).
func TestRecordAreas(t *testing.T) {
	rutland := map[string]string{"overall": "outstanding", "help_and_protection": "outstanding",
		"children_in_care": "good", "care_leavers": "good", "leadership": "outstanding"}
	tests := []struct {
		file string
		rec  fakeRecord
		want []string // council date area value: the areas the record let the reader take
	}{
		// Bullets of areas: each takes its grade; areas the text does not
		// grade are not added; "good progress" grades nothing.
		{"bullets.txt", fakeRecord{"Rutland": rutland},
			[]string{"Rutland 2024-03-05 help_and_protection outstanding"}},
		// The record gives another grade: the area is left to the rules.
		{"bullets.txt", fakeRecord{"Rutland": {"overall": "outstanding", "help_and_protection": "good", "children_in_care": "outstanding", "care_leavers": "good", "leadership": "outstanding"}},
			nil},
		// Without the record nothing is added.
		{"bullets.txt", nil, nil},
		// "in every area" with the record giving every area that grade.
		{"every-area.txt", fakeRecord{"Wokingham": {"overall": "outstanding", "help_and_protection": "outstanding",
			"children_in_care": "outstanding", "care_leavers": "outstanding", "leadership": "outstanding"}},
			[]string{"Wokingham 2023-06-12 care_leavers outstanding", "Wokingham 2023-06-12 children_in_care outstanding",
				"Wokingham 2023-06-12 help_and_protection outstanding", "Wokingham 2023-06-12 leadership outstanding"}},
		// An earlier inspection's areas are not the current one's, even
		// where the record's current grades match the words; another
		// council's sentence gives the anchor's council nothing.
		{"previous.txt", fakeRecord{"Torbay": {"overall": "good", "leadership": "inadequate", "care_leavers": "requires improvement",
			"help_and_protection": "good", "children_in_care": "good"}}, nil},
	}
	for _, tt := range tests {
		raw, err := os.ReadFile(filepath.Join("testdata", "record-areas", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		opts := Options{}
		if tt.rec != nil {
			opts.Record = tt.rec
		}
		res, err := ExtractWith(context.Background(), Doc{File: tt.file, Raw: raw}, nil, opts)
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		var got []string
		overall := false
		for _, c := range res.Candidates {
			if c.Measure != "grade" || c.Review != "" {
				continue
			}
			if c.Area == "overall" {
				overall = true
				continue
			}
			if !strings.Contains(c.Note, recordAgrees) {
				continue // the sure rules' own
			}
			got = append(got, strings.Join([]string{c.Council, c.Date, c.Area, c.Value}, " "))
		}
		sort.Strings(got)
		if !overall {
			t.Errorf("%s: no overall grade above the cut: %+v", tt.file, res.Candidates)
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s (record %v): areas above the cut\n%s\nwant\n%s", tt.file, tt.rec != nil, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
}

// TestGradeUses: a grade word is a grade where a verb, a quote, a colon
// or a capital makes it one, not before a noun it describes.
func TestGradeUses(t *testing.T) {
	tests := []struct {
		text string
		want string // value:use per word
	}{
		{"Leadership was judged good.", "good:true"},
		{"Leadership – Outstanding", "outstanding:true"},
		{"Staff made good progress with families.", "good:false"},
		{"The service was rated as requiring improvement to be good.", "requires improvement:true"},
	}
	for _, tt := range tests {
		var got []string
		for _, u := range gradeUses(tt.text) {
			got = append(got, u.value+":"+map[bool]string{true: "true", false: "false"}[u.use])
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%q: %q, want %q", tt.text, strings.Join(got, " "), tt.want)
		}
	}
}

// TestSentenceAreas: which areas a sentence grades, given the record's
// grades of the inspection.
func TestSentenceAreas(t *testing.T) {
	ilacs := map[string]string{"overall": "good", "leadership": "good", "help_and_protection": "requires improvement",
		"children_in_care_and_care_leavers": "good"}
	tests := []struct {
		text   string
		grades map[string]string
		want   string
	}{
		// The grade word beside "overall" is the overall grade: the area
		// takes the nearest other one, which the record does not give.
		{"The county was rated ‘Good’ overall, with its children in care work praised as ‘Outstanding’.", ilacs, ""},
		{"Help and protection was judged as requiring improvement.", ilacs, "help_and_protection requires improvement"},
		// A part of ILACS 2018-23's joint judgement is the joint one.
		{"Care leavers were rated good.", ilacs, "children_in_care_and_care_leavers good"},
		// The record gives another grade.
		{"Leadership was judged outstanding.", ilacs, ""},
		// Every area, but the record's areas differ: none.
		{"All four areas were judged good.", ilacs, ""},
		// A grade word used otherwise in the sentence: none.
		{"Leaders made good progress and leadership was judged good.", ilacs, ""},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range sentenceAreas(tt.text, tt.grades) {
			got = append(got, a.area+" "+a.grade)
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%q: %q, want %q", tt.text, strings.Join(got, "|"), tt.want)
		}
	}
}

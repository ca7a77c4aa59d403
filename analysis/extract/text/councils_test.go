package text

import (
	"sort"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/reference"
)

// TestParagraphsGoOn: paragraphs naming no council go on with the one the
// paragraph before them was about, in a text naming several.
func TestParagraphsGoOn(t *testing.T) {
	raw := "Source: https://news.example/x\n\nA council moves up a grade\n\n" +
		"Rutland council joined Halton in improving one grade, while Sutton kept its rating.\n\n" +
		"At a full inspection in 2017, inspectors found high caseloads at Rutland. In a focused visit a year later they were still high.\n\n" +
		"But at its latest inspection, inspectors said workloads had fallen.\n\n" +
		"The council's social workers rose in number between 2017 and 2020.\n"
	ref := reference.Default()
	d := &document{doc: Doc{File: "x.txt", Raw: []byte(raw)}, ref: ref, m: matcherFor(ref)}
	if err := d.read(); err != nil {
		t.Fatal(err)
	}
	d.findCouncils()
	d.findDate()
	d.buildSents()
	for _, s := range d.sents {
		if strings.HasPrefix(s.Text, "But at its") || strings.HasPrefix(s.Text, "The council's") {
			if s.Council != "Rutland" {
				t.Errorf("%q: council %q, want Rutland", s.Text, s.Council)
			}
		}
	}
}

// TestItsSubject: a sentence opening "Its" after one whose subject is a
// council is that council's, though the sentence before names others
// after its subject; without the pronoun it stays in doubt.
func TestItsSubject(t *testing.T) {
	for _, tt := range []struct{ second, want string }{
		{"Its help and protection was judged ‘inadequate’, whereas leadership was found to be ‘requiring improvement’.", "help_and_protection inadequate|leadership requires improvement"},
		{"Help and protection was judged ‘inadequate’, whereas leadership was found to be ‘requiring improvement’.", ""},
	} {
		doc := "Source: https://news.example/2015/05/19/rutland-inadequate\n\nRutland rated inadequate\n\n" +
			"Rutland council has been rated inadequate in a report published this week.\n\n" +
			"Rutland council is the third council Ofsted has found inadequate this month, after Halton and Sutton. " + tt.second + "\n"
		res := readText(t, "x.txt", []byte(doc), Options{})
		got := shown(res.Candidates, func(c evidence.Candidate) bool {
			return c.Measure == "grade" && c.Review == "" && c.Council == "Rutland" && c.Area != "overall"
		}, func(c evidence.Candidate) string { return c.Area + " " + c.Value })
		sort.Strings(got)
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%q: Rutland's area grades above the cut %q, want %q", tt.second, got, tt.want)
		}
	}
}

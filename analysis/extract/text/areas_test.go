package text

import (
	"sort"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/extract/evidence"
)

// TestExceptAreas: "in all areas except A, which was B" gives every other
// area the first grade and A the second, and no overall grade.
func TestExceptAreas(t *testing.T) {
	tests := []struct {
		text       string
		except     string // the first grade's areas left out
		second     string // the second grade's areas
		secondExpl bool
	}{
		{"The county was judged good in all areas except the help and protection of children, which inspectors rated as requiring improvement.",
			"help_and_protection", "help_and_protection", true},
		{"The borough was graded outstanding across all areas apart from adoption, which was judged good.",
			"adoption", "adoption", true},
	}
	for _, tt := range tests {
		gs := findGrades(tt.text)
		if len(gs) < 2 {
			t.Errorf("%q: %d grades, want 2 (%+v)", tt.text, len(gs), gs)
			continue
		}
		if !gs[0].AllAreas {
			t.Errorf("%q: first grade not for all areas (%+v)", tt.text, gs[0])
		}
		if got := strings.Join(gs[0].Except, "|"); got != tt.except {
			t.Errorf("%q: except %q, want %q", tt.text, got, tt.except)
		}
		if got := strings.Join(gs[1].Areas, "|"); got != tt.second || gs[1].Explicit != tt.secondExpl {
			t.Errorf("%q: second grade's areas %q (explicit %v), want %q (%v)", tt.text, got, gs[1].Explicit, tt.second, tt.secondExpl)
		}
	}
	// "in all areas" ends the grade's areas: an area named after it is
	// another clause's.
	if gs := findGrades("It was rated good in all areas, and leaders were praised by inspectors."); len(gs) != 1 || !gs[0].AllAreas || gs[0].Explicit {
		t.Errorf("good in all areas, and leaders ...: %+v", gs)
	}
	all := []string{"overall", "leadership", "help_and_protection", "children_in_care_and_care_leavers"}
	if got := strings.Join(allBut(all, []string{"children_in_care"}), "|"); got != "leadership|help_and_protection" {
		t.Errorf("allBut with a part of the combined area: %q", got)
	}
	if got := strings.Join(allBut(all, nil), "|"); got != strings.Join(all, "|") {
		t.Errorf("allBut with nothing left out: %q", got)
	}
}

// TestAreaStructureDoubt: a sentence grading areas is sure only where its
// structure pairs each area with its grade.
func TestAreaStructureDoubt(t *testing.T) {
	tests := []struct {
		text string
		area string // the finding checked, of the first grade with it
		held bool
	}{
		// An overall grade in a sentence about counted or singled-out areas.
		{"Only one area of the service was awarded a ‘good’ grade.", "overall", true},
		{"Last time the county was rated good in two of the three judgement areas.", "overall", true},
		{"The council has been rated good by Ofsted, with leadership judged outstanding.", "overall", false},
		{"Children's services in the area were rated inadequate.", "overall", false},
		{"Inspectors rated the service good in two of the four areas, including overall effectiveness.", "overall", false},
		// Several grades, an area taken only by nearness.
		{"In leadership, inspectors found weaknesses and gave an ‘inadequate’ grade, while adoption was judged good.", "leadership", false},
		{"Inspectors rated the council ‘inadequate’ although for adoption, after long debate among the team, they gave ‘good’.", "adoption", true},
		{"Care leavers got a kinder verdict of ‘requires improvement’, set against an ‘inadequate’ grade for children who need help and protection.", "help_and_protection", false},
		{"Care leavers got a kinder verdict of ‘requires improvement’, set against an ‘inadequate’ grade for children who need help and protection.", "care_leavers", false},
		{"Care leavers did well, as one of the parts judged ‘good’; yet inspectors rated the county ‘inadequate’ overall.", "care_leavers", false},
		{"In leadership, inspectors found strengths and gave a ‘good’ grade.", "leadership", false},
		{"Help and protection requires improvement, and leadership and adoption were both judged good.", "leadership", false},
		{"Help and protection requires improvement, and leadership and adoption were both judged good.", "help_and_protection", false},
		// "in this area": an area named elsewhere.
		{"Leaders have steadied the service, with the council moving from ‘inadequate’ to ‘requires improvement’ in that area.", "overall", true},
		// One area given two grades.
		{"The care of leaders requires improvement while leadership and governance were rated inadequate.", "leadership", true},
	}
	for _, tt := range tests {
		gs := findGrades(tt.text)
		found := false
		for gi, g := range gs {
			if !coversArea(g.Areas, tt.area) {
				continue
			}
			found = true
			why := areaStructureDoubt(tt.text, gs, gi, tt.area)
			if (why != "") != tt.held {
				t.Errorf("%q (%s): held %v (%q), want %v; grades %+v", tt.text, tt.area, why != "", why, tt.held, gs)
			}
			break
		}
		if !found {
			t.Errorf("%q: no grade for %s (%+v)", tt.text, tt.area, gs)
		}
	}
}

// TestAreasInSentences: areas graded in running prose (fifth round).
func TestAreasInSentences(t *testing.T) {
	tests := []struct{ text, want string }{
		// Counted areas and a dash or colon listing them, in the writer's words.
		{"Inspectors gave a ‘good’ grade for two of the four areas – the way the county supports children in care, and its care leavers.", "children_in_care|care_leavers"},
		{"The borough was rated outstanding in three areas: leadership, adoption and help and protection.", "leadership|adoption|help_and_protection"},
		// "in relation to", "in respect of" link a grade to the area after it.
		{"The county was judged ‘requires improvement’ in respect of the experiences and progress of care leavers.", "care_leavers"},
		{"The city was rated ‘outstanding’ in relation to the impact of leaders.", "leadership"},
		// The singular "care leaver services".
		{"Ofsted lifted the borough's children in care and care leaver services to ‘good’.", "children_in_care_and_care_leavers"},
		// A clause about areas, then "was" naming them.
		{"The one area of the county's work that was judged ‘outstanding’ was adoption.", "adoption"},
		{"The areas given a ‘good’ grade were leadership and care leavers.", "leadership|care_leavers"},
		// The areas quoted as the object of "rated ... as".
		{"Inspectors rated the county’s ‘impact of leaders on social work practice’ and ‘experiences and progress of care leavers’ as good.", "leadership|care_leavers"},
		// "of children" between items of a list after the grade.
		{"The report judged as good the impact of leaders, the experiences and progress of children who need help and protection and the experiences and progress of children care leavers.", "leadership|help_and_protection|care_leavers"},
		// "children who need protection" is the help and protection area.
		{"Children who need protection were judged inadequate.", "help_and_protection"},
	}
	for _, tt := range tests {
		gs := findGrades(tt.text)
		if len(gs) == 0 {
			t.Errorf("%q: no grade", tt.text)
			continue
		}
		if got := strings.Join(gs[0].Areas, "|"); got != tt.want || !gs[0].Explicit {
			t.Errorf("%q: areas %q (explicit %v), want %q", tt.text, got, gs[0].Explicit, tt.want)
		}
	}
	// A quoted part of the service is no area: no grade is read.
	if gs := findGrades("Inspectors rated the county’s ‘front door’ arrangements as good."); len(gs) != 0 {
		t.Errorf("rated its 'front door' as good: %+v", gs)
	}
	if gs := findGrades("Inspectors rated the county’s ‘front door’ as good."); len(gs) != 0 {
		t.Errorf("rated its 'front door' as good: %+v", gs)
	}
	// Every aspect of the service is every area.
	if gs := findGrades("Every aspect of the service was judged to be ‘good’."); len(gs) != 1 || !gs[0].AllAreas {
		t.Errorf("every aspect of the service: %+v", gs)
	}
	if gs := findGrades("All aspects of its children's services were rated outstanding."); len(gs) != 1 || !gs[0].AllAreas {
		t.Errorf("all aspects of its children's services: %+v", gs)
	}
}

// TestEarlierGradeWords: a grade given years before the news is an
// earlier one, and a count of years is no count of councils.
func TestEarlierGradeWords(t *testing.T) {
	tests := []struct {
		text     string
		value    string
		previous bool
	}{
		{"The trust is now good, three years after being given Ofsted's lowest rating in 2016.", "inadequate", true},
		{"The county is rated good by Ofsted, five years after receiving its worst grade.", "inadequate", true},
		{"Inspectors rated the borough good, only four years after judging it ‘inadequate’.", "inadequate", true},
		{"Four years after its last inspection, the borough was rated inadequate.", "inadequate", false},
		{"Two councils were rated inadequate.", "", false},
	}
	for _, tt := range tests {
		var got *gradeMention
		for _, g := range findGrades(tt.text) {
			if g.Value == tt.value {
				g := g
				got = &g
			}
		}
		if tt.value == "" {
			continue
		}
		if got == nil {
			t.Errorf("%q: no %s grade", tt.text, tt.value)
			continue
		}
		if got.Previous != tt.previous {
			t.Errorf("%q: previous %v, want %v", tt.text, got.Previous, tt.previous)
		}
	}
	d := &document{}
	s := &sent{sentence: sentence{Text: "The trust is now good, three years after being given Ofsted's lowest rating in 2016."}}
	gs := findGrades(s.Text)
	if len(gs) != 1 || d.groupSubject(s, gs[0].Start) {
		t.Errorf("\"three years after\" read as a count of councils: %+v", gs)
	}
	s = &sent{sentence: sentence{Text: "Of the councils inspected, three were rated inadequate."}}
	if gs := findGrades(s.Text); len(gs) != 1 || !d.groupSubject(s, gs[0].Start) {
		t.Errorf("\"three were rated\" not read as councils counted: %+v", gs)
	}
}

// TestCouncilsInGeneral: "areas" of a service are not councils in
// general; "councils" and "areas" as places are.
func TestCouncilsInGeneral(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"After a full inspection in May the borough made progress in all areas identified as weak in 2019.", false},
		{"Inspectors listed three areas for improvement after the inspection in May.", false},
		{"Of the 20 councils inspected in May, six were rated good.", true},
		{"Inspections in May covered four areas in the north.", true},
		{"Inspectors, who spent two weeks there in May, judged each of those four areas good.", false},
	}
	for _, tt := range tests {
		if got := councilsInGeneral(tt.text); got != tt.want {
			t.Errorf("%q: councils in general %v, want %v", tt.text, got, tt.want)
		}
	}
	// "shed its 'inadequate' status": a grade it had.
	if gs := findGrades("The borough has shed its ‘inadequate’ status after the inspection."); len(gs) != 1 || !gs[0].Previous {
		t.Errorf("shed its inadequate status: %+v", gs)
	}
}

// TestLatestInspectionClause: "..., but the most recent inspection has
// rated the service as good in every area" is the latest inspection's grade,
// whatever earlier time the clause before gives.
func TestLatestInspectionClause(t *testing.T) {
	doc := "Source: https://news.example/2019/06/20/borough-good\n\n20 June 2019\n\nBorough now good\n\n" +
		"Ofsted inspected Barnsley between 10 and 21 June 2019.\n\n" +
		"Barnsley sank to the bottom grade in May 2016, but the most recent inspection has rated the service as good in every area.\n"
	res := readText(t, "x.txt", []byte(doc), Options{})
	got := shown(res.Candidates, func(c evidence.Candidate) bool { return c.Measure == "grade" && c.Value == "good" && c.Review == "" },
		func(c evidence.Candidate) string { return c.Area + " " + c.Date })
	sort.Strings(got)
	want := "children_in_care_and_care_leavers 2019-06-10|help_and_protection 2019-06-10|leadership 2019-06-10|overall 2019-06-10"
	if strings.Join(got, "|") != want {
		t.Errorf("good grades above the cut %q, want %q", strings.Join(got, "|"), want)
	}
}

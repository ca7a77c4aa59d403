package text

import (
	"context"
	"fmt"
	"maps"
	"sort"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/analysis/reference"
)

// fakeRecord holds one inspection per council: its grades by area.
type fakeRecord map[string]map[string]string

func (r fakeRecord) Inspection(council string, d dates.Date, area, grade string) *Inspection {
	g := r[council]
	if g == nil || g[area] != grade {
		return nil
	}
	return &Inspection{Grades: g, Inspected: d.Day, Published: d.Day}
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
		// A change's later grade (leadership moving from one grade to a
		// better one) is the area's.
		{"change.txt", fakeRecord{"Stoke-on-Trent": {"overall": "requires improvement", "leadership": "requires improvement",
			"help_and_protection": "requires improvement", "children_in_care_and_care_leavers": "good"}},
			[]string{"Stoke-on-Trent 2022-10 leadership requires improvement"}},
		// An area grade above the cut anchors when the text gives no
		// overall grade to anchor on ("not good overall").
		{"area-anchor.txt", fakeRecord{"Harrow": {"overall": "requires improvement", "leadership": "requires improvement",
			"help_and_protection": "good", "children_in_care": "requires improvement", "care_leavers": "inadequate"}},
			[]string{"Harrow 2025-01 care_leavers inadequate"}},
		// An anchor dated by a previous inspection the sentence speaks of
		// ("since the previous inspection in 2014, when ... good") is not
		// the inspection later sentences report.
		{"previous-anchor.txt", fakeRecord{"Rutland": {"overall": "good", "help_and_protection": "good", "leadership": "good",
			"children_in_care": "good", "care_leavers": "good"}}, nil},
	}
	for _, tt := range tests {
		raw := recordDoc(t, tt.file)
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
			if !strings.Contains(c.Note, recordAgrees) || !strings.Contains(c.Note, "dated as the overall grade is") {
				continue // the sure rules' own, or an earlier inspection's (TestRecordEarlierAreas)
			}
			got = append(got, strings.Join([]string{c.Council, c.Date, c.Area, c.Value}, " "))
		}
		sort.Strings(got)
		if !overall && tt.file != "area-anchor.txt" {
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
		{"Help and protection required improvement.", "requires improvement:true"},
		{"The service was rated as requiring improvement to be good.", "requires improvement:true"},
		// "requires improvement" is a verb phrase: a grade with no verb
		// or quote before it.
		{"The report says the council requires improvement in its work with children in care.", "requires improvement:true"},
	}
	for _, tt := range tests {
		var got []string
		for _, u := range gradeUses(tt.text, findPhrases(tt.text, areaPhrases, nil)) {
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
	ilacs3 := map[string]string{"overall": "inadequate", "leadership": "inadequate", "help_and_protection": "inadequate",
		"children_in_care": "requires improvement", "care_leavers": "requires improvement"}
	ilacs2 := map[string]string{"overall": "requires improvement", "leadership": "requires improvement",
		"help_and_protection": "requires improvement", "children_in_care_and_care_leavers": "requires improvement"}
	tests := []struct {
		text   string
		grades map[string]string
		want   string
	}{
		// The grade word beside "overall" is the overall grade: the area
		// takes the nearest other one, which the record does not give.
		{"The county was rated ‘Good’ overall, with its children in care work praised as ‘Outstanding’.", ilacs, ""},
		{"Help and protection was judged as requiring improvement.", ilacs, "help_and_protection requires improvement"},
		// The grade as a verb phrase, the areas listed after it.
		{"The report says the borough requires improvement in its work for children who need help and protection and in leadership, management and governance.", ilacs2,
			"help_and_protection requires improvement|leadership requires improvement"},
		// A part of ILACS 2018-23's joint judgement is the joint one.
		{"Care leavers were rated good.", ilacs, "children_in_care_and_care_leavers good"},
		// The record gives another grade.
		{"Leadership was judged outstanding.", ilacs, ""},
		// An area named in what the inspection found is not graded.
		{"The ‘inadequate’ inspection of 2019 found that leaders did not grasp the failings.", ilacs3, ""},
		// Every area, but the record's areas differ: none.
		{"All four areas were judged good.", ilacs, ""},
		// Ofsted's top grade in other words, for every area.
		{"The report gave the county the top mark in all areas judged.", map[string]string{"overall": "outstanding",
			"leadership": "outstanding", "help_and_protection": "outstanding", "children_in_care": "outstanding", "care_leavers": "outstanding"},
			"care_leavers outstanding|children_in_care outstanding|help_and_protection outstanding|leadership outstanding"},
		// SIF words: "children achieving permanence"; "the areas that
		// require improvement, which were ...".
		{"Inspectors found children achieving permanence and adoption performance in the county to be ‘good’.", map[string]string{"overall": "requires improvement",
			"children_in_care": "good", "adoption": "good", "care_leavers": "good", "leadership": "requires improvement", "help_and_protection": "requires improvement"},
			"children_in_care good|adoption good"},
		{"Two areas that require improvement remain: 'leadership, management and governance' and 'the experience and progress of children who need help and protection'.", map[string]string{"overall": "requires improvement",
			"children_in_care": "good", "adoption": "good", "care_leavers": "good", "leadership": "requires improvement", "help_and_protection": "requires improvement"},
			"leadership requires improvement|help_and_protection requires improvement"},
		// "Each of these focus areas", "All elements were judged as ...".
		{"Each of these focus areas was likewise rated ‘good’.", map[string]string{"overall": "good",
			"leadership": "good", "help_and_protection": "good", "children_in_care": "good", "care_leavers": "good"},
			"care_leavers good|children_in_care good|help_and_protection good|leadership good"},
		{"All elements received ‘Requires improvement to be good’.", ilacs2,
			"children_in_care_and_care_leavers requires improvement|help_and_protection requires improvement|leadership requires improvement"},
		// Areas listed, then "all merited the 'good' grade".
		{"Leadership, children in care and overall effectiveness were all given the ‘good’ grade.", map[string]string{"overall": "good",
			"leadership": "good", "help_and_protection": "requires improvement", "children_in_care": "good", "care_leavers": "good"},
			"leadership good|children_in_care good"},
		// "All sub-categories ... with the exception of A, which ...".
		{"Every sub-category was graded Outstanding except for ‘the experiences and progress of care leavers’, graded Good.", map[string]string{"overall": "outstanding",
			"leadership": "outstanding", "help_and_protection": "outstanding", "children_in_care": "outstanding", "care_leavers": "good"},
			"children_in_care outstanding|help_and_protection outstanding|leadership outstanding|care_leavers good"},
		// "all of these areas".
		{"Ofsted found the council's services in all of those areas to be inadequate.", map[string]string{"overall": "inadequate",
			"leadership": "inadequate", "help_and_protection": "inadequate", "children_in_care_and_care_leavers": "inadequate"},
			"children_in_care_and_care_leavers inadequate|help_and_protection inadequate|leadership inadequate"},
		// "the other three areas": every area the sentence does not name
		// that the record gives the grade nearest the words.
		{"Care leavers fared best, judged good – yet the other three areas were all judged as requires improvement.", map[string]string{"overall": "requires improvement",
			"leadership": "requires improvement", "help_and_protection": "requires improvement", "children_in_care": "requires improvement", "care_leavers": "good"},
			"children_in_care requires improvement|help_and_protection requires improvement|leadership requires improvement|care_leavers good"},
		// The services are the grade's object; leadership is praised.
		{"Inspectors judged the services as ‘requires improvement to be good’, and they praised the leadership shown by the trust.", ilacs2, ""},
		// An area in a clause set against the grade's.
		{"Ofsted has rated the county's services ‘inadequate’, but its senior leadership says change is coming.", ilacs3, ""},
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

// daysRecord is one inspection whose first day the record knows.
type daysRecord struct {
	council, grade       string
	inspected, published string
}

func (r daysRecord) Inspection(council string, d dates.Date, area, grade string) *Inspection {
	if council != r.council || area != "overall" || grade != r.grade {
		return nil
	}
	i, _ := dates.Parse(r.inspected)
	p, _ := dates.Parse(r.published)
	return &Inspection{Grades: map[string]string{"overall": grade}, Inspected: i.Day, Published: p.Day}
}

// TestRecordDates: a grade dated by the report's publication takes the
// record's first day only where the text names the inspection's month.
func TestRecordDates(t *testing.T) {
	rec := daysRecord{"Luton", "good", "2023-01-23", "2023-03-10"}
	halton := daysRecord{"Halton", "outstanding", "2024-03-04", "2024-05-17"}
	tests := []struct {
		file            string
		rec             Record
		date, published string
	}{
		// A grade the rules hold for want of a date, in a text naming the
		// month of the record's inspection: dated by its first day.
		{"undated-month.txt", halton, "2024-03-04", "2024-05-17"},
		{"undated-month.txt", nil, "", ""},
		// The text names no month: it stays in review.
		{"undated-no-month.txt", halton, "", ""},
		// The record's inspection was published after the article.
		{"undated-month.txt", daysRecord{"Halton", "outstanding", "2024-03-04", "2024-06-20"}, "", ""},
		{"month-named.txt", rec, "2023-01-23", "2023-03-10"},
		// "may" is no month; the text gives only the publication.
		{"month-not-named.txt", rec, "2023-03-10", "2023-03-10"},
		// The record does not know the first day: the publication stays.
		{"month-named.txt", daysRecord{"Luton", "good", "2023-03-10", "2023-03-10"}, "2023-03-10", "2023-03-10"},
		{"month-named.txt", nil, "2023-03-10", "2023-03-10"},
		// Dated by the day the record has the report out, the text
		// giving the inspection's days: the first of them.
		{"published-day.txt", daysRecord{"Luton", "good", "2023-01-23", "2023-03-20"}, "2023-01-23", "2023-03-20"},
		{"published-day.txt", nil, "2023-03-20", "2023-03-20"},
		// A page dated only by its address's year, the report published
		// "today": the record's first day in the month the text names.
		{"year-published.txt", daysRecord{"Blackburn with Darwen", "good", "2025-03-03", "2025-04-23"}, "2025-03-03", "2025"},
	}
	for _, tt := range tests {
		raw := recordDoc(t, tt.file)
		res := readText(t, tt.file, raw, Options{Record: tt.rec})
		n := 0
		for _, c := range res.Candidates {
			if c.Measure != "grade" || c.Area != "overall" || c.Review != "" {
				continue
			}
			if tt.date == "" {
				t.Errorf("%s (record %v): %s above the cut, want it in review (%s)", tt.file, tt.rec != nil, c.Date, c.Note)
				continue
			}
			n++
			pub := c.Published
			if pub == "" {
				pub = c.Date
			}
			if c.Date != tt.date || pub != tt.published {
				t.Errorf("%s: dated %s, published %s; want %s, %s (%s)", tt.file, c.Date, pub, tt.date, tt.published, c.Note)
			}
		}
		if want := map[bool]int{true: 0, false: 1}[tt.date == ""]; n != want {
			t.Errorf("%s: %d overall grades above the cut, want %d: %+v", tt.file, n, want, res.Candidates)
		}
	}
	for _, tt := range []struct {
		text string
		day  string
		want bool
	}{
		{"The inspectors came in January.", "2023-01-23", true},
		{"They visited on 23 to 27 January 2023.", "2023-01-23", true},
		{"They visited in January 2019.", "2023-01-23", false},
		{"The council may appeal.", "2023-05-02", false},
		{"January brought snow.", "2023-01-23", false},
		{"Since January the council has hired twenty social workers.", "2023-01-23", false},
		// A month with another year, in the form with no word before it.
		{"The trust took over the service from April 2017.", "2018-04-23", false},
		{"The trust took over the service from April 2018.", "2018-04-23", true},
	} {
		d, _ := dates.Parse(tt.day)
		if got := monthNamed(tt.text, d.Day); got != tt.want {
			t.Errorf("monthNamed(%q, %s) = %v, want %v", tt.text, tt.day, got, tt.want)
		}
	}
}

// TestRefineDay: a grade the text dates by its inspection's month takes
// the record's first day in that month, and no other.
func TestRefineDay(t *testing.T) {
	raw := recordDoc(t, "bullets.txt")
	raw = []byte(strings.Replace(string(raw), "in a report published today.", "after an inspection in January.", 1))
	for _, tt := range []struct {
		inspected, want string
	}{
		{"2024-01-15", "2024-01-15"},
		{"2023-12-11", "2024-01"}, // another month: the text's month stands
		{"2024-03-05", "2024-01"}, // the record does not know the first day
	} {
		rec := daysRecord{"Rutland", "outstanding", tt.inspected, "2024-03-05"}
		res := readText(t, "bullets.txt", raw, Options{Record: rec})
		got := lastDate(res.Candidates, func(c evidence.Candidate) bool { return c.Measure == "grade" && c.Area == "overall" && c.Review == "" })
		if got != tt.want {
			t.Errorf("record's first day %s: dated %q, want %q", tt.inspected, got, tt.want)
		}
	}
}

// TestTimeGiven: the text gives the inspection's time by naming its
// month, by a date resolved against the document's ("last month"), or by
// days holding it.
func TestTimeGiven(t *testing.T) {
	for _, tt := range []struct {
		text, day, council string
		want               bool
	}{
		{"Published 30 November 2022\n\nThe council was rated outstanding after a full inspection last month.", "2022-10-10", "", true},
		{"Published 30 November 2022\n\nThe council was rated outstanding after a full inspection last month.", "2022-09-12", "", false},
		{"Published 20 November 2023\n\nInspectors were with the council from Monday 2 to Friday 6 October.", "2023-10-02", "", true},
		{"Published 20 November 2023\n\nThe council's report came out today.", "2023-10-02", "", false},
		// A round-up: another council's month is not this one's.
		{"Published 31 January 2025\n\nWigan - good. Inspected in November.\n\nBolton - outstanding. Report out on 13 January.", "2024-11-04", "Bolton", false},
		{"Published 31 January 2025\n\nWigan - good. Inspected in November.\n\nBolton - outstanding. Report out on 13 January.", "2024-11-04", "Wigan", true},
	} {
		raw := []byte("Source: https://www.example.org/news/x\n" + tt.text + "\n")
		d := &document{doc: Doc{File: "x.txt", Raw: raw}, ref: reference.Default(), m: matcherFor(reference.Default())}
		if err := d.read(); err != nil {
			t.Fatal(err)
		}
		d.findCouncils()
		d.findDate()
		d.buildSents()
		day, _ := dates.Parse(tt.day)
		if got := d.timeGiven(day.Day, tt.council); got != tt.want {
			t.Errorf("%q, %s: %v, want %v", tt.text, tt.day, got, tt.want)
		}
	}
}

// realRecord is Ofsted's embedded record as the pipeline asks it.
type realRecord struct{ r *inspections.Record }

func (r realRecord) Inspection(council string, d dates.Date, area, grade string) *Inspection {
	got := r.r.Check(council, d, area, grade)
	if got.Verdict != inspections.Corroborated {
		return nil
	}
	x := got.Inspection
	return &Inspection{Grades: x.Grades, Inspected: x.Inspected, Published: x.Published}
}

// TestRecordEarlier: an earlier overall grade a sentence gives with its
// year, which Ofsted's record has (Torbay: inadequate at the inspection of
// October 2015, published January 2016), is taken with the record and not
// without; not a date of another clause ("Two years ago, ..., after it was
// rated inadequate"), nor a hope.
func TestRecordEarlier(t *testing.T) {
	raw := recordDoc(t, "earlier.txt")
	for _, tt := range []struct {
		rec  Record
		want []string
	}{
		{realRecord{inspections.DefaultRecord()}, []string{"2016 inadequate", "2018 inadequate", "2022-05-18 good"}},
		{nil, []string{"2018 inadequate", "2022-05-18 good"}},
	} {
		res := readText(t, "earlier.txt", raw, Options{Record: tt.rec})
		got := shown(res.Candidates, func(c evidence.Candidate) bool {
			return c.Measure == "grade" && c.Review == "" && c.Council == "Torbay"
		},
			func(c evidence.Candidate) string { return c.Date + " " + c.Value })
		sort.Strings(got)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("record %v: Torbay's grades above the cut: %q, want %q", tt.rec != nil, got, tt.want)
		}
	}
	// One grade given several times ("rated them inadequate in 2016 and
	// 2018", "in 2019 and at its previous inspection in 2015"): each time
	// the record agrees with; none for another provider (schools judged
	// good).
	for _, tt := range []struct{ file, value, want string }{
		{"earlier-list.txt", "inadequate", "2016|2018"},
		{"earlier-previous.txt", "requires improvement", "2015|2019"},
		{"earlier-other-provider.txt", "good", ""},
		// "requires improvement" as a verb phrase is given with no verb
		// or quote before it (Oldham 2019); a grade before "overall
		// rating" is one too (Bury 2021).
		{"earlier-verb.txt", "requires improvement", "2019"},
		{"earlier-rating.txt", "inadequate", "2021"},
		// A sentence naming two councils: the grade and its year in
		// Sandwell's clause are Sandwell's (2015).
		{"earlier-several.txt", "inadequate", "2015"},
	} {
		res := readText(t, tt.file, recordDoc(t, tt.file), Options{Record: realRecord{inspections.DefaultRecord()}})
		dated := shown(res.Candidates, func(c evidence.Candidate) bool {
			return c.Measure == "grade" && c.Review == "" && c.Value == tt.value
		},
			func(c evidence.Candidate) string { return c.Date })
		sort.Strings(dated)
		if strings.Join(dated, "|") != tt.want {
			t.Errorf("%s: %s dated %q, want %q", tt.file, tt.value, dated, tt.want)
		}
	}
	// The grade before its noun ("an inadequate inspection judgement"),
	// dated relatively, in a sentence with a plan in another clause.
	raw = recordDoc(t, "earlier-noun.txt")
	for _, rec := range []Record{realRecord{inspections.DefaultRecord()}, nil} {
		res := readText(t, "earlier-noun.txt", raw, Options{Record: rec})
		got := shown(res.Candidates, func(c evidence.Candidate) bool { return c.Measure == "grade" && c.Review == "" },
			func(c evidence.Candidate) string { return c.Council + " " + c.Date + " " + c.Value })
		want := ""
		if rec != nil {
			want = "Torbay 2018 inadequate"
		}
		if strings.Join(got, "|") != want {
			t.Errorf("earlier-noun.txt, record %v: %q, want %q", rec != nil, got, want)
		}
	}
}

// TestClauseCouncil: in a sentence naming several councils, a span is
// the council's named nearest before it, unless another is named inside
// it or a semicolon parts them.
func TestClauseCouncil(t *testing.T) {
	const text = "Wigan was rated good in 2018 while Bury was rated inadequate; in 2021 it changed"
	s := sent{sentence: sentence{Text: text}, Mentions: []mention{{Council: "Wigan", Start: 0, End: 5}, {Council: "Bury", Start: 35, End: 39}}}
	span := func(from, to string) (int, int) {
		lo := strings.Index(text, from)
		return lo, strings.Index(text, to) + len(to)
	}
	for _, tt := range []struct{ from, to, want string }{
		{"good", "2018", "Wigan"},
		{"inadequate", "inadequate", "Bury"},
		{"good", "inadequate", ""}, // Bury is named inside
		{"2021", "2021", ""},       // past the semicolon
		{"Wigan", "Wigan", ""},     // a name, not a span after one
	} {
		lo, hi := span(tt.from, tt.to)
		if got := s.clauseCouncil(lo, hi); got != tt.want {
			t.Errorf("clauseCouncil(%q..%q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestRecordAreasSubject: a sentence naming no council, which the rules
// give to another council named just before it (a caption), states the
// document's subject's areas when the record's inspection of the subject
// gives them those grades (Staffordshire, November 2023).
func TestRecordAreasSubject(t *testing.T) {
	raw := recordDoc(t, "caption.txt")
	res := readText(t, "caption.txt", raw, Options{Record: realRecord{inspections.DefaultRecord()}})
	got := shown(res.Candidates, func(c evidence.Candidate) bool { return c.Measure == "grade" && c.Area != "overall" },
		func(c evidence.Candidate) string {
			return fmt.Sprintf("%s %s %s %s review=%v", c.Council, c.Date, c.Area, c.Value, c.Review != "")
		})
	sort.Strings(got)
	want := []string{"Staffordshire 2023-11-06 help_and_protection requires improvement review=false",
		"Staffordshire 2023-11-06 leadership requires improvement review=false"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("area grades:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRecordAreasList: a list's items naming no council, in a text naming
// several, are the council's when two or more of them agree with the
// record's inspection behind its agreed overall grade; one alone is not.
func TestRecordAreasList(t *testing.T) {
	rec := fakeRecord{"Rutland": {"overall": "requires improvement", "leadership": "requires improvement",
		"help_and_protection": "requires improvement", "children_in_care": "good", "care_leavers": "good"}}
	head := "Source: https://news.example/inspections-east-midlands\nTwo counties inspected\n\nPublished 5 March 2024\n\n" +
		"Leicestershire was inspected last year.\n\n" +
		"Rutland County Council's children's services require improvement to be good, Ofsted said in a report published today.\n\n" +
		"The grades were:\n\n"
	for _, tt := range []struct {
		items string
		want  int
	}{
		{"- Leadership - Requires improvement\n- Help and protection - Requires improvement\n", 2},
		{"- Leadership - Requires improvement\n- Care leavers - Outstanding\n", 0},
	} {
		res := readText(t, "x.txt", []byte(head+tt.items), Options{Record: rec})
		n := 0
		for _, c := range res.Candidates {
			if c.Measure == "grade" && c.Review == "" && c.Council == "Rutland" && strings.Contains(c.Note, "an item of a list") {
				n++
			}
		}
		if n != tt.want {
			t.Errorf("%q: %d items taken, want %d", tt.items, n, tt.want)
		}
	}
}

// TestAreasByOverall: area grades in a sentence that dates nothing take
// the date of the council's one dated overall grade when the record has
// that inspection giving each area that grade
// (testdata/record-areas/areas-undated.txt, in our own words).
func TestAreasByOverall(t *testing.T) {
	wigan := map[string]string{"overall": "good", "leadership": "good", "help_and_protection": "requires improvement",
		"children_in_care": "good", "care_leavers": "outstanding"}
	otherHelp := maps.Clone(wigan)
	otherHelp["help_and_protection"] = "good"
	const overallSentence = `The letter says: "Since the ILACS inspection in June 2023, which found the service good overall, leaders have kept their focus on practice."`
	tests := []struct {
		name string
		edit func(string) string
		rec  Record
		want []string // council date area value of the areas this pass dated
	}{
		{"record agrees", nil, fakeRecord{"Wigan": wigan},
			[]string{"Wigan 2023-06 care_leavers outstanding", "Wigan 2023-06 help_and_protection requires improvement"}},
		{"no record", nil, nil, nil},
		// The record gives help and protection another grade: that one
		// stays in review.
		{"record disagrees on one area", nil, fakeRecord{"Wigan": otherHelp},
			[]string{"Wigan 2023-06 care_leavers outstanding"}},
		// An undated overall grade of another value is a newer inspection
		// the text does not date: its areas may be the held ones.
		{"undated newer grade", func(s string) string {
			return s + "\nInspectors have now rated the council's children's services inadequate.\n"
		}, fakeRecord{"Wigan": wigan}, nil},
		// The only dated overall grade is an earlier one.
		{"earlier anchor", func(s string) string {
			return strings.Replace(s, overallSentence, "Wigan's children's services were judged good overall when Ofsted last inspected them, in June 2023.", 1)
		}, fakeRecord{"Wigan": wigan}, nil},
	}
	raw := string(recordDoc(t, "areas-undated.txt"))
	if !strings.Contains(raw, overallSentence) {
		t.Fatal("areas-undated.txt no longer holds the overall sentence the cases edit")
	}
	for _, tt := range tests {
		text := raw
		if tt.edit != nil {
			text = tt.edit(text)
		}
		res := readText(t, tt.name, []byte(text), Options{Record: tt.rec})
		var got []string
		held := 0
		for _, c := range res.Candidates {
			if c.Measure != "grade" || c.Area != "help_and_protection" && c.Area != "care_leavers" {
				continue // (leadership is dated by the overall sentence's "leaders", or not)
			}
			if strings.HasPrefix(c.Review, undatedCurrent) {
				held++
			}
			if c.Review == "" && strings.Contains(c.Note, "stated in a sentence that dates nothing") {
				got = append(got, strings.Join([]string{c.Council, c.Date, c.Area, c.Value}, " "))
			}
		}
		sort.Strings(got)
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s: areas dated by the overall grade\n%s\nwant\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
		if held+len(got) != 2 {
			t.Errorf("%s: %d held and %d dated, want the two undated areas in one or the other: %+v", tt.name, held, len(got), res.Candidates)
		}
	}
}

// TestRecordEarlierAreas: a sentence about one council giving one past
// time states that council's area grades at the record's inspection then,
// when the record gives each area that grade and it is not the overall
// grade (testdata/record-areas/earlier-areas.txt, in our own words).
func TestRecordEarlierAreas(t *testing.T) {
	ri := map[string]string{"overall": "requires improvement", "adoption": "outstanding", "leadership": "requires improvement",
		"help_and_protection": "requires improvement", "children_in_care": "requires improvement", "care_leavers": "requires improvement"}
	otherAdoption := maps.Clone(ri)
	otherAdoption["adoption"] = "good"
	allOutstanding := maps.Clone(ri)
	allOutstanding["overall"] = "outstanding"
	tests := []struct {
		name string
		rec  Record
		want string
	}{
		{"record agrees", fakeRecord{"Rochdale": ri}, "Rochdale 2015 adoption outstanding"},
		{"record gives another grade", fakeRecord{"Rochdale": otherAdoption}, ""},
		// The area's grade is the overall one: a word of the area near
		// the overall grade reads the same, so the record cannot tell.
		{"area grade is the overall grade", fakeRecord{"Rochdale": allOutstanding}, ""},
		{"no record", nil, ""},
	}
	raw := recordDoc(t, "earlier-areas.txt")
	for _, tt := range tests {
		res := readText(t, "earlier-areas.txt", raw, Options{Record: tt.rec})
		got := shown(res.Candidates, func(c evidence.Candidate) bool {
			return c.Measure == "grade" && c.Review == "" && c.Area != "overall" && c.Area != ""
		}, func(c evidence.Candidate) string { return c.Council + " " + c.Date + " " + c.Area + " " + c.Value })
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%s: area grades above the cut %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestLiftOtherTime: a grade held because its sentence names another
// year, or speaks of the past, is the inspection's the article dates when
// the record has that inspection giving it and none giving it in a year
// the sentence names (testdata/record-areas/other-time.txt, in our own
// words).
func TestLiftOtherTime(t *testing.T) {
	past := func(s string) string {
		return strings.Replace(s, "Inspectors found the services good and praised work on problems raised by a review in 2010.",
			"Inspectors found the services good, better than the grade the council held before.", 1)
	}
	ofsted := realRecord{inspections.DefaultRecord()}
	tests := []struct {
		name string
		edit func(string) string
		rec  Record
		want string // the overall grade's date above the cut, "" when held
	}{
		{"record agrees, no grade in 2010", nil, ofsted, "2024-05-13"},
		{"no record", nil, nil, ""},
		// The record (one inspection, at any date asked) has the grade
		// in the year the sentence names too: which one is unsure.
		{"record gives it in the year named", nil, fakeRecord{"Oldham": {"overall": "good", "leadership": "good"}}, ""},
		{"the past, record agrees", past, ofsted, "2024-05-13"},
		{"the past, no record", past, nil, ""},
	}
	raw := string(recordDoc(t, "other-time.txt"))
	for _, tt := range tests {
		text := raw
		if tt.edit != nil {
			if text = tt.edit(raw); text == raw {
				t.Fatalf("%s: the edit no longer applies to other-time.txt", tt.name)
			}
		}
		res := readText(t, tt.name, []byte(text), Options{Record: tt.rec})
		got := shown(res.Candidates, func(c evidence.Candidate) bool {
			return c.Measure == "grade" && c.Area == "overall" && c.Review == ""
		}, func(c evidence.Candidate) string { return c.Date })
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%s: overall grades above the cut dated %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestLiftOtherTimeReasons: the record lift by the reason a grade was
// held, on candidates as the rules leave them (Oldham: requires
// improvement at the inspections of August 2015 and January 2019, good
// in May 2024, in Ofsted's record).
func TestLiftOtherTimeReasons(t *testing.T) {
	ofsted := realRecord{inspections.DefaultRecord()}
	tests := []struct {
		name, date, value, review, quote string
		lifted                           bool
	}{
		{"an earlier grade dated by an inspection named elsewhere", "2019-01", "requires improvement", earlierElsewhere,
			"Oldham has left its 'requires improvement' status behind.", true},
		// The sentence writes out a year in which the record also has
		// the grade: which inspection is unsure.
		{"a year with the same grade", "2019-01", "requires improvement", earlierElsewhere,
			"Oldham has left behind the 'requires improvement' status it has had since 2015.", false},
		{"the record gives another grade", "2019-01", "good", earlierElsewhere,
			"Oldham was judged good then.", false},
		// Another time given only relatively is not asked of the record.
		{"a relative time", "2024-05", "good", otherTimeDoubt + ` ("two years ago") that is not the inspection the article dates`,
			"Two years ago the council was struggling; now it is good.", false},
		{"the past", "2024-05", "good", pastDoubt + ` ("previously"); the inspection it reports is dated only elsewhere`,
			"Previously struggling, the council is now good.", true},
		{"another reason", "2024-05", "good", "the sentence names several councils",
			"Oldham and Rochdale are now good.", false},
	}
	for _, tt := range tests {
		c := evidence.Candidate{Council: "Oldham", Date: tt.date, Measure: "grade", Value: tt.value, Area: "overall", Review: tt.review, Quote: tt.quote}
		cands := (&document{}).recordDates([]evidence.Candidate{c}, ofsted)
		if got := cands[0].Review == ""; got != tt.lifted {
			t.Errorf("%s: lifted %v, want %v (%s)", tt.name, got, tt.lifted, cands[0].Note)
		}
	}
}

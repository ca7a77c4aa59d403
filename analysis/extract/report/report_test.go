package report

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/pdftext"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

func TestTextDates(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"10 to 21 July 2023", []string{"2023-07-10", "2023-07-21"}},
		{"29 April – 22 May 2014", []string{"2014-04-29", "2014-05-22"}},
		{"4 July 2016–28 July 2016", []string{"2016-07-04", "2016-07-28"}},
		{"15-19 July 2013", []string{"2013-07-15", "2013-07-19"}},
		{"30 September to 11 October 2024 and 13 to 16 January 2025", []string{"2024-09-30", "2024-10-11", "2025-01-13", "2025-01-16"}},
		{"8 July 2019 to 12 July 2019 and 7 August 2019 to 8 August 2019", []string{"2019-07-08", "2019-07-12", "2019-08-07", "2019-08-08"}},
		{"12/09/2016 to 23/09/2016", []string{"2016-09-12", "2016-09-23"}},
		{"1st to 3rd March 2022", []string{"2022-03-01", "2022-03-03"}},
		{"31 February 2020", nil},
		{"July 2019", nil},
	}
	for _, c := range cases {
		var got []string
		for _, d := range textDates(c.in) {
			got = append(got, d.String())
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("textDates(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestGradeWords(t *testing.T) {
	for s, want := range map[string]findings.GradeValue{
		"Requires improvement to be good": findings.RequiresImprovement, "requires improvement": findings.RequiresImprovement,
		"Adequate": findings.RequiresImprovement, "Inadequate Grade 4": findings.Inadequate, "Good.": findings.Good,
		"Outstanding": findings.Outstanding, "Not judged": findings.NoGrade, "good practice": findings.NoGrade,
	} {
		if g, _ := parseGrade(s); g != want {
			t.Errorf("parseGrade(%q) = %v, want %v", s, g, want)
		}
	}
	for s, want := range map[string]bool{"requires": true, "requires improvement to": true, "requires improvement requires": false, "inadequate inadequate": false, "not": true} {
		if gradePrefix(s) != want {
			t.Errorf("gradePrefix(%q) = %v", s, !want)
		}
	}
}

// ln is a line at (x, top) made of spans, each "x:text" or "text" (at x).
func ln(x, top float64, spans ...any) pdftext.Line {
	l := pdftext.Line{X0: x, Top: top, Bottom: top + 11}
	cx := x
	for _, s := range spans {
		switch v := s.(type) {
		case float64:
			cx = v
		case string:
			l.Spans = append(l.Spans, pdftext.Span{Text: v, X0: cx, X1: cx + 5.5*float64(len(v))})
			cx += 5.5*float64(len(v)) + 4
		}
	}
	l.X1 = l.Spans[len(l.Spans)-1].X1
	return l
}

func doc(pages ...[]pdftext.Line) DocumentSource {
	d := &pdftext.Document{}
	for i, ls := range pages {
		d.Pages = append(d.Pages, pdftext.Page{Number: i + 1, Width: 595, Height: 842, Lines: ls})
	}
	return DocumentSource{Doc: d}
}

// TestUnseenILACS reads an ILACS report laid out as no report in the corpus
// is: the grade column further right, a grade wrapped over three lines, the
// rows in another order, bullets of another shape, and no dated file name.
func TestUnseenILACS(t *testing.T) {
	src := doc(
		[]pdftext.Line{
			ln(72, 90, "Inspection of Wigan local authority"),
			ln(72, 110, "children’s services"),
			ln(72, 140, "Inspection dates: 1 to 12 March 2027"),
			ln(72, 160, "Lead inspectors: Jo Bloggs, His Majesty’s Inspector, and Sam Smith HMI"),
			ln(80, 200, "Judgement", 420.0, "Grade"),
			ln(80, 230, "The experiences and progress of children"),
			ln(80, 244, "who need help and protection"),
			ln(420, 224, "Requires"),
			ln(420, 238, "improvement to"),
			ln(420, 252, "be good"),
			ln(80, 280, "The impact of leaders on social work practice"),
			ln(80, 294, "with children and families", 420.0, "Good"),
			ln(80, 330, "The experiences and progress of children in care", 420.0, "Inadequate"),
			ln(80, 360, "The experiences and progress of care leavers", 420.0, "Not judged"),
			ln(72, 400, "Services for children in Wigan have improved considerably since the last inspection of the council."),
		},
		[]pdftext.Line{
			ln(72, 90, "What needs to improve?"),
			ln(72, 115, "• The timeliness of strategy meetings for children at risk of"),
			ln(86, 129, "significant harm."),
			ln(72, 150, "• Management oversight of casework."),
			ln(90, 170, "- within the assessment team"),
			ln(72, 190, "• Something the theme vocabulary has no word for."),
			ln(72, 230, "The experiences and progress of children who need help and"),
			ln(72, 244, "protection: requires improvement to be good"),
		},
		[]pdftext.Line{ln(72, 90, "1. More narrative that is never read.")},
	)
	r, err := Parse(context.Background(), src, "downloads/wigan.pdf", reference.Default())
	if err != nil {
		t.Fatal(err)
	}
	if r.Council == nil || r.Council.Name != "Wigan" {
		t.Fatalf("council = %v (%s)", r.Council, r.CouncilProblem)
	}
	if r.Framework != ILACS2026 {
		t.Errorf("framework = %s, want %s (inspected after April 2026)", r.Framework, ILACS2026)
	}
	if got := r.InspectionStart.String() + " " + r.InspectionEnd.String(); got != "2027-03-01 2027-03-12" {
		t.Errorf("inspection = %s", got)
	}
	// Spec v3: dated by the inspection's first day; the last day on site
	// is no publication day, so published stays blank.
	if r.PublishedRule != PublishedEnd || r.Date() != "2027-03-01" || r.PublishedDay() != "" {
		t.Errorf("published by %s, date %s, published %q; want the first day on site and no published day", r.PublishedRule, r.Date(), r.PublishedDay())
	}
	if got := strings.Join(r.LeadInspectors, "; "); got != "Jo Bloggs; Sam Smith" {
		t.Errorf("lead inspectors = %q", got)
	}
	want := map[string]string{"help_and_protection": "requires improvement", "leadership": "good", "children_in_care": "inadequate", "care_leavers": "not judged"}
	for _, j := range r.Judgements {
		g := j.Grade.String()
		if j.NotJudged {
			g = "not judged"
		}
		if want[j.Key] != g {
			t.Errorf("%s = %s, want %s (%q)", j.Key, g, want[j.Key], j.Quote)
		}
		delete(want, j.Key)
	}
	if len(want) > 0 {
		t.Errorf("judgements not found: %v", want)
	}
	if j, _ := r.Judgement("help_and_protection"); !strings.Contains(j.Quote, "who need help and protection") || !strings.Contains(j.Quote, "be good") {
		t.Errorf("quote %q: want the label and the whole wrapped grade", j.Quote)
	}
	if n := len(r.Recommendations.Items); n != 3 {
		t.Errorf("recommendations = %d, want 3 (the dash is part of the second): %+v", n, r.Recommendations.Items)
	}
	if r.PagesRead != 3 && r.PagesRead != 2 {
		t.Errorf("read %d pages", r.PagesRead)
	}
	cands := r.Candidates()
	var grades, themes, review int
	var notes []string
	for _, c := range cands {
		switch {
		case c.Review != "":
			review++
		case c.Measure == "grade":
			grades++
		case c.Measure == "theme":
			themes++
			notes = append(notes, c.Value+" | "+c.Polarity+" | "+c.Note)
		}
		if c.Council != "Wigan" || c.SourceType != "ofsted" || c.Quote == "" || c.Page == 0 || c.Date != "2027-03-01" {
			t.Errorf("candidate without council, source type, quote, page or the inspection's first day: %+v", c)
		}
	}
	// Every recommendation is a finding labelled by its own words, the
	// vocabulary's topic in the note; the summary's one sentence states a
	// strength.
	wantNotes := []string{
		`The timeliness of strategy meetings for children at risk of significant harm | weakness | ILACS-2026 report: recommendation 1 of 3 under "What needs to improve?"; topic: timeliness of strategy meetings`,
		`Management oversight of casework | weakness | ILACS-2026 report: recommendation 2 of 3 under "What needs to improve?"; topic: management oversight`,
		`Something the theme vocabulary has no word for | weakness | ILACS-2026 report: recommendation 3 of 3 under "What needs to improve?"`,
		`Services for children in Wigan have improved considerably since the last inspection of the council | strength | ILACS-2026 report: strength in the summary, sentence 1 of 1`,
	}

	if grades != 3 || themes != 4 || review != 0 || strings.Join(notes, "\n") != strings.Join(wantNotes, "\n") {
		t.Errorf("grades %d, themes %d, review %d; want 3 (not judged is no grade), 4 and 0; themes:\n%s\nwant:\n%s", grades, themes, review, strings.Join(notes, "\n"), strings.Join(wantNotes, "\n"))
	}
}

// TestUnseenSIF reads an SIF-style report: a sentence for the overall
// judgement, numbered rows, wrapped grades, the LSCB's own grade and
// numbered recommendations under theme headings across a page break.
func TestUnseenSIF(t *testing.T) {
	src := doc(
		[]pdftext.Line{
			ln(72, 90, "Royal Borough of Greenwich"),
			ln(72, 120, "Inspection of services for children in need of help and"),
			ln(72, 134, "protection, children looked after and care leavers"),
			ln(72, 150, "and"),
			ln(72, 166, "Review of the effectiveness of the Local Safeguarding Children Board"),
			ln(72, 190, "Inspection date: 2 March 2015 – 26 March 2015"),
			ln(72, 210, "Report published: 12 May 2015"),
			ln(72, 240, "Children’s services in Greenwich require improvement to be good"),
			ln(72, 270, "1. Children who need help and protection", 390.0, "Requires"),
			ln(390, 284, "improvement"),
			ln(72, 310, "2. Children looked after and achieving permanence", 390.0, "Good"),
			ln(120, 340, "2.1 Adoption performance", 390.0, "Outstanding"),
			// Label and grade too close to be two spans: one span
			// running into the grade column.
			ln(150, 370, "2.2 Experiences and progress of care leavers Good"),
			ln(72, 400, "3. Leadership, management and governance", 390.0, "Requires"),
			ln(390, 414, "improvement"),
			ln(72, 720, "1 Ofsted produces this report under its power to combine reports, as a footnote."),
		},
		[]pdftext.Line{
			ln(72, 90, "Recommendations"),
			ln(72, 110, "Help and protection"),
			ln(72, 130, "1. Ensure that thresholds are understood by partners."),
			ln(72, 150, "2. Ensure that supervision is regular and recorded."),
			ln(72, 170, "Leadership and management"),
			ln(72, 190, "3. Ensure that audits lead to improvement."),
			ln(72, 230, "Summary for children and young people"),
			ln(72, 250, "4. This is not a recommendation."),
		},
		[]pdftext.Line{
			ln(72, 90, "The Local Safeguarding Children Board is good"),
			ln(72, 120, "Lead inspector: Ann Other"),
		},
	)
	r, err := Parse(context.Background(), src, "greenwich.pdf", reference.Default())
	if err != nil {
		t.Fatal(err)
	}
	if r.Framework != SIF || r.Council == nil || r.Council.Name != "Greenwich" {
		t.Fatalf("framework %s, council %v (%s)", r.Framework, r.Council, r.CouncilProblem)
	}
	if r.PublishedRule != PublishedPrinted || r.Published != dates.FromYMD(2015, 5, 12) {
		t.Errorf("published %s by %s", r.Published, r.PublishedRule)
	}
	want := map[string]string{"overall": "requires improvement", "help_and_protection": "requires improvement", "children_in_care": "good",
		"adoption": "outstanding", "care_leavers": "good", "leadership": "requires improvement", "lscb": "good"}
	for _, j := range r.Judgements {
		if want[j.Key] != j.Grade.String() {
			t.Errorf("%s = %s, want %s", j.Key, j.Grade, want[j.Key])
		}
		delete(want, j.Key)
	}
	if len(want) > 0 {
		t.Errorf("judgements not found: %v", want)
	}
	if n := len(r.Recommendations.Items); n != 3 {
		t.Errorf("recommendations = %d, want 3: %+v", n, r.Recommendations.Items)
	}
	if strings.Join(r.LeadInspectors, ";") != "Ann Other" {
		t.Errorf("lead inspector %v", r.LeadInspectors)
	}
	for _, c := range r.Candidates() {
		if c.Measure == "grade" && c.Area == "" {
			t.Errorf("a grade without an area: %+v", c)
		}
	}
}

func TestNotAReport(t *testing.T) {
	src := doc([]pdftext.Line{
		ln(72, 90, "Dear Ms Smith"),
		ln(72, 110, "Focused visit to Barnet children’s services"),
	})
	if _, err := Parse(context.Background(), src, "letter.pdf", reference.Default()); !errors.Is(err, ErrNotReport) {
		t.Errorf("err = %v, want ErrNotReport", err)
	}
}

func TestTwoCouncils(t *testing.T) {
	src := doc([]pdftext.Line{
		ln(72, 90, "Inspection of Barnet and Enfield local authority children’s services"),
		ln(72, 120, "Inspection dates: 1 to 5 March 2021"),
		ln(72, 150, "Judgement", 300.0, "Grade"),
		ln(72, 170, "Overall effectiveness", 300.0, "Good"),
		ln(72, 200, "A sentence that runs right across the page, past the grade column, and ends the table."),
	})
	r, err := Parse(context.Background(), src, "two.pdf", reference.Default())
	if err != nil {
		t.Fatal(err)
	}
	if r.Council != nil || !strings.Contains(r.CouncilProblem, "Barnet") || !strings.Contains(r.CouncilProblem, "Enfield") {
		t.Errorf("council %v, problem %q; want none, naming both", r.Council, r.CouncilProblem)
	}
	for _, c := range r.Candidates() {
		if c.Review == "" {
			t.Errorf("candidate without a council is not for review: %+v", c)
		}
	}
}

func TestFileDate(t *testing.T) {
	for name, want := range map[string]string{"barnet_2019-07-01.pdf": "2019-07-01", "2019-07-01_barnet.pdf": "2019-07-01",
		"barnet.pdf": "", "a_2019-07-01_2020-01-01.pdf": "", "x20190701.pdf": ""} {
		d, ok := fileDate(name)
		got := ""
		if ok {
			got = d.String()
		}
		if got != want {
			t.Errorf("fileDate(%q) = %q, want %q", name, got, want)
		}
	}
}

// The summary rule on sentences of the kinds the reports write, in words
// written for the test: one-sided, a sentence that weighs both is neither.
func TestClassify(t *testing.T) {
	for text, want := range map[string]Tone{
		"Leaders know their services well and act decisively.":                                States,
		"Children benefit from timely and effective help.":                                    States,
		"Services have improved since the last inspection, when they were judged inadequate.": States,
		"Social workers visit children without delay.":                                        States,
		"Successful recruitment has made the workforce stable.":                               States,
		"Most children receive good help.":                                                    Neither, // most: some do not
		"Leaders understand strengths and weaknesses in the service.":                         Neither,
		"Plans are thorough, but reviews are not timely.":                                     Neither,
		"No widespread or serious failures were seen in the services for children.":           Neither,
		"The response to children at risk of exploitation is effective.":                      States, // who the service is for is no doubt
		"Too many children wait too long for an assessment.":                                  Falls,
		"Management oversight is weak and inconsistent.":                                      Falls,
		"Children in care receive a poor service.":                                            Falls,
		"The local authority was judged inadequate in 2019.":                                  Neither, // a past judgement is no finding
		"The council has set up a new team.":                                                  Neither,
		"Although assessments are thorough, plans do not always say what must change.":        Neither,
	} {
		if got := classify(text); got != want {
			t.Errorf("classify(%q) = %d, want %d", text, got, want)
		}
	}
}

// A summary split into sentences keeps each sentence's page; "e.g." does
// not end one.
func TestSentences(t *testing.T) {
	ls := []line{
		{page: 1, text: "Services for children are good. Leaders act, e.g. when risks"},
		{page: 1, text: "rise, quickly and well. Plans are"},
		{page: 2, text: "not always timely."},
	}
	got := sentences(ls)
	want := []Sentence{
		{"Services for children are good.", 1, States},
		{"Leaders act, e.g. when risks rise, quickly and well.", 1, Neither},
		{"Plans are not always timely.", 1, Falls}, // starts on page 1
	}
	if len(got) != len(want) {
		t.Fatalf("sentences = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sentence %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

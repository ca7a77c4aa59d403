package text

import (
	"fmt"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"

	"github.com/oversight/oversight/analysis/reference"
)

// TestCouncilNames finds reference-list councils in running text, in the
// ways articles write them, and not where the name is part of something
// else (a person, a club, a police force, an address, a wider area).
func TestCouncilNames(t *testing.T) {
	m := matcherFor(reference.Default())
	tests := []struct {
		text string
		want string // names found, "|"-separated
	}{
		{"Inspectors praised Barking and Dagenham's front door.", "Barking and Dagenham"},
		{"LB Barking & Dagenham was rated good.", "Barking and Dagenham"},
		{"London Borough of Tower Hamlets children's services", "Tower Hamlets"},
		{"Medway Council said it accepted the findings.", "Medway"},
		{"the plan was shared by Sandwell, Dudley and Slough.", "Sandwell|Dudley|Slough"},
		{"In Kingston upon Hull, the caseload fell.", "Kingston upon Hull, City of"},
		{"Hull City Council's director said", "Kingston upon Hull, City of"},
		{"St Helens and St. Helens both appear.", "St. Helens|St. Helens"},
		{"Bristol City Council published its plan.", "Bristol, City of"},
		{"East Sussex and West Sussex councils", "East Sussex|West Sussex"},
		{"Newcastle upon Tyne and Stoke-on-Trent", "Newcastle upon Tyne|Stoke-on-Trent"},
		{"the council in County Durham", "County Durham"},
		{"Reading Borough Council was inspected.", "Reading"},
		{"At Dudley, inspectors found", "Dudley"},
		{"Reading the report, inspectors found nothing new.", ""},
		{"Dudley Moore was not a social worker.", ""},
		{"Mr Sutton, the director, said", ""},
		{"councils across Greater Manchester", ""},
		{"Kent Police shared information promptly.", ""},
		{"Piccadilly Gate, Store Street, Manchester M1 2WD", ""},
		{"the reading of the report", ""},
		{"Eleanor Brazil has worked with Sandwell.", "Sandwell"},
		// Short names news uses for councils whose official names are
		// longer; a name joined by a hyphen to more words is another
		// place.
		{"Newcastle City Council said its services had improved.", "Newcastle upon Tyne"},
		{"Southend council has been told to improve.", "Southend-on-Sea"},
		{"Stoke council's children's services were rated inadequate.", "Stoke-on-Trent"},
		{"Stoke-on-Trent City Council said so.", "Stoke-on-Trent"},
		{"Newcastle-under-Lyme Borough Council runs no children's services.", ""},
		{"A Brighton-based charity said so.", ""},
		// An Ofsted report's title runs the council's name into
		// "Inspection of services for children ...".
		{"Rutland Inspection of services for children in need of help and protection", "Rutland"},
		{"The walk around Rutland Water was busy.", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, mm := range m.find(tt.text) {
			got = append(got, mm.Council)
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("%q: found %q, want %q", tt.text, g, tt.want)
		}
	}
}

// TestFigures reads workforce figures with their qualifier and scope, and
// leaves changes, comparators and other numbers alone.
func TestFigures(t *testing.T) {
	tests := []struct {
		text string
		want string // measure=value/qualifier/scope, "|"-separated; "earlier" marks an older level
	}{
		{"In the assessment service, most social workers had over 40 children each, and a few as many as 55.",
			"caseload=40/over/assessment|caseload=55/up_to/assessment"},
		{"inspectors see caseloads of over 40 across assessment teams", "caseload=40/over/assessment"},
		{"Social workers held an average of 17 cases each.", "caseload=17/average/"},
		{"the average caseload in the safeguarding teams is 18 children", "caseload=18/average/safeguarding"},
		{"caseloads averaged 15", "caseload=15/average/"},
		{"caseloads in the early help team are about 12 families per worker", "caseload=12/about/early help"},
		{"Average caseloads in the Referral and Assessment Service remain high at around 24.", "caseload=24/about/referral and assessment"},
		{"Across the service as a whole the average was 19 cases per social worker.", "caseload=19/average/"},
		{"Practitioners in the children in care team hold fewer than 20 cases.", "caseload=20/under/children in care"},
		{"caseloads of around twenty-five", "caseload=25/about/"},
		{"Social workers now carry caseloads of 14 to 16 children.", "caseload=16/up_to/"},
		{"Social workers now carry caseloads of 14 to 16.5 children.", "caseload=16.5/up_to/"},
		// A change, not a range (eleventh round).
		{"The average caseload rose from 15.2 to 17.9 over the year.", "caseload=15.2/average//earlier|caseload=17.9/average/"},
		{"caseloads of 20-25%", ""},
		// Common ways of saying a caseload: the number of cases per
		// worker, a social worker having or managing so many, a label.
		{"Practitioners in Wigan have an average of 19 cases.", "caseload=19/average/"},
		{"Each social worker there now manages around 16 families.", "caseload=16/about/"},
		{"The average number of children per social worker is 14.", "caseload=14/average/"},
		{"the number of cases for each social worker has come down to 21", "caseload=21/exact/"},
		{"Caseloads per practitioner stand at 23.", "caseload=23/exact/"},
		{"Caseloads remained high at 27 in the spring.", "caseload=27/exact/"},
		{"The average caseload is now 15.", "caseload=15/average/"},
		{"Average caseload: 17.5", "caseload=17.5/average/"},
		{"In one team there are 20 children on average per social worker.", "caseload=20/average/"},
		{"Social workers have 18 months to finish the course.", ""},
		{"Wigan's caseload average was 16.", "caseload=16/average/"},
		{"Caseloads are at an average of 21.", "caseload=21/average/"},
		{"The average number of families held by a practitioner was 17.", "caseload=17/average/"},
		{"a hiring drive that cut the vacancy rate for social workers from 39% to 25%",
			"vacancy_rate=39%/exact//earlier|vacancy_rate=25%/exact/"},
		{"during the visit the vacancy rate in some teams was 35%", "vacancy_rate=35%/exact/some teams"},
		{"a 22 per cent vacancy rate", "vacancy_rate=22%/exact/"},
		{"18% of social work posts were vacant", "vacancy_rate=18%/exact/"},
		{"agency staff make up 27% of social workers, against a national rate of 18%", "agency_rate=27%/exact/"},
		{"40% of the council's social workers are agency staff", "agency_rate=40%/exact/"},
		{"multi-agency working improved by 30%", ""},
		{"Agency social workers now make up almost half of its workforce.", "agency_rate=50%/about/"},
		{"Roughly 30% of social work posts are filled by agency staff.", "agency_rate=30%/about/"},
		{"Agency staff fill a fifth of the posts.", "agency_rate=20%/about/"},
		{"Turnover stood at 21.5% last year.", "turnover_rate=21.5%/exact/"},
		{"a 14% turnover of staff", "turnover_rate=14%/exact//doubt"},
		{"The council employs 212 full-time equivalent social workers.", "social_workers=212/exact/"},
		{"The council has 95 social workers.", "social_workers=95/exact/"},
		{"Social workers (FTE): 179.9 (2022: 157.7)", "social_workers=179.9/exact/"},
		{"FTE social workers: 243.2", "social_workers=243.2/exact/"},
		{"The council employed 263.1 full-time equivalent children and family social workers.", "social_workers=263.1/exact/"},
		{"eight more social workers were hired to bring caseloads down, which had fallen by 20%", ""},
		{"The vacancy rate was reduced by 5% last year.", ""},
		{"the vacancy rate, higher than the national average of 16%", ""},
		{"Inspectors brought 74 children at risk to the attention of the authority.", ""},
		{"over 30 free learning sessions", ""},
		{"caseloads of 250", ""}, // outside the contract's range
		// A change or a difference is no level (fourth round).
		{"vacancy rates in the county went up 6% last year", ""},
		{"the agency rate climbed 4% in twelve months", ""},
		{"the vacancy rate is 3 per cent higher than in the spring", ""},
		{"the vacancy rate had risen by 2% over the year to 19%", "vacancy_rate=19%/exact/"},
		{"agency workers make up 12% of children's social workers", "agency_rate=12%/exact/"},
		// Figures in other words (fourth round).
		{"20 per cent of the service’s staff were brought in from agencies", "agency_rate=20%/exact/"},
		{"average caseloads have come down to 16, compared with 21 in June 2021", "caseload=16/average/|caseload=21/average//earlier"},
		{"the vacancy rate is 18%, against 25% in 2020", "vacancy_rate=18%/exact/|vacancy_rate=25%/exact//earlier"},
		{"caseloads had fallen to 14, compared with a national average of 16 in 2022", "caseload=14/exact/"},
		{"the caseload is 15, compared with 18 a year ago", "caseload=15/exact/"},
		// A count of workers over a threshold: held, its doubt said.
		{"The share of practitioners carrying more than 25 cases fell by a quarter.", "caseload=25/over//doubt"},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range findFigures(tt.text) {
			got = append(got, fmt.Sprintf("%s=%s/%s/%s", f.Measure, f.Value, f.Qualifier, f.Scope)+mark(f.Earlier, "/earlier")+mark(f.Doubt != "", "/doubt"))
		}
		checkFound(t, tt.text, got, tt.want)
	}
}

// mark is s when on, else "".
func mark(on bool, s string) string {
	if on {
		return s
	}
	return ""
}

// checkFound compares what a rule found in text, "|"-joined, with want.
func checkFound(t *testing.T, text string, got []string, want string) {
	t.Helper()
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("%q:\n got %q\nwant %q", text, g, want)
	}
}

// TestGrades reads judgements with their area, and leaves plans, other
// providers' grades and ordinary uses of the words alone.
func TestGrades(t *testing.T) {
	tests := []struct {
		text string
		want string // value/area, "|"-separated; "/previous" marks "from X"
	}{
		{"Children’s services in a London borough have held on to a ‘requires improvement’ grade.", "requires improvement/overall"},
		{"At its latest inspection Medway went down from ‘requires improvement’ to ‘inadequate’.", "requires improvement/overall/previous|inadequate/overall"},
		{"Help for children in care and care leavers was rated higher, at ‘requires improvement’, than the ‘inadequate’ service for children who need help and protection.",
			"requires improvement/children_in_care_and_care_leavers|inadequate/help_and_protection"},
		{"Inspectors were critical of leadership across the council, which was also rated inadequate.", "inadequate/leadership"},
		{"the experiences and progress of care leavers, one of the areas judged ‘good’; even so the service received an overall rating of ‘requires improvement’",
			"good/care_leavers|requires improvement/overall"},
		{"Leaders were weak, and the council was rated inadequate.", "inadequate/overall"},
		{"Dudley council, which was handed an ‘inadequate’ judgment in April 2016", "inadequate/overall"},
		{"In July 2023, Ofsted handed the council's children's services its second worst rating.", "requires improvement/overall"},
		{"Adoption was judged outstanding.", "outstanding/adoption"},
		{"Lambeth has been rated ‘good’, up from ‘requires improvement’ in 2019.", "good/overall|requires improvement/overall/previous"},
		{"The borough's goal is to reach a ‘good’ rating by 2019.", ""},
		{"The council aims to be rated ‘outstanding’ by 2024.", ""},
		{"Three of its children’s homes were rated ‘good’ by Ofsted.", ""},
		{"The council's fostering service was rated outstanding last year.", ""},
		{"The local area SEND inspection judged the partnership inadequate.", ""},
		{"The county's adult social care was rated good by the Care Quality Commission.", ""},
		{"The council is no longer ‘inadequate’, inspectors said.", ""},
		{"Staff morale was good and there was good work with families.", ""},
		{"It had inadequate judgement about risk, managers said.", ""},
		// Hopes and conditions around a grade word (issue 20, third round).
		{"The care of looked-after children still requires some improvement to be rated good.", "requires improvement/children_in_care"},
		{"Officers said more work was needed before inspectors could give the council a ‘good’ rating.", ""},
		{"The director said the next stop has to be ‘outstanding’.", ""},
		{"The council is ambitious to earn a ‘good’ grade overall.", ""},
		{"The county is working to build on the overall ‘requires improvement’ rating it received in 2022.", "requires improvement/overall"},
		{"Staff were proud of their ‘good’ children's services rating, leaders said.", "good/overall"},
		{"Inspectors judged the service good in all areas.", "good/overall"},
		{"The trust was set up after the borough's 2015 ‘inadequate’ verdict.", "inadequate/overall"},
		// Every form of the grade words (fourth round).
		{"The service was judged as requiring improvement after both of its last two inspections.", "requires improvement/overall"},
		{"Care leavers' services were judged to be requiring improvement in order to be good.", "requires improvement/care_leavers"},
		{"Inspectors have given the borough an overall assessment of good.", "good/overall"},
		{"The last report had each category judged as ‘requiring improvement to be good’.", "requires improvement/overall"},
		{"The council was categorised as ‘inadequate’ by a league table, not by Ofsted.", ""},
		{"Since the previous visit, when services were found to require improvement, much has changed.", "requires improvement/overall"},
		{"Its Ofsted ratings have been poor, with the latest one stating it required improvement.", "requires improvement/overall"},
		{"Ofsted moved the county from ‘good’ (in 2015), to ‘inadequate’ this year.", "good/overall/previous|inadequate/overall"},
		{"Inspectors said the service was not as strong as it could be and was rated inadequate.", "inadequate/overall"},
		{"Inspectors said the service could be rated good next time.", ""},
		{"The department requires improvement to be good in all areas, though it showed an overall improvement.", "requires improvement/overall"},
		// Other verbs and a council as the subject (eleventh round).
		{"Its services for children were branded inadequate by the watchdog.", "inadequate/overall"},
		{"After the inspection, the borough is now good, leaders said.", "good/overall"},
		{"Inspectors found the council remains outstanding.", "outstanding/overall"},
		{"Inspectors said the council was good at listening to families.", ""},
		{"Inspectors judged each of those four areas to require improvement to be good.", "requires improvement/overall"},
		{"It is the same verdict the council received in 2023, when it was rated requires improvement overall.", "requires improvement/overall/previous"},
		// A round-up's line: a name, a dash or colon, the grade.
		{"Rochdale - outstanding in every area.", "outstanding/overall"},
		{"Rochdale: inadequate overall, down from requires improvement in 2021.", "inadequate/overall"},
		{"Rochdale - good news for families as new centre opens.", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, g := range findGrades(tt.text) {
			got = append(got, g.Value+"/"+g.Area+mark(g.Previous, "/previous"))
		}
		checkFound(t, tt.text, got, tt.want)
	}
}

// TestLooksLikeLetter tells visit letters from inspection reports by their
// first pages.
func TestLooksLikeLetter(t *testing.T) {
	tests := []struct {
		name  string
		pages []string
		want  bool
	}{
		{"focused visit", []string{"3 April 2018\nMrs A Director\nDear Mrs Director\nFocused visit to Leeds children's services\nThis letter summarises the findings of a focused visit."}, true},
		{"monitoring visit, greeting on page 2", []string{"Ofsted\nPiccadilly Gate\nMonitoring visit to Torbay children's services", "Dear Ms Meehan\nThis letter summarises the findings of the monitoring visit."}, true},
		{"jtai", []string{"Joint targeted area inspection of the multi-agency response to abuse in Leeds\nDear local partners\n"}, true},
		{"ilacs report", []string{"Inspection of Torbay local authority children's services\nInspection dates: 14 to 25 June 2021\nJudgement Grade\nOverall effectiveness Good", "since the last monitoring visit in 2020"}, false},
		{"sif report", []string{"Torbay Council\nInspection of services for children in need of help and protection, children looked after and care leavers\nReport published: 19 October 2015"}, false},
		{"letter without a visit", []string{"Dear Director\nThank you for your letter about your improvement plan.\nYours sincerely"}, false},
		{"empty", nil, false},
	}
	for _, tt := range tests {
		if got := LooksLikeLetter(tt.pages); got != tt.want {
			t.Errorf("%s: LooksLikeLetter = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestSentences cuts paragraphs into sentences, not at abbreviations,
// initials or decimals, and keeps closing quotes with their sentence.
func TestSentences(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Mr Bush said it worked. “It is working,” he said. Then he left.", "Mr Bush said it worked.|“It is working,” he said.|Then he left."},
		{"The rate was 21.5% in St. Helens. It fell.", "The rate was 21.5% in St. Helens.|It fell."},
		{"Inspectors (J. Smith and A. Jones) visited. Good.", "Inspectors (J. Smith and A. Jones) visited.|Good."},
		{"Ofsted said: “Change is coming faster now.” The council agreed.", "Ofsted said: “Change is coming faster now.”|The council agreed."},
	}
	for _, tt := range tests {
		if got := strings.Join(splitSentences(tt.text), "|"); got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// TestParagraphs reads text and Markdown into paragraphs: bullets are
// items, a paragraph broken by a stray blank line is joined, the comments
// under an article are its tail.
func TestParagraphs(t *testing.T) {
	text := "Title of the piece\n\n### **Overview**\n\nInspectors found sound practice in the MASH and\n\nassessment service, as [Ofsted](https://example.org) said.\n\n- the first point\n- the second point, which wraps\n  onto a second line\n\n2 Responses to Title of the piece\n\n  1. A reader April 3, 2019 at 11:15 am #\n"
	ps := mendBreaks(splitParas(text, 0))
	markTail(ps)
	var got []string
	for _, p := range ps {
		s := p.Text
		if p.Heading {
			s = "H:" + s
		}
		if p.Bullet {
			s = "B:" + s
		}
		if p.Tail {
			s = "T:" + s
		}
		got = append(got, fmt.Sprintf("%d %s", p.N, s))
	}
	want := []string{
		"1 H:Title of the piece",
		"2 H:Overview",
		"3 Inspectors found sound practice in the MASH and assessment service, as Ofsted said.",
		"4 B:the first point",
		"5 B:the second point, which wraps onto a second line",
		"6 T:H:2 Responses to Title of the piece",
		"7 T:B:A reader April 3, 2019 at 11:15 am #",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDecode reads Windows-1252 text (a page saved by Excel-era tools) as
// what it says.
func TestDecode(t *testing.T) {
	got := decode([]byte("Ofsted\x92s \x93good\x94 \x96 caf\xe9"))
	if want := "Ofsted’s “good” – café"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := decode([]byte("\xef\xbb\xbfplain")); got != "plain" {
		t.Errorf("BOM not dropped: %q", got)
	}
}

// TestQuote keeps a long sentence's quote to 300 characters of whole words
// around the finding.
func TestQuote(t *testing.T) {
	long := strings.Repeat("word ", 80) + "the vacancy rate was 25% " + strings.Repeat("more ", 80)
	i := strings.Index(long, "25%")
	q := quote(strings.TrimSpace(long), i, i+3)
	if len([]rune(q)) > 300 || !strings.Contains(q, "25%") || !strings.Contains(long, q) {
		t.Errorf("quote %q", q)
	}
	if strings.HasPrefix(q, " ") || strings.HasSuffix(q, " ") || strings.HasPrefix(q, "ord") {
		t.Errorf("quote does not cut at words: %q", q)
	}
}

// TestShareDoubt: a rate that may not be the council's level for its
// children's social workers is read but held, with the reason.
func TestShareDoubt(t *testing.T) {
	tests := []struct {
		text string
		want bool // held
	}{
		{"the council employed 60 agency staff, about 2% of the workforce", true},
		{"agency staff were 4% of all council employees", true},
		{"agency social workers were 30% of the workforce", false},
		{"agency staff made up 25% of the workforce in children's services", false},
		{"Vacancy rates across the three boroughs reached 40%", true},
		{"the vacancy rate reached 40%", false},
	}
	for _, tt := range tests {
		figs := findFigures(tt.text)
		if len(figs) != 1 {
			t.Errorf("%q: %d figures, want 1", tt.text, len(figs))
			continue
		}
		if held := figs[0].Doubt != ""; held != tt.want {
			t.Errorf("%q: held %v (%q), want %v", tt.text, held, figs[0].Doubt, tt.want)
		}
	}
}

// TestAllAreas: a grade given to every area, in words before or after it;
// an area named in a later clause does not take the grade.
func TestAllAreas(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"The last report had each category judged as ‘requiring improvement to be good’.", true},
		{"All four areas were judged good.", true},
		{"The department requires improvement to be good in all areas, though it showed an overall improvement.", true},
		{"The department requires improvement to be good, though leadership is good.", false},
		{"All four areas inspected were given an ‘outstanding’ grade.", true},
		{"All elements were judged to be ‘inadequate’.", true},
		{"The council was rated ‘good’ across-the-board.", true},
	}
	for _, tt := range tests {
		gs := findGrades(tt.text)
		if len(gs) == 0 {
			t.Errorf("%q: no grade", tt.text)
			continue
		}
		if gs[0].AllAreas != tt.want {
			t.Errorf("%q: AllAreas %v, want %v (%+v)", tt.text, gs[0].AllAreas, tt.want, gs[0])
		}
	}
}

// TestAreaLists: the areas a grade is given to when they are listed before
// it, between dashes or after a colon (fourth round).
func TestAreaLists(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Each judgement – help and protection, “looked after” children, care leavers' experience and leadership – was rated ‘good’.",
			"help_and_protection|children_in_care|care_leavers|leadership"},
		{"Adoption and leadership were both judged outstanding.", "adoption|leadership"},
		{"Leadership was rated good.", "leadership"},
	}
	for _, tt := range tests {
		gs := findGrades(tt.text)
		if len(gs) == 0 {
			t.Errorf("%q: no grade", tt.text)
			continue
		}
		if got := strings.Join(gs[0].Areas, "|"); got != tt.want {
			t.Errorf("%q: areas %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestOwnDate: a time clause heading the sentence dates the grade its
// main clause gives, and a date opening a clause dates the grade its
// subject was given or kept.
func TestOwnDate(t *testing.T) {
	tests := []struct{ text, want string }{
		{"When inspectors last visited the borough in 2016, it was rated inadequate.", "2016"},
		{"The last time the service was inspected in 2013, services were judged good.", "2013"},
		{"When Ofsted inspected it in 2016, it had just appointed a director; it is now rated good.", ""},
		{"Ofsted moved the county from ‘good’ (in 2015), to ‘inadequate’ this year.", "2015"},
		{"In 2021 the borough kept its ‘good’ grading.", "2021"},
		{"Through the pandemic, in 2021 the service was able to retain its ‘good’ rating.", "2021"},
		{"In 2021, the council was rated inadequate.", "2021"},
		{"In 2021 the director who had led the improvement left, and the council was rated inadequate.", ""},
		{"In 2019 Ofsted said the council's services required improvement.", "2019"},
		{"The county had been judged ‘inadequate’ when it was last inspected in 2016.", "2016"},
		{"The service had been rated ‘requiring improvement’ when a new director arrived in 2016.", ""},
	}
	for _, tt := range tests {
		s := &sent{sentence: sentence{Text: tt.text}, Whens: findWhens(tt.text, dates.Date{})}
		gs := findGrades(tt.text)
		if len(gs) == 0 {
			t.Errorf("%q: no grade", tt.text)
			continue
		}
		got := ""
		if w, ok := ownDate(s, gs, 0); ok {
			got = w.Date.String()
		}
		if got != tt.want {
			t.Errorf("%q: own date %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestReinspectionUndated: a text reporting a re-inspection it does not
// date, and dating only "the 2014 inspection" whose findings were to be
// acted on, does not date the grade by that earlier inspection.
func TestReinspectionUndated(t *testing.T) {
	for _, tt := range []struct{ kind, want string }{
		{"re-inspection", ""},
		{"inspection", "2014"},
	} {
		doc := "Source: https://news.example/rutland-inadequate\n\nRutland rated inadequate\n\n" +
			"Rutland's services for children have been rated inadequate by Ofsted.\n\n" +
			"Leadership was also rated inadequate in Ofsted's " + tt.kind + " of Rutland County Council.\n\n" +
			"Inspectors said leaders had been too slow to act on what the 2014 inspection found.\n"
		res := readText(t, "x.txt", []byte(doc), Options{})
		got := lastDate(res.Candidates, func(c evidence.Candidate) bool {
			return c.Measure == "grade" && c.Review == "" && c.Area == "overall" && c.Value == "inadequate"
		})
		if got != tt.want {
			t.Errorf("%s: the inadequate grade above the cut dated %q, want %q", tt.kind, got, tt.want)
		}
	}
}

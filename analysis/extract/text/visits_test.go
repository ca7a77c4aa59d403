package text

import (
	"sort"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/reference"
)

// TestVisitPhrases: visits dated by a list of dates are one visit at
// least at each date; a span, a count or a single date are not read. A
// "since" phrase naming a visit of a kind with its date dates that visit
// (the period runs from it); a visit named before "since", or a bare
// "visit" inside it (as often the last full inspection), is not dated by
// the phrase's date.
func TestVisitPhrases(t *testing.T) {
	tests := []struct {
		date, text string
		want       string // visits above the cut, kind and date, sorted, "|" between
	}{
		{"14 January 2022", "Inspectors recorded progress in Barnsley in monitoring visits in 2019 and 2020.", "monitoring 2019|monitoring 2020"},
		{"14 January 2022", "Barnsley had focused visits during May 2020 and October 2021.", "focused 2020-05|focused 2021-10"},
		{"14 January 2022", "Barnsley had monitoring visits between 2019 and 2020.", ""},
		{"14 January 2022", "Barnsley has had six monitoring visits since 2019.", ""},
		{"14 January 2022", "Barnsley will have monitoring visits in 2027 and 2028.", ""},
		{"20 January 2025", "Inspectors said Trafford had kept improving since its previous monitoring visit in March 2024.", "monitoring 2024-03"},
		{"20 January 2025", "Inspectors praised progress made since the focused visit in November 2023 to Trafford.", "focused 2023-11"},
		{"20 January 2025", "Trafford has had its third monitoring visit since March 2024.", ""},
		{"20 January 2025", "Trafford has had its third monitoring visit since the inspection in March 2024.", ""},
		{"20 January 2025", "Inspectors said that since the last visit in 2019, when Trafford was judged good, practice had slipped.", ""},
		// A date right before "for a ... visit" is the visit's; a date the
		// words before it call a letter's publication is not.
		{"20 January 2025", "Inspectors came to Trafford in November 2024 for a monitoring visit.", "monitoring 2024-11"},
		{"20 January 2025", "Ofsted's letter, issued on 8 January 2025, followed a focused visit to Trafford on 3 and 4 December 2024.", "focused 2024-12-03"},
		{"20 January 2025", "Ofsted's letter, issued on 8 January 2025, followed a focused visit to Trafford.", ""},
		// A council's rehearsal, and a visit it is told to prepare for.
		{"20 January 2025", "Trafford ran an internal 'mock' focused visit in November 2024 to test its teams.", ""},
		{"20 January 2025", "Trafford has told staff to prepare for a focused visit at the end of this month.", ""},
	}
	for _, tt := range tests {
		doc := "Source: https://news.example/story\n\n" + tt.date + "\n\n" + tt.text + "\n"
		res := readText(t, "x.txt", []byte(doc), Options{})
		got := shown(res.Candidates, func(c evidence.Candidate) bool { return c.Measure == "visit" && c.Review == "" },
			func(c evidence.Candidate) string { return c.Value + " " + c.Date })
		sort.Strings(got)
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%q: visits %q, want %q", tt.text, strings.Join(got, "|"), tt.want)
		}
	}
}

// TestVisitHeld: "the visit took place in ..." is the kind of visit the
// document's title names (its letter), or else the kind a sentence a few
// back names, dated by its own words and not by the letter's day; a date
// that bounds a period ("since") does not date a visit.
func TestVisitHeld(t *testing.T) {
	tests := []struct{ doc, want string }{
		{"Source: https://news.example/416\n\nRound-up: three Ofsted letters\n\n16 January 2025\n\n" +
			"Ofsted made several focused visits in the region last year.\n\n" +
			"Walsall (visited in September - children in care): most children live in stable homes.\n", "focused 2024-09"},
		{"Source: https://news.example/414\n\nCare leavers better supported\n\n15 November 2024\n\n" +
			"Care leavers in Trafford are better supported, Ofsted said after its latest monitoring visit.\n\n" +
			"Inspectors were in Trafford on 15 and 16 October.\n", "monitoring 2024-10-15"},
		{"Source: https://news.example/415\n\nProgress on exploitation\n\n30 April 2025\n\n" +
			"Trafford is making progress, Ofsted's monitoring letter says.\n\n" +
			"The visit on 25 and 26 March - the sixth since the council was rated inadequate in 2023 - looked at adolescents.\n", "monitoring 2025-03-25"},
		{"Source: https://council.example/news/413\n\nOfsted focused visit letter\n\nPublished: 18 October 2024\n\n" +
			"Inspectors spent two days with Trafford's teams last month as part of a focused visit.\n\n" +
			"The letter following the visit on 18 and 19 September was published today.\n", "focused 2024-09-18"},
		{"Source: https://council.example/news/412\n\nCouncil responds to Ofsted monitoring letter\n\n" +
			"Date Released - 14/05/2024\n\n" +
			"Rotherham Council welcomes the Ofsted monitoring letter that follows the third visit since June 2022.\n\n" +
			"The visit took place in April 2024 and the letter came out today.\n", "monitoring 2024-04"},
		// The title names no kind; the release names the focused visit
		// two paragraphs on.
		{"Source: https://council.example/news/trafford-children\n\nInspectors see progress in Trafford\n\n" +
			"20 January 2025\n\nPublished by: Trafford Council\n\nNews\n\n" +
			"Trafford Council has welcomed the letter published today after an Ofsted focused visit to its children's services.\n\n" +
			"The visit, carried out over two days in November, looked at children in need and those on protection plans.\n", "focused 2024-11"},
	}
	for _, tt := range tests {
		res := readText(t, "x.txt", []byte(tt.doc), Options{})
		visit := func(c evidence.Candidate) string { return c.Value + " " + c.Date }
		found := shown(res.Candidates, func(c evidence.Candidate) bool { return c.Measure == "visit" && c.Review == "" }, visit)
		held := shown(res.Candidates, func(c evidence.Candidate) bool { return c.Measure == "visit" && c.Review != "" }, visit)
		if strings.Join(found, "|") != tt.want {
			t.Errorf("visits found %q, want %s only (held: %q)", found, tt.want, held)
		}
	}
}

// TestAddressCouncil: a council's committee site names it in its host,
// with the site's own words around the name.
func TestAddressCouncil(t *testing.T) {
	m := matcherFor(reference.Default())
	tests := []struct{ source, want string }{
		{"https://democracy.telford.gov.uk/ieListDocuments.aspx?CId=1", "Telford and Wrekin"},
		{"http://moderngov.southwarksites.com/mgAi.aspx?ID=1", "Southwark"},
		{"https://moderngov.leedssite.com/mgAi.aspx?ID=1", "Leeds"},
		{"https://www.example.com/news/2019/01/story", ""},
		{"https://www.scilly.gov.uk/news/inspection-result", "Isles of Scilly"},
		{"https://www.sussex.gov.uk/news/1", ""}, // East and West Sussex both end so
	}
	for _, tt := range tests {
		if got, _ := m.addressCouncil(tt.source); got != tt.want {
			t.Errorf("%s: council %q, want %q", tt.source, got, tt.want)
		}
	}
}

// TestInspectorsVisitedDates: "Inspectors visited ... in March" dates the
// inspection a grade elsewhere in the article comes from; a rating "previously
// handed out in 2015" is an earlier event, not the current one.
func TestInspectorsVisitedDates(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Ofsted has now rated Barnsley's children's services good.\n\nInspectors visited Barnsley in March 2019 and met social workers.", "2019-03"},
		{"Ofsted has now rated Barnsley's children's services good, keeping the rating previously handed out in 2015.", ""},
	}
	for _, tt := range tests {
		doc := "Source: https://news.example/barnsley-good\n\nBarnsley keeps its grade\n\n" + tt.text + "\n"
		res := readText(t, "x.txt", []byte(doc), Options{})
		got := lastDate(res.Candidates, func(c evidence.Candidate) bool { return c.Measure == "grade" && c.Review == "" && c.Value == "good" })
		if got != tt.want {
			t.Errorf("%q: the good grade above the cut dated %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestAddressDates: an address dates a page by its day, its month in
// figures or words, or its year; a site's own notice dated later does not
// overrule it.
func TestAddressDates(t *testing.T) {
	for _, tt := range []struct{ addr, want string }{
		{"https://news.example/2016/dec/13/story", "2016-12-13"},
		{"https://council.example.gov.uk/news/2022/may/childrens-services", "2022-05"},
		{"https://council.example.gov.uk/media/releases/november-2017/10-visit/", "2017-11"},
		{"https://council.example.gov.uk/news/archive/news-from-january-2024/rated-good/", "2024-01"},
		{"https://council.example.gov.uk/news/2019/story", "2019"},
		{"https://council.example.gov.uk/news/market-report/", ""},
	} {
		got := ""
		if d, ok := addressDate(tt.addr); ok {
			got = d.String()
		}
		if got != tt.want {
			t.Errorf("%s: %q, want %q", tt.addr, got, tt.want)
		}
	}
	doc := "Source: https://council.example.gov.uk/media/releases/november-2017/10-visit/\n\n" +
		"Online forms may be unavailable for maintenance tomorrow, Tuesday 17th July 2018.\n\n" +
		"Inspectors made their fourth monitoring visit to Dudley last month.\n"
	res := readText(t, "x.txt", []byte(doc), Options{})
	if res.Date != "2017-11" || res.DateRule != RuleAddress {
		t.Errorf("page with a site notice: dated %q by %s, want 2017-11 by the address", res.Date, res.DateRule)
	}
}

// TestPublishedTodayShortDate: a press release dating itself in its
// text by a short date in brackets ("published today (28/10/19)").
func TestPublishedTodayShortDate(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Ofsted's findings were published today (28/10/19), after inspectors came on September 16-27.", "2019-10-28"},
		{"Ofsted's findings were published today (31/02/19), after inspectors came on September 16-27.", ""},
	} {
		doc := "Source: https://council.example.gov.uk/news/rutland-ofsted\n\nRutland's services improve\n\n" + tt.text + "\n"
		if res := readText(t, "x.txt", []byte(doc), Options{}); res.Date != tt.want {
			t.Errorf("%q: dated %q, want %q", tt.text, res.Date, tt.want)
		}
	}
}

// visitsAbove is "council date kind" of each visit above the cut in the
// document, sorted and joined by "|".
func visitsAbove(t *testing.T, doc string) string {
	t.Helper()
	res := readText(t, "x.txt", []byte(doc), Options{})
	got := shown(res.Candidates, func(c evidence.Candidate) bool { return c.Measure == "visit" && c.Review == "" },
		func(c evidence.Candidate) string { return c.Council + " " + c.Date + " " + c.Value })
	sort.Strings(got)
	return strings.Join(got, "|")
}

// TestVisitDating: the words that name a visit and the date that is its
// own (sixth round; each case in our own words).
func TestVisitDating(t *testing.T) {
	for _, tt := range []struct{ name, doc, want string }{
		// Days heading the sentence date the visit it names, though the
		// article dates an earlier visit of the kind.
		{"days heading", "Source: https://news.example/halton-visit\n\nHalton's second visit\n\nPublished 2 May 2025\n\n" +
			"Halton's first monitoring visit took place in October 2024.\n\n" +
			"On 26 and 27 March 2025 Halton Borough Council welcomed inspectors back for its second monitoring visit since the inadequate judgement of December 2023.\n",
			"Halton 2024-10 monitoring|Halton 2025-03-26 monitoring"},
		// "a focused inspection" is a focused visit.
		{"focused inspection", "Source: https://news.example/2022/06/01/rutland\n\n1 June 2022\n\nRutland's front door\n\n" +
			"In 2019, in a focused inspection, inspectors said Rutland's front door had been transformed.\n", "Rutland 2019 focused"},
		// "a two day visit" in a paper about a focused visit is that visit.
		{"visit by its length", "Source: https://democracy.rutland.gov.uk/mgAi.aspx?ID=1\n\nOfsted Focused Visit Update\n\n" +
			"Ofsted made a two day visit on 14 December 2022 to Rutland's services for children in need.\n", "Rutland 2022-12-14 focused"},
		// "a further focused visit in 2021" in a 2022 story happened; in
		// a story of 2020 it is planned.
		{"further, past", "Source: https://news.example/rutland\n\n1 June 2022\n\nRutland's visits\n\n" +
			"A further focused visit to Rutland in 2021 looked at children in care.\n", "Rutland 2021 focused"},
		{"further, planned", "Source: https://news.example/rutland\n\n1 June 2020\n\nRutland's visits\n\n" +
			"A further focused visit to Rutland in 2021 looked at children in care.\n", ""},
		// A visit between two dates written in full takes the first.
		{"range of full dates", "Source: https://news.example/rutland-fv\n\nPublished 1 March 2019\n\nRutland's focused visit\n\n" +
			"From Wednesday, 9 January 2019 to Thursday, 10 January 2019 inspectors made a focused visit to Rutland's front door.\n",
			"Rutland 2019-01-09 focused"},
		// "a recent visit" takes the kind the title names.
		{"kind from the title", "Source: https://news.example/rutland-mv\n\nProgress praised in Ofsted monitoring visit\n\n" +
			"In November 2023 Rutland was found inadequate. Their recent visit on 30 and 31 July 2024 saw progress.\n",
			"Rutland 2024-07-30 monitoring"},
		// A date in a relative clause about a grade is not the visit's,
		// nor is the first visit's date the fourth's.
		{"relative clause", "Source: https://news.example/rutland\n\nPublished 2 June 2023\n\nRutland's visits\n\n" +
			"The first monitoring visit to Rutland was in October 2021.\n\nAfter their fourth monitoring visit to Rutland, which was given the lowest grade in 2019, inspectors saw progress.\n",
			"Rutland 2021-10 monitoring"},
		// A date given to a meeting that discussed the visit is the
		// meeting's.
		{"meeting's date", "Source: https://news.example/rutland-cabinet\n\nRutland's progress\n\nPublished: Friday, 19th September 2025\n\n" +
			"Rutland's cabinet talked about Ofsted's latest monitoring visit at their meeting last Wednesday (10 Sep).\n\n" +
			"Inspectors carried out their fourth monitoring visit to Rutland in June.\n", "Rutland 2025-06 monitoring"},
		// The day a visit's letter is released is not the visit's; the
		// article's other mention ("The visit, which occurred on ...")
		// dates it, and without one the visit is for review.
		{"letter's day", "Source: https://news.example/2023/12/rutland-mv\n\nRutland's progress\n\n" +
			"Ofsted published the findings of the fourth monitoring visit it made to Rutland on 13 December 2023.\n\n" +
			"The visit, which happened on 8 and 9 November 2023, examined help for children in need.\n", "Rutland 2023-11-08 monitoring"},
		{"letter's day alone", "Source: https://news.example/rutland-fv\n\nRutland's progress\n\nPublished 13 January 2025\n\n" +
			"The council welcomed the findings of an Ofsted focused visit to Rutland, issued by letter today.\n", ""},
		// A visit the article gives no date is dated by the article's
		// year only when the text writes out an earlier date of that
		// year the visit followed; otherwise the year is a guess.
		{"undated, earlier date that year", "Source: https://news.example/rutland-mv\n\nPublished 6 June 2018\n\nRutland's progress\n\n" +
			"A monitoring visit by Ofsted found that Rutland's help for teenagers at risk had improved.\n\n" +
			"Inspectors met the exploitation team Rutland formed in March 2018.\n", "Rutland 2018 monitoring"},
		{"undated, nothing else that year", "Source: https://news.example/rutland-mv\n\nPublished 17 August 2022\n\nRutland's progress\n\n" +
			"A monitoring visit by Ofsted found that Rutland's help for teenagers at risk had improved.\n\n" +
			"Inspectors met the exploitation team Rutland formed last year.\n", ""},
		// A date closing the item of a list before the visit is that
		// item's; a date in a "since the ..." phrase after it bounds a
		// period, and is not the sentence's one date either.
		{"list item's date", "Source: https://democracy.rutland.gov.uk/mgAi.aspx?ID=7\n\nWorkforce report\n\n" +
			"Rutland's services were checked three times in 18 months: Ofsted looked at children in care in July 2021, an adviser came in May 2023 and the latest joint targeted area inspection looked at child protection.\n", ""},
		{"since clause", "Source: https://news.example/rutland-mv\n\nPublished 19 July 2019\n\nRutland's progress\n\n" +
			"Ofsted has published its findings on the second monitoring visit since the trust's takeover of Rutland's children's services in December 2018.\n", ""},
		// One saying when the visit took place is.
		{"took place", "Source: https://news.example/rutland\n\nPublished 2 June 2023\n\nRutland's visits\n\n" +
			"The joint targeted area inspection of Rutland, which took place in May 2023, looked at neglect.\n", "Rutland 2023-05 jtai"},
	} {
		if got := visitsAbove(t, tt.doc); got != tt.want {
			t.Errorf("%s: visits above the cut %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestOverallGradeDates: "Today Ofsted published the latest report on X"
// dates X's grade by the report's day; a run of days is the inspection's,
// though a report "published today" stands nearer.
func TestOverallGradeDates(t *testing.T) {
	for _, tt := range []struct{ doc, want string }{
		{"Source: https://news.example/2022/09/21/county-good\n\n21 September 2022\n\nCounty rated good\n\n" +
			"Today Ofsted published the latest report on Rutland's children's services.\n\nRutland's children's services were rated good.\n", "2022-09-21"},
		{"Source: https://news.example/rutland-good\n\nRutland rated good\n\n" +
			"Ofsted has now rated Rutland's children's services good.\n\n" +
			"After a full inspection of the council's services from 10 to 14 June 2024, its report, out today, judges them good.\n", "2024-06-10"},
		// An undated council page: the inspection's days stand far from
		// its word, and "today" is the report's day, not a time of
		// another inspection.
		{"Source: https://www.rutland.gov.uk/news/ofsted-findings\n\nOfsted findings\n\n" +
			"Ofsted finished an inspection of our services for children and a review of how well the safeguarding partners work together between 3 March and 21 March 2019.\n\n" +
			"Today the report came out, giving an overall judgement of good.\n", "2019-03-03"},
		{"Source: https://www.rutland.gov.uk/news/ofsted-findings\n\nOfsted findings\n\n" +
			"Today the report came out, giving an overall judgement of good.\n", ""},
	} {
		res := readText(t, "x.txt", []byte(tt.doc), Options{})
		got := lastDate(res.Candidates, func(c evidence.Candidate) bool {
			return c.Measure == "grade" && c.Review == "" && c.Area == "overall" && c.Value == "good"
		})
		if got != tt.want {
			t.Errorf("%q: the good grade above the cut dated %q, want %q", tt.doc, got, tt.want)
		}
	}
}

// TestVisitDateSure: a visit goes above the cut only with a date that is
// its own: a date before the visit's words across "after" is a later
// event's (the visit takes a date written right after its words, or is
// held).
func TestVisitDateSure(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // "date" above the cut, "held" in review, "" none
	}{
		{"later event, own date after", "Salford was placed under a notice in March 2020 after the letter on the focused visit in January 2020 was published.", "2020-01"},
		{"later event, no own date", "Salford was placed under a notice in March 2020 following a focused visit.", "held"},
		{"own date", "Inspectors made a focused visit to Salford in January 2020.", "2020-01"},
		{"entry's date", "January 2020: after a focused visit, Ofsted wrote to Salford about its front door.", "2020-01"},
		{"kind named sentences back", "Agenda item 6\n\nChildren's services: the inspectorate's letters\n\nOfsted's framework brought focused visits to councils that required improvement.\n\nSalford had two such visits.\n\nThe first visit was held on 30 and 31 January 2018.", "2018-01-30"},
	}
	for _, tt := range tests {
		doc := "Source: https://news.example/2020/06/salford\n\n12 June 2020\n\n" + tt.text + "\n"
		res := readText(t, "x.txt", []byte(doc), Options{})
		got := ""
		for _, c := range res.Candidates {
			if c.Measure != "visit" {
				continue
			}
			if c.Review != "" {
				got = "held"
			} else {
				got = c.Date
			}
		}
		if got != tt.want {
			t.Errorf("%s: %q gives %q, want %q", tt.name, tt.text, got, tt.want)
		}
	}
}

// TestVisitListCouncils: plural visits whose list of dates names a
// council before each date are one visit of that council at each; a list
// naming one council before its first date gives it every date.
func TestVisitListCouncils(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Ofsted made focused visits to Walsall in September 2024 and to Dudley in October 2024.",
			"Dudley focused 2024-10|Walsall focused 2024-09"},
		{"Inspectors carried out monitoring visits to Sandwell in May 2024 and again in November 2024.",
			"Sandwell monitoring 2024-05|Sandwell monitoring 2024-11"},
		{"There were monitoring visits of Walsall in May, Dudley in June and Sandwell in July 2024.",
			"Dudley monitoring 2024-06|Sandwell monitoring 2024-07|Walsall monitoring 2024-05"},
		// Singular visits, each followed by its council and date.
		{"Ofsted made a focused visit to Walsall in September 2024 and a monitoring visit to Dudley in October 2024.",
			"Dudley monitoring 2024-10|Walsall focused 2024-09"},
		// Two councils at one date of the list; plural visits of no kind
		// take the kind the next sentence names.
		{"Ofsted's focused visits to Walsall in September and to Dudley and Sandwell in November found progress.",
			"Dudley focused 2024-11|Sandwell focused 2024-11|Walsall focused 2024-09"},
		{"Inspectors' recent visits to Walsall in September and Dudley in October looked at care leavers. Both were focused visits.",
			"Dudley focused 2024-10|Walsall focused 2024-09"},
		{"Inspectors' recent visits to Walsall in September and Dudley in October looked at care leavers.", ""},
		// A bare month closing the list ("last May and September").
		{"It is the third time inspectors have been to Walsall this year, after monitoring visits last April and September.",
			"Walsall monitoring 2024-04|Walsall monitoring 2024-09"},
		// One date for two councils is not a list of dates.
		{"Ofsted made focused visits to Walsall and Dudley in October 2024.", ""},
		// Visits yet to come.
		{"Ofsted will make monitoring visits to Walsall in March 2025 and Dudley in April 2025.", ""},
	}
	for _, tt := range tests {
		doc := "Source: https://news.example/story\n\n9 December 2024\n\n" + tt.text + "\n"
		res := readText(t, "x.txt", []byte(doc), Options{})
		got := shown(res.Candidates, func(c evidence.Candidate) bool { return c.Measure == "visit" && c.Review == "" },
			func(c evidence.Candidate) string { return c.Council + " " + c.Value + " " + c.Date })
		sort.Strings(got)
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%q: visits %q, want %q", tt.text, strings.Join(got, "|"), tt.want)
		}
	}
}

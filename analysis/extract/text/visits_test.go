package text

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/reference"
)

// TestPluralVisits: visits dated by a list of dates are one visit at least
// at each date; a span, a count or a single date are not read.
func TestPluralVisits(t *testing.T) {
	tests := []struct {
		text string
		want string // the visits' dates found, sorted, "|" between
	}{
		{"Inspectors recorded progress in Barnsley in monitoring visits in 2019 and 2020.", "2019|2020"},
		{"Barnsley had focused visits during May 2020 and October 2021.", "2020-05|2021-10"},
		{"Barnsley had monitoring visits between 2019 and 2020.", ""},
		{"Barnsley has had six monitoring visits since 2019.", ""},
		{"Barnsley will have monitoring visits in 2027 and 2028.", ""},
	}
	for _, tt := range tests {
		doc := "Source: https://news.example/2022/01/barnsley\n\n14 January 2022\n\n" + tt.text + "\n"
		res, err := Extract(context.Background(), Doc{File: "x.txt", Raw: []byte(doc)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range res.Candidates {
			if c.Measure == "visit" && c.Review == "" {
				got = append(got, c.Date)
			}
		}
		sort.Strings(got)
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%q: visits %q, want %q", tt.text, strings.Join(got, "|"), tt.want)
		}
	}
}

// TestVisitHeld: in a document about one kind of visit (its letter named
// in the title), "the visit took place in ..." is that kind's visit; a
// date that bounds a period ("since") does not date a visit.
func TestVisitHeld(t *testing.T) {
	doc := "Source: https://council.example/news/412\n\nCouncil responds to Ofsted monitoring letter\n\n" +
		"Date Released - 14/05/2024\n\n" +
		"Rotherham Council welcomes the Ofsted monitoring letter that follows the third visit since June 2022.\n\n" +
		"The visit took place in April 2024 and the letter came out today.\n"
	res, err := Extract(context.Background(), Doc{File: "x.txt", Raw: []byte(doc)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var found, held []string
	for _, c := range res.Candidates {
		if c.Measure != "visit" {
			continue
		}
		if c.Review == "" {
			found = append(found, c.Value+" "+c.Date)
		} else {
			held = append(held, c.Value+" "+c.Date)
		}
	}
	if strings.Join(found, "|") != "monitoring 2024-04" {
		t.Errorf("visits found %q, want the April 2024 monitoring visit only (held: %q)", found, held)
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
		res, err := Extract(context.Background(), Doc{File: "x.txt", Raw: []byte(doc)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, c := range res.Candidates {
			if c.Measure == "grade" && c.Review == "" && c.Value == "good" {
				got = c.Date
			}
		}
		if got != tt.want {
			t.Errorf("%q: the good grade above the cut dated %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestPublishedLatestReport: "Today Ofsted published the latest report on
// X" dates X's grade by the report's day.
func TestPublishedLatestReport(t *testing.T) {
	doc := "Source: https://news.example/2022/09/21/county-good\n\n21 September 2022\n\nCounty rated good\n\n" +
		"Today Ofsted published the latest report on Rutland's children's services.\n\nRutland's children's services were rated good.\n"
	res, err := Extract(context.Background(), Doc{File: "x.txt", Raw: []byte(doc)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := ""
	for _, c := range res.Candidates {
		if c.Measure == "grade" && c.Value == "good" && c.Review == "" {
			got = c.Date
		}
	}
	if got != "2022-09-21" {
		t.Errorf("the good grade above the cut dated %q, want 2022-09-21", got)
	}
}

package text

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
)

func mustDate(t *testing.T, s string) dates.Date {
	t.Helper()
	if s == "" {
		return dates.Date{}
	}
	d, err := dates.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestWhens resolves date expressions at the precision the words support,
// against the document's own date when they are relative.
func TestWhens(t *testing.T) {
	tests := []struct {
		text, doc  string
		want       string // the first expression's date; "" for none found
		text2      string // the words matched
		future     bool
		unresolved bool
	}{
		{"The council was rated inadequate nine years ago.", "2019-08-02", "2010", "nine years ago", false, false},
		// A dateline's capitals ("13:05, 28 FEB 2019").
		{"13:05, 28 FEB 2019", "", "2019-02-28", "28 FEB 2019", false, false},
		// A month naming its event ("an October inspection"): the month.
		{"It was judged inadequate after an October inspection.", "2021-11-27", "2021-10", "an October", false, false},
		{"Since the December monitoring visit, leaders have acted.", "2021-11-27", "2020-12", "the December", false, false},
		{"The May report was discussed.", "2021-11-27", "2021-05", "The May", false, false},
		{"Leaders may visit in future.", "2021-11-27", "", "", false, false},
		// A weekday before each day of a range.
		{"Inspectors came Wednesday 23 and Thursday 24 March 2022.", "", "2022-03-23", "Wednesday 23 and Thursday 24 March 2022", false, false},
		{"nine years ago", "2019", "2010", "nine years ago", false, false},
		{"The inspection, carried out last month, found", "2019-08-28", "2019-07", "last month", false, false},
		{"last month", "2019-08", "2019-07", "last month", false, false},
		{"last month", "2019", "2019", "last month", false, false}, // never finer than the document's own date
		{"In a report published yesterday", "2019-04-03", "2019-04-02", "yesterday", false, false},
		{"In a report published yesterday", "2019-04", "2019-04", "yesterday", false, false},
		{"a report out today", "2020-01-15", "2020-01-15", "today", false, false},
		{"Tomorrow, Ofsted will publish its report", "2015-05-11", "2015-05-12", "Tomorrow", false, false},
		{"rated inadequate in April last year", "2017-05-25", "2016-04", "April last year", false, false},
		{"a visit in March this year", "2017-05-25", "2017-03", "March this year", false, false},
		{"rated inadequate in April last year", "", "", "April last year", false, true},
		{"it was rated good last year", "2024-04-24", "2023", "last year", false, false},
		{"two months ago", "2021-01-10", "2020-11", "two months ago", false, false},
		{"an inspection carried out between 10 and 21 June", "2019-07-22", "2019-06-10", "10 and 21 June", false, false}, // a range from its first day
		{"visited from 28 to 30 November", "2024-01-20", "2023-11-28", "28 to 30 November", false, false},
		{"3 weeks ago", "2021-03-10", "2021-02", "3 weeks ago", false, false},
		{"In July 2023, the service was rated", "", "2023-07", "July 2023", false, false},
		{"identified in spring 2017", "", "2017", "spring 2017", false, false},
		{"by the end of 2018", "", "2018", "the end of 2018", true, false},
		{"published on 3 April 2018", "", "2018-04-03", "3 April 2018", false, false},
		{"on Friday 2 August 2019", "", "2019-08-02", "Friday 2 August 2019", false, false},
		{"April 3, 2019 at 11:15 am", "", "2019-04-03", "April 3, 2019", false, false},
		{"dated 03/04/2018", "", "2018-04-03", "03/04/2018", false, false},
		// Headings in capitals, ordinals with "of", plans moved to a date
		// (fourth round).
		{"FOCUSED VISIT - 3 TO 4 MARCH 2022", "", "2022-03-03", "3 TO 4 MARCH 2022", false, false},
		{"the visit took place on 18th and 19th of May 2024", "", "2024-05-18", "18th and 19th of May 2024", false, false},
		{"the visit was rescheduled for 3 and 4 June 2020", "", "2020-06-03", "3 and 4 June 2020", true, false},
		{"the inspection has been postponed until 9 October 2021", "", "2021-10-09", "9 October 2021", true, false},
		{"on 7 and 8 March 2018", "", "2018-03-07", "7 and 8 March 2018", false, false},
		{"from 30 April to 2 May 2019", "", "2019-04-30", "30 April to 2 May 2019", false, false},
		{"a meeting (April 17)", "2024-04-24", "2024-04-17", "April 17", false, false},
		{"a meeting on 17 April", "2024-04-10", "2023-04-17", "17 April", false, false},
		{"the report published at the end of May", "2018-06-06", "2018-05", "at the end of May", false, false},
		{"in May", "2018-04-20", "2017-05", "in May", false, false}, // the latest May before the article
		{"one more monitoring visit in August", "2018-06", "2018-08", "in August", true, false},
		{"a visit in August found", "2018-06", "2017-08", "in August", false, false},
		{"due to have a visit in August", "2018-06", "2018-08", "in August", true, false},
		{"a target of good by 2019", "", "2019", "2019", true, false},
		{"a visit is planned for March", "2024-02-15", "2024-03", "for March", true, false},
		{"the inspection in 2015", "", "2015", "2015", false, false},
		{"a budget of £2015", "", "", "", false, false},
		{"2,015 children", "", "", "", false, false},
		{"2015 children were referred", "", "", "", false, false},
		{"it may be rated", "2019-01-01", "", "", false, false},
		{"last year", "", "", "last year", false, true},
		{"in August", "", "", "in August", false, true},
		// A financial or school year dates no event.
		{"the self-assessment for 2017/18", "", "", "2017", false, true},
		{"spending in 2021-22 rose", "", "", "2021", false, true},
		{"between 2016 and 2018", "", "2016", "2016", false, false},
		{"from 2016-2019", "", "2016", "2016", false, false}, // not the year after
	}
	for _, tt := range tests {
		ws := findWhens(tt.text, mustDate(t, tt.doc))
		if tt.text2 == "" {
			if len(ws) > 0 && ws[0].OK {
				t.Errorf("%q: found %q (%s), want nothing", tt.text, ws[0].Text, ws[0].Date)
			}
			continue
		}
		if len(ws) == 0 {
			t.Errorf("%q: found nothing, want %q", tt.text, tt.text2)
			continue
		}
		w := ws[0]
		if w.Text != tt.text2 {
			t.Errorf("%q: matched %q, want %q", tt.text, w.Text, tt.text2)
		}
		if tt.unresolved {
			if w.OK || w.Why == "" {
				t.Errorf("%q with no document date: resolved to %s, want a reason", tt.text, w.Date)
			}
			continue
		}
		if !w.OK || w.Date.String() != tt.want {
			t.Errorf("%q (document %s): %s ok=%v, want %s", tt.text, tt.doc, w.Date, w.OK, tt.want)
		}
		if w.Future != tt.future {
			t.Errorf("%q: future=%v, want %v", tt.text, w.Future, tt.future)
		}
	}
}

func TestWhenRange(t *testing.T) {
	ws := findWhens("on 7 and 8 March 2018", dates.Date{})
	if len(ws) != 1 || ws[0].Date.String() != "2018-03-07" || ws[0].Last.String() != "2018-03-08" {
		t.Fatalf("got %+v", ws)
	}
}

// TestPublishedTomorrow: a grade dated by a report published the day
// after the text is made public by that report (findings v3: published
// is never before the date).
func TestPublishedTomorrow(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "docs", "2015-05-11_published-tomorrow.txt"))
	if err != nil {
		t.Fatal(err)
	}
	res := readText(t, "2015-05-11_published-tomorrow.txt", raw, Options{})
	got := shown(res.Candidates, func(c evidence.Candidate) bool { return c.Measure == "grade" && c.Review == "" },
		func(c evidence.Candidate) string { return c.Date + " published " + c.Published })
	if len(got) != 1 || got[0] != "2015-05-12 published 2015-05-12" {
		t.Errorf("grades %q, want one dated and published 2015-05-12", got)
	}
}

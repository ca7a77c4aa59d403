package inspections

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/reference"
)

// The embedded record is what BuildRecord makes from fixtures/real: a
// rebuilt fixture without `make real-fixtures` regenerating it fails here.
func TestEmbeddedRecordIsGenerated(t *testing.T) {
	files := map[string]io.Reader{}
	for _, n := range []string{"ofsted_judgements_2009_2025.csv", "ofsted_reports_after_2025-05-14.csv"} {
		f, err := os.Open(filepath.Join("..", "..", "fixtures", "real", n))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		files[n] = f
	}
	b, err := BuildRecord(reference.Default(), files)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != recordCSV {
		t.Fatal("analysis/inspections/record.csv differs from what fixtures/real make: run go run ./analysis/inspections/gen -record fixtures/real -out analysis/inspections/record.csv (make real-fixtures does)")
	}
	DefaultRecord() // parses
}

func TestRecordCheck(t *testing.T) {
	rec, err := ParseRecord(strings.NewReader(RecordHeader+`
Medway,2011-03-02,2011-03-02,help_and_protection,good
Medway,2015-03-02,2015-05-01,overall,requires improvement
Medway,2019-06-03,2019-08-02,overall,inadequate
Medway,2019-06-03,2019-08-02,children_in_care_and_care_leavers,requires improvement
Medway,2022-01-10,2022-03-04,overall,good
Kingston upon Thames,2019-10-21,2019-12-19,overall,good
Dorset,2016-05-23,2016-05-23,overall,requires improvement
Dorset,2021-09-27,2021-11-19,overall,good
`), reference.Default())
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) dates.Date {
		d, err := dates.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct {
		name, council, date, area, grade string
		want                             Verdict
		reason                           string
	}{
		{"same grade, dated by publication", "Medway", "2019-08", "overall", "inadequate", Corroborated, "inadequate for overall at the inspection from 2019-06-03, published 2019-08-02"},
		{"year dating the inspection", "Medway", "2019", "overall", "Inadequate", Corroborated, ""},
		{"another grade then", "Medway", "2019-08-10", "overall", "good", Contradicted, "Ofsted's record gives Medway inadequate for overall"},
		{"ILACS 2018-23 joint judgement", "Medway", "2019", "children_in_care", "requires improvement", Corroborated, "children in care and care leavers"},
		{"ILACS 2018-23 joint judgement, another grade", "Medway", "2019", "care_leavers", "good", Contradicted, ""},
		{"an area the inspection does not grade", "Medway", "2019", "adoption", "good", Unchecked, ""},
		{"no inspection between two", "Medway", "2017", "overall", "good", Absent, "no inspection of Medway near 2017"},
		{"the child protection inspections the record lacks", "Medway", "2013-03", "overall", "inadequate", Unchecked, ""},
		{"before the record's first", "Medway", "2009", "overall", "good", Unchecked, ""},
		{"after the record's last", "Medway", "2025", "overall", "good", Unchecked, ""},
		{"a council the record does not hold", "Kent", "2019", "overall", "good", Unchecked, ""},
		{"joint service member", "Richmond upon Thames", "2019-12", "overall", "good", Corroborated, "(inspected as Kingston upon Thames, a joint service)"},
		{"a name two councils have had", "Dorset", "2018", "overall", "good", Absent, ""},
		{"a name two councils have had, the new one", "Dorset", "2021-11", "overall", "good", Corroborated, ""},
	} {
		got := rec.Check(c.council, day(c.date), c.area, c.grade)
		if got.Verdict != c.want {
			t.Errorf("%s: verdict %d, want %d (%+v)", c.name, got.Verdict, c.want, got)
			continue
		}
		if r := got.Reason(c.council, c.date); !strings.Contains(r, c.reason) {
			t.Errorf("%s: reason %q lacks %q", c.name, r, c.reason)
		}
	}
}

package intake

import (
	"strings"
	"testing"
)

// Issue 10, case 8: a key given twice in one object was taken as its last
// value ("value":42,"value":43 read as 43). The line is rejected, naming the
// key; nested objects and keys inside strings do not count.
func TestJSONDuplicateKeys(t *testing.T) {
	lines := []string{
		`{"council":"Medway","date":"2019","measure":"caseload","value":42,"value":43}`,
		`{"council":"Medway","council":"Kent","date":"2019","measure":"caseload","value":20}`,
		`{"council":"Medway","date":"2019","measure":"caseload","value":21,"note":"\"value\":1, \"value\":2"}`,
		`{"council":"Dudley","date":"2019","measure":"caseload","value":22,"x":{"a":1,"a":2}}`,
		`{"council":"Leeds","date":"2019","measure":"caseload","value":23,"note":"a","note":"a"}`,
		`{"council":"Kent","date":"2019","measure":"caseload","val\u0075e":24,"value":25}`,
	}
	res := loadBytes(t, "dups.jsonl", []byte(strings.Join(lines, "\n")+"\n"))
	f := res.Files[0]
	if fileCounts(f) != (counts{6, 2, 4, 0}) {
		t.Fatalf("counts %+v, rejects %+v", fileCounts(f), res.Rejects)
	}
	want := map[int32]string{1: `"value" is given twice`, 2: `"council" is given twice`, 5: `"note" is given twice`, 6: `"value" is given twice`}
	for _, r := range res.Rejects {
		if w, ok := want[r.Line]; !ok || !strings.Contains(r.Reason, w) {
			t.Errorf("line %d: %s (want %q)", r.Line, r.Reason, w)
		}
	}
}

// A JSON number is a number however JSON writes it: 1e1 is 10.
func TestJSONNumbersWithExponent(t *testing.T) {
	res := loadBytes(t, "exp.jsonl", []byte(`{"council":"Medway","date":"2019","measure":"caseload","value":1e1}`+"\n"+
		`{"council":"Medway","date":"2019","measure":"vacancy_rate","value":2.5E1}`+"\n"))
	if len(res.Findings) != 2 || res.Findings[0].Value != 10 || res.Findings[1].Value != 25 {
		t.Fatalf("%+v %+v", res.Findings, res.Rejects)
	}
}

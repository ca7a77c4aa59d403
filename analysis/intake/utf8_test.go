package intake

import (
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/findings"
)

// Issue 10, case 7: one invalid byte in a UTF-8 file loses its row, named
// with line and byte; the rest of the file stays UTF-8 ("The £ budget", not
// "The Â£ budget").
func TestOneBadByteInUTF8(t *testing.T) {
	text := "council,date,measure,value,note\n" +
		"Medway,2019-08,caseload,40,The £ budget\n" +
		"Dudley,2016,grade,inadequate,caf\xe9\n" +
		"Kent,2020,vacancy_rate,25%,naïve\n"
	res := loadBytes(t, "mixed.csv", []byte(text))
	f := res.Files[0]
	if f.Encoding != "utf-8" || fileCounts(f) != (counts{3, 2, 1, 0}) {
		t.Fatalf("encoding %q, counts %+v", f.Encoding, fileCounts(f))
	}
	if got := noteAt(t, res, 2); got != "The £ budget" {
		t.Errorf("valid UTF-8 elsewhere decoded wrongly: %q", got)
	}
	if got := noteAt(t, res, 4); got != "naïve" {
		t.Errorf("note %q", got)
	}
	r := res.Rejects[0]
	if r.Line != 3 || !strings.Contains(r.Reason, "0xE9") || !strings.Contains(r.Reason, "note") {
		t.Errorf("reject %d: %s", r.Line, r.Reason)
	}
	if r.Raw[findings.ColNote] != "caf\uFFFD" {
		t.Errorf("the reject's value must be printable: %q", r.Raw[findings.ColNote])
	}
	// Without any valid multi-byte character the file is Windows-1252.
	res = loadBytes(t, "cp1252.csv", []byte("council,date,measure,value,note\nDudley,2016,grade,inadequate,caf\xe9 \xa3\n"))
	if f := res.Files[0]; f.Encoding != "windows-1252" || noteAt(t, res, 2) != "café £" {
		t.Errorf("windows-1252: %q %q", f.Encoding, noteAt(t, res, 2))
	}
}

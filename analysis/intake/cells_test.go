package intake

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// setCell replaces cell ref's XML in the sheet of a workbook made by
// workbook().
func setCell(t *testing.T, book []byte, ref, cellXML string) []byte {
	t.Helper()
	return replacePart(t, book, sheetPart, func(b []byte) []byte {
		i := bytes.Index(b, []byte(`<c r="`+ref+`"`))
		if i < 0 {
			t.Fatalf("no cell %s", ref)
		}
		j := bytes.Index(b[i:], []byte("</c>"))
		k := bytes.Index(b[i:], []byte("/>"))
		end := i + j + len("</c>")
		if k >= 0 && (j < 0 || k < j) && !bytes.Contains(b[i:i+k], []byte(">")) {
			end = i + k + 2
		}
		return append(append(append([]byte(nil), b[:i]...), cellXML...), b[end:]...)
	})
}

// Issue 10, case 9: TRUE as a caseload was read as 1 and #NAME? as a theme
// became "#name?". A TRUE/FALSE cell, an Excel error and a formula saved
// without its result are rejected with their reason; so is an Excel error
// code exported as text in CSV or JSON Lines.
func TestCellTypesAreKept(t *testing.T) {
	book := workbook(t, 5)
	book = setCell(t, book, "D2", `<c r="D2" t="b"><v>1</v></c>`)
	book = setCell(t, book, "C3", `<c r="C3" t="str"><v>theme</v></c>`)
	book = setCell(t, book, "D3", `<c r="D3" t="e"><f>BADNAME()</f><v>#NAME?</v></c>`)
	book = setCell(t, book, "D4", `<c r="D4"><f>1/0</f></c>`)
	book = setCell(t, book, "E5", `<c r="E5" t="e"><v>#N/A</v></c>`)
	res := loadBytes(t, "types.xlsx", book)
	f := res.Files[0]
	if f.Error != "" || fileCounts(f) != (counts{5, 1, 4, 0}) {
		t.Fatalf("counts %+v %s %+v", fileCounts(f), f.Error, res.Rejects)
	}
	want := map[int32]string{
		2: "value is the TRUE/FALSE cell TRUE",
		3: "value is the Excel error #NAME?",
		4: "value is a formula saved without its result",
		5: "note is the Excel error #N/A",
	}
	for _, r := range res.Rejects {
		if w := want[r.Line]; w == "" || !strings.Contains(r.Reason, w) {
			t.Errorf("line %d: %q, want %q", r.Line, r.Reason, w)
		}
	}

	// The same codes written out as text by a CSV export.
	var b strings.Builder
	b.WriteString("council,date,measure,value,polarity,note\n")
	for _, code := range []string{"#NAME?", "#DIV/0!", "#N/A", "#VALUE!", "#REF!"} {
		fmt.Fprintf(&b, "Medway,2019,theme,%s,weakness,\n", code)
	}
	b.WriteString("Medway,2019,theme,#1 priority,weakness,\n")
	res = loadBytes(t, "export.csv", []byte(b.String()))
	if f := res.Files[0]; fileCounts(f) != (counts{6, 1, 5, 0}) {
		t.Fatalf("CSV export: %+v %+v", fileCounts(f), res.Rejects)
	}
	for _, r := range res.Rejects {
		if !strings.Contains(r.Reason, "Excel error") {
			t.Errorf("line %d: %s", r.Line, r.Reason)
		}
	}
	res = loadBytes(t, "export.jsonl", []byte(`{"council":"Medway","date":"2019","measure":"caseload","value":"#DIV/0!"}`+"\n"))
	if len(res.Rejects) != 1 || !strings.Contains(res.Rejects[0].Reason, "Excel error #DIV/0!") {
		t.Fatalf("JSON Lines: %+v", res.Rejects)
	}
}

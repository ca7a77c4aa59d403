package intake

import (
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16Bytes encodes s as UTF-16 with a byte-order mark.
func utf16Bytes(s string, bigEndian bool) []byte {
	units := append([]uint16{0xFEFF}, utf16.Encode([]rune(s))...)
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func noteAt(t *testing.T, res *Result, line int32) string {
	t.Helper()
	for _, f := range res.Findings {
		if f.Line == line {
			return f.Note
		}
	}
	t.Fatalf("no finding on line %d; rejects %+v", line, res.Rejects)
	return ""
}

// Issue 10, case 6: Excel's "Unicode text" (UTF-16 with a byte-order mark,
// tab-separated) and UTF-16 big-endian CSV are read; bare CR line endings
// (old Mac Excel) are lines.
func TestUTF16AndBareCR(t *testing.T) {
	rows := "council\tdate\tmeasure\tvalue\tnote\r\n" +
		"Medway\t2019-08\tcaseload\t40\tThe £ budget – café\r\n" +
		"Dudley\t2016\tgrade\tinadequate\t\"two\r\nlines\"\r\n" +
		"Kent\t2020\tvacancy_rate\t25%\t\r\n"
	for _, be := range []bool{false, true} {
		res := loadBytes(t, "unicode.csv", utf16Bytes(rows, be))
		f := res.Files[0]
		if f.Error != "" || fileCounts(f) != (counts{3, 3, 0, 0}) {
			t.Fatalf("big-endian %v: %+v %s", be, fileCounts(f), f.Error)
		}
		want := "utf-16le with byte-order mark"
		if be {
			want = "utf-16be with byte-order mark"
		}
		if f.Encoding != want {
			t.Errorf("encoding %q, want %q", f.Encoding, want)
		}
		if got := noteAt(t, res, 2); got != "The £ budget – café" {
			t.Errorf("note %q", got)
		}
		if got := noteAt(t, res, 3); got != "two\nlines" {
			t.Errorf("quoted line break %q", got)
		}
	}
	// Comma-separated UTF-16 too.
	res := loadBytes(t, "comma.csv", utf16Bytes(strings.ReplaceAll(rows, "\t", ","), false))
	if f := res.Files[0]; fileCounts(f) != (counts{3, 3, 0, 0}) {
		t.Fatalf("comma-separated UTF-16: %+v %s", fileCounts(f), f.Error)
	}

	// A lone surrogate loses its row only.
	bad := utf16Bytes(rows, false)
	i := strings.Index(rows, "café")
	units := utf16.Encode([]rune(rows[:i]))
	pos := 2 + 2*len(units) // the 'c' of café
	bad[pos], bad[pos+1] = 0x00, 0xD8
	res = loadBytes(t, "surrogate.csv", bad)
	if f := res.Files[0]; fileCounts(f) != (counts{3, 2, 1, 0}) || res.Rejects[0].Line != 2 || !strings.Contains(res.Rejects[0].Reason, "UTF-16") {
		t.Fatalf("lone surrogate: %+v %+v", fileCounts(f), res.Rejects)
	}

	// Bare CR line endings.
	cr := "council,date,measure,value,note\r" +
		"Medway,2019-08,caseload,40,x\r" +
		"Dudley,2016,grade,inadequate,\"a\rb\"\r" +
		"Kent,2020,vacancy_rate,25%,\r"
	res = loadBytes(t, "mac.csv", []byte(cr))
	if f := res.Files[0]; fileCounts(f) != (counts{3, 3, 0, 0}) {
		t.Fatalf("bare CR: %+v %s %+v", fileCounts(f), f.Error, res.Rejects)
	}
	if got := noteAt(t, res, 2); got != "x" {
		t.Errorf("bare CR: note %q", got)
	}
}

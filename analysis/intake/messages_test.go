package intake

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/png"
	"strings"
	"testing"
	"unicode/utf16"
)

// fakeEncrypted is what Excel saves for a workbook with a password: an OLE
// compound file (not a zip) holding EncryptionInfo and EncryptedPackage
// streams. Only what a reader can tell it by is built: the signature and a
// directory sector naming the streams.
func fakeEncrypted() []byte {
	b := make([]byte, 512*4)
	copy(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	binary.LittleEndian.PutUint16(b[0x1E:], 9) // 512-byte sectors
	for i, name := range []string{"Root Entry", "EncryptionInfo", "EncryptedPackage"} {
		entry := b[512*2+128*i:]
		for j, u := range utf16.Encode([]rune(name)) {
			binary.LittleEndian.PutUint16(entry[2*j:], u)
		}
	}
	return b
}

func pngBytes(t *testing.T) []byte {
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 4)))
	return b.Bytes()
}

// Issue 10, case 11: say what is wrong in words a person can act on.
func TestMessagesSayWhatIsWrong(t *testing.T) {
	oldXLS := fakeEncrypted()
	copy(oldXLS[512*2:], make([]byte, 512)) // no encryption streams: an .xls
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"locked.xlsx", fakeEncrypted(), "password-protected"},
		{"old.xlsx", oldXLS, "Excel 97-2003"},
		{"chart.csv", pngBytes(t), "PNG image"},
		{"chart.jsonl", pngBytes(t), "PNG image"},
		{"chart.xlsx", pngBytes(t), "PNG image"},
		{"report.csv", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "PDF document"},
		{"book.csv", workbook(t, 2), "rename it .xlsx"},
		{"table.xlsx", []byte("council,date,measure,value\nMedway,2019,grade,good\n"), "text file"},
		{"nobom.csv", utf16Bytes("council,date,measure,value\r\n", false)[2:], "UTF-16 text without a byte-order mark"},
		{"blob.csv", []byte("council\x00\x01\x02\x00\xff\xfe\x00\x00binary\x00"), "binary file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := loadBytes(t, tt.name, tt.data)
			rejectedWhole(t, res, tt.want)
			checkCapped(t, res)
		})
	}

	// A cell pointing past the shared strings is damage, not a blank.
	book := setCell(t, workbook(t, 3), "A2", `<c r="A2" t="s"><v>999</v></c>`)
	rejectedWhole(t, loadBytes(t, "sst.xlsx", book), "refers to shared string 999")
}

// A name with symbols that are not letters, digits or ordinary
// punctuation is a mistake to report, not a council ("Medway 🦀" resolved
// to Medway).
func TestCouncilNameWithSymbols(t *testing.T) {
	text := "council,date,measure,value\n" +
		"Medway 🦀,2019,grade,good\n" +
		"Medway™,2019,grade,good\n" +
		"Barking & Dagenham,2019,grade,good\n" +
		"Kingston upon Hull, City of,2019,grade,good\n"
	text = strings.Replace(text, "Kingston upon Hull, City of", `"Kingston upon Hull, City of"`, 1)
	res := loadBytes(t, "names.csv", []byte(text))
	if f := res.Files[0]; fileCounts(f) != (counts{4, 2, 2, 0}) {
		t.Fatalf("counts %+v %+v", fileCounts(f), res.Rejects)
	}
	if r := res.Rejects[0]; r.Line != 2 || !strings.Contains(r.Reason, "U+1F980") {
		t.Errorf("line %d: %s", r.Line, r.Reason)
	}
	if r := res.Rejects[1]; r.Line != 3 || !strings.Contains(r.Reason, "U+2122") {
		t.Errorf("line %d: %s", r.Line, r.Reason)
	}
}

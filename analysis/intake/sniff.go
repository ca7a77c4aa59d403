package intake

import (
	"bytes"
	"os"
	"unicode/utf16"

	"github.com/oversight/oversight/analysis/charset"
)

// What a file's first bytes say it is, when it is not what its name says.
const (
	kindText = iota
	kindZip
	kindOLE // an OLE compound file: .xls, .doc, or a password-protected .xlsx
	kindOther
)

var signatures = []struct {
	magic string
	kind  int
	what  string
}{
	{"PK\x03\x04", kindZip, "a zip archive"},
	{"PK\x05\x06", kindZip, "a zip archive"},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", kindOLE, "an Office file in the old format"},
	{"\x89PNG\r\n\x1a\n", kindOther, "a PNG image"},
	{"\xFF\xD8\xFF", kindOther, "a JPEG image"},
	{"GIF87a", kindOther, "a GIF image"},
	{"GIF89a", kindOther, "a GIF image"},
	{"%PDF-", kindOther, "a PDF document"},
	{"{\\rtf", kindOther, "a Rich Text document"},
	{"\x1F\x8B", kindOther, "a gzip-compressed file"},
	{"7z\xBC\xAF\x27\x1C", kindOther, "a 7-Zip archive"},
	{"Rar!\x1A\x07", kindOther, "a RAR archive"},
	{"BZh", kindOther, "a bzip2-compressed file"},
}

// sniff tells from a file's first bytes what it is: text, or a named kind
// of binary file with words for a person ("a PNG image"). A byte-order
// mark means text.
func sniff(head []byte) (kind int, what string) {
	if charset.BOMOf(head) != charset.NoBOM {
		return kindText, ""
	}
	for _, s := range signatures {
		if bytes.HasPrefix(head, []byte(s.magic)) {
			return s.kind, s.what
		}
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		if charset.UTF16NoBOM(head) {
			return kindOther, "UTF-16 text without a byte-order mark"
		}
		return kindOther, "a binary file"
	}
	return kindText, ""
}

// notText is why a file named .csv or .jsonl cannot be read as text, or "".
func notText(head []byte, format string) string {
	kind, what := sniff(head)
	switch kind {
	case kindText:
		return ""
	case kindZip:
		return "is a zip archive, not a text file: if it is an Excel workbook, rename it .xlsx"
	case kindOLE:
		return "is an old-format Office file (an Excel 97-2003 .xls workbook?), not a text file: open it in Excel or LibreOffice and save it as .xlsx or CSV UTF-8"
	}
	if what == "UTF-16 text without a byte-order mark" {
		return "is UTF-16 text without a byte-order mark, which cannot be told apart reliably: save it again as CSV UTF-8 (or as Unicode text, which has the mark)"
	}
	return "is " + what + ", not a " + format + " file; is it the right file?"
}

// notWorkbook is why a file named .xlsx that is not a zip archive cannot be
// read, in words a person can act on.
func notWorkbook(f *os.File, head []byte) string {
	kind, what := sniff(head)
	switch kind {
	case kindText:
		return "is not a readable .xlsx workbook: it is a text file; if it is a CSV file, rename it .csv"
	case kindOLE:
		if encrypted(f) {
			return "is not a readable .xlsx workbook: it is password-protected (Excel saves an encrypted workbook in another format); open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it), save it, and try again"
		}
		return "is not a readable .xlsx workbook: it is an old Excel 97-2003 workbook (.xls) or another Office file; open it in Excel or LibreOffice and save it as .xlsx"
	case kindZip:
		return ""
	}
	return "is not a readable .xlsx workbook: it is " + what + "; is it the right file?"
}

// encrypted reports an OLE compound file holding an encrypted Office
// document: its directory names the EncryptedPackage stream (UTF-16LE).
func encrypted(f *os.File) bool {
	name := utf16le("EncryptedPackage")
	buf := make([]byte, 64<<10)
	var off int64
	for {
		n, err := f.ReadAt(buf, off)
		if bytes.Contains(buf[:n], name) {
			return true
		}
		if err != nil || n < len(buf) {
			return false
		}
		off += int64(n - len(name)) // overlap, for a name across reads
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

package charset

import (
	"bufio"
	"bytes"
	"io"
	"math/rand"
	"testing"
)

func TestDecode(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []byte
		want string
		enc  Encoding
	}{
		{"ascii", []byte("Barnet"), "Barnet", UTF8},
		{"utf-8", []byte("Barnet’s"), "Barnet’s", UTF8},
		{"utf-8 mark", []byte("\xef\xbb\xbfBarnet"), "Barnet", UTF8BOM},
		{"utf-16le", []byte("\xff\xfeB\x00\x19\x20s\x00"), "B’s", UTF16LE},
		{"utf-16be", []byte("\xfe\xff\x00B\x20\x19\x00s"), "B’s", UTF16BE},
		{"surrogate pair", []byte("\xff\xfe\x3d\xd8\x00\xde"), "😀", UTF16LE},
		{"lone high surrogate", []byte("\xff\xfe\x3d\xd8B\x00"), "\xffB", UTF16LE},
		{"lone low surrogate", []byte("\xff\xfe\x00\xdeB\x00"), "\xffB", UTF16LE},
		{"odd last byte", []byte("\xff\xfeB\x00C"), "B\xff", UTF16LE},
		{"windows-1252", []byte("Barnet\x92s \xa3"), "Barnet’s £", Windows1252},
		{"damaged utf-8", []byte("Barnet’s \xff"), "Barnet’s \xff", UTF8Damaged},
		{"damaged after a mark", []byte("\xef\xbb\xbfBarnet \xff"), "Barnet \xff", UTF8Damaged},
		{"empty", nil, "", UTF8},
	} {
		got, enc := Decode(c.in)
		if string(got) != c.want || enc != c.enc {
			t.Errorf("%s: Decode = %q %v, want %q %v", c.name, got, enc, c.want, c.enc)
		}
		if s := stream(c.in, 7); s != c.want {
			t.Errorf("%s: the streaming reader gives %q, Decode %q", c.name, s, c.want)
		}
	}
}

// stream decodes b through Scan and NewReader, in chunks of n bytes: what
// intake does with a file.
func stream(b []byte, n int) string {
	var s Scan
	for i := 0; i < len(b); i += n {
		s.Write(b[i:min(i+n, len(b))])
	}
	s.Close()
	r := NewReader(bufio.NewReaderSize(bytes.NewReader(b), 16), s.Encoding(), s.BOM())
	out, _ := io.ReadAll(r)
	return string(out)
}

// The whole-text decoder (extraction) and the streaming one (intake) agree
// on any bytes: one set of rules.
func TestDecodeAgreesWithStream(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := [][]byte{[]byte("a"), []byte("’"), {0xff}, {0xfe}, {0x00}, {0xd8}, {0xdc}, {0x92}, []byte("\xef\xbb\xbf")}
	for i := 0; i < 5000; i++ {
		var b []byte
		if rng.Intn(3) == 0 {
			b = append(b, [][]byte{{0xff, 0xfe}, {0xfe, 0xff}, {0xef, 0xbb, 0xbf}}[rng.Intn(3)]...)
		}
		for j := rng.Intn(20); j > 0; j-- {
			b = append(b, alphabet[rng.Intn(len(alphabet))]...)
		}
		got, _ := Decode(b)
		if s := stream(b, 1+rng.Intn(5)); s != string(got) {
			t.Fatalf("%q: Decode %q, stream %q", b, got, s)
		}
	}
}

func TestUTF16NoBOM(t *testing.T) {
	le := []byte("B\x00a\x00r\x00n\x00e\x00t\x00")
	if !UTF16NoBOM(le) || !UTF16NoBOM(le[1:len(le)-1]) || UTF16NoBOM([]byte("Barnet council")) {
		t.Error("UTF-16 without a mark not told from text")
	}
}

package xlsx

import (
	"context"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// The guard cuts long text where the decoder can still parse what it gets:
// outside an entity, at a character boundary, and says so.
func TestGuardCutsTextSafely(t *testing.T) {
	for _, body := range []string{
		strings.Repeat("a", 100),
		strings.Repeat("&amp;", 30),
		strings.Repeat("é€😀", 20),
		strings.Repeat("x&#233;", 25),
	} {
		d := newDecoder(context.Background(), strings.NewReader("<t>"+body+"</t>"), 64<<10, 16)
		var text []byte
		cut := false
		for {
			tok, err := d.token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%.20q: %v", body, err)
			}
			if c, ok := tok.(xml.CharData); ok {
				text = append(text, c...)
				cut = d.g.takeCut() || cut
			}
		}
		if !cut || len(text) > 16+8 || !utf8.Valid(text) || !d.closed {
			t.Errorf("%.20q: kept %q, cut %v", body, text, cut)
		}
	}
	// Short text is untouched; a tag longer than the limit is an error.
	d := newDecoder(context.Background(), strings.NewReader("<t>short</t>"), 64<<10, 16)
	for {
		if _, err := d.token(); err != nil {
			if err != io.EOF || d.g.takeCut() {
				t.Fatal(err)
			}
			break
		}
	}
	d = newDecoder(context.Background(), strings.NewReader(`<t a="`+strings.Repeat("v", 40)+`">x</t>`), 64<<10, 16)
	if _, err := d.token(); err == nil {
		t.Fatal("a tag over the limit was read")
	}
}

func TestDecoderIsStrict(t *testing.T) {
	for _, doc := range []string{"<a><b></a></b>", "<a></a><b></b>", "<a>", "<a></a>text", "<a><b></b>"} {
		d := newDecoder(context.Background(), strings.NewReader(doc), 64<<10, 1<<10)
		var err error
		for err == nil {
			_, err = d.token()
		}
		if err == io.EOF {
			t.Errorf("%q read as well-formed", doc)
		}
	}
}

func TestHelpers(t *testing.T) {
	for ref, want := range map[string][2]int{"A1": {0, 1}, "Z9": {25, 9}, "AA10": {26, 10}, "XFD1048576": {16383, 1048576}} {
		c, r, ok := parseRef(ref)
		if !ok || c != want[0] || r != want[1] || cellName(c, r) != ref {
			t.Errorf("%s: %d %d %v", ref, c, r, ok)
		}
	}
	for _, bad := range []string{"", "A", "1", "a1", "A0", "A-1", "A+1", "XFE1"} {
		if _, _, ok := parseRef(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
	for code, want := range map[string]bool{"0%": true, "0.0%": true, `0.0"%"`: false, `0\%`: false, "[Red]0%": true, "[$%-809]0": false, "General": false, "dd/mm/yyyy": false} {
		if percentFormat(code) != want {
			t.Errorf("percentFormat(%q) = %v", code, !want)
		}
	}
	if got := unescape("a_x000D_b_x005F_x_x00"); got != "a\rb_x_x00" {
		t.Errorf("unescape: %q", got)
	}
	for in, want := range map[string]string{"2019-08-19T00:00:00Z": "2019-08-19", "2019-08-19T00:00:00.000": "2019-08-19", "2019-08-19T10:30:00": "2019-08-19T10:30:00", "2019-08": "2019-08"} {
		if got := isoDate(in); got != want {
			t.Errorf("isoDate(%q) = %q", in, got)
		}
	}
	if got := plain("1.4999999999999999E-2", 0.014999999999999999); got != "0.015" {
		t.Errorf("plain: %q", got)
	}
}

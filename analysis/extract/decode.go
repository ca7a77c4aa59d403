package extract

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/oversight/oversight/analysis/charset"
)

// decoded is a text or HTML file as the readers take it: valid UTF-8,
// without control characters, and what was done to make it so.
type decoded struct {
	text    []byte
	notices []string
}

// decodeText decodes a file's bytes by the project's rules (package
// charset, which intake reads findings files by): UTF-8, UTF-16 with a
// byte-order mark, else Windows-1252, said in a notice. Bytes that are not
// UTF-8 in a UTF-8 file become U+FFFD and control characters (but tab and
// line breaks) become spaces, each said in a notice: whatever the readers
// quote then passes the findings contract's checks. A file that is not
// text (NUL bytes, UTF-16 without a byte-order mark) is an error saying
// so.
func decodeText(raw []byte) (decoded, error) {
	var d decoded
	head := raw[:min(len(raw), 512)]
	if charset.BOMOf(head) == charset.NoBOM {
		if charset.UTF16NoBOM(head) {
			return d, fmt.Errorf("UTF-16 text without a byte-order mark, which cannot be told apart reliably: save it again as UTF-8 (or as Unicode text, which has the mark)")
		}
		if binary(raw[:min(len(raw), 8192)]) {
			return d, fmt.Errorf("a binary file, not text")
		}
	}
	text, enc := charset.Decode(raw)
	switch enc {
	case charset.UTF16LE, charset.UTF16BE:
		d.notices = append(d.notices, "read as "+strings.ToUpper(enc.String()[:8])+" (it has the byte-order mark)")
	case charset.Windows1252:
		d.notices = append(d.notices, "not valid UTF-8: read as Windows-1252; save it as UTF-8 to avoid this")
	}
	bad, controls := 0, 0
	var out []byte
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f {
				out = lazyCopy(out, text, i)
				out = append(out, ' ')
				controls++
			} else if out != nil {
				out = append(out, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = lazyCopy(out, text, i)
			out = append(out, "\uFFFD"...)
			bad++
		case r == 0xFFFE || r == 0xFFFF || (r >= 0x80 && r < 0xA0):
			out = lazyCopy(out, text, i)
			out = append(out, ' ')
			controls++
		case out != nil:
			out = append(out, text[i:i+size]...)
		}
		i += size
	}
	if out != nil {
		text = out
	}
	if bad > 0 {
		d.notices = append(d.notices, fmt.Sprintf("%s that %s not a character in its encoding replaced by \uFFFD", count(bad, "byte"), isAre(bad)))
	}
	if controls > 0 {
		d.notices = append(d.notices, fmt.Sprintf("%s replaced by spaces", count(controls, "control character")))
	}
	d.text = text
	return d, nil
}

// binary reports bytes that are not text: more than 1% NUL bytes, or more
// than 10% other control characters. A text with a stray NUL or escape is
// damaged text, read with them replaced.
func binary(head []byte) bool {
	nul, ctl := 0, 0
	for _, c := range head {
		switch {
		case c == 0:
			nul++
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f':
			ctl++
		}
	}
	return nul*100 > len(head) || ctl*10 > len(head)
}

// lazyCopy starts the cleaned copy of text with its first i bytes, the
// first time a byte must change.
func lazyCopy(out, text []byte, i int) []byte {
	if out != nil {
		return out
	}
	out = make([]byte, i, len(text)+16)
	copy(out, text[:i])
	return out
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return thousands(int64(n)) + " " + what + "s"
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// rawTextTags hold no text a reader sees.
var rawTextTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "svg": true}

// htmlCost measures a page before it is parsed: how many nodes its tree
// will have (elements, pieces of text, comments) and how many characters
// of text a reader sees, stopping as soon as either passes its limit. It
// is one pass of the tokenizer, in little memory whatever the page.
func htmlCost(page []byte, maxNodes, maxText int) (nodes, text int, over bool) {
	z := html.NewTokenizer(bytes.NewReader(page))
	z.SetMaxBuf(0)
	skip := 0 // inside script, style...
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nodes, text, false
		case html.StartTagToken:
			nodes++
			name, _ := z.TagName()
			if rawTextTags[string(name)] {
				skip++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if rawTextTags[string(name)] && skip > 0 {
				skip--
			}
		case html.SelfClosingTagToken, html.CommentToken, html.DoctypeToken:
			nodes++
		case html.TextToken:
			nodes++
			if skip == 0 {
				text += utf8.RuneCount(bytes.TrimSpace(z.Raw()))
			}
		}
		if nodes > maxNodes || text > maxText {
			return nodes, text, true
		}
	}
}

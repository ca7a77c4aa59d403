package intake

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxReason is the most characters of a reason, notice or file error: what
// a person reads in a table. Longer ones are shortened by capText.
const MaxReason = 300

// quotedKeep is how much of a long quoted value a shortened reason keeps.
const quotedKeep = 40

// capText shortens a message to MaxReason characters. First each quoted
// value longer than quotedKeep characters is cut to its start, followed by
// its length ("council \"Barking and…\" (4,200,000 characters) is not
// known"), so the words around it survive; then, if it is still too long,
// its middle is left out.
func capText(s string) string {
	if len(s) <= MaxReason || utf8.RuneCountInString(s) <= MaxReason {
		return s
	}
	s = shortenQuoted(s)
	if utf8.RuneCountInString(s) <= MaxReason {
		return s
	}
	r := []rune(s)
	const tail = 100
	head := MaxReason - tail - 20
	return fmt.Sprintf("%s … [%s characters left out] … %s", string(r[:head]), thousands(len(r)-head-tail), string(r[len(r)-tail:]))
}

// shortenQuoted cuts Go-quoted values ("...", with backslash escapes) that
// are longer than quotedKeep characters.
func shortenQuoted(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '"' {
			b.WriteByte(s[i])
			i++
			continue
		}
		end := closingQuote(s, i+1)
		if end < 0 {
			b.WriteString(s[i:])
			break
		}
		inner := s[i+1 : end]
		text := inner
		if u, err := strconv.Unquote(s[i : end+1]); err == nil {
			text = u
		}
		if n := utf8.RuneCountInString(text); n > quotedKeep {
			r := []rune(text)
			q := strconv.Quote(string(r[:quotedKeep]))
			fmt.Fprintf(&b, "%s…\" (%s characters)", q[:len(q)-1], thousands(n))
		} else {
			b.WriteString(s[i : end+1])
		}
		i = end + 1
	}
	return b.String()
}

func closingQuote(s string, from int) int {
	for j := from; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return -1
}

// thousands writes n with commas: 4,200,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// capMessages shortens every reason, file error and notice of a load.
func capMessages(res *Result) {
	for i := range res.Rejects {
		res.Rejects[i].Reason = capText(res.Rejects[i].Reason)
	}
	for i := range res.Files {
		f := &res.Files[i]
		f.Error = capText(f.Error)
		for j := range f.Notices {
			f.Notices[j] = capText(f.Notices[j])
		}
	}
	for i := range res.Notices {
		res.Notices[i] = capText(res.Notices[i])
	}
}

package text

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// para is one paragraph of a document: a block between blank lines, or one
// bullet item. N numbers paragraphs from 1 in reading order; Page is the PDF
// page the paragraph starts on (0 for text and HTML).
type para struct {
	N      int
	Page   int
	Text   string // the words as printed, white space folded to single spaces
	Bullet bool   // a list item (its marker removed)
	// Heading is a short line with no closing punctuation: a title, a
	// section heading or a caption.
	Heading bool
	// Tail marks what follows the article proper: reader comments,
	// "More from ..." links. Nothing is extracted from it.
	Tail bool
}

// where is the candidate's Page: the PDF page when there is one, else the
// paragraph number (the contract's rule for text and HTML).
func (p *para) where() int {
	if p.Page > 0 {
		return p.Page
	}
	return p.N
}

// decode turns the file's bytes into text: UTF-8 (a byte-order mark
// dropped), else Windows-1252, which is what a page saved on Windows is when
// it is not UTF-8 (the same rule, and decoder, as findings files).
func decode(b []byte) string {
	b = trimBOM(b)
	if utf8.Valid(b) {
		return string(b)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(out)
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

var (
	mdLink     = regexp.MustCompile(`\[([^\]\n]*)\]\([^)\s]*\)`)
	mdAutoLink = regexp.MustCompile(`<(https?://[^>\s]+|mailto:[^>\s]+)>`)
	mdEmph     = regexp.MustCompile(`\*\*|__`)
	mdHeading  = regexp.MustCompile(`^\s{0,3}#{1,6}\s+`)
	// bulletMark is a list marker at the start of a line: "-", "*", "•" and
	// the private-use and Wingdings glyphs PDF text carries, or "1." / "(a)".
	bulletMark = regexp.MustCompile(`^\s*(?:[-*•●▪■◦○‣⁃·\x{F0B7}\x{F0A7}\x{F076}\x{F0D8}\x{F0FC}]|o\s|\(?[0-9]{1,2}[.)]|\([a-z]\))\s*`)
	// pageFurniture is a line that is only a page number ("2", "Page 2 of
	// 9", "- 2 -").
	pageFurniture = regexp.MustCompile(`^\s*(?:-\s*)?(?:[Pp]age\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?(?:\s*-)?\s*$`)
)

// cleanLine removes Markdown markup (links keep their text), so quotes hold
// the words a reader sees.
func cleanLine(s string) (string, bool) {
	heading := mdHeading.MatchString(s)
	s = mdHeading.ReplaceAllString(s, "")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdAutoLink.ReplaceAllString(s, "$1")
	s = mdEmph.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "\u00a0", " ")
	return s, heading
}

// splitParas reads text (one page, or a whole text file) into paragraphs:
// blank lines end a paragraph, a list marker starts a new one, wrapped lines
// join with a space (a line ending in a hyphen joins without one).
func splitParas(text string, page int) []para {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var out []para
	var cur []string
	curBullet, curHeading := false, false
	flush := func() {
		if len(cur) == 0 {
			return
		}
		t := joinLines(cur)
		if t != "" {
			out = append(out, para{Page: page, Text: t, Bullet: curBullet, Heading: curHeading && !endsSentence(t)})
		}
		cur, curBullet, curHeading = nil, false, false
	}
	for _, line := range strings.Split(text, "\n") {
		line, heading := cleanLine(line)
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		if page > 0 && pageFurniture.MatchString(line) {
			continue
		}
		// A rule ("————", "-----") ends a paragraph; a line in capitals
		// ("BRADFORD", "LOCAL AUTHORITIES RATED INADEQUATE") is a heading
		// of its own, never the end of the list item above it.
		if ruleLine.MatchString(line) {
			flush()
			continue
		}
		if capsLine(line) {
			flush()
			cur, curHeading = []string{line}, true
			flush()
			continue
		}
		if loc := bulletMark.FindStringIndex(line); loc != nil && loc[1] < len(line) && isBulletStart(line, loc) {
			flush()
			cur, curBullet = []string{line[loc[1]:]}, true
			continue
		}
		if heading {
			flush()
			cur, curHeading = []string{line}, true
			flush()
			continue
		}
		cur = append(cur, line)
		if len(cur) == 1 {
			curHeading = true // decided at flush: a one-line block without a full stop
		} else {
			curHeading = false
		}
	}
	flush()
	return out
}

var ruleLine = regexp.MustCompile(`^\s*(?:[-—–_=*~─━•·]\s*){3,}$`)

// capsLine is a short line whose letters are all capitals, with a word of
// four letters or more: a heading.
func capsLine(line string) bool {
	t := strings.TrimSpace(line)
	if utf8.RuneCountInString(t) > 80 {
		return false
	}
	letters, run, long := 0, 0, false
	for _, r := range t {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			letters++
			if run++; run >= 4 {
				long = true
			}
		default:
			run = 0
		}
	}
	return long && letters >= 4
}

// isBulletStart tells a list marker from text that merely starts like one:
// "1. Children who need help" is a list item, "2019 was" is not (the
// pattern needs the dot), "o " only counts before a lower-case word.
func isBulletStart(line string, loc []int) bool {
	mark := strings.TrimSpace(line[loc[0]:loc[1]])
	rest := line[loc[1]:]
	if mark == "o" {
		r, _ := utf8.DecodeRuneInString(rest)
		return unicode.IsLower(r)
	}
	if mark == "-" || mark == "*" {
		// "- 2 -" page numbers are caught before; a dash before a number
		// ("-5%") is not a bullet.
		r, _ := utf8.DecodeRuneInString(rest)
		return unicode.IsLetter(r) || r == '‘' || r == '"' || r == '\''
	}
	// "46.2 employee social workers": a decimal, not item 46.
	if strings.HasSuffix(mark, ".") {
		if r, _ := utf8.DecodeRuneInString(rest); unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// joinLines joins wrapped lines: "multi-" + "agency" is "multi-agency".
func joinLines(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if i > 0 && b.Len() > 0 {
			prev := b.String()
			if strings.HasSuffix(prev, "-") && !strings.HasSuffix(prev, " -") {
				b.WriteString(l)
				continue
			}
			b.WriteByte(' ')
		}
		b.WriteString(l)
	}
	return foldSpace(b.String())
}

// foldSpace folds runs of white space to one space and trims.
func foldSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// endsSentence reports whether text ends as a sentence does.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " ’'\"”)]*")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:;", r)
}

// mendBreaks joins a paragraph cut in two by a page break or a stray blank
// line: one that does not end a sentence, followed by one that starts in
// lower case (and is not a list item).
func mendBreaks(ps []para) []para {
	var out []para
	for _, p := range ps {
		if n := len(out); n > 0 && !p.Bullet && startsLower(p.Text) && !endsSentence(out[n-1].Text) && !out[n-1].Tail {
			out[n-1].Text += " " + p.Text
			out[n-1].Heading = false
			continue
		}
		out = append(out, p)
	}
	for i := range out {
		out[i].N = i + 1
	}
	return out
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// tailStart matches the paragraph where a news page's article ends: the
// comment count ("2 Responses to ..."), "More from ...", "Comments",
// "Leave a reply", "Related articles".
var tailStart = regexp.MustCompile(`(?i)^(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|no) (?:responses?|comments?|replies) (?:to|on)\b|more from\b|(?:related|recommended) (?:articles|stories|content|topics|links|internet links|news)\b|more on this story\b|comments?\s*(?:\(\d+\))?$|leave a (?:reply|comment)\b|share this (?:article|story)\b)`)

// markTail flags every paragraph from the first tail marker on.
func markTail(ps []para) {
	for i := range ps {
		if tailStart.MatchString(ps[i].Text) {
			for j := i; j < len(ps); j++ {
				ps[j].Tail = true
			}
			return
		}
	}
}

// sentence is one sentence of a paragraph.
type sentence struct {
	P    *para
	Idx  int // position in the document's sentence list
	Text string
}

// abbrevs end with a full stop without ending a sentence.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "cllr": true, "prof": true, "no": true,
	"e.g": true, "i.e": true, "etc": true, "vs": true, "cf": true, "approx": true, "inc": true, "ltd": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "rev": true, "gov": true, "fig": true, "para": true,
}

// maxSentence bounds a sentence's length in bytes: text with no full stop
// for pages (a table, a broken conversion) is cut at clause breaks, so the
// work per sentence stays bounded whatever the document.
const maxSentence = 1200

// splitSentences cuts a paragraph into sentences at ".", "!" or "?"
// (with any closing quotes) followed by a space and a capital, digit or
// opening quote; abbreviations and initials do not end one. A sentence
// longer than maxSentence is cut at its last semicolon, comma or space
// before the limit.
func splitSentences(s string) []string {
	var out []string
	for _, sent := range sentencesOf(s) {
		for len(sent) > maxSentence {
			cut := -1
			for _, sep := range []string{"; ", ", ", " "} {
				if i := strings.LastIndex(sent[:maxSentence], sep); i > maxSentence/3 {
					cut = i + len(sep) - 1
					break
				}
			}
			if cut < 0 {
				cut = maxSentence
				for cut > 0 && !utf8.RuneStart(sent[cut]) {
					cut--
				}
			}
			out = append(out, strings.TrimSpace(sent[:cut]))
			sent = strings.TrimSpace(sent[cut:])
		}
		if sent != "" {
			out = append(out, sent)
		}
	}
	return out
}

func sentencesOf(s string) []string {
	var out []string
	start := 0
	rs := []rune(s)
	// work in byte offsets for slicing
	offs := make([]int, len(rs)+1)
	o := 0
	for i, r := range rs {
		offs[i] = o
		o += utf8.RuneLen(r)
	}
	offs[len(rs)] = o
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune("’'\"”)]", rs[j]) {
			j++
		}
		if j >= len(rs) || rs[j] != ' ' {
			continue
		}
		k := j + 1
		if k >= len(rs) {
			continue
		}
		next := rs[k]
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("‘“\"'([", next)) {
			continue
		}
		if r == '.' {
			w := lastWord(rs[:i])
			lw := strings.ToLower(w)
			if abbrevs[lw] || (utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0])) {
				continue
			}
		}
		out = append(out, strings.TrimSpace(s[offs[start]:offs[j]]))
		start = k
	}
	if rest := strings.TrimSpace(s[offs[start]:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// lastWord is the run of letters (and inner dots) before position end.
func lastWord(rs []rune) string {
	i := len(rs)
	for i > 0 && (unicode.IsLetter(rs[i-1]) || rs[i-1] == '.') {
		i--
	}
	return string(rs[i:])
}

package reference

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mention is a council's name found in running text.
type Mention struct {
	// Councils are every council the name can mean (Dorset: the old
	// county and the new council); Resolve with a date picks one.
	Councils []*Council
	// Text is the name as written; Start and End are its byte offsets.
	Text       string
	Start, End int
}

// Mentions finds the councils' names (and aliases) in text, longest first:
// "North Northamptonshire" is one mention, not also "Northamptonshire".
// Names match whole words after folding ("St. Helens", "Telford & Wrekin",
// "Southend-on-Sea"), so "Bedford" is not found in "Bedfordshire".
func (l *List) Mentions(text string) []Mention {
	l.mentionOnce.Do(l.buildMentionIndex)
	toks := tokens(text)
	var out []Mention
	for i := 0; i < len(toks); {
		matched := 0
		var idx []int
		for n := min(l.maxNameWords, len(toks)-i); n >= 1; n-- {
			if m, ok := l.byWords[joinTokens(toks[i:i+n])]; ok {
				matched, idx = n, m
				break
			}
		}
		if matched == 0 {
			i++
			continue
		}
		start, end := toks[i].start, toks[i+matched-1].end
		m := Mention{Text: text[start:end], Start: start, End: end}
		for _, j := range idx {
			m.Councils = append(m.Councils, l.Councils[j])
		}
		out = append(out, m)
		i += matched
	}
	return out
}

func (l *List) buildMentionIndex() {
	l.byWords = map[string][]int{}
	add := func(name string, i int) {
		k := joinTokens(tokens(name))
		if k == "" {
			return
		}
		l.byWords[k] = appendOnce(l.byWords[k], i)
		if n := strings.Count(k, " ") + 1; n > l.maxNameWords {
			l.maxNameWords = n
		}
	}
	for i, c := range l.Councils {
		add(c.Name, i)
		// "Bristol, City of" is written "Bristol" or "City of Bristol".
		if base, ok := strings.CutSuffix(c.Name, ", City of"); ok {
			add(base, i)
		}
		if base, ok := strings.CutSuffix(c.Name, ", County of"); ok {
			add(base, i)
		}
		for _, a := range c.Aliases {
			// Short codes such as "BCP" or "RBKC" are too easily part of
			// other text to find by themselves.
			if strings.ToUpper(a) == a {
				continue
			}
			add(a, i)
		}
	}
}

type token struct {
	word       string // folded as Fold folds a name
	start, end int
}

// tokens splits text into words folded as Fold does: letters and digits,
// apostrophes and full stops dropped inside a word, "&" as "and", "saint"
// as "st".
func tokens(text string) []token {
	var out []token
	var b strings.Builder
	start := -1
	flush := func(end int) {
		if start >= 0 && b.Len() > 0 {
			w := b.String()
			if w == "saint" {
				w = "st"
			}
			out = append(out, token{word: w, start: start, end: end})
		}
		b.Reset()
		start = -1
	}
	last := 0 // end of the last letter or digit
	for i, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
			b.WriteRune(unicode.ToLower(r))
			last = i + utf8.RuneLen(r)
		case (r == '\'' || r == '\u2019' || r == '.') && start >= 0:
			// joins: "children's", "St."
		case r == '&':
			flush(last)
			out = append(out, token{word: "and", start: i, end: i + 1})
		default:
			flush(last)
		}
	}
	flush(last)
	return out
}

func joinTokens(ts []token) string {
	switch len(ts) {
	case 0:
		return ""
	case 1:
		return ts[0].word
	}
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.word)
	}
	return b.String()
}

package text

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/oversight/oversight/analysis/reference"
)

// token is one word of running text.
type token struct {
	Start, End int    // byte offsets of the word in the text
	Word       string // as printed, possessive "'s" removed
	Key        string // lower case, "&" as "and", apostrophes and dots dropped
	Upper      bool   // starts with a capital letter
	// SentenceStart says a sentence or clause boundary comes right before
	// the word; Joined that only spaces separate it from the word before.
	SentenceStart bool
	Joined        bool
}

// tokenize splits text into words; "&" is a word of its own.
func tokenize(s string) []token {
	var out []token
	start := -1
	boundary := true
	emit := func(end int) {
		w := s[start:end]
		for _, suf := range []string{"’s.", "'s.", "’s", "'s", "’", "'"} {
			if strings.HasSuffix(w, suf) && len(w) > len(suf) {
				w = w[:len(w)-len(suf)]
				break
			}
		}
		r, _ := utf8.DecodeRuneInString(w)
		joined := len(out) > 0 && strings.TrimSpace(s[out[len(out)-1].End:start]) == ""
		out = append(out, token{Start: start, End: start + len(w), Word: w, Key: reference.Fold(w), Upper: unicode.IsUpper(r), SentenceStart: boundary, Joined: joined})
		boundary = false
		start = -1
	}
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || ((r == '\'' || r == '’' || r == '.') && start >= 0)
		if r == '&' {
			if start >= 0 {
				emit(i)
			}
			out = append(out, token{Start: i, End: i + 1, Word: "&", Key: "and"})
			continue
		}
		if word {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			emit(i)
		}
		if r == '.' || r == '!' || r == '?' || r == ':' || r == ';' {
			boundary = true
		}
	}
	if start >= 0 {
		emit(len(s))
	}
	// A trailing dot belongs to the sentence, not the word ("Medway."), and
	// the next word starts a sentence; "St." keeps its dot.
	for i := range out {
		w := out[i].Word
		if !strings.HasSuffix(w, ".") || strings.EqualFold(w, "st.") {
			continue
		}
		out[i].Word = strings.TrimRight(w, ".")
		out[i].End = out[i].Start + len(out[i].Word)
		out[i].Key = reference.Fold(out[i].Word)
		if i+1 < len(out) && !abbrevs[strings.ToLower(out[i].Word)] {
			out[i+1].SentenceStart = true
		}
	}
	return out
}

// mention is a council named in a sentence.
type mention struct {
	Council    string // the reference list's name
	Start, End int    // byte offsets in the sentence
}

// matcher finds reference-list councils named in running text.
type matcher struct {
	ref   *reference.List
	forms []nameForm            // every council's names as folded words, for addresses
	first map[string][][]string // first word key -> word-key sequences (longest first)
	names map[string]string     // joined key sequence -> council name
	// lastWords are the words council names end with: a capitalised
	// neighbour that is one is another council of a list ("Coventry
	// Knowsley"), not part of a proper noun.
	lastWords map[string]bool
}

func newMatcher(ref *reference.List) *matcher {
	m := &matcher{ref: ref, first: map[string][][]string{}, names: map[string]string{}, forms: formsOf(ref), lastWords: map[string]bool{}}
	add := func(form, name string) {
		var keys []string
		for _, t := range tokenize(form) {
			keys = append(keys, t.Key)
		}
		if len(keys) == 0 {
			return
		}
		j := strings.Join(keys, " ")
		if _, ok := m.names[j]; ok {
			return
		}
		m.names[j] = name
		m.first[keys[0]] = append(m.first[keys[0]], keys)
	}
	for _, c := range ref.Councils {
		for _, f := range append([]string{c.Name}, c.Aliases...) {
			if len(f) >= 3 {
				add(f, c.Name)
			}
		}
	}
	// "Bristol, City of" is printed "City of Bristol" or "Bristol"; a
	// council's own name comes first ("Bournemouth" is Bournemouth, not
	// "Bournemouth, Christchurch and Poole").
	for _, c := range ref.Councils {
		if base, _, ok := strings.Cut(c.Name, ", "); ok && len(base) >= 3 {
			add(base, c.Name)
		}
	}
	for j := range m.names {
		keys := strings.Fields(j)
		m.lastWords[keys[len(keys)-1]] = true
	}
	for k, seqs := range m.first {
		// longest first
		for i := 1; i < len(seqs); i++ {
			for j := i; j > 0 && len(seqs[j]) > len(seqs[j-1]); j-- {
				seqs[j], seqs[j-1] = seqs[j-1], seqs[j]
			}
		}
		m.first[k] = seqs
	}
	return m
}

// connectors may be lower case inside a council's name.
var connectors = map[string]bool{"and": true, "upon": true, "of": true, "on": true, "with": true, "the": true, "in": true, "under": true}

// honorifics before a name make it a person's surname ("Mr Sutton").
var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "cllr": true, "councillor": true,
	"sir": true, "lord": true, "lady": true, "dame": true, "prof": true, "professor": true, "baroness": true}

// councilWords may follow a council's name in capitals ("Medway Council").
var councilWords = map[string]bool{"council": true, "borough": true, "county": true, "city": true, "metropolitan": true, "mbc": true,
	"childrens": true, "children": true, "safeguarding": true, "social": true, "local": true, "district": true, "unitary": true,
	"authority": true, "cabinet": true, "and": true, "lscb": true, "scp": true, "partnership": true, "family": true, "families": true,
	"ofsted": true, "council’s": true, "mash": true, "town": true, "hall": true, "lb": true, "cc": true, "dc": true, "mdc": true,
	"inspection": true}

// functionWords open a sentence without being part of a name ("At Dudley").
var functionWords = map[string]bool{"at": true, "in": true, "for": true, "from": true, "with": true, "by": true, "to": true,
	"on": true, "across": true, "within": true, "under": true, "the": true, "and": true, "but": true, "since": true,
	"after": true, "before": true, "while": true, "like": true, "unlike": true, "both": true, "neither": true, "as": true,
	"including": true, "besides": true, "meanwhile": true, "however": true, "also": true, "only": true, "despite": true,
	"among": true, "between": true, "whereas": true, "although": true, "if": true, "when": true, "where": true, "now": true}

// commonWords are council names that are also English words: at the start
// of a sentence they count only when a council word follows.
var commonWords = map[string]bool{"reading": true, "bury": true}

// find lists the councils a text names, in order. headline says the text is
// set in title case, where a capital after a name proves nothing.
func (m *matcher) find(s string) []mention {
	toks := tokenize(s)
	headline := isHeadline(toks)
	var out []mention
	for i := 0; i < len(toks); i++ {
		seqs := m.first[toks[i].Key]
		if len(seqs) == 0 {
			continue
		}
		for _, seq := range seqs {
			if i+len(seq) > len(toks) || !matchSeq(toks[i:i+len(seq)], seq) {
				continue
			}
			last := i + len(seq) - 1
			if !m.plausible(toks, i, last, headline) {
				continue
			}
			if e := toks[last].End; e+1 < len(s) && s[e] == '-' && unicode.IsLetter(rune(s[e+1])) {
				// "Newcastle-under-Lyme", "Brighton-based": part of
				// another word.
				continue
			}
			out = append(out, mention{Council: m.names[strings.Join(seq, " ")], Start: toks[i].Start, End: toks[last].End})
			i = last
			break
		}
	}
	// A council by its code: "E09000002", "LA code 301".
	for _, loc := range reCouncilCode.FindAllStringSubmatchIndex(s, -1) {
		var code string
		if loc[2] >= 0 {
			code = s[loc[2]:loc[3]]
		} else {
			code = s[loc[4]:loc[5]]
		}
		if cs := m.ref.Candidates(code); len(cs) == 1 {
			out = append(out, mention{Council: cs[0].Name, Start: loc[0], End: loc[1]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// reCouncilCode is a council's ONS (GSS) code, or its DfE number after
// "LA".
var reCouncilCode = regexp.MustCompile(`\b(E(?:0[6-9]|10)\d{6})\b|\bLA\s+(?:code\s+|number\s+)?(\d{3})\b`)

func matchSeq(toks []token, seq []string) bool {
	for k, key := range seq {
		if toks[k].Key != key {
			return false
		}
		if k > 0 && toks[k].SentenceStart {
			return false // a name does not run across a full stop
		}
		if !toks[k].Upper && !connectors[key] && !isDigitWord(toks[k].Word) {
			return false
		}
	}
	return toks[0].Upper
}

func isDigitWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r)
}

// plausible rejects a name that is part of another proper noun: a person
// ("Mr Sutton", "John Bolton", "Dudley Moore"), a place that is not the
// council ("Greater Manchester", "Sutton Coldfield"), a club or a police force.
func (m *matcher) plausible(toks []token, first, last int, headline bool) bool {
	if first > 0 {
		prev := toks[first-1]
		if honorifics[prev.Key] {
			return false
		}
		if prev.Upper && toks[first].Joined && !toks[first].SentenceStart && !headline && !connectors[prev.Key] && !councilWords[prev.Key] && !isDigitWord(prev.Word) && !(prev.SentenceStart && functionWords[prev.Key]) &&
			!gradeKeys[prev.Key] && !m.lastWords[prev.Key] {
			return false
		}
	}
	nextCouncilWord := false
	if last+1 < len(toks) {
		next := toks[last+1]
		if rePostcodeOut.MatchString(next.Word) {
			return false // "Manchester M1 2WD" is an address
		}
		nextCouncilWord = councilWords[next.Key]
		if next.Upper && next.Joined && !headline && !next.SentenceStart && !councilWords[next.Key] && !monthNames[next.Key] &&
			len(m.first[next.Key]) == 0 && !gradeKeys[next.Key] {
			return false
		}
	}
	if toks[first].SentenceStart && first == last && commonWords[toks[first].Key] && !nextCouncilWord {
		return false
	}
	return true
}

// isHeadline reports title case: most longer words capitalised.
func isHeadline(toks []token) bool {
	long, upper := 0, 0
	for _, t := range toks {
		if utf8.RuneCountInString(t.Word) < 4 {
			continue
		}
		long++
		if t.Upper {
			upper++
		}
	}
	return long >= 4 && upper*10 >= long*7
}

var rePostcodeOut = regexp.MustCompile(`^[A-Z]{1,2}\d[A-Z\d]?$`)

// gradeKeys are grade words, which tables print capitalised next to a
// council's name ("12.5 Good Kensington and Chelsea").
var gradeKeys = map[string]bool{"good": true, "outstanding": true, "inadequate": true, "improvement": true, "requires": true, "requiring": true}

var monthNames = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true}

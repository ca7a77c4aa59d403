package text

import (
	"regexp"
	"strconv"
	"strings"
)

// reCountedCouncils opens a clause whose subject is councils counted and
// not named: "Two London boroughs have become the first ...", "Three
// councils in the north east were rated ...".
var reCountedCouncils = regexp.MustCompile(`(?i)^[\s,;:–—-]*(?:the\s+)?(two|three|four|five|six|\d)\s+(?:[A-Z][\w'’-]*\s+|north(?:ern)?\s+|south(?:ern)?\s+|east(?:ern)?\s+|west(?:ern)?\s+|inner\s+|outer\s+){0,3}(?:councils|(?:local\s+)?authorities|boroughs|count(?:y|ies)\s+councils|counties|cities|city\s+councils)\b`)

var countWords = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}

// namedNext reads councils a grade is given to when its sentence counts
// them and the next sentence names them: "Two London boroughs have been
// rated 'outstanding'. In reports published today Ofsted said A and B
// ...". The next sentence (in the same paragraph or the next) must name
// exactly as many councils as the count, and give no grade of its own;
// else nil.
func (d *document) namedNext(s *sent, pos int) []string {
	t := s.Text
	lo := 0
	if i := strings.LastIndexAny(t[:pos], ";:–—("); i >= 0 {
		lo = i
	}
	m := reCountedCouncils.FindStringSubmatch(t[lo:pos])
	if m == nil || len(s.Mentions) > 0 {
		return nil
	}
	n, ok := countWords[strings.ToLower(m[1])]
	if !ok {
		n, _ = strconv.Atoi(m[1])
	}
	if n < 2 || s.Idx+1 >= len(d.sents) {
		return nil
	}
	next := &d.sents[s.Idx+1]
	if next.P != s.P && next.P.N != s.P.N+1 {
		return nil
	}
	if len(findGrades(next.Text)) > 0 {
		return nil
	}
	var names []string
	for _, mm := range next.Mentions {
		names = appendOnce(names, mm.Council)
	}
	if len(names) != n {
		return nil
	}
	return names
}

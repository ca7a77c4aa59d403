package text

import (
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
)

// Record is Ofsted's record of judgements as this reader asks it
// (analysis/inspections implements it through the pipeline).
type Record interface {
	// Inspection is the inspection that gave the council that grade for
	// the area, dated as the text dates it; nil when the record does not
	// corroborate the grade.
	Inspection(council string, date dates.Date, area, grade string) *Inspection
}

// Inspection is one inspection in Ofsted's record.
type Inspection struct {
	Grades map[string]string // area (the findings' names) -> grade
	// Inspected is the first day, Published the report's day; the two
	// are the same where the record does not know the first day.
	Inspected, Published dates.Day
}

// Options are what Extract reads a document with besides the document.
type Options struct {
	// Record, when set, lets the reader take the judgement areas a
	// sentence grades once the record agrees (recordAreas).
	Record Record
}

// Why a pass driven by the record: the held-out slices' missed grades are
// mostly areas (a bullet "Help and protection: Outstanding", "outstanding
// for the experiences of children in care", "every judgement"), worded
// in more ways than rules read surely, and each round's area rules fixed
// the slice they were written from and moved the next by nothing. The
// record moves unseen text (docs/extraction.md). So, for a council whose
// overall grade is above the cut and agreed by the record, a sentence
// about that council naming an area beside a grade word gives that area
// its grade when the record's inspection behind the overall grade gave
// the area that very grade: the words state it and Ofsted published it.
// The finding is dated as the overall grade is (the same inspection).

// looseAreas are words for areas news uses that the sure rules do not
// take as an area's name; the record decides whether they grade it.
var looseAreas = []phrase{
	{regexp.MustCompile(`(?i)\bchild\s+protection\b`), "help_and_protection"},
	{regexp.MustCompile(`(?i)\bcare[- ]experienced\s+(?:young\s+people|children|adults)\b`), "care_leavers"},
	{regexp.MustCompile(`(?i)\b(?:those|young\s+people|children|people)\s+(?:who\s+(?:have\s+)?(?:leave|left)|leaving)\s+(?:our\s+|its\s+|their\s+|the\s+council['’]s\s+)?care\b`), "care_leavers"},
	{regexp.MustCompile(`(?i)\bchildren\s+(?:in\s+(?:our|its|their|the\s+council['’]s)\s+care|(?:we|it|they)\s+looks?\s+after)\b`), "children_in_care"},
	{regexp.MustCompile(`(?i)\b(?:protecting|protection\s+of|helping\s+and\s+protecting)\s+(?:vulnerable\s+)?children\b`), "help_and_protection"},
	{regexp.MustCompile(`(?i)\b(?:children\s+)?achieving\s+permanence\b`), "children_in_care"},
}

// recordAreaPhrases are the areas' names the record's passes look for: the
// sure rules' and the loose ones.
var recordAreaPhrases = append(append([]phrase{}, areaPhrases...), looseAreas...)

// reGradeWord is a grade word; reGradeUse what stands right before one
// used as a grade ("rated", "as", a quote, a colon or dash of a list),
// reNotGrade what follows "good" used as an adjective ("good progress").
var (
	reGradeWord = regexp.MustCompile(`(?i)\b(outstanding|good|inadequate|requir(?:es?|ing|ed)\s+(?:some\s+|further\s+)?improvement(?:\s+(?:in\s+order\s+)?to\s+be\s+good)?)\b|\b((?:the\s+)?(?:top|highest)\s+(?:possible\s+)?(?:mark|grade|rating|judge?ment)s?)\b|\b((?:the\s+)?lowest\s+(?:possible\s+)?(?:mark|grade|rating|judge?ment)s?)\b`)
	reGradeUse  = regexp.MustCompile(`(?i)(?:\b(?:(?:rated|judged|graded|found|deemed|assessed)\s+(?:it|them)|from|rated|judged|graded|found|deemed|assessed|as|was|were|is|are|be|been|remains?|remained|received|awarded|given|achieved|an?|both|all|also|now|still|overall|as\s+being|and|or|but|that|which)\s*|[‘'"“:–—-]\s*)$`)
	reNotGrade  = regexp.MustCompile(`(?i)^[’'"”]?\s+(?:progress|work|practice|examples?|news|start|quality|relationships?|level|standard|support|job|idea|understanding|reason|grasp|range|deal|number|way|place|outcomes?|experience|partnerships?|results?|position|track)\b`)
	// reOtherTime: the sentence speaks of another inspection than the one
	// behind the overall grade.
	reOtherTime = regexp.MustCompile(`(?i)\b(?:previous(?:ly)?|last\s+(?:full\s+)?inspection|earlier|before|prior|formerly|used\s+to|had\s+been|up\s+from|down\s+from|from\s+[‘'"“]?(?:outstanding|good|inadequate|requir)|improved\s+from|since|next|will|would|could|hope|aim|ambition|target|want)\b`)
	reYear      = regexp.MustCompile(`\b(?:19|20)\d{2}\b`)
	// reAllOf: every area ("in all areas", "each of the four judgements").
	reAllOf      = regexp.MustCompile(`(?i)\b(?:all|every|each)\s+(?:of\s+)?(?:the\s+|its\s+|these\s+|those\s+|their\s+)?(?:(?:three|four|five|six|key|focus|main|judge?ment|inspection|assessed|inspected)\s+)*(?:areas?|(?:sub-?)?categor(?:y|ies)|judge?ments?|domains?|aspects?|elements?)\b|\bacross[\s-]+the[\s-]+board\b`)
	reOtherAreas = regexp.MustCompile(`(?i)\b(?:the|its)\s+(?:other|remaining)\s+(?:(?:two|three|four|five)\s+)?(?:areas|judge?ments|categories|domains)\b`)
	reAllQuant   = regexp.MustCompile(`(?i)\b(?:all|both|each)\b[^.;]{0,30}$`)
	reExcept     = regexp.MustCompile(`(?i)\b(?:except|apart\s+from|other\s+than|save\s+for|but\s+(?:not|one|for)|with\s+the\s+exception)\b`)
)

// gradeUse is a grade word used as a grade in t.
type gradeUse struct {
	value      string
	start, end int
	use        bool // used as a grade, not as an adjective
	// verb: "requires improvement", a verb phrase, is Ofsted's grade in
	// any use ("the council requires improvement in ...").
	verb bool
}

func gradeUses(t string, areas []phraseHit) []gradeUse {
	var out []gradeUse
	for _, m := range reGradeWord.FindAllStringSubmatchIndex(t, -1) {
		if m[4] >= 0 || m[6] >= 0 {
			// Ofsted's top or lowest grade in other words.
			v := "outstanding"
			if m[6] >= 0 {
				v = "inadequate"
			}
			out = append(out, gradeUse{v, m[0], m[1], true, false})
			continue
		}
		w := t[m[2]:m[3]]
		before := t[max(0, m[0]-30):m[0]]
		quoted := m[0] > 0 && strings.ContainsAny(t[m[0]-1:m[0]], `‘'"“`)
		capital := w[0] >= 'A' && w[0] <= 'Z' && m[0] > 0
		// Right after an area's name: "help and protection required
		// improvement".
		afterArea := false
		for _, a := range areas {
			afterArea = afterArea || a.end <= m[0] && strings.TrimSpace(t[a.end:m[0]]) == ""
		}
		verb := reRIWords.MatchString(strings.ToLower(w))
		use := (quoted || capital || afterArea || verb || reGradeUse.MatchString(before)) && !reNotGrade.MatchString(t[m[1]:])
		out = append(out, gradeUse{canonGrade(strings.ToLower(w)), m[0], m[1], use, verb})
	}
	return out
}

// recordSlackDays: an overall grade the record does not agree with,
// dated more than this after the agreed inspection's publication, may be
// a later inspection the text reports.
const recordSlackDays = 30

// recordAnchor is an overall grade above the cut that the record agrees
// with, and its inspection's grades.
type recordAnchor struct {
	cand   evidence.Candidate
	grades map[string]string
}

// recordAreas adds the area grades sentences state that the record's
// inspection behind an agreed overall grade gives (see above); a review
// row of the same council, area and grade is replaced by the finding.
func (d *document) recordAreas(cands []evidence.Candidate, rec Record) []evidence.Candidate {
	if rec == nil || d.kind == KindLetter {
		return cands
	}
	// The anchor is the council's latest inspection the text grades: an
	// overall grade above the cut, not an earlier grade, dated no earlier
	// than any other overall grade of the council, with no undated one
	// of another value beside it (a current inspection the text does not
	// date, whose areas are not the dated earlier one's).
	// Each dated overall grade stands at its inspection's publication in
	// the record, else at its own date.
	type overall struct {
		c  evidence.Candidate
		x  *Inspection
		at dates.Day
	}
	var overalls []overall
	latestAgreed := map[string]dates.Day{}
	latestOther := map[string]dates.Day{}
	undated := map[string]map[string]bool{}
	have := map[string]bool{} // council and area above the cut
	for _, c := range cands {
		if c.Measure != "grade" || c.Council == "" {
			continue
		}
		if c.Review == "" {
			have[c.Council+"\x1f"+c.Area] = true
		}
		if c.Area != "overall" && c.Area != "" {
			continue
		}
		dt, err := dates.Parse(c.Date)
		if err != nil || c.Date == "" {
			if undated[c.Council] == nil {
				undated[c.Council] = map[string]bool{}
			}
			undated[c.Council][strings.ToLower(c.Value)] = true
			continue
		}
		o := overall{c: c, at: dt.Day}
		if o.x = rec.Inspection(c.Council, dt, "overall", c.Value); o.x != nil {
			o.at = o.x.Published
			latestAgreed[c.Council] = max(latestAgreed[c.Council], o.at)
		} else {
			latestOther[c.Council] = max(latestOther[c.Council], o.at)
		}
		overalls = append(overalls, o)
	}
	anchors := map[string]recordAnchor{}
	for _, o := range overalls {
		c := o.c
		if o.x == nil || c.Review != "" || strings.HasPrefix(c.Note, "earlier grade") || len(o.x.Grades) < 2 ||
			o.at != latestAgreed[c.Council] || latestOther[c.Council] > o.at+recordSlackDays {
			continue
		}
		// An undated grade of another value is the current inspection's
		// (and the anchor an earlier one) unless the record, asked at the
		// document's date, has no such grade then.
		other := false
		for v := range undated[c.Council] {
			if v == strings.ToLower(c.Value) {
				continue
			}
			if d.date.IsZero() {
				// No date to ask the record at: the anchor stands only
				// as the inspection the text reports and dates.
				other = other || !strings.Contains(c.Note, "dated by the inspection, the latest inspection the article dates") ||
					reOtherTime.MatchString(c.Quote) // the anchor speaks of an earlier inspection
				continue
			}
			other = other || rec.Inspection(c.Council, d.date, "overall", v) != nil
		}
		if _, ok := anchors[c.Council]; ok || other {
			continue
		}
		if strings.Contains(c.Note, "date given with the judgement") && reOtherTime.MatchString(c.Quote) {
			// (a grade the sentence gives its last inspection, some
			// years back): an earlier inspection's grade.
			continue
		}
		anchors[c.Council] = recordAnchor{c, o.x.Grades}
	}
	// A council with no overall grade to anchor on, but an area grade
	// above the cut the record agrees with ("help and protection is
	// good" in a story that gives the overall grade only as "not
	// good"): that inspection, when the text gives the council no other
	// overall grade.
	for _, c := range cands {
		if c.Measure != "grade" || c.Council == "" || c.Review != "" || c.Area == "overall" || c.Area == "" ||
			strings.HasPrefix(c.Note, "earlier grade") || have[c.Council+"\x1foverall"] {
			continue
		}
		if _, ok := anchors[c.Council]; ok {
			continue
		}
		dt, err := dates.Parse(c.Date)
		if err != nil {
			continue
		}
		if x := rec.Inspection(c.Council, dt, c.Area, c.Value); x != nil && len(x.Grades) > 1 {
			a := c
			a.Area, a.Value = "overall", x.Grades["overall"]
			anchors[c.Council] = recordAnchor{a, x.Grades}
		}
	}
	if len(anchors) == 0 {
		return cands
	}
	added := map[string]bool{}
	moved := map[string]bool{}                 // council the rules gave a sentence, and its quote: taken as the subject's
	items := map[string][]evidence.Candidate{} // list items by council, taken when two or more agree
	var out []evidence.Candidate
	for i := range d.sents {
		s := &d.sents[i]
		if s.P.Tail {
			continue
		}
		council := s.Council
		listed := false
		a, ok := anchors[council]
		switch {
		case ok && !d.onlyCouncil(s):
			// A list's items naming no council, given to the council
			// the text was last about: taken when two or more of the
			// list's items agree with the record (below).
			if !s.P.Bullet || len(s.Mentions) > 0 {
				continue
			}
			listed = true
		case !ok:
			// A sentence naming no council, given by the rules to the
			// council the text was last about (perhaps from a caption),
			// when the document's subject has an agreed inspection:
			// the record decides below whether the sentence's grades
			// are the subject's.
			if len(s.Mentions) > 0 || len(d.councils) == 0 || d.councils[0] == council {
				continue
			}
			if a, ok = anchors[d.councils[0]]; !ok {
				continue
			}
			council = d.councils[0]
		}
		// (a move "from 'inadequate' to 'requires improvement'" for an
		// area): the change's later grade is the inspection's; the
		// earlier one is dropped before reading.
		t := reGradeFromTo.ReplaceAllString(s.Text, "to ‘$2’")
		if otherTime(t, a.cand.Date) {
			continue
		}
		for _, f := range sentenceAreas(t, a.grades) {
			k := council + "\x1f" + f.area
			if have[k] || added[k] {
				continue
			}
			if !listed {
				added[k] = true
			}
			c := a.cand
			c.Area, c.Value = f.area, f.grade
			c.Page, c.Quote = s.P.where(), quote(s.Text, 0, len(s.Text))
			c.Note = "grade (" + strings.ReplaceAll(f.area, "_", " ") + ") " + f.how + ", dated as the overall grade is (" + a.cand.Date + ", paragraph " + strconv.Itoa(a.cand.Page) + "): " + recordAgrees
			if council != s.Council {
				c.Note += "; the sentence names no council and the rules gave it to " + s.Council + ", the one the text was last about: it is taken as the document's subject's, whose inspection the record agrees with"
				moved[s.Council+"\x1f"+c.Quote] = true
			}
			if listed {
				c.Note += "; an item of a list naming no council, which the rules gave to the council the text was last about, as other items the record agrees with"
				items[council] = append(items[council], c)
				continue
			}
			out = append(out, c)
		}
	}
	for _, council := range slices.Sorted(maps.Keys(items)) {
		cs := items[council]
		if len(cs) < 2 {
			continue
		}
		for _, c := range cs {
			if k := c.Council + "\x1f" + c.Area; !added[k] {
				added[k] = true
				out = append(out, c)
			}
		}
	}
	return withFound(cands, out, func(c evidence.Candidate) bool { return moved[c.Council+"\x1f"+c.Quote] })
}

// withFound appends the record passes' findings out to cands, dropping a
// review row of a grade out now finds (tidy drops most of them too; this
// keeps the order of the rest), or one drop names.
func withFound(cands, out []evidence.Candidate, drop func(evidence.Candidate) bool) []evidence.Candidate {
	if len(out) == 0 {
		return cands
	}
	found := map[string]bool{}
	for _, c := range out {
		found[c.Council+"\x1f"+c.Area+"\x1f"+strings.ToLower(c.Value)] = true
	}
	kept := cands[:0:0]
	for _, c := range cands {
		if c.Measure == "grade" && c.Review != "" && (found[c.Council+"\x1f"+c.Area+"\x1f"+strings.ToLower(c.Value)] || drop != nil && drop(c)) {
			continue
		}
		kept = append(kept, c)
	}
	return append(kept, out...)
}

// onlyCouncil says the sentence names no council but its own, and its
// council is sure: named in it, named earlier in its paragraph, the only
// council the document names, or the one its address names. (The record may agree with a grade
// given to the wrong council by chance: two councils rated "requires
// improvement" in the same year are common.)
func (d *document) onlyCouncil(s *sent) bool {
	for _, m := range s.Mentions {
		if m.Council != s.Council {
			return false
		}
	}
	return s.How == councilNamed || s.How == councilContext && s.SameParagraph || len(d.councils) == 1 ||
		s.Council == d.addrCouncil
}

// otherTime says the sentence speaks of a time other than the inspection
// dated date: words of another inspection, or a year more than one off.
func otherTime(t, date string) bool {
	if reOtherTime.MatchString(t) {
		return true
	}
	if len(date) < 4 {
		return true
	}
	y, _ := strconv.Atoi(date[:4])
	for _, m := range reYear.FindAllString(t, -1) {
		if z, _ := strconv.Atoi(m); z < y-1 || z > y {
			return true
		}
	}
	return false
}

// recordAgrees ends the note of an area grade this pass read.
const recordAgrees = "Ofsted's record gives the same grade for this area at that inspection"

// areaGrade is an area a sentence grades, with how it was read.
type areaGrade struct {
	area, grade, how string
}

// sentenceAreas are the areas t grades as grades (the record's areas
// and grades): each area named takes the grade word nearest it; "all
// areas" with one grade takes every area when the record gives them all
// that grade. Only those the record agrees with are kept.
func sentenceAreas(t string, grades map[string]string) []areaGrade {
	hits := findPhrases(t, recordAreaPhrases, nil)
	uses := gradeUses(t, hits)
	var out []areaGrade
	distinct := map[string]bool{}
	for _, u := range uses {
		distinct[u.value] = true
		if !u.use {
			// A grade word used otherwise ("good progress") beside
			// an area: the sentence is not a list of grades.
			return nil
		}
	}
	if len(uses) == 0 {
		return nil
	}
	if len(distinct) == 1 && reAllOf.MatchString(t) && !reExcept.MatchString(t) {
		g := uses[0].value
		var all []string
		for a, rg := range grades {
			if a == "overall" {
				continue
			}
			if rg != g {
				all = nil
				break
			}
			all = append(all, a)
		}
		sort.Strings(all)
		for _, a := range all {
			out = append(out, areaGrade{a, g, "stated for every area"})
		}
		if len(all) > 0 {
			return out
		}
	}
	// (care leavers judged good, "the remaining areas" judged to require
	// improvement): every area the sentence does not
	// name that the record gives the grade nearest "other areas".
	if m := reOtherAreas.FindStringIndex(t); m != nil && len(uses) > 0 {
		// The grade after the words ("the other areas were rated ..."),
		// else the nearest before them.
		best := -1
		for i, u := range uses {
			if u.start >= m[1] {
				best = i
				break
			}
			best = i
		}
		g := uses[best].value
		named := map[string]bool{}
		for _, h := range hits {
			for _, ra := range recordAreasOf(h.name, grades) {
				named[ra] = true
			}
		}
		var others []string
		for a, rg := range grades {
			if a != "overall" && !named[a] && rg == g {
				others = append(others, a)
			}
		}
		sort.Strings(others)
		for _, a := range others {
			out = append(out, areaGrade{a, g, "given to \"the other areas\""})
		}
	}
	// (every category outstanding "with the exception of" one area):
	// every area but those named after the exception takes the
	// grade given to all.
	if m := reAllOf.FindStringIndex(t); m != nil {
		if x := reExcept.FindStringIndex(t[m[1]:]); x != nil {
			at := m[1] + x[0]
			g := ""
			for _, u := range uses {
				if u.start >= m[0] && u.start < at && !overallWord(t, u) {
					g = u.value
					break
				}
			}
			named := map[string]bool{}
			for _, h := range hits {
				if h.start >= at {
					for _, ra := range recordAreasOf(h.name, grades) {
						named[ra] = true
					}
				}
			}
			if g != "" && len(named) > 0 {
				for _, a := range slices.Sorted(maps.Keys(grades)) {
					if a != "overall" && !named[a] && grades[a] == g {
						out = append(out, areaGrade{a, g, "given to all areas but those the sentence excepts"})
					}
				}
			}
		}
	}
	// (three areas and the overall judgement listed, then "all" given
	// one grade): that grade for every area the sentence lists.
	if len(distinct) == 1 && !reExcept.MatchString(t) && reAllQuant.MatchString(t[max(0, uses[len(uses)-1].start-40):uses[len(uses)-1].start]) {
		g := uses[0].value
		for _, h := range hits {
			if h.start > uses[len(uses)-1].start {
				continue
			}
			for _, ra := range recordAreasOf(h.name, grades) {
				if ra != "overall" && grades[ra] == g {
					out = append(out, areaGrade{ra, g, "given with the other areas the sentence lists (\"all\")"})
				}
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	for _, h := range hits {
		if h.name == "overall" {
			continue
		}
		best := -1
		for i, u := range uses {
			if overallWord(t, u) {
				// "rated 'Good' overall": the overall grade.
				continue
			}
			if best < 0 || gap(h.start, h.end, u.start, u.end) < gap(h.start, h.end, uses[best].start, uses[best].end) {
				best = i
			}
		}
		if best < 0 || gap(h.start, h.end, uses[best].start, uses[best].end) > 120 {
			continue
		}
		// The nearest grade stands before the area across a comma (A is
		// good, then B, after a comma, has slipped to inadequate): B's clause
		// gives its own grade after it, when one follows.
		if u := uses[best]; u.end <= h.start && strings.Contains(t[u.end:h.start], ",") {
			for i, v := range uses {
				if v.start >= h.end && v.start-h.end <= 120 && !overallWord(t, v) {
					best = i
					break
				}
			}
		}
		// Not across a contrast (the service rated inadequate, "but" its
		// leaders promising change): the area is another
		// clause's subject.
		if u := uses[best]; reContrast.MatchString(between(t, h.start, h.end, u.start, u.end)) {
			continue
		}
		// Nor an area named after the grade in what an inspection
		// "found" ("its 'inadequate' inspection found ... leaders did
		// not understand"): the area is the finding's subject.
		if u := uses[best]; u.end <= h.start && reFoundBetween.MatchString(t[u.end:h.start]) {
			continue
		}
		// Nor past the whole service named between the area and the
		// grade after it (leaders thanked for the work on "services in
		// Rutland, which have been judged ..."): the grade is the
		// service's.
		if u := uses[best]; h.end <= u.start && reServicesOfPlace.MatchString(t[h.end:u.start]) {
			continue
		}
		g := uses[best].value
		for _, ra := range recordAreasOf(h.name, grades) {
			if grades[ra] == g {
				out = append(out, areaGrade{ra, g, "read from the area named beside the grade word"})
			}
		}
	}
	return out
}

// reFoundBetween is a verb of finding or saying between a grade and an
// area after it.
var reFoundBetween = regexp.MustCompile(`(?i)\b(?:found|finds|find|showed|shows|revealed|reveals|concluded|noted|said|says)\b`)

// reServicesOfPlace names the whole service by its place ("services in
// Rutland, which have been judged").
var reServicesOfPlace = regexp.MustCompile(`\b` + servicesOfPlace + `\s*,?\s*(?:which|that|who)\b`)

// reOverallNext and reOverallBefore put "overall" beside a grade word.
var (
	reOverallNext   = regexp.MustCompile(`(?i)^[’'"”]?\s*(?:overall|for\s+overall\s+effectiveness)\b`)
	reOverallBefore = regexp.MustCompile(`(?i)\boverall(?:\s+effectiveness)?\s*(?:(?:was|is|as|rating|grade|judge?ment|of|rated|judged)\s+)*[‘'"“:–—-]?\s*$`)
)

// overallWord says the grade word is the overall grade ("'Good'
// overall", "rated overall as 'outstanding'", the services as a whole
// rated as a grade).
func overallWord(t string, u gradeUse) bool {
	return reOverallNext.MatchString(t[u.end:]) || reOverallBefore.MatchString(t[max(0, u.start-40):u.start]) ||
		reServiceBefore.MatchString(t[max(0, u.start-40):u.start])
}

// reServiceBefore: the whole service is the grade's object.
var reServiceBefore = regexp.MustCompile(`(?i)\b(?:rated|judged|graded|found)\s+(?:the|its|their)\s+(?:children['’]?s\s+)?(?:social\s+care\s+)?(?:services?|department)\s+(?:as\s+|to\s+be\s+)?[‘'"“]?\s*$`)

// recordAreasOf are the record's areas a text's area stands for: itself,
// else ILACS 2018-23's joint judgement for children in care or care
// leavers, else (for the joint words) the separate judgements of 2023 on.
func recordAreasOf(a string, grades map[string]string) []string {
	if _, ok := grades[a]; ok {
		return []string{a}
	}
	switch a {
	case "children_in_care", "care_leavers":
		if _, ok := grades["children_in_care_and_care_leavers"]; ok {
			return []string{"children_in_care_and_care_leavers"}
		}
	case "children_in_care_and_care_leavers":
		var out []string
		for _, p := range []string{"children_in_care", "care_leavers"} {
			if _, ok := grades[p]; ok {
				out = append(out, p)
			}
		}
		return out
	}
	return nil
}

package text

import (
	"regexp"
	"strings"
)

// The fifth round's reading of sentences that grade judgement areas. News
// names areas in sentences far more often than in Ofsted's lists, and the
// held-out slices' wrong grades have come from such sentences: an overall
// grade read from a sentence about "areas" ("the only area rated good was
// adoption", "good in two of three areas"), one area's grade given to the
// next area named, "outstanding in all areas except A, which was good" read
// backwards. The rules here read the structures that are sure and send the
// rest to review with the reason.

// reExceptAreas follows "in all areas": the areas left out of it.
var reExceptAreas = regexp.MustCompile(`(?i)^[’'"”]?\s*,?\s*(?:except(?:\s+for)?|apart\s+from|other\s+than|save\s+(?:for\s+)?|bar|but(?:\s+not)?|with\s+the\s+(?:sole\s+)?exception\s+of)\s+`)

// reRelativeOn: ", which was found to be", ", which it judged", ", where
// it was rated": a relative clause whose grade is the area's just named.
var reRelativeOn = regexp.MustCompile(`(?i)^[’'"”]?\s*,?\s*(?:which|where|that)\b[^.;:]{0,50}$`)

// exceptAreas reads "'outstanding' in all areas except A (and B), which
// was 'good'": gs[i] is every area but A and B, and a grade given to A
// and B by a relative clause right after them is theirs.
func exceptAreas(t string, gs []gradeMention, i int, areas []phraseHit) {
	g := &gs[i]
	win := t[g.End:min(len(t), g.End+60)]
	m := reAllAreas.FindStringIndex(win)
	if m == nil {
		return
	}
	pos := g.End + m[1]
	x := reExceptAreas.FindStringIndex(t[pos:])
	if x == nil {
		return
	}
	pos += x[1]
	names, pos := areaList(t, areas, pos, len(t))
	if len(names) == 0 {
		return
	}
	g.Except = names
	for j := i + 1; j < len(gs); j++ {
		if gs[j].Start < pos {
			continue
		}
		if reRelativeOn.MatchString(t[pos:gs[j].Start]) && !otherGradeIn(gs, j, pos, gs[j].Start) {
			gs[j].Areas, gs[j].Area, gs[j].Explicit, gs[j].Loose, gs[j].AllAreas = names, names[0], true, false, false
		}
		break
	}
}

// allBut is the areas a full inspection grades, less those "in all areas
// except" leaves out; with any left out, the overall grade is not stated
// either ("outstanding in all areas except A" says nothing of the overall
// judgement).
func allBut(all, except []string) []string {
	if len(except) == 0 {
		return all
	}
	out := []string{}
	for _, a := range all {
		if a == "overall" || coversArea(except, a) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// coversArea says the areas named include a: the same area, or the
// combined ILACS area and one of its parts either way round.
func coversArea(names []string, a string) bool {
	for _, n := range names {
		if n == a || n == "children_in_care_and_care_leavers" && (a == "children_in_care" || a == "care_leavers") ||
			a == "children_in_care_and_care_leavers" && (n == "children_in_care" || n == "care_leavers") {
			return true
		}
	}
	return false
}

// reSomeAreas speaks of judgement areas counted or singled out ("two of
// the three areas", "the only area of children's services", "judgement
// areas", "in one area"): a sentence whose grade may be one area's.
var reSomeAreas = regexp.MustCompile(`(?i)\b(?:(?:only|one|two|three|four|five|other|some|most|several|remaining|\d)\s+(?:(?:out\s+)?of\s+(?:the\s+)?(?:\w+\s+)?)?(?:(?:key|judge?ment|inspection|other|main)\s+)?(?:areas?|categor(?:y|ies)|domains?|judge?ments)\b|\bjudge?ment\s+areas?\b|\bareas?\s+of\s+(?:children['’]?s\s+services|judge?ment|the\s+(?:service|inspection|report))\b)`)

// reThisArea right after a grade points back to an area named elsewhere:
// "moving from 'inadequate' to 'good' in that area".
var reThisArea = regexp.MustCompile(`(?i)^[’'"”]?\s*(?:in|for|across)\s+(?:this|that|both|these|those|each|either|the\s+same)\s+(?:areas?|judge?ments?|domains?|categor(?:y|ies))\b`)

// reToGrade is the second grade of "from X to Y", right after X.
var reToGrade = regexp.MustCompile(`(?i)^[’'"”]?\s*,?\s*to\s+(?:an?\s+)?[‘'"“]?\s*` + gradeWords + `[’'"”]?`)

// reIncludingOverall after the grade counts the overall grade among the
// areas given it ("good in two of the four areas, the overall
// judgement among them", "..., including overall effectiveness").
var reIncludingOverall = regexp.MustCompile(`(?i)^[^.;]{0,80}?\b(?:including|among\s+them|one\s+of\s+which\s+was)\s+(?:the\s+)?overall(?:\s+effectiveness)?\b`)

// reContrast opens a clause that sets one thing against another.
var reContrast = regexp.MustCompile(`(?i)\b(?:although|though|while|whilst|whereas|but|however|except|yet)\b`)

// areaStructureDoubt is why the area a sentence's grade is given for is
// not sure ("" when it is):
//   - an overall grade (no area named with it) in a sentence that speaks
//     of counted or singled-out areas: the grade may be theirs;
//   - an area taken by nearness alone in a sentence giving more than one
//     grade: the pairing of areas and grades is a guess;
//   - an area the sentence gives two different grades.
func areaStructureDoubt(t string, gs []gradeMention, gi int, area string) string {
	g := gs[gi]
	if area == "overall" && !g.Explicit && !g.AllAreas {
		rest := t[g.End:]
		if m := reToGrade.FindStringIndex(rest); m != nil {
			rest = rest[m[1]:] // "from 'inadequate' to 'good' in this area"
		}
		if m := reThisArea.FindString(rest); m != "" {
			return "the grade is given for an area the sentence names only as \"" + strings.TrimSpace(strings.Trim(m, "’'\"” ")) + "\""
		}
		if m := reSomeAreas.FindString(t); m != "" && !reIncludingOverall.MatchString(rest) {
			return "the sentence speaks of judgement areas (\"" + m + "\"): the grade may be an area's, not the overall one"
		}
		return ""
	}
	if area == "overall" {
		return ""
	}
	// A loose area (taken by nearness alone) named nearer another grade
	// of another value, in the same clause (to a semicolon): which of the
	// two is the area's is a guess.
	if g.Loose {
		for j, h := range gs {
			if j == gi || h.Value == g.Value || strings.Contains(between(t, g.LooseStart, g.LooseEnd, h.Start, h.End), ";") {
				continue
			}
			if gap(g.LooseStart, g.LooseEnd, h.Start, h.End) < gap(g.LooseStart, g.LooseEnd, g.Start, g.End) {
				return "the area is taken only by being named near this grade, and it is named nearer another grade of the sentence: which grade is the area's is not certain"
			}
			if reContrast.MatchString(between(t, g.LooseStart, g.LooseEnd, g.Start, g.End)) {
				return "the area is taken only by being named near this grade, across a contrast (\"" + reContrast.FindString(between(t, g.LooseStart, g.LooseEnd, g.Start, g.End)) + "\"), in a sentence giving another grade: which grade is the area's is not certain"
			}
		}
	}
	for j, h := range gs {
		if j == gi || h.Value == g.Value || h.AllAreas {
			continue
		}
		if coversArea(h.Areas, area) {
			return "the sentence gives this area two different grades"
		}
	}
	return ""
}

// reCountedIntro follows a grade with the areas counted and a dash or
// colon that lists them: "'good' in three of the four areas – A, B and
// C", "rated good in two areas: A and B".
var reCountedIntro = regexp.MustCompile(`(?i)^[’'"”]?\s*(?:ratings?|grades?|judge?ments?)?\s*(?:for|in|across)\s+(?:the\s+)?(?:one|two|three|four|five|\d)\s+(?:(?:out\s+)?of\s+(?:the\s+|its\s+)?(?:one|two|three|four|five|six|\d)\s+)?(?:(?:key|judge?ment|inspection|other|main)\s+)?(?:areas?|categor(?:y|ies)|judge?ments|domains)\b[^–—:;.]{0,40}?\s*[–—:]`)

// nextGradeStart is where the grade after gs[i] starts, or the end of t.
func nextGradeStart(t string, gs []gradeMention, i int) int {
	if i+1 < len(gs) {
		return gs[i+1].Start
	}
	return len(t)
}

// countedList gives gs[i] the areas its counted list names, up to the
// next grade, semicolon or closing dash. The list's items may be put in
// the writer's words ("how the service manages children in care"): every
// area named in it is the grade's.
func countedList(t string, gs []gradeMention, i int, areas []phraseHit) {
	g := &gs[i]
	m := reCountedIntro.FindStringIndex(t[g.End:])
	if m == nil {
		return
	}
	lo := g.End + m[1]
	hi := nextGradeStart(t, gs, i)
	if k := strings.IndexAny(t[lo:hi], ";–—"); k >= 0 {
		hi = lo + k
	}
	var names []string
	for _, a := range areas {
		if a.start >= lo && a.end <= hi && a.name != "overall" {
			names = appendOnce(names, a.name)
		}
	}
	if len(names) == 0 {
		return
	}
	g.Areas, g.Area, g.Explicit, g.Loose = names, names[0], true, false
}

// reAreaSubject: the clause before a grade is about areas ("the only area
// of the service that received a", "the areas judged"), and
// reAreaCopula after it names them ("rating was adoption", "were
// leadership and adoption").
var (
	reAreaSubject = regexp.MustCompile(`(?i)\b(?:areas?|judge?ments?|aspects?|parts?)\b[^.;:]{0,60}?\b(?:that|which|to\s+be|rated|judged|graded|given|awarded|receiv\w*|achiev\w*|with)\b[^.;:]{0,30}$`)
	reAreaCopula  = regexp.MustCompile(`(?i)^[’'"”]?\s*(?:ratings?|grades?|judge?ments?)?\s*,?\s+(?:was|were|is|are)\s+(?:for\s+)?`)
)

// areasNamedAfter reads "the only area that received a 'good' rating was
// adoption", "the areas judged outstanding were leadership and adoption":
// a clause about areas before the grade and a verb "to be" after it that
// names them.
func areasNamedAfter(t string, gs []gradeMention, i int, areas []phraseHit) {
	g := &gs[i]
	lo := 0
	if i > 0 {
		lo = gs[i-1].End
	}
	if !reAreaSubject.MatchString(t[lo:g.Start]) {
		return
	}
	m := reAreaCopula.FindStringIndex(t[g.End:])
	if m == nil {
		return
	}
	pos := g.End + m[1]
	hi := nextGradeStart(t, gs, i)
	names, _ := areaList(t, areas, pos, hi)
	if len(names) == 0 {
		return
	}
	g.Areas, g.Area, g.Explicit, g.Loose = names, names[0], true, false
}

// areaList is the areas listed in t from pos, none ending after hi,
// joined only by what may stand between areas of one list, and where the
// list ends.
func areaList(t string, areas []phraseHit, pos, hi int) ([]string, int) {
	var names []string
	for _, a := range areas {
		if a.start < pos || a.end > hi || a.name == "overall" {
			continue
		}
		if !listGap(t[pos:a.start]) {
			break
		}
		names = appendOnce(names, a.name)
		pos = a.end
	}
	return names, pos
}

// namesArea says t names a judgement area other than the overall one.
func namesArea(t string) bool {
	for _, a := range findPhrases(t, areaPhrases, nil) {
		if a.name != "overall" {
			return true
		}
	}
	return false
}

package text

import (
	"regexp"
	"sort"
	"strings"
)

// A list that pairs councils with their grades writes each grade right
// after the council's name: in brackets ("Hillingdon (outstanding),
// Hounslow (good) and Peterborough (inadequate)") or, once a verb has
// given the first, bare ("Bolton was rated good, Bury requires
// improvement and Wigan outstanding"). findGrades, which reads words
// alone, cannot see these: they need the sentence's council names.
var (
	reParenGrade = regexp.MustCompile(`(?i)^\s*\(\s*(?:(?:rated|judged|graded|now)\s+)?[‘'"“]?\s*` + gradeWords + `\s*[’'"”]?\s*(?:,\s*(?:in\s+)?(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(?:19|20)\d{2}\s*)?\)`)
	reBareGrade  = regexp.MustCompile(`(?i)^\s*[‘'"“]?\s*` + gradeWords + `\s*[’'"”]?\s*(?:[,;.]|\band\b|$)`)
	// reEllipsisGap joins one council's grade to the next council's name
	// in such a list.
	reEllipsisGap = regexp.MustCompile(`(?i)^\s*[’'"”]?\s*(?:,|;|,?\s*and|,?\s*while|,?\s*whereas|,?\s*with)\s*$`)
	// reLabelAfterName: a dash or colon after a council's name, then a
	// grade ending its phrase; reLineGap: what may end one such line
	// before the next name (a year or date in brackets).
	reLabelAfterName = regexp.MustCompile(`(?i)^\s*(?:\s[–—-]|:)\s*[‘'"“]?` + gradeWords + `[’'"”]?(?:\s*\(|\s*[,.;]|\s*$|\s+(?:overall|in|across|for|and)\b)`)
	reLineGap        = regexp.MustCompile(`^[’'"”]?\s*(?:\([^()]{0,40}\))?\s*[,;.]?\s*$`)
	// reVerbBeforeName: the council is the object of the grade's verb
	// ("Ofsted rated Wirral good").
	reVerbBeforeName = regexp.MustCompile(`(?i)\b(?:rated|judged|graded|deemed|assessed|found)\s+(?:the\s+)?$`)
)

// namedGrades adds to gs the grades a list in s writes right after
// councils' names, and returns every grade in the sentence's order.
func namedGrades(s *sent, gs []gradeMention) []gradeMention {
	if len(s.Mentions) < 2 {
		return gs
	}
	t := s.Text
	cue := reGradeCue.MatchString(t) || reInspectionWord.MatchString(t)
	overlaps := func(lo, hi int) bool {
		for _, g := range gs {
			if lo < g.End && hi > g.Start {
				return true
			}
		}
		return false
	}
	var added []gradeMention
	prevEnd := -1 // end of the grade the list carries on from
	lead := -1    // start of the list's first grade
	// follows: only gap words (re) stand between the list's last grade
	// and pos.
	follows := func(re *regexp.Regexp, pos int) bool {
		return prevEnd >= 0 && prevEnd <= pos && re.MatchString(t[prevEnd:pos])
	}
	// after is the start of the last grade of gs ending right before pos,
	// only gap words (re) between, that keep reaches; -1 for none.
	after := func(re *regexp.Regexp, pos int, keep func(gradeMention) bool) int {
		at := -1
		for _, g := range gs {
			if g.End <= pos && keep(g) && re.MatchString(t[g.End:pos]) {
				at = g.Start
			}
		}
		return at
	}
	everyGrade := func(gradeMention) bool { return true }
	current := func(g gradeMention) bool { return !g.Previous && !g.Status }
	add := func(m mention, start, end, from int) bool {
		if reOtherProvider.MatchString(t[max(0, m.Start-60):min(len(t), end+40)]) {
			return false
		}
		added = append(added, gradeMention{Value: canonGrade(t[start:end]), Start: start, End: end,
			Area: "overall", Areas: []string{"overall"}, Council: m.Council, Lead: from})
		return true
	}
	for k, m := range s.Mentions {
		if k > 0 && s.Mentions[k-1].Council == m.Council && m.Start-s.Mentions[k-1].End < 4 {
			continue // "Kensington and Chelsea (RBKC)"
		}
		rest := t[m.End:]
		// "Birmingham - good (2023) Coventry - good (2022)": a list
		// of lines, each a name, a dash or colon and a grade.
		if loc := reLabelAfterName.FindStringSubmatchIndex(rest); loc != nil {
			start, end := m.End+loc[2], m.End+loc[3]
			head := strings.TrimSpace(t[:m.Start])
			lined := head == "" || strings.HasSuffix(head, ":") || follows(reLineGap, m.Start) || after(reLineGap, m.Start, everyGrade) >= 0
			if lined && !overlaps(start, end) && add(m, start, end, start) {
				prevEnd = end
				continue
			}
		}
		paren := true
		loc := reParenGrade.FindStringSubmatchIndex(rest)
		if loc == nil {
			paren = false
			loc = reBareGrade.FindStringSubmatchIndex(rest)
		}
		if loc == nil {
			// The list goes on only through councils with their grades.
			continue
		}
		start, end := m.End+loc[2], m.End+loc[3]
		if v := t[start:end]; strings.EqualFold(v, "ri") && v != "RI" || overlaps(start, end) {
			continue
		}
		switch {
		case paren && !cue:
			continue
		case follows(reEllipsisGap, m.Start):
			// The list goes on: its lead stays.
		case paren:
			lead = start
		case cue && reVerbBeforeName.MatchString(t[:m.Start]):
			// "Ofsted rated Wirral good": the verb right before the name.
			lead = start
		default:
			// A bare grade carries on a list a verb opened: the grade
			// before this council's name ends right before it.
			at := after(reEllipsisGap, m.Start, current)
			if at < 0 {
				continue
			}
			lead = at
		}
		if !add(m, start, end, lead) {
			continue
		}
		prevEnd = m.End + loc[1]
		if !paren {
			// reBareGrade took the separator after the grade; the list
			// carries on from the grade's end.
			prevEnd = end
		}
	}
	if len(added) == 0 {
		return gs
	}
	out := append(append([]gradeMention(nil), gs...), added...)
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

package text

import (
	"regexp"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
)

// gradeMention is a judgement a sentence states.
type gradeMention struct {
	Value      string // the contract's grade word
	Start, End int
	Area       string
	Previous   bool // "downgraded from X to ...", "previously rated X"
	Paraphrase bool // "the second worst rating"
}

const gradeWords = `(outstanding|good|requires\s+improvement(?:\s+to\s+be\s+good)?|inadequate|RI)`

var (
	// A grade in quotes: ‘inadequate’, "good".
	// (A closing quote left out before a comma still counts: ‘requires
	// improvement, than ...)
	reQuotedGrade = regexp.MustCompile(`(?i)[‘'"“]\s*` + gradeWords + `\s*[’'"”,;]`)
	// A grade a verb gives: "rated inadequate", "judged to be good".
	reVerbGrade = regexp.MustCompile(`(?i)\b(?:rated|judged|graded|downgraded\s+to|upgraded\s+to|rating\s+of|grade\s+of|judge?ment\s+of|moved\s+to|dropped\s+to|fell\s+to|rose\s+to|improved\s+to)\s+(?:as\s+|to\s+be\s+|being\s+|an?\s+|at\s+)?` + gradeWords + `\b`)
	// A grade before its noun: "an inadequate rating", "good-rated".
	reNounGrade = regexp.MustCompile(`(?i)\b` + gradeWords + `(?:-rated|\s+rating|\s+grade|\s+ofsted\s+(?:rating|grade|judge?ment)|\s+judge?ment)\b`)
	// "from requires improvement to inadequate" after a change verb.
	reGradeFromTo = regexp.MustCompile(`(?i)\bfrom\s+(?:an?\s+)?[‘'"“]?` + gradeWords + `[’'"”]?\s+to\s+(?:an?\s+)?[‘'"“]?` + gradeWords + `\b`)
	// The grade said in other words.
	reParaphrase = regexp.MustCompile(`(?i)\b(second[- ](?:worst|lowest)|second[- ](?:best|highest)|worst|lowest|highest|best|top)\s+(?:possible\s+)?(?:ofsted\s+)?(?:rating|grade|judge?ment)\b`)

	reGradeCue = regexp.MustCompile(`(?i)\b(?:rated|rating|ratings|judged|judge?ments?|graded|grades?|downgraded|upgraded|ofsted|inspection|inspectors|kept|retained|given|received|awarded)\b`)
	// Words that make a grade a hope or a plan, not a fact.
	reHypothetical = regexp.MustCompile(`(?i)\b(?:target|aim|aims|aiming|ambition|aspir\w*|trajectory|hopes?|hoped|hoping|want|wants|wanted|would|could|should|strive|striving|achieve|achieving|become|becoming|towards|on\s+track|bid|goal|working\s+to|in\s+order\s+to|needs?\s+to|expects?|expected|predict\w*|if|unless|whether)\b`)
	// Grades of something other than the council's children's services.
	reOtherProvider  = regexp.MustCompile(`(?i)\b(?:children['’]?s\s+homes?|schools?|academ(?:y|ies)|nurser(?:y|ies)|colleges?|fostering\s+(?:agenc\w+|services?)|adoption\s+(?:agenc\w+|services?)|regional\s+adoption|hospitals?|CQC|care\s+homes?|providers?|youth\s+offending|youth\s+justice|police|probation|HMICFRS|SEND|special\s+educational|residential|secure\s+(?:children['’]?s\s+)?(?:home|unit)s?|short\s+breaks|children['’]?s\s+centres?)\b`)
	rePreviousCue    = regexp.MustCompile(`(?i)\b(?:previously|formerly|had\s+been|last\s+rated|was\s+last|at\s+(?:its|the)\s+(?:last|previous)\s+(?:full\s+)?inspection)\b[^.;]{0,40}$|\b(?:up|down|improved|upgraded|downgraded|moved|rising|risen|climbing|falling|fallen|dropping)\s+from\s+(?:an?\s+)?[‘'"“]?\s*$`)
	reInspectionWord = regexp.MustCompile(`(?i)ofsted|inspect|rated|rating`)
	reAreaLink       = regexp.MustCompile(`\b(?:for|in|on)\b`)
	reRightAfter     = regexp.MustCompile(`(?i)^[’'"”]?\s*(?:in|since)?\s*$`)
	reNoLonger       = regexp.MustCompile(`(?i)\b(?:no\s+longer|not|never)\s+(?:be\s+|been\s+|rated\s+|judged\s+)?(?:an?\s+)?[‘'"“]?\s*$`)
)

var paraphraseGrade = map[string]string{
	"second worst": "requires improvement", "second lowest": "requires improvement",
	"second best": "good", "second highest": "good",
	"worst": "inadequate", "lowest": "inadequate", "highest": "outstanding", "best": "outstanding", "top": "outstanding",
}

func canonGrade(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch {
	case strings.HasPrefix(s, "requires improvement"), s == "ri":
		return "requires improvement"
	}
	return s
}

// phrase is a pattern and the name it gives what it finds (an area, a
// team).
type phrase struct {
	re   *regexp.Regexp
	name string
}

// phraseHit is a phrase found in a text.
type phraseHit struct {
	name       string
	start, end int
}

// findPhrases lists the phrases found in t, earlier patterns first, none
// overlapping another; keep, when set, decides on each by its start.
func findPhrases(t string, ps []phrase, keep func(start int) bool) []phraseHit {
	var out []phraseHit
	for _, p := range ps {
		for _, loc := range p.re.FindAllStringIndex(t, -1) {
			overlap := false
			for _, h := range out {
				if loc[0] < h.end && loc[1] > h.start {
					overlap = true
				}
			}
			if !overlap && (keep == nil || keep(loc[0])) {
				out = append(out, phraseHit{p.name, loc[0], loc[1]})
			}
		}
	}
	return out
}

// areaPhrases name the judgement areas; the combined ILACS judgement
// comes before its parts so it wins where both match.
var areaPhrases = []phrase{
	{regexp.MustCompile(`(?i)\b(?:children\s+in\s+care|looked[- ]after\s+children|children\s+looked\s+after)\s+and\s+care\s+leavers\b`), "children_in_care_and_care_leavers"},
	{regexp.MustCompile(`(?i)\b(?:children\s+(?:in|who)\s+need(?:\s+of)?\s+help\s+and\s+protection|help\s+and\s+protection|helping\s+and\s+protecting\s+children)\b`), "help_and_protection"},
	{regexp.MustCompile(`(?i)\bchildren\s+looked\s+after\s+and\s+achieving\s+permanence\b`), "children_in_care"},
	{regexp.MustCompile(`(?i)\b(?:care\s+leavers|leaving\s+care)\b`), "care_leavers"},
	{regexp.MustCompile(`(?i)\b(?:children\s+in\s+care|looked[- ]after\s+children|children\s+looked\s+after)\b`), "children_in_care"},
	{regexp.MustCompile(`(?i)\badoption(?:\s+performance)?\b`), "adoption"},
	{regexp.MustCompile(`(?i)\b(?:leadership|leaders|impact\s+of\s+leaders|management\s+and\s+governance)\b`), "leadership"},
	{regexp.MustCompile(`(?i)\boverall(?:\s+effectiveness)?\b`), "overall"},
}

// reWholeService between an area and its grade means the grade is the
// council's, not the area's ("weak leadership, and the council was rated
// inadequate"); "in the authority" does not count.
var reWholeService = regexp.MustCompile(`(?i)(?:^|[^\w]\s*)(?:\b(?:in|at|of|across|within|for|by)\s+)?\b(?:the\s+council|the\s+authority|the\s+local\s+authority|children['’]s\s+services|the\s+service|the\s+borough|services\s+overall|it)\b`)

func wholeServiceBetween(s string) bool {
	for _, m := range reWholeService.FindAllStringSubmatchIndex(s, -1) {
		frag := strings.ToLower(strings.TrimSpace(s[m[0]:m[1]]))
		frag = strings.TrimLeft(frag, ",;:() ")
		if strings.HasPrefix(frag, "in ") || strings.HasPrefix(frag, "at ") || strings.HasPrefix(frag, "of ") ||
			strings.HasPrefix(frag, "across ") || strings.HasPrefix(frag, "within ") || strings.HasPrefix(frag, "for ") || strings.HasPrefix(frag, "by ") {
			continue
		}
		return true
	}
	return false
}

// findGrades lists the judgements a sentence states.
func findGrades(t string) []gradeMention {
	var out []gradeMention
	add := func(g gradeMention) {
		for i, h := range out {
			if g.Start < h.End && g.End > h.Start {
				if g.Previous && !h.Previous {
					out[i].Previous = true
				}
				return
			}
		}
		out = append(out, g)
	}
	for _, loc := range reGradeFromTo.FindAllStringSubmatchIndex(t, -1) {
		add(gradeMention{Value: canonGrade(t[loc[2]:loc[3]]), Start: loc[2], End: loc[3], Previous: true})
		add(gradeMention{Value: canonGrade(t[loc[4]:loc[5]]), Start: loc[4], End: loc[5]})
	}
	cue := reGradeCue.MatchString(t)
	for _, loc := range reQuotedGrade.FindAllStringSubmatchIndex(t, -1) {
		if cue {
			add(gradeMention{Value: canonGrade(t[loc[2]:loc[3]]), Start: loc[0], End: loc[1]})
		}
	}
	for _, re := range []*regexp.Regexp{reVerbGrade, reNounGrade} {
		for _, loc := range re.FindAllStringSubmatchIndex(t, -1) {
			v := t[loc[2]:loc[3]]
			if strings.EqualFold(v, "ri") && v != "RI" {
				continue
			}
			// "inadequate judgement" by a manager is not Ofsted's: the
			// noun form needs an inspection word in the sentence.
			if re == reNounGrade && !reInspectionWord.MatchString(t) {
				continue
			}
			add(gradeMention{Value: canonGrade(v), Start: loc[2], End: loc[3]})
		}
	}
	for _, loc := range reParaphrase.FindAllStringSubmatchIndex(t, -1) {
		key := strings.ToLower(strings.ReplaceAll(t[loc[2]:loc[3]], "-", " "))
		if g, ok := paraphraseGrade[key]; ok && strings.Contains(strings.ToLower(t), "ofsted") {
			add(gradeMention{Value: g, Start: loc[0], End: loc[1], Paraphrase: true})
		}
	}
	// Drop plans, other providers' grades and negations; mark previous ones.
	var kept []gradeMention
	for _, g := range out {
		before := t[max(0, g.Start-90):g.Start]
		if i := strings.LastIndexAny(before, ";"); i >= 0 {
			before = before[i+1:]
		}
		if reHypothetical.MatchString(strings.ReplaceAll(strings.ToLower(before), "achieving permanence", "")) {
			continue
		}
		if reOtherProvider.MatchString(t[max(0, g.Start-60):min(len(t), g.End+40)]) {
			continue
		}
		if reNoLonger.MatchString(t[max(0, g.Start-30):g.Start]) {
			continue
		}
		if rePreviousCue.MatchString(t[:g.Start]) {
			g.Previous = true
		}
		kept = append(kept, g)
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].Start < kept[j].Start })
	areas := findPhrases(t, areaPhrases, nil)
	for i := range kept {
		kept[i].Area = areaFor(t, kept, i, areas)
	}
	return kept
}

// areaFor is the area a grade is about: the nearest area named before it
// in the same clause (back to the previous grade or a semicolon), with no
// whole-service subject in between; else one named right after it ("the
// inadequate provision for children in need of help and protection");
// else overall.
func areaFor(t string, gs []gradeMention, i int, areas []phraseHit) string {
	g := gs[i]
	lo := 0
	for j := 0; j < i; j++ {
		if gs[j].End <= g.Start && gs[j].End > lo {
			lo = gs[j].End
		}
	}
	if k := strings.LastIndex(t[lo:g.Start], ";"); k >= 0 {
		lo += k + 1
	}
	best := -1
	for ai, a := range areas {
		if a.start >= lo && a.end <= g.Start && g.Start-a.end <= 110 {
			if best < 0 || a.end > areas[best].end {
				best = ai
			}
		}
	}
	if best >= 0 && !wholeServiceBetween(t[areas[best].end:g.Start]) {
		return areas[best].name
	}
	for _, a := range areas {
		if a.start >= g.End && a.start-g.End <= 45 {
			link := strings.ToLower(t[g.End:a.start])
			if reAreaLink.MatchString(link) && !strings.ContainsAny(link, ";,") {
				return a.name
			}
		}
	}
	return "overall"
}

// grades turns a sentence's judgements into candidates.
func (d *document) grades(s *sent, anch []anchor) []evidence.Candidate {
	var out []evidence.Candidate
	for _, g := range findGrades(s.Text) {
		base := 0.9
		if g.Paraphrase {
			base = 0.8
		}
		c, ok := d.startCand(s, "grade", g.Value, g.Start, g.End, base, "grade stated in the text")
		c.Area = g.Area
		if !ok {
			out = append(out, c)
			continue
		}
		conf := c.Confidence
		date, how2, rel, ok := d.dateGrade(s, g, anch, c.Council)
		if !ok {
			c.Confidence = conf
			c.Review = how2
			c.Note = "grade stated in the text, but " + how2
			out = append(out, c)
			continue
		}
		if rel {
			conf *= d.relFactor()
		}
		c.Date = date.String()
		c.Confidence = conf
		what := "grade"
		if g.Previous {
			what = "earlier grade"
		}
		c.Note = what + " (" + strings.ReplaceAll(g.Area, "_", " ") + ") dated by " + how2
		out = append(out, c)
	}
	return out
}

// dateGrade dates a grade: a date the article gives the judgement itself
// ("an inadequate judgment in April 2016", "In July 2023, ... rating");
// else an inspection dated in the same sentence; else the council's latest
// inspection in the article (its previous one for "from X to ..."). The
// reason is returned when there is none.
func (d *document) dateGrade(s *sent, g gradeMention, anch []anchor, council string) (dates.Date, string, bool, bool) {
	// "up from ‘requires improvement’ in 2019": a date right after the
	// grade is its own.
	for _, w := range s.Whens {
		if w.Start >= g.End && w.Start-g.End <= 12 && w.OK && !w.Future && reRightAfter.MatchString(s.Text[g.End:w.Start]) {
			return w.Date, "the date given with the judgement (\"" + w.Text + "\")", w.Relative, true
		}
	}
	if !g.Previous {
		for _, a := range anch {
			if a.Kind != anRating || a.When == nil || !a.When.OK || a.When.Future {
				continue
			}
			if gap(a.Start, a.End, g.Start, g.End) <= 40 || (g.Paraphrase && a.Start >= g.Start && a.End <= g.End) {
				return a.When.Date, "the date given with the judgement (\"" + a.When.Text + "\")", a.When.Relative, true
			}
		}
		for _, a := range anch {
			if (a.Kind != anInspection && a.Kind != anReport) || a.When == nil || !a.When.OK || a.When.Future {
				continue
			}
			if gap(a.Start, a.End, g.Start, g.End) <= 60 {
				e := event{Council: council, Rel: a.When.Relative}
				if a.Kind == anReport {
					e.Pub = a.When.Date
				} else {
					e.Insp = a.When.Date
				}
				if date, why, rel, ok := d.gradeDate(e); ok {
					return date, why, rel, true
				}
			}
		}
		if e, ok := d.current(council, 0); ok {
			if date, why, rel, ok := d.gradeDate(e); ok {
				return date, why + ", the latest inspection the article dates", rel, true
			}
		}
		for _, w := range s.Whens {
			if !w.OK && w.Why != "" {
				return dates.Date{}, "its date cannot be resolved: " + w.Why, false, false
			}
		}
		return dates.Date{}, "the text gives no date for the inspection behind this grade", false, false
	}
	if e, ok := d.previous(council); ok {
		if date, why, rel, ok := d.gradeDate(e); ok {
			return date, why + ", the previous inspection the article dates", rel, true
		}
	}
	return dates.Date{}, "the text gives no date for the earlier inspection behind this grade", false, false
}

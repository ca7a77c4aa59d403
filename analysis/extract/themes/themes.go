// Package themes is the vocabulary of theme labels that extraction gives
// qualitative findings (the contract's `theme` measure): what an Ofsted
// recommendation, a letter's area for improvement or strength, or a news
// article's named strength or weakness is about. One vocabulary serves
// every extractor (inspection reports, letters, news), so the same topic
// gets the same label whatever the document.
//
// Each label has trigger patterns; Find lists the labels a text is about,
// most specific first. Labels are lower case, as the contract compares
// them. The vocabulary and its rules are listed in README.md.
package themes

import (
	"regexp"
	"sort"
	"strings"
)

// Theme is one label and the words that signal it.
type Theme struct {
	Label string
	// Scope is the team the label itself names ("multi-agency safeguarding
	// hub" is about the MASH), "" when the label is not about one team.
	Scope    string
	patterns []*regexp.Regexp
	// Weakness labels are only given to weaknesses ("timeliness of early
	// help": a strength about early help is labelled "early help").
	weaknessOnly bool
	// needs lists patterns that must also occur (a composite label:
	// "timeliness" words together with "early help").
	needs []*regexp.Regexp
	// Suppresses names broader labels this one makes redundant in the
	// same text ("timeliness of early help" suppresses "early help" and
	// "drift and delay").
	suppresses []string
}

func re(ps ...string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(ps))
	for i, p := range ps {
		out[i] = regexp.MustCompile(`(?i)` + p)
	}
	return out
}

// timeliness words: the composite "timeliness of ..." labels need one.
const timely = `\b(?:timel\w+|delays?|delayed|too\s+long|swift(?:ly)?|prompt(?:ly)?|quickly|waiting|waited|drift)\b`

// vocabulary is in priority order: when a text matches several labels,
// the earlier ones are the more specific.
var vocabulary = []Theme{
	{Label: "health support for care leavers", patterns: re(`\bhealth\b`), needs: re(`\bcare\s+leavers\b`), suppresses: []string{"support for care leavers", "health needs of children in care"}},
	{Label: "health needs of children in care", patterns: re(`\bhealth\s+(?:assessments?|needs|passports?|histories)\b|\bCAMHS\b|\bmental\s+health\s+services\b`), suppresses: []string{"timeliness of assessments", "quality of assessments"}},
	{Label: "timeliness of early help", Scope: "early help", weaknessOnly: true, patterns: re(`\bearly\s+help\b`), needs: re(timely), suppresses: []string{"early help", "drift and delay"}},
	{Label: "timeliness of strategy meetings", weaknessOnly: true, patterns: re(`\bstrategy\s+(?:meetings?|discussions?)\b`), needs: re(timely), suppresses: []string{"child protection enquiries", "drift and delay"}},
	{Label: "timeliness of pre-proceedings", weaknessOnly: true, patterns: re(`\bpre-(?:care\s+)?proceedings\b|\bpublic\s+law\s+outline\b|\bPLO\b`), needs: re(timely + `|\bextensive\s+period\b|\bno\s+review\b|\bprogress\b`), suppresses: []string{"drift and delay"}},
	{Label: "timeliness of assessments", weaknessOnly: true, patterns: re(`\bassessments\b|\bassessment\s+of\b`), needs: re(`\b(?:timel\w+|delays?|delayed|too\s+long|waiting|waited)\b`), suppresses: []string{"quality of assessments", "drift and delay"}},
	{Label: "timeliness of child protection conferences", weaknessOnly: true, patterns: re(`\bchild\s+protection\s+conferences?\b`), needs: re(timely), suppresses: []string{"child protection conferences", "drift and delay"}},
	{Label: "quality of referrals from partners", patterns: re(`\breferrals?\s+(?:from|by)\s+(?:partner|other\s+agenc|agenc)|\bmulti-agency\s+referrals\b|\bpartner\s+(?:agency\s+)?referrals\b|\bquality\s+of\s+referrals\b|\breferrers\b`), suppresses: []string{"partnership working"}},
	{Label: "oversight of unregistered placements", patterns: re(`\bunregistered\b`), suppresses: []string{"management oversight"}},
	{Label: "response to homeless 16 and 17 year olds", patterns: re(`\bhomeless(?:ness)?\b`), suppresses: []string{"work with adolescents"}},
	{Label: "special guardianship assessments", patterns: re(`\bspecial\s+guardianship\b`), suppresses: []string{"quality of assessments"}},
	{Label: "life story work", patterns: re(`\blife[- ]story\b`)},
	{Label: "permanence planning", patterns: re(`\bperman(?:ence|ency)\b`)},
	{Label: "caseloads reduced", patterns: re(`\b(?:lower|reduc\w+|falling|fewer)\s+caseloads\b|\bcaseloads?\b[^.;]{0,40}\b(?:fallen|reduced|fell|decreased|come\s+down|dropped)\b`), suppresses: []string{"caseloads"}},
	{Label: "caseloads", patterns: re(`\bcase\s*loads?\b`)},
	{Label: "workloads", patterns: re(`\bworkloads?\b`)},
	{Label: "agency reliance", patterns: re(`\breliance\s+on\s+(?:high\s+numbers\s+of\s+)?agency\b|\bagency\s+(?:workers|staff|social\s+workers)\b|\binterim\s+staff\b`)},
	{Label: "recruitment and retention", patterns: re(`\brecruit\w*|\bretention\b|\bretain(?:ing)?\s+(?:staff|social\s+workers)\b|\bgo\s+permanent\b|\bpermanent\s+(?:staff|posts|social\s+workers|roles)\b`), suppresses: []string{"workforce stability", "staff vacancies"}},
	{Label: "staff vacancies", patterns: re(`\bvacanc(?:y|ies)\b`)},
	{Label: "workforce stability", patterns: re(`\bworkforce\s+(?:instability|stability)\b|\bstable\s+(?:and\s+\w+\s+)?workforce\b|\bstabilis\w+\s+the\s+workforce\b|\bstaff\s+turnover\b|\bturnover\b|\bon\s+its\s+workforce\b`)},
	{Label: "staff morale", patterns: re(`\bmorale\b`)},
	{Label: "changes of social worker", patterns: re(`\bchanges?\s+(?:of|in)\s+(?:their\s+)?social\s+workers?\b|\bfrequent\s+changes\b`)},
	{Label: "management oversight", patterns: re(`\bmanage(?:ment|rial)\s+oversight\b|\boversight\s+(?:by|from)\s+managers\b|\bmanagers?\s+oversight\b|\boversight\s+of\s+(?:practice|casework|case\s+work|cases|social\s+work)\b|\bquality\s+of\s+management\b|\bmanagement\s+quality\b|\bmanagers\s+at\s+all\s+levels\b`)},
	{Label: "supervision", patterns: re(`\bsupervision\b`)},
	{Label: "quality assurance", patterns: re(`\bquality\s+assurance\b|\baudits?\b|\bauditing\b|\bqualitative\s+information\b|\bperformance\s+information\b|\bmanagement\s+information\b`)},
	{Label: "improvement planning", patterns: re(`\bimprovement\s+plan\b|\bplan\s+to\s+improve\b|\baction\s+plan\b`)},
	{Label: "pace of improvement", patterns: re(`\bpace\s+of\s+(?:change|improvement)\b|\brapid\s+(?:rate|progress|improvement|change)\b|\baccelerat\w+\b`)},
	{Label: "improvement progress", patterns: re(`\b(?:strong|good|positive|significant|steady|vast|noticeable)\s+(?:progress|improvements?|changes)\b|\bheading\s+in\s+the\s+right\s+direction\b|\bright\s+direction\b`)},
	{Label: "leadership", patterns: re(`\bleadership\b|\bsenior\s+(?:leaders|managers)\b|\bleaders\b|\bself-evaluation\b`)},
	{Label: "government intervention", patterns: re(`\bcommissioner\b|\bstatutory\s+direction\b|\bgovernment['’]?s?\s+direction\b|\blos(?:e|ing)\s+(?:control\s+of\s+)?its\s+children['’]s\s+services\b`)},
	{Label: "drift and delay", patterns: re(`\bdrift\b|\bdelays?\b|\bdelayed\b|\bwaiting\s+too\s+long\b|\bwaited\s+(?:for\s+)?too\s+long\b|\bunacceptable\s+delays?\b`)},
	{Label: "children left at risk of harm", patterns: re(`\bleft\s+at\s+risk\b|\bat\s+risk\s+of\s+(?:significant\s+)?harm\s+for\s+too\s+long\b|\bsituations\s+of\s+ongoing\s+harm\b|\bneglectful\s+circumstances\s+too\s+long\b`), suppresses: []string{"drift and delay", "response to neglect"}},
	{Label: "response to neglect", patterns: re(`\bneglect\b|\bneglectful\b`)},
	{Label: "response to domestic abuse", patterns: re(`\bdomestic\s+abuse\b`)},
	{Label: "response to child exploitation", patterns: re(`\bexploitation\b|\bcounty\s+lines\b|\bgang\w*\b`)},
	{Label: "missing children", patterns: re(`\bmissing\s+(?:from\s+)?(?:home|care)\b|\breturn\s+home\s+interviews?\b`)},
	{Label: "work with adolescents", patterns: re(`\badolescents?\b|\bolder\s+children\b|\b16\s+and\s+17-year-olds\b`)},
	{Label: "services for disabled children", patterns: re(`\bdisabled\s+children\b|\bchildren\s+with\s+disabilities\b`)},
	{Label: "designated officer arrangements", patterns: re(`\bdesignated\s+officer\b|\bLADO\b|\ballegations\s+against\b`)},
	{Label: "out of hours service", Scope: "emergency duty team", patterns: re(`\bemergency\s+duty\b|\bout[- ]of[- ]hours\b`)},
	{Label: "decisions to bring children into care", patterns: re(`\bdecisions?\s+to\s+(?:accommodate|bring\s+children\s+into\s+care|look\s+after)\b|\bpolice\s+protection\b|\bentry\s+(?:in)?to\s+care\b|\bcome\s+into\s+care\b`)},
	{Label: "child protection enquiries", patterns: re(`\bsection\s+47\b|\bchild\s+protection\s+enquiries\b|\bstrategy\s+(?:meetings?|discussions?)\b`)},
	{Label: "child protection conferences", patterns: re(`\bchild\s+protection\s+conferences?\b`)},
	{Label: "thresholds", patterns: re(`\bthresholds?\b`)},
	{Label: "multi-agency safeguarding hub", Scope: "mash", patterns: re(`\bmulti-agency\s+safeguarding\s+hub\b|\bMASH\b|\bfront\s+door\b`)},
	{Label: "early help", Scope: "early help", patterns: re(`\bearly\s+help\b`)},
	{Label: "family centres", patterns: re(`\bfamily\s+(?:centres?|hubs?)\b`)},
	{Label: "quality of assessments", patterns: re(`\bassessments?\s+(?:are|were|is|was)\b|\bquality\s+of\s+(?:the\s+)?assessments?\b|\bassessments?\s+(?:and|of)\s+decision-making\b|\bassessment\s+and\s+decision-making\b`)},
	{Label: "quality of plans", patterns: re(`\bplans?\s+(?:are|were)\s+(?:not\s+)?(?:specific|clear|focused|vague|detailed)\b|\bquality\s+of\s+(?:written\s+)?plans?\b|\bchild\s+protection\s+plans?\b|\bplans\s+for\s+children\b`)},
	{Label: "direct work with children", patterns: re(`\bdirect\s+work\b`)},
	{Label: "relationships with children", patterns: re(`\brelationships?\s+with\s+children\b|\bknown\s+well\b|\bknow\s+(?:the\s+)?children\s+well\b|\bsee\s+them\s+regularly\b|\bvisited\s+(?:often|regularly)\b|\blived\s+experiences?\b`)},
	{Label: "voice of the child", patterns: re(`\bvoice\s+of\s+the\s+child\b|\bviews\s+of\s+(?:the\s+)?child(?:ren)?\b|\bchildren['’]s\s+views\b|\bwishes\s+and\s+feelings\b`)},
	{Label: "engagement with families", patterns: re(`\bengagement\s+(?:work\s+)?(?:with|of)\b|\bengag\w+\s+with\s+(?:families|parents|fathers)\b`)},
	{Label: "support for care leavers", patterns: re(`\bcare\s+leavers\b|\bpathway\s+plans?\b|\bpersonal\s+advisers?\b`)},
	{Label: "education of children in care", patterns: re(`\bvirtual\s+school\b|\bpersonal\s+education\s+plans?\b`)},
	{Label: "placement sufficiency", patterns: re(`\bsufficiency\b|\bshortage\s+of\s+(?:placements|foster\s+carers)\b|\bplacement\s+choice\b`)},
	{Label: "placement stability", patterns: re(`\bplacement\s+(?:stability|moves|breakdowns?)\b|\bstable\s+placements\b`)},
	{Label: "experiences of children in care", patterns: re(`\bchildren\s+in\s+care\b|\blooked[- ]after\s+children\b|\bchildren\s+(?:in\s+the\s+borough\s+)?were\s+looked\s+after\b|\btheir\s+carers\b`)},
	{Label: "independent reviewing officers", patterns: re(`\bindependent\s+reviewing\s+officers?\b|\bIROs?\b`)},
	{Label: "corporate parenting", patterns: re(`\bcorporate\s+parent\w*\b`)},
	{Label: "social work culture", patterns: re(`\b(?:social\s+work|practice|frontline\s+social\s+work)\s+culture\b|\bsupportive\s+culture\b`)},
	{Label: "case review and tracking", patterns: re(`\btracking\s+progress\b|\breviewing\s+cases\b|\bcase\s+tracking\b`)},
	{Label: "rising demand", patterns: re(`\brising\s+demand\b|\bincrease\s+in\s+(?:referrals|demand)\b|\brapidly\s+growing\b|\bgrowing\s+(?:young\s+)?population\b`)},
	{Label: "partnership working", patterns: re(`\bpartnership\s+working\b|\bmulti-agency\s+(?:work|working|practice|safeguarding\s+relationships|relationships|arrangements|interventions)\b|\bjoint\s+work(?:ing)?\b|\bpartner\s+agencies\b|\bcorporate\s+collaboration\b|\bpartners\s+are\b`)},
	{Label: "consistency of practice", patterns: re(`\binconsisten(?:cy|cies|t)\b|\bconsistency\s+of\s+practice\b|\bpractice\s+(?:remained|remains|is|was)\s+\W?variable\b|\bareas\s+of\s+(?:poor|uneven)\s+(?:practice|quality)\b|\buneven\s+quality\b`)},
}

// Match is a label found in a text.
type Match struct {
	Label      string
	Scope      string // the team the label names, "" if none
	Start, End int    // the words that triggered it
}

// Find lists the labels a text is about, in vocabulary order (most specific
// first), with at most limit labels (0: no limit). weakness says the text
// is a weakness: labels meant only for weaknesses are skipped otherwise.
func Find(text string, weakness bool, limit int) []Match {
	var out []Match
	suppressed := map[string]bool{}
	for _, th := range vocabulary {
		if suppressed[th.Label] || (th.weaknessOnly && !weakness) {
			continue
		}
		loc := firstMatch(th.patterns, text)
		if loc == nil {
			continue
		}
		ok := true
		for _, n := range th.needs {
			if !n.MatchString(text) {
				ok = false
			}
		}
		if !ok {
			continue
		}
		out = append(out, Match{Label: th.Label, Scope: th.Scope, Start: loc[0], End: loc[1]})
		for _, s := range th.suppresses {
			suppressed[s] = true
		}
	}
	var kept []Match
	for _, m := range out {
		if !suppressed[m.Label] {
			kept = append(kept, m)
		}
	}
	if limit > 0 && len(kept) > limit {
		kept = kept[:limit]
	}
	return kept
}

// Best is the single most specific label for a text (a recommendation, an
// area for improvement), and false when the vocabulary has none for it.
func Best(text string, weakness bool) (Match, bool) {
	ms := Find(text, weakness, 1)
	if len(ms) == 0 {
		return Match{}, false
	}
	return ms[0], true
}

// Labels lists every label, sorted.
func Labels() []string {
	out := make([]string, len(vocabulary))
	for i, t := range vocabulary {
		out[i] = t.Label
	}
	sort.Strings(out)
	return out
}

// Known reports whether label is in the vocabulary (compared as the
// contract compares labels: lower case, spaces folded).
func Known(label string) bool {
	l := strings.ToLower(strings.Join(strings.Fields(label), " "))
	for _, t := range vocabulary {
		if t.Label == l {
			return true
		}
	}
	return false
}

func firstMatch(ps []*regexp.Regexp, text string) []int {
	var best []int
	for _, p := range ps {
		if loc := p.FindStringIndex(text); loc != nil && (best == nil || loc[0] < best[0]) {
			best = loc
		}
	}
	return best
}

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
	// Area is the first of Areas: the judgement areas the grade is given
	// for ("'good' for A, B and C" gives three).
	Area       string
	Areas      []string
	Explicit   bool // an area is named (not the default "overall")
	AllAreas   bool // "good in all areas", "outstanding across the board"
	Previous   bool // "downgraded from X to ...", "previously rated X"
	Paraphrase bool // "the second worst rating"
	Cell       bool // a judgement table's row: "Children who need help and protection Good"
	// Status is a grade used as the council's description ("an
	// 'inadequate' council"): the standing it had, dated only by words
	// given with it.
	Status bool
	// Loose: the area was taken by nearness alone (the nearest area
	// named before the grade, or one shortly after it), not by a
	// structure that ties the two (a table row, "A was judged good",
	// "good for A and B", "A and B were rated good").
	Loose bool
	// LooseStart and LooseEnd are where a Loose area is named.
	LooseStart, LooseEnd int
	// Except is the areas "in all areas except A" leaves out: every
	// other area has the grade; the overall grade is not stated.
	Except []string
	// Council is the council whose name the grade follows in a list
	// pairing councils with grades (namedGrades), and Lead where the
	// list's first grade starts: the list's date is given once, with it.
	Council string
	Lead    int
}

const gradeWords = `(outstanding|good|requir(?:es?|ing|ed)\s+improvement(?:\s+(?:in\s+order\s+)?to\s+be\s+good)?|inadequate|RI)`

// gradeCell is a grade as a table or a list prints it: capitalised, or
// after a dash or colon.
const gradeCell = `(Outstanding|OUTSTANDING|Good|GOOD|Inadequate|INADEQUATE|Requir(?:es|ing)\s+[Ii]mprovement(?:\s+to\s+be\s+[Gg]ood)?|REQUIR(?:ES|ING)\s+IMPROVEMENT(?:\s+TO\s+BE\s+GOOD)?)`

var (
	// A grade in quotes: ‘inadequate’, "good".
	// (A closing quote left out before a comma still counts: ‘requires
	// improvement, than ...)
	reQuotedGrade = regexp.MustCompile(`(?i)[‘'"“]\s*` + gradeWords + `\s*[’'"”,;]`)
	// A grade a verb gives: "rated inadequate", "judged to be good", "found
	// to require improvement", "judging its children's services as good".
	reVerbGrade = regexp.MustCompile(`(?i)\b(?:rated|judged|graded|deemed|assessed|branded|labell?ed|classed|declared|downgraded\s+to|upgraded\s+to|rating\s+of|grade\s+of|judge?ment\s+of|assessment\s+of|verdict\s+of|moved\s+to|dropped\s+to|fell\s+to|rose\s+to|improved\s+to|found\s+to|judging\s+(?:its\s+|their\s+|the\s+)?(?:children['’]?s\s+)?(?:social\s+care\s+)?(?:services|it|them)|judged\s+(?:them|it)(?:\s+overall)?)\s+(?:as\s+|to\s+be\s+|being\s+|be\s+|an?\s+|at\s+|to\s+)?(?:overall\s+)?[‘'"“]?\s*` + gradeWords + `\b`)
	// A grade a verb gives its object: "judged the council's
	// services for children as inadequate".
	reVerbObjectAs = regexp.MustCompile(`(?i)\b(?:rated|rating|judged|judging|graded|assessed)\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,8}?(?:as|to\s+be)\s+(?:an?\s+)?[‘'"“]?\s*` + gradeWords + `\b`)
	// "judged each of those four areas to require improvement (to be
	// good)": the verb's object, then "to require".
	reVerbObjectToRI = regexp.MustCompile(`(?i)\b(?:rated|judged|graded|found|assessed|considered)\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,8}?to\s+(requir(?:e|ed)\s+improvement(?:\s+(?:in\s+order\s+)?to\s+be\s+good)?)\b`)
	// A grade a verb gives the areas it quotes: "rated the service's
	// 'impact of leaders ...' and 'experiences and progress of ...' as
	// outstanding".
	reVerbQuotedAs = regexp.MustCompile(`(?i)\b(?:rated|rating|judged|judging|graded|assessed)\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,4}?[‘'"“][^’'"”.;]{3,120}[’'"”](?:\s*(?:,|and|,\s*and)\s*[‘'"“][^’'"”.;]{3,120}[’'"”])*\s+as\s+(?:an?\s+)?` + gradeWords + `\b`)
	// A grade before its noun: "an inadequate rating", "good-rated",
	// "Good ratings were received".
	reNounGrade = regexp.MustCompile(`(?i)\b` + gradeWords + `(?:-rated|\s+ratings?|\s+grades?|\s+ofsted\s+(?:rating|grade|judge?ment)|\s+judge?ments?|\s+assessments?)\b`)
	// "a report stating it required improvement", "found that the
	// service requires improvement": a grade reported as what the report
	// said of the council.
	reSaidRequires = regexp.MustCompile(`(?i)\b(?:stating|saying|finding|found|concluded|concluding|said|says|states|stated|judging|judged|(?:telling|told|tells)\s+(?:the\s+(?:council|authority|local\s+authority)|it|them))\s+(?:that\s+)?(?:it|they|(?:the|its|their)\s+(?:council|service|services|department|authority)(?:['’]s\s+(?:children['’]?s\s+)?services)?)\s+(requir(?:ed|es|e)\s+improvement(?:\s+to\s+be\s+good)?)\b`)
	// "from requires improvement to inadequate" after a change verb.
	reGradeFromTo = regexp.MustCompile(`(?i)\bfrom\s+(?:an?\s+)?(?:ofsted\s+)?(?:overall\s+)?[‘'"“]?` + gradeWords + `[’'"”]?\s*(?:\((?:in\s+)?(?:19|20)\d{2}\)\s*)?,?\s+to\s+(?:an?\s+)?[‘'"“]?` + gradeWords + `\b`)
	reFoundGrade  = regexp.MustCompile(`(?i)\bfound\s+(?:to\s+be\s+)?[‘'"“]?\s*(?:(inadequate|outstanding|requir(?:es?|ing)\s+improvement(?:\s+(?:in\s+order\s+)?to\s+be\s+good)?)\b|(good)[’'"”]?\s*(?:[.,;]|$))`)
	// The grade said in other words.
	reParaphrase = regexp.MustCompile(`(?i)\b(second[- ](?:worst|lowest)|second[- ](?:best|highest)|worst|lowest|highest|best|top)\s+(?:possible\s+)?(?:ofsted\s+)?(?:rating|grade|judge?ment)\b`)
	// A service stated to be a grade, as reports and minutes put it:
	// "Children's services in Leeds require improvement to be good",
	// "children's services are good", "overall effectiveness was found
	// inadequate", "the service required
	// improvement".
	reStateGrade   = regexp.MustCompile(`(?i)\b(?:children['’]?s\s+(?:social\s+care\s+)?services|the\s+services?|services\s+for\s+children|(?:the\s+)?overall\s+effectiveness(?:\s+of\s+children['’]?s\s+services)?|the\s+(?:local\s+)?authority|the\s+department)(?:\s+(?:(?:in|at|of|for)|(?:run|provided|delivered)\s+by)\s+[A-Z][\w'’&-]*(?:\s+(?:and\s+)?[A-Z][\w'’&-]*){0,3})?\s+(?:(?:is|are|was|were|remains?|remained)\s+(?:still\s+|now\s+|overall\s+|officially\s+|now\s+officially\s+)?(?:(?:judged|rated|found|deemed)\s+(?:as\s+|to\s+be\s+)?)?|(?:still\s+|now\s+|overall\s+)?)[‘'"“]?\s*(outstanding|good|inadequate|requir(?:es?|ing)\s+improvement(?:\s+(?:in\s+order\s+)?to\s+be\s+good)?|required\s+improvement(?:\s+to\s+be\s+good)?)\b`)
	reCouncilState = regexp.MustCompile(`(?i)\b(?:the|this|that)\s+(?:borough|council|county|city|authority)\s+(?:is|was|remains|remained)\s+(?:still\s+|now\s+|once\s+again\s+|again\s+)?[‘'"“]?\s*(outstanding|good|inadequate|requir(?:es?|ing)\s+improvement(?:\s+to\s+be\s+good)?)[’'"”]?(?:\s*[.,;]|\s+(?:overall|in\s+(?:all|every)|across|after|following|according|since)\b|\s*$)`)
	// A judgement table's row as text: the area's label and its grade
	// ("Children who need help and protection Requires improvement",
	// "Leadership, management and governance 1 Outstanding" with a
	// footnote's number, "Overall effectiveness – Inadequate").
	reCellGrade = regexp.MustCompile(`(?:\s*\d{1,2}\s+|\s*[–—:-]\s*|\s+)` + gradeCell + `\b`)
	// A row whose grade is set off by a dash or brackets may be in lower
	// case ("adoption performance – good", "impact of leaders
	// (Outstanding);"), ending its item.
	reCellGradeSet = regexp.MustCompile(`(?i)^(?:\s*[–—:-]\s*|\s*\(\s*)(outstanding|good|inadequate|requir(?:es|ing|e)\s+improvement(?:\s+to\s+be\s+good)?)\s*(?:[.;,)]|$)`)
	// "good in all areas", "outstanding in every category", "across the
	// board", "all areas were judged good".
	reAllAreas = regexp.MustCompile(`(?i)\b(?:in|across|for)\s+(?:all|every|each)\s+(?:(?:of\s+)?(?:the\s+)?(?:four|five|six|three|judge?ment)\s+)?(?:areas?|categor(?:y|ies)|judge?ments?|domains?|aspects?|areas\s+inspected)\b|\bacross[\s-]+the[\s-]+board\b`)

	// "every category rated as", "all four areas were judged", "each of
	// the judgements was graded": every area, named before the grade.
	reAllAreasBefore = regexp.MustCompile(`(?i)\b(?:every|each|all)\s+(?:of\s+)?(?:the\s+)?(?:(?:four|five|six|three|key)\s+)?(?:areas?|categor(?:y|ies)|judge?ments?|domains?|elements|aspects?\s+of\s+(?:the|its|their)\s+(?:children['’]?s\s+)?services?)\s+(?:inspected\s+)?(?:was\s+|were\s+|being\s+|has\s+been\s+|have\s+been\s+)?(?:rated|judged|graded|assessed|found|given\s+(?:an?\s+)?)\s*(?:as\s+|to\s+be\s+)?[‘'"“]?\s*$`)

	// "judged each of those four areas to ...": every area, the verb's
	// object.
	reAllAreasObject = regexp.MustCompile(`(?i)\b(?:rated|judged|graded|found|assessed|considered)\s+(?:each|all|every)\s+(?:of\s+)?(?:the\s+|those\s+|these\s+|its\s+|their\s+)?(?:(?:four|five|three|six)\s+)?(?:areas?|judge?ments?)\s+(?:as\s+|to\s+be\s+|to\s+)?[‘'"“]?\s*$`)

	reGradeCue = regexp.MustCompile(`(?i)\b(?:rated|rating|ratings|grading|retain(?:s|ed|ing)?|judged|judge?ments?|graded|grades?|downgraded|upgraded|ofsted|inspection|inspectors|kept|retained|given|received|awarded|verdicts?)\b`)
	// Words that make a grade a hope or a plan, not a fact.
	reHypothetical = regexp.MustCompile(`(?i)\b(?:target|aim|aims|aiming|ambition|aspir\w*|trajectory|hopes?|hoped|hoping|want|wants|wanted|would|could|should|strive|striving|achieve|achieving|become|becoming|towards|on\s+track|bid|goal|working\s+to|in\s+order\s+to|needs?\s+to|expects?|expected|predict\w*|if|unless|whether|plans?|planned|at\s+least|to\s+meet|determined\s+to|intends?\s+to|to\s+have|to\s+get|to\s+reach|warrant|merit|deserve|ambitious|to\s+be\s+(?:rated|judged|graded|given|awarded)|(?:has|have|had)\s+to\s+be|before\s+(?:they|it|we|you|inspectors|ofsted)\s+(?:can|could|will)|next\s+stop|can\s+be|may\s+be|might\s+be|must\s+be)\b`)
	// Grades of something other than the council's children's services.
	reOtherProvider  = regexp.MustCompile(`(?i)\b(?:care\s+quality\s+commission|adult\s+social\s+care|adults['’]?\s+(?:social\s+care|services)|children['’]?s\s+homes?|schools?|academ(?:y|ies)|nurser(?:y|ies)|colleges?|fostering\s+(?:agenc\w+|services?)|adoption\s+(?:agenc\w+)|regional\s+adoption|hospitals?|CQC|care\s+homes?|providers?|youth\s+offending|youth\s+justice|police|probation|HMICFRS|SEND|special\s+educational|residential|secure\s+(?:children['’]?s\s+)?(?:home|unit)s?|short\s+breaks|children['’]?s\s+centres?|safeguarding\s+(?:children\s+)?(?:board|partnership)|LSCB|LSCP)\b`)
	rePreviousCue    = regexp.MustCompile(`(?i)\b(?:years?|months?)\s+(?:after|since)\b[^.;,]{0,50}$|\bthe\s+same\s+(?:verdict|grade|grading|rating|judge?ment)\s+(?:\w+\s+){0,4}?(?:received|was\s+given|had|got|earned)\s+(?:in|at)\s+[^.;]{0,50}$|\b(?:previously|formerly|had\s+been|last\s+rated|was\s+last|at\s+(?:its|the)\s+(?:last|previous)\s+(?:full\s+)?inspection|following\s+an?\s+(?:judge?ment|rating|grade)\s+of)\b[^.;]{0,40}$|\b(?:up|down|improved|improving|improves|upgraded|downgraded|moved|moving|moves|rising|risen|climbing|falling|fallen|dropping|rais\w+|lift\w+)\s+(?:(?:one|two|a)\s+grades?\s+)?from\s+(?:the\s+|an?\s+|its\s+|their\s+)?(?:ofsted\s+)?(?:overall\s+)?[‘'"“]?\s*$|\b(?:lose|loses|lost|losing|stripped\s+of|shed|sheds|shedding|(?:left|leaves|leaving)\s+behind|(?:threw|throws|throwing|cast|casts|casting)\s+off|cost\s+(?:\w+\s+){1,3}its)\s+(?:its\s+|their\s+|an?\s+)?(?:ofsted\s+)?[‘'"“]?\s*$`)
	reInspectionWord = regexp.MustCompile(`(?i)ofsted|inspect|rated|rating`)
	// reReportWord: a sentence about a report or a judgement ("the latest
	// one, in 2021, saying it required improvement" after "Ofsted
	// ratings").
	reReportWord = regexp.MustCompile(`(?i)\b(?:report|judge?ment|verdict|most\s+recent\s+one|latest\s+one)\b`)
	reAreaLink   = regexp.MustCompile(`\b(?:for|in|on)\b`)
	reNoLonger   = regexp.MustCompile(`(?i)(?:\b(?:no\s+longer|not|never|no\s+(?:other\s+)?(?:authority|council|local\s+authority))\s+(?:(?:in\s+the\s+\w+\s+)?(?:has\s+|have\s+|had\s+)?been\s+|be\s+|rated\s+|judged\s+)*(?:an?\s+)?|\b(?:out\s+of|removed|lifted|emerged\s+from|escaped?)\s+(?:(?:its|their|the|an?|council['’]s|\w+['’]s)\s+){0,2}|\b(?:below|above|better\s+than|worse\s+than|than|at\s+least)\s+(?:an?\s+)?|\b(?:reclassif\w+|renamed|replac\w+|known\s+as|defined\s+as|categori[sz]\w*|classifications?)\b[^.;]{0,70}?\bas\s+)[‘'"“]?\s*$`)
	// "'outstanding' features", "some aspects 'good'": parts, not the
	// judgement.
	rePartAfter  = regexp.MustCompile(`(?i)^[’'"”]?\s*(?:features?|elements?|aspects?|practice|work|in\s+places|progress)\b`)
	rePartBefore = regexp.MustCompile(`(?i)\b(?:some|many|most|several|other)\s+(?:aspects?|elements?|areas?|parts?|features?)\s+(?:were\s+|as\s+)?[‘'"“]?\s*$`)
)

// reOfstedOrInspectors: a paraphrased grade ("its top grade") is Ofsted's
// when the sentence names Ofsted or its inspectors.
var reOfstedOrInspectors = regexp.MustCompile(`(?i)\b(?:ofsted|inspectors|inspectorate)\b`)

var paraphraseGrade = map[string]string{
	"second worst": "requires improvement", "second lowest": "requires improvement",
	"second best": "good", "second highest": "good",
	"worst": "inadequate", "lowest": "inadequate", "highest": "outstanding", "best": "outstanding", "top": "outstanding",
}

// reRIWords: "requires improvement", "required some improvement",
// "requiring improvement".
var reRIWords = regexp.MustCompile(`^requir(?:es|e|ed|ing)\s+(?:some\s+|further\s+|more\s+)?improvement`)

func canonGrade(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch {
	case reRIWords.MatchString(s), s == "ri":
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
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// areaPhrases name the judgement areas, in every framework's words; the
// combined ILACS judgement comes before its parts so it wins where both
// match.
var areaPhrases = []phrase{
	{regexp.MustCompile(`(?i)\b(?:children\s+in\s+care|looked[- ]after\s+children|children\s+looked\s+after)\s+and\s+care[- ]leavers?\b`), "children_in_care_and_care_leavers"},
	{regexp.MustCompile(`(?i)\b(?:children\s+(?:in|who)\s+need(?:\s+of)?\s+(?:help\s+and\s+)?protection|help\s+and\s+protection|helping\s+and\s+protecting\s+children)\b`), "help_and_protection"},
	{regexp.MustCompile(`(?i)\b(?:children\s+looked\s+after|children\s+in\s+care|looked[- ]after\s+children)\s+and\s+(?:achieving\s+)?permanence\b`), "children_in_care"},
	{regexp.MustCompile(`(?i)\b(?:(?:children\s+)?leaving\s+care|care[- ]leavers?)\b`), "care_leavers"},
	{regexp.MustCompile(`(?i)\b(?:children\s+in\s+care|looked[- ]after[’'"”]?\s+children|children\s+looked\s+after)\b`), "children_in_care"},
	{regexp.MustCompile(`(?i)\badoption(?:\s+(?:performance|support|services))?\b`), "adoption"},
	{regexp.MustCompile(`(?i)\b(?:(?:the\s+)?impact\s+of\s+leaders(?:\s+on\s+social\s+work\s+practice(?:\s+with\s+children\s+and\s+families)?)?|leadership(?:,?\s+management\s+and\s+governance)?|leadership\s+and\s+management|management\s+and\s+governance|leaders)\b`), "leadership"},
	{regexp.MustCompile(`(?i)\boverall(?:\s+effectiveness)?\b`), "overall"},
}

// reDashIntro: a dash or colon right after a grade introduces the areas
// that have it; reListGap separates them.
var (
	reDashIntro = regexp.MustCompile(`^[’'"”,]?\s*[—–:]\s*$`)
	reListGap   = regexp.MustCompile(`(?i)^\s*[;,]?\s*(?:and\s+)?(?:the\s+)?$`)
)

// reAreaState follows an area with the verb that grades it.
var reAreaState = regexp.MustCompile(`(?i)^\s+(?:(?:is|are|was|were|remains?|remained)\s+(?:still\s+|now\s+)?(?:(?:judged|rated|found|deemed|assessed)\s+(?:as\s+|to\s+be\s+)?)?|as\s+|(?:still\s+)?)[‘'"“]?\s*(outstanding|good|inadequate|requir(?:es?|ing|ed)\s+(?:some\s+|further\s+|more\s+)?improvement(?:\s+(?:in\s+order\s+)?to\s+be\s+(?:rated\s+(?:as\s+)?|judged\s+(?:as\s+)?)?good)?)\b()?`)

// reAreaFiller is what may stand between areas of one list, and between
// the list and its grade: connectives, the words ILACS puts before an
// area ("the experiences and progress of"), the verb that gives the
// grade ("were judged as"), quotes and commas.
var reAreaFiller = regexp.MustCompile(`(?i)^(?:[\s,:'"‘’“”()–—-]|\b(?:and|the|also|both|as\s+well\s+as|in\s+addition\s+to|for|in|of|on|with|relating\s+to|related\s+to|in\s+relation\s+to|in\s+respect\s+of|with\s+(?:regard|respect)\s+to|regarding|areas?|domains?|judge?ments?|experiences?\s+and\s+progress|experiences?|children|young\s+people|categor(?:y|ies)|assessments?|one|two|three|four|five|six|following|were|was|are|is|been|being|be|has|have|had|all|judged|rated|rating|ratings|graded|found|deemed|assessed|as|to|received|given|awarded|each|its|their|services?\s+(?:to|for)|key\s+areas?\s+for\s+judge?ment)\b)*$`)

// listGap says gap may stand between areas of one list: filler words, and
// no semicolon (which ends a clause).
func listGap(gap string) bool {
	return reAreaFiller.MatchString(gap) && !strings.Contains(gap, ";")
}

// reWholeService between an area and its grade means the grade is the
// council's, not the area's ("weak leadership, and the council was rated
// inadequate"); "in the authority" does not count.
var reWholeService = regexp.MustCompile(`(?i)(?:^|[^\w]\s*)(?:\b(?:in|at|of|across|within|for|by)\s+)?\b(?:the\s+council|the\s+authority|the\s+local\s+authority|children['’]s\s+services|the\s+service|the\s+borough|services\s+overall|` + servicesOfPlace + `|it)\b`)

// servicesOfPlace names the whole service by its place ("services in
// Devon").
const servicesOfPlace = `services\s+(?:in|for|at)\s+(?-i:[A-Z])[\w'’-]+`

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
	if reInspectionWord.MatchString(t) || reReportWord.MatchString(t) {
		for _, loc := range reSaidRequires.FindAllStringSubmatchIndex(t, -1) {
			add(gradeMention{Value: canonGrade(t[loc[2]:loc[3]]), Start: loc[2], End: loc[3]})
		}
	}
	areas := findPhrases(t, areaPhrases, nil)
	// A table's row: the grade right after an area's label.
	for _, a := range areas {
		m := reCellGrade.FindStringSubmatchIndex(t[a.end:])
		if m == nil || m[0] != 0 {
			m = reCellGradeSet.FindStringSubmatchIndex(t[a.end:])
		}
		if m != nil && m[0] == 0 {
			add(gradeMention{Value: canonGrade(t[a.end+m[2] : a.end+m[3]]), Start: a.end + m[2], End: a.end + m[3], Cell: true,
				Area: a.name, Areas: []string{a.name}, Explicit: true})
		}
	}
	// An area stated to be a grade: "adoption performance requires
	// improvement", "help and protection was judged good".
	for _, a := range areas {
		if m := reAreaState.FindStringSubmatchIndex(t[a.end:]); m != nil {
			v := t[a.end+m[2] : a.end+m[3]]
			if !strings.HasPrefix(strings.ToLower(v), "requ") && m[4] < 0 {
				continue // a bare "good" after an area needs its verb
			}
			add(gradeMention{Value: canonGrade(v), Start: a.end + m[2], End: a.end + m[3]})
		}
	}
	cue := reGradeCue.MatchString(t)
	for _, loc := range reQuotedGrade.FindAllStringSubmatchIndex(t, -1) {
		if cue {
			add(gradeMention{Value: canonGrade(t[loc[2]:loc[3]]), Start: loc[0], End: loc[1]})
		}
	}
	// "Westminster - outstanding in every area", "Knowsley: inadequate
	// overall": a round-up's line, a name as its label and the grade
	// after a dash or colon.
	if loc := reLabelGrade.FindStringSubmatchIndex(t); loc != nil {
		add(gradeMention{Value: canonGrade(t[loc[2]:loc[3]]), Start: loc[2], End: loc[3]})
	}
	for _, re := range []*regexp.Regexp{reVerbGrade, reVerbObjectToRI, reVerbObjectAs, reVerbQuotedAs, reNounGrade} {
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
			// "rated its 'front door' as good" grades a part of the
			// service: the quoted object must name a judgement area.
			if re == reVerbQuotedAs && !namesArea(t[loc[0]:loc[2]]) {
				continue
			}
			add(gradeMention{Value: canonGrade(v), Start: loc[2], End: loc[3]})
		}
	}
	// "BCP found inadequate": "found" with the grade at once, in a sentence
	// about an inspection ("found good practice" is not a grade).
	if reInspectionWord.MatchString(t) {
		for _, loc := range reFoundGrade.FindAllStringSubmatchIndex(t, -1) {
			for k := 2; k+1 < len(loc); k += 2 {
				if loc[k] >= 0 {
					add(gradeMention{Value: canonGrade(t[loc[k]:loc[k+1]]), Start: loc[k], End: loc[k+1]})
				}
			}
		}
	}
	// "the borough is now good", "the council remains outstanding": a
	// council stated to be a grade, in a sentence about an inspection,
	// the grade ending its clause ("the council was good at listening"
	// is not one).
	if reInspectionWord.MatchString(t) {
		for _, loc := range reCouncilState.FindAllStringSubmatchIndex(t, -1) {
			add(gradeMention{Value: canonGrade(t[loc[2]:loc[3]]), Start: loc[2], End: loc[3]})
		}
	}
	for _, loc := range reStateGrade.FindAllStringSubmatchIndex(t, -1) {
		add(gradeMention{Value: canonGrade(t[loc[2]:loc[3]]), Start: loc[2], End: loc[3]})
	}
	for _, loc := range reParaphrase.FindAllStringSubmatchIndex(t, -1) {
		key := strings.ToLower(strings.ReplaceAll(t[loc[2]:loc[3]], "-", " "))
		if g, ok := paraphraseGrade[key]; ok && reOfstedOrInspectors.MatchString(t) {
			add(gradeMention{Value: g, Start: loc[0], End: loc[1], Paraphrase: true})
		}
	}
	// Drop plans, other providers' grades, negations and parts; mark
	// previous ones.
	var kept []gradeMention
	for _, g := range out {
		before := t[max(0, g.Start-90):g.Start]
		if i := strings.LastIndexAny(before, ";"); i >= 0 {
			before = before[i+1:]
		}
		// "... is still needed, rating the service as ...": the participle
		// clause is the judgement's own.
		if locs := reParticipleClause.FindAllStringIndex(before, -1); len(locs) > 0 {
			before = before[locs[len(locs)-1][0]:]
		}
		// "... falls short of what it should do and was rated
		// inadequate": a coordinated clause giving the grade is its own.
		if locs := reCoordinateGrade.FindAllStringIndex(before, -1); len(locs) > 0 {
			before = before[locs[len(locs)-1][0]:]
		}
		// "the first to have their services rated" is a record, not a hope.
		hyp := reFirstTo.ReplaceAllString(strings.ReplaceAll(strings.ToLower(before), "achieving permanence", ""), "")
		if reHypothetical.MatchString(hyp) && !reImproveOn.MatchString(before) {
			continue
		}
		if reOtherProvider.MatchString(t[max(0, g.Start-60):min(len(t), g.End+40)]) {
			continue
		}
		if reNoLonger.MatchString(t[max(0, g.Start-90):g.Start]) {
			continue
		}
		if rePartAfter.MatchString(t[g.End:]) || rePartBefore.MatchString(t[max(0, g.Start-40):g.Start]) {
			continue
		}
		if futureRightAfter(t, g.End) {
			continue
		}
		if rePreviousCue.MatchString(reportedAsNews(t[:g.Start], g.Start)) || rePreviousAfter.MatchString(t[g.End:]) {
			g.Previous = true
		}
		if reStatusAfter.MatchString(t[g.End:]) {
			g.Status = true
		}
		kept = append(kept, g)
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].Start < kept[j].Start })
	used := make([]bool, len(areas))
	for i := range kept {
		if kept[i].Cell {
			for ai, a := range areas {
				if a.end <= kept[i].Start && kept[i].Start-a.end <= 6 {
					used[ai] = true
				}
			}
			continue
		}
		kept[i].Areas, kept[i].Explicit, kept[i].Loose, kept[i].LooseStart, kept[i].LooseEnd = areasFor(t, kept, i, areas, used)
		kept[i].Area = kept[i].Areas[0]
		if m := reAllAreas.FindStringIndex(t[kept[i].End:min(len(t), kept[i].End+60)]); m != nil && !kept[i].Explicit {
			kept[i].AllAreas = true
		}
		// "every category rated as 'requires improvement'", "all areas
		// were judged good": the areas before the grade's verb.
		if before := t[max(0, kept[i].Start-70):kept[i].Start]; (reAllAreasBefore.MatchString(before) || reAllAreasObject.MatchString(before)) && !kept[i].Explicit {
			kept[i].AllAreas = true
		}
	}
	for i := range kept {
		if kept[i].AllAreas {
			exceptAreas(t, kept, i, areas)
		}
		if !kept[i].Explicit && !kept[i].AllAreas {
			countedList(t, kept, i, areas)
		}
		if !kept[i].Explicit && !kept[i].AllAreas {
			areasNamedAfter(t, kept, i, areas)
		}
	}
	return kept
}

// reportedAsNews is t with the past perfect of reported speech before
// end put in the present perfect ("Members were informed that the
// service had been judged outstanding" is the news, no earlier grade),
// for the checks of an earlier time to read.
func reportedAsNews(t string, end int) string {
	loc := reReportedHadBeen.FindStringSubmatchIndex(t[:end])
	if loc == nil {
		return t
	}
	return t[:loc[2]] + "has" + t[loc[3]:]
}

// reReportedHadBeen: a past perfect after a verb of reporting ("were
// informed that the service had been judged"); group 1 is "had".
var reReportedHadBeen = regexp.MustCompile(`(?i)\b(?:informed|told|advised|reported|noted|heard|explained|confirmed|announced|learn(?:ed|t))\s+(?:\w+\s+){0,3}?that\s+[^.;]{0,60}?\b(had)\s+been\s+[^.;]{0,40}$`)

// reLabelGrade: a line opening with a name (a few capitalised words)
// and a dash or colon, then a grade that ends its phrase.
var reLabelGrade = regexp.MustCompile(`^\s*[A-Z][\w'’&.-]*(?:\s+(?:and|upon|on|the|of|with|in|[A-Z][\w'’&.-]*)){0,5}\s*(?:\s[–—-]|:)\s+[‘'"“]?(?i:` + gradeWords + `)[’'"”]?(?:\s*$|\s*[,.;(]|\s+(?:overall|in|across|for|and)\b)`)

// reFirstTo: "(became) the first (council) to have/be/receive ...", a
// record set, whose "to have" is no aim.
var reFirstTo = regexp.MustCompile(`(?i)\b(?:(?:has|have|had)\s+become|became|becoming|is|are|was|were)\s+the\s+(?:first|second|third|only|latest)\s+(?:[\w'’-]+\s+){0,3}?to\s+(?:have|be|get|receive|achieve|reach|earn|win)\b`)

// reImproveOn: "working to build on the overall 'requires
// improvement' rating": the grade it has, the baseline of an aim.
var reImproveOn = regexp.MustCompile(`(?i)\b(?:improve|build)\s+on\s+(?:the|its|their|this)\s+(?:overall\s+|current\s+)?[‘'"“]?\s*$`)

// reQuoteOnly and reVerdictAfter: "2015 'inadequate' verdict".
var (
	reQuoteOnly    = regexp.MustCompile(`^\s*[‘'"“]?\s*$`)
	reVerdictAfter = regexp.MustCompile(`(?i)^[’'"”]?\s+(?:ofsted\s+)?(?:verdict|rating|judge?ment|grade)\b`)
)

// reSameAs: "... the same grading as 2019": the judgement an earlier
// inspection gave, dated by its year.
var reSameAs = regexp.MustCompile(`(?i)^[’'"”]?[^.;]{0,30}?\bthe\s+same\s+(?:grading|grade|rating|judge?ment)\s+as\s+(?:in\s+|at\s+)?((?:19|20)\d{2})\b`)

// reSameAsBefore: a year that is another inspection's ("the same
// grading as 2019").
var reSameAsBefore = regexp.MustCompile(`(?i)\bthe\s+same\s+(?:grading|grade|rating|judge?ment)\s+as\s+(?:in\s+|at\s+)?$`)

// reAndYear: "... in 2013 and (again in) 2015".
var reAndYear = regexp.MustCompile(`(?i)^\s*,?\s*and\s+(?:again\s+|once\s+more\s+)?(?:in\s+)?$`)

var reBetweenBefore = regexp.MustCompile(`(?i)\b(?:between|from)\s+$`)

// andYear is the second year of "in 2013 and 2015" when date is the
// first: the same judgement given twice.
func andYear(s *sent, date dates.Date) (dates.Date, bool) {
	for i := 0; i+1 < len(s.Whens); i++ {
		w, n := s.Whens[i], s.Whens[i+1]
		if w.Date != date || !n.OK || n.Future || n.Date.Prec != dates.PrecYear || n.Date.Day <= w.Date.Day {
			continue
		}
		// "between 2010 and 2011" is one period, not two judgements.
		if reAndYear.MatchString(s.Text[w.End:n.Start]) && !reBetweenBefore.MatchString(s.Text[:w.Start]) {
			return n.Date, true
		}
	}
	return dates.Date{}, false
}

// reServiceRatingAfter: a grade naming the whole service's rating.
var reServiceRatingAfter = regexp.MustCompile(`(?i)^[’'"”]?\s+children['’]?s\s+(?:social\s+care\s+)?services?\s+(?:ofsted\s+)?(?:rating|grade|judge?ment)\b`)

// rePreviousAfter: "rated 'requires improvement' after the last
// inspection, three years earlier".
var rePreviousAfter = regexp.MustCompile(`(?i)^[’'"”]?\s*,?\s*(?:following|after|at|in|from|under)\s+(?:the|its|their)\s+(?:last|previous|prior|earlier)\s+(?:full\s+|standard\s+)?inspection`)

// reStatusAfter: a grade describing the council, not given to it here.
var reStatusAfter = regexp.MustCompile(`(?i)^[’'"”]?(?:-rated)?\s+(?:councils?|authorit(?:y|ies)|local\s+authorit(?:y|ies)|boroughs?|count(?:y|ies)|children['’]?s\s+services?(?:\s+(?:department|service)s?)?)\b(?:\s+(?:where|which|that|whose)\b)?`)

var reParticipleClause = regexp.MustCompile(`,\s+\w+ing\b`)

// reCoordinateGrade: "and was rated", "and has been judged": a clause of
// its own within a sentence, joined by "and".
var reCoordinateGrade = regexp.MustCompile(`(?i)\band\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:(?:then|now|also|subsequently)\s+)?(?:rated|judged|graded|found|deemed|assessed)\b`)

// futureRightAfter: "a 'good' rating by 2022" is a target.
func futureRightAfter(t string, end int) bool {
	rest := t[end:min(len(t), end+40)]
	return reByYear.MatchString(rest)
}

var reByYear = regexp.MustCompile(`(?i)^[’'"”]?\s*(?:rating\s+|grade\s+|judge?ment\s+)?(?:by|before|within)\s+(?:the\s+(?:end\s+of\s+|next\s+)|(?:19|20)\d{2}|next\b)`)

// areasFor is the areas a grade is about: a list of areas right after it
// ("'good' for A, B and C", "'Inadequate' in the domain of A"), else a
// list right before it joined to it by the verb ("A, B and C were judged
// as 'outstanding'"), else the nearest area named before it in the same
// clause (back to the previous grade or a semicolon) with no whole-service
// subject in between, else one named right after it ("an 'inadequate'
// grade for children who need help and protection"); else overall.
// An area one grade's list takes is not another's.
func areasFor(t string, gs []gradeMention, i int, areas []phraseHit, used []bool) (names []string, explicit, loose bool, looseStart, looseEnd int) {
	g := gs[i]
	next := len(t)
	if i+1 < len(gs) {
		next = gs[i+1].Start
	}
	lo := 0
	for j := 0; j < i; j++ {
		if gs[j].End <= g.Start && gs[j].End > lo {
			lo = gs[j].End
		}
	}
	if k := strings.LastIndex(t[lo:g.Start], ";"); k >= 0 {
		lo += k + 1
	}
	// A list after the grade, joined by a link word.
	var after []int
	pos := g.End
	dash := false // "rated as 'Good' — Adoption; Care Leavers; and Leadership"
	for ai, a := range areas {
		if used[ai] || a.start < pos || a.end > next {
			continue
		}
		gap := t[pos:a.start]
		// "good in all areas, and leaders ...": every area has the
		// grade; an area named after is another clause's.
		if reAllAreas.MatchString(gap) {
			break
		}
		if len(after) == 0 && reDashIntro.MatchString(gap) && a.name != "overall" {
			dash = true
		}
		// "..., with overall effectiveness as inadequate": an area with a
		// grade of its own ends the list.
		if len(after) > 0 {
			if m := reAreaState.FindStringSubmatchIndex(t[a.end:]); m != nil && a.end+m[2] < next+1 {
				break
			}
		}
		if dash && len(after) > 0 {
			if !reListGap.MatchString(gap) {
				break
			}
		} else if !listGap(gap) {
			break
		}
		if len(after) == 0 && !dash && (a.name == "overall" && a.start-pos > 2 || !reAreaLink.MatchString(gap) && strings.TrimSpace(gap) != "") {
			break
		}
		after = append(after, ai)
		pos = a.end
	}
	if len(after) > 0 {
		names = nil
		for _, ai := range after {
			used[ai] = true
			names = appendOnce(names, areas[ai].name)
		}
		return names, true, false, 0, 0
	}
	// A list before it.
	var before []int
	end := g.Start
	// "A, B, C and D – were all rated as": the list ends where the verb
	// the grade follows begins.
	if m := reListVerbGap.FindStringIndex(t[lo:g.Start]); m != nil {
		end = lo + m[0]
	}
	for ai := len(areas) - 1; ai >= 0; ai-- {
		a := areas[ai]
		if used[ai] || a.end > end || a.start < lo {
			continue
		}
		if !listGap(t[a.end:end]) {
			break
		}
		before = append(before, ai)
		end = a.start
	}
	if len(before) > 0 {
		names = nil
		for k := len(before) - 1; k >= 0; k-- {
			used[before[k]] = true
			names = appendOnce(names, areas[before[k]].name)
		}
		return names, true, false, 0, 0
	}
	if reServiceRatingAfter.MatchString(t[g.End:]) {
		// "celebrating their 'good' children's services rating": the
		// whole service's rating, whatever area the clause named before.
		return []string{"overall"}, false, false, 0, 0
	}
	best := -1
	for ai, a := range areas {
		if !used[ai] && a.start >= lo && a.end <= g.Start && g.Start-a.end <= 110 {
			if best < 0 || a.end > areas[best].end {
				best = ai
			}
		}
	}
	if best >= 0 && !wholeServiceBetween(t[areas[best].end:g.Start]) {
		used[best] = true
		return []string{areas[best].name}, true, true, areas[best].start, areas[best].end
	}
	for ai, a := range areas {
		if !used[ai] && a.start >= g.End && a.start-g.End <= 45 && a.end <= next {
			link := strings.ToLower(t[g.End:a.start])
			// "good in all areas, with an overall improvement noted": the
			// grade is every area's; the area after is another clause's.
			if reAllAreas.MatchString(link) {
				break
			}
			if reAreaLink.MatchString(link) && !strings.ContainsAny(link, ";,") {
				used[ai] = true
				return []string{a.name}, true, true, a.start, a.end
			}
		}
	}
	return []string{"overall"}, false, false, 0, 0
}

// frameworkAreas are the areas a full inspection grades, by the day it
// began: the single inspection framework (from November 2013), ILACS (from
// January 2018), ILACS with care leavers judged on their own (from January
// 2023) and the April 2026 framework, which gives no overall grade.
func frameworkAreas(day dates.Day) []string {
	switch {
	case day >= dates.FromYMD(2026, 4, 1):
		return []string{"leadership", "help_and_protection", "children_in_care", "care_leavers"}
	case day >= dates.FromYMD(2023, 1, 1):
		return []string{"overall", "leadership", "help_and_protection", "children_in_care", "care_leavers"}
	case day >= dates.FromYMD(2018, 1, 1):
		return []string{"overall", "leadership", "help_and_protection", "children_in_care_and_care_leavers"}
	case day >= dates.FromYMD(2013, 11, 1):
		return []string{"overall", "help_and_protection", "children_in_care", "adoption", "care_leavers", "leadership"}
	}
	return []string{"overall"}
}

// noOverallFrom is the first day of the framework without an overall grade.
var noOverallFrom = dates.FromYMD(2026, 4, 1)

// grades turns a sentence's judgements into candidates.
func (d *document) grades(s *sent, anch []anchor) []evidence.Candidate {
	var out []evidence.Candidate
	gs := namedGrades(s, findGrades(s.Text))
	for gi, g := range gs {
		var named []string
		if !g.Cell && d.groupSubject(s, g.Start) {
			// "10 have been rated 'good'", "Of the 41 councils ..., seven
			// 'inadequate'": councils counted, not a council; unless the
			// next sentence names as many as the count.
			if named = d.namedNext(s, g.Start); named == nil {
				continue
			}
		}
		base := 0.9
		if g.Paraphrase {
			base = 0.8
		}
		councils := d.gradeCouncils(s, g)
		if g.Council != "" {
			councils = []string{g.Council}
		}
		if named != nil {
			councils = named
		}
		for _, council := range councils {
			// council is one of a list the sentence gives the grade to, or "".
			c, cb, ok := d.listedCand(s, "grade", g.Value, g.Start, g.End, base, "grade stated in the text", council)
			c.Area = g.Area
			if !ok {
				out = append(out, c)
				continue
			}
			conf := c.Confidence
			// "awarded an overall rating of 'requires improvement', the
			// same grading as 2019": the earlier inspection's judgement,
			// dated by its year.
			if m := reSameAs.FindStringSubmatch(s.Text[g.End:]); m != nil && !g.Previous && g.Area == "overall" {
				e := c
				e.Area, e.Date = "overall", m[1]
				e.Note = "earlier grade (overall) dated by the year the text gives the same judgement (\"" + m[1] + "\")"
				e.Hold(d.councilDoubt(c.Council, cb, s))
				out = append(out, e)
			}
			date, how2, rel, ok, db := d.dateGrade(s, gs, gi, anch, c.Council)
			if !ok && g.Council != "" && g.Lead != g.Start {
				// "In June 2024 Ofsted rated Wirral good, Rotherham
				// outstanding": the list's date is its first grade's.
				for li, h := range gs {
					if h.Start == g.Lead {
						date, how2, rel, ok, db = d.dateGrade(s, gs, li, anch, c.Council)
					}
				}
			}
			if !ok {
				c.Confidence = conf
				c.Review = how2
				c.Note = "grade stated in the text, but " + how2
				if g.AllAreas && !d.date.IsZero() {
					// "good in all areas" of an undated inspection: every
					// area the framework of the document's time grades.
					for _, area := range allBut(frameworkAreas(d.date.Day), g.Except) {
						x := c
						x.Area = area
						out = append(out, x)
					}
					continue
				}
				// Undated, each area the sentence gives it.
				for _, area := range g.Areas {
					x := c
					x.Area = area
					out = append(out, x)
				}
				continue
			}
			if rel {
				conf *= d.relFactor()
			}
			c.Date = date.String()
			if strings.HasPrefix(how2, publicationBasis) && c.Published != "" && date.Day > d.date.End() {
				// A report out after the text ("Tomorrow, Ofsted will
				// publish ..."): the report made the grade public, and
				// published is never before the date (findings v3).
				c.Published = c.Date
			}
			c.Confidence = conf
			what := "grade"
			if g.Previous {
				what = "earlier grade"
			}
			areas := g.Areas
			if g.AllAreas {
				areas = allBut(frameworkAreas(date.Day), g.Except)
			}
			// From 2023, and under the single inspection framework
			// before ILACS, children in care and care leavers are judged
			// apart: the words name two areas.
			if date.Day >= dates.FromYMD(2023, 1, 1) || (date.Day >= dates.FromYMD(2013, 11, 1) && date.End() < dates.FromYMD(2018, 1, 1)) {
				var split []string
				for _, a := range areas {
					if a == "children_in_care_and_care_leavers" {
						split = append(split, "children_in_care", "care_leavers")
					} else {
						split = append(split, a)
					}
				}
				areas = split
			}
			doubt := d.councilDoubt(c.Council, cb, s)
			if doubt == "" {
				doubt = d.gradeDoubt(s, g, db, date, c.Council)
			}
			for _, area := range areas {
				x := c
				x.Area = area
				x.Note = what + " (" + strings.ReplaceAll(area, "_", " ") + ") dated by " + how2
				if g.AllAreas {
					x.Note += "; the text gives it for every area the framework grades"
				}
				if area == "overall" && !g.Explicit && !g.AllAreas && date.Day >= noOverallFrom {
					x.Review = "inspections from April 2026 give no overall grade: the text does not say which area this grade is for"
				}
				z := x
				x.Hold(areaEraDoubt(area, date))
				x.Hold(doubt)
				x.Hold(areaStructureDoubt(s.Text, gs, gi, area))
				out = append(out, x)
				// "rated inadequate in 2013 and (again in) 2015": the same
				// judgement at each of the years.
				if db == dbOwn && date.Prec == dates.PrecYear {
					if y, ok := andYear(s, date); ok {
						z.Date = y.String()
						z.Note = what + " (" + strings.ReplaceAll(area, "_", " ") + ") dated by the second year given with the judgement"
						z.Hold(areaEraDoubt(area, y))
						z.Hold(doubt)
						z.Hold(areaStructureDoubt(s.Text, gs, gi, area))
						out = append(out, z)
					}
				}
			}
		}
	}
	return out
}

// reGroupSubject opens a clause whose subject is a number of councils,
// not one: "10 have been rated", "seven were inadequate", "None have
// been", "Just under one fifth (12) were judged", "half of those
// inspected", "the rest were".
var reGroupSubject = regexp.MustCompile(`(?i)^[\s,;:–—-]*(?:(?:and|but|while|whereas|with|of\s+(?:those|them|these|the\s+\S+(?:\s+\S+){0,6}?))[\s,]+)*(?:(?:only|just|a\s+further|another|just\s+under|just\s+over|more\s+than|fewer\s+than|nearly|almost|around|about|some|over|under)\s+)*(?:\d+(?:\.\d+)?\s*(?:%|per\s*cent)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|none|no\s+(?:other\s+)?(?:council|authority|local\s+authority)|half|most|many|all|a\s+(?:third|quarter|fifth|half)|one[- ](?:third|quarter|fifth)|two[- ]thirds|three[- ]quarters|the\s+rest|the\s+remaining|the\s+majority)\b`)

var reCouncilsWho = regexp.MustCompile(`(?i)\b(?:councils|(?:local\s+)?authorities|LAs)\s+(?:who|which|that|where)\s+(?:were|are|have\s+been|had\s+been|was)\s+(?:judged|rated|graded|found)\s+(?:as\s+|to\s+be\s+)?[‘'"“]?\s*$`)

var reCountedAreas = regexp.MustCompile(`(?i)^\s+(?:of\s+(?:the|its|their)\s+)?(?:(?:key|other|judge?ment|inspection)\s+)?(?:areas?|judge?ments|categories|domains|aspects)\b`)

// reCountedTime: "two years after being handed ...": a time counted, not
// councils.
var reCountedTime = regexp.MustCompile(`(?i)^\s+(?:(?:more|less|fewer)\s+than\s+)?(?:years?|months?|weeks?|days?|decades?|times)\b`)

var reUnnamedAreas = regexp.MustCompile(`(?i)\b(?:a\s+few|some|several|many|no|other|most|few|two|three|four)\s+(?:other\s+)?(?:areas?|aspects?|parts?)\s+(?:that|which|where)?\s*(?:were|are|was|is|had\s+been|have\s+been)?\s*(?:judged|rated|graded|found|deemed|assessed)?\s*(?:overall\s+)?(?:as\s+|to\s+be\s+)?[‘'"“]?\s*$`)

// reGradeOrBefore is "'good' or " right before a grade.
var reGradeOrBefore = regexp.MustCompile(`(?i)[‘'"“]?\s*` + gradeWords + `[’'"”]?\s*(?:,|\bor\b|\band\b)\s*[‘'"“]?\s*$`)

// reCouncilsRated: "Councils rated inadequate", "LAs judged good", in a
// sentence that names no council.
var reCouncilsRated = regexp.MustCompile(`(?i)\b(?:councils|(?:local\s+)?authorities|LAs)\s+(?:judged|rated|graded|found)\s+(?:as\s+|to\s+be\s+)?[‘'"“]?\s*$`)

// councilsInGeneral: t speaks of councils in general ("Among the 41
// councils with judgments out"), not of judgement areas ("progress in
// every area found to be weak", "areas for improvement").
func councilsInGeneral(t string) bool {
	for _, loc := range reCouncilsPlural.FindAllStringIndex(t, -1) {
		if strings.EqualFold(t[loc[0]:loc[1]], "areas") && (reJudgementAreasAfter.MatchString(t[loc[1]:]) || reJudgementAreasBefore.MatchString(t[:loc[0]])) {
			continue
		}
		return true
	}
	return false
}

// reJudgementAreasAfter follows "areas" that are parts of a service, not
// places: "areas for improvement", "areas identified", "areas of
// weakness", "areas that need".
var reJudgementAreasAfter = regexp.MustCompile(`(?i)^\s+(?:for\s+(?:improvement|development|action)|identified|of\s+(?:weakness|concern|practice|strength|the\s+service|children['’]?s\s+services)|needing|requiring|that\s+(?:need|needed|require|required)|which\s+(?:need|needed|require|required)|where\s+(?:improvement|progress|practice))\b`)

// reJudgementAreasBefore: "each of those four areas", "the other
// areas": the areas counted are an inspection's.
var reJudgementAreasBefore = regexp.MustCompile(`(?i)\b(?:(?:each|all|every|any|none)\s+of\s+(?:the|those|these|its|their)|the\s+other|the\s+remaining|those|these)\s+(?:(?:four|five|three|six|two)\s+)?(?:judge?ment\s+|key\s+|inspection\s+)?$`)

// reCouncilsPlural is a plural subject of councils in general.
var reCouncilsPlural = regexp.MustCompile(`(?i)\b(?:councils|(?:local\s+)?authorities|departments|areas)\b`)

// groupSubject reports that the grade at pos is given to a number of
// councils in general: its clause opens with a count, or its subject is
// councils in the plural, and names no council.
func (d *document) groupSubject(s *sent, pos int) bool {
	t := s.Text
	lo := 0
	if i := strings.LastIndexAny(t[:pos], ",;:–—("); i >= 0 {
		lo = i
	}
	// The clause's start: back over a quoted grade's own commas ("nine
	// were rated 'good', 20 'requires improvement' and six").
	clause := t[lo:pos]
	for _, m := range s.Mentions {
		if m.Start >= lo && m.End <= pos {
			return false
		}
	}
	// A date opening the clause is not a count ("Report published: 19
	// October 2015 Overall, the judgement is ...").
	for _, w := range findWhens(clause, dates.Date{}) {
		if strings.Trim(clause[:w.Start], " ,;:–—(") == "" {
			clause = clause[w.End:]
		}
		break
	}
	// "with four areas also rated 'Good' — ...": areas counted, not
	// councils.
	if loc := reGroupSubject.FindStringIndex(clause); loc != nil && (reCountedAreas.MatchString(clause[loc[1]:]) || reCountedTime.MatchString(clause[loc[1]:])) {
		return false
	}
	if reGroupSubject.MatchString(clause) {
		return true
	}
	// "focused visits to councils that were judged as 'requires
	// improvement'", "Councils rated inadequate: a list": councils in
	// general.
	// ("... that are rated 'good' or 'outstanding'": the second grade
	// goes with the first.)
	lead := t[:pos]
	for {
		loc := reGradeOrBefore.FindStringIndex(lead)
		if loc == nil {
			break
		}
		lead = lead[:loc[0]]
	}
	// "some areas that were judged good overall", "no areas that were
	// found to be inadequate": areas the text does not name.
	if reUnnamedAreas.MatchString(lead[max(0, len(lead)-70):]) {
		return true
	}
	if reCouncilsWho.MatchString(lead[max(0, len(lead)-70):]) {
		return true
	}
	if len(s.Mentions) == 0 && reCouncilsRated.MatchString(lead[max(0, len(lead)-70):]) {
		return true
	}
	// The sentence's own opening ("Across 40 inspections, nine
	// councils were judged good, six were inadequate").
	head := t[:pos]
	if len(s.Mentions) == 0 && reGroupSubject.MatchString(head) && reCouncilsPlural.MatchString(head) {
		return true
	}
	return false
}

// reOwnDateAfter is what may stand between a grade and a date that is its
// own: "'good' in 2015", "'requires improvement' it gave it in 2014",
// "'good' under the single inspection framework in 2016", "an
// 'outstanding' rating from its last evaluation in 2018", "inadequate
// for overall effectiveness in 2014".
var reOwnDateAfter = regexp.MustCompile(`(?i)^[’'"”]?\s*\(?\s*(?:(?:once\s+)?again\s+)?(?:(?:ratings?|grades?|judge?ments?|overall)\s+)?(?:(?:for|in)\s+[^,.;]{0,60}?\s+)?(?:(?:(?:it|that|which|the\s+council|they)\s+)?(?:both\s+|each\s+|all\s+)?(?:gave|was\s+given|were\s+given|received|had|got|achieved|awarded)\s+(?:it\s+)?)?(?:(?:under|after|at|by)\s+[^,.;]{0,60}?\s+)?(?:in|since|during|from)?\s*$`)

// reWhenInspectedAfter: "rated 'requiring improvement' when it was last
// inspected in 2015": the clause dates the grade's inspection.
var reWhenInspectedAfter = regexp.MustCompile(`(?i)^[’'"”]?\s*,?\s*when\s+(?:it|they|the\s+(?:council|service|services|department|authority))\s+(?:was|were)\s+(?:last\s+|previously\s+|first\s+|most\s+recently\s+)?inspected\s+(?:in|on|during|between)?\s*$`)

// reListVerbGap: the words between a list of areas and the grade given
// to all of them ("– were all rated as", "performance were each judged").
var reListVerbGap = regexp.MustCompile(`(?i)\s*(?:performance|services?|practice|work)?\s*[’'"”]?\s*[–—-]?\s*(?:were|are|have\s+been|had\s+been)\s+(?:all\s+|each\s+|both\s+)?(?:rated|judged|graded|assessed|found)\s+(?:as\s+|to\s+be\s+)?[‘'"“]?\s*$`)

// reAppositiveDate: an inspection's or report's date set off after it
// (", published on", ", carried out in", " in").
var reAppositiveDate = regexp.MustCompile(`(?i)^\s*,?\s*(?:which\s+was\s+|that\s+was\s+)?(?:published|carried\s+out|conducted|held|undertaken|released)?\s*(?:on|in|during)?\s*$`)

// reSubjectVerbGap: after the date, the verb whose subject the inspection
// is, up to the grade ("), saw every category rated as", ", found it").
var reSubjectVerbGap = regexp.MustCompile(`(?i)^\s*,?\s*(?:saw|found|rated|judged|graded|gave|concluded|left|resulted\s+in)\b[^;,.]{0,60}$`)

// reTimeClauseHead: a sentence opening with a time clause about an
// inspection ("When Ofsted last inspected the council in", "The last time
// the service was inspected, in", "At its previous inspection in").
var reTimeClauseHead = regexp.MustCompile(`(?i)^\s*(?:when|the\s+(?:last|previous|first)\s+time|at\s+(?:its|their|the)\s+(?:last|previous|first)\s+(?:full\s+)?inspection|after\s+(?:its|their|the|an?)\s+(?:last\s+|previous\s+|first\s+)?inspection)\b[^,;]{0,80}\b(?:inspect\w*|visit\w*|ofsted|inspection)\b[^,;]{0,30}$`)

// reMainClauseGrade: the main clause after such a time clause, giving the
// grade ("..., it was given the lowest rating of", "..., services were
// rated").
var reMainClauseGrade = regexp.MustCompile(`(?i)^\s*,\s*(?:it|they|the\s+(?:council|authority|department|service|services)|services|children['’]?s\s+services)\s+(?:was|were|had\s+been|has\s+been)\s+(?:given|handed|awarded|rated|judged|graded|found|deemed|assessed)\b[^;,]{0,60}$`)

// reOwnDateBefore links a date before a grade to it: "inspection in 2013,
// when the borough was rated", "since 2018 when services were found to",
// "an inspection in January 2020 whereby the council ... received an
// 'outstanding' judgement", "its last inspection in 2016, which judged
// them".
var reOwnDateBefore = regexp.MustCompile(`(?i)^[^;]{0,40}?[,\s]\s*(?:when|which|whereby|where|that|after\s+which)\b[^;]{0,110}$|^\s+(?:\w+\s+)?(?:became|become|was|were|has|have|had|received|receive|got|achieved|earned)\b[^;,]{0,70}$|^\s*,?\s*(?:the\s+\w+\s+)?(?:was|were|had\s+been|has\s+been|is)\s+(?:judged|rated|graded|found)\b[^;]{0,40}$|^[^;]{0,60}\b(?:concluded|found|judged|rated)\s+(?:that\s+)?[^;]{0,80}$`)

// reButClause: ", but the latest inspection ...": a contrast opening a
// clause of its own between a date and a grade; the date is the other
// clause's.
var reButClause = regexp.MustCompile(`(?i),\s*(?:but|whereas|while|although|though|however)\s+(?:the|its|their|this|it|they|now|inspectors|ofsted)\b`)

// reClauseDateHead: the words before a date that opens its clause;
// reClauseSubjectVerb: the clause's subject (a few words) and a verb that
// gives or keeps a grade, with nothing else between the date and the grade.
var (
	reClauseDateHead = regexp.MustCompile(`(?i)(?:^|[,;:]\s*)\s*(?:in|during|by|from)?\s*$`)
	// "In 2022 Ofsted said the council's services required improvement":
	// the year heads what the inspectorate said then.
	reClauseSaid        = regexp.MustCompile(`(?i)^\s*,?\s*(?:ofsted|inspectors|the\s+(?:inspectorate|watchdog|regulator))\s+(?:said|found|judged|concluded|rated|deemed|ruled)\b[^;,]{0,80}$`)
	reClauseSubjectVerb = regexp.MustCompile(`(?i)^\s*,?\s*(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,4}?(?:was|were|has\s+been|had\s+been|retained|retains|kept|keeps|maintained|held|received|got|achieved|earned|became)\s+(?:(?:able\s+to|again|once\s+again|also|then)\s+)?(?:retain|keep|maintain|hold)?[^;,]{0,40}$`)
)

var reClauseBreak = regexp.MustCompile(`(?i)\b(?:while|whereas|although|but|since|however)\b|;`)

// ownDate is a date the sentence gives the grade itself: right after it in
// its clause, or before it and linked to it ("in 2014, when ... was
// rated"), with no other grade in between.
func ownDate(s *sent, gs []gradeMention, gi int) (*when, bool) {
	g := gs[gi]
	t := s.Text
	for i := range s.Whens {
		w := &s.Whens[i]
		if w.Future || w.Start < g.End || publishedBefore(t, w.Start) {
			continue
		}
		gap := t[g.End:w.Start]
		if len(gap) > 90 || otherGradeIn(gs, gi, g.End, w.Start) || reClauseBreak.MatchString(gap) || reAnyJudgement.MatchString(gap) ||
			reSameAsBefore.MatchString(t[:w.Start]) {
			break
		}
		if reOwnDateAfter.MatchString(gap) || reWhenInspectedAfter.MatchString(gap) {
			return w, true
		}
		break
	}
	for i := len(s.Whens) - 1; i >= 0; i-- {
		w := &s.Whens[i]
		if w.Future || w.End > g.Start || publishedBefore(t, w.Start) {
			continue
		}
		gap := t[w.End:g.Start]
		if len(gap) > 170 || otherGradeIn(gs, gi, w.End, g.Start) || strings.Contains(gap, ";") || reAnyJudgement.MatchString(gap) ||
			reButClause.MatchString(gap) ||
			reJudgementRightBefore.MatchString(t[max(0, w.Start-45):w.Start]) {
			break
		}
		if reOwnDateBefore.MatchString(gap) {
			return w, true
		}
		// "In 2021 the council managed to retain its 'outstanding'
		// grading": a date heading the clause dates what its subject
		// was given or kept.
		if reClauseDateHead.MatchString(t[:w.Start]) && (reClauseSubjectVerb.MatchString(gap) || reClauseSaid.MatchString(gap)) {
			return w, true
		}
		// "The last time it was inspected, in 2015, it was rated
		// inadequate": a time clause heading the sentence dates the main
		// clause's grade.
		if reTimeClauseHead.MatchString(t[:w.Start]) && reMainClauseGrade.MatchString(gap) {
			return w, true
		}
		// "the local authority's 2015 'inadequate' verdict": a year
		// naming the judgement it stands before.
		if reQuoteOnly.MatchString(gap) && reVerdictAfter.MatchString(t[g.End:]) {
			return w, true
		}
		break
	}
	return nil, false
}

// reAnyJudgement: a judgement word of any framework, the contract's four
// grades or an older one ("up from the 'adequate' it was given in
// 2011"): a date past one belongs to that judgement.
var reAnyJudgement = regexp.MustCompile(`(?i)\b(?:outstanding|good|inadequate|adequate|requir(?:es?|ing)\s+improvement|excellent|poor(?:ly)?|performs?\s+well)\b`)

// reJudgementRightBefore: a date that follows a judgement at once ("rated
// as 'Inadequate' between 2010 and 2011") is that judgement's.
var reJudgementRightBefore = regexp.MustCompile(`(?i)\b(?:outstanding|good|inadequate|adequate|improvement|excellent|poor(?:ly)?)[’'"”]?\s*(?:in|between|from|during|since|at|for\s+\w+\s+in|between\s+(?:19|20)\d{2}\s+and)?\s*$`)

// rePublishedBefore: a date that is a report's publication, not the
// inspection's ("The outcome published on 13th June 2017").
var rePublishedBefore = regexp.MustCompile(`(?i)\b(?:published|publication(?:\s+date)?|released|came\s+out)\s*:?\s+(?:on\s+|in\s+)?$`)

// rePublishVerb and reInspectWord tell a clause about a report's
// publication from one about the inspection.
var (
	rePublishVerb = regexp.MustCompile(`(?i)\b(?:publish(?:ed|es|ing)?|publication)\b`)
	reInspectWord = regexp.MustCompile(`(?i)\b(?:inspect\w*|visit\w*|on\s+site|fieldwork)\b`)
	reClauseStart = regexp.MustCompile(`[:.]|,\s+(?:and|but|while|which|when)\b`)
)

// publishedBefore says the date at start is a report's publication: right
// after "published on", or in a clause about publishing that names no
// inspection ("Ofsted published its report today (Friday 31 March, 2017)
// and judged ...").
func publishedBefore(t string, start int) bool {
	if rePublishedBefore.MatchString(t[:start]) {
		return true
	}
	clause := t[max(0, start-90):start]
	if locs := reClauseStart.FindAllStringIndex(clause, -1); len(locs) > 0 {
		clause = clause[locs[len(locs)-1][1]:]
	}
	return rePublishVerb.MatchString(clause) && !reInspectWord.MatchString(clause)
}

func otherGradeIn(gs []gradeMention, gi, lo, hi int) bool {
	for j, h := range gs {
		if j != gi && h.Start < hi && h.End > lo {
			return true
		}
	}
	return false
}

// reNewsDay is a day of the news itself: the report's publication.
var reNewsDay = regexp.MustCompile(`(?i)^(?:today|yesterday|this\s+week)$`)

// unresolvedNewsDay says w is the news's own day ("today") in a page with
// no date to resolve it against: the report's day, not an inspection's.
func (w *when) unresolvedNewsDay() bool { return !w.OK && reNewsDay.MatchString(w.Text) }

var reAtTheTime = regexp.MustCompile(`(?i)^(?:at\s+the\s+time|at\s+that\s+(?:time|inspection)|then)\b`)

// dateGrade dates a grade: a date the sentence gives the judgement itself
// ("rated 'good' in 2015", "In July 2023, ... rating", "its last inspection
// in 2016, which judged them inadequate"); else an inspection dated in the
// same sentence; for a sentence opening "At the time", the date of the
// sentence before; else the council's current inspection in the article
// (for an earlier grade, the inspection the article looks back to). The
// reason is returned when there is none.
func (d *document) dateGrade(s *sent, gs []gradeMention, gi int, anch []anchor, council string) (dates.Date, string, bool, bool, dateBasis) {
	g := gs[gi]
	if w, ok := ownDate(s, gs, gi); ok {
		if !w.OK {
			// An undated page saying the report "is out today" and
			// grades the council, having dated the inspection in full:
			// "today" is the report's day, and v3 dates the grade by
			// the inspection.
			if !g.Previous && w.unresolvedNewsDay() {
				if e, ok := d.currentFor(council, g.Value); ok && !e.Insp.IsZero() && !e.InspRel && !e.Previous {
					return e.Insp, "the inspection the article dates in full (its \"" + w.Text + "\" is the report's day, which the page does not date)", false, true, dbCurrent
				}
			}
			return dates.Date{}, "its date cannot be resolved: " + w.Why, false, false, dbOwn
		}
		// "Inspectors returned in November and gave a 'good' rating": an
		// inspection month the text gives only against the article's date
		// is dated as such inspections are (gradeDate), with the report
		// the article dates.
		if w.Relative && !g.Previous && w.Date.Prec == dates.PrecMonth {
			e := event{Council: council, Insp: w.Date, InspRel: true, Rel: true}
			if cur, ok := d.current(council, 0); ok && !cur.Pub.IsZero() {
				e.Pub = cur.Pub
			}
			if date, why, rel, ok := d.gradeDate(e); ok {
				return date, why, rel, true, dbOwn
			}
		}
		date, why := w.Date, "the date given with the judgement (\""+w.Text+"\")"
		// "The most recent inspection in 2024 ... maintained its
		// 'outstanding' judgement": the article's day for that inspection.
		if date.Prec == dates.PrecYear {
			// ... and an earlier grade's year, the earlier inspection the
			// article dates within it ("rated inadequate in 2016" beside
			// "inspected in March 2016").
			e, ok := d.current(council, 0)
			if g.Previous {
				e, ok = d.previous(council)
			}
			if ok {
				if x, _, _, ok := d.gradeDate(e); ok && x.Prec < date.Prec && coarsen(x, dates.PrecYear) == date {
					date, why = x, why+", the inspection the article dates that year"
				}
			}
		}
		return date, why, w.Relative, true, dbOwn
	}
	if g.Status {
		// "an 'inadequate' council": the standing its last inspection
		// gave it, whenever the article dates that (the report an article
		// about a visit reports is the visit's, not the grade's).
		var best event
		for _, e := range d.events[council] {
			day := e.Insp
			if day.IsZero() {
				day = e.Rating
			}
			if !day.IsZero() && (best.latest() == 0 || day.Day > best.latest()) {
				best = event{Insp: day, Rel: e.Rel}
			}
		}
		if best.latest() != 0 {
			return best.Insp, "the inspection the article dates for the standing the grade describes", best.Rel, true, dbStanding
		}
		return dates.Date{}, "the grade describes the council's standing; the text gives no date for the inspection behind it", false, false, dbStanding
	}
	if !g.Previous {
		for _, a := range anch {
			if a.Kind != anRating || a.When == nil || !a.When.OK || a.When.Future || publishedBefore(s.Text, a.When.Start) ||
				reSameAsBefore.MatchString(s.Text[:a.When.Start]) {
				continue
			}
			if gap(a.Start, a.End, g.Start, g.End) <= 40 || (g.Paraphrase && a.Start >= g.Start && a.End <= g.End) {
				if reClauseBreak.MatchString(between(s.Text, a.Start, a.End, a.When.Start, a.When.End)) ||
					reAnyJudgement.MatchString(between(s.Text, g.Start, g.End, a.When.Start, a.When.End)) ||
					(a.When.End <= g.Start && reJudgementRightBefore.MatchString(s.Text[max(0, a.When.Start-45):a.When.Start])) {
					continue
				}
				return a.When.Date, "the date given with the judgement (\"" + a.When.Text + "\")", a.When.Relative, true, dbOwn
			}
		}
		for _, a := range anch {
			if (a.Kind != anInspection && a.Kind != anReport) || a.When == nil || !a.When.OK || a.When.Future {
				continue
			}
			if gap(a.Start, a.End, g.Start, g.End) <= 60 && !reClauseBreak.MatchString(between(s.Text, a.Start, a.End, g.Start, g.End)) &&
				!prevEvent(s.Text, a.Start) {
				e := event{Council: council, Rel: a.When.Relative}
				if a.Kind == anReport {
					e.Pub = a.When.Date
					// "The report, published today, rated it 'good'" beside
					// "Inspectors visited in March": v3 dates the grade by
					// the inspection the article dates for that report.
					if cur, ok := d.current(council, 0); ok && !cur.Insp.IsZero() && cur.Insp.Day <= e.Pub.Day && e.Pub.Day-cur.Insp.Day <= reportWindow {
						e.Insp, e.InspRel = cur.Insp, cur.InspRel
						e.Rel = e.Rel || cur.Rel
					}
				} else {
					e.Insp, e.InspRel = a.When.Date, a.When.Relative
				}
				if date, why, rel, ok := d.gradeDate(e); ok {
					return date, why, rel, true, dbAnchor
				}
			}
		}
	}
	// "The last full inspection, published on 29 July 2019, saw every
	// category rated as ...": the sentence's subject is the inspection
	// the grade is from, earlier or not, with its date beside it.
	for _, a := range anch {
		if (a.Kind != anInspection && a.Kind != anReport) || a.When == nil || !a.When.OK || a.When.Future ||
			a.End > g.Start || a.When.End > g.Start || a.When.Start < a.End {
			continue
		}
		if !reAppositiveDate.MatchString(s.Text[a.End:a.When.Start]) || !reSubjectVerbGap.MatchString(s.Text[a.When.End:g.Start]) {
			continue
		}
		// "Last month's inspection, the latest, moved Medway down
		// from 'requires improvement'": an earlier grade is
		// not the latest inspection's.
		if g.Previous && !prevEvent(s.Text, a.Start) {
			continue
		}
		e := event{Council: council, Rel: a.When.Relative}
		if a.Kind == anReport || rePublishedBefore.MatchString(s.Text[:a.When.Start]) {
			e.Pub = a.When.Date
		} else {
			e.Insp, e.InspRel = a.When.Date, a.When.Relative
		}
		if date, why, rel, ok := d.gradeDate(e); ok {
			return date, why + ", the inspection the sentence's subject names", rel, true, dbAnchor
		}
	}
	if reAtTheTime.MatchString(s.Text) && s.Idx > 0 {
		prev := &d.sents[s.Idx-1]
		if prev.P == s.P || prev.P.N+1 == s.P.N {
			for i := len(prev.Whens) - 1; i >= 0; i-- {
				if w := prev.Whens[i]; w.OK && !w.Future {
					return w.Date, "the date of the inspection the sentence before names (\"" + w.Text + "\")", w.Relative, true, dbAtTheTime
				}
			}
		}
	}
	if !g.Previous {
		if e, ok := d.currentFor(council, g.Value); ok {
			// "rated inadequate in Ofsted's re-inspection", in a text
			// that dates only "the 2014 inspection" whose findings the
			// council was slow to act on: an inspection dated by a year
			// alone and not called a re-inspection is likely the earlier
			// one. (Ofsted's record cannot tell: a re-inspection may
			// give the very grades of the inspection before it.)
			if d.undatedReinspection[council] && !e.Reinspection && e.finestPrec() == dates.PrecYear {
				return dates.Date{}, "the text reports a re-inspection it does not date; the inspection it dates by a year alone is not called one, so it may be the earlier inspection", false, false, dbCurrent
			}
			if date, why, rel, ok := d.gradeDate(e); ok {
				return date, why + ", the latest inspection the article dates", rel, true, dbCurrent
			}
		}
		for _, w := range s.Whens {
			if !w.OK && w.Why != "" {
				return dates.Date{}, "its date cannot be resolved: " + w.Why, false, false, dbCurrent
			}
		}
		return dates.Date{}, "the text gives no date for the inspection behind this grade", false, false, dbCurrent
	}
	if e, ok := d.previous(council); ok {
		if date, why, rel, ok := d.gradeDate(e); ok {
			return date, why + ", the previous inspection the article dates", rel, true, dbPrevious
		}
	}
	return dates.Date{}, "the text gives no date for the earlier inspection behind this grade", false, false, dbPrevious
}

// reListSep is what stands between the councils of one list: commas,
// semicolons, "and", a bare space ("Coventry Knowsley" where a list lost
// its punctuation), a place ("Waltham Forest in London and ..."), a
// council's style or initials ("Royal Borough of Kensington and Chelsea
// (RBKC) and Westminster City Council").
var reListSep = regexp.MustCompile(`^(?:\s*(?:in\s+(?:north|south|east|west|central|inner|outer)?\s*(?:[A-Z][\w'’-]*\s*){1,2}|in\s+the\s+(?:north|south|east|west|midlands)(?:[\s-]+(?:east|west))?\b|(?:(?:Metropolitan\s+)?(?:City|County|Borough|District)\s+)?Council\b|\([A-Z&]{2,8}\)|(?:the\s+)?(?:Royal|London|Metropolitan)\s+Borough\s+of\b|(?:the\s+)?(?:City|County|Borough)\s+of\b)?\s*(?:,|;|\band\b|&|\bor\b|–|—)?\s*)+$`)

// rePlaceApposition is ", in East Yorkshire," after a council's name.
var rePlaceApposition = regexp.MustCompile(`,\s*in\s+(?:the\s+)?(?:[A-Z][\w'’-]*|north|south|east|west|midlands)(?:[\s-]+(?:[A-Z][\w'’-]*|north|south|east|west)){0,2}\s*,`)

// listAround is the list of councils (two or more, named one after another)
// that mention k of s belongs to, as indexes into s.Mentions.
func listAround(s *sent, k int) []int {
	lo, hi := k, k
	for lo > 0 && reListSep.MatchString(s.Text[s.Mentions[lo-1].End:s.Mentions[lo].Start]) && s.Mentions[lo-1].Council != s.Mentions[lo].Council {
		lo--
	}
	for hi+1 < len(s.Mentions) && reListSep.MatchString(s.Text[s.Mentions[hi].End:s.Mentions[hi+1].Start]) && s.Mentions[hi+1].Council != s.Mentions[hi].Council {
		hi++
	}
	var out []int
	for i := lo; i <= hi; i++ {
		out = append(out, i)
	}
	return out
}

// reListIntro before a list after its grade: "The seven judged
// 'inadequate' ... are: A; B; C", "... were rated outstanding: A, B".
var reListIntro = regexp.MustCompile(`(?:\b(?:are|were|include|included|namely)\s*:?|:)\s*$`)

// gradeCouncils is the councils a grade belongs to when the sentence gives
// it to a list of them: the list right before it ("St Helens in Merseyside
// and Waltham Forest in London ... were both given an overall
// 'requires improvement' judgment"), or a list after it introduced by a
// colon ("The seven judged 'inadequate' ... are: Birmingham; ...").
// Otherwise one "" (the sentence's own rules name the council).
func (d *document) gradeCouncils(s *sent, g gradeMention) []string {
	if len(s.Mentions) < 2 {
		return []string{""}
	}
	near := -1
	for k, m := range s.Mentions {
		if m.End <= g.Start {
			near = k
		}
	}
	// "Kensington and Chelsea (RBKC)": the initials in brackets are the
	// name before them again.
	for near > 0 && s.Mentions[near-1].Council == s.Mentions[near].Council &&
		strings.Trim(s.Text[s.Mentions[near-1].End:s.Mentions[near].Start], " (") == "" {
		near--
	}
	names := func(idx []int) []string {
		var out []string
		for _, k := range idx {
			out = appendOnce(out, s.Mentions[k].Council)
		}
		return out
	}
	// "Hull and Halton, rated 'adequate' and 'good' respectively the
	// time before": the k-th judgement is the k-th council's.
	if near >= 0 && reRespectively.MatchString(s.Text[g.End:]) {
		list := listAround(s, near)
		if len(list) >= 2 && list[len(list)-1] == near {
			js := reAnyJudgement.FindAllStringIndex(s.Text[s.Mentions[near].End:], -1)
			if len(js) == len(list) {
				for i, j := range js {
					if lo, hi := s.Mentions[near].End+j[0], s.Mentions[near].End+j[1]; lo < g.End && hi > g.Start {
						return []string{s.Mentions[list[i]].Council}
					}
				}
			}
		}
	}
	// "... up from the requires improvement ratings both were given in 2016":
	// every council named before it in the clause.
	if near >= 0 && reBothAfter.MatchString(s.Text[g.End:min(len(s.Text), g.End+30)]) {
		var idx []int
		for k, m := range s.Mentions {
			if m.End <= g.Start && !reClauseBreak.MatchString(s.Text[m.End:g.Start]) {
				idx = append(idx, k)
			}
		}
		if len(idx) >= 2 {
			return names(idx)
		}
	}
	if near >= 0 {
		list := listAround(s, near)
		gapText := rePlaceApposition.ReplaceAllString(s.Text[s.Mentions[near].End:g.Start], " ")
		gapText = reInitials.ReplaceAllString(gapText, " ")
		if len(list) >= 2 && list[len(list)-1] == near && !reClauseBreak.MatchString(gapText) &&
			!strings.Contains(gapText, ",") {
			return names(list)
		}
		if len(list) >= 2 && list[len(list)-1] == near && dashApposition(s.Text, s.Mentions[list[0]].Start, s.Mentions[near].End, g.Start) {
			return names(list)
		}
		return []string{""}
	}
	// A list after the grade.
	first := -1
	for k, m := range s.Mentions {
		if m.Start >= g.End {
			first = k
			break
		}
	}
	if first < 0 || !reListIntro.MatchString(s.Text[:s.Mentions[first].Start]) {
		return []string{""}
	}
	list := listAround(s, first)
	if len(list) < 2 || list[0] != first {
		return []string{""}
	}
	return names(list)
}

// reInitials: a council's initials in brackets after its name ("(RBKC)").
var reInitials = regexp.MustCompile(`\s*\([A-Z&]{2,8}\)`)

var reRespectively = regexp.MustCompile(`(?i)^[^.;]{0,60}?\brespectively\b`)

var reBothAfter = regexp.MustCompile(`(?i)^[’'"”]?\s*(?:ratings?|grades?|judge?ments?)?\s*(?:both|each)\b`)

// dashApposition: "two further authorities – A and B – this week became":
// a list set off by dashes, the grade after the closing dash.
func dashApposition(t string, start, end, g int) bool {
	open := strings.TrimSpace(t[max(0, start-3):start])
	rest := t[end:g]
	return (strings.HasSuffix(open, "–") || strings.HasSuffix(open, "—") || strings.HasSuffix(open, "-")) &&
		(strings.HasPrefix(strings.TrimSpace(rest), "–") || strings.HasPrefix(strings.TrimSpace(rest), "—") || strings.HasPrefix(strings.TrimSpace(rest), "-")) &&
		!reClauseBreak.MatchString(rest)
}

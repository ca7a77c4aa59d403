package text

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/findings"
)

// figure is a number a sentence states about the workforce.
type figure struct {
	Measure    string
	Value      string
	Qualifier  string
	Scope      string
	Start, End int  // the number (with its qualifier) in the sentence
	Earlier    bool // the first value of "from 39% to 25%": an older level
	When       *when
	// Councils, when set, are the councils the sentence gives the figure
	// to in so many words ("26.4 for Staffordshire", "Westminster, Sutton
	// ... each recording less than 13", "the latter reporting 12").
	Councils []string
	// Later marks the second value of a change ("rose from 345 to 368"),
	// dated by the second year of "between 2017 and 2020".
	Later bool
	// Now marks the level a planned change starts from ("plans to cut
	// caseloads from 24 to 18"): the level when the text was written.
	Now bool
	// Since marks the level a figure "had since risen to": later than the
	// figure before it, dated as the sentence's present.
	Since bool
	// Doubt, when set, is why the figure may not be the council's level
	// of the measure for its children's social workers: a share of a
	// whole workforce, rates in the plural (several places'). The figure
	// is read and goes to review with this reason.
	Doubt string
}

const (
	numWordRE = `one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety`
	numRE     = `(\d{1,3}(?:,\d{3})*(?:\.\d+)?|(?:` + numWordRE + `)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)`
	qualRE    = `(?:(over|more\s+than|in\s+excess\s+of|above|upwards\s+of|at\s+least|exceeding|nearly|almost|around|about|approximately|roughly|some|circa|up\s+to|as\s+many\s+as|as\s+high\s+as|a\s+maximum\s+of|an\s+average\s+of|on\s+average|averaging|an\s+average|average\s+of|under|fewer\s+than|less\s+than|below)\s+)?`
	pctRE     = `(\d{1,3}(?:\.\d+)?)\s*(?:%|per\s*cent\b|percent\b|pc\b)`
	// pctWord is a per cent sign or word after a number, as the figure
	// rules read it ("pc" as some papers print it).
	pctWord = `(?:%|per\s*cent|percent|pc\b)`
)

// qualifiers maps the words before a number to the contract's qualifier.
func qualifier(words string) string {
	w := strings.ToLower(strings.Join(strings.Fields(words), " "))
	switch w {
	case "":
		return "exact"
	case "over", "more than", "in excess of", "above", "upwards of", "at least", "exceeding", "just over":
		return "over"
	case "up to", "as many as", "as high as", "a maximum of":
		return "up_to"
	case "an average of", "on average", "averaging", "an average", "average of":
		return "average"
	case "under", "fewer than", "less than", "below", "just under", "just below":
		return "under"
	case "nearly", "almost", "around", "about", "approximately", "roughly", "some", "circa":
		return "about"
	}
	return "exact"
}

// number reads digits or words ("forty-five").
func number(s string) (float64, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if n, err := strconv.ParseFloat(findings.StripThousands(s), 64); err == nil {
		return n, true
	}
	total := 0
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == ' ' }) {
		v, ok := numberWords[part]
		if !ok {
			return 0, false
		}
		total += v
	}
	return float64(total), total > 0
}

func formatNum(n float64) string { return strconv.FormatFloat(n, 'f', -1, 64) }

// A figure's pattern: the measure, the regexp, and which groups hold the
// qualifier words, the number and the words between the measure and the
// number (checked for comparisons and changes).
type figPattern struct {
	measure string
	re      *regexp.Regexp
	qual    int // group of the qualifier words
	num     int // group of the number
	gap     int // group of the words in between (0: none)
}

var figPatterns = []figPattern{
	// caseloads of over 40; average caseload was 18; caseloads as high as 30
	{"caseload", regexp.MustCompile(`(?i)\b(?:average\s+)?caseloads?(?:\s+rate)?(?:\s+per\s+(?:qualified\s+)?(?:social\s+worker|practitioner|worker))?\b((?:\s+(?:in|within|across|for|of)\s+(?:the\s+)?[a-z'’ -]{2,40}?(?:teams?|service|services))?\s*(?:of|at|:|\(|averaging|averaged|averages?\s+(?:of|at|was|is|were|are)|(?:were|was|are|is)(?:\s+now)?(?:\s+at)?|stood\s+at|stands?\s+at|remain(?:s|ed)?\s+(?:high\s+|stable\s+|steady\s+)?at|reached|reaching|rising\s+to|rose\s+to|had\s+risen\s+to|(?:(?:had|has|have)\s+)?(?:now\s+|since\s+)?(?:been\s+)?(?:reduced|cut|lowered|brought\s+down|fallen|dropped|risen|increased|decreased|grown|come\s+down|gone\s+(?:up|down))\s+to|remain(?:ed)?\s+at|exceed(?:ed|s|ing)?|(?:rose|fell|dropped|increased|decreased|went\s+(?:up|down))\s+from|[–—-]?\s*(?:down|up)\s+from|measure,?\s+(?:(?:these|they|which)\s+)?(?:rose|fell|dropped|increased|decreased|went\s+(?:up|down))\s+from)?\s*)` + qualRE + numRE + `\b(?:\s+(?:cases|children))?`), 2, 3, 1},
	// 25 cases per social worker; 30 children each
	{"caseload", regexp.MustCompile(`(?i)()\b` + qualRE + numRE + `\s+(?:cases|children|families)\s+(?:on\s+average\s+)?(?:each|apiece|per\s+(?:social\s+)?worker|per\s+practitioner|per\s+social\s+worker)\b`), 2, 3, 0},
	// the average number of children per social worker is 16
	{"caseload", regexp.MustCompile(`(?i)\b(?:average\s+)?number\s+of\s+(?:cases|children|families)\s+(?:(?:per|for\s+each|each)\s+(?:qualified\s+)?(?:social\s+worker|practitioner|worker)|held\s+by\s+(?:each\s+|a\s+)?(?:social\s+workers?|practitioners?))\b(\s+(?:is|was|were|are|stands\s+at|stood\s+at|(?:(?:had|has|have)\s+)?(?:now\s+)?(?:been\s+)?(?:reduced|cut|lowered|fallen|dropped|risen|increased|decreased|come\s+down|gone\s+(?:up|down))\s+to|(?:fell|dropped|rose)\s+to)(?:\s+now)?\s+)` + qualRE + numRE + `\b`), 2, 3, 1},
	// (caseloads ...) less than 13 per practitioner
	{"caseload", regexp.MustCompile(`(?i)\b(caseloads?\b[^.;%]{0,160}?)\b` + qualRE + numRE + `\s+(?:a|per)\s+(?:social\s+worker|practitioner|worker|caseholder|FTE|full[- ]time\s+equivalent)\b`), 2, 3, 0},
	// the number of FTE social workers rose from 345 to 368
	{"social_workers", regexp.MustCompile(`(?i)\b(?:full[- ]time[- ]equivalent|FTE|number)\s+(?:of\s+)?(?:children['’]?s\s+)?(?:qualified\s+)?social\s+workers\b(\s+(?:rose|fell|increased|decreased|grew|dropped|went\s+(?:up|down)|climbed|has\s+(?:risen|fallen|grown))\s+from\s+)` + qualRE + numRE), 2, 3, 0},
	// the average caseload in Calderdale was 19.2 (the council is the one
	// named; England or a region is a comparison, below)
	{"caseload", regexp.MustCompile(`(?i)\b(?:average\s+)?caseloads?\b(\s+(?:in|at|for|across)\s+[a-z'’&,. -]{2,40}?\s+(?:was|were|is|are|stood\s+at|stands\s+at|averaged|remained\s+at|(?:had\s+)?(?:risen|fallen|rose|fell|dropped)\s+to)\s+)` + qualRE + numRE + `\b`), 2, 3, 1},
	// social workers each held over 40 children
	{"caseload", regexp.MustCompile(`(?i)\b(?:social\s+workers?|practitioners?|workers|staff)\b([^.;:]{0,60}?\b(?:responsible\s+for|carrying|carry|carried|carries|held|hold|holding|holds|working\s+with|work\s+with|works\s+with|allocated|has|have|had|handle|handles|handled|handling|manage|manages|managed|managing)\s+)` + qualRE + numRE + `\s+(?:children|cases|families)\b`), 2, 3, 1},
	// vacancy rate of 25%; the vacancy rate in two teams was 35%
	{"vacancy_rate", regexp.MustCompile(`(?i)\bvacanc(?:y|ies)(?:\s+rates?)?\b([^.;%]{0,80}?)` + qualRE + pctRE), 2, 3, 1},
	{"vacancy_rate", regexp.MustCompile(`(?i)()\b` + qualRE + pctRE + `\s+(?:social\s+work(?:er)?\s+)?vacancy\s+rate\b`), 2, 3, 0},
	{"vacancy_rate", regexp.MustCompile(`(?i)()\b` + qualRE + pctRE + `\s+of\s+(?:the\s+|its\s+)?(?:[\w'’-]+\s+){0,4}(?:posts|roles|positions)\s+(?:were\s+|are\s+|was\s+|is\s+|remain\s+|remained\s+|stood\s+)?(?:vacant|unfilled|empty|not\s+filled)\b`), 2, 3, 0},
	// agency staff made up 40%; 40% of social workers were agency staff
	{"agency_rate", regexp.MustCompile(`(?i)(?:^|[^-\w])agency\s+(?:social\s+)?(?:staff|workers?(?:\s+rate)?|social\s+workers?(?:\s+rate)?|workforce|rate|usage|use|social\s+work\s+staff)\b([^.;%]{0,60}?)` + qualRE + pctRE), 2, 3, 1},
	{"agency_rate", regexp.MustCompile(`(?i)()\b` + qualRE + pctRE + `,?\s+of\s+(?:the\s+)?(?:council['’]s\s+|its\s+)?(?:children['’]s\s+)?(?:social\s+workers|social\s+work\s+workforce|workforce|staff|practitioners|social\s+work\s+posts)\s+(?:were|are|was|is)\s+(?:(?:employed|supplied|provided|recruited)\s+(?:through|by|via|from)\s+)?(?:from\s+)?(?:an?\s+)?agenc(?:y|ies)\b`), 2, 3, 0},
	{"agency_rate", regexp.MustCompile(`(?i)()\b` + qualRE + pctRE + `\s+agency\s+(?:rate|staff|workers)\b`), 2, 3, 0},
	// over 30 percent of its children's social work staff (and ...) are
	// agency now; 20 per cent of the service's staff were brought in from
	// agencies
	{"agency_rate", regexp.MustCompile(`(?i)()\b` + qualRE + pctRE + `\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}(?:staff|workers|social\s+workers|SWs?|workforce|practitioners)\b(?:\s+and\s+[^.;]{0,80}?)?\s+(?:are|were|is|was)\s+(?:now\s+|currently\s+)?(?:(?:called|brought|drafted|bought)\s+in\s+|hired\s+|employed\s+|supplied\s+|sourced\s+|recruited\s+|provided\s+)?(?:from\s+|through\s+|via\s+|by\s+)?(?:an?\s+)?agenc(?:y|ies)\b`), 2, 3, 0},
	// 20% of social work posts are filled by agency workers
	{"agency_rate", regexp.MustCompile(`(?i)()\b` + qualRE + pctRE + `\s+of\s+(?:the\s+|its\s+|all\s+)?(?:council['’]s\s+)?(?:children['’]?s\s+)?(?:social\s+work(?:er)?\s+|qualified\s+)?(?:posts|roles|positions|jobs)\s+(?:are|were|is|was)\s+(?:now\s+|currently\s+)?(?:filled|covered|staffed|held)\s+(?:by|through|via)\s+(?:an?\s+)?agenc(?:y|ies)\b`), 2, 3, 0},
	// turnover of 20%; 20% turnover
	{"turnover_rate", regexp.MustCompile(`(?i)\bturnover(?:\s+rates?)?(?:\s+of\s+(?:social\s+workers|staff))?\b([^.;%]{0,80}?)` + qualRE + pctRE), 2, 3, 1},
	{"turnover_rate", regexp.MustCompile(`(?i)()\b` + qualRE + pctRE + `\s+(?:staff\s+|social\s+worker\s+|workforce\s+)?turnover\b`), 2, 3, 0},
	// "Social workers (FTE): 179.9", "FTE social workers: 243.2"
	{"social_workers", regexp.MustCompile(`(?i)\b(?:(?:number\s+of\s+)?(?:fte|full[- ]time[- ]equivalent)\s+(?:children['’]?s\s+)?(?:qualified\s+)?social\s+workers|(?:number\s+of\s+)?(?:children['’]?s\s+)?social\s+workers\s*\((?:fte|full[- ]time\s+equivalents?)\))(\s*(?::|[–—-]|was|were|is|are|stood\s+at|stands\s+at)\s*)` + qualRE + numRE + `\b`), 2, 3, 1},
	// 120 full-time equivalent social workers; employs 95 social workers
	{"social_workers", regexp.MustCompile(`(?i)()\b` + qualRE + numRE + `\s+(?:full[- ]time[- ]equivalent|FTE)\s+(?:\(FTE\)\s+)?(?:children(?:['’]?s)?\s+(?:and\s+famil(?:y|ies)\s+)?)?social\s+workers\b`), 2, 3, 0},
	{"social_workers", regexp.MustCompile(`(?i)\b(?:employs|employed|employing|has|had|have|a\s+workforce\s+of|a\s+total\s+of)(\s+)` + qualRE + numRE + `\s+(?:(?:children['’]?s|qualified|permanent|registered)\s+)?social\s+workers\b`), 2, 3, 1},
}

var (
	// reComparison in the gap means the number is someone else's: the
	// national or regional figure, a comparator.
	reComparison = regexp.MustCompile(`(?i)\b(?:national|england|english|regional|region|neighbours?|compared|comparison|than|similar\s+councils|other\s+councils|london\s+average|country)\b`)
	// reChangeGap: "fell by 10%", "from 39% to": a change, not a level.
	reChangeBy    = regexp.MustCompile(`(?i)\bby\s*$`)
	reChangeAfter = regexp.MustCompile(`(?i)^\s*(?:percentage\s+points?|points?|(?:rise|fall|increase|reduction|drop|decrease|cut|improvement)\b)`)
	// continuation: "..., and some as many as 55" after a caseload.
	reMore         = regexp.MustCompile(`(?i)^[,;]?\s*(?:and|with|while|but|or)?\s*(?:some|others|one|a\s+few|many|several|the\s+highest|a\s+number)?\s*(?:social\s+workers\s+)?(?:with|at|holding|carrying|had|having)?\s*` + `(over|more\s+than|in\s+excess\s+of|up\s+to|as\s+many\s+as|as\s+high\s+as|a\s+maximum\s+of|nearly|almost|around|about|fewer\s+than|less\s+than|under)\s+` + numRE + `\b`)
	reFromTo       = regexp.MustCompile(`(?i)\bfrom\s+(?:around\s+|about\s+)?` + pctRE + `(?:\s+in\s+[^.;,]{3,25}?)?\s+to\s+$`)
	rePercentAfter = regexp.MustCompile(`(?i)^\s*(?:(?:to|-|–)\s*\d+(?:\.\d+)?)?\s*` + pctWord)
	reUpFromEnd    = regexp.MustCompile(`(?i)\b(?:up|down|rising|falling|risen|fallen|rose|fell|increased|decreased|climbing|dropping)\s+from\s+$`)
	reRangeTo      = regexp.MustCompile(`^\s*(?:to|-|–)\s*(\d{1,3}(?:\.\d+)?)(?:\s*[^%\s\d.]|\s*$|\.\s)`)
	reAverageWord  = regexp.MustCompile(`(?i)\baverag\w*|\bmean\b`)
	reFromEnd      = regexp.MustCompile(`(?i)\bfrom\s+$`)
	reToValue      = regexp.MustCompile(`(?i)^\s*%?\s*(?:in\s+[^.;,]{3,25}?\s+)?to\s+` + qualRE + pctRE)
	reToNumber     = regexp.MustCompile(`(?i)^\s*(?:in\s+[^.;,]{3,25}?\s+)?to\s+` + qualRE + numRE + `\b`)
)

// findFigures lists the workforce figures a sentence states.
func findFigures(t string) []figure {
	var out []figure
	overlaps := func(a, b int) bool {
		for _, f := range out {
			if a < f.End && b > f.Start {
				return true
			}
		}
		return false
	}
	for _, p := range figPatterns {
		for _, loc := range p.re.FindAllStringSubmatchIndex(t, -1) {
			numStart, numEnd := loc[2*p.num], loc[2*p.num+1]
			qStart := numStart
			qual := ""
			if loc[2*p.qual] >= 0 {
				qual, qStart = t[loc[2*p.qual]:loc[2*p.qual+1]], loc[2*p.qual]
			}
			if overlaps(qStart, numEnd) {
				continue
			}
			gapText := ""
			if p.gap > 0 && loc[2*p.gap] >= 0 {
				gapText = t[loc[2*p.gap]:loc[2*p.gap+1]]
			}
			if reComparison.MatchString(gapText) || strayNumber(gapText) {
				continue
			}
			// "vacancy rates went up 7%", "agency use rose 5%", "7%
			// higher": the number is a change or a difference, not a level.
			if reChangeBy.MatchString(t[:qStart]) || reChangeVerbEnd.MatchString(t[loc[0]:qStart]) || reChangeAfter.MatchString(t[loc[1]:]) || reChangeAfterValue.MatchString(t[loc[1]:]) {
				// "the vacancy rate had gone up by 4% over the year to
				// 23%": the change is not a level, the value it
				// reached is.
				if m := reChangedTo.FindStringSubmatchIndex(t[loc[1]:]); m != nil && rate(p.measure) && !overlaps(loc[1]+m[2], loc[1]+m[5]) {
					if n2, ok := number(t[loc[1]+m[4] : loc[1]+m[5]]); ok && inRange(p.measure, n2) {
						q := ""
						if m[2] >= 0 {
							q = t[loc[1]+m[2] : loc[1]+m[3]]
						}
						out = append(out, figure{Measure: p.measure, Value: formatNum(n2) + "%", Qualifier: qualifier(q), Start: loc[1] + m[4], End: loc[1] + m[5]})
					}
				}
				continue
			}
			// "18% Vacancy rate 22.4%": in a table run into a line the
			// label goes with the value after it.
			if p.gap == 0 && reValueNext.MatchString(t[loc[1]:]) {
				continue
			}
			// "relies less on agency staff ... 90 per cent of staff are
			// now permanent employees": the permanent share.
			if p.measure == "agency_rate" && rePermanentAfter.MatchString(t[loc[1]:]) {
				continue
			}
			n, ok := number(t[numStart:numEnd])
			if !ok || !inRange(p.measure, n) || (!rate(p.measure) && rePercentAfter.MatchString(t[numEnd:])) {
				continue
			}
			f := figure{Measure: p.measure, Value: formatNum(n), Qualifier: qualifier(qual), Start: qStart, End: numEnd}
			f.Doubt = shareDoubt(t, p.measure, loc[0], loc[1])
			// "the share of practitioners carrying over 25 cases fell":
			// a count of workers over a threshold, not a caseload.
			if p.measure == "caseload" && f.Doubt == "" && reCountOver.MatchString(t[max(0, qStart-80):qStart]) {
				f.Doubt = "the number is a threshold: the sentence counts the social workers above it, not their caseloads"
			}
			// "an average caseload of 19", "caseloads averaged 15", "a
			// caseload rate of 13.9 per FTE"
			if qual == "" && (reAverageWord.MatchString(t[loc[0]:numStart]) ||
				p.measure == "caseload" && (reCaseloadRate.MatchString(t[loc[0]:numStart]) || rePerFTE.MatchString(t[numEnd:]))) {
				f.Qualifier = "average"
			}
			// "13 cases each on avg."
			if p.measure == "caseload" && f.Qualifier == "exact" && reOnAverageAfter.MatchString(t[numEnd:]) {
				f.Qualifier = "average"
			}
			// "the average was 19 cases per social worker"
			if p.measure == "caseload" && f.Qualifier == "exact" && reAverageWas.MatchString(t[max(0, qStart-40):qStart]) {
				f.Qualifier = "average"
			}
			// "some 34%": emphasis before an exact figure; "some ten", "some
			// 40%": a round number, about.
			if f.Qualifier == "about" && strings.EqualFold(strings.TrimSpace(qual), "some") && !roundNumber(t[numStart:numEnd]) {
				f.Qualifier = "exact"
			}
			// "caseloads exceed 50"
			if qual == "" && reExceed.MatchString(t[loc[0]:qStart]) {
				f.Qualifier = "over"
			}
			if rate(p.measure) {
				f.Value += "%"
			}
			// "caseloads of 20 to 25": the upper bound, as "up to".
			// ("from 16.4 to 18.6" is a change, read below.)
			if m := reRangeTo.FindStringSubmatchIndex(t[numEnd:]); m != nil && p.measure == "caseload" && !reFromEnd.MatchString(t[:qStart]) {
				if hi, ok := number(t[numEnd+m[2] : numEnd+m[3]]); ok && hi > n && inRange(p.measure, hi) {
					f.Value, f.End = formatNum(hi), numEnd+m[3]
					if f.Qualifier == "exact" {
						f.Qualifier = "up_to"
					}
				}
			}
			// "the vacancy rate from 39% to 25%": the pattern found 39%,
			// an older level; the level now follows "to".
			if reFromEnd.MatchString(t[:qStart]) {
				// "plans to reduce agency workers from 35% to 20% by
				// 2018": 35% is the level now, 20% a target.
				if targetChange(t, qStart, numEnd) {
					f.Now = true
					out = append(out, f)
					continue
				}
				f.Earlier = true
				out = append(out, f)
				rest := t[numEnd:]
				if m := reToValue.FindStringSubmatchIndex(rest); m != nil && rate(p.measure) {
					if n2, ok := number(rest[m[4]:m[5]]); ok && inRange(p.measure, n2) {
						q := ""
						if m[2] >= 0 {
							q = rest[m[2]:m[3]]
						}
						out = append(out, figure{Measure: p.measure, Value: formatNum(n2) + "%", Qualifier: qualifier(q), Start: numEnd + m[0], End: numEnd + m[5], Later: true})
					}
				} else if m := reToNumber.FindStringSubmatchIndex(rest); m != nil && !rate(p.measure) {
					// "average caseloads came down from 21.5 to 18"
					if n2, ok := number(rest[m[4]:m[5]]); ok && inRange(p.measure, n2) {
						out[len(out)-1].Qualifier = f.Qualifier
						out = append(out, figure{Measure: p.measure, Value: formatNum(n2), Qualifier: f.Qualifier, Start: numEnd + m[0], End: numEnd + m[5], Later: true})
					}
				}
				continue
			}
			// "plans to cut caseloads from 24 to 18": 18 is a target, 24
			// the level now.
			if m := reFromToNum.FindStringSubmatchIndex(t[:qStart]); m != nil && targetChange(t, m[0], numEnd) {
				if prev, ok := number(t[m[2]:m[3]]); ok && inRange(p.measure, prev) && !overlaps(m[2], m[3]) {
					v := formatNum(prev)
					if rate(p.measure) {
						v += "%"
					}
					q := f.Qualifier
					if q == "exact" && reAverageWord.MatchString(t[max(0, m[0]-40):m[0]]) {
						q = "average" // "cutting the average number of cases from 22 to 16"
					}
					out = append(out, figure{Measure: p.measure, Value: v, Qualifier: q, Start: m[2], End: m[3], Now: true})
				}
				continue
			}
			// "from 39% to 25%": 25% is the level now; 39% an older one.
			if m := reFromTo.FindStringSubmatchIndex(t[:qStart]); m != nil && rate(p.measure) {
				if prev, ok := number(t[m[2]:m[3]]); ok && inRange(p.measure, prev) {
					out = append(out, figure{Measure: p.measure, Value: formatNum(prev) + "%", Qualifier: "exact", Start: m[2], End: m[3], Earlier: true})
				}
			}
			// "... agency staff - up from 25.6% a year earlier": the
			// level before the change the sentence reports.
			if reUpFromEnd.MatchString(t[:qStart]) {
				f.Earlier = true
			}
			out = append(out, f)
			// "down to 16, compared with 21 in June 2021": the same
			// measure's earlier level, dated by the words after it.
			if m := reComparedThen.FindStringSubmatchIndex(t[numEnd:]); m != nil && !reOtherPlace.MatchString(t[numEnd+m[0]:min(len(t), numEnd+m[1]+30)]) {
				if n2, ok := number(t[numEnd+m[4] : numEnd+m[5]]); ok && inRange(p.measure, n2) && rate(p.measure) == (m[6] >= 0) && !overlaps(numEnd+m[4], numEnd+m[5]) {
					v := formatNum(n2)
					if rate(p.measure) {
						v += "%"
					}
					q := f.Qualifier
					if m[2] >= 0 {
						q = qualifier(t[numEnd+m[2] : numEnd+m[3]])
					}
					out = append(out, figure{Measure: p.measure, Value: v, Qualifier: q, Start: numEnd + m[4], End: numEnd + m[5], Earlier: true})
				}
			}
			// "..., though it has since risen to 14 per FTE": the
			// same measure's level now.
			if m := reSinceTo.FindStringSubmatchIndex(t[loc[1]:]); m != nil {
				if n2, ok := number(t[loc[1]+m[4] : loc[1]+m[5]]); ok && inRange(p.measure, n2) && rate(p.measure) == (m[6] >= 0) {
					v := formatNum(n2)
					if rate(p.measure) {
						v += "%"
					}
					q := f.Qualifier
					if m[2] >= 0 {
						q = qualifier(t[loc[1]+m[2] : loc[1]+m[3]])
					}
					out = append(out, figure{Measure: p.measure, Value: v, Qualifier: q, Start: loc[1] + m[4], End: loc[1] + m[5], Since: true})
				}
			}
			// "..., and some as many as 55": the same measure again.
			if p.measure == "caseload" {
				rest := t[loc[1]:]
				if m := reMore.FindStringSubmatchIndex(rest); m != nil {
					if n2, ok := number(rest[m[4]:m[5]]); ok && inRange("caseload", n2) && !strings.HasPrefix(strings.TrimSpace(rest[m[5]:]), "%") {
						out = append(out, figure{Measure: "caseload", Value: formatNum(n2), Qualifier: qualifier(rest[m[2]:m[3]]), Start: loc[1] + m[2], End: loc[1] + m[5]})
					}
				}
			}
		}
	}
	for _, f := range fractionFigures(t) {
		if !overlaps(f.Start, f.End) {
			out = append(out, f)
		}
	}
	for i := range out {
		out[i].Scope = scopeFor(t, out[i].Start, out[i].End)
	}
	return out
}

// reChangeVerbEnd: a change verb right before the number ("went up 7%",
// "rose 5%", "increased by 3%", "is up 4%"): "rose to 28%" is a level and
// does not match.
var reChangeVerbEnd = regexp.MustCompile(`(?i)\b(?:(?:went|gone|goes|go|is|are|was|were|has\s+gone|have\s+gone)\s+(?:up|down)|rose|risen|rises|rising|fell|fallen|falls|falling|increased|increases|increasing|decreased|decreases|decreasing|dropped|drops|dropping|grew|grown|grows|climbed|climbs|jumped|jumps|doubled|halved|reduced|cut|improved|worsened)\s+(?:by\s+)?(?:a\s+further\s+|another\s+)?$`)

// reChangeAfterValue: words right after a number that make it a change
// or a difference ("7% higher", "3 points lower", "5% up on last year").
var reChangeAfterValue = regexp.MustCompile(`(?i)^\s*` + pctWord + `?\s*(?:higher|lower|up\s+on|down\s+on|more\s+than\s+(?:the|in|last|a\s+year)|less\s+than\s+(?:the|in|last|a\s+year)|above\s+the|below\s+the|increase|decrease|rise|fall|drop|reduction|improvement)\b`)

// reWholeWorkforce: a share of a whole workforce ("2% of the workforce",
// "of all council staff", "of its employees").
var reWholeWorkforce = regexp.MustCompile(`(?i)^\s*` + pctWord + `?\s*,?\s*of\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:council['’]s\s+|authority['’]s\s+|whole\s+|total\s+|overall\s+|entire\s+|wider\s+)?(?:council\s+)?(?:workforce|staff|employees|headcount|posts)\b`)

// reSocialWork: words that say a figure is about children's social
// workers ("social work", "practitioners", "caseloads", "children's
// services").
var reSocialWork = regexp.MustCompile(`(?i)\bsocial\s+work|\bpractitioners?\b|\bcaseloads?\b|\bchildren['’]?s\s+(?:social\s+care|services|social\s+work)\b|\bfamily\s+support\s+workers?\b`)

// reSocialWorkSubject: words that make a passage about children's social
// care: a council paper covers every service, and its figures are
// children's social workers' only when its words say so.
var reSocialWorkSubject = regexp.MustCompile(`(?i)\bsocial\s+work|\bsocial\s+care\b|\bpractitioners?\b|\bcaseloads?\b|\bchildren['’]?s\s+services\b|\bchild\s+protection\b|\bchildren\s+in\s+care\b|\blooked[- ]after\b|\bcare\s+leavers?\b|\bfamily\s+support\b|\bsafeguarding\b|\bcorporate\s+parenting\b`)

// socialWorkSubject says s, its paragraph or the one before, the heading
// of its section, the document's title or its opening lines (a paper's
// "Subject:" and "Purpose") speak of children's social care.
func (d *document) socialWorkSubject(s *sent) bool {
	if reSocialWorkSubject.MatchString(s.Text) || reSocialWorkSubject.MatchString(s.P.Text) || reSocialWorkSubject.MatchString(d.title) {
		return true
	}
	for i := 0; i < len(d.paras) && i < 6; i++ {
		if reSocialWorkSubject.MatchString(d.paras[i].Text) {
			return true
		}
	}
	for i := range d.paras {
		if &d.paras[i] != s.P {
			continue
		}
		if i > 0 && reSocialWorkSubject.MatchString(d.paras[i-1].Text) {
			return true
		}
		for k := i - 1; k >= 0; k-- {
			if d.paras[k].Heading {
				return reSocialWorkSubject.MatchString(d.paras[k].Text)
			}
		}
		break
	}
	return false
}

// reRatesPlural: a measure in the plural ("vacancy rates", "agency
// rates"): several councils' or teams' figures, not one level.
var reRatesPlural = regexp.MustCompile(`(?i)\b(?:vacancy|agency|turnover)\s+rates\b`)

// shareDoubt is why a rate found at t[start:end) may not be the council's
// level for children's social workers ("" when nothing says so): a share
// of a whole workforce in a sentence that does not speak of social work,
// or rates in the plural.
func shareDoubt(t, measure string, start, end int) string {
	if !rate(measure) {
		return ""
	}
	if reWholeWorkforce.MatchString(t[end:]) && !reSocialWork.MatchString(t) {
		return "a share of a whole workforce; the sentence does not say the staff are children's social workers"
	}
	if reRatesPlural.MatchString(t[start:end]) {
		return pluralDoubt
	}
	return ""
}

// pluralDoubt is shareDoubt's for rates in the plural; a list giving
// each council its own number settles it (attribute).
const pluralDoubt = "rates in the plural: the figure may be several places' or a change among them"

// reChangedTo: the level a change reached, after the change ("by 4%
// over the year to 23%").
var reChangedTo = regexp.MustCompile(`(?i)^[^.;%]{0,50}?\bto\s+` + qualRE + pctRE)

// reComparedThen: after a figure, the same measure's earlier level with
// its own date ("17, compared to 23 in March 2022", "28%, up from 21% in
// 2019"); group 1 the qualifier, 2 the number, 3 a percent sign. Without
// a date it is a comparator whose time the text does not give.
var reComparedThen = regexp.MustCompile(`(?i)^\s*%?\s*(?:per\s*cent\s*)?,?\s*(?:compared\s+(?:to|with)|against|up\s+from|down\s+from)\s+` + qualRE + `(\d{1,3}(?:\.\d+)?)\s*(%|per\s*cent)?\s+(?:in|at|as\s+at|on)\s+(?:the\s+end\s+of\s+)?(?:(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(?:19|20)\d{2}\b`)

// reOtherPlace: words that make a compared value another place's (the
// nation's, the region's, similar councils').
var reOtherPlace = regexp.MustCompile(`(?i)\b(?:national(?:ly)?|england|english|regional|region|neighbours?|similar|other\s+(?:councils|authorities)|country|statistical)\b`)

// reSinceTo: "..., though it has since risen to 14": the same
// measure's later level, in the same sentence (group 3: a percent sign).
var reSinceTo = regexp.MustCompile(`(?i)^[^.;]{0,140}?,\s+(?:and\s+)?(?:whilst|while|though|although)?\s*(?:it|this|the\s+(?:figure|rate|average))\s+(?:had|has)\s+since\s+(?:risen|increased|grown|fallen|dropped|decreased|gone\s+(?:up|down))\s+to\s+` + qualRE + `(\d{1,3}(?:\.\d+)?)\s*(%|per\s*cent)?`)

// reReportedSpeech: minutes' way of giving what a meeting heard.
var reReportedSpeech = regexp.MustCompile(`(?i)\b(?:it\s+was\s+(?:reported|noted|explained|confirmed|advised|stated|highlighted)|(?:members|the\s+committee|councillors|the\s+panel|the\s+board)\s+(?:were|was)\s+(?:told|advised|informed|reminded)|reported\s+that)\b`)

// reQuestion: an FOI request's question, not its answer.
var reQuestion = regexp.MustCompile(`\?|(?i)^\s*(?:\d+[.)]?\s*)?(?:how\s+many|what|please|can\s+you|could\s+you|provide)\b`)

// councilsOwnPaper: a council paper, or a page on the council's own site.
func (d *document) councilsOwnPaper() bool {
	return d.kind == KindOther || (d.addrHost && d.addrCouncil != "")
}

// reOnAverageAfter: "... each on avg." after a caseload.
var reOnAverageAfter = regexp.MustCompile(`(?i)^[^.;,]{0,30}?\bon\s+(?:avg|average)\b`)

// reCaseloadRate and rePerFTE: a caseload given as a rate is an average.
var (
	reCaseloadRate = regexp.MustCompile(`(?i)\bcaseloads?\s+rate\b`)
	rePerFTE       = regexp.MustCompile(`(?i)^\s*(?:cases\s+)?per\s+(?:FTE|full[- ]time\s+equivalent)\b`)
)

// roundNumber: a number word, or a multiple of five.
func roundNumber(s string) bool {
	n, err := strconv.ParseFloat(findings.StripThousands(strings.TrimSpace(s)), 64)
	if err != nil {
		return true
	}
	return n == float64(int(n)) && int(n)%5 == 0
}

// reFromToNum is "from 24 to " (or "from 35% to ") right before a value.
var reFromToNum = regexp.MustCompile(`(?i)\bfrom\s+(?:around\s+|about\s+)?(\d+(?:\.\d+)?)\s*` + pctWord + `?\s+to\s+$`)

// reTargetCue: the change a sentence gives is one planned, not one made.
var reTargetCue = regexp.MustCompile(`(?i)\b(?:plans?|planned|planning|aims?|aiming|in\s+order|intends?|intention|hopes?|wants?|bid|target(?:s|ing|ed)?|goal|ambition|predicts?|expects?|will|would|could|should|pledged?|promised?|commit(?:s|ted)?)\b`)

// reFutureBy: "... to 20% by early 2018", "by the end of next year".
var reFutureBy = regexp.MustCompile(`(?i)^[^.;]{0,30}?\bby\s+(?:early\s+|mid-?\s*|late\s+|the\s+end\s+of\s+)?(?:(?:19|20)\d{2}|next\s+year|the\s+end\b|` + monthRE + `)`)

// targetChange: a "from ... to ..." change at [start, end) of t is a plan
// ("will spend £8m so as to bring caseloads from 22 to 16 down", "will
// reduce agency workers from 35% to 20% by 2018").
func targetChange(t string, start, end int) bool {
	clause := t[:start]
	if i := strings.LastIndexAny(clause, ".;"); i >= 0 {
		clause = clause[i+1:]
	}
	return reTargetCue.MatchString(clause) || reFutureBy.MatchString(t[end:])
}

var rePermanentAfter = regexp.MustCompile(`(?i)^\s*(?:of\s+(?:the\s+|its\s+)?(?:[\w'’-]+\s+){0,3}(?:staff|workforce|social\s+workers|posts|workers)\s+)?(?:are|were|is|was)?\s*(?:now\s+|currently\s+)?(?:employed\s+)?(?:on\s+)?(?:a\s+)?permanent`)

var reValueNext = regexp.MustCompile(`^\s*[:–-]?\s*\d`)

var reExceed = regexp.MustCompile(`(?i)\bexceed(?:ed|s|ing)?\s*$`)

// Fractions in words: "a third of posts were vacant", "one in four social
// workers are agency staff", "nearly half of its social workers were from
// agencies".
const fractionRE = `(?:(nearly|almost|around|about|roughly|over|more\s+than|just\s+under|under|less\s+than|just\s+over)\s+)?(?:(a|one|two|three)[- ](third|quarter|fifth|half|tenth)s?|(half)|one\s+in\s+(two|three|four|five|six|seven|eight|nine|ten|\d{1,2}))`

var (
	reFractionVacant = regexp.MustCompile(`(?i)\b` + fractionRE + `\s+(?:of\s+)?(?:(?:the|its|all|their|the\s+council['’]s)\s+)?(?:children['’]?s\s+)?(?:social\s+work(?:er)?\s+|permanent\s+)?(?:posts|roles|positions|jobs)\b[^.;%]{0,80}?\b(?:vacant|unfilled|empty)\b`)
	// agency workers make up a third of the workforce
	reFractionAgencyShare = regexp.MustCompile(`(?i)\bagency\s+(?:social\s+)?(?:workers|staff|practitioners)\s+(?:now\s+)?(?:make\s+up|made\s+up|account\s+for|accounted\s+for|are|were|fill|filled)\s+` + fractionRE + `\s+of\s+(?:the\s+|its\s+|all\s+)?(?:council['’]s\s+)?(?:children['’]?s\s+)?(?:social\s+work(?:er)?\s+)?(?:workforce|social\s+workers|staff|posts|practitioners)\b`)
	reFractionAgency      = regexp.MustCompile(`(?i)\b` + fractionRE + `\s+(?:of\s+)?(?:(?:the|its|all|their|the\s+council['’]s)\s+)?(?:children['’]?s\s+)?(?:social\s+workers|social\s+work\s+staff|staff|practitioners|the\s+workforce)\b\s+(?:are|were|is|was)\s+(?:now\s+)?(?:from\s+)?(?:an?\s+)?agenc(?:y|ies)\b`)
)

var fractionValue = map[string]float64{"third": 100.0 / 3, "quarter": 25, "fifth": 20, "half": 50, "tenth": 10}

// fractionFigures reads rates given as fractions in words, as per cent
// (one decimal) with the qualifier "about" unless the words give one.
func fractionFigures(t string) []figure {
	var out []figure
	for _, p := range []struct {
		re      *regexp.Regexp
		measure string
	}{{reFractionVacant, "vacancy_rate"}, {reFractionAgency, "agency_rate"}, {reFractionAgencyShare, "agency_rate"}} {
		for _, m := range p.re.FindAllStringSubmatchIndex(t, -1) {
			sub := func(i int) string {
				if m[2*i] < 0 {
					return ""
				}
				return strings.ToLower(t[m[2*i]:m[2*i+1]])
			}
			var v float64
			switch {
			case sub(3) != "":
				n := float64(atoi(sub(2)))
				if sub(2) == "a" {
					n = 1
				}
				v = n * fractionValue[sub(3)]
			case sub(4) != "":
				v = 50
			case sub(5) != "":
				if d := atoi(sub(5)); d > 0 {
					v = 100 / float64(d)
				}
			}
			if v <= 0 || v > 100 {
				continue
			}
			q := qualifier(sub(1))
			if q == "exact" {
				q = "about"
			}
			v = float64(int(v*10+0.5)) / 10
			out = append(out, figure{Measure: p.measure, Value: formatNum(v) + "%", Qualifier: q, Start: m[0], End: m[1]})
		}
	}
	return out
}

// strayNumber reports a number between a measure's name and its value
// other than a date ("in the year to 31 March 2021 was 12%" is fine): the
// value would then be ambiguous.
func strayNumber(gap string) bool {
	if !strings.ContainsAny(gap, "0123456789") {
		return false
	}
	for _, w := range findWhens(gap, dates.Date{}) {
		gap = gap[:w.Start] + strings.Repeat(" ", w.End-w.Start) + gap[w.End:]
	}
	return strings.ContainsAny(gap, "0123456789")
}

func rate(m string) bool { return strings.HasSuffix(m, "_rate") }

func inRange(measure string, n float64) bool {
	switch measure {
	case "caseload":
		return n > 0 && n <= 200
	case "social_workers":
		return n > 0 && n < 20000
	}
	return n >= 0 && n <= 100
}

// scopes: the teams a figure can describe, and the names the contract's
// scope column gets.
var scopes = []phrase{
	{regexp.MustCompile(`(?i)\bassessment\s+and\s+intervention\b`), "assessment and intervention"},
	{regexp.MustCompile(`(?i)\b(?:emergency\s+duty|out[- ]of[- ]hours)\b`), "emergency duty team"},
	{regexp.MustCompile(`(?i)\b(?:multi-agency\s+safeguarding\s+hub|MASH|front\s+door)\b`), "mash"},
	{regexp.MustCompile(`(?i)\bearly\s+help\b`), "early help"},
	{regexp.MustCompile(`(?i)\b(?:duty\s+and\s+)?assessment\b`), "assessment"},
	{regexp.MustCompile(`(?i)\bchild\s+protection\b`), "child protection"},
	{regexp.MustCompile(`(?i)\b(?:children\s+in\s+care|looked[- ]after\s+children)\b|\b(?:CLA|LAC|CiC)\b`), "children in care"},
	{regexp.MustCompile(`(?i)\b(?:care\s+leavers|leaving\s+care)\b`), "care leavers"},
	{regexp.MustCompile(`(?i)\b(?:children\s+with\s+disabilities|disabled\s+children)\b`), "children with disabilities"},
	{regexp.MustCompile(`(?i)\bfostering\b`), "fostering"},
	{regexp.MustCompile(`(?i)\bfamily\s+support\b`), "family support"},
	{regexp.MustCompile(`(?i)\bchild(?:ren)?\s+in\s+need\b`), "children in need"},
	{regexp.MustCompile(`(?i)\b(?:some|certain|several|a\s+few)\s+(?:teams|services)\b`), "some teams"},
}

// reNamedTeam is a team by its name: "in the safeguarding teams".
var reNamedTeam = regexp.MustCompile(`\b(?:in|within|across)\s+(?:the\s+)?(?:council['’]s\s+|its\s+)?((?:[a-z]+\s+){0,2}[a-z]+)\s+(?:teams?|service|unit|hub)\b`)

// reAverageWas: "the average was", "averaging", right before a number.
var reAverageWas = regexp.MustCompile(`(?i)\b(?:the\s+)?average\s+(?:was|is|stood\s+at|stands\s+at|of)\s+$`)

// reNamedUnit: a team or service named in capitals ("in the Referral
// and Assessment Service", "Plymouth's children's assessment team").
var reNamedUnit = regexp.MustCompile(`\b(?:in|within|across)\s+(?:the\s+|[A-Z][\w'’-]*['’]s\s+(?:children['’]s\s+)?)((?:[A-Z][\w'’-]*\s+(?:and\s+|&\s+)?){1,4}?|(?:[a-z]+\s+){0,1}[a-z]+\s+)(?:Team|Service|Unit|Hub|team|service)s?\b`)

// genericTeam names are not teams: "in the social work service".
var genericTeam = map[string]bool{"social work": true, "social care": true, "children's": true, "childrens": true, "whole": true,
	"same": true, "new": true, "local authority": true, "council": true, "children": true, "a": true, "one": true, "each": true,
	"every": true, "other": true, "this": true, "that": true, "their": true, "social": true, "day": true, "the": true}

// reScopeLead introduces a team: "in the assessment service", "within
// early help teams", "across the MASH".
var reScopeLead = regexp.MustCompile(`(?i)\b(?:in|within|across|of|for|at)\s+(?:the\s+)?(?:council['’]s\s+|its\s+)?$`)

// themeScope is the team a theme is about: the team named in its clause
// nearest to the words that gave the label, on either side ("management
// oversight ... in the assessment service").
func themeScope(t string, start, end int) string {
	return nearestScope(t, start, end, len(t))
}

// scopeFor is the team a figure describes: the nearest team named before
// it in the sentence and introduced by in/within/across ("Within the
// assessment service, most social workers ..."), else one right after it
// ("over 40 in assessment teams"); else the whole service.
func scopeFor(t string, start, end int) string {
	// "CLA – 16 social workers – 13 cases each": a list line under a
	// team's label.
	for _, h := range findPhrases(t, scopes, nil) {
		if h.start == 0 && h.end <= start && reLabelDash.MatchString(t[h.end:]) {
			return h.name
		}
	}
	return nearestScope(t, start, end, 25)
}

// reLabelDash: a label's dash or colon.
var reLabelDash = regexp.MustCompile(`^\s*[–—:-]\s`)

// nearestScope is the team named nearest before [start, end), or within
// after characters after it (which count three times as far).
func nearestScope(t string, start, end, after int) string {
	hits := findPhrases(t, scopes, func(start int) bool { return reScopeLead.MatchString(t[:start]) })
	// A team the list does not know: "in the safeguarding teams".
	for _, loc := range append(reNamedTeam.FindAllStringSubmatchIndex(t, -1), reNamedUnit.FindAllStringSubmatchIndex(t, -1)...) {
		name := strings.TrimSpace(strings.ToLower(t[loc[2]:loc[3]]))
		overlap := false
		for _, h := range hits {
			if loc[0] < h.end && loc[1] > h.start {
				overlap = true
			}
		}
		if !overlap && !genericTeam[name] {
			hits = append(hits, phraseHit{name, loc[2], loc[3]})
		}
	}
	best, dist := "", 1<<30
	for _, h := range hits {
		switch {
		case h.end <= start && start-h.end < dist && !strings.ContainsAny(t[h.end:start], ";"):
			best, dist = h.name, start-h.end
		case h.start >= end && h.start-end <= after && (h.start-end)*3 < dist:
			best, dist = h.name, (h.start-end)*3
		}
	}
	if best == "" {
		return ""
	}
	return best
}

// presentCue: the figure is about now, the document's own date.
// reBaseline before a date makes it the date of a value compared with, not
// of the figure: "down from last year", "since 2019", "compared with 2020".
var reBaseline = regexp.MustCompile(`(?i)\b(?:from|since|than|compared\s+(?:with|to)|against)\s+(?:the\s+)?(?:same\s+(?:time|point)\s+)?$`)

// reBaselineBetween between a figure and a later date: the date belongs to
// the value compared with ("16, down from more than 20 two years ago").
var reBaselineBetween = regexp.MustCompile(`(?i)\b(?:from|than|compared|since)\b`)

var presentCue = regexp.MustCompile(`(?i)\b(?:is|are|stands\s+at|currently|now|at\s+present|has|have|remains|employs|employ|holds|hold|carries|make\s+up|makes\s+up|account\s+for|accounts\s+for)\b`)
var atInspectionCue = regexp.MustCompile(`(?i)\bat\s+the\s+time\s+of\s+(?:the\s+|its\s+|their\s+)?(?:inspection|visit|monitoring\s+visit)\b|\binspectors?\s+(?:found|said|noted|reported|highlighted)\b|\binspectors?\b[^.;]{0,80}\bfound\b|\bthe\s+(?:(?:inspection|ofsted)\s+)?(?:inspection|report)\s+(?:found|said|noted|states?|stated)\b`)

// figures turns a sentence's numbers into candidates, dated by a date in
// their clause, else "at the time of inspection" or a report of the
// council's latest inspection (its inspection date), else, for a figure
// in the present tense, the document's date; otherwise they go to review.
func (d *document) figures(s *sent, anch []anchor) []evidence.Candidate {
	var out []evidence.Candidate
	m := sentenceMeasure(s.Text)
	figs := d.attribute(s, m, findFigures(s.Text))
	switch {
	case len(figs) > 0:
		d.lastMeasure = figs[len(figs)-1].Measure
	case m != "":
		// "Caseloads were lower in the north. Northumberland: 16.0": a
		// sentence naming one measure without a figure sets it too.
		d.lastMeasure = m
	case s.Idx > 0 && d.sents[s.Idx-1].P != s.P:
		d.lastMeasure = ""
	}
	for _, f := range figs {
		base := 0.85
		if s.Speaker {
			base *= 0.9
		}
		label := strings.ReplaceAll(f.Measure, "_", " ")
		if f.Scope == "" {
			f.Scope = d.docScope
		}
		if f.Measure == "caseload" && f.Qualifier == "exact" && d.averageCaseloads(s) {
			f.Qualifier = "average"
		}
		councils := f.Councils
		if len(councils) == 0 {
			councils = []string{""}
		}
		for _, council := range councils {
			c, cb, ok := d.listedCand(s, f.Measure, f.Value, f.Start, f.End, base, label+" figure", council)
			c.Qualifier, c.Scope = f.Qualifier, f.Scope
			if !ok {
				out = append(out, c)
				continue
			}
			conf := c.Confidence
			date, how2, rel, ok, db := d.dateFigure(s, f, c.Council)
			if f.Earlier && (!ok || !strings.HasPrefix(how2, "the date")) {
				c.Confidence = conf
				c.Review = "the earlier value of a change (\"from ... to ...\"); the text does not date it"
				c.Note = label + ": level before a change the text reports, undated"
				out = append(out, c)
				continue
			}
			if !ok {
				c.Confidence, c.Review = conf, how2
				c.Note = label + " figure; " + how2
				out = append(out, c)
				continue
			}
			if rel {
				conf *= d.relFactor()
			}
			c.Date, c.Confidence = date.String(), conf
			c.Note = label + " figure dated by " + how2
			if c.Scope != "" {
				c.Note += "; describes the " + c.Scope + " part of the service"
			}
			doubt := d.councilDoubt(c.Council, cb, s)
			if doubt == "" {
				doubt = d.figureDoubt(s, db)
			}
			if doubt == "" {
				doubt = f.Doubt
			}
			if doubt == "" && f.Measure == "turnover_rate" {
				// Measured: turnover rates above the cut were right 3 times
				// in 6 on slices at first sight and 3 in 5 on the
				// development data after rules were written from them.
				doubt = turnoverDoubt
			}
			if doubt == "" && d.kind == KindOther && !d.socialWorkSubject(s) {
				doubt = "a council paper's figure whose sentence, paragraph and title do not say it is about children's social workers"
			}
			c.Hold(doubt)
			out = append(out, c)
		}
	}
	return out
}

// turnoverDoubt holds every turnover rate a sentence states: whose
// leaving it counts (social workers, all staff, one team) and over what
// period are seldom said, and the readings went wrong as often as not.
const turnoverDoubt = "a turnover rate: the text seldom says whose leaving it counts or over what period, so which figure it is needs a reader"

// reForCouncil: a figure given to the council named right after it
// ("between 10.2 for Kingston upon Thames ... to 26.4 for Staffordshire").
var reForCouncil = regexp.MustCompile(`^\s*%?\s*(?:cases\s+)?(?:for|in|at)\s+$`)

// reEachBefore: "Westminster, Sutton ... and Southwark each recording
// less than 13": the figure is every listed council's.
var reEachBefore = regexp.MustCompile(`(?i)\beach\s+(?:recording|recorded|reporting|reported|with|having|had|has|have|at|on|held|holding)?\s*$`)

// reTheLatter: "..., the latter reporting 12": the last council named.
var reTheLatter = regexp.MustCompile(`(?i)\bthe\s+(?:latter|last(?:\s+of\s+(?:them|these|those))?)\s*,?\s+(?:reporting|recording|with|at|on|having|had|has|was|just|at\s+just)?\s*` + qualRE + numRE + `\b(\s*(?:%|per\s*cent))?`)

// reNumFor is a number followed by "for", "in" or "at" and a council:
// the range structure "between 10.2 for X ... to 26.4 for Y", "from 14.2
// in X to 21.5 in Y".
var reNumFor = regexp.MustCompile(`\b(\d{1,3}(?:\.\d+)?)(\s*%)?\s+(?:for|in|at)\s+`)

// reStatsNoun: a sentence naming other figures than the measure.
var reStatsNoun = regexp.MustCompile(`(?i)\b(?:children|cases|families|posts|staff|workers|population|referrals|assessments|plans|budget|£)\b`)

// A council's own number right after its name, in a sentence about one
// measure: in brackets, after a colon or dash, or bare after "in
// COUNCIL" when a comma, "and" or the end follows.
var (
	reParenNum = regexp.MustCompile(`^\s*\(\s*(\d{1,3}(?:\.\d+)?)(\s*%)?\s*\)`)
	reColonNum = regexp.MustCompile(`^\s*[:–—]\s*(\d{1,3}(?:\.\d+)?)(\s*%)?(?:[\s,;.]|$)`)
	reBareNum  = regexp.MustCompile(`^\s+(\d{1,3}(?:\.\d+)?)(\s*%)?(?:\s*[,;.]|\s+and\b|$)`)
	reInEnd    = regexp.MustCompile(`(?i)\bin\s+$`)
)

// ownFigure gives the number at t[numS:numE] (a rate when pct) to
// council as its figure of measure: the figure already read there, whose
// doubt of rates in the plural the council's own number settles, or a
// new one; figs unchanged when the number cannot be the measure's.
func ownFigure(figs []figure, t, measure string, numS, numE int, pct bool, council string) []figure {
	n, ok := number(t[numS:numE])
	if rate(measure) != pct || !ok || !inRange(measure, n) {
		return figs
	}
	replaced := false
	for i := range figs {
		if figs[i].Start < numE && figs[i].End > numS {
			figs[i].Councils, replaced = []string{council}, true
			if figs[i].Doubt == pluralDoubt {
				figs[i].Doubt = ""
			}
		}
	}
	if replaced {
		return figs
	}
	v := formatNum(n)
	if pct {
		v += "%"
	}
	return append(figs, figure{Measure: measure, Value: v, Qualifier: "exact", Start: numS, End: numE, Councils: []string{council}})
}

// reNumJoined: another number joined to the one that follows.
var reNumJoined = regexp.MustCompile(`\d(?:\.\d+)?\s*%?\s*(?:,|and|&)\s*$`)

// attribute gives figures to the councils the sentence names for them: a
// number followed by "for COUNCIL", a list of councils "each" having it,
// "the latter" of a list; and adds the figures only such a structure
// states, of measure, the one the sentence is about (sentenceMeasure).
func (d *document) attribute(s *sent, measure string, figs []figure) []figure {
	t := s.Text
	mentionAt := func(pos int) (int, bool) {
		for k, m := range s.Mentions {
			if m.Start == pos {
				return k, true
			}
		}
		return 0, false
	}
	// Where the sentence first names its measure (-1: nowhere): a
	// council's number is the measure's only after it.
	named := measureAt(t, measure)
	// "10.2 for Kingston upon Thames"
	if measure != "" {
		for _, loc := range reNumFor.FindAllStringSubmatchIndex(t, -1) {
			k, ok := mentionAt(loc[1])
			if !ok {
				continue
			}
			// "11% and 9% in Southwark and Lewisham": numbers paired
			// with councils in turn, not the last with the first.
			if !strings.HasSuffix(strings.TrimSpace(t[loc[0]:loc[1]]), "for") && (reNumJoined.MatchString(t[:loc[2]]) || named < 0 || named >= loc[0]) {
				continue
			}
			figs = ownFigure(figs, t, measure, loc[2], loc[3], loc[4] >= 0, s.Mentions[k].Council)
		}
	}
	// "Calderdale (20.3)", "Wakefield: 18.2", "in Bradford 17.3": a
	// council's own number in a list of councils' figures, of the measure
	// the sentence names or, naming none, the one the sentence before in
	// its paragraph gave.
	listMeasure, elliptical := measure, false
	if listMeasure == "" && d.carriesOn(s) && !reStatsNoun.MatchString(t) {
		listMeasure, elliptical = d.lastMeasure, true
	}
	if measure := listMeasure; measure != "" {
		for k, m := range s.Mentions {
			// (the measure named before the list: "Leeds (2) and
			// Bradford (4) cut caseloads" counts something else.)
			if !elliptical && (named < 0 || named >= m.Start) {
				continue
			}
			loc := reParenNum.FindStringSubmatchIndex(t[m.End:])
			if loc == nil {
				loc = reColonNum.FindStringSubmatchIndex(t[m.End:])
			}
			if loc == nil && reInEnd.MatchString(t[:m.Start]) {
				loc = reBareNum.FindStringSubmatchIndex(t[m.End:])
			}
			if loc == nil {
				continue
			}
			figs = ownFigure(figs, t, measure, m.End+loc[2], m.End+loc[3], loc[4] >= 0, s.Mentions[k].Council)
		}
	}
	for i := range figs {
		f := &figs[i]
		if len(f.Councils) > 0 || !reEachBefore.MatchString(t[:f.Start]) {
			continue
		}
		near := -1
		for k, m := range s.Mentions {
			if m.End <= f.Start {
				near = k
			}
		}
		if near < 0 {
			continue
		}
		list := listAround(s, near)
		if len(list) >= 2 && list[len(list)-1] == near {
			for _, k := range list {
				f.Councils = appendOnce(f.Councils, s.Mentions[k].Council)
			}
		}
	}
	// "..., while Rochdale has 28%", "Peterborough City Council's figure is
	// 23%": the measure of the figure before it, for the council named.
	prevMeasure := ""
	if len(figs) > 0 {
		prevMeasure = figs[0].Measure
	} else if d.lastMeasure != "" && d.carriesOn(s) {
		prevMeasure = d.lastMeasure
	}
	if prevMeasure != "" {
		for _, re := range []*regexp.Regexp{reWhileHas, reCouncilsFigure} {
			for _, loc := range re.FindAllStringSubmatchIndex(t, -1) {
				k, ok := -1, false
				for kk, m := range s.Mentions {
					if m.Start >= loc[0] && m.End <= loc[3] {
						k, ok = kk, true
					}
				}
				if !ok {
					continue
				}
				numS, numE := loc[6], loc[7]
				pct := loc[8] >= 0
				if rate(prevMeasure) != pct {
					continue
				}
				dup := false
				for _, f := range figs {
					if f.Start < numE && f.End > numS {
						dup = true
					}
				}
				n, ok := number(t[numS:numE])
				if dup || !ok || !inRange(prevMeasure, n) {
					continue
				}
				v := formatNum(n)
				if pct {
					v += "%"
				}
				q := ""
				if loc[4] >= 0 {
					q = t[loc[4]:loc[5]]
				}
				figs = append(figs, figure{Measure: prevMeasure, Value: v, Qualifier: qualifier(q), Start: numS, End: numE,
					Councils: []string{s.Mentions[k].Council}})
			}
		}
	}
	// "..., as were 46.5% of Croydon's": the measure of the figure
	// before it, for the council named after the number.
	if prevMeasure != "" && rate(prevMeasure) {
		for _, loc := range reAsWereOf.FindAllStringSubmatchIndex(t, -1) {
			k := -1
			for kk, m := range s.Mentions {
				if m.Start == loc[6] {
					k = kk
				}
			}
			n, ok := number(t[loc[4]:loc[5]])
			if k < 0 || !ok || !inRange(prevMeasure, n) {
				continue
			}
			q := ""
			if loc[2] >= 0 {
				q = t[loc[2]:loc[3]]
			}
			figs = append(figs, figure{Measure: prevMeasure, Value: formatNum(n) + "%", Qualifier: qualifier(q), Start: loc[4], End: loc[5],
				Councils: []string{s.Mentions[k].Council}})
		}
	}
	// "In March, 20% of posts were vacant. By June that had risen to 26%":
	// the level the sentence before's rate reached, for the same council
	// (the sentence names none, or the one it names).
	if prevMeasure != "" && rate(prevMeasure) && len(figs) == 0 && len(s.Mentions) <= 1 {
		if loc := reThatRoseTo.FindStringSubmatchIndex(t); loc != nil {
			if n, ok := number(t[loc[4]:loc[5]]); ok && inRange(prevMeasure, n) && !reComparison.MatchString(t[loc[0]:loc[1]]) {
				q := ""
				if loc[2] >= 0 {
					q = t[loc[2]:loc[3]]
				}
				figs = append(figs, figure{Measure: prevMeasure, Value: formatNum(n) + "%", Qualifier: qualifier(q), Start: loc[4], End: loc[5]})
			}
		}
	}
	// "In Bournemouth about 34% of posts have no permanent
	// postholder, and ...": in a sentence naming several councils, a
	// figure no council precedes is the council its own clause names
	// after it, when that clause names one and compares with nothing.
	if s.How == councilSeveral {
		for i := range figs {
			f := &figs[i]
			if len(f.Councils) > 0 {
				continue
			}
			before := false
			for _, m := range s.Mentions {
				if m.End <= f.Start {
					before = true
				}
			}
			if before {
				continue
			}
			rest := t[f.End:]
			if loc := reFigureClauseEnd.FindStringIndex(rest); loc != nil {
				rest = rest[:loc[0]]
			}
			var in []string
			for _, m := range placesOut(s.Text, s.Mentions) {
				if m.Start >= f.End && m.End <= f.End+len(rest) {
					in = appendOnce(in, m.Council)
				}
			}
			if len(in) == 1 && !reComparison.MatchString(rest) {
				f.Councils = in
			}
		}
	}
	// "the latter reporting 12": the measure of the figure before it.
	if m := reTheLatter.FindStringSubmatchIndex(t); m != nil && len(figs) > 0 {
		prev := figs[len(figs)-1]
		last := -1
		for k, mm := range s.Mentions {
			if mm.End <= m[0] {
				last = k
			}
		}
		if n, ok := number(t[m[4]:m[5]]); ok && last >= 0 && inRange(prev.Measure, n) && prev.End <= m[0] {
			v := formatNum(n)
			if rate(prev.Measure) {
				v += "%"
			}
			q := ""
			if m[2] >= 0 {
				q = t[m[2]:m[3]]
			}
			figs = append(figs, figure{Measure: prev.Measure, Value: v, Qualifier: qualifier(q), Start: m[4], End: m[5],
				Councils: []string{s.Mentions[last].Council}, Scope: prev.Scope})
		}
	}
	return figs
}

var (
	// reWhileHas: "..., while Rochdale has 28%".
	reWhileHas = regexp.MustCompile(`(?i)\b(?:while|whereas|and|but|with)\s+((?:[A-Z][\w'’.&-]*\s+){1,5}?)(?:in\s+[^,.;]{1,30}?\s+)?(?:has|had|have|reported|recorded|records|reports|is|was|at|on|sits\s+at|stands\s+at)\s+(?:an?\s+(?:rate|figure)\s+of\s+)?` + qualRE + `(\d{1,3}(?:\.\d+)?)\s*(%|per\s*cent)?`)
	// reThatRoseTo: "that had grown to 70 people, 52 per cent of the
	// workforce", "the figure has since fallen to 12%": the level the
	// last sentence's measure reached (group 2: the qualifier, 3: the
	// number).
	reThatRoseTo = regexp.MustCompile(`(?i)\b(?:that|this|it|the\s+(?:figure|rate|share|proportion|percentage))\s+(?:had|has|have)\s+(?:since\s+|then\s+)?(?:risen|grown|increased|climbed|fallen|dropped|decreased|gone\s+(?:up|down))\s+to\s+(?:[^.;%]{0,30}?,\s+)?` + qualRE + `(\d{1,3}(?:\.\d+)?)\s*(?:%|per\s*cent)`)
	// reAsWereOf: "as were 46.5% of Croydon's" (group 3 is where the
	// council's name starts).
	reAsWereOf = regexp.MustCompile(`(?i)\bas\s+(?:were|was|are|is|did|does)\s+` + qualRE + `(\d{1,3}(?:\.\d+)?)\s*(?:%|per\s*cent)\s+(?:of|in|at)\s+()`)
	// reFigureClauseEnd: where a figure's clause ends.
	reFigureClauseEnd = regexp.MustCompile(`(?i)[;:(]|,\s+(?:and|but|while|whereas|with|compared)\b|\b(?:while|whereas|compared|than)\b`)
	// reCouncilsFigure: "Peterborough City Council's figure is 23%".
	reCouncilsFigure = regexp.MustCompile(`(?i)\b((?:[A-Z][\w'’.&-]*\s+){1,5}?(?:[A-Z][\w.&-]*))['’]s\s+(?:figure|rate|equivalent\s+figure)\s+(?:is|was|stood\s+at|stands\s+at|of)\s+` + qualRE + `(\d{1,3}(?:\.\d+)?)\s*(%|per\s*cent)?`)
)

// sentenceMeasure is the one workforce measure a sentence is about, by its
// words; "" for none or several.
func sentenceMeasure(t string) string {
	found := ""
	for _, m := range measureWords {
		if m.re.MatchString(t) {
			if found != "" {
				return ""
			}
			found = m.measure
		}
	}
	return found
}

// measureAt is where t first names measure; -1 when it does not.
func measureAt(t, measure string) int {
	for _, m := range measureWords {
		if m.measure == measure {
			if loc := m.re.FindStringIndex(t); loc != nil {
				return loc[0]
			}
		}
	}
	return -1
}

// measureWords are the words naming each rate or caseload a sentence
// may be about.
var measureWords = []struct {
	re      *regexp.Regexp
	measure string
}{
	{reCaseloadWord, "caseload"}, {reVacancyWord, "vacancy_rate"}, {reAgencyWord, "agency_rate"}, {reTurnoverWord, "turnover_rate"},
}

var (
	reCaseloadWord    = regexp.MustCompile(`(?i)\bcaseloads?\b`)
	reVacancyWord     = regexp.MustCompile(`(?i)\bvacanc(?:y|ies)\b`)
	reAgencyWord      = regexp.MustCompile(`(?i)\bagency\s+(?:rate|staff|workers|social\s+workers)\b`)
	reTurnoverWord    = regexp.MustCompile(`(?i)\bturnover\b`)
	reAverageCaseload = regexp.MustCompile(`(?i)\baverage\s+(?:social\s+work(?:er)?\s+)?caseloads?\b|\bcaseloads?\b[^.]{0,40}\baverage\b|\baverage\s+number\s+of\s+cases\b|\ban\s+average\s+of\s+\d+(?:\.\d+)?\s+(?:cases|children)\b`)
)

// averageCaseloads: the sentence, or its paragraph, or the paragraph
// before, speaks of average caseloads, so a bare caseload figure is a
// council's average (as DfE's are).
func (d *document) averageCaseloads(s *sent) bool {
	if reAverageCaseload.MatchString(s.Text) || reDfECaseload.MatchString(s.Text) {
		return true
	}
	// "The caseload measure varied from 12 in A to 26.8 for B" under the
	// headline "Average caseload revealed": the measure is the average.
	if reTheMeasure.MatchString(s.Text) && (reAverageCaseload.MatchString(d.title) || reAverageCaseloadWords.MatchString(d.title)) {
		return true
	}
	for _, p := range d.paras {
		if (p.N == s.P.N || p.N == s.P.N-1) && reAverageCaseload.MatchString(p.Text) {
			return true
		}
	}
	return false
}

// reDfECaseload: DfE's caseload statistic, which is the average caseload
// per social worker ("the DfE's caseloads measure").
var reDfECaseload = regexp.MustCompile(`(?i)\b(?:DfE|Department\s+for\s+Education)\b[^.;]{0,40}?\bcaseloads?\s+(?:measure|figures?|statistics?|data)\b`)

// carriesOn says s goes on from the sentence before it: the same
// paragraph, or the next one opening with a comparison that points back
// ("That compares with Leeds (16.1) ...").
func (d *document) carriesOn(s *sent) bool {
	if s.Idx == 0 {
		return false
	}
	prev := d.sents[s.Idx-1].P
	return prev == s.P || prev.N == s.P.N-1 && reComparesBack.MatchString(s.Text)
}

var reComparesBack = regexp.MustCompile(`(?i)^\s*(?:(?:that|this|it|which)\s+(?:compares|is\s+compared|contrasts)\s+(?:with|to|against)|by\s+comparison|in\s+comparison|by\s+contrast|compared\s+with\s+that)\b`)

// reTheMeasure: a sentence naming the statistic it gives as "the
// measure" or "the figure" ("the caseload measure varied from ...").
var reTheMeasure = regexp.MustCompile(`(?i)\b(?:the\s+)?(?:caseload\s+)?(?:measure|figures?\s+(?:varied|ranged))\b`)

// reAverageCaseloadWords: a title naming the average caseload with words
// between ("Average children's social worker caseload revealed").
var reAverageCaseloadWords = regexp.MustCompile(`(?i)\baverage\b[^.]{0,40}\bcaseloads?\b`)

// dateFigure finds the date of a figure.
// reBetweenYears: "between 2017 and 2020", "from 2017 to 2020".
var reBetweenYears = regexp.MustCompile(`(?i)\b(?:between|from)\s+((?:19|20)\d{2})\s+(?:and|to)\s+((?:19|20)\d{2})\b`)

// listHeadDay is the reference day ("as at 30 September 2023") the
// heading or introduction of the list s is an item of gives, if it gives
// one: the first sentence before the list's items that is not one.
func (d *document) listHeadDay(s *sent) *when {
	if !s.P.Bullet {
		return nil
	}
	for i := s.Idx - 1; i >= 0 && i >= s.Idx-12; i-- {
		h := &d.sents[i]
		// (A numbered heading reads as an item: "2. KEY FIGURES (as at
		// 30 September 2023)"; a heading is short.)
		if len(strings.Fields(h.Text)) <= 12 {
			for k := range h.Whens {
				w := &h.Whens[k]
				if w.OK && !w.Future && w.Date.Prec == dates.PrecDay && reAsAt.MatchString(h.Text[:w.Start]) {
					return w
				}
			}
		}
		if !h.P.Bullet {
			return nil
		}
	}
	return nil
}

// reAtEndOf: "at the end of September 2018", a reference month.
var reAtEndOf = regexp.MustCompile(`(?i)\b(?:at|by)\s+the\s+end\s+of\s+$`)

// reLabelsValue: a date followed by a colon and a number labels it.
var reLabelsValue = regexp.MustCompile(`^\s*:\s*\d`)

// reYearEarlierAfter: "a year earlier" right after an earlier value.
var reYearEarlierAfter = regexp.MustCompile(`(?i)^\s*` + pctWord + `?\s*(?:a|one|twelve\s+months|the)\s+year\s+(?:earlier|before|previously)\b|^\s*` + pctWord + `?\s*twelve\s+months\s+(?:earlier|before)\b`)

var (
	reBetweenFrom = regexp.MustCompile(`(?i)\b(?:between|from)\s+$`)
	reBetweenAnd  = regexp.MustCompile(`(?i)^\s*(?:and|to|until)\s*$`)
)

func (d *document) dateFigure(s *sent, f figure, council string) (dates.Date, string, bool, bool, dateBasis) {
	// "... 40% as at 30 September 2024, up from 25.6% a year earlier":
	// the sentence's date, a year before.
	if f.Earlier && reYearEarlierAfter.MatchString(s.Text[f.End:]) {
		g := f
		g.Earlier = false
		if date, how, rel, ok, _ := d.dateFigure(s, g, council); ok && strings.HasPrefix(how, "the date") {
			y, m, dd := date.Day.YMD()
			if m == 2 && dd == 29 {
				dd = 28
			}
			date.Day = dates.FromYMD(y-1, m, dd)
			return date, "the date in its sentence, a year before (\"a year earlier\")", rel, true, dbOwn
		}
	}
	// "went up from 310 to 332 between 2018 and 2021": each value its year.
	if f.Earlier || f.Later {
		if m := reBetweenYears.FindStringSubmatch(s.Text); m != nil {
			y := m[1]
			if f.Later {
				y = m[2]
			}
			return dates.Date{Day: dates.FromYMD(atoi(y), 1, 1), Prec: dates.PrecYear}, "the date in its sentence (\"" + m[0] + "\")", false, true, dbOwn
		}
		// "rose from 16.4 to 18.6 between September 2021 and September
		// 2022": the same with months or days.
		for i := 0; i+1 < len(s.Whens); i++ {
			w1, w2 := &s.Whens[i], &s.Whens[i+1]
			if !w1.OK || !w2.OK || !reBetweenFrom.MatchString(s.Text[:w1.Start]) || !reBetweenAnd.MatchString(s.Text[w1.End:w2.Start]) {
				continue
			}
			w := w1
			if f.Later {
				w = w2
			}
			return w.Date, "the date in its sentence (\"" + w.Text + "\", of a change between two dates)", w.Relative, true, dbOwn
		}
	}
	// "down from 21.2 in 2017 to 15.8 in 2021": a date right after a
	// value of a change is that value's; a second change given without
	// dates after such a change takes its dates.
	if w, ok := changeDate(s, f); ok {
		if !w.OK {
			return dates.Date{}, w.Why, false, false, dbOwn
		}
		return w.Date, "the date its value of the change is given with (\"" + w.Text + "\")", w.Relative, true, dbOwn
	}
	// "... had since risen to 15": the level at the time of writing.
	if f.Since {
		if !d.date.IsZero() {
			return d.date, "the document's own date (the level the figure had since reached)", true, true, dbPresent
		}
		return dates.Date{}, "the text gives no date for this figure", false, false, dbOwn
	}
	// A date in the figure's own clause: the nearest one, not across a
	// semicolon, and not a plan.
	var own *when
	best := 1 << 30
	for i := range s.Whens {
		w := &s.Whens[i]
		if w.Future || reBaseline.MatchString(s.Text[:w.Start]) || (w.Start >= f.End && reBaselineBetween.MatchString(s.Text[f.End:w.Start])) {
			continue
		}
		// "179.9 (2022: 157.7)": a bracket's date labelling another value.
		if w.Start >= f.End && strings.Count(s.Text[f.End:w.Start], "(") > strings.Count(s.Text[f.End:w.Start], ")") && reLabelsValue.MatchString(s.Text[w.End:]) {
			continue
		}
		g := gap(f.Start, f.End, w.Start, w.End)
		if g <= 45 && g < best && !strings.ContainsAny(between(s.Text, f.Start, f.End, w.Start, w.End), ";") {
			own, best = w, g
		}
	}
	// "40 per cent of the borough's social workers were agency staff as
	// at 30 September 2024": a statistics' reference day in the figure's
	// sentence, however far, when none is nearer.
	if own == nil && !f.Earlier {
		for i := range s.Whens {
			w := &s.Whens[i]
			if !w.Future && w.OK && (w.Date.Prec == dates.PrecDay && reAsAt.MatchString(s.Text[:w.Start]) || w.Date.Prec != dates.PrecYear && reAtEndOf.MatchString(s.Text[:w.Start])) &&
				!strings.ContainsAny(between(s.Text, f.Start, f.End, w.Start, w.End), ";") {
				own = w
				break
			}
		}
	}
	// "At 30 November 2021 the vacancy rate ... and 9% ...": a date at
	// the head of the sentence dates all of it.
	if own == nil && len(s.Whens) > 0 {
		if h := s.Whens[0]; !h.Future && len(strings.Fields(s.Text[:h.Start])) <= 2 && h.Start < f.Start {
			own = &s.Whens[0]
		}
	}
	if own != nil {
		if !own.OK {
			return dates.Date{}, own.Why, false, false, dbOwn
		}
		return own.Date, "the date in its sentence (\"" + own.Text + "\")", own.Relative, true, dbOwn
	}
	// "KEY FIGURES (as at 30 September 2023)" over a list of them: the
	// list's heading gives its items' reference day.
	if w := d.listHeadDay(s); w != nil {
		return w.Date, "the reference day the list's heading gives (\"" + w.Text + "\")", false, true, dbOwn
	}
	if d.kind == KindLetter {
		// A letter reports what inspectors saw on their visit.
		if !d.visitLast.IsZero() {
			return d.visitLast, "the last day of the visit the letter reports", false, true, dbLetter
		}
		if !d.date.IsZero() {
			return d.date, "the letter's date", false, true, dbLetter
		}
		return dates.Date{}, "the letter gives no date", false, false, dbLetter
	}
	// Official figures in an article that gives their reference day once
	// ("at 30 September 2017"), when it reports no inspection, or only
	// one (and its report) before that day: statistics of a later day
	// are not what that inspection found.
	// (An FOI answer's present tense is the day its question asks about.)
	if !d.census.IsZero() && !atInspectionCue.MatchString(s.Text) && (!presentCue.MatchString(s.Text) || d.foi) {
		if e, ok := d.current(council, 0); !ok || e.latest() < d.census.Day {
			return d.census, "the reference day the article gives its statistics (" + d.census.String() + ")", false, true, dbCensus
		}
	}
	if atInspectionCue.MatchString(s.Text) || !presentCue.MatchString(s.Text) {
		if e, ok := d.current(council, 0); ok {
			if date, ok := figureDate(e); ok {
				return date, "the inspection the article reports (" + date.String() + ")", e.Rel, true, dbInspection
			}
		}
	}
	if presentCue.MatchString(s.Text) && !d.date.IsZero() {
		return d.date, "the document's own date (the figure is stated in the present tense)", true, true, dbPresent
	}
	// Minutes report what a meeting was told in the past tense ("it was
	// noted that the vacancy rate had gone up to 23%"): the level at
	// the meeting.
	if d.councilsOwnPaper() && reReportedSpeech.MatchString(s.Text) && !d.date.IsZero() {
		return d.date, "the meeting's date (minutes report the figure as the meeting heard it)", true, true, dbPresent
	}
	// An FOI answer's figures are the council's when it answered.
	if d.foi && !reQuestion.MatchString(s.Text) && !d.date.IsZero() {
		return d.date, "the date of the FOI answer", true, true, dbDocument
	}
	if f.Now && !d.date.IsZero() {
		return d.date, "the document's own date (the level a planned change starts from)", true, true, dbNow
	}
	// "caseloads – down from 23 to an average of 16", in a sentence giving
	// no time at all: the level the change has reached when the text was
	// written (findings v3: a news figure is dated by the article else).
	if f.Later && len(s.Whens) == 0 && !d.date.IsZero() && !reSaidInReport.MatchString(s.Text) {
		return d.date, "the document's own date (the level a change it reports has reached)", true, true, dbPresent
	}
	return dates.Date{}, "the text gives no date for this figure", false, false, dbOwn
}

// reCountOver: a count or share of workers whose caseloads pass a
// number ("the share of practitioners carrying over").
var reCountOver = regexp.MustCompile(`(?i)\b(?:number|proportion|share|percentage|per\s+cent|%)\s+of\s+(?:(?:children['’]?s\s+)?social\s+workers|practitioners|staff|workers)\s+(?:who\s+(?:hold|held|have|had|carry|carried)|holding|with|carrying|having)\s+$`)

// reSaidInReport: the figure is a report's or the inspectors' (dated by
// what they report, not by the text that quotes them).
var reSaidInReport = regexp.MustCompile(`(?i)\b(?:report|reports|inspectors?|ofsted|letter)\b`)

// reDateAfterValue is what stands between a value and its own date: "13.4
// in 2020", "14.8% in September 2020", "23% at 30 September".
var reDateAfterValue = regexp.MustCompile(`(?i)^\s*` + pctWord + `?\s*(?:in|at|as\s+at|as\s+of|by)\s+(?:the\s+end\s+of\s+)?$`)

// reChange is a change between two values, each perhaps with its date:
// "from 27% in March 2016 to 12%", "from 21.2 in 2017 to 15.8".
var reChange = regexp.MustCompile(`(?i)\bfrom\s+(?:around\s+|about\s+)?(\d+(?:\.\d+)?)\s*` + pctWord + `?(?:\s+(?:in|at|as\s+at|as\s+of|by)\s+[^,;]{3,30}?)?\s+to\s+(?:around\s+|about\s+)?(\d+(?:\.\d+)?)`)

// changeDate is the date of a value of a change ("from A in D1 to B in
// D2"): the date right after the value; else, for a change given without
// dates after one given with both in the same sentence (a second rate
// "from 33% to 11%" after the first), that change's date for its
// place (earlier or later).
func changeDate(s *sent, f figure) (when, bool) {
	pairs := reChange.FindAllStringSubmatchIndex(s.Text, -1)
	for i, p := range pairs {
		var end int
		var later bool
		switch {
		case p[2] >= f.Start && p[3] <= f.End:
			end = p[3]
		case p[4] >= f.Start && p[5] <= f.End:
			end, later = p[5], true
		default:
			continue
		}
		if w, ok := dateAfter(s, end); ok {
			return w, true
		}
		for _, q := range pairs[:i] {
			d1, ok1 := dateAfter(s, q[3])
			d2, ok2 := dateAfter(s, q[5])
			if ok1 && ok2 {
				if later {
					return d2, true
				}
				return d1, true
			}
		}
		return when{}, false
	}
	return when{}, false
}

// dateAfter is the date right after the value ending at end.
func dateAfter(s *sent, end int) (when, bool) {
	for _, w := range s.Whens {
		if w.Start >= end && !w.Future && reDateAfterValue.MatchString(s.Text[end:w.Start]) {
			return w, true
		}
	}
	return when{}, false
}

package report

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence of a report's summary, as the report words it.
type Sentence struct {
	Text string
	Page int // where it starts
	// Tone is what the sentence states by the rule in classify: a
	// strength, a shortfall, or neither (mixed, or a plain statement).
	Tone Tone
}

// Tone is what a summary sentence states.
type Tone uint8

const (
	Neither Tone = iota
	States       // a strength
	Falls        // a shortfall
)

// summaryHeadingRE heads an SIF report's prose summary.
var summaryHeadingRE = regexp.MustCompile(`^(?:executive summary|summary of (?:key )?findings)$`)

// summaryEndRE is the next section after an SIF summary.
var summaryEndRE = regexp.MustCompile(`^(?:contents$|the local authority$|section \d|information about this|recommendations|what does the local authority need to improve|areas for improvement|the local authority('s| has the following) strengths|summary for children|progress since the last inspection|the experiences and progress|inspection judgements|the local safeguarding children board|about this inspection|this local authority |children's services in .* because)`)

// ilacsSummary is an ILACS report's summary: the paragraphs between the
// judgement table and "What needs to improve?", Ofsted's own account of its
// judgements.
func ilacsSummary(ls []line, tableEnd int, recs Recommendations) []line {
	if tableEnd <= 0 || !recs.Found || recs.start <= tableEnd {
		return nil
	}
	var out []line
	for _, l := range ls[tableEnd:recs.start] {
		if leadRE.MatchString(l.text) || inspectionDatesRE.MatchString(l.low) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// sifSummary is an SIF report's "Executive summary": its prose, up to the
// next section. A "Summary of findings" made of lists (2014-15) has no
// prose of its own: its lists are read as lists.
func sifSummary(ls []line) []line {
	contents := contentsPages(ls)
	for i := range ls {
		if !summaryHeadingRE.MatchString(strings.TrimSpace(ls[i].low)) || isContents(&ls[i]) || contents[ls[i].page] {
			continue
		}
		var out []line
		for _, l := range ls[i+1:] {
			low := strings.TrimSpace(l.low)
			if summaryEndRE.MatchString(low) || contents[l.page] {
				break
			}
			if numberRE.MatchString(low) || bullet(low) {
				return nil // a list, not prose
			}
			out = append(out, l)
		}
		return out
	}
	return nil
}

// sentences splits lines of prose into sentences, each with the page it
// starts on. A line that is not prose (a heading: short, no full stop, and
// the next line starts a new paragraph) is left out.
func sentences(ls []line) []Sentence {
	var text strings.Builder
	var pages []int // the page of each byte written
	for i, l := range ls {
		t := strings.TrimSpace(l.text)
		if t == "" {
			continue
		}
		if i > 0 && text.Len() > 0 {
			text.WriteByte(' ')
			pages = append(pages, l.page)
		}
		text.WriteString(t)
		for range len(t) {
			pages = append(pages, l.page)
		}
	}
	s := text.String()
	var out []Sentence
	begin := 0
	emit := func(end int) {
		t := strings.TrimSpace(s[begin:end])
		if utf8.RuneCountInString(t) >= 20 && strings.ContainsAny(t[len(t)-1:], ".!?") {
			off := begin + (len(s[begin:end]) - len(strings.TrimLeft(s[begin:end], " ")))
			out = append(out, Sentence{Text: t, Page: pages[off]})
		}
		begin = end
	}
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune(".!?", rune(s[i])) || i+2 >= len(s) || s[i+1] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[i+2:])
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || next == '‘' || next == '“' || next == '\'' || next == '"') {
			continue
		}
		if abbreviation(s[:i]) {
			continue
		}
		emit(i + 1)
	}
	emit(len(s))
	for k := range out {
		out[k].Tone = classify(out[k].Text)
	}
	return out
}

// abbreviation reports whether text ends with a word whose full stop is
// not a sentence's end.
func abbreviation(text string) bool {
	w := text[strings.LastIndexByte(text, ' ')+1:]
	switch strings.ToLower(w) {
	case "e.g", "i.e", "mr", "mrs", "ms", "dr", "no", "st", "cf", "vs":
		return true
	}
	return false
}

// praiseWords are the words of praise the rule looks for.
const praiseWords = `good|strong|stronger|strongly|strengthened|effective|effectively|well|improved|improving|improvements?|outstanding|timely|stable|ambitious|child-focused|child-centred|purposeful|purposefully|robust|high-quality|skilled|benefit|benefits|benefited|positive|positively|thorough|committed|commitment|comprehensive|appropriate|appropriately|swift|swiftly|prompt|promptly|excellent|exceptional|exceptionally|creative|progress|strength|strengths|standout|better|impressive|confident|knowledgeable|passionate|highly|valued|sustained|consistently|consistent|secure|securely|safe|safely|caring|proactive|tenacious|trusted|insightful|successful|successfully|strengthen|strengthening|address|addressed|addressing`

// The words that decide a summary sentence's tone (docs/extraction.md,
// "Summaries"). The rule is deliberately one-sided: a strength has a word
// of praise and no word of doubt at all; a shortfall has a word of
// shortfall and no word of praise; everything else (a sentence that weighs
// both, or says neither) is left out rather than guessed.
var (
	praiseRE = regexp.MustCompile(`\b(?:` + praiseWords + `)\b`)
	// Any of these, and the sentence is no plain strength: doubt,
	// contrast, limits, and the words of risk that praise of a response to
	// risk also uses.
	doubtRE = regexp.MustCompile(`\b(?:not|no|none|nor|never|too|insufficient|insufficiently|inconsistent|inconsistently|weak|weaker|weakness|weaknesses|poor|poorly|delay|delays|delayed|drift|lack|lacks|lacking|fail|fails|failed|failing|failure|failures|variable|variability|inadequate|inadequately|require|requires|required|requiring|deteriorat\w*|however|although|though|but|while|whilst|despite|limited|gap|gaps|shortfall|shortfalls|unable|ineffective|unsafe|slow|slower|still|yet|declined|declining|serious|seriously|widespread|prevented|prevent|hinder|hinders|hindered|concern|concerns|concerning|worry|worries|vulnerab\w*|risk|risks|harm|harmful|uneven|patchy|fragile|pressure|pressures|challenge|challenges|challenging|difficult|difficulty|difficulties|struggle|struggles|struggling|only|fewer|less|lower|unclear|inaccurate|incomplete|missed|lost|wait|waits|waiting|waited|overly|optimistic|absent|absence|reduced|reduce|reduction|decrease|decreased|instability|unstable|some|most|many|few|majority|minority|except|exception|beginning|begun|early|recent|recently|newly|emerging|developing|started|starting|further|more|additional|increase|increased|increasing|high|higher|greater|striving|strive|strives|priority|priorities|recognise|recognises|recognised|aware|awareness|vital|without|needs? to|needed to)\b`)
	// Words of a plain shortfall.
	shortfallRE = regexp.MustCompile(`\b(?:not|too|insufficient|insufficiently|inconsistent|inconsistently|weak|weakness|weaknesses|poor|poorly|delay|delays|delayed|drift|lack|lacks|lacking|fail|fails|failed|failing|failure|failures|variable|inadequate|inadequately|requires? improvement|deteriorat\w*|limited|gaps|shortfall|shortfalls|ineffective|unsafe|slow|yet to|prevented|hinder|hinders|hindered|uneven|patchy|missed|unclear|inaccurate|incomplete)\b`)
	// A judgement of the past ("since the previous inspection in 2023, when
	// the local authority was judged to be inadequate") is not what the
	// report finds now: it is left out before the words are weighed.
	// Who a service is for ("children at risk of exploitation",
	// "vulnerable adolescents") is no doubt about the service: left out too.
	populationRE    = regexp.MustCompile(`\b(?:at (?:increased |significant )?risk of (?:significant |serious |extra-familial |exploitation and )?(?:harm|exploitation|sexual exploitation|criminal exploitation|going missing|homelessness)|vulnerable (?:children|adolescents|young people|families|groups)|who (?:need|require) help and protection|extra-familial harm)\b`)
	pastJudgementRE = regexp.MustCompile(`\b(?:was|were|had been|been|being|is no longer|are no longer) (?:judged|found|rated|graded)?\s*(?:to be |as )?(?:outstanding|good|inadequate|requires? improvement(?: to be good)?)(?: overall)?\b|\bjudge?ments? (?:of|was|were) (?:outstanding|good|inadequate|requires? improvement(?: to be good)?)\b`)
)

// withoutDelayRE is praise in words of delay: "act without delay".
var withoutDelayRE = regexp.MustCompile(`\b(?:without (?:any )?(?:undue |unnecessary )?delay|with no (?:undue )?delay)\b`)

// negatedRE is praise denied ("not always timely", "not yet effective"):
// a shortfall, its word of praise taken out before the words are weighed.
var negatedRE = regexp.MustCompile(`\b(?:not|never) (?:always |yet |sufficiently |consistently |fully |routinely |as |so |well )*(?:` + praiseWords + `)\b`)

// noneFoundRE is a shortfall denied: "no widespread or serious failures
// were seen", "no children were identified at immediate risk". Such a
// sentence is neither a plain strength nor a shortfall.
var noneFoundRE = regexp.MustCompile(`\bno (?:widespread or serious |serious or widespread |serious |widespread )?(?:failures|weaknesses|concerns)\b|\bno (?:children|child|young people) (?:was|were) (?:identified|found|seen)\b|\b(?:did not|do not|does not) (?:identify|find|see) any\b`)

// classify says what a summary sentence states, by the words above.
func classify(text string) Tone {
	low := populationRE.ReplaceAllString(pastJudgementRE.ReplaceAllString(normalise(text), " "), " ")
	low = withoutDelayRE.ReplaceAllString(low, " promptly ")
	low = negatedRE.ReplaceAllString(low, " not ")
	if noneFoundRE.MatchString(low) {
		return Neither
	}
	switch {
	case praiseRE.MatchString(low) && !doubtRE.MatchString(low):
		return States
	case shortfallRE.MatchString(low) && !praiseRE.MatchString(low):
		return Falls
	}
	return Neither
}

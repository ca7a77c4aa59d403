package text

import (
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/reference"
)

// What a document's own address says, for documents that do not say it in
// their text: a council's own pages name themselves "the council" and live
// at its address (southampton.gov.uk, democracy.telford.gov.uk,
// herefordshire.disclosurelog.co.uk), and news sites put the day in the
// path (/2019/07/15/...).

var (
	reAddrDay   = regexp.MustCompile(`/((?:19|20)\d{2})[/-](\d{1,2}|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)[/-](\d{1,2})(?:[/-]|$)`)
	reAddrMonth = regexp.MustCompile(`/((?:19|20)\d{2})/(\d{1,2}|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)/`)
	// "/november-2017/", "news-from-january-2024/": a month and year in
	// words, as council news archives file their releases.
	reAddrMonthWord = regexp.MustCompile(`(?i)[/-](january|february|march|april|may|june|july|august|september|october|november|december)-((?:19|20)\d{2})/`)
	reAddrYear      = regexp.MustCompile(`/((?:19|20)\d{2})/`)
)

// addressDate is the date a document's address gives: a day
// (/2019/07/15/, /2014-12-29/), else a month (/2014/12/), else a year
// (/news/2023/).
func addressDate(source string) (dates.Date, bool) {
	u, err := url.Parse(source)
	if err != nil || u.Host == "" {
		return dates.Date{}, false
	}
	path := u.Path + "/"
	if m := reAddrDay.FindStringSubmatch(path); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, err := strconv.Atoi(m[2])
		if err != nil {
			mo = monthOf(m[2]) // "/2016/dec/13/"
		}
		d, _ := strconv.Atoi(m[3])
		if mo >= 1 && mo <= 12 && d >= 1 && d <= dates.DaysIn(y, mo) {
			return dates.Date{Day: dates.FromYMD(y, mo, d), Prec: dates.PrecDay}, true
		}
	}
	if m := reAddrMonth.FindStringSubmatch(path); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, err := strconv.Atoi(m[2])
		if err != nil {
			mo = monthOf(m[2]) // "/2022/may/"
		}
		if mo >= 1 && mo <= 12 {
			return dates.Date{Day: dates.FromYMD(y, mo, 1), Prec: dates.PrecMonth}, true
		}
	}
	if m := reAddrMonthWord.FindStringSubmatch(path); m != nil {
		y, _ := strconv.Atoi(m[2])
		if mo := monthOf(m[1]); mo >= 1 && mo <= 12 {
			return dates.Date{Day: dates.FromYMD(y, mo, 1), Prec: dates.PrecMonth}, true
		}
	}
	if m := reAddrYear.FindStringSubmatch(path); m != nil {
		y, _ := strconv.Atoi(m[1])
		return dates.Date{Day: dates.FromYMD(y, 1, 1), Prec: dates.PrecYear}, true
	}
	return dates.Date{}, false
}

// hostWords are labels of a host that name a kind of site, not a council.
var hostWords = map[string]bool{"www": true, "m": true, "democracy": true, "committee": true, "committees": true,
	"councillors": true, "moderngov": true, "modgov": true, "edemocracy": true, "mycouncil": true, "news": true,
	"newsroom": true, "newsroomarchive": true, "disclosurelog": true, "young": true, "feeds": true, "internet": true,
	"gov": true, "uk": true, "co": true, "org": true, "com": true, "net": true, "info": true, "ac": true, "nhs": true,
	"cmis": true, "minutes": true, "meetings": true, "services": true, "ecminutes": true, "foi": true, "data": true}

// addressCouncil is the council a document's address names: its host
// (barnet.gov.uk, democracy.telford.gov.uk, modgov.lbbd.gov.uk), else one
// council named in the last part of its path
// (.../newham-downgraded-to-inadequate). "" when none or several.
func (m *matcher) addressCouncil(source string) (council string, onHost bool) {
	u, err := url.Parse(source)
	if err != nil || u.Host == "" {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	if strings.HasSuffix(host, ".gov.uk") || strings.Contains(host, "disclosurelog") || strings.Contains(host, "moderngov") {
		found := ""
		for _, label := range strings.Split(host, ".") {
			if hostWords[label] {
				continue
			}
			if c := m.hostCouncil(label); c != "" {
				if found != "" && found != c {
					return "", false
				}
				found = c
			}
		}
		if found != "" {
			return found, true
		}
	}
	// The path's last words: a news site's slug.
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	slug := strings.ToLower(segs[len(segs)-1])
	if !strings.Contains(slug, "-") && len(segs) > 1 {
		slug = strings.ToLower(segs[len(segs)-2])
	}
	return m.slugCouncil(slug), false
}

// hostCouncil matches one label of a host against the councils: the name
// run together ("southampton", "cheshireeast"), with "city" or "council"
// around it ("nottinghamcity"), its words with hyphens ("redcar-cleveland"
// with "and" left out), its initials after "lb" or "rb" ("lbbd"), its
// first word and the initials of the rest ("bathnes"), the start of one
// council's name ("telford") or its last word ("scilly"). Only a single
// council counts.
func (m *matcher) hostCouncil(label string) string {
	if len(label) < 4 {
		return ""
	}
	label = strings.TrimSuffix(strings.TrimSuffix(label, "council"), "-")
	bare := strings.ReplaceAll(label, "-", "")
	for _, affix := range []string{"city", "cc", "gov", "sites", "site"} {
		if strings.HasSuffix(bare, affix) && len(bare) > len(affix)+3 {
			bare = strings.TrimSuffix(bare, affix)
		}
	}
	var exact, loose []string
	for _, f := range m.forms {
		words := f.words
		run := strings.Join(words, "")
		var content []string
		for _, w := range words {
			if !connectors[w] && w != "city" && w != "county" {
				content = append(content, w)
			}
		}
		initials := ""
		for _, w := range content {
			initials += w[:1]
		}
		switch {
		case run == bare || strings.Join(content, "") == bare:
			exact = appendOnce(exact, f.name)
		case len(content) >= 2 && f.london && (bare == "lb"+initials || bare == "rb"+initials):
			loose = appendOnce(loose, f.name)
		case len(content) >= 3 && bare == content[0]+initials[1:]:
			loose = appendOnce(loose, f.name)
		case len(bare) >= 5 && strings.HasPrefix(run, bare) && len(words) > 1 && words[0] == bare:
			loose = appendOnce(loose, f.name)
		case len(bare) >= 5 && len(content) >= 2 && content[len(content)-1] == bare:
			// The name's last word ("scilly" for the Isles of Scilly).
			loose = appendOnce(loose, f.name)
		}
	}
	if len(exact) == 1 {
		return exact[0]
	}
	if len(exact) == 0 && len(loose) == 1 {
		return loose[0]
	}
	return ""
}

// slugCouncil is the one council whose name's words appear in order in a
// slug's hyphen-separated words; "" for none or several. Names that are
// also English words ("reading") do not count here.
func (m *matcher) slugCouncil(slug string) string {
	words := strings.FieldsFunc(slug, func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	found := map[string]int{} // council -> words matched
	for _, f := range m.forms {
		if len(f.words) == 1 && commonWords[f.words[0]] {
			continue
		}
		for i := 0; i+len(f.words) <= len(words); i++ {
			ok := true
			for k, w := range f.words {
				if words[i+k] != w {
					ok = false
					break
				}
			}
			if ok && len(f.words) > found[f.name] {
				found[f.name] = len(f.words)
			}
		}
	}
	// A shorter name inside a longer one ("york" in "north-york...")
	// gives way to the longer.
	var names []string
	for n := range found {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) == 1 {
		return names[0]
	}
	best, bestLen, tie := "", 0, false
	for _, n := range names {
		switch {
		case found[n] > bestLen:
			best, bestLen, tie = n, found[n], false
		case found[n] == bestLen:
			tie = true
		}
	}
	if tie || bestLen < 2 {
		return ""
	}
	return best
}

// nameForm is one way a council is written, as folded words.
type nameForm struct {
	name   string
	words  []string
	london bool // a London borough ("lb" before its initials)
}

// formsOf lists the folded word forms of every council's names.
func formsOf(ref *reference.List) []nameForm {
	var out []nameForm
	for _, c := range ref.Councils {
		names := append([]string{c.Name}, c.Aliases...)
		if base, _, ok := strings.Cut(c.Name, ", "); ok {
			names = append(names, base)
		}
		for _, n := range names {
			if w := strings.Fields(reference.Fold(n)); len(w) > 0 {
				out = append(out, nameForm{c.Name, w, c.Region == "London"})
			}
		}
	}
	return out
}

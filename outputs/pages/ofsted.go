package pages

import (
	"fmt"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/prose"
)

// What Ofsted said about a council is analysis/inspections' model, the
// one the councillor workbook's What Ofsted said sheet shows: the page
// shows the newest report with its words in full, the others by date.

type ofstedView struct {
	// Missing says the newest inspection's report is not in the inputs.
	Missing     string
	Latest      *reportView
	Earlier     []reportView
	None        string
	Page        string
	CouncilName string
}

// reportView is one report as the page shows it.
type reportView struct {
	*inspections.Report
	Heading, Framework, LinkText string
	// Counts says what an earlier report holds: "3 recommendations, 2
	// strengths", "grades only".
	Counts string
	// Strengths and Improvements are the report's, cut short on paper.
	Strengths, Improvements saidList
	// Print marks the one earlier report printed.
	Print bool
}

// saidList is a list of what a report said; on paper only the first
// printed items, so a long list of strengths cannot push the page past two
// sheets (recommendations are always printed whole).
type saidList struct {
	Items []inspections.Point
	More  int // items not printed
}

// printed is how many strengths, or areas for improvement, a printed page
// lists: with the recommendations whole, a council's page fits one A4
// sheet unless the recommendations are many.
const printed = 2

func newSaidList(items []inspections.Point) saidList {
	return saidList{Items: items, More: max(0, len(items)-printed)}
}

// Screen reports whether item i is left off paper.
func (l saidList) Screen(i int) bool { return i >= printed }

// ofstedSection is what Ofsted said: the newest report with its words in
// full, the others by date with their links. said is nil only for a
// council inspections.Known does not list (one not existing on the day).
func ofstedSection(said *inspections.Council, c *metrics.Council) ofstedView {
	name := c.Ref.Name
	v := ofstedView{CouncilName: name, Page: c.Ref.OfstedPage()}
	if said == nil || len(said.Reports) == 0 {
		if said != nil {
			v.None = said.NoReport()
		} else {
			v.None = "No Ofsted inspection report on " + name + "'s children's services is in the data this page was made from."
		}
		return v
	}
	v.Page = said.OfstedPage
	// The report shown in full is the newest with its words; a newer
	// inspection known only by its grades (from the statistics, or from
	// a finding elsewhere) is said to be missing, never passed over.
	full := 0
	for full < len(said.Reports) && !said.Reports[full].Words {
		full++
	}
	if full == len(said.Reports) {
		full = 0
	}
	shown := said.Reports[full].Date
	var newest dates.Date
	for _, h := range c.History {
		if h.Date.Day > newest.Day {
			newest = h.Date
		}
	}
	if full > 0 {
		v.Missing = fmt.Sprintf("Only the grades of Ofsted's inspection of %s are in the inputs, not its report: the newest report here is from %s.",
			prose.Date(said.Reports[0].Date), prose.Date(shown))
	} else if newest.Day > shown.Day && !metrics.SameJudgement(shown, newest) && !metrics.SameJudgement(newest, shown) {
		v.Missing = fmt.Sprintf("The report of Ofsted's inspection of %s is not in the inputs: the newest here is from %s.", prose.Date(newest), prose.Date(shown))
	}
	for i := range said.Reports {
		rep := &said.Reports[i]
		rv := reportView{Report: rep, Strengths: newSaidList(rep.Strengths), Improvements: newSaidList(rep.Improvements)}
		if fw := inspections.FrameworkName(rep.Framework); fw != "inspection" {
			rv.Framework = upperFirst(fw)
		}
		rv.Heading = "Inspection of " + prose.Date(rep.Date)
		if !rep.Published.IsZero() && rep.Published != rep.Date {
			rv.Heading += ", published " + prose.Date(rep.Published)
		}
		if rep.Link != "" {
			rv.LinkText = "Ofsted's inspection report on " + name + ", " + prose.Date(rep.Date)
		}
		rv.Counts = counts(rep)
		if i == full {
			v.Latest = &rv
		} else {
			rv.Print = len(v.Earlier) < 1 // on paper, the newest other
			v.Earlier = append(v.Earlier, rv)
		}
	}
	return v
}

// printLink is an address written out for paper.
func printLink(what, url string) string {
	return what + ": " + strings.TrimPrefix(url, "https://")
}

// counts says how many points of each kind a report lists, or that only
// its grades are known.
func counts(r *inspections.Report) string {
	if !r.Words {
		return "grades only"
	}
	var parts []string
	if n := len(r.Recommendations); n > 0 {
		parts = append(parts, plural(n, "recommendation"))
	}
	if n := len(r.Improvements); n == 1 {
		parts = append(parts, "1 area for improvement")
	} else if n > 1 {
		parts = append(parts, fmt.Sprintf("%d areas for improvement", n))
	}
	if n := len(r.Strengths); n > 0 {
		parts = append(parts, plural(n, "strength"))
	}
	return strings.Join(parts, ", ")
}

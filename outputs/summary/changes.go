// Package summary writes what a report says first, in plain English: what
// changed since the report its readers last received (changes.txt, the
// Cover, the page), and its main findings. Every sentence is computed from
// the report's own tables, so it says the same as they do.
package summary

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/prose"
)

// ChangesFile is the name of the plain-text summary in a report's folder.
const ChangesFile = "changes.txt"

// Since says what the report is compared with: "the report as of 1
// November 2026 (monthly/2026-11)", or the recomputed month.
func Since(r *metrics.Report) string {
	s := r.Since
	if s == nil {
		return ""
	}
	if s.Recomputed {
		return fmt.Sprintf("the same inputs as of %s (no earlier report was given to compare with, so items that reached the inputs late cannot be told apart)", prose.LongDay(s.AsOf))
	}
	out := "the report as of " + prose.LongDay(s.AsOf)
	if s.From != "" {
		out += " (" + s.From + ")"
	}
	return out
}

// section is one kind of change in the summary.
type section struct {
	heading string
	kinds   []string
}

// sections are the summary's, most important first: grades that changed,
// then new inspections, then new official figures (spec v3).
var sections = []section{
	{"Grades that changed", []string{metrics.ChangeGrade}},
	{"New inspections", []string{metrics.ChangeInspection}},
	{"Arrived late: published before the previous report but not in it", []string{metrics.ChangeLate}},
	{"New official figures", []string{metrics.ChangeRelease, metrics.ChangeOfficial}},
	{"Figures revised", []string{metrics.ChangeRevised}},
	{"Figures now suppressed", []string{metrics.ChangeSuppressed}},
	{"Ofsted visits (no grade)", []string{metrics.ChangeVisit}},
	{"Figures from other sources (news, council papers)", []string{metrics.ChangeOther}},
	{"Councils added or gone", []string{metrics.ChangeAdded, metrics.ChangeGone}},
}

// maxCouncilFigures is how many councils' new official figures the
// summary names per measure: a DfE release gives every council one, and
// the email names the largest moves.
const maxCouncilFigures = 5

// ChangesText is changes.txt: a short plain-English summary of what
// changed, fit to paste into an email, most important first. The Changes
// sheet and changes.csv list every change.
func ChangesText(r *metrics.Report, title string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "What changed: %s, as of %s\n", title, prose.LongDay(r.AsOf))
	if r.AsAt != r.AsOf {
		fmt.Fprintf(&b, "(figures as at %s)\n", prose.LongDay(r.AsAt))
	}
	fmt.Fprintf(&b, "Compared with %s.\n", Since(r))
	lines := ChangeLines(r)
	if len(lines) == 0 {
		b.WriteString("\nNothing changed.\n")
	}
	for _, l := range lines {
		if l.Heading {
			fmt.Fprintf(&b, "\n%s\n", l.Text)
			continue
		}
		fmt.Fprintf(&b, "- %s\n", l.Text)
	}
	b.WriteString("\nEvery change, with its dates, source and document: datasets/changes.csv and the Changes sheet of report.xlsx.\n")
	return b.String()
}

// Line is one line of the summary: a heading, or one item under it.
type Line struct {
	Heading bool
	Text    string
}

// ChangeLines are the summary's headings and items, in order.
func ChangeLines(r *metrics.Report) []Line {
	byKind := map[string][]metrics.Change{}
	for _, c := range r.Changes {
		byKind[c.Kind] = append(byKind[c.Kind], c)
	}
	var out []Line
	for _, s := range sections {
		var items []string
		for _, k := range s.kinds {
			cs := byKind[k]
			if k == metrics.ChangeOfficial {
				items = append(items, officialItems(cs)...)
				continue
			}
			for _, c := range cs {
				items = append(items, item(c))
			}
		}
		if len(items) == 0 {
			continue
		}
		out = append(out, Line{Heading: true, Text: fmt.Sprintf("%s (%d)", s.heading, countOf(byKind, s.kinds))})
		for _, it := range items {
			out = append(out, Line{Text: it})
		}
	}
	return out
}

func countOf(byKind map[string][]metrics.Change, kinds []string) int {
	n := 0
	for _, k := range kinds {
		n += len(byKind[k])
	}
	return n
}

// item is one change in a sentence, with prose dates.
func item(c metrics.Change) string {
	name := "England"
	if c.Council != nil {
		name = c.Council.Name
	}
	pub := ""
	if !c.Published.IsZero() && c.Published != c.AfterDate {
		pub = ", published " + prose.Date(c.Published)
	}
	switch c.Kind {
	case metrics.ChangeGrade:
		return fmt.Sprintf("%s: %s %s, was %s (inspected %s%s).", name, c.Concerns, c.After, c.Before, prose.Date(c.AfterDate), pub)
	case metrics.ChangeInspection:
		return fmt.Sprintf("%s, inspected %s%s: %s.", name, prose.Date(c.AfterDate), pub, c.After)
	case metrics.ChangeRelease:
		d := findingsDef(c.Concerns)
		s := fmt.Sprintf("England's median %s for %s: %s", d.Short(), prose.Date(c.AfterDate), c.After)
		if c.Before != "" {
			s += fmt.Sprintf(" (was %s for %s)", c.Before, prose.Date(c.BeforeDate))
		}
		return s + "."
	case metrics.ChangeRevised:
		return fmt.Sprintf("%s: %s for %s revised from %s to %s%s.", name, findingsDef(c.Concerns).Short(), prose.Date(c.AfterDate), c.Before, c.After, pub)
	case metrics.ChangeSuppressed:
		return fmt.Sprintf("%s: %s for %s is %s (was %s for %s).", name, findingsDef(c.Concerns).Short(), prose.Date(c.AfterDate), c.After, c.Before, prose.Date(c.BeforeDate))
	case metrics.ChangeVisit:
		return fmt.Sprintf("%s: %s, %s%s.", name, c.After, prose.Date(c.AfterDate), pub)
	case metrics.ChangeOther:
		return fmt.Sprintf("%s: %s %s for %s, from %s.", name, findingsDef(c.Concerns).Short(), c.After, prose.Date(c.AfterDate), c.Source)
	case metrics.ChangeAdded, metrics.ChangeGone:
		return c.Detail
	}
	// A late arrival: what arrived, and when it was published.
	what := c.After
	if c.Concerns != "inspection" && c.Concerns != "visit" {
		what = findingsDef(c.Concerns).Short() + " " + c.After
	}
	return fmt.Sprintf("%s: %s (%s%s).", name, what, prose.Date(c.AfterDate), pub)
}

func findingsDef(name string) *findings.Def {
	m, _ := findings.ParseMeasure(name)
	return m.Def()
}

// officialItems summarise councils' new official figures by measure and
// date: how many councils, and the largest moves, rather than one line a
// council.
func officialItems(cs []metrics.Change) []string {
	type key struct {
		measure string
		day     dates.Day
	}
	groups := map[key][]metrics.Change{}
	var keys []key
	for _, c := range cs {
		k := key{c.Concerns, c.AfterDate.Day}
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], c)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].day != keys[j].day {
			return keys[i].day > keys[j].day
		}
		return keys[i].measure < keys[j].measure
	})
	var out []string
	for _, k := range keys {
		g := groups[k]
		d := findingsDef(k.measure)
		if len(g) == 1 {
			c := g[0]
			s := fmt.Sprintf("%s: %s for %s is %s", c.Council.Name, d.Short(), prose.Date(c.AfterDate), c.After)
			if c.Before != "none" && c.Before != "" {
				s += fmt.Sprintf(" (was %s for %s)", c.Before, prose.Date(c.BeforeDate))
			}
			out = append(out, s+".")
			continue
		}
		s := fmt.Sprintf("%s for %s: new figures for %d councils", sentence(d.Short()), prose.Date(g[0].AfterDate), len(g))
		var large []metrics.Change
		for _, c := range g {
			if c.Large {
				large = append(large, c)
			}
		}
		if len(large) > 0 {
			sort.SliceStable(large, func(i, j int) bool { return math.Abs(large[i].Move) > math.Abs(large[j].Move) })
			var names []string
			for _, c := range large[:min(len(large), maxCouncilFigures)] {
				names = append(names, fmt.Sprintf("%s %s (was %s)", c.Council.Name, c.After, c.Before))
			}
			s += fmt.Sprintf("; %d moved by more than %g %s, the largest %s", len(large), d.Threshold, changeUnit(d), prose.JoinAnd(names))
		}
		out = append(out, s+".")
	}
	return out
}

func changeUnit(d *findings.Def) string {
	if d.Rate {
		return "percentage points"
	}
	return d.Unit
}

func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

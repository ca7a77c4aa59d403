package workbook

import (
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/prose"
	"github.com/oversight/oversight/outputs/table"
)

// What was said about a council: the strengths and weaknesses from every
// source (Themes), and What Ofsted said in its reports' own words.

// scopeText is a finding's part of the service in words.
func scopeText(scope string) string {
	if scope == findings.CouncilScope || scope == "" {
		return "whole service"
	}
	return scope
}

// themeColumns are 150 characters wide: one landscape page.
var themeColumns = []table.Column{
	{Name: "date", Header: "Date", Kind: table.Date}, {Name: "theme", Header: "Theme", Kind: table.Text, Width: 22},
	{Name: "polarity", Header: "Strength or weakness", Kind: table.Text, Width: 10}, {Name: "scope", Header: "Part of the service", Kind: table.Text, Width: 13},
	{Name: "note", Header: "What was said", Kind: table.Text, Width: 50}, {Name: "source_type", Header: "Kind of source", Kind: table.Text, Width: 11},
	{Name: "source", Header: "Source", Kind: table.Text, Width: 31},
}

// themesTable lists every strength and weakness, newest first, strengths
// before weaknesses.
func themesTable(fs []findings.Finding) table.Table {
	var idx []int
	for i := range fs {
		if fs[i].Measure == findings.Theme {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := &fs[idx[a]], &fs[idx[b]]
		if x.Date.Day != y.Date.Day {
			return x.Date.Day > y.Date.Day
		}
		if x.Polarity != y.Polarity {
			return x.Polarity < y.Polarity // strengths first
		}
		return x.Label < y.Label
	})
	t := &cellTable{name: "themes", cols: themeColumns}
	for _, i := range idx {
		f := &fs[i]
		t.rows = append(t.rows, []table.Cell{dateCell(f.Date), textCell(f.Label), textCell(f.Polarity.String()), textCell(scopeText(f.Scope)),
			orMissing(f.Note, table.NotAvailable), orMissing(charts.SourceLabel(f.SourceType), table.NotAvailable), orMissing(f.Source, table.NotAvailable)})
	}
	return t
}

// saidColumns are 150 characters wide: one landscape page.
var saidColumns = []table.Column{
	{Name: "report", Header: "Report", Kind: table.Text, Width: 34},
	{Name: "kind", Header: "What it is", Kind: table.Text, Width: 16},
	{Name: "words", Header: "The report's words", Kind: table.Text, Width: 66},
	{Name: "page", Header: "Page", Kind: table.Integer, Width: 6},
	{Name: "link", Header: "Where to read it", Kind: table.Text, Width: 28},
}

// saidTable is What Ofsted said, with the address each row links to.
type saidTable struct {
	cellTable
	urls []string
}

// link is the web address a cell links to: the report's, or Ofsted's page
// for the council, from the last column.
func (t *saidTable) link(i, j int) string {
	if j == len(saidColumns)-1 {
		return t.urls[i]
	}
	return ""
}

// webAddress reports whether a source is a web page's address.
func webAddress(s string) bool {
	l := strings.ToLower(s)
	return (strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) && !strings.ContainsAny(s, " \t\r\n")
}

// ofstedTable is What Ofsted said: the council's Ofsted page first, then
// each report known on the report date, newest inspection first, labelled
// by its dates and framework: its recommendations, strengths and areas for
// improvement in the report's own words, with their pages and a link to
// the report. A report known only from Ofsted's statistics (not read) says
// so in one row.
func ofstedTable(in CouncillorInput) *saidTable {
	t := &saidTable{cellTable: cellTable{name: "ofsted", cols: saidColumns}}
	add := func(report, kind, words string, page int, where, url string) {
		pg := table.Cell{Kind: table.Integer, Num: float64(page)}
		if page == 0 {
			pg = table.Missing(table.Integer, table.NotApplicable)
		}
		t.rows = append(t.rows, []table.Cell{textCell(report), textCell(kind), textCell(words), pg, orMissing(where, table.NotAvailable)})
		t.urls = append(t.urls, url)
	}
	said := in.Said
	if said == nil {
		return t
	}
	name := said.Council.Name
	if said.OfstedPage != "" {
		add("Every report and letter", "Ofsted's page", "Ofsted lists every inspection report and letter about "+name+"'s children's services on its page for the council.", 0,
			"Ofsted's page", said.OfstedPage)
	}
	if len(said.Reports) == 0 {
		add("No report in the inputs", "Note", said.NoReport(), 0, "", "")
		return t
	}
	for i, r := range said.Reports {
		label := reportLabel(&r)
		if i == 0 {
			label = "Latest report: " + strings.ToLower(label[:1]) + label[1:]
		}
		where, url := "", ""
		if r.Link != "" {
			where, url = "Ofsted's report of "+prose.Date(r.Published), r.Link
		}
		if !r.Words {
			add(label, "Grades only", "This report was not read: its grades are from Ofsted's statistics ("+gradesText(r.Grades)+"). Its recommendations are in the report itself.", 0, where, url)
			continue
		}
		points := 0
		for _, list := range []struct {
			kind string
			ps   []inspections.Point
		}{{"Recommendation", r.Recommendations}, {"Strength", r.Strengths}, {"Area for improvement", r.Improvements}} {
			for _, p := range list.ps {
				words := p.Text
				if p.Cut {
					words += " (continues in the report)"
				}
				add(label, list.kind, words, p.Page, where, url)
				points++
			}
		}
		if points == 0 {
			add(label, "Grades", "The report was read but lists no recommendations, strengths or areas for improvement as points ("+gradesText(r.Grades)+").", 0, where, url)
		}
	}
	return t
}

// reportLabel names a report by its dates and framework, short enough to
// repeat on each of its rows: "Inspected 10 Jul 2023, published 4 Sep
// 2023 (ILACS standard)".
func reportLabel(r *inspections.Report) string {
	s := "Inspected " + prose.Date(r.Date)
	if !r.Published.IsZero() && r.Published != r.Date {
		s += ", published " + prose.Date(r.Published)
	}
	if fw := frameworkShort(r.Framework); fw != "" {
		s += " (" + fw + ")"
	}
	return s
}

// frameworkShort names a framework in a few words (the Notes sheet says
// what each is).
func frameworkShort(fw string) string {
	switch fw {
	case "ILACS-standard":
		return "ILACS standard"
	case "ILACS-short":
		return "ILACS short"
	case "ILACS-2026":
		return "ILACS from April 2026, no overall grade"
	case "SIF-reinspection":
		return "SIF re-inspection"
	}
	return fw
}

// gradesText says a report's grades: "overall good; leadership good; ...".
func gradesText(gs []inspections.Grade) string {
	var parts []string
	for _, g := range gs {
		parts = append(parts, strings.ToLower(areaName(g.Area))+" "+g.Grade.String())
	}
	if len(parts) == 0 {
		return "no grades"
	}
	return strings.Join(parts, "; ")
}

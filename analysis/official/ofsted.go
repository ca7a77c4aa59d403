package official

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
)

// ilacsCareLeaversFrom is when ILACS split "children in care and care
// leavers" into two judgements: inspections from 1 January 2023.
var ilacsCareLeaversFrom = dates.FromYMD(2023, 1, 1)

// gradeWord reports whether s is one of Ofsted's four grades, in the short or
// long form.
func gradeWord(s string) bool {
	switch strings.ToLower(strings.Join(strings.Fields(s), " ")) {
	case "outstanding", "good", "requires improvement", "requires improvement to be good", "inadequate":
		return true
	}
	return false
}

// judgement classifies one judgement cell: a grade (true), or blank, "-" or
// something else (counted, false).
func judgement(st *Stats, v string) bool {
	switch {
	case v == "":
		st.Blank++
		return false
	case v == "-" || v == "–":
		st.suppress("-")
		return false
	case !gradeWord(v):
		st.skip(fmt.Sprintf("judgement %q is not a grade", v))
		return false
	}
	return true
}

type role int

const (
	roleNone role = iota
	roleOverall
	roleLeaders
	roleHelp
	roleInCare
	roleCareLeavers
	roleInCareAndCareLeavers
)

// judgementRole recognises a judgement column of the row-per-inspection
// layouts by its (folded) heading; the 2025 and 2023 sheets word them
// differently ("The impact of leaders on social work practice with children
// and families" / "Impact of leaders").
func judgementRole(h string) role {
	switch {
	case h == "overall effectiveness":
		return roleOverall
	case strings.Contains(h, "impact of leaders"):
		return roleLeaders
	case strings.Contains(h, "help and protection"):
		return roleHelp
	case strings.Contains(h, "children in care") && strings.Contains(h, "care leavers"):
		return roleInCareAndCareLeavers
	case strings.Contains(h, "children in care"):
		return roleInCare
	case strings.Contains(h, "care leavers"):
		return roleCareLeavers
	}
	return roleNone
}

type judgementCol struct {
	col     int
	role    role
	heading string // as in the file
}

// areaFor maps a role to its area; an ILACS "children in care" judgement
// without a care leavers judgement, from an inspection before 2023 (or of
// unknown date), is the combined one.
func areaFor(r role, careLeaversBlank bool, inspected dates.Day) findings.Area {
	switch r {
	case roleOverall:
		return findings.Overall
	case roleLeaders:
		return findings.Leadership
	case roleHelp:
		return findings.HelpAndProtection
	case roleCareLeavers:
		return findings.CareLeavers
	case roleInCareAndCareLeavers:
		return findings.ChildrenInCareAndCareLeavers
	case roleInCare:
		if careLeaversBlank && (inspected == 0 || inspected < ilacsCareLeaversFrom) {
			return findings.ChildrenInCareAndCareLeavers
		}
		return findings.ChildrenInCare
	}
	return findings.AreaNone
}

// visitKind classifies an "Inspection/Visit type" value: a visit kind, or an
// inspection framework label.
func visitKind(t string) (visit string, framework string, ok bool) {
	f := strings.ToLower(strings.Join(strings.Fields(t), " "))
	switch {
	case strings.Contains(f, "focused visit"):
		return "focused", "", true
	case strings.Contains(f, "monitoring visit"):
		return "monitoring", "", true
	case strings.Contains(f, "joint targeted") || f == "jtai":
		return "jtai", "", true
	case strings.Contains(f, "standard inspection"):
		return "", "ILACS standard inspection", true
	case strings.Contains(f, "short inspection"):
		return "", "ILACS short inspection", true
	}
	return "", "", false
}

func parseDay(s string) (dates.Date, bool) {
	if s == "" {
		return dates.Date{}, false
	}
	d, err := dates.Parse(s)
	if err != nil || d.Prec != dates.PrecDay {
		return dates.Date{}, false
	}
	return d, true
}

func convertOfsted(res *Result, h *header, name string, rows []row, opt Options) error {
	if res.Layout == LayoutOfstedHistoric {
		return convertHistoric(res, h, name, rows, opt)
	}
	st := &res.Stats
	used := map[int]bool{}
	col := func(names ...string) int {
		for _, n := range names {
			if i := h.find(n); i >= 0 {
				used[i] = true
				return i
			}
		}
		return -1
	}
	cCode, cName, cStatus := col("local authority area code"), col("local authority name"), col("local authority status")
	col("ofsted region", "region") // Ofsted's regions: not part of a finding
	cInsp, cPub := col("inspection date", "inspection/visit date"), col("publication date")
	cType, cTheme := col("inspection type", "inspection/visit type"), col("visit theme")
	var judg []judgementCol
	careLeaversCol := -1
	for i, n := range h.names {
		if used[i] {
			continue
		}
		if r := judgementRole(n); r != roleNone {
			used[i] = true
			judg = append(judg, judgementCol{i, r, h.orig[i]})
			if r == roleCareLeavers {
				careLeaversCol = i
			}
		}
	}
	unused(st, h, used)
	var what string
	switch res.Layout {
	case LayoutOfstedLatest:
		what = "latest inspection judgements per local authority"
	case LayoutOfstedInYear:
		what = "inspections and visits in the year"
	case LayoutOfstedHistory:
		what = "ILACS inspection history"
	}
	source := fmt.Sprintf("Ofsted, Local authority inspection outcomes (%s): %s", what, filepath.Base(name))
	if cPub < 0 {
		st.note("no publication date column: grades and visits are dated by the inspection or visit date with no published day (Redate can take it from another file)")
	}
	if opt.VisitsOnly {
		st.note("visits only: grades dropped")
	}

	st.CouncilRows = len(rows) // every row is about one council
	for _, r := range rows {
		council := pick(r.cell(cCode), r.cell(cName))
		if council == "" {
			st.skip("row: no local authority code or name")
			continue
		}
		insp, inspOK := parseDay(r.cell(cInsp))
		pub, pubOK := parseDay(r.cell(cPub))
		if r.cell(cInsp) != "" && !inspOK {
			st.note("line %d: inspection date %q is not YYYY-MM-DD", r.line, r.cell(cInsp))
		}
		if r.cell(cPub) != "" && !pubOK {
			st.note("line %d: publication date %q is not YYYY-MM-DD", r.line, r.cell(cPub))
		}
		framework := "ILACS inspection"
		visit := ""
		if cType >= 0 {
			v, fw, ok := visitKind(r.cell(cType))
			if !ok {
				st.skip(fmt.Sprintf("row: inspection/visit type %q not recognised", r.cell(cType)))
				continue
			}
			visit, framework = v, fw
		}
		status := ""
		if s := r.cell(cStatus); s != "" && !strings.EqualFold(s, "current") {
			status = "; local authority status: " + s
		}

		if visit != "" {
			for _, j := range judg {
				if r.cell(j.col) != "" {
					st.skip("judgement on a visit row (visits are not graded)")
				}
			}
			var date dates.Date
			var when string
			dating := ByInspection
			switch {
			case inspOK:
				date, when = insp, fmt.Sprintf("visit %s (no publication date in this file)", insp)
				if pubOK {
					when = fmt.Sprintf("visit %s, published %s", insp, pub)
				}
			case pubOK:
				date, when, dating = pub, fmt.Sprintf("published %s (no visit date in this file)", pub), ByPublication
			default:
				st.skip("visit without a date")
				continue
			}
			rw := raw(council, date.String(), findings.Visit, visit)
			if pubOK {
				rw[findings.ColPublished] = pub.String()
			}
			rw[findings.ColSource] = source
			rw[findings.ColSourceType] = "ofsted"
			rw[findings.ColNote] = fmt.Sprintf("Ofsted %s; %s", r.cell(cType), when)
			if th := r.cell(cTheme); th != "" {
				rw[findings.ColNote] = fmt.Sprintf("Ofsted %s, theme: %s; %s", r.cell(cType), th, when)
			}
			rw[findings.ColNote] += status
			res.Records = append(res.Records, Record{Line: r.line, Raw: rw, Dating: dating})
			continue
		}

		// Spec v3: a grade is dated by the inspection's first day, with the
		// report's publication day as published.
		var date, published, when string
		dating := ByInspection
		switch {
		case inspOK:
			date, when = insp.String(), fmt.Sprintf("inspected from %s; no publication date in this file", insp)
			if pubOK {
				published, when = pub.String(), fmt.Sprintf("inspected from %s, published %s", insp, pub)
			}
		case pubOK:
			date, published, dating = pub.String(), pub.String(), ByPublication
			when = fmt.Sprintf("published %s; no inspection date in this file, so dated by publication", pub)
		}
		careLeaversBlank := r.cell(careLeaversCol) == ""
		for _, j := range judg {
			v := r.cell(j.col)
			if !judgement(st, v) {
				continue
			}
			if date == "" {
				st.skip("judgement without an inspection or publication date")
				continue
			}
			if opt.VisitsOnly {
				st.skip("grade dropped (visits only)")
				continue
			}
			var inspDay dates.Day
			if inspOK {
				inspDay = insp.Day
			}
			area := areaFor(j.role, careLeaversBlank, inspDay)
			rw := raw(council, date, findings.Grade, v)
			rw[findings.ColPublished] = published
			rw[findings.ColArea] = area.String()
			rw[findings.ColSource] = source
			rw[findings.ColSourceType] = "ofsted"
			rw[findings.ColNote] = fmt.Sprintf("Ofsted %s, %s; judgement: %s", framework, when, j.heading) + status
			if area == findings.ChildrenInCareAndCareLeavers && j.role == roleInCare {
				rw[findings.ColNote] += " (before 2023 ILACS judged children in care and care leavers together)"
			}
			res.Records = append(res.Records, Record{Line: r.line, Raw: rw, Dating: dating})
		}
	}
	return nil
}

// The historical sheet (ofsted_la_inspections_2009-2023.csv): one row per
// LA, one group of columns per framework.

const (
	hdrSIFFirstDate   = "single inspection of la children's services (sif) first sif publication date"
	hdrILACSFirstDate = "first ilacs framework publication date"
)

type histJudgement struct {
	col  string // folded heading
	role role
	area findings.Area // when role is roleNone
	skip string        // not a grade: why
}

type histGroup struct {
	framework string
	date      string // folded heading of the publication date
	typ       string // folded heading of the inspection type, if any
	skip      string // the whole framework is not graded inspections: why
	judg      []histJudgement
}

const (
	skipCPI  = "CPI/CPRI child protection inspection (targeted, not a full inspection)"
	skipTLAC = "TLAC targeted looked after children inspection (not a full inspection)"
	skipLSCB = "LSCB judgement (the Local Safeguarding Children Board, not the council)"
)

var histGroups = []histGroup{
	{framework: "SLAC (safeguarding and looked after children inspection, 2009-12)", date: "safeguarding & looked after children (slac) inspection publication date",
		judg: []histJudgement{
			{col: "slac safeguarding overall effectiveness (oe)", area: findings.HelpAndProtection},
			{col: "slac looked after children overall effectiveness (oe)", area: findings.ChildrenInCare},
		}},
	{framework: "SLAC re-inspection of safeguarding", date: "slac re-inspection of safeguarding publication date",
		judg: []histJudgement{{col: "slac re-inspection safeguarding oe", area: findings.HelpAndProtection}}},
	{framework: "SLAC re-inspection of services for children looked after", date: "slac re-inspection of services for children looked after publication date",
		judg: []histJudgement{{col: "slac re-inspection of services children looked after oe", area: findings.ChildrenInCare}}},
	{framework: "CPI", date: "child protection inspections (cpi) publication date", skip: skipCPI,
		judg: []histJudgement{{col: "cpi overall effectiveness (oe)"}}},
	{framework: "CPRI", date: "child protection re-inspection (cpri) publication date", skip: skipCPI,
		judg: []histJudgement{{col: "cpri overall effectiveness (oe)"}}},
	{framework: "TLAC", date: "targeted looked after children (tlac) inspection publication date", skip: skipTLAC,
		judg: []histJudgement{{col: "tlac overall effectiveness (oe)"}}},
	{framework: "SIF (single inspection framework), first inspection", date: hdrSIFFirstDate,
		judg: []histJudgement{
			{col: "first sif overall judgement(oe)", area: findings.Overall},
			{col: "first sif children who need help and protection", area: findings.HelpAndProtection},
			{col: "first sif children looked after and achieving permanence", area: findings.ChildrenInCare},
			{col: "first sif cla sub: adoption performance", area: findings.Adoption},
			{col: "first sif cla sub: experiences and progress of care leavers", area: findings.CareLeavers},
			{col: "first sif leadership, management and governance", area: findings.Leadership},
			{col: "lscb overall effectiveness", skip: skipLSCB},
		}},
	{framework: "SIF (single inspection framework), re-inspection", date: "single inspection of la children's services (sif) sif re-inspection publication date",
		judg: []histJudgement{
			{col: "sif re-inspection overall judgement(oe)", area: findings.Overall},
			{col: "sif re-inspection children who need help and protection", area: findings.HelpAndProtection},
			{col: "sif re-inspection children looked after and achieving permanence", area: findings.ChildrenInCare},
			{col: "sif re-inspection cla sub: adoption performance", area: findings.Adoption},
			{col: "sif re-inspection cla sub: experiences and progress of care leavers", area: findings.CareLeavers},
			{col: "sif re-inspection leadership, management and governance", area: findings.Leadership},
		}},
	{framework: "ILACS, first inspection", date: hdrILACSFirstDate, typ: "first ilacs framework inspection type",
		judg: []histJudgement{
			{col: "first ilacs framework overall effectiveness", role: roleOverall},
			{col: "first ilacs framework impact of leaders", role: roleLeaders},
			{col: "first ilacs framework experiences and progress of children who need help and protection", role: roleHelp},
			{col: "first ilacs framework experiences and progress of children in care and care leavers", role: roleInCareAndCareLeavers},
		}},
	{framework: "ILACS, second inspection", date: "second ilacs framework publication date", typ: "second ilacs framework inspection type",
		judg: []histJudgement{
			{col: "second ilacs framework overall effectiveness", role: roleOverall},
			{col: "second ilacs framework impact of leaders", role: roleLeaders},
			{col: "second ilacs framework experiences and progress of children who need help and protection", role: roleHelp},
			{col: "second ilacs framework experiences and progress of children in care", role: roleInCare},
			{col: "second ilacs framework experiences and progress of care leavers", role: roleCareLeavers},
		}},
}

// erratum corrects a value an official file gets wrong, where another
// official file and the calendar show the right one.
type erratum struct {
	layout           Layout
	council, column  string // council name as in the file, folded column heading
	was, now, reason string
}

var errata = []erratum{
	{LayoutOfstedHistoric, "Nottingham", "second ilacs framework publication date", "2022-11-05", "2022-09-05",
		"2022-11-05 is a Saturday; Ofsted's ILACS history sheet (as at 31 March 2025) gives 2022-09-05 for this inspection (11 July 2022), as does the report itself (\"children's services inspection - 05 september 2022.pdf\")"},
}

func convertHistoric(res *Result, h *header, name string, rows []row, opt Options) error {
	st := &res.Stats
	used := map[int]bool{}
	col := func(n string) int {
		i := h.find(n)
		if i >= 0 {
			used[i] = true
		}
		return i
	}
	cTable, cName := col("table"), col("local authority name")
	col("la region")
	col("la authority type")
	type gcols struct {
		date, typ int
		judg      []int
	}
	groups := make([]gcols, len(histGroups))
	for g, hg := range histGroups {
		groups[g].date, groups[g].typ = col(hg.date), -1
		if hg.typ != "" {
			groups[g].typ = col(hg.typ)
		}
		if groups[g].date < 0 {
			st.note("column %q missing: %s judgements not read", hg.date, hg.framework)
		}
		for _, j := range hg.judg {
			i := col(j.col)
			if i < 0 {
				st.note("column %q missing", j.col)
			}
			groups[g].judg = append(groups[g].judg, i)
		}
	}
	unused(st, h, used)
	source := fmt.Sprintf("Ofsted, Children's social care data in England 2023 (LA inspections 2009-2023): %s", filepath.Base(name))
	st.note("pre-2014 judgements are written by Ofsted in today's words (\"Requires improvement to be good\" where the report said \"adequate\")")
	if opt.VisitsOnly {
		st.note("visits only: grades dropped (this file has no visits)")
	}

	st.CouncilRows = len(rows) // every row is about one council
	for _, r := range rows {
		council := r.cell(cName)
		if council == "" {
			st.skip("row: no local authority name")
			continue
		}
		predecessor := ""
		if strings.HasPrefix(strings.ToLower(r.cell(cTable)), "predecessor") {
			predecessor = "; predecessor authority (Ofsted's table of authorities that existed before the restructure)"
		}
		for g, hg := range histGroups {
			gc := groups[g]
			dateText := r.cell(gc.date)
			fix := ""
			for _, e := range errata {
				if e.layout == res.Layout && e.council == council && foldHeader(e.column) == hg.date && dateText == e.was {
					dateText = e.now
					fix = fmt.Sprintf("; publication date corrected from %s to %s: %s", e.was, e.now, e.reason)
					st.note("line %d: %s %s publication date corrected from %s to %s (%s)", r.line, council, hg.framework, e.was, e.now, e.reason)
				}
			}
			pub, pubOK := parseDay(dateText)
			if dateText != "" && !pubOK {
				st.note("line %d: %s publication date %q is not YYYY-MM-DD", r.line, hg.framework, dateText)
			}
			framework := hg.framework
			if t := r.cell(gc.typ); t != "" {
				framework += " (" + t + ")"
			}
			// Second ILACS: the children in care judgement is the combined
			// one when the inspection gave no care leavers judgement.
			careLeaversBlank := true
			for k, j := range hg.judg {
				if j.role == roleCareLeavers && r.cell(gc.judg[k]) != "" {
					careLeaversBlank = false
				}
			}
			for k, j := range hg.judg {
				v := r.cell(gc.judg[k])
				if v == "" {
					if gc.judg[k] >= 0 {
						st.Blank++
					}
					continue
				}
				if hg.skip != "" || j.skip != "" {
					st.skip(pick(j.skip, hg.skip))
					continue
				}
				if !judgement(st, v) {
					continue
				}
				if !pubOK {
					st.skip("judgement without a publication date")
					continue
				}
				if opt.VisitsOnly {
					st.skip("grade dropped (visits only)")
					continue
				}
				area := j.area
				if j.role != roleNone {
					area = areaFor(j.role, careLeaversBlank, 0)
				}
				// This sheet gives only the publication day: it stands in for
				// the inspection date until Redate finds the inspection in
				// another source (the ILACS history, the report itself).
				rw := raw(council, pub.String(), findings.Grade, v)
				rw[findings.ColPublished] = pub.String()
				rw[findings.ColArea] = area.String()
				rw[findings.ColSource] = source
				rw[findings.ColSourceType] = "ofsted"
				rw[findings.ColNote] = fmt.Sprintf("Ofsted %s, published %s (no inspection date in this sheet); judgement: %s", framework, pub, h.orig[gc.judg[k]]) + predecessor + fix
				if j.role == roleInCare && area == findings.ChildrenInCareAndCareLeavers {
					rw[findings.ColNote] += " (no care leavers judgement: the combined children in care and care leavers judgement of ILACS before 2023)"
				}
				res.Records = append(res.Records, Record{Line: r.line, Raw: rw, Dating: ByPublication})
			}
		}
	}
	return nil
}

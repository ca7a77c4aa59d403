package official

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/oversight/oversight/analysis/findings"
)

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

// convertHistoric converts the historical sheet: for each council's row,
// each framework's judgements, dated by their publication.
func convertHistoric(res *Result, h *header, name string, rows []row, opt Options) error {
	st := &res.Stats
	c := historicColumnsOf(st, h)
	source := fmt.Sprintf("Ofsted, Children's social care data in England 2023 (LA inspections 2009-2023): %s", filepath.Base(name))
	st.note("pre-2014 judgements are written by Ofsted in today's words (\"Requires improvement to be good\" where the report said \"adequate\")")
	if opt.VisitsOnly {
		st.note("visits only: grades dropped (this file has no visits)")
	}

	st.CouncilRows = len(rows) // every row is about one council
	for _, r := range rows {
		council := r.cell(c.name)
		if council == "" {
			st.skip("row: no local authority name")
			continue
		}
		predecessor := ""
		if strings.HasPrefix(strings.ToLower(r.cell(c.table)), "predecessor") {
			predecessor = "; predecessor authority (Ofsted's table of authorities that existed before the restructure)"
		}
		hr := histRow{row: &r, council: council, predecessor: predecessor}
		for g := range histGroups {
			c.group(res, h, hr, g, source, opt)
		}
	}
	return nil
}

// historicColumns are where the historical sheet's columns are: each
// framework group's date, type and judgements (-1 when missing).
type historicColumns struct {
	table, name int
	groups      []histCols // by histGroups
}

type histCols struct {
	date, typ int
	judg      []int
}

// historicColumnsOf finds the columns by their headings, noting those
// missing and those it does not use.
func historicColumnsOf(st *Stats, h *header) *historicColumns {
	col := h.take
	c := &historicColumns{}
	c.table, c.name = col("table"), col("local authority name")
	col("la region")
	col("la authority type")
	c.groups = make([]histCols, len(histGroups))
	for g, hg := range histGroups {
		c.groups[g].date, c.groups[g].typ = col(hg.date), -1
		if hg.typ != "" {
			c.groups[g].typ = col(hg.typ)
		}
		if c.groups[g].date < 0 {
			st.note("column %q missing: %s judgements not read", hg.date, hg.framework)
		}
		for _, j := range hg.judg {
			i := col(j.col)
			if i < 0 {
				st.note("column %q missing", j.col)
			}
			c.groups[g].judg = append(c.groups[g].judg, i)
		}
	}
	h.noteUnused(st)
	return c
}

// histRow is one council's row of the historical sheet.
type histRow struct {
	*row
	council     string // its name
	predecessor string // "; predecessor authority (...)" for an authority that no longer exists
}

// group adds one framework's judgements from a council's row: each that
// is a grade, dated by the framework's publication date (as corrected by
// an erratum).
func (c *historicColumns) group(res *Result, h *header, hr histRow, g int, source string, opt Options) {
	st := &res.Stats
	hg, gc := histGroups[g], c.groups[g]
	dateText, fix := correct(st, res.Layout, hr, hg, hr.cell(gc.date))
	pub, pubOK := parseDay(dateText)
	if dateText != "" && !pubOK {
		st.note("line %d: %s publication date %q is not YYYY-MM-DD", hr.line, hg.framework, dateText)
	}
	framework := hg.framework
	if t := hr.cell(gc.typ); t != "" {
		framework += " (" + t + ")"
	}
	// Second ILACS: the children in care judgement is the combined
	// one when the inspection gave no care leavers judgement.
	careLeaversBlank := true
	for k, j := range hg.judg {
		if j.role == roleCareLeavers && hr.cell(gc.judg[k]) != "" {
			careLeaversBlank = false
		}
	}
	for k, j := range hg.judg {
		v := hr.cell(gc.judg[k])
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
		rw := raw(hr.council, pub.String(), findings.Grade, v)
		rw[findings.ColPublished] = pub.String()
		rw[findings.ColArea] = area.String()
		rw[findings.ColSource] = source
		rw[findings.ColSourceType] = "ofsted"
		rw[findings.ColNote] = fmt.Sprintf("Ofsted %s, published %s (no inspection date in this sheet); judgement: %s", framework, pub, h.orig[gc.judg[k]]) + hr.predecessor + fix
		if j.role == roleInCare && area == findings.ChildrenInCareAndCareLeavers {
			rw[findings.ColNote] += " (no care leavers judgement: the combined children in care and care leavers judgement of ILACS before 2023)"
		}
		res.Records = append(res.Records, Record{Line: hr.line, Raw: rw, Dating: ByPublication})
	}
}

// correct applies the errata to a group's publication date, noting each
// correction; fix is what the finding's note says of it.
func correct(st *Stats, layout Layout, hr histRow, hg histGroup, dateText string) (text, fix string) {
	for _, e := range errata {
		if e.layout == layout && e.council == hr.council && foldHeader(e.column) == hg.date && dateText == e.was {
			dateText = e.now
			fix = fmt.Sprintf("; publication date corrected from %s to %s: %s", e.was, e.now, e.reason)
			st.note("line %d: %s %s publication date corrected from %s to %s (%s)", hr.line, hr.council, hg.framework, e.was, e.now, e.reason)
		}
	}
	return dateText, fix
}

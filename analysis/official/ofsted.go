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

// convertOfsted converts the row-per-inspection layouts (latest
// judgements, the year's inspections and visits, the ILACS history): each
// row a visit, or an inspection's judgements.
func convertOfsted(res *Result, h *header, name string, rows []row, opt Options) error {
	if res.Layout == LayoutOfstedHistoric {
		return convertHistoric(res, h, name, rows, opt)
	}
	st := &res.Stats
	c := ofstedColumnsOf(st, h)
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
	if c.pub < 0 {
		st.note("no publication date column: grades and visits are dated by the inspection or visit date with no published day (Redate can take it from another file)")
	}
	if opt.VisitsOnly {
		st.note("visits only: grades dropped")
	}

	st.CouncilRows = len(rows) // every row is about one council
	for _, r := range rows {
		or, ok := c.read(st, r)
		if !ok {
			continue
		}
		if or.visit != "" {
			if rec, ok := c.visit(st, or, source); ok {
				res.Records = append(res.Records, rec)
			}
			continue
		}
		c.grades(res, or, source, opt)
	}
	return nil
}

// ofstedColumns are where a row-per-inspection file's columns are.
type ofstedColumns struct {
	code, name, status, insp, pub, typ, theme int
	judg                                      []judgementCol
	careLeavers                               int // -1: none
}

// ofstedColumnsOf finds the columns by their headings, noting those it
// does not use.
func ofstedColumnsOf(st *Stats, h *header) *ofstedColumns {
	col := h.take
	c := &ofstedColumns{careLeavers: -1}
	c.code, c.name, c.status = col("local authority area code"), col("local authority name"), col("local authority status")
	col("ofsted region", "region") // Ofsted's regions: not part of a finding
	c.insp, c.pub = col("inspection date", "inspection/visit date"), col("publication date")
	c.typ, c.theme = col("inspection type", "inspection/visit type"), col("visit theme")
	for i, n := range h.names {
		if h.used[i] {
			continue
		}
		if r := judgementRole(n); r != roleNone {
			h.use(i)
			c.judg = append(c.judg, judgementCol{i, r, h.orig[i]})
			if r == roleCareLeavers {
				c.careLeavers = i
			}
		}
	}
	h.noteUnused(st)
	return c
}

// ofstedRow is one row of a row-per-inspection file, as read.
type ofstedRow struct {
	*row
	council       string
	insp, pub     dates.Date
	inspOK, pubOK bool
	framework     string // the inspection's
	visit         string // the visit's kind; "" for an inspection
	status        string // "; local authority status: ..." when not current
}

// read reads a row's council, dates and kind, counting a row it skips.
func (c *ofstedColumns) read(st *Stats, r row) (ofstedRow, bool) {
	or := ofstedRow{row: &r, council: pick(r.cell(c.code), r.cell(c.name)), framework: "ILACS inspection"}
	if or.council == "" {
		st.skip("row: no local authority code or name")
		return or, false
	}
	or.insp, or.inspOK = parseDay(r.cell(c.insp))
	or.pub, or.pubOK = parseDay(r.cell(c.pub))
	if r.cell(c.insp) != "" && !or.inspOK {
		st.note("line %d: inspection date %q is not YYYY-MM-DD", r.line, r.cell(c.insp))
	}
	if r.cell(c.pub) != "" && !or.pubOK {
		st.note("line %d: publication date %q is not YYYY-MM-DD", r.line, r.cell(c.pub))
	}
	if c.typ >= 0 {
		v, fw, ok := visitKind(r.cell(c.typ))
		if !ok {
			st.skip(fmt.Sprintf("row: inspection/visit type %q not recognised", r.cell(c.typ)))
			return or, false
		}
		or.visit, or.framework = v, fw
	}
	if s := r.cell(c.status); s != "" && !strings.EqualFold(s, "current") {
		or.status = "; local authority status: " + s
	}
	return or, true
}

// visit is a visit row's record, dated by the visit (else by its
// publication); a judgement on it is counted and dropped, as visits are
// not graded.
func (c *ofstedColumns) visit(st *Stats, or ofstedRow, source string) (Record, bool) {
	for _, j := range c.judg {
		if or.cell(j.col) != "" {
			st.skip("judgement on a visit row (visits are not graded)")
		}
	}
	insp, pub := or.insp, or.pub
	var date dates.Date
	var when string
	dating := ByInspection
	switch {
	case or.inspOK:
		date, when = insp, fmt.Sprintf("visit %s (no publication date in this file)", insp)
		if or.pubOK {
			when = fmt.Sprintf("visit %s, published %s", insp, pub)
		}
	case or.pubOK:
		date, when, dating = pub, fmt.Sprintf("published %s (no visit date in this file)", pub), ByPublication
	default:
		st.skip("visit without a date")
		return Record{}, false
	}
	rw := raw(or.council, date.String(), findings.Visit, or.visit)
	if or.pubOK {
		rw[findings.ColPublished] = pub.String()
	}
	rw[findings.ColSource] = source
	rw[findings.ColSourceType] = "ofsted"
	rw[findings.ColNote] = fmt.Sprintf("Ofsted %s; %s", or.cell(c.typ), when)
	if th := or.cell(c.theme); th != "" {
		rw[findings.ColNote] = fmt.Sprintf("Ofsted %s, theme: %s; %s", or.cell(c.typ), th, when)
	}
	rw[findings.ColNote] += or.status
	return Record{Line: or.line, Raw: rw, Dating: dating}, true
}

// grades adds an inspection row's judgements. Spec v3: a grade is dated by
// the inspection's first day, with the report's publication day as
// published.
func (c *ofstedColumns) grades(res *Result, or ofstedRow, source string, opt Options) {
	st := &res.Stats
	insp, pub := or.insp, or.pub
	var date, published, when string
	dating := ByInspection
	switch {
	case or.inspOK:
		date, when = insp.String(), fmt.Sprintf("inspected from %s; no publication date in this file", insp)
		if or.pubOK {
			published, when = pub.String(), fmt.Sprintf("inspected from %s, published %s", insp, pub)
		}
	case or.pubOK:
		date, published, dating = pub.String(), pub.String(), ByPublication
		when = fmt.Sprintf("published %s; no inspection date in this file, so dated by publication", pub)
	}
	careLeaversBlank := or.cell(c.careLeavers) == ""
	for _, j := range c.judg {
		v := or.cell(j.col)
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
		if or.inspOK {
			inspDay = insp.Day
		}
		area := areaFor(j.role, careLeaversBlank, inspDay)
		rw := raw(or.council, date, findings.Grade, v)
		rw[findings.ColPublished] = published
		rw[findings.ColArea] = area.String()
		rw[findings.ColSource] = source
		rw[findings.ColSourceType] = "ofsted"
		rw[findings.ColNote] = fmt.Sprintf("Ofsted %s, %s; judgement: %s", or.framework, when, j.heading) + or.status
		if area == findings.ChildrenInCareAndCareLeavers && j.role == roleInCare {
			rw[findings.ColNote] += " (before 2023 ILACS judged children in care and care leavers together)"
		}
		res.Records = append(res.Records, Record{Line: or.line, Raw: rw, Dating: dating})
	}
}

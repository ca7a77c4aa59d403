package official

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// cswwMeasure maps one finding measure to its column in either release.
type cswwMeasure struct {
	m         findings.Measure
	cols      []string // 2025 release name first, then the 2022 release's
	qualifier string
	what      string // for notes
}

// cswwMeasures are the table of measures' DfE columns (findings.Def.DfE).
var cswwMeasures = func() []cswwMeasure {
	var out []cswwMeasure
	for _, m := range findings.DfEMeasures() {
		d := m.Def().DfE
		out = append(out, cswwMeasure{m, d.Columns, d.Qualifier, d.What})
	}
	return out
}()

// statusCodes are the DfE/GSS symbols that stand in place of a number.
var statusCodes = map[string]string{
	"c":   "confidential",
	"low": "rounds to 0 but is not 0",
	"k":   "rounds to 0 but is not 0",
	"u":   "low reliability",
	"x":   "not available",
	"z":   "not applicable",
	"..":  "not available",
	":":   "not available",
	"-":   "not applicable / not judged",
}

// JointScope is the scope of a figure that belongs to a joint children's
// service and cannot be split between its councils.
const JointScope = "joint service"

// jointService is two councils running one children's service, which DfE
// reports as one row.
type jointService struct {
	name    string
	from    int // first reporting year (year to 30 September) of the joint service
	members []jointMember
}

// describe is "Achieving for Children (Kingston upon Thames and Richmond upon Thames)".
func (js *jointService) describe() string {
	names := make([]string, len(js.members))
	for i, m := range js.members {
		names[i] = m.name
	}
	return js.name + " (" + strings.Join(names, " and ") + ")"
}

type jointMember struct{ dfe, gss, name string }

// jointServices are reference.JointServices with each member's codes and
// name, as the workforce files write them. The first member is the one the
// 2022 release files the joint figure under.
var jointServices = func() []jointService {
	ref := reference.Default()
	var out []jointService
	for _, js := range reference.JointServices {
		y, m, _ := js.From.YMD()
		from := y // the first reporting year (to 30 September) it was joint
		if m >= 10 {
			from++
		}
		s := jointService{name: js.Name, from: from}
		for _, code := range js.Members {
			c := ref.Candidates(code)
			if len(c) != 1 {
				panic("joint service member " + code + " is not in the reference list")
			}
			s.members = append(s.members, jointMember{c[0].DfE, c[0].GSS, c[0].Name})
		}
		out = append(out, s)
	}
	return out
}()

type cswwRow struct {
	row
	level      string // folded geographic_level
	year       int
	oldCode    string
	newCode    string
	name       string
	values     []string // per cswwMeasures, "" when the column is absent
	hasNumbers bool
}

// convertCSWW converts a workforce release: its national and regional
// rows become references, its councils' rows findings (a joint service's
// figure once for each of its councils).
func convertCSWW(res *Result, h *header, name string, rows []row, opt Options) error {
	st := &res.Stats
	c := cswwColumnsOf(st, h)
	parsed, release, numeric := c.parse(st, rows)
	layoutName := "2025 release columns"
	if res.Layout == LayoutCSWW2022 {
		layoutName = "2022 release columns (%-suffixed)"
	}
	rel, err := releaseOf(release, opt)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	res.Release = rel
	out := cswwOut{res: res, c: c, published: dates.Date{Day: rel.Day}, release: release, unknownCodes: map[string]bool{},
		source: fmt.Sprintf("DfE, Children's social work workforce, reporting year %d release: %s", release, filepath.Base(name))}
	st.note("layout: %s; reporting years to 30 September; release year %d (latest time_period), released %s", layoutName, release, rel.Day)
	if !rel.Confirmed {
		st.note("the release day %s is not confirmed (%s)", rel.Day, rel.Source)
	}
	for i := range parsed {
		cr := &parsed[i]
		switch cr.level {
		case "national", "regional":
			st.ReferenceRows++
			out.references(cr)
		case "local authority":
			st.CouncilRows++
			out.councilFindings(cr, numeric)
		default:
			st.skip(fmt.Sprintf("row: geographic_level %q not converted", cr.cell(c.level)))
		}
	}
	return nil
}

// cswwColumns are where a workforce file's columns are (-1: absent).
type cswwColumns struct {
	time, ident, level                       int
	countryCode, country, regionCode, region int
	old, new, name                           int
	measures                                 []int // by cswwMeasures: the first of its names the file has
}

// cswwColumnsOf finds the columns by their headings, noting those it does
// not use.
func cswwColumnsOf(st *Stats, h *header) *cswwColumns {
	col := h.take
	c := &cswwColumns{}
	c.time, c.ident, c.level = col("time_period"), col("time_identifier"), col("geographic_level")
	c.countryCode, c.country = col("country_code"), col("country_name")
	c.regionCode, c.region = col("region_code"), col("region_name")
	c.old, c.new, c.name = col("old_la_code"), col("new_la_code"), col("la_name")
	c.measures = make([]int, len(cswwMeasures))
	for i, m := range cswwMeasures {
		c.measures[i] = -1
		for _, name := range m.cols {
			if j := col(name); j >= 0 {
				c.measures[i] = j
				break
			}
		}
	}
	h.noteUnused(st)
	return c
}

// parse is the first pass: it reads the rows, finds the release year (the
// latest reporting year) and which councils have numbers in which year
// (numeric, "year|code"), to recognise the 2022 release's joint rows.
func (c *cswwColumns) parse(st *Stats, rows []row) (parsed []cswwRow, release int, numeric map[string]bool) {
	parsed = make([]cswwRow, 0, len(rows))
	numeric = map[string]bool{}
	for _, r := range rows {
		cr := cswwRow{row: r, level: foldHeader(r.cell(c.level)), oldCode: r.cell(c.old), newCode: r.cell(c.new), name: r.cell(c.name)}
		if id := foldHeader(r.cell(c.ident)); c.ident >= 0 && id != "reporting year" {
			st.skip(fmt.Sprintf("row: time_identifier %q is not a reporting year", r.cell(c.ident)))
			continue
		}
		y, err := strconv.Atoi(r.cell(c.time))
		if err != nil || len(r.cell(c.time)) != 4 || y < 1990 || y > 2099 {
			st.skip(fmt.Sprintf("row: time_period %q is not a reporting year", r.cell(c.time)))
			continue
		}
		cr.year = y
		release = max(release, y)
		cr.values = make([]string, len(cswwMeasures))
		for i, col := range c.measures {
			cr.values[i] = r.cell(col)
			if _, ok := number(cr.values[i]); ok {
				cr.hasNumbers = true
			}
		}
		if cr.level == "local authority" && cr.hasNumbers {
			for _, code := range append(splitJoint(cr.oldCode), splitJoint(cr.newCode)...) {
				numeric[fmt.Sprint(y, "|", code)] = true
			}
		}
		parsed = append(parsed, cr)
	}
	return parsed, release, numeric
}

// cswwOut is what the second pass writes each row's figures into, and
// with.
type cswwOut struct {
	res          *Result
	c            *cswwColumns
	published    dates.Date // the release day
	release      int        // the release's reporting year
	source       string
	unknownCodes map[string]bool // status codes already noted as unknown
}

// references keeps a national or regional row's figures as references,
// never findings; its codes are counted as suppressed.
func (o *cswwOut) references(cr *cswwRow) {
	st, c := &o.res.Stats, o.c
	ref := Reference{Level: cr.level, Date: dates.Date{Day: dates.FromYMD(cr.year, 9, 30)}, Published: o.published, Source: o.source, Line: cr.line}
	if cr.level == "national" {
		ref.Region, ref.Code = cr.cell(c.country), cr.cell(c.countryCode)
	} else {
		ref.Region, ref.Code = cr.cell(c.region), cr.cell(c.regionCode)
		ref.SubRegion = strings.HasPrefix(ref.Code, "E13") || strings.EqualFold(ref.Region, "Inner London") || strings.EqualFold(ref.Region, "Outer London")
	}
	for i, m := range cswwMeasures {
		v, code, ok := cswwValue(st, m, cr.values[i], c.measures[i] >= 0, o.unknownCodes)
		if !ok {
			if code != "" {
				st.suppress(code) // national and regional figures are references, never findings
			}
			continue
		}
		ref.Measure, ref.Value = m.m, v
		o.res.References = append(o.res.References, ref)
	}
}

// councilFindings makes a council's row (or a joint service's, for each
// of its councils) a finding per measure.
func (o *cswwOut) councilFindings(cr *cswwRow, numeric map[string]bool) {
	st := &o.res.Stats
	councils, joint, err := cswwCouncils(cr, numeric)
	if err != nil {
		st.skip("row: " + err.Error())
		st.note("line %d: %v", cr.line, err)
		return
	}
	partner := joint == nil && jointPartnerRow(cr, numeric)
	date := fmt.Sprintf("%04d-09-30", cr.year)
	for i, m := range cswwMeasures {
		value := cr.values[i]
		if _, code, ok := cswwValue(st, m, value, o.c.measures[i] >= 0, o.unknownCodes); !ok {
			if code == "" {
				continue
			}
			// A status code DfE published for the council is a
			// finding (spec/findings.md v2): the headline shows the
			// code, never an older number. A joint service's partner
			// row of codes (2022 release) says nothing of its own:
			// the joint figure already stands for it.
			c, known := findings.ParseCode(code)
			if !known || partner {
				st.suppress(code)
				continue
			}
			st.coded(code)
			value = c.String()
		}
		for _, c := range councils {
			rw := raw(c, date, m.m, value)
			rw[findings.ColPublished] = o.published.String()
			rw[findings.ColQualifier] = m.qualifier
			rw[findings.ColSource] = o.source
			rw[findings.ColSourceType] = "statistics"
			rw[findings.ColNote] = fmt.Sprintf("%s: %s, year to 30 September %d; published in the reporting year %d release (%s)", m.cols[0], m.what, cr.year, o.release, o.published.Day)
			if joint != nil {
				if m.m == findings.SocialWorkers {
					rw[findings.ColScope] = JointScope
					rw[findings.ColNote] += fmt.Sprintf("; FTE of the joint children's service %s, not this council's alone (scope %q)", joint.describe(), JointScope)
				} else {
					rw[findings.ColNote] += fmt.Sprintf("; figure of the joint children's service %s: the councils run one service and DfE reports one figure for both", joint.describe())
				}
			}
			o.res.Records = append(o.res.Records, Record{Line: cr.line, Raw: rw})
		}
	}
}

// cswwValue classifies one cell: a number in range (ok); a status code
// (its folded text in code, for the caller to keep or count); or blank or out
// of range (counted here).
func cswwValue(st *Stats, m cswwMeasure, v string, present bool, unknown map[string]bool) (float64, string, bool) {
	if !present {
		return 0, "", false
	}
	if v == "" {
		st.Blank++
		return 0, "", false
	}
	n, ok := number(v)
	if !ok {
		code := strings.ToLower(v)
		if _, known := statusCodes[code]; !known && !unknown[code] {
			unknown[code] = true
			st.note("value %q in %s is not a number nor a known status code; counted as suppressed", v, m.cols[0])
		}
		return 0, code, false
	}
	switch {
	case m.m == findings.Caseload && (n <= 0 || n > 200):
		st.skip(fmt.Sprintf("%s outside 0-200 (more than 0)", m.m))
		return 0, "", false
	case m.m.Rate() && (n < 0 || n > 100):
		st.skip(fmt.Sprintf("%s outside 0-100", m.m))
		return 0, "", false
	case n < 0:
		st.skip(fmt.Sprintf("%s negative", m.m))
		return 0, "", false
	}
	return n, "", true
}

// number reads a plain decimal number (an optional trailing % and
// thousands commas allowed, as the findings parser allows them).
func number(s string) (float64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	s = findings.StripThousands(s)
	if s == "" {
		return 0, false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == '-' || r == '+') {
			return 0, false
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	return n, err == nil
}

func splitJoint(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, "/")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// cswwCouncils names the council(s) a local-authority row is about, as the
// file gives them (GSS code, else DfE code, else name), and the joint service
// when the row is one.
func cswwCouncils(cr *cswwRow, numeric map[string]bool) ([]string, *jointService, error) {
	olds, news, names := splitJoint(cr.oldCode), splitJoint(cr.newCode), splitJoint(cr.name)
	n := max(len(olds), len(news), len(names))
	if n == 0 {
		return nil, nil, fmt.Errorf("no la_name, old_la_code or new_la_code")
	}
	if n > 1 {
		for _, p := range [][]string{olds, news, names} {
			if len(p) != 0 && len(p) != n {
				return nil, nil, fmt.Errorf("joint row %q: codes and names do not pair up (%q, %q)", cr.name, cr.oldCode, cr.newCode)
			}
		}
		out := make([]string, n)
		for i := range out {
			out[i] = pick(at(news, i), at(olds, i), at(names, i))
		}
		return out, findJoint(olds, news, names), nil
	}
	one := pick(cr.newCode, cr.oldCode, cr.name)
	// The 2022 release files a joint service under its first council and
	// gives the partner a row of z (or no row): that row is the joint one.
	for k := range jointServices {
		js := &jointServices[k]
		lead, partner := js.members[0], js.members[1] // two-council services
		if cr.year < js.from || !(cr.oldCode == lead.dfe || cr.newCode == lead.gss) {
			continue
		}
		if !cr.hasNumbers || numeric[fmt.Sprint(cr.year, "|", partner.dfe)] || numeric[fmt.Sprint(cr.year, "|", partner.gss)] {
			break
		}
		return []string{one, pick(partner.gss, partner.dfe)}, js, nil
	}
	return []string{one}, nil, nil
}

// jointPartnerRow reports whether a single council's row without numbers is
// the partner row the 2022 release gives a joint service whose figure it
// files under the first member.
func jointPartnerRow(cr *cswwRow, numeric map[string]bool) bool {
	if cr.hasNumbers {
		return false
	}
	for k := range jointServices {
		js := &jointServices[k]
		lead := js.members[0]
		if cr.year < js.from || !(numeric[fmt.Sprint(cr.year, "|", lead.dfe)] || numeric[fmt.Sprint(cr.year, "|", lead.gss)]) {
			continue
		}
		for _, m := range js.members[1:] {
			if cr.oldCode == m.dfe || cr.newCode == m.gss {
				return true
			}
		}
	}
	return false
}

func findJoint(olds, news, names []string) *jointService {
	for k := range jointServices {
		js := &jointServices[k]
		for _, m := range js.members {
			for i := range max(len(olds), len(news)) {
				if at(olds, i) == m.dfe || at(news, i) == m.gss {
					return js
				}
			}
		}
	}
	// A joint row this package does not know: still split, named from the row.
	js := &jointService{name: "joint service"}
	for i := range max(len(olds), len(news), len(names)) {
		js.members = append(js.members, jointMember{at(olds, i), at(news, i), pick(at(names, i), at(news, i), at(olds, i))})
	}
	return js
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

func pick(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

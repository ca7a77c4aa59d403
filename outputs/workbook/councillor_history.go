package workbook

import (
	"math"
	"sort"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/table"
)

// The councillor's workbook's history tables: every Ofsted inspection and
// visit, and the workforce figures date by date beside the region's and
// England's medians.

// historyWidth shares a landscape page among the Workforce history
// table's three or four columns per measure, as figureWidth does for the
// Figures table (11 characters with four measures).
var historyWidth = math.Max(8, math.Min(11, math.Floor((150-11)/float64(3*len(metrics.WorkforceMeasures)))))

// gradeAreas are the Inspections table's grade columns.
var gradeAreas = []findings.Area{findings.Overall, findings.Leadership, findings.HelpAndProtection, findings.ChildrenInCare,
	findings.CareLeavers, findings.ChildrenInCareAndCareLeavers, findings.Adoption}

// areaName is an area as a row label: "Help and protection", the areas
// Ofsted no longer judges dated.
func areaName(a findings.Area) string {
	switch a {
	case findings.ChildrenInCareAndCareLeavers:
		return "Children in care and care leavers (before 2023)"
	case findings.Adoption:
		return "Adoption (before 2018)"
	}
	return sentence(a.Words())
}

func visitName(k findings.VisitKind) string { return sentence(k.Words()) }

// inspectionColumns are the Inspections table's columns.
var inspectionColumns = func() []table.Column {
	// 150 characters wide: one landscape page.
	cols := []table.Column{{Name: "date", Header: "Date", Kind: table.Date}, {Name: "what", Header: "Inspection or visit", Kind: table.Text, Width: 16}}
	for _, a := range gradeAreas {
		c := table.Column{Name: a.String(), Header: areaName(a), Kind: table.Grade, Width: 12}
		if a == findings.Overall {
			c.Header = "Overall grade"
			cols = append(cols, c, table.Column{Name: "change", Header: "Change in overall grade", Kind: table.Text, Width: 24})
			continue
		}
		cols = append(cols, c)
	}
	return append(cols, table.Column{Name: "source", Header: "Kind of source", Kind: table.Text, Width: 13})
}()

// gradeSheetRow is one inspection or visit.
type gradeSheetRow struct {
	date    dates.Date
	what    string
	visit   bool
	grades  [findings.NumAreas]findings.GradeValue // by area
	change  string
	sources metrics.SourceSet
}

// gradeRows lists every inspection of the council's merged history (its
// grades in each area, the overall grade's change from the one before) and
// every visit, newest first.
func gradeRows(c *metrics.Council) []*gradeSheetRow {
	out := make([]*gradeSheetRow, 0, len(c.History)+len(c.Visits))
	var prev metrics.GradeAt
	for _, h := range c.History {
		r := &gradeSheetRow{date: h.Date, what: "Inspection", grades: h.Grades, sources: h.Sources}
		if g := h.Overall(); g != findings.NoGrade {
			r.change = changeText(metrics.GradeChange(g, prev.Grade), prev, "overall")
			prev = metrics.GradeAt{Grade: g, Date: h.Date}
		} else {
			r.what = "Inspection (no overall grade)"
		}
		out = append(out, r)
	}
	for _, v := range c.Visits {
		out = append(out, &gradeSheetRow{date: v.Date, what: visitName(v.Kind), visit: true, sources: v.Sources})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.date.Day != b.date.Day {
			return a.date.Day > b.date.Day
		}
		if a.visit != b.visit {
			return !a.visit
		}
		if a.date.Prec != b.date.Prec {
			return a.date.Prec < b.date.Prec
		}
		return a.what < b.what
	})
	return out
}

// inspectionsTable lists every inspection and visit: a visit's grades are
// [z] (visits give none), an area an inspection's sources do not grade [x].
func inspectionsTable(c *metrics.Council) table.Table {
	t := &cellTable{name: "inspections", cols: inspectionColumns}
	for _, r := range gradeRows(c) {
		cells := []table.Cell{dateCell(r.date), textCell(r.what)}
		for _, a := range gradeAreas {
			g := gradeCell(r.grades[a])
			switch {
			case r.visit || a == findings.Overall && g.Blank:
				g = table.Missing(table.Grade, table.NotApplicable)
			case g.Blank:
				g = table.Missing(table.Grade, table.NotAvailable)
			}
			cells = append(cells, g)
			if a == findings.Overall {
				cells = append(cells, orMissing(r.change, table.NotApplicable))
			}
		}
		t.rows = append(t.rows, append(cells, orMissing(charts.SourceNames(r.sources), table.NotAvailable)))
	}
	return t
}

// workforceColumns are the Workforce history table's columns: the date,
// then for each measure the council's official figure, its figure from
// other sources (never merged into the official series; only when it has
// any), its region's median and England's. historyWidth characters each:
// a council without other sources prints on one landscape page.
func workforceColumns(c *metrics.Council) []table.Column {
	cols := []table.Column{{Name: "date", Header: "Date", Kind: table.Date}}
	for _, m := range metrics.WorkforceMeasures {
		k := table.Number
		if m.Rate() {
			k = table.Percent
		}
		h := metrics.MeasureHeader(m) + ", "
		cols = append(cols, table.Column{Name: m.String() + "_official", Header: h + "official statistics", Kind: k, Width: historyWidth})
		if len(c.Workforce[m].Other) > 0 {
			cols = append(cols, table.Column{Name: m.String() + "_other", Header: h + "other sources", Kind: k, Width: historyWidth})
		}
		cols = append(cols, table.Column{Name: m.String() + "_region", Header: h + c.Ref.Region + " median", Kind: k, Width: historyWidth},
			table.Column{Name: m.String() + "_england", Header: h + "England median", Kind: k, Width: historyWidth})
	}
	return cols
}

// workforceTable has one row per date, newest first: the council's
// figures by source beside its region's and England's medians for that
// date; [x] where there is none, DfE's code where it published one.
func workforceTable(c *metrics.Council, r *metrics.Report) table.Table {
	cols := workforceColumns(c)
	at := map[string]int{}
	for j, col := range cols {
		at[col.Name] = j
	}
	type dayRow struct {
		date  dates.Date
		cells []table.Cell
	}
	rows := map[dates.Day]*dayRow{}
	put := func(col string, d dates.Date, cell table.Cell) {
		row := rows[d.Day]
		if row == nil {
			row = &dayRow{date: d, cells: make([]table.Cell, len(cols))}
			for j := range row.cells {
				row.cells[j] = table.Missing(cols[j].Kind, table.NotAvailable)
			}
			rows[d.Day] = row
		}
		if d.Prec < row.date.Prec {
			row.date = d
		}
		row.cells[at[col]] = cell
	}
	for _, m := range metrics.WorkforceMeasures {
		kind := cols[at[m.String()+"_official"]].Kind
		wf := c.Workforce[m]
		for k, pts := range [][]metrics.Point{wf.Official, wf.Other} {
			for _, p := range pts {
				cell := table.Cell{Kind: kind, Num: p.Value}
				if !p.Numeric() {
					cell = table.Missing(kind, p.Code)
				}
				put(m.String()+[]string{"_official", "_other"}[k], p.Date, cell)
			}
		}
		for k, series := range [][]metrics.MedianPoint{r.Regions[c.Ref.Region][m], r.England[m]} {
			for _, p := range series {
				put(m.String()+[]string{"_region", "_england"}[k], p.Date, table.Cell{Kind: kind, Num: p.Value, Decimals: 2})
			}
		}
	}
	days := make([]dates.Day, 0, len(rows))
	for d := range rows {
		days = append(days, d)
	}
	sort.Slice(days, func(i, j int) bool { return days[i] > days[j] })
	t := &cellTable{name: "workforce", cols: cols}
	for _, d := range days {
		row := rows[d]
		row.cells[0] = dateCell(row.date)
		t.rows = append(t.rows, row.cells)
	}
	return t
}

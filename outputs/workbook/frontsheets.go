package workbook

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/outputs/prose"
	"github.com/oversight/oversight/outputs/table"
	"github.com/oversight/oversight/outputs/workbook/bigsheet"
)

// The front sheets every publication opens with: the Cover, the Contents
// and the Notes, filled in by Write once every table and chart is added.

// sheetTable writes a small table with normal cells: its header at row
// hdr, the rows below, marked up as the named table name.
func (p *Publication) sheetTable(sheet string, hdr int, heads []string, widths []float64, rows [][]string, link func(row int) string, name string) error {
	f, st := p.b.F, p.b.St
	w := &cellWriter{f: f, sheet: sheet}
	lines := 1
	for j, h := range heads {
		w.set(j+1, hdr, h, st.TableHeader)
		lines = max(lines, textLines(h, widths[j]))
	}
	if err := f.SetRowHeight(sheet, hdr, linesHeight(lines)); err != nil {
		return err
	}
	for i, r := range rows {
		row := hdr + 1 + i
		lines := 1
		for j, v := range r {
			style := st.Wrap
			if j == 0 && link != nil {
				style = st.Link
			}
			w.set(j+1, row, v, style)
			lines = max(lines, textLines(v, widths[j]))
		}
		if w.err != nil {
			return w.err
		}
		if link != nil {
			ref, _ := excelize.CoordinatesToCellName(1, row)
			if err := f.SetCellHyperLink(sheet, ref, link(i), "Location"); err != nil {
				return err
			}
		}
		if lines > 1 {
			if err := f.SetRowHeight(sheet, row, linesHeight(lines)); err != nil {
				return err
			}
		}
	}
	if w.err != nil {
		return w.err
	}
	for j, wd := range widths {
		col := bigsheet.ColumnName(j + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(heads), hdr+max(len(rows), 1))
	p.b.noFilter[name] = true // its name was taken in New
	if err := f.AddTable(sheet, &excelize.Table{Range: "A" + strconv.Itoa(hdr) + ":" + last, Name: name, ShowRowStripes: new(bool)}); err != nil {
		return err
	}
	if err := p.printTitles(sheet, hdr, false); err != nil {
		return err
	}
	return printLayout(f, sheet, false)
}

func (p *Publication) notesSheet() error {
	for _, n := range p.notes {
		if n.n == 0 {
			p.numbered++
			n.n = p.numbered
		}
	}
	byNumber := make([]*note, len(p.notes))
	for _, n := range p.notes {
		byNumber[n.n-1] = n
	}
	f, st := p.b.F, p.b.St
	w := &cellWriter{f: f, sheet: NotesSheet}
	w.set(1, 1, "Notes", st.Title)
	row := 2
	if len(p.notes) == 0 {
		w.set(1, row, "There are no notes in this workbook.", st.Text)
	} else {
		w.set(1, row, fmt.Sprintf("This worksheet contains one table of %d notes. Titles and column headers on the other worksheets refer to them as [note 1] and so on.", len(p.notes)), st.Text)
	}
	row++
	if used := p.codes.Codes(); len(used) > 0 {
		w.set(1, row, "Some cells hold shorthand in square brackets instead of a figure:", st.Text)
		row++
		for _, c := range used {
			label, ex, _ := strings.Cut(c.Meaning(), ": ")
			if own := p.explain[c]; own != "" {
				ex = own
			}
			w.set(1, row, c.String()+" "+label+": "+ex, st.Text)
			row++
		}
	}
	if w.err != nil {
		return w.err
	}
	if len(p.notes) == 0 {
		return printLayout(f, NotesSheet, false)
	}
	rows := make([][]string, len(byNumber))
	for i, n := range byNumber {
		rows[i] = []string{"[note " + strconv.Itoa(n.n) + "]", n.text}
	}
	return p.sheetTable(NotesSheet, row, []string{"Note number", "Note text"}, []float64{14, 100}, rows, nil, "Notes")
}

func (p *Publication) contentsSheet() error {
	f, st := p.b.F, p.b.St
	w := &cellWriter{f: f, sheet: ContentsSheet}
	w.set(1, 1, "Contents", st.Title)
	w.set(1, 2, "This worksheet contains one table: the worksheets after it, each with a link to it.", st.Text)
	if w.err != nil {
		return w.err
	}
	rows := [][]string{{NotesSheet, "Notes", "Notes referred to in titles and headers as [note 1] and so on, and what the shorthand in the tables means."}}
	for _, c := range p.contents {
		rows = append(rows, []string{c.sheet, c.title, c.description})
	}
	link := func(i int) string { return quoteSheet(rows[i][0]) + "!A1" }
	return p.sheetTable(ContentsSheet, 3, []string{"Worksheet", "Title", "What it contains"}, []float64{24, 55, 70}, rows, link, "Contents")
}

// coverSheet writes the Cover: what the workbook is and its main
// findings first, then where the figures come from, who publishes them
// and under what licence.
func (p *Publication) coverSheet() error {
	c := p.cover
	cl := &coverLines{w: &cellWriter{f: p.b.F, sheet: CoverSheet}, st: p.b.St, row: 1}
	cl.opening(c)
	cl.sources(c.Sources)
	cl.shorthand(p.codes.Codes())
	cl.publishing(c)
	if cl.w.err != nil {
		return cl.w.err
	}
	if err := p.b.F.SetColWidth(CoverSheet, "A", "A", coverWidth); err != nil {
		return err
	}
	return printLayout(p.b.F, CoverSheet, false)
}

// coverWidth is the Cover's one column: it fits A4 upright at full size.
const coverWidth = 95.0

// coverLines writes the Cover a line at a time, each line a cell of
// column A in a row as tall as its wrapped text.
type coverLines struct {
	w   *cellWriter
	st  *Styles
	row int
}

func (cl *coverLines) line(text string, style int) {
	cl.w.set(1, cl.row, text, style)
	if n := textLines(text, coverWidth); n > 1 && cl.w.err == nil {
		cl.w.err = cl.w.f.SetRowHeight(CoverSheet, cl.row, linesHeight(n))
	}
	cl.row++
}

// text is a line of plain, wrapped text.
func (cl *coverLines) text(text string) { cl.line(text, cl.st.Wrap) }

// link is a line linking to url (plain text when there is none).
func (cl *coverLines) link(text, url string) {
	if url == "" {
		cl.text(text)
		return
	}
	ref, _ := excelize.CoordinatesToCellName(1, cl.row)
	cl.line(text, cl.st.Link)
	if cl.w.err == nil {
		cl.w.err = cl.w.f.SetCellHyperLink(CoverSheet, ref, url, "External")
	}
}

func (cl *coverLines) heading(h string) {
	cl.row++ // space before a section; the Cover holds no table
	cl.line(h, cl.st.Heading)
}

func (cl *coverLines) section(s Section) {
	cl.heading(s.Heading)
	for _, l := range s.Lines {
		cl.text(l)
	}
}

// opening is what a reader needs first: the title and summary, the lead
// sections, what the figures are about and their date, then the further
// sections.
func (cl *coverLines) opening(c Cover) {
	cl.line(c.Title, cl.st.Title)
	if c.Summary != "" {
		cl.text(c.Summary)
	}
	for _, s := range c.Lead {
		cl.section(s)
	}
	if len(c.Lead) > 0 && len(c.About) > 0 {
		cl.heading("About these figures")
	}
	for _, a := range c.About {
		cl.text(a)
	}
	cl.text("The Contents worksheet lists every worksheet, with a link to each.")
	cl.heading("Figures as of")
	cl.text(prose.LongDay(c.AsOf) + ".")
	for _, s := range c.Sections {
		cl.section(s)
	}
}

// sources lists each source with its period and release date. The link is
// the source's name alone, its period on a plain line below: LibreOffice
// does not wrap a cell holding a link, and a long one would run off the
// printed page.
func (cl *coverLines) sources(sources []Source) {
	if len(sources) == 0 {
		return
	}
	cl.heading("Sources")
	for _, s := range sources {
		var about []string
		if s.Period != "" {
			about = append(about, s.Period)
		}
		if s.Released != 0 {
			about = append(about, "released "+prose.LongDay(s.Released))
		}
		if s.URL == "" {
			text := s.Name
			if len(about) > 0 {
				text += ": " + strings.Join(about, "; ")
			}
			cl.text(text + ".")
			continue
		}
		cl.link(s.Name, s.URL)
		if len(about) > 0 {
			cl.text(sentenceStart(strings.Join(about, "; ")) + ".")
		}
	}
}

// shorthand names the shorthand codes the tables use, which the Notes
// sheet explains.
func (cl *coverLines) shorthand(used []table.Code) {
	if len(used) == 0 {
		return
	}
	var codes []string
	for _, c := range used {
		codes = append(codes, c.String())
	}
	cl.heading("Shorthand")
	cl.text("Some cells hold shorthand in square brackets (" + strings.Join(codes, ", ") + ") instead of a figure. The Notes worksheet says what each means.")
}

// publishing says who publishes the workbook and how to reach them, its
// licence, when it is next updated and what made it.
func (cl *coverLines) publishing(c Cover) {
	if c.Publisher != "" {
		cl.heading("Published by")
		cl.text(c.Publisher)
	}
	if c.Contact != (Contact{}) {
		cl.heading("Contact")
		if c.Contact.Name != "" {
			cl.text(c.Contact.Name)
		}
		if c.Contact.Email != "" {
			cl.link("Email: "+c.Contact.Email, "mailto:"+c.Contact.Email)
		}
		if c.Contact.Phone != "" {
			cl.text("Telephone: " + c.Contact.Phone)
		}
	}
	if c.Licence.Text != "" {
		cl.heading("Licence")
		cl.text(c.Licence.Text)
		if c.Licence.URL != "" {
			cl.link("The Open Government Licence v3.0", c.Licence.URL)
		}
	}
	if c.NextUpdate != 0 {
		cl.heading("Next update")
		cl.text(prose.LongDay(c.NextUpdate) + " (scheduled).")
	}
	cl.heading("Made by")
	cl.text(creator(c.Version) + ".")
}

// sentenceStart capitalises the first letter.
func sentenceStart(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

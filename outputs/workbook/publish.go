package workbook

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/outputs/prose"
	"github.com/oversight/oversight/outputs/table"
	"github.com/oversight/oversight/outputs/workbook/bigsheet"
)

// Cover is what a publishable workbook's Cover sheet says; its title,
// summary, date and version are also the document's properties.
type Cover struct {
	Title   string   // A1 of the Cover, and the document's title
	Summary string   // what the workbook covers, in a sentence or two (A2; the document's subject)
	About   []string // more about what it covers and how to use it, a paragraph each
	// AsOf is the date the figures are as of. It is also the document's
	// created date, so the same inputs give the same bytes.
	AsOf dates.Day
	// Sources are the sources of the figures, each with its period and
	// release date.
	Sources    []Source
	Publisher  string
	Contact    Contact
	Licence    Licence
	NextUpdate dates.Day // the next scheduled update; 0 when none is scheduled
	Version    string    // oversight's version: the document's creator is "oversight <version>"
	// Lead are headed sections right after the summary, what a reader
	// needs first: the main findings, the status of the figures, the
	// period they cover.
	Lead []Section
	// Sections are further headed sections, after the date (a research
	// run's question, for example).
	Sections []Section
}

// Source is one source of the figures.
type Source struct {
	Name     string    // "Ofsted: children's social care inspection outcomes"
	Period   string    // "inspections to 31 March 2025"
	Released dates.Day // 0 when not known
	URL      string    // where it is published; the source's line links to it
}

// Contact is who answers questions about the workbook.
type Contact struct {
	Name, Email, Phone string
}

// Licence is the licence and attribution.
type Licence struct {
	Text string // "Contains public sector information licensed under the Open Government Licence v3.0."
	URL  string // the licence; the text links to it
}

// Section is a heading and its lines on the Cover.
type Section struct {
	Heading string
	Lines   []string
}

// Options are how a publishable workbook is built.
type Options struct {
	// TmpDir is where excelize may spill large sheets ("" = the system's).
	TmpDir string
	// Workers is how many goroutines render a large sheet (0 = all cores).
	Workers int
	// BigRows is the number of rows above which a table sheet is rendered
	// by bigsheet (0 = DefaultBigRows).
	BigRows int
	// ChunkRows is how many rows bigsheet renders and deflates as one
	// piece (0 = bigsheet.DefaultChunkRows): the bytes depend on it.
	ChunkRows int
}

// TableSheet is one table on its own worksheet.
type TableSheet struct {
	// Name is the tab: short and unique ("Councils"). A table too long for
	// one worksheet continues on "Councils (2)" and so on.
	Name string
	// Title goes in A1: what the table shows, where and when.
	Title string
	// Description is the Contents sheet's description ("" = the title).
	Description string
	// Lines are short lines between the title and the table ("Source: ..."
	// comes after them when Source is given). The line saying how many rows
	// the table has is written first, always.
	Lines  []string
	Source string
	// Notes are keys of notes about the whole table: their markers follow
	// the title. Columns carry their own (table.Column.Notes).
	Notes []string
	Table table.Table
	// TableName is the name of the marked-up table ("" = from Name).
	TableName string
	// Filter puts filter buttons on the header row. Off by default: the
	// Analysis Function's checklist advises against them.
	Filter bool
	// Empty is what the one row of an empty table says ("" = "No rows").
	Empty string
	// Links, when given, is the web address (http, https or mailto) the
	// cell in row i and column j (both from 0) links to, or "" for none.
	// The cell's text must say where the link goes, never be the address.
	// A table with links is written by excelize's stream writer whatever
	// its size (a worksheet holds at most 65,530 links).
	Links func(i, j int) string
	// Record marks a table to search and filter rather than read in print
	// (every finding, every rejected row): its text does not wrap, so each
	// row stays one line high, and it prints one page wide. Wrapped, a
	// research run's 1,700 findings printed on about 700 pages, seven rows
	// a page.
	Record bool
	// OnePage prints the sheet on one page, scaled to fit: a short table a
	// reader wants whole (the councillor's Judgements and Figures), which
	// long sentences in its last row could push onto a second page.
	OnePage bool
}

// ChartSheet is one chart on its own worksheet.
type ChartSheet struct {
	Name, Title, Description string
	Lines                    []string
	Source                   string
	Notes                    []string
	// Picture is the chart; its AltText, saying what the chart shows, is
	// required.
	Picture Picture
}

// Publication is a workbook built to the Analysis Function's guidance
// "Releasing statistics in spreadsheets": a Cover, a Contents sheet linking
// every sheet, a Notes sheet, then one marked-up table (or one chart) per
// sheet, each titled in A1. Make one with New, add notes, tables and charts
// in the order they should appear, then Write it.
type Publication struct {
	b        *Book
	cover    Cover
	notes    []*note
	byKey    map[string]*note
	numbered int
	explain  map[table.Code]string
	codes    table.CodeSet // used in any table
	contents []contentsRow
	names    map[string]bool // sheet and table names taken
	written  bool
	failed   error // the first failed AddTable or AddChart: Write refuses
}

type note struct {
	key, text string
	n         int // 0 until first referred to
}

type contentsRow struct {
	sheet, title, description string
}

// The fixed sheets, first in every publication.
const (
	CoverSheet    = "Cover"
	ContentsSheet = "Contents"
	NotesSheet    = "Notes"
)

// New starts a publication.
func New(c Cover, o Options) (*Publication, error) {
	switch {
	case strings.TrimSpace(c.Title) == "":
		return nil, errors.New("workbook cover: a title is required")
	case c.AsOf == 0:
		return nil, errors.New("workbook cover: the as-of date is required (it is also the document's created date)")
	}
	b, err := NewBook(CoverSheet, o.TmpDir)
	if err != nil {
		return nil, err
	}
	if o.Workers > 0 {
		b.Workers = o.Workers
	}
	b.BigRows, b.ChunkRows = o.BigRows, o.ChunkRows
	for _, s := range []string{ContentsSheet, NotesSheet} {
		if _, err := b.F.NewSheet(s); err != nil {
			b.Close()
			return nil, err
		}
	}
	p := &Publication{b: b, cover: c, byKey: map[string]*note{}, explain: map[table.Code]string{},
		names: map[string]bool{strings.ToLower(CoverSheet): true, strings.ToLower(ContentsSheet): true, strings.ToLower(NotesSheet): true,
			"table:cover": true, "table:contents": true, "table:notes": true}}
	return p, nil
}

// Close releases excelize's temporary files.
func (p *Publication) Close() error { return p.b.Close() }

// Note registers a note under key. Notes are numbered in the order titles
// and headers first refer to them (sheet by sheet, as added); notes that
// nothing refers to are numbered after those, in the order registered.
func (p *Publication) Note(key, text string) error {
	if key == "" || strings.TrimSpace(text) == "" {
		return fmt.Errorf("note %q: a key and a text are required", key)
	}
	if _, ok := p.byKey[key]; ok {
		return fmt.Errorf("note %q is registered twice", key)
	}
	n := &note{key: key, text: text}
	p.notes = append(p.notes, n)
	p.byKey[key] = n
	return nil
}

// Marker is the marker of a registered note, "[note 3]", for free text.
// A note first referred to here is numbered now.
func (p *Publication) Marker(key string) (string, error) {
	n, ok := p.byKey[key]
	if !ok {
		return "", fmt.Errorf("note %q is not registered (Publication.Note)", key)
	}
	if n.n == 0 {
		p.numbered++
		n.n = p.numbered
	}
	return "[note " + strconv.Itoa(n.n) + "]", nil
}

// withMarkers is text followed by the markers of the notes keys name.
func (p *Publication) withMarkers(text string, keys []string) (string, error) {
	for _, k := range keys {
		m, err := p.Marker(k)
		if err != nil {
			return "", err
		}
		text += " " + m
	}
	return text, nil
}

// Shorthand sets what a shorthand code means in this workbook, for the
// Notes sheet (default: its general meaning, findings.Code.Meaning). Only
// codes a table uses are explained.
func (p *Publication) Shorthand(code table.Code, explanation string) {
	p.explain[code] = explanation
}

var badSheetName = regexp.MustCompile(`[\[\]:*?/\\]`)

// claim checks a sheet name and takes it.
func (p *Publication) claim(name string) error {
	switch {
	case p.written:
		return errors.New("the workbook is already written")
	case strings.TrimSpace(name) == "" || utf8.RuneCountInString(name) > 31 || badSheetName.MatchString(name) || strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return fmt.Errorf("sheet name %q: 1 to 31 characters, none of [ ] : * ? / \\, not starting or ending with an apostrophe", name)
	case p.names[strings.ToLower(name)]:
		return fmt.Errorf("sheet name %q is already used", name)
	}
	p.names[strings.ToLower(name)] = true
	return nil
}

var notNameChar = regexp.MustCompile(`[^A-Za-z0-9_.]+`)
var cellLike = regexp.MustCompile(`^([A-Za-z]{1,3}[0-9]+|[RrCc][0-9]*|[Rr][0-9]+[Cc][0-9]+)$`)

// tableName makes a name for a marked-up table from a sheet's: letters,
// digits, underscores and dots, starting with a letter, not like a cell
// reference, unique in the workbook.
func (p *Publication) tableName(want, sheet string) (string, error) {
	name := want
	if name == "" {
		name = strings.Trim(notNameChar.ReplaceAllString(sheet, "_"), "_")
		if name == "" || !(name[0] >= 'A' && name[0] <= 'Z' || name[0] >= 'a' && name[0] <= 'z') || cellLike.MatchString(name) {
			name = "Table_" + name
		}
		base := name
		for i := 2; p.names["table:"+strings.ToLower(name)]; i++ {
			name = base + "_" + strconv.Itoa(i)
		}
	} else if notNameChar.MatchString(name) || !(name[0] >= 'A' && name[0] <= 'Z' || name[0] >= 'a' && name[0] <= 'z' || name[0] == '_') || cellLike.MatchString(name) || len(name) > 255 {
		return "", fmt.Errorf("table name %q: letters, digits, underscores and dots, starting with a letter, not like a cell reference", name)
	}
	if p.names["table:"+strings.ToLower(name)] {
		return "", fmt.Errorf("table name %q is already used", name)
	}
	p.names["table:"+strings.ToLower(name)] = true
	return name, nil
}

// pubWidth is a column's width in a publishable table: its own, or one
// that fits its header in about three lines (the header wraps) and, for
// text, the longest of its first 1,000 values, up to 60 characters.
func pubWidth(c *table.Column, longest int) float64 {
	if c.Width > 0 {
		return c.Width
	}
	word, heading := 0, utf8.RuneCountInString(c.Heading())
	for _, w := range strings.Fields(c.Heading()) {
		word = max(word, utf8.RuneCountInString(w))
	}
	var base float64
	switch c.Kind {
	case table.Grade:
		base = 22
	case table.Date:
		base = 13
	case table.Integer, table.Number, table.Percent, table.Points:
		base = 11
	default:
		base = 12
	}
	return min(max(base, float64(word+2), float64(heading/3+2), float64(longest+2)), 60)
}

// longestText is the length of the longest first line of text in each
// column over the table's first rows.
func longestText(t table.Table, rows int) []int {
	cols := t.Columns()
	out := make([]int, len(cols))
	cells := make([]table.Cell, len(cols))
	for i := 0; i < min(rows, t.Len()); i++ {
		t.Row(i, cells)
		for j := range cells {
			if c := &cells[j]; (c.Kind == table.Text || c.Kind == table.Grade) && !c.Blank {
				line, _, _ := strings.Cut(c.Text, "\n")
				out[j] = max(out[j], utf8.RuneCountInString(line))
			}
		}
	}
	return out
}

func textRow(text string, style int) bigsheet.Row {
	return bigsheet.Row{Cells: []bigsheet.Cell{{Cell: table.Cell{Kind: table.Text, Text: text}, Style: style}}}
}

// AddTable writes ts.Table as one or more table sheets (a worksheet holds
// 1,048,576 rows: a longer table continues on the next) and returns their
// names. After an error the publication is incomplete, and Write refuses
// to write it.
func (p *Publication) AddTable(ctx context.Context, ts TableSheet) ([]string, error) {
	names, err := p.addTable(ctx, ts)
	if err != nil && p.failed == nil {
		p.failed = err
	}
	return names, err
}

func (p *Publication) addTable(ctx context.Context, ts TableSheet) ([]string, error) {
	if ts.Table == nil {
		return nil, fmt.Errorf("sheet %s: no table", ts.Name)
	}
	if strings.TrimSpace(ts.Title) == "" {
		return nil, fmt.Errorf("sheet %s: a title is required", ts.Name)
	}
	if err := p.claim(ts.Name); err != nil {
		return nil, err
	}
	title, err := p.withMarkers(ts.Title, ts.Notes)
	if err != nil {
		return nil, fmt.Errorf("sheet %s title: %w", ts.Name, err)
	}
	st := p.b.St
	cols := ts.Table.Columns()
	if len(cols) == 0 {
		return nil, fmt.Errorf("sheet %s: the table has no columns", ts.Name)
	}
	header := bigsheet.Row{Cells: make([]bigsheet.Cell, len(cols))}
	widths := make([]float64, len(cols))
	seen := map[string]bool{}
	marked := len(ts.Notes) > 0
	lines := 1
	longest := longestText(ts.Table, 1000)
	for j := range cols {
		c := &cols[j]
		h := strings.TrimSpace(c.Heading())
		if h == "" || strings.ContainsAny(h, "\r\n") {
			return nil, fmt.Errorf("sheet %s column %d (%s): a header must be one line of text", ts.Name, j+1, c.Name)
		}
		if h, err = p.withMarkers(h, c.Notes); err != nil {
			return nil, fmt.Errorf("sheet %s column %s: %w", ts.Name, c.Name, err)
		}
		marked = marked || len(c.Notes) > 0
		if seen[strings.ToLower(h)] {
			return nil, fmt.Errorf("sheet %s: two columns are headed %q (a table's headers must differ)", ts.Name, h)
		}
		seen[strings.ToLower(h)] = true
		widths[j] = pubWidth(c, longest[j])
		header.Cells[j] = bigsheet.Cell{Cell: table.Cell{Kind: table.Text, Text: h}, Style: st.TableHeader}
		lines = max(lines, textLines(h, widths[j]))
	}
	header.Height = linesHeight(lines)
	// Text longer than its column's widest wraps, and rows grow to fit it
	// (spreadsheets do not size rows to wrapped text when they open a file).
	var wrap []int
	for j := range cols {
		if !ts.Record && (cols[j].Kind == table.Text || cols[j].Kind == table.Grade) && float64(longest[j]+2) > widths[j] {
			wrap = append(wrap, j)
		}
	}
	var style func(j int, c *table.Cell) int
	var heights rowHeight
	if len(wrap) > 0 {
		wraps := make([]bool, len(cols))
		for _, j := range wrap {
			wraps[j] = true
		}
		style = func(j int, c *table.Cell) int {
			if wraps[j] && c.Code == table.NoCode {
				switch c.Kind {
				case table.Text:
					return st.Wrap
				case table.Grade:
					return st.GradeWrap[gradeOf(c.Text)]
				}
			}
			return st.style(c)
		}
		heights = func(_ []table.Column, cells []table.Cell) float64 {
			lines := 1
			for _, j := range wrap {
				if c := &cells[j]; (c.Kind == table.Text || c.Kind == table.Grade) && !c.Blank {
					lines = max(lines, textLines(c.Text, widths[j]))
				}
			}
			if lines == 1 {
				return 0
			}
			return linesHeight(lines)
		}
	}
	wide := 0.0
	for _, w := range widths {
		wide += w
	}
	empty := ts.Empty
	if empty == "" {
		empty = "No rows"
	}
	var names []string
	n := ts.Table.Len()
	for part, start := 1, 0; start < n || part == 1; part++ {
		name := partName(ts.Name, part)
		if part > 1 {
			if err := p.claim(name); err != nil {
				return nil, err
			}
		}
		// The rows above the table: the same number on every part.
		top := func(end int) []bigsheet.Row {
			t := title
			var first string
			switch {
			case part > 1:
				t += " (continued)"
				first = fmt.Sprintf("This worksheet contains one table: rows %s to %s of %s, continued from the worksheet %s.", thousands(start+1), thousands(end), thousands(n), ts.Name)
			case end < n:
				first = fmt.Sprintf("This worksheet contains one table: rows 1 to %s of %s; the rest are on the worksheets after it.", thousands(end), thousands(n))
			case n == 0:
				first = "This worksheet contains one table, with no rows."
			case n == 1:
				first = "This worksheet contains one table of 1 row."
			default:
				first = fmt.Sprintf("This worksheet contains one table of %s rows.", thousands(n))
			}
			if marked {
				first += " The notes the title and headers refer to are on the Notes worksheet."
			}
			rows := []bigsheet.Row{textRow(t, st.Title), textRow(first, st.Text)}
			for _, l := range ts.Lines {
				rows = append(rows, textRow(l, st.Text))
			}
			if ts.Source != "" {
				rows = append(rows, textRow("Source: "+ts.Source, st.Text))
			}
			return append(rows, header)
		}
		end := min(n, start+p.b.sheetRows-len(top(0)))
		tn, err := p.tableName(ts.TableName, name)
		if part > 1 && ts.TableName != "" {
			tn, err = p.tableName(ts.TableName+"_"+strconv.Itoa(part), name)
		}
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
		s := &sheetSpec{name: name, t: ts.Table, start: start, end: end, top: top(end), widths: widths, st: st,
			style: style, heights: heights, landscape: wide > 100, tableName: tn,
			pagesWide: pagesWide(wide, ts.Record), onePage: ts.OnePage, links: ts.Links}
		if n == 0 {
			s.empty = []bigsheet.Cell{{Cell: table.Cell{Kind: table.Text, Text: empty}, Style: st.Text}}
		}
		if !ts.Filter {
			p.b.noFilter[tn] = true
		}
		codes, err := p.b.sheet(ctx, s)
		if err != nil {
			return nil, err
		}
		p.codes |= codes
		if err := p.printTitles(name, s.header(), s.pagesWide > 1); err != nil {
			return nil, err
		}
		desc := ts.Description
		if desc == "" {
			desc = ts.Title
		}
		rowTitle := ts.Title
		if part > 1 {
			rowTitle += " (continued)"
			desc = fmt.Sprintf("Rows %s to %s of the table on the worksheet %s.", thousands(start+1), thousands(end), ts.Name)
		}
		p.contents = append(p.contents, contentsRow{name, rowTitle, desc})
		names = append(names, name)
		start = end
	}
	return names, nil
}

// printTitles repeats a sheet's header row at the top of every printed
// page.
// With firstColumn (a table printed several pages wide), column A, which
// names each row, is repeated at the left of every page too.
func (p *Publication) printTitles(sheet string, row int, firstColumn bool) error {
	r := "$" + strconv.Itoa(row)
	refers := quoteSheet(sheet) + "!" + r + ":" + r
	if firstColumn {
		refers = quoteSheet(sheet) + "!$A:$A," + refers
	}
	return p.b.F.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: refers, Scope: sheet})
}

// pagesWide is how many landscape A4 pages a table of columns this wide
// (in characters) prints across at a readable size: about 150 characters
// a page. Fitting every table to one page made a wide table unreadable. A
// record (TableSheet.Record) stays one page wide.
func pagesWide(chars float64, record bool) int {
	if record {
		return 1
	}
	return max(1, int(math.Ceil(chars/150)))
}

// quoteSheet is a sheet name as a formula refers to it: 'It”s'.
func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

// AddChart writes a chart on its own sheet, titled in A1, with its
// description as the picture's alternative text. After an error the
// publication is incomplete, and Write refuses to write it.
func (p *Publication) AddChart(cs ChartSheet) error {
	err := p.addChart(cs)
	if err != nil && p.failed == nil {
		p.failed = err
	}
	return err
}

func (p *Publication) addChart(cs ChartSheet) error {
	if strings.TrimSpace(cs.Title) == "" {
		return fmt.Errorf("sheet %s: a title is required", cs.Name)
	}
	if strings.TrimSpace(cs.Picture.AltText) == "" {
		return fmt.Errorf("sheet %s: the chart needs alternative text saying what it shows", cs.Name)
	}
	width, _, err := pngSize(cs.Picture.PNG)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", cs.Name, err)
	}
	if err := p.claim(cs.Name); err != nil {
		return err
	}
	title, err := p.withMarkers(cs.Title, cs.Notes)
	if err != nil {
		return fmt.Errorf("sheet %s title: %w", cs.Name, err)
	}
	f, st := p.b.F, p.b.St
	if _, err := f.NewSheet(cs.Name); err != nil {
		return err
	}
	w := &cellWriter{f: f, sheet: cs.Name}
	w.set(1, 1, title, st.Title)
	first := "This worksheet contains one chart."
	if len(cs.Notes) > 0 {
		first += " The notes the title refers to are on the Notes worksheet."
	}
	w.set(1, 2, first, st.Text)
	row := 3
	for _, l := range cs.Lines {
		w.set(1, row, l, st.Text)
		row++
	}
	if cs.Source != "" {
		w.set(1, row, "Source: "+cs.Source, st.Text)
		row++
	}
	if w.err != nil {
		return w.err
	}
	// At most about 1,000 pixels wide, so it fits a screen and a page.
	scale := min(1, 1000/float64(width))
	ref, _ := excelize.CoordinatesToCellName(1, row+1)
	if err := f.AddPictureFromBytes(cs.Name, ref, &excelize.Picture{Extension: ".png", File: cs.Picture.PNG,
		Format: &excelize.GraphicOptions{ScaleX: scale, ScaleY: scale, AltText: cs.Picture.AltText, Positioning: "oneCell"}}); err != nil {
		return fmt.Errorf("sheet %s: %w", cs.Name, err)
	}
	if err := pageLayout(f, cs.Name, float64(width)*scale > 700, 1, 1); err != nil {
		return err
	}
	desc := cs.Description
	if desc == "" {
		desc = cs.Title
	}
	p.contents = append(p.contents, contentsRow{cs.Name, cs.Title, desc})
	return nil
}

// pngSize reads the width and height from a PNG's header.
func pngSize(b []byte) (width, height int, err error) {
	if len(b) < 24 || string(b[1:4]) != "PNG" {
		return 0, 0, errors.New("chart is not a PNG")
	}
	be := func(i int) int { return int(b[i])<<24 | int(b[i+1])<<16 | int(b[i+2])<<8 | int(b[i+3]) }
	return be(16), be(20), nil
}

// thousands writes n with thousands separators: 1,048,572.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Write fills in the Cover, Contents and Notes sheets and the document's
// properties, and writes the workbook. The same inputs give the same
// bytes.
func (p *Publication) Write(w io.Writer) error {
	if p.written {
		return errors.New("the workbook is already written")
	}
	if p.failed != nil {
		return fmt.Errorf("the workbook is incomplete: %w", p.failed)
	}
	p.written = true
	for _, step := range []struct {
		name string
		fill func() error
	}{{NotesSheet, p.notesSheet}, {ContentsSheet, p.contentsSheet}, {CoverSheet, p.coverSheet}, {"properties", p.properties}} {
		if err := step.fill(); err != nil {
			return fmt.Errorf("%s: %w", step.name, err)
		}
	}
	if err := p.b.Write(w); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

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

func (p *Publication) coverSheet() error {
	c := p.cover
	f, st := p.b.F, p.b.St
	const width = 95.0 // fits A4 upright at full size
	w := &cellWriter{f: f, sheet: CoverSheet}
	row := 1
	line := func(text string, style int) {
		w.set(1, row, text, style)
		if n := textLines(text, width); n > 1 && w.err == nil {
			w.err = f.SetRowHeight(CoverSheet, row, linesHeight(n))
		}
		row++
	}
	link := func(text, url string) {
		if url == "" {
			line(text, st.Wrap)
			return
		}
		ref, _ := excelize.CoordinatesToCellName(1, row)
		line(text, st.Link)
		if w.err == nil {
			w.err = f.SetCellHyperLink(CoverSheet, ref, url, "External")
		}
	}
	heading := func(h string) {
		row++ // space before a section; the Cover holds no table
		line(h, st.Heading)
	}
	line(c.Title, st.Title)
	if c.Summary != "" {
		line(c.Summary, st.Wrap)
	}
	for _, s := range c.Lead {
		heading(s.Heading)
		for _, l := range s.Lines {
			line(l, st.Wrap)
		}
	}
	if len(c.Lead) > 0 && len(c.About) > 0 {
		heading("About these figures")
	}
	for _, a := range c.About {
		line(a, st.Wrap)
	}
	line("The Contents worksheet lists every worksheet, with a link to each.", st.Wrap)
	heading("Figures as of")
	line(prose.LongDay(c.AsOf)+".", st.Wrap)
	for _, s := range c.Sections {
		heading(s.Heading)
		for _, l := range s.Lines {
			line(l, st.Wrap)
		}
	}
	if len(c.Sources) > 0 {
		heading("Sources")
		// The link is the source's name alone, its period on a plain line
		// below: LibreOffice does not wrap a cell holding a link, and a
		// long one would run off the printed page.
		for _, s := range c.Sources {
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
				line(text+".", st.Wrap)
				continue
			}
			link(s.Name, s.URL)
			if len(about) > 0 {
				line(sentenceStart(strings.Join(about, "; "))+".", st.Wrap)
			}
		}
	}
	if used := p.codes.Codes(); len(used) > 0 {
		var codes []string
		for _, c := range used {
			codes = append(codes, c.String())
		}
		heading("Shorthand")
		line("Some cells hold shorthand in square brackets ("+strings.Join(codes, ", ")+") instead of a figure. The Notes worksheet says what each means.", st.Wrap)
	}
	if c.Publisher != "" {
		heading("Published by")
		line(c.Publisher, st.Wrap)
	}
	if c.Contact != (Contact{}) {
		heading("Contact")
		if c.Contact.Name != "" {
			line(c.Contact.Name, st.Wrap)
		}
		if c.Contact.Email != "" {
			link("Email: "+c.Contact.Email, "mailto:"+c.Contact.Email)
		}
		if c.Contact.Phone != "" {
			line("Telephone: "+c.Contact.Phone, st.Wrap)
		}
	}
	if c.Licence.Text != "" {
		heading("Licence")
		line(c.Licence.Text, st.Wrap)
		if c.Licence.URL != "" {
			link("The Open Government Licence v3.0", c.Licence.URL)
		}
	}
	if c.NextUpdate != 0 {
		heading("Next update")
		line(prose.LongDay(c.NextUpdate)+" (scheduled).", st.Wrap)
	}
	heading("Made by")
	line(creator(c.Version)+".", st.Wrap)
	if w.err != nil {
		return w.err
	}
	if err := f.SetColWidth(CoverSheet, "A", "A", width); err != nil {
		return err
	}
	return printLayout(f, CoverSheet, false)
}

// sentenceStart capitalises the first letter.
func sentenceStart(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func creator(version string) string {
	if version == "" {
		return "oversight"
	}
	return "oversight " + version
}

func (p *Publication) properties() error {
	c := p.cover
	at := c.AsOf.Time().Format(time.RFC3339)
	desc := "Figures as of " + prose.LongDay(c.AsOf) + "."
	return p.b.F.SetDocProps(&excelize.DocProperties{
		Title: c.Title, Subject: c.Summary, Creator: creator(c.Version), LastModifiedBy: creator(c.Version),
		Created: at, Modified: at, Language: "en-GB", Description: desc,
	})
}

package workbook

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/outputs/prose"
	"github.com/oversight/oversight/outputs/table"
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

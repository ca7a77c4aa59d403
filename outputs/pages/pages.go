// Package pages writes the static web pages of an output folder: the
// monthly report (index.html), a research run's answer (index.html), and
// for the councillor downloads an index of every council by region
// (index.html) with one page per council beside its workbook
// (councils/<slug>.html), printable on one A4 sheet.
//
// The pages are HTML and CSS written with html/template: no script, no
// font or anything else fetched from elsewhere, links relative to the
// output folder (or https links to Ofsted's and DfE's pages). Their tables
// are the workbooks' and the CSV files' tables (the metric schema's
// columns, and the workbook's own tables through outputs/workbook), their
// cells formatted as the workbook shows them (CellText), so a page, a
// workbook and a CSV file never disagree. The bytes depend only on the
// inputs: two runs of the same inputs give the same pages.
//
// They are written to WCAG 2.2 AA: the language set, one h1 and headings
// in order, landmarks, link text that makes sense alone, contrast of at
// least 4.5:1, tables with captions and scoped header cells, grades in
// words with a pattern (never colour alone), and a layout that works at
// 320 CSS pixels wide and at 200% zoom. The tests check them in Chromium
// with axe-core (jobs/pages_test.go; docs/pages.md).
package pages

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"path/filepath"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/outputs/prose"
	"github.com/oversight/oversight/outputs/publish"
	"github.com/oversight/oversight/outputs/table"
	"github.com/oversight/oversight/outputs/workbook"
)

// Name is the file name of an output folder's page.
const Name = "index.html"

//go:embed templates/pages.html templates/council.html templates/councils.html templates/style.css
var files embed.FS

var (
	templates = template.Must(template.New("pages").ParseFS(files, "templates/*.html"))
	style     = func() template.CSS {
		b, err := files.ReadFile("templates/style.css")
		if err != nil {
			panic(err)
		}
		return template.CSS(b)
	}()
)

// frame is what every page has around its content.
type frame struct {
	Title string // the <title> and the h1
	Short string // the page in the breadcrumbs
	Lead  []string
	// Crumbs lead back to the pages above this one.
	Crumbs []link
	// Status says what the figures are (workbook.StatusLine, as every
	// output says it); Period the period they cover, where a page says.
	Status, Period string
	TOC            []link // #id links to the page's sections
	Footer         []string
	// PrintLinks are the addresses of the page's files and links written
	// out, printed at its foot in place of its list of links.
	PrintLinks []string
	CSS        template.CSS
}

type link struct{ Href, Text string }

// section is a part of a page under an h2: paragraphs, a list, then
// blocks (each a figure and its numbers, or a table), then files.
type section struct {
	ID, Heading string
	Text        []string
	List        []string
	Blocks      []block
	Files       []fileLink
}

type block struct {
	Heading string // an h3, when the section has several
	Text    []string
	List    []string
	Figure  *figure
	Table   *Table
}

type figure struct {
	Src, Alt, Caption string
	Width, Height     int
}

// fileLink is a file of the output with a line saying what is in it.
type fileLink struct {
	Href, Text, Size, What string
}

// Publishing is who publishes the pages, as the workbooks' Cover says.
type Publishing = workbook.Publishing

// render executes a page's template into path (inside a run's staging
// folder, which is published whole), the whole page made in memory first
// so a failed template leaves no part of a page.
func render(path, name string, data any) error {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return publish.WriteFile(path, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}

// footerLines are the lines every page ends with: when it was made as of,
// who publishes it, and the version that made it.
func footerLines(asOf dates.Day, pub Publishing, version string) []string {
	out := []string{"Figures as of " + prose.LongDay(asOf) + ": findings dated or published after it are left out, so the same inputs and date always give the same pages."}
	if pub.Publisher != "" {
		line := "Published by " + pub.Publisher + "."
		if pub.Contact.Name != "" || pub.Contact.Email != "" {
			line += " Contact: " + joinNonEmpty(pub.Contact.Name, pub.Contact.Email) + "."
		}
		out = append(out, line)
	}
	if pub.NextUpdate != 0 {
		out = append(out, "Next update: "+prose.LongDay(pub.NextUpdate)+".")
	}
	return append(out, "Made with oversight "+version+".")
}

func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	switch len(out) {
	case 0:
		return ""
	case 1:
		return out[0]
	}
	return out[0] + ", " + out[1]
}

// filled is a table whose blank cells say why (workbook.Filled).
func filled(t table.Table) table.Table { return workbook.Filled(t) }

package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/oversight/oversight/outputs/workbook/bigsheet"
)

// sortedZip is the zip writer excelize writes a Book through. It writes the
// parts in a fixed order ([Content_Types].xml first, then by name), so the
// same workbook always has the same bytes (excelize walks maps), and on
// the way it:
//   - puts each large sheet's XML, rendered by bigsheet, in place of its
//     placeholder, with the placeholder's reference to its table part;
//   - drops the filter buttons of tables that should have none (excelize
//     always adds them);
//   - makes the default font 10 points, the size of every style, so column
//     widths (counted in the default font's digits) mean what they say;
//   - tags the title and heading styles as the built-in Heading 1 and
//     Heading 2 cell styles, which assistive technology reads as headings.
//
// Pictures are stored, not compressed again.
type sortedZip struct {
	w     io.Writer
	b     *Book
	parts map[string]*bytes.Buffer
}

func newSortedZip(b *Book) *sortedZip { return &sortedZip{b: b, parts: map[string]*bytes.Buffer{}} }

func (z *sortedZip) Create(name string) (io.Writer, error) {
	b := &bytes.Buffer{}
	z.parts[name] = b
	return b, nil
}

func (z *sortedZip) AddFS(fs.FS) error { return errors.New("sortedZip: AddFS is not supported") }

func (z *sortedZip) Close() error {
	big, err := z.bigParts()
	if err != nil {
		return err
	}
	names := make([]string, 0, len(z.parts))
	for n := range z.parts {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == "[Content_Types].xml") != (names[j] == "[Content_Types].xml") {
			return names[i] == "[Content_Types].xml"
		}
		return names[i] < names[j]
	})
	zw := zip.NewWriter(z.w)
	var fw *flate.Writer
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		if fw == nil {
			var err error
			fw, err = flate.NewWriter(out, flate.DefaultCompression)
			return fw, err
		}
		fw.Reset(out)
		return fw, nil
	})
	for _, n := range names {
		part := z.parts[n].Bytes()
		if sheet, ok := big[n]; ok {
			if err := sheet.WriteEntry(zw, n, string(tableParts.Find(part))); err != nil {
				return err
			}
			continue
		}
		switch {
		case n == "[Content_Types].xml":
			part = sortDefaults(part)
		case n == "xl/styles.xml":
			if part, err = tagHeadings(defaultSize(part), z.b.headings); err != nil {
				return err
			}
		case strings.HasPrefix(n, "xl/tables/"):
			part = z.dropFilter(part)
		}
		method := zip.Deflate
		if strings.HasPrefix(n, "xl/media/") && (strings.HasSuffix(n, ".png") || strings.HasSuffix(n, ".jpeg")) {
			method = zip.Store
		}
		dst, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: method})
		if err != nil {
			return err
		}
		if _, err := dst.Write(part); err != nil {
			return err
		}
	}
	return zw.Close()
}

var tableParts = regexp.MustCompile(`<tableParts[ >].*?</tableParts>`)

// bigParts maps the part of each large sheet's placeholder to the sheet,
// through xl/workbook.xml and its relationships.
func (z *sortedZip) bigParts() (map[string]*bigsheet.Sheet, error) {
	out := map[string]*bigsheet.Sheet{}
	if len(z.b.big) == 0 {
		return out, nil
	}
	read := func(name string) ([]byte, error) {
		p, ok := z.parts[name]
		if !ok {
			return nil, fmt.Errorf("package part %s is missing", name)
		}
		return p.Bytes(), nil
	}
	wbXML, err := read("xl/workbook.xml")
	if err != nil {
		return nil, err
	}
	relsXML, err := read("xl/_rels/workbook.xml.rels")
	if err != nil {
		return nil, err
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(wbXML, &wb); err != nil {
		return nil, fmt.Errorf("xl/workbook.xml: %w", err)
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(relsXML, &rels); err != nil {
		return nil, fmt.Errorf("workbook relationships: %w", err)
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	for _, s := range wb.Sheets {
		if sheet, ok := z.b.big[s.Name]; ok {
			p := targets[s.RID]
			if _, ok := z.parts[p]; !ok {
				return nil, fmt.Errorf("sheet %s is not in the package", s.Name)
			}
			out[p] = sheet
		}
	}
	if len(out) != len(z.b.big) {
		return nil, fmt.Errorf("%d large sheets, %d found in the package", len(z.b.big), len(out))
	}
	return out, nil
}

var (
	tableName  = regexp.MustCompile(`<table [^>]*\bname="([^"]*)"`)
	autoFilter = regexp.MustCompile(`<autoFilter [^>]*?(/>|>.*?</autoFilter>)`)
)

// dropFilter removes the filter buttons from a table part when its table
// should have none.
func (z *sortedZip) dropFilter(part []byte) []byte {
	m := tableName.FindSubmatch(part)
	if m == nil || !z.b.noFilter[string(m[1])] {
		return part
	}
	return autoFilter.ReplaceAll(part, nil)
}

var defaultType = regexp.MustCompile(`<Default [^>]*>(</Default>)?`)

// sortDefaults puts the content types' Default elements, which excelize
// writes in map order, in a fixed order.
func sortDefaults(b []byte) []byte {
	locs := defaultType.FindAllIndex(b, -1)
	if len(locs) < 2 {
		return b
	}
	parts := make([]string, len(locs))
	for i, l := range locs {
		if i > 0 && l[0] != locs[i-1][1] {
			return b // not one run: leave it as it is
		}
		parts[i] = string(b[l[0]:l[1]])
	}
	sort.Strings(parts)
	out := append([]byte(nil), b[:locs[0][0]]...)
	out = append(out, strings.Join(parts, "")...)
	return append(out, b[locs[len(locs)-1][1]:]...)
}

// defaultSize makes the default font (the first) 10 points: excelize can
// set its name but not its size.
func defaultSize(styles []byte) []byte {
	s := string(styles)
	fonts := strings.Index(s, "<fonts")
	if fonts < 0 {
		return styles
	}
	start := strings.Index(s[fonts:], "<font>")
	end := strings.Index(s[fonts:], "</font>")
	if start < 0 || end < start {
		return styles
	}
	start, end = fonts+start, fonts+end
	first := strings.Replace(s[start:end], `<sz val="11"`, `<sz val="10"`, 1)
	return []byte(s[:start] + first + s[end:])
}

var (
	xfStart  = regexp.MustCompile(`<xf [^>]*?/?>`)
	countAt  = regexp.MustCompile(`count="(\d+)"`)
	fontIDAt = regexp.MustCompile(`fontId="(\d+)"`)
	xfIDAt   = regexp.MustCompile(`xfId="\d+"`)
)

// tagHeadings makes the cell formats with the style IDs in heads instances
// of the built-in cell styles Heading 1 and Heading 2 (builtinId 16 and
// 17), with the formats' own fonts, in excelize's styles.xml: two more
// cell style formats, the two named styles, and the heading formats
// pointing at them.
func tagHeadings(styles []byte, heads [2]int) ([]byte, error) {
	s := string(styles)
	type edit struct {
		at, end int // replace s[at:end]
		with    string
	}
	var edits []edit
	// section finds <tag count="n">...</tag>: where it starts and ends,
	// and an edit adding `more` to its count.
	section := func(tag string, more int) (start, end, n int, err error) {
		start = strings.Index(s, "<"+tag+" ")
		end = strings.Index(s, "</"+tag+">")
		if start < 0 || end < start {
			return 0, 0, 0, fmt.Errorf("xl/styles.xml has no %s", tag)
		}
		m := countAt.FindStringSubmatchIndex(s[start:end])
		if m == nil {
			return 0, 0, 0, fmt.Errorf("xl/styles.xml: %s has no count", tag)
		}
		n, _ = strconv.Atoi(s[start+m[2] : start+m[3]])
		edits = append(edits, edit{start + m[2], start + m[3], strconv.Itoa(n + more)})
		return start, end, n, nil
	}
	_, styleXfsEnd, base, err := section("cellStyleXfs", 2)
	if err != nil {
		return nil, err
	}
	xs, xe, _, err := section("cellXfs", 0)
	if err != nil {
		return nil, err
	}
	_, stylesEnd, _, err := section("cellStyles", 2)
	if err != nil {
		return nil, err
	}
	xfs := xfStart.FindAllStringIndex(s[xs:xe], -1)
	var formats, names strings.Builder
	for h, id := range heads {
		if id <= 0 || id >= len(xfs) {
			return nil, fmt.Errorf("heading style %d is not among the %d cell formats", id, len(xfs))
		}
		at, end := xs+xfs[id][0], xs+xfs[id][1]
		tag := s[at:end]
		font := fontIDAt.FindStringSubmatch(tag)
		if font == nil || !xfIDAt.MatchString(tag) {
			return nil, fmt.Errorf("cell format %d has no font or no style reference: %s", id, tag)
		}
		edits = append(edits, edit{at, end, xfIDAt.ReplaceAllString(tag, `xfId="`+strconv.Itoa(base+h)+`"`)})
		fmt.Fprintf(&formats, `<xf numFmtId="0" fontId="%s" fillId="0" borderId="0"></xf>`, font[1])
		fmt.Fprintf(&names, `<cellStyle name="Heading %d" xfId="%d" builtinId="%d"></cellStyle>`, h+1, base+h, 16+h)
	}
	edits = append(edits, edit{styleXfsEnd, styleXfsEnd, formats.String()}, edit{stylesEnd, stylesEnd, names.String()})
	sort.Slice(edits, func(i, j int) bool { return edits[i].at < edits[j].at })
	var out strings.Builder
	last := 0
	for _, e := range edits {
		if e.at < last {
			return nil, errors.New("xl/styles.xml: overlapping edits")
		}
		out.WriteString(s[last:e.at])
		out.WriteString(e.with)
		last = e.end
	}
	out.WriteString(s[last:])
	return []byte(out.String()), nil
}

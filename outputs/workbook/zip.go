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
// 17), with the formats' own fonts, in excelize's styles.xml.
func tagHeadings(styles []byte, heads [2]int) ([]byte, error) {
	s := string(styles)
	section := func(tag string) (start, end int, err error) {
		start = strings.Index(s, "<"+tag)
		end = strings.Index(s, "</"+tag+">")
		if start < 0 || end < start {
			return 0, 0, fmt.Errorf("xl/styles.xml has no %s", tag)
		}
		return start, end, nil
	}
	// The cell formats: point each heading's at its named style.
	xs, xe, err := section("cellXfs")
	if err != nil {
		return nil, err
	}
	xfs := xfStart.FindAllStringIndex(s[xs:xe], -1)
	var fonts [2]string
	edits := map[int][2]int{} // start of the xf tag -> its span
	for h, id := range heads {
		if id <= 0 || id >= len(xfs) {
			return nil, fmt.Errorf("heading style %d is not among the %d cell formats", id, len(xfs))
		}
		loc := xfs[id]
		tag := s[xs+loc[0] : xs+loc[1]]
		m := fontIDAt.FindStringSubmatch(tag)
		if m == nil || !xfIDAt.MatchString(tag) {
			return nil, fmt.Errorf("cell format %d has no font or no style reference: %s", id, tag)
		}
		fonts[h] = m[1]
		edits[xs+loc[0]] = [2]int{xs + loc[1], h + 1}
	}
	var out strings.Builder
	last := 0
	starts := make([]int, 0, len(edits))
	for st := range edits {
		starts = append(starts, st)
	}
	sort.Ints(starts)
	cs, _, err := section("cellStyleXfs")
	if err != nil {
		return nil, err
	}
	ss, se, err := section("cellStyles")
	if err != nil {
		return nil, err
	}
	if cs > xs || ss < xs {
		return nil, errors.New("xl/styles.xml: style sections out of order")
	}
	// cellStyleXfs (before cellXfs): two more formats, numbered after the
	// ones there.
	_, ce, _ := section("cellStyleXfs")
	head := s[cs:ce]
	cm := countAt.FindStringSubmatchIndex(head)
	if cm == nil {
		return nil, errors.New("xl/styles.xml: cellStyleXfs has no count")
	}
	base, _ := strconv.Atoi(head[cm[2]:cm[3]])
	out.WriteString(s[:cs+cm[2]])
	out.WriteString(strconv.Itoa(base + 2))
	out.WriteString(s[cs+cm[3] : ce])
	for _, font := range fonts {
		fmt.Fprintf(&out, `<xf numFmtId="0" fontId="%s" fillId="0" borderId="0"></xf>`, font)
	}
	last = ce
	for _, st := range starts {
		e := edits[st]
		out.WriteString(s[last:st])
		out.WriteString(xfIDAt.ReplaceAllString(s[st:e[0]], `xfId="`+strconv.Itoa(base+e[1]-1)+`"`))
		last = e[0]
	}
	// cellStyles (after cellXfs): the two named styles.
	head = s[ss:se]
	cm = countAt.FindStringSubmatchIndex(head)
	if cm == nil {
		return nil, errors.New("xl/styles.xml: cellStyles has no count")
	}
	n, _ := strconv.Atoi(head[cm[2]:cm[3]])
	out.WriteString(s[last : ss+cm[2]])
	out.WriteString(strconv.Itoa(n + 2))
	out.WriteString(s[ss+cm[3] : se])
	fmt.Fprintf(&out, `<cellStyle name="Heading 1" xfId="%d" builtinId="16"></cellStyle><cellStyle name="Heading 2" xfId="%d" builtinId="17"></cellStyle>`, base, base+1)
	out.WriteString(s[se:])
	return []byte(out.String()), nil
}

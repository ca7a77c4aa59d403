package workbook

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"regexp"
	"strings"
	"testing"
)

// What the tests read from a workbook's package directly, without excelize:
// each sheet's <dimension>, table parts, merged cells and pictures' alt
// text, and the ink and paper of every cell format.
type packageFacts struct {
	sheets map[string]*sheetFacts
	styles []styleFacts
}

type sheetFacts struct {
	dimension string
	tables    []tableFacts
	merged    bool
	alt       []string
}

type tableFacts struct {
	name, ref string
	filter    bool
}

type styleFacts struct{ ink, paper string }

type rels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

func readPackage(t *testing.T, data []byte) *packageFacts {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	open := func(name string) io.ReadCloser {
		f, err := zr.Open(name)
		if err != nil {
			t.Fatalf("package part %s: %v", name, err)
		}
		return f
	}
	read := func(name string) []byte {
		f := open(name)
		defer f.Close()
		b, err := io.ReadAll(f)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	exists := func(name string) bool {
		_, err := zr.Open(name)
		return err == nil
	}
	relsOf := func(part string) map[string]string { // type suffix -> target part
		out := map[string]string{}
		rp := path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
		if !exists(rp) {
			return out
		}
		var r rels
		if err := xml.Unmarshal(read(rp), &r); err != nil {
			t.Fatal(err)
		}
		for _, x := range r.Rels {
			kind := x.Type[strings.LastIndex(x.Type, "/")+1:]
			target := x.Target
			if strings.HasPrefix(target, "/") {
				target = target[1:]
			} else {
				target = path.Join(path.Dir(part), target)
			}
			out[kind+" "+x.ID] = target
		}
		return out
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(read("xl/workbook.xml"), &wb); err != nil {
		t.Fatal(err)
	}
	wbRels := relsOf("xl/workbook.xml")
	facts := &packageFacts{sheets: map[string]*sheetFacts{}}
	for _, s := range wb.Sheets {
		part := wbRels["worksheet "+s.RID]
		sf := &sheetFacts{}
		facts.sheets[s.Name] = sf
		sf.dimension, sf.merged = scanSheet(t, open(part))
		for kind, target := range relsOf(part) {
			switch {
			case strings.HasPrefix(kind, "table "):
				var tb struct {
					Name       string    `xml:"name,attr"`
					Ref        string    `xml:"ref,attr"`
					AutoFilter *struct{} `xml:"autoFilter"`
				}
				if err := xml.Unmarshal(read(target), &tb); err != nil {
					t.Fatal(err)
				}
				sf.tables = append(sf.tables, tableFacts{tb.Name, tb.Ref, tb.AutoFilter != nil})
			case strings.HasPrefix(kind, "drawing "):
				for _, m := range descr.FindAllSubmatch(read(target), -1) {
					sf.alt = append(sf.alt, xmlUnescape(string(m[1])))
				}
			}
		}
	}
	facts.styles = readStyles(t, read("xl/styles.xml"))
	return facts
}

var (
	descr     = regexp.MustCompile(`<xdr:cNvPr [^>]*descr="([^"]*)"`)
	dimension = regexp.MustCompile(`<dimension ref="([^"]*)"`)
)

func xmlUnescape(s string) string {
	var out string
	xml.Unmarshal([]byte("<x>"+s+"</x>"), &out)
	return out
}

// scanSheet reads a sheet's dimension from its start and streams through
// the rest for merged cells, so a sheet of a million rows is never held.
func scanSheet(t *testing.T, rc io.ReadCloser) (string, bool) {
	t.Helper()
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 1<<16)
	head, _ := br.Peek(32 << 10)
	dim := ""
	if m := dimension.FindSubmatch(head); m != nil {
		dim = string(m[1])
	}
	const needle = "<mergeCell"
	var carry []byte
	buf := make([]byte, 1<<16)
	for {
		n, err := br.Read(buf)
		chunk := append(carry, buf[:n]...)
		if bytes.Contains(chunk, []byte(needle)) {
			return dim, true
		}
		carry = append([]byte(nil), chunk[max(0, len(chunk)-len(needle)):]...)
		if err == io.EOF {
			return dim, false
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// readStyles gives each cell format (cellXfs) its font colour and fill,
// defaulting to black on white.
func readStyles(t *testing.T, b []byte) []styleFacts {
	t.Helper()
	type color struct {
		RGB   string `xml:"rgb,attr"`
		Theme string `xml:"theme,attr"`
	}
	var ss struct {
		Fonts []struct {
			Color *color `xml:"color"`
		} `xml:"fonts>font"`
		Fills []struct {
			Pattern struct {
				Type string `xml:"patternType,attr"`
				Fg   *color `xml:"fgColor"`
			} `xml:"patternFill"`
		} `xml:"fills>fill"`
		Xfs []struct {
			Font int `xml:"fontId,attr"`
			Fill int `xml:"fillId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(b, &ss); err != nil {
		t.Fatal(err)
	}
	rgb := func(c *color, def string) string {
		if c == nil || c.RGB == "" {
			if c != nil && c.Theme != "" && c.Theme != "1" {
				t.Errorf("a theme colour %s: the contrast test cannot tell it", c.Theme)
			}
			return def
		}
		return c.RGB[len(c.RGB)-6:]
	}
	var out []styleFacts
	for _, x := range ss.Xfs {
		s := styleFacts{ink: rgb(ss.Fonts[x.Font].Color, "000000"), paper: "FFFFFF"}
		if fill := ss.Fills[x.Fill].Pattern; fill.Type == "solid" {
			s.paper = rgb(fill.Fg, "FFFFFF")
		} else if fill.Type != "" && fill.Type != "none" {
			t.Errorf("fill pattern %s", fill.Type)
		}
		out = append(out, s)
	}
	return out
}

// Package pagestest reads the pages of an output folder back as a
// browser's parser does (golang.org/x/net/html implements the HTML5
// parsing algorithm), for the checks that need no browser: structure,
// links, tables. It is imported by tests only.
package pagestest

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Parse reads a page.
func Parse(t testing.TB, path string) *html.Node {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

// Walk calls fn on every element, in document order.
func Walk(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		Walk(c, fn)
	}
}

// Attr is an element's attribute.
func Attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// HasClass reports whether an element has the class.
func HasClass(n *html.Node, class string) bool {
	v, _ := Attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

// Text is an element's text, without its "sub" lines (a date under a
// figure), spaces folded.
func Text(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && HasClass(n, "sub"):
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// TableByCaption is the table whose caption has the id, as rows of cell
// text (the header row first).
func TableByCaption(t testing.TB, doc *html.Node, id string) [][]string {
	t.Helper()
	var out [][]string
	found := false
	Walk(doc, func(n *html.Node) {
		if n.DataAtom != atom.Table || found {
			return
		}
		cap := firstChild(n, atom.Caption)
		if cap == nil {
			return
		}
		if v, _ := Attr(cap, "id"); v != id {
			return
		}
		found = true
		Walk(n, func(tr *html.Node) {
			if tr.DataAtom != atom.Tr {
				return
			}
			var row []string
			for c := tr.FirstChild; c != nil; c = c.NextSibling {
				if c.DataAtom == atom.Th || c.DataAtom == atom.Td {
					row = append(row, Text(c))
				}
			}
			out = append(out, row)
		})
	})
	if !found {
		t.Fatalf("no table captioned #%s", id)
	}
	return out
}

func firstChild(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == a {
			return c
		}
	}
	return nil
}

// Files are the pages of an output folder.
func Files(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
			out = append(out, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// CheckStructure checks what a page must be, as a parser reads it: the
// language set, one h1, headings in order, the landmarks (header, main,
// footer once each; every nav named), tables with a caption first and
// scoped header cells, images with alternative text, unique ids, and no
// script or anything else that runs or loads from elsewhere.
func CheckStructure(t testing.TB, path string) {
	t.Helper()
	doc := Parse(t, path)
	name := filepath.Base(filepath.Dir(path)) + "/" + filepath.Base(path)
	errorf := func(format string, args ...any) { t.Errorf(name+": "+format, args...) }
	h1, level := 0, 0
	ids := map[string]bool{}
	landmarks := map[atom.Atom]int{}
	Walk(doc, func(n *html.Node) {
		switch n.DataAtom {
		case atom.Html:
			if v, _ := Attr(n, "lang"); v != "en-GB" {
				errorf("lang %q", v)
			}
		case atom.Script, atom.Iframe, atom.Object, atom.Embed, atom.Link, atom.Base, atom.Form:
			errorf("has a <%s>", n.Data)
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			l := int(n.Data[1] - '0')
			if l == 1 {
				h1++
			}
			if l > level+1 {
				errorf("heading %q is h%d after h%d", Text(n), l, level)
			}
			level = l
		case atom.Header, atom.Main, atom.Footer:
			landmarks[n.DataAtom]++
		case atom.Nav:
			_, named := Attr(n, "aria-label")
			_, labelled := Attr(n, "aria-labelledby")
			if !named && !labelled {
				errorf("a <nav> without a name")
			}
		case atom.Table:
			if c := firstElement(n); c == nil || c.DataAtom != atom.Caption || Text(c) == "" {
				errorf("a table without a caption first")
			}
		case atom.Th:
			if v, _ := Attr(n, "scope"); v != "col" && v != "row" {
				errorf("a <th> without scope: %q", Text(n))
			}
		case atom.Img:
			if v, ok := Attr(n, "alt"); !ok || strings.TrimSpace(v) == "" {
				src, _ := Attr(n, "src")
				errorf("image %s has no alternative text", src)
			}
		case atom.Style:
			if css := Text(n); strings.Contains(css, "url(") || strings.Contains(css, "@import") || strings.Contains(css, "@font-face") {
				errorf("the stylesheet loads something")
			}
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "style" || a.Key == "srcset" {
				errorf("<%s %s=...>", n.Data, a.Key)
			}
			if a.Key == "id" {
				if ids[a.Val] {
					errorf("id %q twice", a.Val)
				}
				ids[a.Val] = true
			}
		}
	})
	if h1 != 1 {
		errorf("%d h1 elements", h1)
	}
	for _, a := range []atom.Atom{atom.Header, atom.Main, atom.Footer} {
		if landmarks[a] != 1 {
			errorf("%d <%s> landmarks", landmarks[a], a)
		}
	}
}

func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// ExternalHosts are the only places a page links to outside its folder:
// Ofsted's and DfE's sites (gov.uk), and the Open Government Licence.
var ExternalHosts = map[string]bool{
	"reports.ofsted.gov.uk": true, "files.ofsted.gov.uk": true, "www.gov.uk": true,
	"explore-education-statistics.service.gov.uk": true, "www.nationalarchives.gov.uk": true,
}

// CheckLinks follows every link and image of the pages of the output
// folder root: a relative one must name a file inside root (and an id on
// the page it names, for a #fragment), and have text; any other must be
// https to one of ExternalHosts. It returns how many it checked.
func CheckLinks(t testing.TB, root string, pages []string) int {
	t.Helper()
	checked := 0
	idsOf := map[string]map[string]bool{}
	ids := func(path string) map[string]bool {
		if m, ok := idsOf[path]; ok {
			return m
		}
		m := map[string]bool{}
		Walk(Parse(t, path), func(n *html.Node) {
			if v, ok := Attr(n, "id"); ok {
				m[v] = true
			}
		})
		idsOf[path] = m
		return m
	}
	for _, p := range pages {
		Walk(Parse(t, p), func(n *html.Node) {
			var ref string
			switch n.DataAtom {
			case atom.A:
				ref, _ = Attr(n, "href")
				if strings.TrimSpace(Text(n)) == "" {
					t.Errorf("%s: a link with no text", p)
				}
			case atom.Img:
				ref, _ = Attr(n, "src")
			default:
				return
			}
			checked++
			u, err := url.Parse(ref)
			if err != nil {
				t.Errorf("%s: link %q: %v", p, ref, err)
				return
			}
			if u.Scheme != "" || u.Host != "" {
				if u.Scheme != "https" || !ExternalHosts[u.Host] {
					t.Errorf("%s: link %q leaves the folder for somewhere other than Ofsted, DfE or the licence", p, ref)
				}
				return
			}
			target := p
			if u.Path != "" {
				target = filepath.Join(filepath.Dir(p), filepath.FromSlash(u.Path))
			}
			if rel, err := filepath.Rel(root, target); err != nil || strings.HasPrefix(rel, "..") {
				t.Errorf("%s: link %q leaves the output folder", p, ref)
				return
			}
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s: link %q: %v", p, ref, err)
				return
			}
			if u.Fragment != "" && !ids(target)[u.Fragment] {
				t.Errorf("%s: link %q: no id %q there", p, ref, u.Fragment)
			}
		})
	}
	return checked
}

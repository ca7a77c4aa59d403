package pages_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Reading the pages back as a browser's parser does (golang.org/x/net/html
// implements the HTML5 parsing algorithm), for the checks that need no
// browser.

func parsePage(t testing.TB, path string) *html.Node {
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

// walk calls fn on every element, in document order.
func walk(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

// text is an element's text, without its "sub" lines (a date under a
// figure), spaces folded.
func text(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && hasClass(n, "sub"):
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// tableByCaption is the table whose caption has the id, as rows of cell
// text (the header row first).
func tableByCaption(t testing.TB, doc *html.Node, id string) [][]string {
	t.Helper()
	var out [][]string
	found := false
	walk(doc, func(n *html.Node) {
		if n.DataAtom != atom.Table || found {
			return
		}
		cap := firstChild(n, atom.Caption)
		if cap == nil {
			return
		}
		if v, _ := attr(cap, "id"); v != id {
			return
		}
		found = true
		walk(n, func(tr *html.Node) {
			if tr.DataAtom != atom.Tr {
				return
			}
			var row []string
			for c := tr.FirstChild; c != nil; c = c.NextSibling {
				if c.DataAtom == atom.Th || c.DataAtom == atom.Td {
					row = append(row, text(c))
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

// htmlFiles are the pages of an output folder.
func htmlFiles(t testing.TB, dir string) []string {
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

package text

import (
	"bytes"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/oversight/oversight/analysis/dates"
)

// htmlMeta is what a saved page says about itself.
type htmlMeta struct {
	URL           string     // <link rel="canonical">, else og:url
	Title         string     // og:title, else the first <h1>, else <title>
	Published     dates.Date // article:published_time, else the article's first <time datetime>
	PublishedFrom string
	CommentTimes  []dates.Date // <time datetime> inside comment sections
}

// skipTags hold no article text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Nav: true, atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Iframe: true,
	atom.Button: true, atom.Select: true, atom.Head: true,
}

// blockTags end a paragraph.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Blockquote: true, atom.Section: true, atom.Article: true, atom.Main: true, atom.Header: true,
	atom.Ul: true, atom.Ol: true, atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Dd: true, atom.Dt: true,
	atom.Figcaption: true, atom.Pre: true, atom.Br: true, atom.Hr: true,
}

// htmlParas reads a saved web page: its metadata, and the text of its
// article (the <article> or <main> element when there is one, else the
// body) as paragraphs, one per block element. Navigation, scripts, forms
// and asides are left out; comment sections are kept as the page's tail
// so their time stamps can date an undated article.
func htmlParas(raw []byte) ([]para, htmlMeta, error) {
	var meta htmlMeta
	root, err := html.Parse(bytes.NewReader(trimBOM(raw)))
	if err != nil {
		return nil, meta, err
	}
	var ogURL, canonical, ogTitle, h1, title string
	var pubMeta string
	var walkMeta func(n *html.Node)
	walkMeta = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link:
				if hasToken(attr(n, "rel"), "canonical") && canonical == "" {
					canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Meta:
				prop := strings.ToLower(attr(n, "property") + attr(n, "name"))
				content := strings.TrimSpace(attr(n, "content"))
				switch prop {
				case "og:url":
					if ogURL == "" {
						ogURL = content
					}
				case "og:title":
					if ogTitle == "" {
						ogTitle = content
					}
				case "article:published_time":
					if pubMeta == "" {
						pubMeta = content
					}
				}
			case atom.Title:
				if title == "" {
					title = foldSpace(textOf(n))
				}
			case atom.H1:
				if h1 == "" {
					h1 = foldSpace(textOf(n))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walkMeta(c)
		}
	}
	walkMeta(root)
	meta.URL = canonical
	if meta.URL == "" {
		meta.URL = ogURL
	}
	for _, t := range []string{ogTitle, h1, title} {
		if t != "" {
			meta.Title = t
			break
		}
	}
	if d, ok := parseDatetime(pubMeta); ok {
		meta.Published, meta.PublishedFrom = d, "article:published_time "+pubMeta
	}

	body := findFirst(root, atom.Article)
	if body == nil {
		body = findFirst(root, atom.Main)
	}
	if body == nil {
		body = findFirst(root, atom.Body)
	}
	if body == nil {
		body = root
	}
	w := &htmlWalker{}
	w.walk(body)
	w.flush()
	// Comments outside the article element still date the page.
	if body != root {
		cw := &htmlWalker{}
		cw.walkComments(root)
		w.commentTimes = append(w.commentTimes, cw.commentTimes...)
		if len(cw.tail) > 0 && len(w.tail) == 0 {
			w.tail = cw.tail
		}
	}
	if meta.Published.IsZero() && !w.firstTime.IsZero() {
		meta.Published, meta.PublishedFrom = w.firstTime, "<time datetime> "+w.firstTimeText
	}
	meta.CommentTimes = w.commentTimes
	ps := mendBreaks(w.paras)
	for _, t := range w.tail {
		ps = append(ps, para{N: len(ps) + 1, Text: t, Tail: true})
	}
	return ps, meta, nil
}

type htmlWalker struct {
	paras         []para
	tail          []string
	cur           strings.Builder
	curBullet     bool
	curHeading    bool
	firstTime     dates.Date
	firstTimeText string
	commentTimes  []dates.Date
}

func (w *htmlWalker) flush() {
	t := foldSpace(w.cur.String())
	w.cur.Reset()
	if t != "" {
		w.paras = append(w.paras, para{Text: t, Bullet: w.curBullet, Heading: w.curHeading || (!endsSentence(t) && len(t) < 200)})
	}
	w.curBullet, w.curHeading = false, false
}

// isCommentSection tells a reader-comment block by its class or id.
func isCommentSection(n *html.Node) bool {
	c := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	return strings.Contains(c, "comment") || strings.Contains(c, "respons") || strings.Contains(c, "discussion")
}

// isChrome tells page furniture by its class or id.
func isChrome(n *html.Node) bool {
	c := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, k := range []string{"share", "social", "related", "newsletter", "cookie", "advert", "promo", "breadcrumb", "sidebar", "subscribe", "byline-share"} {
		if strings.Contains(c, k) {
			return true
		}
	}
	return false
}

func (w *htmlWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipTags[n.DataAtom] {
			return
		}
		if isCommentSection(n) {
			w.flush()
			cw := &htmlWalker{}
			cw.collectComments(n)
			w.commentTimes = append(w.commentTimes, cw.commentTimes...)
			w.tail = append(w.tail, cw.tail...)
			return
		}
		if isChrome(n) {
			return
		}
		if n.DataAtom == atom.Time {
			if d, ok := parseDatetime(attr(n, "datetime")); ok && w.firstTime.IsZero() {
				w.firstTime, w.firstTimeText = d, attr(n, "datetime")
			}
		}
	}
	block := n.Type == html.ElementNode && blockTags[n.DataAtom]
	if block {
		w.flush()
		w.curBullet = n.DataAtom == atom.Li
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			w.curHeading = true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if block {
		w.flush()
	}
}

// collectComments keeps a comment section's text as tail paragraphs and
// its time stamps.
func (w *htmlWalker) collectComments(n *html.Node) {
	if n.Type == html.ElementNode && n.DataAtom == atom.Time {
		if d, ok := parseDatetime(attr(n, "datetime")); ok {
			w.commentTimes = append(w.commentTimes, d)
		}
	}
	if n.Type == html.ElementNode && (n.DataAtom == atom.P || n.DataAtom == atom.Li) {
		if t := foldSpace(textOf(n)); t != "" {
			w.tail = append(w.tail, t)
		}
		// Its time stamps still count; its text is taken once.
		times := &htmlWalker{}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			times.collectComments(c)
		}
		w.commentTimes = append(w.commentTimes, times.commentTimes...)
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.collectComments(c)
	}
}

// walkComments finds comment sections anywhere in the page.
func (w *htmlWalker) walkComments(n *html.Node) {
	if n.Type == html.ElementNode && isCommentSection(n) {
		w.collectComments(n)
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walkComments(c)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(strings.ToLower(list)) {
		if f == tok {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if n.Type == html.ElementNode && skipTags[n.DataAtom] {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

func findFirst(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findFirst(c, a); f != nil {
			return f
		}
	}
	return nil
}

// parseDatetime reads an HTML date or date-time (RFC 3339 or a plain
// YYYY-MM-DD) as the civil date it states, in its own offset.
func parseDatetime(s string) (dates.Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return dates.Date{}, false
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return dates.Date{Day: dates.FromTime(t), Prec: dates.PrecDay}, true
		}
	}
	if len(s) >= 10 {
		if d, err := dates.Parse(s[:10]); err == nil {
			return d, true
		}
	}
	if d, err := dates.Parse(s); err == nil {
		return d, true
	}
	return dates.Date{}, false
}

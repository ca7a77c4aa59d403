package text

import (
	"strings"
	"testing"
)

// TestHTMLMeta reads a saved page's address, title and date as
// spec/documents.md says: the canonical link, else og:url; the date from
// article:published_time, else the article's first <time datetime>; the
// text from the article, without scripts, navigation or asides, and
// reader comments kept apart.
func TestHTMLMeta(t *testing.T) {
	tests := []struct {
		name, html                   string
		url, title, published, first string
		comments                     int
	}{
		{
			name:      "canonical before og:url",
			html:      `<html><head><meta property="og:url" content="https://x.org/b"><link rel="canonical" href="https://x.org/a"><title>T</title></head><body><p>Body text.</p></body></html>`,
			url:       "https://x.org/a",
			title:     "T",
			published: "",
			first:     "Body text.",
		},
		{
			name:      "og:url alone, published_time with an offset keeps its own day",
			html:      `<html><head><meta property="og:url" content="https://x.org/b"><meta property="article:published_time" content="2019-08-01T23:30:00-05:00"><meta property="og:title" content="OG title"></head><body><h1>Heading</h1><p>Text.</p></body></html>`,
			url:       "https://x.org/b",
			title:     "OG title",
			published: "2019-08-01",
			first:     "Heading",
		},
		{
			name:      "time element in the article; comments apart",
			html:      `<body><nav>Home News</nav><article><h1>Head</h1><p>By X <time datetime="2022-07-08T09:00">8 July</time></p><p>Ofsted&rsquo;s visit found &ldquo;good&rdquo; work.</p></article><div class="comment-list"><p>First! <time datetime="2022-07-09">9 July</time></p></div><footer>Footer</footer></body>`,
			title:     "Head",
			published: "2022-07-08",
			first:     "Head",
			comments:  1,
		},
		{
			name:      "malformed markup and scripts",
			html:      `<html><body><script>var s = "<p>rated 'inadequate'</p>";</script><div><p>Unclosed paragraph<p>Second one &amp; more<br>after a break</div>`,
			published: "",
			first:     "Unclosed paragraph",
		},
	}
	for _, tt := range tests {
		ps, meta, err := htmlParas([]byte(tt.html))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if meta.URL != tt.url || meta.Title != tt.title || meta.Published.String() != orZero(tt.published) {
			t.Errorf("%s: url %q title %q published %s, want %q %q %s", tt.name, meta.URL, meta.Title, meta.Published, tt.url, tt.title, orZero(tt.published))
		}
		if len(ps) == 0 || ps[0].Text != tt.first {
			t.Errorf("%s: first paragraph %v, want %q", tt.name, ps, tt.first)
		}
		if len(meta.CommentTimes) != tt.comments {
			t.Errorf("%s: %d comment times, want %d", tt.name, len(meta.CommentTimes), tt.comments)
		}
		for _, p := range ps {
			if strings.Contains(p.Text, "inadequate") || strings.Contains(p.Text, "Footer") || strings.Contains(p.Text, "Home News") {
				t.Errorf("%s: page furniture read as text: %q", tt.name, p.Text)
			}
		}
	}
}

func orZero(s string) string {
	if s == "" {
		return "1970-01-01"
	}
	return s
}

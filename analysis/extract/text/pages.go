package text

import (
	"strings"
)

// pageParas reads PDF page text into paragraphs, each marked with its page.
// Lines that recur on most pages (running headers and footers) and bare
// page numbers are page furniture, not text; a paragraph cut by a page
// break is joined again and keeps the page it starts on.
func pageParas(pages []string) []para {
	furniture := repeatedLines(pages)
	var all []para
	for i, pg := range pages {
		var kept []string
		for _, line := range strings.Split(strings.ReplaceAll(pg, "\r\n", "\n"), "\n") {
			// The first page keeps them: a running header repeats the
			// heading the letter opens with.
			if i > 0 && furniture[normLine(line)] {
				continue
			}
			kept = append(kept, line)
		}
		all = append(all, splitParas(strings.Join(kept, "\n"), i+1)...)
	}
	return mendBreaks(all)
}

// repeatedLines are the lines found on at least half the pages (and on two
// at least), other than blank ones; the first page counts, so a running
// header that repeats the opening heading is found on a two-page letter.
func repeatedLines(pages []string) map[string]bool {
	out := map[string]bool{}
	if len(pages) < 2 {
		return out
	}
	count := map[string]int{}
	for _, pg := range pages {
		seen := map[string]bool{}
		for _, line := range strings.Split(pg, "\n") {
			k := normLine(line)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			count[k]++
		}
	}
	for k, n := range count {
		if n >= 2 && n*2 >= len(pages) && len(k) < 120 {
			out[k] = true
		}
	}
	return out
}

// normLine folds a line's spacing, and its digits (a footer's page number
// changes from page to page).
func normLine(s string) string {
	s = foldSpace(s)
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteByte('#')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

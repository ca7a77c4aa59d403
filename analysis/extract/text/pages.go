package text

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pageParas reads PDF page text into paragraphs, each marked with its page.
// Lines that recur on most pages (running headers and footers) and bare
// page numbers are page furniture, not text; a paragraph cut by a page
// break is joined again and keeps the page it starts on.
//
// PDF text often has no blank line between paragraphs (PDFium gives one
// line per printed line), so paragraphs and headings are also told from
// the lines: a line that ends a sentence well short of the page's full
// width ends its paragraph, and a short line without closing punctuation
// that starts with a capital and is followed by a new start (a capital, a
// list marker) is a heading.
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
		all = append(all, linesToParas(kept, i+1)...)
	}
	return mendBreaks(all)
}

// linesToParas is splitParas for PDF lines, with the line-shape rules.
func linesToParas(lines []string, page int) []para {
	full := fullWidth(lines)
	var out []para
	var cur []string
	curBullet := false
	flush := func(heading bool) {
		if len(cur) == 0 {
			return
		}
		if t := joinLines(cur); t != "" {
			out = append(out, para{Page: page, Text: t, Bullet: curBullet, Heading: heading || (len(cur) == 1 && !curBullet && !endsSentence(t) && utf8.RuneCountInString(t) < 120)})
		}
		cur, curBullet = nil, false
	}
	next := func(i int) string {
		for j := i + 1; j < len(lines); j++ {
			if strings.TrimSpace(lines[j]) != "" {
				return lines[j]
			}
		}
		return ""
	}
	for i, raw := range lines {
		line, _ := cleanLine(raw)
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			flush(false)
			continue
		}
		if pageFurniture.MatchString(trimmed) {
			continue
		}
		if loc := bulletMark.FindStringIndex(line); loc != nil && loc[1] < len(line) && isBulletStart(line, loc) {
			flush(false)
			cur, curBullet = []string{line[loc[1]:]}, true
			continue
		}
		// A run of short lines is a block of separate lines: a letterhead,
		// an address, a signature.
		if len(cur) > 0 && !curBullet && short(strings.TrimSpace(cur[len(cur)-1]), full) && short(trimmed, full) && !strings.HasSuffix(cur[len(cur)-1], "-") {
			flush(false)
		}
		if headingLike(trimmed, next(i), full) && (len(cur) == 0 || curBullet || endsSentence(cur[len(cur)-1]) || len(cur) == 1 && headingLike(strings.TrimSpace(cur[0]), trimmed, full)) {
			flush(false)
			cur = []string{line}
			flush(true)
			continue
		}
		cur = append(cur, line)
		// A sentence ending well short of the full width ends the paragraph.
		if endsSentence(trimmed) && full > 0 && utf8.RuneCountInString(trimmed)*100 < full*85 {
			flush(false)
		}
	}
	flush(false)
	return out
}

// short is a line under 60% of the page's full width.
func short(line string, full int) bool {
	return full > 0 && utf8.RuneCountInString(line)*100 < full*60
}

// headingLike is a short line that starts with a capital, has no closing
// punctuation, does not run on ("... of", "... and", a comma), and is
// followed by a new start or nothing.
func headingLike(line, next string, full int) bool {
	n := utf8.RuneCountInString(line)
	if n == 0 || n > 90 || len(strings.Fields(line)) > 12 || endsSentence(line) || strings.HasSuffix(line, ",") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(line)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	words := strings.Fields(strings.ToLower(line))
	switch words[len(words)-1] {
	case "and", "or", "of", "the", "to", "in", "for", "with", "a", "an", "on", "by", "at", "as", "from", "that":
		return false
	}
	if full > 0 && n*100 >= full*75 {
		return false
	}
	next = strings.TrimSpace(next)
	if next == "" {
		return true
	}
	nr, _ := utf8.DecodeRuneInString(next)
	return unicode.IsUpper(nr) || unicode.IsDigit(nr) || bulletMark.MatchString(next) && !unicode.IsLower(nr)
}

// fullWidth is the length, in characters, of a full line of the page's
// prose: the 80th percentile of the lines of twenty characters or more
// (0 when there are too few to tell).
func fullWidth(lines []string) int {
	var ns []int
	for _, l := range lines {
		if n := utf8.RuneCountInString(strings.TrimSpace(l)); n >= 20 {
			ns = append(ns, n)
		}
	}
	if len(ns) < 5 {
		return 0
	}
	sort.Ints(ns)
	return ns[len(ns)*8/10]
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

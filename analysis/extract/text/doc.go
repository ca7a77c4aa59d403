// Package text extracts findings from news articles, other prose (a
// council's own news page or committee paper) and Ofsted visit letters
// (focused visits, monitoring visits, joint targeted area inspections),
// given as plain text, Markdown, saved HTML or a letter's PDF page text.
//
// Extract reads one document and returns candidate findings in the
// contract's columns (analysis/extract/evidence), each with the words that
// state it (Quote) and where they are (Page: the paragraph number for text
// and HTML, the PDF page for a letter). The rules are written for news and
// letters in general; README.md lists them, what goes to review and why,
// and what is known to be missed. In short:
//
//   - The document's own date: a date printed at its head (dateline,
//     "Published ...", the date above a letter's greeting), else HTML
//     metadata (article:published_time, <time datetime>), else a
//     YYYY-MM-DD at the start of the file name, else, for a saved news page,
//     the month of its earliest dated reader comment; else none.
//   - Relative dates ("yesterday", "last month", "nine years ago") resolve
//     against it at the precision the words support, never finer than the
//     document's own date.
//   - Each sentence is about the council it names, else the one its
//     paragraph last named, else the article's topic council (its subject,
//     or the council a heading or a paragraph's opening names); a sentence
//     naming several gives each finding the council named nearest before it.
//   - Grades are dated by the date given with the judgement, or the
//     inspection the article dates (findings v3), else the report's
//     publication; figures by a date in
//     their clause, the inspection they were found at, or the document's
//     date when stated in the present tense.
//   - A candidate without a council, or without a date the text supports,
//     has Review set with the reason and never goes to findings.
//
// Theme labels come from the shared vocabulary in analysis/extract/themes.
package text

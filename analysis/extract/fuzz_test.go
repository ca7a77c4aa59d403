package extract

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/oversight/oversight/analysis/extract/internal/hostile"
	"github.com/oversight/oversight/analysis/reference"
)

// fuzzDocument reads data as the file name says, through the extractor's
// own door (decoding, the budget, the text reader, the cells), with a
// small budget, and checks what any document must give: a row with a
// status and a one-line reason, and rows whose every cell is UTF-8 without
// control characters, the quote within the contract's limit.
func fuzzDocument(t *testing.T, name string, data []byte) {
	x := &extractor{ref: reference.Default(), threshold: DefaultThreshold, reg: &registry{}, textSlots: make(chan struct{}, 1),
		budget: Budget{Time: 5 * time.Second, Text: 64 << 10, MemoryMiB: 16, Pages: 20, FileBytes: 1 << 20}.withDefaults()}
	d := Document{File: name, SHA256: "x", Extractor: Version, New: true}
	r := x.read(context.Background(), d, data)
	if r.fatal != nil {
		t.Fatalf("fatal: %v", r.fatal)
	}
	if r.doc.Status != StatusOK && r.doc.Status != StatusRejected {
		t.Fatalf("status %q", r.doc.Status)
	}
	if strings.ContainsAny(r.doc.Reason, "\r\n") || !utf8.ValidString(r.doc.Reason) || utf8.RuneCountInString(r.doc.Reason) > maxCell {
		t.Fatalf("reason %q", r.doc.Reason)
	}
	for _, rows := range [][]Row{r.findings, r.review} {
		for _, row := range rows {
			for i, v := range row.Values() {
				if !utf8.ValidString(v) || strings.ContainsFunc(v, func(r rune) bool {
					return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r == 0xFFFE || r == 0xFFFF
				}) {
					t.Fatalf("column %d: %q", i, v)
				}
			}
			if utf8.RuneCountInString(row.Quote) > 300 {
				t.Fatalf("quote of %d characters", utf8.RuneCountInString(row.Quote))
			}
		}
	}
}

// FuzzHTML reads any bytes as a saved web page.
func FuzzHTML(f *testing.F) {
	f.Add(hostile.NewsHTML([]byte("Barnet caseloads fall")))
	f.Add(hostile.NewsHTML([]byte("Barnet \xff\xfe caseloads\x00 fall")))
	f.Add(hostile.UTF16(string(hostile.NewsHTML([]byte("Barnet"))), false))
	f.Add([]byte("<html><body>" + strings.Repeat("<div>", 600) + hostile.NewsSentence))
	f.Add([]byte("<html><body><p>" + hostile.NewsSentence + "<!-- never closed"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDocument(t, "2023-03-03_page.html", data) })
}

// FuzzText reads any bytes as a saved text.
func FuzzText(f *testing.F) {
	f.Add([]byte(hostile.NewsText()))
	f.Add(hostile.UTF16(hostile.NewsText(), true))
	f.Add(hostile.Windows1252(hostile.NewsTitle + "\n\nBarnet\u2019s council said on 3 March 2023 it had 95 social workers.\n"))
	f.Add([]byte("Source: https://example.org/a\n" + hostile.NewsText()))
	f.Add([]byte(hostile.NewsTitle + "\x00\x01\x1b\n" + hostile.NewsFigure))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDocument(t, "2023-03-03_news.txt", data) })
}

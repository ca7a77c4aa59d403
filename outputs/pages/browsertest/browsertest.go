// Package browsertest opens pages in a real browser for tests: Debian's
// Chromium, headless, driven through the DevTools protocol by chromedp
// (over a pipe: no port, no network), with axe-core to check
// accessibility. Where Chromium or axe-core is missing a test says so and
// skips, unless OVERSIGHT_REQUIRE_BROWSER=1 (set by .ci/run, which
// installs both) makes it fail.
//
// Why chromedp (v0.24.0) rather than a DevTools client of our own, or the
// chromium command line: it speaks the protocol typed and over a pipe (no
// port to find or leave open), waits for loads and events, and prints,
// screenshots and evaluates with awaited promises, at the cost of two
// modules (cdproto, go-json-experiment/json). Measured here: a build from
// an empty cache 8.5 s (the standard library included), Chromium started
// and a first script answered in 0.32 s, a council page printed in about
// 0.3 s in a reused tab. The command line starts a browser per page
// (about 1 s each) and cannot run axe-core.
//
// It is imported by tests only.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/oversight/oversight/analysis/extract/pdftext"
)

// Environment variables.
const (
	// EnvRequire, set to 1, makes a test fail rather than skip when the
	// browser or axe-core is missing.
	EnvRequire = "OVERSIGHT_REQUIRE_BROWSER"
	// EnvChromium names the browser's executable (default: chromium, then
	// chromium-browser, on PATH).
	EnvChromium = "OVERSIGHT_CHROMIUM"
	// EnvAxe names axe-core's axe.min.js (default: .cache/axe/node_modules/
	// axe-core/axe.min.js under the module's root, where .ci/run installs
	// it).
	EnvAxe = "OVERSIGHT_AXE"
)

// missing skips the test, or fails it when the browser is required.
func missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv(EnvRequire) == "1" {
		t.Fatalf("%s (%s=1: the browser tests must run)", what, EnvRequire)
	}
	t.Skipf("%s: skipping the browser test (.ci/run installs it; %s=1 makes this a failure)", what, EnvRequire)
}

// Chromium finds the browser's executable, or skips.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv(EnvChromium); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missing(t, "no chromium on PATH (apt-get install chromium)")
	return ""
}

// Axe reads axe-core's script, or skips.
func Axe(t testing.TB) string {
	t.Helper()
	path := os.Getenv(EnvAxe)
	if path == "" {
		root, err := moduleRoot()
		if err != nil {
			t.Fatal(err)
		}
		path = filepath.Join(root, ".cache", "axe", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		missing(t, "no axe-core at "+path+" (npm install axe-core)")
		return ""
	}
	return string(b)
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// Browser is one headless Chromium, its tabs opened by Open.
type Browser struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// Start starts Chromium with a new, empty profile (removed with the test)
// and the flags that keep it off the network, or skips the test. It is
// closed when the test ends.
func Start(t testing.TB) *Browser {
	t.Helper()
	exe := Chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox, // as root, in a container
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("allow-file-access-from-files", true),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// The first action starts the browser, which lives as long as the
	// context it is given (so it has no timeout of its own).
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		cancel()
		acancel()
		t.Fatalf("start %s: %v", exe, err)
	}
	b := &Browser{ctx: ctx, cancel: func() { cancel(); acancel() }}
	t.Cleanup(b.cancel)
	return b
}

// Page is one tab.
type Page struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// Open opens a local file in a new tab whose viewport is width CSS pixels
// wide (and height tall), and waits for it to load.
func (b *Browser) Open(path string, width, height int) (*Page, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	ctx, cancel := chromedp.NewContext(b.ctx)
	p := &Page{ctx: ctx, cancel: cancel}
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	// The tab's first action opens it, for as long as its context lives.
	err = chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height)), chromedp.Navigate(u))
	if err != nil {
		cancel()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return p, nil
}

// Navigate opens another local file in the same tab and waits for it to
// load.
func (p *Page) Navigate(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	if err := p.do(60*time.Second, chromedp.Navigate(u)); err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	return nil
}

// Close closes the tab.
func (p *Page) Close() { p.cancel() }

func (p *Page) do(timeout time.Duration, steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(p.ctx, timeout)
	defer cancel()
	return chromedp.Do(ctx, steps...)
}

func run[T any](p *Page, timeout time.Duration, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(p.ctx, timeout)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// Eval evaluates a script in the page (awaiting a promise it returns) and
// decodes its result into a T.
func Eval[T any](p *Page, script string) (T, error) {
	return run(p, 60*time.Second, chromedp.Evaluate[T](script, chromedp.EvalAwaitPromise))
}

// Resize sets the viewport's width and height in CSS pixels.
func (p *Page) Resize(width, height int) error {
	return p.do(10*time.Second, chromedp.EmulateViewport(int64(width), int64(height)))
}

// Screenshot is the whole page as a PNG, at the viewport's width.
func (p *Page) Screenshot() ([]byte, error) {
	return run(p, 60*time.Second, chromedp.FullScreenshot(100))
}

// PDF prints the page as a person's browser would on A4 (the page's own
// print stylesheet and @page rules, no browser header or footer).
func (p *Page) PDF() ([]byte, error) {
	return run(p, 60*time.Second, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
}

// Violation is one axe-core rule a page breaks, with the elements that
// break it.
type Violation struct {
	ID, Impact, Help string
	Nodes            []struct {
		Target         []any
		FailureSummary string
		HTML           string
	}
}

func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for i, n := range v.Nodes {
		if i == 5 {
			fmt.Fprintf(&b, "\n    ... and %d more", len(v.Nodes)-5)
			break
		}
		fmt.Fprintf(&b, "\n    %v %s\n      %s", n.Target, strings.ReplaceAll(n.FailureSummary, "\n", " "), truncate(n.HTML, 200))
	}
	return b.String()
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// AxeResult is what axe-core found: the rules broken, and how many it
// checked and passed.
type AxeResult struct {
	Violations []Violation
	Passes     int
	Incomplete []Violation
	Version    string
}

// RunAxe runs axe-core (its source, from Axe) on the page, with the rules
// of WCAG 2.0, 2.1 and 2.2 at levels A and AA, and best practice.
func (p *Page) RunAxe(source string) (*AxeResult, error) {
	if _, err := Eval[bool](p, source+"\n;true"); err != nil {
		return nil, fmt.Errorf("load axe-core: %w", err)
	}
	raw, err := Eval[string](p, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}, resultTypes: ["violations", "incomplete"]})
		.then(r => JSON.stringify({violations: r.violations, passes: r.passes.length, incomplete: r.incomplete, version: r.testEngine.version}))`)
	if err != nil {
		return nil, fmt.Errorf("run axe-core: %w", err)
	}
	var res AxeResult
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		return nil, err
	}
	return &res, nil
}

// pageCount is the /Count of a PDF's page tree as Chromium (Skia) writes
// it: uncompressed, one /Type /Pages root.
var pageCount = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)`)

// PDFPageCount counts the pages of a PDF that Chromium printed, from its
// page tree (fast enough for every council's page; PDFReader reads a
// sample whole).
func PDFPageCount(pdf []byte) (int, error) {
	m := pageCount.FindAllSubmatch(pdf, -1)
	if len(m) == 0 {
		return 0, fmt.Errorf("no page tree in the PDF")
	}
	most := 0
	for _, x := range m {
		n, _ := strconv.Atoi(string(x[1]))
		most = max(most, n) // the root counts every page
	}
	return most, nil
}

// PDFReader reads printed pages back with the project's own PDF reader
// (PDFium): how many pages, and their text.
type PDFReader struct{ e *pdftext.Engine }

// NewPDFReader starts a reader, closed when the test ends.
func NewPDFReader(t testing.TB) *PDFReader {
	e := pdftext.NewEngine(pdftext.Options{Workers: 2})
	t.Cleanup(func() { e.Close() })
	return &PDFReader{e: e}
}

// Pages counts a PDF's pages and returns their text, a line a line.
func (r *PDFReader) Pages(ctx context.Context, pdf []byte) (int, string, error) {
	doc, err := r.e.Read(ctx, pdf)
	if err != nil {
		return 0, "", err
	}
	var b strings.Builder
	for _, pg := range doc.Pages {
		for _, l := range pg.Lines {
			for _, s := range l.Spans {
				b.WriteString(s.Text)
				b.WriteByte(' ')
			}
			b.WriteByte('\n')
		}
	}
	return len(doc.Pages), b.String(), nil
}

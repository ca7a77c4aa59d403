package schedule

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/jobs"
	"github.com/oversight/oversight/outputs/workbook"
)

// A jobs file lists the jobs `oversight schedule` runs. It is line based:
//
//	# a comment; a comment may also follow a value after a space
//	[job monthly]
//	kind     = monthly                  # monthly, councils or research
//	schedule = 0 6 1 * *                # cron; 6 fields = seconds first; @monthly; CRON_TZ=Zone prefix
//	inputs   = ../findings ../real      # relative to this file's folder
//	documents = ../downloads            # Ofsted reports, letters, news to extract findings from
//	root     = ../../out/jobs           # ROOT/<job>/<YYYY-MM>/ is written
//	strict   = true
//	keep     = 12                       # keep the newest 12 month folders (0 = all)
//
// See the README (Scheduled reports) for every key.

// Job kinds.
var jobKinds = []string{"monthly", "councils", "research"}

// Job is one [job NAME] section of a jobs file.
type Job struct {
	Name     string
	Kind     string
	Schedule string         // as written
	Zone     *time.Location // the zone the schedule is read in
	Inputs   []string       // resolved against the jobs file's folder
	// Documents are documents to extract findings from (jobs.Options),
	// resolved against the jobs file's folder.
	Documents []string
	Root      string // resolved against the jobs file's folder
	Strict    bool
	Keep      int           // newest month folders kept; 0 = all
	AsOf      dates.Day     // 0: the first day of the month the run is in
	Question  jobs.Question // research jobs
	// Publishing is the publisher and contact the workbooks' Cover gives;
	// each run sets its NextUpdate.
	Publishing workbook.Publishing
	File       string
	Line       int // of the [job NAME] line

	sched cron.Schedule
}

// Dir is ROOT/<job>: the month folders, latest and runs.jsonl.
func (j *Job) Dir() string { return filepath.Join(j.Root, j.Name) }

// Registry is the job's registry of documents already read, kept in its
// folder beside the months (RegistryName), never inside one.
func (j *Job) Registry() string { return filepath.Join(j.Dir(), RegistryName) }

// Next is when the schedule next fires after t (zero if never).
func (j *Job) Next(t time.Time) time.Time { return j.sched.Next(t) }

// File is a parsed jobs file.
type File struct {
	Path     string
	Jobs     []*Job
	Warnings []string // FILE:LINE: text; the file is still used
}

// Job finds a job by name.
func (f *File) Job(name string) (*Job, error) {
	var names []string
	for _, j := range f.Jobs {
		if j.Name == name {
			return j, nil
		}
		names = append(names, j.Name)
	}
	return nil, fmt.Errorf("%s has no job %q; its jobs are: %s", f.Path, name, strings.Join(names, ", "))
}

// Problem is one mistake in a jobs file.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg) }

// FileError lists every mistake found in a jobs file, in line order.
type FileError struct{ Problems []Problem }

func (e *FileError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Load reads and checks a jobs file. Relative inputs and roots are
// resolved against the file's folder.
func Load(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("jobs file: %w", err)
	}
	defer f.Close()
	return Parse(f, path)
}

var jobKeys = []string{"kind", "schedule", "inputs", "documents", "root", "strict", "keep", "as_of",
	"publisher", "contact", "contact_email", "council", "region", "from", "to", "measure", "area"}

var questionKeys = map[string]bool{"council": true, "region": true, "from": true, "to": true, "measure": true, "area": true}

// Parse reads a jobs file from r; path names it in messages and is
// the base of relative paths.
func Parse(r io.Reader, path string) (*File, error) {
	jf := &File{Path: path}
	base := filepath.Dir(path)
	if abs, err := filepath.Abs(base); err == nil {
		base = abs
	}
	var problems []Problem
	bad := func(line int, format string, args ...any) {
		problems = append(problems, Problem{File: path, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	type section struct {
		spec *Job
		seen map[string]int // key -> line
	}
	var sections []*section
	var cur *section
	byName := map[string]int{}

	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := stripComment(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "[") {
			name, err := sectionName(line)
			if err != nil {
				bad(n, "%v", err)
				cur = nil // its keys are not checked against a job
				continue
			}
			if first, dup := byName[name]; dup {
				bad(n, "job %q is already defined on line %d: give each job its own name", name, first)
				cur = nil
				continue
			}
			byName[name] = n
			cur = &section{spec: &Job{Name: name, File: path, Line: n}, seen: map[string]int{}}
			sections = append(sections, cur)
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			bad(n, "%q is not `key = value` or `[job NAME]`", line)
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.TrimSpace(value)
		if cur == nil {
			if len(sections) == 0 && len(problems) == 0 {
				bad(n, "%s is outside a job: start the job with a `[job NAME]` line", key)
			}
			continue
		}
		if !known(key) {
			bad(n, "unknown key %q%s; the keys are %s", key, suggest(key), strings.Join(jobKeys, ", "))
			continue
		}
		if first, dup := cur.seen[key]; dup {
			bad(n, "%s is given twice in job %q (first on line %d): keep one", key, cur.spec.Name, first)
			continue
		}
		cur.seen[key] = n
		if value == "" {
			bad(n, "%s has no value", key)
			continue
		}
		if err := setKey(cur.spec, key, value, base); err != nil {
			bad(n, "%v", err)
		}
	}
	if err := sc.Err(); err != nil {
		bad(n+1, "cannot read the file: %v", err)
	}
	if len(sections) == 0 && len(problems) == 0 {
		bad(max(n, 1), "no jobs: add a `[job NAME]` section with kind, schedule, inputs and root")
	}

	for _, s := range sections {
		j := s.spec
		for _, k := range []string{"kind", "schedule", "inputs", "root"} {
			if _, ok := s.seen[k]; !ok {
				bad(j.Line, "job %q has no %s: add `%s = %s`", j.Name, k, k, example(k))
			}
		}
		var qline int
		for k, l := range s.seen {
			if questionKeys[k] && (qline == 0 || l < qline) {
				qline = l
			}
		}
		switch {
		case j.Kind == "research" && j.Question.Empty():
			bad(j.Line, "research job %q has no question: add council, region, from, to, measure or area", j.Name)
		case j.Kind != "" && j.Kind != "research" && qline > 0:
			bad(qline, "council, region, from, to, measure and area are for research jobs; job %q is %s", j.Name, j.Kind)
		}
		if in := holding(j.Root, j.Inputs); in != "" {
			bad(s.seen["root"], "root %s is inside input %s: the next run would read this run's outputs as findings; put the root elsewhere", j.Root, in)
		}
		if in := holding(j.Root, j.Documents); in != "" {
			bad(s.seen["root"], "root %s is inside documents folder %s: the next run would read this run's outputs as documents; put the root elsewhere", j.Root, in)
		}
		if j.Question.From != 0 && j.Question.To != 0 && j.Question.From > j.Question.To {
			bad(s.seen["to"], "to %s is before from %s", j.Question.To, j.Question.From)
		}
		if j.sched != nil {
			if w := clockChangeWarning(j); w != "" {
				jf.Warnings = append(jf.Warnings, Problem{File: path, Line: s.seen["schedule"], Msg: w}.String())
			}
		}
		jf.Jobs = append(jf.Jobs, j)
	}
	if len(problems) > 0 {
		sort.SliceStable(problems, func(a, b int) bool { return problems[a].Line < problems[b].Line })
		return nil, &FileError{Problems: problems}
	}
	return jf, nil
}

// stripComment removes a # comment: one that starts the line, or follows a
// space or tab (so a # inside a word, such as a path, is kept).
func stripComment(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t') {
			return s[:i]
		}
	}
	return s
}

func sectionName(line string) (string, error) {
	if !strings.HasSuffix(line, "]") {
		return "", fmt.Errorf("%q: a section header is `[job NAME]`, closed with ]", line)
	}
	f := strings.Fields(line[1 : len(line)-1])
	if len(f) != 2 || f[0] != "job" {
		return "", fmt.Errorf("%q: a section header is `[job NAME]` (NAME one word)", line)
	}
	name := f[1]
	if err := checkJobName(name); err != nil {
		return "", err
	}
	return name, nil
}

// checkJobName allows names that are safe folder names everywhere.
func checkJobName(name string) error {
	if len(name) > 64 {
		return fmt.Errorf("job name %q is longer than 64 characters", name)
	}
	for i, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || (i > 0 && (r == '-' || r == '_' || r == '.'))
		if !ok {
			return fmt.Errorf("job name %q: use letters, digits, '-', '_' and '.', starting with a letter or digit (it names a folder)", name)
		}
	}
	return nil
}

func known(key string) bool {
	for _, k := range jobKeys {
		if k == key {
			return true
		}
	}
	return false
}

// suggest names a known key close to a mistyped one.
func suggest(key string) string {
	best, bestD := "", 3
	for _, k := range jobKeys {
		if d := editDistance(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	switch key {
	case "retention", "retain", "months":
		best = "keep"
	case "out", "output", "folder":
		best = "root"
	case "findings", "input":
		best = "inputs"
	case "cron", "when":
		best = "schedule"
	case "as-of", "asof":
		best = "as_of"
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev = cur
	}
	return prev[len(b)]
}

func example(key string) string {
	switch key {
	case "kind":
		return "monthly"
	case "schedule":
		return "0 6 1 * *"
	case "inputs":
		return "PATH..."
	}
	return "FOLDER"
}

func setKey(j *Job, key, value, base string) error {
	switch key {
	case "kind":
		for _, k := range jobKinds {
			if value == k {
				j.Kind = value
				return nil
			}
		}
		return fmt.Errorf("kind %q: use %s", value, strings.Join(jobKinds, ", "))
	case "schedule":
		sched, zone, err := ParseCron(value)
		if err != nil {
			return err
		}
		j.Schedule, j.sched, j.Zone = value, sched, zone
	case "inputs", "documents":
		paths, err := splitPaths(value)
		if err != nil {
			return fmt.Errorf("%s: %v", key, err)
		}
		what := map[string]string{"inputs": "input", "documents": "documents path"}[key]
		for _, p := range paths {
			abs := resolve(base, p)
			if _, err := os.Stat(abs); err != nil {
				return fmt.Errorf("%s %s does not exist: there is no %s (paths are relative to the jobs file's folder)", what, p, abs)
			}
			if key == "inputs" {
				j.Inputs = append(j.Inputs, abs)
			} else {
				j.Documents = append(j.Documents, abs)
			}
		}
	case "publisher":
		j.Publishing.Publisher = value
	case "contact":
		j.Publishing.Contact.Name = value
	case "contact_email":
		if err := jobs.CheckEmail(value); err != nil {
			return fmt.Errorf("contact_email %v", err)
		}
		j.Publishing.Contact.Email = value
	case "root":
		paths, err := splitPaths(value)
		if err != nil || len(paths) != 1 {
			return fmt.Errorf("root %q: give one folder (quote it if it has spaces)", value)
		}
		j.Root = resolve(base, paths[0])
	case "strict":
		switch strings.ToLower(value) {
		case "true", "yes":
			j.Strict = true
		case "false", "no":
			j.Strict = false
		default:
			return fmt.Errorf("strict %q: use true or false", value)
		}
	case "keep":
		k, err := strconv.Atoi(value)
		if err != nil || k < 0 {
			return fmt.Errorf("keep %q: give how many month folders to keep, a whole number (0 keeps all)", value)
		}
		j.Keep = k
	case "as_of":
		d, err := dates.Parse(value)
		if err != nil || d.Prec != dates.PrecDay || strings.Contains(value, "/") {
			return fmt.Errorf("as_of %q: give a full date, YYYY-MM-DD", value)
		}
		j.AsOf = d.Day
	case "from", "to":
		d, err := dates.Parse(value)
		if err != nil || strings.Contains(value, "/") {
			return fmt.Errorf("%s %q: give YYYY, YYYY-MM or YYYY-MM-DD", key, value)
		}
		if key == "from" {
			j.Question.From = d.Day
		} else {
			j.Question.To = d.End()
		}
	case "council", "region", "measure", "area":
		var list []string
		for _, part := range strings.Split(value, ",") {
			if part = strings.TrimSpace(part); part != "" {
				list = append(list, part)
			}
		}
		var q jobs.Question
		switch key {
		case "council":
			q.Councils, j.Question.Councils = list, list
		case "region":
			q.Regions, j.Question.Regions = list, list
		case "measure":
			q.Measures, j.Question.Measures = list, list
		case "area":
			q.Areas, j.Question.Areas = list, list
		}
		// Each key is checked on its own, so a wrong name is reported on its line.
		if err := q.Check(); err != nil {
			return err // it names the key
		}
	}
	return nil
}

// holding is the input folder (of findings, or documents) the job's root
// lies in, if any.
func holding(rootPath string, inputs []string) string {
	if rootPath == "" {
		return ""
	}
	root, err := filepath.Abs(rootPath)
	if err != nil {
		return ""
	}
	for _, in := range inputs {
		abs, err := filepath.Abs(in)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(abs, root); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return in
		}
	}
	return ""
}

// resolve makes p absolute, relative to base (the jobs file's folder), so
// logs and runs.jsonl name the same folders whatever the working directory.
func resolve(base, p string) string {
	if !filepath.IsAbs(p) {
		p = filepath.Join(base, p)
	}
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

// splitPaths splits on spaces; "double quotes" keep a path with spaces whole.
func splitPaths(s string) ([]string, error) {
	var out []string
	var b strings.Builder
	inQuote, have := false, false
	for _, r := range s {
		switch {
		case r == '"':
			inQuote, have = !inQuote, true
		case (r == ' ' || r == '\t') && !inQuote:
			if have {
				out = append(out, b.String())
				b.Reset()
				have = false
			}
		default:
			b.WriteRune(r)
			have = true
		}
	}
	if inQuote {
		return nil, errors.New("a quote is not closed")
	}
	if have {
		out = append(out, b.String())
	}
	return out, nil
}

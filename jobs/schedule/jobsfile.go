package schedule

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
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

// Parse reads a jobs file from r; path names it in messages and is
// the base of relative paths.
func Parse(r io.Reader, path string) (*File, error) {
	p := &jobsParser{path: path, base: filepath.Dir(path), byName: map[string]int{}}
	if abs, err := filepath.Abs(p.base); err == nil {
		p.base = abs
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := stripComment(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		p.line(n, strings.TrimSpace(line))
	}
	if err := sc.Err(); err != nil {
		p.bad(n+1, "cannot read the file: %v", err)
	}
	if len(p.sections) == 0 && len(p.problems) == 0 {
		p.bad(max(n, 1), "no jobs: add a `[job NAME]` section with kind, schedule, inputs and root")
	}
	jf := &File{Path: path}
	for _, s := range p.sections {
		if w := p.checkJob(s); w != "" {
			jf.Warnings = append(jf.Warnings, w)
		}
		jf.Jobs = append(jf.Jobs, s.spec)
	}
	if len(p.problems) > 0 {
		sort.SliceStable(p.problems, func(a, b int) bool { return p.problems[a].Line < p.problems[b].Line })
		return nil, &FileError{Problems: p.problems}
	}
	return jf, nil
}

// jobsParser reads a jobs file a line at a time, collecting every problem
// rather than stopping at the first.
type jobsParser struct {
	path, base string // the file, and its folder (absolute when it can be)
	problems   []Problem
	sections   []*jobSection
	cur        *jobSection    // nil outside a job, or in a job whose header was wrong
	byName     map[string]int // job -> line of its header
}

// jobSection is one [job NAME] section as read.
type jobSection struct {
	spec *Job
	seen map[string]int // key -> line
}

func (p *jobsParser) bad(line int, format string, args ...any) {
	p.problems = append(p.problems, Problem{File: p.path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// line reads line n, its comment stripped and trimmed: blank, a section
// header, or a key's value.
func (p *jobsParser) line(n int, line string) {
	switch {
	case line == "":
	case strings.HasPrefix(line, "["):
		p.header(n, line)
	default:
		p.keyValue(n, line)
	}
}

// header starts a job's section.
func (p *jobsParser) header(n int, line string) {
	name, err := sectionName(line)
	if err != nil {
		p.bad(n, "%v", err)
		p.cur = nil // its keys are not checked against a job
		return
	}
	if first, dup := p.byName[name]; dup {
		p.bad(n, "job %q is already defined on line %d: give each job its own name", name, first)
		p.cur = nil
		return
	}
	p.byName[name] = n
	p.cur = &jobSection{spec: &Job{Name: name, File: p.path, Line: n}, seen: map[string]int{}}
	p.sections = append(p.sections, p.cur)
}

// keyValue sets a key of the current job.
func (p *jobsParser) keyValue(n int, line string) {
	key, value, ok := strings.Cut(line, "=")
	if !ok {
		p.bad(n, "%q is not `key = value` or `[job NAME]`", line)
		return
	}
	key = strings.ToLower(strings.TrimSpace(key))
	value = strings.TrimSpace(value)
	cur := p.cur
	if cur == nil {
		if len(p.sections) == 0 && len(p.problems) == 0 {
			p.bad(n, "%s is outside a job: start the job with a `[job NAME]` line", key)
		}
		return
	}
	if !known(key) {
		p.bad(n, "unknown key %q%s; the keys are %s", key, suggest(key), strings.Join(jobKeys, ", "))
		return
	}
	if first, dup := cur.seen[key]; dup {
		p.bad(n, "%s is given twice in job %q (first on line %d): keep one", key, cur.spec.Name, first)
		return
	}
	cur.seen[key] = n
	if value == "" {
		p.bad(n, "%s has no value", key)
		return
	}
	if err := setKey(cur.spec, key, value, p.base); err != nil {
		p.bad(n, "%v", err)
	}
}

// checkJob checks a job as a whole once the file is read: the keys every
// job needs, a question only on a research job and never missing there, a
// root outside its inputs. It returns a warning about its schedule ("" for
// none).
func (p *jobsParser) checkJob(s *jobSection) string {
	j := s.spec
	for _, k := range []string{"kind", "schedule", "inputs", "root"} {
		if _, ok := s.seen[k]; !ok {
			p.bad(j.Line, "job %q has no %s: add `%s = %s`", j.Name, k, k, example(k))
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
		p.bad(j.Line, "research job %q has no question: add council, region, from, to, measure or area", j.Name)
	case j.Kind != "" && j.Kind != "research" && qline > 0:
		p.bad(qline, "council, region, from, to, measure and area are for research jobs; job %q is %s", j.Name, j.Kind)
	}
	if in := holding(j.Root, j.Inputs); in != "" {
		p.bad(s.seen["root"], "root %s is inside input %s: the next run would read this run's outputs as findings; put the root elsewhere", j.Root, in)
	}
	if in := holding(j.Root, j.Documents); in != "" {
		p.bad(s.seen["root"], "root %s is inside documents folder %s: the next run would read this run's outputs as documents; put the root elsewhere", j.Root, in)
	}
	if j.Question.From != 0 && j.Question.To != 0 && j.Question.From > j.Question.To {
		p.bad(s.seen["to"], "to %s is before from %s", j.Question.To, j.Question.From)
	}
	if j.sched != nil {
		if w := clockChangeWarning(j); w != "" {
			return Problem{File: p.path, Line: s.seen["schedule"], Msg: w}.String()
		}
	}
	return ""
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

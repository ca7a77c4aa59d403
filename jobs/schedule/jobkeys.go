package schedule

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/jobs"
)

// The keys of a job in a jobs file: which there are, what each value may
// be, and the key a mistyped one most likely meant.

// Job kinds.
var jobKinds = []string{"monthly", "councils", "research"}

var jobKeys = []string{"kind", "schedule", "inputs", "documents", "root", "strict", "keep", "as_of",
	"publisher", "contact", "contact_email", "council", "region", "from", "to", "measure", "area"}

var questionKeys = map[string]bool{"council": true, "region": true, "from": true, "to": true, "measure": true, "area": true}

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

// setKey sets a job's key from its value, checking it; base is the jobs
// file's folder, which relative paths are resolved against.
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
		return setPaths(j, key, value, base)
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
	case "from", "to", "council", "region", "measure", "area":
		return setQuestion(j, key, value)
	}
	return nil
}

// setPaths sets the job's inputs or documents: paths that exist, resolved
// against the jobs file's folder base.
func setPaths(j *Job, key, value, base string) error {
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
	return nil
}

// setQuestion sets a key of a research job's question: its period, or a
// comma-separated list of councils, regions, measures or areas.
func setQuestion(j *Job, key, value string) error {
	switch key {
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
		return nil
	}
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
	return q.Check() // it names the key
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

package schedule

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/outputs/manifest"
	"github.com/oversight/oversight/outputs/publish"
)

// Month is a calendar month, as in the folder name YYYY-MM.
type Month struct{ Year, Month int }

// MonthOf is the month a day is in.
func MonthOf(d dates.Day) Month {
	y, m, _ := d.YMD()
	return Month{y, m}
}

// ParseMonth reads YYYY-MM.
func ParseMonth(s string) (Month, error) {
	d, err := dates.Parse(s)
	if err != nil || d.Prec != dates.PrecMonth {
		return Month{}, fmt.Errorf("month %q: give YYYY-MM", s)
	}
	return MonthOf(d.Day), nil
}

func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, m.Month) }

// First is the month's first day.
func (m Month) First() dates.Day { return dates.FromYMD(m.Year, m.Month, 1) }

// Next is the month after.
func (m Month) Next() Month {
	if m.Month == 12 {
		return Month{m.Year + 1, 1}
	}
	return Month{m.Year, m.Month + 1}
}

// Before orders months.
func (m Month) Before(o Month) bool { return m.Year < o.Year || m.Year == o.Year && m.Month < o.Month }

func isMonthDir(name string) bool {
	_, err := ParseMonth(name)
	return err == nil && len(name) == 7
}

// MonthDirs lists the month folders in dir, oldest first.
func MonthDirs(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && isMonthDir(e.Name()) {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

// Previous is the folder of the newest month before m that holds a
// published report (its manifest), "" when there is none: the report the
// job's readers received before this one, which what changed is said
// against. A month skipped (the job did not run) is passed over.
func Previous(dir string, m Month) string {
	months, err := MonthDirs(dir)
	if err != nil {
		return ""
	}
	for i := len(months) - 1; i >= 0; i-- {
		pm, _ := ParseMonth(months[i])
		if !pm.Before(m) {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, months[i], manifest.Name)); err == nil {
			return filepath.Join(dir, months[i])
		}
	}
	return ""
}

// Latest is the month latest points at ("" when there is none).
func Latest(dir string) string {
	target, err := os.Readlink(filepath.Join(dir, LatestName))
	if err != nil || !isMonthDir(target) {
		return ""
	}
	return target
}

// UpdateLatest points dir/latest at the month folder, unless it already
// points at a newer month that still exists: latest is the newest month
// written, so re-running or backfilling an old month leaves it alone. The
// link is relative (the root can be moved) and replaced atomically: a new
// link is made beside it and renamed over it.
func UpdateLatest(dir string, m Month) error {
	if cur := Latest(dir); cur != "" {
		if cm, err := ParseMonth(cur); err == nil && m.Before(cm) {
			if _, err := os.Stat(filepath.Join(dir, cur)); err == nil {
				return nil
			}
		}
	}
	tmp := filepath.Join(dir, fmt.Sprintf(".%s.tmp-%d-%s", LatestName, os.Getpid(), strconv.FormatInt(time.Now().UnixNano(), 36)))
	if err := os.Symlink(m.String(), tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, LatestName)); err != nil {
		os.Remove(tmp)
		return err
	}
	return publish.SyncDir(dir)
}

// Prune removes month folders beyond the newest keep, never the one latest
// points at. It returns the folders removed.
func Prune(dir string, keep int) ([]string, error) {
	if keep <= 0 {
		return nil, nil
	}
	months, err := MonthDirs(dir)
	if err != nil || len(months) <= keep {
		return nil, err
	}
	latest := Latest(dir)
	var removed []string
	var errs []error
	for _, m := range months[:len(months)-keep] {
		if m == latest {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, m)); err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, m)
	}
	return removed, errors.Join(errs...)
}

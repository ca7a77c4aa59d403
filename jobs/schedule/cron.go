package schedule

import (
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/oversight/oversight/jobs"
)

// DefaultZone is the zone schedules are read in unless they say CRON_TZ=.
const DefaultZone = "Europe/London"

// cronParser reads 5 fields (minute first), 6 (seconds first) or a
// descriptor such as @monthly or @every 1h.
var cronParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseCron reads a cron expression with an optional CRON_TZ=Area/City
// (or TZ=) prefix; without one it is read in Europe/London. The zone is
// taken off and checked here, not by robfig/cron, whose v3.0.1 parser panics
// on a prefix with nothing after it.
func ParseCron(expr string) (sched cron.Schedule, zone *time.Location, err error) {
	expr = strings.TrimSpace(expr)
	written := expr
	zoneName := DefaultZone
	if strings.HasPrefix(expr, "CRON_TZ=") || strings.HasPrefix(expr, "TZ=") {
		_, rest, _ := strings.Cut(expr, "=")
		zoneName, expr = rest, ""
		if i := strings.IndexAny(rest, " \t"); i >= 0 {
			zoneName, expr = rest[:i], strings.TrimSpace(rest[i:])
		}
		if zoneName == "" || zoneName == "Local" {
			return nil, nil, fmt.Errorf("schedule: CRON_TZ= needs a time zone name such as Europe/London or UTC")
		}
		if expr == "" {
			return nil, nil, fmt.Errorf("schedule: CRON_TZ=%s is not followed by a cron expression", zoneName)
		}
	}
	zone = jobs.London
	if zoneName != DefaultZone {
		if zone, err = time.LoadLocation(zoneName); err != nil {
			return nil, nil, fmt.Errorf("schedule: unknown time zone %q: use an IANA name such as Europe/London or UTC", zoneName)
		}
	}
	if expr == "" {
		return nil, nil, errors.New("schedule is empty")
	}
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%v", r)
			}
		}()
		sched, err = cronParser.Parse(expr)
	}()
	if err != nil {
		return nil, nil, fmt.Errorf("schedule %q is not a cron expression: %v (give 5 fields: minute hour day-of-month month day-of-week; 6 with seconds first; or @monthly, @daily, @every 1h)", expr, err)
	}
	if s, ok := sched.(*cron.SpecSchedule); ok {
		s.Location = zone
	}
	if how := tooOften(sched); how != "" {
		return nil, nil, fmt.Errorf("schedule %q fires more often than once a minute (%s): once a minute is the most (@every 1m, or 5 fields; with 6, give one second)", written, how)
	}
	if sched.Next(time.Now()).IsZero() {
		return nil, nil, fmt.Errorf("schedule %q never fires (no such date in the next five years)", expr)
	}
	return sched, zone, nil
}

// tooOften says how a schedule fires more often than once a minute, or ""
// if it does not: more would start runs back to back (robfig/cron reads
// @every 0s as every second). A spec fires at most once a minute when its
// seconds field holds one second.
func tooOften(sched cron.Schedule) string {
	switch s := sched.(type) {
	case cron.ConstantDelaySchedule:
		if s.Delay < time.Minute {
			return "every " + s.Delay.String()
		}
	case *cron.SpecSchedule:
		if n := bits.OnesCount64(s.Second & (1<<60 - 1)); n > 1 { // bits 0-59; bit 63 marks a *
			return fmt.Sprintf("%d times a minute", n)
		}
	}
	return ""
}

// clockChangeWarning warns about schedules that fire between 01:00 and 02:59
// in Europe/London, unless they fire every hour anyway.
func clockChangeWarning(j *Job) string {
	s, ok := j.sched.(*cron.SpecSchedule)
	if !ok || j.Zone == nil || j.Zone.String() != DefaultZone {
		return ""
	}
	const all = 1<<24 - 1
	if s.Hour&all == all || s.Hour&(1<<1|1<<2) == 0 {
		return ""
	}
	return fmt.Sprintf("schedule %q of job %q fires between 01:00 and 02:59 %s: the clocks go forward at 01:00 on the last Sunday of March and back at 02:00 on the last Sunday of October, so a run can be skipped or made twice; pick another hour or prefix CRON_TZ=UTC",
		j.Schedule, j.Name, DefaultZone)
}

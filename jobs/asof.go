package jobs

import (
	"fmt"
	"time"
	// The zone database is built into the binary, so Europe/London is the
	// same on a machine without /usr/share/zoneinfo (a slim container)
	// instead of failing to load; it adds about 450 KB.
	_ "time/tzdata"

	"github.com/oversight/oversight/analysis/dates"
)

// London is Europe/London, the zone of "today" and of schedules that name
// no other. It is loaded once, from the built-in zone database if the
// system has none; there is no fallback to UTC.
var London = mustLoadZone("Europe/London")

func mustLoadZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// Cannot happen with time/tzdata linked in; a run must never take
		// "today" from the wrong zone, so stop rather than guess.
		panic(fmt.Sprintf("time zone %s: %v", name, err))
	}
	return loc
}

// Today is the civil date in Europe/London now, the default as-of date of a
// one-off run.
func Today() dates.Day { return todayAt(time.Now()) }

func todayAt(now time.Time) dates.Day { return dates.FromTime(now.In(London)) }

// AsOf decides the as-of day of every run, one-off or scheduled: the day
// given, else def, which is today for a one-off run and the first day of
// the month for a scheduled one. A research question's period does not
// move it (metrics v3): only what was published by the as-of day counts,
// and the period's end is the as-at day (AsAt), so a question about
// 2018-2025 asked today sees DfE's 2025 figures, published in 2026.
func AsOf(given, def dates.Day) dates.Day {
	if given != 0 {
		return given
	}
	return def
}

// AsAt decides the as-at day: the day given, else the end of a research
// question's period when it ends before asOf, else asOf itself. It is
// never after asOf.
func AsAt(given, questionEnd, asOf dates.Day) dates.Day {
	switch {
	case given != 0 && given <= asOf:
		return given
	case given != 0:
		return asOf
	case questionEnd != 0 && questionEnd < asOf:
		return questionEnd
	}
	return asOf
}

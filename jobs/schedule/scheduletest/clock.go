// Package scheduletest drives a schedule.Scheduler by hand in tests: the
// schedules of a Clock fire when the test ticks them, through robfig/cron
// as real schedules do, so no test waits on the wall clock.
//
//	clock := scheduletest.NewClock()
//	s := &schedule.Scheduler{..., Schedules: clock.For}
//	clock.Tick("monthly") // the job's next run starts now
//	clock.Close()         // before cancelling the scheduler's context
package scheduletest

import (
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// Clock hands out schedules that fire once per tick.
type Clock struct {
	mu     sync.Mutex
	cond   *sync.Cond
	ticks  map[string]int // ticks given, by job name
	closed bool
}

// NewClock is a clock with no ticks yet.
func NewClock() *Clock {
	c := &Clock{ticks: map[string]int{}}
	c.cond = sync.NewCond(&c.mu)
	return c
}

// For is the schedule of the job named name (schedule.Scheduler.Schedules):
// it fires once for each Tick(name).
func (c *Clock) For(name string) cron.Schedule {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.ticks[name]; !ok {
		c.ticks[name] = 0
	}
	return &tickSchedule{c: c, name: name}
}

// Tick fires the named jobs' schedules once each, or every schedule handed
// out when no name is given. Ticks given while a job's cron is busy wait
// their turn: none is lost.
func (c *Clock) Tick(names ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(names) == 0 {
		for n := range c.ticks {
			names = append(names, n)
		}
	}
	for _, n := range names {
		c.ticks[n]++
	}
	c.cond.Broadcast()
}

// Close stops every schedule: they never fire again. Call it before
// cancelling the scheduler, whose crons wait in Next for the next tick and
// cannot stop until it comes.
func (c *Clock) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	c.cond.Broadcast()
}

type tickSchedule struct {
	c    *Clock
	name string
	used int // ticks fired
}

// Next is called by the job's cron, in its own goroutine, for the time of
// the next run: it waits for the next tick and answers "now" (t), so cron
// starts the run at once; once the clock is closed it answers "never".
func (s *tickSchedule) Next(t time.Time) time.Time {
	c := s.c
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.ticks[s.name] <= s.used && !c.closed {
		c.cond.Wait()
	}
	if c.closed {
		return time.Time{}
	}
	s.used++
	return t
}

package ui

import "time"

// searchDelay is how long a search box waits after the last keystroke
// before it queries the database.
const searchDelay = 150 * time.Millisecond

// debouncer runs a function on the UI goroutine once calls have paused
// for delay. It must be used from the UI goroutine.
type debouncer struct {
	delay time.Duration
	do    uiRunner
	timer *time.Timer
}

// call schedules f and cancels the function scheduled before, if it has
// not run yet.
func (d *debouncer) call(f func()) {
	if d.timer != nil {
		d.timer.Stop()
	}

	d.timer = time.AfterFunc(d.delay, func() { d.do(f) })
}

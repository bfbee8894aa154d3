package cli

import (
	"fmt"
	"io"
	"sync"
)

// progressStep is the share of the work, in percent, between two progress
// lines.
const progressStep = 10

// progressPrinter writes one line each time a long task passes another
// progressStep percent, such as "importing: 40% (3520 of 8800)". Its
// report method is an [app.Progress] and may be called from any goroutine.
type progressPrinter struct {
	w     io.Writer
	label string

	mu       sync.Mutex
	lastStep int
}

func newProgressPrinter(w io.Writer, label string) *progressPrinter {
	return &progressPrinter{w: w, label: label, lastStep: -1}
}

func (p *progressPrinter) report(done, total int) {
	if total <= 0 {
		return
	}

	percent := done * 100 / total
	step := percent / progressStep

	p.mu.Lock()
	defer p.mu.Unlock()

	if step == p.lastStep {
		return
	}

	p.lastStep = step
	fmt.Fprintf(p.w, "%s: %d%% (%d of %d)\n", p.label, percent, done, total)
}

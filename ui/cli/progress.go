package cli

import (
	"fmt"
	"io"
	"sync"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// progressStep is the share of the work, in percent, between two progress
// lines.
const progressStep = 10

// progressPrinter writes one line each time a long task passes another
// progressStep percent, such as "importing: 40% (3520 of 8800)". Its
// report method is an [app.Progress] and may be called from any goroutine.
type progressPrinter struct {
	w        io.Writer
	label    string
	language string

	mu       sync.Mutex
	lastStep int
}

// newProgressPrinter returns a printer that starts each line with label
// and writes the counts for language.
func newProgressPrinter(w io.Writer, label, language string) *progressPrinter {
	return &progressPrinter{w: w, label: label, language: language, lastStep: -1}
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
	fmt.Fprintln(p.w, lang.X("cli.progress", "{{.Label}}: {{.Percent}}% ({{.Done}} of {{.Total}})",
		map[string]any{
			"Label":   p.label,
			"Percent": percent,
			"Done":    app.FormatCount(done, p.language),
			"Total":   app.FormatCount(total, p.language),
		}))
}

package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"leadwerk/charts"
)

// onSaveTapped opens a file save dialog for the section's chart in format.
func (s *reportsScreen) onSaveTapped(c *chartSection, format charts.Format) {
	rendered := c.rendered
	if rendered.chart == nil {
		return
	}

	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			s.errors.report(lang.L("The file could not be opened for writing. Choose another folder."), err)
			return
		}

		if w != nil {
			s.saveChart(rendered, format, w)
		}
	}, s.window)
	save.SetFileName(c.fileName + "." + format.String())
	save.SetFilter(storage.NewExtensionFileFilter([]string{"." + format.String()}))
	save.Show()
}

// saveChart draws the chart again at exportScale times its size, so a
// PNG stays sharp on paper, and writes it to w in a goroutine. It closes
// w in every case.
func (s *reportsScreen) saveChart(rendered renderedChart, format charts.Format, w fyne.URIWriteCloser) {
	path := w.URI().Path()

	go func() {
		err := rendered.chart.Render(w, format, rendered.width*exportScale, rendered.height*exportScale)
		if closeErr := w.Close(); err == nil {
			err = closeErr
		}
		s.do(func() { s.onChartSaved(path, err) })
	}()
}

func (s *reportsScreen) onChartSaved(path string, err error) {
	if err != nil {
		message := lang.X("reports.save.error", "The chart could not be saved to {{.Path}}. Check that the folder is writable and try again.",
			map[string]any{"Path": path})
		s.errors.report(message, fmt.Errorf("save chart to %s: %w", path, err))
		return
	}

	s.status.SetText(lang.X("reports.saved", "The chart was saved to {{.Path}}.", map[string]any{"Path": path}))
}

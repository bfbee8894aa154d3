package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/charts"
)

// chartSection is one chart of the Reports tab with its heading, its
// own controls, the "Save as" buttons and the table of its figures.
type chartSection struct {
	screen *reportsScreen
	// fileName is the suggested file name without extension.
	fileName string
	rendered renderedChart

	image   *canvas.Image
	table   *fyne.Container
	savePNG *widget.Button
	saveSVG *widget.Button
	content fyne.CanvasObject
}

func newChartSection(s *reportsScreen, title, fileName string, controls ...fyne.CanvasObject) *chartSection {
	c := &chartSection{screen: s, fileName: fileName}
	c.image = canvas.NewImageFromImage(nil)
	c.image.FillMode = canvas.ImageFillContain
	c.table = container.NewStack()
	c.savePNG = widget.NewButton(lang.L("Save as PNG…"), func() { s.onSaveTapped(c, charts.PNG) })
	c.saveSVG = widget.NewButton(lang.L("Save as SVG…"), func() { s.onSaveTapped(c, charts.SVG) })
	c.savePNG.Disable()
	c.saveSVG.Disable()

	buttons := container.NewHBox(append(controls, c.savePNG, c.saveSVG)...)
	header := container.NewBorder(nil, nil, sectionHeading(title), buttons)
	c.content = container.NewVBox(widget.NewSeparator(), header, c.image, c.table)

	return c
}

// newChartSections returns the sections in the order of the section
// constants, with the forecast's and the win/loss chart's own pickers.
func newChartSections(s *reportsScreen) []*chartSection {
	sections := make([]*chartSection, sectionCount)
	sections[sectionStages] = newChartSection(s, lang.L("Pipeline by stage"), "pipeline-by-stage")
	sections[sectionForecast] = newChartSection(s, lang.L("Forecast"), "forecast", forecastPickers(s)...)
	sections[sectionFunnel] = newChartSection(s, lang.L("Stage funnel"), "stage-funnel")
	sections[sectionWinLoss] = newChartSection(s, lang.L("Won and lost"), "won-and-lost", dimensionPicker(s))
	sections[sectionLeads] = newChartSection(s, lang.L("Leads by source"), "leads-by-source")

	return sections
}

// forecastPickers choose how many months ahead the forecast shows and the
// probability from which a deal counts as committed.
func forecastPickers(s *reportsScreen) []fyne.CanvasObject {
	months := map[string]int{
		lang.L("Next 6 months"):  6,
		lang.L("Next 12 months"): 12,
	}
	monthPicker := newSelect([]string{lang.L("Next 6 months"), lang.L("Next 12 months")}, func(label string) {
		s.onSettingsChanged(func(settings *reportSettings) { settings.futureMonths = months[label] })
	})
	monthPicker.Selected = lang.L("Next 6 months")

	thresholds := []int{50, 60, 70, 75, 80, 90}
	labels := make([]string, len(thresholds))
	commit := map[string]int{}
	for i, percent := range thresholds {
		labels[i] = lang.X("reports.commit", "Committed from {{.Percent}} %", map[string]any{"Percent": percent})
		commit[labels[i]] = percent
	}

	commitPicker := newSelect(labels, func(label string) {
		s.onSettingsChanged(func(settings *reportSettings) { settings.commitAt = commit[label] })
	})
	commitPicker.Selected = labels[slices.Index(thresholds, defaultCommitAt)]

	return []fyne.CanvasObject{fixedWidth(monthPicker, 170), fixedWidth(commitPicker, 200)}
}

// dimensionPicker chooses what the win/loss chart groups closed deals by.
func dimensionPicker(s *reportsScreen) fyne.CanvasObject {
	dimensions := []app.WinLossDimension{app.WinLossByReason, app.WinLossBySource, app.WinLossByCompetitor, app.WinLossByOwner}
	labels := make([]string, len(dimensions))
	byLabel := map[string]app.WinLossDimension{}
	for i, d := range dimensions {
		labels[i] = dimensionPickerLabel(d)
		byLabel[labels[i]] = d
	}

	picker := newSelect(labels, func(label string) {
		s.onSettingsChanged(func(settings *reportSettings) { settings.dimension = byLabel[label] })
	})
	picker.Selected = labels[0]

	return fixedWidth(picker, 180)
}

// show puts a new chart and its table in place.
func (c *chartSection) show(rendered renderedChart, table reportTable) {
	c.rendered = rendered
	c.image.Image = rendered.image
	scale := float32(reportChartDisplayPct) / 100
	c.image.SetMinSize(fyne.NewSize(float32(rendered.width)*scale, float32(rendered.height)*scale))
	c.image.Refresh()

	c.table.Objects = []fyne.CanvasObject{tableObject(table)}
	c.table.Refresh()
	c.savePNG.Enable()
	c.saveSVG.Enable()
}

// tableObject lays out a table as a grid: bold headings, the first column
// leading and the figures trailing.
func tableObject(t reportTable) fyne.CanvasObject {
	if len(t.rows) == 0 {
		return widget.NewLabel("")
	}

	objects := make([]fyne.CanvasObject, 0, (len(t.rows)+1)*len(t.headers))
	for i, heading := range t.headers {
		label := widget.NewLabelWithStyle(heading, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		if i == 0 {
			label.Alignment = fyne.TextAlignLeading
		}
		label.Truncation = fyne.TextTruncateEllipsis
		objects = append(objects, label)
	}

	for _, row := range t.rows {
		for i, cell := range row {
			label := widget.NewLabel(cell)
			label.Alignment = fyne.TextAlignTrailing
			if i == 0 {
				label.Alignment = fyne.TextAlignLeading
			}
			label.Truncation = fyne.TextTruncateEllipsis
			objects = append(objects, label)
		}
	}

	return container.NewGridWithColumns(len(t.headers), objects...)
}

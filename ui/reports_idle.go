package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// maxIdleRows limits the idle list, because each row is a few widgets
// and the list shows the longest-waiting deals first.
const maxIdleRows = 100

// idleList shows the open deals that are longer in their stage than the
// stage's idle threshold. A tap on a title opens the deal.
type idleList struct {
	screen  *reportsScreen
	count   *widget.Label
	rows    *fyne.Container
	content fyne.CanvasObject
	// titles are the title links in list order, for tests to tap.
	titles []*widget.Hyperlink
}

func newIdleList(s *reportsScreen) *idleList {
	l := &idleList{screen: s, count: widget.NewLabel(""), rows: container.NewStack()}
	header := container.NewHBox(sectionHeading(lang.L("Idle deals")), l.count)
	l.content = container.NewVBox(widget.NewSeparator(), header, l.rows)

	return l
}

// fill lists deals, whose stages are looked up in pipelines.
func (l *idleList) fill(deals []app.DealFact, pipelines []app.Pipeline) {
	language := l.screen.language
	l.count.SetText(lang.XN("reports.idle.count", "{{.Count}} deals", len(deals), map[string]any{"Count": app.FormatCount(len(deals), language)}))
	l.titles = nil

	if len(deals) == 0 {
		l.rows.Objects = []fyne.CanvasObject{widget.NewLabel(lang.L("No deal is idle."))}
		l.rows.Refresh()
		return
	}

	stages := stageNamesByID(pipelines)
	objects := []fyne.CanvasObject{
		headingLabel(lang.L("Title")), headingLabel(lang.L("Company")), headingLabel(lang.L("Stage")),
		headingLabel(lang.L("In stage since")), trailingHeading(lang.L("Amount")),
	}
	for _, d := range deals[:min(len(deals), maxIdleRows)] {
		objects = append(objects, l.titleLink(d), truncatedLabel(d.Company), truncatedLabel(stages[d.StageID]),
			widget.NewLabel(app.FormatDate(d.StageEnteredOn, language)), trailingLabel(app.FormatMoney(d.Amount, language)))
	}

	list := container.NewVBox(container.NewGridWithColumns(5, objects...))
	if more := len(deals) - maxIdleRows; more > 0 {
		list.Add(widget.NewLabel(lang.XN("reports.idle.more", "and {{.Count}} more", more, map[string]any{"Count": app.FormatCount(more, language)})))
	}

	l.rows.Objects = []fyne.CanvasObject{list}
	l.rows.Refresh()
}

// titleLink returns a link that opens d. A link, unlike a button, shortens
// a long title, so one long title does not widen every column.
func (l *idleList) titleLink(d app.DealFact) *widget.Hyperlink {
	link := widget.NewHyperlink(d.Title, nil)
	link.Truncation = fyne.TextTruncateEllipsis
	link.OnTapped = func() {
		if l.screen.onOpenOpportunity != nil {
			l.screen.onOpenOpportunity(d.ID)
		}
	}
	l.titles = append(l.titles, link)

	return link
}

func stageNamesByID(pipelines []app.Pipeline) map[int64]string {
	names := map[int64]string{}
	for _, p := range pipelines {
		for _, s := range p.Stages {
			names[s.ID] = s.Name
		}
	}

	return names
}

func truncatedLabel(text string) *widget.Label {
	label := widget.NewLabel(text)
	label.Truncation = fyne.TextTruncateEllipsis

	return label
}

func trailingLabel(text string) *widget.Label {
	label := widget.NewLabel(text)
	label.Alignment = fyne.TextAlignTrailing

	return label
}

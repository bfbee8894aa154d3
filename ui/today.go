package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// todayRefreshInterval is how often the Today tab reloads, so an activity
// moves from due to overdue and reminds the person without a click.
const todayRefreshInterval = time.Minute

// maxSingleReminders is how many newly overdue activities get one
// notification each; more are announced together in one.
const maxSingleReminders = 3

// todayLister is the store access of the Today tab.
type todayLister interface {
	Today(ctx context.Context, q app.TodayQuery) ([]app.TodayItem, error)
}

// todayScreen is the Today tab: the overdue and due activities of all
// deals and leads and the deals whose next step is due, or only the
// signed-in user's under "Mine". It reminds of each listed activity once,
// with a desktop notification, when its due time has passed while the
// app runs.
type todayScreen struct {
	store    todayLister
	do       uiRunner
	errors   errorReporter
	language string
	now      func() time.Time
	// notify sends a desktop notification; tests replace it.
	notify func(*fyne.Notification)

	// onOpenOpportunity and onOpenLead show an item's record.
	onOpenOpportunity func(id int64)
	onOpenLead        func(id int64)

	generation int
	reminded   map[int64]bool
	items      []app.TodayItem

	summary *widget.Label
	mine    *ownerFilter
	// list creates row widgets only for the items in view, because a
	// large database has thousands of due items and the tab reloads every
	// minute. empty replaces it when nothing is due.
	list    *widget.List
	empty   *widget.Label
	content fyne.CanvasObject
}

func newTodayScreen(store todayLister, do uiRunner, errors errorReporter, language string) *todayScreen {
	s := &todayScreen{
		store: store, do: do, errors: errors, language: language, now: time.Now,
		notify: sendNotification, reminded: map[int64]bool{},
	}

	s.summary = widget.NewLabel("")
	s.mine = newOwnerFilter(store, s.reload)
	s.list = widget.NewList(func() int { return len(s.items) }, s.newItemRow, s.updateItemRow)
	s.list.OnSelected = s.list.Unselect
	s.empty = widget.NewLabel(lang.L("Nothing is due today."))
	s.empty.Hide()
	refresh := widget.NewButton(lang.L("Refresh"), s.reload)
	header := container.NewBorder(nil, nil, nil, container.NewHBox(s.mine.choice, refresh), s.summary)
	s.content = container.NewBorder(header, nil, nil, nil, container.NewStack(s.list, container.NewVBox(s.empty)))

	return s
}

// sendNotification sends n through the running Fyne app; without one, as
// in tests that build no app, it does nothing.
func sendNotification(n *fyne.Notification) {
	if a := fyne.CurrentApp(); a != nil {
		a.SendNotification(n)
	}
}

// startRefreshing reloads the tab every todayRefreshInterval until ctx
// ends.
func (s *todayScreen) startRefreshing(ctx context.Context) {
	go func() {
		ticker := time.NewTicker(todayRefreshInterval)
		defer ticker.Stop()

		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
				s.do(s.reload)
			}
		}
	}()
}

// reload reads the Today items in a goroutine. It must be called on the
// UI goroutine.
func (s *todayScreen) reload() {
	s.generation++
	generation := s.generation
	q := app.TodayQuery{Now: s.now(), OwnerID: s.mine.ownerID()}

	go func() {
		items, err := s.store.Today(context.Background(), q)
		s.do(func() { s.onLoaded(generation, items, err) })
	}()
}

func (s *todayScreen) onLoaded(generation int, items []app.TodayItem, err error) {
	if generation != s.generation {
		return
	}

	if err != nil {
		s.errors.report(lang.L("The Today list could not be loaded. The log file has the details."), err)
		return
	}

	s.items = items
	s.fill()
	s.remind()
}

func (s *todayScreen) fill() {
	overdue := 0
	for _, item := range s.items {
		if item.Overdue {
			overdue++
		}
	}
	s.summary.SetText(lang.X("today.summary", "{{.Count}} items, {{.Overdue}} overdue",
		map[string]any{"Count": len(s.items), "Overdue": overdue}))

	if len(s.items) == 0 {
		s.empty.Show()
	} else {
		s.empty.Hide()
	}
	s.list.Refresh()
}

func (s *todayScreen) newItemRow() fyne.CanvasObject {
	return newTodayRow(s.onOpenTapped)
}

// updateItemRow shows item id as "OVERDUE · call · Ask about the offer"
// above its record and due time.
func (s *todayScreen) updateItemRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(s.items) {
		return
	}

	item := s.items[id]
	text := lang.X("today.line.record", "{{.What}}\n{{.Record}}, due {{.Due}}", map[string]any{
		"What":   s.itemWhat(item),
		"Record": item.Title,
		"Due":    s.itemDue(item),
	})
	o.(*todayRow).bind(item, text)
}

func (s *todayScreen) itemWhat(item app.TodayItem) string {
	marker := lang.L("due")
	if item.Overdue {
		marker = lang.L("OVERDUE")
	}

	if item.Kind == app.TodayNextStep {
		return marker + " · " + lang.L("next step") + " · " + item.NextStep
	}

	return marker + " · " + words.ActivityKind(item.Activity.Kind) + " · " + item.Activity.Subject
}

// itemDue writes an activity's due date and time, or a next step's close
// date.
func (s *todayScreen) itemDue(item app.TodayItem) string {
	if item.Kind == app.TodayNextStep {
		return formatTimestamp(item.Due, s.language)
	}

	return formatDateTime(item.Due, s.language)
}

func (s *todayScreen) onOpenTapped(item app.TodayItem) {
	switch {
	case item.OpportunityID != 0 && s.onOpenOpportunity != nil:
		s.onOpenOpportunity(item.OpportunityID)
	case item.LeadID != 0 && s.onOpenLead != nil:
		s.onOpenLead(item.LeadID)
	}
}

// remind sends one notification for each overdue activity not yet
// reminded of since the app started, or a single one for all of them when
// there are more than maxSingleReminders, such as on the first load after
// a weekend.
func (s *todayScreen) remind() {
	var fresh []app.TodayItem
	for _, item := range s.items {
		if item.Kind != app.TodayOverdue || s.reminded[item.Activity.ID] {
			continue
		}
		s.reminded[item.Activity.ID] = true
		fresh = append(fresh, item)
	}

	if len(fresh) > maxSingleReminders {
		s.notify(fyne.NewNotification(lang.L("Follow-ups due"),
			lang.X("today.reminder.many", "{{.Count}} activities are due. Open the Today tab to see them.",
				map[string]any{"Count": len(fresh)})))
		return
	}

	for _, item := range fresh {
		title := lang.X("today.reminder.title", "Due: {{.Subject}}", map[string]any{"Subject": item.Activity.Subject})
		s.notify(fyne.NewNotification(title, fmt.Sprintf("%s · %s", words.ActivityKind(item.Activity.Kind), item.Title)))
	}
}

// buildToday returns the Today tab's content, wires its items to the
// Opportunities and Leads tabs and starts its refresh for the life of the
// process. It returns nil when the store cannot list the Today items.
func (m *mainWindow) buildToday() fyne.CanvasObject {
	store, ok := m.store.(todayLister)
	if !ok {
		return nil
	}

	m.today = newTodayScreen(store, m.do, m.errors, m.language)
	m.today.startRefreshing(context.Background())
	m.today.onOpenOpportunity = func(id int64) {
		m.selectTab(m.opportunities.content)
		m.opportunities.detail.show(id)
	}
	m.today.onOpenLead = func(id int64) {
		m.selectTab(m.leads.content)
		m.leads.detail.show(id)
	}

	return m.today.content
}

// selectTab selects the tab that shows content, found by content so that
// adding tabs moves no index.
func (m *mainWindow) selectTab(content fyne.CanvasObject) {
	for _, item := range m.tabs.Items {
		if item.Content == content {
			m.tabs.Select(item)
			return
		}
	}
}

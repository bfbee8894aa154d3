package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/app/demo"
	"leadwerk/data"
)

// qualityStore returns a store with three leads: two without an e-mail
// address and one without a phone number.
func qualityStore(t *testing.T) *data.Store {
	t.Helper()

	store := openStore(t)
	createLead(t, store, app.Lead{FirstName: "Anna", LastName: "Weber", CompanyName: "Weber GmbH",
		Email: "anna@weber.example", Phone: "+49 221 123456"})
	createLead(t, store, app.Lead{FirstName: "Ben", LastName: "Koch", CompanyName: "Koch KG", Phone: "+49 30 987654"})
	createLead(t, store, app.Lead{FirstName: "Carla", LastName: "Jung", CompanyName: "Jung AG"})

	return store
}

// openQualityView opens the Leads tab on store and then the data-quality
// view from the Leads menu, and waits for its figures.
func openQualityView(t *testing.T, store *data.Store) (*mainWindow, *uiQueue, fyne.CanvasObject) {
	t.Helper()

	m, queue := openLeadsTab(t, store)
	queue.waitFor(t, "the lead list", func() bool { return m.leads.count.Text == "3 leads" })
	menuItem(t, m.window, "Leads", "Data quality…").Action()

	var view fyne.CanvasObject
	queue.waitFor(t, "the figures", func() bool {
		view = m.window.Canvas().Overlays().Top()
		return view != nil && findLabel(view, "3 leads, 3 open")
	})

	return m, queue, view
}

// findHyperlinks returns the hyperlinks below root whose text is text.
func findHyperlinks(root fyne.CanvasObject, text string) []*widget.Hyperlink {
	var links []*widget.Hyperlink
	switch o := root.(type) {
	case *widget.Hyperlink:
		if o.Text == text {
			return []*widget.Hyperlink{o}
		}
		return nil
	case *fyne.Container:
		for _, child := range o.Objects {
			links = append(links, findHyperlinks(child, text)...)
		}
		return links
	}

	if w, ok := root.(fyne.Widget); ok {
		for _, child := range test.WidgetRenderer(w).Objects() {
			links = append(links, findHyperlinks(child, text)...)
		}
	}

	return links
}

func TestDataQualityShowsFigures(t *testing.T) {
	_, _, view := openQualityView(t, qualityStore(t))

	if links := findHyperlinks(view, "Without e-mail"); len(links) != 1 {
		t.Errorf("found %d links named Without e-mail, want 1", len(links))
	}
	if links := findHyperlinks(view, "2"); len(links) != 1 {
		t.Errorf("found %d links reading 2, want 1 for the leads without e-mail", len(links))
	}
	if !findLabel(view, "66.7%") {
		t.Error("the share of 2 of 3 leads, 66.7%, is not shown")
	}
	if !findLabel(view, "33.3%") {
		t.Error("the share of 1 of 3 leads, 33.3%, is not shown")
	}
	if !findLabel(view, "0 contacts") {
		t.Error("the contact total 0 contacts is not shown")
	}
	if links := findHyperlinks(view, "No activity for 30 days"); len(links) != 1 {
		t.Errorf("found %d links named No activity for 30 days, want 1", len(links))
	}
}

func TestDataQualityLinkFiltersLeads(t *testing.T) {
	m, queue, view := openQualityView(t, qualityStore(t))
	screen := m.leads

	links := findHyperlinks(view, "Without e-mail")
	if len(links) != 1 {
		t.Fatalf("found %d links named Without e-mail, want 1", len(links))
	}
	// A link reacts only to a tap on its text, not on its padding.
	test.TapAt(links[0], fyne.NewPos(theme.InnerPadding()+4, links[0].Size().Height/2))

	queue.waitFor(t, "the filtered list", func() bool { return screen.count.Text == "2 leads" })
	if m.tabs.Selected().Content != screen.content {
		t.Error("the Leads tab is not selected")
	}
	if screen.query.Quality.Gap != app.GapMissingEmail {
		t.Errorf("lead query gap = %q, want %q", screen.query.Quality.Gap, app.GapMissingEmail)
	}
	if m.window.Canvas().Overlays().Top() != nil {
		t.Error("the data-quality dialog is still open")
	}
	if !screen.qualityChip.content.Visible() {
		t.Error("the filter chip is hidden")
	}
	if got := screen.qualityChip.button.Text; got != "Filter: Without e-mail" {
		t.Errorf("chip text = %q, want %q", got, "Filter: Without e-mail")
	}

	test.Tap(screen.qualityChip.button)
	queue.waitFor(t, "the whole list", func() bool { return screen.count.Text == "3 leads" })
	if screen.query.Quality.IsSet() {
		t.Errorf("lead query keeps the filter %+v after the chip was tapped", screen.query.Quality)
	}
	if screen.qualityChip.content.Visible() {
		t.Error("the filter chip is still visible")
	}
}

func TestDataQualityLinkClearsOtherFilters(t *testing.T) {
	m, queue, _ := openLeadsTabWithFilters(t)
	screen := m.leads

	m.showLeadsWithGap(app.LeadQualityFilter{Gap: app.GapMissingEmail})
	queue.waitFor(t, "the filtered list", func() bool { return screen.count.Text == "2 leads" })

	if screen.search.Text != "" || screen.query.Search != "" {
		t.Errorf("search = %q, query search = %q, want both empty", screen.search.Text, screen.query.Search)
	}
	if screen.worklist.Checked || screen.query.OpenOnly {
		t.Error("the worklist is still on")
	}
	if len(screen.query.Sources) != 0 {
		t.Errorf("query sources = %v, want none", screen.query.Sources)
	}
	if screen.filters.source.SelectedIndex() != 0 {
		t.Errorf("source filter index = %d, want 0 (all sources)", screen.filters.source.SelectedIndex())
	}
	if screen.filters.owner.Text != "" {
		t.Errorf("owner filter = %q, want empty", screen.filters.owner.Text)
	}
}

// openLeadsTabWithFilters opens the Leads tab with the worklist on, a
// search, a source and an owner that together match no lead.
func openLeadsTabWithFilters(t *testing.T) (*mainWindow, *uiQueue, *data.Store) {
	t.Helper()

	store := qualityStore(t)
	m, queue := openLeadsTab(t, store)
	screen := m.leads
	test.Tap(screen.worklist)
	// The search and the filters share one debounce timer, so each waits
	// for the one before.
	screen.search.SetText("Weber")
	queue.waitFor(t, "the search", func() bool { return screen.query.Search == "Weber" })
	screen.filters.source.SetSelectedIndex(2)
	screen.filters.owner.SetText("Nobody")
	queue.waitFor(t, "the narrowed list", func() bool {
		return screen.query.Owner == "Nobody" && len(screen.query.Sources) == 1 && screen.count.Text == "0 leads"
	})

	return m, queue, store
}

func TestDataQualityIdleDays(t *testing.T) {
	m, queue := openLeadsTab(t, qualityStore(t))
	v := newDataQualityView(m.store, m.window, queue.do, m.errors, "en")
	v.show()
	queue.waitFor(t, "the figures", func() bool { return v.leadTotal.Text == "3 leads, 3 open" })

	v.days.SetText("abc")
	if v.days.Validate() == nil {
		t.Error("the days entry accepts abc")
	}
	if v.days.Text != "abc" {
		t.Errorf("days entry = %q, want the typed abc kept", v.days.Text)
	}
	if v.idleDays != app.DefaultIdleDays {
		t.Errorf("idle days = %d after typing abc, want %d", v.idleDays, app.DefaultIdleDays)
	}

	// The leads were created just now, so a cut-off one day after now
	// makes all three idle.
	v.now = func() time.Time { return time.Now().AddDate(0, 0, 2) }
	v.days.SetText("1")
	content := v.content
	queue.waitFor(t, "the idle figure for 1 day", func() bool {
		return len(findHyperlinks(content, "No activity for 1 day")) == 1 && findLabel(content, "100.0%")
	})
}

// writeDataQualityScreenshot shows the data-quality view over the demo
// data, opened from the Leads menu.
func writeDataQualityScreenshot(t *testing.T, path string) {
	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatal(err)
	}

	m, queue := openLeadsTab(t, store)
	menuItem(t, m.window, "Leads", "Data quality…").Action()
	queue.waitFor(t, "the figures", func() bool {
		view := m.window.Canvas().Overlays().Top()
		// The status line reads "Loading…" from the menu action on.
		return view != nil && !findLabel(view, "Loading…")
	})
	writePNG(t, path, m.window.Canvas().Capture())
}

func TestShareBarFillsShare(t *testing.T) {
	test.NewTempApp(t)
	bar := newShareBar()
	bar.Resize(fyne.NewSize(200, 20))
	renderer := test.WidgetRenderer(bar).(*shareBarRenderer)

	cases := map[float64]float32{25: 50, 0: 0, 100: 200, 150: 200, -5: 0}
	for percent, want := range cases {
		bar.setPercent(percent)
		if got := renderer.fill.Size().Width; got != want {
			t.Errorf("fill width at %v%% = %v, want %v", percent, got, want)
		}
	}
}

func TestFormatShare(t *testing.T) {
	cases := map[string]string{"en": "66.7%", "de": "66,7 %", "de-CH": "66,7 %"}
	for language, want := range cases {
		if got := formatShare(66.7, language); got != want {
			t.Errorf("formatShare(66.7, %s) = %q, want %q", language, got, want)
		}
	}
}

// blockingQuality is a data-quality reader whose loads wait until their
// context ends and then report that on ended.
type blockingQuality struct {
	started chan struct{}
	ended   chan error
}

func (b blockingQuality) DataQuality(ctx context.Context, _ time.Time) (app.DataQuality, error) {
	b.started <- struct{}{}
	<-ctx.Done()
	b.ended <- ctx.Err()

	return app.DataQuality{}, ctx.Err()
}

func TestDataQualityCloseCancelsLoad(t *testing.T) {
	store := blockingQuality{started: make(chan struct{}, 2), ended: make(chan error, 2)}
	window := test.NewTempWindow(t, widget.NewLabel(""))
	queue := newUIQueue()
	v := newDataQualityView(store, window, queue.do, errorReporter{window: window}, "en")

	v.show()
	<-store.started
	v.reload()
	<-store.started
	select {
	case err := <-store.ended:
		if err != context.Canceled {
			t.Errorf("the replaced load ended with %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the replaced load is still running 5 s after a new one started")
	}

	v.dialog.Hide()
	select {
	case err := <-store.ended:
		if err != context.Canceled {
			t.Errorf("the load ended with %v after the dialog closed, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the load is still running 5 s after the dialog closed")
	}
}

package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"leadwerk/app/testenv"
)

func TestWelcomePanelOnEmptyDatabase(t *testing.T) {
	m, queue := openWindow(t, openStore(t))

	queue.waitFor(t, "the welcome panel", func() bool { return m.window.Content() == m.welcome.content })
	for _, text := range []string{"Welcome to Leadwerk", "The database is empty. How do you want to start?"} {
		if !findLabel(m.welcome.content, text) {
			t.Errorf("welcome panel does not show %q", text)
		}
	}
	if got := m.welcome.importButton.Text; got != "Import a CSV folder (Maven CRM layout)…" {
		t.Errorf("import button = %q", got)
	}

	test.Tap(m.welcome.emptyButton)
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })
	queue.waitFor(t, "an empty count", func() bool { return m.opportunities.count.Text == "0 opportunities" })
}

func TestDemoDataFillsTabs(t *testing.T) {
	m, queue := openWindow(t, openStore(t))
	queue.waitFor(t, "the welcome panel", func() bool { return m.window.Content() == m.welcome.content })

	test.Tap(m.welcome.demoButton)
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })
	queue.waitFor(t, "the lead count", func() bool { return m.leads.rows.ready() && m.leads.rows.length() > 0 })
	queue.waitFor(t, "the opportunity count", func() bool {
		return m.opportunities.rows.ready() && m.opportunities.rows.length() > 0
	})

	if got := m.leads.count.Text; !strings.HasSuffix(got, " leads") {
		t.Errorf("lead count label = %q", got)
	}
	queue.waitFor(t, "the pipeline chart", func() bool { return m.pipeline.chart.Image != nil })
}

func TestMavenImportShowsOpportunities(t *testing.T) {
	dir := testenv.SharedData(t, "maven-crm")
	m, queue := openWindow(t, openStore(t))
	queue.waitFor(t, "the welcome panel", func() bool { return m.window.Content() == m.welcome.content })

	m.welcome.importFolder(dir)
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })
	queue.waitFor(t, "all rows counted", func() bool { return m.opportunities.count.Text == "8,800 opportunities" })

	screen := m.opportunities
	queue.waitFor(t, "the first page", func() bool { _, ok := screen.rows.row(0); return ok })
	first, _ := screen.rows.row(0)
	screen.list.Refresh()
	if !findLabel(screen.list, first.Title) {
		t.Errorf("list does not show the first row's title %q", first.Title)
	}

	test.Type(screen.search, "Cancity")
	queue.waitFor(t, "a narrowed count", func() bool {
		return screen.rows.ready() && screen.query.Search == "Cancity"
	})
	if n := screen.rows.length(); n == 0 || n >= 8800 {
		t.Errorf("search for Cancity left %d rows, want between 1 and 8,799", n)
	}
	if got := screen.count.Text; got == "8,800 opportunities" {
		t.Errorf("count label did not change after the search: %q", got)
	}

	queue.waitFor(t, "the first matching row", func() bool { _, ok := screen.rows.row(0); return ok })
	match, _ := screen.rows.row(0)
	if match.Company != "Cancity" {
		t.Errorf("first match has company %q, want Cancity", match.Company)
	}

	screen.list.Select(0)
	detail := screen.detail
	queue.waitFor(t, "the detail", func() bool { return detail.title.Text == match.Title })
	if !findLabel(detail.fields, "Cancity") {
		t.Error("detail does not show the company Cancity")
	}
	if !findLabelContaining(detail.history, "Engaging → "+match.Stage) {
		t.Errorf("detail history shows no change from Engaging to %s", match.Stage)
	}

	m.tabs.SelectIndex(3)
	queue.waitFor(t, "the pipeline chart", func() bool { return m.pipeline.chart.Image != nil })
	if got := m.pipeline.chart.Image.Bounds().Dx(); got != chartWidth {
		t.Errorf("chart width = %d, want %d", got, chartWidth)
	}
	if !findLabel(m.pipeline.totals, "Won deals") {
		t.Error("pipeline totals do not show the won deals")
	}
}

func TestMenuLoadsDemoDataAfterStartEmpty(t *testing.T) {
	m, queue := openWindow(t, openStore(t))
	queue.waitFor(t, "the welcome panel", func() bool { return m.window.Content() == m.welcome.content })
	test.Tap(m.welcome.emptyButton)
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })

	var loadDemo *fyne.MenuItem
	for _, item := range m.window.MainMenu().Items[0].Items {
		if item.Label == "Load demo data" {
			loadDemo = item
		}
	}
	if loadDemo == nil {
		t.Fatal("the File menu does not offer Load demo data")
	}

	loadDemo.Action()
	queue.waitFor(t, "the demo deals", func() bool {
		return m.opportunities.rows.ready() && m.opportunities.rows.length() > 0
	})

	loadDemo.Action()
	want := "Demo data can only be loaded into an empty database."
	queue.waitFor(t, "the not-empty message", func() bool {
		top := m.window.Canvas().Overlays().Top()
		return top != nil && findLabelContaining(top, want)
	})
}

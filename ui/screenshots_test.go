package ui

import (
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"leadwerk/app"
	"leadwerk/app/demo"
	"leadwerk/app/testenv"
	"leadwerk/data"
)

// TestScreenshots writes opportunities.png and pipeline.png of the window
// with the Maven CRM data, and leads.png with the demo data, to the folder
// named by LEADWERK_SCREENSHOTS. Without that variable it skips.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("LEADWERK_SCREENSHOTS")
	if dir == "" {
		t.Skip("set LEADWERK_SCREENSHOTS=DIR to write the screenshots")
	}

	dataset := testenv.SharedData(t, "maven-crm")
	store := openStore(t)
	importMaven(t, store, dataset)
	m, queue := openWindow(t, store)

	screen := m.opportunities
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })
	queue.waitFor(t, "the first page", func() bool { _, ok := screen.rows.row(0); return ok })
	screen.list.Select(2)
	queue.waitFor(t, "the detail", func() bool { return screen.detail.title.Text != "" })
	writePNG(t, filepath.Join(dir, "opportunities.png"), m.window.Canvas().Capture())

	m.tabs.SelectIndex(3)
	queue.waitFor(t, "the pipeline chart", func() bool { return m.pipeline.chart.Image != nil })
	writePNG(t, filepath.Join(dir, "pipeline.png"), m.window.Canvas().Capture())

	writeLeadsScreenshot(t, filepath.Join(dir, "leads.png"))
	writeBoardScreenshot(t, filepath.Join(dir, "board.png"))
	writeOpportunityDetailScreenshot(t, filepath.Join(dir, "opportunity-detail.png"))
	writeOpportunityDetailSectionScreenshots(t, dir)
	writeReportsScreenshot(t, filepath.Join(dir, "reports.png"))
	writeReportsForecastScreenshot(t, filepath.Join(dir, "reports-forecast.png"))
	writeLeadGoalsScreenshot(t, filepath.Join(dir, "lead-goals.png"))
	writeDuplicatesScreenshot(t, filepath.Join(dir, "duplicates.png"))
	writeDataQualityScreenshot(t, filepath.Join(dir, "data-quality.png"))
	writeImportWizardScreenshot(t, filepath.Join(dir, "import-wizard.png"))
}

// writeLeadsScreenshot shows the demo leads as the worklist, with the
// best lead selected so its detail explains its score.
func writeLeadsScreenshot(t *testing.T, path string) {
	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatal(err)
	}

	m, queue := openLeadsTab(t, store)
	screen := m.leads
	queue.waitFor(t, "the learned chances", func() bool { return screen.learning.known && !screen.learning.running })
	test.Tap(screen.worklist)
	queue.waitFor(t, "the worklist", func() bool {
		row, ok := screen.rows.row(0)
		return ok && screen.query.OpenOnly && row.Score > 0
	})

	first, _ := screen.rows.row(0)
	screen.list.Select(0)
	queue.waitFor(t, "the detail", func() bool { return screen.detail.lead.ID == first.ID })
	writePNG(t, path, m.window.Canvas().Capture())
}

// writeOpportunityDetailScreenshot shows the first open demo deal in title order
// with its edit controls, a probability set by hand, its time in each
// stage and its field changes.
func writeOpportunityDetailScreenshot(t *testing.T, path string) {
	ctx := context.Background()
	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(ctx, batch, nil); err != nil {
		t.Fatal(err)
	}

	m, queue := openWindow(t, store)
	screen := m.opportunities
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })
	for i, item := range m.tabs.Items {
		if item.Content == screen.content {
			m.tabs.SelectIndex(i)
		}
	}

	screen.onSortTapped(app.SortByTitle)
	queue.waitFor(t, "the first page", func() bool { _, ok := screen.rows.row(0); return ok })
	index := 0
	for row, ok := screen.rows.row(index); ok && row.StageKind != app.StageOpen; row, ok = screen.rows.row(index) {
		index++
	}
	first, _ := screen.rows.row(index)
	if err := store.SetOpportunityProbability(ctx, first.ID, 35); err != nil {
		t.Fatal(err)
	}

	// A wider detail panel than the default shows more of the history.
	if split, ok := screen.content.(*container.Split); ok {
		split.Offset = 0.45
		split.Refresh()
	}
	screen.list.Select(index)
	detail := screen.detail
	queue.waitFor(t, "the detail", func() bool { return detail.deal.ID == first.ID && len(detail.stages) > 0 })
	writePNG(t, path, m.window.Canvas().Capture())
}

// writeOpportunityDetailSectionScreenshots shows the lower sections of an
// open demo deal's detail: milestones, decision makers and competitors in
// opportunity-detail-parties.png, field changes and the activity
// timeline in opportunity-detail-activities.png. The demo data has no
// milestones, decision makers or competitors, so they are added here.
func writeOpportunityDetailSectionScreenshots(t *testing.T, dir string) {
	ctx := context.Background()
	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(ctx, batch, nil); err != nil {
		t.Fatal(err)
	}
	addScreenshotMilestones(t, store)

	m, queue := openWindow(t, store)
	screen := m.opportunities
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })
	for i, item := range m.tabs.Items {
		if item.Content == screen.content {
			m.tabs.SelectIndex(i)
		}
	}

	screen.onSortTapped(app.SortByTitle)
	queue.waitFor(t, "the first page", func() bool { _, ok := screen.rows.row(0); return ok })
	index := 0
	for row, ok := screen.rows.row(index); ok && row.StageKind != app.StageOpen; row, ok = screen.rows.row(index) {
		index++
	}
	deal, _ := screen.rows.row(index)
	addScreenshotParties(t, store, deal.ID)

	if split, ok := screen.content.(*container.Split); ok {
		split.Offset = 0.45
		split.Refresh()
	}
	screen.list.Select(index)
	detail := screen.detail
	queue.waitFor(t, "the detail with its sections", func() bool {
		return detail.deal.ID == deal.ID && len(detail.parties.contactRows) == 2 &&
			len(detail.parties.competitorRows) == 2 && len(detail.milestones.boxes) == 3
	})

	scrollDetailTo(t, detail, detail.milestones.content)
	writePNG(t, filepath.Join(dir, "opportunity-detail-parties.png"), m.window.Canvas().Capture())

	// The timeline is the last section and ends with its form, so the
	// bottom of the panel shows the activities and the form.
	detail.body.(*container.Scroll).ScrollToBottom()
	writePNG(t, filepath.Join(dir, "opportunity-detail-activities.png"), m.window.Canvas().Capture())
}

// addScreenshotMilestones gives every stage of every pipeline the same
// three milestones.
func addScreenshotMilestones(t *testing.T, store *data.Store) {
	ctx := context.Background()
	pipelines, err := store.Pipelines(ctx)
	if err != nil {
		t.Fatal(err)
	}

	for _, p := range pipelines {
		for i := range p.Stages {
			p.Stages[i].Milestones = []string{"Budget confirmed", "Decision maker met", "Offer reviewed by legal"}
		}
		if _, err := store.UpdatePipeline(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
}

// addScreenshotParties stores two decision makers, two competitors and
// one done milestone for deal id.
func addScreenshotParties(t *testing.T, store *data.Store, id int64) {
	ctx := context.Background()
	contacts := []app.DealContact{
		{OpportunityID: id, Name: "Carla Jung", Email: "c.jung@example.com", Role: app.DealRoleEconomicBuyer, Primary: true},
		{OpportunityID: id, Name: "Tobias Wendt", Email: "t.wendt@example.com", Role: app.DealRoleChampion},
	}
	for _, c := range contacts {
		if _, err := store.SaveDealContact(ctx, c); err != nil {
			t.Fatal(err)
		}
	}

	competitors := []app.Competitor{
		{OpportunityID: id, Name: "Nordwerk Systems", Strengths: "Lower price", Weaknesses: "No local service", Status: app.CompetitorActive},
		{OpportunityID: id, Name: "Alpin Data", Strengths: "Known brand", Weaknesses: "Long delivery times", Status: app.CompetitorEliminated},
	}
	for _, c := range competitors {
		if _, err := store.SaveCompetitor(ctx, c); err != nil {
			t.Fatal(err)
		}
	}

	if err := store.SetMilestone(ctx, id, "Budget confirmed", true); err != nil {
		t.Fatal(err)
	}
}

// scrollDetailTo scrolls the detail panel so that section is at its top.
func scrollDetailTo(t *testing.T, detail *opportunityDetail, section fyne.CanvasObject) {
	t.Helper()

	scroll, ok := detail.body.(*container.Scroll)
	if !ok {
		t.Fatalf("detail body is a %T, want a scroll container", detail.body)
	}

	driver := fyne.CurrentApp().Driver()
	top := driver.AbsolutePositionForObject(section).Y - driver.AbsolutePositionForObject(scroll.Content).Y
	scroll.ScrollToOffset(fyne.NewPos(0, top))
}

// writeBoardScreenshot shows the demo deals on the Board tab with the
// first card selected.
func writeBoardScreenshot(t *testing.T, path string) {
	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatal(err)
	}

	m, queue := openWindow(t, store)
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })
	m.tabs.SelectIndex(2)
	queue.waitFor(t, "the board", func() bool {
		return len(m.board.columns) > 0 && len(m.board.columns[0].cards) > 0
	})

	m.board.selectCard(m.board.columns[0].cards[0])
	writePNG(t, path, m.window.Canvas().Capture())
}

// writeLeadGoalsScreenshot shows the lead goal calculator on the demo
// data, per lead source, for a quarterly target of 250,000.
func writeLeadGoalsScreenshot(t *testing.T, path string) {
	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatal(err)
	}

	m, queue := openLeadsTab(t, store)
	deals, leads, err := loadGoalFacts(store)
	if err != nil {
		t.Fatal(err)
	}

	d := newLeadGoalDialog(m.window, queue.do, m.errors, m.language, deals, leads)
	d.dialog.Show()
	d.target.SetText("250000")
	d.bySource.SetChecked(true)
	writePNG(t, path, m.window.Canvas().Capture())
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()

	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	if err := png.Encode(f, img); err != nil {
		t.Fatalf("write %s: %v", path, err)
	}
}

// writeReportsScreenshot shows the Reports tab on the demo data over the
// last 12 months, so every KPI tile has figures to compare.
func writeReportsScreenshot(t *testing.T, path string) {
	_, screen, queue, _ := openReportsTab(t)
	screen.filters.period.SetSelected(presetLast12Months.label())
	waitForReports(t, screen, queue)
	writePNG(t, path, screen.window.Canvas().Capture())
}

// writeDuplicatesScreenshot shows the duplicates dialog over the demo
// data with a few added duplicates, the Müller pair selected.
func writeDuplicatesScreenshot(t *testing.T, path string) {
	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatal(err)
	}
	addDuplicateLeads(t, store)

	v, queue, m := openDuplicatesView(t, store)
	v.list.Select(groupIndex(v, "Jürgen Müller"))
	queue.waitFor(t, "the recent merges", func() bool { return v.merges.list != nil })
	writePNG(t, path, m.window.Canvas().Capture())
}

// writeReportsForecastScreenshot shows the forecast from history of the
// demo data, scrolled to the top of the tab's view, with its range.
func writeReportsForecastScreenshot(t *testing.T, path string) {
	_, screen, queue, _ := openReportsTab(t)
	waitForRange(t, screen, queue)

	driver := fyne.CurrentApp().Driver()
	top := driver.AbsolutePositionForObject(screen.history.content).Y - driver.AbsolutePositionForObject(screen.scroll.Content).Y
	screen.scroll.ScrollToOffset(fyne.NewPos(0, top))
	writePNG(t, path, screen.window.Canvas().Capture())
}

// TestScreenshotsGerman writes the main screens in German as *-de.png to
// the folder named by LEADWERK_SCREENSHOTS, all on the demo data, so no
// shared dataset is needed. Without that variable it skips.
func TestScreenshotsGerman(t *testing.T) {
	dir := os.Getenv("LEADWERK_SCREENSHOTS")
	if dir == "" {
		t.Skip("set LEADWERK_SCREENSHOTS=DIR to write the screenshots")
	}

	useGerman(t)
	writeOpportunitiesDemoScreenshot(t, filepath.Join(dir, "opportunities-de.png"))
	writeLeadsScreenshot(t, filepath.Join(dir, "leads-de.png"))
	writeOpportunityDetailScreenshot(t, filepath.Join(dir, "opportunity-detail-de.png"))
	writeBoardScreenshot(t, filepath.Join(dir, "board-de.png"))
	writeReportsScreenshot(t, filepath.Join(dir, "reports-de.png"))
	writeTodayScreenshot(t, filepath.Join(dir, "today-de.png"))
	writePreferencesScreenshot(t, filepath.Join(dir, "preferences-de.png"))
}

// openDemoTabs opens the window on a database with the demo data and
// waits for the tabs.
func openDemoTabs(t *testing.T) (*mainWindow, *uiQueue) {
	t.Helper()

	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatal(err)
	}

	m, queue := openWindow(t, store)
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })

	return m, queue
}

// writeOpportunitiesDemoScreenshot shows the demo deals with the third
// one selected.
func writeOpportunitiesDemoScreenshot(t *testing.T, path string) {
	m, queue := openDemoTabs(t)
	screen := m.opportunities
	m.selectTab(screen.content)
	queue.waitFor(t, "the first page", func() bool { _, ok := screen.rows.row(2); return ok })

	screen.list.Select(2)
	queue.waitFor(t, "the detail", func() bool { return screen.detail.title.Text != "" })
	writePNG(t, path, m.window.Canvas().Capture())
}

// writeTodayScreenshot shows the Today tab of the demo data.
func writeTodayScreenshot(t *testing.T, path string) {
	m, queue := openDemoTabs(t)
	m.selectTab(m.today.content)
	queue.waitFor(t, "the due items", func() bool { return m.today.summary.Text != "" })

	writePNG(t, path, m.window.Canvas().Capture())
}

// writePreferencesScreenshot shows the Preferences dialog over the
// Leads tab.
func writePreferencesScreenshot(t *testing.T, path string) {
	m, queue := openDemoTabs(t)
	queue.waitFor(t, "the first page", func() bool { _, ok := m.opportunities.rows.row(0); return ok })
	m.openPreferences()
	queue.waitFor(t, "the preferences", func() bool { return m.window.Canvas().Overlays().Top() != nil })

	writePNG(t, path, m.window.Canvas().Capture())
}

// writeImportWizardScreenshot shows the import wizard's settings step
// with the detected settings and the preview of a German Excel CSV.
func writeImportWizardScreenshot(t *testing.T, path string) {
	f := openImportWizard(t, nil)
	f.openFile(t, writeGermanLeads(t))
	writePNG(t, path, f.window.Canvas().Capture())
}

// writeTrashScreenshot shows the trash dialog with a deleted lead and a
// deleted deal of the demo data, the lead selected.
func writeTrashScreenshot(t *testing.T, path string) {
	ctx := context.Background()
	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(ctx, batch, nil); err != nil {
		t.Fatal(err)
	}

	leads, err := store.ListLeads(ctx, app.LeadQuery{Limit: 1})
	if err != nil || len(leads) == 0 {
		t.Fatalf("demo leads: %v", err)
	}
	deals, err := store.ListOpportunities(ctx, app.OpportunityQuery{Sort: app.SortByTitle, Limit: 1})
	if err != nil || len(deals) == 0 {
		t.Fatalf("demo deals: %v", err)
	}
	if _, err := store.Delete(ctx, app.EntityOpportunity, deals[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Delete(ctx, app.EntityLead, leads[0].ID); err != nil {
		t.Fatal(err)
	}

	m, queue := openWindow(t, store)
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })
	queue.waitFor(t, "the first page", func() bool { _, ok := m.opportunities.rows.row(0); return ok })
	trash := m.showTrash()
	queue.waitFor(t, "the trash items", func() bool { return len(trash.items) == 2 })
	trash.list.Select(0)
	writePNG(t, path, m.window.Canvas().Capture())
}

// TestScreenshotsTrash writes trash.png to the folder named by
// LEADWERK_SCREENSHOTS. It needs no shared data, so it runs apart from
// TestScreenshots.
func TestScreenshotsTrash(t *testing.T) {
	dir := os.Getenv("LEADWERK_SCREENSHOTS")
	if dir == "" {
		t.Skip("set LEADWERK_SCREENSHOTS=DIR to write the screenshots")
	}

	writeTrashScreenshot(t, filepath.Join(dir, "trash.png"))
}

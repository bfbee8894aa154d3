package ui

import (
	"context"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// mainWindow is Leadwerk's window: the welcome panel on an empty
// database, else the Leads, Opportunities and Pipeline tabs.
type mainWindow struct {
	window fyne.Window
	store  app.Store
	do     uiRunner
	errors errorReporter

	language      string
	leads         *leadsScreen
	quickCapture  *quickCapture
	opportunities *opportunitiesScreen
	board         *boardScreen
	pipeline      *pipelineScreen
	today         *todayScreen
	reports       *reportsScreen
	welcome       *welcomePanel
	undo          *undoStack
	tabs          *container.AppTabs
}

func newMainWindow(a fyne.App, store app.Store, sources batchSources, do uiRunner, logger *slog.Logger) *mainWindow {
	m := newLoadingMainWindow(a, store, do, logger)
	m.build(a, sources)

	return m
}

// newLoadingMainWindow creates the window with only a "Loading…" label,
// which Run shows before [mainWindow.build] creates the screens, so that
// the first frame does not wait for them.
func newLoadingMainWindow(a fyne.App, store app.Store, do uiRunner, logger *slog.Logger) *mainWindow {
	window := a.NewWindow(lang.L("Leadwerk"))
	window.Resize(fyne.NewSize(1280, 800))

	language := currentLanguage()
	errors := errorReporter{window: window, logger: logger}
	m := &mainWindow{window: window, store: store, do: do, errors: errors, language: language}
	window.SetContent(container.NewCenter(widget.NewLabel(lang.L("Loading…"))))

	return m
}

// build creates the screens, the tabs and the main menu.
func (m *mainWindow) build(a fyne.App, sources batchSources) {
	window, store, do, errors, language := m.window, m.store, m.do, m.errors, m.language
	detail := newOpportunityDetail(store, do, errors, language)
	m.buildLeads()
	m.opportunities = newOpportunitiesScreen(store, detail, do, errors, language)
	m.pipeline = newPipelineScreen(store, do, errors, language)
	boardContent := m.buildBoard()
	m.welcome = newWelcomePanel(store, sources, window, do, errors, m.showTabs)

	m.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Leads"), m.leads.content),
		container.NewTabItem(lang.L("Opportunities"), m.opportunities.content),
		container.NewTabItem(lang.L("Board"), boardContent),
		container.NewTabItem(lang.L("Pipeline"), m.pipeline.content),
		container.NewTabItem(lang.L("Reports"), m.buildReports()),
	)
	if today := m.buildToday(); today != nil {
		m.tabs.Append(container.NewTabItem(lang.L("Today"), today))
	}
	m.tabs.SelectIndex(1)
	m.restoreLayout(a.Preferences())
	m.undo = m.newUndo()
	m.connectDeletes()
	window.SetMainMenu(m.mainMenu())
	m.installRefresh(a)
}

// start checks in a goroutine whether the database is empty and then
// shows the welcome panel or the tabs.
func (m *mainWindow) start() {
	m.loadPreferences()
	go func() {
		m.signIn()
		empty, err := m.store.IsEmpty(context.Background())
		m.do(func() { m.onEmptinessChecked(empty, err) })
	}()
}

func (m *mainWindow) onEmptinessChecked(empty bool, err error) {
	m.purgeOldTrash()
	if err != nil {
		m.errors.report(lang.L("The database could not be read. The log file has the details."), err)
	}

	if empty && err == nil {
		m.window.SetContent(m.welcome.content)
		return
	}

	m.showTabs()
}

// showTabs shows the tabs and reloads every screen from the store.
func (m *mainWindow) showTabs() {
	m.window.SetContent(m.tabs)
	m.leads.reload()
	m.opportunities.reload()
	m.pipeline.reload()
	if m.today != nil {
		m.today.reload()
	}
	if m.board != nil {
		m.board.reload()
	}
}

// buildBoard returns the Board tab's content.
func (m *mainWindow) buildBoard() fyne.CanvasObject {
	m.board = newBoardScreen(m.store, m.window, m.do, m.errors, m.language)
	m.board.onOpenOpportunity = func(id int64) {
		m.selectTab(m.opportunities.content)
		m.opportunities.detail.show(id)
	}

	return m.board.content
}

// mainMenu offers the welcome panel's imports at any time, so a person who
// chose to start empty can still bring data in. Fyne adds Quit to the
// first menu.
func (m *mainWindow) mainMenu() *fyne.MainMenu {
	file := fyne.NewMenu(lang.L("File"),
		fyne.NewMenuItem(lang.L("Import a CSV folder (Maven CRM layout)…"), m.welcome.onImportTapped),
		fyne.NewMenuItem(lang.X("importwizard.menu", "Import a file…"), m.openImportWizard),
		fyne.NewMenuItem(lang.L("Load demo data"), m.welcome.onDemoTapped),
		withShortcut(fyne.NewMenuItem(lang.L("Print / Export PDF…"), m.openReportExport), printShortcut),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.X("export.menu.leads", "Export leads…"), m.onExportLeadsTapped),
		fyne.NewMenuItem(lang.X("export.menu.opportunities", "Export opportunities…"), m.onExportOpportunitiesTapped),
		fyne.NewMenuItem(lang.X("export.menu.everything", "Export everything (JSON)…"), m.onExportEverythingTapped),
		fyne.NewMenuItem(lang.X("export.menu.calendar", "Export open activities (iCalendar)…"), m.onExportCalendarTapped),
		fyne.NewMenuItem(lang.X("gdpr.menu", "Privacy (GDPR)…"), m.openPrivacy),
	)
	file.Items = append(file.Items, m.backupMenuItems()...)

	leads := fyne.NewMenu(lang.L("Leads"),
		withShortcut(fyne.NewMenuItem(lang.L("New lead…"), func() { m.openLeadForm(app.Lead{}) }), newLeadShortcut),
		quickCaptureMenuItem(m.openQuickCapture),
		fyne.NewMenuItem(lang.L("Lead goal calculator…"), m.openLeadGoals),
		fyne.NewMenuItem(lang.L("quality.menu"), m.openDataQuality),
		fyne.NewMenuItem(lang.X("duplicates.menu", "Find duplicates…"), m.openDuplicates),
	)
	settings := fyne.NewMenu(lang.L("Settings"),
		fyne.NewMenuItem(lang.X("preferences.menu", "Preferences…"), m.openPreferences),
		fyne.NewMenuItem(lang.L("Scoring…"), m.openScoringSettings),
		fyne.NewMenuItem(lang.L("Learned scoring…"), m.openLeadModelSettings),
		fyne.NewMenuItem(lang.L("Sales processes…"), m.openPipelineSettings),
		fyne.NewMenuItem(lang.L("Close reasons…"), m.openCloseReasonSettings),
		fyne.NewMenuItem(lang.L("Your name…"), m.openUserSettings),
		fyne.NewMenuItem(lang.X("offers.menu.letterhead", "Letterhead…"), m.openLetterheadSettings),
	)

	return fyne.NewMainMenu(file, leads, m.editMenu(), settings, m.viewMenu(), m.helpMenu())
}

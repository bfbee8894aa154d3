package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// quickCaptureShortcut opens quick capture: Ctrl+Shift+N, or Cmd+Shift+N
// on macOS. Main menu shortcuts run even while an entry has the focus.
var quickCaptureShortcut = &desktop.CustomShortcut{
	KeyName:  fyne.KeyN,
	Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift,
}

func quickCaptureMenuItem(open func()) *fyne.MenuItem {
	item := fyne.NewMenuItem(lang.L("Quick capture…"), open)
	item.Shortcut = quickCaptureShortcut

	return item
}

// buildLeads makes the Leads tab and connects its detail panel and
// buttons to the lead dialogs.
func (m *mainWindow) buildLeads() {
	detail := newLeadDetail(m.store, m.window, m.do, m.errors, m.language)
	m.leads = newLeadsScreen(m.store, detail, m.do, m.errors, m.language)
	m.leads.onNewLead = func() { m.openLeadForm(app.Lead{}) }
	m.leads.onQuickCapture = m.openQuickCapture

	detail.onEdit = m.openLeadForm
	detail.onQualify = m.openQualification
	detail.onChanged = m.leads.onLeadChanged
}

// openLeadForm opens the lead form for l, or a blank one for the zero
// Lead.
func (m *mainWindow) openLeadForm(l app.Lead) {
	form := newLeadForm(m.store, m.window, m.do, m.errors, m.language, l)
	form.onSaved = func(saved app.Lead) { m.showLead(saved.ID) }
	form.onOpenExisting = m.showLead
	form.show()
}

// showLead switches to the Leads tab and shows lead id in its detail.
func (m *mainWindow) showLead(id int64) {
	m.tabs.SelectIndex(0)
	m.leads.onLeadChanged(id)
}

func (m *mainWindow) openQualification(lead app.LeadDetail) {
	d := newQualificationDialog(m.store, m.window, m.do, m.errors, m.language, lead)
	d.onSaved = func(saved app.Lead) { m.leads.onLeadChanged(saved.ID) }
	d.show()
}

// openQuickCapture shows the window's one quick capture dialog, so the
// source fields stay filled between openings.
func (m *mainWindow) openQuickCapture() {
	if m.quickCapture == nil {
		m.quickCapture = newQuickCapture(m.store, m.window, m.do, m.errors, m.language)
		m.quickCapture.onSaved = func(app.Lead) { m.leads.reload() }
		m.quickCapture.onOpenExisting = m.showLead
	}

	m.tabs.SelectIndex(0)
	m.quickCapture.show()
}

func (m *mainWindow) openScoringSettings() {
	openScoringDialog(m.store, m.window, m.do, m.errors, m.leads.reload)
}

package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/app/demo"
	"leadwerk/data"
)

// openLeadsTab opens the window on store and waits for its tabs,
// starting empty when the welcome panel shows.
func openLeadsTab(t *testing.T, store app.Store) (*mainWindow, *uiQueue) {
	t.Helper()

	m, queue := openWindow(t, store)
	queue.waitFor(t, "the first panel", func() bool {
		return m.window.Content() == m.tabs || m.window.Content() == m.welcome.content
	})
	if m.window.Content() == m.welcome.content {
		test.Tap(m.welcome.emptyButton)
	}
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })
	m.tabs.SelectIndex(0)

	return m, queue
}

func createLead(t *testing.T, store *data.Store, l app.Lead) app.Lead {
	t.Helper()

	created, err := store.CreateLead(context.Background(), l)
	if err != nil {
		t.Fatalf("create lead %s: %v", l.Name(), err)
	}

	return created
}

func storedLead(t *testing.T, store *data.Store, id int64) app.LeadDetail {
	t.Helper()

	detail, err := store.Lead(context.Background(), id)
	if err != nil {
		t.Fatalf("read lead %d: %v", id, err)
	}

	return detail
}

func allLeads(t *testing.T, store *data.Store) []app.Lead {
	t.Helper()

	leads, err := store.ListLeads(context.Background(), app.LeadQuery{Sort: app.SortLeadsByName})
	if err != nil {
		t.Fatalf("list leads: %v", err)
	}

	return leads
}

// typeKeys types text into the focused widget, as a keyboard does.
func typeKeys(t *testing.T, c fyne.Canvas, text string) {
	t.Helper()

	focused := c.Focused()
	if focused == nil {
		t.Fatalf("nothing has the focus to type %q into", text)
	}

	for _, r := range text {
		focused.TypedRune(r)
	}
}

// pressKey sends a key to the focused widget. Tab moves the focus, as
// Fyne's desktop driver does for widgets that do not take Tab as input.
func pressKey(t *testing.T, c fyne.Canvas, name fyne.KeyName) {
	t.Helper()

	focused := c.Focused()
	if focused == nil {
		t.Fatalf("nothing has the focus to press %s on", name)
	}

	if tabbable, ok := focused.(fyne.Tabbable); name == fyne.KeyTab && (!ok || !tabbable.AcceptsTab()) {
		test.FocusNext(c)
		return
	}

	focused.TypedKey(&fyne.KeyEvent{Name: name})
}

// findButton returns the button with exactly text below root, or nil.
func findButton(root fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walkObjects(root, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})

	return found
}

func walkObjects(root fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(root)
	switch o := root.(type) {
	case *fyne.Container:
		for _, child := range o.Objects {
			walkObjects(child, visit)
		}
		return
	case *widget.Label, *widget.Button:
		return
	}

	if w, ok := root.(fyne.Widget); ok {
		for _, child := range test.WidgetRenderer(w).Objects() {
			walkObjects(child, visit)
		}
	}
}

// tapOverlayButton taps the button with text in the topmost dialog.
func tapOverlayButton(t *testing.T, m *mainWindow, queue *uiQueue, text string) {
	t.Helper()

	var button *widget.Button
	queue.waitFor(t, "the button "+text, func() bool {
		top := m.window.Canvas().Overlays().Top()
		if top != nil {
			button = findButton(top, text)
		}
		return button != nil
	})
	test.Tap(button)
}

func TestQuickCaptureByKeyboardAlone(t *testing.T) {
	store := openStore(t)
	m, queue := openLeadsTab(t, store)

	menu := m.window.MainMenu().Items[1]
	item := menu.Items[1]
	if item.Shortcut == nil || item.Shortcut.ShortcutName() != quickCaptureShortcut.ShortcutName() {
		t.Fatalf("the Leads menu item %q has no quick capture shortcut", item.Label)
	}
	item.Action()

	c := m.window.Canvas()
	q := m.quickCapture
	if c.Focused() != q.sourceDetail {
		t.Fatalf("focus is on %T, want the source detail", c.Focused())
	}
	typeKeys(t, c, "Hannover Messe")
	pressKey(t, c, fyne.KeyTab)
	typeKeys(t, c, "HM 2025")
	pressKey(t, c, fyne.KeyTab)

	cards := [][]string{
		{"Anna", "Schmidt", "Schmidt Maschinenbau", "Einkauf", "anna@schmidt.de"},
		{"Bernd", "Vogel", "Vogel AG", "", ""},
		{"Clara", "Weiß", "Weiß & Söhne", "CTO", "clara@weiss.de"},
	}
	for i, card := range cards {
		if c.Focused() != q.firstName {
			t.Fatalf("card %d: focus is on %T, want the first name", i+1, c.Focused())
		}
		for j, value := range card {
			if j > 0 {
				pressKey(t, c, fyne.KeyTab)
			}
			typeKeys(t, c, value)
		}
		pressKey(t, c, fyne.KeyReturn)
		queue.waitFor(t, "the saved card", func() bool { return q.saved == i+1 && !q.saving })
		if q.firstName.Text != "" || q.company.Text != "" {
			t.Errorf("card %d: the next card is not blank: %q, %q", i+1, q.firstName.Text, q.company.Text)
		}
		if q.sourceDetail.Text != "Hannover Messe" || q.campaign.Text != "HM 2025" {
			t.Errorf("card %d: source fields changed to %q, %q", i+1, q.sourceDetail.Text, q.campaign.Text)
		}
	}

	if want := "Saved Clara Weiß. 3 cards in this session."; q.status.Text != want {
		t.Errorf("status = %q, want %q", q.status.Text, want)
	}

	pressKey(t, c, fyne.KeyEscape)
	if c.Overlays().Top() != nil {
		t.Error("Escape did not close quick capture")
	}

	leads := allLeads(t, store)
	if len(leads) != len(cards) {
		t.Fatalf("stored %d leads, want %d", len(leads), len(cards))
	}
	for i, l := range leads {
		card := cards[i]
		if l.FirstName != card[0] || l.LastName != card[1] || l.CompanyName != card[2] || l.Email != card[4] {
			t.Errorf("lead %d = %q %q at %q, %q; want %v", i, l.FirstName, l.LastName, l.CompanyName, l.Email, card)
		}
		if l.Source != app.SourceTradeFair || l.SourceDetail != "Hannover Messe" || l.Campaign != "HM 2025" {
			t.Errorf("lead %d source = %q, %q, %q", i, l.Source, l.SourceDetail, l.Campaign)
		}
	}
}

// typeCard types the fields of a card, Tab between them, starting in the
// focused field.
func typeCard(t *testing.T, c fyne.Canvas, fields ...string) {
	t.Helper()

	for i, value := range fields {
		if i > 0 {
			pressKey(t, c, fyne.KeyTab)
		}
		typeKeys(t, c, value)
	}
}

func TestQuickCaptureWarnsBeforeSavingDuplicate(t *testing.T) {
	store := openStore(t)
	existing := createLead(t, store, app.Lead{FirstName: "Anna", LastName: "Schulz", CompanyName: "QC Test AG"})
	m, queue := openLeadsTab(t, store)

	m.openQuickCapture()
	c := m.window.Canvas()
	q := m.quickCapture
	typeKeys(t, c, "Hannover Messe")
	pressKey(t, c, fyne.KeyTab)
	pressKey(t, c, fyne.KeyTab)
	typeCard(t, c, "anna", "schulz", "qc test")
	pressKey(t, c, fyne.KeyReturn)
	queue.waitFor(t, "the duplicate warning", func() bool { return q.existing.ID != 0 && !q.saving })

	if q.existing.ID != existing.ID {
		t.Errorf("the warning names lead %d, want %d", q.existing.ID, existing.ID)
	}
	if n := len(allLeads(t, store)); n != 1 {
		t.Fatalf("the first Enter stored the duplicate: %d leads, want 1", n)
	}
	for _, want := range []string{"Anna Schulz, QC Test AG", "Enter again", "Ctrl+O"} {
		if !strings.Contains(q.status.Text, want) {
			t.Errorf("status = %q, want it to contain %q", q.status.Text, want)
		}
	}
	if q.firstName.Text != "anna" {
		t.Errorf("the warning cleared the card: first name %q", q.firstName.Text)
	}

	pressKey(t, c, fyne.KeyReturn)
	queue.waitFor(t, "the card saved anyway", func() bool { return q.saved == 1 && !q.saving })
	if n := len(allLeads(t, store)); n != 2 {
		t.Fatalf("Enter again left %d leads, want 2", n)
	}
	if q.existing.ID != 0 || strings.Contains(q.status.Text, "Enter again") {
		t.Errorf("the warning outlived the save: %q", q.status.Text)
	}

	typeCard(t, c, "Anna", "Schulz", "QC Test AG")
	pressKey(t, c, fyne.KeyReturn)
	queue.waitFor(t, "the second warning", func() bool { return q.existing.ID != 0 && !q.saving })

	warned := q.existing
	if warned.FirstName != "Anna" || warned.LastName != "Schulz" {
		t.Errorf("the warning names %q, want a stored Anna Schulz", warned.Name())
	}
	focused, ok := c.Focused().(fyne.Shortcutable)
	if !ok {
		t.Fatalf("focus is on %T, which takes no shortcuts", c.Focused())
	}
	focused.TypedShortcut(openExistingShortcut)
	if c.Overlays().Top() != nil {
		t.Error("the shortcut did not close quick capture")
	}
	queue.waitFor(t, "the existing lead", func() bool { return m.leads.detail.lead.ID == warned.ID })
	if n := len(allLeads(t, store)); n != 2 {
		t.Errorf("opening the existing lead stored the card: %d leads, want 2", n)
	}
}

func TestQuickCaptureRechecksChangedCard(t *testing.T) {
	store := openStore(t)
	createLead(t, store, app.Lead{FirstName: "Anna", LastName: "Schulz", CompanyName: "QC Test AG"})
	m, queue := openLeadsTab(t, store)

	m.openQuickCapture()
	c := m.window.Canvas()
	q := m.quickCapture
	c.Focus(q.firstName)
	typeCard(t, c, "Anna", "Schulz", "QC Test AG")
	pressKey(t, c, fyne.KeyReturn)
	queue.waitFor(t, "the duplicate warning", func() bool { return q.existing.ID != 0 && !q.saving })

	c.Focus(q.company)
	q.company.SetText("")
	typeKeys(t, c, "Schulz Metall KG")
	pressKey(t, c, fyne.KeyReturn)
	queue.waitFor(t, "the changed card", func() bool { return q.saved == 1 && !q.saving })
	if n := len(allLeads(t, store)); n != 2 {
		t.Errorf("stored %d leads, want 2", n)
	}
}

func TestQuickCaptureRejectsCardWithoutName(t *testing.T) {
	store := openStore(t)
	m, _ := openLeadsTab(t, store)

	m.openQuickCapture()
	c := m.window.Canvas()
	c.Focus(m.quickCapture.email)
	typeKeys(t, c, "nobody@example.de")
	pressKey(t, c, fyne.KeyReturn)

	if got := m.quickCapture.problem.Text; !strings.Contains(got, "Required") {
		t.Errorf("problem = %q, want the name marked as required", got)
	}
	if c.Focused() != m.quickCapture.firstName {
		t.Errorf("focus is on %T, want the first name", c.Focused())
	}
	if n := len(allLeads(t, store)); n != 0 {
		t.Errorf("stored %d leads, want none", n)
	}
}

func TestQualificationDialogSavesPartialAnswers(t *testing.T) {
	store := openStore(t)
	lead := createLead(t, store, app.Lead{FirstName: "Dora", LastName: "Brandt", CompanyName: "Brandt KG"})
	m, queue := openLeadsTab(t, store)

	d := newQualificationDialog(store, m.window, queue.do, m.errors, "en", storedLead(t, store, lead.ID))
	saved := false
	d.onSaved = func(app.Lead) { saved = true }
	d.show()

	d.budget.SetSelected("indicated range")
	test.Type(d.amount, "12,500.00")
	test.Type(d.upTo, "20,000")
	d.priority.SetSelected("4")
	test.Type(d.need, "Manual order entry takes two days")
	test.Type(d.timeNote, "asks again after the fair")
	if d.saveButton.Disabled() {
		t.Fatalf("Save is disabled: %q", d.problem.Text)
	}

	test.Tap(d.saveButton)
	queue.waitFor(t, "the saved qualification", func() bool { return saved })

	detail := storedLead(t, store, lead.ID)
	if len(detail.Qualifications) != 1 {
		t.Fatalf("lead has %d qualifications, want 1", len(detail.Qualifications))
	}
	q := detail.Qualifications[0]
	if q.Budget != app.BudgetIndicated {
		t.Errorf("budget = %q, want indicated", q.Budget)
	}
	if want := (app.Money{Minor: 1250000, Currency: "EUR"}); q.BudgetAmount != want {
		t.Errorf("budget amount = %v, want %v", q.BudgetAmount, want)
	}
	if want := (app.Money{Minor: 2000000, Currency: "EUR"}); q.BudgetUpTo != want {
		t.Errorf("budget up to = %v, want %v", q.BudgetUpTo, want)
	}
	if q.Authority != "" || q.Timeframe != "" {
		t.Errorf("unanswered authority %q and timeframe %q were filled in", q.Authority, q.Timeframe)
	}
	if q.NeedPriority != 4 || q.Need != "Manual order entry takes two days" {
		t.Errorf("need = %q priority %d", q.Need, q.NeedPriority)
	}
	if q.TimeNote != "asks again after the fair" {
		t.Errorf("time note = %q", q.TimeNote)
	}
}

func TestQualificationDialogRejectsEnglishAmountInGerman(t *testing.T) {
	store := openStore(t)
	lead := createLead(t, store, app.Lead{LastName: "Brandt"})
	m, queue := openLeadsTab(t, store)

	d := newQualificationDialog(store, m.window, queue.do, m.errors, "de", storedLead(t, store, lead.ID))
	d.budget.SetSelected("confirmed")
	test.Type(d.amount, "12,500.00")
	if !d.saveButton.Disabled() {
		t.Error("Save is enabled for 12,500.00 in German")
	}

	d.amount.SetText("12.500,00")
	if d.saveButton.Disabled() {
		t.Errorf("Save is disabled for 12.500,00 in German: %q", d.problem.Text)
	}
}

func TestLeadFormSaveEnabledOnlyWhenValid(t *testing.T) {
	store := openStore(t)
	m, queue := openLeadsTab(t, store)

	f := newLeadForm(store, m.window, queue.do, m.errors, "en", app.Lead{})
	f.onSaved = func(app.Lead) {}
	f.show()
	if !f.saveButton.Disabled() {
		t.Error("Save is enabled on a blank form")
	}

	test.Type(f.email, "anna@")
	if !f.saveButton.Disabled() {
		t.Error("Save is enabled without a name")
	}
	if p := f.problems[app.FieldEmail]; !p.Visible() || !strings.Contains(p.Text, "e-mail address") {
		t.Errorf("e-mail problem = %q, visible %v", p.Text, p.Visible())
	}

	test.Type(f.lastName, "Schmidt")
	if !f.saveButton.Disabled() {
		t.Error("Save is enabled with the e-mail anna@")
	}

	test.Type(f.email, "example.de")
	if f.saveButton.Disabled() {
		t.Error("Save is disabled for a valid lead")
	}
	if f.problems[app.FieldEmail].Visible() {
		t.Errorf("e-mail problem still shows: %q", f.problems[app.FieldEmail].Text)
	}

	f.basis.SetSelectedIndex(1)
	if !f.saveButton.Disabled() {
		t.Error("Save is enabled for a legal basis without a date")
	}
	test.Type(f.consentDate, "1.3.2024")
	if p := f.problems[app.FieldConsentDate]; !f.saveButton.Disabled() || !strings.Contains(p.Text, "YYYY-MM-DD") {
		t.Errorf("a German date left Save enabled %v, problem %q", !f.saveButton.Disabled(), p.Text)
	}
	f.consentDate.SetText("2024-02-30")
	if p := f.problems[app.FieldConsentDate]; !f.saveButton.Disabled() || !strings.Contains(p.Text, "does not exist") {
		t.Errorf("an impossible date left Save enabled %v, problem %q", !f.saveButton.Disabled(), p.Text)
	}
	f.consentDate.SetText("2024-03-01")
	if f.saveButton.Disabled() {
		t.Errorf("Save is disabled with a consent date: %q", f.problems[app.FieldConsentDate].Text)
	}
}

func TestLeadFormWarnsAboutDuplicate(t *testing.T) {
	store := openStore(t)
	existing := createLead(t, store, app.Lead{FirstName: "Jürgen", LastName: "Müller", CompanyName: "Müller GmbH & Co. KG"})
	m, queue := openLeadsTab(t, store)

	f := newLeadForm(store, m.window, queue.do, m.errors, "en", app.Lead{})
	var saved app.Lead
	f.onSaved = func(l app.Lead) { saved = l }
	f.show()
	test.Type(f.firstName, "juergen")
	test.Type(f.lastName, "mueller")
	test.Type(f.company, "Mueller GmbH")

	test.Tap(f.saveButton)
	queue.waitFor(t, "the duplicate warning", func() bool { return f.duplicates.Visible() && !f.saving })
	if !findLabelContaining(f.duplicates, "Jürgen Müller") {
		t.Error("the warning does not name Jürgen Müller")
	}
	if n := len(allLeads(t, store)); n != 1 {
		t.Fatalf("Save stored the duplicate before the warning: %d leads", n)
	}
	if f.saveButton.Text != "Save anyway" {
		t.Errorf("Save button = %q, want Save anyway", f.saveButton.Text)
	}

	test.Tap(f.saveButton)
	queue.waitFor(t, "the saved lead", func() bool { return saved.ID != 0 })
	if n := len(allLeads(t, store)); n != 2 {
		t.Errorf("Save anyway left %d leads, want 2", n)
	}

	open := newLeadForm(store, m.window, queue.do, m.errors, "en", app.Lead{})
	open.onOpenExisting = m.showLead
	open.show()
	test.Type(open.email, "")
	test.Type(open.firstName, "Jürgen")
	test.Type(open.lastName, "Müller")
	test.Type(open.company, "MÜLLER gmbh")
	queue.waitFor(t, "the typed duplicate warning", func() bool { return open.duplicates.Visible() })

	test.Tap(findButton(open.duplicates, "Open existing"))
	queue.waitFor(t, "the existing lead", func() bool { return m.leads.detail.lead.ID == existing.ID })
}

func TestLeadFiltersNarrowList(t *testing.T) {
	store := openStore(t)
	createLead(t, store, app.Lead{LastName: "Adler", Source: app.SourceTradeFair})
	createLead(t, store, app.Lead{LastName: "Bauer", Source: app.SourceTradeFair, Status: app.LeadContacted})
	createLead(t, store, app.Lead{LastName: "Cramer", Source: app.SourceReferral, Owner: "Eva"})
	best := createLead(t, store, app.Lead{LastName: "Dietz", Source: app.SourceWebsite})
	if _, err := store.SaveQualification(context.Background(), app.Qualification{
		LeadID: best.ID, Budget: app.BudgetConfirmed, Authority: app.DecisionMaker, Timeframe: app.TimeUnder1Month,
	}); err != nil {
		t.Fatal(err)
	}

	m, queue := openLeadsTab(t, store)
	s := m.leads
	waitForCount := func(want string) {
		t.Helper()
		queue.waitFor(t, want, func() bool { return s.count.Text == want })
	}
	waitForCount("4 leads")

	s.filters.source.SetSelected("trade fair")
	waitForCount("2 leads")
	s.filters.status.SetSelected("Contacted")
	waitForCount("1 lead")
	queue.waitFor(t, "the row", func() bool { _, ok := s.rows.row(0); return ok })
	if row, _ := s.rows.row(0); row.LastName != "Bauer" {
		t.Errorf("the contacted trade fair lead is %q, want Bauer", row.LastName)
	}

	s.filters.source.SetSelectedIndex(0)
	s.filters.status.SetSelectedIndex(0)
	waitForCount("4 leads")
	test.Type(s.filters.minScore, "30")
	waitForCount("1 lead")
	s.filters.minScore.SetText("")
	test.Type(s.filters.owner, "Eva")
	waitForCount("1 lead")
	s.filters.owner.SetText("")
	waitForCount("4 leads")

	test.Type(s.search, "dietz")
	waitForCount("1 lead")
}

func TestWorklistPutsBestLeadFirst(t *testing.T) {
	store := openStore(t)
	createLead(t, store, app.Lead{LastName: "Adler"})
	createLead(t, store, app.Lead{LastName: "Closed", Status: app.LeadDisqualified, DisqualifyReason: "no budget"})
	best := createLead(t, store, app.Lead{LastName: "Dietz"})
	if _, err := store.SaveQualification(context.Background(), app.Qualification{
		LeadID: best.ID, Budget: app.BudgetConfirmed, Authority: app.DecisionMaker,
	}); err != nil {
		t.Fatal(err)
	}

	m, queue := openLeadsTab(t, store)
	s := m.leads
	queue.waitFor(t, "all leads", func() bool { return s.count.Text == "3 leads" })

	test.Tap(s.worklist)
	queue.waitFor(t, "the open leads", func() bool { return s.count.Text == "2 leads" })
	queue.waitFor(t, "the first row", func() bool { _, ok := s.rows.row(0); return ok })
	if row, _ := s.rows.row(0); row.ID != best.ID {
		t.Errorf("the worklist starts with %q, want Dietz", row.LastName)
	}
}

func TestHandOverOnlyForQualified(t *testing.T) {
	store := openStore(t)
	lead := createLead(t, store, app.Lead{FirstName: "Eva", LastName: "Kuhn"})
	m, queue := openLeadsTab(t, store)
	d := m.leads.detail

	d.show(lead.ID)
	queue.waitFor(t, "the detail", func() bool { return d.lead.ID == lead.ID })
	if !d.handOverButton.Disabled() {
		t.Error("hand-over is enabled for a new lead")
	}

	test.Tap(findButton(d.statusButtons, "Qualified"))
	queue.waitFor(t, "the qualified lead", func() bool { return d.lead.Status == app.LeadQualified })
	if d.handOverButton.Disabled() {
		t.Fatal("hand-over is disabled for a qualified lead")
	}
	if !findLabelContaining(d.statusHistory, "New → Qualified") {
		t.Error("the status history does not show New → Qualified")
	}

	test.Tap(d.handOverButton)
	tapOverlayButton(t, m, queue, "Hand over")
	queue.waitFor(t, "the handed-over lead", func() bool { return d.lead.Status == app.LeadHandedOver })
	if !d.handOverButton.Disabled() {
		t.Error("hand-over is still enabled after the hand-over")
	}
	if stored := storedLead(t, store, lead.ID); stored.HandedOverAt.IsZero() {
		t.Error("the hand-over time was not recorded")
	}
}

func TestDisqualifyAsksForReason(t *testing.T) {
	store := openStore(t)
	lead := createLead(t, store, app.Lead{LastName: "Kuhn"})
	m, queue := openLeadsTab(t, store)
	d := m.leads.detail
	d.show(lead.ID)
	queue.waitFor(t, "the detail", func() bool { return d.lead.ID == lead.ID })

	test.Tap(findButton(d.statusButtons, "Disqualified"))
	typeKeys(t, m.window.Canvas(), "competitor chosen")
	tapOverlayButton(t, m, queue, "Disqualify")
	queue.waitFor(t, "the disqualified lead", func() bool { return d.lead.Status == app.LeadDisqualified })
	if d.lead.DisqualifyReason != "competitor chosen" {
		t.Errorf("reason = %q", d.lead.DisqualifyReason)
	}
}

func TestTemperatureOverrideIsMarked(t *testing.T) {
	store := openStore(t)
	lead := createLead(t, store, app.Lead{LastName: "Kuhn"})
	m, queue := openLeadsTab(t, store)
	d := m.leads.detail
	d.show(lead.ID)
	queue.waitFor(t, "the detail", func() bool { return d.lead.ID == lead.ID })

	d.temperature.SetSelected("hot")
	queue.waitFor(t, "the override", func() bool { return d.lead.TemperatureManual })
	if !strings.Contains(d.score.Text, "hot ✎") {
		t.Errorf("score line = %q, want the marked hot", d.score.Text)
	}

	d.temperature.SetSelectedIndex(0)
	queue.waitFor(t, "the cleared override", func() bool { return !d.lead.TemperatureManual })
	if d.lead.Temperature != app.Cold {
		t.Errorf("temperature = %q after clearing, want the score's cold", d.lead.Temperature)
	}
}

func TestConvertThenUndo(t *testing.T) {
	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatal(err)
	}
	lead := createLead(t, store, app.Lead{
		FirstName: "Jana", LastName: "Roth", CompanyName: "Roth Logistik GmbH", Email: "jana@roth-logistik.de",
		Status: app.LeadQualified,
	})
	if _, err := store.SaveQualification(context.Background(), app.Qualification{
		LeadID: lead.ID, Budget: app.BudgetConfirmed, BudgetAmount: app.Major(40000, "EUR"), Timeframe: app.Time1To3Months,
	}); err != nil {
		t.Fatal(err)
	}

	m, queue := openLeadsTab(t, store)
	d := m.leads.detail
	d.show(lead.ID)
	queue.waitFor(t, "the detail", func() bool { return d.lead.ID == lead.ID })
	if !d.undoButton.Disabled() {
		t.Error("undo is enabled before the conversion")
	}

	test.Tap(d.convertButton)
	tapOverlayButton(t, m, queue, "Convert")
	queue.waitFor(t, "the converted lead", func() bool { return d.lead.Status == app.LeadConverted })
	queue.waitFor(t, "the conversion summary", func() bool {
		top := m.window.Canvas().Overlays().Top()
		return top != nil && findLabelContaining(top, "Opportunity ")
	})
	if d.lead.ConvertedOpportunityID == 0 {
		t.Fatal("the lead has no link to its opportunity")
	}
	if !d.convertButton.Disabled() || d.undoButton.Disabled() {
		t.Error("a converted lead offers conversion or no undo")
	}
	m.window.Canvas().Overlays().Top().Hide()

	test.Tap(d.undoButton)
	tapOverlayButton(t, m, queue, "Yes")
	queue.waitFor(t, "the undone conversion", func() bool { return d.lead.Status == app.LeadQualified })
	if d.lead.ConvertedOpportunityID != 0 {
		t.Errorf("the lead still links opportunity %d", d.lead.ConvertedOpportunityID)
	}
}

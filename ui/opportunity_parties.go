package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// dealPartiesStore is the store access of the decision makers and
// competitors of a deal.
type dealPartiesStore interface {
	DealContacts(ctx context.Context, oppID int64) ([]app.DealContact, error)
	ContactCandidates(ctx context.Context, oppID int64) ([]app.DealContact, error)
	SaveDealContact(ctx context.Context, c app.DealContact) (app.DealContact, error)
	RemoveDealContact(ctx context.Context, id int64) error
	Competitors(ctx context.Context, oppID int64) ([]app.Competitor, error)
	SaveCompetitor(ctx context.Context, c app.Competitor) (app.Competitor, error)
	RemoveCompetitor(ctx context.Context, id int64) error
}

// partiesSnapshot is the contacts, candidates and competitors of one load.
type partiesSnapshot struct {
	contacts    []app.DealContact
	candidates  []app.DealContact
	competitors []app.Competitor
}

// contactRowWidgets are the controls of one decision maker row.
type contactRowWidgets struct {
	label   *widget.Label
	role    *widget.Select
	primary *widget.Button
	remove  *widget.Button
}

// competitorRowWidgets are the controls of one competitor row.
type competitorRowWidgets struct {
	label  *widget.Label
	edit   *widget.Button
	remove *widget.Button
}

// dealPartiesSection is the "Decision makers" and "Competitors" part of the
// opportunity detail. Every store call runs in a goroutine, and its result
// and the reloaded lists land in one call of do.
type dealPartiesSection struct {
	store  dealPartiesStore
	window fyne.Window
	do     uiRunner
	errors errorReporter

	// onContactsChanged runs after a change to the deal's contacts is
	// stored, because the primary contact is also the deal's contact.
	onContactsChanged func()

	opportunityID int64
	// generation drops a load for a deal that is no longer shown.
	generation int
	snapshot   partiesSnapshot
	busy       bool

	contactList         *fyne.Container
	competitorList      *fyne.Container
	contactRows         []contactRowWidgets
	competitorRows      []competitorRowWidgets
	addContactButton    *widget.Button
	addCompetitorButton *widget.Button
	contactForm         *dealContactForm
	competitorForm      *competitorForm
	removeDialog        *dialog.ConfirmDialog

	content fyne.CanvasObject
}

func newDealPartiesSection(store dealPartiesStore, window fyne.Window, do uiRunner,
	errors errorReporter) *dealPartiesSection {
	s := &dealPartiesSection{store: store, window: window, do: do, errors: errors}

	s.contactList = container.NewVBox()
	s.competitorList = container.NewVBox()
	s.addContactButton = widget.NewButton(lang.L("Add decision maker"), s.onAddContactTapped)
	s.addCompetitorButton = widget.NewButton(lang.L("Add competitor"), func() { s.openCompetitorForm(app.Competitor{}) })
	s.setBusy(true)

	s.content = container.NewVBox(
		sectionHeading(lang.L("Decision makers")),
		s.contactList,
		container.NewHBox(s.addContactButton),
		sectionHeading(lang.L("Competitors")),
		s.competitorList,
		container.NewHBox(s.addCompetitorButton),
	)

	return s
}

// show loads the contacts and competitors of deal opportunityID in a
// goroutine and shows them when they land.
func (s *dealPartiesSection) show(opportunityID int64) {
	s.opportunityID = opportunityID
	s.generation++
	generation := s.generation
	s.setBusy(true)

	go func() {
		snapshot, err := s.load(context.Background(), opportunityID)
		s.do(func() { s.onLoaded(generation, snapshot, err, "", nil) })
	}()
}

func (s *dealPartiesSection) load(ctx context.Context, id int64) (partiesSnapshot, error) {
	var p partiesSnapshot
	var err error
	if p.contacts, err = s.store.DealContacts(ctx, id); err != nil {
		return p, err
	}

	if p.candidates, err = s.store.ContactCandidates(ctx, id); err != nil {
		return p, err
	}

	p.competitors, err = s.store.Competitors(ctx, id)

	return p, err
}

// change runs one store call in a goroutine, reloads the lists in the same
// goroutine and applies both in one call of do. failure is the message
// shown when the call fails. after runs on the UI goroutine when the call
// succeeded.
func (s *dealPartiesSection) change(failure string, store func(ctx context.Context) error, after func()) {
	id := s.opportunityID
	generation := s.generation
	s.setBusy(true)

	go func() {
		ctx := context.Background()
		err := store(ctx)

		var snapshot partiesSnapshot
		if err == nil {
			snapshot, err = s.load(ctx, id)
		}
		s.do(func() { s.onLoaded(generation, snapshot, err, failure, after) })
	}()
}

func (s *dealPartiesSection) onLoaded(generation int, p partiesSnapshot, err error, failure string, after func()) {
	if generation != s.generation {
		return
	}

	if err != nil {
		s.setBusy(false)
		if failure == "" {
			failure = lang.L("The decision makers and competitors could not be loaded. The log file has the details.")
		}
		s.errors.report(failure, err)
		return
	}

	s.snapshot = p
	s.fillContacts()
	s.fillCompetitors()
	s.setBusy(false)
	if after != nil {
		after()
	}
}

// setBusy turns the controls off while a store call runs, so a second
// click cannot act on a list that is about to change.
func (s *dealPartiesSection) setBusy(busy bool) {
	s.busy = busy
	enable := func(w fyne.Disableable) {
		if busy {
			w.Disable()
		} else {
			w.Enable()
		}
	}

	enable(s.addContactButton)
	enable(s.addCompetitorButton)
	for i, r := range s.contactRows {
		enable(r.role)
		enable(r.remove)
		if busy || s.snapshot.contacts[i].Primary {
			r.primary.Disable()
		} else {
			r.primary.Enable()
		}
	}
	for _, r := range s.competitorRows {
		enable(r.edit)
		enable(r.remove)
	}
}

func (s *dealPartiesSection) fillContacts() {
	s.contactList.Objects = nil
	s.contactRows = nil
	for _, c := range s.snapshot.contacts {
		row := s.newContactRow(c)
		s.contactRows = append(s.contactRows, row)
		// The controls wrap below the name, because beside it they leave
		// the name no width in a detail panel beside the list.
		controls := container.New(&wrapLayout{}, row.role, s.privacyButton(c), s.historyButton(c), row.primary, row.remove)
		s.contactList.Add(container.NewVBox(row.label, controls))
	}

	if len(s.snapshot.contacts) == 0 {
		s.contactList.Add(widget.NewLabel(lang.L("No decision makers.")))
	}
	s.contactList.Refresh()
}

func (s *dealPartiesSection) newContactRow(c app.DealContact) contactRowWidgets {
	text := c.Name
	if c.Email != "" {
		text += " <" + c.Email + ">"
	}
	if c.Primary {
		text = lang.X("parties.contact.primary", "{{.Contact}} · primary", map[string]any{"Contact": text})
	}

	row := contactRowWidgets{label: wrappedLabel(text)}
	row.label.TextStyle.Bold = c.Primary

	row.role = newSelect(dealRoleLabels(), nil)
	row.role.SetSelectedIndex(dealRoleIndex(c.Role))
	row.role.OnChanged = func(string) { s.onRoleChanged(c, row.role.SelectedIndex()) }

	row.primary = widget.NewButton(lang.L("Make primary"), func() { s.onMakePrimaryTapped(c) })
	row.remove = widget.NewButton(lang.L("Remove"), func() { s.onRemoveContactTapped(c) })

	return row
}

func (s *dealPartiesSection) onRoleChanged(c app.DealContact, index int) {
	if index < 0 || app.DealRoles[index] == c.Role {
		return
	}

	c.Role = app.DealRoles[index]
	s.saveContact(c)
}

func (s *dealPartiesSection) onMakePrimaryTapped(c app.DealContact) {
	c.Primary = true
	s.saveContact(c)
}

func (s *dealPartiesSection) saveContact(c app.DealContact) {
	s.change(lang.X("parties.contact.save.error", "{{.Contact}} could not be saved. The log file has the details.",
		map[string]any{"Contact": contactDisplayName(c)}),
		func(ctx context.Context) error {
			_, err := s.store.SaveDealContact(ctx, c)
			return err
		}, s.contactsChanged)
}

func (s *dealPartiesSection) contactsChanged() {
	if s.onContactsChanged != nil {
		s.onContactsChanged()
	}
}

func (s *dealPartiesSection) onRemoveContactTapped(c app.DealContact) {
	name := contactDisplayName(c)
	message := lang.X("parties.contact.remove.confirm",
		"Remove {{.Contact}} from this deal? The contact record stays.", map[string]any{"Contact": name})
	s.confirmRemoval(message, func() {
		s.change(lang.X("parties.contact.remove.error",
			"{{.Contact}} could not be removed. The log file has the details.", map[string]any{"Contact": name}),
			func(ctx context.Context) error { return s.store.RemoveDealContact(ctx, c.ID) }, s.contactsChanged)
	})
}

func (s *dealPartiesSection) confirmRemoval(message string, remove func()) {
	s.removeDialog = dialog.NewConfirm(lang.L("Remove"), message, func(yes bool) {
		if yes {
			remove()
		}
	}, s.window)
	s.removeDialog.SetConfirmText(lang.L("Remove"))
	showClosingOnEscape(s.window, s.removeDialog)
}

func (s *dealPartiesSection) fillCompetitors() {
	s.competitorList.Objects = nil
	s.competitorRows = nil
	for _, c := range s.snapshot.competitors {
		row := competitorRowWidgets{
			label: headingLabel(lang.X("parties.competitor.line", "{{.Name}} · {{.Status}}",
				map[string]any{"Name": c.Name, "Status": competitorStatusLabel(c.Status)})),
			edit:   widget.NewButton(lang.L("Edit"), func() { s.openCompetitorForm(c) }),
			remove: widget.NewButton(lang.L("Remove"), func() { s.onRemoveCompetitorTapped(c) }),
		}
		s.competitorRows = append(s.competitorRows, row)

		lines := []fyne.CanvasObject{
			container.NewBorder(nil, nil, nil, container.NewHBox(row.edit, row.remove), row.label),
		}
		if c.Strengths != "" {
			lines = append(lines, wrappedLabel(lang.X("parties.competitor.strengths", "Strengths: {{.Text}}",
				map[string]any{"Text": c.Strengths})))
		}
		if c.Weaknesses != "" {
			lines = append(lines, wrappedLabel(lang.X("parties.competitor.weaknesses", "Weaknesses: {{.Text}}",
				map[string]any{"Text": c.Weaknesses})))
		}
		s.competitorList.Add(container.NewVBox(lines...))
	}

	if len(s.snapshot.competitors) == 0 {
		s.competitorList.Add(widget.NewLabel(lang.L("No competitors.")))
	}
	s.competitorList.Refresh()
}

func (s *dealPartiesSection) onRemoveCompetitorTapped(c app.Competitor) {
	message := lang.X("parties.competitor.remove.confirm", "Remove the competitor {{.Name}} from this deal?",
		map[string]any{"Name": c.Name})
	s.confirmRemoval(message, func() {
		s.change(lang.X("parties.competitor.remove.error",
			"The competitor {{.Name}} could not be removed. The log file has the details.",
			map[string]any{"Name": c.Name}),
			func(ctx context.Context) error { return s.store.RemoveCompetitor(ctx, c.ID) }, nil)
	})
}

// dealContactForm is the dialog that links an existing contact of the
// deal's company or a new contact to the deal.
type dealContactForm struct {
	candidates []app.DealContact
	existing   *widget.Select
	name       *widget.Entry
	email      *widget.Entry
	role       *widget.Select
	primary    *widget.Check
	dialog     *dialog.FormDialog
}

func (s *dealPartiesSection) onAddContactTapped() {
	f := &dealContactForm{candidates: s.snapshot.candidates}

	options := []string{lang.L("New contact")}
	for _, c := range f.candidates {
		options = append(options, contactDisplayName(c))
	}

	f.name = widget.NewEntry()
	f.name.Validator = func(text string) error {
		if f.existing.SelectedIndex() > 0 {
			return nil
		}
		if strings.TrimSpace(text) == "" {
			return errors.New(lang.L("Enter a name or choose an existing contact."))
		}
		return partyTextProblem(app.FieldName, text)
	}
	f.email = widget.NewEntry()
	f.email.Validator = validateContactEmail
	f.existing = newSelect(options, func(string) { f.onExistingChanged() })
	f.existing.SetSelectedIndex(0)
	f.role = newSelect(dealRoleLabels(), nil)
	f.role.SetSelectedIndex(0)
	f.primary = widget.NewCheck(lang.L("Primary contact"), nil)
	f.primary.SetChecked(len(s.snapshot.contacts) == 0)

	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Contact"), f.existing),
		widget.NewFormItem(lang.L("Name"), f.name),
		widget.NewFormItem(lang.L("E-mail"), f.email),
		widget.NewFormItem(lang.L("Role"), f.role),
		widget.NewFormItem("", f.primary),
	}
	id := s.opportunityID
	f.dialog = dialog.NewForm(lang.L("Add decision maker"), lang.L("Add"), lang.L("Cancel"), items,
		func(ok bool) {
			if ok {
				s.saveContact(f.contact(id))
			}
		}, s.window)
	f.name.OnSubmitted = func(string) { f.dialog.Submit() }
	f.email.OnSubmitted = func(string) { f.dialog.Submit() }
	f.dialog.Resize(fyne.NewSize(460, 0))
	s.contactForm = f
	showClosingOnEscape(s.window, f.dialog)
}

// onExistingChanged turns the name and e-mail fields off while an existing
// contact is chosen, because the contact record keeps its own.
func (f *dealContactForm) onExistingChanged() {
	if f.name == nil {
		return
	}

	if f.existing.SelectedIndex() > 0 {
		f.name.Disable()
		f.email.Disable()
	} else {
		f.name.Enable()
		f.email.Enable()
	}
	_ = f.name.Validate()
}

func (f *dealContactForm) contact(opportunityID int64) app.DealContact {
	c := app.DealContact{OpportunityID: opportunityID, Role: app.DealRoles[max(0, f.role.SelectedIndex())],
		Primary: f.primary.Checked}
	if i := f.existing.SelectedIndex(); i > 0 {
		chosen := f.candidates[i-1]
		c.ContactID, c.Name, c.Email = chosen.ContactID, chosen.Name, chosen.Email
		return c
	}

	c.Name = strings.TrimSpace(f.name.Text)
	c.Email = strings.TrimSpace(f.email.Text)

	return c
}

// validateContactEmail accepts an empty address or one that
// [app.ValidateDealContact] accepts.
func validateContactEmail(text string) error {
	if err := partyTextProblem(app.FieldEmail, text); err != nil {
		return err
	}

	probe := app.DealContact{OpportunityID: 1, Name: "-", Email: text, Role: app.DealRoleUser}
	if len(app.ValidateDealContact(probe)) > 0 {
		return errors.New(lang.L("Enter an e-mail address such as anna@example.de."))
	}

	return nil
}

// competitorForm is the dialog that adds or edits a competitor.
type competitorForm struct {
	name       *widget.Entry
	strengths  *widget.Entry
	weaknesses *widget.Entry
	status     *widget.Select
	dialog     *dialog.FormDialog
}

// openCompetitorForm edits c, or adds a competitor when c.ID is 0.
func (s *dealPartiesSection) openCompetitorForm(c app.Competitor) {
	f := &competitorForm{}
	f.name = widget.NewEntry()
	f.name.SetText(c.Name)
	f.name.Validator = func(text string) error {
		if strings.TrimSpace(text) == "" {
			return errors.New(lang.L("Enter the competitor's name."))
		}
		return partyTextProblem(app.FieldName, text)
	}
	f.strengths = widget.NewMultiLineEntry()
	f.strengths.SetText(c.Strengths)
	f.strengths.Validator = func(text string) error { return partyTextProblem(app.FieldStrengths, text) }
	f.weaknesses = widget.NewMultiLineEntry()
	f.weaknesses.SetText(c.Weaknesses)
	f.weaknesses.Validator = func(text string) error { return partyTextProblem(app.FieldWeaknesses, text) }
	f.status = newSelect(competitorStatusLabels(), nil)
	f.status.SetSelectedIndex(max(0, competitorStatusIndex(c.Status)))

	title, confirm := lang.L("Edit competitor"), lang.L("Save")
	if c.ID == 0 {
		title, confirm = lang.L("Add competitor"), lang.L("Add")
	}

	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), f.name),
		widget.NewFormItem(lang.L("Strengths"), f.strengths),
		widget.NewFormItem(lang.L("Weaknesses"), f.weaknesses),
		widget.NewFormItem(lang.L("Status"), f.status),
	}
	c.OpportunityID = s.opportunityID
	f.dialog = dialog.NewForm(title, confirm, lang.L("Cancel"), items, func(ok bool) {
		if ok {
			s.saveCompetitor(f.competitor(c))
		}
	}, s.window)
	f.name.OnSubmitted = func(string) { f.dialog.Submit() }
	f.dialog.Resize(fyne.NewSize(460, 0))
	s.competitorForm = f
	showClosingOnEscape(s.window, f.dialog)
}

func (f *competitorForm) competitor(c app.Competitor) app.Competitor {
	c.Name = strings.TrimSpace(f.name.Text)
	c.Strengths = strings.TrimSpace(f.strengths.Text)
	c.Weaknesses = strings.TrimSpace(f.weaknesses.Text)
	c.Status = app.CompetitorStatuses[max(0, f.status.SelectedIndex())]

	return c
}

func (s *dealPartiesSection) saveCompetitor(c app.Competitor) {
	s.change(lang.X("parties.competitor.save.error",
		"The competitor {{.Name}} could not be saved. The log file has the details.",
		map[string]any{"Name": c.Name}),
		func(ctx context.Context) error {
			_, err := s.store.SaveCompetitor(ctx, c)
			return err
		}, nil)
}

func contactDisplayName(c app.DealContact) string {
	if c.Email == "" {
		return c.Name
	}
	if c.Name == "" {
		return c.Email
	}

	return c.Name + " <" + c.Email + ">"
}

func dealRoleLabels() []string {
	labels := make([]string, len(app.DealRoles))
	for i, r := range app.DealRoles {
		labels[i] = dealRoleLabel(r)
	}

	return labels
}

// dealRoleIndex returns the position of r in [app.DealRoles], or -1.
func dealRoleIndex(r app.DealRole) int {
	for i, known := range app.DealRoles {
		if r == known {
			return i
		}
	}

	return -1
}

func dealRoleLabel(r app.DealRole) string {
	switch r {
	case app.DealRoleDecisionMaker:
		return lang.L("decision maker")
	case app.DealRoleEconomicBuyer:
		return lang.L("economic buyer")
	case app.DealRoleInfluencer:
		return lang.L("influencer")
	case app.DealRoleChampion:
		return lang.L("champion")
	case app.DealRoleUser:
		return lang.L("user")
	case app.DealRoleGatekeeper:
		return lang.L("gatekeeper")
	default:
		return string(r)
	}
}

func competitorStatusLabels() []string {
	labels := make([]string, len(app.CompetitorStatuses))
	for i, st := range app.CompetitorStatuses {
		labels[i] = competitorStatusLabel(st)
	}

	return labels
}

// competitorStatusIndex returns the position of st in
// [app.CompetitorStatuses], or -1.
func competitorStatusIndex(st app.CompetitorStatus) int {
	for i, known := range app.CompetitorStatuses {
		if st == known {
			return i
		}
	}

	return -1
}

func competitorStatusLabel(st app.CompetitorStatus) string {
	switch st {
	case app.CompetitorActive:
		return lang.L("active")
	case app.CompetitorEliminated:
		return lang.L("eliminated")
	case app.CompetitorWonDeal:
		return lang.L("won the deal")
	default:
		return string(st)
	}
}

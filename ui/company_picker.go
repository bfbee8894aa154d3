package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// companySearcher is the store access of the company picker.
type companySearcher interface {
	SearchCompanies(ctx context.Context, text string, limit int) ([]app.Company, error)
}

// companyMatchLimit is the number of matching companies the picker lists
// under its entry.
const companyMatchLimit = 6

// companyPicker chooses a deal's company by typing. Companies whose
// names match the text by [app.NormalizeCompany] appear as buttons under
// the entry, and one more button creates a company by the typed name
// unless a match has the same folded name. An empty entry means no
// company. Text that names no chosen company is pending until the person
// picks a button, so a typo never creates a company.
type companyPicker struct {
	store  companySearcher
	do     uiRunner
	errors errorReporter
	search debouncer
	// generation drops the matches of text the person has typed over.
	generation int
	// setting is set while the picker writes the entry itself.
	setting bool

	choice app.CompanyChoice
	// choiceName is the shown name of choice, for a new company too.
	choiceName string
	pending    bool
	// firstOption is the action of the first button, which Enter in the
	// entry runs.
	firstOption func()
	// onChanged runs after the choice or its pending state changes.
	onChanged func()

	entry   *widget.Entry
	matches *fyne.Container
	newNote *widget.Label
	content *fyne.Container
}

func newCompanyPicker(store companySearcher, do uiRunner, errors errorReporter, current app.Company) *companyPicker {
	p := &companyPicker{
		store: store, do: do, errors: errors,
		search:     debouncer{delay: searchDelay, do: do},
		choice:     app.CompanyChoice{ID: current.ID},
		choiceName: current.Name,
	}

	p.entry = widget.NewEntry()
	p.entry.SetPlaceHolder(lang.L("Type to search companies"))
	p.entry.SetText(current.Name)
	p.entry.OnChanged = p.onTextChanged
	p.entry.OnSubmitted = func(string) { p.onSubmitted() }

	p.matches = container.NewVBox()
	p.newNote = widget.NewLabel("")
	p.newNote.Wrapping = fyne.TextWrapWord
	p.newNote.Hide()
	p.content = container.NewVBox(p.entry, p.matches, p.newNote)

	if store == nil {
		p.entry.Disable()
	}

	return p
}

// value returns the chosen company, and false while the text names none.
func (p *companyPicker) value() (app.CompanyChoice, bool) {
	return p.choice, !p.pending
}

func (p *companyPicker) onTextChanged(text string) {
	if p.setting {
		return
	}

	text = strings.TrimSpace(text)
	switch {
	case text == "":
		p.choose(app.CompanyChoice{}, "")
	case text == p.choiceName:
		p.pending = false
		p.clearMatches()
	default:
		p.pending = true
		p.newNote.Hide()
		p.search.call(func() { p.runSearch(text) })
	}

	p.changed()
}

// runSearch loads the companies matching text and lists them, unless the
// person has typed on or chosen meanwhile.
func (p *companyPicker) runSearch(text string) {
	p.generation++
	generation := p.generation

	go func() {
		companies, err := p.store.SearchCompanies(context.Background(), text, companyMatchLimit)
		p.do(func() {
			if generation != p.generation || !p.pending {
				return
			}
			if err != nil {
				p.errors.report(lang.L("The companies could not be searched. The log file has the details."), err)
				return
			}
			p.showMatches(text, companies)
		})
	}()
}

// showMatches lists companies as buttons, then the button that creates a
// company named text unless one of them has the same folded name.
func (p *companyPicker) showMatches(text string, companies []app.Company) {
	p.matches.Objects = nil
	p.firstOption = nil

	key := app.NormalizeCompany(text)
	exact := false
	for _, c := range companies {
		exact = exact || (key != "" && app.NormalizeCompany(c.Name) == key)
		p.addOption(c.Name, func() { p.choose(app.CompanyChoice{ID: c.ID}, c.Name) })
	}

	if !exact {
		create := p.addOption(lang.X("company.create", "Create company “{{.Name}}”", map[string]any{"Name": text}),
			func() { p.choose(app.CompanyChoice{Name: text}, text) })
		create.SetIcon(theme.ContentAddIcon())
	}

	p.matches.Refresh()
}

func (p *companyPicker) addOption(label string, pick func()) *widget.Button {
	button := widget.NewButton(label, func() {
		pick()
		p.changed()
	})
	button.Alignment = widget.ButtonAlignLeading
	button.Importance = widget.LowImportance
	p.matches.Add(button)

	if p.firstOption == nil {
		p.firstOption = button.OnTapped
	}

	return button
}

// onSubmitted picks the first listed option when Enter is pressed.
func (p *companyPicker) onSubmitted() {
	if p.pending && p.firstOption != nil {
		p.firstOption()
	}
}

// choose makes choice, shown as name, the picked company and writes the
// name into the entry.
func (p *companyPicker) choose(choice app.CompanyChoice, name string) {
	p.choice, p.choiceName, p.pending = choice, name, false
	p.generation++
	p.clearMatches()

	p.setting = true
	p.entry.SetText(name)
	p.setting = false

	if choice.IsNew() {
		p.newNote.SetText(lang.X("company.new.note", "Saving creates the company “{{.Name}}”.",
			map[string]any{"Name": name}))
		p.newNote.Show()
	} else {
		p.newNote.Hide()
	}
}

func (p *companyPicker) clearMatches() {
	p.firstOption = nil
	p.matches.Objects = nil
	p.matches.Refresh()
}

func (p *companyPicker) changed() {
	if p.onChanged != nil {
		p.onChanged()
	}
}

package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// qualificationSaver is the store access of the BANT dialog.
type qualificationSaver interface {
	SaveQualification(ctx context.Context, q app.Qualification) (app.Lead, error)
}

var (
	budgetChoices    = []app.BudgetStatus{app.BudgetConfirmed, app.BudgetIndicated, app.BudgetUnknown, app.BudgetNone}
	authorityChoices = []app.AuthorityRole{app.DecisionMaker, app.Influencer, app.User, app.Gatekeeper}
	timeChoices      = []app.Timeframe{
		app.TimeUnder1Month, app.Time1To3Months, app.Time3To6Months,
		app.Time6To12Months, app.TimeOver12Months, app.TimeframeUnknown,
	}
	budgetCurrencies = []string{"EUR", "USD", "GBP", "CHF"}
)

// qualificationDialog shows the four BANT questions, each a structured
// answer plus a note. Any answer may stay empty; saving adds a new
// qualification to the lead's history. It starts with the answers of the
// newest qualification, so a person updates what changed.
type qualificationDialog struct {
	store    qualificationSaver
	window   fyne.Window
	do       uiRunner
	errors   errorReporter
	language string

	leadID int64
	// onSaved runs with the rescored lead.
	onSaved func(app.Lead)

	budget        *widget.RadioGroup
	amount        *widget.Entry
	upTo          *widget.Entry
	currency      *widget.Select
	budgetNote    *widget.Entry
	authority     *widget.RadioGroup
	decidedBy     *widget.Entry
	authorityNote *widget.Entry
	need          *widget.Entry
	priority      *widget.RadioGroup
	needNote      *widget.Entry
	timeframe     *widget.RadioGroup
	timeNote      *widget.Entry
	problem       *widget.Label
	saveButton    *widget.Button
	dialog        *dialog.CustomDialog
}

func newQualificationDialog(store qualificationSaver, window fyne.Window, do uiRunner, errors errorReporter,
	language string, lead app.LeadDetail) *qualificationDialog {
	d := &qualificationDialog{store: store, window: window, do: do, errors: errors, language: language, leadID: lead.ID}

	d.buildWidgets()
	if len(lead.Qualifications) > 0 {
		d.fill(lead.Qualifications[0])
	}

	sections := container.NewGridWithColumns(2,
		d.section(lang.L("Budget"), d.budget,
			container.NewGridWithColumns(3, d.amount, d.upTo, d.currency), d.budgetNote),
		d.section(lang.L("Authority"), d.authority, d.decidedBy, d.authorityNote),
		d.section(lang.L("Need"), d.need, container.NewHBox(widget.NewLabel(lang.L("Priority")), d.priority), d.needNote),
		d.section(lang.L("Time"), d.timeframe, d.timeNote),
	)

	d.saveButton = widget.NewButton(lang.L("Save"), d.onSaveTapped)
	d.saveButton.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.dialog.Hide() })
	buttons := container.NewHBox(d.problem, layout.NewSpacer(), cancel, d.saveButton)

	title := lang.X("bant.title", "Qualify {{.Name}} (BANT)", map[string]any{"Name": lead.Name()})
	d.dialog = dialog.NewCustomWithoutButtons(title,
		container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(sections)), window)
	d.dialog.Resize(fyne.NewSize(960, 660))
	d.onBudgetChanged("")

	return d
}

func (d *qualificationDialog) buildWidgets() {
	d.budget = widget.NewRadioGroup(labelsOf(budgetChoices, words.Budget), d.onBudgetChanged)
	d.amount = widget.NewEntry()
	d.amount.SetPlaceHolder(lang.L("Amount"))
	d.amount.OnChanged = func(string) { d.checkAmounts() }
	d.upTo = widget.NewEntry()
	d.upTo.SetPlaceHolder(lang.L("up to"))
	d.upTo.OnChanged = func(string) { d.checkAmounts() }
	d.currency = newSelect(budgetCurrencies, nil)
	d.currency.SetSelected(budgetCurrencies[0])
	d.currency.OnChanged = func(string) { d.checkAmounts() }
	d.budgetNote = noteEntry()

	d.authority = widget.NewRadioGroup(labelsOf(authorityChoices, words.Authority), nil)
	d.decidedBy = widget.NewEntry()
	d.decidedBy.SetPlaceHolder(lang.L("Who decides, if not this contact"))
	d.authorityNote = noteEntry()

	d.need = widget.NewMultiLineEntry()
	d.need.SetPlaceHolder(lang.L("The pain in the customer's words"))
	d.need.Wrapping = fyne.TextWrapWord
	d.need.SetMinRowsVisible(3)
	d.priority = widget.NewRadioGroup([]string{"1", "2", "3", "4", "5"}, nil)
	d.priority.Horizontal = true
	d.needNote = noteEntry()

	d.timeframe = widget.NewRadioGroup(labelsOf(timeChoices, words.Timeframe), nil)
	d.timeNote = noteEntry()

	d.problem = widget.NewLabel("")
	d.problem.Importance = widget.DangerImportance
}

func noteEntry() *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(lang.L("Note"))

	return e
}

func labelsOf[T any](values []T, label func(T) string) []string {
	labels := make([]string, len(values))
	for i, v := range values {
		labels[i] = label(v)
	}

	return labels
}

func (d *qualificationDialog) section(title string, objects ...fyne.CanvasObject) fyne.CanvasObject {
	return widget.NewCard(title, "", container.NewVBox(objects...))
}

func (d *qualificationDialog) fill(q app.Qualification) {
	d.budget.SetSelected(labelFor(budgetChoices, q.Budget, words.Budget))
	if q.BudgetAmount.Currency != "" {
		d.currency.SetSelected(q.BudgetAmount.Currency)
	}
	d.amount.SetText(formatAmount(q.BudgetAmount, d.language))
	d.upTo.SetText(formatAmount(q.BudgetUpTo, d.language))
	d.budgetNote.SetText(q.BudgetNote)
	d.authority.SetSelected(labelFor(authorityChoices, q.Authority, words.Authority))
	d.decidedBy.SetText(q.DecidedBy)
	d.authorityNote.SetText(q.AuthorityNote)
	d.need.SetText(q.Need)
	if q.NeedPriority > 0 {
		d.priority.SetSelected(strconv.Itoa(q.NeedPriority))
	}
	d.needNote.SetText(q.NeedNote)
	d.timeframe.SetSelected(labelFor(timeChoices, q.Timeframe, words.Timeframe))
	d.timeNote.SetText(q.TimeNote)
}

// labelFor returns the label of v, or "" for a value not in values, such
// as the empty, unanswered one.
func labelFor[T comparable](values []T, v T, label func(T) string) string {
	for _, value := range values {
		if value == v {
			return label(v)
		}
	}

	return ""
}

// choiceOf returns the value whose label is selected, or the zero value.
func choiceOf[T any](values []T, selected string, label func(T) string) T {
	var zero T
	for _, v := range values {
		if label(v) == selected {
			return v
		}
	}

	return zero
}

func (d *qualificationDialog) show() {
	showClosingOnEscape(d.window, d.dialog)
}

// onBudgetChanged offers an amount for a confirmed or indicated budget,
// and the upper end only for an indicated range.
func (d *qualificationDialog) onBudgetChanged(string) {
	status := choiceOf(budgetChoices, d.budget.Selected, words.Budget)
	setEnabled(d.amount, status == app.BudgetConfirmed || status == app.BudgetIndicated)
	setEnabled(d.upTo, status == app.BudgetIndicated)
	d.checkAmounts()
}

// qualification reads the dialog into a Qualification. It also returns
// a message for the person when an amount cannot be read.
func (d *qualificationDialog) qualification() (app.Qualification, string) {
	q := app.Qualification{
		LeadID:        d.leadID,
		Budget:        choiceOf(budgetChoices, d.budget.Selected, words.Budget),
		BudgetNote:    strings.TrimSpace(d.budgetNote.Text),
		Authority:     choiceOf(authorityChoices, d.authority.Selected, words.Authority),
		DecidedBy:     strings.TrimSpace(d.decidedBy.Text),
		AuthorityNote: strings.TrimSpace(d.authorityNote.Text),
		Need:          strings.TrimSpace(d.need.Text),
		NeedNote:      strings.TrimSpace(d.needNote.Text),
		Timeframe:     choiceOf(timeChoices, d.timeframe.Selected, words.Timeframe),
		TimeNote:      strings.TrimSpace(d.timeNote.Text),
	}
	q.NeedPriority, _ = strconv.Atoi(d.priority.Selected)

	var ok bool
	if q.BudgetAmount, ok = d.readAmount(d.amount); !ok {
		return q, lang.X("bant.amount.invalid", "Enter the amount as a number, such as {{.Example}}.",
			map[string]any{"Example": formatAmount(app.Money{Minor: 1250000, Currency: "EUR"}, d.language)})
	}
	if q.BudgetUpTo, ok = d.readAmount(d.upTo); !ok {
		return q, lang.X("bant.upto.invalid", "Enter the upper end as a number, such as {{.Example}}.",
			map[string]any{"Example": formatAmount(app.Money{Minor: 2000000, Currency: "EUR"}, d.language)})
	}

	if errs := app.ValidateQualification(q); len(errs) > 0 {
		return q, words.FieldLabel(errs[0].Field) + ": " + words.Problem(errs[0], d.currency.Selected, d.language)
	}

	if q.BudgetUpTo.Minor != 0 && q.BudgetUpTo.Minor < q.BudgetAmount.Minor {
		return q, lang.L("The upper end lies below the amount.")
	}

	return q, ""
}

// readAmount reads a disabled or empty entry as no amount.
func (d *qualificationDialog) readAmount(e *widget.Entry) (app.Money, bool) {
	if e.Disabled() || strings.TrimSpace(e.Text) == "" {
		return app.Money{}, true
	}

	m, err := parseAmount(e.Text, d.currency.Selected, d.language)

	return m, err == nil
}

func (d *qualificationDialog) checkAmounts() {
	if d.saveButton == nil {
		return
	}

	_, problem := d.qualification()
	d.problem.SetText(problem)
	setEnabled(d.saveButton, problem == "")
}

func (d *qualificationDialog) onSaveTapped() {
	q, problem := d.qualification()
	if problem != "" {
		return
	}

	d.saveButton.Disable()
	go func() {
		lead, err := d.store.SaveQualification(context.Background(), q)
		d.do(func() {
			if err != nil {
				d.saveButton.Enable()
				d.errors.report(lang.L("The qualification could not be saved. The log file has the details."), err)
				return
			}
			d.dialog.Hide()
			d.onSaved(lead)
		})
	}()
}

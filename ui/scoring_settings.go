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
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// scoringSettings is the store access of the scoring settings dialog.
type scoringSettings interface {
	IdealCustomerProfile(ctx context.Context) (app.IdealCustomerProfile, error)
	SaveIdealCustomerProfile(ctx context.Context, p app.IdealCustomerProfile) error
	ScoreThresholds(ctx context.Context) (app.ScoreThresholds, error)
	SaveScoreThresholds(ctx context.Context, t app.ScoreThresholds) error
}

// weightOptions are the weights a profile criterion can have, 1 to 10.
var weightOptions = []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}

// scoringDialog edits the ideal customer profile, four lists of values
// with a weight each, and the scores from which a lead is hot or warm.
type scoringDialog struct {
	store  scoringSettings
	window fyne.Window
	do     uiRunner
	errors errorReporter

	// onSaved runs after both settings are stored and every lead rescored.
	onSaved func()

	industries *criteriaEditor
	sizeBands  *criteriaEditor
	regions    *criteriaEditor
	personas   *criteriaEditor
	hot        *widget.Entry
	warm       *widget.Entry
	problem    *widget.Label
	saveButton *widget.Button
	dialog     *dialog.CustomDialog
}

// openScoringDialog loads the settings in a goroutine and shows the
// dialog once they are there.
func openScoringDialog(store scoringSettings, window fyne.Window, do uiRunner, errors errorReporter, onSaved func()) {
	go func() {
		ctx := context.Background()
		profile, err := store.IdealCustomerProfile(ctx)
		thresholds := app.ScoreThresholds{}
		if err == nil {
			thresholds, err = store.ScoreThresholds(ctx)
		}

		do(func() {
			if err != nil {
				errors.report(lang.L("The scoring settings could not be loaded. The log file has the details."), err)
				return
			}
			d := newScoringDialog(store, window, do, errors, profile, thresholds)
			d.onSaved = onSaved
			showClosingOnEscape(window, d.dialog)
		})
	}()
}

func newScoringDialog(store scoringSettings, window fyne.Window, do uiRunner, errors errorReporter,
	profile app.IdealCustomerProfile, thresholds app.ScoreThresholds) *scoringDialog {
	d := &scoringDialog{store: store, window: window, do: do, errors: errors}

	bands := make([]string, 0, len(app.SizeBands()))
	for _, b := range app.SizeBands() {
		bands = append(bands, string(b))
	}
	d.industries = newCriteriaEditor(profile.Industries, nil, d.validate)
	d.sizeBands = newCriteriaEditor(profile.SizeBands, bands, d.validate)
	d.regions = newCriteriaEditor(profile.Regions, nil, d.validate)
	d.personas = newCriteriaEditor(profile.Personas, nil, d.validate)

	d.hot = widget.NewEntry()
	d.hot.SetText(strconv.Itoa(thresholds.Hot))
	d.hot.OnChanged = func(string) { d.validate() }
	d.warm = widget.NewEntry()
	d.warm.SetText(strconv.Itoa(thresholds.Warm))
	d.warm.OnChanged = func(string) { d.validate() }
	d.problem = widget.NewLabel("")
	d.problem.Importance = widget.DangerImportance
	d.problem.Wrapping = fyne.TextWrapWord

	profileBox := container.NewGridWithColumns(2,
		widget.NewCard(lang.L("Industries"), "", d.industries.content),
		widget.NewCard(lang.L("Company sizes"), "", d.sizeBands.content),
		widget.NewCard(lang.L("Regions"), "", d.regions.content),
		widget.NewCard(lang.L("Personas"), "", d.personas.content),
	)
	thresholdsBox := container.New(layout.NewFormLayout(),
		headingLabel(lang.L("Hot from score")), d.hot,
		headingLabel(lang.L("Warm from score")), d.warm,
	)
	intro := wrappedLabel(lang.L("A lead matching more and heavier criteria fits better and scores up to 20 points more. Weights run from 1 to 10."))

	d.saveButton = widget.NewButton(lang.L("Save"), d.onSaveTapped)
	d.saveButton.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.dialog.Hide() })
	buttons := container.NewHBox(layout.NewSpacer(), cancel, d.saveButton)

	body := container.NewVBox(sectionHeading(lang.L("Ideal customer profile")), intro, profileBox,
		sectionHeading(lang.L("Temperature thresholds")), thresholdsBox, d.problem)
	d.dialog = dialog.NewCustomWithoutButtons(lang.L("Scoring settings"),
		container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(body)), window)
	d.dialog.Resize(fyne.NewSize(900, 660))
	d.validate()

	return d
}

// thresholds reads the entries; a text that is no whole number is
// reported as a problem.
func (d *scoringDialog) thresholds() (app.ScoreThresholds, string) {
	hot, errHot := strconv.Atoi(strings.TrimSpace(d.hot.Text))
	warm, errWarm := strconv.Atoi(strings.TrimSpace(d.warm.Text))
	if errHot != nil || errWarm != nil {
		return app.ScoreThresholds{}, lang.L("Enter both thresholds as whole numbers from 0 to 100.")
	}

	t := app.ScoreThresholds{Hot: hot, Warm: warm}
	if app.ValidateThresholds(t) != nil {
		return t, lang.L("The warm threshold must be at least 0 and below the hot one, and the hot one at most 100.")
	}

	return t, ""
}

func (d *scoringDialog) validate() {
	if d.saveButton == nil {
		return
	}

	_, problem := d.thresholds()
	d.problem.SetText(problem)
	setEnabled(d.saveButton, problem == "")
}

func (d *scoringDialog) onSaveTapped() {
	thresholds, problem := d.thresholds()
	if problem != "" {
		return
	}

	profile := app.IdealCustomerProfile{
		Industries: d.industries.criteria(),
		SizeBands:  d.sizeBands.criteria(),
		Regions:    d.regions.criteria(),
		Personas:   d.personas.criteria(),
	}

	d.saveButton.Disable()
	go func() {
		ctx := context.Background()
		err := d.store.SaveIdealCustomerProfile(ctx, profile)
		if err == nil {
			err = d.store.SaveScoreThresholds(ctx, thresholds)
		}

		d.do(func() {
			if err != nil {
				d.saveButton.Enable()
				d.errors.report(lang.L("The scoring settings could not be saved. The log file has the details."), err)
				return
			}
			d.dialog.Hide()
			d.onSaved()
		})
	}()
}

// criteriaEditor edits one list of profile criteria: a row per value
// with its weight and a remove button, and a button that adds a row.
// With choices set, values are picked from them instead of typed.
type criteriaEditor struct {
	choices   []string
	onChanged func()

	rows    []*criterionRow
	list    *fyne.Container
	content fyne.CanvasObject
}

type criterionRow struct {
	value  *widget.SelectEntry
	weight *widget.Select
	object fyne.CanvasObject
}

func newCriteriaEditor(criteria []app.ProfileCriterion, choices []string, onChanged func()) *criteriaEditor {
	e := &criteriaEditor{choices: choices, onChanged: onChanged, list: container.NewVBox()}
	for _, c := range criteria {
		e.addRow(c)
	}

	add := widget.NewButtonWithIcon(lang.L("Add"), theme.ContentAddIcon(), func() {
		e.addRow(app.ProfileCriterion{Weight: 5})
	})
	e.content = container.NewVBox(e.list, container.NewHBox(add))

	return e
}

func (e *criteriaEditor) addRow(c app.ProfileCriterion) {
	r := &criterionRow{value: widget.NewSelectEntry(e.choices), weight: newSelect(weightOptions, nil)}
	r.value.SetText(c.Value)
	r.value.SetPlaceHolder(lang.L("Value"))
	r.weight.SetSelected(strconv.Itoa(min(max(c.Weight, 1), 10)))

	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	remove.OnTapped = func() { e.removeRow(r) }
	weight := container.NewHBox(widget.NewLabel(lang.L("Weight")), r.weight, remove)
	r.object = container.NewBorder(nil, nil, nil, weight, r.value)

	e.rows = append(e.rows, r)
	e.list.Add(r.object)
}

func (e *criteriaEditor) removeRow(r *criterionRow) {
	for i, row := range e.rows {
		if row == r {
			e.rows = append(e.rows[:i], e.rows[i+1:]...)
			break
		}
	}

	e.list.Remove(r.object)
	e.onChanged()
}

// criteria returns the rows with a value, in their order.
func (e *criteriaEditor) criteria() []app.ProfileCriterion {
	var criteria []app.ProfileCriterion
	for _, r := range e.rows {
		value := strings.TrimSpace(r.value.Text)
		if value == "" {
			continue
		}

		weight, _ := strconv.Atoi(r.weight.Selected)
		criteria = append(criteria, app.ProfileCriterion{Value: value, Weight: weight})
	}

	return criteria
}

package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// dealActivityStore is the store access of a deal's activities timeline.
type dealActivityStore interface {
	Opportunity(ctx context.Context, id int64) (app.OpportunityDetail, error)
	AddOpportunityActivity(ctx context.Context, a app.Activity) (app.Activity, error)
	CompleteActivity(ctx context.Context, id int64, outcome string) error
	ReopenActivity(ctx context.Context, id int64) error
}

// dealActivitiesSection is the activities timeline of the opportunity
// detail: the deal's activities, newest first, with buttons to mark one
// done with an outcome or to reopen it, and a form to add one.
type dealActivitiesSection struct {
	store    dealActivityStore
	do       uiRunner
	errors   errorReporter
	language string

	// generation drops a load for a deal that is no longer shown.
	generation    int
	opportunityID int64
	busy          bool

	timeline  *fyne.Container
	kind      *widget.Select
	subject   *widget.Entry
	notes     *widget.Entry
	dueDay    *widget.Entry
	dueTime   *widget.Entry
	done      *widget.Check
	problem   *widget.Label
	addButton *widget.Button
	content   *fyne.Container
}

func newDealActivitiesSection(store dealActivityStore, do uiRunner, errors errorReporter,
	language string,
) *dealActivitiesSection {
	s := &dealActivitiesSection{store: store, do: do, errors: errors, language: language}

	s.timeline = container.NewVBox()
	s.kind = newSelect(labelsOf(app.ActivityKinds, words.ActivityKind), func(string) { s.validate() })
	s.kind.PlaceHolder = lang.L("(choose the kind)")
	s.subject = widget.NewEntry()
	s.subject.SetPlaceHolder(lang.L("such as: called about the offer"))
	s.subject.OnChanged = func(string) { s.validate() }
	s.notes = widget.NewMultiLineEntry()
	s.notes.Wrapping = fyne.TextWrapWord
	s.dueDay = widget.NewEntry()
	s.dueDay.SetPlaceHolder(dayPlaceholder(language))
	s.dueDay.OnChanged = func(string) { s.validate() }
	s.dueTime = widget.NewEntry()
	s.dueTime.SetPlaceHolder(lang.X("activity.time.placeholder", "HH:MM"))
	s.dueTime.OnChanged = func(string) { s.validate() }
	s.done = widget.NewCheck(lang.L("Done"), nil)
	s.problem = widget.NewLabel("")
	s.problem.Wrapping = fyne.TextWrapWord
	s.problem.Importance = widget.DangerImportance
	s.addButton = widget.NewButton(lang.L("Add activity"), s.onAddTapped)

	form := container.New(layout.NewFormLayout(),
		headingLabel(lang.L("Kind")), s.kind,
		headingLabel(lang.L("Subject")), s.subject,
		headingLabel(lang.L("Notes")), s.notes,
		headingLabel(lang.L("Due")), container.NewGridWithColumns(2, s.dueDay, s.dueTime),
		layout.NewSpacer(), s.done,
	)
	s.content = container.NewVBox(s.timeline, form, s.problem, container.NewHBox(layout.NewSpacer(), s.addButton))
	s.validate()

	return s
}

// show loads the activities of deal id in a goroutine.
func (s *dealActivitiesSection) show(opportunityID int64) {
	s.generation++
	s.opportunityID = opportunityID
	generation := s.generation

	go func() {
		detail, err := s.store.Opportunity(context.Background(), opportunityID)
		s.do(func() { s.onLoaded(generation, detail.Activities, err) })
	}()
}

func (s *dealActivitiesSection) onLoaded(generation int, activities []app.Activity, err error) {
	if generation != s.generation {
		return
	}

	if err != nil {
		s.errors.report(lang.X("activities.load.error",
			"The activities of opportunity {{.ID}} could not be loaded. The log file has the details.",
			map[string]any{"ID": s.opportunityID}), err)
		return
	}

	s.fill(activities)
}

// fill lists activities newest first by due time, or by creation time
// for an activity without one.
func (s *dealActivitiesSection) fill(activities []app.Activity) {
	sorted := append([]app.Activity(nil), activities...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return activityTime(sorted[i]).After(activityTime(sorted[j]))
	})

	s.timeline.Objects = nil
	for _, a := range sorted {
		s.timeline.Add(s.activityRow(a))
	}

	if len(sorted) == 0 {
		s.timeline.Add(widget.NewLabel(lang.L("No activities.")))
	}
	s.timeline.Refresh()
}

// activityRow shows one activity as "call · Asked about the offer", a
// line with its date, due time and state, its notes and outcome, and a
// button that marks it done or reopens it.
func (s *dealActivitiesSection) activityRow(a app.Activity) fyne.CanvasObject {
	lines := []string{words.ActivityKind(a.Kind) + " · " + a.Subject, s.activityDates(a)}
	if a.Notes != "" {
		lines = append(lines, quoted(a.Notes))
	}
	if a.Outcome != "" {
		lines = append(lines, lang.X("activity.outcome.line", "Outcome: {{.Outcome}}",
			map[string]any{"Outcome": a.Outcome}))
	}

	var button *widget.Button
	if a.Done {
		button = widget.NewButton(lang.L("Reopen"), func() { s.onReopenTapped(a.ID) })
	} else {
		button = widget.NewButton(lang.L("Mark done…"), func() { s.onMarkDoneTapped(a.ID) })
	}

	return container.NewBorder(nil, nil, nil, container.NewVBox(button), wrappedLabel(strings.Join(lines, "\n")))
}

func (s *dealActivitiesSection) activityDates(a app.Activity) string {
	state := lang.L("open")
	if a.Done {
		state = lang.L("done")
	}

	parts := []string{lang.X("activity.created.line", "Date: {{.Date}}",
		map[string]any{"Date": formatDateTime(a.CreatedAt, s.language)})}
	if !a.Due.IsZero() {
		parts = append(parts, lang.X("activity.due.line", "due: {{.Due}}",
			map[string]any{"Due": formatDateTime(a.Due, s.language)}))
	}

	return strings.Join(append(parts, state), ", ")
}

// newActivity reads the form. It returns a message for the person when
// the due day or time cannot be read.
func (s *dealActivitiesSection) newActivity() (app.Activity, string) {
	a := app.Activity{
		OpportunityID: s.opportunityID,
		Kind:          valueAt(app.ActivityKinds, s.kind.SelectedIndex()),
		Subject:       strings.TrimSpace(s.subject.Text),
		Notes:         strings.TrimSpace(s.notes.Text),
		Done:          s.done.Checked,
	}

	due, problem := s.dueAt()
	a.Due = due

	return a, problem
}

// dueAt combines the due day and time, read in the person's format and
// local time zone, into a UTC time. An empty day means no due time, and a
// day without a time is due at 09:00.
func (s *dealActivitiesSection) dueAt() (time.Time, string) {
	dayText, timeText := strings.TrimSpace(s.dueDay.Text), strings.TrimSpace(s.dueTime.Text)
	if dayText == "" {
		if timeText != "" {
			return time.Time{}, lang.L("Enter a due date for the due time.")
		}
		return time.Time{}, ""
	}

	day, err := parseDay(dayText, s.language)
	if err != nil {
		return time.Time{}, dayProblem(dayText, s.language)
	}

	clock := time.Date(0, 1, 1, 9, 0, 0, 0, time.UTC)
	if timeText != "" {
		if clock, err = time.Parse("15:04", timeText); err != nil {
			return time.Time{}, lang.L("Enter the due time as HH:MM, such as 14:30.")
		}
	}

	local := time.Date(day.Year, day.Month, day.Day, clock.Hour(), clock.Minute(), 0, 0, time.Local)

	return local.UTC(), ""
}

// validate shows why the form cannot be saved and enables Add exactly
// when it can.
func (s *dealActivitiesSection) validate() bool {
	a, problem := s.newActivity()
	s.problem.SetText(problem)
	valid := problem == "" && a.Kind != "" && a.Subject != "" && s.opportunityID != 0
	setEnabled(s.addButton, valid && !s.busy)

	return valid
}

func (s *dealActivitiesSection) onAddTapped() {
	if s.busy || !s.validate() {
		return
	}

	a, _ := s.newActivity()
	s.run(lang.L("The activity could not be saved. The log file has the details."), func(ctx context.Context) error {
		_, err := s.store.AddOpportunityActivity(ctx, a)
		return err
	}, s.clearForm)
}

func (s *dealActivitiesSection) clearForm() {
	s.kind.ClearSelected()
	s.subject.SetText("")
	s.notes.SetText("")
	s.dueDay.SetText("")
	s.dueTime.SetText("")
	s.done.SetChecked(false)
	s.validate()
}

// onMarkDoneTapped asks for the outcome and then marks activity id done.
func (s *dealActivitiesSection) onMarkDoneTapped(id int64) {
	outcome := widget.NewEntry()
	outcome.SetPlaceHolder(lang.L("such as: agreed on a trial"))
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Outcome"), outcome)}
	form := dialog.NewForm(lang.L("Mark activity done"), lang.L("Mark done"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			s.complete(id, outcome.Text)
		}
	}, s.errors.window)
	outcome.OnSubmitted = func(string) { form.Submit() }
	showClosingOnEscape(s.errors.window, form)
}

func (s *dealActivitiesSection) complete(id int64, outcome string) {
	s.run(lang.L("The activity could not be marked done. The log file has the details."),
		func(ctx context.Context) error { return s.store.CompleteActivity(ctx, id, outcome) }, nil)
}

func (s *dealActivitiesSection) onReopenTapped(id int64) {
	s.run(lang.L("The activity could not be reopened. The log file has the details."),
		func(ctx context.Context) error { return s.store.ReopenActivity(ctx, id) }, nil)
}

// run stores a change in a goroutine, then runs onDone and reloads the
// timeline on the UI goroutine. On a failure it shows message and keeps
// the form as it is.
func (s *dealActivitiesSection) run(message string, change func(ctx context.Context) error, onDone func()) {
	s.busy = true
	s.validate()
	opportunityID := s.opportunityID

	go func() {
		err := change(context.Background())
		s.do(func() {
			s.busy = false
			if err != nil {
				s.validate()
				s.errors.report(message, fmt.Errorf("change activity of opportunity %d: %w", opportunityID, err))
				return
			}

			if onDone != nil {
				onDone()
			}
			s.validate()
			if opportunityID == s.opportunityID {
				s.show(opportunityID)
			}
		})
	}()
}

package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// dealMilestoneStore is the store access of a deal's milestone checklist.
type dealMilestoneStore interface {
	Milestones(ctx context.Context, opportunityID int64) ([]app.MilestoneCheck, error)
	SetMilestone(ctx context.Context, opportunityID int64, milestone string, done bool) error
}

// dealMilestonesSection is the "Milestones" part of the opportunity
// detail: one check per milestone of the deal's current stage. It is
// hidden while that stage has no milestones. Every store call runs in a
// goroutine, and its result and the reloaded list land in one call of do.
type dealMilestonesSection struct {
	store    dealMilestoneStore
	do       uiRunner
	errors   errorReporter
	language string

	opportunityID int64
	// generation drops a load for a deal that is no longer shown.
	generation int
	checks     []app.MilestoneCheck
	busy       bool

	list    *fyne.Container
	boxes   []*widget.Check
	content *fyne.Container
}

func newDealMilestonesSection(store dealMilestoneStore, do uiRunner, errors errorReporter,
	language string) *dealMilestonesSection {
	s := &dealMilestonesSection{store: store, do: do, errors: errors, language: language}

	s.list = container.NewVBox()
	s.content = container.NewVBox(sectionHeading(lang.L("Milestones")), s.list)
	s.content.Hide()

	return s
}

// show loads the milestones of deal opportunityID in a goroutine and
// shows them when they land.
func (s *dealMilestonesSection) show(opportunityID int64) {
	s.opportunityID = opportunityID
	s.change("", func(context.Context) error { return nil })
}

// change runs store in a goroutine, reloads the checklist in the same
// goroutine and applies both in one call of do. failure is the message
// shown when store fails, and an empty failure means a plain load.
func (s *dealMilestonesSection) change(failure string, store func(ctx context.Context) error) {
	id := s.opportunityID
	if failure == "" {
		s.generation++
	}
	generation := s.generation
	s.setBusy(true)

	go func() {
		ctx := context.Background()
		err := store(ctx)

		var checks []app.MilestoneCheck
		if err == nil {
			checks, err = s.store.Milestones(ctx, id)
		}
		s.do(func() { s.onLoaded(generation, checks, err, failure) })
	}()
}

func (s *dealMilestonesSection) onLoaded(generation int, checks []app.MilestoneCheck, err error, failure string) {
	if generation != s.generation {
		return
	}

	if err != nil {
		if failure == "" {
			failure = lang.L("The milestones could not be loaded. The log file has the details.")
		}
		s.errors.report(failure, err)
		// The boxes may show a tick that was not stored, so show the
		// stored state again.
		s.fill()
		s.setBusy(false)
		return
	}

	s.checks = checks
	s.fill()
	s.setBusy(false)
}

func (s *dealMilestonesSection) fill() {
	s.list.Objects = nil
	s.boxes = nil
	for _, c := range s.checks {
		box := widget.NewCheck(c.Milestone, nil)
		box.Checked = c.Done
		milestone := c.Milestone
		box.OnChanged = func(done bool) { s.onMilestoneChanged(milestone, done) }
		s.boxes = append(s.boxes, box)

		row := container.NewHBox(box)
		if c.Done {
			row.Add(widget.NewLabel(lang.X("milestones.done", "done {{.Date}}",
				map[string]any{"Date": formatTimestamp(c.DoneAt, s.language)})))
		}
		s.list.Add(row)
	}
	s.list.Refresh()

	setVisible(s.content, len(s.checks) > 0)
}

func (s *dealMilestonesSection) onMilestoneChanged(milestone string, done bool) {
	id := s.opportunityID
	failure := lang.X("milestones.error", "The milestone “{{.Milestone}}” could not be saved. The log file has the details.",
		map[string]any{"Milestone": milestone})

	s.change(failure, func(ctx context.Context) error {
		return s.store.SetMilestone(ctx, id, milestone, done)
	})
}

// setBusy turns the boxes off while a store call runs, so a second click
// cannot act on a list that is about to change.
func (s *dealMilestonesSection) setBusy(busy bool) {
	s.busy = busy
	for _, box := range s.boxes {
		if busy {
			box.Disable()
		} else {
			box.Enable()
		}
	}
}

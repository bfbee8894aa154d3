package ui

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// retentionReview is the Retention tab of the privacy dialog: the months
// a lead may go without activity, the leads past that period, and their
// deletion after a confirmation.
type retentionReview struct {
	store    privacyStore
	window   fyne.Window
	do       uiRunner
	errors   errorReporter
	language string
	now      func() time.Time

	stale []app.StaleLead

	months        *widget.Entry
	listButton    *widget.Button
	status        *widget.Label
	list          *widget.List
	deleteButton  *widget.Button
	deleteConfirm *dialog.ConfirmDialog
	content       fyne.CanvasObject
}

func newRetentionReview(store privacyStore, window fyne.Window, do uiRunner, reporter errorReporter,
	language string,
) *retentionReview {
	r := &retentionReview{store: store, window: window, do: do, errors: reporter, language: language,
		now: time.Now}

	r.months = widget.NewEntry()
	r.listButton = widget.NewButton(lang.X("gdpr.retention.list", "Save and list"), r.onListTapped)
	r.status = widget.NewLabel("")
	r.status.Wrapping = fyne.TextWrapWord
	r.list = widget.NewList(func() int { return len(r.stale) },
		func() fyne.CanvasObject { return widget.NewLabel("") }, r.updateRow)
	r.deleteButton = widget.NewButton(lang.X("gdpr.retention.delete", "Delete listed leads…"), r.onDeleteTapped)
	r.deleteButton.Importance = widget.DangerImportance
	r.deleteButton.Disable()

	form := widget.NewForm(widget.NewFormItem(lang.X("gdpr.retention.months", "Months without activity"),
		container.NewBorder(nil, nil, nil, r.listButton, r.months)))
	top := container.NewVBox(form, r.status)
	r.content = container.NewBorder(top, container.NewHBox(r.deleteButton), nil, nil, r.list)

	return r
}

// load reads the stored period and lists the leads past it.
func (r *retentionReview) load() {
	go func() {
		months, err := r.store.RetentionMonths(context.Background())
		r.do(func() {
			if err != nil {
				r.errors.report(lang.X("gdpr.error.retention", "The retention period could not be read. The log file has the details."), err)
				return
			}
			r.months.SetText(strconv.Itoa(months))
			r.showStale(months)
		})
	}()
}

func (r *retentionReview) onListTapped() {
	months, err := strconv.Atoi(strings.TrimSpace(r.months.Text))
	if err != nil || app.ValidateRetentionMonths(months) != nil {
		r.status.SetText(lang.X("gdpr.retention.invalid", "Enter a whole number of months from 1 to {{.Max}}.",
			map[string]any{"Max": app.MaxRetentionMonths}))
		return
	}

	go func() {
		err := r.store.SaveRetentionMonths(context.Background(), months)
		r.do(func() {
			if err != nil {
				r.errors.report(lang.X("gdpr.error.retention_save", "The retention period could not be saved. The log file has the details."), err)
				return
			}
			r.showStale(months)
		})
	}()
}

// showStale loads the leads past months in a goroutine and shows them.
func (r *retentionReview) showStale(months int) {
	r.listButton.Disable()
	now := r.now()
	go func() {
		stale, err := r.store.StaleLeads(context.Background(), now, months)
		r.do(func() { r.onListed(stale, months, err) })
	}()
}

func (r *retentionReview) onListed(stale []app.StaleLead, months int, err error) {
	r.listButton.Enable()
	if err != nil {
		r.errors.report(lang.X("gdpr.error.stale", "The leads to review could not be listed. The log file has the details."), err)
		return
	}

	r.stale = stale
	r.list.Refresh()
	r.status.SetText(lang.X("gdpr.retention.count",
		"{{.Count}} leads have had no activity for {{.Months}} months.",
		map[string]any{"Count": app.FormatCount(len(stale), r.language), "Months": months}))
	if len(stale) == 0 {
		r.deleteButton.Disable()
	} else {
		r.deleteButton.Enable()
	}
}

func (r *retentionReview) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(r.stale) {
		return
	}

	l := r.stale[id]
	parts := []string{l.Name, l.Company, l.Email, words.LeadStatus(l.Status),
		lang.X("gdpr.retention.last", "last activity {{.Date}}",
			map[string]any{"Date": formatTimestamp(l.LastActivity, r.language)})}
	var shown []string
	for _, p := range parts {
		if p != "" {
			shown = append(shown, p)
		}
	}
	o.(*widget.Label).SetText(strings.Join(shown, " · "))
}

func (r *retentionReview) onDeleteTapped() {
	ids := make([]int64, len(r.stale))
	for i, l := range r.stale {
		ids[i] = l.ID
	}

	message := lang.X("gdpr.retention.confirm",
		"Move these {{.Count}} leads with their activities and history to the trash? The trash deletes them for good after 30 days.",
		map[string]any{"Count": app.FormatCount(len(ids), r.language)})
	r.deleteConfirm = dialog.NewConfirm(lang.X("gdpr.retention.delete_title", "Delete leads"), message,
		func(yes bool) {
			if yes {
				r.delete(ids)
			}
		}, r.window)
	showClosingOnEscape(r.window, r.deleteConfirm)
}

func (r *retentionReview) delete(ids []int64) {
	r.deleteButton.Disable()
	go func() {
		deleted, err := r.store.DeleteLeads(context.Background(), ids)
		r.do(func() {
			if err != nil {
				r.errors.report(lang.X("gdpr.error.delete", "The leads could not be deleted. The log file has the details."), err)
				return
			}
			r.status.SetText(lang.X("gdpr.retention.deleted", "Deleted {{.Count}} leads.",
				map[string]any{"Count": app.FormatCount(deleted, r.language)}))
			r.stale = nil
			r.list.Refresh()
		})
	}()
}

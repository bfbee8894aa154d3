package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// leadModelStore is the store access of the learned lead scores.
type leadModelStore interface {
	RefreshLeadPredictions(ctx context.Context, progress app.Progress) (app.LeadModelSummary, error)
	LeadPredictionStatus(ctx context.Context) (app.LeadModelSummary, bool, error)
}

// leadLearning refreshes the stored learned chances and lead values off
// the UI thread, shows its progress in a status line below the lead
// list, and notifies the screens when the stored predictions change. Its
// methods run on the UI goroutine.
type leadLearning struct {
	store    leadModelStore
	do       uiRunner
	errors   errorReporter
	language string

	// summary is the last refresh's, valid once known is true.
	summary app.LeadModelSummary
	known   bool
	running bool
	cancel  context.CancelFunc
	// onChanged runs after a refresh stored new predictions, and onState
	// after any change of summary or running.
	onChanged []func()
	onState   []func()
	// dialog is the open "Learned scoring" dialog, nil when closed.
	dialog *leadModelDialog

	message *widget.Label
	bar     *widget.ProgressBar
	content *fyne.Container
}

func newLeadLearning(store leadModelStore, do uiRunner, errors errorReporter, language string) *leadLearning {
	l := &leadLearning{store: store, do: do, errors: errors, language: language}

	l.message = widget.NewLabel(lang.L("Learning from the closed leads…"))
	l.bar = widget.NewProgressBar()
	cancel := widget.NewButton(lang.L("Cancel"), l.onCancelTapped)
	l.content = container.NewBorder(nil, nil, l.message, cancel, l.bar)
	l.content.Hide()

	return l
}

// refreshIfStale reads the stored summary and starts a refresh when the
// leads or won deals changed since the last one, or none ran yet.
func (l *leadLearning) refreshIfStale() {
	go func() {
		summary, stale, err := l.store.LeadPredictionStatus(context.Background())
		l.do(func() { l.onStatusLoaded(summary, stale, err) })
	}()
}

func (l *leadLearning) onStatusLoaded(summary app.LeadModelSummary, stale bool, err error) {
	if err != nil {
		l.errors.report(lang.L("The learned lead scores could not be read. The log file has the details."), err)
		return
	}

	if !l.running {
		l.summary, l.known = summary, !summary.RefreshedAt.IsZero()
		l.notify(l.onState)
	}

	if stale {
		l.refresh()
	}
}

// refresh starts learning again unless a refresh is running.
func (l *leadLearning) refresh() {
	if l.running {
		return
	}

	ctx, cancel := context.WithCancel(context.Background())
	l.running, l.cancel = true, cancel
	l.setProgress(0)
	l.content.Show()
	l.notify(l.onState)

	go func() {
		summary, err := l.store.RefreshLeadPredictions(ctx, l.progress)
		l.do(func() { l.onRefreshed(summary, err) })
	}()
}

// progress moves the bar from the refresh's goroutine, through one
// l.do per batch of leads.
func (l *leadLearning) progress(done, total int) {
	l.do(func() {
		if total > 0 {
			l.setProgress(float64(done) / float64(total))
		}
	})
}

func (l *leadLearning) setProgress(share float64) {
	l.bar.SetValue(share)
	if l.dialog != nil {
		l.dialog.bar.SetValue(share)
	}
}

func (l *leadLearning) onRefreshed(summary app.LeadModelSummary, err error) {
	l.cancel()
	l.running = false
	l.content.Hide()

	switch {
	case errors.Is(err, context.Canceled):
		l.notify(l.onState)
		return
	case err != nil:
		l.notify(l.onState)
		l.errors.report(lang.L("Learning lead scores from the closed leads failed. The log file has the details."), err)
		return
	}

	// A refresh that stored no chance or value, and found none stored
	// before, changes nothing the list shows, so the list keeps its
	// selection.
	changed := l.summary.Predicted+l.summary.Valued > 0 || summary.Predicted+summary.Valued > 0
	l.summary, l.known = summary, true
	l.notify(l.onState)
	if changed {
		l.notify(l.onChanged)
	}
}

func (l *leadLearning) onCancelTapped() {
	if l.running {
		l.cancel()
	}
}

func (l *leadLearning) notify(listeners []func()) {
	for _, f := range listeners {
		f()
	}

	if l.dialog != nil {
		l.dialog.fill()
	}
}

// historyText says what the learned chances rest on: "Learned from 230
// closed leads (150 converted, 80 disqualified) on 12.03.2026 14:05." or
// why there are none yet.
func (l *leadLearning) historyText() string {
	s := l.summary
	switch {
	case l.running:
		return lang.L("Learning from the closed leads…")
	case !l.known:
		return lang.L("Not learned yet.")
	case !s.Learned:
		return tooFewText(s, l.language)
	}

	return lang.X("leadmodel.learned_from",
		"Learned from {{.Closed}} closed leads ({{.Converted}} converted, {{.Lost}} disqualified) on {{.When}}.",
		map[string]any{
			"Closed":    app.FormatCount(s.Closed, l.language),
			"Converted": app.FormatCount(s.Converted, l.language),
			"Lost":      app.FormatCount(s.Lost, l.language),
			"When":      formatDateTime(s.RefreshedAt, l.language),
		})
}

// tooFewText says how much history a learned chance needs and how much
// there is, such as "Needs 200 closed leads, 30 of each outcome; you have
// 120 (40 converted, 80 disqualified)."
func tooFewText(s app.LeadModelSummary, language string) string {
	return lang.X("leadmodel.too_few",
		"Needs {{.Min}} closed leads, {{.MinEach}} of each outcome; you have {{.Closed}} ({{.Converted}} converted, {{.Lost}} disqualified).",
		map[string]any{
			"Min":       app.FormatCount(app.MinClosedLeads, language),
			"MinEach":   app.FormatCount(app.MinLeadsPerOutcome, language),
			"Closed":    app.FormatCount(s.Closed, language),
			"Converted": app.FormatCount(s.Converted, language),
			"Lost":      app.FormatCount(s.Lost, language),
		})
}

// leadModelDialog is the "Learned scoring" dialog: what the chances were
// learned from and when, the strongest weights in words, and a button
// that learns again.
type leadModelDialog struct {
	learning *leadLearning

	history *widget.Label
	values  *widget.Label
	weights *fyne.Container
	bar     *widget.ProgressBar
	learn   *widget.Button
	dialog  dialog.Dialog
}

// openLeadModelSettings shows the "Learned scoring" dialog.
func (m *mainWindow) openLeadModelSettings() {
	d := newLeadModelDialog(m.leads.learning, m.window)
	showClosingOnEscape(m.window, d.dialog)

	if !m.leads.learning.known {
		m.leads.learning.refreshIfStale()
	}
}

func newLeadModelDialog(learning *leadLearning, window fyne.Window) *leadModelDialog {
	d := &leadModelDialog{learning: learning}

	d.history = wrappedLabel("")
	d.values = wrappedLabel("")
	d.weights = container.NewVBox()
	d.bar = widget.NewProgressBar()
	d.learn = widget.NewButton(lang.L("Learn again"), learning.refresh)

	intro := wrappedLabel(lang.L("Leadwerk learns from your converted and disqualified leads how each attribute relates to conversion, and gives every open lead a learned chance beside its score."))
	weights := container.NewVScroll(d.weights)
	weights.SetMinSize(fyne.NewSize(0, 260))
	top := container.NewVBox(intro, d.history, d.values, sectionHeading(lang.L("Strongest weights")))
	bottom := container.NewBorder(nil, nil, nil, d.learn, d.bar)
	content := container.NewBorder(top, bottom, nil, nil, weights)

	d.dialog = dialog.NewCustom(lang.L("Learned scoring"), lang.L("Close"), content, window)
	d.dialog.Resize(fyne.NewSize(640, 560))

	learning.dialog = d
	d.dialog.SetOnClosed(func() { learning.dialog = nil })
	d.fill()

	return d
}

func (d *leadModelDialog) fill() {
	l := d.learning
	d.history.SetText(l.historyText())
	d.values.SetText(valueBasisText(l.summary, l.language))
	setEnabled(d.learn, !l.running)
	if l.running {
		d.bar.Show()
	} else {
		d.bar.Hide()
	}

	d.weights.Objects = nil
	for _, w := range l.summary.Strongest {
		d.weights.Add(wrappedLabel(words.LeadWeightText(w)))
	}
	if len(l.summary.Strongest) == 0 {
		d.weights.Add(widget.NewLabel(lang.L("No weights learned yet.")))
	}
	d.weights.Refresh()
}

// valueBasisText says what the lead values average over, or "" before
// the first refresh.
func valueBasisText(s app.LeadModelSummary, language string) string {
	if s.RefreshedAt.IsZero() {
		return ""
	}

	if s.WonDeals == 0 {
		return lang.L("No deal is won yet, so no lead has an expected value.")
	}

	return lang.X("leadmodel.value_basis",
		"Expected values average {{.Deals}} won deals in {{.Currency}}, those of the lead's source when it has at least {{.Min}}.",
		map[string]any{
			"Deals":    app.FormatCount(s.WonDeals, language),
			"Currency": s.ValueCurrency,
			"Min":      app.MinSimilarWonDeals,
		})
}

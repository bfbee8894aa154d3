package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// maxIdleDays is the largest number of idle days the view accepts, ten
// years.
const maxIdleDays = 3650

// dataQualityReader is the store's read access for the data-quality view.
type dataQualityReader interface {
	DataQuality(ctx context.Context, idleSince time.Time) (app.DataQuality, error)
}

// dataQualityView is the Leads → Data quality dialog: for leads and
// contacts, how many miss each field, and for leads also BANT gaps,
// likely duplicates and idle open leads. A tap on a lead figure lists the
// leads behind it in the Leads tab.
type dataQualityView struct {
	store    dataQualityReader
	do       uiRunner
	errors   errorReporter
	language string
	now      func() time.Time

	// onShowLeads lists the leads that a filter selects in the Leads tab.
	onShowLeads func(f app.LeadQualityFilter)

	// generation drops the result of a load that a newer one replaced.
	generation int
	idleDays   int
	result     app.DataQuality
	debounce   *debouncer

	// cancel stops the running load when a newer one starts or the
	// dialog closes.
	cancel context.CancelFunc

	days         *widget.Entry
	status       *widget.Label
	leadTotal    *widget.Label
	contactTotal *widget.Label
	leadRows     []*qualityRow
	contactRows  []*qualityRow
	content      fyne.CanvasObject
	dialog       *dialog.CustomDialog
}

// qualityRow is one figure of the view: its name, count, share and a bar
// of the share. The name and count of a lead figure are links to its
// leads.
type qualityRow struct {
	gap     app.QualityGap
	name    textSetter
	count   textSetter
	share   *widget.Label
	bar     *shareBar
	content fyne.CanvasObject
}

// textSetter is a label or a hyperlink.
type textSetter interface {
	fyne.CanvasObject
	SetText(text string)
}

// qualityColumns are the widths of name, count, share and bar.
var qualityColumns = []float32{3, 1, 1, 2.5}

func newDataQualityView(store dataQualityReader, window fyne.Window, do uiRunner, reporter errorReporter,
	language string) *dataQualityView {
	v := &dataQualityView{
		store: store, do: do, errors: reporter, language: language, now: time.Now,
		idleDays: app.DefaultIdleDays,
		debounce: &debouncer{delay: searchDelay, do: do},
	}

	v.days = widget.NewEntry()
	v.days.SetText(strconv.Itoa(v.idleDays))
	v.days.Validator = func(text string) error {
		_, err := parseIdleDays(text)
		return err
	}
	v.days.OnChanged = v.onDaysChanged
	v.status = widget.NewLabel("")
	v.leadTotal = widget.NewLabel("")
	v.contactTotal = widget.NewLabel("")

	for _, gap := range app.LeadGaps() {
		v.leadRows = append(v.leadRows, v.newRow(gap, true))
	}
	for _, gap := range []app.QualityGap{app.GapContactMissingEmail, app.GapContactMissingPhone} {
		v.contactRows = append(v.contactRows, v.newRow(gap, false))
	}

	v.content = v.body()
	v.dialog = dialog.NewCustom(lang.L("quality.title"), lang.L("Close"), v.content, window)
	v.dialog.Resize(fyne.NewSize(800, 760))
	v.dialog.SetOnClosed(v.stopLoading)

	return v
}

// stopLoading cancels the running load, if any.
func (v *dataQualityView) stopLoading() {
	if v.cancel != nil {
		v.cancel()
	}
}

// newRow builds the row of gap. The name and count of a linked row open
// the leads behind it.
func (v *dataQualityView) newRow(gap app.QualityGap, linked bool) *qualityRow {
	r := &qualityRow{gap: gap, share: trailingLabel(""), bar: newShareBar()}

	if linked {
		name := widget.NewHyperlink("", nil)
		name.OnTapped = func() { v.onRowTapped(gap) }
		count := widget.NewHyperlink("", nil)
		count.Alignment = fyne.TextAlignTrailing
		count.OnTapped = func() { v.onRowTapped(gap) }
		r.name, r.count = name, count
	} else {
		r.name, r.count = truncatedLabel(""), trailingLabel("")
	}

	r.content = container.New(columnLayout{weights: qualityColumns}, r.name, r.count, r.share, r.bar)
	r.name.SetText(v.gapName(gap))

	return r
}

func (v *dataQualityView) body() fyne.CanvasObject {
	days := container.NewGridWrap(fyne.NewSize(80, v.days.MinSize().Height), v.days)
	idle := container.NewHBox(widget.NewLabel(lang.L("quality.idle.after")), days, widget.NewLabel(lang.L("quality.days")))

	header := container.New(columnLayout{weights: qualityColumns},
		headingLabel(""), trailingHeading(lang.L("quality.count")), trailingHeading(lang.L("quality.share")), headingLabel(""))

	leads := container.NewVBox(sectionHeading(lang.L("Leads")), v.leadTotal, header)
	for _, r := range v.leadRows {
		leads.Add(r.content)
	}
	leadNote := widget.NewLabel(lang.L("quality.leads.note"))
	leadNote.Wrapping = fyne.TextWrapWord
	leads.Add(leadNote)

	contacts := container.NewVBox(sectionHeading(lang.L("quality.contacts")), v.contactTotal)
	for _, r := range v.contactRows {
		contacts.Add(r.content)
	}
	// TODO: link the contact figures once Leadwerk has a contact list to
	// filter.
	contactNote := widget.NewLabel(lang.L("quality.contacts.note"))
	contactNote.Wrapping = fyne.TextWrapWord
	contacts.Add(contactNote)

	scroll := container.NewVScroll(container.NewPadded(container.NewVBox(leads, contacts)))

	return container.NewBorder(idle, v.status, nil, nil, scroll)
}

// show opens the dialog and loads the figures.
func (v *dataQualityView) show() {
	showClosingOnEscape(v.errors.window, v.dialog)
	v.reload()
}

// reload counts the gaps in a goroutine with the current idle days and
// fills the rows in one do.
func (v *dataQualityView) reload() {
	v.stopLoading()
	v.generation++
	generation := v.generation
	idleSince := app.IdleCutoff(v.now(), v.idleDays)
	v.status.SetText(lang.L("Loading…"))

	ctx, cancel := context.WithCancel(context.Background())
	v.cancel = cancel
	go func() {
		result, err := v.store.DataQuality(ctx, idleSince)
		if ctx.Err() != nil {
			// A newer load replaced this one, or the dialog closed.
			return
		}
		v.do(func() { v.onLoaded(generation, result, err) })
	}()
}

func (v *dataQualityView) onLoaded(generation int, result app.DataQuality, err error) {
	if generation != v.generation {
		return
	}

	v.status.SetText("")
	if err != nil {
		v.errors.report(lang.L("quality.error.load"), err)
		return
	}

	v.result = result
	v.leadTotal.SetText(lang.XN("quality.leads.total", "{{.Count}} leads, {{.Open}} of them open", result.Leads,
		map[string]any{
			"Count": app.FormatCount(result.Leads, v.language),
			"Open":  app.FormatCount(result.OpenLeads, v.language),
		}))
	v.contactTotal.SetText(lang.XN("quality.contacts.total", "{{.Count}} contacts", result.Contacts,
		map[string]any{"Count": app.FormatCount(result.Contacts, v.language)}))

	v.fillRows(v.leadRows, result.LeadFigures())
	v.fillRows(v.contactRows, result.ContactFigures())
}

func (v *dataQualityView) fillRows(rows []*qualityRow, figures []app.QualityFigure) {
	for i, f := range figures {
		r := rows[i]
		r.name.SetText(v.gapName(f.Gap))
		r.count.SetText(app.FormatCount(f.Count, v.language))
		r.share.SetText(formatShare(f.Share(), v.language))
		r.bar.setPercent(f.Share())
	}
}

// onDaysChanged reloads with the typed number of idle days once typing
// pauses. Text that is not a number from 1 to maxIdleDays stays in the
// entry, marked invalid, and loads nothing.
func (v *dataQualityView) onDaysChanged(text string) {
	days, err := parseIdleDays(text)
	if err != nil {
		return
	}

	v.debounce.call(func() {
		if days == v.idleDays {
			return
		}

		v.idleDays = days
		v.reload()
	})
}

// onRowTapped closes the dialog and lists the leads behind the figure of
// gap, with the idle cut-off of the figures shown.
func (v *dataQualityView) onRowTapped(gap app.QualityGap) {
	v.dialog.Hide()
	if v.onShowLeads != nil {
		v.onShowLeads(v.result.Filter(gap))
	}
}

// gapName returns the name of a figure in the person's language. The
// idle figure names the current number of days.
func (v *dataQualityView) gapName(gap app.QualityGap) string {
	if gap == app.GapNoActivity {
		return lang.XN("quality.gap.idle", "No activity for {{.Count}} days", v.idleDays,
			map[string]any{"Count": app.FormatCount(v.idleDays, v.language)})
	}

	return qualityGapName(gap)
}

// qualityGapName returns the name of a gap other than GapNoActivity.
func qualityGapName(gap app.QualityGap) string {
	switch gap {
	case app.GapMissingEmail, app.GapContactMissingEmail:
		return lang.L("quality.gap.email")
	case app.GapMissingPhone, app.GapContactMissingPhone:
		return lang.L("quality.gap.phone")
	case app.GapMissingIndustry:
		return lang.L("quality.gap.industry")
	case app.GapMissingSizeBand:
		return lang.L("quality.gap.size")
	case app.GapMissingRegion:
		return lang.L("quality.gap.region")
	case app.GapMissingPersona:
		return lang.L("quality.gap.persona")
	case app.GapNoQualification:
		return lang.L("quality.gap.nobant")
	case app.GapPartialQualification:
		return lang.L("quality.gap.partbant")
	case app.GapLikelyDuplicate:
		return lang.L("quality.gap.duplicate")
	default:
		return string(gap)
	}
}

var errIdleDays = errors.New("invalid number of idle days")

// parseIdleDays reads a whole number of days from 1 to maxIdleDays.
func parseIdleDays(text string) (int, error) {
	days, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || days < 1 || days > maxIdleDays {
		return 0, errIdleDays
	}

	return days, nil
}

// formatShare writes a percentage with one decimal in the person's
// language: "12.5%" in English, "12,5 %" in German.
func formatShare(percent float64, language string) string {
	number := strconv.FormatFloat(percent, 'f', 1, 64)
	if strings.HasPrefix(strings.ToLower(language), "de") {
		return strings.Replace(number, ".", ",", 1) + " %"
	}

	return number + "%"
}

// openDataQuality is the Leads → Data quality menu action.
func (m *mainWindow) openDataQuality() {
	v := newDataQualityView(m.store, m.window, m.do, m.errors, m.language)
	v.onShowLeads = m.showLeadsWithGap
	v.show()
}

// showLeadsWithGap switches to the Leads tab and lists the leads that f
// selects.
func (m *mainWindow) showLeadsWithGap(f app.LeadQualityFilter) {
	m.selectTab(m.leads.content)
	m.leads.showQuality(f)
}

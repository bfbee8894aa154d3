package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// leadLister is the store's read access for the lead list.
type leadLister interface {
	CountLeads(ctx context.Context, q app.LeadQuery) (int, error)
	ListLeads(ctx context.Context, q app.LeadQuery) ([]app.Lead, error)
}

// leadWeights are the relative widths of name, company, e-mail, source
// and status.
var leadWeights = []float32{2, 2.4, 2.6, 1.4, 1.2}

// leadsScreen is the Leads tab: a search box, the column headings and the
// paged list of leads.
type leadsScreen struct {
	store    leadLister
	do       uiRunner
	errors   errorReporter
	language string

	query    app.LeadQuery
	rows     *pagedRows[app.Lead]
	debounce *debouncer

	search  *widget.Entry
	list    *widget.List
	count   *widget.Label
	content fyne.CanvasObject
}

func newLeadsScreen(store leadLister, do uiRunner, errors errorReporter, language string) *leadsScreen {
	s := &leadsScreen{
		store:    store,
		do:       do,
		errors:   errors,
		language: language,
		debounce: &debouncer{delay: searchDelay, do: do},
	}
	s.rows = newPagedRows[app.Lead](do, s.onRowsChanged, s.onRowsFailed)

	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.L("Search name, company, e-mail or city"))
	s.search.OnChanged = s.onSearchChanged
	s.count = widget.NewLabel("")
	s.list = widget.NewList(s.rows.length, s.createRow, s.updateRow)

	header := newRowLabels(leadWeights)
	setRowTexts(header, lang.L("Name"), lang.L("Company"), lang.L("E-mail"), lang.L("Source"), lang.L("Status"))
	for _, o := range header.Objects {
		o.(*widget.Label).TextStyle.Bold = true
	}

	s.content = container.NewBorder(container.NewVBox(s.search, header), s.count, nil, nil, s.list)

	return s
}

func (s *leadsScreen) createRow() fyne.CanvasObject {
	return newRowLabels(leadWeights)
}

// updateRow draws row id from the page cache without I/O.
func (s *leadsScreen) updateRow(id widget.ListItemID, item fyne.CanvasObject) {
	lead, ok := s.rows.row(id)
	if !ok {
		setRowTexts(item.(*fyne.Container), lang.L("Loading…"))
		return
	}

	name := strings.TrimSpace(lead.FirstName + " " + lead.LastName)
	setRowTexts(item.(*fyne.Container), name, lead.CompanyName, lead.Email, leadSourceLabel(lead.Source), leadStatusLabel(lead.Status))
}

// reload queries the list again with the current search.
func (s *leadsScreen) reload() {
	q := s.query
	s.rows.reset(pageQuery[app.Lead]{
		count: func(ctx context.Context) (int, error) {
			return s.store.CountLeads(ctx, q)
		},
		page: func(ctx context.Context, offset, limit int) ([]app.Lead, error) {
			page := q
			page.Offset, page.Limit = offset, limit
			return s.store.ListLeads(ctx, page)
		},
	})
	s.count.SetText(lang.L("Loading…"))
}

func (s *leadsScreen) onRowsChanged() {
	if s.rows.ready() {
		s.count.SetText(lang.XN("leads.count", "{{.Count}} leads", s.rows.length(),
			map[string]any{"Count": formatCount(s.rows.length(), s.language)}))
	}

	s.list.Refresh()
}

func (s *leadsScreen) onRowsFailed(err error) {
	s.count.SetText("")
	s.errors.report(lang.L("The leads could not be loaded. The log file has the details."), err)
}

func (s *leadsScreen) onSearchChanged(string) {
	s.debounce.call(func() {
		if s.search.Text == s.query.Search {
			return
		}

		s.query.Search = s.search.Text
		s.reload()
	})
}

func leadStatusLabel(status app.LeadStatus) string {
	switch status {
	case app.LeadNew:
		return lang.L("New")
	case app.LeadContacted:
		return lang.L("Contacted")
	case app.LeadNurturing:
		return lang.L("Nurturing")
	case app.LeadQualified:
		return lang.L("Qualified")
	case app.LeadHandedOver:
		return lang.L("Handed over")
	case app.LeadConverted:
		return lang.L("Converted")
	case app.LeadDisqualified:
		return lang.L("Disqualified")
	default:
		return string(status)
	}
}

// leadSourceLabel translates the sources Leadwerk knows and shows any
// other source as it is stored.
func leadSourceLabel(source string) string {
	switch source {
	case app.SourceTradeFair:
		return lang.L("trade fair")
	case app.SourceWebsite:
		return lang.L("website")
	case app.SourceEmailCampaign:
		return lang.L("e-mail campaign")
	case app.SourceReferral:
		return lang.L("referral")
	case app.SourceColdCall:
		return lang.L("cold call")
	case app.SourcePartner:
		return lang.L("partner")
	case app.SourceOther:
		return lang.X("source.other", "other")
	default:
		return source
	}
}

package exporting

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/app/export"
	"leadwerk/ui/words"
)

// pageSize is how many leads or deals one list query reads.
const pageSize = 1000

// eventDuration is the length of an activity's calendar event, because
// an activity stores only its due time.
const eventDuration = time.Hour

func sheetName(what What) string {
	switch what {
	case Leads:
		return lang.X("export.sheet.leads", "Leads")
	case Contacts:
		return lang.X("export.sheet.contacts", "Contacts")
	case Companies:
		return lang.X("export.sheet.companies", "Companies")
	case Opportunities:
		return lang.X("export.sheet.opportunities", "Opportunities")
	default:
		return lang.X("export.sheet.activities", "Activities")
	}
}

func writeTable(ctx context.Context, w export.TableWriter, src Source, req Request, progress app.Progress) error {
	switch req.What {
	case Leads:
		return writeLeads(ctx, w, src, req, progress)
	case Opportunities:
		return writeOpportunities(ctx, w, src, req, progress)
	case Companies:
		return writeCompanies(ctx, w, src)
	case Contacts:
		return writeContacts(ctx, w, src)
	case Activities:
		return writeActivities(ctx, w, src, req)
	default:
		return fmt.Errorf("records %q: %w", req.What, ErrFormat)
	}
}

func writeLeads(ctx context.Context, w export.TableWriter, src Source, req Request, progress app.Progress) error {
	err := w.WriteHeader([]string{
		lang.X("export.column.first_name", "First name"), lang.X("export.column.last_name", "Last name"),
		lang.X("export.column.company", "Company"), lang.X("export.column.role", "Role"),
		lang.X("export.column.email", "E-mail"), lang.X("export.column.phone", "Phone"),
		lang.X("export.column.city", "City"), lang.X("export.column.country", "Country"),
		lang.X("export.column.source", "Source"), lang.X("export.column.status", "Status"),
		lang.X("export.column.score", "Score"), lang.X("export.column.temperature", "Temperature"),
		lang.X("export.column.owner", "Owner"), lang.X("export.column.last_activity", "Last activity"),
		lang.X("export.column.created", "Created"),
	})
	if err != nil {
		return err
	}

	q := req.Leads
	total, err := src.CountLeads(ctx, q)
	if err != nil {
		return err
	}

	for q.Offset, q.Limit = 0, pageSize; q.Offset < total; q.Offset += pageSize {
		leads, err := src.ListLeads(ctx, q)
		if err != nil {
			return err
		}

		for _, l := range leads {
			if err := w.WriteRow(leadCells(l)); err != nil {
				return err
			}
		}
		report(progress, min(q.Offset+len(leads), total), total)
	}

	return nil
}

func leadCells(l app.Lead) []export.Cell {
	return []export.Cell{
		export.TextCell(l.FirstName), export.TextCell(l.LastName), export.TextCell(l.CompanyName),
		export.TextCell(l.Role), export.TextCell(l.Email), export.TextCell(l.Phone), export.TextCell(l.City),
		export.TextCell(l.Country), export.TextCell(words.LeadSource(l.Source)),
		export.TextCell(words.LeadStatus(l.Status)), export.IntCell(int64(l.Score)),
		export.TextCell(words.Temperature(l.Temperature)), export.TextCell(l.Owner),
		export.TimeCell(l.LastActivityAt), export.TimeCell(l.CreatedAt),
	}
}

func writeOpportunities(ctx context.Context, w export.TableWriter, src Source, req Request,
	progress app.Progress) error {
	err := w.WriteHeader([]string{
		lang.X("export.column.title", "Title"), lang.X("export.column.company", "Company"),
		lang.X("export.column.pipeline", "Pipeline"), lang.X("export.column.stage", "Stage"),
		lang.X("export.column.amount", "Amount"), lang.X("export.column.currency", "Currency"),
		lang.X("export.column.probability", "Probability"), lang.X("export.column.weighted", "Weighted amount"),
		lang.X("export.column.close_date", "Close date"), lang.X("export.column.owner", "Owner"),
	})
	if err != nil {
		return err
	}

	q := req.Opportunities
	total, err := src.CountOpportunities(ctx, q)
	if err != nil {
		return err
	}

	for q.Offset, q.Limit = 0, pageSize; q.Offset < total; q.Offset += pageSize {
		rows, err := src.ListOpportunities(ctx, q)
		if err != nil {
			return err
		}

		for _, o := range rows {
			if err := w.WriteRow(opportunityCells(o)); err != nil {
				return err
			}
		}
		report(progress, min(q.Offset+len(rows), total), total)
	}

	return nil
}

func opportunityCells(o app.OpportunityRow) []export.Cell {
	return []export.Cell{
		export.TextCell(o.Title), export.TextCell(o.Company), export.TextCell(o.Pipeline),
		export.TextCell(o.Stage), export.MoneyCell(o.Amount), export.TextCell(o.Amount.Currency),
		export.PercentCell(o.Probability), export.MoneyCell(o.Weighted), export.DateCell(o.CloseDate),
		export.TextCell(o.Owner),
	}
}

func writeCompanies(ctx context.Context, w export.TableWriter, src Source) error {
	err := w.WriteHeader([]string{
		lang.X("export.column.name", "Name"), lang.X("export.column.sector", "Sector"),
		lang.X("export.column.employees", "Employees"), lang.X("export.column.revenue", "Revenue"),
		lang.X("export.column.currency", "Currency"), lang.X("export.column.country", "Country"),
		lang.X("export.column.year_founded", "Founded"), lang.X("export.column.created", "Created"),
	})
	if err != nil {
		return err
	}

	return src.EachCompany(ctx, func(c app.Company) error {
		return w.WriteRow(companyCells(c))
	})
}

// companyCells leaves the cells of unknown figures empty: a company
// stores 0 for employees, revenue and founding year it does not know.
func companyCells(c app.Company) []export.Cell {
	employees, revenue, currency, founded :=
		export.TextCell(""), export.TextCell(""), export.TextCell(""), export.TextCell("")
	if c.Employees != 0 {
		employees = export.IntCell(int64(c.Employees))
	}
	if c.Revenue.Minor != 0 {
		revenue, currency = export.MoneyCell(c.Revenue), export.TextCell(c.Revenue.Currency)
	}
	if c.YearFounded != 0 {
		founded = export.IntCell(int64(c.YearFounded))
	}

	return []export.Cell{
		export.TextCell(c.Name), export.TextCell(c.Sector), employees, revenue, currency,
		export.TextCell(c.Country), founded, export.TimeCell(c.CreatedAt),
	}
}

func writeContacts(ctx context.Context, w export.TableWriter, src Source) error {
	err := w.WriteHeader([]string{
		lang.X("export.column.first_name", "First name"), lang.X("export.column.last_name", "Last name"),
		lang.X("export.column.company", "Company"), lang.X("export.column.role", "Role"),
		lang.X("export.column.email", "E-mail"), lang.X("export.column.phone", "Phone"),
		lang.X("export.column.created", "Created"),
	})
	if err != nil {
		return err
	}

	return src.EachContact(ctx, func(c app.Contact, company string) error {
		return w.WriteRow([]export.Cell{
			export.TextCell(c.FirstName), export.TextCell(c.LastName), export.TextCell(company),
			export.TextCell(c.Role), export.TextCell(c.Email), export.TextCell(c.Phone), export.TimeCell(c.CreatedAt),
		})
	})
}

func writeActivities(ctx context.Context, w export.TableWriter, src Source, req Request) error {
	err := w.WriteHeader([]string{
		lang.X("export.column.kind", "Kind"), lang.X("export.column.subject", "Subject"),
		lang.X("export.column.for", "Deal or lead"), lang.X("export.column.due", "Due"),
		lang.X("export.column.done", "Done"), lang.X("export.column.outcome", "Outcome"),
		lang.X("export.column.notes", "Notes"), lang.X("export.column.created", "Created"),
	})
	if err != nil {
		return err
	}

	return src.EachActivity(ctx, false, req.Now, func(item app.TodayItem) error {
		a := item.Activity
		return w.WriteRow([]export.Cell{
			export.TextCell(words.ActivityKind(a.Kind)), export.TextCell(a.Subject), export.TextCell(item.Title),
			export.TimeCell(a.Due), export.BoolCell(a.Done), export.TextCell(a.Outcome), export.TextCell(a.Notes),
			export.TimeCell(a.CreatedAt),
		})
	})
}

func report(progress app.Progress, done, total int) {
	if progress != nil {
		progress(done, total)
	}
}

func activityEvent(item app.TodayItem) export.Event {
	a := item.Activity

	return export.Event{
		UID: "activity-" + strconv.FormatInt(a.ID, 10) + "@leadwerk",
		Summary: lang.X("export.event.activity", "{{.Kind}}: {{.Subject}} ({{.For}})",
			map[string]any{"Kind": words.ActivityKind(a.Kind), "Subject": a.Subject, "For": item.Title}),
		Description: a.Notes,
		Start:       a.Due,
		Duration:    eventDuration,
	}
}

func nextStepEvent(item app.TodayItem) export.Event {
	return export.Event{
		UID: "next-step-" + strconv.FormatInt(item.OpportunityID, 10) + "@leadwerk",
		Summary: lang.X("export.event.next_step", "Next step: {{.Step}} ({{.Deal}})",
			map[string]any{"Step": item.NextStep, "Deal": item.Title}),
		Day: app.DateOf(item.Due),
	}
}

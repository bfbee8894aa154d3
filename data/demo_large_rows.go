package data

import (
	"fmt"
	"time"

	"leadwerk/app"
)

// insertCompanies inserts the companies with ids after the largest stored
// one, then links their parents as an import does.
func (l *datasetLoader) insertCompanies() error {
	next, err := maxID(l.im.tx, "companies")
	if err != nil {
		return err
	}

	rows := make([]companyRow, len(l.d.Companies))
	rowIDs := make([]*int64, len(rows))
	l.im.companies = make(map[string]int64, len(rows))
	for i, c := range l.d.Companies {
		next++
		row := companyToRow(c.Company)
		row.ID, row.ParentID = next, nil
		stamp(&row.CreatedAt, l.now)
		stamp(&row.UpdatedAt, l.now)
		rows[i], rowIDs[i] = row, &rows[i].ID
		l.im.companies[c.SourceRef] = next
	}

	if err := insertLiterals(l.insert, rows); err != nil {
		return err
	}
	l.result.Companies = len(rows)

	return l.im.linkParents(rowIDs)
}

func (l *datasetLoader) insertContacts() error {
	next, err := maxID(l.im.tx, "contacts")
	if err != nil {
		return err
	}

	rows := make([]contactRow, len(l.d.Contacts))
	for i, c := range l.d.Contacts {
		company, ok := l.im.companies[c.CompanyRef]
		if !ok {
			return fmt.Errorf("contact %q: company %q not found: %w", c.SourceRef, c.CompanyRef, app.ErrInvalid)
		}

		next++
		rows[i] = contactRow{
			ID: next, CompanyID: &company, FirstName: c.FirstName, LastName: c.LastName, Role: c.Role,
			BuyingRole: string(c.BuyingRole), Email: c.Email, Phone: c.Phone, SourceRef: c.SourceRef,
			CreatedAt: utc(c.CreatedAt), UpdatedAt: utc(c.UpdatedAt),
		}
		stamp(&rows[i].CreatedAt, l.now)
		stamp(&rows[i].UpdatedAt, rows[i].CreatedAt)
	}

	return insertLiterals(l.insert, rows)
}

// insertLeads inserts the leads scored with their newest qualification
// and recent activities, and with the last activity time that the
// trigger activities_touch_lead would set.
func (l *datasetLoader) insertLeads() error {
	next, err := maxID(l.im.tx, "leads")
	if err != nil {
		return err
	}

	sc, err := newScorer(l.im.tx, l.now)
	if err != nil {
		return err
	}

	newest := l.newestQualifications()
	recent, last := l.leadActivityFacts(sc)
	rows := make([]leadRow, len(l.d.Leads))
	l.leadIDs = make(map[string]int64, len(rows))
	for i, lead := range l.d.Leads {
		next++
		row := leadToRow(lead)
		row.ID = next
		row.ConvertedCompanyID, row.ConvertedContactID, row.ConvertedOpportunityID = nil, nil, nil
		if at, ok := last[lead.SourceRef]; ok {
			row.LastActivityAt = &at
		}
		stamp(&row.CreatedAt, l.now)
		stamp(&row.UpdatedAt, l.now)
		sc.apply(&row, lead, newest[lead.SourceRef], recent[lead.SourceRef])

		rows[i] = row
		if lead.SourceRef != "" {
			l.leadIDs[lead.SourceRef] = next
		}
	}

	if err := insertLiterals(l.insert, rows); err != nil {
		return err
	}
	l.result.Leads, l.result.LeadsCreated = len(rows), len(rows)

	return nil
}

// newestQualifications returns the newest qualification of each lead by
// the lead's SourceRef, the later one in the batch on equal times.
func (l *datasetLoader) newestQualifications() map[string]*app.Qualification {
	newest := make(map[string]*app.Qualification, len(l.d.Qualifications))
	for i := range l.d.Qualifications {
		q := &l.d.Qualifications[i]
		if known, ok := newest[q.LeadRef]; ok && known.CreatedAt.After(q.CreatedAt) {
			continue
		}
		newest[q.LeadRef] = &q.Qualification
	}

	return newest
}

// leadActivityFacts returns, by lead SourceRef, how many of the lead's
// activities fall in the scorer's engagement window and when the newest
// was created.
func (l *datasetLoader) leadActivityFacts(sc *scorer) (map[string]int, map[string]time.Time) {
	recent := map[string]int{}
	last := map[string]time.Time{}
	for _, a := range l.d.LeadActivities {
		at := utc(a.CreatedAt)
		if at.IsZero() {
			at = l.now
		}

		if !at.Before(sc.since) {
			recent[a.LeadRef]++
		}
		if known, ok := last[a.LeadRef]; !ok || known.Before(at) {
			last[a.LeadRef] = at
		}
	}

	return recent, last
}

func (l *datasetLoader) insertQualifications() error {
	next, err := maxID(l.im.tx, "qualifications")
	if err != nil {
		return err
	}

	rows := make([]qualificationRow, len(l.d.Qualifications))
	for i, q := range l.d.Qualifications {
		id, ok := l.leadIDs[q.LeadRef]
		if !ok {
			return fmt.Errorf("qualification of lead %q: lead not found in the batch: %w", q.LeadRef, app.ErrInvalid)
		}

		next++
		row := qualificationToRow(q.Qualification)
		row.ID, row.LeadID = next, id
		stamp(&row.CreatedAt, l.now)
		rows[i] = row
	}

	return insertLiterals(l.insert, rows)
}

// insertOpportunities inserts the deals, their stage history and
// activities, and the lead activities.
func (l *datasetLoader) insertOpportunities() error {
	next, err := maxID(l.im.tx, "opportunities")
	if err != nil {
		return err
	}

	deals := make([]opportunityRow, len(l.d.Opportunities))
	var changes []stageChangeRow
	var activities []activityRow
	for i, deal := range l.d.Opportunities {
		row, err := l.im.opportunityRow(deal)
		if err != nil {
			return err
		}

		next++
		row.ID = next
		stamp(&row.CreatedAt, l.now)
		stamp(&row.UpdatedAt, l.now)
		deals[i] = row

		for _, h := range deal.History {
			change, err := l.im.stageChangeRow(deal.SourceRef, row, h)
			if err != nil {
				return err
			}
			changes = append(changes, change)
		}
		for _, a := range deal.Activities {
			activities = append(activities, l.activityRow(a, &deals[i].ID, nil))
		}
	}

	for _, a := range l.d.LeadActivities {
		id, ok := l.leadIDs[a.LeadRef]
		if !ok {
			return fmt.Errorf("activity of lead %q: lead not found in the batch: %w", a.LeadRef, app.ErrInvalid)
		}
		activities = append(activities, l.activityRow(a.Activity, nil, &id))
	}

	return l.insertDealRows(deals, changes, activities)
}

func (l *datasetLoader) insertDealRows(deals []opportunityRow, changes []stageChangeRow, activities []activityRow) error {
	if err := insertLiterals(l.insert, deals); err != nil {
		return err
	}
	if err := numberFrom(l, "stage_changes", changes, func(r *stageChangeRow, id int64) { r.ID = id }); err != nil {
		return err
	}
	if err := insertLiterals(l.insert, changes); err != nil {
		return err
	}
	if err := numberFrom(l, "activities", activities, func(r *activityRow, id int64) { r.ID = id }); err != nil {
		return err
	}
	if err := insertLiterals(l.insert, activities); err != nil {
		return err
	}

	l.result.OpportunitiesCreated = len(deals)
	l.result.Activities = len(activities)

	return nil
}

// activityRow converts a of the given deal or lead, created now when it
// has no creation time.
func (l *datasetLoader) activityRow(a app.Activity, opportunityID, leadID *int64) activityRow {
	row := activityToRow(a)
	row.OpportunityID, row.LeadID = opportunityID, leadID
	stamp(&row.CreatedAt, l.now)

	return row
}

// numberFrom gives rows the ids after the largest one stored in table.
func numberFrom[T any](l *datasetLoader, table string, rows []T, setID func(*T, int64)) error {
	next, err := maxID(l.im.tx, table)
	if err != nil {
		return err
	}

	for i := range rows {
		next++
		setID(&rows[i], next)
	}

	return nil
}

package data

import (
	"fmt"
	"slices"

	"leadwerk/app"
)

// The columns an import overwrites on an existing record, zero values
// included. created_at and source_ref keep their stored values.
//
// NOTE: a known lead or company is written, and its version raised, even
// when the batch holds its stored values, so a form that is open during a
// repeated import reports a conflict in which no field differs.
var (
	companyUpdateColumns = []string{
		"name", "name_key", "sector", "employees", "revenue_minor", "revenue_currency",
		"country", "year_founded", "parent_id", "updated_at",
	}
	leadUpdateColumns = append(slices.Clone(leadFormColumns),
		"status", "disqualify_reason", "score", "score_reasons", "temperature", "updated_at")
)

// importCompanies inserts new companies and updates known ones, then
// links parents, so a parent may come after its child in the batch or
// already be stored.
func (im *importer) importCompanies() error {
	ids, err := im.sourceRefIDs("companies")
	if err != nil {
		return err
	}

	rowIDs := make([]*int64, len(im.batch.Companies))
	var fresh []companyRow
	var freshIndex []int
	seen := make(map[string]bool, len(im.batch.Companies))
	for i, c := range im.batch.Companies {
		if err := checkUnique(seen, "company", c.SourceRef); err != nil {
			return err
		}
		if c.Name == "" {
			return fmt.Errorf("company %q has no name: %w", c.SourceRef, app.ErrInvalid)
		}

		row := companyToRow(c.Company)
		row.ID, row.ParentID = 0, nil
		id, known := ids[c.SourceRef]
		if !known || c.SourceRef == "" {
			fresh = append(fresh, row)
			freshIndex = append(freshIndex, i)
			continue
		}

		row.ID = id
		rowIDs[i] = &id
		row.UpdatedAt = im.now
		if err := updateRaisingVersion(im.tx, &row, companyUpdateColumns); err != nil {
			return fmt.Errorf("update company %q: %w", c.SourceRef, err)
		}
		if err := im.advance(1); err != nil {
			return err
		}
	}

	if err := insertInBatches(im, fresh, true); err != nil {
		return fmt.Errorf("insert companies: %w", err)
	}
	for k, i := range freshIndex {
		rowIDs[i] = &fresh[k].ID
		if ref := im.batch.Companies[i].SourceRef; ref != "" {
			ids[ref] = fresh[k].ID
		}
	}

	im.companies = ids
	im.result.Companies = len(im.batch.Companies)

	return im.linkParents(rowIDs)
}

func (im *importer) linkParents(rowIDs []*int64) error {
	for i, c := range im.batch.Companies {
		if c.ParentRef == "" {
			continue
		}

		parent, ok := im.companies[c.ParentRef]
		if !ok {
			return fmt.Errorf("company %q: parent company %q not found: %w", c.SourceRef, c.ParentRef, app.ErrInvalid)
		}

		err := im.tx.Model(&companyRow{}).Where("id = ?", *rowIDs[i]).
			Updates(map[string]any{"parent_id": parent, "version": raisedVersion}).Error
		if err != nil {
			return fmt.Errorf("link company %q to parent %q: %w", c.SourceRef, c.ParentRef, err)
		}
	}

	return nil
}

// storedLead is the part of a stored lead that a re-import compares.
type storedLead struct {
	ID                int64
	SourceRef         string
	Status            string
	Temperature       string
	TemperatureManual bool
}

func (im *importer) storedLeads() (map[string]storedLead, error) {
	var rows []storedLead
	err := im.tx.Table("leads").Select("id, source_ref, status, temperature, temperature_manual").
		Where("source_ref <> ''").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read source references of leads: %w", err)
	}

	known := make(map[string]storedLead, len(rows))
	for _, r := range rows {
		known[r.SourceRef] = r
	}

	return known, nil
}

// importLeads inserts new leads and updates known ones, computing their
// duplicate keys, score and temperature. A known lead keeps a
// temperature set by hand, and a change of its status is recorded.
func (im *importer) importLeads() error {
	known, err := im.storedLeads()
	if err != nil {
		return err
	}

	sc, err := newScorer(im.tx, im.now)
	if err != nil {
		return err
	}

	inputs, err := sc.loadInputs(im.tx)
	if err != nil {
		return err
	}

	var fresh []leadRow
	seen := make(map[string]bool, len(im.batch.Leads))
	for _, l := range im.batch.Leads {
		if err := checkUnique(seen, "lead", l.SourceRef); err != nil {
			return err
		}

		row := leadToRow(l)
		row.ID = 0
		row.ConvertedCompanyID, row.ConvertedContactID, row.ConvertedOpportunityID = nil, nil, nil
		stored, ok := known[l.SourceRef]
		if !ok || l.SourceRef == "" {
			sc.apply(&row, l, nil, 0)
			fresh = append(fresh, row)
			im.markCreated(l.SourceRef)
			continue
		}

		row.ID = stored.ID
		row.TemperatureManual, row.Temperature = stored.TemperatureManual, stored.Temperature
		sc.apply(&row, l, inputs.qualifications[row.ID], inputs.recent[row.ID])
		updated, err := im.updateLead(row, stored)
		if err != nil {
			return fmt.Errorf("update lead %q: %w", l.SourceRef, err)
		}
		if updated {
			im.result.LeadsUpdated++
		}
		if err := im.advance(1); err != nil {
			return err
		}
	}

	if err := insertInBatches(im, fresh, true); err != nil {
		return fmt.Errorf("insert leads: %w", err)
	}
	im.result.Leads = len(im.batch.Leads)
	im.result.LeadsCreated = len(fresh)

	return nil
}

// updateLead writes the source's columns of row over the stored lead,
// and last_activity_at only when the source gives one.
func (im *importer) updateLead(row leadRow, stored storedLead) (bool, error) {
	columns := leadUpdateColumns
	if row.LastActivityAt != nil {
		columns = append(slices.Clone(columns), "last_activity_at")
	}

	row.UpdatedAt = im.now
	if err := updateRaisingVersion(im.tx, &row, columns); err != nil {
		return false, err
	}

	if row.Status == stored.Status {
		return true, nil
	}

	change := leadStatusChangeRow{LeadID: row.ID, FromStatus: stored.Status, ToStatus: row.Status, At: im.now}

	return true, im.tx.Create(&change).Error
}

// markCreated remembers that the batch created the lead with ref.
func (im *importer) markCreated(ref string) {
	if im.createdLeads == nil {
		im.createdLeads = map[string]bool{}
	}
	im.createdLeads[ref] = true
}

package data

import (
	"fmt"

	"leadwerk/app"
)

// The columns an import overwrites on an existing record. created_at and
// source_ref keep their stored values, and GORM sets updated_at. Naming them with Select
// makes GORM write zero values too.
var (
	companyUpdateColumns = []string{
		"name", "sector", "employees", "revenue_minor", "revenue_currency",
		"country", "year_founded", "parent_id", "updated_at",
	}
	leadUpdateColumns = []string{
		"first_name", "last_name", "company_name", "role", "email", "phone", "city",
		"country", "industry", "source", "status", "owner", "notes", "updated_at",
	}
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
		if err := im.tx.Model(&row).Select(companyUpdateColumns).Updates(&row).Error; err != nil {
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

		err := im.tx.Model(&companyRow{}).Where("id = ?", *rowIDs[i]).Update("parent_id", parent).Error
		if err != nil {
			return fmt.Errorf("link company %q to parent %q: %w", c.SourceRef, c.ParentRef, err)
		}
	}

	return nil
}

func (im *importer) importLeads() error {
	ids, err := im.sourceRefIDs("leads")
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
		id, known := ids[l.SourceRef]
		if !known || l.SourceRef == "" {
			fresh = append(fresh, row)
			continue
		}

		row.ID = id
		if err := im.tx.Model(&row).Select(leadUpdateColumns).Updates(&row).Error; err != nil {
			return fmt.Errorf("update lead %q: %w", l.SourceRef, err)
		}
		if err := im.advance(1); err != nil {
			return err
		}
	}

	if err := insertInBatches(im, fresh, true); err != nil {
		return fmt.Errorf("insert leads: %w", err)
	}
	im.result.Leads = len(im.batch.Leads)

	return nil
}

package data

import (
	"fmt"
	"slices"

	"leadwerk/app"
)

// write stores after over the loaded deal, linking the owner that its
// owner text names. The write finds the deal by the version that was
// loaded and counts it up when a form field changed.
func (e *dealEdit) write(after app.Opportunity) error {
	row := opportunityToRow(after)
	row.ID = e.deal.ID
	row.UpdatedAt = e.now

	ownerID, err := ownerIDByName(e.tx, after.Owner)
	if err != nil {
		return err
	}
	row.OwnerID = ownerID

	row.Version = e.deal.Version
	if len(app.DifferingFields(app.OpportunityConflictFields(), e.deal, after)) > 0 {
		row.Version++
	}

	columns := append(slices.Clone(dealEditColumns), "owner_id", "version")
	result := e.tx.Model(&row).Where("version = ?", e.deal.Version).Select(columns).Updates(&row)
	err = checkVersionedWrite(result, app.EntityOpportunity, e.deal.ID, e.deal.Version, func() (any, error) {
		reloaded, err := loadDealEdit(e.tx, e.deal.ID, e.now)
		if err != nil {
			return nil, err
		}

		return reloaded.deal, nil
	})
	if err != nil {
		return fmt.Errorf("write opportunity %d: %w", e.deal.ID, err)
	}

	return nil
}

// checkFormVersion returns a *[app.ConflictError] with the loaded deal
// when the deal form sent a version other than the loaded one. A sent
// version of 0 passes (see expectedVersion).
func (e *dealEdit) checkFormVersion(sent int64) error {
	_, err := expectedVersion(app.EntityOpportunity, e.deal.ID, sent, e.deal.Version, e.deal)

	return err
}

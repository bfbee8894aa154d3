package data

import (
	"fmt"

	"leadwerk/app"
)

// importProfile stores the batch's ideal customer profile, if it has one,
// before its leads are scored.
func (im *importer) importProfile() error {
	if im.batch.Profile == nil {
		return nil
	}

	if err := validateProfile(*im.batch.Profile); err != nil {
		return err
	}

	return writeSetting(im.tx, settingProfile, profileToJSON(*im.batch.Profile), im.now)
}

// importQualifications adds the batch's qualifications to leads that have
// none yet and rescores every lead, because the scores computed while the
// leads were inserted knew no qualification.
func (im *importer) importQualifications() error {
	if len(im.batch.Qualifications) == 0 {
		return nil
	}

	leadIDs, err := im.sourceRefIDs("leads")
	if err != nil {
		return err
	}

	var qualified []int64
	if err := im.tx.Table("qualifications").Distinct("lead_id").Pluck("lead_id", &qualified).Error; err != nil {
		return fmt.Errorf("read qualified leads: %w", err)
	}
	has := make(map[int64]bool, len(qualified))
	for _, id := range qualified {
		has[id] = true
	}

	var rows []qualificationRow
	for _, q := range im.batch.Qualifications {
		id, ok := leadIDs[q.LeadRef]
		if !ok {
			return fmt.Errorf("qualification of lead %q: lead not found in the batch or database: %w", q.LeadRef, app.ErrInvalid)
		}
		if has[id] {
			continue
		}

		row := qualificationToRow(q.Qualification)
		row.ID, row.LeadID = 0, id
		if row.CreatedAt.IsZero() {
			row.CreatedAt = im.now
		}
		rows = append(rows, row)
	}

	if err := insertInBatches(im, rows, false); err != nil {
		return fmt.Errorf("insert qualifications: %w", err)
	}

	if _, err := rescoreAll(im.tx, im.now); err != nil {
		return err
	}

	return nil
}

package data

import (
	"errors"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"leadwerk/app"
)

// takeLeadVersion reads lead id, locked for the rest of tx on PostgreSQL,
// and the version that a save carrying sent must find stored (see
// expectedVersion).
func takeLeadVersion(tx *gorm.DB, id, sent int64) (leadRow, int64, error) {
	var row leadRow
	err := tx.Clauses(forUpdate).Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return leadRow{}, 0, fmt.Errorf("lead %d: %w", id, app.ErrNotFound)
	}
	if err != nil {
		return leadRow{}, 0, fmt.Errorf("read lead %d: %w", id, err)
	}

	stored, err := row.toApp()
	if err != nil {
		return leadRow{}, 0, err
	}

	version, err := expectedVersion(app.EntityLead, id, sent, row.Version, stored)

	return row, version, err
}

// writeLeadForm writes the form columns of row, links the owner that its
// owner text names and counts the version up from version, which the
// stored lead must still have.
func writeLeadForm(tx *gorm.DB, row leadRow, version int64) error {
	ownerID, err := ownerIDByName(tx, row.Owner)
	if err != nil {
		return err
	}

	row.OwnerID, row.Version = ownerID, version+1
	columns := append(slices.Clone(leadFormColumns), "updated_at", "owner_id", "version")
	result := tx.Model(&row).Where("version = ?", version).Select(columns).Updates(&row)

	return checkVersionedWrite(result, app.EntityLead, row.ID, version, func() (any, error) {
		stored, err := takeLead(tx, row.ID)
		if err != nil {
			return nil, err
		}

		return stored.toApp()
	})
}

// setNewOwner gives a new record without an owner the signed-in user as
// owner, and links the owner text to the user it names.
func setNewOwner(tx *gorm.DB, owner *string, ownerID **int64) error {
	if u, ok := signedInUser(tx); ok && *owner == "" {
		*owner = u.Name
	}

	id, err := ownerIDByName(tx, *owner)
	*ownerID = id

	return err
}

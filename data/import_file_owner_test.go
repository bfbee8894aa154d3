package data

import (
	"context"
	"testing"
)

// TestImportFileOwnedBySignedInUser imports leads without an owner column
// as a signed-in user, so they show under "Mine".
func TestImportFileOwnedBySignedInUser(t *testing.T) {
	s := openTestStore(t)
	anna, err := s.SignIn(context.Background(), "anna")
	if err != nil {
		t.Fatal(err)
	}

	importFile(t, s, preparePlan(t, writeFile(t, "leads.csv", []byte(germanLeads)), ""))

	var owned, all int64
	s.db.Raw(`SELECT COUNT(*) FROM leads WHERE owner_id = ? AND owner = ?`, anna.ID, anna.Name).Scan(&owned)
	s.db.Raw(`SELECT COUNT(*) FROM leads`).Scan(&all)
	if all != 3 {
		t.Fatalf("imported %d leads, want 3", all)
	}
	if owned != all {
		t.Errorf("%d of %d imported leads belong to %s (id %d), want all", owned, all, anna.Name, anna.ID)
	}
}

// TestImportFileWithoutSignInLeavesOwnerEmpty imports as the command line
// did before it signed in: the leads keep no owner.
func TestImportFileWithoutSignInLeavesOwnerEmpty(t *testing.T) {
	s := openTestStore(t)

	importFile(t, s, preparePlan(t, writeFile(t, "leads.csv", []byte(germanLeads)), ""))

	var owned int64
	s.db.Raw(`SELECT COUNT(*) FROM leads WHERE owner_id IS NOT NULL OR owner <> ''`).Scan(&owned)
	if owned != 0 {
		t.Errorf("%d leads got an owner without a signed-in user, want 0", owned)
	}
}

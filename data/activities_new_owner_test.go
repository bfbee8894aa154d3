package data

import (
	"context"
	"testing"

	"leadwerk/app"
)

// activityOwnerID returns the stored owner_id of activity id, or 0 for
// NULL.
func activityOwnerID(t *testing.T, s *Store, id int64) int64 {
	t.Helper()

	var owners []int64
	if err := s.db.Raw(`SELECT COALESCE(owner_id, 0) FROM activities WHERE id = ?`, id).Scan(&owners).Error; err != nil {
		t.Fatal(err)
	}
	if len(owners) != 1 {
		t.Fatalf("activity %d not found", id)
	}

	return owners[0]
}

// newestActivityID returns the largest activity id.
func newestActivityID(t *testing.T, s *Store) int64 {
	t.Helper()

	var id int64
	if err := s.db.Raw(`SELECT COALESCE(MAX(id), 0) FROM activities`).Scan(&id).Error; err != nil {
		t.Fatal(err)
	}

	return id
}

func TestNewActivitiesTakeSignedInOwner(t *testing.T) {
	ctx := context.Background()
	s := openEditStore(t)
	dealID := dealIDByTitle(t, s, "Cancity GTX Pro")
	lead := mustCreate(t, s, person("Jana", "Berg", "Bergbau AG", "jana@example.com"))

	before := mustAddDealActivity(t, s, app.Activity{OpportunityID: dealID, Kind: app.ActivityCall,
		Subject: "before sign-in"})
	if got := activityOwnerID(t, s, before.ID); got != 0 {
		t.Errorf("activity added before sign-in has owner %d, want none", got)
	}

	anna, err := s.SignIn(ctx, "anna")
	if err != nil {
		t.Fatal(err)
	}
	ben := userRow{Login: "ben", Name: "Ben", CreatedAt: testNow, UpdatedAt: testNow}
	if err := s.db.Create(&ben).Error; err != nil {
		t.Fatal(err)
	}

	addLead := func(a app.Activity) int64 {
		a.LeadID = lead.ID
		if _, err := s.AddLeadActivity(ctx, a); err != nil {
			t.Fatalf("AddLeadActivity(%q): %v", a.Subject, err)
		}
		return newestActivityID(t, s)
	}
	addDeal := func(a app.Activity) int64 {
		a.OpportunityID = dealID
		return mustAddDealActivity(t, s, a).ID
	}
	addOffer := func(app.Activity) int64 {
		return mustCreateOffer(t, s, offerDraft(dealID, app.Date{Year: 2026, Month: 3, Day: 2})).ActivityID
	}

	cases := []struct {
		name    string
		add     func(app.Activity) int64
		ownerID int64
		want    int64
	}{
		{"deal activity", addDeal, 0, anna.ID},
		{"deal activity for ben", addDeal, ben.ID, ben.ID},
		{"lead activity", addLead, 0, anna.ID},
		{"lead activity for ben", addLead, ben.ID, ben.ID},
		{"offer", addOffer, 0, anna.ID},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := c.add(app.Activity{Kind: app.ActivityTask, Subject: c.name, OwnerID: c.ownerID})

			if got := activityOwnerID(t, s, id); got != c.want {
				t.Errorf("stored owner of %s = %d, want %d", c.name, got, c.want)
			}
		})
	}
}

package data

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"leadwerk/app"
)

// addPartiesContact stores a contact at the company of deal oppID.
func addPartiesContact(t *testing.T, s *Store, oppID int64, first, last, email string) int64 {
	t.Helper()

	var companyID *int64
	if err := s.db.Raw(`SELECT company_id FROM opportunities WHERE id = ?`, oppID).Scan(&companyID).Error; err != nil {
		t.Fatal(err)
	}
	row := contactRow{CompanyID: companyID, FirstName: first, LastName: last, Email: email,
		CreatedAt: editNow, UpdatedAt: editNow}
	if err := s.db.Create(&row).Error; err != nil {
		t.Fatal(err)
	}

	return row.ID
}

func mustSaveDealContact(t *testing.T, s *Store, c app.DealContact) app.DealContact {
	t.Helper()

	saved, err := s.SaveDealContact(context.Background(), c)
	if err != nil {
		t.Fatalf("SaveDealContact(%+v): %v", c, err)
	}

	return saved
}

func TestDealPartiesPrimaryIsUnique(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	opp := idByRef(t, s, "opp:1")
	anna := addPartiesContact(t, s, opp, "Anna", "Schmidt", "anna@cancity.example")
	ben := addPartiesContact(t, s, opp, "Ben", "Weber", "")

	first := mustSaveDealContact(t, s, app.DealContact{OpportunityID: opp, ContactID: anna,
		Role: app.DealRoleChampion, Primary: true})
	second := mustSaveDealContact(t, s, app.DealContact{OpportunityID: opp, ContactID: ben,
		Role: app.DealRoleEconomicBuyer, Primary: true})

	if second.Name != "Ben Weber" || !second.Primary {
		t.Errorf("saved %+v, want Ben Weber as primary", second)
	}
	if d := mustDeal(t, s, opp); d.ContactID != ben {
		t.Errorf("opportunity contact = %d, want %d", d.ContactID, ben)
	}

	list, err := s.DealContacts(ctx, opp)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("DealContacts = %+v, want 2", list)
	}
	if list[0].ContactID != ben || !list[0].Primary {
		t.Errorf("first = %+v, want Ben as primary", list[0])
	}
	if list[1].ContactID != anna || list[1].Primary || list[1].Role != app.DealRoleChampion {
		t.Errorf("second = %+v, want Anna, champion, not primary", list[1])
	}

	err = s.db.Exec(`UPDATE opportunity_contacts SET is_primary = 1 WHERE id = ?`, first.ID).Error
	if err == nil {
		t.Error("a second primary contact was stored, want the partial unique index to reject it")
	}

	changes, err := s.FieldChanges(ctx, opp)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(changes); n != 2 || changes[n-1].Field != "contact" || changes[n-1].New != "Ben Weber" {
		t.Errorf("field changes = %+v, want two contact changes ending with Ben Weber", changes)
	}
}

func TestDealPartiesLinkTwiceRejected(t *testing.T) {
	s := openEditStore(t)
	opp := idByRef(t, s, "opp:1")
	anna := addPartiesContact(t, s, opp, "Anna", "Schmidt", "")
	mustSaveDealContact(t, s, app.DealContact{OpportunityID: opp, ContactID: anna, Role: app.DealRoleUser})

	_, err := s.SaveDealContact(context.Background(), app.DealContact{OpportunityID: opp, ContactID: anna,
		Role: app.DealRoleInfluencer})
	wantErrorIs(t, err, app.ErrInvalid)

	_, err = s.SaveDealContact(context.Background(), app.DealContact{OpportunityID: opp, ContactID: 9999,
		Role: app.DealRoleInfluencer})
	wantErrorIs(t, err, app.ErrNotFound)

	_, err = s.SaveDealContact(context.Background(), app.DealContact{OpportunityID: opp, ContactID: anna})
	wantErrorIs(t, err, app.ErrInvalid)
}

func TestDealPartiesNewContactAtCompany(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	opp := idByRef(t, s, "opp:1")

	saved := mustSaveDealContact(t, s, app.DealContact{OpportunityID: opp, Name: " Carla  de Vries ",
		Email: "carla@cancity.example", Role: app.DealRoleDecisionMaker})

	var c contactRow
	if err := s.db.First(&c, saved.ContactID).Error; err != nil {
		t.Fatal(err)
	}
	if c.FirstName != "Carla de" || c.LastName != "Vries" || c.Email != "carla@cancity.example" {
		t.Errorf("contact %+v, want Carla de / Vries with e-mail", c)
	}
	if d := mustDeal(t, s, opp); c.CompanyID == nil || *c.CompanyID != d.CompanyID {
		t.Errorf("contact company = %v, want the deal's %d", c.CompanyID, d.CompanyID)
	}
	if saved.Primary || mustDeal(t, s, opp).ContactID != 0 {
		t.Errorf("saved %+v changed the deal's contact, want no primary", saved)
	}

	candidates, err := s.ContactCandidates(ctx, opp)
	if err != nil {
		t.Fatal(err)
	}
	if len(candidates) != 0 {
		t.Errorf("ContactCandidates = %+v, want none once linked", candidates)
	}
}

func TestDealPartiesRemoveKeepsContact(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	opp := idByRef(t, s, "opp:1")
	anna := addPartiesContact(t, s, opp, "Anna", "Schmidt", "")
	link := mustSaveDealContact(t, s, app.DealContact{OpportunityID: opp, ContactID: anna,
		Role: app.DealRoleGatekeeper, Primary: true})

	if err := s.RemoveDealContact(ctx, link.ID); err != nil {
		t.Fatal(err)
	}

	var count int64
	if err := s.db.Raw(`SELECT COUNT(*) FROM contacts WHERE id = ?`, anna).Scan(&count).Error; err != nil {
		t.Fatal(err)
	}
	if count != 1 {
		t.Errorf("contact %d deleted with its link", anna)
	}
	if d := mustDeal(t, s, opp); d.ContactID != 0 {
		t.Errorf("opportunity contact = %d after removing the primary, want none", d.ContactID)
	}
	if list, _ := s.DealContacts(ctx, opp); len(list) != 0 {
		t.Errorf("DealContacts = %+v, want none", list)
	}
	candidates, err := s.ContactCandidates(ctx, opp)
	if err != nil {
		t.Fatal(err)
	}
	if len(candidates) != 1 || candidates[0].ContactID != anna || candidates[0].Name != "Anna Schmidt" {
		t.Errorf("ContactCandidates = %+v, want Anna again", candidates)
	}

	wantErrorIs(t, s.RemoveDealContact(ctx, link.ID), app.ErrNotFound)
}

func TestDealPartiesUnmarkPrimaryClearsDeal(t *testing.T) {
	s := openEditStore(t)
	opp := idByRef(t, s, "opp:1")
	anna := addPartiesContact(t, s, opp, "Anna", "Schmidt", "")
	link := mustSaveDealContact(t, s, app.DealContact{OpportunityID: opp, ContactID: anna,
		Role: app.DealRoleUser, Primary: true})

	link.Primary = false
	link.Role = app.DealRoleChampion
	saved := mustSaveDealContact(t, s, link)

	if saved.Primary || saved.Role != app.DealRoleChampion {
		t.Errorf("saved %+v, want champion without primary mark", saved)
	}
	if d := mustDeal(t, s, opp); d.ContactID != 0 {
		t.Errorf("opportunity contact = %d, want none", d.ContactID)
	}
}

func TestDealPartiesCompetitorZeroValues(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	opp := idByRef(t, s, "opp:1")

	c, err := s.SaveCompetitor(ctx, app.Competitor{OpportunityID: opp, Name: " Rival AG ", Strengths: "price",
		Weaknesses: "support", Status: app.CompetitorActive})
	if err != nil {
		t.Fatal(err)
	}
	if c.ID == 0 || c.Name != "Rival AG" {
		t.Errorf("created %+v, want an id and the trimmed name", c)
	}

	c.Strengths, c.Weaknesses, c.Status = "", "", app.CompetitorWonDeal
	if _, err := s.SaveCompetitor(ctx, c); err != nil {
		t.Fatal(err)
	}

	list, err := s.Competitors(ctx, opp)
	if err != nil {
		t.Fatal(err)
	}
	want := app.Competitor{ID: c.ID, OpportunityID: opp, Name: "Rival AG", Status: app.CompetitorWonDeal}
	if len(list) != 1 || list[0] != want {
		t.Errorf("Competitors = %+v, want %+v", list, want)
	}

	_, err = s.SaveCompetitor(ctx, app.Competitor{OpportunityID: opp, Status: app.CompetitorActive})
	wantErrorIs(t, err, app.ErrInvalid)
	_, err = s.SaveCompetitor(ctx, app.Competitor{ID: 9999, OpportunityID: opp, Name: "X", Status: app.CompetitorActive})
	wantErrorIs(t, err, app.ErrNotFound)

	if err := s.RemoveCompetitor(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Competitors(ctx, opp); len(list) != 0 {
		t.Errorf("Competitors after removal = %+v", list)
	}
	wantErrorIs(t, s.RemoveCompetitor(ctx, c.ID), app.ErrNotFound)
	_, err = s.Competitors(ctx, 9999)
	wantErrorIs(t, err, app.ErrNotFound)
}

// TestMigration7PartiesFromVersion6 builds a version 6 database with a deal
// that has a contact, then opens it with every migration.
func TestMigration7PartiesFromVersion6(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	db, err := openGorm(path)
	if err != nil {
		t.Fatal(err)
	}
	var upTo6 []migration
	for _, m := range migrations {
		if m.version <= 6 {
			upTo6 = append(upTo6, m)
		}
	}
	if err := migrateTo(context.Background(), db, upTo6); err != nil {
		t.Fatal(err)
	}

	created := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	stmts := []string{
		`INSERT INTO companies (id, name, created_at, updated_at) VALUES (3, 'Müller GmbH', ?, ?)`,
		`INSERT INTO contacts (id, company_id, first_name, last_name, buying_role, created_at, updated_at)
			VALUES (4, 3, 'Jürgen', 'Müller', 'influencer', ?, ?)`,
		`INSERT INTO opportunities (id, title, company_id, contact_id, pipeline_id, stage_id, amount_minor,
			amount_currency, probability, created_at, updated_at)
			SELECT 5, 'Old deal', 3, 4, pipeline_id, id, 12300, 'EUR', probability, ?, ?
			FROM stages WHERE name = 'Proposal'`,
	}
	for _, stmt := range stmts {
		if err := db.Exec(stmt, created, created).Error; err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.Close()
	}

	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open on a version 6 database: %v", err)
	}
	defer s.Close()

	list, err := s.DealContacts(context.Background(), 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 {
		t.Fatalf("DealContacts = %+v, want the deal's contact", list)
	}
	want := app.DealContact{ID: list[0].ID, OpportunityID: 5, ContactID: 4, Name: "Jürgen Müller",
		Role: app.DealRoleInfluencer, Primary: true}
	if list[0] != want {
		t.Errorf("DealContacts = %+v, want %+v", list, want)
	}
	if d := mustDeal(t, s, 5); d.Title != "Old deal" || d.ContactID != 4 {
		t.Errorf("deal %q with contact %d, want Old deal with contact 4", d.Title, d.ContactID)
	}
}

func TestDealPartiesFollowDealContact(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	opp := idByRef(t, s, "opp:1")
	anna := addPartiesContact(t, s, opp, "Anna", "Schmidt", "")
	ben := addPartiesContact(t, s, opp, "Ben", "Weber", "")
	mustSaveDealContact(t, s, app.DealContact{OpportunityID: opp, ContactID: anna, Role: app.DealRoleChampion,
		Primary: true})

	deal := mustDeal(t, s, opp).Opportunity
	deal.ContactID = ben
	updated, err := s.UpdateOpportunity(ctx, deal)
	if err != nil {
		t.Fatal(err)
	}
	deal.Version = updated.Version

	list, err := s.DealContacts(ctx, opp)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("DealContacts = %+v, want Anna and Ben", list)
	}
	if list[0].ContactID != ben || !list[0].Primary || list[0].Role != app.DealRoleDecisionMaker {
		t.Errorf("first = %+v, want Ben as primary decision maker", list[0])
	}
	if list[1].ContactID != anna || list[1].Primary {
		t.Errorf("second = %+v, want Anna without primary mark", list[1])
	}

	deal.ContactID = 0
	if _, err := s.UpdateOpportunity(ctx, deal); err != nil {
		t.Fatal(err)
	}
	list, _ = s.DealContacts(ctx, opp)
	for _, c := range list {
		if c.Primary {
			t.Errorf("%s still primary after the deal's contact was cleared", c.Name)
		}
	}
}

package data

import (
	"context"
	"reflect"
	"testing"

	"leadwerk/app"
)

// addCompany stores a company and returns its id.
func addCompany(t *testing.T, s *Store, name string) int64 {
	t.Helper()

	row := companyToRow(app.Company{Name: name, CreatedAt: editNow, UpdatedAt: editNow})
	if err := s.db.Create(&row).Error; err != nil {
		t.Fatalf("create company %s: %v", name, err)
	}

	return row.ID
}

// companyIDByName returns the id of the company named name.
func companyIDByName(t *testing.T, s *Store, name string) int64 {
	t.Helper()

	var id int64
	if err := s.db.Raw(`SELECT id FROM companies WHERE name = ?`, name).Scan(&id).Error; err != nil || id == 0 {
		t.Fatalf("company %s not found (err %v)", name, err)
	}

	return id
}

// addContactAt stores a contact at company companyID (0 for none).
func addContactAt(t *testing.T, s *Store, companyID int64, first, last string) int64 {
	t.Helper()

	row := contactRow{CompanyID: optionalID(companyID), FirstName: first, LastName: last,
		CreatedAt: editNow, UpdatedAt: editNow}
	if err := s.db.Create(&row).Error; err != nil {
		t.Fatal(err)
	}

	return row.ID
}

// openDealWithContact returns a store whose deal opp:1 at Cancity has
// the primary contact Anna Schmidt, who works at Cancity, and the deal.
func openDealWithContact(t *testing.T) (*Store, app.OpportunityDetail) {
	t.Helper()

	s := openEditStore(t)
	id := idByRef(t, s, "opp:1")
	anna := addContactAt(t, s, companyIDByName(t, s, "Cancity"), "Anna", "Schmidt")
	mustSaveDealContact(t, s, app.DealContact{OpportunityID: id, ContactID: anna, Role: app.DealRoleChampion,
		Primary: true})

	return s, mustDeal(t, s, id)
}

func companyNames(companies []app.Company) []string {
	names := []string{}
	for _, c := range companies {
		names = append(names, c.Name)
	}

	return names
}

func TestSearchCompaniesByFoldedName(t *testing.T) {
	s := openEditStore(t)
	addCompany(t, s, "Mueller Bau")
	addCompany(t, s, "Müller GmbH")
	addCompany(t, s, "Bergmüller AG")
	addCompany(t, s, "100% Solar")

	tests := []struct {
		name  string
		text  string
		limit int
		want  []string
	}{
		{"umlaut finds spelled-out", "Müller", 10, []string{"Müller GmbH", "Mueller Bau", "Bergmüller AG"}},
		{"spelled-out finds umlaut", "mueller", 10, []string{"Müller GmbH", "Mueller Bau", "Bergmüller AG"}},
		{"legal form ignored", "müller gmbh", 10, []string{"Müller GmbH", "Mueller Bau", "Bergmüller AG"}},
		{"part of a name", "CITY", 10, []string{"Cancity"}},
		{"limit", "mueller", 1, []string{"Müller GmbH"}},
		{"percent is no wildcard", "%", 10, []string{"100% Solar"}},
		{"no match", "Initech", 10, []string{}},
		{"empty", "  ", 10, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.SearchCompanies(context.Background(), tc.text, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if names := companyNames(got); !reflect.DeepEqual(names, tc.want) {
				t.Errorf("SearchCompanies(%q) = %q, want %q", tc.text, names, tc.want)
			}
		})
	}
}

func TestDealPrimaryContact(t *testing.T) {
	s, deal := openDealWithContact(t)
	ctx := context.Background()

	contact, err := s.DealPrimaryContact(ctx, deal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if contact.ID != deal.ContactID || contact.LastName != "Schmidt" || contact.CompanyID != deal.CompanyID {
		t.Errorf("primary contact = %+v, want Anna Schmidt at company %d", contact, deal.CompanyID)
	}

	none, err := s.DealPrimaryContact(ctx, idByRef(t, s, "opp:3"))
	if err != nil {
		t.Fatal(err)
	}
	if none.ID != 0 {
		t.Errorf("primary contact of a deal without one = %+v, want none", none)
	}

	_, err = s.DealPrimaryContact(ctx, 9999)
	wantErrorIs(t, err, app.ErrNotFound)
}

func TestCompanyChangeToExistingClearsContact(t *testing.T) {
	s, deal := openDealWithContact(t)
	ctx := context.Background()
	acme := companyIDByName(t, s, "Acme Corporation")

	o := deal.Opportunity
	o.Title = "Acme GTX Pro"
	saved, err := s.UpdateOpportunityWithCompany(ctx, o, app.CompanyChoice{ID: acme})
	if err != nil {
		t.Fatal(err)
	}

	if saved.CompanyID != acme || saved.Company.Name != "Acme Corporation" {
		t.Errorf("company = %d %q, want Acme Corporation", saved.CompanyID, saved.Company.Name)
	}
	if saved.ContactID != 0 {
		t.Errorf("contact = %d, want none, because Anna works at Cancity", saved.ContactID)
	}
	if saved.Title != "Acme GTX Pro" {
		t.Errorf("title = %q, want the form's title saved with the company", saved.Title)
	}
	wantChanges(t, s, deal.ID, "company", "Cancity -> Acme Corporation")
	wantChanges(t, s, deal.ID, "contact", " -> Anna Schmidt", "Anna Schmidt -> ")

	contacts, err := s.DealContacts(ctx, deal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(contacts) != 1 || contacts[0].Name != "Anna Schmidt" || contacts[0].Primary {
		t.Errorf("deal contacts = %+v, want Anna Schmidt linked but not primary", contacts)
	}
	if contacts[0].Role != app.DealRoleChampion {
		t.Errorf("Anna's role = %q, want champion kept", contacts[0].Role)
	}
}

func TestCompanyChangeKeepsContactAtNewCompany(t *testing.T) {
	s, deal := openDealWithContact(t)
	ctx := context.Background()
	acme := companyIDByName(t, s, "Acme Corporation")
	ben := addContactAt(t, s, acme, "Ben", "Weber")
	mustSaveDealContact(t, s, app.DealContact{OpportunityID: deal.ID, ContactID: ben, Role: app.DealRoleUser,
		Primary: true})

	saved, err := s.UpdateOpportunityWithCompany(ctx, mustDeal(t, s, deal.ID).Opportunity, app.CompanyChoice{ID: acme})
	if err != nil {
		t.Fatal(err)
	}

	if saved.ContactID != ben {
		t.Errorf("contact = %d, want Ben Weber (%d), who works at Acme", saved.ContactID, ben)
	}
	wantChanges(t, s, deal.ID, "contact", " -> Anna Schmidt", "Anna Schmidt -> Ben Weber")
}

func TestCompanyChangeToNewName(t *testing.T) {
	s, deal := openDealWithContact(t)
	before := countRows(t, s, "companies")

	saved, err := s.UpdateOpportunityWithCompany(context.Background(), deal.Opportunity,
		app.CompanyChoice{Name: "  Beta Systeme GmbH "})
	if err != nil {
		t.Fatal(err)
	}

	if n := countRows(t, s, "companies"); n != before+1 {
		t.Errorf("companies = %d, want %d", n, before+1)
	}
	if saved.Company.Name != "Beta Systeme GmbH" || saved.CompanyID == 0 {
		t.Errorf("company = %d %q, want the new Beta Systeme GmbH", saved.CompanyID, saved.Company.Name)
	}
	if saved.ContactID != 0 {
		t.Errorf("contact = %d, want none at a new company", saved.ContactID)
	}
	wantChanges(t, s, deal.ID, "company", "Cancity -> Beta Systeme GmbH")

	found, err := s.SearchCompanies(context.Background(), "beta systeme", 5)
	if err != nil {
		t.Fatal(err)
	}
	if names := companyNames(found); !reflect.DeepEqual(names, []string{"Beta Systeme GmbH"}) {
		t.Errorf("search for the new company = %q, want it found by its folded name", names)
	}
}

func TestCompanyChangeNewNameReusesFoldedMatch(t *testing.T) {
	s, deal := openDealWithContact(t)
	before := countRows(t, s, "companies")

	saved, err := s.UpdateOpportunityWithCompany(context.Background(), deal.Opportunity,
		app.CompanyChoice{Name: "ACME Corp."})
	if err != nil {
		t.Fatal(err)
	}

	if n := countRows(t, s, "companies"); n != before {
		t.Errorf("companies = %d, want %d: no second Acme", n, before)
	}
	if saved.Company.Name != "Acme Corporation" {
		t.Errorf("company = %q, want the existing Acme Corporation", saved.Company.Name)
	}
}

func TestCompanyChangeToNone(t *testing.T) {
	s, deal := openDealWithContact(t)

	saved, err := s.UpdateOpportunityWithCompany(context.Background(), deal.Opportunity, app.CompanyChoice{})
	if err != nil {
		t.Fatal(err)
	}

	if saved.CompanyID != 0 || saved.ContactID != 0 {
		t.Errorf("company %d and contact %d, want neither", saved.CompanyID, saved.ContactID)
	}
	wantChanges(t, s, deal.ID, "company", "Cancity -> ")
}

func TestCompanyChangeUnchangedRecordsNothing(t *testing.T) {
	s, deal := openDealWithContact(t)

	saved, err := s.UpdateOpportunityWithCompany(context.Background(), deal.Opportunity,
		app.CompanyChoice{ID: deal.CompanyID})
	if err != nil {
		t.Fatal(err)
	}

	if saved.ContactID != deal.ContactID {
		t.Errorf("contact = %d, want %d kept", saved.ContactID, deal.ContactID)
	}
	wantChanges(t, s, deal.ID, "company")
	wantChanges(t, s, deal.ID, "contact", " -> Anna Schmidt")
}

func TestCompanyChangeUnknownIDRejected(t *testing.T) {
	s, deal := openDealWithContact(t)

	_, err := s.UpdateOpportunityWithCompany(context.Background(), deal.Opportunity, app.CompanyChoice{ID: 9999})
	wantErrorIs(t, err, app.ErrInvalid)

	after := mustDeal(t, s, deal.ID)
	if after.CompanyID != deal.CompanyID || after.ContactID != deal.ContactID {
		t.Errorf("company %d and contact %d after the rejected save, want %d and %d", after.CompanyID,
			after.ContactID, deal.CompanyID, deal.ContactID)
	}
}

func TestCompanyUnchangedKeepsContactFromElsewhere(t *testing.T) {
	s := openEditStore(t)
	id := idByRef(t, s, "opp:1")
	ben := addContactAt(t, s, companyIDByName(t, s, "Acme Corporation"), "Ben", "Weber")
	mustSaveDealContact(t, s, app.DealContact{OpportunityID: id, ContactID: ben, Role: app.DealRoleUser,
		Primary: true})
	deal := mustDeal(t, s, id)

	deal.Notes = "Call Ben"
	saved, err := s.UpdateOpportunityWithCompany(context.Background(), deal.Opportunity,
		app.CompanyChoice{ID: deal.CompanyID})
	if err != nil {
		t.Fatal(err)
	}

	if saved.ContactID != ben {
		t.Errorf("contact = %d, want Ben Weber (%d) kept while the company stays", saved.ContactID, ben)
	}
	if saved.Notes != "Call Ben" {
		t.Errorf("notes = %q, want Call Ben", saved.Notes)
	}
}

package data

import (
	"context"
	"testing"
	"time"

	"leadwerk/app"
)

// convertibleLead stores a qualified lead of Jürgen Müller at "Müller
// GmbH & Co. KG" with a BANT assessment and two activities.
func convertibleLead(t *testing.T, s *Store) app.Lead {
	t.Helper()

	l := mustCreate(t, s, app.Lead{FirstName: "Jürgen", LastName: "Müller", CompanyName: "Müller GmbH & Co. KG",
		Email: "J.Mueller@Example.de", Role: "CTO", Owner: "Tom", Notes: "met at fair"})
	qualify(t, s, l.ID)

	_, err := s.SaveQualification(context.Background(), app.Qualification{LeadID: l.ID,
		Budget: app.BudgetIndicated, BudgetAmount: app.Money{Minor: 100000, Currency: "EUR"},
		BudgetUpTo: app.Money{Minor: 300000, Currency: "EUR"}, Authority: app.DecisionMaker,
		Timeframe: app.Time1To3Months, Need: "faster quotes"})
	if err != nil {
		t.Fatal(err)
	}

	addLeadActivity(t, s, l.ID, "first call", testNow.Add(-time.Hour))
	addLeadActivity(t, s, l.ID, "second call", testNow.Add(-time.Minute))

	return l
}

func defaultPipelineID(t *testing.T, s *Store) app.Pipeline {
	t.Helper()

	pipelines, err := s.Pipelines(context.Background())
	if err != nil || len(pipelines) == 0 {
		t.Fatalf("Pipelines: %v (%d)", err, len(pipelines))
	}

	return pipelines[0]
}

func TestConvertLeadMatchesCompanyAndContact(t *testing.T) {
	s := openLeadStore(t)
	mustImport(t, s, app.ImportBatch{Source: "test", Pipeline: hardwarePipeline(),
		Companies: []app.CompanyImport{{Company: app.Company{Name: "Mueller GmbH", SourceRef: "acc:m"}}}})
	var companyID int64
	s.db.Raw("SELECT id FROM companies WHERE source_ref = 'acc:m'").Scan(&companyID)
	contact := contactRow{CompanyID: &companyID, FirstName: "J.", LastName: "Müller", Email: "j.mueller@example.de",
		CreatedAt: testNow, UpdatedAt: testNow}
	if err := s.db.Create(&contact).Error; err != nil {
		t.Fatal(err)
	}

	l := convertibleLead(t, s)
	p := defaultPipelineID(t, s)
	res, err := s.ConvertLead(context.Background(), l.ID, app.ConversionRequest{PipelineID: p.ID})
	if err != nil {
		t.Fatal(err)
	}

	if res.CompanyID != companyID || res.CompanyCreated {
		t.Errorf("company %d (created %v), want existing %d", res.CompanyID, res.CompanyCreated, companyID)
	}
	if res.ContactID != contact.ID || res.ContactCreated {
		t.Errorf("contact %d (created %v), want existing %d", res.ContactID, res.ContactCreated, contact.ID)
	}
	if res.CompanyName != "Mueller GmbH" || res.ContactName != "J. Müller" || res.OpportunityTitle == "" {
		t.Errorf("result names %q, %q, %q, want Mueller GmbH, J. Müller and a title",
			res.CompanyName, res.ContactName, res.OpportunityTitle)
	}
	if n := countRows(t, s, "companies"); n != 1 {
		t.Errorf("%d companies, want 1", n)
	}

	o, err := s.Opportunity(context.Background(), res.OpportunityID)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := app.FirstOpenStage(p)
	if o.StageID != first.ID || o.Probability != first.Probability || o.PipelineID != p.ID {
		t.Errorf("opportunity in stage %d at %d %%, want stage %d at %d %%", o.StageID, o.Probability, first.ID, first.Probability)
	}
	if o.Amount != (app.Money{Minor: 200000, Currency: "EUR"}) {
		t.Errorf("amount %v, want the middle of the indicated range, 2000.00 EUR", o.Amount)
	}
	if want := (app.Date{Year: 2025, Month: time.June, Day: 10}); o.CloseDate != want {
		t.Errorf("close date %v, want %v three months ahead", o.CloseDate, want)
	}
	if o.CompanyID != companyID || o.ContactID != contact.ID || o.Owner != "Tom" {
		t.Errorf("opportunity company %d, contact %d, owner %q; want %d, %d, Tom", o.CompanyID, o.ContactID, o.Owner,
			companyID, contact.ID)
	}
	if len(o.History) != 1 || o.History[0].FromStageID != 0 || o.History[0].ToStageID != first.ID {
		t.Errorf("history %+v, want one change into the first stage", o.History)
	}
	if len(o.Activities) != 2 {
		t.Errorf("opportunity has %d activities, want the lead's 2", len(o.Activities))
	}

	d := mustDetail(t, s, l.ID)
	if d.Status != app.LeadConverted || d.ConvertedOpportunityID != res.OpportunityID ||
		d.ConvertedCompanyID != companyID || d.ConvertedContactID != contact.ID {
		t.Errorf("lead %s linked to %d/%d/%d, want converted with the result's links", d.Status,
			d.ConvertedCompanyID, d.ConvertedContactID, d.ConvertedOpportunityID)
	}
	if len(d.Activities) != 2 || d.Activities[0].LeadID != l.ID || d.Activities[0].OpportunityID != res.OpportunityID {
		t.Errorf("lead activities %+v, want 2 keeping the lead and pointing to the opportunity", d.Activities)
	}
}

func TestConvertLeadCreatesRecords(t *testing.T) {
	s := openLeadStore(t)
	l := convertibleLead(t, s)
	if err := s.HandOver(context.Background(), l.ID, "Tom"); err != nil {
		t.Fatal(err)
	}

	p := defaultPipelineID(t, s)
	res, err := s.ConvertLead(context.Background(), l.ID, app.ConversionRequest{PipelineID: p.ID, Title: "Quotes tool"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.CompanyCreated || !res.ContactCreated {
		t.Fatalf("result %+v, want company and contact created", res)
	}

	var company companyRow
	s.db.Where("id = ?", res.CompanyID).Take(&company)
	if company.Name != "Müller GmbH & Co. KG" || company.NameKey != "mueller" {
		t.Errorf("company %q with key %q, want the lead's company folded to mueller", company.Name, company.NameKey)
	}

	var contact contactRow
	s.db.Where("id = ?", res.ContactID).Take(&contact)
	if contact.BuyingRole != string(app.DecisionMaker) || idOf(contact.CompanyID) != res.CompanyID ||
		contact.Email != "J.Mueller@Example.de" {
		t.Errorf("contact %+v, want the decision maker at the new company", contact)
	}

	o, err := s.Opportunity(context.Background(), res.OpportunityID)
	if err != nil {
		t.Fatal(err)
	}
	if o.Title != "Quotes tool" {
		t.Errorf("title %q, want the requested one", o.Title)
	}
}

func TestConvertLeadRejects(t *testing.T) {
	s := openLeadStore(t)
	fresh := mustCreate(t, s, person("Anna", "Berg", "Berg AG", ""))
	ready := convertibleLead(t, s)
	p := defaultPipelineID(t, s)

	_, err := s.ConvertLead(context.Background(), fresh.ID, app.ConversionRequest{PipelineID: p.ID})
	wantErrorIs(t, err, app.ErrInvalid)

	_, err = s.ConvertLead(context.Background(), ready.ID, app.ConversionRequest{PipelineID: 404})
	wantErrorIs(t, err, app.ErrNotFound)

	if n := countRows(t, s, "opportunities") + countRows(t, s, "companies") + countRows(t, s, "contacts"); n != 0 {
		t.Errorf("%d records left by rejected conversions, want 0", n)
	}
}

func TestUndoConversionRestoresLead(t *testing.T) {
	s := openLeadStore(t)
	mustImport(t, s, app.ImportBatch{Source: "test", Pipeline: hardwarePipeline(),
		Companies: []app.CompanyImport{{Company: app.Company{Name: "Müller", SourceRef: "acc:m"}}}})
	l := convertibleLead(t, s)
	if err := s.HandOver(context.Background(), l.ID, "Tom"); err != nil {
		t.Fatal(err)
	}
	p := defaultPipelineID(t, s)
	res, err := s.ConvertLead(context.Background(), l.ID, app.ConversionRequest{PipelineID: p.ID})
	if err != nil {
		t.Fatal(err)
	}

	if err := s.UndoConversion(context.Background(), l.ID); err != nil {
		t.Fatal(err)
	}

	d := mustDetail(t, s, l.ID)
	if d.Status != app.LeadHandedOver || d.HandedOverBy != "Tom" {
		t.Errorf("status %s by %q, want handed over by Tom as before the conversion", d.Status, d.HandedOverBy)
	}
	if d.ConvertedCompanyID != 0 || d.ConvertedContactID != 0 || d.ConvertedOpportunityID != 0 {
		t.Errorf("links %d/%d/%d remain, want none", d.ConvertedCompanyID, d.ConvertedContactID, d.ConvertedOpportunityID)
	}
	for _, a := range d.Activities {
		if a.OpportunityID != 0 {
			t.Errorf("activity %d still on opportunity %d", a.ID, a.OpportunityID)
		}
	}
	if len(d.Activities) != 2 {
		t.Errorf("%d activities, want 2 back on the lead", len(d.Activities))
	}
	last := d.StatusChanges[len(d.StatusChanges)-1]
	if last.From != app.LeadConverted || last.To != app.LeadHandedOver {
		t.Errorf("last change %s>%s, want converted>handed_over", last.From, last.To)
	}

	if n := countRows(t, s, "opportunities"); n != 0 {
		t.Errorf("%d opportunities, want the converted one deleted", n)
	}
	if n := countRows(t, s, "contacts"); n != 0 {
		t.Errorf("%d contacts, want the created one deleted", n)
	}
	var companies []int64
	s.db.Raw("SELECT id FROM companies").Scan(&companies)
	if len(companies) != 1 || companies[0] != res.CompanyID {
		t.Errorf("companies %v, want the matched company %d kept", companies, res.CompanyID)
	}

	// The lead can be converted again.
	if _, err := s.ConvertLead(context.Background(), l.ID, app.ConversionRequest{PipelineID: p.ID}); err != nil {
		t.Errorf("second conversion: %v", err)
	}
}

func TestUndoConversionRejectsTouchedOpportunity(t *testing.T) {
	touches := map[string]func(s *Store, opportunityID, stageID int64){
		"edited": func(s *Store, id, _ int64) {
			s.db.Exec("UPDATE opportunities SET amount_minor = 1, updated_at = ? WHERE id = ?", testNow.Add(time.Hour), id)
		},
		"moved": func(s *Store, id, stageID int64) {
			s.db.Create(&stageChangeRow{OpportunityID: id, FromStageID: &stageID, ToStageID: stageID,
				At: testNow, AmountCurrency: "EUR"})
		},
		"new activity": func(s *Store, id, _ int64) {
			row := activityToRow(app.Activity{OpportunityID: id, Subject: "offer", CreatedAt: testNow})
			s.db.Create(&row)
		},
	}
	for name, touch := range touches {
		t.Run(name, func(t *testing.T) {
			s := openLeadStore(t)
			l := convertibleLead(t, s)
			p := defaultPipelineID(t, s)
			res, err := s.ConvertLead(context.Background(), l.ID, app.ConversionRequest{PipelineID: p.ID})
			if err != nil {
				t.Fatal(err)
			}

			touch(s, res.OpportunityID, p.Stages[0].ID)
			wantErrorIs(t, s.UndoConversion(context.Background(), l.ID), app.ErrInvalid)

			if d := mustDetail(t, s, l.ID); d.Status != app.LeadConverted || d.ConvertedOpportunityID != res.OpportunityID {
				t.Errorf("status %s linked to %d, want still converted", d.Status, d.ConvertedOpportunityID)
			}
		})
	}

	s := openLeadStore(t)
	l := mustCreate(t, s, person("Anna", "Berg", "", ""))
	wantErrorIs(t, s.UndoConversion(context.Background(), l.ID), app.ErrInvalid)
}

func TestConvertedDealOwnedAtOnce(t *testing.T) {
	ctx := context.Background()
	s := openLeadStore(t)
	anna, err := s.SignIn(ctx, "anna")
	if err != nil {
		t.Fatal(err)
	}
	annasLead := mustCreate(t, s, person("Otto", "Weber", "Weber GmbH", "otto@weber.example"))
	qualify(t, s, annasLead.ID)
	unowned := mustCreate(t, s, person("Mary", "Adams", "Adams Ltd", "mary@adams.example"))
	if err := s.db.Exec(`UPDATE leads SET owner = '', owner_id = NULL WHERE id = ?`, unowned.ID).Error; err != nil {
		t.Fatal(err)
	}
	qualify(t, s, unowned.ID)
	ben, err := s.SignIn(ctx, "ben")
	if err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name  string
		lead  int64
		owner app.UserRecord
	}{
		{"lead owned by another user", annasLead.ID, anna},
		{"lead without owner", unowned.ID, ben},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := s.ConvertLead(ctx, c.lead, app.ConversionRequest{PipelineID: defaultPipelineID(t, s).ID})
			if err != nil {
				t.Fatal(err)
			}

			deal := dealForm(t, s, res.OpportunityID)
			if deal.OwnerID != c.owner.ID {
				t.Errorf("deal owner id = %d, want %s's %d", deal.OwnerID, c.owner.Login, c.owner.ID)
			}
			if deal.Owner != c.owner.Name {
				t.Errorf("deal owner = %q, want %q", deal.Owner, c.owner.Name)
			}
		})
	}
}

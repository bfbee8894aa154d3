package data

import (
	"strings"
	"testing"
)

func TestImportBatchRaisesVersions(t *testing.T) {
	s := openEditStore(t)
	leadID, dealID := leadIDByRef(t, s, "lead:1"), idByRef(t, s, "opp:1")
	leadForm, deal := leadOf(t, s, leadID), dealForm(t, s, dealID)
	var companyID int64
	s.db.Raw(`SELECT id FROM companies WHERE source_ref = 'acc:acme'`).Scan(&companyID)
	companyBefore := storedVersion(t, s, "companies", companyID)

	batch := sampleBatch()
	batch.Leads[0].City = "Bonn"
	batch.Opportunities[0].Amount = usd(120000)
	batch.Companies[1].Sector = "retail"
	mustImport(t, s, batch)

	wantLeadConflict(t, s, leadForm)
	wantDealConflict(t, s, deal)
	if got := storedVersion(t, s, "companies", companyID); got != companyBefore+1 {
		t.Errorf("company version after the import = %d, want %d", got, companyBefore+1)
	}
	unchanged := dealForm(t, s, idByRef(t, s, "opp:2"))
	if unchanged.Version != 1 {
		t.Errorf("version of the deal the import left alone = %d, want 1", unchanged.Version)
	}
}

const versionedDeals = "Deal ID,Deal Name,Company,Amount,Close Date\n" +
	"D-1,Renewal,Acme,1000,2026-12-31\n" +
	"D-2,Upgrade,Acme,2000,2027-03-31\n"

func TestImportFileRaisesVersions(t *testing.T) {
	s := openTestStore(t)
	importFile(t, s, preparePlan(t, writeFile(t, "leads.csv", []byte(germanLeads)), ""))
	importFile(t, s, preparePlan(t, writeFile(t, "deals.csv", []byte(versionedDeals)), ""))
	var leadID, renewalID, upgradeID int64
	s.db.Raw(`SELECT id FROM leads WHERE email = 'anna@mueller.example'`).Scan(&leadID)
	s.db.Raw(`SELECT id FROM opportunities WHERE title = 'Renewal'`).Scan(&renewalID)
	s.db.Raw(`SELECT id FROM opportunities WHERE title = 'Upgrade'`).Scan(&upgradeID)
	leadForm, renewal := leadOf(t, s, leadID), dealForm(t, s, renewalID)

	changedLeads := strings.Replace(germanLeads, "Anna;Schmidt;", "Anna;Schmidt-Berg;", 1)
	importFile(t, s, preparePlan(t, writeFile(t, "leads.csv", []byte(changedLeads)), ""))
	changedDeals := strings.Replace(versionedDeals, "Renewal,Acme,1000", "Renewal,Acme,1500", 1)
	report := importFile(t, s, preparePlan(t, writeFile(t, "deals.csv", []byte(changedDeals)), ""))

	if report.Updated != 1 || report.Unchanged != 1 {
		t.Fatalf("deal import report = %+v, want 1 updated and 1 unchanged", report)
	}
	wantLeadConflict(t, s, leadForm)
	wantDealConflict(t, s, renewal)
	if got := storedVersion(t, s, "opportunities", upgradeID); got != 1 {
		t.Errorf("version of the unchanged deal = %d, want 1", got)
	}
}

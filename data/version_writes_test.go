package data

import (
	"context"
	"testing"
	"time"

	"leadwerk/app"
)

// The tests in this file open a form, let another kind of write change
// the record, and then save the form: the save must fail with a
// *app.ConflictError instead of overwriting the change. They run on
// PostgreSQL too when LEADWERK_TEST_POSTGRES is set.

// storedVersion returns the version column of row id of table.
func storedVersion(t testing.TB, s *Store, table string, id int64) int64 {
	t.Helper()

	var versions []int64
	err := s.db.Raw("SELECT version FROM "+quoteName(table)+" WHERE id = ?", id).Scan(&versions).Error
	if err != nil || len(versions) != 1 {
		t.Fatalf("version of %s %d: %v (%d rows)", table, id, err, len(versions))
	}

	return versions[0]
}

// wantLeadConflict saves form, a lead form read before another write
// changed the lead, and fails the test unless the save returns a
// *app.ConflictError whose stored lead has a newer version.
func wantLeadConflict(t *testing.T, s *Store, form app.Lead) {
	t.Helper()

	_, err := s.UpdateLead(context.Background(), form)
	wantNewerStored(t, err, "lead", form.ID, form.Version, func(l app.Lead) int64 { return l.Version })
}

// wantDealConflict is wantLeadConflict for a deal form.
func wantDealConflict(t *testing.T, s *Store, form app.Opportunity) {
	t.Helper()

	_, err := s.UpdateOpportunity(context.Background(), form)
	wantNewerStored(t, err, "deal", form.ID, form.Version, func(o app.Opportunity) int64 { return o.Version })
}

// wantNewerStored fails the test unless err is a *app.ConflictError that
// carries the stored record as a T with a version above sent, the
// version of the rejected save of record id.
func wantNewerStored[T any](t *testing.T, err error, kind string, id, sent int64, version func(T) int64) {
	t.Helper()

	stored, ok := conflictOf(t, err).Stored.(T)
	if !ok {
		t.Fatalf("conflict of %s %d carries a %T", kind, id, conflictOf(t, err).Stored)
	}
	if got := version(stored); got <= sent {
		t.Errorf("stored version of %s %d = %d, want more than the form's %d", kind, id, got, sent)
	}
}

// dealForm returns deal id as its form reads it.
func dealForm(t *testing.T, s *Store, id int64) app.Opportunity {
	t.Helper()

	return mustDeal(t, s, id).Opportunity
}

func TestMergeAndUndoRaiseVersions(t *testing.T) {
	ctx := context.Background()
	s := openLeadStore(t)
	kept := mustCreate(t, s, person("Jürgen", "Müller", "Müller GmbH", "j.mueller@example.de"))
	removed := mustCreate(t, s, app.Lead{FirstName: "Juergen", LastName: "Mueller", CompanyName: "Mueller",
		Email: "j.mueller@example.de", City: "Berlin"})
	activity := addLeadActivity(t, s, removed.ID, "call", testNow.Add(-time.Hour))
	activityBefore := storedVersion(t, s, "activities", activity)
	formBeforeMerge := leadOf(t, s, kept.ID)

	mergeID := mustMerge(t, s, app.MergeRequest{Kind: app.DuplicateLeads, KeepID: kept.ID,
		RemoveIDs: []int64{removed.ID}, Choices: map[string]int64{"city": removed.ID}})

	if got := storedVersion(t, s, "leads", kept.ID); got != kept.Version+1 {
		t.Errorf("kept lead version after the merge = %d, want %d", got, kept.Version+1)
	}
	if got := storedVersion(t, s, "activities", activity); got != activityBefore+1 {
		t.Errorf("moved activity version = %d, want %d", got, activityBefore+1)
	}
	wantLeadConflict(t, s, formBeforeMerge)

	formAfterMerge := leadOf(t, s, kept.ID)
	if err := s.UndoMerge(ctx, mergeID); err != nil {
		t.Fatalf("UndoMerge: %v", err)
	}

	if got := storedVersion(t, s, "leads", removed.ID); got != removed.Version+1 {
		t.Errorf("restored lead version = %d, want %d", got, removed.Version+1)
	}
	if got := storedVersion(t, s, "activities", activity); got != activityBefore+2 {
		t.Errorf("activity version after the undo = %d, want %d", got, activityBefore+2)
	}
	wantLeadConflict(t, s, formAfterMerge)
	wantLeadConflict(t, s, removed)
}

func TestMergeCompaniesRaisesDealVersion(t *testing.T) {
	s := openLeadStore(t)
	kept := insertMergeCompany(t, s, "Meyer Logistik", nil)
	removed := insertMergeCompany(t, s, "Meier Logistik AG", nil)
	contact := insertMergeContact(t, s, removed, "Otto", "Weber", "otto@meier.de", "")
	deal := insertMergeDeal(t, s, "Fleet", removed, contact)
	form := dealForm(t, s, deal)

	mustMerge(t, s, app.MergeRequest{Kind: app.DuplicateCompanies, KeepID: kept, RemoveIDs: []int64{removed}})

	if got := storedVersion(t, s, "companies", kept); got != 2 {
		t.Errorf("kept company version = %d, want 2", got)
	}
	if got := storedVersion(t, s, "contacts", contact); got != 2 {
		t.Errorf("moved contact version = %d, want 2", got)
	}
	wantDealConflict(t, s, form)
	if got := dealForm(t, s, deal).CompanyID; got != kept {
		t.Errorf("deal company after the rejected save = %d, want the kept company %d", got, kept)
	}
}

func TestRevertChangeRaisesVersion(t *testing.T) {
	ctx := context.Background()
	s := openEditStore(t)
	lead := mustCreate(t, s, person("Jürgen", "Weber", "Weber GmbH", "jw@weber.example"))
	lead.City = "Köln"
	if _, err := s.UpdateLead(ctx, lead); err != nil {
		t.Fatal(err)
	}
	deal := dealForm(t, s, idByRef(t, s, "opp:1"))
	deal.NextStep = "Send the offer"
	if _, err := s.UpdateOpportunity(ctx, deal); err != nil {
		t.Fatal(err)
	}
	leadForm, dealBefore := leadOf(t, s, lead.ID), dealForm(t, s, deal.ID)

	actions, err := s.UndoableActions(ctx, time.Time{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	undone := map[app.EntityKind]bool{}
	for _, a := range actions {
		if a.Kind != app.UndoEdit || undone[a.Entity] || (a.EntityID != lead.ID && a.EntityID != deal.ID) {
			continue
		}
		if err := s.Undo(ctx, a); err != nil {
			t.Fatalf("Undo %s %d: %v", a.Entity, a.EntityID, err)
		}
		undone[a.Entity] = true
	}
	if !undone[app.EntityLead] || !undone[app.EntityOpportunity] {
		t.Fatalf("undone edits = %v, want the lead's and the deal's", undone)
	}

	wantLeadConflict(t, s, leadForm)
	wantDealConflict(t, s, dealBefore)
}

func TestTrashRestoreRaisesVersions(t *testing.T) {
	ctx := context.Background()
	s := openEditStore(t)
	lead := mustCreate(t, s, person("Mary", "Adams", "Adams Ltd", "mary@adams.example"))
	dealID := idByRef(t, s, "opp:1")
	contact := addPartiesContact(t, s, dealID, "Otto", "Weber", "otto@cancity.example")
	mustSaveDealContact(t, s, app.DealContact{OpportunityID: dealID, ContactID: contact,
		Role: app.DealRoleDecisionMaker, Primary: true})
	formWithContact := dealForm(t, s, dealID)

	leadTrash, err := s.Delete(ctx, app.EntityLead, lead.ID)
	if err != nil {
		t.Fatal(err)
	}
	contactTrash, err := s.Delete(ctx, app.EntityContact, contact)
	if err != nil {
		t.Fatal(err)
	}

	wantDealConflict(t, s, formWithContact)
	formWithoutContact := dealForm(t, s, dealID)
	for _, trashID := range []int64{leadTrash, contactTrash} {
		if err := s.RestoreFromTrash(ctx, trashID); err != nil {
			t.Fatalf("RestoreFromTrash %d: %v", trashID, err)
		}
	}

	if got := storedVersion(t, s, "leads", lead.ID); got != lead.Version+1 {
		t.Errorf("restored lead version = %d, want %d", got, lead.Version+1)
	}
	wantLeadConflict(t, s, lead)
	wantDealConflict(t, s, formWithoutContact)
	if got := dealForm(t, s, dealID).ContactID; got != contact {
		t.Errorf("deal contact after the restore = %d, want %d", got, contact)
	}
}

func TestErasePersonRaisesVersions(t *testing.T) {
	ctx := context.Background()
	s := openLeadStore(t)
	mustImport(t, s, sampleBatch())
	dealID := idByRef(t, s, "opp:1")
	mustSaveDealContact(t, s, app.DealContact{OpportunityID: dealID, Name: erasedName, Email: erasedEmail,
		Role: app.DealRoleDecisionMaker, Primary: true})
	colleague := mustCreate(t, s, app.Lead{FirstName: "Anna", LastName: "Berg", Email: "anna@berg.example",
		Notes: "Knows " + erasedName})
	deal := dealForm(t, s, dealID)

	if _, err := s.ErasePerson(ctx, app.ErasureRequest{Query: app.PersonQuery{Email: erasedEmail}}); err != nil {
		t.Fatalf("ErasePerson: %v", err)
	}

	wantDealConflict(t, s, deal)
	wantLeadConflict(t, s, colleague)
	if got := dealForm(t, s, dealID).ContactID; got != 0 {
		t.Errorf("deal contact after the erasure = %d, want none", got)
	}
}

func TestBulkUpdateRaisesVersion(t *testing.T) {
	ctx := context.Background()
	s := openEditStore(t)
	moved, reassigned := idByRef(t, s, "opp:3"), idByRef(t, s, "opp:1")
	movedForm, reassignedForm := dealForm(t, s, moved), dealForm(t, s, reassigned)

	engaging := stageIDOf(t, s, "Hardware", "Engaging")
	if _, err := s.BulkUpdate(ctx, []int64{moved}, app.BulkChange{StageID: &engaging}); err != nil {
		t.Fatal(err)
	}
	owner := "Ben Vogel"
	if _, err := s.BulkUpdate(ctx, []int64{reassigned}, app.BulkChange{Owner: &owner}); err != nil {
		t.Fatal(err)
	}

	wantDealConflict(t, s, reassignedForm)

	// A stage move changes no field of the form, which keeps the stored
	// stage, so the open form still saves.
	movedForm.NextStep = "Call back"
	if _, err := s.UpdateOpportunity(ctx, movedForm); err != nil {
		t.Fatalf("form save after a bulk stage move: %v", err)
	}
	if got := mustDeal(t, s, moved).Stage.Name; got != "Engaging" {
		t.Errorf("stage after the form save = %s, want Engaging", got)
	}
}

func TestDealContactRaisesDealVersion(t *testing.T) {
	s := openEditStore(t)
	dealID := idByRef(t, s, "opp:1")
	form := dealForm(t, s, dealID)
	contact := addPartiesContact(t, s, dealID, "Otto", "Weber", "otto@cancity.example")

	mustSaveDealContact(t, s, app.DealContact{OpportunityID: dealID, ContactID: contact,
		Role: app.DealRoleDecisionMaker, Primary: true})

	wantDealConflict(t, s, form)
}

func TestSavePrivacyRaisesLeadVersion(t *testing.T) {
	s := openLeadStore(t)
	lead := mustCreate(t, s, person("Mary", "Adams", "Adams Ltd", "mary@adams.example"))
	consent := app.Privacy{Consent: app.Consent{Basis: app.BasisConsent,
		Date: app.Date{Year: 2025, Month: time.January, Day: 2}, Obtained: "web form"}}

	err := s.SavePrivacy(context.Background(), app.PersonRef{Kind: app.PersonKindLead, ID: lead.ID}, consent)
	if err != nil {
		t.Fatal(err)
	}

	wantLeadConflict(t, s, lead)
}

func TestUserRenameRaisesOwnedVersions(t *testing.T) {
	ctx := context.Background()
	s := openLeadStore(t)
	if _, err := s.SignIn(ctx, "anna"); err != nil {
		t.Fatal(err)
	}
	lead := mustCreate(t, s, person("Mary", "Adams", "Adams Ltd", "mary@adams.example"))

	mustSaveUserName(t, s, "Anna Schmidt")

	wantLeadConflict(t, s, lead)
	if got := leadOf(t, s, lead.ID).Owner; got != "Anna Schmidt" {
		t.Errorf("owner after the rename = %q, want Anna Schmidt", got)
	}
}

func TestActivityWritesRaiseVersion(t *testing.T) {
	ctx := context.Background()
	s := openLeadStore(t)
	lead := convertibleLead(t, s)
	activity := addLeadActivity(t, s, lead.ID, "third call", testNow.Add(-time.Minute))
	before := storedVersion(t, s, "activities", activity)

	request := app.ConversionRequest{PipelineID: defaultPipelineID(t, s).ID}
	if _, err := s.ConvertLead(ctx, lead.ID, request); err != nil {
		t.Fatal(err)
	}
	if got := storedVersion(t, s, "activities", activity); got != before+1 {
		t.Errorf("activity version after the conversion moved it = %d, want %d", got, before+1)
	}

	if err := s.CompleteActivity(ctx, activity, "agreed on a trial"); err != nil {
		t.Fatal(err)
	}
	if err := s.CompleteActivity(ctx, activity, "agreed on a trial"); err != nil {
		t.Fatal(err)
	}
	if got := storedVersion(t, s, "activities", activity); got != before+2 {
		t.Errorf("activity version after completing it twice = %d, want %d: only the first changes it", got,
			before+2)
	}
}

package data

import (
	"context"
	"errors"
	"testing"
	"time"

	"leadwerk/app"
)

func auditFields(t *testing.T, s *Store, kind app.EntityKind, id int64, action app.AuditAction) map[string]app.AuditEntry {
	t.Helper()

	entries, err := s.AuditHistory(context.Background(), kind, id, 0)
	if err != nil {
		t.Fatal(err)
	}

	fields := map[string]app.AuditEntry{}
	for _, e := range entries {
		if e.Action == action {
			fields[e.Field] = e
		}
	}

	return fields
}

func TestAuditRecordsLeadWrites(t *testing.T) {
	ctx := context.Background()
	s := openLeadStore(t)
	mustSaveUserName(t, s, "Anna Schmidt")
	l := mustCreate(t, s, person("Jürgen", "Weber", "Weber GmbH", "jw@weber.example"))

	created := auditFields(t, s, app.EntityLead, l.ID, app.AuditCreate)
	if e, ok := created["email"]; !ok || e.Old != nil || *e.New != "jw@weber.example" || e.By != "Anna Schmidt" {
		t.Errorf("create entry of email = %+v", e)
	}

	l.City = "Köln"
	if _, err := s.UpdateLead(ctx, l); err != nil {
		t.Fatal(err)
	}
	edit := auditFields(t, s, app.EntityLead, l.ID, app.AuditEdit)
	if e, ok := edit["city"]; !ok || *e.Old != "" || *e.New != "Köln" {
		t.Errorf("edit entry of city = %+v", e)
	}
	if _, ok := edit["updated_at"]; ok {
		t.Error("edit recorded updated_at")
	}

	if err := s.ChangeLeadStatus(ctx, l.ID, app.LeadContacted, ""); err != nil {
		t.Fatal(err)
	}
	if e := auditFields(t, s, app.EntityLead, l.ID, app.AuditStatus)["status"]; e.New == nil || *e.New != "contacted" {
		t.Errorf("status entry = %+v", e)
	}

	if err := s.SetTemperature(ctx, l.ID, app.Hot); err != nil {
		t.Fatal(err)
	}
	if e := auditFields(t, s, app.EntityLead, l.ID, app.AuditStatus)["temperature_manual"]; e.New == nil || *e.New != "1" {
		t.Errorf("temperature entry = %+v", e)
	}

	if _, err := s.SaveQualification(ctx, app.Qualification{LeadID: l.ID, Budget: app.BudgetConfirmed}); err != nil {
		t.Fatal(err)
	}
	if _, ok := auditFields(t, s, app.EntityLead, l.ID, app.AuditQualify)["qualification"]; !ok {
		t.Error("qualification not recorded")
	}
}

func TestAuditRecordsDealEditsAndParties(t *testing.T) {
	ctx := context.Background()
	s := richStore(t)
	s.now = ticking(time.Date(2026, time.April, 2, 8, 0, 0, 0, time.UTC))
	id := firstID(t, s, `SELECT MIN(o.id) FROM opportunities o JOIN stages st ON st.id = o.stage_id
		WHERE st.kind = 'open' AND st.deleted_at IS NULL`)

	if err := s.SetOpportunityProbability(ctx, id, 42); err != nil {
		t.Fatal(err)
	}
	if e := auditFields(t, s, app.EntityOpportunity, id, app.AuditEdit)["probability"]; e.New == nil || *e.New != "42" {
		t.Errorf("probability entry = %+v", e)
	}

	if _, err := s.SaveCompetitor(ctx, app.Competitor{OpportunityID: id, Name: "Rival AG",
		Status: app.CompetitorActive}); err != nil {
		t.Fatal(err)
	}
	if _, ok := auditFields(t, s, app.EntityOpportunity, id, app.AuditParties)["competitor"]; !ok {
		t.Error("competitor not recorded")
	}

	if _, err := s.SaveDealContact(ctx, app.DealContact{OpportunityID: id, Name: "Eva Neu", Email: "eva@neu.example",
		Role: app.DealRoleInfluencer}); err != nil {
		t.Fatal(err)
	}
	if _, ok := auditFields(t, s, app.EntityOpportunity, id, app.AuditParties)["contact_link"]; !ok {
		t.Error("deal contact not recorded")
	}
	contact := firstID(t, s, `SELECT id FROM contacts WHERE email = 'eva@neu.example'`)
	if _, ok := auditFields(t, s, app.EntityContact, contact, app.AuditCreate)["email"]; !ok {
		t.Error("created contact not recorded")
	}
}

func TestUndoRevertsLeadEdit(t *testing.T) {
	ctx := context.Background()
	s := openLeadStore(t)
	start := time.Date(2026, time.April, 2, 8, 0, 0, 0, time.UTC)
	s.now = ticking(start)
	l := mustCreate(t, s, person("Jürgen", "Weber", "Weber GmbH", "jw@weber.example"))
	l.City = "Köln"
	if _, err := s.UpdateLead(ctx, l); err != nil {
		t.Fatal(err)
	}

	actions, err := s.UndoableActions(ctx, start, 5)
	if err != nil || len(actions) != 1 || actions[0].Kind != app.UndoEdit {
		t.Fatalf("UndoableActions = %+v, %v; want one edit", actions, err)
	}

	if err := s.Undo(ctx, actions[0]); err != nil {
		t.Fatal(err)
	}
	if got := mustDetail(t, s, l.ID).City; got != "" {
		t.Errorf("city after undo = %q, want empty", got)
	}

	if actions, _ := s.UndoableActions(ctx, start, 5); len(actions) != 0 {
		t.Errorf("undone edit is still offered: %+v", actions)
	}
}

func TestUndoRejectsChangedSince(t *testing.T) {
	ctx := context.Background()
	s := openLeadStore(t)
	start := time.Date(2026, time.April, 2, 8, 0, 0, 0, time.UTC)
	s.now = ticking(start)
	l := mustCreate(t, s, person("Jürgen", "Weber", "Weber GmbH", "jw@weber.example"))
	l.City = "Köln"
	updated, err := s.UpdateLead(ctx, l)
	if err != nil {
		t.Fatal(err)
	}
	l.Version = updated.Version
	actions, _ := s.UndoableActions(ctx, start, 5)

	l.City = "Bonn"
	if _, err := s.UpdateLead(ctx, l); err != nil {
		t.Fatal(err)
	}

	if err := s.Undo(ctx, actions[0]); !errors.Is(err, app.ErrChangedSince) {
		t.Errorf("Undo = %v, want ErrChangedSince", err)
	}
}

func TestUndoStageMoveAndDelete(t *testing.T) {
	ctx := context.Background()
	s := richStore(t)
	start := time.Date(2026, time.April, 2, 8, 0, 0, 0, time.UTC)
	s.now = ticking(start)
	var deal struct {
		ID      int64
		StageID int64
		Next    int64
	}
	err := s.db.Raw(`SELECT o.id, o.stage_id, (SELECT n.id FROM stages n WHERE n.pipeline_id = st.pipeline_id
			AND n.kind = 'open' AND n.deleted_at IS NULL AND n.id <> st.id ORDER BY n.position LIMIT 1) AS next
		FROM opportunities o JOIN stages st ON st.id = o.stage_id
		WHERE st.kind = 'open' AND st.deleted_at IS NULL ORDER BY o.id LIMIT 1`).Scan(&deal).Error
	if err != nil || deal.Next == 0 {
		t.Fatalf("no open deal with another open stage: %v", err)
	}

	if err := s.MoveOpportunity(ctx, deal.ID, deal.Next); err != nil {
		t.Fatal(err)
	}
	trashID, err := s.Delete(ctx, app.EntityLead, firstID(t, s, `SELECT MIN(id) FROM leads`))
	if err != nil {
		t.Fatal(err)
	}

	actions, err := s.UndoableActions(ctx, start, 5)
	if err != nil || len(actions) != 2 {
		t.Fatalf("UndoableActions = %+v, %v", actions, err)
	}
	if actions[0].Kind != app.UndoDelete || actions[0].Ref != trashID || actions[1].Kind != app.UndoStage {
		t.Fatalf("actions = %+v, want the delete, then the stage move", actions)
	}

	for _, a := range actions {
		if err := s.Undo(ctx, a); err != nil {
			t.Fatalf("Undo %s: %v", a.Kind, err)
		}
	}

	var stage int64
	s.db.Raw(`SELECT stage_id FROM opportunities WHERE id = ?`, deal.ID).Scan(&stage)
	if stage != deal.StageID {
		t.Errorf("stage after undo = %d, want %d", stage, deal.StageID)
	}
	if n := countRows(t, s, "trash"); n != 1 {
		t.Errorf("trash has %d items, want the seeded one", n)
	}
}

package data

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"leadwerk/app"
)

// userReferences lists each table and column of the JSON export that
// names a user.
var userReferences = []struct{ table, column string }{
	{"leads", "owner_id"}, {"opportunities", "owner_id"}, {"activities", "owner_id"},
	{"audit_log", "user_id"}, {"opportunity_field_changes", "user_id"}, {"stage_changes", "user_id"},
}

// teamRecords are the ids of the trash item and the merge that
// fillTeamRecords stores.
type teamRecords struct {
	trashID int64
	mergeID int64
}

// fillTeamRecords stores records that name two users. Anna Schmidt, with
// login anna, is signed in. She owns the sample deals, a lead and its
// activity, and she moves a deal and edits it. Ben Kraus, with login
// ben, owns a lead that is merged into one of anna's. A lead of anna's
// goes to the trash.
func fillTeamRecords(t *testing.T, s *Store) teamRecords {
	t.Helper()
	ctx := context.Background()

	mustImport(t, s, sampleBatch())
	if err := s.SaveUserName(ctx, "Anna Schmidt"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignIn(ctx, "anna"); err != nil {
		t.Fatal(err)
	}
	ben := userRow{Login: "ben", Name: "Ben Kraus", CreatedAt: testNow, UpdatedAt: testNow}
	if err := s.db.Create(&ben).Error; err != nil {
		t.Fatal(err)
	}

	lead := mustCreate(t, s, person("Jana", "Berg", "Bergbau AG", "jana@example.com"))
	if _, err := s.AddLeadActivity(ctx, app.Activity{LeadID: lead.ID, Kind: app.ActivityCall, Subject: "Call"}); err != nil {
		t.Fatal(err)
	}
	lead.City = "Bonn"
	if _, err := s.UpdateLead(ctx, lead); err != nil {
		t.Fatal(err)
	}

	dealID := dealIDByTitle(t, s, "Walk-in GTK 500")
	if err := s.MoveOpportunity(ctx, dealID, stageIDOf(t, s, "Hardware", "Engaging")); err != nil {
		t.Fatal(err)
	}
	d := mustDeal(t, s, dealID).Opportunity
	d.NextStep = "Send the offer"
	if _, err := s.UpdateOpportunity(ctx, d); err != nil {
		t.Fatal(err)
	}

	gone := mustCreate(t, s, person("Otto", "Gone", "Gone KG", "otto@example.com"))
	trashID, err := s.Delete(ctx, app.EntityLead, gone.ID)
	if err != nil {
		t.Fatal(err)
	}

	kept := mustCreate(t, s, person("Eva", "Dopp", "Dopp AG", "eva@example.com"))
	twin := mustCreate(t, s, person("Eva", "Dopp", "Dopp AG", "eva@example.com"))
	if err := s.db.Exec(`UPDATE leads SET owner = ?, owner_id = ? WHERE id = ?`, ben.Name, ben.ID, twin.ID).Error; err != nil {
		t.Fatal(err)
	}
	mergeID, err := s.MergeDuplicates(ctx, app.MergeRequest{Kind: app.DuplicateLeads, KeepID: kept.ID,
		RemoveIDs: []int64{twin.ID}})
	if err != nil {
		t.Fatal(err)
	}

	return teamRecords{trashID: trashID, mergeID: mergeID}
}

// signInOthers signs s in as login after storing the users of logins
// before it, so that their ids are taken when a document arrives.
func signInOthers(t *testing.T, s *Store, login string, others ...string) {
	t.Helper()

	for _, other := range others {
		u := userRow{Login: other, Name: "User " + other, CreatedAt: testNow, UpdatedAt: testNow}
		if err := s.db.Create(&u).Error; err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SignIn(context.Background(), login); err != nil {
		t.Fatal(err)
	}
}

// userLogins returns, per table and column of userReferences, each row
// that names a user as "id=login", in id order.
func userLogins(t *testing.T, s *Store) map[string][]string {
	t.Helper()

	logins := map[string][]string{}
	for _, ref := range userReferences {
		var rows []struct {
			ID    int64
			Login string
		}
		query := fmt.Sprintf(`SELECT r.id, u.login FROM %s r JOIN users u ON u.id = r.%s ORDER BY r.id`,
			ref.table, ref.column)
		if err := s.db.Raw(query).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}

		key := ref.table + "." + ref.column
		for _, r := range rows {
			logins[key] = append(logins[key], fmt.Sprintf("%d=%s", r.ID, r.Login))
		}
	}

	return logins
}

// ownerLoginsOfLeads returns the owner logins of the leads with email,
// sorted. A restore may give a lead another id, so the e-mail finds it.
func ownerLoginsOfLeads(t *testing.T, s *Store, email string) []string {
	t.Helper()

	var logins []string
	err := s.db.Raw(`SELECT u.login FROM leads l JOIN users u ON u.id = l.owner_id WHERE l.email = ?`, email).
		Scan(&logins).Error
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(logins)

	return logins
}

// assertUsersFollowLogins checks that every user reference of target
// names the user of the same login as in source, and that the trashed
// and merged leads come back with their owners.
func assertUsersFollowLogins(t *testing.T, source, target *Store, records teamRecords) {
	t.Helper()
	ctx := context.Background()

	want := userLogins(t, source)
	got := userLogins(t, target)
	for _, ref := range userReferences {
		key := ref.table + "." + ref.column
		if len(want[key]) == 0 {
			t.Errorf("the source has no %s, so the test proves nothing for it", key)
		}
		if !slices.Equal(got[key], want[key]) {
			t.Errorf("%s names %v, want %v", key, got[key], want[key])
		}
	}

	if err := target.RestoreFromTrash(ctx, records.trashID); err != nil {
		t.Fatalf("RestoreFromTrash: %v", err)
	}
	if got := ownerLoginsOfLeads(t, target, "otto@example.com"); !slices.Equal(got, []string{"anna"}) {
		t.Errorf("the restored lead is owned by %q, want [anna]", got)
	}

	if err := target.UndoMerge(ctx, records.mergeID); err != nil {
		t.Fatalf("UndoMerge: %v", err)
	}
	if got := ownerLoginsOfLeads(t, target, "eva@example.com"); !slices.Equal(got, []string{"anna", "ben"}) {
		t.Errorf("the leads of the undone merge are owned by %q, want [anna ben]", got)
	}
}

func TestJSONImportMapsStoredUsers(t *testing.T) {
	ctx := context.Background()
	source := openTestStore(t)
	records := fillTeamRecords(t, source)

	// ben signed in to the target before the import and has id 1, which
	// anna has in the document; carl has ben's id 2.
	target := openTestStore(t)
	signInOthers(t, target, "ben")
	signInOthers(t, target, "ben", "carl")

	if err := target.ImportJSON(ctx, strings.NewReader(exportString(t, source)), nil); err != nil {
		t.Fatalf("ImportJSON into a database with users: %v", err)
	}

	users, err := target.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range users {
		got = append(got, fmt.Sprintf("%d %s %s", u.ID, u.Login, u.Name))
	}
	want := []string{"3 anna Anna Schmidt", "1 ben Ben Kraus", "2 carl User carl"}
	if !slices.Equal(got, want) {
		t.Errorf("users after the import = %q, want %q", got, want)
	}

	if signed, _ := target.CurrentUser(); signed.Name != "Ben Kraus" {
		t.Errorf("signed-in user is named %q, want the document's name Ben Kraus", signed.Name)
	}

	assertUsersFollowLogins(t, source, target, records)
}

func TestJSONImportRejectsUnlistedUser(t *testing.T) {
	doc := `{"format":"leadwerk-export","version":1,"users":[],"audit_log":[{"id":1,"change_id":1,
		"entity_kind":"lead","entity_id":1,"action":"edit","field":"city","old_value":null,"new_value":"Bonn",
		"at":"2026-01-01T00:00:00Z","changed_by":"Anna","undoes":null,"user_id":7}]}`
	// The database has a user 7, so only the import's user mapping, not
	// the foreign key, can reject the reference.
	s := openTestStore(t)
	signInOthers(t, s, "anna", "ben", "carl", "dora", "emil", "fritz", "gabi")

	err := s.ImportJSON(context.Background(), strings.NewReader(doc), nil)

	if !errors.Is(err, app.ErrInvalid) {
		t.Fatalf("ImportJSON of a reference to user 7, whom the document does not list = %v, want ErrInvalid", err)
	}
	if n := countRows(t, s, "audit_log"); n != 0 {
		t.Errorf("audit_log has %d rows after the rejected import, want 0", n)
	}
}

func TestJSONImportReplacesStoredSettings(t *testing.T) {
	ctx := context.Background()
	source := openTestStore(t)
	if err := source.SaveCloseReasons(ctx, app.CloseReasons{Won: []string{"Price"}, Lost: []string{"Timing"}}); err != nil {
		t.Fatal(err)
	}
	target := openTestStore(t)
	if err := target.SaveCloseReasons(ctx, app.CloseReasons{Won: []string{"Service"}, Lost: []string{"Budget"}}); err != nil {
		t.Fatal(err)
	}

	if err := target.ImportJSON(ctx, strings.NewReader(exportString(t, source)), nil); err != nil {
		t.Fatalf("ImportJSON into a database with settings: %v", err)
	}

	reasons, err := target.CloseReasons(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(reasons.Won, []string{"Price"}) {
		t.Errorf("won reasons after the import = %q, want the document's [Price]", reasons.Won)
	}
}

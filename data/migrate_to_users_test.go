package data

import (
	"context"
	"testing"
)

// TestMigrateToServerWithUsers copies a file into a server that windows
// opened twice before, signed in as ops and as anna, who is a user of the
// file under another id.
func TestMigrateToServerWithUsers(t *testing.T) {
	requirePostgres(t)
	ctx := context.Background()
	var records teamRecords
	source := sqliteSourceFile(t, func(s *Store) { records = fillTeamRecords(t, s) })
	target := emptyPostgresDatabase(t)

	opened, err := Open(target)
	if err != nil {
		t.Fatalf("Open target: %v", err)
	}
	signInOthers(t, opened, "anna", "ops")
	closeLogged(opened)

	report, err := MigrateTo(ctx, source, target, nil)
	if err != nil {
		t.Fatalf("MigrateTo into a server with users: %v", err)
	}

	users := assertReportMatches(t, report, "users")
	if users.SourceRows != 2 {
		t.Errorf("users in the source = %d, want anna and ben", users.SourceRows)
	}
	assertReportMatches(t, report, "leads")

	copied, err := Open(target)
	if err != nil {
		t.Fatalf("Open target: %v", err)
	}
	defer closeLogged(copied)
	if got := countRows(t, copied, "users"); got != 3 {
		t.Errorf("users on the server = %d, want ops, anna and ben", got)
	}

	original, err := Open(source)
	if err != nil {
		t.Fatalf("Open source: %v", err)
	}
	defer closeLogged(original)
	assertUsersFollowLogins(t, original, copied, records)
}

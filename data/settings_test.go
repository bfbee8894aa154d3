package data

import (
	"context"
	"errors"
	"os/user"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

func TestSettingsDefaults(t *testing.T) {
	s := openLeadStore(t)

	th, err := s.ScoreThresholds(context.Background())
	if err != nil || th != app.DefaultScoreThresholds() {
		t.Errorf("thresholds = %+v, %v; want the defaults", th, err)
	}

	p, err := s.IdealCustomerProfile(context.Background())
	if err != nil || !reflect.DeepEqual(p, app.IdealCustomerProfile{}) {
		t.Errorf("profile = %+v, %v; want empty", p, err)
	}
}

func TestProfileChangeRescoresLeads(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()
	fit := mustCreate(t, s, app.Lead{LastName: "Fit", Industry: "Machinery", SizeBand: app.Size50to249})
	other := mustCreate(t, s, app.Lead{LastName: "Other", Industry: "Retail"})

	profile := app.IdealCustomerProfile{
		Industries: []app.ProfileCriterion{{Value: "machinery", Weight: 10}},
		SizeBands:  []app.ProfileCriterion{{Value: "50-249", Weight: 10}},
	}
	if err := s.SaveIdealCustomerProfile(ctx, profile); err != nil {
		t.Fatal(err)
	}

	got, err := s.IdealCustomerProfile(ctx)
	if err != nil || !reflect.DeepEqual(got, profile) {
		t.Errorf("profile read back = %+v, %v; want %+v", got, err, profile)
	}

	d := mustDetail(t, s, fit.ID)
	if d.Score != 20 || len(d.ScoreReasons) != 1 || d.ScoreReasons[0].Code != app.ReasonFit {
		t.Errorf("fit lead score %d from %+v, want 20 for a full fit", d.Score, d.ScoreReasons)
	}
	if d := mustDetail(t, s, other.ID); d.Score != 0 {
		t.Errorf("other lead score %d, want 0", d.Score)
	}

	bad := app.IdealCustomerProfile{Regions: []app.ProfileCriterion{{Value: "Bavaria", Weight: 11}}}
	wantErrorIs(t, s.SaveIdealCustomerProfile(ctx, bad), app.ErrInvalid)
}

func TestThresholdChangeRetemperatures(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()
	l := mustCreate(t, s, app.Lead{LastName: "Fit", Industry: "Machinery"})
	manual := mustCreate(t, s, app.Lead{LastName: "Manual", Industry: "Machinery"})
	if err := s.SetTemperature(ctx, manual.ID, app.Cold); err != nil {
		t.Fatal(err)
	}
	err := s.SaveIdealCustomerProfile(ctx, app.IdealCustomerProfile{
		Industries: []app.ProfileCriterion{{Value: "Machinery", Weight: 5}}})
	if err != nil {
		t.Fatal(err)
	}
	if d := mustDetail(t, s, l.ID); d.Temperature != app.Cold {
		t.Fatalf("temperature %s at score %d, want cold before the threshold change", d.Temperature, d.Score)
	}

	if err := s.SaveScoreThresholds(ctx, app.ScoreThresholds{Hot: 20, Warm: 10}); err != nil {
		t.Fatal(err)
	}
	if th, _ := s.ScoreThresholds(ctx); th != (app.ScoreThresholds{Hot: 20, Warm: 10}) {
		t.Errorf("thresholds read back = %+v", th)
	}
	if d := mustDetail(t, s, l.ID); d.Temperature != app.Hot {
		t.Errorf("temperature %s at score %d, want hot with hot from 20", d.Temperature, d.Score)
	}
	if d := mustDetail(t, s, manual.ID); d.Temperature != app.Cold {
		t.Errorf("manual temperature %s, want cold kept", d.Temperature)
	}

	wantErrorIs(t, s.SaveScoreThresholds(ctx, app.ScoreThresholds{Hot: 30, Warm: 30}), app.ErrInvalid)
}

func TestMigration2KeepsVersion1Leads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	db, err := openGorm(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrateTo(context.Background(), db, migrations[:1]); err != nil {
		t.Fatal(err)
	}
	created := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	stmts := []string{
		`INSERT INTO companies (id, name, created_at, updated_at) VALUES (1, 'Müller GmbH', ?, ?)`,
		`INSERT INTO leads (id, first_name, last_name, company_name, email, city, source, status, owner, notes,
			source_ref, created_at, updated_at)
			VALUES (7, 'Jürgen', 'Müller', 'Müller GmbH', 'JM@Example.de', 'Köln', 'website', 'contacted', 'Tom',
			'v1 note', 'demo:lead:7', ?, ?)`,
		`INSERT INTO activities (lead_id, kind, subject, created_at) VALUES (7, 'call', 'hello', ?)`,
	}
	for _, stmt := range stmts {
		var args []any
		for range 2 {
			args = append(args, created)
		}
		if stmt == stmts[2] {
			args = args[:1]
		}
		if err := db.Exec(stmt, args...).Error; err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.Close()
	}

	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open on a version 1 database: %v", err)
	}
	defer s.Close()
	s.now = func() time.Time { return testNow }

	if v, _ := s.SchemaVersion(context.Background()); v != len(migrations) {
		t.Errorf("schema version %d, want the latest, %d", v, len(migrations))
	}

	d := mustDetail(t, s, 7)
	if d.Name() != "Jürgen Müller" || d.Notes != "v1 note" || d.Status != app.LeadContacted ||
		d.SourceRef != "demo:lead:7" || !d.CreatedAt.Equal(created) {
		t.Errorf("lead after migration = %+v, want the version 1 values", d.Lead)
	}
	if d.Temperature != app.Cold || d.ScoreReasons == nil {
		t.Errorf("temperature %q, reasons %v; want cold with computed reasons", d.Temperature, d.ScoreReasons)
	}
	if len(d.Activities) != 1 {
		t.Errorf("%d activities, want 1", len(d.Activities))
	}

	if n, _ := s.CountLeads(context.Background(), app.LeadQuery{Search: "MÜLLER"}); n != 1 {
		t.Errorf("search found %d leads, want the migrated one in the full-text index", n)
	}
	dups, err := s.FindDuplicates(context.Background(), person("juergen", "mueller", "Mueller AG", ""))
	if err != nil || len(dups) != 1 {
		t.Errorf("duplicates %d, %v; want the migrated lead found by its keys", len(dups), err)
	}

	var nameKey string
	s.db.Raw("SELECT name_key FROM companies WHERE id = 1").Scan(&nameKey)
	if nameKey != "mueller" {
		t.Errorf("company name key %q, want mueller", nameKey)
	}
}

func TestImportScoresAndKeysLeads(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()
	err := s.SaveIdealCustomerProfile(ctx, app.IdealCustomerProfile{
		Industries: []app.ProfileCriterion{{Value: "Education", Weight: 4}}})
	if err != nil {
		t.Fatal(err)
	}

	b := app.ImportBatch{Source: "test", Pipeline: hardwarePipeline(), Leads: []app.Lead{
		{LastName: "Rao", CompanyName: "Rao Ltd", Industry: "Education", Origin: "Landing Page Submission",
			Source: "Google", Status: app.LeadNew, SourceRef: "x:1"},
	}}
	mustImport(t, s, b)

	leads, err := s.ListLeads(ctx, app.LeadQuery{})
	if err != nil || len(leads) != 1 {
		t.Fatalf("ListLeads = %d leads, %v", len(leads), err)
	}
	l := leads[0]
	if l.Score != 20 || l.Origin != "Landing Page Submission" {
		t.Errorf("imported lead score %d, origin %q; want 20 and the origin kept", l.Score, l.Origin)
	}
	if dups, _ := s.FindDuplicates(ctx, app.Lead{LastName: "RAO", CompanyName: "rao limited"}); len(dups) != 1 {
		t.Errorf("duplicates of the imported lead = %d, want 1", len(dups))
	}

	if err := s.SetTemperature(ctx, l.ID, app.Hot); err != nil {
		t.Fatal(err)
	}
	b.Leads[0].Status = app.LeadConverted
	mustImport(t, s, b)

	d := mustDetail(t, s, l.ID)
	if d.Status != app.LeadConverted || d.Temperature != app.Hot {
		t.Errorf("after re-import status %s, temperature %s; want converted and the hand-set hot", d.Status, d.Temperature)
	}
	if len(d.StatusChanges) != 1 || d.StatusChanges[0].From != app.LeadNew || d.StatusChanges[0].To != app.LeadConverted {
		t.Errorf("status changes %+v, want new>converted recorded", d.StatusChanges)
	}
}

func TestSystemUserName(t *testing.T) {
	cases := []struct {
		name string
		user *user.User
		err  error
		want string
	}{
		{"full name", &user.User{Name: "Anna Schmidt", Username: "anna"}, nil, "Anna Schmidt"},
		{"GECOS fields after the name", &user.User{Name: "Anna Schmidt,Room 4,+49 30 1234,,", Username: "anna"}, nil,
			"Anna Schmidt"},
		{"spaces trimmed", &user.User{Name: "  Jürgen Müller ", Username: "jm"}, nil, "Jürgen Müller"},
		{"no full name", &user.User{Name: "", Username: "anna"}, nil, "anna"},
		{"GECOS without a name", &user.User{Name: ",,,", Username: "anna"}, nil, "anna"},
		{"Windows domain dropped", &user.User{Name: "", Username: `CORP\anna`}, nil, "anna"},
		{"full name too long", &user.User{Name: strings.Repeat("a", app.MaxUserNameLength+1), Username: "anna"}, nil,
			"anna"},
		{"no names", &user.User{}, nil, ""},
		{"lookup failed", nil, errors.New("user: unknown userid 1000"), ""},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := systemUserName(c.user, c.err); got != c.want {
				t.Errorf("systemUserName = %q, want %q", got, c.want)
			}
		})
	}
}

func TestUserNameDefaultsToSystemUser(t *testing.T) {
	s := openLeadStore(t)

	got, err := s.UserName(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	if want := systemUserName(user.Current()); got != want {
		t.Errorf("UserName = %q before any save, want the system user %q", got, want)
	}
}

func TestSaveUserName(t *testing.T) {
	s := openLeadStore(t)
	ctx := context.Background()

	if err := s.SaveUserName(ctx, "  Anna Schmidt \t"); err != nil {
		t.Fatal(err)
	}
	if got, err := s.UserName(ctx); err != nil || got != "Anna Schmidt" {
		t.Errorf("UserName = %q, %v; want the trimmed Anna Schmidt", got, err)
	}

	longest := strings.Repeat("ü", app.MaxUserNameLength)
	if err := s.SaveUserName(ctx, longest); err != nil {
		t.Errorf("SaveUserName of %d umlauts: %v, want the maximum accepted", app.MaxUserNameLength, err)
	}
	if got, _ := s.UserName(ctx); got != longest {
		t.Errorf("UserName = %q, want the %d umlauts", got, app.MaxUserNameLength)
	}

	rejected := map[string]string{
		"empty":       "",
		"only spaces": "   \t ",
		"too long":    longest + "x",
		"line break":  "Anna\nSchmidt",
	}
	for name, value := range rejected {
		wantErrorIs(t, s.SaveUserName(ctx, value), app.ErrInvalid)
		if got, _ := s.UserName(ctx); got != longest {
			t.Errorf("UserName = %q after the rejected %s name, want the saved one kept", got, name)
		}
	}
}

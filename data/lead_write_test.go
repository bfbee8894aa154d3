package data

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"leadwerk/app"
)

func TestCreateLeadRejectsInvalidFields(t *testing.T) {
	s := openLeadStore(t)

	_, err := s.CreateLead(context.Background(), app.Lead{Email: "not-an-address", Phone: "12"})
	wantErrorIs(t, err, app.ErrInvalid)
	for _, field := range []string{"name (required)", "email (invalid_email)", "phone (invalid_phone)"} {
		if err != nil && !strings.Contains(err.Error(), field) {
			t.Errorf("error %q does not name %s", err, field)
		}
	}

	if n := countRows(t, s, "leads"); n != 0 {
		t.Errorf("%d leads stored after a rejected create, want 0", n)
	}
}

func TestCreateLeadStoresEveryField(t *testing.T) {
	s := openLeadStore(t)
	in := app.Lead{
		Salutation: "Herr", FirstName: "Jürgen", LastName: "Müller", CompanyName: "Müller GmbH",
		Role: "Einkauf", Email: "J.Mueller@Example.de", Phone: "+49 30 1234-567", Website: "mueller.example.de",
		Street: "Hauptstraße 1", PostalCode: "01067", City: "Dresden", Country: "DE",
		Source: app.SourceTradeFair, SourceDetail: "Hannover Messe", Origin: "Landing Page", Campaign: "Spring",
		Industry: "Mechanical engineering", SizeBand: app.Size50to249, Region: "Saxony", Persona: "Buyer",
		Owner: "Anna", Notes: "met at booth",
		Consent: app.Consent{Basis: app.BasisConsent, Date: app.Date{Year: 2025, Month: 3, Day: 1},
			Obtained: "business card"},
	}

	created := mustCreate(t, s, in)
	got := mustDetail(t, s, created.ID).Lead

	want := in
	want.ID, want.Status, want.Temperature = created.ID, app.LeadNew, app.Cold
	want.ScoreReasons = []app.ScoreReason{}
	want.CreatedAt, want.UpdatedAt = testNow, testNow
	want.Version = 1
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stored lead =\n%+v\nwant\n%+v", got, want)
	}

	var keys struct{ EmailKey, NameKey, CompanyKey string }
	s.db.Raw("SELECT email_key, name_key, company_key FROM leads WHERE id = ?", created.ID).Scan(&keys)
	if keys.EmailKey != "j.mueller@example.de" || keys.NameKey != "juergen mueller" || keys.CompanyKey != "mueller" {
		t.Errorf("keys = %+v, want folded e-mail, name and company", keys)
	}
}

func TestUpdateLeadSavesZeroValues(t *testing.T) {
	s := openLeadStore(t)
	created := mustCreate(t, s, app.Lead{FirstName: "Anna", LastName: "Berg", Phone: "030 123456",
		Notes: "call back", Owner: "Tom", Industry: "Retail"})
	qualify(t, s, created.ID)

	edit := created
	edit.Phone, edit.Notes, edit.Owner, edit.Industry = "", "", "", ""
	edit.Status = app.LeadDisqualified
	edit.Score = 99
	if _, err := s.UpdateLead(context.Background(), edit); err != nil {
		t.Fatal(err)
	}

	got := mustDetail(t, s, created.ID).Lead
	if got.Phone != "" || got.Notes != "" || got.Owner != "" || got.Industry != "" {
		t.Errorf("phone %q, notes %q, owner %q, industry %q; want all emptied", got.Phone, got.Notes, got.Owner, got.Industry)
	}
	if got.Status != app.LeadQualified {
		t.Errorf("status = %s, want qualified kept because UpdateLead does not change status", got.Status)
	}
	if got.Score != 0 {
		t.Errorf("score = %d, want 0 recomputed rather than the 99 passed in", got.Score)
	}
}

func TestUpdateLeadUnknownID(t *testing.T) {
	s := openLeadStore(t)

	_, err := s.UpdateLead(context.Background(), app.Lead{ID: 404, LastName: "Nobody"})
	wantErrorIs(t, err, app.ErrNotFound)
}

func TestFindDuplicatesFoldsNames(t *testing.T) {
	s := openLeadStore(t)
	stored := mustCreate(t, s, person("Jürgen", "Müller", "Müller GmbH", "jm@mueller.example"))
	mustCreate(t, s, person("Jürgen", "Müller", "Schulz AG", "j@schulz.example"))
	byMail := mustCreate(t, s, person("Eva", "Klein", "Klein KG", "Eva.Klein@Example.com"))

	cases := map[string]struct {
		lead app.Lead
		want []int64
	}{
		"umlauts and legal form": {person("juergen", "mueller", "Mueller GmbH & Co. KG", ""), []int64{stored.ID}},
		"e-mail in other case":   {person("", "", "", " eva.klein@EXAMPLE.com "), []int64{byMail.ID}},
		"same name elsewhere":    {person("Jürgen", "Müller", "Meier Ltd", ""), nil},
		"name without company":   {person("Jürgen", "Müller", "", ""), nil},
		"itself left out":        {stored, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			found, err := s.FindDuplicates(context.Background(), tc.lead)
			if err != nil {
				t.Fatal(err)
			}

			var ids []int64
			for _, l := range found {
				ids = append(ids, l.ID)
			}
			if !reflect.DeepEqual(ids, tc.want) {
				t.Errorf("duplicates = %v, want %v", ids, tc.want)
			}
		})
	}
}

func TestChangeLeadStatusRecordsChanges(t *testing.T) {
	s := openLeadStore(t)
	l := mustCreate(t, s, person("Anna", "Berg", "Berg AG", ""))

	qualify(t, s, l.ID)
	if err := s.ChangeLeadStatus(context.Background(), l.ID, app.LeadDisqualified, " no budget "); err != nil {
		t.Fatal(err)
	}

	d := mustDetail(t, s, l.ID)
	if d.Status != app.LeadDisqualified || d.DisqualifyReason != "no budget" {
		t.Errorf("status %s with reason %q, want disqualified with reason %q", d.Status, d.DisqualifyReason, "no budget")
	}

	var got []string
	for _, c := range d.StatusChanges {
		got = append(got, string(c.From)+">"+string(c.To)+":"+c.Reason)
		if !c.At.Equal(testNow) {
			t.Errorf("change %s>%s at %v, want %v", c.From, c.To, c.At, testNow)
		}
	}
	want := []string{"new>contacted:", "contacted>qualified:", "qualified>disqualified:no budget"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("status changes = %q, want %q", got, want)
	}
}

func TestChangeLeadStatusRejectsInvalid(t *testing.T) {
	s := openLeadStore(t)
	l := mustCreate(t, s, person("Anna", "Berg", "Berg AG", ""))

	cases := map[string]struct {
		to     app.LeadStatus
		reason string
	}{
		"skip to converted":          {app.LeadConverted, ""},
		"skip to handed over":        {app.LeadHandedOver, ""},
		"disqualify without reason":  {app.LeadDisqualified, ""},
		"unknown status":             {app.LeadStatus("won"), ""},
		"disqualify with blank text": {app.LeadDisqualified, "   "},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			err := s.ChangeLeadStatus(context.Background(), l.ID, tc.to, tc.reason)
			wantErrorIs(t, err, app.ErrInvalid)
		})
	}

	d := mustDetail(t, s, l.ID)
	if d.Status != app.LeadNew || len(d.StatusChanges) != 0 {
		t.Errorf("status %s with %d changes, want new with none", d.Status, len(d.StatusChanges))
	}

	wantErrorIs(t, s.ChangeLeadStatus(context.Background(), 404, app.LeadContacted, ""), app.ErrNotFound)
}

func TestSaveQualificationKeepsPartialAnswers(t *testing.T) {
	s := openLeadStore(t)
	l := mustCreate(t, s, person("Anna", "Berg", "Berg AG", ""))

	first := app.Qualification{LeadID: l.ID, Budget: app.BudgetConfirmed,
		BudgetAmount: app.Money{Minor: 0, Currency: "EUR"}, NeedNote: ""}
	scored, err := s.SaveQualification(context.Background(), first)
	if err != nil {
		t.Fatal(err)
	}
	if scored.Score != 15 || !reflect.DeepEqual(reasonCodes(scored.ScoreReasons),
		[]string{app.ReasonBudgetConfirmed, app.ReasonNoTimeframe}) {
		t.Errorf("score %d from %v, want 15 = +25 budget −10 no timeframe", scored.Score, scored.ScoreReasons)
	}

	second := app.Qualification{LeadID: l.ID, Authority: app.DecisionMaker, Timeframe: app.TimeUnder1Month,
		NeedPriority: 5, Need: "old machines fail"}
	scored, err = s.SaveQualification(context.Background(), second)
	if err != nil {
		t.Fatal(err)
	}
	if scored.Score != 45 {
		t.Errorf("score %d, want 45 from the newest qualification alone: +20 +10 +15", scored.Score)
	}
	if scored.Temperature != app.Warm {
		t.Errorf("temperature %s, want warm at 45 with default thresholds", scored.Temperature)
	}

	d := mustDetail(t, s, l.ID)
	if len(d.Qualifications) != 2 {
		t.Fatalf("%d qualifications, want 2 kept in history", len(d.Qualifications))
	}
	newest, oldest := d.Qualifications[0], d.Qualifications[1]
	if newest.Authority != app.DecisionMaker || newest.Budget != "" {
		t.Errorf("newest = %+v, want the decision maker answer with budget unanswered", newest)
	}
	if oldest.Budget != app.BudgetConfirmed || oldest.Authority != "" || oldest.Timeframe != "" ||
		oldest.NeedPriority != 0 || oldest.BudgetAmount.Currency != "EUR" {
		t.Errorf("oldest = %+v, want budget confirmed in EUR and the rest unanswered", oldest)
	}
}

func TestSaveQualificationRejectsBadAnswers(t *testing.T) {
	s := openLeadStore(t)
	l := mustCreate(t, s, person("Anna", "Berg", "Berg AG", ""))

	cases := map[string]app.Qualification{
		"priority 6":          {LeadID: l.ID, NeedPriority: 6},
		"unknown budget":      {LeadID: l.ID, Budget: "maybe"},
		"unknown timeframe":   {LeadID: l.ID, Timeframe: "soon"},
		"negative budget":     {LeadID: l.ID, BudgetAmount: app.Money{Minor: -1, Currency: "EUR"}},
		"amount w/o currency": {LeadID: l.ID, BudgetAmount: app.Money{Minor: 100}},
	}
	for name, q := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := s.SaveQualification(context.Background(), q)
			wantErrorIs(t, err, app.ErrInvalid)
		})
	}

	_, err := s.SaveQualification(context.Background(), app.Qualification{LeadID: 404})
	wantErrorIs(t, err, app.ErrNotFound)
	if n := countRows(t, s, "qualifications"); n != 0 {
		t.Errorf("%d qualifications stored, want 0", n)
	}
}

func TestSetTemperatureOverridesScore(t *testing.T) {
	s := openLeadStore(t)
	l := mustCreate(t, s, person("Anna", "Berg", "Berg AG", ""))
	ctx := context.Background()

	if err := s.SetTemperature(ctx, l.ID, app.Hot); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveQualification(ctx, app.Qualification{LeadID: l.ID, Budget: app.BudgetNone}); err != nil {
		t.Fatal(err)
	}

	got := mustDetail(t, s, l.ID).Lead
	if got.Temperature != app.Hot || !got.TemperatureManual {
		t.Errorf("temperature %s (manual %v), want hot set by hand kept after rescoring", got.Temperature, got.TemperatureManual)
	}

	if err := s.SetTemperature(ctx, l.ID, ""); err != nil {
		t.Fatal(err)
	}
	got = mustDetail(t, s, l.ID).Lead
	if got.Temperature != app.Cold || got.TemperatureManual {
		t.Errorf("temperature %s (manual %v), want cold earned by score %d", got.Temperature, got.TemperatureManual, got.Score)
	}

	wantErrorIs(t, s.SetTemperature(ctx, l.ID, "lukewarm"), app.ErrInvalid)
}

func TestHandOverOnlyQualified(t *testing.T) {
	s := openLeadStore(t)
	l := mustCreate(t, s, person("Anna", "Berg", "Berg AG", ""))
	ctx := context.Background()

	wantErrorIs(t, s.HandOver(ctx, l.ID, "Tom"), app.ErrInvalid)

	qualify(t, s, l.ID)
	wantErrorIs(t, s.HandOver(ctx, l.ID, " "), app.ErrInvalid)
	if err := s.HandOver(ctx, l.ID, "Tom"); err != nil {
		t.Fatal(err)
	}

	d := mustDetail(t, s, l.ID)
	if d.Status != app.LeadHandedOver || d.HandedOverBy != "Tom" || !d.HandedOverAt.Equal(testNow) {
		t.Errorf("status %s by %q at %v, want handed over by Tom at %v", d.Status, d.HandedOverBy, d.HandedOverAt, testNow)
	}
	last := d.StatusChanges[len(d.StatusChanges)-1]
	if last.From != app.LeadQualified || last.To != app.LeadHandedOver {
		t.Errorf("last change %s>%s, want qualified>handed_over", last.From, last.To)
	}

	// Sending the lead back clears who handed it over.
	if err := s.ChangeLeadStatus(ctx, l.ID, app.LeadQualified, ""); err != nil {
		t.Fatal(err)
	}
	d = mustDetail(t, s, l.ID)
	if d.HandedOverBy != "" || !d.HandedOverAt.IsZero() {
		t.Errorf("hand-over by %q at %v after going back, want both cleared", d.HandedOverBy, d.HandedOverAt)
	}
}

func TestEngagementCountsRecentActivities(t *testing.T) {
	s := openLeadStore(t)
	l := mustCreate(t, s, person("Anna", "Berg", "Berg AG", ""))
	addLeadActivity(t, s, l.ID, "old call", testNow.Add(-app.EngagementWindow-1))
	addLeadActivity(t, s, l.ID, "call", testNow.Add(-1))
	addLeadActivity(t, s, l.ID, "call again", testNow)

	if err := s.ChangeLeadStatus(context.Background(), l.ID, app.LeadContacted, ""); err != nil {
		t.Fatal(err)
	}

	got := mustDetail(t, s, l.ID)
	if got.Score != 4 || !slices.Equal(reasonCodes(got.ScoreReasons), []string{app.ReasonEngagement}) {
		t.Errorf("score %d from %v, want +4 for two activities in the window", got.Score, got.ScoreReasons)
	}
	if !got.LastActivityAt.Equal(testNow) {
		t.Errorf("last activity at %v, want %v", got.LastActivityAt, testNow)
	}
	if len(got.Activities) != 3 {
		t.Errorf("%d activities in the detail, want 3", len(got.Activities))
	}
}

package data

import (
	"context"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

func TestZeroValuesSaved(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	d := &b.Opportunities[0]
	d.ProbabilityManual = true
	d.Probability = 70
	d.Notes = "call back in spring"
	d.Owner = "Anna Schmidt"
	mustImport(t, s, b)

	d.Probability = 0
	d.Notes = ""
	d.Owner = ""
	d.Amount = usd(0)
	mustImport(t, s, b)

	got, err := s.Opportunity(context.Background(), idByRef(t, s, "opp:1"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Probability != 0 || !got.ProbabilityManual {
		t.Errorf("probability = %d (manual %v), want 0 set by hand", got.Probability, got.ProbabilityManual)
	}
	if got.Notes != "" || got.Owner != "" {
		t.Errorf("notes %q and owner %q, want both emptied", got.Notes, got.Owner)
	}
	if got.Amount != usd(0) {
		t.Errorf("amount = %v, want 0.00 USD", got.Amount)
	}

	// A re-import keeps a hand-set probability while the deal stays open,
	// so the cleared flag is saved once the source closes the deal.
	d.ProbabilityManual = false
	d.Stage = "Won"
	mustImport(t, s, b)

	got, err = s.Opportunity(context.Background(), got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ProbabilityManual || got.Probability != 100 {
		t.Errorf("probability = %d (manual %v), want 100 for Won with the flag cleared",
			got.Probability, got.ProbabilityManual)
	}
}

func TestMoneySumsExact(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	// One below the largest amount the rules allow (1e12 minor units); the
	// sums must stay exact integers, never rounded through a float.
	big := app.MaxAmountMinor - 1
	b.Opportunities = []app.OpportunityImport{
		deal("opp:a", "A", "", "Engaging", big),
		deal("opp:b", "B", "", "Engaging", big),
		deal("opp:c", "C", "", "Engaging", 1), // 0.5 cents weighted, rounds up to 1
		deal("opp:d", "D", "", "Engaging", 1),
		deal("opp:e", "E", "", "Engaging", 3), // 1.5 rounds away from zero to 2
	}
	mustImport(t, s, b)

	summary, err := s.PipelineSummary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var engaging app.StageSummary
	for _, row := range summary {
		if row.Pipeline == "Hardware" && row.Stage == "Engaging" {
			engaging = row
		}
	}

	wantAmount := 2*big + 1 + 1 + 3
	var wantWeighted int64
	for _, d := range b.Opportunities {
		wantWeighted += d.Amount.Weighted(50).Minor
	}
	if engaging.Count != 5 {
		t.Errorf("count = %d, want 5", engaging.Count)
	}
	if engaging.Amount != usd(wantAmount) {
		t.Errorf("amount = %d, want %d", engaging.Amount.Minor, wantAmount)
	}
	if engaging.Weighted != usd(wantWeighted) {
		t.Errorf("weighted = %d, want %d (sum of per-deal rounded amounts)", engaging.Weighted.Minor, wantWeighted)
	}

	rows, err := s.ListOpportunities(context.Background(), app.OpportunityQuery{Sort: app.SortByTitle})
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		want := b.Opportunities[i].Amount.Weighted(50)
		if row.Weighted != want {
			t.Errorf("%s weighted = %v, want %v as app.Money.Weighted rounds", row.Title, row.Weighted, want)
		}
	}
}

func TestCivilDatesUnchangedInAnyZone(t *testing.T) {
	zones := []string{"Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin", "America/Los_Angeles"}
	for _, zone := range zones {
		t.Run(zone, func(t *testing.T) {
			loc, err := time.LoadLocation(zone)
			if err != nil {
				t.Skipf("time zone %s not installed: %v", zone, err)
			}
			saved := time.Local
			time.Local = loc
			t.Cleanup(func() { time.Local = saved })

			s := openTestStore(t)
			b := sampleBatch()
			b.Opportunities[0].CloseDate = app.Date{Year: 2024, Month: time.March, Day: 31}
			b.Opportunities[0].StageEnteredOn = app.Date{Year: 2023, Month: time.December, Day: 31}
			b.Opportunities[1].CloseDate = app.Date{}
			mustImport(t, s, b)

			var raw []string
			s.db.Raw("SELECT close_date FROM opportunities ORDER BY source_ref").Scan(&raw)
			if raw[0] != "2024-03-31" || raw[1] != "" {
				t.Errorf("stored close dates = %q, want 2024-03-31 and empty", raw[:2])
			}

			got, err := s.Opportunity(context.Background(), idByRef(t, s, "opp:1"))
			if err != nil {
				t.Fatal(err)
			}
			if got.CloseDate.String() != "2024-03-31" || got.StageEnteredOn.String() != "2023-12-31" {
				t.Errorf("read back close %s and entered %s, want 2024-03-31 and 2023-12-31",
					got.CloseDate, got.StageEnteredOn)
			}

			rows, err := s.ListOpportunities(context.Background(), app.OpportunityQuery{Search: "Acme"})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 || !rows[0].CloseDate.IsZero() {
				t.Errorf("deal without close date listed as %+v, want one row with the zero Date", rows)
			}
		})
	}
}

func TestTimestampsStoredInUTC(t *testing.T) {
	requireSQLite(t, "DATETIME columns store text")
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skipf("time zone Europe/Berlin not installed: %v", err)
	}
	s := openTestStore(t)
	b := sampleBatch()
	created := time.Date(2024, time.July, 1, 9, 30, 0, 0, berlin)
	b.Opportunities[0].CreatedAt = created
	b.Opportunities[0].Activities = []app.Activity{{Kind: "call", Subject: "Intro", Due: created.Add(time.Hour)}}
	mustImport(t, s, b)

	var raw struct{ Created, Updated, Due string }
	s.db.Raw(`SELECT CAST(o.created_at AS TEXT) AS created, CAST(o.updated_at AS TEXT) AS updated,
		CAST(a.due AS TEXT) AS due FROM opportunities o JOIN activities a ON a.opportunity_id = o.id
		WHERE o.source_ref = 'opp:1'`).Scan(&raw)
	if raw.Created != "2024-07-01 07:30:00+00:00" {
		t.Errorf("created_at stored as %q, want 2024-07-01 07:30:00+00:00", raw.Created)
	}
	if raw.Due != "2024-07-01 08:30:00+00:00" {
		t.Errorf("due stored as %q, want 2024-07-01 08:30:00+00:00", raw.Due)
	}
	if !strings.HasSuffix(raw.Updated, "+00:00") {
		t.Errorf("updated_at stored as %q, want a UTC offset", raw.Updated)
	}

	var applied string
	s.db.Raw("SELECT CAST(applied_at AS TEXT) FROM schema_migrations").Scan(&applied)
	if !strings.HasSuffix(applied, "+00:00") {
		t.Errorf("applied_at stored as %q, want a UTC offset", applied)
	}

	got, err := s.Opportunity(context.Background(), idByRef(t, s, "opp:1"))
	if err != nil {
		t.Fatal(err)
	}
	if !got.CreatedAt.Equal(created) || got.CreatedAt.Location() != time.UTC {
		t.Errorf("CreatedAt read back as %v, want %v in UTC", got.CreatedAt, created.UTC())
	}
}

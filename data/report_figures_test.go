package data

import (
	"context"
	"reflect"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/demo"
)

// leadsBySourceFromFacts computes the figures the way the report did
// before the SQL aggregate: from every lead fact in Go.
func leadsBySourceFromFacts(t *testing.T, s *Store, period app.Period) []app.SourceConversion {
	t.Helper()

	facts, err := s.LeadFacts(context.Background(), app.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}

	return app.LeadsBySource(facts, period)
}

func TestLeadsBySourceMatchesFacts(t *testing.T) {
	s := openTestStore(t)
	today := app.Date{Year: 2026, Month: time.March, Day: 31}
	if _, err := s.LoadDemo(context.Background(), demo.Generate(demo.DefaultSeed, today), nil); err != nil {
		t.Fatal(err)
	}

	// Sources that differ only in white space count as one, and a lead
	// created on a period's last day counts in it.
	err := s.db.Exec(`UPDATE leads SET source = ' ' || source || ? WHERE id % 7 = 0`, "\t").Error
	if err != nil {
		t.Fatal(err)
	}
	err = s.db.Exec(`UPDATE leads SET source = '', created_at = '2026-03-31 23:59:59.5+00:00' WHERE id % 11 = 0`).Error
	if err != nil {
		t.Fatal(err)
	}

	periods := map[string]app.Period{
		"quarter":    {From: app.Date{Year: 2026, Month: time.January, Day: 1}, To: today},
		"year":       {From: app.Date{Year: 2025, Month: time.April, Day: 1}, To: today},
		"everything": {From: app.Date{Year: 1900, Month: time.January, Day: 1}, To: app.Date{Year: 2100, Month: time.January, Day: 1}},
		"one day":    {From: today, To: today},
		"zero":       {},
		"open end":   {From: app.Date{Year: 2025, Month: time.January, Day: 1}},
		"reversed":   {From: today, To: app.Date{Year: 2025, Month: time.January, Day: 1}},
		"future":     {From: app.Date{Year: 2030, Month: time.January, Day: 1}, To: app.Date{Year: 2030, Month: time.March, Day: 31}},
	}
	for name, period := range periods {
		t.Run(name, func(t *testing.T) {
			want := leadsBySourceFromFacts(t, s, period)
			got, err := s.LeadsBySource(context.Background(), period)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 && len(got) == 0 {
				return
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("LeadsBySource(%s) =\n%+v\nwant, from the lead facts,\n%+v", period, got, want)
			}
		})
	}
}

func TestLeadsBySourceCountsDemoLeads(t *testing.T) {
	s := openTestStore(t)
	today := app.Date{Year: 2026, Month: time.March, Day: 31}
	if _, err := s.LoadDemo(context.Background(), demo.Generate(demo.DefaultSeed, today), nil); err != nil {
		t.Fatal(err)
	}

	everything := app.Period{From: app.Date{Year: 1900, Month: time.January, Day: 1}, To: app.Date{Year: 2100, Month: time.January, Day: 1}}
	rows, err := s.LeadsBySource(context.Background(), everything)
	if err != nil {
		t.Fatal(err)
	}

	total := 0
	for _, row := range rows {
		total += row.Leads
	}
	if want := countRows(t, s, "leads"); total != want || total == 0 {
		t.Errorf("leads counted over all time = %d, want every one of the %d leads", total, want)
	}
}

package data

import (
	"context"
	"testing"
	"time"

	"leadwerk/app"
)

func TestExportListsReadEveryRecord(t *testing.T) {
	s := richStore(t)
	ctx := context.Background()
	now := time.Date(2026, time.April, 1, 12, 0, 0, 0, time.UTC)

	count := func(table, where string) int {
		var n int
		if err := s.db.Raw(`SELECT COUNT(*) FROM ` + table + ` WHERE ` + where).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}

	companies := 0
	if err := s.EachCompany(ctx, func(app.Company) error { companies++; return nil }); err != nil {
		t.Fatal(err)
	}
	if want := count("companies", "1 = 1"); companies != want {
		t.Errorf("EachCompany gave %d companies, want %d", companies, want)
	}

	withCompany := 0
	if err := s.EachContact(ctx, func(c app.Contact, company string) error {
		if c.ID == 0 {
			t.Error("contact without id")
		}
		if company != "" {
			withCompany++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if withCompany == 0 {
		t.Error("EachContact gave no company names")
	}

	all, open := 0, 0
	if err := s.EachActivity(ctx, false, now, func(app.TodayItem) error { all++; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.EachActivity(ctx, true, now, func(item app.TodayItem) error {
		if item.Activity.Done || item.Due.IsZero() || item.Title == "" {
			t.Errorf("open activity item %+v is done, has no due time or no title", item)
		}
		open++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if want := count("activities", "1 = 1"); all != want || all <= listBatch {
		t.Errorf("EachActivity gave %d activities, want %d (more than one batch of %d)", all, want, listBatch)
	}
	if want := count("activities", "done = 0 AND due IS NOT NULL"); open != want || open == 0 {
		t.Errorf("EachActivity(open) gave %d, want %d", open, want)
	}

	steps := 0
	if err := s.EachNextStep(ctx, now, func(item app.TodayItem) error {
		if item.NextStep == "" || item.Kind != app.TodayNextStep {
			t.Errorf("next step item %+v", item)
		}
		steps++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if steps == 0 {
		t.Error("EachNextStep gave no next steps")
	}
}

package data

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"leadwerk/app"
)

// fakeOfferPDF is the renderer of the store tests: a stand-in document
// that names the offer number, so a test can tell which offer it belongs to.
func fakeOfferPDF(o app.Offer) ([]byte, error) {
	return []byte("%PDF-1.4 " + o.Number), nil
}

func offerDraft(opportunityID int64, issued app.Date) app.Offer {
	return app.Offer{
		OpportunityID: opportunityID,
		IssuedOn:      issued,
		ValidUntil:    app.DefaultValidUntil(issued),
		Currency:      "USD",
		VATRate:       app.DefaultVATRate,
		Lines: []app.OfferLine{
			{Product: "Consulting", Quantity: 9500, UnitPrice: usd(12475), Discount: 1000},
			{Product: "GTX Pro", Quantity: 2000, UnitPrice: usd(55000)},
		},
	}
}

func mustCreateOffer(t *testing.T, s *Store, draft app.Offer) app.Offer {
	t.Helper()

	offer, err := s.CreateOffer(context.Background(), app.OfferRequest{Offer: draft, Render: fakeOfferPDF,
		ActivityNotes: "Gross 2,578.27 USD"})
	if err != nil {
		t.Fatalf("CreateOffer: %v", err)
	}

	return offer
}

func TestCreateOfferStoresTotalsAndActivity(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := dealIDByTitle(t, s, "Cancity GTX Pro")
	issued := app.Date{Year: 2026, Month: time.March, Day: 4}

	created := mustCreateOffer(t, s, offerDraft(id, issued))

	if created.Number != "A-2026-0001" {
		t.Errorf("number = %q, want A-2026-0001", created.Number)
	}
	// 1066.61 + 1100.00 = 2166.61 net; 19 % VAT = 411.6559, so 411.66.
	if created.Net != usd(216661) || created.VAT != usd(41166) || created.Gross != usd(257827) {
		t.Errorf("totals = %v / %v / %v, want 2166.61 / 411.66 / 2578.27 USD", created.Net, created.VAT, created.Gross)
	}

	offers, err := s.Offers(ctx, id)
	if err != nil {
		t.Fatalf("Offers: %v", err)
	}
	if len(offers) != 1 {
		t.Fatalf("Offers returned %d offers, want 1", len(offers))
	}
	stored := offers[0]
	if stored.Gross != created.Gross || stored.ValidUntil != created.ValidUntil || stored.VATRate != app.DefaultVATRate {
		t.Errorf("stored offer = %+v, want the created one %+v", stored, created)
	}
	if len(stored.Lines) != 2 || stored.Lines[0].Quantity != 9500 || stored.Lines[0].Discount != 1000 {
		t.Errorf("stored lines = %+v, want the two lines as given", stored.Lines)
	}
	if len(stored.LineNets) != 2 || stored.LineNets[0] != usd(106661) {
		t.Errorf("stored line nets = %v, want 1066.61 USD first", stored.LineNets)
	}

	detail, err := s.Opportunity(ctx, id)
	if err != nil {
		t.Fatalf("Opportunity: %v", err)
	}
	var activity app.Activity
	for _, a := range detail.Activities {
		if a.ID == stored.ActivityID {
			activity = a
		}
	}
	if activity.Kind != app.ActivityOffer || activity.Subject != "A-2026-0001" || !activity.Done {
		t.Errorf("activity = %+v, want a done offer activity with the number as subject", activity)
	}
	if activity.Notes != "Gross 2,578.27 USD" {
		t.Errorf("activity notes = %q, want the request's notes", activity.Notes)
	}

	pdf, err := s.OfferPDF(ctx, stored.ID)
	if err != nil || string(pdf) != "%PDF-1.4 A-2026-0001" {
		t.Errorf("OfferPDF = %q, %v; want the rendered bytes", pdf, err)
	}
}

func TestOfferNumbersNeverReused(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := dealIDByTitle(t, s, "Cancity GTX Pro")
	in2026 := app.Date{Year: 2026, Month: time.December, Day: 30}
	in2027 := app.Date{Year: 2027, Month: time.January, Day: 2}

	first := mustCreateOffer(t, s, offerDraft(id, in2026))
	second := mustCreateOffer(t, s, offerDraft(id, in2026))
	if err := s.DeleteOffer(ctx, second.ID); err != nil {
		t.Fatalf("DeleteOffer: %v", err)
	}
	if err := s.DeleteOffer(ctx, first.ID); err != nil {
		t.Fatalf("DeleteOffer: %v", err)
	}

	third := mustCreateOffer(t, s, offerDraft(id, in2026))
	nextYear := mustCreateOffer(t, s, offerDraft(id, in2027))

	if second.Number != "A-2026-0002" {
		t.Errorf("second number = %q, want A-2026-0002", second.Number)
	}
	if third.Number != "A-2026-0003" {
		t.Errorf("number after deleting both = %q, want A-2026-0003", third.Number)
	}
	if nextYear.Number != "A-2027-0001" {
		t.Errorf("first number of 2027 = %q, want A-2027-0001", nextYear.Number)
	}
}

func TestOfferNumberSurvivesDealDeletion(t *testing.T) {
	s := openEditStore(t)
	id := dealIDByTitle(t, s, "Cancity GTX Pro")
	issued := app.Date{Year: 2026, Month: time.May, Day: 1}
	mustCreateOffer(t, s, offerDraft(id, issued))

	if err := s.db.Exec(`DELETE FROM opportunities WHERE id = ?`, id).Error; err != nil {
		t.Fatalf("delete deal: %v", err)
	}
	var left int64
	s.db.Raw(`SELECT COUNT(*) FROM offers`).Scan(&left)
	if left != 0 {
		t.Errorf("%d offers left after their deal was deleted, want 0", left)
	}

	other := dealIDByTitle(t, s, "Acme MG Special")
	next := mustCreateOffer(t, s, offerDraft(other, issued))
	if next.Number != "A-2026-0002" {
		t.Errorf("number after deleting the deal = %q, want A-2026-0002", next.Number)
	}
}

func TestCreateOfferRejects(t *testing.T) {
	s := openEditStore(t)
	ctx := context.Background()
	id := dealIDByTitle(t, s, "Cancity GTX Pro")
	issued := app.Date{Year: 2026, Month: time.March, Day: 4}

	negative := offerDraft(id, issued)
	negative.Lines[1].UnitPrice = usd(-100)
	_, err := s.CreateOffer(ctx, app.OfferRequest{Offer: negative, Render: fakeOfferPDF})
	var fieldErr *app.OfferFieldError
	if !errors.As(err, &fieldErr) || fieldErr.Line != 2 || fieldErr.Field != app.OfferFieldUnitPrice {
		t.Errorf("negative line: error = %v, want line 2 unit price", err)
	}

	_, err = s.CreateOffer(ctx, app.OfferRequest{Offer: offerDraft(999999, issued), Render: fakeOfferPDF})
	if !errors.Is(err, app.ErrNotFound) {
		t.Errorf("unknown deal: error = %v, want ErrNotFound", err)
	}

	failing := func(app.Offer) ([]byte, error) { return nil, errors.New("layout failed") }
	if _, err := s.CreateOffer(ctx, app.OfferRequest{Offer: offerDraft(id, issued), Render: failing}); err == nil {
		t.Error("a failing renderer stored the offer")
	}

	// Neither the failed layout nor the rejected offers used a number.
	next := mustCreateOffer(t, s, offerDraft(id, issued))
	if next.Number != "A-2026-0001" {
		t.Errorf("number after failures = %q, want A-2026-0001", next.Number)
	}
	var activities int64
	s.db.Raw(`SELECT COUNT(*) FROM activities WHERE kind = ?`, app.ActivityOffer).Scan(&activities)
	if activities != 1 {
		t.Errorf("%d offer activities, want 1 from the one stored offer", activities)
	}
}

func TestDeleteOfferUnknown(t *testing.T) {
	s := openTestStore(t)

	if err := s.DeleteOffer(context.Background(), 42); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("DeleteOffer(42) = %v, want ErrNotFound", err)
	}
	if _, err := s.OfferPDF(context.Background(), 42); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("OfferPDF(42) = %v, want ErrNotFound", err)
	}
}

func TestMigration12OnVersion11Database(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	db, err := openGorm(path)
	if err != nil {
		t.Fatal(err)
	}
	var before12 []migration
	for _, m := range migrations {
		if m.version < 12 {
			before12 = append(before12, m)
		}
	}
	if err := migrateTo(context.Background(), db, before12); err != nil {
		t.Fatal(err)
	}
	if sqlDB, err := db.DB(); err == nil {
		_ = sqlDB.Close()
	}

	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open on a version 11 database: %v", err)
	}
	defer s.Close()
	if _, err := s.Import(context.Background(), sampleBatch(), nil); err != nil {
		t.Fatalf("Import: %v", err)
	}

	if v, err := s.SchemaVersion(context.Background()); err != nil || v < 12 {
		t.Fatalf("SchemaVersion = %d, %v; want 12 or later", v, err)
	}
	offer := mustCreateOffer(t, s, offerDraft(dealIDByTitle(t, s, "Cancity GTX Pro"),
		app.Date{Year: 2026, Month: time.March, Day: 4}))
	if offer.Number != "A-2026-0001" {
		t.Errorf("first offer on a migrated database = %q, want A-2026-0001", offer.Number)
	}
}

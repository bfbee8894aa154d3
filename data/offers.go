package data

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

var _ app.OfferService = (*Store)(nil)

type offerRow struct {
	ID                int64     `gorm:"column:id;primaryKey"`
	OpportunityID     int64     `gorm:"column:opportunity_id"`
	ActivityID        *int64    `gorm:"column:activity_id"`
	Number            string    `gorm:"column:number"`
	IssuedOn          string    `gorm:"column:issued_on"`
	ValidUntil        string    `gorm:"column:valid_until"`
	Currency          string    `gorm:"column:currency"`
	VATRateHundredths int64     `gorm:"column:vat_rate_hundredths"`
	NetMinor          int64     `gorm:"column:net_minor"`
	VATMinor          int64     `gorm:"column:vat_minor"`
	GrossMinor        int64     `gorm:"column:gross_minor"`
	PDF               []byte    `gorm:"column:pdf"`
	CreatedAt         time.Time `gorm:"column:created_at"`
}

func (offerRow) TableName() string { return "offers" }

type offerLineRow struct {
	OfferID             int64  `gorm:"column:offer_id;primaryKey"`
	Position            int    `gorm:"column:position;primaryKey"`
	Product             string `gorm:"column:product"`
	QuantityThousandths int64  `gorm:"column:quantity_thousandths"`
	UnitPriceMinor      int64  `gorm:"column:unit_price_minor"`
	DiscountHundredths  int64  `gorm:"column:discount_hundredths"`
	NetMinor            int64  `gorm:"column:net_minor"`
}

func (offerLineRow) TableName() string { return "offer_lines" }

// offerColumns are the columns Offers reads, leaving out the PDF.
const offerColumns = "id, opportunity_id, activity_id, number, issued_on, valid_until, currency, " +
	"vat_rate_hundredths, net_minor, vat_minor, gross_minor, created_at"

// CreateOffer validates and totals r.Offer, numbers it, renders its PDF
// and stores it with an "offer sent" activity on the deal, in one
// transaction. The number is the next of the issue date's year in
// offer_numbers, which only grows.
func (s *Store) CreateOffer(ctx context.Context, r app.OfferRequest) (app.Offer, error) {
	o := r.Offer
	if err := app.ValidateOffer(o); err != nil {
		return app.Offer{}, fmt.Errorf("create offer for opportunity %d: %w", o.OpportunityID, err)
	}
	if r.Render == nil {
		return app.Offer{}, fmt.Errorf("create offer for opportunity %d: no PDF renderer given", o.OpportunityID)
	}

	totals, err := app.ComputeOfferTotals(o.Lines, o.Currency, o.VATRate)
	if err != nil {
		return app.Offer{}, fmt.Errorf("create offer for opportunity %d: %w", o.OpportunityID, err)
	}
	o.LineNets, o.Net, o.VAT, o.Gross = totals.LineNets, totals.Net, totals.VAT, totals.Gross
	o.CreatedAt = s.now()

	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return insertOffer(tx, &o, r)
	})
	if err != nil {
		return app.Offer{}, fmt.Errorf("create offer for opportunity %d: %w", o.OpportunityID, err)
	}

	slog.Info("offer created", "offer", o.ID, "opportunity", o.OpportunityID, "number", o.Number)

	return o, nil
}

// insertOffer numbers o, renders its PDF and stores the activity, the
// offer and its lines, setting o's ID, Number and ActivityID.
func insertOffer(tx *gorm.DB, o *app.Offer, r app.OfferRequest) error {
	var count int64
	if err := tx.Table("opportunities").Where("id = ?", o.OpportunityID).Count(&count).Error; err != nil {
		return err
	}
	if count == 0 {
		return fmt.Errorf("opportunity %d: %w", o.OpportunityID, app.ErrNotFound)
	}

	sequence, err := nextOfferSequence(tx, o.IssuedOn.Year)
	if err != nil {
		return err
	}
	o.Number = app.FormatOfferNumber(o.IssuedOn.Year, sequence)

	pdf, err := r.Render(*o)
	if err != nil {
		return fmt.Errorf("render PDF of offer %s: %w", o.Number, err)
	}

	activity := activityRow{OpportunityID: &o.OpportunityID, Kind: app.ActivityOffer, Subject: o.Number,
		Notes: r.ActivityNotes, Done: true, CreatedAt: o.CreatedAt}
	setActivityOwner(tx, &activity)
	if err := tx.Create(&activity).Error; err != nil {
		return fmt.Errorf("record activity of offer %s: %w", o.Number, err)
	}
	o.ActivityID = activity.ID

	row := offerToRow(*o)
	row.PDF = pdf
	if err := tx.Create(&row).Error; err != nil {
		return fmt.Errorf("store offer %s: %w", o.Number, err)
	}
	o.ID = row.ID

	lines := offerLinesToRows(*o)
	if err := tx.Create(&lines).Error; err != nil {
		return fmt.Errorf("store lines of offer %s: %w", o.Number, err)
	}

	return nil
}

// nextOfferSequence counts up the last sequence number of year and
// returns it: 1 for the year's first offer.
func nextOfferSequence(tx *gorm.DB, year int) (int, error) {
	var sequence int
	err := tx.Raw(`INSERT INTO offer_numbers (year, last_sequence) VALUES (?, 1)
		ON CONFLICT (year) DO UPDATE SET last_sequence = offer_numbers.last_sequence + 1
		RETURNING last_sequence`, year).Scan(&sequence).Error
	if err != nil {
		return 0, fmt.Errorf("count up offer number of %d: %w", year, err)
	}

	return sequence, nil
}

// Offers returns the offers of deal opportunityID, newest first, with
// their lines but without their PDFs.
func (s *Store) Offers(ctx context.Context, opportunityID int64) ([]app.Offer, error) {
	db := s.db.WithContext(ctx)

	var rows []offerRow
	err := db.Select(offerColumns).Where("opportunity_id = ?", opportunityID).Order("id DESC").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list offers of opportunity %d: %w", opportunityID, err)
	}

	offers := make([]app.Offer, 0, len(rows))
	for _, row := range rows {
		var lines []offerLineRow
		if err := db.Where("offer_id = ?", row.ID).Order("position").Find(&lines).Error; err != nil {
			return nil, fmt.Errorf("read lines of offer %d: %w", row.ID, err)
		}

		offer, err := row.toApp(lines)
		if err != nil {
			return nil, err
		}
		offers = append(offers, offer)
	}

	return offers, nil
}

// OfferPDF returns the PDF stored with offer id.
func (s *Store) OfferPDF(ctx context.Context, id int64) ([]byte, error) {
	var row offerRow
	err := s.db.WithContext(ctx).Select("pdf").Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, fmt.Errorf("read PDF of offer %d: %w", id, app.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read PDF of offer %d: %w", id, err)
	}

	return row.PDF, nil
}

// DeleteOffer removes offer id with its lines; offer_numbers keeps its
// number used.
func (s *Store) DeleteOffer(ctx context.Context, id int64) error {
	result := s.db.WithContext(ctx).Exec(`DELETE FROM offers WHERE id = ?`, id)
	if result.Error != nil {
		return fmt.Errorf("delete offer %d: %w", id, result.Error)
	}
	if result.RowsAffected == 0 {
		return fmt.Errorf("delete offer %d: %w", id, app.ErrNotFound)
	}

	slog.Info("offer deleted", "offer", id)

	return nil
}

func offerToRow(o app.Offer) offerRow {
	return offerRow{
		OpportunityID:     o.OpportunityID,
		ActivityID:        &o.ActivityID,
		Number:            o.Number,
		IssuedOn:          o.IssuedOn.String(),
		ValidUntil:        o.ValidUntil.String(),
		Currency:          o.Currency,
		VATRateHundredths: int64(o.VATRate),
		NetMinor:          o.Net.Minor,
		VATMinor:          o.VAT.Minor,
		GrossMinor:        o.Gross.Minor,
		CreatedAt:         o.CreatedAt,
	}
}

func offerLinesToRows(o app.Offer) []offerLineRow {
	rows := make([]offerLineRow, len(o.Lines))
	for i, line := range o.Lines {
		rows[i] = offerLineRow{
			OfferID:             o.ID,
			Position:            i + 1,
			Product:             line.Product,
			QuantityThousandths: int64(line.Quantity),
			UnitPriceMinor:      line.UnitPrice.Minor,
			DiscountHundredths:  int64(line.Discount),
			NetMinor:            o.LineNets[i].Minor,
		}
	}

	return rows
}

func (r offerRow) toApp(lines []offerLineRow) (app.Offer, error) {
	issued, err := app.ParseDate(r.IssuedOn)
	if err != nil {
		return app.Offer{}, fmt.Errorf("read offer %d: %w", r.ID, err)
	}
	validUntil, err := app.ParseDate(r.ValidUntil)
	if err != nil {
		return app.Offer{}, fmt.Errorf("read offer %d: %w", r.ID, err)
	}

	o := app.Offer{
		ID: r.ID, OpportunityID: r.OpportunityID, Number: r.Number, IssuedOn: issued, ValidUntil: validUntil,
		Currency: r.Currency, VATRate: app.Percent(r.VATRateHundredths),
		Net:   app.Money{Minor: r.NetMinor, Currency: r.Currency},
		VAT:   app.Money{Minor: r.VATMinor, Currency: r.Currency},
		Gross: app.Money{Minor: r.GrossMinor, Currency: r.Currency}, CreatedAt: r.CreatedAt,
	}
	if r.ActivityID != nil {
		o.ActivityID = *r.ActivityID
	}

	for _, line := range lines {
		o.Lines = append(o.Lines, app.OfferLine{
			Product:   line.Product,
			Quantity:  app.Quantity(line.QuantityThousandths),
			UnitPrice: app.Money{Minor: line.UnitPriceMinor, Currency: r.Currency},
			Discount:  app.Percent(line.DiscountHundredths),
		})
		o.LineNets = append(o.LineNets, app.Money{Minor: line.NetMinor, Currency: r.Currency})
	}

	return o, nil
}

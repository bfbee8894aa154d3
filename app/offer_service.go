package app

import (
	"context"
	"time"
)

// OfferRequest is an offer to store. Offer carries the deal, dates,
// currency, VAT rate and lines; the store assigns the ID, number and
// totals.
type OfferRequest struct {
	Offer Offer
	// ActivityNotes are the notes of the "offer sent" activity, written in
	// the person's language, such as the gross total.
	ActivityNotes string
	// Render lays out the PDF of the numbered offer. The store calls it
	// inside the transaction, so an offer is never stored without its PDF
	// and a failed layout leaves no number used.
	Render func(Offer) ([]byte, error)
}

// OfferService stores the offers (quotes) sent for deals.
type OfferService interface {
	// CreateOffer validates r.Offer with [ValidateOffer], computes its
	// totals, assigns the next number of its issue year, renders and
	// stores its PDF and records an [ActivityOffer] activity on the deal,
	// all in one transaction. Invalid input returns an *[OfferFieldError]
	// and an unknown deal wraps [ErrNotFound].
	CreateOffer(ctx context.Context, r OfferRequest) (Offer, error)
	// Offers returns the offers of deal opportunityID with their lines,
	// newest first.
	Offers(ctx context.Context, opportunityID int64) ([]Offer, error)
	// OfferPDF returns the stored PDF of offer id, or wraps [ErrNotFound].
	OfferPDF(ctx context.Context, id int64) ([]byte, error)
	// DeleteOffer removes offer id and its lines. Its number is never
	// assigned again, and the activity that recorded it stays. An unknown
	// id wraps [ErrNotFound].
	DeleteOffer(ctx context.Context, id int64) error
}

// DefaultValidUntil returns the validity date of an offer issued on
// issuedOn: [DefaultOfferValidity] days later.
func DefaultValidUntil(issuedOn Date) Date {
	t := time.Date(issuedOn.Year, issuedOn.Month, issuedOn.Day, 0, 0, 0, 0, time.UTC)

	return DateOf(t.AddDate(0, 0, DefaultOfferValidity))
}

package app

import (
	"fmt"
	"math/big"
	"strings"
)

// OfferField names the input of an offer that an [OfferFieldError] is
// about.
type OfferField string

// The inputs of an offer.
const (
	OfferFieldLines      OfferField = "lines"
	OfferFieldProduct    OfferField = "product"
	OfferFieldQuantity   OfferField = "quantity"
	OfferFieldUnitPrice  OfferField = "unit_price"
	OfferFieldDiscount   OfferField = "discount"
	OfferFieldVATRate    OfferField = "vat_rate"
	OfferFieldCurrency   OfferField = "currency"
	OfferFieldIssuedOn   OfferField = "issued_on"
	OfferFieldValidUntil OfferField = "valid_until"
)

// OfferProblem is the rule that an offer input breaks.
type OfferProblem string

// The problems [ValidateOffer] reports.
const (
	// OfferMissing is an empty product, currency or date, or an offer
	// without lines.
	OfferMissing OfferProblem = "missing"
	// OfferNotPositive is a quantity of zero or less.
	OfferNotPositive OfferProblem = "not_positive"
	// OfferNegative is a negative unit price, discount or VAT rate.
	OfferNegative OfferProblem = "negative"
	// OfferAboveFull is a discount or VAT rate above 100 %.
	OfferAboveFull OfferProblem = "above_100"
	// OfferCurrencyMismatch is a unit price in another currency than the
	// offer's.
	OfferCurrencyMismatch OfferProblem = "currency_mismatch"
	// OfferTooLarge is a line or total beyond the largest amount an int64
	// of minor units holds.
	OfferTooLarge OfferProblem = "too_large"
	// OfferBeforeIssue is a validity date before the issue date.
	OfferBeforeIssue OfferProblem = "before_issue"
)

// OfferFieldError is an offer input that breaks a rule. It matches
// [ErrInvalid].
type OfferFieldError struct {
	// Line is the 1-based number of the line, or 0 for an input of the
	// whole offer.
	Line    int
	Field   OfferField
	Problem OfferProblem
}

func (e *OfferFieldError) Error() string {
	where := "offer"
	if e.Line > 0 {
		where = fmt.Sprintf("offer line %d", e.Line)
	}

	return fmt.Sprintf("%s: %s is invalid (%s): correct it and save again", where, e.Field, e.Problem)
}

// Is makes errors.Is(err, ErrInvalid) true for an OfferFieldError.
func (e *OfferFieldError) Is(target error) bool {
	return target == ErrInvalid
}

// OfferTotals are the amounts of an offer, computed by [ComputeOfferTotals].
type OfferTotals struct {
	// LineNets holds each line's net amount in the order of the lines.
	LineNets []Money
	Net      Money
	VAT      Money
	Gross    Money
}

// maxMinor is the largest amount in minor units that Money holds.
var maxMinor = big.NewInt(1<<63 - 1)

// ComputeOfferTotals validates the lines and computes the totals by one
// rounding rule, in integers throughout:
//
//   - A line's net is quantity × unit price × (100 % − discount), rounded
//     half away from zero to the currency's minor unit (the cent).
//   - The offer's net is the sum of the rounded line nets.
//   - The VAT is the net total × the VAT rate, rounded the same way, so it
//     is computed once on the total and never per line.
//   - The gross is net plus VAT.
//
// A line or total that no int64 of minor units holds returns an
// [OfferFieldError] with [OfferTooLarge]; intermediate products cannot
// overflow because they are computed with math/big.
func ComputeOfferTotals(lines []OfferLine, currency string, vatRate Percent) (OfferTotals, error) {
	if err := validateOfferLines(lines, currency, vatRate); err != nil {
		return OfferTotals{}, err
	}

	totals := OfferTotals{LineNets: make([]Money, len(lines))}
	net := new(big.Int)
	for i, line := range lines {
		lineNet := lineNetMinor(line)
		if lineNet.Cmp(maxMinor) > 0 {
			return OfferTotals{}, &OfferFieldError{Line: i + 1, Field: OfferFieldQuantity, Problem: OfferTooLarge}
		}

		totals.LineNets[i] = Money{Minor: lineNet.Int64(), Currency: currency}
		net.Add(net, lineNet)
	}

	vat := roundHalfAwayFromZero(new(big.Int).Mul(net, big.NewInt(int64(vatRate))), big.NewInt(int64(FullPercent)))
	gross := new(big.Int).Add(net, vat)
	if gross.Cmp(maxMinor) > 0 {
		return OfferTotals{}, &OfferFieldError{Field: OfferFieldLines, Problem: OfferTooLarge}
	}

	totals.Net = Money{Minor: net.Int64(), Currency: currency}
	totals.VAT = Money{Minor: vat.Int64(), Currency: currency}
	totals.Gross = Money{Minor: gross.Int64(), Currency: currency}

	return totals, nil
}

// lineNetMinor returns quantity × unit price × (100 % − discount) in minor
// units, rounded half away from zero.
func lineNetMinor(line OfferLine) *big.Int {
	product := new(big.Int).Mul(big.NewInt(int64(line.Quantity)), big.NewInt(line.UnitPrice.Minor))
	product.Mul(product, big.NewInt(int64(FullPercent-line.Discount)))
	divisor := new(big.Int).Mul(big.NewInt(QuantityScale), big.NewInt(int64(FullPercent)))

	return roundHalfAwayFromZero(product, divisor)
}

// roundHalfAwayFromZero returns numerator ÷ divisor rounded to the nearest
// integer, with halves rounded away from zero. The divisor is positive.
func roundHalfAwayFromZero(numerator, divisor *big.Int) *big.Int {
	quotient, remainder := new(big.Int).QuoRem(numerator, divisor, new(big.Int))
	twice := new(big.Int).Abs(remainder)
	twice.Lsh(twice, 1)
	if twice.Cmp(divisor) >= 0 {
		step := big.NewInt(1)
		if numerator.Sign() < 0 {
			step.Neg(step)
		}
		quotient.Add(quotient, step)
	}

	return quotient
}

// ValidateOffer checks everything [ComputeOfferTotals] checks plus the
// dates: both are set and the offer is not valid until a day before it
// is issued. It returns the first problem as an [OfferFieldError].
func ValidateOffer(o Offer) error {
	if o.IssuedOn.IsZero() {
		return &OfferFieldError{Field: OfferFieldIssuedOn, Problem: OfferMissing}
	}

	if o.ValidUntil.IsZero() {
		return &OfferFieldError{Field: OfferFieldValidUntil, Problem: OfferMissing}
	}

	if o.ValidUntil.Before(o.IssuedOn) {
		return &OfferFieldError{Field: OfferFieldValidUntil, Problem: OfferBeforeIssue}
	}

	_, err := ComputeOfferTotals(o.Lines, o.Currency, o.VATRate)

	return err
}

func validateOfferLines(lines []OfferLine, currency string, vatRate Percent) error {
	if strings.TrimSpace(currency) == "" {
		return &OfferFieldError{Field: OfferFieldCurrency, Problem: OfferMissing}
	}

	if problem := percentProblem(vatRate); problem != "" {
		return &OfferFieldError{Field: OfferFieldVATRate, Problem: problem}
	}

	if len(lines) == 0 {
		return &OfferFieldError{Field: OfferFieldLines, Problem: OfferMissing}
	}

	for i, line := range lines {
		if err := ValidateOfferLine(line, currency); err != nil {
			err.Line = i + 1
			return err
		}
	}

	return nil
}

// ValidateOfferLine checks one line against the offer's currency: a
// product name, a quantity above zero, a unit price of zero or more in
// the offer's currency and a discount from 0 to 100 %. Negative lines,
// such as a credit, are rejected because a discount covers price cuts.
// The error's Line is 0, for the caller to set.
func ValidateOfferLine(line OfferLine, currency string) *OfferFieldError {
	switch {
	case strings.TrimSpace(line.Product) == "":
		return &OfferFieldError{Field: OfferFieldProduct, Problem: OfferMissing}
	case line.Quantity <= 0:
		return &OfferFieldError{Field: OfferFieldQuantity, Problem: OfferNotPositive}
	case line.UnitPrice.Minor < 0:
		return &OfferFieldError{Field: OfferFieldUnitPrice, Problem: OfferNegative}
	case line.UnitPrice.Currency != currency:
		return &OfferFieldError{Field: OfferFieldUnitPrice, Problem: OfferCurrencyMismatch}
	}

	if problem := percentProblem(line.Discount); problem != "" {
		return &OfferFieldError{Field: OfferFieldDiscount, Problem: problem}
	}

	return nil
}

func percentProblem(p Percent) OfferProblem {
	switch {
	case p < 0:
		return OfferNegative
	case p > FullPercent:
		return OfferAboveFull
	default:
		return ""
	}
}

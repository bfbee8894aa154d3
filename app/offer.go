package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Quantity is a number of units in thousandths, so 9.5 hours is 9500.
// Three decimals hold quarter hours and weights in grams exactly, with no
// float.
type Quantity int64

// QuantityScale is the number of [Quantity] units in one whole unit.
const QuantityScale = 1000

// Percent is a percentage in hundredths of a percent, so 19 % is 1900 and
// 7.7 % is 770. Offers use it for discounts and VAT rates.
type Percent int64

// PercentScale is the number of [Percent] units in one percent, and
// [FullPercent] is 100 %.
const (
	PercentScale = 100
	FullPercent  = Percent(100 * PercentScale)
)

// DefaultVATRate is the VAT rate a new offer starts with: the German
// standard rate of 19 %.
const DefaultVATRate = Percent(19 * PercentScale)

// DefaultOfferValidity is how long a new offer stays valid, in days.
const DefaultOfferValidity = 30

// ParseQuantity reads a quantity such as "9.5" or "12" with at most three
// decimals and a dot as decimal mark. Errors wrap [ErrInvalid].
func ParseQuantity(text string) (Quantity, error) {
	n, err := parseScaled(text, 3)
	if err != nil {
		return 0, fmt.Errorf("quantity %q: %w", text, err)
	}

	return Quantity(n), nil
}

// String writes q with a dot and without trailing zeros, as "9.5".
func (q Quantity) String() string {
	return formatScaled(int64(q), 3)
}

// ParsePercent reads a percentage such as "19" or "7.7" with at most two
// decimals and a dot as decimal mark. Errors wrap [ErrInvalid].
func ParsePercent(text string) (Percent, error) {
	n, err := parseScaled(text, 2)
	if err != nil {
		return 0, fmt.Errorf("percentage %q: %w", text, err)
	}

	return Percent(n), nil
}

// String writes p with a dot and without trailing zeros, as "7.7".
func (p Percent) String() string {
	return formatScaled(int64(p), 2)
}

// parseScaled reads a decimal number with at most digits decimals as an
// integer scaled by 10^digits.
func parseScaled(text string, digits int) (int64, error) {
	s := strings.TrimSpace(text)
	negative := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || (hasFrac && frac == "") || strings.ContainsAny(whole+frac, "+-") {
		return 0, fmt.Errorf("not a number: %w", ErrInvalid)
	}

	if len(frac) > digits {
		return 0, fmt.Errorf("more than %d decimals: %w", digits, ErrInvalid)
	}

	n, err := strconv.ParseInt(whole+frac+strings.Repeat("0", digits-len(frac)), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("not a number or too large: %w", ErrInvalid)
	}

	if negative {
		n = -n
	}

	return n, nil
}

func formatScaled(n int64, digits int) string {
	s := strconv.FormatInt(n, 10)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}

	if len(s) <= digits {
		s = strings.Repeat("0", digits-len(s)+1) + s
	}

	whole, frac := s[:len(s)-digits], strings.TrimRight(s[len(s)-digits:], "0")
	if frac == "" {
		return sign + whole
	}

	return sign + whole + "." + frac
}

// OfferLine is one item of an offer: a product or service, how many
// units, the price of one unit and a discount on the line.
type OfferLine struct {
	Product   string
	Quantity  Quantity
	UnitPrice Money
	Discount  Percent
}

// Offer is a quote sent for a deal. Its number is assigned when it is
// stored, and Lines, Net, VAT and Gross follow [ComputeOfferTotals].
type Offer struct {
	ID            int64
	OpportunityID int64
	// Number is the offer number, such as "A-2026-0042"; see
	// [FormatOfferNumber].
	Number     string
	IssuedOn   Date
	ValidUntil Date
	Currency   string
	VATRate    Percent
	Lines      []OfferLine
	// LineNets holds the net amount of each line, rounded to the cent.
	LineNets []Money
	Net      Money
	VAT      Money
	Gross    Money
	// ActivityID is the "offer sent" activity recorded on the deal.
	ActivityID int64
	CreatedAt  time.Time
}

// FormatOfferNumber returns the number of the sequence-th offer of year,
// such as "A-2026-0042". The sequence has at least four digits and grows
// past 9999 without wrapping.
func FormatOfferNumber(year, sequence int) string {
	return fmt.Sprintf("A-%04d-%04d", year, sequence)
}

// Package offers lays out an offer (quote) as an A4 portrait PDF. Page 1
// starts with the firm's letterhead, the recipient, the offer number and
// dates. A table of line items and the net, VAT and gross totals follow.
// The foot of every page has the firm's legal and bank details and
// "Page 1 of N".
//
// Like package report, it translates nothing and computes nothing: the
// caller passes every text in the reader's language and every amount
// already computed by app.ComputeOfferTotals and formatted.
package offers

import (
	"errors"
	"time"
)

// ErrLogoFormat is returned by [Write] when the logo is neither a PNG nor
// a JPEG image.
var ErrLogoFormat = errors.New("unsupported logo format")

// Letterhead is the firm's details printed on every offer.
type Letterhead struct {
	Company string
	// Address lines, such as street and "12345 Berlin".
	Address []string
	// VATID is the VAT identification number, such as "DE123456789".
	VATID string
	// Bank lines, such as the bank's name, IBAN and BIC.
	Bank []string
	// Logo is a PNG or JPEG image printed at the top right of the first
	// page, [LogoHeight] high; nil prints none.
	Logo []byte
}

// Document is the content of one offer PDF.
type Document struct {
	Letterhead Letterhead
	// Recipient lines: the customer's company, the contact's name and
	// the address, as known.
	Recipient []string
	// Title is the heading, such as "Offer A-2026-0042", and the PDF's title.
	Title string
	// Facts are printed beside the recipient, such as the offer number,
	// date and validity.
	Facts []Field
	// Intro is an optional paragraph above the line items.
	Intro string
	// Columns are the headers of the line-item table: position, product,
	// quantity, unit price, discount and net, in that order.
	Columns [6]string
	// Rows are the formatted line items, six cells each in Columns order.
	Rows [][6]string
	// Totals are printed under the table, right-aligned; the last one,
	// the gross, in bold.
	Totals []Field
	// Closing is an optional paragraph under the totals, such as how the
	// amounts are rounded and how long the offer is valid.
	Closing string
	// VATIDLabel labels the VAT ID in the footer, such as "USt-IdNr.".
	VATIDLabel string
	// PageLabel returns the footer text of a page, such as "Page 1 of 2".
	PageLabel func(page, pages int) string
	// Created is the creation time stored in the PDF. Fixing it makes the
	// output of the same content byte for byte the same.
	Created time.Time
}

// Field is a labelled value, such as "Valid until: 03.04.2026".
type Field struct {
	Label, Value string
}

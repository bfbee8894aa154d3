package data

// schemaV12 stores the offers (quotes) sent for deals. offer_numbers
// keeps the last sequence number issued per year, so deleting an offer,
// even the newest, never frees its number for the next one. Amounts are
// minor units in the offer's currency, quantities thousandths of a unit
// and percentages hundredths of a percent, as in package app. The PDF as
// sent is kept in the row, so it can be written out again when its file
// is gone.
const schemaV12 = `
CREATE TABLE offer_numbers (
	year          INTEGER PRIMARY KEY,
	last_sequence INTEGER NOT NULL CHECK (last_sequence > 0)
);

CREATE TABLE offers (
	id                  INTEGER PRIMARY KEY,
	opportunity_id      INTEGER  NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
	activity_id         INTEGER  REFERENCES activities (id) ON DELETE SET NULL,
	number              TEXT     NOT NULL UNIQUE,
	issued_on           TEXT     NOT NULL CHECK (issued_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	valid_until         TEXT     NOT NULL CHECK (valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	currency            TEXT     NOT NULL,
	vat_rate_hundredths INTEGER  NOT NULL CHECK (vat_rate_hundredths BETWEEN 0 AND 10000),
	net_minor           INTEGER  NOT NULL,
	vat_minor           INTEGER  NOT NULL,
	gross_minor         INTEGER  NOT NULL,
	pdf                 BLOB     NOT NULL,
	created_at          DATETIME NOT NULL
);
CREATE INDEX offers_opportunity ON offers (opportunity_id, id);

CREATE TABLE offer_lines (
	offer_id             INTEGER NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
	position             INTEGER NOT NULL,
	product              TEXT    NOT NULL,
	quantity_thousandths INTEGER NOT NULL CHECK (quantity_thousandths > 0),
	unit_price_minor     INTEGER NOT NULL CHECK (unit_price_minor >= 0),
	discount_hundredths  INTEGER NOT NULL CHECK (discount_hundredths BETWEEN 0 AND 10000),
	net_minor            INTEGER NOT NULL,
	PRIMARY KEY (offer_id, position)
);
`

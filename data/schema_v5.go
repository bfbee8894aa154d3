package data

// schemaV5 adds the opportunity columns that only the detail edits: next
// step, talks status, customer budget, expectations, source and the reason
// a deal was won or lost. The budget is minor units beside a currency
// code, 0 and the empty string when unknown. opportunity_field_changes
// stores one row per edited field with its old and new value as the
// person reads them.
const schemaV5 = `
ALTER TABLE opportunities ADD COLUMN next_step                TEXT    NOT NULL DEFAULT '';
ALTER TABLE opportunities ADD COLUMN talks_status             TEXT    NOT NULL DEFAULT '';
ALTER TABLE opportunities ADD COLUMN customer_budget_minor    INTEGER NOT NULL DEFAULT 0;
ALTER TABLE opportunities ADD COLUMN customer_budget_currency TEXT    NOT NULL DEFAULT '';
ALTER TABLE opportunities ADD COLUMN expectations             TEXT    NOT NULL DEFAULT '';
ALTER TABLE opportunities ADD COLUMN source                   TEXT    NOT NULL DEFAULT '';
ALTER TABLE opportunities ADD COLUMN close_reason             TEXT    NOT NULL DEFAULT '';
ALTER TABLE opportunities ADD COLUMN close_competitor         TEXT    NOT NULL DEFAULT '';
ALTER TABLE opportunities ADD COLUMN close_note               TEXT    NOT NULL DEFAULT '';

CREATE TABLE opportunity_field_changes (
	id             INTEGER PRIMARY KEY,
	opportunity_id INTEGER  NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
	field          TEXT     NOT NULL,
	old_value      TEXT     NOT NULL DEFAULT '',
	new_value      TEXT     NOT NULL DEFAULT '',
	at             DATETIME NOT NULL
);
CREATE INDEX opportunity_field_changes_opportunity ON opportunity_field_changes (opportunity_id, at);
`

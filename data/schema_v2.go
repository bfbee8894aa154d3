package data

// schemaV2 adds lead management. Leads get every field of app.Lead and
// folded duplicate keys. New tables keep status history, BANT
// qualifications and the scoring settings. Contacts get a buying role,
// companies a folded name, and the lead list gets its indexes and a
// trigram full-text index for the search.
//
// A column added with REFERENCES must default to NULL while foreign keys
// are on, so the conversion links are nullable. The seed of the migration
// fills the folded keys and the scores, which need Go.
const schemaV2 = `
ALTER TABLE leads ADD COLUMN salutation        TEXT     NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN website           TEXT     NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN street            TEXT     NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN postal_code       TEXT     NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN source_detail     TEXT     NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN origin            TEXT     NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN campaign          TEXT     NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN size_band         TEXT     NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN region            TEXT     NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN persona           TEXT     NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN consent_basis     TEXT     NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN consent_date      TEXT     NOT NULL DEFAULT ''
	CHECK (consent_date = '' OR consent_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE leads ADD COLUMN consent_obtained  TEXT     NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN disqualify_reason TEXT     NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN score             INTEGER  NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 100);
ALTER TABLE leads ADD COLUMN score_reasons     TEXT     NOT NULL DEFAULT '[]';
ALTER TABLE leads ADD COLUMN temperature       TEXT     NOT NULL DEFAULT 'cold'
	CHECK (temperature IN ('hot', 'warm', 'cold'));
ALTER TABLE leads ADD COLUMN temperature_manual INTEGER NOT NULL DEFAULT 0 CHECK (temperature_manual IN (0, 1));
ALTER TABLE leads ADD COLUMN handed_over_by    TEXT     NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN handed_over_at    DATETIME;
ALTER TABLE leads ADD COLUMN converted_company_id     INTEGER REFERENCES companies (id) ON DELETE SET NULL;
ALTER TABLE leads ADD COLUMN converted_contact_id     INTEGER REFERENCES contacts (id) ON DELETE SET NULL;
ALTER TABLE leads ADD COLUMN converted_opportunity_id INTEGER REFERENCES opportunities (id) ON DELETE SET NULL;
ALTER TABLE leads ADD COLUMN converted_company_created INTEGER NOT NULL DEFAULT 0
	CHECK (converted_company_created IN (0, 1));
ALTER TABLE leads ADD COLUMN converted_contact_created INTEGER NOT NULL DEFAULT 0
	CHECK (converted_contact_created IN (0, 1));
ALTER TABLE leads ADD COLUMN last_activity_at  DATETIME;
ALTER TABLE leads ADD COLUMN email_key         TEXT     NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN name_key          TEXT     NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN company_key       TEXT     NOT NULL DEFAULT '';

CREATE INDEX leads_email_key ON leads (email_key) WHERE email_key <> '';
CREATE INDEX leads_name_company_key ON leads (name_key, company_key) WHERE name_key <> '';
CREATE INDEX leads_status ON leads (status);
CREATE INDEX leads_source ON leads (source);
CREATE INDEX leads_temperature ON leads (temperature);
CREATE INDEX leads_owner ON leads (owner);
CREATE INDEX leads_score ON leads (score, id);
CREATE INDEX leads_created ON leads (created_at, id);
CREATE INDEX leads_last_activity ON leads (last_activity_at, id);
CREATE INDEX leads_worklist ON leads (score DESC, COALESCE(last_activity_at, created_at), id)
	WHERE status IN ('new', 'contacted', 'nurturing', 'qualified');
CREATE INDEX leads_converted_company ON leads (converted_company_id) WHERE converted_company_id IS NOT NULL;
CREATE INDEX leads_converted_contact ON leads (converted_contact_id) WHERE converted_contact_id IS NOT NULL;
CREATE INDEX leads_converted_opportunity ON leads (converted_opportunity_id)
	WHERE converted_opportunity_id IS NOT NULL;

CREATE TABLE lead_status_changes (
	id          INTEGER PRIMARY KEY,
	lead_id     INTEGER  NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
	from_status TEXT     NOT NULL DEFAULT '',
	to_status   TEXT     NOT NULL,
	reason      TEXT     NOT NULL DEFAULT '',
	at          DATETIME NOT NULL
);
CREATE INDEX lead_status_changes_lead ON lead_status_changes (lead_id, at);

CREATE TABLE qualifications (
	id                    INTEGER PRIMARY KEY,
	lead_id               INTEGER  NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
	budget                TEXT     NOT NULL DEFAULT ''
		CHECK (budget IN ('', 'confirmed', 'indicated', 'unknown', 'none')),
	budget_minor          INTEGER  NOT NULL DEFAULT 0,
	budget_currency       TEXT     NOT NULL DEFAULT '',
	budget_up_to_minor    INTEGER  NOT NULL DEFAULT 0,
	budget_up_to_currency TEXT     NOT NULL DEFAULT '',
	budget_note           TEXT     NOT NULL DEFAULT '',
	authority             TEXT     NOT NULL DEFAULT ''
		CHECK (authority IN ('', 'decision_maker', 'influencer', 'user', 'gatekeeper')),
	decided_by            TEXT     NOT NULL DEFAULT '',
	authority_note        TEXT     NOT NULL DEFAULT '',
	need                  TEXT     NOT NULL DEFAULT '',
	need_priority         INTEGER  NOT NULL DEFAULT 0 CHECK (need_priority BETWEEN 0 AND 5),
	need_note             TEXT     NOT NULL DEFAULT '',
	timeframe             TEXT     NOT NULL DEFAULT ''
		CHECK (timeframe IN ('', 'under_1_month', '1_3_months', '3_6_months', '6_12_months',
			'over_12_months', 'unknown')),
	time_note             TEXT     NOT NULL DEFAULT '',
	created_at            DATETIME NOT NULL
);
CREATE INDEX qualifications_lead ON qualifications (lead_id, created_at);

CREATE TABLE settings (
	key        TEXT PRIMARY KEY,
	value      TEXT     NOT NULL CHECK (json_valid(value)),
	updated_at DATETIME NOT NULL
);

ALTER TABLE contacts ADD COLUMN buying_role TEXT NOT NULL DEFAULT '';
CREATE INDEX contacts_email ON contacts (email COLLATE NOCASE) WHERE email <> '';

ALTER TABLE companies ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
CREATE INDEX companies_name_key ON companies (name_key) WHERE name_key <> '';

CREATE INDEX activities_lead_created ON activities (lead_id, created_at) WHERE lead_id IS NOT NULL;

CREATE TRIGGER activities_touch_lead AFTER INSERT ON activities
WHEN new.lead_id IS NOT NULL
BEGIN
	UPDATE leads SET last_activity_at = new.created_at
	WHERE id = new.lead_id AND (last_activity_at IS NULL OR last_activity_at < new.created_at);
END;

CREATE VIRTUAL TABLE leads_fts USING fts5(name, company, email, city, tokenize = 'trigram');

INSERT INTO leads_fts (rowid, name, company, email, city)
SELECT id, trim(first_name || ' ' || last_name), company_name, email, city FROM leads;

CREATE TRIGGER leads_fts_insert AFTER INSERT ON leads
BEGIN
	INSERT INTO leads_fts (rowid, name, company, email, city)
	VALUES (new.id, trim(new.first_name || ' ' || new.last_name), new.company_name, new.email, new.city);
END;

CREATE TRIGGER leads_fts_delete AFTER DELETE ON leads
BEGIN
	DELETE FROM leads_fts WHERE rowid = old.id;
END;

CREATE TRIGGER leads_fts_update AFTER UPDATE OF first_name, last_name, company_name, email, city ON leads
WHEN old.first_name IS NOT new.first_name OR old.last_name IS NOT new.last_name
	OR old.company_name IS NOT new.company_name OR old.email IS NOT new.email OR old.city IS NOT new.city
BEGIN
	UPDATE leads_fts
	SET name = trim(new.first_name || ' ' || new.last_name), company = new.company_name,
		email = new.email, city = new.city
	WHERE rowid = new.id;
END;
`

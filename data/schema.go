package data

// schemaV1 creates the CRM tables. Money is an INTEGER of minor units
// beside a TEXT currency code. Civil dates are TEXT 'YYYY-MM-DD', and the
// empty string means no date. Timestamps are DATETIME columns holding UTC
// text, which the driver parses back into time.Time. An optional
// reference is NULL, never 0.
const schemaV1 = `
CREATE TABLE companies (
	id               INTEGER PRIMARY KEY,
	name             TEXT     NOT NULL,
	sector           TEXT     NOT NULL DEFAULT '',
	employees        INTEGER  NOT NULL DEFAULT 0,
	revenue_minor    INTEGER  NOT NULL DEFAULT 0,
	revenue_currency TEXT     NOT NULL DEFAULT '',
	country          TEXT     NOT NULL DEFAULT '',
	year_founded     INTEGER  NOT NULL DEFAULT 0,
	parent_id        INTEGER  REFERENCES companies (id) ON DELETE SET NULL,
	source_ref       TEXT     NOT NULL DEFAULT '',
	created_at       DATETIME NOT NULL,
	updated_at       DATETIME NOT NULL
);
CREATE UNIQUE INDEX companies_source_ref ON companies (source_ref) WHERE source_ref <> '';
CREATE INDEX companies_name ON companies (name COLLATE NOCASE);
CREATE INDEX companies_parent ON companies (parent_id);

CREATE TABLE contacts (
	id         INTEGER PRIMARY KEY,
	company_id INTEGER  REFERENCES companies (id) ON DELETE SET NULL,
	first_name TEXT     NOT NULL DEFAULT '',
	last_name  TEXT     NOT NULL DEFAULT '',
	role       TEXT     NOT NULL DEFAULT '',
	email      TEXT     NOT NULL DEFAULT '',
	phone      TEXT     NOT NULL DEFAULT '',
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL
);
CREATE INDEX contacts_company ON contacts (company_id);

CREATE TABLE leads (
	id           INTEGER PRIMARY KEY,
	first_name   TEXT     NOT NULL DEFAULT '',
	last_name    TEXT     NOT NULL DEFAULT '',
	company_name TEXT     NOT NULL DEFAULT '',
	role         TEXT     NOT NULL DEFAULT '',
	email        TEXT     NOT NULL DEFAULT '',
	phone        TEXT     NOT NULL DEFAULT '',
	city         TEXT     NOT NULL DEFAULT '',
	country      TEXT     NOT NULL DEFAULT '',
	industry     TEXT     NOT NULL DEFAULT '',
	source       TEXT     NOT NULL DEFAULT '',
	status       TEXT     NOT NULL DEFAULT 'new',
	owner        TEXT     NOT NULL DEFAULT '',
	notes        TEXT     NOT NULL DEFAULT '',
	source_ref   TEXT     NOT NULL DEFAULT '',
	created_at   DATETIME NOT NULL,
	updated_at   DATETIME NOT NULL
);
CREATE UNIQUE INDEX leads_source_ref ON leads (source_ref) WHERE source_ref <> '';
CREATE INDEX leads_name ON leads (last_name COLLATE NOCASE, first_name COLLATE NOCASE);

CREATE TABLE pipelines (
	id       INTEGER PRIMARY KEY,
	name     TEXT    NOT NULL UNIQUE,
	position INTEGER NOT NULL DEFAULT 0,
	currency TEXT    NOT NULL
);

CREATE TABLE stages (
	id          INTEGER PRIMARY KEY,
	pipeline_id INTEGER NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
	name        TEXT    NOT NULL,
	position    INTEGER NOT NULL,
	probability INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
	kind        TEXT    NOT NULL CHECK (kind IN ('open', 'won', 'lost')),
	UNIQUE (pipeline_id, name)
);
CREATE INDEX stages_order ON stages (pipeline_id, position);

CREATE TABLE opportunities (
	id                 INTEGER PRIMARY KEY,
	title              TEXT     NOT NULL,
	company_id         INTEGER  REFERENCES companies (id) ON DELETE SET NULL,
	contact_id         INTEGER  REFERENCES contacts (id) ON DELETE SET NULL,
	pipeline_id        INTEGER  NOT NULL REFERENCES pipelines (id) ON DELETE RESTRICT,
	stage_id           INTEGER  NOT NULL REFERENCES stages (id) ON DELETE RESTRICT,
	amount_minor       INTEGER  NOT NULL DEFAULT 0,
	amount_currency    TEXT     NOT NULL,
	probability        INTEGER  NOT NULL CHECK (probability BETWEEN 0 AND 100),
	probability_manual INTEGER  NOT NULL DEFAULT 0 CHECK (probability_manual IN (0, 1)),
	close_date         TEXT     NOT NULL DEFAULT ''
		CHECK (close_date = '' OR close_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	stage_entered_on   TEXT     NOT NULL DEFAULT ''
		CHECK (stage_entered_on = '' OR stage_entered_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	owner              TEXT     NOT NULL DEFAULT '',
	product            TEXT     NOT NULL DEFAULT '',
	notes              TEXT     NOT NULL DEFAULT '',
	source_ref         TEXT     NOT NULL DEFAULT '',
	created_at         DATETIME NOT NULL,
	updated_at         DATETIME NOT NULL
);
CREATE UNIQUE INDEX opportunities_source_ref ON opportunities (source_ref) WHERE source_ref <> '';
CREATE INDEX opportunities_pipeline ON opportunities (pipeline_id);
CREATE INDEX opportunities_stage ON opportunities (stage_id);
CREATE INDEX opportunities_company ON opportunities (company_id);
CREATE INDEX opportunities_contact ON opportunities (contact_id);
CREATE INDEX opportunities_title ON opportunities (title COLLATE NOCASE);
CREATE INDEX opportunities_owner ON opportunities (owner COLLATE NOCASE);
CREATE INDEX opportunities_close_date ON opportunities (close_date);
CREATE INDEX opportunities_amount ON opportunities (amount_minor);

CREATE TABLE activities (
	id             INTEGER PRIMARY KEY,
	opportunity_id INTEGER  REFERENCES opportunities (id) ON DELETE CASCADE,
	lead_id        INTEGER  REFERENCES leads (id) ON DELETE CASCADE,
	kind           TEXT     NOT NULL DEFAULT '',
	subject        TEXT     NOT NULL DEFAULT '',
	notes          TEXT     NOT NULL DEFAULT '',
	due            DATETIME,
	done           INTEGER  NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
	created_at     DATETIME NOT NULL
);
CREATE INDEX activities_opportunity ON activities (opportunity_id, due);
CREATE INDEX activities_lead ON activities (lead_id, due);

CREATE TABLE stage_changes (
	id              INTEGER PRIMARY KEY,
	opportunity_id  INTEGER  NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
	from_stage_id   INTEGER  REFERENCES stages (id) ON DELETE RESTRICT,
	to_stage_id     INTEGER  NOT NULL REFERENCES stages (id) ON DELETE RESTRICT,
	at              DATETIME NOT NULL,
	amount_minor    INTEGER  NOT NULL DEFAULT 0,
	amount_currency TEXT     NOT NULL,
	probability     INTEGER  NOT NULL CHECK (probability BETWEEN 0 AND 100)
);
CREATE INDEX stage_changes_opportunity ON stage_changes (opportunity_id, at);
CREATE INDEX stage_changes_from ON stage_changes (from_stage_id);
CREATE INDEX stage_changes_to ON stage_changes (to_stage_id);
`

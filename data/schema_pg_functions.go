package data

import (
	"fmt"
	"slices"
	"strings"
)

// schemaPostgresV1Functions creates the SQL functions that the tables'
// CHECK constraints and the shared queries call, before the tables.
// unaccent is a trusted extension since PostgreSQL 13, so the owner of the
// database may create it. A role that does not own the database needs an
// administrator to run CREATE EXTENSION unaccent first, and IF NOT EXISTS
// then skips it.
//
// lw_json_type returns json_typeof of the text, or NULL when it is not
// JSON, standing in for SQLite's json_valid and json_type.
// lw_is_day is true for a calendar day written YYYY-MM-DD, as the rule of
// schemaV16 checks with SQLite's date(). lw_fold lower-cases text by the
// database's locale, as foldedLike expects on PostgreSQL.
//
// The collation nocase and the functions unixepoch, instr and date with
// a modifier such as '+3 days' are
// PostgreSQL versions of SQLite's, so the shared SQL that uses them runs
// unchanged. nocase compares case-insensitively by ICU's rules, which
// fold every letter where SQLite's NOCASE folds ASCII only, and it
// cannot serve LIKE.
const schemaPostgresV1Functions = `
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE FUNCTION lw_json_type(value TEXT) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	RETURN json_typeof(value::json);
EXCEPTION WHEN others THEN
	RETURN NULL;
END $$;

CREATE FUNCTION lw_is_day(value TEXT) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	RETURN value ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND to_char(value::date, 'YYYY-MM-DD') = value;
EXCEPTION WHEN others THEN
	RETURN FALSE;
END $$;

CREATE FUNCTION lw_fold(value TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
	SELECT lower(value)
$$;

CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

CREATE FUNCTION unixepoch(at TIMESTAMPTZ) RETURNS BIGINT LANGUAGE sql IMMUTABLE AS $$
	SELECT floor(extract(epoch FROM at))::BIGINT
$$;

CREATE FUNCTION instr(haystack TEXT, needle TEXT) RETURNS INTEGER LANGUAGE sql IMMUTABLE AS $$
	SELECT strpos(haystack, needle)
$$;

CREATE FUNCTION date(day TEXT, modifier TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
	SELECT to_char(day::date + modifier::interval, 'YYYY-MM-DD')
$$;
`

// schemaPostgresV1Triggers keeps a lead's last activity time and a deal's
// primary contact as the triggers of schemaV2 and schemaV7 do in SQLite.
const schemaPostgresV1Triggers = `
CREATE FUNCTION activities_touch_lead() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE leads SET last_activity_at = NEW.created_at
	WHERE id = NEW.lead_id AND (last_activity_at IS NULL OR last_activity_at < NEW.created_at);
	RETURN NULL;
END $$;
CREATE TRIGGER activities_touch_lead AFTER INSERT ON activities
	FOR EACH ROW WHEN (NEW.lead_id IS NOT NULL) EXECUTE FUNCTION activities_touch_lead();

CREATE FUNCTION opportunity_contacts_primary() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		UPDATE opportunity_contacts SET is_primary = 0
			WHERE opportunity_id = NEW.id AND is_primary = 1 AND contact_id IS DISTINCT FROM NEW.contact_id;
		UPDATE opportunity_contacts SET is_primary = 1
			WHERE opportunity_id = NEW.id AND contact_id = NEW.contact_id;
	END IF;
	INSERT INTO opportunity_contacts (opportunity_id, contact_id, role, is_primary)
		SELECT NEW.id, c.id, CASE WHEN c.buying_role IN ('decision_maker', 'influencer', 'user', 'gatekeeper')
				THEN c.buying_role ELSE 'decision_maker' END, 1
		FROM contacts c WHERE c.id = NEW.contact_id
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
CREATE TRIGGER opportunity_contacts_primary_on_insert AFTER INSERT ON opportunities
	FOR EACH ROW WHEN (NEW.contact_id IS NOT NULL) EXECUTE FUNCTION opportunity_contacts_primary();
CREATE TRIGGER opportunity_contacts_primary_on_update AFTER UPDATE OF contact_id ON opportunities
	FOR EACH ROW WHEN (NEW.contact_id IS DISTINCT FROM OLD.contact_id) EXECUTE FUNCTION opportunity_contacts_primary();
`

// schemaPostgresV1Rules creates the rule triggers of v16Rules in PL/pgSQL.
var schemaPostgresV1Rules = postgresRuleTriggers(v16Rules)

// postgresRuleTriggers returns the SQL that creates, for each table, one
// PL/pgSQL function raising the first broken rule's message with
// ruleMarker, run before an insert and before an update of the rules'
// columns, like the SQLite triggers of constraintTriggers.
func postgresRuleTriggers(tables []tableRules) string {
	var b strings.Builder
	for _, t := range tables {
		fmt.Fprintf(&b, "CREATE FUNCTION %s_rules() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n", t.table)
		var columns []string
		for _, r := range t.rules {
			message := strings.ReplaceAll(ruleMarker+r.message, "'", "''")
			fmt.Fprintf(&b, "\tIF %s THEN\n\t\tRAISE EXCEPTION USING MESSAGE = '%s';\n\tEND IF;\n",
				postgresViolation(r), message)
			for _, column := range strings.Split(r.columns, ", ") {
				if !slices.Contains(columns, column) {
					columns = append(columns, column)
				}
			}
		}
		b.WriteString("\tRETURN NEW;\nEND $$;\n")
		fmt.Fprintf(&b, "CREATE TRIGGER %[1]s_rules_insert BEFORE INSERT ON %[1]s FOR EACH ROW EXECUTE FUNCTION %[1]s_rules();\n",
			t.table)
		fmt.Fprintf(&b, "CREATE TRIGGER %[1]s_rules_update BEFORE UPDATE OF %[2]s ON %[1]s FOR EACH ROW EXECUTE FUNCTION %[1]s_rules();\n",
			t.table, strings.Join(columns, ", "))
	}

	return b.String()
}

// postgresViolation returns r's condition in PostgreSQL. Only the day
// check uses SQLite's GLOB and date(), so it alone is rewritten.
func postgresViolation(r columnRule) string {
	if strings.Contains(r.violation, "GLOB") {
		column := strings.TrimSpace(r.columns)

		return fmt.Sprintf("NEW.%[1]s <> '' AND NOT lw_is_day(NEW.%[1]s)", column)
	}

	return r.violation
}

// schemaPostgresV1Search creates leads_search, PostgreSQL's counterpart of
// SQLite's leads_fts. A lead's document holds the words of its name,
// company, e-mail and city at weight D, lower-cased and without accents
// (unaccent). The same words follow once more with ä, ö and ü spelled ae,
// oe and ue. The lead's state "open" or "done" is at weight A. postgresSearch queries the words
// as prefixes at weight D, so "muller" and "mueller" find "Müller" and
// "open" typed as a search never matches the state.
const schemaPostgresV1Search = `
CREATE FUNCTION lw_search_words(value TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
	SELECT regexp_replace(unaccent(lower(value)), '[^[:alnum:]]+', ' ', 'g') || ' ' ||
		regexp_replace(unaccent(replace(replace(replace(lower(value), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue')),
			'[^[:alnum:]]+', ' ', 'g')
$$;

CREATE TABLE leads_search (
	lead_id  BIGINT   PRIMARY KEY REFERENCES leads (id) ON DELETE CASCADE,
	document TSVECTOR NOT NULL
);
CREATE INDEX leads_search_document ON leads_search USING gin (document);

CREATE FUNCTION leads_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO leads_search (lead_id, document)
	VALUES (NEW.id,
		setweight(to_tsvector('simple', lw_search_words(
			concat_ws(' ', NEW.first_name, NEW.last_name, NEW.company_name, NEW.email, NEW.city))), 'D') ||
		setweight(to_tsvector('simple', CASE WHEN NEW.status IN ('new', 'contacted', 'nurturing', 'qualified')
			THEN 'open' ELSE 'done' END), 'A'))
	ON CONFLICT (lead_id) DO UPDATE SET document = EXCLUDED.document;
	RETURN NULL;
END $$;
CREATE TRIGGER leads_search_insert AFTER INSERT ON leads
	FOR EACH ROW EXECUTE FUNCTION leads_search_refresh();
CREATE TRIGGER leads_search_update AFTER UPDATE OF first_name, last_name, company_name, email, city, status
	ON leads FOR EACH ROW EXECUTE FUNCTION leads_search_refresh();
`

package data

// schemaV23Postgres gives every order of the lead list an index on
// PostgreSQL that a page's ids are read along, as schemaV22Postgres does
// for the deal list and for the same reason. PostgreSQL 15 uses an index
// for an ORDER BY only when each term's expression, collation and NULL
// position match the index's, and ListLeads puts NULL first in ascending
// order (see nullsAsInSQLite) and sorts names with the collation nocase.
// Migration 1's lead indexes sort names by lower(), leave most terms at
// PostgreSQL's NULL position, and lack the worklists of all leads by
// learned chance and by value.
//
// Each term puts NULL where the list's order does. So a forward scan
// gives the order, and a backward scan gives its reverse, which a deep
// page walks from the end. The worklists ignore the direction the person
// chose, so their indexes serve one order.
//
// SQLite's indexes of schemaV1, schemaV2, schemaV11 and schemaV21 already
// serve these orders, so the migration runs nothing there.
const schemaV23Postgres = `
DROP INDEX leads_name;
CREATE INDEX leads_name ON leads (
	last_name COLLATE nocase NULLS FIRST, first_name COLLATE nocase NULLS FIRST, id NULLS FIRST);
DROP INDEX leads_score;
CREATE INDEX leads_score ON leads (score NULLS FIRST, id NULLS FIRST);
DROP INDEX leads_created;
CREATE INDEX leads_created ON leads (created_at NULLS FIRST, id NULLS FIRST);
DROP INDEX leads_last_activity;
CREATE INDEX leads_last_activity ON leads (last_activity_at NULLS FIRST, id NULLS FIRST);
DROP INDEX leads_predicted;
CREATE INDEX leads_predicted ON leads (predicted NULLS FIRST, id NULLS FIRST);
DROP INDEX leads_value;
CREATE INDEX leads_value ON leads (lead_value_minor NULLS FIRST, id NULLS FIRST);

DROP INDEX leads_worklist;
CREATE INDEX leads_worklist ON leads (
	score DESC NULLS LAST, COALESCE(last_activity_at, created_at) NULLS FIRST, id NULLS FIRST)
	WHERE status IN ('new', 'contacted', 'nurturing', 'qualified');
DROP INDEX leads_worklist_learned;
CREATE INDEX leads_worklist_learned ON leads (
	predicted DESC NULLS LAST, score DESC NULLS LAST, COALESCE(last_activity_at, created_at) NULLS FIRST,
	id NULLS FIRST)
	WHERE status IN ('new', 'contacted', 'nurturing', 'qualified');
DROP INDEX leads_worklist_value;
CREATE INDEX leads_worklist_value ON leads (
	lead_value_minor DESC NULLS LAST, score DESC NULLS LAST, COALESCE(last_activity_at, created_at) NULLS FIRST,
	id NULLS FIRST)
	WHERE status IN ('new', 'contacted', 'nurturing', 'qualified');

DROP INDEX leads_worklist_all;
CREATE INDEX leads_worklist_all ON leads (
	(CASE WHEN status IN ('new', 'contacted', 'nurturing', 'qualified') THEN 0 ELSE 1 END) NULLS FIRST,
	score DESC NULLS LAST, COALESCE(last_activity_at, created_at) NULLS FIRST, id NULLS FIRST);
CREATE INDEX leads_worklist_learned_all ON leads (
	(CASE WHEN status IN ('new', 'contacted', 'nurturing', 'qualified') THEN 0 ELSE 1 END) NULLS FIRST,
	predicted DESC NULLS LAST, score DESC NULLS LAST, COALESCE(last_activity_at, created_at) NULLS FIRST,
	id NULLS FIRST);
CREATE INDEX leads_worklist_value_all ON leads (
	(CASE WHEN status IN ('new', 'contacted', 'nurturing', 'qualified') THEN 0 ELSE 1 END) NULLS FIRST,
	lead_value_minor DESC NULLS LAST, score DESC NULLS LAST, COALESCE(last_activity_at, created_at) NULLS FIRST,
	id NULLS FIRST);
`

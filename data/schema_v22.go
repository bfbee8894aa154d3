package data

// schemaV22Postgres gives each order of the deal list except the stage
// order an index on PostgreSQL that opportunityPageIDs walks, so a page's
// ids are read along the index instead of sorting every deal. PostgreSQL
// 15 uses an index for an ORDER BY only when each term's expression,
// collation and NULL position match the index's, even on a column that
// cannot be NULL. The list sorts names with the collation nocase and puts
// NULL first in ascending order (see nullsAsInSQLite). So none of
// migration 1's indexes, on lower() or without NULLS FIRST and the id,
// served it. Every term of these indexes is NULLS FIRST, so a forward
// scan gives the ascending order and a backward scan the descending one.
//
// SQLite's indexes of schemaV1, schemaV19 and schemaV21 already serve
// these orders, so the migration runs nothing there.
const schemaV22Postgres = `
DROP INDEX opportunities_title;
CREATE INDEX opportunities_title ON opportunities (title COLLATE nocase NULLS FIRST, id NULLS FIRST);
DROP INDEX opportunities_owner;
CREATE INDEX opportunities_owner ON opportunities (owner COLLATE nocase NULLS FIRST, id NULLS FIRST);
DROP INDEX opportunities_company_name;
CREATE INDEX opportunities_company_name ON opportunities (
	company_name COLLATE nocase NULLS FIRST, company_id NULLS FIRST, id NULLS FIRST);
DROP INDEX opportunities_amount;
CREATE INDEX opportunities_amount ON opportunities (amount_minor NULLS FIRST, id NULLS FIRST);
DROP INDEX opportunities_close_date;
CREATE INDEX opportunities_close_date ON opportunities (close_date NULLS FIRST, id NULLS FIRST);
DROP INDEX opportunities_weighted;
CREATE INDEX opportunities_weighted ON opportunities (
	((amount_minor * probability + CASE WHEN amount_minor * probability < 0 THEN -50 ELSE 50 END) / 100) NULLS FIRST,
	id NULLS FIRST);
`

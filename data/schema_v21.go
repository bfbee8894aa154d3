package data

// schemaV21 lets every page of the lead and deal lists without a search
// walk one covering index, so a deep page skips index entries without
// reading anything else.
//
// The worklist indexes get the columns that their expressions read as
// trailing columns. SQLite 3.41.2 (modernc.org/sqlite v1.23.1) did not
// read these indexes as covering, so without them the walk read each
// entry's row id to defer a seek. That made skipping 50,000 entries four
// times slower.
//
// opportunities.company_name is a copy of the name of the deal's
// company, NULL without one, which three triggers keep current. Its
// index has the order of the deal list by company, so that order no
// longer steps through the companies by name and seeks each company's
// deals.
//
// NOTE: the triggers and COLLATE NOCASE are SQLite's own syntax.
const schemaV21 = `
DROP INDEX leads_worklist;
CREATE INDEX leads_worklist ON leads (score DESC, COALESCE(last_activity_at, created_at), id,
	status, last_activity_at, created_at)
	WHERE status IN ('new', 'contacted', 'nurturing', 'qualified');
DROP INDEX leads_worklist_all;
CREATE INDEX leads_worklist_all ON leads (
	CASE WHEN status IN ('new', 'contacted', 'nurturing', 'qualified') THEN 0 ELSE 1 END,
	score DESC, COALESCE(last_activity_at, created_at), id, status, last_activity_at, created_at);
DROP INDEX leads_worklist_learned;
CREATE INDEX leads_worklist_learned ON leads (predicted DESC, score DESC, COALESCE(last_activity_at, created_at), id,
	status, last_activity_at, created_at)
	WHERE status IN ('new', 'contacted', 'nurturing', 'qualified');
DROP INDEX leads_worklist_value;
CREATE INDEX leads_worklist_value ON leads (lead_value_minor DESC, score DESC, COALESCE(last_activity_at, created_at), id,
	status, last_activity_at, created_at)
	WHERE status IN ('new', 'contacted', 'nurturing', 'qualified');
DROP INDEX leads_worklist_learned_all;
CREATE INDEX leads_worklist_learned_all ON leads (
	CASE WHEN status IN ('new', 'contacted', 'nurturing', 'qualified') THEN 0 ELSE 1 END,
	predicted DESC, score DESC, COALESCE(last_activity_at, created_at), id, status, last_activity_at, created_at);
DROP INDEX leads_worklist_value_all;
CREATE INDEX leads_worklist_value_all ON leads (
	CASE WHEN status IN ('new', 'contacted', 'nurturing', 'qualified') THEN 0 ELSE 1 END,
	lead_value_minor DESC, score DESC, COALESCE(last_activity_at, created_at), id, status, last_activity_at, created_at);

ALTER TABLE opportunities ADD COLUMN company_name TEXT;
UPDATE opportunities SET company_name = (SELECT c.name FROM companies c WHERE c.id = opportunities.company_id)
	WHERE company_id IS NOT NULL;
CREATE INDEX opportunities_company_name ON opportunities (company_name COLLATE NOCASE, company_id, id);

CREATE TRIGGER opportunities_company_name_on_insert AFTER INSERT ON opportunities
WHEN NEW.company_id IS NOT NULL OR NEW.company_name IS NOT NULL
BEGIN
	UPDATE opportunities SET company_name = (SELECT c.name FROM companies c WHERE c.id = NEW.company_id)
		WHERE id = NEW.id;
END;

CREATE TRIGGER opportunities_company_name_on_update AFTER UPDATE OF company_id, company_name ON opportunities
BEGIN
	UPDATE opportunities SET company_name = (SELECT c.name FROM companies c WHERE c.id = NEW.company_id)
		WHERE id = NEW.id AND company_name IS NOT (SELECT c.name FROM companies c WHERE c.id = NEW.company_id);
END;

CREATE TRIGGER companies_name_to_opportunities AFTER UPDATE OF name ON companies
WHEN NEW.name IS NOT OLD.name
BEGIN
	UPDATE opportunities SET company_name = NEW.name WHERE company_id = NEW.id;
END;
`

// schemaV21Postgres is the part of schemaV21 that PostgreSQL needs: the
// company name of each deal, kept by triggers, and its index, with
// lower() in place of NOCASE.
//
// NOTE: no test runs this SQL on PostgreSQL yet, and whether its
// worklist indexes need the trailing columns too is not measured.
const schemaV21Postgres = `
ALTER TABLE opportunities ADD COLUMN company_name TEXT;
UPDATE opportunities o SET company_name = c.name FROM companies c WHERE c.id = o.company_id;
CREATE INDEX opportunities_company_name ON opportunities (lower(company_name), company_id, id);

CREATE FUNCTION opportunities_company_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.company_name := (SELECT c.name FROM companies c WHERE c.id = NEW.company_id);
	RETURN NEW;
END $$;
CREATE TRIGGER opportunities_company_name BEFORE INSERT OR UPDATE OF company_id, company_name ON opportunities
	FOR EACH ROW EXECUTE FUNCTION opportunities_company_name();

CREATE FUNCTION companies_name_to_opportunities() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE opportunities SET company_name = NEW.name WHERE company_id = NEW.id;
	RETURN NULL;
END $$;
CREATE TRIGGER companies_name_to_opportunities AFTER UPDATE OF name ON companies
	FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name) EXECUTE FUNCTION companies_name_to_opportunities();
`

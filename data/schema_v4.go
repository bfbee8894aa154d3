package data

// schemaV4 rebuilds the lead search index with a state column, "open" for
// the statuses app.IsOpenLead accepts and "done" for the others, so the
// worklist's count of open matches is answered by the index alone.
// Searches name the four text columns, so "open" typed into the search box
// does not match the state column.
const schemaV4 = `
DROP TRIGGER leads_fts_insert;
DROP TRIGGER leads_fts_delete;
DROP TRIGGER leads_fts_update;
DROP TABLE leads_fts;

CREATE VIRTUAL TABLE leads_fts USING fts5(name, company, email, city, state, tokenize = 'trigram');

INSERT INTO leads_fts (rowid, name, company, email, city, state)
SELECT id, trim(first_name || ' ' || last_name), company_name, email, city,
	CASE WHEN status IN ('new', 'contacted', 'nurturing', 'qualified') THEN 'open' ELSE 'done' END
FROM leads;

CREATE TRIGGER leads_fts_insert AFTER INSERT ON leads
BEGIN
	INSERT INTO leads_fts (rowid, name, company, email, city, state)
	VALUES (new.id, trim(new.first_name || ' ' || new.last_name), new.company_name, new.email, new.city,
		CASE WHEN new.status IN ('new', 'contacted', 'nurturing', 'qualified') THEN 'open' ELSE 'done' END);
END;

CREATE TRIGGER leads_fts_delete AFTER DELETE ON leads
BEGIN
	DELETE FROM leads_fts WHERE rowid = old.id;
END;

CREATE TRIGGER leads_fts_update AFTER UPDATE OF first_name, last_name, company_name, email, city, status ON leads
WHEN old.first_name IS NOT new.first_name OR old.last_name IS NOT new.last_name
	OR old.company_name IS NOT new.company_name OR old.email IS NOT new.email OR old.city IS NOT new.city
	OR old.status IS NOT new.status
BEGIN
	UPDATE leads_fts
	SET name = trim(new.first_name || ' ' || new.last_name), company = new.company_name,
		email = new.email, city = new.city,
		state = CASE WHEN new.status IN ('new', 'contacted', 'nurturing', 'qualified') THEN 'open' ELSE 'done' END
	WHERE rowid = new.id;
END;
`

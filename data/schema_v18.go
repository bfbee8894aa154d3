package data

// schemaV18 fills the lead search index with folded text (see
// searchText), so "muller" and "mueller" find "Müller" and "jose" finds
// "José". The columns stay those of schemaV4. A search is folded the same
// way before it is matched.
const schemaV18 = `
DROP TRIGGER leads_fts_insert;
DROP TRIGGER leads_fts_delete;
DROP TRIGGER leads_fts_update;
DROP TABLE leads_fts;

CREATE VIRTUAL TABLE leads_fts USING fts5(name, company, email, city, state, tokenize = 'trigram');

INSERT INTO leads_fts (rowid, name, company, email, city, state)
SELECT id, lw_search_text(trim(first_name || ' ' || last_name)), lw_search_text(company_name),
	lw_search_text(email), lw_search_text(city),
	CASE WHEN status IN ('new', 'contacted', 'nurturing', 'qualified') THEN 'open' ELSE 'done' END
FROM leads;

CREATE TRIGGER leads_fts_insert AFTER INSERT ON leads
BEGIN
	INSERT INTO leads_fts (rowid, name, company, email, city, state)
	VALUES (new.id, lw_search_text(trim(new.first_name || ' ' || new.last_name)),
		lw_search_text(new.company_name), lw_search_text(new.email), lw_search_text(new.city),
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
	SET name = lw_search_text(trim(new.first_name || ' ' || new.last_name)),
		company = lw_search_text(new.company_name), email = lw_search_text(new.email),
		city = lw_search_text(new.city),
		state = CASE WHEN new.status IN ('new', 'contacted', 'nurturing', 'qualified') THEN 'open' ELSE 'done' END
	WHERE rowid = new.id;
END;
`

package data

// schemaV11 stores each open lead's learned conversion chance, the
// reasons behind it (a JSON array) and its expected value, which
// RefreshLeadPredictions writes, so the lead list sorts by them in SQL.
// NULL means none. The indexes serve the sorts by chance and value, and
// the worklists ranked by them, in the shape of leads_worklist and
// leads_worklist_all: a DESC column puts NULL last, as the order does.
const schemaV11 = `
ALTER TABLE leads ADD COLUMN predicted           REAL CHECK (predicted BETWEEN 0 AND 1);
ALTER TABLE leads ADD COLUMN predicted_reasons   TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN lead_value_minor    INTEGER;
ALTER TABLE leads ADD COLUMN lead_value_currency TEXT NOT NULL DEFAULT '';

CREATE INDEX leads_predicted ON leads (predicted, id);
CREATE INDEX leads_value ON leads (lead_value_minor, id);
CREATE INDEX leads_worklist_learned ON leads (predicted DESC, score DESC, COALESCE(last_activity_at, created_at), id)
	WHERE status IN ('new', 'contacted', 'nurturing', 'qualified');
CREATE INDEX leads_worklist_value ON leads (lead_value_minor DESC, score DESC, COALESCE(last_activity_at, created_at), id)
	WHERE status IN ('new', 'contacted', 'nurturing', 'qualified');
CREATE INDEX leads_worklist_learned_all ON leads (
	CASE WHEN status IN ('new', 'contacted', 'nurturing', 'qualified') THEN 0 ELSE 1 END,
	predicted DESC, score DESC, COALESCE(last_activity_at, created_at), id);
CREATE INDEX leads_worklist_value_all ON leads (
	CASE WHEN status IN ('new', 'contacted', 'nurturing', 'qualified') THEN 0 ELSE 1 END,
	lead_value_minor DESC, score DESC, COALESCE(last_activity_at, created_at), id);
`

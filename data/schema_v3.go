package data

// schemaV3 adds the indexes that let a broad lead search walk the list
// order instead of sorting every match: the worklist over all statuses,
// whose first term is the same CASE expression leadOrder writes. The name
// order already has leads_name, whose implied last column is the id.
const schemaV3 = `
CREATE INDEX leads_worklist_all ON leads (
	CASE WHEN status IN ('new', 'contacted', 'nurturing', 'qualified') THEN 0 ELSE 1 END,
	score DESC, COALESCE(last_activity_at, created_at), id);
`

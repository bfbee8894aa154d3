package data

// schemaV6 gives stages an idle threshold, a milestone checklist and a
// deletion time. idle_days counts whole days and 0 turns the idle mark
// off. milestones is a JSON array of strings. A deleted stage keeps its
// row, because stage_changes reference it with ON DELETE RESTRICT and the
// deal history still shows its name; deleted_at is NULL while the stage
// is in use.
const schemaV6 = `
ALTER TABLE stages ADD COLUMN idle_days INTEGER NOT NULL DEFAULT 0 CHECK (idle_days >= 0);
ALTER TABLE stages ADD COLUMN milestones TEXT NOT NULL DEFAULT '[]'
	CHECK (json_valid(milestones) AND json_type(milestones) = 'array');
ALTER TABLE stages ADD COLUMN deleted_at DATETIME;
`

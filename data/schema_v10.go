package data

// schemaV10 stores who recorded each field change and stage change: the
// user name of the settings, or [app.ChangedByImport] for the stage
// changes an import writes. Rows written before this migration keep the
// empty string, because nobody can tell who made them.
const schemaV10 = `
ALTER TABLE opportunity_field_changes ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE stage_changes ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
`

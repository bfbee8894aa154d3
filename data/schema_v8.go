package data

// schemaV8 gives activities an outcome, the free text of what came of a
// done activity, and indexes the open activities with a due time by that
// time, the order in which the Today list reads them.
const schemaV8 = `
ALTER TABLE activities ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
CREATE INDEX activities_open_due ON activities (due) WHERE done = 0 AND due IS NOT NULL;
`

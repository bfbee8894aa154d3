package data

// schemaV17 gives contacts the id they have in the system they were
// imported from, so a second import of the same file updates them
// instead of adding them again. The empty string means none, and the
// partial index lets any number of contacts have none.
const schemaV17 = `
ALTER TABLE contacts ADD COLUMN source_ref TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX contacts_source_ref ON contacts (source_ref) WHERE source_ref <> '';
`

package data

// schemaV13 keeps one row per merge of duplicate records, so a merge can
// be undone. snapshot is the JSON of [mergeSnapshot]: the removed rows,
// the kept row as it was, and every link the merge moved or dropped.
// kept_id has no foreign key, because the kept record may be deleted
// later and the row must stay readable for the "Recent merges" list.
const schemaV13 = `
CREATE TABLE merges (
	id            INTEGER PRIMARY KEY,
	kind          TEXT     NOT NULL CHECK (kind IN ('company', 'contact', 'lead')),
	kept_id       INTEGER  NOT NULL,
	kept_title    TEXT     NOT NULL DEFAULT '',
	removed_count INTEGER  NOT NULL CHECK (removed_count > 0),
	snapshot      TEXT     NOT NULL CHECK (json_valid(snapshot)),
	merged_at     DATETIME NOT NULL,
	undone_at     DATETIME
);
CREATE INDEX merges_recent ON merges (merged_at, id);
`

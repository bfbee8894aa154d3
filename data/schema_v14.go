package data

// schemaV14 adds the audit trail and the trash.
//
// audit_log stores one row per changed column of a lead, contact, company
// or opportunity, with old and new value as SQLite's text of the stored
// value (NULL for NULL), the UTC time and the user name. Rows written by
// one action share change_id. An undo's rows name the change they undid
// in undoes. The log has no foreign keys, because it outlives deleted
// records.
//
// trash stores one row per delete: the JSON of [trashSnapshot], every row
// the delete removed and every link it cleared. trash_people lists the
// leads and contacts inside each snapshot by id and folded e-mail, so
// erasing a person finds their trash items with one query.
const schemaV14 = `
CREATE TABLE audit_log (
	id          INTEGER PRIMARY KEY,
	change_id   INTEGER  NOT NULL,
	entity_kind TEXT     NOT NULL CHECK (entity_kind IN ('lead', 'contact', 'company', 'opportunity')),
	entity_id   INTEGER  NOT NULL,
	action      TEXT     NOT NULL,
	field       TEXT     NOT NULL DEFAULT '',
	old_value   TEXT,
	new_value   TEXT,
	at          DATETIME NOT NULL,
	changed_by  TEXT     NOT NULL DEFAULT '',
	undoes      INTEGER
);
CREATE INDEX audit_log_entity ON audit_log (entity_kind, entity_id, at);
CREATE INDEX audit_log_change ON audit_log (change_id);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_undoes ON audit_log (undoes) WHERE undoes IS NOT NULL;

CREATE TABLE trash (
	id          INTEGER PRIMARY KEY,
	kind        TEXT     NOT NULL CHECK (kind IN ('lead', 'contact', 'company', 'opportunity')),
	entity_id   INTEGER  NOT NULL,
	title       TEXT     NOT NULL DEFAULT '',
	row_count   INTEGER  NOT NULL CHECK (row_count > 0),
	snapshot    TEXT     NOT NULL CHECK (json_valid(snapshot)),
	deleted_at  DATETIME NOT NULL,
	deleted_by  TEXT     NOT NULL DEFAULT ''
);
CREATE INDEX trash_deleted ON trash (deleted_at, id);

CREATE TABLE trash_people (
	id        INTEGER PRIMARY KEY,
	trash_id  INTEGER NOT NULL REFERENCES trash (id) ON DELETE CASCADE,
	kind      TEXT    NOT NULL CHECK (kind IN ('lead', 'contact')),
	entity_id INTEGER NOT NULL,
	email     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX trash_people_trash ON trash_people (trash_id);
CREATE INDEX trash_people_email ON trash_people (email) WHERE email <> '';
CREATE INDEX trash_people_entity ON trash_people (kind, entity_id);
`

package data

// schemaV7 links contacts to deals with a role and stores the competitors
// of a deal. A contact appears at most once per deal, and the partial
// unique index allows at most one primary contact per deal. Deleting a
// deal deletes its links and competitors, and deleting a contact deletes
// its links, but unlinking never deletes the contact record. Each deal's
// existing contact becomes its primary contact, in the role the contact's
// buying role names or else as decision maker. Triggers keep the primary
// mark on opportunities.contact_id whichever code sets it: a new or changed
// deal contact becomes the primary contact, linked in the same role rule
// when it was not linked yet, and a cleared deal contact clears the mark.
const schemaV7 = `
CREATE TABLE opportunity_contacts (
	id             INTEGER PRIMARY KEY,
	opportunity_id INTEGER NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
	contact_id     INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
	role           TEXT    NOT NULL CHECK (role IN ('decision_maker', 'economic_buyer', 'influencer',
		'champion', 'user', 'gatekeeper')),
	is_primary     INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
	UNIQUE (opportunity_id, contact_id)
);
CREATE UNIQUE INDEX opportunity_contacts_primary ON opportunity_contacts (opportunity_id) WHERE is_primary = 1;
CREATE INDEX opportunity_contacts_contact ON opportunity_contacts (contact_id);

CREATE TABLE competitors (
	id             INTEGER PRIMARY KEY,
	opportunity_id INTEGER NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
	name           TEXT    NOT NULL CHECK (name <> ''),
	strengths      TEXT    NOT NULL DEFAULT '',
	weaknesses     TEXT    NOT NULL DEFAULT '',
	status         TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'eliminated', 'won_deal'))
);
CREATE INDEX competitors_opportunity ON competitors (opportunity_id);

INSERT INTO opportunity_contacts (opportunity_id, contact_id, role, is_primary)
	SELECT o.id, o.contact_id,
		CASE WHEN c.buying_role IN ('decision_maker', 'influencer', 'user', 'gatekeeper')
			THEN c.buying_role ELSE 'decision_maker' END,
		1
	FROM opportunities o JOIN contacts c ON c.id = o.contact_id;

CREATE TRIGGER opportunity_contacts_primary_on_insert AFTER INSERT ON opportunities
WHEN NEW.contact_id IS NOT NULL
BEGIN
	INSERT OR IGNORE INTO opportunity_contacts (opportunity_id, contact_id, role, is_primary)
		SELECT NEW.id, c.id, CASE WHEN c.buying_role IN ('decision_maker', 'influencer', 'user', 'gatekeeper')
				THEN c.buying_role ELSE 'decision_maker' END, 1
		FROM contacts c WHERE c.id = NEW.contact_id;
END;

CREATE TRIGGER opportunity_contacts_primary_on_update AFTER UPDATE OF contact_id ON opportunities
WHEN NEW.contact_id IS NOT OLD.contact_id
BEGIN
	UPDATE opportunity_contacts SET is_primary = 0
		WHERE opportunity_id = NEW.id AND is_primary = 1 AND contact_id IS NOT NEW.contact_id;
	UPDATE opportunity_contacts SET is_primary = 1
		WHERE opportunity_id = NEW.id AND contact_id = NEW.contact_id;
	INSERT OR IGNORE INTO opportunity_contacts (opportunity_id, contact_id, role, is_primary)
		SELECT NEW.id, c.id, CASE WHEN c.buying_role IN ('decision_maker', 'influencer', 'user', 'gatekeeper')
				THEN c.buying_role ELSE 'decision_maker' END, 1
		FROM contacts c WHERE c.id = NEW.contact_id;
END;
`

package data

// schemaV9 stores the ticked milestones of each deal. A row exists only
// while its milestone is done, and done_at is the UTC time it was ticked.
// The stage and the milestone text identify the milestone, so a tick stays
// with the stage when the deal moves on, and a renamed or removed
// milestone no longer matches any row. Deleting a deal deletes its rows.
//
// NOTE: rows of a renamed or removed milestone stay in the table, so a
// milestone renamed back to its old text shows its old tick again.
const schemaV9 = `
CREATE TABLE opportunity_milestones (
	id             INTEGER PRIMARY KEY,
	opportunity_id INTEGER  NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
	stage_id       INTEGER  NOT NULL REFERENCES stages (id) ON DELETE CASCADE,
	milestone      TEXT     NOT NULL CHECK (milestone <> ''),
	done_at        DATETIME NOT NULL,
	UNIQUE (opportunity_id, stage_id, milestone)
);
`

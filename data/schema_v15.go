package data

// schemaV15 completes the GDPR record of a person. Leads get the day
// consent was withdrawn and the marketing opt-out. Contacts get the same,
// and also the legal basis, consent day and consent source that leads
// have had since schemaV2. Days are TEXT 'YYYY-MM-DD', and the empty string means
// none.
const schemaV15 = `
ALTER TABLE leads ADD COLUMN consent_withdrawn_on TEXT NOT NULL DEFAULT ''
	CHECK (consent_withdrawn_on = '' OR consent_withdrawn_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE leads ADD COLUMN marketing_opt_out INTEGER NOT NULL DEFAULT 0 CHECK (marketing_opt_out IN (0, 1));

ALTER TABLE contacts ADD COLUMN consent_basis TEXT NOT NULL DEFAULT ''
	CHECK (consent_basis IN ('', 'consent', 'contract', 'legitimate_interest'));
ALTER TABLE contacts ADD COLUMN consent_date TEXT NOT NULL DEFAULT ''
	CHECK (consent_date = '' OR consent_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE contacts ADD COLUMN consent_obtained TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN consent_withdrawn_on TEXT NOT NULL DEFAULT ''
	CHECK (consent_withdrawn_on = '' OR consent_withdrawn_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE contacts ADD COLUMN marketing_opt_out INTEGER NOT NULL DEFAULT 0 CHECK (marketing_opt_out IN (0, 1));
`

package app

import "time"

// ImportBatch is a set of records from one source, ready to be stored in
// one transaction. Records refer to each other by SourceRef or by name,
// because they have no database IDs yet.
type ImportBatch struct {
	// Source names the origin for the log, such as "maven-crm".
	Source string
	// Pipeline is matched by name; it is created with its stages when no
	// pipeline of that name exists. Stages are matched by name.
	Pipeline      Pipeline
	Companies     []CompanyImport
	Leads         []Lead
	Opportunities []OpportunityImport
	// Qualifications are BANT assessments of the batch's leads. Each is
	// added only while its lead has no qualification yet, so importing
	// the same batch twice adds none.
	Qualifications []QualificationImport
	// Profile, when not nil, replaces the ideal customer profile before
	// the batch's leads are scored.
	Profile *IdealCustomerProfile
	// LeadActivities are activities of the batch's leads. They are added
	// only for leads the batch creates.
	LeadActivities []LeadActivityImport
}

// LeadActivityImport is an activity with its lead's SourceRef in place of
// the lead's ID.
type LeadActivityImport struct {
	Activity
	LeadRef string
}

// QualificationImport is a qualification with its lead's SourceRef in
// place of the lead's ID.
type QualificationImport struct {
	Qualification
	LeadRef string
}

// CompanyImport is a company with a reference to its parent.
type CompanyImport struct {
	Company
	// ParentRef is the SourceRef of the parent company, or "".
	ParentRef string
}

// OpportunityImport is a deal with references in place of IDs.
type OpportunityImport struct {
	Opportunity
	// CompanyRef is the SourceRef of the deal's company, or "".
	CompanyRef string
	// Stage is the name of the deal's current stage in the batch's
	// pipeline.
	Stage string
	// History lists the deal's stage changes, oldest first. The last one
	// should end in Stage.
	History    []StageChangeImport
	Activities []Activity
}

// StageChangeImport is a stage change with stage names in place of IDs.
// From is "" for the change that created the deal.
type StageChangeImport struct {
	From        string
	To          string
	At          time.Time
	Amount      Money
	Probability int
}

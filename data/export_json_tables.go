package data

// fieldKind is the JSON encoding of a column's value in the export and
// the import.
type fieldKind int

const (
	fieldText fieldKind = iota
	fieldInt
	// fieldNullInt is an INTEGER that may be NULL, such as an optional
	// reference or an unknown lead value.
	fieldNullInt
	fieldReal
	// fieldBool is an INTEGER column holding 0 or 1, written as a JSON
	// boolean.
	fieldBool
	// fieldTime is a UTC timestamp, written as RFC 3339 with nanoseconds;
	// NULL is written as null.
	fieldTime
	// fieldJSON is a TEXT column holding JSON, embedded as it is.
	fieldJSON
	// fieldBlob is a BLOB, written as standard base64.
	fieldBlob
)

// field is one column of an exported table. Its JSON name is the column
// name.
type field struct {
	name string
	kind fieldKind
}

// exportTable is one table of the JSON export and the section or nested
// list it becomes. A child table is nested in its parent's records by
// parentColumn, which the JSON leaves out because the nesting states it.
type exportTable struct {
	table string
	// section is the JSON name of the list.
	section string
	fields  []field
	// order is the ORDER BY of the table's rows, parent column first for
	// a child table.
	order        string
	parentColumn string
	// where is an extra SQL condition on the rows, such as the one that
	// keeps the lead activities without a deal; empty keeps all.
	where    string
	children []exportTable
	// paged marks a large top-level table that is read in batches of
	// exportBatch rows by id; a small one is read at once.
	paged bool
}

func text(names ...string) []field  { return fieldsOf(fieldText, names) }
func ints(names ...string) []field  { return fieldsOf(fieldInt, names) }
func refs(names ...string) []field  { return fieldsOf(fieldNullInt, names) }
func bools(names ...string) []field { return fieldsOf(fieldBool, names) }
func times(names ...string) []field { return fieldsOf(fieldTime, names) }
func jsons(names ...string) []field { return fieldsOf(fieldJSON, names) }
func concat(lists ...[]field) []field {
	var all []field
	for _, l := range lists {
		all = append(all, l...)
	}

	return all
}

func fieldsOf(kind fieldKind, names []string) []field {
	fields := make([]field, len(names))
	for i, n := range names {
		fields[i] = field{name: n, kind: kind}
	}

	return fields
}

// derivedColumns are stored columns that the export leaves out because
// the import computes them again from other columns: the folded names
// and e-mail that find duplicates, and the copy of the company name on
// each deal, which triggers write.
var derivedColumns = map[string][]string{
	"companies":     {"name_key"},
	"leads":         {"email_key", "name_key", "company_key"},
	"opportunities": {"company_name"},
}

// skippedTables are the tables the export leaves out: the search index
// that triggers fill, and the migration record of the target database.
var skippedTables = []string{"schema_migrations", "leads_fts"}

// activityFields are the columns of an activity apart from its deal and
// lead.
var activityFields = concat(ints("id"), text("kind", "subject", "notes"), times("due"), bools("done"),
	text("outcome"), times("created_at"), refs("owner_id"), ints("version"))

// exportTables lists the sections of the JSON export in the order they
// are written and read. Foreign keys are checked at the import's commit,
// so a record may refer to one later in the document.
var exportTables = []exportTable{
	{table: "settings", section: "settings", order: "key",
		fields: concat(text("key"), jsons("value"), times("updated_at"))},
	{table: "users", section: "users", order: "id",
		fields: concat(ints("id"), text("login", "name"), times("created_at", "updated_at"), ints("version"))},
	{table: "offer_numbers", section: "offer_numbers", order: "year",
		fields: ints("year", "last_sequence")},
	{table: "pipelines", section: "pipelines", order: "id",
		fields: concat(ints("id"), text("name"), ints("position"), text("currency")),
		children: []exportTable{{table: "stages", section: "stages", parentColumn: "pipeline_id",
			order: "pipeline_id, position, id",
			fields: concat(ints("id"), text("name"), ints("position", "probability"), text("kind"),
				ints("idle_days"), jsons("milestones"), times("deleted_at"))}}},
	{table: "companies", section: "companies", order: "id", paged: true,
		fields: concat(ints("id"), text("name", "sector"), ints("employees", "revenue_minor"),
			text("revenue_currency", "country"), ints("year_founded"), refs("parent_id"), text("source_ref"),
			times("created_at", "updated_at"), ints("version"))},
	{table: "contacts", section: "contacts", order: "id", paged: true,
		fields: concat(ints("id"), refs("company_id"), text("first_name", "last_name", "role", "buying_role",
			"email", "phone"), times("created_at", "updated_at"), privacyFields, text("source_ref"),
			ints("version"))},
	{table: "opportunities", section: "opportunities", order: "id", paged: true,
		fields:   opportunityFields,
		children: opportunityChildren},
	{table: "leads", section: "leads", order: "id", paged: true,
		fields:   leadFields,
		children: leadChildren},
	{table: "merges", section: "merges", order: "id", paged: true,
		fields: concat(ints("id"), text("kind"), ints("kept_id"), text("kept_title"), ints("removed_count"),
			jsons("snapshot"), times("merged_at", "undone_at"))},
	{table: "audit_log", section: "audit_log", order: "id", paged: true,
		fields: concat(ints("id", "change_id"), text("entity_kind"), ints("entity_id"),
			text("action", "field", "old_value", "new_value"), times("at"), text("changed_by"), refs("undoes"),
			refs("user_id"))},
	{table: "trash", section: "trash", order: "id",
		fields: concat(ints("id"), text("kind"), ints("entity_id"), text("title"), ints("row_count"),
			jsons("snapshot"), times("deleted_at"), text("deleted_by")),
		children: []exportTable{{table: "trash_people", section: "people", parentColumn: "trash_id",
			order: "trash_id, id", fields: concat(ints("id"), text("kind"), ints("entity_id"), text("email"))}}},
}

var opportunityFields = concat(ints("id"), text("title"), refs("company_id", "contact_id"),
	ints("pipeline_id", "stage_id", "amount_minor"), text("amount_currency"), ints("probability"),
	bools("probability_manual"), text("close_date", "stage_entered_on", "owner", "product", "notes",
		"next_step", "talks_status"), ints("customer_budget_minor"),
	text("customer_budget_currency", "expectations", "source", "close_reason", "close_competitor", "close_note",
		"source_ref"), times("created_at", "updated_at"), refs("owner_id"), ints("version"))

var opportunityChildren = []exportTable{
	{table: "stage_changes", section: "stage_history", parentColumn: "opportunity_id",
		order: "opportunity_id, at, id",
		fields: concat(ints("id"), refs("from_stage_id"), ints("to_stage_id"), times("at"), ints("amount_minor"),
			text("amount_currency"), ints("probability"), text("changed_by"), refs("user_id"))},
	{table: "opportunity_field_changes", section: "field_changes", parentColumn: "opportunity_id",
		order: "opportunity_id, at, id",
		fields: concat(ints("id"), text("field", "old_value", "new_value"), times("at"), text("changed_by"),
			refs("user_id"))},
	{table: "opportunity_contacts", section: "parties", parentColumn: "opportunity_id",
		order:  "opportunity_id, id",
		fields: concat(ints("id", "contact_id"), text("role"), bools("is_primary"))},
	{table: "competitors", section: "competitors", parentColumn: "opportunity_id", order: "opportunity_id, id",
		fields: concat(ints("id"), text("name", "strengths", "weaknesses", "status"))},
	{table: "opportunity_milestones", section: "milestones", parentColumn: "opportunity_id",
		order:  "opportunity_id, id",
		fields: concat(ints("id", "stage_id"), text("milestone"), times("done_at"))},
	{table: "activities", section: "activities", parentColumn: "opportunity_id", order: "opportunity_id, id",
		fields: concat(activityFields[:1], refs("lead_id"), activityFields[1:])},
	{table: "offers", section: "offers", parentColumn: "opportunity_id", order: "opportunity_id, id",
		fields: concat(ints("id"), refs("activity_id"), text("number", "issued_on", "valid_until", "currency"),
			ints("vat_rate_hundredths", "net_minor", "vat_minor", "gross_minor"), []field{{"pdf", fieldBlob}},
			times("created_at")),
		children: []exportTable{{table: "offer_lines", section: "lines", parentColumn: "offer_id",
			order: "offer_id, position",
			fields: concat(ints("position"), text("product"), ints("quantity_thousandths", "unit_price_minor",
				"discount_hundredths", "net_minor"))}}},
}

var leadFields = concat(ints("id"), text("salutation", "first_name", "last_name", "company_name", "role", "email",
	"phone", "website", "street", "postal_code", "city", "country", "source", "source_detail", "origin",
	"campaign", "industry", "size_band", "region", "persona", "owner", "notes", "consent_basis", "consent_date",
	"consent_obtained", "status", "disqualify_reason"), ints("score"), jsons("score_reasons"),
	text("temperature"), bools("temperature_manual"), []field{{"predicted", fieldReal}}, text("predicted_reasons"),
	refs("lead_value_minor"), text("lead_value_currency", "handed_over_by"), times("handed_over_at"),
	refs("converted_company_id", "converted_contact_id", "converted_opportunity_id"),
	bools("converted_company_created", "converted_contact_created"), times("last_activity_at"),
	text("source_ref"), times("created_at", "updated_at"), text("consent_withdrawn_on"),
	bools("marketing_opt_out"), refs("owner_id"), ints("version"))

// privacyFields are the GDPR columns of a contact; a lead has its legal
// basis, consent day and source among its other fields.
var privacyFields = concat(text("consent_basis", "consent_date", "consent_obtained", "consent_withdrawn_on"),
	bools("marketing_opt_out"))

var leadChildren = []exportTable{
	{table: "qualifications", section: "qualifications", parentColumn: "lead_id", order: "lead_id, created_at, id",
		fields: concat(ints("id"), text("budget"), ints("budget_minor"), text("budget_currency"),
			ints("budget_up_to_minor"), text("budget_up_to_currency", "budget_note", "authority", "decided_by",
				"authority_note", "need"), ints("need_priority"), text("need_note", "timeframe", "time_note"),
			times("created_at"))},
	{table: "lead_status_changes", section: "status_history", parentColumn: "lead_id", order: "lead_id, at, id",
		fields: concat(ints("id"), text("from_status", "to_status", "reason"), times("at"))},
	{table: "activities", section: "activities", parentColumn: "lead_id", where: "opportunity_id IS NULL",
		order: "lead_id, id", fields: activityFields},
}

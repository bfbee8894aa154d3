package data

// v16Rules back up the critical rules of app/validate*.go in the
// database, so no writer that skips the app's checks stores an invalid
// row. Amounts are 0 to app.MaxAmountMinor minor units, probabilities 0
// to 100, a close date is empty or a calendar day as YYYY-MM-DD, and
// titles and names are not blank. SQLite's date() returns 2026-02-30
// unchanged, but with a '+0 days' modifier it normalises it to
// 2026-03-02, so the text differs for a day the month lacks. A company's
// revenue only may not be negative, because large companies earn more
// than the deal maximum. Migration 16 was made from this list, so
// never change it: add a new migration instead.
var v16Rules = []tableRules{
	{table: "opportunities", rules: []columnRule{
		{"title", "trim(NEW.title) = ''", "the title of a deal is empty: enter a title"},
		{"amount_minor", "NEW.amount_minor NOT BETWEEN 0 AND 1000000000000",
			"the amount of a deal is negative or above 1 trillion minor units: enter 0 to 10 billion"},
		{"customer_budget_minor", "NEW.customer_budget_minor NOT BETWEEN 0 AND 1000000000000",
			"the customer budget of a deal is negative or above 1 trillion minor units: enter 0 to 10 billion"},
		{"probability", "NEW.probability NOT BETWEEN 0 AND 100",
			"the probability of a deal is outside 0 to 100 %: enter a percentage from 0 to 100"},
		{"close_date", "NEW.close_date <> '' AND (NEW.close_date NOT GLOB " + dayPattern +
			" OR date(NEW.close_date, '+0 days') IS NOT NEW.close_date)",
			"the close date of a deal is not a calendar day: enter a date such as 2026-06-30"},
	}},
	{table: "stage_changes", rules: []columnRule{
		{"amount_minor", "NEW.amount_minor NOT BETWEEN 0 AND 1000000000000",
			"the amount of a stage change is negative or above 1 trillion minor units"},
		{"probability", "NEW.probability NOT BETWEEN 0 AND 100",
			"the probability of a stage change is outside 0 to 100 %"},
	}},
	{table: "companies", rules: []columnRule{
		{"name", "trim(NEW.name) = ''", "the name of a company is empty: enter a name"},
		{"revenue_minor", "NEW.revenue_minor < 0", "the revenue of a company is negative: enter 0 or more"},
	}},
	{table: "leads", rules: []columnRule{
		{"first_name, last_name, company_name", "trim(NEW.first_name || NEW.last_name || NEW.company_name) = ''",
			"a lead has neither a name nor a company: enter one of them"},
	}},
	{table: "pipelines", rules: []columnRule{
		{"name", "trim(NEW.name) = ''", "the name of a sales process is empty: enter a name"},
	}},
	{table: "stages", rules: []columnRule{
		{"name", "trim(NEW.name) = ''", "the name of a stage is empty: enter a name"},
	}},
}

const dayPattern = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"

// schemaV16 creates the rule triggers of v16Rules.
var schemaV16 = constraintTriggers(v16Rules)

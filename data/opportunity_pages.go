package data

import (
	"context"
	"strings"

	"leadwerk/app"
)

// opportunityOrder maps each sort column to its ORDER BY terms. The list
// adds o.id as the last term, so pages never overlap. Each single-column
// order and the company order have an index of opportunities with the
// same terms followed by the id (on PostgreSQL since schemaV22Postgres),
// so a page's ids are read from the index alone. The company order reads the
// copy of the company name that each deal keeps, NULL without a company,
// so the deals without one come first by id, and it names the company's
// id after its name. The stage order names the stage's id after its
// position (see pageFrom).
var opportunityOrder = map[app.OpportunitySort][]string{
	app.SortByTitle:     {"o.title COLLATE NOCASE"},
	app.SortByCompany:   {"o.company_name COLLATE NOCASE", "o.company_id"},
	app.SortByStage:     {"p.position", "p.id", "st.position", "st.id"},
	app.SortByAmount:    {"o.amount_minor"},
	app.SortByWeighted:  {weightedSQL},
	app.SortByCloseDate: {"o.close_date"},
	app.SortByOwner:     {"o.owner COLLATE NOCASE"},
}

// orderTerms returns the ORDER BY terms of q's sort, ending with the id.
func orderTerms(q app.OpportunityQuery) []string {
	direction := " ASC"
	if q.Descending {
		direction = " DESC"
	}

	var terms []string
	for _, term := range opportunityOrder[q.Sort] {
		terms = append(terms, term+direction)
	}

	return append(terms, "o.id"+direction)
}

// opportunityPageIDs returns the ids of q's page in q's order. It joins
// only the tables that q's search and order need, and reads the ids along
// an index of the order, so a deep page skips index entries instead of
// sorting every deal or reading joined rows. Without a search or a
// pipeline, a page in the second half walks the order from the end (see
// readPageIDs).
func (s *Store) opportunityPageIDs(ctx context.Context, q app.OpportunityQuery) ([]int64, error) {
	return s.readPageIDs(s.db.WithContext(ctx), "o.id", opportunityPage(s.backend, q))
}

// opportunityPage returns the query for the ids of q's page in the
// dialect of b.
func opportunityPage(b backend, q app.OpportunityQuery) idPage {
	where, args := opportunityWhere(b, q)
	from, order := pageFrom(q), orderTerms(q)
	if b.isPostgres() {
		// PostgreSQL rejects CROSS JOIN with ON, and its planner picks the
		// join order itself.
		from = strings.ReplaceAll(from, "CROSS JOIN", "JOIN")
		order = nullsAsInSQLite(order)
	}

	page := idPage{from: from + where, args: args, order: order, limit: q.Limit, offset: q.Offset}
	if where == "" {
		page.count = "SELECT COUNT(*) FROM opportunities o"
	}

	return page
}

// pageFrom returns the FROM clause of the query for a page's ids: the
// deals, with their company when q searches by it. The stage order walks
// pipelines, stages and deals through the indexes pipelines_order,
// stages_order and opportunities_stage, whose nested order is the list's
// order, and CROSS JOIN fixes that order of the tables in SQLite.
func pageFrom(q app.OpportunityQuery) string {
	from := " FROM opportunities o"
	if q.Sort == app.SortByStage {
		from = " FROM pipelines p CROSS JOIN stages st ON st.pipeline_id = p.id" +
			" CROSS JOIN opportunities o ON o.stage_id = st.id"
	}
	if strings.TrimSpace(q.Search) != "" {
		from += " LEFT JOIN companies c ON c.id = o.company_id"
	}

	return from
}

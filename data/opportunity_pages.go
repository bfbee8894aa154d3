package data

import (
	"context"
	"fmt"
	"strings"

	"leadwerk/app"
)

// opportunityOrder maps each sort column to its ORDER BY terms. The list
// adds o.id as the last term, so pages never overlap. Each single-column
// order has an index of opportunities with the same terms followed by the
// id, so a page's ids are read from the index alone. The company and
// stage orders name the company's and the stage's id after their name or
// position, so that they are the nested order of their indexes (see
// companyPageIDs and pageFrom).
var opportunityOrder = map[app.OpportunitySort][]string{
	app.SortByTitle:     {"o.title COLLATE NOCASE"},
	app.SortByCompany:   {"c.name COLLATE NOCASE", "c.id"},
	app.SortByStage:     {"p.position", "p.id", "st.position", "st.id"},
	app.SortByAmount:    {"o.amount_minor"},
	app.SortByWeighted:  {weightedSQL},
	app.SortByCloseDate: {"o.close_date"},
	app.SortByOwner:     {"o.owner COLLATE NOCASE"},
}

// orderBy returns the ORDER BY clause of q's sort, ending with the id.
func orderBy(q app.OpportunityQuery) string {
	direction := " ASC"
	if q.Descending {
		direction = " DESC"
	}

	var terms []string
	for _, term := range opportunityOrder[q.Sort] {
		terms = append(terms, term+direction)
	}

	return " ORDER BY " + strings.Join(append(terms, "o.id"+direction), ", ")
}

// opportunityPageIDs returns the ids of q's page in q's order. It joins
// only the tables that q's search and order need, and reads the ids along
// an index of the order where one exists, so a deep page skips index
// entries instead of sorting every deal or reading joined rows.
func (s *Store) opportunityPageIDs(ctx context.Context, q app.OpportunityQuery) ([]int64, error) {
	if q.Sort == app.SortByCompany {
		return s.companyPageIDs(ctx, q)
	}

	where, args := opportunityWhere(s.backend, q)

	return s.pageIDs(ctx, "SELECT o.id"+pageFrom(q)+where+orderBy(q), args, q.Limit, q.Offset)
}

// pageIDs runs query, which selects ids, for the rows from offset on, at
// most limit of them, where 0 means no limit.
func (s *Store) pageIDs(ctx context.Context, query string, args []any, limit, offset int) ([]int64, error) {
	var ids []int64
	if err := s.db.WithContext(ctx).Raw(query+" LIMIT ? OFFSET ?", append(args, s.limitArg(limit), offset)...).
		Scan(&ids).Error; err != nil {
		return nil, fmt.Errorf("read the ids of a page: %w", err)
	}

	return ids, nil
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

// companyPageIDs returns the ids of q's page in the company order: the
// deals without a company first, by id, then the others by company name
// and id, read through the indexes companies_name and
// opportunities_company. A descending order reverses both parts and
// their sequence. Each part is one query, and a page that spans both
// counts the first part to know where the second starts.
func (s *Store) companyPageIDs(ctx context.Context, q app.OpportunityQuery) ([]int64, error) {
	where, args := opportunityWhere(s.backend, q)
	and := " WHERE "
	if where != "" {
		and = where + " AND "
	}

	without := "SELECT o.id FROM opportunities o LEFT JOIN companies c ON c.id = o.company_id" + and +
		"o.company_id IS NULL ORDER BY o.id"
	with := "SELECT o.id FROM companies c CROSS JOIN opportunities o ON o.company_id = c.id" + where + orderBy(q)
	first, second := without+" ASC", with
	if q.Descending {
		first, second = with, without+" DESC"
	}

	ids, err := s.pageIDs(ctx, first, args, q.Limit, q.Offset)
	if err != nil || (q.Limit > 0 && len(ids) == q.Limit) {
		return ids, err
	}

	var skipped int
	count := "SELECT COUNT(*) FROM (" + first + ")"
	if err := s.db.WithContext(ctx).Raw(count, args...).Scan(&skipped).Error; err != nil {
		return nil, fmt.Errorf("count the deals before a page: %w", err)
	}

	limit := 0
	if q.Limit > 0 {
		limit = q.Limit - len(ids)
	}
	rest, err := s.pageIDs(ctx, second, args, limit, max(0, q.Offset-skipped))
	if err != nil {
		return nil, err
	}

	return append(ids, rest...), nil
}

package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"leadwerk/app"
)

// openStatusSQL is the condition of [app.IsOpenLead]. It is written as a
// literal, not with bound values, so that SQLite can use the partial
// index leads_worklist, whose WHERE clause is the same.
const openStatusSQL = "l.status IN ('new', 'contacted', 'nurturing', 'qualified')"

// minTrigramSearch is the shortest search, in characters, that the
// trigram index leads_fts can serve. A shorter one falls back to LIKE.
const minTrigramSearch = 3

// waitingSinceSQL is when a lead last saw an activity or, without any,
// when it was created. The worklist puts the oldest first.
const waitingSinceSQL = "COALESCE(l.last_activity_at, l.created_at)"

// ftsPhrase quotes text as one FTS5 phrase, so the trigram tokenizer
// matches it as a substring and no character acts as query syntax.
func ftsPhrase(text string) string {
	return `"` + strings.ReplaceAll(text, `"`, `""`) + `"`
}

// trigramPhrase returns the full-text query for a search the trigram
// index can serve, and false for a shorter or empty one. Each word must
// occur in the lead's name, company, e-mail or city, in any order, so
// "müller gmbh" finds "Müller Fahrzeugtechnik GmbH". A search with a word
// shorter than a trigram is matched as one text, because the index cannot
// serve that word alone. A word matches either of its searchSpellings,
// which is how leads_fts stores the text. The query names the text
// columns, so it never matches the state column.
func trigramPhrase(search string) (string, bool) {
	search = strings.TrimSpace(search)
	if utf8.RuneCountInString(searchSpellings(search)[0]) < minTrigramSearch {
		return "", false
	}

	words := strings.Fields(search)
	for _, w := range words {
		if utf8.RuneCountInString(searchSpellings(w)[0]) < minTrigramSearch {
			words = []string{search}
			break
		}
	}

	terms := make([]string, 0, len(words))
	for _, w := range words {
		terms = append(terms, spellingsPhrase(w))
	}

	return "{name company email city} : (" + strings.Join(terms, " AND ") + ")", true
}

// spellingsPhrase returns the FTS5 query that matches text in either of
// its searchSpellings.
func spellingsPhrase(text string) string {
	spellings := searchSpellings(text)
	if len(spellings) == 1 {
		return ftsPhrase(spellings[0])
	}

	return "(" + ftsPhrase(spellings[0]) + " OR " + ftsPhrase(spellings[1]) + ")"
}

// trigramQuery returns trigramPhrase's query, narrowed to open leads when
// q requests only those, so the index alone can count a worklist.
func trigramQuery(q app.LeadQuery) (string, bool) {
	phrase, ok := trigramPhrase(q.Search)
	if ok && q.OpenOnly {
		phrase += openLeadsQuery
	}

	return phrase, ok
}

// searchCondition returns the condition that a lead's name, company,
// e-mail or city contains search in any letter case.
func searchCondition(index backend, search string) (string, []any) {
	if phrase, ok := index.searchQuery(search, false); ok {
		return index.matchSQL(), []any{phrase}
	}

	columns := []string{"l.first_name", "l.last_name", "trim(l.first_name || ' ' || l.last_name)",
		"l.company_name", "l.email", "l.city"}
	terms := make([]string, 0, len(columns))
	args := make([]any, 0, len(columns))
	for _, c := range columns {
		terms = append(terms, index.foldedLike(c, search))
		args = append(args, likePattern(search))
	}

	return "(" + strings.Join(terms, " OR ") + ")", args
}

// matchEachCondition returns the condition that the full-text index
// matches search for lead l, which SQLite tests for l alone. Use it only
// for a search that the trigram index can serve.
func matchEachCondition(index backend, search string) (string, []any) {
	phrase, _ := index.searchQuery(search, false)

	return index.matchEachSQL(), []any{phrase}
}

// inList returns "column IN (?, ?, …)" with one argument per value.
func inList[T ~string](column string, values []T) (string, []any) {
	args := make([]any, 0, len(values))
	for _, v := range values {
		args = append(args, string(v))
	}

	return column + " IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(values)), ", ") + ")", args
}

func leadWhere(index backend, q app.LeadQuery) (string, []any) {
	return leadWhereFor(index, q, leadPlan{})
}

// leadWhereFor returns the WHERE clause of q, testing the search lead by
// lead when plan.checkEach is set.
func leadWhereFor(index backend, q app.LeadQuery, plan leadPlan) (string, []any) {
	var terms []string
	var args []any
	add := func(term string, values ...any) {
		terms = append(terms, term)
		args = append(args, values...)
	}

	if search := strings.TrimSpace(q.Search); search != "" {
		term, values := searchCondition(index, search)
		if plan.checkEach {
			term, values = matchEachCondition(index, search)
		}
		add(term, values...)
	}
	if len(q.Statuses) > 0 {
		term, values := inList("l.status", q.Statuses)
		add(term, values...)
	}
	if len(q.Sources) > 0 {
		term, values := inList("l.source COLLATE NOCASE", q.Sources)
		add(term, values...)
	}
	if len(q.Temperatures) > 0 {
		term, values := inList("l.temperature", q.Temperatures)
		add(term, values...)
	}
	if q.Owner != "" {
		add("l.owner = ?", q.Owner)
	}
	if q.OwnerID != 0 {
		add("l.owner_id = ?", q.OwnerID)
	}
	if q.MinScore > 0 {
		add("l.score >= ?", q.MinScore)
	}
	if q.MaxScore != nil {
		add("l.score <= ?", *q.MaxScore)
	}
	if q.OpenOnly {
		add(openStatusSQL)
	}
	if q.Quality.IsSet() {
		term, values := qualityCondition(q.Quality)
		add(term, values...)
	}

	if len(terms) == 0 {
		return "", nil
	}

	return " WHERE " + strings.Join(terms, " AND "), args
}

// leadOrder returns the ORDER BY terms of q. The worklists have a fixed
// order and ignore Descending. An empty Sort lists the newest first.
func leadOrder(q app.LeadQuery) ([]string, error) {
	direction := " ASC"
	if q.Descending || q.Sort == "" {
		direction = " DESC"
	}

	var terms []string
	switch q.Sort {
	case app.SortLeadsByWorklist, app.SortLeadsByWorklistLearned, app.SortLeadsByWorklistValue:
		return worklistOrder(q), nil
	case app.SortLeadsByScore:
		terms = []string{"l.score"}
	case app.SortLeadsByLearned:
		terms = []string{"l.predicted"}
	case app.SortLeadsByValue:
		terms = []string{"l.lead_value_minor"}
	case app.SortLeadsByCreated, "":
		terms = []string{"l.created_at"}
	case app.SortLeadsByLastActivity:
		terms = []string{"l.last_activity_at"}
	case app.SortLeadsByName:
		terms = []string{"l.last_name COLLATE NOCASE", "l.first_name COLLATE NOCASE"}
	default:
		return nil, fmt.Errorf("lead sort %q is unknown: %w", q.Sort, app.ErrInvalid)
	}

	for i := range terms {
		terms[i] += direction
	}

	return append(terms, "l.id"+direction), nil
}

// worklistOrder returns the ORDER BY terms of a worklist: open leads
// first unless q lists only those, then the learned chance or expected
// value when q ranks by it, then the score, the longest waiting and the
// id. The indexes leads_worklist* list the same terms, so a page is read
// in index order.
func worklistOrder(q app.LeadQuery) []string {
	var terms []string
	if !q.OpenOnly {
		terms = append(terms, "CASE WHEN "+openStatusSQL+" THEN 0 ELSE 1 END")
	}

	switch q.Sort {
	case app.SortLeadsByWorklistLearned:
		terms = append(terms, "l.predicted DESC")
	case app.SortLeadsByWorklistValue:
		terms = append(terms, "l.lead_value_minor DESC")
	}

	return append(terms, "l.score DESC", waitingSinceSQL, "l.id")
}

// CountLeads returns how many leads match q's search and filters. A
// search of three or more characters uses the trigram index.
func (s *Store) CountLeads(ctx context.Context, q app.LeadQuery) (int, error) {
	where, args := leadWhere(s.backend, q)
	if phrase, ok := s.backend.searchQuery(q.Search, q.OpenOnly); ok && onlySearch(q) {
		// The index alone counts its matches several times faster than
		// a join that reads each matching lead.
		return s.ftsMatchCount(ctx, phrase)
	}

	var n int
	if err := s.db.WithContext(ctx).Raw("SELECT COUNT(*) FROM leads l"+where, args...).Scan(&n).Error; err != nil {
		return 0, fmt.Errorf("count leads: %w", err)
	}

	return n, nil
}

// ListLeads returns one page of leads matching q in q's order, with the id
// as the last sort term so pages never overlap. An unknown Sort and a
// negative Offset or Limit wrap [app.ErrInvalid].
func (s *Store) ListLeads(ctx context.Context, q app.LeadQuery) ([]app.Lead, error) {
	if q.Offset < 0 || q.Limit < 0 {
		return nil, fmt.Errorf("page offset %d and limit %d must not be negative: %w", q.Offset, q.Limit, app.ErrInvalid)
	}

	order, err := leadOrder(q)
	if err != nil {
		return nil, err
	}
	if s.backend.isPostgres() {
		order = nullsAsInSQLite(order)
	}

	plan, err := s.planLeadPage(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("list leads: %w", err)
	}

	where, args := leadWhereFor(s.backend, q, plan)

	// The first step reads one page of ids, sorting ids alone or, for a
	// broad search, walking the sort index (see planLeadPage). The second
	// reads the rows of that page. Without a condition, a deep page may
	// walk the order from the end (see readPageIDs).
	page := idPage{from: " FROM leads l" + plan.hint + where, args: args, order: order,
		limit: q.Limit, offset: q.Offset}
	if where == "" {
		page.count = "SELECT COUNT(*) FROM leads l"
	}

	leads, err := s.readLeadPage(ctx, page)
	if err != nil {
		return nil, fmt.Errorf("list leads: %w", err)
	}

	return leads, nil
}

// onlySearch reports whether q filters by its search and OpenOnly alone,
// which the full-text index can count without reading a lead. Any other
// filter, OwnerID included, makes CountLeads and planLeadPage fall back
// to the plain query.
func onlySearch(q app.LeadQuery) bool {
	return len(q.Statuses) == 0 && len(q.Sources) == 0 && len(q.Temperatures) == 0 && q.Owner == "" &&
		q.OwnerID == 0 && q.MinScore <= 0 && q.MaxScore == nil && !q.Quality.IsSet()
}

func leadsOf(rows []leadRow) ([]app.Lead, error) {
	leads := make([]app.Lead, 0, len(rows))
	for _, r := range rows {
		l, err := r.toApp()
		if err != nil {
			return nil, err
		}
		leads = append(leads, l)
	}

	return leads, nil
}

// Lead returns one lead with its qualifications (newest first), status
// changes (oldest first) and activities (by due time, then creation),
// including those moved to the opportunity it became. It reads in one
// transaction and wraps [app.ErrNotFound] for an unknown id.
func (s *Store) Lead(ctx context.Context, id int64) (app.LeadDetail, error) {
	var detail app.LeadDetail
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		detail, err = loadLead(tx, id)

		return err
	}, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return app.LeadDetail{}, err
	}

	return detail, nil
}

func loadLead(tx *gorm.DB, id int64) (app.LeadDetail, error) {
	row, err := takeLead(tx, id)
	if err != nil {
		return app.LeadDetail{}, err
	}

	l, err := row.toApp()
	if err != nil {
		return app.LeadDetail{}, err
	}
	detail := app.LeadDetail{Lead: l}

	var quals []qualificationRow
	if err := tx.Where("lead_id = ?", id).Order("created_at DESC, id DESC").Find(&quals).Error; err != nil {
		return app.LeadDetail{}, fmt.Errorf("read qualifications of lead %d: %w", id, err)
	}
	for _, q := range quals {
		detail.Qualifications = append(detail.Qualifications, q.toApp())
	}

	var changes []leadStatusChangeRow
	if err := tx.Where("lead_id = ?", id).Order("at, id").Find(&changes).Error; err != nil {
		return app.LeadDetail{}, fmt.Errorf("read status changes of lead %d: %w", id, err)
	}
	for _, c := range changes {
		detail.StatusChanges = append(detail.StatusChanges, c.toApp())
	}

	var activities []activityRow
	err = tx.Where("lead_id = ?", id).Order("due IS NULL, due, created_at, id").Find(&activities).Error
	if err != nil {
		return app.LeadDetail{}, fmt.Errorf("read activities of lead %d: %w", id, err)
	}
	for _, a := range activities {
		detail.Activities = append(detail.Activities, a.toApp())
	}

	return detail, nil
}

package data

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"leadwerk/app"
)

// indexWalkThreshold is the number of full-text matches above which a
// lead page walks the index of its sort order and stops after one page,
// instead of reading and sorting every match. Reading a match costs about
// 2.5 µs on the 2-core benchmark machine and a walk step far less, so at
// 2,000 matches both plans take about 5 ms (BenchmarkLeadSearch).
const indexWalkThreshold = 2000

// openLeadsQuery narrows a full-text query to open leads. The state
// column of leads_fts is "open" or "done", so a lead is open when its
// state lacks the trigram "don". Counting the searches of
// BenchmarkLeadSearch took about 8.4 ms of CPU time each with it and
// 12.9 ms with AND state : "open", whose two trigrams each list every
// open lead.
// NOTE: a third state value would count as open here.
const openLeadsQuery = ` NOT state : "don"`

// maxCachedCounts bounds the full-text match counts a Store remembers.
const maxCachedCounts = 256

// matchCounts remembers how many leads a full-text phrase matched, so the
// page query that follows a keystroke's count can choose its plan without
// counting again. A stale count only affects the choice of plan, never
// the result.
type matchCounts struct {
	mu     sync.Mutex
	counts map[string]int
}

func (c *matchCounts) get(phrase string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()

	n, ok := c.counts[phrase]

	return n, ok
}

func (c *matchCounts) put(phrase string, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()

	if c.counts == nil || len(c.counts) >= maxCachedCounts {
		c.counts = map[string]int{}
	}
	c.counts[phrase] = n
}

// cachedMatchCount returns how many leads the full-text phrase matched
// when last counted, counting now if it never was. Use it only to choose a
// plan: the count may be stale.
func (s *Store) cachedMatchCount(ctx context.Context, phrase string) (int, error) {
	if n, ok := s.matchCounts.get(phrase); ok {
		return n, nil
	}

	return s.ftsMatchCount(ctx, phrase)
}

// ftsMatchCount counts the leads the full-text phrase matches and
// remembers the count for cachedMatchCount.
func (s *Store) ftsMatchCount(ctx context.Context, phrase string) (int, error) {
	var n int
	err := s.db.WithContext(ctx).Raw(s.backend.countSQL(), phrase).Scan(&n).Error
	if err != nil {
		return 0, fmt.Errorf("count leads matching the search: %w", err)
	}
	s.matchCounts.put(phrase, n)

	return n, nil
}

// sortIndex names the index whose order is q's order, or "" when none is.
func sortIndex(q app.LeadQuery) string {
	switch q.Sort {
	case app.SortLeadsByWorklist:
		if q.OpenOnly {
			return "leads_worklist"
		}
		return "leads_worklist_all"
	case app.SortLeadsByWorklistLearned:
		return worklistIndex("leads_worklist_learned", q)
	case app.SortLeadsByWorklistValue:
		return worklistIndex("leads_worklist_value", q)
	case app.SortLeadsByScore:
		return "leads_score"
	case app.SortLeadsByLearned:
		return "leads_predicted"
	case app.SortLeadsByValue:
		return "leads_value"
	case app.SortLeadsByCreated, "":
		return "leads_created"
	case app.SortLeadsByLastActivity:
		return "leads_last_activity"
	case app.SortLeadsByName:
		return "leads_name"
	default:
		return ""
	}
}

// worklistIndex returns the partial index name of open leads, or its
// "_all" variant that puts open leads first.
func worklistIndex(name string, q app.LeadQuery) string {
	if q.OpenOnly {
		return name
	}

	return name + "_all"
}

// perLeadCheckCost is the cost of testing one lead against the full-text
// index, as a multiple of the cost of reading one match of a search. It
// is an estimate from the sqlite3 shell on the large demo dataset, where
// the test took about 11 µs and a match about 0.37 µs.
const perLeadCheckCost = 30

// leadPlan is the plan by which ListLeads reads the ids of a page.
type leadPlan struct {
	// hint is " INDEXED BY name" or "".
	hint string
	// checkEach tests each lead that the walk of the sort index reaches
	// against the full-text index, instead of reading every match first.
	checkEach bool
}

// planLeadPage chooses how to read q's page. It walks the index of q's
// sort order when that is cheaper than sorting the leads that match: when
// q has no search and no filter but OpenOnly, and when its search matches
// many leads. A database file has the statistics of ANALYZE only if
// someone ran it. Without them and without the hint, SQLite 3.41 reads
// the open leads through leads_status and sorts all of them, which took
// 190 ms of CPU time for the first page of "Work the best first" at
// 100,000 leads (BenchmarkLargeLeadPages).
//
// A walk meets about one match in every total/matches leads, so it tests
// about (offset+limit)·total/matches leads. Reading all matches first
// costs one step per match. checkEach is set when the tests cost less:
// for a search matching 40,000 of 100,000 leads, the first page took
// 1.3 ms in place of 15 ms in the sqlite3 shell.
func (s *Store) planLeadPage(ctx context.Context, q app.LeadQuery) (leadPlan, error) {
	// PostgreSQL has no INDEXED BY and keeps statistics of its own.
	if s.backend.isPostgres() {
		return leadPlan{}, nil
	}

	index := sortIndex(q)
	if index != "" && strings.TrimSpace(q.Search) == "" && onlySearch(q) {
		return leadPlan{hint: " INDEXED BY " + index}, nil
	}

	phrase, ok := trigramQuery(q)
	if !ok || index == "" {
		return leadPlan{}, nil
	}

	matches, err := s.cachedMatchCount(ctx, phrase)
	if err != nil || matches <= indexWalkThreshold {
		return leadPlan{}, err
	}

	// A filter other than OpenOnly makes the walk meet fewer matches than
	// the estimate below assumes, so such a page reads all matches first.
	plan := leadPlan{hint: " INDEXED BY " + index}
	if q.Limit == 0 || !onlySearch(q) {
		return plan, nil
	}

	var total int64
	if err := s.db.WithContext(ctx).Raw("SELECT COALESCE(MAX(id), 0) FROM leads").Scan(&total).Error; err != nil {
		return leadPlan{}, fmt.Errorf("read the largest lead id: %w", err)
	}
	walked := int64(q.Offset+q.Limit) * total / int64(matches)
	plan.checkEach = int64(matches) > perLeadCheckCost*walked

	return plan, nil
}

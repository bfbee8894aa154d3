package data

import (
	"context"
	"errors"
	"fmt"

	"leadwerk/app"
)

// checkSQLite runs SQLite's own checks: the full integrity check, the
// foreign key check and the FTS5 integrity check of the lead search.
func checkSQLite(s *Store) error {
	var results []string
	if err := s.db.Raw("PRAGMA integrity_check").Scan(&results).Error; err != nil {
		return fmt.Errorf("run integrity_check: %w", err)
	}
	if len(results) != 1 || results[0] != "ok" {
		return fmt.Errorf("integrity_check reports %q", results)
	}

	var violations []struct {
		Table  string
		Rowid  int64
		Parent string
	}
	if err := s.db.Raw("PRAGMA foreign_key_check").Scan(&violations).Error; err != nil {
		return fmt.Errorf("run foreign_key_check: %w", err)
	}
	if len(violations) > 0 {
		return fmt.Errorf("foreign_key_check finds %d rows with missing parents, the first in %s",
			len(violations), violations[0].Table)
	}

	// The 'integrity-check' command compares the index with the table's
	// content and fails with SQLITE_CORRUPT_VTAB on a difference.
	if err := s.db.Exec("INSERT INTO leads_fts (leads_fts) VALUES ('integrity-check')").Error; err != nil {
		return fmt.Errorf("leads_fts integrity-check: %w", err)
	}

	return nil
}

// derivedCheck is a query that counts the rows breaking one rule.
type derivedCheck struct {
	rule  string
	query string
}

// derivedChecks are the rules that tie stored copies to their source rows.
var derivedChecks = []derivedCheck{
	{"every lead has one search row", `
		SELECT (SELECT COUNT(*) FROM leads) - (SELECT COUNT(*) FROM leads_fts)`},
	{"each search row matches its lead's name, company, e-mail, city and state", `
		SELECT COUNT(*) FROM leads l LEFT JOIN leads_fts f ON f.rowid = l.id
		WHERE f.rowid IS NULL
			OR f.name IS NOT lw_search_text(trim(l.first_name || ' ' || l.last_name))
			OR f.company IS NOT lw_search_text(l.company_name) OR f.email IS NOT lw_search_text(l.email)
			OR f.city IS NOT lw_search_text(l.city)
			OR f.state IS NOT CASE WHEN l.status IN ('new', 'contacted', 'nurturing', 'qualified')
				THEN 'open' ELSE 'done' END`},
	{"each deal's stage is the target of its last stage change", `
		SELECT COUNT(*) FROM opportunities o
		WHERE o.stage_id IS NOT (SELECT c.to_stage_id FROM stage_changes c
			WHERE c.opportunity_id = o.id ORDER BY c.at DESC, c.id DESC LIMIT 1)`},
	{"each lead's status is the target of its last status change", `
		SELECT COUNT(*) FROM leads l
		WHERE EXISTS (SELECT 1 FROM lead_status_changes c WHERE c.lead_id = l.id)
			AND l.status IS NOT (SELECT c.to_status FROM lead_status_changes c
				WHERE c.lead_id = l.id ORDER BY c.at DESC, c.id DESC LIMIT 1)`},
	{"each lead's last activity time is that of its newest activity", `
		SELECT COUNT(*) FROM leads l
		WHERE EXISTS (SELECT 1 FROM activities a WHERE a.lead_id = l.id)
			AND l.last_activity_at IS NOT (SELECT MAX(a.created_at) FROM activities a WHERE a.lead_id = l.id)`},
}

// checkDerived returns an error for each derived rule that rows break and
// for pipeline totals that differ from the sums over the deals.
func checkDerived(ctx context.Context, s *Store) error {
	var errs []error
	for _, c := range derivedChecks {
		var broken int
		if err := s.db.Raw(c.query).Scan(&broken).Error; err != nil {
			return fmt.Errorf("check that %s: %w", c.rule, err)
		}
		if broken != 0 {
			errs = append(errs, fmt.Errorf("%d rows break the rule that %s", broken, c.rule))
		}
	}

	errs = append(errs, checkPipelineTotals(ctx, s))

	return errors.Join(errs...)
}

// stageTotal is the count, amount and weighted amount of one stage in one
// currency.
type stageTotal struct {
	count            int
	amount, weighted int64
}

// checkPipelineTotals compares PipelineSummary, which sums in SQL, with
// the sums over ListOpportunities, weighted by app.Money.Weighted.
func checkPipelineTotals(ctx context.Context, s *Store) error {
	deals, err := s.ListOpportunities(ctx, app.OpportunityQuery{})
	if err != nil {
		return err
	}

	summed := map[string]stageTotal{}
	for _, d := range deals {
		key := fmt.Sprintf("%s / %s / %s", d.Pipeline, d.Stage, d.Amount.Currency)
		t := summed[key]
		t.count++
		t.amount += d.Amount.Minor
		t.weighted += d.Amount.Weighted(d.Probability).Minor
		summed[key] = t
	}

	summary, err := s.PipelineSummary(ctx)
	if err != nil {
		return err
	}

	var errs []error
	for _, row := range summary {
		key := fmt.Sprintf("%s / %s / %s", row.Pipeline, row.Stage, row.Amount.Currency)
		got := stageTotal{count: row.Count, amount: row.Amount.Minor, weighted: row.Weighted.Minor}
		if got != summed[key] {
			errs = append(errs, fmt.Errorf("pipeline summary of %s is %+v, the deals sum to %+v", key, got, summed[key]))
		}
		delete(summed, key)
	}

	for key, t := range summed {
		errs = append(errs, fmt.Errorf("pipeline summary lacks %s, where the deals sum to %+v", key, t))
	}

	return errors.Join(errs...)
}

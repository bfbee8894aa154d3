package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// blankCharsSQL is the SQL string literal of the characters that
// blankText trims: space, tab, line feed and carriage return. It contains
// the characters themselves, because PostgreSQL has no char() function
// and SQLite reads no escapes such as E'\t'.
const blankCharsSQL = "' \t\n\r'"

// blankText is the condition that a text column is empty or holds only
// spaces, tabs and line breaks.
func blankText(column string) string {
	return "trim(" + column + ", " + blankCharsSQL + ") = ''"
}

// countIf returns the aggregate that counts the rows meeting condition,
// 0 when there are none. PostgreSQL cannot sum a condition directly, so
// the CASE turns it into 1 or 0.
func countIf(condition string) string {
	return "COALESCE(SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END), 0)"
}

// bantAnswersSQL counts the BANT questions a qualifications row q answers,
// as [app.BANTAnswers] does.
const bantAnswersSQL = "(CASE WHEN q.budget <> '' THEN 1 ELSE 0 END) + " +
	"(CASE WHEN q.authority <> '' THEN 1 ELSE 0 END) + " +
	"(CASE WHEN trim(q.need, " + blankCharsSQL + ") <> '' OR q.need_priority > 0 THEN 1 ELSE 0 END) + " +
	"(CASE WHEN q.timeframe <> '' THEN 1 ELSE 0 END)"

// newestAnswersSQL is the number of BANT questions that the newest
// qualification of lead l answers, by creation time and then id as in
// [Store.Lead], and NULL for a lead without one. The index
// qualifications_lead finds the newest row of each lead in one seek.
const newestAnswersSQL = `(SELECT ` + bantAnswersSQL + ` FROM qualifications q
	WHERE q.lead_id = l.id ORDER BY q.created_at DESC, q.id DESC LIMIT 1)`

// likelyDuplicateSQL is the condition of [app.IsLikelyDuplicate] between
// a lead l and any other stored lead, by the folded keys. Each IN list is
// computed once per query, so a count over all leads stays one scan. The
// "<> ”" terms inside the lists let SQLite use the partial indexes
// leads_email_key and leads_name_company_key.
const likelyDuplicateSQL = `((l.email_key <> '' AND l.email_key IN (
		SELECT email_key FROM leads WHERE email_key <> '' GROUP BY email_key HAVING COUNT(*) > 1))
	OR (l.name_key <> '' AND l.company_key <> '' AND (l.name_key, l.company_key) IN (
		SELECT name_key, company_key FROM leads WHERE name_key <> '' AND company_key <> ''
		GROUP BY name_key, company_key HAVING COUNT(*) > 1)))`

// qualityCondition returns the condition on a lead l that it has f's gap.
// Both the lead list and [Store.DataQuality] use it, so a count and the
// list behind it always agree. A gap that is not a lead gap matches no
// lead.
func qualityCondition(f app.LeadQualityFilter) (string, []any) {
	switch f.Gap {
	case app.GapMissingEmail:
		return blankText("l.email"), nil
	case app.GapMissingPhone:
		return blankText("l.phone"), nil
	case app.GapMissingIndustry:
		return blankText("l.industry"), nil
	case app.GapMissingSizeBand:
		return blankText("l.size_band"), nil
	case app.GapMissingRegion:
		return blankText("l.region"), nil
	case app.GapMissingPersona:
		return blankText("l.persona"), nil
	case app.GapNoQualification:
		return "COALESCE(" + newestAnswersSQL + ", 0) = 0", nil
	case app.GapPartialQualification:
		return newestAnswersSQL + " BETWEEN 1 AND 3", nil
	case app.GapLikelyDuplicate:
		return likelyDuplicateSQL, nil
	case app.GapNoActivity:
		// Timestamps are stored as UTC text, so the cut-off must be UTC
		// for the text comparison to order them.
		return "(" + openStatusSQL + " AND " + waitingSinceSQL + " < ?)", []any{f.IdleSince.UTC()}
	default:
		return "1 = 0", nil
	}
}

// DataQuality counts every gap of the stored leads and contacts in two
// aggregate queries inside one read transaction. See
// [app.DataQualityService].
func (s *Store) DataQuality(ctx context.Context, idleSince time.Time) (app.DataQuality, error) {
	result := app.DataQuality{IdleSince: idleSince, Counts: map[app.QualityGap]int{}}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := countLeadGaps(tx, &result); err != nil {
			return err
		}

		return countContactGaps(tx, &result)
	}, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return app.DataQuality{}, fmt.Errorf("count data-quality gaps: %w", err)
	}

	return result, nil
}

// countLeadGaps reads the number of leads, of open leads and of leads
// with each gap in one scan of the leads table. The gap columns follow
// the order of app.LeadGaps.
func countLeadGaps(tx *gorm.DB, result *app.DataQuality) error {
	gaps := app.LeadGaps()
	columns := []string{"COUNT(*)", countIf(openStatusSQL)}
	var args []any
	for _, gap := range gaps {
		condition, values := qualityCondition(result.Filter(gap))
		columns = append(columns, countIf(condition))
		args = append(args, values...)
	}

	rows, err := tx.Raw("SELECT "+strings.Join(columns, ", ")+" FROM leads l", args...).Rows()
	if err != nil {
		return fmt.Errorf("count leads with gaps: %w", err)
	}
	defer rows.Close()

	counts := make([]int, len(gaps))
	targets := []any{&result.Leads, &result.OpenLeads}
	for i := range counts {
		targets = append(targets, &counts[i])
	}
	// An aggregate without GROUP BY always returns one row, so a missing
	// row means that reading failed.
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return fmt.Errorf("count leads with gaps: %w", err)
		}
		return errors.New("count leads with gaps: the aggregate returned no row")
	}
	if err := rows.Scan(targets...); err != nil {
		return fmt.Errorf("read lead gap counts: %w", err)
	}

	for i, gap := range gaps {
		result.Counts[gap] = counts[i]
	}

	return rows.Err()
}

// countContactGaps reads the number of contacts and of those without an
// e-mail address or a phone number.
func countContactGaps(tx *gorm.DB, result *app.DataQuality) error {
	var row struct {
		Contacts     int
		MissingEmail int
		MissingPhone int
	}
	query := "SELECT COUNT(*) AS contacts, " +
		countIf(blankText("c.email")) + " AS missing_email, " +
		countIf(blankText("c.phone")) + " AS missing_phone FROM contacts c"
	if err := tx.Raw(query).Scan(&row).Error; err != nil {
		return fmt.Errorf("count contacts with gaps: %w", err)
	}

	result.Contacts = row.Contacts
	result.Counts[app.GapContactMissingEmail] = row.MissingEmail
	result.Counts[app.GapContactMissingPhone] = row.MissingPhone

	return nil
}

package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// ForecastMonthSums returns the sums behind the forecast by month of the
// deals f selects, for [app.ForecastByMonthOfSums]. SQLite adds the deals
// up per stage kind, month, currency and probability, so a few hundred
// rows cross the driver in place of every deal with its stage history.
// Lost deals are left out. The months follow [Store.DealFacts]: an open
// deal's close date, and a won deal's stage entry day or, without one,
// the UTC day of its last stage change when that change entered its
// current stage.
func (s *Store) ForecastMonthSums(ctx context.Context, f app.ReportFilter) ([]app.ForecastMonthSum, error) {
	where, args := forecastMonthSumsWhere(f)

	var sums []app.ForecastMonthSum
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		sums, err = loadForecastMonthSums(tx, where, args)

		return err
	}, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("load forecast by month: %w", err)
	}

	return sums, nil
}

// forecastMonthSumsWhere returns the WHERE clause of f as
// [dealFactWhere] builds it, with lost deals left out.
func forecastMonthSumsWhere(f app.ReportFilter) (string, []any) {
	where, args := dealFactWhere(f)
	if where == "" {
		return " WHERE st.kind <> 'lost'", args
	}

	return where + " AND st.kind <> 'lost'", args
}

// forecastMonthSumsSQL sums the deals of the WHERE clause where. The
// weighted amount rounds each deal half away from zero, as
// [app.Money.Weighted] does. SQLite's integer division truncates toward
// zero like Go's.
func forecastMonthSumsSQL(db *gorm.DB, where string) string {
	return `SELECT st.kind,
		substr(CASE WHEN st.kind = 'won' THEN
			CASE WHEN o.stage_entered_on <> '' THEN o.stage_entered_on ELSE COALESCE((
				SELECT CASE WHEN sc.to_stage_id = o.stage_id THEN ` + utcDaySQL(db, "sc.at") + ` ELSE '' END
				FROM stage_changes sc WHERE sc.opportunity_id = o.id
				ORDER BY sc.at DESC, sc.id DESC LIMIT 1), '') END
			ELSE o.close_date END, 1, 7) AS month,
		o.amount_currency, o.probability, COUNT(*), SUM(o.amount_minor),
		SUM((o.amount_minor * o.probability + CASE WHEN o.amount_minor * o.probability < 0 THEN -50 ELSE 50 END) / 100)
	FROM opportunities o
	JOIN stages st ON st.id = o.stage_id` + where + `
	GROUP BY st.kind, month, o.amount_currency, o.probability
	ORDER BY st.kind, month, o.amount_currency, o.probability`
}

func loadForecastMonthSums(tx *gorm.DB, where string, args []any) ([]app.ForecastMonthSum, error) {
	rows, err := tx.Raw(forecastMonthSumsSQL(tx, where), args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()

	var sums []app.ForecastMonthSum
	for rows.Next() {
		var s app.ForecastMonthSum
		var kind, month string
		err := rows.Scan(&kind, &month, &s.Currency, &s.Probability, &s.Deals, &s.Amount, &s.Weighted)
		if err != nil {
			return nil, err
		}

		s.StageKind = app.StageKind(kind)
		if s.Month, err = parseStoredMonth(month); err != nil {
			return nil, err
		}
		sums = append(sums, s)
	}

	return sums, rows.Err()
}

// parseStoredMonth reads the "YYYY-MM" start of a stored date. An empty
// text is the zero Month.
func parseStoredMonth(text string) (app.Month, error) {
	if text == "" {
		return app.Month{}, nil
	}

	t, err := time.Parse("2006-01", text)
	if err != nil {
		return app.Month{}, fmt.Errorf("month %q of a stored date is not in the form YYYY-MM: %w",
			strings.TrimSpace(text), app.ErrInvalid)
	}

	return app.Month{Year: t.Year(), Month: t.Month()}, nil
}

package data

import (
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// rescoreBatchSize is how many leads rescoreAll reads at a time.
const rescoreBatchSize = 1000

// scorer computes lead scores with the settings of one transaction.
//
// NOTE: a score is stored when the lead or the settings change, so the
// engagement points of a lead left alone for longer than
// app.EngagementWindow stay until the next change or settings save.
type scorer struct {
	profile    app.IdealCustomerProfile
	thresholds app.ScoreThresholds
	// since is the start of the engagement window: activities created at
	// or after it count.
	since time.Time
}

func newScorer(tx *gorm.DB, now time.Time) (*scorer, error) {
	profile, err := loadProfile(tx)
	if err != nil {
		return nil, err
	}

	thresholds, err := loadThresholds(tx)
	if err != nil {
		return nil, err
	}

	return &scorer{profile: profile, thresholds: thresholds, since: now.Add(-app.EngagementWindow)}, nil
}

// apply sets the score, reasons and temperature of row from l, which is
// the same lead, its newest qualification q (or nil) and its number of
// recent activities. A temperature set by hand is kept.
func (sc *scorer) apply(row *leadRow, l app.Lead, q *app.Qualification, recent int) {
	score, reasons := app.ScoreLead(app.ScoreInput{
		Lead: l, Qualification: q, Profile: sc.profile, RecentActivities: recent,
	})

	row.Score = score
	row.ScoreReasons = encodeReasons(reasons)
	if !row.TemperatureManual {
		row.Temperature = string(app.TemperatureFor(score, sc.thresholds))
	}
}

// newestQualification returns the lead's newest qualification, or nil.
func newestQualification(tx *gorm.DB, leadID int64) (*app.Qualification, error) {
	var row qualificationRow
	err := tx.Where("lead_id = ?", leadID).Order("created_at DESC, id DESC").Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read qualification of lead %d: %w", leadID, err)
	}

	q := row.toApp()

	return &q, nil
}

func (sc *scorer) recentActivities(tx *gorm.DB, leadID int64) (int, error) {
	var n int
	err := tx.Raw(`SELECT COUNT(*) FROM activities WHERE lead_id = ? AND created_at >= ?`, leadID, sc.since).
		Scan(&n).Error
	if err != nil {
		return 0, fmt.Errorf("count activities of lead %d: %w", leadID, err)
	}

	return n, nil
}

// rescoreLead recomputes and stores the score of one lead and returns the
// lead as stored. It wraps [app.ErrNotFound] for an unknown id.
func rescoreLead(tx *gorm.DB, id int64, now time.Time) (app.Lead, error) {
	row, err := takeLead(tx, id)
	if err != nil {
		return app.Lead{}, err
	}

	sc, err := newScorer(tx, now)
	if err != nil {
		return app.Lead{}, err
	}

	if err := sc.rescoreRow(tx, &row); err != nil {
		return app.Lead{}, err
	}

	err = tx.Model(&row).Select(leadScoreColumns).Updates(&row).Error
	if err != nil {
		return app.Lead{}, fmt.Errorf("save score of lead %d: %w", id, err)
	}

	return row.toApp()
}

// rescoreRow fills row's score columns, reading its newest qualification
// and recent activities.
func (sc *scorer) rescoreRow(tx *gorm.DB, row *leadRow) error {
	l, err := row.toApp()
	if err != nil {
		return err
	}

	q, err := newestQualification(tx, row.ID)
	if err != nil {
		return err
	}

	recent, err := sc.recentActivities(tx, row.ID)
	if err != nil {
		return err
	}

	sc.apply(row, l, q, recent)

	return nil
}

// leadScoreInputs are the qualifications and activity counts of all
// leads, read at once so that scoring many leads costs a few queries.
type leadScoreInputs struct {
	qualifications map[int64]*app.Qualification
	recent         map[int64]int
}

func (sc *scorer) loadInputs(tx *gorm.DB) (leadScoreInputs, error) {
	in := leadScoreInputs{qualifications: map[int64]*app.Qualification{}, recent: map[int64]int{}}

	// Rows come oldest first, so the last one per lead stays in the map.
	var quals []qualificationRow
	if err := tx.Order("lead_id, created_at, id").Find(&quals).Error; err != nil {
		return in, fmt.Errorf("read qualifications: %w", err)
	}
	for _, r := range quals {
		q := r.toApp()
		in.qualifications[r.LeadID] = &q
	}

	var counts []struct {
		LeadID int64
		N      int
	}
	err := tx.Raw(`SELECT lead_id, COUNT(*) AS n FROM activities
		WHERE lead_id IS NOT NULL AND created_at >= ? GROUP BY lead_id`, sc.since).Scan(&counts).Error
	if err != nil {
		return in, fmt.Errorf("count recent activities of leads: %w", err)
	}
	for _, c := range counts {
		in.recent[c.LeadID] = c.N
	}

	return in, nil
}

// rescoreAll recomputes every lead's score and temperature and writes the
// leads whose values changed. It returns how many it wrote.
func rescoreAll(tx *gorm.DB, now time.Time) (int, error) {
	sc, err := newScorer(tx, now)
	if err != nil {
		return 0, err
	}

	in, err := sc.loadInputs(tx)
	if err != nil {
		return 0, err
	}

	changed := 0
	var batch []leadRow
	result := tx.Order("id").FindInBatches(&batch, rescoreBatchSize, func(_ *gorm.DB, _ int) error {
		for _, row := range batch {
			l, err := row.toApp()
			if err != nil {
				return err
			}

			before := row
			sc.apply(&row, l, in.qualifications[row.ID], in.recent[row.ID])
			if row.Score == before.Score && row.ScoreReasons == before.ScoreReasons &&
				row.Temperature == before.Temperature {
				continue
			}

			err = tx.Exec(`UPDATE leads SET score = ?, score_reasons = ?, temperature = ? WHERE id = ?`,
				row.Score, row.ScoreReasons, row.Temperature, row.ID).Error
			if err != nil {
				return fmt.Errorf("save score of lead %d: %w", row.ID, err)
			}
			changed++
		}

		return nil
	})
	if result.Error != nil {
		return 0, fmt.Errorf("rescore leads: %w", result.Error)
	}

	return changed, nil
}

// takeLead reads one lead row, wrapping [app.ErrNotFound] for an unknown
// id.
func takeLead(tx *gorm.DB, id int64) (leadRow, error) {
	var row leadRow
	err := tx.Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return leadRow{}, fmt.Errorf("lead %d: %w", id, app.ErrNotFound)
	}
	if err != nil {
		return leadRow{}, fmt.Errorf("read lead %d: %w", id, err)
	}

	return row, nil
}

package data

import (
	"context"
	"fmt"
	"sync"

	"gorm.io/gorm"

	"leadwerk/app"
)

// closedLeadsWhere selects the leads a learned score learns from, as
// [app.ClosedLeadOutcome] defines them.
const closedLeadsWhere = `(status IN ('converted', 'disqualified') OR converted_opportunity_id IS NOT NULL)`

// modelLeadColumns are the lead columns that the learned score and the
// lead value read.
const modelLeadColumns = `id, source, origin, campaign, industry, size_band, region, persona, country,
	email, phone, status, converted_opportunity_id, score`

// idChunk is how many ids one IN list holds, below SQLite's limit on
// query parameters.
const idChunk = 500

// leadModelCache keeps the last learned model and the state of the
// history it learned from, so that lists ask for predictions without
// learning again each time.
type leadModelCache struct {
	mu    sync.Mutex
	state string
	model *app.LeadModel
	err   error
}

// LeadModel returns a model learned from the closed leads, learning again
// only when leads, qualifications or activities changed since. Too short
// a history wraps [app.ErrTooFewClosedLeads].
func (s *Store) LeadModel(ctx context.Context) (*app.LeadModel, error) {
	s.leadModel.mu.Lock()
	defer s.leadModel.mu.Unlock()

	tx := s.db.WithContext(ctx)
	state, err := historyState(tx)
	if err != nil {
		return nil, err
	}
	if state == s.leadModel.state {
		return s.leadModel.model, s.leadModel.err
	}

	inputs, err := modelInputs(tx, closedLeadsWhere)
	if err != nil {
		return nil, err
	}

	outcomes := make([]app.LeadOutcome, 0, len(inputs))
	for _, in := range inputs {
		if o, ok := app.ClosedLeadOutcome(in); ok {
			outcomes = append(outcomes, o)
		}
	}

	model, err := app.TrainLeadModel(outcomes)
	s.leadModel.state, s.leadModel.model, s.leadModel.err = state, model, err

	return model, err
}

// PredictLeads returns the learned conversion chance of each lead in ids
// that exists. It wraps [app.ErrTooFewClosedLeads] when no model can be
// learned yet.
func (s *Store) PredictLeads(ctx context.Context, ids []int64) (map[int64]app.LeadPrediction, error) {
	model, err := s.LeadModel(ctx)
	if err != nil {
		return nil, err
	}

	tx := s.db.WithContext(ctx)
	predictions := make(map[int64]app.LeadPrediction, len(ids))
	for start := 0; start < len(ids); start += idChunk {
		chunk := ids[start:min(start+idChunk, len(ids))]
		inputs, err := modelInputs(tx, "id IN ?", chunk)
		if err != nil {
			return nil, err
		}

		for _, in := range inputs {
			predictions[in.Lead.ID] = model.Predict(in)
		}
	}

	return predictions, nil
}

// historyState sums up what a learned model depends on, so that a change
// to it is noticed with a few cheap queries.
func historyState(tx *gorm.DB) (string, error) {
	var leads struct {
		N    int
		Last string
	}
	err := tx.Raw(`SELECT COUNT(*) AS n, COALESCE(CAST(MAX(updated_at) AS TEXT), '') AS last FROM leads WHERE ` + closedLeadsWhere).
		Scan(&leads).Error
	if err != nil {
		return "", fmt.Errorf("read the state of the closed leads: %w", err)
	}

	var quals, activities int64
	if err := tx.Raw(`SELECT COALESCE(MAX(id), 0) FROM qualifications`).Scan(&quals).Error; err != nil {
		return "", fmt.Errorf("read the state of the qualifications: %w", err)
	}
	if err := tx.Raw(`SELECT COUNT(*) FROM activities WHERE lead_id IS NOT NULL`).Scan(&activities).Error; err != nil {
		return "", fmt.Errorf("read the state of the lead activities: %w", err)
	}

	return fmt.Sprint(leads.N, "|", leads.Last, "|", quals, "|", activities), nil
}

// modelLeadRow holds the columns of modelLeadColumns.
type modelLeadRow struct {
	ID                     int64
	Source, Origin         string
	Campaign, Industry     string
	SizeBand, Region       string
	Persona, Country       string
	Email, Phone           string
	Status                 string
	ConvertedOpportunityID *int64
	Score                  int
}

// modelInputs reads the leads that where selects with their newest
// qualification and their number of activities. The count covers all
// the lead's activities, not the recent ones that the rule-based score
// counts, so that long-closed and open leads compare alike.
func modelInputs(tx *gorm.DB, where string, args ...any) ([]app.ScoreInput, error) {
	var rows []modelLeadRow
	err := tx.Raw(`SELECT `+modelLeadColumns+` FROM leads WHERE `+where, args...).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read leads to learn from: %w", err)
	}

	quals, counts, err := leadHistories(tx, where, args...)
	if err != nil {
		return nil, err
	}

	inputs := make([]app.ScoreInput, len(rows))
	for i, r := range rows {
		inputs[i] = app.ScoreInput{
			Lead: app.Lead{
				ID: r.ID, Source: r.Source, Origin: r.Origin, Campaign: r.Campaign, Industry: r.Industry,
				SizeBand: app.SizeBand(r.SizeBand), Region: r.Region, Persona: r.Persona, Country: r.Country,
				Email: r.Email, Phone: r.Phone, Status: app.LeadStatus(r.Status),
				ConvertedOpportunityID: idOf(r.ConvertedOpportunityID), Score: r.Score,
			},
			Qualification:    quals[r.ID],
			RecentActivities: counts[r.ID],
		}
	}

	return inputs, nil
}

// leadHistories returns the newest qualification and the activity count
// of each lead that where selects.
func leadHistories(tx *gorm.DB, where string, args ...any) (map[int64]*app.Qualification, map[int64]int, error) {
	selected := `SELECT id FROM leads WHERE ` + where

	// Rows come oldest first, so the last one per lead stays in the map.
	var rows []qualificationRow
	err := tx.Raw(`SELECT * FROM qualifications WHERE lead_id IN (`+selected+`) ORDER BY lead_id, created_at, id`, args...).
		Scan(&rows).Error
	if err != nil {
		return nil, nil, fmt.Errorf("read qualifications to learn from: %w", err)
	}

	quals := map[int64]*app.Qualification{}
	for _, r := range rows {
		q := r.toApp()
		quals[r.LeadID] = &q
	}

	var counts []struct {
		LeadID int64
		N      int
	}
	err = tx.Raw(`SELECT lead_id, COUNT(*) AS n FROM activities WHERE lead_id IN (`+selected+`) GROUP BY lead_id`, args...).
		Scan(&counts).Error
	if err != nil {
		return nil, nil, fmt.Errorf("count activities to learn from: %w", err)
	}

	byLead := make(map[int64]int, len(counts))
	for _, c := range counts {
		byLead[c.LeadID] = c.N
	}

	return quals, byLead, nil
}

package data

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// settingLeadPredictions is the settings key of the last refresh's
// summary and the state of the data it computed from.
const settingLeadPredictions = "lead_predictions"

// refreshBatch is how many open leads a refresh reads and writes at a
// time, and so how often it checks for a cancel and reports progress.
const refreshBatch = 500

// openLeadsWhere is the condition of [app.IsOpenLead] without a table
// alias.
const openLeadsWhere = "status IN ('new', 'contacted', 'nurturing', 'qualified')"

// leadWeightJSON is the stored form of one [app.LeadWeight], in
// leads.predicted_reasons and in the refresh summary. The tags fix the
// stored names.
type leadWeightJSON struct {
	Attribute string  `json:"attribute"`
	Value     string  `json:"value"`
	Rare      bool    `json:"rare,omitempty"`
	Weight    float64 `json:"weight"`
	Leads     int     `json:"leads"`
}

// predictionsJSON is the stored summary of the last refresh. State is
// predictionState at the time the refresh began.
type predictionsJSON struct {
	State         string           `json:"state"`
	RefreshedAt   time.Time        `json:"refreshed_at"`
	Learned       bool             `json:"learned"`
	Closed        int              `json:"closed"`
	Converted     int              `json:"converted"`
	Lost          int              `json:"lost"`
	Strongest     []leadWeightJSON `json:"strongest"`
	Predicted     int              `json:"predicted"`
	Valued        int              `json:"valued"`
	WonDeals      int              `json:"won_deals"`
	ValueCurrency string           `json:"value_currency"`
}

func encodeWeights(weights []app.LeadWeight) []leadWeightJSON {
	stored := make([]leadWeightJSON, 0, len(weights))
	for _, w := range weights {
		stored = append(stored, leadWeightJSON(w))
	}

	return stored
}

func weightsOf(stored []leadWeightJSON) []app.LeadWeight {
	weights := make([]app.LeadWeight, 0, len(stored))
	for _, w := range stored {
		weights = append(weights, app.LeadWeight(w))
	}

	return weights
}

// weightsText encodes weights for leads.predicted_reasons. It fails on
// a NaN or infinite weight, which JSON cannot hold.
func weightsText(weights []app.LeadWeight) (string, error) {
	text, err := json.Marshal(encodeWeights(weights))
	if err != nil {
		return "", fmt.Errorf("encode learned reasons: %w", err)
	}

	return string(text), nil
}

// decodeWeights reads leads.predicted_reasons, where "" means none.
func decodeWeights(text string, leadID int64) ([]app.LeadWeight, error) {
	if text == "" {
		return nil, nil
	}

	var stored []leadWeightJSON
	if err := json.Unmarshal([]byte(text), &stored); err != nil {
		return nil, fmt.Errorf("read learned reasons of lead %d: %w", leadID, err)
	}

	return weightsOf(stored), nil
}

func (p predictionsJSON) toApp() app.LeadModelSummary {
	return app.LeadModelSummary{
		Learned: p.Learned, Closed: p.Closed, Converted: p.Converted, Lost: p.Lost,
		Strongest: weightsOf(p.Strongest), Predicted: p.Predicted, Valued: p.Valued,
		WonDeals: p.WonDeals, ValueCurrency: p.ValueCurrency, RefreshedAt: p.RefreshedAt.UTC(),
	}
}

// RefreshLeadPredictions learns a model from the closed leads (through
// the cache of [Store.LeadModel]) and stores every open lead's learned
// chance, its three strongest reasons and its expected value, in batches
// of refreshBatch leads, each in its own transaction. Leads that are not
// open lose theirs. With too short a history no lead gets a learned
// chance, the values use the rule-based score instead, and the summary
// carries the counts. A cancelled ctx stops after the current batch:
// the batches written so far stay, the summary stays that of the last
// complete refresh, and [Store.LeadPredictionStatus] reports it stale.
func (s *Store) RefreshLeadPredictions(ctx context.Context, progress app.Progress) (app.LeadModelSummary, error) {
	start := time.Now()
	db := s.db.WithContext(ctx)

	// The state is read before learning, so a change made while this
	// refresh runs leaves the stored state behind and calls for another.
	state, err := predictionState(db)
	if err != nil {
		return app.LeadModelSummary{}, err
	}

	stored := predictionsJSON{State: state, RefreshedAt: s.now()}
	model, err := s.LeadModel(ctx)
	var tooFew *app.TooFewClosedLeadsError
	switch {
	case errors.As(err, &tooFew):
		stored.Closed, stored.Converted, stored.Lost = tooFew.Closed, tooFew.Converted, tooFew.Lost
	case err != nil:
		return app.LeadModelSummary{}, err
	default:
		stored.Learned = true
		stored.Closed, stored.Converted, stored.Lost = model.Trained, model.Converted, model.Trained-model.Converted
		stored.Strongest = encodeWeights(model.StrongestWeights(app.MaxSummaryWeights))
	}

	sizes, err := dealSizes(db)
	if err != nil {
		return app.LeadModelSummary{}, err
	}
	stored.WonDeals, stored.ValueCurrency = sizes.WonDeals(), sizes.Currency

	// The store has one connection, so other queries, such as the lead
	// list's, wait for a write transaction. One batch per transaction
	// lets them in between batches instead of after the whole refresh.
	if err := writePredictions(ctx, db, model, sizes, &stored, progress); err != nil {
		return app.LeadModelSummary{}, fmt.Errorf("store learned lead chances: %w", err)
	}

	slog.Info("lead predictions refreshed", "learned", stored.Learned, "closed", stored.Closed,
		"predicted", stored.Predicted, "valued", stored.Valued, "duration", time.Since(start))

	return stored.toApp(), nil
}

// writePredictions clears the stored predictions of leads that are not
// open, writes those of every open lead batch by batch, one transaction
// each, and saves the summary in stored last.
func writePredictions(ctx context.Context, db *gorm.DB, model *app.LeadModel, sizes app.DealSizes,
	stored *predictionsJSON, progress app.Progress) error {
	// Open leads are all written below, so only the others are cleared,
	// which spares every open lead a second change to six indexes.
	err := db.Exec(`UPDATE leads SET predicted = NULL, predicted_reasons = '', lead_value_minor = NULL,
		lead_value_currency = '' WHERE NOT (` + openLeadsWhere + `)
		AND (predicted IS NOT NULL OR lead_value_minor IS NOT NULL)`).Error
	if err != nil {
		return fmt.Errorf("clear stored predictions: %w", err)
	}

	var total int
	if err := db.Raw(`SELECT COUNT(*) FROM leads WHERE ` + openLeadsWhere).Scan(&total).Error; err != nil {
		return fmt.Errorf("count open leads: %w", err)
	}

	done, after := 0, int64(0)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}

		n, last, err := writeNextBatch(db, after, model, sizes, stored)
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}

		done, after = done+n, last
		if progress != nil {
			progress(done, total)
		}
	}

	return writeSetting(db, settingLeadPredictions, stored, stored.RefreshedAt)
}

// writeNextBatch writes the predictions of up to refreshBatch open leads
// with an id above after in one transaction. It returns how many it wrote
// and the last of their ids.
func writeNextBatch(db *gorm.DB, after int64, model *app.LeadModel, sizes app.DealSizes,
	stored *predictionsJSON) (int, int64, error) {
	var ids []int64
	err := db.Transaction(func(tx *gorm.DB) error {
		err := tx.Raw(`SELECT id FROM leads WHERE `+openLeadsWhere+` AND id > ? ORDER BY id LIMIT ?`,
			after, refreshBatch).Scan(&ids).Error
		if err != nil {
			return fmt.Errorf("read open lead ids: %w", err)
		}
		if len(ids) == 0 {
			return nil
		}

		return predictBatch(tx, after, ids[len(ids)-1], model, sizes, stored)
	})
	if err != nil || len(ids) == 0 {
		return 0, after, err
	}

	return len(ids), ids[len(ids)-1], nil
}

// predictionRow is one lead's new prediction columns, as predictBatch
// hands them to SQLite in one JSON array.
type predictionRow struct {
	ID         int64    `json:"id"`
	Predicted  *float64 `json:"predicted"`
	Reasons    string   `json:"reasons"`
	ValueMinor *int64   `json:"value_minor"`
	Currency   string   `json:"currency"`
}

// predictBatch computes and writes the predictions of the open leads
// with an id above after, up to and including last.
func predictBatch(tx *gorm.DB, after, last int64, model *app.LeadModel, sizes app.DealSizes,
	stored *predictionsJSON) error {
	inputs, err := modelInputs(tx, openLeadsWhere+" AND id > ? AND id <= ?", after, last)
	if err != nil {
		return err
	}

	rows := make([]predictionRow, 0, len(inputs))
	for _, in := range inputs {
		var predicted *float64
		reasons := ""
		if model != nil {
			p := model.Predict(in)
			predicted = &p.Probability
			if reasons, err = weightsText(p.Reasons); err != nil {
				return fmt.Errorf("lead %d: %w", in.Lead.ID, err)
			}
			stored.Predicted++
		}

		chance, _ := app.LeadChance(in.Lead.Score, predicted)
		var valueMinor *int64
		currency := ""
		if value, ok := sizes.LeadValue(in.Lead.Source, chance); ok {
			valueMinor, currency = &value.Minor, value.Currency
			stored.Valued++
		}

		rows = append(rows, predictionRow{ID: in.Lead.ID, Predicted: predicted, Reasons: reasons,
			ValueMinor: valueMinor, Currency: currency})
	}

	// One JSON parameter in place of five bound values per lead, because
	// the driver binds each value in time proportional to their number.
	text, err := json.Marshal(rows)
	if err != nil {
		return fmt.Errorf("encode learned lead chances: %w", err)
	}

	values := `(SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.predicted') AS predicted,
				json_extract(value, '$.reasons') AS reasons, json_extract(value, '$.value_minor') AS value_minor,
				json_extract(value, '$.currency') AS currency
			FROM json_each(?))`
	if isPostgresDB(tx) {
		values = `(SELECT * FROM json_to_recordset(?::json)
			AS r(id BIGINT, predicted DOUBLE PRECISION, reasons TEXT, value_minor BIGINT, currency TEXT))`
	}
	err = tx.Exec(`UPDATE leads SET predicted = v.predicted, predicted_reasons = v.reasons,
			lead_value_minor = v.value_minor, lead_value_currency = v.currency
		FROM `+values+` AS v
		WHERE leads.id = v.id`, string(text)).Error
	if err != nil {
		return fmt.Errorf("write learned lead chances: %w", err)
	}

	return nil
}

// dealSizes reads the won deals with the lead source each came from: the
// deal's own source, else the source of the lead converted into it.
func dealSizes(db *gorm.DB) (app.DealSizes, error) {
	var rows []struct {
		Source         string
		AmountMinor    int64
		AmountCurrency string
	}
	err := db.Raw(`SELECT COALESCE(NULLIF(o.source, ''),
			(SELECT l.source FROM leads l WHERE l.converted_opportunity_id = o.id ORDER BY l.id LIMIT 1), '') AS source,
			o.amount_minor, o.amount_currency
		FROM opportunities o JOIN stages st ON st.id = o.stage_id
		WHERE st.kind = 'won'`).Scan(&rows).Error
	if err != nil {
		return app.DealSizes{}, fmt.Errorf("read won deals: %w", err)
	}

	deals := make([]app.WonDeal, len(rows))
	for i, r := range rows {
		deals[i] = app.WonDeal{Source: r.Source, Amount: app.Money{Minor: r.AmountMinor, Currency: r.AmountCurrency}}
	}

	return app.NewDealSizes(deals), nil
}

// predictionState sums up what the stored predictions depend on: the
// history the model learns from, the open leads and the won deals.
//
// NOTE: an edit to an open lead changes the state only through its
// score or updated_at, and the stored chance of that lead stays as it
// was until the next refresh.
func predictionState(db *gorm.DB) (string, error) {
	history, err := historyState(db)
	if err != nil {
		return "", err
	}

	var open struct {
		N, MaxID, Scores int64
		Last             string
	}
	err = db.Raw(`SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS max_id, COALESCE(SUM(score), 0) AS scores,
		COALESCE(CAST(MAX(updated_at) AS TEXT), '') AS last FROM leads WHERE ` + openLeadsWhere).Scan(&open).Error
	if err != nil {
		return "", fmt.Errorf("read the state of the open leads: %w", err)
	}

	var won struct {
		N, Amount int64
		Last      string
	}
	err = db.Raw(`SELECT COUNT(*) AS n, COALESCE(SUM(o.amount_minor), 0) AS amount,
		COALESCE(CAST(MAX(o.updated_at) AS TEXT), '') AS last
		FROM opportunities o JOIN stages st ON st.id = o.stage_id WHERE st.kind = 'won'`).Scan(&won).Error
	if err != nil {
		return "", fmt.Errorf("read the state of the won deals: %w", err)
	}

	return fmt.Sprint(history, "|", open.N, "|", open.MaxID, "|", open.Scores, "|", open.Last, "|",
		won.N, "|", won.Amount, "|", won.Last), nil
}

// LeadPredictionStatus returns the summary of the last refresh and
// whether the data it computed from has changed since, or no refresh
// ran yet. Either makes stale true.
func (s *Store) LeadPredictionStatus(ctx context.Context) (app.LeadModelSummary, bool, error) {
	db := s.db.WithContext(ctx)

	var stored predictionsJSON
	found, err := readSetting(db, settingLeadPredictions, &stored)
	if err != nil {
		return app.LeadModelSummary{}, false, err
	}

	state, err := predictionState(db)
	if err != nil {
		return app.LeadModelSummary{}, false, err
	}

	if !found {
		return app.LeadModelSummary{}, true, nil
	}

	return stored.toApp(), stored.State != state, nil
}

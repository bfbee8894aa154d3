package data

import (
	"fmt"

	"leadwerk/app"
)

// opportunityUpdateColumns are the columns a re-import overwrites on an
// existing deal. created_at and source_ref keep their stored values.
var opportunityUpdateColumns = []string{
	"title", "company_id", "contact_id", "pipeline_id", "stage_id", "amount_minor", "amount_currency",
	"probability", "probability_manual", "close_date", "stage_entered_on", "owner", "product", "notes",
	"updated_at",
}

// importOpportunities inserts new deals with their history and
// activities, and updates known deals in place, appending one stage
// change when the stage differs from the stored one. A known deal whose
// columns all equal the batch is left alone and not counted as updated,
// which keeps a repeated import of the same file fast.
func (im *importer) importOpportunities() error {
	known, err := im.storedDeals()
	if err != nil {
		return err
	}

	var fresh []opportunityRow
	var freshIndex []int
	var changes []stageChangeRow
	seen := make(map[string]bool, len(im.batch.Opportunities))
	for i, deal := range im.batch.Opportunities {
		if err := checkUnique(seen, "opportunity", deal.SourceRef); err != nil {
			return err
		}

		row, err := im.opportunityRow(deal)
		if err != nil {
			return err
		}

		stored, ok := known[deal.SourceRef]
		if !ok || deal.SourceRef == "" {
			fresh = append(fresh, row)
			freshIndex = append(freshIndex, i)
			continue
		}

		row.ID = stored.ID
		keepManualProbability(&row, stored, im.stages[deal.Stage], deal.ProbabilityManual)
		if !sameDeal(row, stored) {
			row.UpdatedAt = im.now
			if err := updateRaisingVersion(im.tx, &row, opportunityUpdateColumns); err != nil {
				return fmt.Errorf("update opportunity %q: %w", deal.SourceRef, err)
			}
			im.result.OpportunitiesUpdated++
		}

		if stored.StageID != row.StageID {
			changes = append(changes, stageChangeRow{
				OpportunityID: row.ID, FromStageID: optionalID(stored.StageID), ToStageID: row.StageID,
				At: im.now, AmountMinor: row.AmountMinor, AmountCurrency: row.AmountCurrency,
				Probability: row.Probability, ChangedBy: app.ChangedByImport,
			})
		}
		if err := im.advance(1); err != nil {
			return err
		}
	}

	if err := insertInBatches(im, fresh, true); err != nil {
		return fmt.Errorf("insert opportunities: %w", err)
	}
	im.result.OpportunitiesCreated = len(fresh)

	return im.insertHistoryAndActivities(fresh, freshIndex, changes)
}

func (im *importer) storedDeals() (map[string]opportunityRow, error) {
	var rows []opportunityRow
	if err := im.tx.Where("source_ref <> ''").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read stored opportunities: %w", err)
	}

	deals := make(map[string]opportunityRow, len(rows))
	for _, r := range rows {
		deals[r.SourceRef] = r
	}

	return deals, nil
}

// keepManualProbability keeps the probability a person set by hand on a
// deal that stays open, because the source of a re-import has only the
// stage default. A deal the source closes takes 100 or 0 all the same.
func keepManualProbability(row *opportunityRow, stored opportunityRow, stage app.Stage, batchManual bool) {
	if batchManual || !stored.ProbabilityManual || stage.Kind != app.StageOpen {
		return
	}

	row.Probability = stored.Probability
	row.ProbabilityManual = true
}

// sameDeal reports whether a and b agree on every column an import writes.
func sameDeal(a, b opportunityRow) bool {
	return a.Title == b.Title && idOf(a.CompanyID) == idOf(b.CompanyID) && idOf(a.ContactID) == idOf(b.ContactID) &&
		a.PipelineID == b.PipelineID && a.StageID == b.StageID &&
		a.AmountMinor == b.AmountMinor && a.AmountCurrency == b.AmountCurrency &&
		a.Probability == b.Probability && a.ProbabilityManual == b.ProbabilityManual &&
		a.CloseDate == b.CloseDate && a.StageEnteredOn == b.StageEnteredOn &&
		a.Owner == b.Owner && a.Product == b.Product && a.Notes == b.Notes
}

// opportunityRow resolves a deal's company and stage and computes its
// effective probability. It returns an error naming the deal's
// SourceRef for an unknown stage or company reference.
func (im *importer) opportunityRow(deal app.OpportunityImport) (opportunityRow, error) {
	if deal.Title == "" {
		return opportunityRow{}, fmt.Errorf("opportunity %q has no title: %w", deal.SourceRef, app.ErrInvalid)
	}

	stage, ok := im.stages[deal.Stage]
	if !ok {
		return opportunityRow{}, fmt.Errorf("opportunity %q: stage %q is not in pipeline %q: %w",
			deal.SourceRef, deal.Stage, im.pipeline.Name, app.ErrInvalid)
	}

	row := opportunityToRow(deal.Opportunity)
	row.ID = 0
	row.PipelineID = im.pipeline.ID
	row.StageID = stage.ID
	if deal.CompanyRef != "" {
		id, ok := im.companies[deal.CompanyRef]
		if !ok {
			return opportunityRow{}, fmt.Errorf("opportunity %q: company %q not found: %w",
				deal.SourceRef, deal.CompanyRef, app.ErrInvalid)
		}
		row.CompanyID = &id
	}

	row.Probability = app.EffectiveProbability(stage, deal.ProbabilityManual, deal.Probability)
	if err := app.ValidateProbability(row.Probability); err != nil {
		return opportunityRow{}, fmt.Errorf("opportunity %q: %w", deal.SourceRef, err)
	}

	if row.AmountCurrency == "" {
		row.AmountCurrency = im.pipeline.Currency
	}

	return row, nil
}

// insertHistoryAndActivities stores the stage history and activities of
// the new deals, plus the stage changes of updated ones. A new deal
// without history gets one change into its stage, dated at its creation.
func (im *importer) insertHistoryAndActivities(fresh []opportunityRow, freshIndex []int, changes []stageChangeRow) error {
	var activities []activityRow
	for k, i := range freshIndex {
		deal := im.batch.Opportunities[i]
		row := fresh[k]
		if len(deal.History) == 0 {
			changes = append(changes, stageChangeRow{
				OpportunityID: row.ID, ToStageID: row.StageID, At: row.CreatedAt.UTC(),
				AmountMinor: row.AmountMinor, AmountCurrency: row.AmountCurrency, Probability: row.Probability,
				ChangedBy: app.ChangedByImport,
			})
		}

		for _, h := range deal.History {
			change, err := im.stageChangeRow(deal.SourceRef, row, h)
			if err != nil {
				return err
			}
			changes = append(changes, change)
		}

		for _, a := range deal.Activities {
			ar := activityToRow(a)
			ar.ID = 0
			ar.OpportunityID = &row.ID
			activities = append(activities, ar)
		}
	}

	if err := insertInBatches(im, changes, false); err != nil {
		return fmt.Errorf("insert stage changes: %w", err)
	}

	if err := insertInBatches(im, activities, false); err != nil {
		return fmt.Errorf("insert activities: %w", err)
	}
	im.result.Activities = len(activities)

	return nil
}

func (im *importer) stageChangeRow(ref string, deal opportunityRow, h app.StageChangeImport) (stageChangeRow, error) {
	to, ok := im.stages[h.To]
	if !ok {
		return stageChangeRow{}, fmt.Errorf("opportunity %q: history stage %q is not in pipeline %q: %w",
			ref, h.To, im.pipeline.Name, app.ErrInvalid)
	}

	var from *int64
	if h.From != "" {
		st, ok := im.stages[h.From]
		if !ok {
			return stageChangeRow{}, fmt.Errorf("opportunity %q: history stage %q is not in pipeline %q: %w",
				ref, h.From, im.pipeline.Name, app.ErrInvalid)
		}
		from = &st.ID
	}

	if err := app.ValidateProbability(h.Probability); err != nil {
		return stageChangeRow{}, fmt.Errorf("opportunity %q history: %w", ref, err)
	}

	at := h.At.UTC()
	if h.At.IsZero() {
		at = deal.CreatedAt.UTC()
	}

	currency := h.Amount.Currency
	if currency == "" {
		currency = deal.AmountCurrency
	}

	return stageChangeRow{
		OpportunityID: deal.ID, FromStageID: from, ToStageID: to.ID, At: at,
		AmountMinor: h.Amount.Minor, AmountCurrency: currency, Probability: h.Probability,
		ChangedBy: app.ChangedByImport,
	}, nil
}

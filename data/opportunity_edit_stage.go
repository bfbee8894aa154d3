package data

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"leadwerk/app"
)

// MoveOpportunity moves deal id to stage stageID of its pipeline by
// [app.MoveToStage]: the deal takes the stage's default probability, or
// 100 % in a won stage. A closed deal, a stage of another pipeline and a
// lost stage wrap [app.ErrInvalid]. A lost stage needs the reason that
// CloseOpportunity requires. An unknown deal and an unknown or deleted
// stage wrap [app.ErrNotFound].
func (s *Store) MoveOpportunity(ctx context.Context, id, stageID int64) error {
	err := s.editDeal(ctx, id, func(e *dealEdit) (app.Opportunity, error) {
		to, err := targetStage(e.tx, stageID)
		if err != nil {
			return app.Opportunity{}, err
		}

		return e.moveTo(to)
	})
	if err != nil {
		return fmt.Errorf("move opportunity %d to stage %d: %w", id, stageID, err)
	}

	return nil
}

// moveTo returns the loaded deal moved to stage to by the rules of
// MoveOpportunity.
func (e *dealEdit) moveTo(to app.Stage) (app.Opportunity, error) {
	after, err := app.MoveToStage(e.deal, e.stage, to, e.today())
	if err != nil {
		return app.Opportunity{}, err
	}

	if to.PipelineID != e.deal.PipelineID {
		return app.Opportunity{}, fmt.Errorf("stage %s belongs to another pipeline than deal %q: %w",
			to.Name, e.deal.Title, app.ErrInvalid)
	}

	if to.Kind == app.StageLost && to.ID != e.stage.ID {
		return app.Opportunity{}, fmt.Errorf("deal %q needs a reason to move to lost stage %s: close it as lost: %w",
			e.deal.Title, to.Name, app.ErrInvalid)
	}

	return after, nil
}

// SetOpportunityProbability stores a probability the person typed, marked
// as set by hand until the stage changes or ResetOpportunityProbability
// runs. A closed deal or a percent outside 0 to 100 wraps
// [app.ErrInvalid].
func (s *Store) SetOpportunityProbability(ctx context.Context, id int64, percent int) error {
	err := s.editDeal(ctx, id, func(e *dealEdit) (app.Opportunity, error) {
		return app.SetProbabilityByHand(e.deal, e.stage, percent)
	})
	if err != nil {
		return fmt.Errorf("set probability of opportunity %d to %d %%: %w", id, percent, err)
	}

	return nil
}

// ResetOpportunityProbability returns deal id to its stage's default
// probability and clears the mark of a hand-set one.
func (s *Store) ResetOpportunityProbability(ctx context.Context, id int64) error {
	err := s.editDeal(ctx, id, func(e *dealEdit) (app.Opportunity, error) {
		return app.ResetProbability(e.deal, e.stage), nil
	})
	if err != nil {
		return fmt.Errorf("reset probability of opportunity %d: %w", id, err)
	}

	return nil
}

// CloseOpportunity moves an open deal to the first won or lost stage of
// its pipeline by position and stores the reason, competitor and note.
// The chosen competitor takes the status [app.CompetitorStatusOnClose]
// gives it, and a competitor named but not listed is added to the deal's
// competitors. The deal's other competitors keep their status. A request
// [app.CheckClose] rejects, a deal that is already closed and a pipeline
// without such a stage wrap [app.ErrInvalid]. A CompetitorID of another
// deal wraps [app.ErrNotFound].
func (s *Store) CloseOpportunity(ctx context.Context, id int64, r app.CloseRequest) error {
	kind := app.StageLost
	if r.Won {
		kind = app.StageWon
	}

	if err := app.CheckClose(r); err != nil {
		return fmt.Errorf("close opportunity %d as %s: %w", id, kind, err)
	}

	err := s.editDeal(ctx, id, func(e *dealEdit) (app.Opportunity, error) {
		if e.stage.Kind != app.StageOpen {
			return app.Opportunity{}, fmt.Errorf("deal %q is already %s: reopen it first: %w",
				e.deal.Title, e.stage.Kind, app.ErrInvalid)
		}

		to, err := closingStage(e.tx, e.deal.PipelineID, kind)
		if err != nil {
			return app.Opportunity{}, err
		}

		after, err := app.MoveToStage(e.deal, e.stage, to, e.today())
		if err != nil {
			return app.Opportunity{}, err
		}
		after.CloseReason = strings.TrimSpace(r.Reason)
		after.CloseNote = r.Note

		after.CloseCompetitor, err = markCompetitor(e.tx, e.deal, r)
		if err != nil {
			return app.Opportunity{}, err
		}

		return after, nil
	})
	if err != nil {
		return fmt.Errorf("close opportunity %d as %s: %w", id, kind, err)
	}

	return nil
}

// markCompetitor gives the competitor that r chooses the status that
// closing gives it, first adding a competitor that r names but the deal
// does not list. It returns the competitor's stored name, or "" when r
// chooses none.
func markCompetitor(tx *gorm.DB, deal app.Opportunity, r app.CloseRequest) (string, error) {
	chosen, err := chosenCompetitor(tx, deal, r)
	if err != nil || chosen.Name == "" {
		return "", err
	}

	chosen.Status = string(app.CompetitorStatusOnClose(r.Won))
	if chosen.ID == 0 {
		if errs := app.ValidateCompetitor(chosen.toApp()); len(errs) > 0 {
			return "", partiesError("competitor", errs)
		}

		if err := tx.Create(&chosen).Error; err != nil {
			return "", fmt.Errorf("add competitor %q to deal %q: %w", chosen.Name, deal.Title, err)
		}

		return chosen.Name, nil
	}

	err = tx.Model(&competitorRow{}).Where("id = ?", chosen.ID).Update("status", chosen.Status).Error
	if err != nil {
		return "", fmt.Errorf("set status of competitor %d to %s: %w", chosen.ID, chosen.Status, err)
	}

	return chosen.Name, nil
}

// chosenCompetitor returns the deal's competitor that r chooses by id or
// by name, a new row when the name matches none of them, or the zero row
// when r chooses none.
func chosenCompetitor(tx *gorm.DB, deal app.Opportunity, r app.CloseRequest) (competitorRow, error) {
	var rows []competitorRow
	if err := tx.Where("opportunity_id = ?", deal.ID).Order("name COLLATE NOCASE, id").Find(&rows).Error; err != nil {
		return competitorRow{}, fmt.Errorf("read competitors of deal %q: %w", deal.Title, err)
	}

	if r.CompetitorID != 0 {
		for _, row := range rows {
			if row.ID == r.CompetitorID {
				return row, nil
			}
		}

		return competitorRow{}, fmt.Errorf("competitor %d is not listed on deal %q: choose one of its competitors: %w",
			r.CompetitorID, deal.Title, app.ErrNotFound)
	}

	listed := make([]app.Competitor, len(rows))
	for i, row := range rows {
		listed[i] = row.toApp()
	}

	if found, ok := app.FindCompetitor(listed, r.Competitor); ok {
		return competitorRow{ID: found.ID, OpportunityID: deal.ID, Name: found.Name, Strengths: found.Strengths,
			Weaknesses: found.Weaknesses, Status: string(found.Status)}, nil
	}

	return competitorRow{OpportunityID: deal.ID, Name: strings.TrimSpace(r.Competitor)}, nil
}

// closingStage returns the pipeline's first stage of kind by position,
// leaving out deleted stages.
func closingStage(tx *gorm.DB, pipelineID int64, kind app.StageKind) (app.Stage, error) {
	var row stageRow
	err := tx.Where("pipeline_id = ? AND kind = ? AND deleted_at IS NULL", pipelineID, string(kind)).
		Order("position, id").Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return app.Stage{}, fmt.Errorf("pipeline %d has no %s stage: add one to the pipeline's stages: %w",
			pipelineID, kind, app.ErrInvalid)
	}
	if err != nil {
		return app.Stage{}, fmt.Errorf("read %s stage of pipeline %d: %w", kind, pipelineID, err)
	}

	return row.toApp(), nil
}

// ReopenOpportunity returns a won or lost deal to the open stage stageID
// of its pipeline at that stage's default probability and clears the
// close reason, competitor and note. The competitor that won a lost deal
// becomes active again. An open deal and a closed stage or one of
// another pipeline wrap [app.ErrInvalid]. An unknown or deleted stage
// wraps [app.ErrNotFound].
func (s *Store) ReopenOpportunity(ctx context.Context, id, stageID int64) error {
	err := s.editDeal(ctx, id, func(e *dealEdit) (app.Opportunity, error) {
		if e.stage.Kind == app.StageOpen {
			return app.Opportunity{}, fmt.Errorf("deal %q is open in stage %s, so there is nothing to reopen: %w",
				e.deal.Title, e.stage.Name, app.ErrInvalid)
		}

		to, err := targetStage(e.tx, stageID)
		if err != nil {
			return app.Opportunity{}, err
		}

		if to.Kind != app.StageOpen || to.PipelineID != e.deal.PipelineID {
			return app.Opportunity{}, fmt.Errorf("stage %s is not an open stage of the pipeline of deal %q: "+
				"choose one of its open stages: %w", to.Name, e.deal.Title, app.ErrInvalid)
		}

		if err := reactivateWinner(e.tx, e.deal, e.stage); err != nil {
			return app.Opportunity{}, err
		}

		after := app.ResetProbability(e.deal, to)
		after.StageID = to.ID
		after.StageEnteredOn = e.today()
		after.CloseReason, after.CloseCompetitor, after.CloseNote = "", "", ""

		return after, nil
	})
	if err != nil {
		return fmt.Errorf("reopen opportunity %d in stage %d: %w", id, stageID, err)
	}

	return nil
}

// reactivateWinner sets the competitor that won a lost deal back to active.
// It finds the competitor by the name stored when the deal was closed.
// NOTE: a competitor renamed after the close keeps its status "won the
// deal", because nothing else links it to the close.
func reactivateWinner(tx *gorm.DB, deal app.Opportunity, stage app.Stage) error {
	if stage.Kind != app.StageLost || deal.CloseCompetitor == "" {
		return nil
	}

	err := tx.Model(&competitorRow{}).
		Where("opportunity_id = ? AND name = ? AND status = ?", deal.ID, deal.CloseCompetitor, string(app.CompetitorWonDeal)).
		Update("status", string(app.CompetitorActive)).Error
	if err != nil {
		return fmt.Errorf("set the winner of deal %q back to active: %w", deal.Title, err)
	}

	return nil
}

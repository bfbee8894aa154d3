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
// CloseOpportunity requires. An unknown deal or stage wraps
// [app.ErrNotFound].
func (s *Store) MoveOpportunity(ctx context.Context, id, stageID int64) error {
	err := s.editDeal(ctx, id, func(e *dealEdit) (app.Opportunity, error) {
		to, err := dealStageByID(e.tx, stageID)
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
// A request [app.CheckClose] rejects, a deal that is already closed and a
// pipeline without such a stage wrap [app.ErrInvalid].
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
		after.CloseCompetitor = strings.TrimSpace(r.Competitor)
		after.CloseNote = r.Note

		return after, nil
	})
	if err != nil {
		return fmt.Errorf("close opportunity %d as %s: %w", id, kind, err)
	}

	return nil
}

// closingStage returns the pipeline's first stage of kind by position.
func closingStage(tx *gorm.DB, pipelineID int64, kind app.StageKind) (app.Stage, error) {
	var row stageRow
	err := tx.Where("pipeline_id = ? AND kind = ?", pipelineID, string(kind)).Order("position, id").Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return app.Stage{}, fmt.Errorf("pipeline %d has no %s stage: set one in the pipeline's stages: %w",
			pipelineID, kind, app.ErrInvalid)
	}
	if err != nil {
		return app.Stage{}, fmt.Errorf("read %s stage of pipeline %d: %w", kind, pipelineID, err)
	}

	return row.toApp(), nil
}

// ReopenOpportunity returns a won or lost deal to the open stage stageID
// of its pipeline at that stage's default probability and clears the
// close reason, competitor and note. An open deal and a closed stage or
// one of another pipeline wrap [app.ErrInvalid].
func (s *Store) ReopenOpportunity(ctx context.Context, id, stageID int64) error {
	err := s.editDeal(ctx, id, func(e *dealEdit) (app.Opportunity, error) {
		if e.stage.Kind == app.StageOpen {
			return app.Opportunity{}, fmt.Errorf("deal %q is open in stage %s, so there is nothing to reopen: %w",
				e.deal.Title, e.stage.Name, app.ErrInvalid)
		}

		to, err := dealStageByID(e.tx, stageID)
		if err != nil {
			return app.Opportunity{}, err
		}

		if to.Kind != app.StageOpen || to.PipelineID != e.deal.PipelineID {
			return app.Opportunity{}, fmt.Errorf("stage %s is not an open stage of the pipeline of deal %q: "+
				"choose one of its open stages: %w", to.Name, e.deal.Title, app.ErrInvalid)
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

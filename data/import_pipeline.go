package data

import (
	"errors"
	"fmt"

	"gorm.io/gorm"

	"leadwerk/app"
)

// resolvePipeline finds the batch's pipeline by name, creating it with its
// stages when absent, and adds the batch's stages it lacks after its last
// stage. Existing stages keep their probability and kind. A batch without
// opportunities may leave the pipeline name empty.
func (im *importer) resolvePipeline() error {
	p := im.batch.Pipeline
	if p.Name == "" {
		if len(im.batch.Opportunities) > 0 {
			return fmt.Errorf("batch has opportunities but no pipeline name: %w", app.ErrInvalid)
		}

		return nil
	}

	var row pipelineRow
	err := im.tx.Where("name = ?", p.Name).Take(&row).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		im.pipeline, err = im.createPipeline(p)
		if err != nil {
			return err
		}
	case err != nil:
		return fmt.Errorf("find pipeline %q: %w", p.Name, err)
	default:
		if im.pipeline, err = im.extendPipeline(row, p.Stages); err != nil {
			return err
		}
	}

	im.stages = make(map[string]app.Stage, len(im.pipeline.Stages))
	for _, st := range im.pipeline.Stages {
		im.stages[st.Name] = st
	}

	return nil
}

func (im *importer) createPipeline(p app.Pipeline) (app.Pipeline, error) {
	if p.Currency == "" {
		return app.Pipeline{}, fmt.Errorf("pipeline %q has no currency: %w", p.Name, app.ErrInvalid)
	}

	var last int
	if err := im.tx.Raw("SELECT COALESCE(MAX(position), -1) FROM pipelines").Scan(&last).Error; err != nil {
		return app.Pipeline{}, fmt.Errorf("read pipeline positions: %w", err)
	}
	p.Position = last + 1

	return createPipeline(im.tx, p)
}

func (im *importer) extendPipeline(row pipelineRow, batchStages []app.Stage) (app.Pipeline, error) {
	// A stage the person deleted comes back when the source still uses
	// it, so imported deals never land in a hidden stage.
	names := make([]string, len(batchStages))
	for i, st := range batchStages {
		names[i] = st.Name
	}
	if len(names) > 0 {
		err := im.tx.Exec("UPDATE stages SET deleted_at = NULL WHERE pipeline_id = ? AND name IN ? AND deleted_at IS NOT NULL",
			row.ID, names).Error
		if err != nil {
			return app.Pipeline{}, fmt.Errorf("restore stages of pipeline %q: %w", row.Name, err)
		}
	}

	var stages []stageRow
	if err := im.tx.Where("pipeline_id = ?", row.ID).Order("position, id").Find(&stages).Error; err != nil {
		return app.Pipeline{}, fmt.Errorf("read stages of pipeline %q: %w", row.Name, err)
	}

	p := app.Pipeline{ID: row.ID, Name: row.Name, Position: row.Position, Currency: row.Currency}
	known := make(map[string]bool, len(stages))
	next := 0
	for _, st := range stages {
		p.Stages = append(p.Stages, st.toApp())
		known[st.Name] = true
		next = max(next, st.Position+1)
	}

	for _, st := range batchStages {
		if known[st.Name] {
			continue
		}

		created, err := createStage(im.tx, row.ID, next, st)
		if err != nil {
			return app.Pipeline{}, fmt.Errorf("add stage to pipeline %q: %w", row.Name, err)
		}
		p.Stages = append(p.Stages, created)
		known[st.Name] = true
		next++
	}

	return p, nil
}

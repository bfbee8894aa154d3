package data

import (
	"fmt"
	"strings"

	"leadwerk/app"
	"leadwerk/app/mapping"
)

// defaultCurrency is the currency of amounts without one when the
// database has no pipeline to take it from.
const defaultCurrency = "EUR"

// newStageProbability is the probability of a created open stage when no
// row of the file gives one.
const newStageProbability = 10

// loadPipeline finds the plan's pipeline, or the first one when the plan
// names none.
func (fi *fileImport) loadPipeline() error {
	pipelines, err := loadPipelines(fi.tx)
	if err != nil {
		return err
	}

	for _, p := range pipelines {
		if fi.plan.Pipeline == "" || strings.EqualFold(p.Name, fi.plan.Pipeline) {
			fi.pipeline = p
			return nil
		}
	}

	if fi.plan.Pipeline != "" {
		return fmt.Errorf("pipeline %q not found; choose one of the pipelines under Settings: %w",
			fi.plan.Pipeline, app.ErrInvalid)
	}
	fi.pipeline.Currency = defaultCurrency

	return nil
}

// scanStage resolves the stage of a deal row in the first pass. A stage
// that matches none is listed once, and in a strict import its rows are
// rejected.
func (fi *fileImport) scanStage(rec mapping.Record) error {
	name := rec.Deal.Stage
	if name == "" {
		return nil
	}

	if _, known := fi.stages[name]; known {
		return nil
	}

	if st, ok := fi.findStage(name); ok {
		fi.stages[name] = st
		return nil
	}

	if !containsString(fi.report.UnknownStages, name) {
		fi.report.UnknownStages = append(fi.report.UnknownStages, name)
		if fi.newStages == nil {
			fi.newStages = map[string]int{}
		}
		fi.newStages[name] = -1
	}
	if rec.Deal.HasProbability && fi.newStages[name] < 0 {
		fi.newStages[name] = rec.Deal.Probability
	}

	if fi.plan.Strict {
		fi.reject(mapping.Rejection{Line: rec.Line, Column: fi.stageColumn(), Reason: mapping.ReasonUnknownStage,
			Value: name})
	}

	return nil
}

func (fi *fileImport) stageColumn() string {
	if i := fi.plan.Mapping.Field(mapping.FieldStage); i >= 0 {
		return fi.plan.Mapping.Columns[i].Name
	}

	return ""
}

// findStage returns the stage the person mapped name to, else the one
// [mapping.MatchStage] finds.
func (fi *fileImport) findStage(name string) (app.Stage, bool) {
	if target, ok := fi.plan.Stages[name]; ok {
		for _, st := range fi.pipeline.Stages {
			if strings.EqualFold(st.Name, target) {
				return st, true
			}
		}
	}

	return mapping.MatchStage(name, fi.pipeline.Stages)
}

// resolveStages creates the unknown stages of an import that is not
// strict: an open stage before the first closed one, with the first
// probability the file gives it, and a won or lost stage at the end. A dry
// run only reports them.
func (fi *fileImport) resolveStages() error {
	if fi.plan.Strict || len(fi.report.UnknownStages) == 0 {
		return nil
	}

	for _, name := range fi.report.UnknownStages {
		st := app.Stage{Name: name, Kind: mapping.StageKindOf(name), Probability: fi.newStages[name]}
		if st.Probability < 0 {
			st.Probability = map[app.StageKind]int{app.StageOpen: newStageProbability, app.StageWon: 100}[st.Kind]
		}
		if !fi.write {
			fi.stages[name] = st
			continue
		}

		created, err := fi.createStage(st)
		if err != nil {
			return err
		}
		fi.stages[name] = created
		fi.report.CreatedStages = append(fi.report.CreatedStages, name)
	}

	return nil
}

func (fi *fileImport) createStage(st app.Stage) (app.Stage, error) {
	if fi.pipeline.ID == 0 {
		return app.Stage{}, fmt.Errorf("stage %q: the database has no pipeline: %w", st.Name, app.ErrInvalid)
	}

	var position int
	err := fi.tx.Raw(`SELECT COALESCE(MAX(position), -1) + 1 FROM stages WHERE pipeline_id = ?`, fi.pipeline.ID).
		Scan(&position).Error
	if err != nil {
		return app.Stage{}, fmt.Errorf("read stage positions: %w", err)
	}

	if st.Kind == app.StageOpen {
		err = fi.tx.Raw(`SELECT COALESCE(MIN(position), ?) FROM stages WHERE pipeline_id = ? AND kind <> 'open'`,
			position, fi.pipeline.ID).Scan(&position).Error
		if err == nil {
			err = fi.tx.Exec(`UPDATE stages SET position = position + 1 WHERE pipeline_id = ? AND position >= ?`,
				fi.pipeline.ID, position).Error
		}
		if err != nil {
			return app.Stage{}, fmt.Errorf("make room for stage %q: %w", st.Name, err)
		}
	}

	created, err := createStage(fi.tx, fi.pipeline.ID, position, st)
	if err != nil {
		return app.Stage{}, err
	}
	fi.pipeline.Stages = append(fi.pipeline.Stages, created)

	return created, nil
}

// stageOf returns the stage of a deal row: the resolved stage of its
// name, or the pipeline's first stage for a row without one.
func (fi *fileImport) stageOf(rec mapping.Record) (app.Stage, error) {
	if rec.Deal.Stage != "" {
		return fi.stages[rec.Deal.Stage], nil
	}

	if len(fi.pipeline.Stages) == 0 {
		return app.Stage{}, fmt.Errorf("the database has no pipeline for the deal %q: %w", rec.Deal.Title, app.ErrInvalid)
	}

	return fi.pipeline.Stages[0], nil
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}

	return false
}

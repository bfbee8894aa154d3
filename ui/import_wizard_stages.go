package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/app/mapping"
	"leadwerk/app/tabular"
)

// maxStageNames is how many different stage names the stage step reads
// from a file. More usually means the stage field is on the wrong column.
const maxStageNames = 200

// wizardStagesPage is the fourth step, for deals: the pipeline they go
// to, and for each stage name of the file that matches none of its
// stages, the stage it means or "create".
type wizardStagesPage struct {
	w         *importWizard
	pipelines []app.Pipeline
	names     []string

	pipeline *widget.Select
	rows     *fyne.Container
	status   *widget.Label
	content  fyne.CanvasObject
}

func newWizardStagesPage(w *importWizard) *wizardStagesPage {
	p := &wizardStagesPage{w: w}
	p.pipeline = widget.NewSelect(nil, p.onPipelineChosen)
	p.rows = container.NewGridWithColumns(2)
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord

	top := container.NewVBox(
		container.NewHBox(widget.NewLabel(lang.X("importwizard.stages.pipeline", "Sales process")), p.pipeline),
		p.status)
	p.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(p.rows))

	return p
}

// load reads the pipelines and the file's stage names in a goroutine.
func (p *wizardStagesPage) load() {
	_, gen := p.w.startJob()
	plan := p.w.plan
	p.status.SetText(lang.X("importwizard.stages.reading", "Reading the stages of the file…"))
	p.rows.Objects = nil
	p.rows.Refresh()
	p.w.updateButtons()

	go func() {
		pipelines, err := p.w.store.Pipelines(context.Background())
		var names []string
		if err == nil {
			names, err = readStageNames(plan)
		}

		p.w.do(func() {
			if !p.w.finishJob(gen) {
				return
			}
			p.w.updateButtons()
			if err != nil {
				p.status.SetText("")
				p.w.errors.report(lang.X("importwizard.stages.failed",
					"The stages could not be read. The log file has the details."), err)
				return
			}
			p.pipelines, p.names = pipelines, names
			p.show()
		})
	}()
}

// readStageNames returns the different non-empty cells of the stage
// column, in the order they first appear, at most maxStageNames.
func readStageNames(plan mapping.Plan) ([]string, error) {
	column := plan.Mapping.Field(mapping.FieldStage)
	reader, _, err := tabular.Open(plan.Path, &plan.Dialect)
	if err != nil {
		return nil, err
	}
	defer reader.Close()

	var names []string
	for len(names) < maxStageNames {
		row, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}

		var cellErr *tabular.CellError
		if err != nil && !errors.As(err, &cellErr) {
			return nil, fmt.Errorf("read the stages of %s: %w", plan.Path, err)
		}
		if column >= len(row.Cells) {
			continue
		}

		name := strings.TrimSpace(row.Cells[column])
		if name != "" && !tabular.IsPlaceholder(name) && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}

	return names, nil
}

// chosenPipeline returns the pipeline the plan names, or the first.
func (p *wizardStagesPage) chosenPipeline() (app.Pipeline, bool) {
	for _, pipeline := range p.pipelines {
		if p.w.preset.Pipeline == "" || strings.EqualFold(pipeline.Name, p.w.preset.Pipeline) {
			return pipeline, true
		}
	}

	return app.Pipeline{}, false
}

// show lists the unknown stage names of the chosen pipeline.
func (p *wizardStagesPage) show() {
	names := make([]string, len(p.pipelines))
	for i, pipeline := range p.pipelines {
		names[i] = pipeline.Name
	}
	pipeline, ok := p.chosenPipeline()
	p.pipeline.Options = names
	p.pipeline.Selected = pipeline.Name
	p.pipeline.Refresh()

	p.rows.Objects = nil
	unknown := 0
	for _, name := range p.names {
		if _, matched := mapping.MatchStage(name, pipeline.Stages); matched {
			continue
		}

		unknown++
		p.rows.Add(widget.NewLabel(name))
		p.rows.Add(p.stageSelect(name, pipeline))
	}
	p.rows.Refresh()

	switch {
	case !ok:
		p.status.SetText(lang.X("importwizard.stages.no_pipeline",
			"The database has no sales process. Add one under Settings → Sales processes first."))
	case unknown == 0:
		p.status.SetText(lang.X("importwizard.stages.all_known",
			"Every stage of the file matches a stage of {{.Pipeline}}.", map[string]any{"Pipeline": pipeline.Name}))
	default:
		p.status.SetText(lang.X("importwizard.stages.unknown",
			"These stages of the file are not in {{.Pipeline}}. Choose the stage each one means, or let the import create it.",
			map[string]any{"Pipeline": pipeline.Name}))
	}
}

// stageSelect offers "create" and the stages of pipeline for a stage
// name of the file.
func (p *wizardStagesPage) stageSelect(name string, pipeline app.Pipeline) *widget.Select {
	create := lang.X("importwizard.stages.create", "Create as a new stage")
	options := []string{create}
	for _, st := range pipeline.Stages {
		options = append(options, st.Name)
	}

	sel := widget.NewSelect(options, func(choice string) {
		p.onStageChosen(name, choice, choice == create)
	})
	sel.Selected = create
	if target, ok := p.w.preset.Stages[name]; ok && slices.Contains(options[1:], target) {
		sel.Selected = target
	}

	return sel
}

func (p *wizardStagesPage) onStageChosen(name, target string, create bool) {
	stages := maps.Clone(p.w.preset.Stages)
	if stages == nil {
		stages = map[string]string{}
	}

	if create {
		delete(stages, name)
	} else {
		stages[name] = target
	}
	p.w.preset.Stages = stages
	p.w.plan.Stages = stages
}

// onPipelineChosen lists the unknown stages again for the new pipeline,
// whose stages are other ones.
func (p *wizardStagesPage) onPipelineChosen(name string) {
	if name == p.w.preset.Pipeline {
		return
	}

	p.w.preset.Pipeline = name
	p.w.preset.Stages = nil
	p.w.plan.Pipeline = name
	p.w.plan.Stages = nil
	p.show()
}

package ui

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"

	"leadwerk/app/mapping"
	"leadwerk/app/tabular"
)

// previewRows is how many data rows the settings step shows.
const previewRows = 20

// wizardPreview is the start of a file as the current settings read it.
type wizardPreview struct {
	header []string
	// columns holds the detected format of each column, in header order.
	columns []tabular.Column
	rows    [][]string
}

// wizardInput is a copy of the wizard's choices that a goroutine reads
// the file with.
type wizardInput struct {
	path   string
	preset mapping.Preset
	edits  map[string]mapping.Field
}

// wizardRead is the result of reading a file with a wizardInput.
type wizardRead struct {
	plan mapping.Plan
	// unknownKind reports that the header names no kind, so plan has a
	// dialect but no mapping until the person chooses one.
	unknownKind bool
	preview     wizardPreview
	err         error
}

func (w *importWizard) input() wizardInput {
	return wizardInput{path: w.path, preset: w.preset, edits: maps.Clone(w.edits)}
}

// readWizardFile detects the file's dialect and mapping under the
// person's choices and reads the preview rows. It does file I/O, so it
// runs off the UI goroutine.
func readWizardFile(in wizardInput) wizardRead {
	plan, err := mapping.Prepare(in.path, in.preset, in.preset.Kind)
	unknownKind := errors.Is(err, mapping.ErrUnknownKind)
	if unknownKind {
		plan = mapping.Plan{Path: in.path, Formats: in.preset.Formats}
		hint := tabular.Dialect{Encoding: in.preset.Encoding, Delimiter: in.preset.Delimiter,
			HeaderLine: in.preset.HeaderLine, Locale: in.preset.Locale}
		plan.Dialect, err = tabular.Detect(in.path, hint)
		in.preset.Formats.Apply(&plan.Dialect)
	}
	if err != nil {
		return wizardRead{err: err}
	}

	applyEdits(&plan.Mapping, in.edits)

	preview, err := readPreview(plan.Path, plan.Dialect)
	if err != nil {
		return wizardRead{err: err}
	}

	return wizardRead{plan: plan, unknownKind: unknownKind, preview: preview}
}

// applyEdits sets the fields the person chose. A field is filled by one
// column only, so a column that had the chosen field before loses it.
func applyEdits(m *mapping.Mapping, edits map[string]mapping.Field) {
	names := slices.Sorted(maps.Keys(edits))
	for _, name := range names {
		i := slices.IndexFunc(m.Columns, func(c mapping.Column) bool { return c.Name == name })
		if i < 0 {
			continue
		}

		field := edits[name]
		if field != mapping.FieldIgnore && !mapping.HasField(m.Kind, field) {
			continue
		}
		if taken := m.Field(field); field != mapping.FieldIgnore && taken >= 0 && taken != i {
			m.Columns[taken].Field = mapping.FieldIgnore
		}
		m.Columns[i].Field = field
	}
}

// readPreview returns the header, the column formats and the first
// previewRows rows of the file. A row with a cell error is shown as far
// as it could be read.
func readPreview(path string, d tabular.Dialect) (wizardPreview, error) {
	reader, _, err := tabular.Open(path, &d)
	if err != nil {
		return wizardPreview{}, err
	}
	defer reader.Close()

	preview := wizardPreview{header: slices.Clone(reader.Header()), columns: d.Columns}
	for len(preview.rows) < previewRows {
		row, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}

		var cellErr *tabular.CellError
		if err != nil && !errors.As(err, &cellErr) {
			return wizardPreview{}, fmt.Errorf("read the preview of %s: %w", path, err)
		}
		preview.rows = append(preview.rows, slices.Clone(row.Cells))
	}

	return preview, nil
}

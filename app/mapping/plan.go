package mapping

import (
	"context"
	"fmt"
	"strings"

	"leadwerk/app"
	"leadwerk/app/tabular"
)

// Preset is a saved import layout: the mapping of a file's columns and
// the dialect settings a person corrected, reused by name. Zero fields
// are detected for each file.
type Preset struct {
	Name string
	Kind Kind
	// Columns maps header names to fields. When it is not empty it is the
	// whole mapping, and columns it does not name are ignored.
	Columns    map[string]Field
	Encoding   tabular.Encoding
	Delimiter  rune
	HeaderLine int
	Locale     string
	// Formats override the detected number and date formats.
	Formats Formats
	// Source replaces the detected source name of the source references.
	Source   string
	Pipeline string
	Currency string
	// Stages maps stage names of the file to stage names of the pipeline.
	Stages map[string]string
}

// Plan is everything an import of one file needs, detected and then
// corrected by the person: the dialect, the mapping, where the deals go
// and what happens to stages the pipeline lacks.
type Plan struct {
	Path string
	// Dialect is the detected dialect with Formats already applied to its
	// columns.
	Dialect tabular.Dialect
	// Formats are the person's number and date formats, which a saved
	// preset keeps.
	Formats Formats
	Mapping Mapping
	// Source is the first part of every source reference the import
	// writes, such as "salesforce" in "salesforce:lead:00Q5e…". It is the
	// CRM, so a Salesforce Opportunity.csv links to the companies of its
	// Account.csv. For other files it is "file:" and the lower-case header
	// of the id column, such as "file:opportunity id", so the same export
	// saved under another name, or with columns added, matches its records
	// again.
	Source string
	// Pipeline names the pipeline of imported deals; "" is the first.
	Pipeline string
	// Stages maps stage names of the file to stage names of the pipeline,
	// for names that [MatchStage] does not match by itself.
	Stages map[string]string
	// Strict rejects the rows of a stage that matches no stage. Otherwise
	// the import creates the stage.
	Strict bool
	// Currency is the currency of amounts written without one; "" is the
	// pipeline's currency.
	Currency string
}

// Prepare detects the dialect and the mapping of the file at path and
// returns the plan, with the settings of preset where it has them. kind
// "" detects the kind unless the preset names one. It wraps
// [ErrUnknownKind] when the kind cannot be detected, and tabular's errors
// for unreadable files.
func Prepare(path string, preset Preset, kind Kind) (Plan, error) {
	hint := tabular.Dialect{Encoding: preset.Encoding, Delimiter: preset.Delimiter,
		HeaderLine: preset.HeaderLine, Locale: preset.Locale}
	dialect, err := tabular.Detect(path, hint)
	if err != nil {
		return Plan{}, err
	}
	preset.Formats.Apply(&dialect)

	header := make([]string, len(dialect.Columns))
	for i, c := range dialect.Columns {
		header[i] = c.Name
	}

	if kind == "" {
		kind = preset.Kind
	}
	m, err := Map(header, kind)
	if err != nil {
		return Plan{}, fmt.Errorf("map the columns of %s: %w", path, err)
	}
	if len(preset.Columns) > 0 {
		for i := range m.Columns {
			m.Columns[i].Field = preset.Columns[m.Columns[i].Name]
		}
	}

	plan := Plan{Path: path, Dialect: dialect, Formats: preset.Formats, Mapping: m, Source: preset.Source,
		Pipeline: preset.Pipeline, Stages: preset.Stages, Currency: preset.Currency}
	if plan.Source == "" {
		plan.Source = sourceOf(m)
	}

	return plan, nil
}

// sourceOf returns the CRM's name, or "file:" and the lower-case header
// of the column mapped to [FieldSourceID]. The file's name is left out,
// because a download or a copy renames a file while its ids stay. Two
// unrelated files whose id columns share a header do share ids, but an id
// only matches a record of the same kind.
func sourceOf(m Mapping) string {
	if m.CRM != CRMNone {
		return string(m.CRM)
	}

	if i := m.Field(FieldSourceID); i >= 0 {
		return "file:" + strings.ToLower(strings.TrimSpace(m.Columns[i].Name))
	}

	return "file"
}

// SourceRef returns the source reference of a record of kind with the id
// the file gives it, or "" for no id.
func (p Plan) SourceRef(kind Kind, id string) string {
	if id == "" {
		return ""
	}

	return p.Source + ":" + kind.singular() + ":" + id
}

// Preset returns the plan's settings as a preset named name.
func (p Plan) Preset(name string) Preset {
	columns := make(map[string]Field, len(p.Mapping.Columns))
	for _, c := range p.Mapping.Columns {
		if c.Field != FieldIgnore {
			columns[c.Name] = c.Field
		}
	}

	return Preset{Name: name, Kind: p.Mapping.Kind, Columns: columns, Encoding: p.Dialect.Encoding,
		Delimiter: p.Dialect.Delimiter, HeaderLine: p.Dialect.HeaderLine, Locale: p.Dialect.Locale,
		Formats: p.Formats, Source: p.Source, Pipeline: p.Pipeline, Currency: p.Currency, Stages: p.Stages}
}

// Rejection is a row that the import leaves out, and why.
type Rejection struct {
	// Line is the 1-based line where the row starts.
	Line int
	// Column is the header name of the cell at fault, or "" for the row.
	Column string
	Reason tabular.Reason
	Value  string
	// Field is the field of the broken rule of the forms, such as
	// app.FieldNotes, or "" for a cell the parsers rejected.
	Field string
}

// Error returns the English description of [tabular.CellError].
func (r Rejection) Error() string {
	return (&tabular.CellError{Line: r.Line, Column: r.Column, Value: r.Value, Reason: r.Reason}).Error()
}

// Report counts what an import did, or what a dry run would do. Every
// data row is counted once: as new, updated, unchanged, duplicate or
// rejected.
type Report struct {
	Kind Kind
	// Rows is the number of data rows read, rejected ones included.
	Rows int
	// New rows create a record, and Updated rows change a stored record.
	New     int
	Updated int
	// Unchanged rows match a stored record whose values already equal the
	// row's mapped cells, so the import writes nothing for them.
	Unchanged int
	// Duplicates are rows that match a record an earlier row of the file
	// created or updated. They are left out, and DuplicateRows lists each
	// of them with the line of that earlier row, in file order.
	Duplicates    int
	DuplicateRows []DuplicateRow
	Rejected      []Rejection
	// SharedEmails lists, in lower case, the e-mail addresses that rows
	// with different names share, such as info@. Those rows are matched
	// by name and company instead.
	SharedEmails []string
	// UnknownStages lists the stage names that match no stage of the
	// pipeline, in the order they first appear.
	UnknownStages []string
	// CreatedStages lists the stages that the import created for them.
	CreatedStages []string
	// Companies counts the companies that contacts and deals created.
	Companies int
}

// DuplicateRow is a row left out as a duplicate: its line and the line of
// the earlier row of the same file whose record it matched. Both are the
// 1-based lines where the rows start.
type DuplicateRow struct {
	Line   int
	OfLine int
}

// Importer runs import plans. Both methods read the file twice and hold
// only the match indexes in memory, never the rows.
type Importer interface {
	// DryRunFile returns the report of an import of p without changing
	// the database.
	DryRunFile(ctx context.Context, p Plan, progress app.Progress) (Report, error)
	// ImportFile stores the rows of p in one transaction. On any error,
	// including a cancelled ctx, the database stays as it was.
	ImportFile(ctx context.Context, p Plan, progress app.Progress) (Report, error)
	// ImportPresets returns the saved presets, sorted by name.
	ImportPresets(ctx context.Context) ([]Preset, error)
	// SaveImportPreset stores p under its name, replacing a preset of the
	// same name. An empty name wraps [app.ErrInvalid].
	SaveImportPreset(ctx context.Context, p Preset) error
	// DeleteImportPreset removes the preset; an unknown name wraps
	// [app.ErrNotFound].
	DeleteImportPreset(ctx context.Context, name string) error
}

package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/app/mapping"
	"leadwerk/app/tabular"
	"leadwerk/ui/words"
)

// progressMinBytes is the file size from which an import without -json
// prints progress lines.
const progressMinBytes = 1 << 20

// fileImportRequest is a parsed "import FILE" without a built-in preset.
type fileImportRequest struct {
	path   string
	preset string
	kind   mapping.Kind
	dryRun bool
	json   bool
	strict bool
}

// fileImportJSON is the one object "import -json" prints.
type fileImportJSON struct {
	Kind       string `json:"kind"`
	Rows       int    `json:"rows"`
	New        int    `json:"new"`
	Updated    int    `json:"updated"`
	Unchanged  int    `json:"unchanged"`
	Duplicates int    `json:"duplicates"`
	// DuplicateRows lists every row counted in Duplicates.
	DuplicateRows []duplicateJSON `json:"duplicate_rows"`
	Rejected      []rejectionJSON `json:"rejected"`
	Detected      detectedJSON    `json:"detected"`
}

// duplicateJSON is a row left out as a duplicate of the earlier row at
// of_line.
type duplicateJSON struct {
	Line   int `json:"line"`
	OfLine int `json:"of_line"`
}

type rejectionJSON struct {
	Line   int    `json:"line"`
	Column string `json:"column"`
	Reason string `json:"reason"`
}

type detectedJSON struct {
	Encoding   string `json:"encoding"`
	Delimiter  string `json:"delimiter"`
	DateFormat string `json:"date_format"`
	Decimal    string `json:"decimal"`
	// AmbiguousDates names the mapped date columns whose every date fits
	// both day-first and month-first, and DateOrder is the order the
	// locale chose for them: "day_first" or "month_first".
	AmbiguousDates []string `json:"ambiguous_dates,omitempty"`
	DateOrder      string   `json:"date_order,omitempty"`
}

func parseKind(text string) (mapping.Kind, error) {
	for _, k := range mapping.Kinds() {
		if string(k) == text {
			return k, nil
		}
	}

	return "", usageError{message: lang.X("importing.cli.bad_kind",
		"import: -kind {{.Value}} is not leads, contacts, companies or opportunities",
		map[string]any{"Value": strconv.Quote(text)})}
}

// runFileImport detects the file, runs the import or dry run and prints
// the report.
func runFileImport(ctx context.Context, s session, req fileImportRequest) error {
	importer, ok := s.store.(mapping.Importer)
	if !ok {
		return errors.New(lang.X("importing.cli.unsupported", "this database cannot import files"))
	}
	signIn(ctx, s)

	plan, err := prepareFile(ctx, importer, req)
	if err != nil {
		return err
	}

	run, action := importer.ImportFile, lang.X("cli.import.progress", "importing")
	if req.dryRun {
		run, action = importer.DryRunFile, lang.X("importing.cli.progress_dry_run", "checking (dry run)")
	}

	var progress app.Progress
	if info, err := os.Stat(req.path); err == nil && info.Size() >= progressMinBytes && !req.json {
		progress = newProgressPrinter(s.env.Stderr, action, language()).report
	}

	report, err := run(ctx, plan, progress)
	if err != nil && ctx.Err() != nil {
		return wrap(lang.X("cli.import.cancelled", "the import of {{.Dir}} was cancelled; database {{.Path}} is unchanged",
			map[string]any{"Dir": req.path, "Path": s.dbPath}), err)
	}
	if err != nil {
		return wrap(lang.X("cli.import.failed", "importing {{.Dir}} failed: {{.Err}}; database {{.Path}} is unchanged",
			map[string]any{"Dir": req.path, "Err": err, "Path": s.dbPath}), err)
	}

	if req.json {
		return printReportJSON(s.env.Stdout, plan, report)
	}
	printReport(s.env.Stdout, req, report)
	printAmbiguousDates(s.env.Stdout, plan)

	return nil
}

// prepareFile detects the dialect and the mapping with the named preset.
func prepareFile(ctx context.Context, importer mapping.Importer, req fileImportRequest) (mapping.Plan, error) {
	var preset mapping.Preset
	if req.preset != "" {
		found, err := findStoredPreset(ctx, importer, req.preset)
		if err != nil {
			return mapping.Plan{}, err
		}
		preset = found
	}

	if preset.Locale == "" {
		preset.Locale = importLocale()
	}

	plan, err := mapping.Prepare(req.path, preset, req.kind)
	if errors.Is(err, mapping.ErrActivities) {
		return mapping.Plan{}, wrap(lang.X("importing.cli.activities",
			"{{.File}} contains activities such as tasks, calls or meetings, which Leadwerk does not import; import a file of leads, contacts, companies or opportunities",
			map[string]any{"File": req.path}), err)
	}
	if errors.Is(err, mapping.ErrUnknownKind) {
		return mapping.Plan{}, wrap(lang.X("importing.cli.unknown_kind",
			"the columns of {{.File}} name no known fields; choose the records with -kind leads, contacts, companies or opportunities",
			map[string]any{"File": req.path}), err)
	}
	if err != nil {
		return mapping.Plan{}, wrap(lang.X("importing.cli.read_failed", "reading {{.File}} failed: {{.Err}}",
			map[string]any{"File": req.path, "Err": err}), err)
	}
	plan.Strict = req.strict

	return plan, nil
}

// importLocale returns the locale that decides the order of day and
// month in an ambiguous date column, and an ambiguous separator such as
// in "1.234": the language saved in the window's Preferences when it
// differs from the system's, else the system locale, such as "de-DE" for
// LANG=de_DE.UTF-8.
func importLocale() string {
	if languageOverride != "" {
		return languageOverride
	}

	return lang.SystemLocale().String()
}

func findStoredPreset(ctx context.Context, importer mapping.Importer, name string) (mapping.Preset, error) {
	presets, err := importer.ImportPresets(ctx)
	if err != nil {
		return mapping.Preset{}, err
	}

	names := presetNames()
	for _, p := range presets {
		if p.Name == name {
			return p, nil
		}
		names += ", " + p.Name
	}

	return mapping.Preset{}, usageError{message: lang.X("cli.import.unknown_preset",
		"import: unknown preset {{.Name}}; the supported presets are {{.Presets}}",
		map[string]any{"Name": strconv.Quote(name), "Presets": names})}
}

func printReportJSON(w io.Writer, plan mapping.Plan, r mapping.Report) error {
	out := fileImportJSON{Kind: string(r.Kind), Rows: r.Rows, New: r.New, Updated: r.Updated, Unchanged: r.Unchanged,
		Duplicates: r.Duplicates, DuplicateRows: []duplicateJSON{}, Rejected: []rejectionJSON{},
		Detected: detectedOf(plan)}
	for _, d := range r.DuplicateRows {
		out.DuplicateRows = append(out.DuplicateRows, duplicateJSON{Line: d.Line, OfLine: d.OfLine})
	}
	for _, rej := range r.Rejected {
		out.Rejected = append(out.Rejected, rejectionJSON{Line: rej.Line, Column: rej.Column, Reason: string(rej.Reason)})
	}

	encoder := json.NewEncoder(w)
	encoder.SetIndent("", "  ")

	return encoder.Encode(out)
}

// detectedOf returns the detected encoding and delimiter, and the date
// format and decimal separator of the first mapped date and number
// columns, "" where the file has none.
func detectedOf(plan mapping.Plan) detectedJSON {
	d := detectedJSON{Encoding: string(plan.Dialect.Encoding)}
	if plan.Dialect.Format == tabular.FormatCSV {
		d.Delimiter = string(plan.Dialect.Delimiter)
	}

	for i, c := range plan.Dialect.Columns {
		if i >= len(plan.Mapping.Columns) || plan.Mapping.Columns[i].Field == mapping.FieldIgnore {
			continue
		}
		if d.DateFormat == "" && c.Kind == tabular.KindDate {
			d.DateFormat = string(c.Date)
		}
		if d.Decimal == "" && c.Kind == tabular.KindNumber && c.Number.Decimal != 0 {
			d.Decimal = string(c.Number.Decimal)
		}
	}

	for _, c := range ambiguousDateColumns(plan) {
		d.AmbiguousDates = append(d.AmbiguousDates, c.Name)
		d.DateOrder = dateOrder(c.Date)
	}

	return d
}

// ambiguousDateColumns returns the mapped date columns whose every date
// fits both day-first and month-first.
func ambiguousDateColumns(plan mapping.Plan) []tabular.Column {
	var columns []tabular.Column
	for i, c := range plan.Dialect.Columns {
		mapped := i < len(plan.Mapping.Columns) && plan.Mapping.Columns[i].Field != mapping.FieldIgnore
		if mapped && c.Kind == tabular.KindDate && c.DateAmbiguous {
			columns = append(columns, c)
		}
	}

	return columns
}

func printReport(w io.Writer, req fileImportRequest, r mapping.Report) {
	language := language()
	count := func(n int) string { return app.FormatCount(n, language) }
	header := lang.X("importing.cli.imported", "Imported {{.File}}:", map[string]any{"File": req.path})
	if req.dryRun {
		header = lang.X("importing.cli.dry_run", "Dry run of {{.File}}, nothing was written:",
			map[string]any{"File": req.path})
	}
	fmt.Fprintln(w, header)
	fmt.Fprintln(w, lang.X("importing.cli.counts",
		"  {{.Rows}} rows of {{.Kind}}: {{.New}} new, {{.Updated}} updated, {{.Duplicates}} duplicates, {{.Rejected}} rejected",
		map[string]any{"Rows": count(r.Rows), "Kind": kindWord(r.Kind), "New": count(r.New),
			"Updated": count(r.Updated), "Duplicates": count(r.Duplicates), "Rejected": count(len(r.Rejected))}))
	printMatches(w, r, count)

	for _, rej := range r.Rejected {
		values := map[string]any{"Line": rej.Line, "Column": strconv.Quote(rej.Column),
			"Reason": words.ImportRejection(rej, language), "Value": strconv.Quote(rej.Value)}
		if rej.Column == "" {
			fmt.Fprintln(w, lang.X("importing.cli.rejected_row", "  line {{.Line}}: {{.Reason}} ({{.Value}})", values))
			continue
		}
		fmt.Fprintln(w, lang.X("importing.cli.rejected", "  line {{.Line}}, column {{.Column}}: {{.Reason}} ({{.Value}})",
			values))
	}
	for _, email := range r.SharedEmails {
		fmt.Fprintln(w, lang.X("importing.cli.shared_email",
			"  {{.Email}} is shared by people with different names; they were matched by name and company",
			map[string]any{"Email": email}))
	}
	printStages(w, r)
}

// dateOrder returns "day_first" or "month_first" for the date formats of
// an ambiguous column.
func dateOrder(f tabular.DateFormat) string {
	if f == tabular.DateDMYSlash || f == tabular.DateDMYShort {
		return "day_first"
	}

	return "month_first"
}

// printAmbiguousDates names each mapped date column that fits both
// orders of day and month, and the order the locale chose.
func printAmbiguousDates(w io.Writer, plan mapping.Plan) {
	for _, c := range ambiguousDateColumns(plan) {
		fmt.Fprintln(w, lang.X("importing.cli.ambiguous_dates",
			"  every date in column {{.Column}} fits both day-first and month-first, so they were read as {{.Format}} for the locale {{.Locale}}; to read them the other way, save a preset with the other date format in the window's import",
			map[string]any{"Column": strconv.Quote(c.Name), "Format": string(c.Date), "Locale": plan.Dialect.Locale}))
	}
}

// printMatches prints the count of unchanged rows and every row left out
// as a duplicate with the line it repeats.
func printMatches(w io.Writer, r mapping.Report, count func(int) string) {
	if r.Unchanged > 0 {
		fmt.Fprintln(w, lang.X("importwizard.cli.unchanged",
			"  {{.Count}} unchanged: the stored records already have these values",
			map[string]any{"Count": count(r.Unchanged)}))
	}

	for _, d := range r.DuplicateRows {
		fmt.Fprintln(w, lang.X("importwizard.cli.duplicate", "  line {{.Line}} repeats line {{.OfLine}} and is left out",
			map[string]any{"Line": d.Line, "OfLine": d.OfLine}))
	}
}

func printStages(w io.Writer, r mapping.Report) {
	for _, name := range r.CreatedStages {
		fmt.Fprintln(w, lang.X("importing.cli.stage_created", "  created the stage {{.Stage}}",
			map[string]any{"Stage": strconv.Quote(name)}))
	}
	if len(r.CreatedStages) > 0 {
		return
	}

	for _, name := range r.UnknownStages {
		fmt.Fprintln(w, lang.X("importing.cli.stage_unknown",
			"  the stage {{.Stage}} is not in the pipeline; an import creates it unless -strict is given",
			map[string]any{"Stage": strconv.Quote(name)}))
	}
}

func kindWord(k mapping.Kind) string {
	switch k {
	case mapping.KindLeads:
		return lang.X("importing.kind.leads", "leads")
	case mapping.KindContacts:
		return lang.X("importing.kind.contacts", "contacts")
	case mapping.KindCompanies:
		return lang.X("importing.kind.companies", "companies")
	default:
		return lang.X("importing.kind.opportunities", "opportunities")
	}
}

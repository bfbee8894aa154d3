package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/app/maven"
	"leadwerk/app/xeducation"
)

// presetMavenCRM names the CSV layout of the CRM Sales Opportunities
// export: accounts.csv, products.csv, sales_teams.csv and
// sales_pipeline.csv in one folder.
const presetMavenCRM = "maven-crm"

// presetXEducation names the Leads.csv file of the X Education lead
// scoring case study, one lead per line.
const presetXEducation = "xeducation-leads"

// importPreset is one layout that "import -preset" reads.
type importPreset struct {
	name string
	// file is set when the preset reads one file, not a folder.
	file bool
	load func(path string) (app.ImportBatch, error)
}

var importPresets = []importPreset{
	{name: presetMavenCRM, load: maven.Load},
	{name: presetXEducation, file: true, load: xeducation.Load},
}

// presetNames returns the preset names for messages, as
// "maven-crm, xeducation-leads".
func presetNames() string {
	names := make([]string, len(importPresets))
	for i, p := range importPresets {
		names[i] = p.name
	}

	return strings.Join(names, ", ")
}

func findPreset(name string) (importPreset, bool) {
	for _, p := range importPresets {
		if p.name == name {
			return p, true
		}
	}

	return importPreset{}, false
}

func parseImport(args []string) (action, error) {
	fs := newFlagSet("import")
	presetName := fs.String("preset", "", "layout of the files")
	var req fileImportRequest
	kind := fs.String("kind", "", "kind of records")
	fs.BoolVar(&req.dryRun, "dry-run", false, "report without writing")
	fs.BoolVar(&req.json, "json", false, "print one JSON object")
	fs.BoolVar(&req.strict, "strict", false, "reject rows of unknown stages")
	positional, err := parseMixed(fs, args)
	if err != nil {
		return nil, err
	}

	// A name that is not built in is a preset saved in the database.
	preset, builtIn := findPreset(*presetName)
	if !builtIn {
		return parseFileImport(req, *presetName, *kind, positional)
	}

	if err := checkImportPath(preset, positional); err != nil {
		return nil, err
	}

	path := positional[0]

	return func(ctx context.Context, s session) error {
		return runImport(ctx, s, preset, path)
	}, nil
}

// parseFileImport checks the arguments of an import of one file without a
// built-in preset. A path that is no file can only be a folder of the
// Maven layout, so it needs a built-in preset.
func parseFileImport(req fileImportRequest, preset, kind string, positional []string) (action, error) {
	if err := checkImportPath(importPreset{file: true}, positional); err != nil {
		return nil, err
	}

	req.path, req.preset = positional[0], preset
	if info, err := os.Stat(req.path); err != nil || info.IsDir() {
		return nil, folderPresetError(preset)
	}

	if kind != "" {
		k, err := parseKind(dealsAlias(kind))
		if err != nil {
			return nil, err
		}
		req.kind = k
	}

	return func(ctx context.Context, s session) error {
		return runFileImport(ctx, s, req)
	}, nil
}

// folderPresetError returns the usage error of a folder import whose
// preset is missing or not built in.
func folderPresetError(preset string) error {
	if preset == "" {
		return usageError{message: lang.X("cli.import.missing_preset",
			"import: missing -preset; the supported presets are {{.Presets}}", map[string]any{"Presets": presetNames()})}
	}

	return usageError{message: lang.X("cli.import.unknown_preset",
		"import: unknown preset {{.Name}}; the supported presets are {{.Presets}}",
		map[string]any{"Name": strconv.Quote(preset), "Presets": presetNames()})}
}

// checkImportPath returns a usage error unless positional contains
// exactly one path, which is a folder or a file as the preset expects.
func checkImportPath(preset importPreset, positional []string) error {
	switch {
	case len(positional) == 1:
		return nil
	case len(positional) == 0 && preset.file:
		return usageError{message: lang.X("cli.import.missing_file", "import: missing the file to import")}
	case len(positional) == 0:
		return usageError{message: lang.X("cli.import.missing_folder", "import: missing the folder to import")}
	case preset.file:
		return usageError{message: lang.X("cli.import.extra_files",
			"import: expected one file, got {{.Count}} arguments", map[string]any{"Count": len(positional)})}
	default:
		return usageError{message: lang.X("cli.import.extra_folders",
			"import: expected one folder, got {{.Count}} arguments", map[string]any{"Count": len(positional)})}
	}
}

// runImport reads path with the preset, stores the batch and prints the
// counts. The message placeholder Dir is the path, a folder or a file.
func runImport(ctx context.Context, s session, preset importPreset, path string) error {
	start := s.env.Now()
	signIn(ctx, s)

	batch, err := preset.load(path)
	if err != nil {
		return readError(preset, path, err)
	}

	language := language()
	progress := newProgressPrinter(s.env.Stderr, lang.X("cli.import.progress", "importing"), language)
	result, err := s.store.Import(ctx, batch, progress.report)
	if err != nil && ctx.Err() != nil {
		return wrap(lang.X("cli.import.cancelled", "the import of {{.Dir}} was cancelled; database {{.Path}} is unchanged",
			map[string]any{"Dir": path, "Path": s.dbPath}), err)
	}

	if err != nil {
		return wrap(lang.X("cli.import.failed", "importing {{.Dir}} failed: {{.Err}}; database {{.Path}} is unchanged",
			map[string]any{"Dir": path, "Err": err, "Path": s.dbPath}), err)
	}

	elapsed := s.env.Now().Sub(start)
	fmt.Fprintln(s.env.Stdout, lang.X("cli.import.done", "Imported {{.Preset}} from {{.Dir}} into {{.Path}} in {{.Duration}}.",
		map[string]any{"Preset": preset.name, "Dir": path, "Path": s.dbPath, "Duration": elapsed.Round(time.Millisecond)}))
	printResult(s.env.Stdout, result, language)

	return nil
}

// readError describes a failed read of the preset's folder or file.
func readError(preset importPreset, path string, err error) error {
	if preset.file {
		return wrap(lang.X("cli.import.read_file_failed", "reading the {{.Preset}} file {{.File}} failed: {{.Err}}",
			map[string]any{"Preset": preset.name, "File": path, "Err": err}), err)
	}

	return wrap(lang.X("cli.import.read_failed", "reading the {{.Preset}} export in {{.Dir}} failed: {{.Err}}",
		map[string]any{"Preset": preset.name, "Dir": path, "Err": err}), err)
}

// printResult lists the counts of an import or demo load as aligned
// "label: count" lines, leaving out leads and activities when there were
// none. [app.ImportResult] does not tell created companies from updated
// ones, so one line counts both.
func printResult(w io.Writer, r app.ImportResult, language string) {
	type line struct {
		label string
		count int
		note  string
	}

	lines := []line{{lang.X("cli.result.companies", "companies"), r.Companies,
		" " + lang.X("cli.result.companies_note", "(created or updated)")}}
	if r.Leads > 0 {
		lines = append(lines,
			line{label: lang.X("cli.result.leads_created", "leads created"), count: r.LeadsCreated},
			line{label: lang.X("cli.result.leads_updated", "leads updated"), count: r.LeadsUpdated})
	}
	lines = append(lines,
		line{label: lang.X("cli.result.deals_created", "deals created"), count: r.OpportunitiesCreated},
		line{label: lang.X("cli.result.deals_updated", "deals updated"), count: r.OpportunitiesUpdated})
	if r.Activities > 0 {
		lines = append(lines, line{label: lang.X("cli.result.activities", "activities"), count: r.Activities})
	}

	width := 0
	for _, l := range lines {
		width = max(width, utf8.RuneCountInString(l.label))
	}

	for _, l := range lines {
		padding := strings.Repeat(" ", width-utf8.RuneCountInString(l.label))
		fmt.Fprintf(w, "  %s:%s  %s%s\n", l.label, padding, app.FormatCount(l.count, language), l.note)
	}
}

// signIn makes the operating system user the user of the store, as the
// window does, so that the records an import creates get an owner and the
// history names who imported them. A failure costs only the owner, so it
// is logged and the import goes on.
func signIn(ctx context.Context, s session) {
	users, ok := s.store.(app.UserService)
	if !ok {
		return
	}

	if _, err := users.SignIn(ctx, ""); err != nil {
		slog.Warn("sign in before the import failed, so its new records get no owner", "err", err)
	}
}

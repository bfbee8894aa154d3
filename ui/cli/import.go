package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/app/maven"
)

// presetMavenCRM names the CSV layout of the CRM Sales Opportunities
// export: accounts.csv, products.csv, sales_teams.csv and
// sales_pipeline.csv in one folder.
const presetMavenCRM = "maven-crm"

func parseImport(args []string) (action, error) {
	fs := newFlagSet("import")
	preset := fs.String("preset", "", "layout of the files")
	positional, err := parseMixed(fs, args)
	if err != nil {
		return nil, err
	}

	switch {
	case *preset == "":
		return nil, usageError{message: lang.X("cli.import.missing_preset",
			"import: missing -preset; the supported preset is {{.Preset}}", map[string]any{"Preset": presetMavenCRM})}
	case *preset != presetMavenCRM:
		return nil, usageError{message: lang.X("cli.import.unknown_preset",
			"import: unknown preset {{.Name}}; the supported preset is {{.Preset}}",
			map[string]any{"Name": strconv.Quote(*preset), "Preset": presetMavenCRM})}
	case len(positional) == 0:
		return nil, usageError{message: lang.X("cli.import.missing_folder", "import: missing the folder to import")}
	case len(positional) > 1:
		return nil, usageError{message: lang.X("cli.import.extra_folders",
			"import: expected one folder, got {{.Count}} arguments", map[string]any{"Count": len(positional)})}
	}

	dir := positional[0]

	return func(ctx context.Context, s session) error {
		return runImport(ctx, s, dir)
	}, nil
}

func runImport(ctx context.Context, s session, dir string) error {
	start := s.env.Now()

	batch, err := maven.Load(dir)
	if err != nil {
		return wrap(lang.X("cli.import.read_failed", "reading the {{.Preset}} export in {{.Dir}} failed: {{.Err}}",
			map[string]any{"Preset": presetMavenCRM, "Dir": dir, "Err": err}), err)
	}

	language := language()
	progress := newProgressPrinter(s.env.Stderr, lang.X("cli.import.progress", "importing"), language)
	result, err := s.store.Import(ctx, batch, progress.report)
	if err != nil && ctx.Err() != nil {
		return wrap(lang.X("cli.import.cancelled", "the import of {{.Dir}} was cancelled; database {{.Path}} is unchanged",
			map[string]any{"Dir": dir, "Path": s.dbPath}), err)
	}

	if err != nil {
		return wrap(lang.X("cli.import.failed", "importing {{.Dir}} failed: {{.Err}}; database {{.Path}} is unchanged",
			map[string]any{"Dir": dir, "Err": err, "Path": s.dbPath}), err)
	}

	elapsed := s.env.Now().Sub(start)
	fmt.Fprintln(s.env.Stdout, lang.X("cli.import.done", "Imported {{.Preset}} from {{.Dir}} into {{.Path}} in {{.Duration}}.",
		map[string]any{"Preset": presetMavenCRM, "Dir": dir, "Path": s.dbPath, "Duration": elapsed.Round(time.Millisecond)}))
	printResult(s.env.Stdout, result, language)

	return nil
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
		lines = append(lines, line{label: lang.X("cli.result.leads", "leads"), count: r.Leads})
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
		fmt.Fprintf(w, "  %s:%s  %s%s\n", l.label, padding, formatCount(l.count, language), l.note)
	}
}

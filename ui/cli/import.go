package cli

import (
	"context"
	"fmt"
	"io"
	"time"

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
		return nil, usagef("import: missing -preset; the supported preset is %s", presetMavenCRM)
	case *preset != presetMavenCRM:
		return nil, usagef("import: unknown preset %q; the supported preset is %s", *preset, presetMavenCRM)
	case len(positional) == 0:
		return nil, usagef("import: missing the folder to import")
	case len(positional) > 1:
		return nil, usagef("import: expected one folder, got %d arguments", len(positional))
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
		return fmt.Errorf("read %s export in %s: %w", presetMavenCRM, dir, err)
	}

	progress := newProgressPrinter(s.env.Stderr, "importing")
	result, err := s.store.Import(ctx, batch, progress.report)
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("import of %s cancelled; database %s is unchanged", dir, s.dbPath)
	}

	if err != nil {
		return fmt.Errorf("import %s: %w; database %s is unchanged", dir, err, s.dbPath)
	}

	elapsed := s.env.Now().Sub(start)
	fmt.Fprintf(s.env.Stdout, "Imported %s from %s into %s in %s.\n",
		presetMavenCRM, dir, s.dbPath, elapsed.Round(time.Millisecond))
	printResult(s.env.Stdout, result)

	return nil
}

// printResult lists the counts of an import or demo load, leaving out
// leads and activities when there were none.
func printResult(w io.Writer, r app.ImportResult) {
	fmt.Fprintf(w, "  companies:      %d\n", r.Companies)
	if r.Leads > 0 {
		fmt.Fprintf(w, "  leads:          %d\n", r.Leads)
	}
	fmt.Fprintf(w, "  deals created:  %d\n", r.OpportunitiesCreated)
	fmt.Fprintf(w, "  deals updated:  %d\n", r.OpportunitiesUpdated)
	if r.Activities > 0 {
		fmt.Fprintf(w, "  activities:     %d\n", r.Activities)
	}
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// MigrateTo copies the SQLite database at source into the empty
// PostgreSQL database at target and compares the two, table by table.
// It is [data.MigrateTo] in the real program.
type MigrateTo func(ctx context.Context, source, target string, progress app.Progress) (app.MigrationReport, error)

func parseMigrateTo(args []string) (fileAction, error) {
	fs := newFlagSet("migrate-to")
	if err := fs.Parse(args); err != nil {
		return nil, flagError("migrate-to", err)
	}
	if fs.NArg() == 0 {
		return nil, usageError{message: lang.X("teammigrate.cli.missing_url",
			"migrate-to: missing the postgres:// URL of the empty database to copy into")}
	}
	if fs.NArg() > 1 {
		return nil, unexpectedArgument("migrate-to", fs.Arg(1))
	}

	target := fs.Arg(0)
	if !app.IsServerURL(target) {
		return nil, usageError{message: lang.X("teammigrate.cli.not_url",
			"migrate-to: {{.Target}} is not a postgres:// URL; give the URL of an empty PostgreSQL database, such as postgres://leadwerk@db.example.com/crm",
			map[string]any{"Target": target})}
	}

	return func(ctx context.Context, env Env, dbPath string) error {
		return runMigrateTo(ctx, env, dbPath, target)
	}, nil
}

func runMigrateTo(ctx context.Context, env Env, source, target string) error {
	if env.MigrateTo == nil {
		return errors.New(lang.X("teammigrate.cli.unsupported", "this build of Leadwerk cannot copy a database to PostgreSQL"))
	}

	language := language()
	progress := newProgressPrinter(env.Stderr, lang.X("teammigrate.cli.progress", "copying"), language)
	report, err := env.MigrateTo(ctx, source, target, progress.report)
	if len(report.Tables) > 0 {
		printMigrationReport(env.Stdout, report, language)
	}

	// The copy commits in one transaction on the target, so a cancelled
	// copy leaves the PostgreSQL database as it was.
	switch {
	case errors.Is(err, context.Canceled) || (err != nil && ctx.Err() != nil):
		return wrap(lang.X("teammigrate.cli.cancelled",
			"copying {{.Database}} to PostgreSQL was cancelled; nothing was copied",
			map[string]any{"Database": source}), err)
	case errors.Is(err, app.ErrMigrationMismatch):
		return wrap(lang.X("teammigrate.cli.mismatch",
			"the copy differs from {{.Database}} in the tables marked DIFFERS above; empty the PostgreSQL database and run migrate-to again",
			map[string]any{"Database": source}), err)
	case errors.Is(err, app.ErrNotEmpty):
		return wrap(lang.X("teammigrate.cli.not_empty",
			"the PostgreSQL database already contains records; copy only into a new, empty database"), err)
	case err != nil:
		return wrap(lang.X("teammigrate.cli.failed",
			"copying {{.Database}} to PostgreSQL failed: {{.Err}}",
			map[string]any{"Database": source, "Err": err}), err)
	}

	fmt.Fprintln(env.Stdout, lang.X("teammigrate.cli.done",
		"Copied {{.Database}} to PostgreSQL: every table has the same rows and money totals.",
		map[string]any{"Database": source}))

	return nil
}

// printMigrationReport writes one line per table: its rows in the source
// and the copy, whether the two match, then each money column's two
// sums.
func printMigrationReport(w io.Writer, report app.MigrationReport, language string) {
	out := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(out, "%s\t%s\t%s\t\t%s\n",
		lang.X("teammigrate.report.table", "table"),
		lang.X("teammigrate.report.source_rows", "rows in SQLite"),
		lang.X("teammigrate.report.target_rows", "rows in PostgreSQL"),
		lang.X("teammigrate.report.money", "money totals (minor units)"))

	for _, t := range report.Tables {
		var money []string
		for i, column := range t.MoneyColumns {
			money = append(money, fmt.Sprintf("%s %s/%s", column,
				app.FormatCount(int(t.SourceMoney[i]), language), app.FormatCount(int(t.TargetMoney[i]), language)))
		}

		verdict := lang.X("teammigrate.report.same", "same")
		if !t.Matches() {
			verdict = lang.X("teammigrate.report.differs", "DIFFERS")
		}

		fmt.Fprintf(out, "%s\t%s\t%s\t%s\t%s\n", t.Table,
			app.FormatCount(int(t.SourceRows), language), app.FormatCount(int(t.TargetRows), language),
			verdict, strings.Join(money, ", "))
	}

	_ = out.Flush()
}

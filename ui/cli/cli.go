// Package cli is Leadwerk's command line: it parses the arguments, opens
// the database and runs one command, or opens the window when no command
// is given. Every outside dependency comes in through [Env], so tests run
// it on a fake store without a window.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/charts"
	"leadwerk/ui/internal/dbpref"
	"leadwerk/ui/internal/langpref"
)

// Exit codes returned by [Run].
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// DatabaseEnv names the environment variable that sets the database file
// or server URL when -db is not given. It wins over the database saved in
// the window's Preferences.
const DatabaseEnv = "LEADWERK_DB"

// Env is the set of outside dependencies [Run] uses: output streams,
// environment, database, window and clock.
type Env struct {
	Stdout, Stderr io.Writer
	// Stdin is read by commands that ask for confirmation, such as
	// "gdpr erase" without -yes.
	Stdin io.Reader
	// Getenv reads an environment variable, such as os.Getenv.
	Getenv func(string) string
	// Open opens or creates the database file at path. Run prints its
	// errors unchanged, so they must name path and the fix.
	Open func(path string) (app.Store, error)
	// OpenWindow, when set, opens the database for the window in place of
	// Open. It may leave the integrity check and the daily backup for the
	// window to run after it has appeared.
	OpenWindow func(path string) (app.Store, error)
	// DefaultPath returns the database file used when neither -db,
	// LEADWERK_DB nor the window's Preferences choose one.
	DefaultPath func() (string, error)
	// RunWindow shows the main window on store and returns when it closes.
	RunWindow func(store app.Store) error
	// Now returns the current time. The demo command takes today's date
	// from it.
	Now func() time.Time
	// Maintenance backs up, checks and restores the database file for the
	// backup, check and restore commands, which fail when it is nil.
	Maintenance Maintenance
	// MigrateTo copies the database file into a PostgreSQL database for
	// the migrate-to command, which fails when it is nil.
	MigrateTo MigrateTo
	// SavedLanguage returns the language chosen in the window's
	// Preferences, "en" or "de", or "" to follow the system locale. The
	// default reads Fyne's preferences file, as the window does.
	SavedLanguage func() (string, error)
	// SavedDatabase returns the database chosen in the window's
	// Preferences: a file path, a postgres:// URL, or "" for the default
	// file. It applies when neither -db nor LEADWERK_DB is set. The
	// default reads Fyne's preferences file, as the window does.
	SavedDatabase func() (string, error)
	// ShowOpenError shows in a window why Open failed with err on path,
	// when no command was given, and may offer to restore a backup and go
	// on to the main window. It returns nil when the main window ran and
	// closed. When nil, Run only prints the error.
	ShowOpenError func(ctx context.Context, path string, err error) error
}

// usageText is the English help, a text/template filled in by [usage].
// Run prints its translation, the entry "cli.usage" of
// assets/translations.
const usageText = `Usage:
  leadwerk [-db PATH]                    open the window
  leadwerk [-db PATH] import -preset maven-crm DIR
                                         import the CSV export in folder DIR
  leadwerk [-db PATH] import -preset xeducation-leads FILE
                                         import the leads of an X Education
                                         Leads.csv file
  leadwerk [-db PATH] import [-dry-run] [-json] [-preset NAME] [-kind KIND]
                         [-strict] FILE
                                         import a CSV, XLSX or vCard file of
                                         leads, contacts, companies or deals;
                                         a second run updates, it does not
                                         duplicate
  leadwerk [-db PATH] leads [-json] [-q TEXT] [-status STATUS] [-source SOURCE]
                                         print the matching leads in worklist
                                         order: open leads first, then by
                                         highest score and longest wait
  leadwerk [-db PATH] pipeline [-json]   print deal count, amount and weighted
                                         amount per pipeline stage
  leadwerk [-db PATH] chart -o FILE [-pipeline NAME] [-width N] [-height N]
                                         render the open stages of a pipeline
                                         to a .png or .svg file
  leadwerk [-db PATH] demo [-size small|large]
                                         fill an empty database with demo data:
                                         small has 1,000 leads, large 100,000
  leadwerk [-db PATH] forecast [-json] [-from DATE -to DATE] [-pipeline NAME]
                                         forecast a period's won revenue per
                                         currency: weighted, by historical
                                         stage rates, and P10, P50 and P90
  leadwerk [-db PATH] report -o FILE [-from DATE -to DATE] [-pipeline NAME]
                         [-company NAME] [-logo FILE]
                                         print the pipeline report to an A4
                                         landscape .pdf file
  leadwerk [-db PATH] export -o FILE [-what WHAT] [-excel | -rfc4180]
                         [-locale de|en]
                                         write a list to a .csv or .xlsx file,
                                         the whole database to a .json file,
                                         or open activities and next steps to
                                         an .ics calendar file
  leadwerk [-db PATH] gdpr export -email ADDRESS [-name NAME] -o FILE
                                         write everything stored about one
                                         person to a .json or .pdf file
  leadwerk [-db PATH] gdpr erase -email ADDRESS [-name NAME] [-yes]
                                         erase one person everywhere, after
                                         asking for confirmation unless -yes
  leadwerk [-db PATH] backup [-o FILE]   copy the database, also while the
                                         window is open
  leadwerk [-db PATH] restore FILE       replace the database with the backup
                                         FILE after checking it; the replaced
                                         data is kept in the backups folder
  leadwerk [-db PATH] check              run SQLite's integrity and foreign
                                         key checks; exit 1 on a problem
  leadwerk [-db PATH] migrate-to URL     copy the database file into the empty
                                         PostgreSQL database at URL, in one
                                         transaction, then compare rows and
                                         money totals of every table
  leadwerk version                       print the version and exit
  leadwerk help [COMMAND]                print this help, or only the lines
                                         about COMMAND

Options:
  -db PATH         database file, or the postgres://USER@HOST/NAME URL of
                   a shared PostgreSQL database (password from PGPASSWORD,
                   ~/.pgpass or the system keyring); default $LEADWERK_DB,
                   else the database chosen in the window's Preferences
                   (migrate-to passes over a server chosen there), else
                   Leadwerk/leadwerk.db in the user's config folder
  -json            (pipeline) print one JSON object instead of a table;
                   (leads) print one JSON array of leads instead of a table
                   (forecast) print one JSON object, money in minor units
                   (import) print one JSON object with the counts, the
                   rejected rows and duplicate_rows: the line of each row
                   left out as a duplicate and the line it repeats (of_line)
  -q TEXT          (leads) keep leads whose name, company, e-mail or city
                   contains TEXT, ignoring case
  -status STATUS   (leads) keep leads with this status: new, contacted,
                   nurturing, qualified, handed_over, converted or disqualified
  -source SOURCE   (leads) keep leads from this source, ignoring case,
                   such as "trade fair" or "Direct Traffic"
  -o FILE          (chart) output file, .png or .svg
                   (report) output file, .pdf
                   (export) output file, .csv, .xlsx, .json or .ics
                   (backup) new .db file; default a new file in the
                   backup folder chosen in Preferences, else in the
                   backups folder beside the database
                   (gdpr export) output file, .json or .pdf
  -pipeline NAME   (chart) pipeline to draw; default the first with deals
                   (forecast) keep this pipeline's deals; default all
                   (report) pipeline to report on; default the first with
                   open deals
  -width N         (chart) image width in pixels, {{.MinWidth}} to {{.MaxWidth}} (default {{.Width}})
  -height N        (chart) image height in pixels, {{.MinHeight}} to {{.MaxHeight}} (default {{.Height}})
  -from DATE       (forecast, report) first day of the period, YYYY-MM-DD; with -to;
                   default the current quarter
  -to DATE         (forecast, report) last day of the period, YYYY-MM-DD
  -lookback N      (forecast) months of closed deals, up to yesterday, that
                   the historical rates learn from (default 12)
  -company NAME    (report) company name printed above the title
  -logo FILE       (report) PNG or JPEG logo printed at the top right
  -what WHAT       (export) records of a .csv or .xlsx file: leads (default),
                   contacts, companies, opportunities or activities
  -excel           (export) CSV for Excel in the locale, the default for .csv
  -rfc4180         (export) plain RFC 4180 CSV: ',', no byte order mark,
                   ISO dates and '.' decimals
  -locale de|en    (export) locale of the Excel formats: de writes ';',
                   1234,56 and 31.12.2026, en writes ',', 1234.56 and
                   2026-12-31; default the system's language
  -email ADDRESS   (gdpr) e-mail address of the person, ignoring case
  -name NAME       (gdpr) full name of the person, used when no record has
                   the e-mail address
  -yes             (gdpr erase) erase without asking
  -dry-run         (import) report what an import would do and write nothing
  -kind KIND       (import) records of the file: leads, contacts, companies
                   or opportunities; default detected from the columns
  -strict          (import) reject deals of stages the pipeline lacks
                   instead of creating them
  -preset NAME     (import) maven-crm, xeducation-leads or a saved preset
  -h               print this help

Exit codes: 0 success, 1 failure, 2 invalid command line, 3 the
database is open in another Leadwerk.
`

// usageError is an invalid command line. Run prints it with the command
// to read its help and exits with [ExitUsage].
type usageError struct {
	message string
}

func (e usageError) Error() string {
	return e.message
}

// usage returns the help in the current language.
func usage() string {
	return lang.X("cli.usage", usageText, map[string]any{
		"Width": defaultChartWidth, "MinWidth": charts.MinWidth, "MaxWidth": charts.MaxWidth,
		"Height": defaultChartHeight, "MinHeight": charts.MinHeight, "MaxHeight": charts.MaxHeight,
	})
}

// action runs one parsed command on an open database.
type action func(ctx context.Context, s session) error

// session is an open database and the environment a command runs in.
type session struct {
	store  app.Store
	env    Env
	dbPath string
}

// Run executes the command line args, without the program name, and
// returns the process exit code: [ExitOK], [ExitFailure] after a runtime
// error, [ExitInUse] when another Leadwerk has the database open, or
// [ExitUsage] after a mistake in the arguments. Cancelling ctx
// stops a running import or demo load, which leaves the database as it
// was.
func Run(ctx context.Context, args []string, env Env) int {
	env = env.withDefaults()

	if err := loadTranslations(); err != nil {
		fmt.Fprintf(env.Stderr, "leadwerk: %v\n", err)
		return ExitFailure
	}

	if err := applySavedLanguage(env.SavedLanguage); err != nil {
		fmt.Fprintf(env.Stderr, "leadwerk: %v\n", err)
		return ExitFailure
	}

	if code, ok := runHelp(args, env); ok {
		return code
	}

	if code, ok := runFileCommand(ctx, args, env); ok {
		return code
	}

	dbPath, run, err := parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(env.Stdout, usage())
		return ExitOK
	}

	if errors.Is(err, errShowVersion) {
		printVersion(env.Stdout)
		return ExitOK
	}

	if err != nil {
		printUsageError(env.Stderr, err, commandOf(args))
		return ExitUsage
	}

	if err := openAndRun(ctx, dbPath, run, env); err != nil {
		fmt.Fprintf(env.Stderr, "leadwerk: %v\n", err)
		return exitCode(err)
	}

	return ExitOK
}

// parse reads the global flags and the command's arguments. It returns the
// -db value, which is empty when -db is not given, and the command to run,
// which is nil for the window.
func parse(args []string) (string, action, error) {
	global := newFlagSet("leadwerk")
	dbPath := global.String("db", "", "database file or postgres:// URL")
	if err := global.Parse(args); err != nil {
		return "", nil, flagError("", err)
	}

	if *dbPath == "" && isFlagSet(global, "db") {
		return "", nil, usageError{message: lang.X("cli.usage.empty_db",
			"-db needs a file name or a postgres:// URL; leave -db out to use ${{.Env}} or the default database",
			map[string]any{"Env": DatabaseEnv})}
	}

	rest := global.Args()
	if len(rest) == 0 {
		return *dbPath, nil, nil
	}

	var (
		run action
		err error
	)
	switch name := rest[0]; name {
	case "import":
		run, err = parseImport(rest[1:])
	case "leads":
		run, err = parseLeads(rest[1:])
	case "pipeline":
		run, err = parsePipeline(rest[1:])
	case "chart":
		run, err = parseChart(rest[1:])
	case "demo":
		run, err = parseDemo(rest[1:])
	case "forecast":
		run, err = parseForecast(rest[1:])
	case "report":
		run, err = parseReport(rest[1:])
	case "export":
		run, err = parseExport(rest[1:])
	case "gdpr":
		run, err = parseGDPR(rest[1:])
	case "version":
		run, err = parseVersion(rest[1:])
	default:
		err = usageError{message: lang.X("cli.usage.unknown_command", "unknown command {{.Name}}",
			map[string]any{"Name": strconv.Quote(name)})}
	}

	return *dbPath, run, err
}

// openAndRun opens the database that [chooseDatabase] returns for the
// -db value dbFlag, runs the command on it and closes it.
func openAndRun(ctx context.Context, dbFlag string, run action, env Env) (err error) {
	dbPath, source, err := chooseDatabase(dbFlag, env, false)
	if err != nil {
		return err
	}

	// Open's errors name the path and the fix, so they are printed as
	// they are.
	open := env.Open
	if run == nil && env.OpenWindow != nil {
		open = env.OpenWindow
	}

	store, err := open(dbPath)
	if err != nil && source == sourcePreferences {
		err = &SavedDatabaseError{Err: err}
	}
	if err != nil {
		return openFailed(ctx, dbPath, err, run == nil, env)
	}

	if run == nil {
		run = runWindow
	}

	defer func() {
		if closeErr := store.Close(); closeErr != nil && err == nil {
			err = wrap(lang.X("cli.error.close", "closing database {{.Path}} failed: {{.Err}}",
				map[string]any{"Path": dbPath, "Err": closeErr}), closeErr)
		}
	}()

	return run(ctx, session{store: store, env: env, dbPath: dbPath})
}

func runWindow(_ context.Context, s session) error {
	if err := s.env.RunWindow(s.store); err != nil {
		return wrap(lang.X("cli.error.window", "the window failed: {{.Err}}", map[string]any{"Err": err}), err)
	}

	return nil
}

// withDefaults fills the nil fields of env from the real process, except
// Open and RunWindow, which have no default.
func (env Env) withDefaults() Env {
	if env.Stdout == nil {
		env.Stdout = os.Stdout
	}
	if env.Stderr == nil {
		env.Stderr = os.Stderr
	}
	if env.Stdin == nil {
		env.Stdin = os.Stdin
	}
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	if env.SavedLanguage == nil {
		env.SavedLanguage = langpref.Saved
	}
	if env.SavedDatabase == nil {
		env.SavedDatabase = dbpref.Saved
	}
	if env.DefaultPath == nil {
		env.DefaultPath = func() (string, error) {
			return "", errors.New("no default database path is configured")
		}
	}

	return env
}

// isFlagSet reports whether the command line gave the flag name, even
// with an empty value.
func isFlagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})

	return set
}
